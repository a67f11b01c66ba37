/**
 * The little of the OpenAPI object model the mock walks by hand: the operation fields of a Path Item, local
 * `$ref`s. Only local `$ref`s (`#/...`) are followed: pass a bundled document.
 */

/** The fixed fields of a Path Item Object that are operations (OpenAPI 3.0 and 3.1). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON pointer's segment as the key it names (`~1` is `/`, `~0` is `~`). */
export const unescapeKey = (segment: string): string => segment.replaceAll("~1", "/").replaceAll("~0", "~");

export function resolvePointer(spec: object, ref: string): unknown {
  if (!ref.startsWith("#")) {
    throw new Error(`external $ref ${JSON.stringify(ref)} is not supported: bundle the document first`);
  }
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === "") return spec;
  let node: unknown = spec;
  for (const raw of pointer.split("/").slice(1)) {
    const key = unescapeKey(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObj(node)) node = node[key];
    else node = undefined;
    if (node === undefined) throw new Error(`$ref ${JSON.stringify(ref)} does not resolve`);
  }
  return node;
}

/** Follow a chain of `$ref`s (components often point at other components). Siblings of `$ref` win. */
export function deref(node: unknown, spec: object): unknown {
  const seen = new Set<string>();
  let current = node;
  while (isObj(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref cycle through ${JSON.stringify(ref)}`);
    seen.add(ref);
    const { $ref: _ignored, ...siblings } = current;
    const target = resolvePointer(spec, ref);
    current = Object.keys(siblings).length > 0 && isObj(target) ? { ...target, ...siblings } : target;
  }
  return current;
}

/**
 * Merges `overrides` into `value`: objects key by key, anything else (arrays too) replaced. A webhook
 * sender's overrides and a scripted reply's `patch` both change the spec's example this way.
 */
export function merged(value: unknown, overrides: unknown): unknown {
  if (!isObj(value) || !isObj(overrides)) return overrides === undefined ? value : structuredClone(overrides);
  const out: Obj = { ...value };
  for (const [key, override] of Object.entries(overrides)) out[key] = merged(value[key], override);
  return out;
}
