/**
 * The provider definition of a provider package, derived from the bundled spec: servers as named regions,
 * credentials with their environment variables, how they are sent (auth schemes), and which path parameters
 * a credential fills. Typed by the runtime's own `ProviderDefinition` (from @switchboard/core), which turns
 * it into a client's configuration.
 */
import type { AuthScheme, ProviderDefinition } from "@switchboard/core";
import { InputError } from "../errors.js";
import { camelCase, constantCase, kebabCase, pascalCase } from "../naming.js";
import {
  deref,
  type OpenApiDocument,
  operationsOf,
  type ServerObject,
  serverUrl,
} from "../spec/openapi-document.js";
import { webhookDefinition } from "./webhooks-module.js";

type Credentials = Record<string, { env: string }>;

export function providerDefinition(doc: OpenApiDocument, provider: string, file: string): ProviderDefinition {
  const servers = serverMap(doc.servers ?? [], file);
  const auth = authSchemes(doc, provider, file);
  const credentials: Credentials = {};
  for (const scheme of auth) {
    // Basic credentials stay `username`/`password` even when the username is an account id the paths repeat
    // (Twilio's account SID): the spec names neither half (a scheme name like `accountSid_authToken` is
    // prose, not structure), naming only the username after its path parameter would pair `accountSid`
    // with `password`, and every basic-auth provider keeps the same two options and `<P>_USERNAME`/
    // `<P>_PASSWORD` variables. The fill below is what spares callers the repetition.
    const names = scheme.type === "basic" ? [scheme.username, scheme.password] : [scheme.credential];
    for (const name of names) credentials[name] = { env: `${constantCase(provider)}_${constantCase(name)}` };
  }
  return {
    name: provider,
    title: pascalCase(provider),
    servers,
    defaultServer: Object.keys(servers)[0]!,
    credentials,
    auth,
    pathCredentials: pathCredentials(doc, provider, file, credentials, auth),
    ...withWebhooks(webhookDefinition(doc, provider, file)),
  };
}

const withWebhooks = (webhooks: ProviderDefinition["webhooks"]) => (webhooks ? { webhooks } : {});

/**
 * The vendor extension that says which credential fills a path parameter, set on the parameter (inline or
 * under `components.parameters`) by an overlay in `specs/<provider>/overlays/`: the name of one of the
 * provider's credentials, or `false` to stop a parameter from being filled at all.
 */
export const CREDENTIAL_EXTENSION = "x-switchboard-credential";

/**
 * Names that say a path parameter is the authenticated account itself: Twilio's and SignalWire's
 * `AccountSid`, `account_id`, Plivo's `auth_id`. Deliberately narrow: a wrongly filled parameter would send
 * requests to another account's paths without the caller having written its value.
 */
const ACCOUNT_PARAMETER = /^(account|auth)[_-]?(sid|id)$/i;

/**
 * The share of authenticated operations whose paths must hold an account parameter before it is taken for
 * the scope of the whole API rather than a reference to some other account. Not all of them: Twilio's
 * account-level operations (`GET /Accounts.json`, `/Accounts/{Sid}.json`) sit outside the account's paths.
 */
const ACCOUNT_SCOPE_SHARE = 0.9;

/**
 * Path parameters the client fills from a credential (parameter name → credential name), so callers do not
 * repeat a value the client already has. A caller's own value still wins (a Twilio subaccount's SID), and the
 * types make these parameters optional. Three ways, in order of precedence:
 * 1. `x-switchboard-credential` on the parameter (see {@link CREDENTIAL_EXTENSION}), validated;
 * 2. a parameter named like a credential (Vobiz's `auth_id` path parameter and `authId` header credential);
 * 3. with basic auth, the one parameter named like the account ({@link ACCOUNT_PARAMETER}) that the paths of
 *    (nearly) every authenticated operation hold: Twilio's `/Accounts/{AccountSid}/Calls.json`, whose
 *    account SID is the basic-auth username.
 * Filling is per parameter name, as the runtime applies it to every operation with that name in its path.
 */
function pathCredentials(
  doc: OpenApiDocument,
  provider: string,
  file: string,
  credentials: Credentials,
  auth: AuthScheme[],
): Record<string, string> {
  const explicit = new Map<string, { value: string | false; place: string }>();
  const named: string[] = [];
  const accountLike = new Map<string, number>();
  let authenticated = 0;
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    const params = new Map<string, { param: any; ref?: string }>();
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      const ref = typeof raw?.$ref === "string" ? raw.$ref : undefined;
      params.set(`${param.in}:${param.name}`, { param, ...(ref ? { ref } : {}) });
    }
    const isAuthenticated = !(Array.isArray(operation.security) && operation.security.length === 0);
    if (isAuthenticated) authenticated++;
    for (const { param, ref } of params.values()) {
      const name = String(param.name);
      const place = `${method.toUpperCase()} ${path}: ${param.in} parameter "${name}"${ref ? ` (${ref})` : ""}`;
      if (Object.hasOwn(param, CREDENTIAL_EXTENSION)) {
        const value = checkedCredential(
          param[CREDENTIAL_EXTENSION],
          param.in,
          place,
          provider,
          file,
          credentials,
        );
        const earlier = explicit.get(name);
        if (earlier && earlier.value !== value) {
          throw new InputError(
            file,
            `${place}: ${CREDENTIAL_EXTENSION} is ${JSON.stringify(value)}, but ${earlier.place} has ` +
              `${JSON.stringify(earlier.value)}; a parameter name is filled the same way on every path`,
          );
        }
        explicit.set(name, { value, place });
      }
      if (param.in !== "path") continue;
      if (Object.hasOwn(credentials, camelCase(name)) && !named.includes(name)) named.push(name);
      if (isAuthenticated && ACCOUNT_PARAMETER.test(name))
        accountLike.set(name, (accountLike.get(name) ?? 0) + 1);
    }
  }

  const filled: Record<string, string> = {};
  for (const [name, { value }] of explicit) if (value !== false) filled[name] = value;
  for (const name of named) if (!explicit.has(name)) filled[name] = camelCase(name);
  const basic = auth.find((s) => s.type === "basic");
  const scopes = [...accountLike].filter(
    ([name, count]) =>
      !explicit.has(name) && !(name in filled) && count >= ACCOUNT_SCOPE_SHARE * authenticated,
  );
  // Two parameters that both look like the account would be a guess: none is filled, an overlay decides.
  if (basic && scopes.length === 1) filled[scopes[0]![0]] = basic.username;
  return filled;
}

/** The credential an `x-switchboard-credential` names, or `false`; anything else is the spec author's mistake. */
function checkedCredential(
  value: unknown,
  where: string,
  place: string,
  provider: string,
  file: string,
  credentials: Credentials,
): string | false {
  if (where !== "path") {
    throw new InputError(
      file,
      `${place}: ${CREDENTIAL_EXTENSION} applies only to path parameters, not to ${where} parameters`,
    );
  }
  if (value === false || (typeof value === "string" && Object.hasOwn(credentials, value))) return value;
  const known = Object.keys(credentials);
  throw new InputError(
    file,
    `${place}: ${CREDENTIAL_EXTENSION} is ${JSON.stringify(value)}, which is not a credential of ${provider} ` +
      `(${known.length ? `its credentials: ${known.join(", ")}` : "it has none"}; or false: never filled)`,
  );
}

/**
 * Servers become named regions. The name is the server's `x-switchboard-region` when an overlay gave it one,
 * else its description in kebab-case, else `default` (one server) or `server-<n>`.
 */
function serverMap(servers: ServerObject[], file: string): Record<string, string> {
  if (servers.length === 0)
    throw new InputError(file, "the spec declares no servers, so the client would have no base URL");
  const map: Record<string, string> = {};
  servers.forEach((server, i) => {
    const explicit = server["x-switchboard-region"];
    const name =
      typeof explicit === "string"
        ? explicit
        : servers.length === 1
          ? "default"
          : kebabCase(server.description ?? "") || `server-${i + 1}`;
    if (map[name])
      throw new InputError(
        file,
        `two servers are both named region "${name}"; name them with x-switchboard-region`,
      );
    map[name] = serverUrl(server).replace(/\/+$/, "");
  });
  return map;
}

function authSchemes(doc: OpenApiDocument, provider: string, file: string): AuthScheme[] {
  const requirement =
    doc.security?.find((r) => Object.keys(r).length > 0) ??
    [...operationsOf(doc)]
      .flatMap(({ operation }) => operation.security ?? [])
      .find((r: object) => Object.keys(r).length > 0);
  if (!requirement) return [];
  const schemes = Object.keys(requirement).map((name) => {
    const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
    if (!scheme) throw new InputError(file, `security requirement names an undeclared scheme "${name}"`);
    return [name, scheme] as const;
  });
  // One secret is an API key whatever the scheme calls it; several are told apart by their scheme names.
  const single = schemes.length === 1;
  return schemes.map(([name, scheme]): AuthScheme => {
    const credential = single ? "apiKey" : camelCase(name);
    if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") {
      return { type: "basic", username: "username", password: "password" };
    }
    if (scheme.type === "http" || scheme.type === "oauth2" || scheme.type === "openIdConnect") {
      return { type: "bearer", credential };
    }
    if (scheme.type === "apiKey") return { type: "apiKey", in: scheme.in, name: scheme.name, credential };
    throw new InputError(
      file,
      `${provider}: security scheme "${name}" of type ${scheme.type} is not supported`,
    );
  });
}
