/**
 * Server URL variables that are no region (a tenant's subdomain, a self-hosted API's host) are client options
 * and environment variables: `withServerVariables` fills them into the chosen region's URL.
 */
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createProviderClient,
  type ProviderDefinition,
  type ServerVariables,
  withServerVariables,
} from "../src/index.js";
import { type FixturePaths, recordingFetch, table } from "./fixtures.js";

/** As generated for `{protocol}://{tenant}.{region}.tenanted.test/v1`, `region` one of us and eu. */
const tenanted = {
  name: "tenanted",
  title: "Tenanted",
  servers: { us: "https://acme.us.tenanted.test/v1", eu: "https://acme.eu.tenanted.test/v1" },
  defaultServer: "us",
  credentials: {},
  auth: [],
  pathCredentials: {},
} as const satisfies ProviderDefinition;

const serverVariables = {
  variables: {
    protocol: { option: "protocol", env: "TENANTED_PROTOCOL", default: "https", values: ["https", "http"] },
    tenant: { option: "tenant", env: "TENANTED_TENANT", default: "acme" },
  },
  templates: {
    us: "{protocol}://{tenant}.us.tenanted.test/v1",
    eu: "{protocol}://{tenant}.eu.tenanted.test/v1",
  },
} as const satisfies ServerVariables;

/** The URL a client made with `options` calls for `GET /things`. */
async function calledUrl(options: Record<string, unknown>): Promise<string> {
  const recorder = recordingFetch();
  const client = createProviderClient<FixturePaths, typeof table, typeof tenanted>(
    tenanted,
    table,
    withServerVariables(tenanted, serverVariables, { env: {}, fetch: recorder.fetch, ...options }),
  );
  await client.listThings();
  return recorder.calls[0]!.url;
}

describe("server variables", () => {
  it("leave the region's URL at the spec's defaults when none is given", async () => {
    expect(await calledUrl({})).toBe("https://acme.us.tenanted.test/v1/things");
    expect(await calledUrl({ region: "eu" })).toBe("https://acme.eu.tenanted.test/v1/things");
  });

  it("fill the chosen region's URL from the options, the others keeping their defaults", async () => {
    expect(await calledUrl({ tenant: "zeta" })).toBe("https://zeta.us.tenanted.test/v1/things");
    expect(await calledUrl({ tenant: "zeta", region: "eu", protocol: "http" })).toBe(
      "http://zeta.eu.tenanted.test/v1/things",
    );
  });

  it("read each from its environment variable when its option is not given; the option wins", async () => {
    expect(await calledUrl({ env: { TENANTED_TENANT: "from-env" } })).toBe(
      "https://from-env.us.tenanted.test/v1/things",
    );
    expect(await calledUrl({ env: { TENANTED_TENANT: "from-env" }, tenant: "given" })).toBe(
      "https://given.us.tenanted.test/v1/things",
    );
  });

  it("give way to `baseUrl`, and pass on every other option without their own", () => {
    const options = { baseUrl: "https://proxy.example.test", tenant: "zeta", maxRetries: 0, env: {} };
    expect(withServerVariables(tenanted, serverVariables, options)).toEqual({
      baseUrl: "https://proxy.example.test",
      maxRetries: 0,
      env: {},
    });
    expect(withServerVariables(tenanted, serverVariables, { tenant: "zeta", env: {} })).toEqual({
      env: {},
      baseUrl: "https://zeta.us.tenanted.test/v1",
    });
  });

  it("refuse a value the spec does not allow, or an empty one, when the client is made: naming the option and its variable", () => {
    const attempt = (options: Record<string, unknown>) => () =>
      withServerVariables(tenanted, serverVariables, { env: {}, ...options });
    expect(attempt({ env: { TENANTED_PROTOCOL: "ftp" } })).toThrow(
      new ConfigurationError(
        'Tenanted: protocol (or TENANTED_PROTOCOL) must be one of https, http, not "ftp"',
      ),
    );
    expect(attempt({ tenant: "" })).toThrow(
      new ConfigurationError('Tenanted: tenant (or TENANTED_TENANT) must be a non-empty string, not ""'),
    );
  });

  it("refuse a value that would end the host or the path, so the request would go to another host", () => {
    const attempt = (options: Record<string, unknown>) => () =>
      withServerVariables(tenanted, serverVariables, { env: {}, ...options });
    // Filled in, `evil.test/x?` made https://evil.test/x?.us.tenanted.test/v1: host evil.test.
    expect(attempt({ tenant: "evil.test/x" })).toThrow(
      new ConfigurationError(
        'Tenanted: tenant (or TENANTED_TENANT) is part of the host in {protocol}://{tenant}.us.tenanted.test/v1, so it cannot hold /, not "evil.test/x"',
      ),
    );
    for (const value of ["evil.test#", "evil.test?", "user@evil.test", " ", "a\\b", "a\nb"])
      expect(attempt({ env: { TENANTED_TENANT: value } })).toThrow(
        /^Tenanted: tenant \(or TENANTED_TENANT\) cannot hold spaces, \?, #, @ or \\ \(they would end the URL's host or path\)/,
      );
    // A variable in the path may hold a slash (a base path, `v1/beta`).
    const pathed = {
      ...serverVariables,
      templates: { us: "https://api.tenanted.test/{tenant}", eu: "https://api.tenanted.test/{tenant}" },
    };
    expect(withServerVariables(tenanted, pathed, { tenant: "v1/beta", env: {} })).toEqual({
      env: {},
      baseUrl: "https://api.tenanted.test/v1/beta",
    });
  });

  it("leave an unknown region for the client to name", () => {
    expect(() =>
      createProviderClient(
        tenanted,
        table,
        withServerVariables(tenanted, serverVariables, { region: "ap" as never, tenant: "zeta", env: {} }),
      ),
    ).toThrow('Tenanted: unknown region "ap" (known: us, eu)');
  });
});
