import { type MockServer, startMocks } from "@switchboard/mock";
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
 * on its own (`partial`): a spec Prism cannot serve (it spun forever on Stripe's) fails its own provider's
 * contract tests, not every provider's.
 */
export default async function setup(project: TestProject) {
  const mocks = await startMocks(Object.fromEntries(providerNames.map((name) => [name, specPath(name)])), {
    partial: true,
  });
  project.provide(
    "mockUrls",
    Object.fromEntries(
      Object.entries(mocks.servers).map(([name, server]) => [name, (server as MockServer).url]),
    ),
  );
  project.provide(
    "mockFailures",
    Object.fromEntries(
      Object.entries(mocks.failures).map(([name, error]) => [name, (error as Error).message]),
    ),
  );
  return () => mocks.stop();
}
