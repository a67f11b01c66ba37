import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type ProviderName, providerDefinitions } from "../src/index.js";

const require = createRequire(import.meta.url);

export const providerNames = Object.keys(providerDefinitions).sort() as ProviderName[];

/** The bundled spec (with overlays) the provider's package was generated from: what Prism serves. */
export const specPath = (name: ProviderName) => require.resolve(`@switchboard/${name}/openapi.json`);
export const readSpec = (name: ProviderName) => JSON.parse(readFileSync(specPath(name), "utf8")) as object;

/** Made-up credentials for every provider, handed over the way users do: as environment variables. */
export function testEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const definition of Object.values(providerDefinitions)) {
    for (const [name, { env: variable }] of Object.entries(definition.credentials))
      env[variable] = `test-${name}`;
  }
  return env;
}
