/**
 * Run by `real-documents --calls` inside a scratch repository, after a document's package type-checks:
 * `tsx contract-probe.ts <package dir>`. Calls every operation of the generated client for every status its
 * document lists (the facade's contract cases, `@switchboard/mock`), against a Prism mock of the bundled
 * document, and prints one JSON line: how many cases passed, how many failed only on the provider's own
 * examples breaking their schemas (spec defects), and the first other failures (6, or `PROBE_SHOW` of them:
 * `PROBE_SHOW=400 npm run real-documents -- --calls …` to sort them all); or, where Prism cannot serve
 * the document, why. The first 400 cases are called (`PROBE_CASES=5000` for more). A probe, not a test: an unknown document's failures may be Prism's limits as well as
 * ours, for a person to sort.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type CallResult,
  type ContractCase,
  checkOutcome,
  deriveContractCases,
  MockStartError,
  methodFor,
  methodInput,
  preferHeader,
  startMock,
} from "@switchboard/mock";

const CONCURRENCY = 8;
/**
 * Enough to cover a large API's shapes without a run of thousands of calls per document; `PROBE_CASES`
 * raises it to call one large document whole.
 */
const MAX_CASES = Number(process.env.PROBE_CASES ?? 400);

type AnyClient = { operations: Record<string, readonly [string, string]>; [method: string]: any };

const packageDir = process.argv[2]!;
const specPath = join(packageDir, "src", "generated", "openapi.json");
const spec = JSON.parse(readFileSync(specPath, "utf8"));
const { provider } = await import(pathToFileURL(join(packageDir, "src", "generated", "provider.ts")).href);
const module = await import(pathToFileURL(join(packageDir, "src", "index.ts")).href);
const create = Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))?.[1] as (
  options: object,
) => AnyClient;
const credentials = Object.fromEntries(
  Object.keys(provider.credentials).map((name) => [name, "probe-credential"]),
);
const filled = Object.keys(provider.pathCredentials);

const { cases } = deriveContractCases(spec);
const mock = await startMock({ spec: specPath }).catch((error: unknown) => {
  // Prism cannot serve every document (presalytics' ooxml: it never finishes starting on it); the package
  // compiled, and no call could be made: that is said, not reported as a defect of ours.
  if (!(error instanceof MockStartError)) throw error;
  console.log(JSON.stringify({ unserved: error.reason }));
  process.exit(0);
});
try {
  const clientFor = (status: number) =>
    create({
      ...credentials,
      baseUrl: mock.url,
      maxRetries: 0,
      middleware: [
        {
          onRequest({ request }: { request: Request }) {
            request.headers.set("Prefer", preferHeader(status));
          },
        },
      ],
    });
  const operations = clientFor(200).operations;
  const chosen = cases.filter((c) => {
    try {
      methodFor(operations, c);
      return true;
    } catch {
      return false; // a WebSocket endpoint or another operation the client has no method for
    }
  });
  const sample = chosen.slice(0, MAX_CASES);
  let passed = 0;
  let defectsOnly = 0;
  const failures: string[] = [];
  const defects: string[] = [];
  let next = 0;
  const run = async (c: ContractCase) => {
    const client = clientFor(c.status);
    const method = methodFor(client.operations, c);
    try {
      const result: CallResult = await client[method](methodInput(c, filled));
      const outcome = checkOutcome(c, result, spec);
      if (outcome.problems.length === 0) passed++;
      else if (outcome.defects.length === outcome.problems.length) {
        defectsOnly++;
        defects.push(`${c.title} (${method}): ${outcome.problems.join("; ").slice(0, 400)}`);
      } else failures.push(`${c.title} (${method}): ${outcome.problems.join("; ").slice(0, 800)}`);
    } catch (error) {
      failures.push(`${c.title} (${method}): the call threw: ${String(error).slice(0, 300)}`);
    }
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < sample.length) await run(sample[next++]!);
    }),
  );
  console.log(
    JSON.stringify({
      cases: sample.length,
      of: chosen.length,
      passed,
      defectsOnly,
      failures: failures.length,
      first: failures.slice(0, Number(process.env.PROBE_SHOW ?? 6)),
      // A few of the document's own defects, so that a reader can check they are the document's.
      defects: defects.slice(0, 2),
    }),
  );
} finally {
  await mock.stop();
}
