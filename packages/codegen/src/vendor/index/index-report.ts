/**
 * What an index run prints: what it wrote and removed and why, what it skipped (guides counted; pages that
 * deserve a look listed), every failure with its URL, and one summary line of pages and requests.
 */
import { withPublicUrls } from "../../public-url.js";
import { definitionCount } from "../vendor-report.js";
import type { IndexPlan } from "./plan-index.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summaryLine(plan: IndexPlan): string {
  const { seen, vendored, unchanged, skipped, failed } = plan.counts;
  const { requests, notModified, retries } = plan.requests;
  const removed = plan.removed.length + plan.vendored.reduce((n, r) => n + r.removed.length, 0);
  return (
    `pages: ${seen} seen, ${vendored} vendored, ${unchanged} unchanged, ${skipped} skipped, ${failed} failed` +
    (removed ? `; ${plural(removed, "file")} removed` : "") +
    `; ${plural(requests, "request")} (${notModified} not modified, ${retries} retried)`
  );
}

export function indexReport(plan: IndexPlan): string[] {
  const { index } = plan;
  const lines = [
    `index ${index.label} (${index.kind}, ${plural(index.pages.length, "page")}${index.policy.siteHosts.length ? ` on ${index.policy.describe()}` : ""})`,
  ];
  for (const result of plan.vendored) {
    for (const path of result.removed) lines.push(`removed ${path} (replaced by ${result.specPath})`);
  }
  for (const result of plan.vendored) {
    const page = result.provenance.url ?? result.file;
    if (plan.changedSpecs.has(result.specPath))
      lines.push(
        `vendored ${result.specPath} (${definitionCount(result)}, sha256 ${result.provenance.sha256.slice(0, 12)}) from ${page}`,
      );
    // What vendoring it changed besides (a definition another file shared, an overlay left pointing nowhere).
    lines.push(...result.notes);
  }
  lines.push(...plan.settings);
  for (const file of plan.removed)
    lines.push(`removed ${file.specPath} (${file.operations.join(", ")}): ${file.reason}`);
  for (const note of plan.notes) lines.push(`note: ${note}`);

  // Counted, with the first few named: one that should have had a block (its fence not read) is then seen.
  const guides = plan.pages.filter((r) => r.kind === "no-spec").map((r) => r.page.url ?? r.page.listedAt);
  if (guides.length) {
    const named = guides.slice(0, 3).join(", ");
    const more = guides.length > 3 ? ` and ${guides.length - 3} more` : "";
    lines.push(
      `skipped ${plural(guides.length, "page")} without an OpenAPI block (guides, changelogs, overviews): ${named}${more}`,
    );
  }
  for (const skip of index.skipped) lines.push(`skipped ${skip.url} (${skip.listedAt}): ${skip.reason}`);
  for (const result of plan.pages) {
    const page = result.page.url ?? result.page.listedAt;
    if (result.kind === "endpoint-only")
      lines.push(
        result.document
          ? `skipped ${page}: it documents ${result.endpoint} from the OpenAPI document at ${result.document}, which ` +
              `it does not embed: vendor that document (npm run vendor -- ${result.document} --provider <name>)`
          : `skipped ${page}: it documents ${result.endpoint} but embeds no OpenAPI block (what was vendored from it is kept)`,
      );
    else if (result.kind === "schema-only")
      lines.push(
        `skipped ${page}: its OpenAPI block defines no operations or webhooks (a page about schemas)`,
      );
    else if (result.kind === "duplicate")
      lines.push(`skipped ${page}: ${result.of.url ?? result.of.listedAt} defines ${result.same} alike`);
  }
  for (const failure of plan.failures) {
    const listed = failure.listedAt === failure.page ? "" : ` (listed at ${failure.listedAt})`;
    lines.push(`failed ${failure.page}${listed}: ${failure.reason}`);
  }
  lines.push(summaryLine(plan));
  // The pages of a private site may be linked with a token each (a presigned link): not in the report.
  return lines.map(withPublicUrls);
}
