/**
 * `createWebhookVerifier(provider, options)`: checks that a delivery was signed by the provider, recently,
 * over exactly this body, and returns its event typed, or a `WebhookVerificationError` saying why not. The
 * scheme comes from the provider definition (its `webhooks.signature`, read from the spec), so nothing here
 * knows any provider. Helpers take the body where apps receive it: a fetch `Request` (Workers, Hono, Next.js
 * route handlers, Deno, Bun) or Node's `IncomingMessage` (Express with `express.raw()`, plain `http`).
 */
import { envValue } from "../auth.js";
import type { ProviderDefinition, WebhookSignatureScheme } from "../contract.js";
import { ConfigurationError } from "../errors.js";
import { WebhookVerificationError } from "./error.js";
import {
  alreadyRead,
  checkSize,
  type InputFailure,
  type RawBody,
  rawBytes,
  readHeaders,
  readLimited,
  streamChunks,
  type WebhookHeaders,
} from "./input.js";
import { anyValid, importKey, parseSignatures, signedContent } from "./scheme.js";

export interface WebhookVerifierOptions {
  /**
   * The provider's public key (Ed25519) or webhook secret (HMAC), as its portal shows it: base64, or the
   * secret's text where the scheme takes it so (GitHub's). Defaults to the environment variable the scheme
   * names (`TELNYX_PUBLIC_KEY`).
   */
  key?: string | undefined;
  /** Seconds a delivery's timestamp may be from now, in either direction (default 300). */
  tolerance?: number | undefined;
  /** The largest body verified, in bytes (default 10 MiB); a larger one is refused unread. */
  maxBytes?: number | undefined;
  /** Where the key's variable is looked up; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * A verified delivery (`event`), or why it was refused (`error`): one `if (error)` narrows `event`.
 * `Timestamp` is `undefined` for a scheme that signs no timestamp (GitHub's).
 */
export type WebhookResult<Event, Timestamp extends number | undefined = number> =
  | {
      readonly event: Event;
      readonly error?: undefined;
      /** The delivery's timestamp, Unix seconds (milliseconds rounded down), where the scheme signs one. */
      readonly timestamp: Timestamp;
      /** The delivery id header's value, for schemes that send one (Standard Webhooks' `webhook-id`). */
      readonly id: string | undefined;
    }
  | {
      readonly event?: undefined;
      readonly error: WebhookVerificationError;
      readonly timestamp?: undefined;
      readonly id?: undefined;
    };

/** What the Node helper reads: an `IncomingMessage` (Express's `req` included). */
export interface NodeRequest extends AsyncIterable<unknown> {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Node ≥ 18.3: every header as a list, so repeats are seen as such. */
  readonly headersDistinct?: Readonly<Record<string, readonly string[] | undefined>>;
  /** What a body parser left (`express.raw()`: a Buffer). */
  readonly body?: unknown;
  readonly readableEnded?: boolean;
}

/** `Timestamp`: `undefined` for a scheme that signs no timestamp (GitHub's), whose results carry none. */
export interface WebhookVerifier<Events = unknown, Timestamp extends number | undefined = number> {
  /**
   * Verifies a delivery from its raw body and headers. `Event` defaults to every event the spec tells
   * apart; name one (`unwrap<CampaignStatusUpdateEvent>`) for a URL that receives only that kind.
   */
  unwrap<Event = Events>(
    body: RawBody,
    headers: WebhookHeaders,
    options?: Pick<WebhookVerifierOptions, "tolerance">,
  ): Promise<WebhookResult<Event, Timestamp>>;
  /** Verifies a fetch `Request`, reading its body (which must not have been read yet). */
  unwrapRequest<Event = Events>(request: Request): Promise<WebhookResult<Event, Timestamp>>;
  /**
   * Verifies a Node request: the body is `body`, else what `express.raw()` left in `req.body`, else read
   * from the request itself.
   */
  unwrapNode<Event = Events>(request: NodeRequest, body?: RawBody): Promise<WebhookResult<Event, Timestamp>>;
}

const DEFAULT_TOLERANCE = 300;
const DEFAULT_MAX_BYTES = 10_485_760; // 10 MiB, a literal so that bundlers drop it from apps without webhooks

type WebhookProvider = Pick<ProviderDefinition, "name" | "title" | "webhooks">;

/**
 * A verifier for `provider`'s webhooks. Throws a `ConfigurationError` when the provider's spec does not say
 * how it signs them, or no key is given, or the key is not one (not base64, not 32 bytes for Ed25519).
 */
export function createWebhookVerifier<Events = unknown, Timestamp extends number | undefined = number>(
  provider: WebhookProvider,
  options: WebhookVerifierOptions = {},
): WebhookVerifier<Events, Timestamp> {
  const scheme = provider.webhooks?.signature;
  if (!scheme) {
    throw new ConfigurationError(
      `${provider.title}: its spec does not say how its webhooks are signed, so they cannot be verified ` +
        "(an overlay can declare the scheme with x-switchboard-webhooks)",
    );
  }
  const key = options.key ?? envValue(scheme.keyEnv, options.env);
  // Not a string: JavaScript callers passing bytes (or several keys) get this message, not a TypeError
  // from deep inside, nor "no key" for a key they did pass.
  if (!key || typeof key !== "string") {
    throw new ConfigurationError(
      `${provider.title}: ${key ? "the webhook key is not a string" : "no webhook key"}: pass { key } (the ${scheme.algorithm === "ed25519" ? "public key" : "webhook secret"} ` +
        `${provider.title} shows you) or set ${scheme.keyEnv}`,
    );
  }
  // Checked when given, here and per call: `NaN` (an unset variable through `Number`) would accept a
  // replay of any age.
  const atLeastZero = (name: string, value: number | undefined) => {
    if (value !== undefined && !(value >= 0))
      throw new ConfigurationError(`${provider.title}: ${name} must be ≥ 0, not ${value}`);
    return value;
  };
  for (const name of ["tolerance", "maxBytes"] as const) atLeastZero(name, options[name]);
  const imported = importKey(scheme, key, provider.title);
  // Awaited by the first verification; this only keeps an unused verifier from an unhandled rejection.
  imported.catch(() => {});
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fail = ([reason, detail, header]: InputFailure) => ({
    error: new WebhookVerificationError(provider.name, reason, detail, header),
  });

  /** `body` is the bytes, why there are none, or how to read them once the headers have passed. */
  async function verify(
    body: Body,
    headers: WebhookHeaders,
    tolerance = options.tolerance ?? DEFAULT_TOLERANCE,
  ): Promise<WebhookResult<any, any>> {
    const checked = await check(scheme!, await imported, body, headers, tolerance);
    if (!("bytes" in checked)) return fail(checked);
    const { timestamp, id, bytes } = checked;
    try {
      const event = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      // `null` or a bare number is JSON, but no event: typed as one, `event.data` would throw in the handler.
      // (A list is kept: some providers post events in batches.)
      if (typeof event === "object" && event) return { event, timestamp, id };
    } catch {}
    return fail(["malformed_body", "the body is correctly signed but is not a JSON object"]);
  }

  return {
    unwrap: (body, headers, callOptions) =>
      verify(rawBytes(body, maxBytes), headers, atLeastZero("tolerance", callOptions?.tolerance)),
    unwrapRequest: (request) =>
      verify(
        request.bodyUsed
          ? alreadyRead()
          : // Refused on its declared length, unread; a body longer than declared is cut off while read.
            (checkSize(Number(request.headers.get("content-length")), maxBytes) ??
              (() => readLimited(streamChunks(request.body), maxBytes))),
        request.headers,
      ),
    async unwrapNode(request, body) {
      const parsed = body ?? request.body;
      // body-parser sets `req.body = {}` when its type did not match, leaving the stream unread.
      const skipped = isEmptyObject(parsed) && !request.readableEnded;
      const bytes =
        parsed !== undefined && !skipped
          ? rawBytes(parsed, maxBytes)
          : request.readableEnded
            ? alreadyRead()
            : // Refused on its declared length, unread, as a fetch Request is.
              (checkSize(Number(request.headers["content-length"] ?? 0), maxBytes) ??
              (() => readLimited(request, maxBytes)));
      return verify(bytes, request.headersDistinct ?? request.headers);
    },
  };
}

const isEmptyObject = (value: unknown) =>
  typeof value === "object" &&
  value !== null &&
  Object.getPrototypeOf(value) === Object.prototype &&
  Object.keys(value).length === 0;

/**
 * A body given, why it cannot be verified, or a request's unread stream: read only once the headers have
 * passed, so that a request with no signature (anyone can post to a webhook URL) is refused before its body,
 * up to `maxBytes` and as slow as it likes, is taken in.
 */
type Body = Uint8Array | InputFailure | (() => Promise<Uint8Array | InputFailure>);

/**
 * The scheme's checks, cheapest first: headers, their form, the time window, the body, then the signature.
 * A failure is returned as the `InputFailure` list itself, as the input checks return theirs (no wrapper
 * object per failure); only the success has `bytes`.
 */
async function check(
  scheme: WebhookSignatureScheme,
  key: CryptoKey,
  body: Body,
  headers: WebhookHeaders,
  tolerance: number,
): Promise<
  | InputFailure
  | { readonly timestamp: number | undefined; readonly id: string | undefined; readonly bytes: Uint8Array }
> {
  const names = scheme.headers;
  const values = readHeaders(
    headers,
    [names.signature, names.timestamp, names.id].filter((name) => name !== undefined),
    scheme.pairs && names.signature,
  );
  if (Array.isArray(values)) return values as InputFailure;
  const sent = values as Record<string, string>;
  const parsed = parseSignatures(scheme, sent[names.signature]!);
  if (typeof parsed === "string") {
    return ["malformed_signature", `${names.signature}: ${parsed}`, names.signature];
  }
  // In a header of its own (Telnyx, Standard Webhooks), in the signature header (Stripe), or none (GitHub).
  const timestampAt = names.timestamp ?? names.signature;
  const timestamp = names.timestamp ? sent[names.timestamp] : parsed.timestamp;
  const ms = scheme.timestampUnit === "milliseconds";
  const seconds = Math.floor(Number(timestamp) / (ms ? 1000 : 1));
  if (timestamp !== undefined) {
    if (!/^\d+$/.test(timestamp) || timestamp.length > (ms ? 15 : 12)) {
      const what = names.timestamp || `${names.signature}'s timestamp`;
      return ["malformed_timestamp", `${what} is not Unix ${ms ? "milli" : ""}seconds`, timestampAt];
    }
    const age = Math.floor(Date.now() / 1000) - seconds;
    if (Math.abs(age) > tolerance) {
      const when = age > 0 ? `was signed ${age} s ago` : `is dated ${-age} s in the future`;
      return [
        "timestamp_out_of_tolerance",
        `the delivery ${when}; at most ${tolerance} s either way is accepted (a replay, or a clock that is off)`,
        timestampAt,
      ];
    }
  }
  const bytes = typeof body === "function" ? await body() : body;
  if (!(bytes instanceof Uint8Array)) return bytes;
  const id = names.id ? sent[names.id] : undefined;
  if (!(await anyValid(scheme, key, parsed.signatures, signedContent(scheme, { timestamp, id }, bytes)))) {
    const detail =
      scheme.algorithm === "token"
        ? `${names.signature} is not the webhook secret (${scheme.keyEnv})`
        : `${names.signature} is not a signature of this body${timestamp === undefined ? "" : " and timestamp"} by this key: a wrong key ` +
          `(${scheme.keyEnv}), or a body changed after it was signed (parsed and re-serialised, re-encoded)`;
    return ["signature_mismatch", detail, names.signature];
  }
  return { timestamp: timestamp === undefined ? undefined : seconds, id, bytes };
}

/**
 * Gives a client a `webhooks` verifier, made the first time it is read, so a client that never verifies
 * needs no webhook key.
 */
export function withWebhooks<Client extends object, Verifier>(
  client: Client,
  make: () => Verifier,
): Client & { readonly webhooks: Verifier } {
  let verifier: Verifier | undefined;
  return Object.defineProperty(client, "webhooks", {
    get: () => {
      verifier ??= make();
      return verifier;
    },
  }) as Client & { readonly webhooks: Verifier };
}
