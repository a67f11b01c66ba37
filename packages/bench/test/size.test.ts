/**
 * The bundle-size budget, checked in CI (a size-limit-style check; size-limit itself needs Node 22). Sizes
 * are deterministic for pinned esbuild and sources, so an exact budget cannot flake.
 */
import { describe, expect, it } from "vitest";
import { baselines, providers, wholeClient } from "../src/apps.js";
import { bundle, bundleSize } from "../src/size.js";

/**
 * Gzipped bytes of a one-call app per provider (a composed client of one operation without query
 * parameters), whole runtime included: retries, per-attempt timeouts, middleware, safe redirects, typed
 * errors, redaction of echoed credentials, logging, the User-Agent (see README, "Benchmarks", for what each
 * part costs). The budget of issue 13; it stops the runtime from growing.
 */
const BUDGET = 5700;

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

  it("measures what it claims: raw fetch is tiny, the telnyx SDK is not", async () => {
    const raw = await bundleSize(baselines["raw fetch"]!);
    const sdk = await bundleSize(baselines["telnyx SDK"]!);
    expect(raw.gzipped).toBeLessThan(500);
    expect(sdk.gzipped).toBeGreaterThan(10_000);
  });
});
