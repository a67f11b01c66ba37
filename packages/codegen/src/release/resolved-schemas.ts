/**
 * Specs as the diff compares them: schemas resolved, so only what a schema means can differ, not how it is
 * written. allof-merge (by api-smart-diff's author, the library api-smart-diff itself depends on) merges
 * every `allOf` into one schema and a `$ref` with sibling keywords into the schema it names, in the whole
 * document, keeping circular references. Without it, api-smart-diff reported a `$ref` that gained a sibling
 * `description` as "type array → (any)" plus "schema removed", and an inline schema moved into `allOf` as
 * its properties removed: false breaking changes, dozens of them at Telnyx's size.
 */
import { merge } from "allof-merge";
import type { OpenApiDocument } from "../spec/openapi-document.js";
import { resolvePointer } from "../spec/openapi-document.js";

/**
 * A copy of `doc` with every `allOf` and every `$ref` with siblings merged (contradictions left as written),
 * written as OpenAPI 3.1 writes it: a provider that moves its document from 3.0 to 3.1 changes how its API is
 * written, not the API. Read as written, such an upgrade was a major release of 16 "breaking" changes, each
 * webhook removed and added, each nullable field "no longer nullable" and retyped.
 */
export function resolvedForDiff(doc: OpenApiDocument): OpenApiDocument {
  const resolved = structuredClone(
    merge(doc, { mergeRefSibling: true, onMergeError: () => {} }),
  ) as OpenApiDocument & Record<string, unknown>;
  // 3.0's `x-webhooks` (the extension our generator reads, as Redocly does) is 3.1's `webhooks`.
  if (resolved["x-webhooks"] !== undefined && resolved.webhooks === undefined) {
    resolved.webhooks = resolved["x-webhooks"] as OpenApiDocument["webhooks"];
    delete resolved["x-webhooks"];
  }
  asTypeLists(resolved, new WeakSet());
  return resolved;
}

/**
 * 3.0's `nullable: true` beside a `type` as 3.1's type list (`type: [string, "null"]`), and `nullable: false`
 * (its default) left out, in every schema of the document. Only where `type` is one name and `nullable` a
 * boolean: a field named `nullable` or `type` under `properties` is a schema, not a keyword, and stays.
 */
function asTypeLists(node: unknown, seen: WeakSet<object>): void {
  if (!node || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) asTypeLists(item, seen);
    return;
  }
  const schema = node as Record<string, unknown>;
  if (schema.nullable === false) delete schema.nullable;
  else if (schema.nullable === true && typeof schema.type === "string") {
    schema.type = [schema.type, "null"];
    delete schema.nullable;
  }
  for (const value of Object.values(schema)) asTypeLists(value, seen);
}

/**
 * Makes the two specs write each schema the same way where one refers to it by `$ref` and the other
 * inline (or by a different name): the `$ref` is replaced by the schema it names, so api-smart-diff compares
 * contents. Left alone, it read an inline schema moved into a component as every field removed plus an
 * "unclassified" `allOf`. Same-name `$ref`s stay (the library follows them); a `$ref` to a schema already
 * being walked stays too, so no JavaScript cycle is made. Edits `before` and `after` (fresh copies) in place.
 */
export function alignRefs(before: OpenApiDocument, after: OpenApiDocument): void {
  const seen = new WeakMap<object, WeakSet<object>>();
  const inline = (doc: object, node: unknown, path: Set<object>): unknown => {
    if (!isObject(node) || typeof node.$ref !== "string") return node;
    const target = resolvePointer(doc, node.$ref);
    return isObject(target) && !path.has(target) ? target : node;
  };
  const walk = (a: unknown, b: unknown, pathA: Set<object>, pathB: Set<object>): [unknown, unknown] => {
    if (!a || !b || typeof a !== "object" || typeof b !== "object") return [a, b];
    const refA = isObject(a) && typeof a.$ref === "string" ? a.$ref : undefined;
    const refB = isObject(b) && typeof b.$ref === "string" ? b.$ref : undefined;
    if (refA !== undefined && refA === refB) return [a, b];
    const x = inline(before, a, pathA) as object;
    const y = inline(after, b, pathB) as object;
    if (seen.get(x)?.has(y) || pathA.has(x) || pathB.has(y)) return [x, y];
    seen.set(x, (seen.get(x) ?? new WeakSet()).add(y));
    pathA.add(x);
    pathB.add(y);
    const xs = x as Record<string, unknown>;
    const ys = y as Record<string, unknown>;
    for (const key of Object.keys(xs)) {
      if (key === "$ref" || !Object.hasOwn(ys, key)) continue;
      const [nextA, nextB] = walk(xs[key], ys[key], pathA, pathB);
      if (nextA !== xs[key]) xs[key] = nextA;
      if (nextB !== ys[key]) ys[key] = nextB;
    }
    pathA.delete(x);
    pathB.delete(y);
    return [x, y];
  };
  walk(before, after, new Set(), new Set());
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Follows `$ref`s (local) until a node that is not one. */
function deref(doc: object, node: unknown, depth = 0): unknown {
  if (!isObject(node) || typeof node.$ref !== "string" || depth > 32) return node;
  return deref(doc, resolvePointer(doc, node.$ref), depth + 1);
}

/** The node at `path`, following `$ref`s on the way, as api-smart-diff's paths do. */
export function nodeAt(doc: object, path: ReadonlyArray<string | number>): unknown {
  let node: unknown = doc;
  for (const key of path) {
    node = deref(doc, node);
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return deref(doc, node);
}

/**
 * The property names a schema offers: its own, its `allOf` parts', and those of any `oneOf`/`anyOf`
 * alternative (a field in some alternative is still there in some shape; it is not removed).
 */
export function propertyNames(doc: object, schema: unknown, depth = 0): Set<string> {
  const names = new Set<string>();
  const resolved = deref(doc, schema);
  if (!isObject(resolved) || depth > 16) return names;
  if (isObject(resolved.properties)) for (const name of Object.keys(resolved.properties)) names.add(name);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts))
      for (const part of parts) for (const name of propertyNames(doc, part, depth + 1)) names.add(name);
  }
  return names;
}
