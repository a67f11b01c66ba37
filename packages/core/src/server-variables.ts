/**
 * Server URL variables as client options: a provider whose URL has a tenant, account or host in it
 * (`https://{tenant}.example.com/v1`) takes `tenant` as an option, or its environment variable, instead of
 * every caller writing the whole `baseUrl`. Only such providers' generated clients call it, so no other app
 * bundles it.
 */
import type { ClientOptions } from "./client.js";
import type { ProviderDefinition, ServerVariables } from "./contract.js";
import { ConfigurationError } from "./errors.js";

/**
 * The options a client is made with: `baseUrl` is the region's URL with the variables given (each its option,
 * else its environment variable; the others their defaults), and the variables' own options are left out. When
 * none is given, or `baseUrl` is, the options are as they were: the region's URL has every default already.
 */
export function withServerVariables<O extends Pick<ClientOptions, "region" | "baseUrl" | "env">>(
  provider: ProviderDefinition,
  servers: ServerVariables,
  options: O = {} as O,
): O {
  const rest: Record<string, unknown> = { ...options };
  const given: Record<string, string> = {};
  const template = servers.templates[options.region ?? provider.defaultServer];
  for (const [name, variable] of Object.entries(servers.variables)) {
    const value =
      (rest[variable.option] as string | undefined) ?? environmentValue(variable.env, options.env);
    delete rest[variable.option];
    if (value === undefined) continue;
    // An empty value or one the spec does not allow would make a URL that reaches no server: said now, not
    // as a connection error on the first call. One that would end the host or the path early sends the
    // request, credentials and all, to another host: `tenant: "evil.test/x?"` in `https://{tenant}.example.com`.
    const wrong =
      value === "" || (variable.values && !variable.values.includes(value))
        ? `must be ${variable.values ? `one of ${variable.values.join(", ")}` : "a non-empty string"}`
        : /[\s?#@\\]/.test(value)
          ? "cannot hold spaces, ?, #, @ or \\ (they would end the URL's host or path)"
          : template && inHost(template, name) && value.includes("/")
            ? `is part of the host in ${template}, so it cannot hold /`
            : undefined;
    if (wrong)
      throw new ConfigurationError(
        `${provider.title}: ${variable.option} (or ${variable.env}) ${wrong}, not ${JSON.stringify(value)}`,
      );
    given[name] = value;
  }
  if (options.baseUrl !== undefined || template === undefined || !Object.keys(given).length) return rest as O;
  return {
    ...rest,
    baseUrl: template.replace(
      /\{([^}]+)\}/g,
      (_, name: string) => given[name] ?? servers.variables[name]!.default,
    ),
  } as O;
}

/** Whether `{name}` stands in the host of `template` (after its `://`, before the path). */
function inHost(template: string, name: string): boolean {
  const at = template.indexOf(`{${name}}`);
  const scheme = template.indexOf("://");
  const path = template.indexOf("/", scheme + 3);
  return scheme >= 0 && at > scheme && (path < 0 || at < path);
}

/**
 * An environment variable, as core's credentials read theirs (auth.ts `envValue`: Deno without `--allow-env`
 * throws on reading); written again here because importing that one renamed the one-call apps' minified
 * symbols, a byte over their budget, though this module is tree-shaken out of them.
 */
function environmentValue(
  name: string,
  env?: Readonly<Record<string, string | undefined>>,
): string | undefined {
  try {
    return (env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env)?.[
      name
    ];
  } catch {}
}
