/**
 * What it means for two vendored files to define "the same operation": the operation object with what its
 * path item gives it (path-level parameters and servers, which OpenAPI applies to every operation of the
 * path), and the components it reaches. The merge of a provider's files and the vendoring step both compare
 * operations this way, and both say where two definitions first differ.
 */
import { isDeepStrictEqual } from "node:util";
import {
  collectRefs,
  deref,
  type OpenApiDocument,
  resolvePointer,
  unescapePointer,
} from "./openapi-document.js";

/** A path item's fields that are not operations: `parameters`, `servers`, `summary`, `description`, `x-…`. */
export function pathLevelFields(pathItem: Record<string, unknown>, methods: readonly string[]) {
  return Object.fromEntries(Object.entries(pathItem).filter(([key]) => !methods.includes(key)));
}

const parameterKey = (doc: object, parameter: unknown): string => {
  const resolved = deref<any>(doc, parameter);
  return `${resolved?.in}:${resolved?.name}`;
};

/**
 * The operation as OpenAPI reads it: the path item's parameters that the operation does not override (same
 * name and location) come first, as they apply first, and the path item's servers when the operation has
 * none. The operation itself is not changed.
 */
export function withPathLevelFields(
  doc: object,
  operation: Record<string, any>,
  pathItem: Record<string, any>,
): Record<string, any> {
  const result = { ...operation };
  const inherited = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
  if (inherited.length > 0) {
    const own = new Set((operation.parameters ?? []).map((p: unknown) => parameterKey(doc, p)));
    const added = inherited.filter((p: unknown) => !own.has(parameterKey(doc, p)));
    if (added.length > 0) result.parameters = [...added, ...(operation.parameters ?? [])];
  }
  if (pathItem.servers !== undefined && operation.servers === undefined) result.servers = pathItem.servers;
  return result;
}

/** Every component (`#/components/<kind>/<name>`) `node` reaches, directly or through other components. */
export function reachedComponents(doc: OpenApiDocument, node: unknown): Map<string, unknown> {
  const reached = new Map<string, unknown>();
  const pending = collectRefs(node);
  while (pending.length > 0) {
    const ref = pending.pop()!;
    const match = /^#\/components\/[^/]+\/[^/]+/.exec(ref);
    if (!match || reached.has(match[0])) continue;
    const value = resolvePointer(doc, match[0]);
    reached.set(match[0], value);
    collectRefs(value, pending);
  }
  return reached;
}

export interface Difference {
  /** Where the two values first differ, as keys below the compared node. */
  readonly at: Array<string | number>;
  readonly left: unknown;
  readonly right: unknown;
}

/** The first place, in key order, where two JSON values differ; undefined when they are equal. */
export function firstDifference(
  left: unknown,
  right: unknown,
  at: Array<string | number> = [],
): Difference | undefined {
  if (isDeepStrictEqual(left, right)) return undefined;
  const bothArrays = Array.isArray(left) && Array.isArray(right);
  const bothObjects = isObject(left) && isObject(right);
  if (bothArrays) {
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const found = firstDifference(left[i], right[i], [...at, i]);
      if (found) return found;
    }
  } else if (bothObjects) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    for (const key of keys) {
      const found = firstDifference(left[key], right[key], [...at, key]);
      if (found) return found;
    }
  }
  return { at, left, right };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A value as an error message shows it: short JSON, "absent" for a missing one. */
export function shown(value: unknown): string {
  if (value === undefined) return "absent";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** `a.b[2].c`, or "the whole value" for the root. */
export function pathText(at: ReadonlyArray<string | number>): string {
  if (at.length === 0) return "the top";
  return at
    .map((key, i) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$-]*$/.test(key)
          ? `${i ? "." : ""}${key}`
          : `[${JSON.stringify(key)}]`,
    )
    .join("");
}

/**
 * How one operation's definition in `right` differs from that in `left`: the operation (with its path-level
 * fields) first, then each component it reaches in either document, by name. Undefined when they are the same.
 */
export function operationDifference(
  left: OpenApiDocument,
  right: OpenApiDocument,
  path: string,
  method: string,
): Difference | undefined {
  const operationOf = (doc: OpenApiDocument) => {
    const pathItem = doc.paths?.[path];
    return pathItem?.[method] ? withPathLevelFields(doc, pathItem[method], pathItem) : undefined;
  };
  const [a, b] = [operationOf(left), operationOf(right)];
  const inOperation = firstDifference(a, b);
  if (inOperation) return { ...inOperation, at: ["paths", path, method, ...inOperation.at] };
  const components = new Map([...reachedComponents(left, a), ...reachedComponents(right, b)]);
  for (const ref of [...components.keys()].sort()) {
    const keys = ref.slice(2).split("/").map(unescapePointer);
    const found = firstDifference(resolvePointer(left, ref), resolvePointer(right, ref), keys);
    if (found) return found;
  }
  return undefined;
}
