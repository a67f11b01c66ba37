import { providers, webhookVerifier } from "./apps.ts";
import { bundleSize } from "./size.ts";
for (const [n, a] of Object.entries(providers)) console.log(n, JSON.stringify(await bundleSize(a)));
console.log("webhook", JSON.stringify(await bundleSize(webhookVerifier)));
