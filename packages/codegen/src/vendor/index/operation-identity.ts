/**
 * Whether two pages define an operation the same way: the operation object with its path's shared
 * parameters, every local `$ref` replaced by what it points to (so two pages that name a schema differently
 * but define it alike agree, and two that share a name but not a definition do not), keys sorted. Pages of
 * one site often repeat an operation (a resource overview and its reference page); only a real difference is
 * a conflict, reported with the first place the definitions part.
 */
import { parse } from "yaml";
import { HTTP_METHODS } from "../../spec/openapi-document.js";
import { operationKey } from "../spec-summary.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function resolvePointer(doc: unknown, ref: string): unknown {
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(key)];
  }
  return node;
}

function inline(node: unknown, doc: unknown, stack: readonly string[]): Json {
  if (Array.isArray(node)) return node.map((item) => inline(item, doc, stack));
  if (node === null || typeof node !== "object") return (node ?? null) as Json;
  const record = node as Record<string, unknown>;
  const out: Record<string, Json> = {};
  const ref = record.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    // A cycle stays a reference; anything else is replaced by its target.
    out.$ref = stack.includes(ref) ? ref : inline(resolvePointer(doc, ref), doc, [...stack, ref]);
  }
  for (const key of Object.keys(record).sort()) {
    if (key === "$ref" && "$ref" in out) continue;
    out[key] = inline(record[key], doc, stack);
  }
  return out;
}

/**
 * The named operations (`METHOD /path`) of an OpenAPI document (YAML or JSON text) → their self-contained
 * definitions. Only those asked for: inlining every operation of a large document would cost far more than the
 * few that two pages share.
 */
export function operationDefinitions(text: string, wanted: ReadonlySet<string>): Map<string, Json> {
  const doc = parse(text, { maxAliasCount: -1 }) as Record<string, unknown> | null;
  const definitions = new Map<string, Json>();
  const paths = doc?.paths;
  if (!paths || typeof paths !== "object") return definitions;
  for (const [path, item] of Object.entries(paths as Record<string, Record<string, unknown>>)) {
    if (!item || typeof item !== "object") continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation || !wanted.has(operationKey({ method, path }))) continue;
      definitions.set(
        operationKey({ method, path }),
        inline({ operation, pathParameters: item.parameters ?? null }, doc, []),
      );
    }
  }
  return definitions;
}

/** The first place two definitions differ, as a dotted path (`operation.responses.200…`); undefined if equal. */
export function firstDifference(a: Json, b: Json, at: string[] = []): string | undefined {
  if (a === b) return undefined;
  const where = () => (at.length ? at.join(".") : "(the whole operation)");
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return where();
  if (Array.isArray(a) !== Array.isArray(b)) return where();
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const left = (a as Record<string, Json>)[key];
    const right = (b as Record<string, Json>)[key];
    if (left === undefined || right === undefined) return [...at, key].join(".");
    const inner = firstDifference(left, right, [...at, key]);
    if (inner) return inner;
  }
  return undefined;
}
