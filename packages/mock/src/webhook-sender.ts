/**
 * `createWebhookSender({ spec, provider })`: the mock's side of webhooks. It builds any event the spec
 * declares, signs it as the provider would (the scheme of `provider.webhooks`, read from the spec by the
 * generator) with a test key pair whose public key it exposes, posts it to the URL a test gives, and checks
 * the handler's answer against the responses the webhook declares. So the code under test verifies exactly
 * as in production, only with the mock's key:
 *
 *   const sender = createWebhookSender({ spec, provider });            // provider from "<pkg>/webhooks"
 *   process.env.TELNYX_PUBLIC_KEY = sender.publicKey;                  // or { key: sender.publicKey }
 *   await sender.deliver("call.initiated", { to: "http://127.0.0.1:3000/webhooks" });
 *
 * Signing uses node:crypto (the mock runs in Node); the signed content and header layout are the runtime's
 * own (`signedContent`, `signatureHeaders` of @switchboard/core), so sender and verifier cannot drift.
 */

import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  sign,
} from "node:crypto";
import { readFileSync } from "node:fs";
import {
  type ProviderDefinition,
  signatureHeaders,
  signedContent,
  type WebhookSignatureScheme,
} from "@switchboard/core";
import { schemaViolations } from "./kit/check.js";
import type { DeepPartial } from "./kit/types.js";
import { nearestNames } from "./nearest-names.js";
import { isObj, merged, type Obj } from "./openapi.js";
import { conforms } from "./validate.js";
import { type DeclaredWebhook, declaredWebhooks, payloadConforms, payloadOf } from "./webhook-events.js";

/** A signing key and the key that verifies it, base64; for HMAC both are the shared secret. */
export interface WebhookKeyPair {
  /** Ed25519: the 32-byte private seed. HMAC: the secret. */
  readonly privateKey: string;
  /** What the code under test verifies with: the Ed25519 public key, or the HMAC secret. */
  readonly publicKey: string;
}

export interface WebhookSenderOptions {
  /** The bundled spec: the path of a package's `openapi.json`, or the document itself. */
  readonly spec: string | object;
  /** The provider definition with its `webhooks` (`provider` from `@switchboard/<provider>/webhooks`). */
  readonly provider: Pick<ProviderDefinition, "name" | "title" | "webhooks">;
  /** The key pair to sign with; a fresh one by default (`generateWebhookKeyPair`). */
  readonly keyPair?: WebhookKeyPair;
}

/** A signed delivery: the exact body and the headers that sign it. */
export interface SignedWebhook {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/**
 * How an event is written as the body: `"spaced"` (the default) as Python's `json.dumps` writes it,
 * `{"a": 1, "b": [1, 2]}`; `"compact"` as `JSON.stringify`; or your own (a captured delivery's exact bytes).
 * Not `JSON.stringify` by default: a handler that verifies `JSON.stringify(req.body)` instead of the bytes it
 * received then passes every test and fails on a provider whose bytes differ; spaced, it fails here.
 */
export type BodyFormat = "spaced" | "compact" | ((event: unknown) => string);

/** What `sign` takes besides the payload. */
export interface SignOptions {
  /** Unix seconds to sign with (now by default). */
  readonly timestamp?: number;
  readonly id?: string;
  /** How an object payload is written (`"spaced"` by default); a string or bytes are signed as they are. */
  readonly format?: BodyFormat;
}

/** What `event` takes besides the overrides. */
export interface EventOptions {
  /** `false` returns an event that does not conform to its schema, instead of refusing to. */
  readonly validate?: boolean;
}

export interface DeliverOptions<Event = unknown> {
  /** The handler's URL. */
  readonly to: string | URL;
  /** How the event is written as the body (`"spaced"` by default): see `BodyFormat`. */
  readonly format?: BodyFormat;
  /**
   * Milliseconds the handler has to answer (default 10 000), as a provider gives up on a slow endpoint and
   * retries: a handler that never answers fails the delivery, not the test runner's own timeout.
   */
  readonly timeout?: number;
  /** Merged into the event (objects key by key, anything else replaced). */
  readonly overrides?: DeepPartial<Event>;
  /** Unix seconds to sign with (now by default): a past one tests replay protection. A scheme of milliseconds signs it × 1000. */
  readonly timestamp?: number;
  /**
   * Extra request headers. They win over the signature's, which win over the values the webhook declares
   * (GitHub's `X-GitHub-Event`), which are sent too; a name in another case still replaces.
   */
  readonly headers?: Record<string, string>;
  /** `false` sends an event that does not conform to its schema, instead of refusing to. */
  readonly validate?: boolean;
  /** `false` returns an answer the webhook does not declare, instead of throwing. */
  readonly check?: boolean;
  /**
   * Sends the request (default: the global `fetch`). A framework's own handler delivers without a server
   * (`(request) => app.fetch(request)`, a route's `POST`); under msw with `onUnhandledRequest: "error"`, the
   * global fetch is msw's, which refuses the handler's URL, so give the app's handler here.
   */
  readonly fetch?: (request: Request) => Response | Promise<Response>;
}

export interface Delivery<Event = unknown> {
  /** The webhook delivered (its name in the spec) and the event sent. */
  readonly webhook: string;
  readonly event: Event;
  readonly request: SignedWebhook;
  readonly status: number;
  readonly body: string;
  /** Where the answer breaks the webhook's declared responses; empty when it keeps them. */
  readonly problems: readonly string[];
}

/**
 * Sends a provider's webhooks. `Events` maps the names it takes to their events, for typed names, overrides
 * and results: `createWebhookSender<TelnyxWebhookEventMap & TelnyxWebhooks>(…)` (by discriminator value and
 * by webhook name); without it, any name and any overrides.
 */
export interface WebhookSender<Events extends object = Record<string, unknown>> {
  /** What the code under test verifies with (its `key` option, or `TELNYX_PUBLIC_KEY`-style variable). */
  readonly publicKey: string;
  readonly keyPair: WebhookKeyPair;
  /** Every event name `deliver` takes: discriminator values (`call.initiated`) and webhook names. */
  readonly events: readonly string[];
  /**
   * The event `deliver` would send, without sending it: for a handler's unit tests. Overrides that break the
   * event's schema are refused, naming where, as `deliver` refuses them, unless `{ validate: false }`.
   */
  event<const Name extends keyof Events & string>(
    name: Name,
    overrides?: DeepPartial<Events[Name]>,
    options?: EventOptions,
  ): Events[Name];
  /**
   * Signs any payload as the provider would, for unit tests of a handler: a string, or bytes (a captured
   * delivery's, UTF-8), exactly as given; anything else written as JSON in `format` (`"spaced"` by default).
   */
  sign(payload: unknown, options?: SignOptions): SignedWebhook;
  /** Builds, signs and posts an event to `to`, and checks the answer against the spec. */
  deliver<const Name extends keyof Events & string>(
    name: Name,
    options: DeliverOptions<Events[Name]>,
  ): Promise<Delivery<Events[Name]>>;
}

/** The answer of a handler broke the contract of the webhook it was sent. */
export class WebhookDeliveryError extends Error {
  override name = "WebhookDeliveryError";
  constructor(readonly delivery: Delivery) {
    // The handler's own answer says why it refused (a verifier's `body_not_raw`, a stack trace), so it is
    // shown, cut short.
    const answer = delivery.body.length > 300 ? `${delivery.body.slice(0, 300)}…` : delivery.body;
    super(
      `${delivery.webhook} delivered: ${delivery.problems.join("; ")}` +
        (answer.trim() ? `\nthe handler answered: ${answer}` : ""),
    );
  }
}

/** PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410), which is how node:crypto imports one. */
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");

const ed25519Key = (seed: string) =>
  createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, Buffer.from(seed, "base64")]),
    format: "der",
    type: "pkcs8",
  });

/** A fresh key pair for `scheme`: an Ed25519 seed and its public key, or a 32-byte HMAC secret. */
export function generateWebhookKeyPair(scheme: WebhookSignatureScheme): WebhookKeyPair {
  if (scheme.algorithm !== "ed25519") {
    const text = scheme.keyFormat === "text" || scheme.algorithm === "token";
    const random = randomBytes(32).toString(text ? "hex" : "base64");
    const secret = `${scheme.keyPrefix ?? ""}${random}`;
    return { privateKey: secret, publicKey: secret };
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32).toString("base64");
  return { privateKey: seed, publicKey: publicKeyOf(scheme, seed) };
}

function publicKeyOf(scheme: WebhookSignatureScheme, seed: string): string {
  const { x } = createPublicKey(ed25519Key(seed)).export({ format: "jwk" });
  return `${scheme.keyPrefix ?? ""}${Buffer.from(x!, "base64url").toString("base64")}`;
}

const unprefixed = (scheme: WebhookSignatureScheme, key: string) =>
  scheme.keyPrefix && key.startsWith(scheme.keyPrefix) ? key.slice(scheme.keyPrefix.length) : key;

/** An HMAC secret's key bytes: a `text` secret's UTF-8, whole; a base64 one decoded, its prefix off. */
const hmacKey = (scheme: WebhookSignatureScheme, secret: string) =>
  scheme.keyFormat === "text"
    ? Buffer.from(secret, "utf8")
    : Buffer.from(unprefixed(scheme, secret), "base64");

export function createWebhookSender<Events extends object = Record<string, unknown>>(
  options: WebhookSenderOptions,
): WebhookSender<Events> {
  const { provider } = options;
  const scheme = provider.webhooks?.signature;
  const spec = (
    typeof options.spec === "string" ? JSON.parse(readFileSync(options.spec, "utf8")) : options.spec
  ) as Obj;
  if (!scheme) {
    const declared = [spec.webhooks, spec["x-webhooks"]].some(
      (w) => w && typeof w === "object" && Object.keys(w).length,
    );
    throw new Error(
      declared
        ? `${provider.title}: the provider definition says nothing of how its webhooks are signed (pass the \`provider\` of its package's /webhooks module)`
        : `${provider.title}: the spec declares no webhooks, so there is none to send`,
    );
  }
  const discriminator = provider.webhooks?.discriminator;
  const webhooks = declaredWebhooks(spec, discriminator);
  const keyPair = options.keyPair ?? generateWebhookKeyPair(scheme);
  const signer =
    scheme.algorithm === "token"
      ? // The secret itself is the header's value.
        () => Buffer.from(keyPair.privateKey, "utf8")
      : scheme.algorithm === "ed25519"
        ? (content: Uint8Array) => sign(null, content, ed25519Key(unprefixed(scheme, keyPair.privateKey)))
        : (content: Uint8Array) =>
            createHmac(
              scheme.algorithm === "hmac-sha1"
                ? "sha1"
                : scheme.algorithm === "hmac-sha512"
                  ? "sha512"
                  : "sha256",
              hmacKey(scheme, keyPair.privateKey),
            )
              .update(content)
              .digest();

  function find(name: string): { webhook: DeclaredWebhook; value: string | undefined } {
    const byName = webhooks.find((w) => w.name === name);
    if (byName) return { webhook: byName, value: byName.values[0] };
    const byValue = webhooks.filter((w) => w.values.includes(name));
    if (byValue.length === 1) return { webhook: byValue[0]!, value: name };
    const known = webhooks.flatMap((w) => [...w.values, w.name]);
    const near = nearestNames(name, known);
    throw new Error(
      byValue.length > 1
        ? `${provider.title}: "${name}" is sent by several webhooks (${byValue.map((w) => w.name).join(", ")}); name one`
        : near.length
          ? `${provider.title}: no webhook "${name}" in the spec; did you mean ${near.map((n) => `"${n}"`).join(", ")}?`
          : `${provider.title}: no webhook "${name}" in the spec (${known.slice(0, 8).join(", ")}${known.length > 8 ? ", …" : ""})`,
    );
  }

  function signPayload(payload: unknown, at: SignOptions = {}): SignedWebhook {
    const body = bodyText(payload, at.format);
    const seconds = at.timestamp ?? Math.floor(Date.now() / 1000);
    // A milliseconds scheme's is the second given (now's millisecond, given none): the options are seconds.
    const timestamp = String(
      scheme!.timestampUnit !== "milliseconds"
        ? seconds
        : at.timestamp === undefined
          ? Date.now()
          : seconds * 1000,
    );
    const id = at.id ?? `msg_${randomBytes(12).toString("hex")}`;
    const content = signedContent(scheme!, { timestamp, id }, Buffer.from(body));
    return { body, headers: signatureHeaders(scheme!, signer(content), { timestamp, id }) };
  }

  /**
   * The webhook's event as the spec's example gives it (`fresh`: with ids of its own), then the overrides;
   * refused, naming where, if the overrides break its schema, unless `validate` is false. A handler tested
   * with an event its provider never sends passes tests it should fail.
   */
  function build(
    { webhook, value }: ReturnType<typeof find>,
    overrides: unknown,
    validate: boolean | undefined,
    fresh = false,
  ): unknown {
    const example = payloadOf(webhook, spec, discriminator, value);
    const payload = merged(fresh ? withFreshIds(example) : example, overrides);
    if (validate !== false && !payloadConforms(webhook, payload, spec)) {
      const where = schemaViolations(payload, webhook.schema, spec, "event", {})
        .slice(0, 5)
        .map((v) => `${v.at}: ${v.message}`);
      throw new Error(
        `${provider.title}: the ${webhook.name} event does not conform to its schema (after your overrides)` +
          `${where.length ? `: ${where.join("; ")}` : ""}; pass { validate: false } to ${fresh ? "send" : "build"} it anyway`,
      );
    }
    return payload;
  }

  const event = (name: string, overrides?: unknown, options: EventOptions = {}): unknown =>
    build(find(name), overrides, options.validate);

  // Typed by `Events` for its callers only: the spec, read at run time, is what the names and events are.
  const sender: WebhookSender = {
    publicKey: keyPair.publicKey,
    keyPair,
    events: webhooks.flatMap((w) => [...w.values, w.name]),
    event,
    sign: signPayload,
    async deliver(name, deliver) {
      const found = find(name);
      const { webhook } = found;
      // Each delivery is an event of its own, as the provider's are: a new id (`event()` stays the example).
      const payload = build(found, deliver.overrides, deliver.validate, true);
      const request = signPayload(payload, {
        format: deliver.format,
        ...(deliver.timestamp === undefined ? {} : { timestamp: deliver.timestamp }),
      });
      const timeout = deliver.timeout ?? 10_000;
      const failed = (cause: unknown): never => {
        // fetch's "fetch failed" says nothing; its cause says what (ECONNREFUSED, ENOTFOUND, a reset).
        const reason = (cause as { cause?: { code?: string; message?: string } })?.cause;
        const why = reason?.code ?? reason?.message;
        const what =
          (cause as Error)?.name === "TimeoutError"
            ? `the handler did not answer within ${timeout} ms (timeout)`
            : `${cause}${why ? ` (${why})` : ""}`;
        // msw refusing the request: the handler can be given as `fetch`, which leaves msw out of it.
        const hint =
          !deliver.fetch && /\[MSW\]/.test(String(cause))
            ? "; to deliver to a handler in this process under msw, pass it as `fetch` (`fetch: (request) => app.fetch(request)`)"
            : "";
        throw new Error(
          `${provider.title}: could not deliver ${webhook.name} to ${deliver.to}: ${what}${hint}`,
          {
            cause,
          },
        );
      };
      // Lower-case names, so that a header given twice in two cases is replaced, not sent as `a, b`.
      const lower = (headers: Record<string, string> = {}) =>
        Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
      const signal = AbortSignal.timeout(timeout);
      // A handler given as `fetch` may not watch the signal: its timeout still ends the delivery.
      const timedOut = new Promise<never>((_, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
      );
      timedOut.catch(() => {});
      const send = async () => {
        const outgoing = new Request(deliver.to, {
          method: webhook.method.toUpperCase(),
          headers: {
            ...webhook.headers,
            "content-type": webhook.mediaType,
            ...lower(request.headers),
            ...lower(deliver.headers),
          },
          body: request.body,
          // A provider posts to the URL it was given: a redirect is the handler's answer, checked as one.
          redirect: "manual",
          signal,
        });
        return (deliver.fetch ?? fetch)(outgoing);
      };
      const response = await Promise.race([send(), timedOut]).catch((cause) => failed(cause));
      const body = await response.text().catch((cause) => failed(cause));
      const problems = answerProblems(webhook, response, body, spec);
      const delivery: Delivery = {
        webhook: webhook.name,
        event: payload,
        request,
        status: response.status,
        body,
        problems,
      };
      if (problems.length && deliver.check !== false) throw new WebhookDeliveryError(delivery);
      return delivery;
    },
  };
  return sender as unknown as WebhookSender<Events>;
}

/** The body a payload is sent as: a string or UTF-8 bytes as they are, anything else as JSON in `format`. */
function bodyText(payload: unknown, format: BodyFormat = "spaced"): string {
  if (typeof payload === "string") return payload;
  if (payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
    const bytes = new Uint8Array(
      ArrayBuffer.isView(payload) ? payload.buffer : payload,
      ArrayBuffer.isView(payload) ? payload.byteOffset : 0,
      payload.byteLength,
    );
    // Exactly these bytes are what is signed and sent: a byte order mark kept, anything not UTF-8 refused
    // (the body is sent as text, which would change it).
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new TypeError("sign: the bytes are not UTF-8 text; a webhook body is sent as text");
    }
  }
  if (typeof format === "function") return format(payload);
  const compact = JSON.stringify(payload);
  if (format === "compact" || compact === undefined) return compact;
  // JSON.stringify's own newlines stand only between tokens (a string's are escaped): each becomes Python's
  // separator, `, ` after an item and `: ` after a key, with none inside brackets.
  return JSON.stringify(payload, null, 1)
    .replace(/([[{])\n */g, "$1")
    .replace(/\n *([\]}])/g, "$1")
    .replace(/\n */g, " ");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event with an id of its own: its `id` and its `data.id` (the envelope's, as Telnyx's and Stripe's
 * events carry it), where the sample is a UUID, are new for each delivery. Sampled from the spec, every event
 * delivered had its example's id, and an app dropping events it has seen by their id dropped the second as a
 * repeat.
 * A UUID for a UUID keeps the event valid; an id overridden is the caller's.
 */
function withFreshIds(payload: unknown): unknown {
  if (!isObj(payload)) return payload;
  const out: Obj = { ...payload };
  if (typeof out.id === "string" && UUID.test(out.id)) out.id = randomUUID();
  if (isObj(out.data) && typeof out.data.id === "string" && UUID.test(out.data.id))
    out.data = { ...out.data, id: randomUUID() };
  return out;
}

/** How an answer breaks the responses the webhook declares: an undeclared status, a body off its schema. */
function answerProblems(webhook: DeclaredWebhook, response: Response, body: string, spec: Obj): string[] {
  const responses = isObj(webhook.operation.responses) ? webhook.operation.responses : {};
  const status = String(response.status);
  const key = [status, `${status[0]}XX`, `${status[0]}xx`, "default"].find((k) => k in responses);
  // Providers take any 2xx as delivered (a `204` for a declared `200`), so a handler may answer any of them
  // where the webhook declares one; a body is then checked only against a declaration of its own status.
  const anySuccess = status[0] === "2" && Object.keys(responses).some((k) => k[0] === "2");
  if (!key && anySuccess) return [];
  if (!key) {
    return [
      `the handler answered ${status}, but the webhook declares ${Object.keys(responses).join(", ") || "no response"}`,
    ];
  }
  const declared = responses[key] as Obj;
  const content = isObj(declared?.content) ? declared.content : undefined;
  const type = response.headers.get("content-type")?.split(";")[0]?.trim();
  const media = content && type ? (content[type] as Obj | undefined) : undefined;
  if (!media?.schema || !/[/+]json$/.test(type!)) return [];
  try {
    return conforms(JSON.parse(body), media.schema, spec)
      ? []
      : [`the ${status} body does not conform to the declared schema`];
  } catch {
    return [`the ${status} body is not the JSON its content type says`];
  }
}
