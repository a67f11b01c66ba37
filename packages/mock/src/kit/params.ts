/**
 * Reading a request's parameters back the way the spec declares them (OpenAPI 3 `style`/`explode`), so
 * they can be recorded as the caller passed them and validated against their schemas:
 * - path: `simple` (arrays comma-joined), percent-decoded by the router;
 * - query: `form` (arrays repeated when exploded, else comma-joined; an unexploded object's keys and values
 *   in turn), `spaceDelimited`, `pipeDelimited`,
 *   `deepObject` (`filter[number_type][eq]=local`, nested as deep as it goes; an array inside one is
 *   comma-joined, as @switchboard/core and Telnyx's own SDK send it), `content` (JSON), and exploded
 *   `form` objects (their properties as separate names);
 * - header and cookie: `simple`.
 * Values stay strings here; ajv coerces them to their schema's types when they are validated.
 */
import { deref, isObj, type Obj } from "../openapi.js";
import type { Parameter } from "./operations.js";

export type Values = Record<string, unknown>;

const JOINERS: Readonly<Record<string, string>> = { spaceDelimited: " ", pipeDelimited: "|" };

function schemaOf(parameter: Parameter, spec: object): Obj {
  const schema = deref(parameter.schema, spec);
  return isObj(schema) ? schema : {};
}

function typeIs(schema: Obj, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

/**
 * A schema and its `allOf` parts, resolved: what the value is, where a property wraps its schema with an
 * annotation (AWS writes every property as `allOf: [{$ref}, {description}]`).
 */
function withAllOf(schema: unknown, spec: object, depth = 0): Obj[] {
  const resolved = deref(schema, spec);
  if (!isObj(resolved) || depth > 8) return [];
  const parts = Array.isArray(resolved.allOf) ? resolved.allOf : [];
  return [resolved, ...parts.flatMap((part) => withAllOf(part, spec, depth + 1))];
}

/**
 * A query value where the schema has an object (an array's item, a form object's property) read as the JSON
 * text the runtime writes there (core's serializeQuery; OpenAPI leaves the case undefined); any other value,
 * or text that is no JSON object, as it came.
 */
function objectText(value: string | null, schema: unknown, spec: object): unknown {
  const parts = withAllOf(schema, spec);
  if (value === null || !parts.some((part) => typeIs(part, "object") || isObj(part.properties))) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObj(parsed) ? parsed : value;
  } catch {
    return value;
  }
}

/**
 * The schema of property `key` of an object schema (through `$ref`s and `allOf` parts), if there is one: a
 * property it declares, else (unless `declared`) its `additionalProperties`. Form bodies (forms.ts) read
 * their bracketed names with it too, as this module reads a `deepObject`.
 */
export function propertySchema(schema: Obj, key: string, spec: object, declared = false): Obj | undefined {
  for (const part of [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])]) {
    const resolved = deref(part, spec);
    if (!isObj(resolved)) continue;
    const property = isObj(resolved.properties) ? deref(resolved.properties[key], spec) : undefined;
    if (isObj(property)) return property;
    if (!declared && isObj(resolved.additionalProperties)) {
      const additional = deref(resolved.additionalProperties, spec);
      if (isObj(additional)) return additional;
    }
  }
  return undefined;
}

/** `filter[a][b]` → `["a", "b"]` after `filter`; undefined when `key` is not under `name`. */
export function bracketPath(key: string, name: string): string[] | undefined {
  if (!key.startsWith(`${name}[`)) return undefined;
  const keys = [...key.slice(name.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
  return keys.join("").length + keys.length * 2 === key.length - name.length ? keys : undefined;
}

function deepObject(name: string, query: URLSearchParams, schema: Obj, spec: object): Values | undefined {
  let out: Values | undefined;
  for (const [key, value] of query) {
    const path = bracketPath(key, name);
    if (!path?.length) continue;
    out ??= {};
    let node: Values = out;
    let nodeSchema: Obj | undefined = schema;
    path.forEach((segment, i) => {
      nodeSchema = nodeSchema && propertySchema(nodeSchema, segment, spec);
      if (i === path.length - 1) {
        node[segment] = nodeSchema && typeIs(nodeSchema, "array") ? value.split(",") : value;
      } else {
        if (!isObj(node[segment])) node[segment] = {};
        node = node[segment] as Values;
      }
    });
  }
  return out;
}

function queryValue(parameter: Parameter, query: URLSearchParams, spec: object): unknown {
  const { name } = parameter;
  if (isObj(parameter.content)) {
    const raw = query.get(name);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  const schema = schemaOf(parameter, spec);
  const style = parameter.style ?? "form";
  const explode = parameter.explode ?? style === "form";
  if (style === "deepObject") return deepObject(name, query, schema, spec);
  if (typeIs(schema, "array")) {
    const values = query.getAll(name);
    if (values.length === 0) return undefined;
    if (explode && style === "form") return values.map((value) => objectText(value, schema.items, spec));
    return values.flatMap((v) => v.split(JOINERS[style] ?? ","));
  }
  if (typeIs(schema, "object") && !explode && query.has(name)) {
    // An unexploded object: its keys and values in turn, joined (`color=R,100,G,200`, core's serializeQuery).
    const items = query.get(name)!.split(JOINERS[style] ?? ",");
    const out: Values = {};
    for (let i = 0; i + 1 < items.length; i += 2) out[items[i]!] = items[i + 1];
    return out;
  }
  if (typeIs(schema, "object") && !query.has(name)) {
    // An exploded form object: its properties are names of their own.
    if (!explode || !isObj(schema.properties)) return undefined;
    const out: Values = {};
    for (const [key, property] of Object.entries(schema.properties)) {
      if (!query.has(key)) continue;
      // An array property is its items repeated, as the form style explodes them (core's serializeQuery).
      const parts = withAllOf(property, spec);
      out[key] = parts.some((part) => typeIs(part, "array"))
        ? query.getAll(key).map((item) => objectText(item, parts.find((part) => part.items)?.items, spec))
        : objectText(query.get(key), property, spec);
    }
    if (Object.keys(out).length > 0) return out;
    // None of its names: a required object that requires no property is the empty one, which is written as
    // nothing (AWS SES's `TrackingOptions`); any other is not there.
    const requires = Array.isArray(schema.required) && schema.required.length > 0;
    return parameter.required && !requires ? out : undefined;
  }
  return query.get(name) ?? undefined;
}

function cookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

export interface ParsedParameters {
  readonly path: Values;
  readonly query: Values;
  readonly header: Values;
  readonly cookie: Values;
}

/** Headers OpenAPI says are not parameters: the client and the security schemes set them. */
export const NOT_PARAMETERS = new Set(["accept", "content-type", "authorization"]);

/**
 * The headers fetch writes itself into a request whose caller set none, with the values it writes (Node's:
 * `Accept-Language: *`, `Accept-Encoding: gzip, deflate`, …). An optional header parameter of that name with
 * that value was not set by the caller, and is read as not sent: every call that left Zalando's optional
 * `Accept-Language` (an enum of its shops) out was otherwise refused. Also given to the Prism mock.
 */
export const FETCH_WRITES: Readonly<Record<string, readonly string[]>> = {
  accept: ["*/*"],
  "accept-encoding": ["gzip, deflate", "br, gzip, deflate"],
  "accept-language": ["*"],
  "sec-fetch-mode": ["cors"],
  "user-agent": ["node", "undici"],
};

/** Whether `value` of the header `name` is one fetch wrote itself. */
const writtenByFetch = (name: string, value: string) => {
  const lower = name.toLowerCase();
  return Object.hasOwn(FETCH_WRITES, lower) && FETCH_WRITES[lower]!.includes(value);
};

/** The values of every declared parameter the request has, by location. */
export function readParameters(
  parameters: readonly Parameter[],
  pathParams: Readonly<Record<string, string>>,
  url: URL,
  headers: Headers,
  spec: object,
): ParsedParameters {
  const out: ParsedParameters = { path: {}, query: {}, header: {}, cookie: {} };
  const jar = cookies(headers.get("cookie"));
  for (const parameter of parameters) {
    let value: unknown;
    if (parameter.in === "path") {
      value = pathParams[parameter.name];
      if (typeof value === "string" && typeIs(schemaOf(parameter, spec), "array")) value = value.split(",");
    } else if (parameter.in === "query") {
      value = queryValue(parameter, url.searchParams, spec);
    } else if (parameter.in === "header") {
      if (NOT_PARAMETERS.has(parameter.name.toLowerCase())) continue;
      value = headers.get(parameter.name) ?? undefined;
      if (!parameter.required && typeof value === "string" && writtenByFetch(parameter.name, value))
        value = undefined;
    } else if (parameter.in === "cookie") {
      value = jar.get(parameter.name);
    }
    if (value !== undefined) out[parameter.in][parameter.name] = value;
  }
  // Path parameters the spec forgot to declare still belong to the call.
  for (const [name, value] of Object.entries(pathParams)) if (!(name in out.path)) out.path[name] = value;
  return out;
}
