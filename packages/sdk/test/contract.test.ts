/**
 * Contract tests derived from the specs: for every operation of every provider (the complete Telnyx API
 * included) and every status its spec documents, call the generated method of the published package, as
 * the facade builds it, against that provider's Prism mock with `Prefer: code=<status>`, and check the typed
 * outcome. A new operation in a spec is tested with no test code written. A case may fail only as a known
 * Prism limitation (contract-report.ts lists each with its reason); at least 99% of each provider's
 * operations must pass every case, and the classified report, packages/sdk/CONTRACT-REPORT.md, must be
 * what this run writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type CallResult,
  type ContractCase,
  checkOutcome,
  deriveContractCases,
  HTTP_METHODS,
  methodFor,
  methodInput,
  preferHeader,
} from "@switchboard/mock";
import { describe, expect, inject, it } from "vitest";
import {
  createSwitchboard,
  type Middleware,
  type ProviderName,
  providerDefinitions,
  SwitchboardError,
} from "../src/index.js";
import {
  type CaseResult,
  contractReport,
  exclusionReason,
  PRISM_LIMITATIONS,
  type ProviderRun,
  passingOperations,
} from "./contract-report.js";
import { providerNames, readSpec, specInfoOf, testEnv } from "./providers.js";

const mockUrls = inject("mockUrls");
const mockFailures = inject("mockFailures");
/** Fails a test of a provider whose mock did not start, saying why; its calls never go anywhere else. */
const needsMock = (name: ProviderName) => {
  if (mockFailures[name]) throw new Error(`${name}: its Prism mock did not start: ${mockFailures[name]}`);
};
const REPORT = fileURLToPath(new URL("../CONTRACT-REPORT.md", import.meta.url));
const SPECS = fileURLToPath(new URL("../../../specs", import.meta.url));
/** Calls in flight against one Prism at a time: enough to keep it busy, few enough not to time out. */
const CONCURRENCY = 8;

/** Test-only middleware: asks Prism for one documented status (from the schema rather than the examples). */
const prefer = (status: number, fromSchema = false): Middleware => ({
  onRequest({ request }) {
    request.headers.set("Prefer", preferHeader(status, { fromSchema }));
  },
});

/**
 * A case whose only problems are spec defects (the provider's example breaks its own schema) fails with the
 * example's pointer and the overlay that fixes it; with SWITCHBOARD_ANSWER_FROM_SCHEMA=1 it is asked again,
 * answered from the schema, and the defects are printed instead.
 */
const answerFromSchema = process.env.SWITCHBOARD_ANSWER_FROM_SCHEMA === "1";

type AnyClient = { operations: Record<string, readonly [string, string]>; [method: string]: any };

/**
 * The provider's client as the facade builds it, pointed at its mock. Not retried: a case asks for one
 * status, and a 5xx retried after a backoff only makes the run slower (retries are the runtime's fault
 * suite's business).
 */
function clientFor(name: ProviderName, middleware: Middleware[] = []): AnyClient {
  const switchboard = createSwitchboard({
    env: testEnv(),
    middleware,
    maxRetries: 0,
    // A provider whose mock did not start gets an address nothing answers (port 9, discard), never its own.
    [name]: { baseUrl: mockUrls[name] ?? "http://127.0.0.1:9" },
  });
  return switchboard[name] as unknown as AnyClient;
}

/**
 * A call, made again (twice at most) when the mock reset the connection before answering. Calls go out
 * unretried (see `clientFor`), and a loaded Prism closes idle keep-alive sockets while the client reuses
 * them: a reset says nothing about the contract. Three in a row still fail the case.
 */
async function callThroughResets(call: () => Promise<CallResult>): Promise<CallResult> {
  let result = await call();
  for (let attempt = 1; attempt < 3 && isReset(result); attempt++) result = await call();
  return result;
}

const isReset = (result: CallResult) => result.response === undefined && result.error?.kind === "connection";

/** Operations anyone may call: `security: []`, or an empty requirement among the alternatives. */
function openOperations(spec: any): Set<string> {
  const open = new Set<string>();
  for (const [path, item] of Object.entries<any>(spec.paths ?? {}))
    for (const method of HTTP_METHODS) {
      const security: unknown[] | undefined = item[method]?.security ?? spec.security;
      if (
        item[method] &&
        (!security || security.length === 0 || security.some((s) => !Object.keys(s as object).length))
      )
        open.add(`${method} ${path}`);
    }
  return open;
}

/** Runs `work` over `items`, `CONCURRENCY` at a time, in order of the items. */
async function pool<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

const runs = new Map<ProviderName, ProviderRun>();

describe.each(providerNames)("%s", (name) => {
  const spec = readSpec(name) as any;
  const derived = deriveContractCases(spec);
  const definition = providerDefinitions[name];
  const filledFromCredentials = Object.keys(definition.pathCredentials);
  const operations = clientFor(name).operations;
  const excluded = derived.cases.flatMap((c) => {
    const reason = exclusionReason(spec, c);
    return reason ? [{ case: c, reason }] : [];
  });
  const cases = derived.cases.filter((c) => !excluded.some((e) => e.case === c));
  const limitations = PRISM_LIMITATIONS[name] ?? {};

  it("has a case for every operation of the generated client, and a method for every other operation", () => {
    const covered = new Set(cases.map((c) => methodFor(operations, c)));
    expect([...covered].sort()).toEqual(Object.keys(operations).sort());
    for (const { case: c } of excluded) expect(() => methodFor(operations, c)).toThrow(/no generated method/);
    for (const title of Object.keys(limitations))
      expect(
        cases.map((c) => c.title),
        `${title} is listed as a Prism limitation but is no case`,
      ).toContain(title);
  });

  it("passes every case but the known Prism limitations, for ≥ 99% of its operations", async () => {
    needsMock(name);
    const call = async (c: ContractCase): Promise<CaseResult> => {
      const clientOf = (fromSchema: boolean) => clientFor(name, [prefer(c.status, fromSchema)]);
      const method = methodFor(clientOf(false).operations, c);
      const limitation = limitations[c.title];
      let problems: string[];
      try {
        const ask = (fromSchema: boolean) =>
          callThroughResets(() => clientOf(fromSchema)[method](methodInput(c, filledFromCredentials)));
        let result = await ask(false);
        let outcome = checkOutcome(c, result, spec);
        if (
          answerFromSchema &&
          outcome.defects.length &&
          outcome.defects.length === outcome.problems.length
        ) {
          console.warn(
            `${name}: ${c.title} answered from the schema instead:\n${outcome.problems.join("\n")}`,
          );
          result = await ask(true);
          outcome = checkOutcome(c, result, spec);
        }
        problems = outcome.problems;
        if (c.status >= 400 && !(result.error instanceof SwitchboardError))
          problems.push("the error is not a SwitchboardError");
        if (c.status === 204 && result.response && (await result.response.text()) !== "")
          problems.push("a 204 came with a body");
      } catch (error) {
        problems = [`the call threw: ${String(error)}`];
      }
      return { case: c, method, problems, ...(limitation ? { limitation } : {}) };
    };
    const results = await pool(cases, call);
    const version = String(spec.info?.version ?? "");
    runs.set(name, {
      provider: name,
      results,
      excluded,
      skippedResponses: derived.skipped,
      operations: Object.values<Record<string, unknown>>(spec.paths ?? {}).reduce(
        (n, item) => n + HTTP_METHODS.filter((m) => item[m]).length,
        0,
      ),
      spec: { sha256: (await specInfoOf(name)).sha256, version },
    });

    const unclassified = results
      .filter((r) => !r.limitation && r.problems.length > 0)
      .map((r) => `${r.case.title} (${r.method}): ${r.problems.join("; ")}`);
    expect(unclassified).toEqual([]);
    const fixedByPrism = results
      .filter((r) => r.limitation && r.problems.length === 0)
      .map((r) => r.case.title);
    expect(fixedByPrism, "these cases pass now: remove them from PRISM_LIMITATIONS").toEqual([]);
    const { passing, total } = passingOperations(runs.get(name)!);
    expect(passing / total).toBeGreaterThanOrEqual(0.99);
    // A hang detector sized to the work: thousands of calls for a complete API, on a loaded machine.
  }, 900_000);

  it("gets 401 from the mock when credentials are stripped, for each way the spec asks for them", async () => {
    needsMock(name);
    const stripCredentials: Middleware = {
      onRequest({ request }) {
        let url: URL | undefined;
        // Widened: none of the committed providers takes its key in the query, providers added later may.
        const schemes: ReadonlyArray<{ type: string; in?: string; name?: string }> = definition.auth;
        for (const scheme of schemes) {
          if (scheme.type === "apiKey" && scheme.in === "query") {
            url ??= new URL(request.url);
            url.searchParams.delete(scheme.name!);
          } else request.headers.delete(scheme.type === "apiKey" ? scheme.name! : "Authorization");
        }
        return url ? new Request(url, request) : undefined;
      },
    };
    const client = clientFor(name, [stripCredentials]);
    // One operation per security requirement and first path segment (every one, for a small API): what
    // is tested is that each way the spec asks for credentials is enforced and reported, and a complete API
    // repeats the same requirement over a thousand operations.
    const open = openOperations(spec);
    const first = new Map<string, [string, ContractCase]>();
    for (const c of cases) {
      if (open.has(`${c.method} ${c.path}`)) continue;
      const method = methodFor(operations, c);
      const security = JSON.stringify(spec.paths[c.path][c.method].security ?? spec.security ?? []);
      const group = cases.length > 200 ? `${security} ${c.path.split("/")[1]}` : method;
      if (!first.has(group)) first.set(group, [method, c]);
    }
    const outcomes = await pool([...first.values()], async ([method, c]) => {
      const { error, response } = await callThroughResets(() =>
        client[method](methodInput(c, filledFromCredentials)),
      );
      return { method, status: response?.status, error };
    });
    for (const { method, status, error } of outcomes) {
      expect(status, method).toBe(401);
      expect(error).toMatchObject({ kind: "authentication", status: 401, provider: name, operation: method });
    }
    expect(outcomes.length).toBeGreaterThan(0);
  }, 600_000);
});

describe("the contract report", () => {
  it("is committed as this run writes it (UPDATE_CONTRACT_REPORT=1 rewrites it)", (context) => {
    // A run of some providers only (`-t`, SWITCHBOARD_TEST_PROVIDERS) cannot judge the whole report.
    if (runs.size !== Object.keys(providerDefinitions).length) context.skip();
    const report = contractReport(
      providerNames.map((name) => runs.get(name)!),
      SPECS,
    );
    if (process.env.UPDATE_CONTRACT_REPORT) writeFileSync(REPORT, report);
    expect(readFileSync(REPORT, "utf8"), `${join("packages", "sdk", "CONTRACT-REPORT.md")} is stale`).toBe(
      report,
    );
  });
});
