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

/**
 * One app per provider package, built the way the README tells an app that calls few operations to build
 * itself: the operation imported from its subpath module and composed into a client, so the bundle holds
 * the runtime and that one row, however large the provider's API.
 */
const composed = (
  pkg: string,
  title: string,
  module: string,
  operation: string,
  options: string,
  input: string,
): App => ({
  setup: `import { compose${title}Client } from "@switchboard/${pkg}/compose";
import { ${operation} } from "@switchboard/${pkg}/${module}";
const client = compose${title}Client({ ${operation} }, ${options});`,
  call: `console.log(await client.${operation}(${input}));`,
});

export const providers: Record<string, App> = {
  "@switchboard/telnyx": composed(
    "telnyx",
    "Telnyx",
    "ips",
    "deleteIp",
    '{ apiKey: "key" }',
    `{ id: "${IP_ID}" }`,
  ),
  "@switchboard/vobiz": composed(
    "vobiz",
    "Vobiz",
    "ip-access-control-list",
    "deleteIpAcl",
    '{ authId: "MA_ID", authToken: "token" }',
    '{ ip_acl_id: "acl-1" }',
  ),
  "@switchboard/bolna": composed(
    "bolna",
    "Bolna",
    "sip-trunks",
    "deleteSipTrunk",
    '{ apiKey: "key" }',
    '{ trunk_id: "trunk-1" }',
  ),
  "@switchboard/synthflow": composed(
    "synthflow",
    "Synthflow",
    "phone-numbers",
    "deletePhoneNumber",
    '{ apiKey: "key" }',
    '{ phone_number_slug: "14155550100" }',
  ),
};

/**
 * The same call through the whole client (`createTelnyxClient`: every method plus openapi-fetch's raw
 * `GET`/`POST`/…), reported beside the composed app so the cost of the convenience is visible.
 */
export const wholeClient: App = {
  setup: `import { createTelnyxClient } from "@switchboard/telnyx";
const client = createTelnyxClient({ apiKey: "key" });`,
  call: `console.log(await client.deleteIp({ id: "${IP_ID}" }));`,
};

/**
 * A webhook endpoint that verifies Telnyx's deliveries and nothing else: the verifier and the provider's
 * scheme as the generated `@switchboard/telnyx/webhooks` module gives them to `createWebhookVerifier`
 * (written out here so the app does not depend on the package declaring webhooks), answering by event type.
 */
export const webhookVerifier: App = {
  setup: `import { createWebhookVerifier } from "@switchboard/core";
const webhooks = createWebhookVerifier({ name: "telnyx", title: "Telnyx", webhooks: { discriminator: ["data", "event_type"], signature: { algorithm: "ed25519", headers: { signature: "telnyx-signature-ed25519", timestamp: "telnyx-timestamp" }, content: "{timestamp}|{body}", keyEnv: "TELNYX_PUBLIC_KEY" } } });`,
  call: `export default { async fetch(request) {
  const { event, error } = await webhooks.unwrapRequest(request);
  return new Response(error ? error.reason : event.data.event_type, { status: error ? 400 : 200 });
} };`,
};
