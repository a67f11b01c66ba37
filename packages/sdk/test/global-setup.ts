import { type MockServer, startMock } from "@switchboard/mock";
import type { TestProject } from "vitest/node";
import { providerNames, specPath } from "./providers.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
    /** Why a provider's mock did not start: its contract tests fail with this, the others run. */
    mockFailures: Record<string, string>;
  }
}

/**
 * Starts one Prism per provider from its bundled spec, once for the whole run; the teardown always runs. Each
 * on its own: a spec Prism cannot serve (it spun forever on Stripe's) fails its own provider's contract
 * tests, not every provider's.
 */
export default async function setup(project: TestProject) {
  const started = await Promise.allSettled(providerNames.map((name) => startMock({ spec: specPath(name) })));
  const servers: MockServer[] = [];
  const mockUrls: Record<string, string> = {};
  const mockFailures: Record<string, string> = {};
  started.forEach((result, i) => {
    const name = providerNames[i]!;
    if (result.status === "fulfilled") {
      servers.push(result.value);
      mockUrls[name] = result.value.url;
    } else mockFailures[name] = String((result.reason as Error)?.message ?? result.reason);
  });
  project.provide("mockUrls", mockUrls);
  project.provide("mockFailures", mockFailures);
  return async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
  };
}
