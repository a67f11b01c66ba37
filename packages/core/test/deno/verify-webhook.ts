/**
 * A webhook endpoint's verification as an edge app would bundle it, run in Deno by webhooks-deno.test.ts:
 * `Deno.args[0]` holds the key and the deliveries; each is verified twice (from its body and headers, and
 * as a fetch `Request`) and the outcomes are printed as JSON.
 */
import { createWebhookVerifier } from "../../src/index.js";

declare const Deno: { args: string[] };

interface Input {
  key: string;
  provider: Parameters<typeof createWebhookVerifier>[0];
  deliveries: { body: string; headers: Record<string, string> }[];
}

const input: Input = JSON.parse(Deno.args[0]!);
const verifier = createWebhookVerifier(input.provider, { key: input.key });
const outcomes = [];
for (const { body, headers } of input.deliveries) {
  const direct = await verifier.unwrap(body, headers);
  const request = new Request("https://edge.example/webhooks", { method: "POST", body, headers });
  const fetched = await verifier.unwrapRequest(request);
  outcomes.push([direct.error?.reason ?? direct.event, fetched.error?.reason ?? fetched.event]);
}
console.log(JSON.stringify({ runtime: typeof Deno, outcomes }));
