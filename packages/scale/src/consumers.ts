/**
 * The apps the scale run type-checks, bundles and starts: each calls `DELETE /ips/{id}`,
 * `GET /phone_numbers` and `POST /calls` (or, for bundles, just the first), written against our
 * generated package, the official `telnyx` SDK and openapi-fetch alone over the generated types.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Three operations imported one by one from their subpath modules. */
const composed = `import { dialCall } from "@switchboard/telnyx/call-commands";
import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import { deleteIp } from "@switchboard/telnyx/ips";
import { listPhoneNumbers } from "@switchboard/telnyx/phone-number-configurations";

const telnyx = composeTelnyxClient({ deleteIp, listPhoneNumbers, dialCall }, { apiKey: "KEY" });

export async function main() {
  await telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
  const numbers = await telnyx.listPhoneNumbers({ page: { number: 1, size: 20 }, filter: { status: "active" } });
  const call = await telnyx.dialCall({ body: { connection_id: "7267xxxxxxxxxxxxxx", to: "+18005550199", from: "+18005550100" } });
  for await (const number of telnyx.listPhoneNumbers.all({ page: { size: 250 } })) console.log(number.phone_number);
  if (call.error) return call.error.kind;
  return [numbers.data?.data?.[0]?.phone_number, call.data.data?.call_control_id];
}
`;

/** The whole generated client from the package root. */
const root = `import { createTelnyxClient } from "@switchboard/telnyx";

const telnyx = createTelnyxClient({ apiKey: "KEY" });

export async function main() {
  await telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
  const numbers = await telnyx.listPhoneNumbers({ page: { number: 1, size: 20 }, filter: { status: "active" } });
  const call = await telnyx.dialCall({ body: { connection_id: "7267xxxxxxxxxxxxxx", to: "+18005550199", from: "+18005550100" } });
  if (call.error) return call.error.kind;
  return [numbers.data?.data?.[0]?.phone_number, call.data.data?.call_control_id];
}
`;

const sdk = `import Telnyx from "telnyx";

const telnyx = new Telnyx({ apiKey: "KEY" });

export async function main() {
  await telnyx.ips.delete("6a09cdc3-8948-47f0-aa62-74ac943d6c58");
  const numbers = await telnyx.phoneNumbers.list({ "page[number]": 1, "page[size]": 20, filter: { status: "active" } });
  const call = await telnyx.calls.dial({ connection_id: "7267xxxxxxxxxxxxxx", to: "+18005550199", from: "+18005550100" });
  return [numbers.data[0]?.phone_number, call.data?.call_control_id];
}
`;

/** openapi-fetch over the generated package's full `paths`: what plain openapi-typescript users get. */
const openapiFetch = `import createClient from "openapi-fetch";
import type { paths } from "@switchboard/telnyx";

const telnyx = createClient<paths>({ baseUrl: "https://api.telnyx.com/v2", headers: { Authorization: "Bearer KEY" } });

export async function main() {
  await telnyx.DELETE("/ips/{id}", { params: { path: { id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" } } });
  const numbers = await telnyx.GET("/phone_numbers", { params: { query: { page: { number: 1, size: 20 } } } });
  const call = await telnyx.POST("/calls", { body: { connection_id: "7267xxxxxxxxxxxxxx", to: "+18005550199", from: "+18005550100" } });
  return [numbers.data?.data?.[0]?.phone_number, call.data?.data?.call_control_id];
}
`;

export const TYPECHECK_APPS = { composed, root, sdk, openapiFetch } as const;
export type TypecheckApp = keyof typeof TYPECHECK_APPS;

/** One-call apps for bundle size: the smallest real use of each. */
export const BUNDLE_APPS = {
  /** One operation imported from its module. */
  oneCall: `import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import { deleteIp } from "@switchboard/telnyx/ips";
const telnyx = composeTelnyxClient({ deleteIp }, { apiKey: "KEY" });
console.log(await telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" }));
`,
  /** The root client: every method of the API is reachable, so every row is kept. */
  wholeClient: `import { createTelnyxClient } from "@switchboard/telnyx";
const telnyx = createTelnyxClient({ apiKey: "KEY" });
console.log(await telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" }));
`,
  sdk: `import Telnyx from "telnyx";
const telnyx = new Telnyx({ apiKey: "KEY" });
console.log(await telnyx.ips.delete("6a09cdc3-8948-47f0-aa62-74ac943d6c58"));
`,
  openapiFetch: `import createClient from "openapi-fetch";
const telnyx = createClient({ baseUrl: "https://api.telnyx.com/v2", headers: { Authorization: "Bearer KEY" } });
console.log(await telnyx.DELETE("/ips/{id}", { params: { path: { id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" } } }));
`,
} as const;

/**
 * Import and construct, nothing more: what an app pays before its first call; and for the composed client
 * and openapi-fetch, the same plus a first request, which is where Node loads its fetch. Each prints its
 * wall time and the CPU time the process spent, both in milliseconds.
 */
export const COLD_START_APPS = {
  composed: `const c0 = process.cpuUsage();
const t0 = performance.now();
const { composeTelnyxClient } = await import("@switchboard/telnyx/compose");
const { deleteIp } = await import("@switchboard/telnyx/ips");
composeTelnyxClient({ deleteIp }, { apiKey: "KEY" });
const cpu = process.cpuUsage(c0);
console.log(performance.now() - t0, (cpu.user + cpu.system) / 1000);
`,
  root: `const c0 = process.cpuUsage();
const t0 = performance.now();
const { createTelnyxClient } = await import("@switchboard/telnyx");
createTelnyxClient({ apiKey: "KEY" });
const cpu = process.cpuUsage(c0);
console.log(performance.now() - t0, (cpu.user + cpu.system) / 1000);
`,
  sdk: `const c0 = process.cpuUsage();
const t0 = performance.now();
const { default: Telnyx } = await import("telnyx");
new Telnyx({ apiKey: "KEY" });
const cpu = process.cpuUsage(c0);
console.log(performance.now() - t0, (cpu.user + cpu.system) / 1000);
`,
  openapiFetch: `const c0 = process.cpuUsage();
const t0 = performance.now();
const { default: createClient } = await import("openapi-fetch");
createClient({ baseUrl: "https://api.telnyx.com/v2", headers: { Authorization: "Bearer KEY" } });
const cpu = process.cpuUsage(c0);
console.log(performance.now() - t0, (cpu.user + cpu.system) / 1000);
`,
  // The same, then one request: Node loads its fetch implementation (about 35 ms) on first use, which
  // openapi-fetch's createClient does at once and ours leaves to the first request. Sent to a port nothing
  // listens on (TCP's discard port, refused at once), without retries: no server, no waiting.
  composedFirstRequest: `const c0 = process.cpuUsage();
const t0 = performance.now();
const { composeTelnyxClient } = await import("@switchboard/telnyx/compose");
const { deleteIp } = await import("@switchboard/telnyx/ips");
const client = composeTelnyxClient({ deleteIp }, { apiKey: "KEY", baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
const { error } = await client.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
if (error?.kind !== "connection") throw new Error(\`expected a refused connection, got \${error}\`);
const cpu = process.cpuUsage(c0);
console.log(performance.now() - t0, (cpu.user + cpu.system) / 1000);
`,
  openapiFetchFirstRequest: `const c0 = process.cpuUsage();
const t0 = performance.now();
const { default: createClient } = await import("openapi-fetch");
const client = createClient({ baseUrl: "http://127.0.0.1:9", headers: { Authorization: "Bearer KEY" } });
const refused = await client.DELETE("/ips/{id}", { params: { path: { id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" } } }).then(() => false, () => true);
if (!refused) throw new Error("expected a refused connection");
const cpu = process.cpuUsage(c0);
console.log(performance.now() - t0, (cpu.user + cpu.system) / 1000);
`,
} as const;

/**
 * A consumer project in `dir` (inside the workspace, so its imports resolve to the generated package):
 * strict, and `skipLibCheck` as given; `types: []` so only what the app imports is loaded.
 */
export function writeTypecheckProject(dir: string, app: TypecheckApp, skipLibCheck: boolean): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  writeFileSync(join(dir, "app.ts"), TYPECHECK_APPS[app]);
  writeFileSync(
    join(dir, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          skipLibCheck,
          noEmit: true,
          types: [],
        },
        files: ["app.ts"],
      },
      null,
      2,
    )}\n`,
  );
  return dir;
}
