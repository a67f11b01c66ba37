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
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { standardScheme } from "@switchboard/codegen/webhook-signature";
import { createWebhookVerifier } from "@switchboard/core";
import {
  type CallResult,
  type ContractCase,
  checkOutcome,
  createWebhookSender,
  deriveContractCases,
  MockStartError,
  methodFor,
  methodInput,
  preferHeader,
  startMock,
} from "@switchboard/mock";

/** The scheme a probe signs with where a spec names none: Standard Webhooks', as the generator writes it. */
const STANDARD_WEBHOOKS = standardScheme("v1", "probe");

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
  const webhooks = await probeWebhooks();
  console.log(
    JSON.stringify({
      ...(webhooks ? { webhooks } : {}),
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

/**
 * Where the package has webhooks: every event the spec declares, built by the mock's sender (an example,
 * else a sample of its schema, checked against the schema), signed, posted to a handler on 127.0.0.1 that
 * verifies it by the package's scheme, as a user's tests would. A delivery refused, or
 * an event the sender cannot build, is a failure to look into.
 */
async function probeWebhooks(): Promise<{ events: number; failures: string[] } | undefined> {
  const file = join(packageDir, "src", "generated", "webhooks.ts");
  if (!existsSync(file)) return undefined;
  const events = await import(pathToFileURL(file).href);
  // A package whose spec says nothing of signing has no verifier: its events are still built and checked,
  // signed as Standard Webhooks sign them, and verified by the runtime's verifier of that scheme.
  const provider = events.provider.webhooks?.signature
    ? events.provider
    : { ...events.provider, webhooks: { ...events.provider.webhooks, signature: STANDARD_WEBHOOKS } };
  const sender = createWebhookSender({ spec: specPath, provider });
  const verifier = createWebhookVerifier(provider, { key: sender.publicKey });
  const server = createServer(async (request, response) => {
    const { error } = await verifier.unwrapNode(request);
    response.writeHead(error ? 400 : 204).end(error?.message);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const to = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const delivered = new Set<string>();
  const failures: string[] = [];
  try {
    // `events` names each webhook by its discriminator values and its name: each is delivered once.
    for (const name of sender.events) {
      try {
        const delivery = await sender.deliver(name, { to, check: false });
        if (delivery.status !== 204) failures.push(`${name}: refused, ${delivery.status} ${delivery.body}`);
        else delivered.add(delivery.webhook);
      } catch (error) {
        if (!/is sent by several webhooks/.test(String(error))) failures.push(`${name}: ${String(error)}`);
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return { events: delivered.size, failures: failures.slice(0, Number(process.env.PROBE_SHOW ?? 6)) };
}
