/** The little of the OpenAPI object model the generator walks by hand. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: ServerObject[];
  paths?: Record<string, Record<string, any>>;
  components?: Record<string, Record<string, any>>;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
};

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[] }>;
  [key: string]: unknown;
}

export interface OperationRef {
  readonly path: string;
  readonly method: HttpMethod;
  readonly operation: Record<string, any>;
  readonly pathItem: Record<string, any>;
}

/** Every operation in document order. */
export function* operationsOf(doc: OpenApiDocument): Generator<OperationRef> {
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    if (!pathItem || typeof pathItem !== "object") continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && typeof operation === "object") yield { path, method, operation, pathItem };
    }
  }
}

/** Follows local `$ref`s (`#/components/...`) until a non-reference object is reached. */
export function deref<T = any>(doc: object, value: T, seen = new Set<string>()): T {
  let current: any = value;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    current = resolvePointer(doc, ref);
    if (current === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return current;
}

export function resolvePointer(doc: object, ref: string): any {
  if (!ref.startsWith("#")) return undefined;
  let node: any = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Every `$ref` in a document with the path to it, for reporting dangling ones. */
export function* refsOf(
  node: unknown,
  at: Array<string | number> = [],
): Generator<[string, Array<string | number>]> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* refsOf(node[i], [...at, i]);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") yield [value, at];
      else if (key !== "example" && key !== "examples") yield* refsOf(value, [...at, key]);
    }
  }
}
