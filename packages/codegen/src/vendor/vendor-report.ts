/**
 * What `vendor` prints for a run's results, a line or a few per input: what was vendored, removed or left
 * unchanged, and the notes on what was replaced or kept.
 */
import type { VendorResult } from "./plan-vendor.js";

/** `3 operations`, or for a document of webhooks alone, `1 webhook`. */
export function definitionCount(result: Pick<VendorResult, "provenance" | "webhooks">): string {
  const [count, what] = result.provenance.operations.length
    ? [result.provenance.operations.length, "operation"]
    : [result.webhooks.length, "webhook"];
  return `${count} ${what}${count === 1 ? "" : "s"}`;
}

/** The lines of a run, in the order its inputs were taken. */
export function runReport(results: readonly VendorResult[]): string[] {
  // Two inputs of one file with the same bytes (one page saved twice) are one file: said once.
  const given = new Map<string, string>();
  return results.flatMap((result) => {
    const key = `${result.specPath}\0${result.provenance.sha256}`;
    const first = result.status === "covered" ? undefined : given.get(key);
    if (first !== undefined) return [`unchanged: ${result.file} gives ${result.specPath} as ${first} does`];
    given.set(key, result.file);
    return reportLines(result);
  });
}

function reportLines(result: VendorResult): string[] {
  if (result.status === "covered") {
    const keys = [...result.provenance.operations, ...result.webhooks];
    const what =
      keys.length === 1
        ? keys[0]
        : `all ${keys.length} ${result.webhooks.length === 0 ? "operations" : result.provenance.operations.length === 0 ? "webhooks" : "operations and webhooks"}`;
    // Notes say where a larger document's definition was kept over this one's.
    return result.notes.length
      ? [`unchanged: ${result.coveredBy!.join(", ")} already has ${what}; nothing to vendor`, ...result.notes]
      : [
          `unchanged: ${result.coveredBy!.join(", ")} already has ${what} exactly as ${result.file} defines it; nothing to vendor`,
        ];
  }
  const removed = result.removed.map((path) => `removed ${path}`);
  if (result.status === "unchanged") return [...removed, `unchanged ${result.specPath}`];
  return [
    ...removed,
    `vendored ${result.specPath} (${definitionCount(result)}, sha256 ${result.provenance.sha256.slice(0, 12)})`,
    ...result.notes,
  ];
}
