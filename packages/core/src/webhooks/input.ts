/**
 * What a verifier is handed, made uniform: the headers of a fetch `Request`, of Node's `IncomingMessage`
 * or a plain object, and the body as its exact bytes. Parsed bodies are refused with a message that says
 * what to pass instead, since re-serialising JSON changes its bytes and no signature would match.
 */
import { concatBytes, utf8 } from "./encoding.js";
import type { WebhookFailure } from "./error.js";

/** A fetch `Headers`, Node's `req.headers` / `req.headersDistinct`, or a plain object (any letter case). */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | null
  | undefined;

/** The raw body, exactly as received: the text (`await request.text()`) or the bytes (`express.raw()`). */
export type RawBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** A failure found before any signature was looked at. */
export type InputFailure = readonly [reason: WebhookFailure, detail: string, header?: string];

const DUPLICATE = Symbol("duplicate");

/**
 * A header's value, `undefined` when absent or empty, `DUPLICATE` when sent more than once. Fetch and Node
 * join repeated headers with ", ", which no value of a signature scheme contains (base64, Unix seconds,
 * Standard Webhooks' space-separated list), so such a value is a repeat, not a value; except a list of
 * `key=value` pairs (`t=…, v1=…`), which may be written so, and whose repeat is read as more pairs.
 */
function headerValue(
  headers: WebhookHeaders,
  name: string,
  list?: boolean,
): string | undefined | typeof DUPLICATE {
  if (!headers || typeof headers !== "object") return undefined;
  const values: string[] = [];
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    const value = (headers as Headers).get(name);
    if (value !== null) values.push(value);
  } else {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() !== name || value === undefined) continue;
      values.push(...(typeof value === "string" ? [value] : Array.isArray(value) ? value.map(String) : []));
    }
  }
  if (values.length > 1 || (!list && values.some((v) => v.includes(", ")))) return DUPLICATE;
  return values[0] || undefined;
}

/** The named headers (lower-case), or what is wrong with them: every missing one at once, then repeats. */
export function readHeaders(
  headers: WebhookHeaders,
  names: readonly string[],
  /** A header whose value is a list of pairs (Stripe-like schemes' signature header). */
  list?: string,
): Record<string, string> | InputFailure {
  const found: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const value = headerValue(headers, name, name === list);
    if (value === DUPLICATE) return ["duplicate_header", `${name} was sent more than once`, name];
    if (value === undefined) missing.push(name);
    else found[name] = value;
  }
  if (missing.length) {
    return [
      "missing_header",
      `no ${missing.join(" or ")} header: was this request sent by the provider, and were its headers passed on?`,
      missing[0],
    ];
  }
  return found;
}

// Short, and pointing to the README's recipes (Express, Fastify, Koa, Hono, Next.js): it is bundled by every
// webhook endpoint.
const RAW_BODY_HINT =
  "pass the body exactly as received, a string or bytes, not parsed JSON (written again, it differs from " +
  "what was signed): README, Raw bodies by framework";

/** The body's bytes, or why it cannot be verified. */
export function rawBytes(body: unknown, maxBytes: number): Uint8Array | InputFailure {
  let bytes: Uint8Array;
  if (typeof body === "string") bytes = utf8(body);
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  // Any view, a Uint8Array (Node's Buffer) included: a view of the same bytes, whatever its type.
  else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else {
    const what = body == null ? "no body was given" : `the body is ${describe(body)}, not its raw bytes`;
    return ["body_not_raw", `${what}: ${RAW_BODY_HINT}`];
  }
  return checkSize(bytes.byteLength, maxBytes) ?? (bytes.byteLength ? bytes : emptyBody());
}

// Functions rather than constants: a bundler keeps a top-level template string even when nothing uses it,
// and apps that only call the API must not carry the verifier's messages.
const alreadyRead = (): InputFailure => [
  "body_not_raw",
  `the request body was already read: ${RAW_BODY_HINT}`,
];
const emptyBody = (): InputFailure => [
  "empty_body",
  `the body is empty: ${RAW_BODY_HINT} (a body parser that ran first leaves nothing to read)`,
];

const describe = (body: unknown) =>
  Array.isArray(body)
    ? "an array (a parsed body?)"
    : typeof body === "object"
      ? "an object (a parsed body?)"
      : `a ${typeof body}`;

function checkSize(size: number, maxBytes: number): InputFailure | undefined {
  if (size <= maxBytes) return undefined;
  return ["body_too_large", `the body has more than ${maxBytes} bytes (maxBytes); nothing was verified`];
}

/**
 * Reads a stream of chunks (a fetch body's reader, a Node request) up to `maxBytes`, stopping as soon as
 * it is over: a huge body is refused without being held in memory.
 */
export async function readLimited(
  chunks: AsyncIterable<unknown>,
  maxBytes: number,
): Promise<Uint8Array | InputFailure> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of chunks) {
      const part = typeof chunk === "string" ? utf8(chunk) : (chunk as Uint8Array);
      size += part.byteLength;
      const tooLarge = checkSize(size, maxBytes);
      if (tooLarge) return tooLarge;
      parts.push(part);
    }
  } catch (cause) {
    return ["body_unreadable", `the body could not be read to its end: ${String(cause)}`];
  }
  return size ? concatBytes(parts) : emptyBody();
}

/** A fetch body as an async iterable of chunks; cancelled when the reader stops early. */
export async function* streamChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
  } finally {
    reader.cancel().catch(() => {});
  }
}

export { alreadyRead, checkSize };
