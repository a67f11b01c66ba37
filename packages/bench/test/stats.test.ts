import { describe, expect, it } from "vitest";
import { median, pairedRatio } from "../src/stats.js";

describe("pairedRatio", () => {
  it("compares two subjects round by round, so a slow spell of the machine cancels out", () => {
    // Round 2 ran while the machine was three times slower: both subjects slowed alike.
    const baseline = [100, 300, 100, 100, 300];
    const subject = [110, 330, 110, 110, 330];
    expect(pairedRatio(subject, baseline)).toBeCloseTo(1.1);
    // The ratio of the medians would have mixed a fast round of one with a slow round of the other.
    const shuffled = [110, 110, 330, 330, 330];
    expect(median(shuffled) / median(baseline)).toBeCloseTo(3.3);
  });
});
