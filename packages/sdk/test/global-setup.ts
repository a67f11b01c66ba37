import { startMocks } from "@switchboard/mock";
import type { TestProject } from "vitest/node";
import { providerNames, specPath } from "./providers.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
  }
}

/** Starts one Prism per provider from its bundled spec, once for the whole run; the teardown always runs. */
export default async function setup(project: TestProject) {
  const mocks = await startMocks(Object.fromEntries(providerNames.map((name) => [name, specPath(name)])));
  project.provide(
    "mockUrls",
    Object.fromEntries(
      Object.entries(mocks.servers).map(([name, server]) => [name, (server as { url: string }).url]),
    ),
  );
  return () => mocks.stop();
}
