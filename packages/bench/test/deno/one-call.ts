/**
 * A one-call app as an edge or Deno app builds it (the operation from its subpath module, composed), run by
 * runtime.test.ts in Deno: `Deno.args[0]` is the mock server's base URL. It deletes one IP through a 503
 * (retried, honouring the server's Retry-After), then asks for one the server does not have (a typed
 * `not_found` error, not retried), and prints both outcomes as JSON.
 */
import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import { deleteIp } from "@switchboard/telnyx/ips";

declare const Deno: { args: string[] };

const attempts: number[] = [];
const client = composeTelnyxClient(
  { deleteIp },
  {
    apiKey: "key",
    baseUrl: Deno.args[0]!,
    onAttempt: ({ status }) => void attempts.push(status ?? 0),
  },
);
const retried = await client.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
const missing = await client.deleteIp({ id: "00000000-0000-4000-8000-000000000000" });
console.log(
  JSON.stringify({
    runtime: typeof Deno,
    retried: { data: retried.data, error: retried.error?.kind ?? null },
    missing: { kind: missing.error?.kind, status: missing.error?.status, attempts: missing.error?.attempts },
    attempts,
  }),
);
