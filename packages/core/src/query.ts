/**
 * Query strings as OpenAPI parameters describe them, one parameter at a time (openapi-fetch applies one
 * style to every parameter of a client and refuses nested objects, which Telnyx's filters are):
 * - primitives: `name=value`;
 * - arrays: repeated, `name=a&name=b` (style form, explode), or joined for the styles the table records;
 * - objects: `deepObject`, nested as deep as the value goes: `filter[number_type][eq]=local`. An array
 *   inside one is joined with commas, as Telnyx's own SDK sends it (OpenAPI leaves that case undefined);
 * - style `form` objects spread their keys (`key=value`, an array's items repeated as the form style
 *   explodes them), `json` sends the value as JSON;
 * - an object where a value is written (an array's item, a form object's property: AWS's query-protocol
 *   `TrafficSources`, Sinao's line items), which OpenAPI leaves undefined, as its JSON text, as the form
 *   encoders write one (core's body.ts), not `[object Object]`.
 * Brackets in names stay readable (`page[number]=1`), and the delimiters of a joined value are written as
 * themselves (`ids=a,b%2Cc`, `tags=p|q`; a space as `%20`), each value percent-encoded, so a server splitting
 * on the delimiter gets the values back even where one holds it; everything else is percent-encoded.
 */
import type { QueryStyle } from "./contract.js";

const encodeName = (name: string) => encodeURIComponent(name).replace(/%5B/g, "[").replace(/%5D/g, "]");
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !(value instanceof Date);
const text = (value: unknown) =>
  value instanceof Date
    ? value.toISOString()
    : isObject(value) && !Array.isArray(value)
      ? JSON.stringify(value)
      : String(value);
const JOINERS: Readonly<Record<string, string>> = { comma: ",", space: " ", pipe: "|" };

export function serializeQuery(
  query: Readonly<Record<string, unknown>>,
  styles?: Readonly<Record<string, QueryStyle>>,
): string {
  const parts: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value != null) parts.push(`${encodeName(name)}=${encodeURIComponent(text(value))}`);
  };
  const joined = (name: string, values: readonly unknown[], joiner: string) => {
    if (values.length)
      parts.push(
        `${encodeName(name)}=${values.map((v) => encodeURIComponent(text(v))).join(joiner === " " ? "%20" : joiner)}`,
      );
  };
  const deep = (prefix: string, value: Record<string, unknown>) => {
    for (const [key, inner] of Object.entries(value)) {
      const name = `${prefix}[${key}]`;
      if (Array.isArray(inner)) joined(name, inner, ",");
      else if (isObject(inner)) deep(name, inner);
      else add(name, inner);
    }
  };

  for (const [name, value] of Object.entries(query)) {
    const style = styles?.[name];
    const joiner = style && JOINERS[style];
    if (style === "json") add(name, value == null ? value : JSON.stringify(value));
    else if (Array.isArray(value)) {
      if (joiner) joined(name, value, joiner);
      else for (const item of value) add(name, item);
    } else if (!isObject(value)) add(name, value);
    else if (style === "form")
      for (const [key, inner] of Object.entries(value))
        for (const item of Array.isArray(inner) ? inner : [inner]) add(key, item);
    else if (joiner) joined(name, Object.entries(value).flat(), joiner);
    else deep(name, value);
  }
  return parts.join("&");
}
