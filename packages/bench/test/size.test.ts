/**
 * The bundle-size budget, checked in CI (a size-limit-style check; size-limit itself needs Node 22). Sizes
 * are deterministic for pinned esbuild and sources, so an exact budget cannot flake.
 */
import { describe, expect, it } from "vitest";
import { baselines, providers, webhookVerifier, wholeClient } from "../src/apps.js";
import { bundle, bundleSize } from "../src/size.js";

/**
 * Gzipped bytes of a one-call app per provider (a composed client of one operation without query
 * parameters), whole runtime included: retries, per-attempt timeouts, middleware, safe redirects, typed
 * errors, redaction of echoed credentials, logging, the User-Agent (see README, "Benchmarks", for what each
 * part costs). The budget of issue 13; it stops the runtime from growing.
 */
const BUDGET = 5700;

/**
 * Gzipped bytes of a webhook endpoint verifying Telnyx's deliveries (fetch `Request` in, event type out):
 * the verifier with its messages, on WebCrypto, about 3.5 kB. It was 3.2 kB before it read the layouts of
 * GitHub's, Stripe's and Slack's schemes (hex, a prefix, `key=value` pairs, no timestamp, text secrets:
 * 319 bytes), which every app that verifies carries, since the scheme is data; then 68 bytes for HMAC-SHA1 and
 * timestamps in milliseconds (Retell's), 68 for tokens compared in constant time (Vapi's, GitLab's), 15 for
 * HMAC-SHA512 (Paystack's) and 18 for reading `t=…, v1=…` pairs written with spaces, which were refused as a
 * repeated header (3,711 B then); then 39 for checking a per-call `tolerance` (NaN accepted any replay), a Node
 * request's declared length before reading it, and that a key is text (3,750 B then). This budget stops it
 * growing unnoticed.
 */
const WEBHOOK_BUDGET = 3800;

describe("bundle size of a one-call app", () => {
  it.each(Object.keys(providers))("%s stays within the budget", async (name) => {
    const { gzipped } = await bundleSize(providers[name]!);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it("leaves out what a one-call app does not call: raw methods, form and multipart encoders", async () => {
    const text = (code: Uint8Array) => new TextDecoder().decode(code);
    const oneCall = text(await bundle(providers["@switchboard/telnyx"]!));
    const whole = text(await bundle(wholeClient));
    // The whole client has the raw methods and chooses encoders by Content-Type, so it has them all.
    for (const code of ['"TRACE"', "URLSearchParams", "new FormData"]) {
      expect(whole).toContain(code);
      expect(oneCall).not.toContain(code);
    }
  });

  it("a webhook verifier app costs only the verifier: no client, no crypto library, nothing Node-only", async () => {
    const { gzipped } = await bundleSize(webhookVerifier);
    expect(gzipped).toBeLessThanOrEqual(WEBHOOK_BUDGET);
    const code = new TextDecoder().decode(await bundle(webhookVerifier));
    for (const absent of ["node:", "require(", "openapi-fetch", "retry-after", "SwitchboardError"]) {
      expect(code).not.toContain(absent);
    }
    // The one-call app carries none of the verifier, not even a message.
    const oneCall = new TextDecoder().decode(await bundle(providers["@switchboard/telnyx"]!));
    expect(oneCall).not.toMatch(/Ed25519|empty_body|webhook/i);
  });

  it("measures what it claims: raw fetch is tiny, the telnyx SDK is not", async () => {
    const raw = await bundleSize(baselines["raw fetch"]!);
    const sdk = await bundleSize(baselines["telnyx SDK"]!);
    expect(raw.gzipped).toBeLessThan(500);
    expect(sdk.gzipped).toBeGreaterThan(10_000);
  });
});
