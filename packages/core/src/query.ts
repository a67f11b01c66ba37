/**
 * Query strings as OpenAPI parameters describe them, one parameter at a time (openapi-fetch applies one
 * style to every parameter of a client and refuses nested objects, which Telnyx's filters are):
 * - primitives: `name=value`;
 * - arrays: repeated, `name=a&name=b` (style form, explode), or joined for the styles the table records;
 * - objects: `deepObject`, nested as deep as the value goes: `filter[number_type][eq]=local`. An array
 *   inside one is joined with commas, as Telnyx's own SDK sends it (OpenAPI leaves that case undefined);
 * - style `form` objects spread their keys (`key=value`), `json` sends the value as JSON.
 * Brackets in names stay readable (`page[number]=1`); everything else is percent-encoded.
 */
import type { QueryStyle } from "./types.js";

const encodeName = (name: string) => encodeURIComponent(name).replace(/%5B/g, "[").replace(/%5D/g, "]");

function text(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

const JOINERS: Partial<Record<QueryStyle, string>> = { comma: ",", space: " ", pipe: "|" };

export function serializeQuery(
  query: Readonly<Record<string, unknown>>,
  styles?: Readonly<Record<string, QueryStyle>>,
): string {
  const parts: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value !== undefined && value !== null)
      parts.push(`${encodeName(name)}=${encodeURIComponent(text(value))}`);
  };
  const deep = (prefix: string, value: Record<string, unknown>) => {
    for (const [key, inner] of Object.entries(value)) {
      const name = `${prefix}[${key}]`;
      if (Array.isArray(inner)) add(name, inner.length ? inner.map(text).join(",") : undefined);
      else if (inner !== null && typeof inner === "object" && !(inner instanceof Date))
        deep(name, inner as Record<string, unknown>);
      else add(name, inner);
    }
  };

  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const style = styles?.[name];
    if (style === "json") {
      add(name, JSON.stringify(value));
    } else if (Array.isArray(value)) {
      const joiner = style && JOINERS[style];
      if (value.length === 0) continue;
      if (joiner) add(name, value.map(text).join(joiner));
      else for (const item of value) add(name, item);
    } else if (typeof value === "object" && !(value instanceof Date)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (style === "form") for (const [key, inner] of entries) add(key, inner);
      else if (style && JOINERS[style])
        add(name, entries.flatMap(([key, inner]) => [key, text(inner)]).join(JOINERS[style]));
      else deep(name, value as Record<string, unknown>);
    } else {
      add(name, value);
    }
  }
  return parts.join("&");
}
