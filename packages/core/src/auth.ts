import type { ProviderDefinition } from "./contract.js";
import { ConfigurationError } from "./errors.js";

export type Credentials = Readonly<Record<string, string>>;
type Env = Readonly<Record<string, string | undefined>>;

export const processEnv = (): Env => (globalThis as { process?: { env?: Env } }).process?.env ?? {};

/**
 * Every credential the provider needs, from the options or else from its environment variable. Missing
 * ones fail here, when the client is made, so no request ever leaves without them.
 */
export function resolveCredentials(
  provider: ProviderDefinition,
  given: Readonly<Record<string, unknown>>,
  env: Env = processEnv(),
): Credentials {
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, { env: variable }] of Object.entries(provider.credentials)) {
    const value = given[name] ?? env[variable];
    if (typeof value === "string" && value !== "") resolved[name] = value;
    else missing.push(`\`${name}\` (or ${variable})`);
  }
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${provider.title}: missing ${missing.join(" and ")}. Pass ${missing.length > 1 ? "them" : "it"} to ` +
        `create${provider.title}Client({ ... }) or set the environment variable.`,
    );
  }
  return resolved;
}

/** What a request carries for authentication, computed once per client since credentials never change. */
export interface Authorization {
  /** Lower-cased header names → values (`authorization`, `x-auth-token`, `cookie`, …). */
  readonly headers: Readonly<Record<string, string>>;
  /** `name=value` pairs for credentials sent in the query string, already encoded; "" for none. */
  readonly query: string;
}

/**
 * The headers and query parameters that carry the provider's credentials. They are kept by the client's
 * request pipeline, never on the client object, so `console.log(client)` or an error cannot show them.
 */
export function authorize(provider: ProviderDefinition, credentials: Credentials): Authorization {
  const headers: Record<string, string> = {};
  const query: string[] = [];
  const cookies: string[] = [];
  for (const scheme of provider.auth) {
    if (scheme.type === "bearer") {
      headers.authorization = `Bearer ${credentials[scheme.credential]}`;
    } else if (scheme.type === "basic") {
      headers.authorization = `Basic ${btoa(`${credentials[scheme.username]}:${credentials[scheme.password]}`)}`;
    } else {
      const value = credentials[scheme.credential]!;
      if (scheme.in === "header") headers[scheme.name.toLowerCase()] = value;
      else if (scheme.in === "query")
        query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(value)}`);
      else cookies.push(`${scheme.name}=${encodeURIComponent(value)}`);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  return { headers, query: query.join("&") };
}

/**
 * Replaces every credential, and every header value derived from one, with `***`: applied to each log
 * line and error message, since a server may echo a token back ("invalid key sk_live_…") or a URL may
 * carry one. Values shorter than 4 characters are left alone: replacing them would garble everything.
 */
export function redactor(authorization: Authorization, credentials: Credentials): (text: string) => string {
  const secrets = [...Object.values(authorization.headers), ...Object.values(credentials)]
    .flatMap((value) => [value, encodeURIComponent(value)])
    .filter((value, index, all) => value.length >= 4 && all.indexOf(value) === index)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    for (const secret of secrets) text = text.split(secret).join("***");
    return text;
  };
}
