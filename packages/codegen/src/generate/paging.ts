/**
 * Which list operations page, and how (core's `Paging`), read from the spec's own shapes or declared by the
 * provider's settings file (`paging:`) or an operation's `x-switchboard-paging` (set by an overlay). Detected,
 * in this order, for a GET whose success body holds a list:
 * - page number: a page-number parameter next to a page count (Telnyx's `page[number]`, `meta.total_pages`);
 * - cursor or page token: a cursor parameter next to the next cursor (`page[after]`, `meta.cursors.after`;
 *   `PageToken`, `next_page_token`);
 * - next-page URL in the body: `next_page_uri` (Twilio), `meta.next_page_url`, `links.next`, `_links.next.href`
 *   (HAL), `next` (a URL);
 * - `Link` header: the success response declares one (`Link: <…>; rel="next"`);
 * - offset: an offset parameter next to an item count (`offset`, `total`);
 * - page number counted in items: a page-number parameter next to a total of items (Telnyx 10DLC's `page`,
 *   `totalRecords`), named as a total: a bare `count` may be the page's own length, which would end the
 *   list after its first page;
 * - after the last item: a cursor parameter named for it (`starting_after`), a `has_more` flag beside the list
 *   and an `id` in its items, and no next cursor (Stripe's). Without the flag (Retell's `pagination_key`
 *   beside a bare list) it is only declared: a cursor name alone says too little of what the cursor is.
 * An operation that matches none gets no iterator rather than a guessed one; a declaration wins over
 * detection (`false` removes an iterator detection would add).
 */
import type { Paging } from "@switchboard/core";
import { InputError } from "../errors.js";
import { deref, type OpenApiDocument } from "../spec/openapi-document.js";
import { checkPagingDeclaration, type PagingDeclaration } from "../spec/provider-settings.js";

/** Where an input lives: the flat input key, then keys inside an object parameter (`["page", "number"]`). */
type InputPath = string[];

/** The vendor extension an overlay sets on an operation to declare its paging (as in the settings file). */
export const PAGING_EXTENSION = "x-switchboard-paging";

/** Names compared without case or separators: `PageToken`, `page_token` and `pageToken` are one name. */
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
const names = (...list: string[]) => new Set(list.map(squash));

const PAGE_NUMBER_INPUTS = names("page[number]", "page_number", "page", "pageNumber");
const CURSOR_INPUTS = names(
  "page[after]",
  "page_cursor",
  "cursor",
  "page_token",
  "starting_after",
  "after",
  "next_token",
  "continuation_token",
  "next_page_token",
  "pagination_token",
);
/** Cursor parameters that name an item the next page starts after, rather than an opaque token. */
const AFTER_INPUTS = names("starting_after", "start_after", "after", "after_id", "startingAfter");
const OFFSET_INPUTS = names("offset", "page[offset]", "start", "skip");
const TOTAL_PAGES = names("total_pages", "page_count", "num_pages", "pages", "last_page");
const NEXT_CURSORS = names(
  "after",
  "next_cursor",
  "next_page_token",
  "page_cursor",
  "cursor",
  "next_token",
  "continuation_token",
  "page_token",
);
const NEXT_URLS = names(
  "next_page_uri",
  "next_page_url",
  "next_uri",
  "next_url",
  "next_link",
  "next_href",
  "next",
);
const TOTAL_ITEMS = ["total", "total_count", "total_items", "total_results", "total_records"];
const TOTALS = names(...TOTAL_ITEMS, "count");
const NAMED_TOTALS = names(...TOTAL_ITEMS);
/** Envelopes that hold paging metadata or the list itself. */
const ENVELOPES = names(
  "meta",
  "pagination",
  "page_info",
  "paging",
  "links",
  "_links",
  "cursors",
  "page",
  "metadata",
);
const LIST_NAMES = names(
  "data",
  "items",
  "results",
  "records",
  "entries",
  "resources",
  "list",
  "_embedded",
  "objects",
);

const MAX_DEPTH = 8;

/** The properties of an object schema, with `allOf` parts merged (the usual way list envelopes are built). */
function propertiesOf(doc: OpenApiDocument, schema: unknown, depth = 0): Record<string, any> {
  const resolved = deref(doc, schema as any);
  if (!resolved || typeof resolved !== "object" || depth > MAX_DEPTH) return {};
  const own: Record<string, any> = { ...(resolved.properties ?? {}) };
  for (const part of resolved.allOf ?? []) Object.assign(own, propertiesOf(doc, part, depth + 1));
  return own;
}

function typesOf(doc: OpenApiDocument, schema: unknown, depth = 0): Set<string> {
  const resolved = deref(doc, schema as any);
  const types = new Set<string>();
  if (!resolved || typeof resolved !== "object" || depth > MAX_DEPTH) return types;
  for (const t of [resolved.type].flat()) if (typeof t === "string") types.add(t);
  for (const alt of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])])
    for (const t of typesOf(doc, alt, depth + 1)) types.add(t);
  if (types.size === 0 && resolved.properties) types.add("object");
  if (types.size === 0 && resolved.items) types.add("array");
  return types;
}

function schemaAt(doc: OpenApiDocument, schema: unknown, path: readonly string[]): unknown {
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

/** The first JSON schema of the operation's first documented success response, and that response. */
function success(doc: OpenApiDocument, operation: any): { schema?: unknown; response?: any } {
  const statuses = Object.keys(operation.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  for (const status of statuses) {
    const response = deref(doc, operation.responses[status]);
    for (const [type, media] of Object.entries<any>(response?.content ?? {}))
      if (/[/+]json\b/i.test(type) && media?.schema) return { schema: media.schema, response };
    if (response) return { response };
  }
  return {};
}

/** Paths of the body's properties, top level first, then inside the envelopes paging metadata lives in. */
function candidatePaths(doc: OpenApiDocument, schema: unknown): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, prefix: string[], depth: number) => {
    for (const [key, inner] of Object.entries(propertiesOf(doc, node))) {
      out.push([...prefix, key]);
      if (depth < 2 && ENVELOPES.has(squash(key))) walk(inner, [...prefix, key], depth + 1);
    }
  };
  walk(schema, [], 0);
  return out;
}

const isUrlLike = (doc: OpenApiDocument, schema: unknown, key: string) => {
  const resolved = deref(doc, schema as any);
  return (
    /ur[il]|href|link/i.test(key) || /^(uri|url|uri-reference|iri)$/.test(String(resolved?.format ?? ""))
  );
};

/**
 * Where the page's list is: the body itself when it is an array; else `data` or another list name, or the
 * body's one array property (Twilio's `calls`), at the top level or inside one envelope (`_embedded`).
 */
function itemsPath(doc: OpenApiDocument, schema: unknown, path: string): string[] | undefined {
  if (typesOf(doc, schema).has("array")) return [];
  const arrays = (node: unknown, prefix: string[]) =>
    Object.entries(propertiesOf(doc, node))
      .filter(([, inner]) => typesOf(doc, inner).has("array"))
      .map(([key]) => [...prefix, key]);
  const top = arrays(schema, []);
  const last = squash(
    path
      .split("/")
      .filter((s) => s && !s.includes("{"))
      .at(-1)
      ?.replace(/\.json$/, "") ?? "",
  );
  const pick = (found: string[][]) =>
    found.length === 1
      ? found[0]
      : (found.find((p) => LIST_NAMES.has(squash(p.at(-1)!))) ??
        found.find((p) => squash(p.at(-1)!) === last));
  const direct = pick(top);
  if (direct) return direct;
  for (const [key, inner] of Object.entries(propertiesOf(doc, schema))) {
    if (!LIST_NAMES.has(squash(key)) && !ENVELOPES.has(squash(key))) continue;
    const nested = pick(arrays(inner, [key]));
    if (nested) return nested;
  }
  return undefined;
}

function detect(doc: OpenApiDocument, path: string, operation: any, queryParams: any[]): Paging | undefined {
  const { schema, response } = success(doc, operation);
  const linkHeader = Object.keys(response?.headers ?? {}).some((h) => h.toLowerCase() === "link");
  if (schema === undefined) return undefined;
  const items = itemsPath(doc, schema, path);
  if (!items) return undefined;
  const inputs = [...queryInputs(doc, queryParams)];
  const input = (accepted: Set<string>, types?: string[]) =>
    inputs.find(
      ([name, { schema: s }]) =>
        accepted.has(squash(name)) && (!types || types.some((t) => typesOf(doc, s).has(t))),
    )?.[1];
  const fields = candidatePaths(doc, schema);
  const field = (accepted: Set<string>, test: (schema: unknown, key: string) => boolean) =>
    fields.find((p) => accepted.has(squash(p.at(-1)!)) && test(schemaAt(doc, schema, p), p.at(-1)!));
  const numeric = (s: unknown) => ["integer", "number"].some((t) => typesOf(doc, s).has(t));
  const string = (s: unknown) => typesOf(doc, s).has("string");

  const page = input(PAGE_NUMBER_INPUTS, ["integer", "number"]);
  const totalPages = field(TOTAL_PAGES, numeric);
  if (page && totalPages) return ["number", page.at, items, totalPages];

  const cursor = input(CURSOR_INPUTS);
  const nextCursor = field(NEXT_CURSORS, (s, key) => string(s) && !isUrlLike(doc, s, key));
  if (cursor && nextCursor) return ["cursor", cursor.at, items, nextCursor];

  // A next-page URL: a string, or HAL's `{ href }` (`_links.next.href`).
  const nextUrl = field(NEXT_URLS, (s, key) =>
    string(s)
      ? isUrlLike(doc, s, key) || (key === "next" && !cursor)
      : typesOf(doc, schemaAt(doc, s, ["href"])).has("string"),
  );
  if (nextUrl) return ["url", string(schemaAt(doc, schema, nextUrl)) ? nextUrl : [...nextUrl, "href"], items];

  if (linkHeader) return ["link", [], items];

  const offset = input(OFFSET_INPUTS, ["integer", "number"]);
  const total = field(TOTALS, numeric);
  if (offset && total) return ["offset", offset.at, items, total];

  const totalItems = field(NAMED_TOTALS, numeric);
  if (page && totalItems) return ["number", page.at, items, totalItems, "items"];

  const after = input(AFTER_INPUTS, ["string", "integer"]);
  const flag = schemaAt(doc, schema, [...items.slice(0, -1), "has_more"]);
  const id = propertiesOf(doc, itemSchema(doc, schema, items)).id;
  if (after && items.length && typesOf(doc, flag).has("boolean") && (string(id) || numeric(id)))
    return ["after", after.at, items, ["id"]];
  return undefined;
}

/** The schema of one item of the list at `items` (`[]` for the body itself). */
function itemSchema(doc: OpenApiDocument, schema: unknown, items: readonly string[]): unknown {
  const list = items.length ? schemaAt(doc, schema, items) : schema;
  return deref(doc, list as any)?.items;
}

/** A dotted response path (`meta.total_pages`, `""` for the body itself) as keys. */
const keys = (dotted: string) => (dotted === "" ? [] : dotted.split("."));

/** A declared paging as core's `Paging`, checked against the operation (errors through `fail`). */
function declared(
  doc: OpenApiDocument,
  operation: any,
  queryParams: any[],
  declaration: PagingDeclaration,
  fail: (field: string, detail: string) => void,
): Paging | undefined {
  const { schema } = success(doc, operation);
  const inputs = queryInputs(doc, queryParams);
  let ok = true;
  const inputAt = (field: "page" | "cursor" | "offset") => {
    const name = declaration[field]!;
    const found = inputs.get(name);
    if (!found) {
      ok = false;
      fail(
        field,
        `\`${name}\` is not a query parameter of the operation (it has ${[...inputs.keys()].join(", ") || "none"})`,
      );
    }
    return found?.at ?? [];
  };
  const bodyAt = (field: "items" | "next" | "totalPages" | "total", array = false) => {
    const path = keys(declaration[field]!);
    const target = path.length ? schemaAt(doc, schema, path) : schema;
    if (schema === undefined || target === undefined || (array && !typesOf(doc, target).has("array"))) {
      ok = false;
      fail(
        field,
        schema === undefined
          ? // ClickSend's: examples, and no schema to find the field in.
            `the success response declares no JSON schema to find \`${declaration[field]}\` in; an overlay can give it one`
          : `\`${declaration[field]}\` is not ${array ? "a list" : "a field"} in the success response body`,
      );
    }
    return path;
  };
  const items = bodyAt("items", true);
  let paging: Paging;
  switch (declaration.style) {
    case "number":
      paging =
        declaration.total === undefined
          ? ["number", inputAt("page"), items, bodyAt("totalPages")]
          : ["number", inputAt("page"), items, bodyAt("total"), "items"];
      break;
    case "cursor":
      paging = ["cursor", inputAt("cursor"), items, bodyAt("next")];
      break;
    case "offset":
      paging =
        declaration.total === undefined
          ? ["offset", inputAt("offset"), items]
          : ["offset", inputAt("offset"), items, bodyAt("total")];
      break;
    case "url":
      paging = ["url", bodyAt("next"), items];
      break;
    case "after": {
      const id = keys(declaration.id!);
      // Checked where the item's schema says what it holds; an item schema without properties cannot say.
      const item = itemSchema(doc, schema, items);
      const known = Object.keys(propertiesOf(doc, item)).length > 0;
      if (ok && known && schemaAt(doc, item, id) === undefined) {
        ok = false;
        fail("id", `\`${declaration.id}\` is not a field of the items of \`${declaration.items}\``);
      }
      paging = ["after", inputAt("cursor"), items, id];
      break;
    }
    default:
      paging = ["link", [], items];
  }
  return ok ? paging : undefined;
}

/**
 * How the operation `name` pages: as declared (`declaration`, from the settings file, or the operation's
 * `x-switchboard-paging`), else as detected for GETs. Problems with a declaration are added to `errors`.
 */
export function pagingOf(
  doc: OpenApiDocument,
  op: { name: string; method: string; path: string; operation: any },
  queryParams: any[],
  declaration: { value: PagingDeclaration | false; file: string; line?: number | undefined } | undefined,
  label: string,
  errors: InputError[],
): Paging | undefined {
  const fromExtension = op.operation[PAGING_EXTENSION];
  const where = `${op.method.toUpperCase()} ${op.path}`;
  let chosen = declaration;
  if (!chosen && fromExtension !== undefined) {
    const value = checkPagingDeclaration(fromExtension, (path, detail) =>
      errors.push(new InputError(label, `${where}: ${[PAGING_EXTENSION, ...path].join(".")}: ${detail}`)),
    );
    if (value === undefined) return undefined;
    chosen = { value, file: label };
  }
  if (!chosen) return op.method === "get" ? detect(doc, op.path, op.operation, queryParams) : undefined;
  if (chosen.value === false) return undefined;
  const { file, line } = chosen;
  return declared(doc, op.operation, queryParams, chosen.value, (field, detail) =>
    errors.push(new InputError(file, `paging of \`${op.name}\` (${where}), ${field}: ${detail}`, line)),
  );
}
