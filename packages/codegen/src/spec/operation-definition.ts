/**
 * What it means for two vendored files to define "the same operation": the operation object with what its
 * path item gives it (path-level parameters and servers, which OpenAPI applies to every operation of the
 * path), and the components it reaches. The merge of a provider's files and the vendoring step both compare
 * operations this way, and both say where two definitions first differ.
 */
import { isDeepStrictEqual } from "node:util";
import { derefIfResolvable, type OpenApiDocument, resolvePointer, webhookItems } from "./openapi-document.js";

/** A path item's fields that are not operations: `parameters`, `servers`, `summary`, `description`, `x-…`. */
export function pathLevelFields(pathItem: Record<string, unknown>, methods: readonly string[]) {
  return Object.fromEntries(Object.entries(pathItem).filter(([key]) => !methods.includes(key)));
}

const parameterKey = (doc: object, parameter: unknown): string => {
  // Files are merged before the checks run: a reference that dangles in its own file (a page's
  // `#/paths/~1meta/get/parameters/0`, into a path another page holds) is its own key here, and the checks
  // report it at its line if the merged document does not resolve it either. It crashed the merge.
  const resolved = derefIfResolvable<any>(doc, parameter);
  if (resolved === undefined) return `$ref:${(parameter as { $ref?: unknown } | undefined)?.$ref}`;
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

const IGNORED_EXTENSION = /^x-(?!switchboard-)/;

const isRef = (value: unknown): value is { $ref: string } =>
  isObject(value) && typeof value.$ref === "string" && value.$ref.startsWith("#");

/** A value with its local `$ref` followed (siblings of the `$ref`, such as a description, laid over it). */
function followed(doc: object, value: unknown): unknown {
  if (!isRef(value)) return value;
  const { $ref, ...siblings } = value;
  const target = resolvePointer(doc, $ref);
  return Object.keys(siblings).length > 0 && isObject(target) ? { ...target, ...siblings } : target;
}

/**
 * The first place where two values differ once every local `$ref` is followed, each in its own document: an
 * operation that refers to `#/components/responses/IpResponse` and one that writes the same response out
 * are the same operation. A pair of references already being compared is taken as equal (recursive schemas).
 * A provider's own extensions (`x-latency-category`), which documentation pages tend to leave out and no
 * client reads, are not compared; the generator's (`x-switchboard-…`) are.
 */
export function resolvedDifference(
  left: { doc: object; value: unknown },
  right: { doc: object; value: unknown },
  at: Array<string | number> = [],
  comparing: ReadonlySet<string> = new Set(),
): Difference | undefined {
  let pending = comparing;
  if (isRef(left.value) || isRef(right.value)) {
    const pair = `${isRef(left.value) ? left.value.$ref : ""}\0${isRef(right.value) ? right.value.$ref : ""}`;
    if (comparing.has(pair)) return undefined;
    pending = new Set(comparing).add(pair);
  }
  const a = followed(left.doc, left.value);
  const b = followed(right.doc, right.value);
  const inner = (key: string | number, x: unknown, y: unknown) =>
    resolvedDifference({ doc: left.doc, value: x }, { doc: right.doc, value: y }, [...at, key], pending);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = inner(i, a[i], b[i]);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (IGNORED_EXTENSION.test(key)) continue;
      const found = inner(key, a[key], b[key]);
      if (found) return found;
    }
    return undefined;
  }
  return isDeepStrictEqual(a, b) ? undefined : { at, left: a, right: b };
}

/**
 * How one operation's definition in `right` differs from that in `left`, with what its path item gives it
 * and with every `$ref` followed (so the components it reaches are compared by content, whatever their names).
 * Undefined when they are the same.
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
  const found = resolvedDifference(
    { doc: left, value: operationOf(left) },
    { doc: right, value: operationOf(right) },
  );
  return found && { ...found, at: ["paths", path, method, ...found.at] };
}

/**
 * How one webhook's definition (its path item: the requests the provider sends) in `right` differs from that
 * in `left`, every `$ref` followed. Undefined when they are the same.
 */
export function webhookDifference(
  left: OpenApiDocument,
  right: OpenApiDocument,
  name: string,
): Difference | undefined {
  const webhook = (doc: OpenApiDocument) => webhookItems(doc).find((w) => w.name === name);
  const [before, after] = [webhook(left), webhook(right)];
  const found = resolvedDifference({ doc: left, value: before?.item }, { doc: right, value: after?.item });
  return found && { ...found, at: [(after ?? before)?.section ?? "webhooks", name, ...found.at] };
}
