/**
 * The bundle-size budget, checked in CI (a size-limit-style check; size-limit itself needs Node 22). Sizes
 * are deterministic for pinned esbuild and sources, so an exact budget cannot flake.
 */
import { describe, expect, it } from "vitest";
import { baselines, providers } from "../src/apps.js";
import { bundleSize } from "../src/size.js";

/**
 * Gzipped bytes of a one-call app per provider, whole runtime included. The target is 4,000 B; the
 * runtime with retries, timeouts, redirects, logging, query/body serialisation by media type and paging
 * measures about 6.8 kB (see README, "Benchmarks"). This budget stops it from growing while it is cut down.
 */
const BUDGET = 7000;

describe("bundle size of a one-call app", () => {
  it.each(Object.keys(providers))("%s stays within the budget", async (name) => {
    const { gzipped } = await bundleSize(providers[name]!);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it("measures what it claims: raw fetch is tiny, the telnyx SDK is not", async () => {
    const raw = await bundleSize(baselines["raw fetch"]!);
    const sdk = await bundleSize(baselines["telnyx SDK"]!);
    expect(raw.gzipped).toBeLessThan(500);
    expect(sdk.gzipped).toBeGreaterThan(10_000);
  });
});
