/**
 * Checking a request against its operation: credentials, parameters and body, each violation pointing at
 * the field (`body.to: must be string`, `path.id: must match format "uuid" (got "ip-1")`), so a test
 * that sent a bad request fails with a message that says what to fix.
 *
 * Schemas are checked by ajv (src/validate.ts converts them), with every error reported. ajv reports a
 * failed `oneOf`/`anyOf` as one line plus every error of every alternative; here it becomes the errors of
 * the alternative the value came closest to (fewest errors), which is what a person reading it would pick.
 */
import type { ErrorObject } from "ajv";
import { deref, isObj, type Obj } from "../openapi.js";
import { type CheckOptions, schemaErrors } from "../validate.js";
import type { Operation, Parameter } from "./operations.js";
import { NOT_PARAMETERS, type ParsedParameters, type Values } from "./params.js";

export interface Violation {
  /** Where: `path.id`, `query.page[size]`, `header.X-Tenant`, `body.to`, `body`, `auth`, `route`. */
  readonly at: string;
  readonly message: string;
}

export const formatViolation = (violation: Violation): string => `${violation.at}: ${violation.message}`;

const preview = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text !== undefined && text.length <= 60 ? ` (got ${text})` : "";
};

/** `["items", 0, "name"]` under `body` → `body.items[0].name`. */
function fieldPath(base: string, instancePath: string, extra?: string): string {
  const segments = instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  if (extra !== undefined) segments.push(extra);
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : `${path}.${s}`), base);
}

function describe(error: ErrorObject, base: string): Violation {
  const { keyword, params } = error;
  if (keyword === "required")
    return {
      at: fieldPath(base, error.instancePath, String(params.missingProperty)),
      message: "is required",
    };
  if (keyword === "additionalProperties" || keyword === "unevaluatedProperties") {
    const name = String(params.additionalProperty ?? params.unevaluatedProperty);
    return { at: fieldPath(base, error.instancePath, name), message: "is not a property the schema allows" };
  }
  const at = fieldPath(base, error.instancePath);
  if (keyword === "enum")
    return {
      at,
      message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}${preview(error.data)}`,
    };
  if (keyword === "const")
    return { at, message: `must be ${JSON.stringify(params.allowedValue)}${preview(error.data)}` };
  const scalar = error.data === null || typeof error.data !== "object";
  return { at, message: `${error.message ?? keyword}${scalar ? preview(error.data) : ""}` };
}

const under = (path: string, parent: string) =>
  parent === "" || path === parent || path.startsWith(`${parent}/`);

/**
 * ajv's errors with each failed `oneOf`/`anyOf` replaced by the errors of its closest alternative. ajv
 * reports an alternative's errors just before the `oneOf` error itself (which it adds last), so the run of
 * errors at or under the same value before it is what the alternatives said; each alternative is then
 * checked alone (ajv's `verbose` keeps the schemas and the value) to tell which said what.
 */
function closest(
  errors: ErrorObject[],
  recheck: (schema: unknown, data: unknown) => ErrorObject[],
): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if ((error.keyword !== "oneOf" && error.keyword !== "anyOf") || !Array.isArray(error.schema)) {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && under(out[start - 1]!.instancePath, error.instancePath)) start--;
    if (error.keyword === "oneOf" && (error.params as { passingSchemas?: unknown }).passingSchemas) {
      // The value matched several alternatives: that is the whole story.
      out.splice(start);
      out.push(error);
      continue;
    }
    let best: ErrorObject[] | undefined;
    for (const alternative of error.schema) {
      const found = closest(recheck(alternative, error.data), recheck).map((e) => ({
        ...e,
        instancePath: error.instancePath + e.instancePath,
      }));
      if (!best || found.length < best.length) best = found;
    }
    out.splice(start);
    out.push(...(best?.length ? best : [error]));
  }
  return out;
}

/** Every way `value` breaks `schema`, as violations under `base` (`body`, `query`, …). */
export function schemaViolations(
  value: unknown,
  schema: unknown,
  spec: object,
  base: string,
  options: CheckOptions,
): Violation[] {
  const errors = schemaErrors(value, schema, spec, options);
  if (errors.length === 0) return [];
  const recheck = (alternative: unknown, data: unknown) =>
    // Re-checked without coercion: the value was coerced already in the first pass.
    schemaErrors(structuredClone(data), alternative, spec, { direction: options.direction }, true);
  return closest(
    errors.filter((e) => e.keyword !== "if"),
    recheck,
  ).map((e) => describe(e, base));
}

/** One object schema per parameter location of an operation, so one ajv call checks them all. */
function locationSchema(operation: Operation, location: Parameter["in"]): Obj {
  const key = `params:${location}`;
  let schema = operation.cache.get(key) as Obj | undefined;
  if (!schema) {
    const properties: Obj = {};
    const required: string[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in !== location) continue;
      if (location === "header" && NOT_PARAMETERS.has(parameter.name.toLowerCase())) continue;
      const content = isObj(parameter.content) ? Object.values(parameter.content)[0] : undefined;
      properties[parameter.name] = parameter.schema ?? (isObj(content) ? content.schema : undefined) ?? {};
      if (parameter.required === true || location === "path") required.push(parameter.name);
    }
    schema = { type: "object", properties, required };
    operation.cache.set(key, schema);
  }
  return schema;
}

export function checkParameters(operation: Operation, params: ParsedParameters, spec: object): Violation[] {
  const violations: Violation[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const schema = locationSchema(operation, location);
    if (Object.keys(schema.properties as Obj).length === 0) continue;
    // Coerced in place ("5" → 5), so the call is recorded with the types the method was given.
    violations.push(
      ...schemaViolations(params[location], schema, spec, location, { direction: "request", coerce: true }),
    );
  }
  return violations;
}

/** A request body as the mock read it. */
export type ReadBody =
  | { readonly kind: "none" }
  | { readonly kind: "value"; readonly mediaType: string; readonly value: unknown; readonly coerce: boolean }
  | { readonly kind: "unreadable"; readonly mediaType: string; readonly reason: string };

/** The declared media type a `Content-Type` header falls under (`application/json; charset=utf-8`, `text/*`). */
export function declaredMediaType(content: Obj, contentType: string): string | undefined {
  const actual = contentType.split(";")[0]!.trim().toLowerCase();
  const declared = Object.keys(content);
  return (
    declared.find((t) => t.split(";")[0]!.trim().toLowerCase() === actual) ??
    declared.find((t) => {
      const [type, sub] = t.split(";")[0]!.trim().toLowerCase().split("/");
      const [actualType] = actual.split("/");
      return (sub === "*" && type === actualType) || type === "*";
    })
  );
}

/** The schema of the request body `operation` declares for a `Content-Type`; undefined where it declares none. */
export function declaredBodySchema(operation: Operation, contentType: string, spec: object): unknown {
  const requestBody = deref(operation.requestBody, spec);
  const content = isObj(requestBody) && isObj(requestBody.content) ? requestBody.content : {};
  const declared = declaredMediaType(content, contentType);
  const media = declared === undefined ? undefined : deref(content[declared], spec);
  return isObj(media) ? media.schema : undefined;
}

export function checkBody(operation: Operation, body: ReadBody, spec: object): Violation[] {
  const requestBody = operation.requestBody;
  if (!requestBody) return [];
  if (body.kind === "none")
    return requestBody.required === true ? [{ at: "body", message: "is required" }] : [];
  const content = isObj(requestBody.content) ? requestBody.content : {};
  const declared = declaredMediaType(content, body.mediaType);
  if (declared === undefined) {
    const allowed = Object.keys(content).join(", ");
    return [{ at: "header.content-type", message: `${body.mediaType || "(none)"} is not one of ${allowed}` }];
  }
  if (body.kind === "unreadable") return [{ at: "body", message: body.reason }];
  const media = deref(content[declared], spec);
  const schema = isObj(media) ? media.schema : undefined;
  // Swagger 2's `type: file`, as Azure's documents carry it into OpenAPI 3 (`{type: object, format: file}`),
  // is a file: any bytes are one (codegen types it a Blob).
  const resolved = deref(schema, spec);
  if (isObj(resolved) && resolved.format === "file") return [];
  return schema === undefined
    ? []
    : schemaViolations(body.value, schema, spec, "body", { direction: "request", coerce: body.coerce });
}

const SCHEME_NAMES: Readonly<Record<string, string>> = { bearer: "Bearer", basic: "Basic" };

/**
 * Whether the request carries the credentials the operation asks for: any one of its security
 * requirements with every scheme in it present. Only presence: the mock accepts any value.
 */
export function checkCredentials(operation: Operation, request: Request, url: URL, spec: Obj): Violation[] {
  const requirements = operation.security;
  if (!requirements || requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0))
    return [];
  const schemes =
    isObj(spec.components) && isObj(spec.components.securitySchemes) ? spec.components.securitySchemes : {};
  const authorization = request.headers.get("authorization") ?? "";
  const cookie = request.headers.get("cookie") ?? "";
  const missing: string[] = [];
  const present = (name: string): boolean => {
    const scheme = deref(schemes[name], spec);
    if (!isObj(scheme)) return true;
    if (scheme.type === "apiKey" && typeof scheme.name === "string") {
      if (scheme.in === "query") return url.searchParams.has(scheme.name);
      if (scheme.in === "cookie")
        return cookie.split(";").some((c) => c.trim().startsWith(`${scheme.name}=`));
      return request.headers.has(scheme.name);
    }
    if (scheme.type === "http") {
      const prefix = SCHEME_NAMES[String(scheme.scheme).toLowerCase()] ?? String(scheme.scheme);
      return authorization.toLowerCase().startsWith(`${prefix.toLowerCase()} `);
    }
    if (scheme.type === "oauth2" || scheme.type === "openIdConnect")
      return authorization.toLowerCase().startsWith("bearer ");
    return true;
  };
  for (const requirement of requirements) {
    const absent = Object.keys(requirement).filter((name) => !present(name));
    if (absent.length === 0) return [];
    missing.push(absent.join(" and "));
  }
  const describeScheme = (name: string) => {
    const scheme = deref(schemes[name], spec);
    if (!isObj(scheme)) return name;
    if (scheme.type === "apiKey") return `${name} (${String(scheme.in)} ${String(scheme.name)})`;
    if (scheme.type === "http")
      return `${name} (Authorization: ${SCHEME_NAMES[String(scheme.scheme)] ?? scheme.scheme} …)`;
    return `${name} (Authorization: Bearer …)`;
  };
  return [
    {
      at: "auth",
      message: `no credentials: the operation needs ${[...new Set(missing)].map((m) => m.split(" and ").map(describeScheme).join(" and ")).join(" or ")}`,
    },
  ];
}

export type { Values };
