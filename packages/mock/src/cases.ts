/**
 * Contract cases derived from an OpenAPI 3.x document: one per operation and documented response (a
 * status, a range or `default`), each with request inputs that satisfy the document, so a Prism mock asked
 * for the case's status (header `Prefer: code=<status>`) answers it without flagging the request.
 *
 * Only local `$ref`s (`#/...`) are followed: pass a bundled document.
 */

import { isXmlMediaType, writeXml } from "./kit/xml.js";
import { deref, HTTP_METHODS, type HttpMethod, isObj, type Obj } from "./openapi.js";
import { firstConforming, sampleFromSchema } from "./sample.js";
import { conformsAsText } from "./validate.js";

export interface ContractCase {
  method: HttpMethod;
  /** The path template as written in the document, e.g. `/ips/{id}`. */
  path: string;
  operationId?: string;
  /** The status asked for (`Prefer: code=<status>`) and expected back. */
  status: number;
  /**
   * The key of `responses` the case answers from, when it is not `status` itself: a range (`4XX`, asked for
   * as its lowest status the operation does not document exactly) or `default` (asked for as a status the
   * operation documents no other way). Prism answers such a status from that response, as a server would.
   */
  responseKey?: string;
  input: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    header: Record<string, unknown>;
    body?: unknown;
    contentType?: string;
    /** The value an XML `body` was written from, as its schema describes it (the body is its XML text). */
    bodyValue?: unknown;
  };
  /** False for 204/205/304, HEAD, and responses that document no content. */
  expectBody: boolean;
  /** e.g. `DELETE /ips/{id} → 404` */
  title: string;
}

/** A documented response no case was made for, and why (a 1xx, a redirect the client follows, a `3XX`). */
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

/** Headers the client sets itself; a contract case must not choose values for them. */
const CLIENT_HEADERS = new Set(["authorization", "content-type", "accept"]);
const NO_BODY_STATUSES = new Set([204, 205, 304]);
/**
 * 407 Proxy Authentication Required: fetch ends a call that gets one with a network error (the Fetch standard
 * leaves it to the proxy), so no client built on fetch can see it, from Prism or from the real API.
 */
const UNSEEN_STATUS = 407;
/** The statuses fetch (and the client, which follows redirects as fetch does) follows to their Location. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function declaresLocation(response: unknown, spec: object): boolean {
  const resolved = deref(response, spec);
  return (
    isObj(resolved) &&
    isObj(resolved.headers) &&
    Object.keys(resolved.headers).some((name) => name.toLowerCase() === "location")
  );
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  example?: unknown;
  examples?: unknown;
  content?: unknown;
  allowEmptyValue?: boolean;
}

export function firstExampleValue(examples: unknown, spec: object): unknown {
  if (!isObj(examples)) return undefined;
  for (const example of Object.values(examples)) {
    const resolved = deref(example, spec);
    if (isObj(resolved) && "value" in resolved) return resolved.value;
  }
  return undefined;
}

/**
 * The first of `candidates` that conforms to `schema`, else a sample of `schema`. With `asText` (a parameter),
 * a plain value conforms as the text it travels as: an example `42` of an id-or-uuid-or-short-uuid is two of
 * its alternatives once it is "42".
 */
function chooseValue(candidates: unknown[], schema: unknown, spec: object, asText = false): unknown {
  const chosen = firstConforming(
    asText ? candidates.filter((c) => c === undefined || conformsAsText(c, schema, spec)) : candidates,
    schema,
    spec,
  );
  return chosen ? chosen.value : sampleFromSchema(isObj(schema) ? schema : {}, spec, { asText });
}

/**
 * `value` without the properties its schema marks `readOnly`, which a request does not carry: a document's
 * request example copied from an answer holds them (Jira's components, `isAssigneeTypeValid`), and where the
 * schema has `additionalProperties: false`, Prism, which reads a request's schema without them, refused the
 * body. Followed through `$ref`s, `allOf` parts, properties and array items; a copy, the value left as it is.
 */
function withoutReadOnly(value: unknown, schema: unknown, spec: object, depth = 0): unknown {
  if (depth > 16 || value === null || typeof value !== "object") return value;
  const parts: Obj[] = [];
  const gather = (node: unknown, level: number) => {
    const resolved = deref(node, spec);
    if (!isObj(resolved) || level > 8 || parts.includes(resolved)) return;
    parts.push(resolved);
    if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) gather(part, level + 1);
  };
  gather(schema, 0);
  if (Array.isArray(value)) {
    const items = parts.find((part) => part.items !== undefined)?.items;
    return items === undefined ? value : value.map((item) => withoutReadOnly(item, items, spec, depth + 1));
  }
  const out: Obj = {};
  for (const [key, inner] of Object.entries(value)) {
    const declared = parts.find((part) => isObj(part.properties) && key in part.properties);
    const property = declared ? (declared.properties as Obj)[key] : undefined;
    const resolved = deref(property, spec);
    if ((isObj(property) && property.readOnly === true) || (isObj(resolved) && resolved.readOnly === true))
      continue;
    out[key] = property === undefined ? inner : withoutReadOnly(inner, property, spec, depth + 1);
  }
  return out;
}

function mediaSchema(content: unknown): { type: string; media: Obj } | undefined {
  if (!isObj(content)) return undefined;
  const types = Object.keys(content);
  // JSON where the document offers it, else the type the client sends (codegen's requestMediaKey): the first
  // that names one, and not XML where another is listed, since XML is text the caller writes.
  const named = types.filter((t) => !t.includes("*"));
  const type =
    types.find((t) => t.split(";")[0]?.trim().toLowerCase() === "application/json") ??
    types.find((t) => /[/+]json\b/i.test(t)) ??
    named.find((t) => !isXmlMediaType(t)) ??
    named[0] ??
    types[0];
  const media = type === undefined ? undefined : content[type];
  return type === undefined ? undefined : { type, media: isObj(media) ? media : {} };
}

function parameterValue(parameter: Parameter, spec: object): unknown {
  // An empty value is none to send where the parameter allows none (VTEX's required `keyword`, its schema's
  // example ""; AWS's `pattern: ".*"`, whose shortest value is ""): OpenAPI allows an empty query value only
  // with `allowEmptyValue`, a path segment never has one, and Prism reads `?keyword=` as the parameter
  // missing. Its schema is sampled again without its example and default, at least one character long.
  const allowsEmpty = parameter.in === "query" && parameter.allowEmptyValue === true;
  // A parameter with a schema arrives as text; one with `content` is written in that media type (JSON).
  const asText = parameter.schema !== undefined;
  const choose = (candidates: unknown[], schema: unknown) => {
    const value = chooseValue(candidates, schema, spec, asText);
    if (value !== "" || allowsEmpty) return value;
    const resolved = deref(schema, spec);
    if (!isObj(resolved)) return value;
    const { example: _example, examples: _examples, default: _default, ...rest } = resolved;
    const minLength = Math.max(1, typeof rest.minLength === "number" ? rest.minLength : 0);
    const other = chooseValue(
      candidates.filter((candidate) => candidate !== ""),
      { ...rest, minLength },
      spec,
      asText,
    );
    return other === undefined ? value : other;
  };
  if (parameter.schema === undefined && parameter.content !== undefined) {
    const chosen = mediaSchema(parameter.content);
    const media = chosen?.media ?? {};
    return choose(
      [
        parameter.example,
        firstExampleValue(parameter.examples, spec),
        media.example,
        firstExampleValue(media.examples, spec),
      ],
      media.schema ?? {},
    );
  }
  return choose([parameter.example, firstExampleValue(parameter.examples, spec)], parameter.schema ?? {});
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
      const schema = chosen.media.schema ?? {};
      // An empty urlencoded form is an empty body on the wire, which a server (and Prism) reads as no body
      // at all, refusing a required one: such a body gets at least one field (MineSkin's upload, whose every
      // field is optional).
      const form = /^application\/x-www-form-urlencoded\b/i.test(chosen.type);
      input.body = withoutReadOnly(
        chooseValue(
          [chosen.media.example, firstExampleValue(chosen.media.examples, spec)],
          form ? { allOf: [schema], minProperties: 1 } : schema,
          spec,
        ),
        schema,
        spec,
      );
      // Swagger 2's `type: file` as Azure's documents carry it (`{type: object, format: file}`) is a file, which
      // the method takes as a Blob or its text (codegen types it a Blob): its sample is text, not `{}`.
      const resolved = deref(schema, spec);
      if (isObj(resolved) && resolved.format === "file" && typeof input.body !== "string")
        input.body = "file";
      // An XML body is the text a caller writes (the method's body is a string): the value is written as XML
      // by its schema's XML Objects, under the root element its component names where the schema names none.
      if (isXmlMediaType(chosen.type) && input.body !== null && typeof input.body === "object") {
        input.bodyValue = input.body;
        const ref = isObj(chosen.media.schema) ? chosen.media.schema.$ref : undefined;
        // Component names are letters, digits, `.`, `-` and `_` (OpenAPI's own rule), nothing to unescape.
        const component =
          typeof ref === "string" && ref.startsWith("#/components/schemas/")
            ? ref.slice("#/components/schemas/".length)
            : undefined;
        input.body = writeXml(input.body, schema, (s) => deref(s, spec), component);
      }
    }
  }
  return input;
}

function responseHasContent(response: unknown, spec: object): boolean {
  const resolved = deref(response, spec);
  if (!isObj(resolved) || !isObj(resolved.content)) return false;
  const media = Object.entries(resolved.content);
  return media.length > 0 && !media.every(([type, m]) => servesNothing(type, deref(m, spec), spec));
}

/** Keywords that describe a schema without constraining its value. */
const ANNOTATIONS = new Set(["title", "description", "$comment", "deprecated", "externalDocs"]);

/**
 * Whether Prism answers a media type with an empty body. It answers with the example before the schema: an
 * empty one (`value: ""`, a documented empty 404) is an empty body, which the client reads as none. And a
 * media type with neither (`"*\/*": {}`: ElevenLabs' audio, Apigee's file contents) says nothing of its body,
 * so Prism has nothing to send, nor where its example has no value and no schema is beside it. Nor under a
 * text type whose schema says nothing (`{}`: AWS's query-protocol errors under `text/xml`): its sampler's
 * value is null, written as no text; `*\/*` is served as text (Clever Cloud's `{}` default responses).
 */
function servesNothing(type: string, media: unknown, spec: object): boolean {
  if (!isObj(media)) return false;
  if (!("example" in media || "examples" in media || "schema" in media)) return true;
  if ("example" in media) return media.example === "";
  if (!("examples" in media) && /^\s*(text\/|\*\/\*)/i.test(type)) {
    const schema = deref(media.schema, spec);
    if (isObj(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key.startsWith("x-")))
      return true;
  }
  const [first] = isObj(media.examples) ? Object.values(media.examples) : [];
  const example = deref(first, spec);
  // An Example Object without its value (Clubhouse's `examples: { jsonObject: {} }`) is none: Prism answers
  // from the schema, and with no schema, with nothing.
  return isObj(example) && (example.value === "" || (!("value" in example) && !("schema" in media)));
}

/**
 * The status a case asks for to get a range or `default` response (undefined for an exact status, or when
 * none is left): Prism answers `Prefer: code=<status>` from the exact status, else its range, else `default`
 * (as a server's documentation reads), so the status must be one the operation documents no nearer way.
 * - `2XX`, `4XX`, `5XX`: the range's lowest such status (`400`, or `401` beside a documented `400`), never
 *   204 or 205, which carry no body;
 * - `default`: `200` when the operation documents no success (the default is its answer), else the lowest
 *   error status no exact status or range covers (`400`; `500` beside a `4XX`).
 * A `3XX` range stands for no one status (fetch follows 301/302/303/307/308 and not the rest); 1xx never
 * ends a call.
 */
function caseStatusFor(key: string, documented: readonly string[]): number | undefined {
  const covered = (status: number) =>
    documented.includes(String(status)) || documented.includes(`${String(status)[0]}XX`);
  const lowest = (from: number, to: number, free: (status: number) => boolean) => {
    for (let status = from; status <= to; status++)
      if (free(status) && !NO_BODY_STATUSES.has(status) && status !== UNSEEN_STATUS) return status;
  };
  const range = /^([245])XX$/.exec(key);
  if (range) {
    const base = Number(range[1]) * 100;
    return lowest(base, base + 99, (status) => !documented.includes(String(status)));
  }
  if (key !== "default") return undefined;
  if (!documented.some((s) => /^2(\d\d|XX)$/.test(s))) return 200;
  return lowest(400, 599, (status) => !covered(status));
}

/**
 * Every operation (path items and methods in document order) × every response it documents, as
 * `{ cases, skipped }`: each numeric status (ascending), then each range and `default` as a status it stands
 * for (`caseStatusFor`). `skipped` lists the responses that are never a call's result: informational (1xx)
 * ones, redirects that declare the Location the client follows, and a range or `default` no status is left
 * for. Same document in, same cases and values out.
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
      // 1xx answers are interim (fetch never returns one, Prism cannot end an exchange with one): no case.
      // Nor is a redirect that declares its Location (SureVoIP's `GET /customers` → 302 to your account):
      // the client follows it, so the call ends where it points (Prism makes one up), never at this response.
      const followed = (s: string) => REDIRECTS.has(Number(s)) && declaresLocation(responses[s], spec);
      const numeric = statuses
        .filter((s) => /^[2-5]\d\d$/.test(s) && !followed(s) && Number(s) !== UNSEEN_STATUS)
        .sort((a, b) => Number(a) - Number(b));
      const standIns = statuses.flatMap((key) => {
        const status = caseStatusFor(key, statuses);
        return status === undefined ? [] : [[key, status] as const];
      });
      const asked: Array<readonly [key: string, status: number]> = [
        ...numeric.map((key) => [key, Number(key)] as const),
        ...standIns,
      ];
      // An operation that documents no response (OpenAPI 3.1 allows it) is answered 200 with no body: one
      // case asks for that, so the operation is called at all.
      if (statuses.length === 0) asked.push(["200", 200]);

      let input: ContractCase["input"] | undefined;
      for (const [key, code] of asked) {
        input ??= buildInput(path, pathItem, operation, spec);
        const expectBody =
          !NO_BODY_STATUSES.has(code) && method !== "head" && responseHasContent(responses[key], spec);
        const standsIn = key !== String(code);
        cases.push({
          method,
          path,
          ...(operationId !== undefined ? { operationId } : {}),
          status: code,
          ...(standsIn ? { responseKey: key } : {}),
          // Each case owns its input, so a test that mutates one cannot change another.
          input: structuredClone(input),
          expectBody,
          title: `${label} → ${code}${standsIn ? ` (${key})` : ""}`,
        });
      }
      for (const status of statuses.filter((s) => !asked.some(([key]) => key === s))) {
        skipped.push({
          method,
          path,
          ...(operationId !== undefined ? { operationId } : {}),
          status,
          reason: followed(status)
            ? `redirect (${status}) to the Location it declares: the client follows it, so a call ends where it points, never at this response`
            : status === "default"
              ? "default response: every status it could stand for is documented otherwise"
              : /^[245]XX$/.test(status)
                ? "status range: every status in it is documented on its own"
                : /^3XX$/.test(status)
                  ? "redirect range: fetch follows some of its statuses and not others, so no one status stands for it"
                  : /^1(\d\d|XX)$/.test(status)
                    ? "informational (1xx) status: an interim answer, never a call's result"
                    : Number(status) === UNSEEN_STATUS
                      ? "407 Proxy Authentication Required: fetch ends the call with a network error, so no client sees it"
                      : "not an HTTP status code (a range's X is upper-case)",
          title: `${label} → ${status}`,
        });
      }
    }
  }
  return { cases, skipped };
}
