/**
 * The bundle-size budget, checked in CI (a size-limit-style check; size-limit itself needs Node 22). Sizes
 * are deterministic for pinned esbuild and sources, so an exact budget cannot flake.
 */
import { describe, expect, it } from "vitest";
import { baselines, providers, webhookVerifier, wholeClient } from "../src/apps.js";
import { BUDGET, WEBHOOK_BUDGET } from "../src/budgets.js";
import { bundle, bundleSize } from "../src/size.js";

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
