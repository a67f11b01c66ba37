/**
 * The schemes beyond Telnyx's and Standard Webhooks': GitHub's (`sha256=<hex>` over the body alone, no
 * timestamp, the secret as text), Stripe's (`t=<timestamp>,v1=<hex>` pairs in one header, over
 * `{timestamp}.{body}`), Slack's (`v0=<hex>` beside a timestamp header, over `v0:{timestamp}:{body}`).
 * Signed here with node:crypto, independently of the code under test; GitHub's documented example pins the
 * layout.
 */
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createWebhookVerifier,
  type WebhookSignatureScheme,
  type WebhookVerifier,
} from "../src/index.js";
import { providerWith } from "./webhook-fixtures.js";

const github = {
  algorithm: "hmac-sha256",
  headers: { signature: "x-hub-signature-256" },
  content: "{body}",
  prefix: "sha256=",
  encoding: "hex",
  keyFormat: "text",
  keyEnv: "GITHUB_WEBHOOK_SECRET",
} as const satisfies WebhookSignatureScheme;

const stripe = {
  algorithm: "hmac-sha256",
  headers: { signature: "stripe-signature" },
  content: "{timestamp}.{body}",
  pairs: { signature: "v1", timestamp: "t" },
  encoding: "hex",
  keyFormat: "text",
  keyEnv: "STRIPE_WEBHOOK_SECRET",
} as const satisfies WebhookSignatureScheme;

const slack = {
  algorithm: "hmac-sha256",
  headers: { signature: "x-slack-signature", timestamp: "x-slack-request-timestamp" },
  content: "v0:{timestamp}:{body}",
  prefix: "v0=",
  encoding: "hex",
  keyFormat: "text",
  keyEnv: "SLACK_SIGNING_SECRET",
} as const satisfies WebhookSignatureScheme;

const retell = {
  algorithm: "hmac-sha256",
  headers: { signature: "x-retell-signature" },
  content: "{body}{timestamp}",
  pairs: { signature: "d", timestamp: "v" },
  timestampUnit: "milliseconds",
  encoding: "hex",
  keyFormat: "text",
  keyEnv: "RETELL_API_KEY",
} as const satisfies WebhookSignatureScheme;

const githubSha1 = {
  algorithm: "hmac-sha1",
  headers: { signature: "x-hub-signature" },
  content: "{body}",
  prefix: "sha1=",
  encoding: "hex",
  keyFormat: "text",
  keyEnv: "GITHUB_WEBHOOK_SECRET",
} as const satisfies WebhookSignatureScheme;

const hmacHex = (secret: string, content: string, hash = "sha256") =>
  createHmac(hash, Buffer.from(secret, "utf8")).update(content).digest("hex");
const now = () => String(Math.floor(Date.now() / 1000));
const body = JSON.stringify({ action: "opened", number: 1347 });

afterEach(() => {
  vi.useRealTimers();
});

describe("GitHub's scheme: sha256=<hex> over the body, the secret as text, no timestamp", () => {
  const secret = "It's a Secret to Everybody";
  const verifier: WebhookVerifier<unknown, undefined> = createWebhookVerifier(
    providerWith(github, "github"),
    {
      key: secret,
    },
  );

  it("GitHub's documented example signature is of its body under its secret", async () => {
    // docs.github.com, "Validating webhook deliveries": "Hello, World!" signed with this secret. Not JSON, so
    // it is refused as such: after its signature was found good.
    const signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    const result = await verifier.unwrap("Hello, World!", { "X-Hub-Signature-256": signature });
    expect(result.error?.reason).toBe("malformed_body");
    const other = await verifier.unwrap("Hello, World?", { "X-Hub-Signature-256": signature });
    expect(other.error?.reason).toBe("signature_mismatch");
    expect(other.error?.message).toContain("not a signature of this body by this key");
  });

  it("returns the event with no timestamp; there is none to check, however old the delivery", async () => {
    const headers = { "x-hub-signature-256": `sha256=${hmacHex(secret, body)}` };
    const result = await verifier.unwrap(body, headers);
    expect(result).toEqual({
      event: { action: "opened", number: 1347 },
      timestamp: undefined,
      id: undefined,
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 86_400_000);
    expect((await verifier.unwrap(body, headers)).error).toBeUndefined();
  });

  it("takes the secret's text as the key, not its base64 (a secret that happens to be base64 too)", async () => {
    const text = "c2VjcmV0";
    const verify = createWebhookVerifier(providerWith(github, "github"), { key: text });
    const headers = { "x-hub-signature-256": `sha256=${hmacHex(text, body)}` };
    expect((await verify.unwrap(body, headers)).error).toBeUndefined();
  });

  it("refuses a signature without its prefix, not hex, or not 32 bytes: malformed_signature", async () => {
    const good = hmacHex(secret, body);
    for (const [value, says] of [
      [good, "it does not start with sha256="],
      [
        `sha256=${Buffer.from(good, "hex").toString("base64")}`,
        "not a hex hmac-sha256 signature of 32 bytes",
      ],
      [`sha256=${good.slice(0, 40)}`, "not a hex hmac-sha256 signature of 32 bytes"],
      [`sha256=${good}0`, "not a hex hmac-sha256 signature of 32 bytes"],
    ] as const) {
      const { error } = await verifier.unwrap(body, { "x-hub-signature-256": value });
      expect(error?.reason).toBe("malformed_signature");
      expect(error?.message).toContain(`x-hub-signature-256: ${says}`);
    }
    // Hex in capitals is still hex.
    const upper = `sha256=${good.toUpperCase()}`;
    expect((await verifier.unwrap(body, { "x-hub-signature-256": upper })).error).toBeUndefined();
  });

  it("no secret is a ConfigurationError naming the variable", () => {
    const make = () => createWebhookVerifier(providerWith(github, "github"), { key: "", env: {} });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(
      /no webhook key: pass \{ key \} \(the webhook secret Github shows you\) or set GITHUB_WEBHOOK_SECRET/,
    );
  });
});

describe("Stripe's scheme: t=<timestamp>,v1=<hex> pairs in one header, over {timestamp}.{body}", () => {
  const secret = "whsec_test_1b8a2f0c9d";
  const verifier = createWebhookVerifier(providerWith(stripe, "stripe"), { key: secret });
  const signedAt = (at: string, ...extra: string[]) =>
    [`t=${at}`, `v1=${hmacHex(secret, `${at}.${body}`)}`, ...extra].join(",");

  it("verifies the pair, skipping entries of other keys; any one v1 of several (a rolled secret) will do", async () => {
    const at = now();
    const result = await verifier.unwrap(body, {
      "stripe-signature": signedAt(at, "v0=6ffbb59b2300aae6", "stray"),
    });
    expect(result).toMatchObject({ event: { number: 1347 }, timestamp: Number(at) });
    const rolled = `t=${at},v1=${hmacHex("whsec_old", `${at}.${body}`)},v1=${hmacHex(secret, `${at}.${body}`)}`;
    expect((await verifier.unwrap(body, { "stripe-signature": rolled })).error).toBeUndefined();
  });

  it("reads pairs written with a space after each comma, and a repeated header as more pairs (fetch joins it)", async () => {
    const at = now();
    const spaced = signedAt(at).replace(",", ", ");
    expect((await verifier.unwrap(body, { "stripe-signature": spaced })).event).toEqual({
      action: "opened",
      number: 1347,
    });
    const repeated = new Headers([
      ["stripe-signature", `t=${at},v1=${"0".repeat(64)}`],
      ["stripe-signature", signedAt(at)],
    ]);
    expect((await verifier.unwrap(body, repeated)).error).toBeUndefined();
    // Sent as two values (Node's headersDistinct), it is still a repeat.
    const twice = await verifier.unwrap(body, { "stripe-signature": [signedAt(at), signedAt(at)] });
    expect(twice.error?.reason).toBe("duplicate_header");
  });

  it("holds the pair's timestamp to the tolerance, and to the signature: a moved t is a mismatch", async () => {
    const old = String(Number(now()) - 301);
    const stale = await verifier.unwrap(body, { "stripe-signature": signedAt(old) });
    expect(stale.error).toMatchObject({ reason: "timestamp_out_of_tolerance", header: "stripe-signature" });
    const moved = signedAt(now()).replace(/^t=(\d+)/, (_, t) => `t=${Number(t) - 1}`);
    expect((await verifier.unwrap(body, { "stripe-signature": moved })).error?.reason).toBe(
      "signature_mismatch",
    );
  });

  it("refuses a header without its timestamp or v1 entry, or with a timestamp that is not seconds", async () => {
    const signature = hmacHex(secret, `${now()}.${body}`);
    for (const [value, reason, says] of [
      [`v1=${signature}`, "malformed_signature", "stripe-signature: no t= timestamp in it"],
      [`t=${now()},v0=${signature}`, "malformed_signature", "stripe-signature: no v1= signature in it"],
      [`t=soon,v1=${signature}`, "malformed_timestamp", "stripe-signature's timestamp is not Unix seconds"],
    ] as const) {
      const { error } = await verifier.unwrap(body, { "stripe-signature": value });
      expect(error).toMatchObject({ reason, header: "stripe-signature" });
      expect(error?.message).toContain(says);
    }
  });

  it("takes the whole secret, its whsec_ included, as the key", async () => {
    const at = now();
    const withoutPrefix = `t=${at},v1=${hmacHex(secret.slice("whsec_".length), `${at}.${body}`)}`;
    expect((await verifier.unwrap(body, { "stripe-signature": withoutPrefix })).error?.reason).toBe(
      "signature_mismatch",
    );
  });
});

describe("Slack's scheme: v0=<hex> beside a timestamp header, over v0:{timestamp}:{body}", () => {
  const secret = "8f742231b10e8888abcd99yyyzzz85a5";
  const verifier = createWebhookVerifier(providerWith(slack, "slack"), { key: secret });

  it("verifies, and refuses a stale timestamp by its own header", async () => {
    const at = now();
    const headers = {
      "x-slack-request-timestamp": at,
      "x-slack-signature": `v0=${hmacHex(secret, `v0:${at}:${body}`)}`,
    };
    expect(await verifier.unwrap(body, headers)).toMatchObject({ timestamp: Number(at) });
    const old = String(Number(at) - 600);
    const stale = await verifier.unwrap(body, {
      "x-slack-request-timestamp": old,
      "x-slack-signature": `v0=${hmacHex(secret, `v0:${old}:${body}`)}`,
    });
    expect(stale.error).toMatchObject({
      reason: "timestamp_out_of_tolerance",
      header: "x-slack-request-timestamp",
    });
  });
});

describe("Retell's scheme: v=<milliseconds>,d=<hex> over the body then the timestamp", () => {
  const secret = "key_4b1e0c2f9a";
  const verifier = createWebhookVerifier(providerWith(retell, "retell"), { key: secret });
  // As retell-sdk's `sign` writes it: `v=${timestamp},d=${hmac_sha256_hex(body + timestamp)}`, Date.now().
  const signedAt = (ms: number) => ({ "x-retell-signature": `v=${ms},d=${hmacHex(secret, `${body}${ms}`)}` });

  it("verifies, and gives the timestamp in Unix seconds as every scheme does", async () => {
    const ms = Date.now();
    expect(await verifier.unwrap(body, signedAt(ms))).toEqual({
      event: { action: "opened", number: 1347 },
      timestamp: Math.floor(ms / 1000),
      id: undefined,
    });
  });

  it("holds the tolerance in seconds, and refuses seconds where milliseconds are sent", async () => {
    const stale = await verifier.unwrap(body, signedAt(Date.now() - 301_000));
    expect(stale.error?.reason).toBe("timestamp_out_of_tolerance");
    expect(stale.error?.message).toMatch(/was signed 30[12] s ago; at most 300 s/);
    expect((await verifier.unwrap(body, signedAt(Date.now() - 290_000))).error).toBeUndefined();
    const inSeconds = Number(now());
    const wrongUnit = await verifier.unwrap(body, signedAt(inSeconds));
    expect(wrongUnit.error?.reason).toBe("timestamp_out_of_tolerance");
    const tooLong = await verifier.unwrap(body, signedAt(Date.now() * 10_000));
    expect(tooLong.error).toMatchObject({ reason: "malformed_timestamp", header: "x-retell-signature" });
    expect(tooLong.error?.message).toContain("x-retell-signature's timestamp is not Unix milliseconds");
  });

  it("signs the body before the timestamp: Stripe's order ({timestamp}.{body}) is a mismatch", async () => {
    const ms = Date.now();
    const stripeOrder = { "x-retell-signature": `v=${ms},d=${hmacHex(secret, `${ms}${body}`)}` };
    expect((await verifier.unwrap(body, stripeOrder)).error?.reason).toBe("signature_mismatch");
  });
});

describe("HMAC-SHA1: GitHub's legacy X-Hub-Signature, sha1=<hex> of the body", () => {
  it("verifies RFC 2202's test case 2, and refuses a SHA-256 signature in its place", async () => {
    const verifier = createWebhookVerifier(providerWith(githubSha1, "github"), { key: "Jefe" });
    const data = "what do ya want for nothing?";
    const expected = "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
    // Not JSON, so refused as such: after its signature was found good.
    expect((await verifier.unwrap(data, { "x-hub-signature": expected })).error?.reason).toBe(
      "malformed_body",
    );
    const signed = { "x-hub-signature": `sha1=${hmacHex("Jefe", body, "sha1")}` };
    expect((await verifier.unwrap(body, signed)).event).toEqual({ action: "opened", number: 1347 });
    const sha256 = await verifier.unwrap(body, { "x-hub-signature": `sha1=${hmacHex("Jefe", body)}` });
    expect(sha256.error?.message).toContain("not a hex hmac-sha1 signature of 20 bytes");
  });
});

describe("HMAC-SHA512: Paystack's x-paystack-signature, <hex> of the body", () => {
  it("verifies RFC 4231's test case 2, and refuses a SHA-256 signature in its place", async () => {
    const { prefix: _, ...hex } = githubSha1;
    const paystack = {
      ...hex,
      algorithm: "hmac-sha512",
      headers: { signature: "x-paystack-signature" },
    } as const satisfies WebhookSignatureScheme;
    const verifier = createWebhookVerifier(providerWith(paystack, "paystack"), { key: "Jefe" });
    const data = "what do ya want for nothing?";
    const expected =
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";
    expect((await verifier.unwrap(data, { "x-paystack-signature": expected })).error?.reason).toBe(
      "malformed_body",
    );
    const signed = { "x-paystack-signature": hmacHex("Jefe", body, "sha512") };
    expect((await verifier.unwrap(body, signed)).event).toEqual({ action: "opened", number: 1347 });
    const sha256 = await verifier.unwrap(body, { "x-paystack-signature": hmacHex("Jefe", body) });
    expect(sha256.error?.message).toContain("not a hex hmac-sha512 signature of 64 bytes");
  });
});

describe("a token scheme: the header carries the shared secret itself (GitLab's X-Gitlab-Token, Vapi's X-Vapi-Secret)", () => {
  const gitlab = {
    algorithm: "token",
    headers: { signature: "x-gitlab-token" },
    content: "{body}",
    keyEnv: "GITLAB_WEBHOOK_TOKEN",
  } as const satisfies WebhookSignatureScheme;
  const secret = "c2VjcmV0-not-base64-decoded";
  const verifier = createWebhookVerifier(providerWith(gitlab, "gitlab"), { key: secret });

  it("accepts the secret, as text, and any body: a token signs nothing", async () => {
    expect(await verifier.unwrap(body, { "X-Gitlab-Token": secret })).toEqual({
      event: { action: "opened", number: 1347 },
      timestamp: undefined,
      id: undefined,
    });
    expect((await verifier.unwrap('{"other":true}', { "x-gitlab-token": secret })).event).toEqual({
      other: true,
    });
  });

  it("refuses any other value: near misses, the secret decoded, or the header missing", async () => {
    for (const value of [`${secret}x`, secret.slice(0, -1), secret.toUpperCase(), " ", "secret"]) {
      const { error } = await verifier.unwrap(body, { "x-gitlab-token": value });
      expect(error?.reason).toBe("signature_mismatch");
      expect(error?.message).toContain("x-gitlab-token is not the webhook secret (GITLAB_WEBHOOK_TOKEN)");
    }
    expect((await verifier.unwrap(body, {})).error?.reason).toBe("missing_header");
  });

  it("takes a prefix before the token (an Authorization header's Bearer)", async () => {
    const bearer = { ...gitlab, headers: { signature: "authorization" }, prefix: "Bearer " } as const;
    const verify = createWebhookVerifier(providerWith(bearer, "acme"), { key: secret });
    expect((await verify.unwrap(body, { authorization: `Bearer ${secret}` })).error).toBeUndefined();
    // An auth scheme's name is case-insensitive (RFC 9110 §11.1); the token after it is not.
    expect((await verify.unwrap(body, { authorization: `bearer ${secret}` })).error).toBeUndefined();
    expect(
      (await verify.unwrap(body, { authorization: `BEARER ${secret.toUpperCase()}` })).error?.reason,
    ).toBe("signature_mismatch");
    const bare = await verify.unwrap(body, { authorization: secret });
    expect(bare.error?.message).toContain("authorization: it does not start with Bearer ");
  });
});
