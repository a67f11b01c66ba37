/**
 * Contract cases derived from an OpenAPI 3.x document: one per operation and documented numeric status,
 * each with request inputs that satisfy the document, so a Prism mock asked for that status (header
 * `Prefer: code=<status>`) answers it without flagging the request.
 *
 * Only local `$ref`s (`#/...`) are followed: pass a bundled document.
 */

import RandExp from "randexp";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ContractCase {
  method: HttpMethod;
  /** The path template as written in the document, e.g. `/ips/{id}`. */
  path: string;
  operationId?: string;
  /** A numeric status the document lists for this operation. */
  status: number;
  input: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    header: Record<string, unknown>;
    body?: unknown;
    contentType?: string;
  };
  /** False for 204/205/304, HEAD, and responses that document no content. */
  expectBody: boolean;
  /** e.g. `DELETE /ips/{id} → 404` */
  title: string;
}

/** A documented response no case was made for, and why (`default`, `4XX`: there is no one code to ask for). */
export interface SkippedResponse {
  method: HttpMethod;
  path: string;
  operationId?: string;
  status: string;
  reason: string;
  title: string;
}

export interface DerivedContract {
  cases: ContractCase[];
  skipped: SkippedResponse[];
}

export interface SampleOptions {
  /**
   * "request" (the default) leaves out `readOnly` properties, which a client must not send;
   * "response" leaves out `writeOnly` ones.
   */
  direction?: "request" | "response";
}

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Headers the client sets itself; a contract case must not choose values for them. */
const CLIENT_HEADERS = new Set(["authorization", "content-type", "accept"]);
const NO_BODY_STATUSES = new Set([204, 205, 304]);
const MAX_DEPTH = 24;

// ---------------------------------------------------------------------------------------------------------
// $ref resolution

function resolvePointer(spec: object, ref: string): unknown {
  if (!ref.startsWith("#")) {
    throw new Error(`external $ref ${JSON.stringify(ref)} is not supported: bundle the document first`);
  }
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === "") return spec;
  let node: unknown = spec;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObj(node)) node = node[key];
    else node = undefined;
    if (node === undefined) throw new Error(`$ref ${JSON.stringify(ref)} does not resolve`);
  }
  return node;
}

/** Follow a chain of `$ref`s (components often point at other components). Siblings of `$ref` win. */
function deref(node: unknown, spec: object): unknown {
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

// ---------------------------------------------------------------------------------------------------------
// A small structural check, so examples that contradict their own schema (a "uuid" that is not one,
// an example missing a required property) are not sent to Prism, which would flag them.

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isObj(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

const sameValue = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

const FORMAT_CHECKS: Record<string, RegExp> = {
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  url: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
  hostname: /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
};

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
      return typeof value === "string";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObj(value);
    default:
      return true;
  }
}

function declaredTypes(schema: Obj): string[] | undefined {
  const types =
    typeof schema.type === "string"
      ? [schema.type]
      : Array.isArray(schema.type)
        ? schema.type.filter((t): t is string => typeof t === "string")
        : undefined;
  if (types && schema.nullable === true && !types.includes("null")) types.push("null");
  return types;
}

function conforms(value: unknown, schemaNode: unknown, spec: object, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (schemaNode === false) return false;
  const schema = deref(schemaNode, spec);
  if (!isObj(schema)) return true;
  const next = (v: unknown, s: unknown) => conforms(v, s, spec, depth + 1);

  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => next(value, s))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => next(value, s))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => next(value, s)).length !== 1) return false;
  if ("const" in schema && !sameValue(value, schema.const)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameValue(e, value))) return false;

  const types = declaredTypes(schema);
  if (types && !types.some((t) => typeMatches(value, t))) return false;
  if (value === null) return true;

  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) return false;
    if (typeof schema.maxLength === "number" && length > schema.maxLength) return false;
    if (typeof schema.pattern === "string") {
      try {
        if (!new RegExp(schema.pattern, "u").test(value)) return false;
      } catch {
        // A pattern JavaScript cannot compile: we cannot judge, so do not reject.
      }
    }
    const format = typeof schema.format === "string" ? FORMAT_CHECKS[schema.format] : undefined;
    if (format && !format.test(value)) return false;
  }

  if (typeof value === "number") {
    const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax, multipleOf } = schema;
    if (typeof minimum === "number" && (exMin === true ? value <= minimum : value < minimum)) return false;
    if (typeof maximum === "number" && (exMax === true ? value >= maximum : value > maximum)) return false;
    if (typeof exMin === "number" && value <= exMin) return false;
    if (typeof exMax === "number" && value >= exMax) return false;
    if (typeof multipleOf === "number" && multipleOf > 0) {
      const ratio = value / multipleOf;
      if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return false;
    }
  }

  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) return false;
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) return false;
    if (schema.uniqueItems === true && new Set(value.map(stableJson)).size !== value.length) return false;
    if (schema.items !== undefined && !Array.isArray(schema.items)) {
      if (!value.every((item) => next(item, schema.items))) return false;
    }
  }

  if (isObj(value)) {
    const properties = isObj(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) if (typeof name === "string" && !(name in value)) return false;
    }
    for (const [name, v] of Object.entries(value)) {
      if (name in properties) {
        if (!next(v, properties[name])) return false;
      } else if (schema.additionalProperties === false && !isObj(schema.patternProperties)) {
        return false;
      } else if (isObj(schema.additionalProperties) && !next(v, schema.additionalProperties)) {
        return false;
      }
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Sampling

const STRING_FORMATS: Record<string, string> = {
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  iri: "https://example.com",
  "uri-reference": "https://example.com",
  "iri-reference": "https://example.com",
  "uri-template": "https://example.com/{id}",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "c3RyaW5n",
  duration: "P1D",
  regex: ".*",
  "json-pointer": "/",
  password: "string",
};

interface SampleContext {
  spec: object;
  /** `$ref`s being expanded on the current branch: re-entering one is a cycle. */
  refs: string[];
  depth: number;
  skipFlag: "readOnly" | "writeOnly";
}

/** Returned when a branch would recurse forever; callers drop the property or use an empty array. */
const CYCLE: unique symbol = Symbol("cycle");

function explicitCandidates(schema: Obj): unknown[] {
  const out: unknown[] = [];
  if ("example" in schema) out.push(schema.example);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) out.push(schema.examples[0]);
  if ("default" in schema) out.push(schema.default);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) out.push(schema.enum[0]);
  if ("const" in schema) out.push(schema.const);
  return out;
}

function mergeInto(target: Obj, source: Obj, ctx: SampleContext): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === "allOf" && Array.isArray(value)) {
      for (const part of value) {
        const resolved = deref(part, ctx.spec);
        if (isObj(resolved)) mergeInto(target, resolved, ctx);
      }
    } else if (key === "properties" && isObj(value)) {
      const properties = isObj(target.properties) ? { ...target.properties } : {};
      for (const [name, schema] of Object.entries(value)) {
        // The same property constrained by two parts must satisfy both.
        properties[name] = name in properties ? { allOf: [properties[name], schema] } : schema;
      }
      target.properties = properties;
    } else if (key === "required" && Array.isArray(value)) {
      const required = Array.isArray(target.required) ? target.required : [];
      target.required = [...required, ...value.filter((name) => !required.includes(name))];
    } else if (!(key in target)) {
      target[key] = value;
    }
  }
}

/** One schema standing for an `allOf` (and its siblings), so required properties of every part are sampled. */
function flattenAllOf(schema: Obj, ctx: SampleContext): Obj {
  const merged: Obj = {};
  const { allOf, ...rest } = schema;
  mergeInto(merged, rest, ctx);
  mergeInto(merged, { allOf }, ctx);
  return merged;
}

function pickType(schema: Obj): string | undefined {
  const types = declaredTypes(schema);
  if (types && types.length > 0) return types.find((t) => t !== "null") ?? "null";
  if (isObj(schema.properties) || Array.isArray(schema.required) || isObj(schema.additionalProperties)) {
    return "object";
  }
  if (schema.items !== undefined) return "array";
  if (typeof schema.format === "string" || typeof schema.pattern === "string") return "string";
  if (typeof schema.minimum === "number" || typeof schema.maximum === "number") return "number";
  return undefined;
}

function sampleNumber(schema: Obj, integer: boolean): number {
  const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax, multipleOf } = schema;
  const step = integer ? 1 : 0.5;
  let lo: number | undefined;
  let hi: number | undefined;
  if (typeof minimum === "number") lo = exMin === true ? minimum + step : minimum;
  if (typeof exMin === "number") lo = Math.max(lo ?? Number.NEGATIVE_INFINITY, exMin + step);
  if (typeof maximum === "number") hi = exMax === true ? maximum - step : maximum;
  if (typeof exMax === "number") hi = Math.min(hi ?? Number.POSITIVE_INFINITY, exMax - step);
  // 1 rather than 0: ids, page numbers and limits are usually at least 1.
  let value = lo ?? (hi !== undefined && hi < 1 ? hi : 1);
  if (integer) value = Math.ceil(value);
  if (typeof multipleOf === "number" && multipleOf > 0) value = Math.ceil(value / multipleOf) * multipleOf;
  if (hi !== undefined && value > hi) value = integer ? Math.floor(hi) : hi;
  return value;
}

/**
 * The shortest string a `pattern` allows (randexp with every choice taken at its minimum: fewest
 * repetitions, first alternative, first character of each class), or undefined when randexp cannot
 * produce one that really matches (lookarounds, back-references) or the lengths do not fit.
 */
function fromPattern(schema: Obj): string | undefined {
  if (typeof schema.pattern !== "string") return undefined;
  try {
    const generator = new RandExp(schema.pattern);
    generator.randInt = (from: number) => from;
    const value = generator.gen();
    if (!new RegExp(schema.pattern, "u").test(value)) return undefined;
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) return undefined;
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

function sampleString(schema: Obj): string {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  const patterned = fromPattern(schema);
  if (patterned !== undefined) return patterned;
  let value = (format && STRING_FORMATS[format]) ?? "string";
  if (!format || !(format in STRING_FORMATS)) {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) {
      value = value.padEnd(schema.minLength, "x");
    }
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) {
      value = value.slice(0, schema.maxLength);
    }
  }
  return value;
}

function sample(node: unknown, ctx: SampleContext): unknown | typeof CYCLE {
  if (ctx.depth > MAX_DEPTH) return CYCLE;
  if (node === true || node === undefined) return "string";
  if (!isObj(node)) return "string";

  if (typeof node.$ref === "string") {
    if (ctx.refs.includes(node.$ref)) return CYCLE;
    const { $ref, ...siblings } = node;
    const target = resolvePointer(ctx.spec, $ref);
    const merged = isObj(target) && Object.keys(siblings).length > 0 ? { ...target, ...siblings } : target;
    return sample(merged, { ...ctx, refs: [...ctx.refs, $ref], depth: ctx.depth + 1 });
  }

  for (const candidate of explicitCandidates(node)) {
    if (candidate !== undefined && conforms(candidate, node, ctx.spec)) return structuredClone(candidate);
  }

  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (Array.isArray(node.allOf) && node.allOf.length > 0) return sample(flattenAllOf(node, ctx), inner);

  const alternatives = Array.isArray(node.oneOf)
    ? node.oneOf
    : Array.isArray(node.anyOf)
      ? node.anyOf
      : undefined;
  if (alternatives && alternatives.length > 0) {
    const { oneOf: _o, anyOf: _a, ...shared } = node;
    // The first alternative that is not just `null`: callers want a value, and null is rarely the point.
    const choice =
      alternatives.find((alt) => {
        const resolved = deref(alt, ctx.spec);
        return !(isObj(resolved) && pickType(resolved) === "null");
      }) ?? alternatives[0];
    const combined = Object.keys(shared).length > 0 ? { allOf: [shared, choice] } : choice;
    return sample(combined, inner);
  }

  switch (pickType(node)) {
    case "null":
      return null;
    case "boolean":
      return true;
    case "integer":
      return sampleNumber(node, true);
    case "number":
      return sampleNumber(node, false);
    case "array": {
      if (node.maxItems === 0) return [];
      const item = sample(node.items, inner);
      if (item === CYCLE) return [];
      const count =
        node.uniqueItems === true ? 1 : Math.max(1, typeof node.minItems === "number" ? node.minItems : 1);
      return Array.from({ length: count }, () => structuredClone(item));
    }
    case "object": {
      const properties = isObj(node.properties) ? node.properties : {};
      const required = new Set(
        Array.isArray(node.required) ? node.required.filter((n) => typeof n === "string") : [],
      );
      // Properties order first (it is how the document reads), then required names without a schema.
      const names = [
        ...Object.keys(properties).filter((n) => required.has(n)),
        ...[...required].filter((n) => !(n in properties)),
      ];
      const out: Obj = {};
      const add = (name: string) => {
        const propertySchema =
          properties[name] ?? (isObj(node.additionalProperties) ? node.additionalProperties : {});
        const resolved = deref(propertySchema, ctx.spec);
        if (isObj(resolved) && resolved[ctx.skipFlag] === true) return;
        const value = sample(propertySchema, inner);
        if (value !== CYCLE) out[name] = value;
      };
      for (const name of names) add(name);
      // `minProperties` (a PATCH body that must change something): optional properties, in order, until met.
      const minProperties = typeof node.minProperties === "number" ? node.minProperties : 0;
      for (const name of Object.keys(properties)) {
        if (Object.keys(out).length >= minProperties) break;
        if (!(name in out)) add(name);
      }
      return out;
    }
    default:
      return sampleString(node);
  }
}

/**
 * A value for `schema` that validates against it: the schema's own example/examples/default/enum/const
 * when one conforms, else one synthesised from the schema (first non-null type, first `oneOf`/`anyOf`
 * branch, all `allOf` parts merged, required properties only, one array item). Deterministic. Does not
 * attempt to satisfy `pattern` when synthesising.
 */
export function sampleFromSchema(schema: object, spec: object, options: SampleOptions = {}): unknown {
  const value = sample(schema, {
    spec,
    refs: [],
    depth: 0,
    skipFlag: options.direction === "response" ? "writeOnly" : "readOnly",
  });
  return value === CYCLE ? {} : value;
}

// ---------------------------------------------------------------------------------------------------------
// Cases

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  example?: unknown;
  examples?: unknown;
  content?: unknown;
}

function firstExampleValue(examples: unknown, spec: object): unknown {
  if (!isObj(examples)) return undefined;
  for (const example of Object.values(examples)) {
    const resolved = deref(example, spec);
    if (isObj(resolved) && "value" in resolved) return resolved.value;
  }
  return undefined;
}

/** The first of `candidates` that conforms to `schema`, else a sample of `schema`. */
function chooseValue(candidates: unknown[], schema: unknown, spec: object): unknown {
  for (const candidate of candidates) {
    if (candidate !== undefined && conforms(candidate, schema, spec)) return structuredClone(candidate);
  }
  return sampleFromSchema(isObj(schema) ? schema : {}, spec);
}

function mediaSchema(content: unknown): { type: string; media: Obj } | undefined {
  if (!isObj(content)) return undefined;
  const types = Object.keys(content);
  const type =
    types.find((t) => t.split(";")[0]?.trim().toLowerCase() === "application/json") ??
    types.find((t) => /[/+]json\b/i.test(t)) ??
    types[0];
  const media = type === undefined ? undefined : content[type];
  return type === undefined ? undefined : { type, media: isObj(media) ? media : {} };
}

function parameterValue(parameter: Parameter, spec: object): unknown {
  if (parameter.schema === undefined && parameter.content !== undefined) {
    const chosen = mediaSchema(parameter.content);
    const media = chosen?.media ?? {};
    return chooseValue(
      [
        parameter.example,
        firstExampleValue(parameter.examples, spec),
        media.example,
        firstExampleValue(media.examples, spec),
      ],
      media.schema ?? {},
      spec,
    );
  }
  return chooseValue(
    [parameter.example, firstExampleValue(parameter.examples, spec)],
    parameter.schema ?? {},
    spec,
  );
}

function collectParameters(pathItem: Obj, operation: Obj, spec: object): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = deref(raw, spec);
      if (!isObj(parameter) || typeof parameter.name !== "string" || typeof parameter.in !== "string")
        continue;
      // Operation-level parameters override path-level ones with the same name and location.
      byKey.set(`${parameter.in}:${parameter.name}`, parameter as unknown as Parameter);
    }
  }
  return [...byKey.values()];
}

function buildInput(
  pathTemplate: string,
  pathItem: Obj,
  operation: Obj,
  spec: object,
): ContractCase["input"] {
  const input: ContractCase["input"] = { path: {}, query: {}, header: {} };
  for (const parameter of collectParameters(pathItem, operation, spec)) {
    const location = parameter.in;
    if (location === "path") {
      input.path[parameter.name] = parameterValue(parameter, spec);
    } else if (parameter.required === true && location === "query") {
      input.query[parameter.name] = parameterValue(parameter, spec);
    } else if (parameter.required === true && location === "header") {
      if (!CLIENT_HEADERS.has(parameter.name.toLowerCase())) {
        input.header[parameter.name] = parameterValue(parameter, spec);
      }
    }
  }
  // A template variable the document forgot to declare still has to be filled for the URL to route.
  for (const match of pathTemplate.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1];
    if (name !== undefined && !(name in input.path)) input.path[name] = "string";
  }

  const requestBody = deref(operation.requestBody, spec);
  if (isObj(requestBody) && requestBody.required === true) {
    const chosen = mediaSchema(requestBody.content);
    if (chosen) {
      input.contentType = chosen.type;
      input.body = chooseValue(
        [chosen.media.example, firstExampleValue(chosen.media.examples, spec)],
        chosen.media.schema ?? {},
        spec,
      );
    }
  }
  return input;
}

function responseHasContent(response: unknown, spec: object): boolean {
  const resolved = deref(response, spec);
  return isObj(resolved) && isObj(resolved.content) && Object.keys(resolved.content).length > 0;
}

/**
 * Every operation (path items and methods in document order) × every numeric status it documents
 * (ascending), as `{ cases, skipped }`. `skipped` lists `default` and range (`4XX`) responses, which Prism
 * cannot be asked for by `Prefer: code=`. Same document in, same cases and values out.
 */
export function deriveContractCases(spec: object): DerivedContract {
  const cases: ContractCase[] = [];
  const skipped: SkippedResponse[] = [];
  const paths = (spec as Obj).paths;
  if (!isObj(paths)) return { cases, skipped };

  for (const [path, rawPathItem] of Object.entries(paths)) {
    const pathItem = deref(rawPathItem, spec);
    if (!isObj(pathItem)) continue;
    for (const key of Object.keys(pathItem)) {
      if (!(HTTP_METHODS as readonly string[]).includes(key)) continue;
      const method = key as HttpMethod;
      const operation = pathItem[key];
      if (!isObj(operation)) continue;
      const operationId = typeof operation.operationId === "string" ? operation.operationId : undefined;
      const label = `${method.toUpperCase()} ${path}`;
      const responses = isObj(operation.responses) ? operation.responses : {};
      const statuses = Object.keys(responses);
      const numeric = statuses.filter((s) => /^[1-5]\d\d$/.test(s)).sort((a, b) => Number(a) - Number(b));

      let input: ContractCase["input"] | undefined;
      for (const status of numeric) {
        input ??= buildInput(path, pathItem, operation, spec);
        const code = Number(status);
        const expectBody =
          !NO_BODY_STATUSES.has(code) && method !== "head" && responseHasContent(responses[status], spec);
        cases.push({
          method,
          path,
          ...(operationId !== undefined ? { operationId } : {}),
          status: code,
          // Each case owns its input, so a test that mutates one cannot change another.
          input: structuredClone(input),
          expectBody,
          title: `${label} → ${code}`,
        });
      }
      for (const status of statuses.filter((s) => !numeric.includes(s))) {
        skipped.push({
          method,
          path,
          ...(operationId !== undefined ? { operationId } : {}),
          status,
          reason:
            status === "default"
              ? "default response: no single status to ask Prism for"
              : /^[1-5]xx$/i.test(status)
                ? "status range: no single status to ask Prism for"
                : "not an HTTP status code",
          title: `${label} → ${status}`,
        });
      }
    }
  }
  return { cases, skipped };
}
