import type { Middleware } from "openapi-fetch";
import { ConfigurationError } from "./errors.js";
import type { ProviderDefinition } from "./types.js";

export type Credentials = Readonly<Record<string, string>>;
type Env = Readonly<Record<string, string | undefined>>;

const processEnv = (): Env => (globalThis as { process?: { env?: Env } }).process?.env ?? {};

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

/**
 * Adds the provider's credentials to each request, except for operations whose spec says `security: []`.
 * The credentials live only in this closure, never on the client object, so they cannot leak through
 * `console.log(client)` or an error.
 */
export function authMiddleware(
  provider: ProviderDefinition,
  credentials: Credentials,
  isPublic: (method: string, schemaPath: string) => boolean,
): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      if (isPublic(request.method, schemaPath)) return undefined;
      let url: URL | undefined;
      for (const scheme of provider.auth) {
        if (scheme.type === "bearer") {
          request.headers.set("Authorization", `Bearer ${credentials[scheme.credential]}`);
        } else if (scheme.type === "basic") {
          const pair = `${credentials[scheme.username]}:${credentials[scheme.password]}`;
          request.headers.set("Authorization", `Basic ${btoa(pair)}`);
        } else if (scheme.in === "header") {
          request.headers.set(scheme.name, credentials[scheme.credential]!);
        } else if (scheme.in === "query") {
          url ??= new URL(request.url);
          url.searchParams.set(scheme.name, credentials[scheme.credential]!);
        } else {
          const cookie = `${scheme.name}=${encodeURIComponent(credentials[scheme.credential]!)}`;
          const existing = request.headers.get("Cookie");
          request.headers.set("Cookie", existing ? `${existing}; ${cookie}` : cookie);
        }
      }
      return url ? new Request(url, request) : undefined;
    },
  };
}
