import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { placeholderCredentialEnv } from "@switchboard/mock";
import { type ProviderName, providerDefinitions } from "../src/index.js";

const require = createRequire(import.meta.url);

/**
 * Every provider the facade registers, or those named in `SWITCHBOARD_TEST_PROVIDERS` (comma-separated):
 * the scale test runs this suite on the providers it has just generated, whose packages are all it built.
 */
export const providerNames = selectedProviders(Object.keys(providerDefinitions).sort() as ProviderName[]);

function selectedProviders(all: ProviderName[]): ProviderName[] {
  const wanted = process.env.SWITCHBOARD_TEST_PROVIDERS?.split(",").map((name) => name.trim());
  if (!wanted?.length) return all;
  const unknown = wanted.filter((name) => !all.includes(name as ProviderName));
  if (unknown.length)
    throw new Error(`SWITCHBOARD_TEST_PROVIDERS names unknown providers: ${unknown.join(", ")}`);
  return all.filter((name) => wanted.includes(name));
}

/** The bundled spec (with overlays) the provider's package was generated from: what Prism serves. */
export const specPath = (name: ProviderName) => require.resolve(`@switchboard/${name}/openapi.json`);
/** What the provider's package says it was generated from (its `specInfo` export). */
export const specInfoOf = async (name: ProviderName) =>
  ((await import(`@switchboard/${name}`)) as { specInfo: { sha256: string } }).specInfo;
/** The bundled spec, parsed once per provider and test file (Telnyx's is large): read it, never change it. */
export const readSpec = (name: ProviderName): object => {
  let spec = parsedSpecs.get(name);
  if (!spec) {
    spec = JSON.parse(readFileSync(specPath(name), "utf8")) as object;
    parsedSpecs.set(name, spec);
  }
  return spec;
};
const parsedSpecs = new Map<ProviderName, object>();

/**
 * Made-up credentials for every provider, handed over the way users do: as environment variables. A
 * credential the client also writes into paths gets a value unlike the path's examples (see
 * `pathCredentialValues`), so a path parameter filled from the wrong credential fails the contract cases.
 */
export function testEnv(): Record<string, string> {
  cachedEnv ??= makeTestEnv();
  return { ...cachedEnv };
}

let cachedEnv: Record<string, string> | undefined;

function makeTestEnv(): Record<string, string> {
  return Object.assign(
    {},
    ...providerNames.map((name) => placeholderCredentialEnv(providerDefinitions[name], readSpec(name))),
  );
}
