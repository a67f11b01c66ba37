/**
 * The verifier on every bad input the issue lists, with Telnyx's scheme: each is refused with a
 * `WebhookVerificationError` whose `reason` says why, nothing throws, nothing wrong is accepted.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createWebhookVerifier,
  formatSignature,
  signedContent,
  type WebhookFailure,
  type WebhookResult,
  WebhookVerificationError,
} from "../src/index.js";
import {
  callInitiated,
  ed25519Signer,
  hmacSigner,
  providerWith,
  signed,
  standardHmac,
  telnyxScheme,
} from "./webhook-fixtures.js";

const telnyx = providerWith(telnyxScheme);
const signer = ed25519Signer();
const verifier = createWebhookVerifier(telnyx, { key: signer.key });
const now = () => Math.floor(Date.now() / 1000);

function expectRefused(result: WebhookResult<unknown>, reason: WebhookFailure, message?: RegExp) {
  expect(result.event).toBeUndefined();
  expect(result.error).toBeInstanceOf(WebhookVerificationError);
  expect(result.error?.reason).toBe(reason);
  expect(result.error?.provider).toBe("telnyx");
  if (message) expect(result.error?.message).toMatch(message);
}

describe("a delivery signed by the provider", () => {
  it("is returned parsed, with its timestamp, from a string, bytes, an ArrayBuffer or a Buffer", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const bytes = new TextEncoder().encode(body);
    for (const raw of [body, bytes, bytes.buffer, Buffer.from(body), new DataView(bytes.buffer)]) {
      const result = await verifier.unwrap(raw, headers);
      expect(result.error).toBeUndefined();
      expect(result.event).toEqual(JSON.parse(callInitiated));
      expect(result.timestamp).toBe(Number(headers["telnyx-timestamp"]));
      // Telnyx's deliveries carry no id header.
      expect(result.id).toBeUndefined();
    }
  });

  it("reads headers in any letter case, from a plain object, Node's lists or fetch Headers", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    const lists = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
    for (const given of [upper, lists, new Headers(headers)]) {
      expect((await verifier.unwrap(body, given)).error).toBeUndefined();
    }
  });

  it("is accepted within the tolerance either way, and the tolerance can be set", async () => {
    for (const offset of [-240, 240]) {
      const { body, headers } = signed(telnyxScheme, signer, callInitiated, { timestamp: now() + offset });
      expect((await verifier.unwrap(body, headers)).error).toBeUndefined();
      expectRefused(await verifier.unwrap(body, headers, { tolerance: 60 }), "timestamp_out_of_tolerance");
    }
  });

  it("reads the key from the scheme's environment variable, as the portal shows it", async () => {
    const fromEnv = createWebhookVerifier(telnyx, { env: { TELNYX_PUBLIC_KEY: signer.key } });
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    expect((await fromEnv.unwrap(body, headers)).error).toBeUndefined();
  });
});

describe("refused deliveries", () => {
  const good = () => signed(telnyxScheme, signer, callInitiated);

  it("a wrong key: signature_mismatch", async () => {
    const { body, headers } = signed(telnyxScheme, ed25519Signer(), callInitiated);
    expectRefused(
      await verifier.unwrap(body, headers),
      "signature_mismatch",
      /wrong key \(TELNYX_PUBLIC_KEY\)/,
    );
  });

  it("a single flipped byte anywhere in the body: signature_mismatch", async () => {
    const { body, headers } = good();
    for (const at of [0, Math.floor(body.length / 2), body.length - 1]) {
      const bytes = Buffer.from(body);
      bytes[at]! ^= 0x01;
      expectRefused(await verifier.unwrap(bytes, headers), "signature_mismatch");
    }
  });

  it("the signature of another body, or of this body at another time: signature_mismatch", async () => {
    const other = signed(telnyxScheme, signer, callInitiated.replace("incoming", "outgoing"));
    expectRefused(await verifier.unwrap(good().body, other.headers), "signature_mismatch");
    const earlier = signed(telnyxScheme, signer, callInitiated, { timestamp: now() - 10 });
    const headers = { ...earlier.headers, "telnyx-timestamp": String(now()) };
    expectRefused(await verifier.unwrap(earlier.body, headers), "signature_mismatch");
  });

  it("re-serialised JSON (what a parsed body becomes): signature_mismatch", async () => {
    const { body, headers } = signed(
      telnyxScheme,
      signer,
      JSON.stringify(JSON.parse(callInitiated), null, 1),
    );
    expect((await verifier.unwrap(body, headers)).error).toBeUndefined();
    expectRefused(await verifier.unwrap(JSON.stringify(JSON.parse(body)), headers), "signature_mismatch");
  });

  it("a replay outside the window, and a timestamp from the future: timestamp_out_of_tolerance", async () => {
    const old = signed(telnyxScheme, signer, callInitiated, { timestamp: now() - 3600 });
    expectRefused(
      await verifier.unwrap(old.body, old.headers),
      "timestamp_out_of_tolerance",
      /signed 3\d{3} s ago/,
    );
    const future = signed(telnyxScheme, signer, callInitiated, { timestamp: now() + 360 });
    expectRefused(
      await verifier.unwrap(future.body, future.headers),
      "timestamp_out_of_tolerance",
      /dated 3\d\d s in the future; at most 300 s either way/,
    );
  });

  it("a timestamp that is not Unix seconds: malformed_timestamp", async () => {
    const { body, headers } = good();
    for (const value of ["soon", "1.7e9", "-1", `${now()}0000000000`]) {
      expectRefused(
        await verifier.unwrap(body, { ...headers, "telnyx-timestamp": value }),
        "malformed_timestamp",
        /telnyx-timestamp is not Unix seconds/,
      );
    }
  });

  it("a missing header, each one, and both at once: missing_header naming them", async () => {
    const { body, headers } = good();
    for (const name of Object.keys(headers)) {
      const rest = { ...headers, [name]: undefined };
      expectRefused(await verifier.unwrap(body, rest), "missing_header", new RegExp(`no ${name} header`));
      expectRefused(await verifier.unwrap(body, { ...headers, [name]: "" }), "missing_header");
    }
    expectRefused(
      await verifier.unwrap(body, {}),
      "missing_header",
      /no telnyx-signature-ed25519 or telnyx-timestamp header/,
    );
    expectRefused(await verifier.unwrap(body, undefined), "missing_header");
  });

  it("a duplicated header, as Node lists it, as fetch joins it, or under two spellings: duplicate_header", async () => {
    const { body, headers } = good();
    const again = signed(telnyxScheme, signer, callInitiated);
    for (const name of Object.keys(headers)) {
      const twice = [headers[name]!, again.headers[name]!];
      for (const given of [
        { ...headers, [name]: twice },
        { ...headers, [name]: [headers[name]!, headers[name]!] },
        new Headers([...Object.entries(headers), [name, again.headers[name]!]]),
        { ...headers, [name.toUpperCase()]: again.headers[name]! },
      ]) {
        const result = await verifier.unwrap(body, given);
        expectRefused(result, "duplicate_header", new RegExp(`${name} was sent more than once`));
        expect(result.error?.header).toBe(name);
      }
    }
  });

  it("a signature that is not base64, or not 64 bytes of it: malformed_signature", async () => {
    const { body, headers } = good();
    const signature = headers["telnyx-signature-ed25519"]!;
    for (const value of [
      "not base64!",
      signature.replace(/=*$/, ""), // unpadded
      ` ${signature}`,
      signature.slice(0, 40),
      Buffer.alloc(63).toString("base64"),
      Buffer.alloc(65).toString("base64"),
      `v1a,${signature}`,
    ]) {
      const result = await verifier.unwrap(body, { ...headers, "telnyx-signature-ed25519": value });
      expectRefused(result, "malformed_signature", /not a base64 ed25519 signature of 64 bytes/);
    }
  });

  it("an empty body: empty_body", async () => {
    const { headers } = signed(telnyxScheme, signer, "");
    for (const body of ["", new Uint8Array(0), Buffer.alloc(0)]) {
      expectRefused(await verifier.unwrap(body, headers), "empty_body", /pass the body exactly as received/);
    }
  });

  it("a body over 10 MiB: body_too_large, before any signature is checked", async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, "a");
    // Headers that pass their own checks: the size is the body's first check, before its signature.
    const { headers: signedOther } = good();
    expectRefused(await verifier.unwrap(huge, signedOther), "body_too_large");
    expectRefused(await verifier.unwrap(huge.toString(), signedOther), "body_too_large");
    const small = createWebhookVerifier(telnyx, { key: signer.key, maxBytes: 100 });
    const { body, headers } = good();
    expectRefused(await small.unwrap(body, headers), "body_too_large", /more than 100 bytes/);
  });

  it("a parsed object, an array, a number or nothing: body_not_raw, saying to pass the raw body", async () => {
    const { headers } = good();
    for (const body of [JSON.parse(callInitiated), [], 42, null, undefined]) {
      expectRefused(
        await verifier.unwrap(body as never, headers),
        "body_not_raw",
        /pass the body exactly as received.*not parsed JSON.*README, Raw bodies by framework/,
      );
    }
  });

  it("a correctly signed body that is not a JSON object: malformed_body", async () => {
    // `null` and bare values are JSON but no event: typed as one, the handler's `event.data` would throw.
    for (const text of ["not json", "{", "\u00ff", "null", "42", '"call.hangup"']) {
      const { body, headers } = signed(telnyxScheme, signer, text);
      expectRefused(
        await verifier.unwrap(body, headers),
        "malformed_body",
        /the body is correctly signed but is not a JSON object/,
      );
    }
    // A list is an object: some providers post events in batches.
    const batch = signed(telnyxScheme, signer, "[{}]");
    expect((await verifier.unwrap(batch.body, batch.headers)).event).toEqual([{}]);
    const latin1 = Buffer.from([0x7b, 0xff, 0x7d]);
    const { headers } = signed(telnyxScheme, signer, latin1.toString("latin1"));
    expectRefused(await verifier.unwrap(latin1, headers), "signature_mismatch");
  });
});

describe("edges", () => {
  afterEach(() => void vi.useRealTimers());

  it("accepts a delivery exactly `tolerance` seconds old or ahead, and none a second further", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const signedAt = 1_700_000_000;
    const { body, headers } = signed(telnyxScheme, signer, callInitiated, { timestamp: signedAt });
    for (const [at, tolerance, accepted] of [
      [signedAt + 60, 60, true],
      [signedAt - 60, 60, true],
      [signedAt + 61, 60, false],
      [signedAt - 61, 60, false],
      [signedAt, 0, true],
      [signedAt + 1, 0, false],
    ] as const) {
      vi.setSystemTime(at * 1000);
      const { error } = await verifier.unwrap(body, headers, { tolerance });
      expect(error?.reason).toBe(accepted ? undefined : "timestamp_out_of_tolerance");
    }
    vi.setSystemTime((signedAt + 61) * 1000);
    expect((await verifier.unwrap(body, headers, { tolerance: 60 })).error?.message).toMatch(
      /the delivery was signed 61 s ago; at most 60 s either way/,
    );
    vi.setSystemTime((signedAt - 61) * 1000);
    expect((await verifier.unwrap(body, headers, { tolerance: 60 })).error?.message).toMatch(
      /the delivery is dated 61 s in the future/,
    );
  });

  it("refuses a correctly signed body that is not UTF-8, though its bytes would parse with replacements", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    const hmac = hmacSigner();
    const acme = providerWith(standardHmac, "acme");
    const timestamp = String(now());
    const signature = hmac.signature(signedContent(standardHmac, { timestamp, id: "msg_1" }, bytes));
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": timestamp,
      "webhook-signature": formatSignature(standardHmac, signature),
    };
    const result = await createWebhookVerifier(acme, { key: hmac.key }).unwrap(bytes, headers);
    expect(result.error?.reason).toBe("malformed_body");
  });

  describe("Standard Webhooks' list of signatures", () => {
    const hmac = hmacSigner();
    const acme = createWebhookVerifier(providerWith(standardHmac, "acme"), { key: `whsec_${hmac.key}` });
    const delivery = signed(standardHmac, hmac, '{"type":"invoice.paid"}');
    const good = delivery.headers["webhook-signature"]!;
    const other = formatSignature(standardHmac, hmacSigner().signature(new Uint8Array([1])));
    const unwrap = (signature: string) =>
      acme.unwrap(delivery.body, { ...delivery.headers, "webhook-signature": signature });

    it("accepts the delivery when any one of them is right (a key being rotated)", async () => {
      expect((await unwrap(`${other} ${good}`)).event).toEqual({ type: "invoice.paid" });
      expect((await unwrap(`${good} ${other}`)).event).toEqual({ type: "invoice.paid" });
      expect((await unwrap(other)).error?.reason).toBe("signature_mismatch");
    });

    it("skips entries of other versions, and says so when none is of its own", async () => {
      const v1a = good.replace(/^v1,/, "v1a,");
      expect((await unwrap(`${v1a} ${good}`)).event).toEqual({ type: "invoice.paid" });
      const none = await unwrap(v1a);
      expect(none.error?.reason).toBe("malformed_signature");
      expect(none.error?.message).toMatch(/webhook-signature: no v1 signature in it/);
    });
  });
});

describe("configuration", () => {
  it("throws a ConfigurationError without a key, naming the variable", () => {
    expect(() => createWebhookVerifier(telnyx, { env: {} })).toThrow(ConfigurationError);
    expect(() => createWebhookVerifier(telnyx, { env: {} })).toThrow(
      /pass \{ key \} \(the public key Telnyx shows you\) or set TELNYX_PUBLIC_KEY/,
    );
    expect(() => createWebhookVerifier(providerWith(standardHmac, "acme"), { env: {} })).toThrow(
      /pass \{ key \} \(the webhook secret .* shows you\) or set ACME_WEBHOOK_SECRET/,
    );
  });

  it("refuses a key that is not a 32-byte base64 public key when the verifier is made, not at the first delivery", () => {
    // Before: made without a word, then every delivery rejected (an unhandled rejection in a node:http handler).
    for (const key of [
      "not a key",
      "AAAA",
      "dGVzdA==",
      Buffer.alloc(31).toString("base64"),
      signer.key.slice(1),
    ]) {
      expect(() => createWebhookVerifier(telnyx, { key })).toThrow(/public key is not 32 bytes of base64/);
      expect(() => createWebhookVerifier(telnyx, { key })).toThrow(ConfigurationError);
    }
  });

  it("refuses a webhook secret that is not base64, or empty once its prefix is off, naming the variable", () => {
    const acme = providerWith(standardHmac, "acme");
    for (const key of ["not base64!", "whsec_", "   "])
      expect(() => createWebhookVerifier(acme, { key })).toThrow(
        new ConfigurationError(
          "Acme: the webhook secret is not base64; pass it as the provider shows it (or set ACME_WEBHOOK_SECRET)",
        ),
      );
  });

  it("says so when the runtime's WebCrypto cannot use the key, instead of failing every delivery", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const importKey = vi
      .spyOn(crypto.subtle, "importKey")
      .mockRejectedValue(new DOMException("Unrecognized algorithm name", "NotSupportedError"));
    try {
      const verifier = createWebhookVerifier(telnyx, { key: signer.key });
      await expect(verifier.unwrap(body, headers)).rejects.toThrow(
        new ConfigurationError(
          "Telnyx: this runtime's WebCrypto cannot verify Ed25519 signatures (Node ≥ 20, Deno, Bun and Workers can): NotSupportedError: Unrecognized algorithm name",
        ),
      );
    } finally {
      importKey.mockRestore();
    }
  });

  it("throws for a negative or non-numeric tolerance or size limit", () => {
    for (const options of [{ tolerance: -1 }, { tolerance: Number.NaN }, { maxBytes: -5 }]) {
      expect(() => createWebhookVerifier(telnyx, { key: signer.key, ...options })).toThrow(/must be ≥ 0/);
    }
    expect(() => createWebhookVerifier(telnyx, { key: signer.key, tolerance: 0, maxBytes: 0 })).not.toThrow();
  });

  it("throws for a per-call tolerance that is negative or not a number: NaN would accept a replay of any age", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated, { timestamp: now() - 100_000 });
    // `Number(process.env.WEBHOOK_TOLERANCE)` with the variable unset.
    for (const tolerance of [Number.NaN, -1])
      expect(() => verifier.unwrap(body, headers, { tolerance })).toThrow(
        new ConfigurationError(`Telnyx: tolerance must be ≥ 0, not ${tolerance}`),
      );
    expectRefused(await verifier.unwrap(body, headers, { tolerance: 0 }), "timestamp_out_of_tolerance");
    expect((await verifier.unwrap(body, headers, { tolerance: 200_000 })).event).toBeDefined();
  });

  it("refuses a key that is not text (bytes, several keys) as a configuration mistake, not a TypeError", () => {
    for (const key of [new Uint8Array(32), ["k"], 42])
      expect(() => createWebhookVerifier(telnyx, { key: key as never })).toThrow(
        new ConfigurationError(
          "Telnyx: the webhook key is not a string: pass { key } (the public key Telnyx shows you) or set TELNYX_PUBLIC_KEY",
        ),
      );
    expect(() => createWebhookVerifier(telnyx, { key: "", env: {} })).toThrow(
      new ConfigurationError(
        "Telnyx: no webhook key: pass { key } (the public key Telnyx shows you) or set TELNYX_PUBLIC_KEY",
      ),
    );
  });

  it("throws for a provider whose spec does not say how it signs", () => {
    expect(() => createWebhookVerifier({ name: "x", title: "X" }, { key: signer.key })).toThrow(
      /^X: its spec does not say how its webhooks are signed, so they cannot be verified \(an overlay can declare the scheme with x-switchboard-webhooks\)$/,
    );
  });
});
