/**
 * Which list operations page, and how, read from the spec's own shapes: a page-number parameter next to
 * a response that says how many pages there are (Telnyx: `page[number]` and `meta.total_pages`), or a
 * cursor parameter next to a response that hands out the next cursor (`page[after]` and
 * `meta.cursors.after`). The runtime's `.all()` iterator follows what is recorded here; an operation
 * that matches neither convention gets no iterator rather than a guessed one.
 */
import type { Paging } from "@switchboard/core";
import { deref, type OpenApiDocument } from "../spec/openapi-document.js";

/** Where an input lives: the flat input key, then keys inside an object parameter (`["page", "number"]`). */
type InputPath = string[];

const PAGE_NUMBER_INPUTS = ["page[number]", "page_number", "page"];
const CURSOR_INPUTS = ["page[after]", "page_cursor", "cursor", "page_token", "starting_after"];
const NEXT_CURSOR_PATHS = [
  ["meta", "cursors", "after"],
  ["meta", "next_cursor"],
  ["meta", "page_cursor"],
  ["meta", "cursor"],
  ["next_cursor"],
];

const MAX_DEPTH = 8;

/** The properties of an object schema, with `allOf` parts merged (the usual way list envelopes are built). */
function propertiesOf(doc: OpenApiDocument, schema: unknown, depth = 0): Record<string, any> {
  const resolved = deref(doc, schema as any);
  if (!resolved || typeof resolved !== "object" || depth > MAX_DEPTH) return {};
  const own: Record<string, any> = { ...(resolved.properties ?? {}) };
  for (const part of resolved.allOf ?? []) Object.assign(own, propertiesOf(doc, part, depth + 1));
  return own;
}

function typesOf(doc: OpenApiDocument, schema: unknown): Set<string> {
  const resolved = deref(doc, schema as any);
  const types = new Set<string>();
  if (!resolved || typeof resolved !== "object") return types;
  for (const t of [resolved.type].flat()) if (typeof t === "string") types.add(t);
  for (const alt of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])])
    for (const t of typesOf(doc, alt)) types.add(t);
  if (types.size === 0 && resolved.properties) types.add("object");
  return types;
}

function schemaAt(doc: OpenApiDocument, schema: unknown, path: string[]): unknown {
  let current = schema;
  for (const key of path) {
    current = propertiesOf(doc, current)[key];
    if (current === undefined) return undefined;
  }
  return current;
}

/** Every query input a caller can set, flat names (`page[number]`) mapped to where they go. */
function queryInputs(
  doc: OpenApiDocument,
  queryParams: any[],
): Map<string, { at: InputPath; schema: unknown }> {
  const inputs = new Map<string, { at: InputPath; schema: unknown }>();
  for (const param of queryParams) {
    inputs.set(param.name, { at: [param.name], schema: param.schema });
    if (param.style === "deepObject") {
      for (const [key, schema] of Object.entries(propertiesOf(doc, param.schema)))
        inputs.set(`${param.name}[${key}]`, { at: [param.name, key], schema });
    }
  }
  return inputs;
}

/** The first JSON schema of the operation's first documented success response. */
function successSchema(doc: OpenApiDocument, operation: any): unknown {
  const statuses = Object.keys(operation.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  for (const status of statuses) {
    const response = deref(doc, operation.responses[status]);
    for (const [type, media] of Object.entries<any>(response?.content ?? {}))
      if (/[/+]json\b/i.test(type) && media?.schema) return media.schema;
  }
  return undefined;
}

export function detectPaging(doc: OpenApiDocument, operation: any, queryParams: any[]): Paging | undefined {
  const schema = successSchema(doc, operation);
  if (schema === undefined) return undefined;
  if (!typesOf(doc, schemaAt(doc, schema, ["data"])).has("array")) return undefined;
  const items = ["data"];
  const inputs = queryInputs(doc, queryParams);

  const pageInput = PAGE_NUMBER_INPUTS.map((name) => inputs.get(name)).find((input) => {
    const types = input ? typesOf(doc, input.schema) : new Set<string>();
    return types.has("integer") || types.has("number");
  });
  if (pageInput && typesOf(doc, schemaAt(doc, schema, ["meta", "total_pages"])).size > 0)
    return ["number", pageInput.at, items, ["meta", "total_pages"]];

  const cursorInput = CURSOR_INPUTS.map((name) => inputs.get(name)).find(Boolean);
  const next = NEXT_CURSOR_PATHS.find((path) => typesOf(doc, schemaAt(doc, schema, path)).has("string"));
  if (cursorInput && next) return ["cursor", cursorInput.at, items, next];
  return undefined;
}
