/**
 * The requests the engines' validation is measured with: for a spread of the spec's operations, the
 * request the contract cases derive (valid), and the same request broken one way at a time, each naming
 * the field it broke so a report can be checked for pointing at it.
 */
import { deriveContractCases } from "../src/cases.js";
import { deref, isObj, type Obj } from "../src/openapi.js";

export interface ProbeRequest {
  readonly kind:
    | "valid"
    | "body property left out"
    | "body property of the wrong type"
    | "path parameter of the wrong format"
    | "query parameter left out";
  readonly operation: string;
  /** The field broken, as a report should name it. */
  readonly field?: string;
  url(base: string): string;
  readonly init: RequestInit;
}

const SAMPLE = 150;

function query(values: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (name: string, value: unknown) => {
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (isObj(value)) for (const [key, inner] of Object.entries(value)) add(`${name}[${key}]`, inner);
    else if (value !== undefined)
      parts.push(
        `${encodeURIComponent(name).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${encodeURIComponent(String(value))}`,
      );
  };
  for (const [name, value] of Object.entries(values)) add(name, value);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** A schema with its `allOf` parts' `properties` and `required` merged, one level deep. */
function flat(schema: unknown, spec: object): { properties: Obj; required: string[] } {
  const resolved = deref(schema, spec);
  const out = { properties: {} as Obj, required: [] as string[] };
  if (!isObj(resolved)) return out;
  for (const part of [resolved, ...(Array.isArray(resolved.allOf) ? resolved.allOf : [])]) {
    const p = deref(part, spec);
    if (!isObj(p)) continue;
    if (isObj(p.properties)) Object.assign(out.properties, p.properties);
    if (Array.isArray(p.required))
      out.required.push(...p.required.filter((n): n is string => typeof n === "string"));
  }
  return out;
}

export function buildRequests(
  spec: object,
  table: Record<string, readonly [string, string, ...unknown[]]>,
): ProbeRequest[] {
  const inTable = new Set(Object.values(table).map(([m, p]) => `${m.toLowerCase()} ${p}`));
  const seen = new Set<string>();
  const cases = deriveContractCases(spec).cases.filter((c) => {
    const key = `${c.method} ${c.path}`;
    if (!inTable.has(key) || seen.has(key)) return false;
    if (c.input.contentType !== undefined && !/json/.test(c.input.contentType)) return false;
    seen.add(key);
    return true;
  });
  const step = Math.max(1, Math.floor(cases.length / SAMPLE));
  const probes: ProbeRequest[] = [];
  for (const c of cases.filter((_, i) => i % step === 0).slice(0, SAMPLE)) {
    const operation = `${c.method.toUpperCase()} ${c.path}`;
    const make = (
      kind: ProbeRequest["kind"],
      change: { path?: Obj; query?: Obj; body?: unknown },
      field?: string,
    ): ProbeRequest => {
      const path = change.path ?? c.input.path;
      const q = change.query ?? c.input.query;
      const body = "body" in change ? change.body : c.input.body;
      const headers: Record<string, string> = {
        authorization: "Bearer bench",
        ...Object.fromEntries(Object.entries(c.input.header).map(([k, v]) => [k, String(v)])),
      };
      if (body !== undefined) headers["content-type"] = c.input.contentType ?? "application/json";
      const filled = c.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(String(path[name])),
      );
      return {
        kind,
        operation,
        ...(field ? { field } : {}),
        url: (base) => `${base}${filled}${query(q)}`,
        init: {
          method: c.method.toUpperCase(),
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        },
      };
    };
    probes.push(make("valid", {}));
    const pathItem = deref((spec as { paths: Obj }).paths[c.path], spec) as Obj;
    const op = pathItem[c.method] as Obj;
    const parameters = [
      ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
      ...(Array.isArray(op.parameters) ? op.parameters : []),
    ]
      .map((p) => deref(p, spec))
      .filter(isObj);
    const formatted = parameters.find((p) => {
      const schema = deref(p.schema, spec);
      return p.in === "path" && isObj(schema) && (schema.format === "uuid" || schema.type === "integer");
    });
    if (formatted)
      probes.push(
        make(
          "path parameter of the wrong format",
          { path: { ...c.input.path, [String(formatted.name)]: "zzz" } },
          String(formatted.name),
        ),
      );
    const requiredQuery = parameters.find(
      (p) => p.in === "query" && p.required === true && String(p.name) in c.input.query,
    );
    if (requiredQuery) {
      const { [String(requiredQuery.name)]: _left, ...rest } = c.input.query;
      probes.push(make("query parameter left out", { query: rest }, String(requiredQuery.name)));
    }
    if (isObj(c.input.body)) {
      const body = c.input.body as Obj;
      const media = deref(
        deref(op.requestBody, spec) && (deref(op.requestBody, spec) as Obj).content,
        spec,
      ) as Obj | undefined;
      const schema =
        media && isObj(media[c.input.contentType ?? ""])
          ? (media[c.input.contentType ?? ""] as Obj).schema
          : undefined;
      const { properties, required } = flat(schema, spec);
      const leave = required.find((name) => name in body);
      if (leave) {
        const { [leave]: _left, ...rest } = body;
        probes.push(make("body property left out", { body: rest }, leave));
      }
      const typed = required.find((name) => {
        const property = deref(properties[name], spec);
        return (
          name in body &&
          isObj(property) &&
          typeof property.type === "string" &&
          !("oneOf" in property) &&
          !("anyOf" in property)
        );
      });
      if (typed) {
        const type = (deref(properties[typed], spec) as Obj).type;
        probes.push(
          make(
            "body property of the wrong type",
            { body: { ...body, [typed]: type === "string" ? 12345 : "wrong" } },
            typed,
          ),
        );
      }
    }
  }
  return probes;
}
