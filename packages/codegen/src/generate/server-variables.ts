/**
 * The variables of a provider's server URLs that do not become regions (`https://{tenant}.example.com/v1`, a
 * self-hosted API's `{protocol}://{hostname}/api/v3`, a second enum beside the region's): each becomes a client
 * option and an environment variable, which core's `withServerVariables` fills into the region's URL. The
 * definition's `servers` keep each URL at the variables' defaults, as the spec gives them, so a client made
 * without any of them calls what it did before.
 */
import type { ProviderDefinition, ServerVariables } from "@switchboard/core";
import { camelCase, constantCase, identifier } from "../naming.js";
import { isObject, type OpenApiDocument, type ServerObject, serverUrl } from "../spec/openapi-document.js";
import { RESERVED_OPTIONS } from "../spec/provider-settings.js";
import { regionVariable } from "./provider-definition.js";

/**
 * Options every client takes (core's `ClientOptions`, the settings' RESERVED_OPTIONS, and `RawClientOptions`): a
 * variable that shares a name with one, or with a credential, is `server<Name>` instead (`serverRegion` for a
 * free-form `{region}`).
 */
const CLIENT_OPTIONS = new Set([
  ...RESERVED_OPTIONS,
  "Request",
  "requestInitExt",
  "querySerializer",
  "bodySerializer",
]);

export interface ServerVariableDocs {
  /** As the URL writes it (`{tenant}`). */
  readonly name: string;
  readonly option: string;
  readonly env: string;
  readonly default: string;
  readonly values?: readonly string[];
  readonly description?: string;
  /** The URLs it is part of, as the spec writes them. */
  readonly urls: readonly string[];
}

/**
 * The server variables of `doc` that are no region, with each region's URL template; undefined when there are
 * none. A URL's first multi-valued enum variable makes its regions (provider-definition.ts), unless an overlay
 * named the server's region; every other variable is listed here. A one-valued enum has nothing to choose.
 */
export function serverVariables(
  doc: OpenApiDocument,
  definition: Pick<ProviderDefinition, "name" | "servers" | "credentials">,
): (ServerVariables & { docs: ServerVariableDocs[] }) | undefined {
  const servers = (Array.isArray(doc.servers) ? doc.servers : []).filter(
    (s): s is ServerObject => isObject(s) && typeof s.url === "string",
  );
  const taken = new Set([...CLIENT_OPTIONS, ...Object.keys(definition.credentials)]);
  const takenEnv = new Set(Object.values(definition.credentials).map((c) => c.env));
  const variables: Record<string, ServerVariableDocs> = {};
  const templates: Record<string, string> = {};
  for (const server of servers) {
    const declared = isObject(server.variables) ? server.variables : {};
    const inUrl = [...server.url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const region = regionVariable(server);
    const free = inUrl.filter(
      (name) =>
        name !== region &&
        typeof declared[name]?.default === "string" &&
        (declared[name]?.enum?.length ?? 0) !== 1,
    );
    if (!free.length) continue;
    for (const name of free) {
      const spec = declared[name]!;
      const existing = variables[name];
      if (existing) {
        if (!existing.urls.includes(server.url))
          variables[name] = { ...existing, urls: [...existing.urls, server.url] };
        continue;
      }
      const plain = identifier(camelCase(name));
      const option = taken.has(plain) ? identifier(camelCase(`server ${name}`)) : plain;
      const plainEnv = `${constantCase(definition.name)}_${constantCase(name)}`;
      const env = takenEnv.has(plainEnv)
        ? `${constantCase(definition.name)}_SERVER_${constantCase(name)}`
        : plainEnv;
      taken.add(option);
      takenEnv.add(env);
      const { description } = spec;
      variables[name] = {
        name,
        option,
        env,
        default: spec.default,
        ...(spec.enum?.length ? { values: spec.enum.map(String) } : {}),
        ...(typeof description === "string" ? { description } : {}),
        urls: [server.url],
      };
    }
    // The regions this server makes (one per value of its region variable, else one), matched to the
    // definition's by their URL at the defaults: each gets the URL with the free variables left in braces.
    const values = region ? declared[region]!.enum! : [undefined];
    for (const value of values) {
      const withRegion = {
        ...server,
        variables: region ? { ...declared, [region]: { default: value! } } : declared,
      };
      const filled = serverUrl(withRegion).replace(/\/+$/, "");
      const template = serverUrl({
        ...withRegion,
        variables: Object.fromEntries(
          Object.entries(withRegion.variables ?? {}).filter(([name]) => !free.includes(name)),
        ),
      }).replace(/\/+$/, "");
      for (const [name, url] of Object.entries(definition.servers))
        if (url === filled && templates[name] === undefined) templates[name] = template;
    }
  }
  const docs = Object.values(variables);
  if (!docs.length || !Object.keys(templates).length) return undefined;
  return {
    variables: Object.fromEntries(
      Object.entries(variables).map(([name, v]) => [
        name,
        { option: v.option, env: v.env, default: v.default, ...(v.values ? { values: v.values } : {}) },
      ]),
    ),
    templates,
    docs,
  };
}
