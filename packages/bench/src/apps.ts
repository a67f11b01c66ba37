/**
 * The one-call apps whose bundle size and cold start are measured: each imports its client, makes it, and
 * (for size) calls `DELETE` once, as an app using nothing else would.
 */
export const IP_ID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

export interface App {
  /** Import and construct: what cold start measures. */
  readonly setup: string;
  /** The one call, added for the bundle-size app. */
  readonly call: string;
}

export const baselines: Record<string, App> = {
  "raw fetch": {
    setup: "const key = process.env.TELNYX_API_KEY;",
    call: `const response = await fetch(\`https://api.telnyx.com/v2/ips/\${encodeURIComponent("${IP_ID}")}\`, { method: "DELETE", headers: { Authorization: \`Bearer \${key}\` } });
console.log(await response.json());`,
  },
  "openapi-fetch": {
    setup: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.telnyx.com/v2", headers: { Authorization: \`Bearer \${process.env.TELNYX_API_KEY}\` } });`,
    call: `console.log(await client.DELETE("/ips/{id}", { params: { path: { id: "${IP_ID}" } } }));`,
  },
  "telnyx SDK": {
    setup: `import Telnyx from "telnyx";
const client = new Telnyx({ apiKey: "key" });`,
    call: `console.log(await client.ips.delete("${IP_ID}"));`,
  },
};

/** One app per provider package: its only operation's generated method (or the first, for Telnyx). */
export const providers: Record<string, App> = {
  "@switchboard/telnyx": {
    setup: `import { createTelnyxClient } from "@switchboard/telnyx";
const client = createTelnyxClient({ apiKey: "key" });`,
    call: `console.log(await client.deleteIp({ id: "${IP_ID}" }));`,
  },
  "@switchboard/vobiz": {
    setup: `import { createVobizClient } from "@switchboard/vobiz";
const client = createVobizClient({ authId: "MA_ID", authToken: "token" });`,
    call: `console.log(await client.deleteIpAcl({ ip_acl_id: "acl-1" }));`,
  },
  "@switchboard/bolna": {
    setup: `import { createBolnaClient } from "@switchboard/bolna";
const client = createBolnaClient({ apiKey: "key" });`,
    call: `console.log(await client.deleteSipTrunk({ trunk_id: "trunk-1" }));`,
  },
  "@switchboard/synthflow": {
    setup: `import { createSynthflowClient } from "@switchboard/synthflow";
const client = createSynthflowClient({ apiKey: "key" });`,
    call: `console.log(await client.deletePhoneNumber({ phone_number_slug: "14155550100" }));`,
  },
};
