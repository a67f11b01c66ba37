/**
 * The classified contract report (packages/sdk/CONTRACT-REPORT.md): per provider, how many operations pass
 * every spec-derived case against Prism, every failure with its reason (a known Prism limitation), the
 * operations a REST client leaves out, and the spec defects the overlays fix. The same run always writes
 * the same bytes (no timings, no dates), so the contract suite can fail when the committed copy is stale.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ContractCase, SkippedResponse } from "@switchboard/mock";
import { load } from "js-yaml";

/**
 * Cases Prism cannot serve correctly whatever the client sends, by provider and case title. Each is run
 * and must still fail (the suite says when Prism starts handling one, so the entry can go).
 */
export const PRISM_LIMITATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  telnyx: {},
};

export interface CaseResult {
  readonly case: ContractCase;
  readonly method: string;
  readonly problems: readonly string[];
  /** The reason, for a case on the provider's list of Prism limitations. */
  readonly limitation?: string;
}

export interface ProviderRun {
  readonly provider: string;
  readonly results: CaseResult[];
  /** Cases of operations the REST client leaves out, with the reason. */
  readonly excluded: ReadonlyArray<{ case: ContractCase; reason: string }>;
  readonly skippedResponses: readonly SkippedResponse[];
  readonly operations: number;
  readonly spec: { readonly sha256: string; readonly version: string };
}

const key = (c: Pick<ContractCase, "method" | "path">) => `${c.method.toUpperCase()} ${c.path}`;

/** Why the REST client has no method for an operation: it is served only over WebSockets, or is a TRACE. */
export function exclusionReason(spec: any, c: ContractCase): string | undefined {
  if (c.method === "trace") return "TRACE, which fetch refuses to send: not part of the REST client";
  const item = spec.paths?.[c.path];
  const servers: Array<{ url: string }> | undefined = item?.[c.method]?.servers ?? item?.servers;
  if (servers?.length && servers.every((s) => /^wss?:/i.test(s.url)))
    return `WebSocket endpoint (served only at ${servers.map((s) => s.url).join(", ")}): not part of the REST client`;
  return undefined;
}

/** Operations whose every case passed, out of the operations the client has. */
export function passingOperations(run: ProviderRun): { passing: number; total: number } {
  const byOperation = new Map<string, boolean>();
  for (const r of run.results)
    byOperation.set(key(r.case), (byOperation.get(key(r.case)) ?? true) && isPass(r));
  return { passing: [...byOperation.values()].filter(Boolean).length, total: byOperation.size };
}

const isPass = (r: CaseResult) => r.problems.length === 0 && r.limitation === undefined;

interface OverlayAction {
  target: string;
  description: string;
}

function overlayActions(dir: string): Array<{ file: string; action: OverlayAction }> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return [];
  }
  return files.sort().flatMap((file) => {
    const doc = load(readFileSync(join(dir, file), "utf8")) as { actions: OverlayAction[] };
    return doc.actions.map((action) => ({ file, action }));
  });
}

const cell = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
const count = (n: number) => n.toLocaleString("en-US");
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

function providerSection(run: ProviderRun, specsDir: string): string[] {
  const passed = run.results.filter(isPass);
  const limited = run.results.filter((r) => r.limitation !== undefined);
  const failed = run.results.filter((r) => r.limitation === undefined && r.problems.length > 0);
  const { passing, total } = passingOperations(run);
  const excluded = [...new Map(run.excluded.map((e) => [key(e.case), e.reason]))];
  const withoutCase = new Map<string, number>();
  for (const s of run.skippedResponses) {
    const kind = s.status === "default" ? "`default`" : `\`${s.status.toUpperCase()}\``;
    withoutCase.set(kind, (withoutCase.get(kind) ?? 0) + 1);
  }
  const overlays = overlayActions(join(specsDir, run.provider, "overlays"));
  return [
    `## ${run.provider}`,
    "",
    `Bundled spec sha256 \`${run.spec.sha256.slice(0, 16)}…\`, info.version \`${run.spec.version}\`.`,
    "",
    "| | |",
    "| --- | --- |",
    `| operations in the spec | ${count(run.operations)} |`,
    `| operations in the REST client | ${count(total)}${excluded.length ? ` (${count(excluded.length)} WebSocket endpoint${excluded.length === 1 ? "" : "s"} left out)` : ""} |`,
    `| operations passing every case | **${count(passing)} of ${count(total)} (${percent(passing, total)})** |`,
    `| cases (operation × documented response) | ${count(run.results.length)} |`,
    `| cases passed | ${count(passed.length)} |`,
    `| cases failing: known Prism limitations | ${count(limited.length)} |`,
    `| cases failing: unclassified | ${count(failed.length)} |`,
    `| responses without a case (an interim 1xx, a redirect the client follows, a \`3XX\` range, a range or \`default\` with no status left to ask for) | ${withoutCase.size ? [...withoutCase].map(([k, n]) => `${count(n)} ${k}`).join(", ") : "none"} |`,
    "",
    ...(overlays.length
      ? [
          `Spec defects fixed by the overlays in \`specs/${run.provider}/overlays/\`:`,
          "",
          "| overlay | target | why |",
          "| --- | --- | --- |",
          ...overlays.map(
            ({ file, action }) => `| ${file} | \`${cell(action.target)}\` | ${cell(action.description)} |`,
          ),
          "",
        ]
      : []),
    ...(limited.length
      ? [
          "Known Prism limitations (the case is run and still fails):",
          "",
          "| case | reason |",
          "| --- | --- |",
          ...limited.map((r) => `| ${r.case.title} | ${cell(r.limitation!)} |`),
          "",
        ]
      : []),
    ...(excluded.length
      ? [
          "Left out of the REST client:",
          "",
          "| operation | why |",
          "| --- | --- |",
          ...excluded.map(([operation, reason]) => `| ${operation} | ${cell(reason)} |`),
          "",
        ]
      : []),
    ...(failed.length
      ? [
          "Unclassified failures:",
          "",
          ...failed.map(
            (r) => `- ${r.case.title} (\`${r.method}\`): ${cell(r.problems.join("; ")).slice(0, 400)}`,
          ),
          "",
        ]
      : []),
  ];
}

export function contractReport(runs: readonly ProviderRun[], specsDir: string): string {
  return [
    "# Contract report: every provider against Prism",
    "",
    "Written by the facade's contract suite (`packages/sdk/test/contract.test.ts`; `UPDATE_CONTRACT_REPORT=1",
    "npm test -w @switchboard/sdk` rewrites it, and the suite fails when the committed copy differs). Every",
    "operation of each provider's bundled spec is called through the published package (as `createSwitchboard`",
    "builds it) against a Prism loaded with that spec, once per documented response (`Prefer: code=<status>`; a",
    "range or `default` as a status it stands for, such as 400 for `4XX`), with a request built from the spec,",
    "and checked: the status came back, Prism saw no violation, success carries the documented data, failure a",
    "`SwitchboardError`.",
    "",
    ...runs.flatMap((run) => providerSection(run, specsDir)),
  ].join("\n");
}
