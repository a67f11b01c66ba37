/**
 * The spec-derived contract tests at full size: every case `deriveContractCases` makes from the bundled
 * spec (every operation × every documented status) called through the generated client against one Prism,
 * checked by the same `checkOutcome` the repository's own contract tests use. Each failure must be one this
 * file knows: a Prism limitation (listed below with its reason, and skipped). Spec defects do not show up
 * here at all: they are fixed by the overlays in packages/scale/overlays/ before generation. Anything else
 * is a bug in the generator, the runtime or the case derivation, and fails the run.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CallResult,
  type ContractCase,
  checkOutcome,
  deriveContractCases,
  type EndpointTable,
  methodFor,
  methodInput,
  type SkippedResponse,
} from "@switchboard/mock";
import { load } from "js-yaml";

/** Cases Prism cannot serve correctly, whatever the client does. Keyed by case title. */
export const PRISM_LIMITATIONS: Readonly<Record<string, string>> = {
  "GET /ai/clusters/{task_id} → 200":
    "Prism's example generator cuts the recursive `subclusters` schema off at a fixed depth with empty objects, " +
    "which lack the properties the schema requires, and then reports its own response as a violation.",
  "GET /email_validations/batch/{id} → 200":
    "Prism's example generator fills the `results` map (additionalProperties: EmailValidationResult) with " +
    "placeholder entries that lack the required properties, and then reports its own response as a violation.",
};

export interface CaseResult {
  readonly case: ContractCase;
  readonly method: string;
  readonly problems: readonly string[];
  readonly skipped?: string;
}

export interface ContractRun {
  readonly results: CaseResult[];
  /** Cases of operations the REST client leaves out, with the reason. */
  readonly excluded: Array<{ case: ContractCase; reason: string }>;
  readonly skippedResponses: SkippedResponse[];
  readonly operations: number;
}

type Client = { operations: EndpointTable } & Record<
  string,
  (input?: Record<string, unknown>, options?: { headers?: Record<string, string> }) => Promise<CallResult>
>;

function exclusionReason(spec: any, c: ContractCase): string | undefined {
  const item = spec.paths?.[c.path];
  const servers: Array<{ url: string }> | undefined = item?.[c.method]?.servers ?? item?.servers;
  if (servers?.length && servers.every((s) => /^wss?:/i.test(s.url)))
    return `WebSocket endpoint (served only at ${servers.map((s) => s.url).join(", ")}): not part of the REST client`;
  return undefined;
}

/** Runs every case, `concurrency` at a time, asking Prism for each documented status with `Prefer`. */
export async function runContract(spec: object, client: Client, concurrency = 8): Promise<ContractRun> {
  const { cases, skipped } = deriveContractCases(spec);
  const results: CaseResult[] = [];
  const excluded: ContractRun["excluded"] = [];
  const runnable: Array<{ c: ContractCase; method: string }> = [];
  for (const c of cases) {
    const reason = exclusionReason(spec, c);
    if (reason) excluded.push({ case: c, reason });
    else runnable.push({ c, method: methodFor(client.operations, c) });
  }
  let next = 0;
  const worker = async () => {
    while (next < runnable.length) {
      const { c, method } = runnable[next++]!;
      const limitation = PRISM_LIMITATIONS[c.title];
      if (limitation) {
        results.push({ case: c, method, problems: [], skipped: limitation });
        continue;
      }
      try {
        const result = await client[method]!(methodInput(c), { headers: { Prefer: `code=${c.status}` } });
        results.push({ case: c, method, problems: checkOutcome(c, result, spec).problems });
      } catch (error) {
        results.push({ case: c, method, problems: [`the call threw: ${String(error)}`] });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const order = new Map(cases.map((c, i) => [c, i]));
  results.sort((a, b) => order.get(a.case)! - order.get(b.case)!);
  const operations = new Set(cases.map((c) => `${c.method} ${c.path}`)).size;
  return { results, excluded, skippedResponses: skipped, operations };
}

interface OverlayAction {
  target: string;
  description: string;
}

function overlays(dir: string): Array<{ file: string; title: string; actions: OverlayAction[] }> {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const doc = load(readFileSync(join(dir, file), "utf8")) as {
        info?: { title?: string };
        actions: OverlayAction[];
      };
      return { file, title: doc.info?.title ?? file, actions: doc.actions };
    });
}

const cell = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
const count = (n: number) => n.toLocaleString("en-US");
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/** The committed report: the same run always writes the same bytes (no timings, no dates). */
export function contractReport(
  run: ContractRun,
  context: { specFile: string; sha256: string; version: string; overlaysDir: string },
): string {
  const passedCases = run.results.filter((r) => !r.skipped && r.problems.length === 0);
  const skippedCases = run.results.filter((r) => r.skipped);
  const failedCases = run.results.filter((r) => !r.skipped && r.problems.length > 0);
  const byOperation = new Map<string, CaseResult[]>();
  for (const r of run.results) {
    const key = `${r.case.method.toUpperCase()} ${r.case.path}`;
    byOperation.set(key, [...(byOperation.get(key) ?? []), r]);
  }
  const passingOperations = [...byOperation.values()].filter((rs) =>
    rs.every((r) => r.problems.length === 0 && !r.skipped),
  );
  const excludedOperations = [
    ...new Map(run.excluded.map((e) => [`${e.case.method.toUpperCase()} ${e.case.path}`, e.reason])),
  ];
  const rangeCounts = new Map<string, number>();
  for (const s of run.skippedResponses) {
    const kind = s.status === "default" ? "`default`" : `\`${s.status.toUpperCase()}\``;
    rangeCounts.set(kind, (rangeCounts.get(kind) ?? 0) + 1);
  }

  const lines = [
    "# Contract report: the complete Telnyx API against Prism",
    "",
    "Written by the scale test (`npm test -w @switchboard/scale`; `UPDATE_CONTRACT_REPORT=1` rewrites it, and the",
    "test fails when the committed copy differs). Every operation of the spec is called through the generated",
    "client against one Prism loaded with the bundled spec, once per documented status (`Prefer: code=<status>`),",
    "with a request built from the spec, and checked like the repository's own contract tests: the status came",
    "back, Prism saw no violation, success carries the documented data, failure a `SwitchboardError`.",
    "",
    `Spec: \`${context.specFile}\` (sha256 \`${context.sha256.slice(0, 16)}…\`), info.version \`${context.version}\`.`,
    "",
    "| | |",
    "| --- | --- |",
    `| operations in the spec | ${count(run.operations)} |`,
    `| operations in the REST client | ${count(byOperation.size)} (${count(excludedOperations.length)} WebSocket endpoints left out) |`,
    `| operations passing every case | **${count(passingOperations.length)} of ${count(byOperation.size)} (${percent(passingOperations.length, byOperation.size)})** |`,
    `| cases (operation × documented status) | ${count(run.results.length)} |`,
    `| cases passed | ${count(passedCases.length)} |`,
    `| cases skipped: Prism limitations | ${count(skippedCases.length)} |`,
    `| cases failed | ${count(failedCases.length)} |`,
    `| responses without a case (no single status to ask for) | ${[...rangeCounts].map(([k, n]) => `${count(n)} ${k}`).join(", ")} |`,
    "",
    "## Spec defects, fixed by overlays",
    "",
    "Applied to the bundled spec in the scale workspace, from `packages/scale/overlays/` (each action says why):",
    "",
    "| overlay | target | why |",
    "| --- | --- | --- |",
    ...overlays(context.overlaysDir).flatMap((o) =>
      o.actions.map((a) => `| ${o.file} | \`${cell(a.target)}\` | ${cell(a.description)} |`),
    ),
    "",
    "## Prism limitations, skipped",
    "",
    "| case | reason |",
    "| --- | --- |",
    ...skippedCases.map((r) => `| ${r.case.title} | ${cell(r.skipped!)} |`),
    "",
    "## Left out of the REST client",
    "",
    "| operation | why |",
    "| --- | --- |",
    ...excludedOperations.map(([operation, reason]) => `| ${operation} | ${cell(reason)} |`),
    "",
    "## Our bugs this run found, fixed",
    "",
    "- Nested `deepObject` query parameters (`filter[number_type][eq]=local`) were refused by openapi-fetch's",
    "  serializer: query strings are now written per parameter by `@switchboard/core` (`query.ts`).",
    "- Request bodies were always JSON: form-urlencoded, multipart and binary bodies are now written as their",
    "  media type says (`body.ts`), and non-JSON responses are read as text or blobs.",
    "- Contract cases did not satisfy `pattern` (TCR campaign ids) or `minProperties` (PATCH bodies): the",
    "  sampler in `@switchboard/mock` now does.",
    "- An operation declaring an `Accept` header parameter (CSV or JSON reports) was sent fetch's `*/*`: the",
    "  client now sends the declared default.",
    "- Duplicate operationIds (`ListPhoneNumbers` twice) broke the generated types: names are now made unique",
    "  from each path (`listPhoneNumbersWhatsapp`).",
    "",
    "## Failures",
    "",
    ...(failedCases.length
      ? failedCases.map(
          (r) => `- ${r.case.title} (\`${r.method}\`): ${cell(r.problems.join("; ")).slice(0, 400)}`,
        )
      : ["None."]),
    "",
  ];
  return lines.join("\n");
}
