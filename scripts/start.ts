/**
 * `npm start`: the whole pipeline on the embedded default. `turbo run build` (run by the npm script) has
 * regenerated what changed; this starts a Prism mock per provider from the bundled specs, calls operations
 * of every provider through the facade, prints what happened, and stops the mocks, also on failure or
 * Ctrl-C.
 *
 * What is called: every operation vendored from a documentation page, and every operation of a provider
 * with at most LARGE operations, each for every status its spec documents. A larger API (the complete
 * Telnyx document) gets a sample, one operation per tag with its success status, and a summary line, so the
 * run stays short and readable; `npm start -- --all` calls everything.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ContractCase,
  checkOutcome,
  deriveContractCases,
  methodFor,
  methodInput,
  placeholderCredentialEnv,
  startMocks,
} from "@switchboard/mock";
import { createSwitchboard, type ProviderName, providerDefinitions } from "@switchboard/sdk";

/** A provider with more operations than this is sampled unless `--all` is given. */
const LARGE = 100;
/** Extensions of documentation pages (as opposed to a provider's published document). */
const PAGE_EXTENSIONS = new Set([".md", ".markdown", ".mdx", ".txt"]);

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const providers = Object.keys(providerDefinitions).sort() as ProviderName[];
const specPath = (name: string) => require.resolve(`@switchboard/${name}/openapi.json`);
const specs = Object.fromEntries(
  providers.map((p) => [p, JSON.parse(readFileSync(specPath(p), "utf8"))]),
) as Record<ProviderName, any>;
/** Every contract case of each provider's spec, derived once (a second or two for a complete API). */
const allCases = Object.fromEntries(providers.map((p) => [p, deriveContractCases(specs[p]).cases])) as Record<
  ProviderName,
  ContractCase[]
>;

/**
 * Placeholder credentials, passed the way users pass real ones: as environment variables. One the client also
 * writes into paths (Vobiz's `auth_id`, a Twilio-like `AccountSid`) gets a value the spec's parameter schema
 * accepts.
 */
const env: Record<string, string> = Object.assign(
  {},
  ...providers.map((p) => placeholderCredentialEnv(providerDefinitions[p], specs[p], "demo")),
);

/** `METHOD /path` of every operation vendored from a documentation page, from the provenance records. */
function pageVendored(provider: string): Set<string> {
  const dir = join(root, "specs", provider);
  const operations = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".provenance.json"))) {
    const record = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      page?: string;
      operations?: string[];
    };
    if (PAGE_EXTENSIONS.has(extname(record.page ?? "").toLowerCase()))
      for (const operation of record.operations ?? []) operations.add(operation);
  }
  return operations;
}

interface Plan {
  readonly provider: ProviderName;
  readonly cases: ContractCase[];
  /** For a sampled provider: what the sample leaves out. */
  readonly summary?: string;
}

const key = (c: ContractCase) => `${c.method.toUpperCase()} ${c.path}`;

/** The cases `npm start` calls for a provider (see the top of this file). */
function plan(provider: ProviderName, all: boolean): Plan {
  const spec = specs[provider];
  const cases = allCases[provider];
  // Operations a REST client cannot call (WebSocket endpoints) are not in the client.
  const client = createSwitchboard({ env })[provider] as unknown as { operations: Record<string, any> };
  const callable = cases.filter((c) => {
    try {
      methodFor(client.operations, c);
      return true;
    } catch {
      return false;
    }
  });
  const operations = new Set(callable.map(key));
  if (all || operations.size <= LARGE) return { provider, cases: callable };

  const fromPages = pageVendored(provider);
  const chosen = callable.filter((c) => fromPages.has(key(c)));
  const tags = new Map<string, ContractCase>();
  for (const c of callable) {
    if (fromPages.has(key(c)) || c.status >= 300) continue;
    const operation = spec.paths[c.path][c.method];
    const tag: string = operation.tags?.[0] ?? c.path.split("/")[1] ?? "";
    if (!tags.has(tag)) tags.set(tag, c);
  }
  chosen.push(...tags.values());
  const called = new Set(chosen.map(key)).size;
  return {
    provider,
    cases: chosen,
    summary:
      `${provider}: ${called.toLocaleString("en-US")} of ${operations.size.toLocaleString("en-US")} operations called ` +
      `(${fromPages.size ? `those vendored from pages, and ` : ""}one per tag, its success status); ` +
      `\`npm start -- --all\` calls all ${callable.length.toLocaleString("en-US")} cases.`,
  };
}

interface Row {
  provider: string;
  operation: string;
  request: string;
  status: string;
  outcome: string;
  ok: boolean;
}

async function call(provider: ProviderName, url: string, c: ContractCase): Promise<Row> {
  const switchboard = createSwitchboard({
    env,
    // A mock answers with the status it is asked for: retrying a 5xx after a backoff would only wait.
    maxRetries: 0,
    [provider]: { baseUrl: url },
    middleware: [{ onRequest: ({ request }) => void request.headers.set("Prefer", `code=${c.status}`) }],
  });
  const client = switchboard[provider] as unknown as Record<string, any> & { operations: any };
  const operation = methodFor(client.operations, c);
  const input = methodInput(c, Object.keys(providerDefinitions[provider].pathCredentials));
  const checked = checkOutcome(c, await client[operation](input));
  return {
    provider,
    operation: `${operation}()`,
    request: `${c.method.toUpperCase()} ${c.path}`,
    status: `${checked.status ?? "-"} (asked ${c.status})`,
    outcome: checked.problems.length ? `${checked.outcome}: ${checked.problems.join("; ")}` : checked.outcome,
    ok: checked.problems.length === 0,
  };
}

function parseArgs(args: string[]): { all: boolean } {
  const unknown = args.filter((a) => a !== "--all");
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(" ")}; usage: npm start [-- --all]`);
  return { all: args.includes("--all") };
}

async function main(): Promise<number> {
  const { all } = parseArgs(process.argv.slice(2));
  const plans = providers.map((p) => plan(p, all));
  console.log(`Starting ${providers.length} Prism mocks (${providers.join(", ")}) on 127.0.0.1…`);
  // Each on its own: a spec Prism cannot serve (it spun on Stripe's for good) costs its own provider's
  // calls, reported as such, not every provider's run.
  const mocks = await startMocks(Object.fromEntries(providers.map((p) => [p, specPath(p)])), {
    partial: true,
  });
  const unstarted = Object.entries(mocks.failures).map(([p, error]) => `${p}: ${(error as Error).message}`);
  const stop = () => mocks.stop().catch(() => {});
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  try {
    const rows: Row[] = [];
    for (const { provider, cases } of plans) {
      const server = mocks.servers[provider];
      if (!server) continue;
      // One call at a time, as the rows are printed: a mock's keep-alive connection stays busy.
      for (const c of cases) rows.push(await call(provider, server.url, c));
    }
    printTable(rows);
    const failed = rows.filter((r) => !r.ok).length;
    console.log("");
    for (const { summary } of plans) if (summary) console.log(summary);
    for (const line of unstarted)
      console.log(`Not run: ${line} (the in-process mock, createMock, serves the provider without Prism)`);
    const notRun = unstarted.length
      ? ` ${unstarted.length} of ${providers.length} mocks did not start (see above): those providers were not called.`
      : "";
    console.log(
      (failed
        ? `${failed} of ${rows.length} calls broke the contract.`
        : `All ${rows.length} calls kept the contract.`) + notRun,
    );
    return failed || unstarted.length ? 1 : 0;
  } finally {
    await stop();
    console.log("Mocks stopped.");
  }
}

function printTable(rows: Row[]): void {
  const headers = {
    provider: "provider",
    operation: "operation",
    request: "request",
    status: "status",
    outcome: "outcome",
  };
  const keys = Object.keys(headers) as Array<keyof typeof headers>;
  const width = Object.fromEntries(
    keys.map((k) => [k, Math.max(headers[k].length, ...rows.map((r) => r[k].length))]),
  );
  const line = (r: Record<string, string>) =>
    keys
      .map((k) => r[k]!.padEnd(width[k]!))
      .join("  ")
      .trimEnd();
  console.log(`\n${line(headers)}`);
  console.log(keys.map((k) => "-".repeat(width[k]!)).join("  "));
  for (const row of rows)
    console.log(`${line(row as unknown as Record<string, string>)}${row.ok ? "" : "   ✗"}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // What went wrong, not where in this script: the stack is no help to someone running `npm start`.
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
