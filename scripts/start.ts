/**
 * `npm start`: the whole pipeline on the embedded default. `turbo run build` (run by the npm script) has
 * regenerated what changed; this starts a Prism mock per provider from the bundled specs, calls every
 * operation of every provider through the facade for every documented status, prints what happened, and
 * stops the mocks, also on failure or Ctrl-C.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  checkOutcome,
  deriveContractCases,
  type MockServer,
  methodFor,
  methodInput,
  pathCredentialValues,
  startMocks,
} from "@switchboard/mock";
import { createSwitchboard, type ProviderName, providerDefinitions } from "@switchboard/sdk";

const require = createRequire(import.meta.url);
const providers = Object.keys(providerDefinitions).sort() as ProviderName[];
const specPath = (name: string) => require.resolve(`@switchboard/${name}/openapi.json`);

/**
 * Placeholder credentials, passed the way users pass real ones: as environment variables. One the client also
 * writes into paths (Vobiz's `auth_id`) gets a value the spec's parameter schema accepts.
 */
const env: Record<string, string> = {};
for (const provider of providers) {
  const definition = providerDefinitions[provider];
  const spec = JSON.parse(readFileSync(specPath(provider), "utf8"));
  const inPaths = pathCredentialValues(deriveContractCases(spec).cases, definition.pathCredentials);
  for (const [name, { env: variable }] of Object.entries(definition.credentials))
    env[variable] = inPaths[name] ?? `demo-${name}`;
}

interface Row {
  provider: string;
  operation: string;
  request: string;
  status: string;
  outcome: string;
  ok: boolean;
}

async function main(): Promise<number> {
  console.log(`Starting ${providers.length} Prism mocks (${providers.join(", ")}) on 127.0.0.1…`);
  const mocks = await startMocks(Object.fromEntries(providers.map((p) => [p, specPath(p)])));
  const stop = () => mocks.stop();
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  try {
    const rows: Row[] = [];
    for (const provider of providers) {
      const server = (mocks.servers as Record<string, MockServer>)[provider]!;
      const spec = JSON.parse(readFileSync(specPath(provider), "utf8"));
      for (const c of deriveContractCases(spec).cases) {
        const switchboard = createSwitchboard({
          env,
          [provider]: { baseUrl: server.url },
          middleware: [
            { onRequest: ({ request }) => void request.headers.set("Prefer", `code=${c.status}`) },
          ],
        });
        const client = switchboard[provider] as unknown as Record<string, any> & { operations: any };
        const operation = methodFor(client.operations, c);
        const input = methodInput(c, Object.keys(providerDefinitions[provider].pathCredentials));
        const checked = checkOutcome(c, await client[operation](input));
        rows.push({
          provider,
          operation: `${operation}()`,
          request: `${c.method.toUpperCase()} ${c.path}`,
          status: `${checked.status ?? "-"} (asked ${c.status})`,
          outcome: checked.problems.length
            ? `${checked.outcome}: ${checked.problems.join("; ")}`
            : checked.outcome,
          ok: checked.problems.length === 0,
        });
      }
    }
    printTable(rows);
    const failed = rows.filter((r) => !r.ok).length;
    console.log(
      failed
        ? `\n${failed} of ${rows.length} calls broke the contract.`
        : `\nAll ${rows.length} calls kept the contract.`,
    );
    return failed ? 1 : 0;
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
    console.error(error);
    process.exitCode = 1;
  },
);
