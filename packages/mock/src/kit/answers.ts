/**
 * What the mock answers: a documented response of the operation with a body that conforms to it (the
 * spec's own example when it conforms, else one generated from the schema by src/sample.ts, with no
 * randomness: the same spec always gives the same bodies), or, for what the spec does not cover, a
 * problem document (RFC 9457 `application/problem+json`) that says so. @switchboard/core reads a problem
 * document's `title` and `detail` into the error's message, so a test sees why.
 */
import { deref, isObj, type Obj } from "../openapi.js";
import { sampleFromSchema } from "../sample.js";
import { schemaErrors } from "../validate.js";
import { formatViolation, schemaViolations, type Violation } from "./check.js";
import type { Operation } from "./operations.js";

/** What no header value may hold: a line break, a NUL, or a character beyond one byte. */
const UNSENDABLE = /[\0\r\n]|[^\t\x20-\xff]/;

/**
 * Response headers that say how the response is framed and carried. The server writes them for the body it
 * sends; one documented by a spec (Notion's `Content-Length`, VTEX's `Transfer-Encoding`) and answered with
 * a made-up value would leave a client unable to read the response.
 */
export const FRAMING_HEADERS: readonly string[] = [
  "content-length",
  "transfer-encoding",
  "content-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "trailer",
  "te",
];

/** The response header that marks an answer the spec does not document; its value says why. */
export const OUTSIDE_SPEC_HEADER = "x-switchboard-mock-outside-spec";

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed (JSON) or text; undefined for no body. */
  readonly body: unknown;
  /** Why the spec does not cover this answer, when it does not. */
  readonly outsideSpec?: string;
  /** A string body the test scripted with its own Content-Type: sent as written, whatever that type says. */
  readonly asWritten?: true;
}

const NO_BODY = new Set([204, 205, 304]);

/** The response object the spec documents for `status`: exact, else its range (`4XX`), else `default`. */
export function documentedResponse(operation: Operation, status: number, spec: object): Obj | undefined {
  const { responses } = operation;
  const range = Object.keys(responses).find((key) => key.toUpperCase() === `${String(status)[0]}XX`);
  const response = responses[String(status)] ?? (range && responses[range]) ?? responses.default;
  const resolved = deref(response, spec);
  return isObj(resolved) ? resolved : undefined;
}

/** The body the mock answers `status` with when none is scripted (a copy), or undefined where there is none. */
export function documentedBody(operation: Operation, status: number, spec: object): unknown {
  const body = documented(operation, status, spec)?.body;
  return body === undefined ? undefined : structuredClone(body);
}

export function documentedStatuses(operation: Operation): string[] {
  return Object.keys(operation.responses);
}

/** What the mock answers when nothing is scripted: the first documented 2xx (200 for `2XX`/`default`). */
export function defaultStatus(operation: Operation): number {
  const keys = Object.keys(operation.responses);
  const success = keys.filter((k) => /^2\d\d$/.test(k)).sort()[0];
  if (success) return Number(success);
  if (keys.some((k) => /^2xx$/i.test(k) || k === "default")) return 200;
  const first = keys.filter((k) => /^\d{3}$/.test(k)).sort()[0];
  return first ? Number(first) : 200;
}

function mediaTypeOf(content: Obj): string | undefined {
  const types = Object.keys(content);
  return (
    types.find((t) => t.split(";")[0]!.trim().toLowerCase() === "application/json") ??
    types.find((t) => /[/+]json\b/i.test(t)) ??
    types[0]
  );
}

function exampleValues(media: Obj, spec: object): unknown[] {
  const out: unknown[] = [];
  if ("example" in media) out.push(media.example);
  if (isObj(media.examples)) {
    for (const example of Object.values(media.examples)) {
      const resolved = deref(example, spec);
      if (isObj(resolved) && "value" in resolved) out.push(resolved.value);
    }
  }
  return out;
}

/** Does `body` conform to the documented response for `status`? Violations point at the field. */
export function responseViolations(
  operation: Operation,
  status: number,
  body: unknown,
  spec: object,
): Violation[] {
  const response = documentedResponse(operation, status, spec);
  const content = response && isObj(response.content) ? response.content : undefined;
  const mediaType = content && mediaTypeOf(content);
  if (!content || mediaType === undefined) {
    return body === undefined ? [] : [{ at: "body", message: `the spec documents no body for ${status}` }];
  }
  const media = deref(content[mediaType], spec);
  const schema = isObj(media) ? media.schema : undefined;
  if (schema === undefined) return [];
  return schemaViolations(structuredClone(body), schema, spec, "body", { direction: "response" });
}

/**
 * A body generated for a response schema: every property filled, so `data.ip_address` is there as it would
 * be from the real API; only the required ones where filling every one breaks the schema (a
 * `maxProperties`, a `not`, properties that exclude each other).
 */
function sampleBody(schema: Obj, spec: object): unknown {
  const full = sampleFromSchema(schema, spec, { direction: "response", properties: "all" });
  if (schemaErrors(structuredClone(full), schema, spec, { direction: "response" }).length === 0) return full;
  return sampleFromSchema(schema, spec, { direction: "response" });
}

interface DocumentedAnswer {
  readonly mediaType: string | undefined;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** The documented answer for a status, computed once per operation and status. */
function documented(operation: Operation, status: number, spec: object): DocumentedAnswer | undefined {
  const key = `answer:${status}`;
  if (operation.cache.has(key)) return operation.cache.get(key) as DocumentedAnswer | undefined;
  const response = documentedResponse(operation, status, spec);
  let answer: DocumentedAnswer | undefined;
  if (response) {
    const content = isObj(response.content) ? response.content : {};
    const mediaType = mediaTypeOf(content);
    let body: unknown;
    if (mediaType !== undefined && !NO_BODY.has(status) && operation.method !== "HEAD") {
      const media = deref(content[mediaType], spec);
      const m = isObj(media) ? media : {};
      const schema = m.schema;
      const example = exampleValues(m, spec).find(
        (value) =>
          schema === undefined ||
          schemaErrors(structuredClone(value), schema, spec, { direction: "response" }).length === 0,
      );
      body = example !== undefined ? example : sampleBody(isObj(schema) ? schema : {}, spec);
    }
    const headers: Record<string, string> = {};
    for (const [name, raw] of Object.entries(isObj(response.headers) ? response.headers : {})) {
      const header = deref(raw, spec);
      const lower = name.toLowerCase();
      if (
        !isObj(header) ||
        header.required !== true ||
        lower === "content-type" ||
        FRAMING_HEADERS.includes(lower)
      )
        continue;
      const value =
        "example" in header
          ? header.example
          : sampleFromSchema(isObj(header.schema) ? header.schema : {}, spec, { direction: "response" });
      const text = typeof value === "string" ? value : JSON.stringify(value);
      // A value no header can carry (Velo Payments' `Location` example, an HTML page with line breaks) would
      // make the answer throw: the header is left out, as the Prism mock leaves it out.
      if (typeof text === "string" && !UNSENDABLE.test(text)) headers[lower] = text;
    }
    answer = { mediaType: body === undefined ? undefined : mediaType, body, headers };
  }
  operation.cache.set(key, answer);
  return answer;
}

/** A problem document (RFC 9457) answer. */
export function problem(status: number, title: string, detail: string, extra: Obj = {}): Answer {
  return {
    status,
    headers: { "content-type": "application/problem+json" },
    body: { type: "about:blank", title, status, detail, ...extra },
  };
}

export interface Scripted {
  readonly status: number;
  /** `hasBody` tells "no body given" from `body: undefined`. */
  readonly body?: unknown;
  readonly hasBody: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The answer for `status` (a scripted one's body and headers winning), marked when outside the spec. */
export function answerFor(provider: string, operation: Operation, scripted: Scripted, spec: object): Answer {
  const { status } = scripted;
  const found = documented(operation, status, spec);
  const extraHeaders = Object.fromEntries(
    Object.entries(scripted.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  if (!found) {
    const documentedList = documentedStatuses(operation).join(", ") || "none";
    const outsideSpec = `${status} is not a status the spec documents for ${operation.name} (${operation.route}; documented: ${documentedList})`;
    // An undocumented success is answered with the documented success's body (none where that is a 204): a
    // problem document under a 2xx reached the caller as its data.
    const success = status < 300 ? documented(operation, defaultStatus(operation), spec) : undefined;
    const base = scripted.hasBody
      ? {
          status,
          headers: scripted.body === undefined ? {} : contentTypeFor(scripted.body),
          body: scripted.body,
        }
      : success && defaultStatus(operation) < 300
        ? {
            status,
            headers: {
              ...success.headers,
              ...(success.mediaType ? { "content-type": sentType(success.mediaType, success.body) } : {}),
            },
            body: success.body === undefined ? undefined : structuredClone(success.body),
          }
        : problem(
            status,
            "Status outside the spec",
            `${provider} mock: ${outsideSpec}; the test asked for it`,
          );
    return {
      ...base,
      headers: { ...base.headers, [OUTSIDE_SPEC_HEADER]: outsideSpec, ...extraHeaders },
      outsideSpec,
      ...(typeof scripted.body === "string" && "content-type" in extraHeaders
        ? { asWritten: true as const }
        : {}),
    };
  }
  if (!scripted.hasBody) {
    const headers = {
      ...found.headers,
      ...(found.mediaType ? { "content-type": sentType(found.mediaType, found.body) } : {}),
      ...extraHeaders,
    };
    return { status, headers, body: found.body === undefined ? undefined : structuredClone(found.body) };
  }
  let body = scripted.body;
  let type =
    body === undefined
      ? found.mediaType
      : found.mediaType
        ? sentType(found.mediaType, body)
        : contentTypeFor(body)["content-type"];
  // A string is the body as written (its type says "JSON unless a string"): where the response is JSON, JSON
  // text goes out as that JSON, anything else (an HTML error page from a proxy) as text, not as a JSON string.
  // Under a Content-Type the test gave it, the string goes out as it is (`{not json` as application/json: the
  // malformed body a client must report as invalid_response).
  const asWritten = typeof body === "string" && "content-type" in extraHeaders;
  if (asWritten) type = extraHeaders["content-type"];
  else if (typeof body === "string" && type && /[/+]json\b/i.test(type)) {
    try {
      body = JSON.parse(body);
    } catch {
      type = "text/plain; charset=utf-8";
    }
  }
  const violations = responseViolations(operation, status, body, spec);
  const outsideSpec = violations.length
    ? `the body does not match the ${status} response of ${operation.name}: ${violations.map(formatViolation).join("; ")}`
    : undefined;
  return {
    status,
    headers: {
      ...found.headers,
      ...(type && body !== undefined ? { "content-type": type } : {}),
      ...(outsideSpec ? { [OUTSIDE_SPEC_HEADER]: outsideSpec } : {}),
      ...extraHeaders,
    },
    body,
    ...(outsideSpec ? { outsideSpec } : {}),
    ...(asWritten ? { asWritten } : {}),
  };
}

function contentTypeFor(body: unknown): Record<string, string> {
  return { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json" };
}

/**
 * The Content-Type an answer goes out with: its documented media type, unless that names no one type
 * (`*\/*`, `application/*`, Telnyx's `*`), which no server sends: then what the body is, as a server would
 * say it (JSON for a value, text for a string, octet-stream for bytes), so the client reads it as such.
 */
function sentType(mediaType: string, body: unknown): string {
  if (/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;.*)?$/.test(mediaType.trim())) return mediaType;
  return body instanceof Uint8Array ? "application/octet-stream" : contentTypeFor(body)["content-type"]!;
}

/** The bytes of an answer's body, as its content type says. */
export function encodeBody(answer: Answer): string | Uint8Array | null {
  if (answer.body === undefined || NO_BODY.has(answer.status)) return null;
  if (answer.body instanceof Uint8Array) return answer.body;
  const type = answer.headers["content-type"] ?? "";
  if (typeof answer.body === "string" && (answer.asWritten || !/[/+]json\b/i.test(type))) return answer.body;
  return JSON.stringify(answer.body);
}
