/**
 * What a provider package exposes besides its types, derived from the bundled spec: the operation table
 * (method name → HTTP method, path, where each parameter goes) and the provider definition (servers and
 * regions, credentials and how they are sent). The runtime in @switchboard/core turns both into a client;
 * nothing here is provider-specific code.
 */
import { InputError } from "./errors.js";
import { camelCase, constantCase, kebabCase, operationName, pascalCase, words } from "./naming.js";
import { deref, type OpenApiDocument, operationsOf, type ServerObject } from "./openapi.js";
import { detectPaging, type Paging } from "./paging.js";

/**
 * How a query parameter is written when it is not the default for its value (objects as `deepObject`,
 * `name[key]=value`; arrays repeated, `name=a&name=b`): `form` spreads an object's keys
 * (`key=value`), `comma`/`space`/`pipe` join an array's (or object's) values, `json` sends JSON.
 */
export type QueryStyle = "form" | "comma" | "space" | "pipe" | "json";

export interface OperationEntry {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** The subpath module the operation is exported from: its first tag (or first path segment), kebab-case. */
  readonly module: string;
  readonly summary?: string;
  /**
   * Path and query parameter names. Not in the runtime table: the path's `{names}` are its path
   * parameters and every other input but headers and `body` goes to the query, which keeps the table of a
   * 1,000-operation API (and the bundle of a client with all of it) a few kilobytes smaller.
   */
  readonly inputs: { path: string[]; query: string[] };
  readonly meta: {
    header?: string[];
    /** Query parameters written other than the default way. */
    style?: Record<string, QueryStyle>;
    /** The request body's media type, when the operation takes one. */
    body?: string;
    /** The `Accept` header an operation that declares one gets: its default, else its first JSON value. */
    accept?: string;
    /** How to read a successful response that is not JSON: `text`, `blob` (binary) or `stream`. */
    response?: "text" | "blob" | "stream";
    /** Present and false for operations declared with `security: []`. */
    auth?: false;
    /** Absolute base URL for operations with their own `servers`. */
    server?: string;
    /** How a list operation pages, for its `.all()` iterator. */
    page?: Paging;
  };
}

/** An operation the REST client leaves out, and why (a WebSocket endpoint). */
export interface SkippedOperation {
  readonly method: string;
  readonly path: string;
  readonly reason: string;
}

export type AuthScheme =
  | { type: "bearer"; credential: string }
  | { type: "basic"; username: string; password: string }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string; credential: string };

export interface ProviderDefinition {
  name: string;
  title: string;
  servers: Record<string, string>;
  defaultServer: string;
  credentials: Record<string, { env: string }>;
  auth: AuthScheme[];
  pathCredentials: Record<string, string>;
}

/** Header parameters the client owns; a spec that declares them (Synthflow's `Authorization`) is not asking the caller. */
const CLIENT_HEADERS = new Set(["authorization", "content-type", "accept"]);

export function operationTable(doc: OpenApiDocument, file: string): OperationEntry[] {
  return operationSurface(doc, file).operations;
}

/** Subpath names the package itself exports, which a tag module must not shadow. */
const RESERVED_MODULES = new Set(["compose", "openapi.json", "package.json", "index"]);

export function operationSurface(
  doc: OpenApiDocument,
  file: string,
): { operations: OperationEntry[]; skipped: SkippedOperation[] } {
  const entries: OperationEntry[] = [];
  const skipped: SkippedOperation[] = [];
  const byName = new Map<string, OperationEntry>();
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    const servers = (operation.servers ?? pathItem.servers) as ServerObject[] | undefined;
    const httpServers = servers?.filter((s) => !/^wss?:/i.test(s.url));
    if (servers?.length && !httpServers?.length) {
      skipped.push({
        method: method.toUpperCase(),
        path,
        reason: `served only over ${servers.map((s) => s.url).join(", ")}: a WebSocket endpoint, not a REST call`,
      });
      continue;
    }
    const name = operationName(operation.operationId, method, path);
    const meta: OperationEntry["meta"] = {};
    const params = new Map<string, any>();
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      params.set(`${param.in}:${param.name}`, param);
    }
    const seen = new Map<string, string>();
    const queryParams: any[] = [];
    const inputs: OperationEntry["inputs"] = { path: [], query: [] };
    for (const param of params.values()) {
      const where = param.in as "path" | "query" | "header" | "cookie";
      const accept =
        where === "header" && String(param.name).toLowerCase() === "accept"
          ? acceptOf(doc, param)
          : undefined;
      if (accept) meta.accept = accept;
      if (where === "cookie" || (where === "header" && CLIENT_HEADERS.has(String(param.name).toLowerCase())))
        continue;
      const other = seen.get(param.name);
      if (other) {
        throw new InputError(
          file,
          `${method.toUpperCase()} ${path}: parameter "${param.name}" is both a ${other} and a ${where} parameter`,
        );
      }
      seen.set(param.name, where);
      if (where === "header") meta.header = [...(meta.header ?? []), param.name];
      else inputs[where].push(param.name);
      if (where === "query") {
        queryParams.push(param);
        const style = queryStyle(doc, param);
        if (style) meta.style = { ...meta.style, [param.name]: style };
      }
    }
    if (operation.requestBody) {
      const body = deref(doc, operation.requestBody);
      meta.body = Object.keys(body.content ?? {})[0] ?? "application/json";
    }
    const response = responseKind(doc, operation);
    if (response) meta.response = response;
    if (Array.isArray(operation.security) && operation.security.length === 0) meta.auth = false;
    if (httpServers?.[0]) meta.server = serverUrl(httpServers[0]);
    const page = method === "get" ? detectPaging(doc, operation, queryParams) : undefined;
    if (page) meta.page = page;

    const entry: OperationEntry = {
      name,
      method: method.toUpperCase(),
      path,
      module: moduleName(operation, path),
      inputs,
      ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
      meta,
    };
    const clash = byName.get(name);
    if (clash) {
      throw new InputError(
        file,
        `operations ${clash.method} ${clash.path} and ${entry.method} ${entry.path} would both be named "${name}"; ` +
          "give one of them another operationId with an overlay",
      );
    }
    byName.set(name, entry);
    entries.push(entry);
  }
  return { operations: entries, skipped };
}

/** The operation's first tag, else its path's first literal segment, as a subpath name. */
function moduleName(operation: any, path: string): string {
  const tag = Array.isArray(operation.tags)
    ? operation.tags.find((t: unknown) => typeof t === "string")
    : undefined;
  const segment = path.split("/").find((s) => s && !s.includes("{") && words(s).length > 0);
  // Lower-cased as written: tags are titles ("IPs", "TeXML REST Commands"), which word splitting mangles.
  const name =
    (tag ?? segment ?? "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "operations";
  return RESERVED_MODULES.has(name) ? `${name}-operations` : name;
}

function acceptOf(doc: OpenApiDocument, param: any): string | undefined {
  const schema = deref(doc, param.schema ?? {});
  if (typeof schema?.default === "string") return schema.default;
  const values: unknown[] = Array.isArray(schema?.enum) ? schema.enum : [];
  const json = values.find((v): v is string => typeof v === "string" && /[/+]json\b/.test(v));
  return json ?? (typeof values[0] === "string" ? values[0] : undefined);
}

/** What kinds of value a schema allows, looking through `oneOf`/`anyOf`/`allOf`. */
function valueKinds(doc: OpenApiDocument, schema: unknown, depth = 0): Set<string> {
  const kinds = new Set<string>();
  const resolved = deref(doc, schema as any);
  if (!resolved || typeof resolved !== "object" || depth > 8) return kinds;
  for (const t of [resolved.type].flat()) if (typeof t === "string") kinds.add(t);
  if (resolved.properties || resolved.additionalProperties) kinds.add("object");
  if (resolved.items) kinds.add("array");
  for (const alt of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])])
    for (const k of valueKinds(doc, alt, depth + 1)) kinds.add(k);
  return kinds;
}

/**
 * A query parameter's serialisation by OpenAPI's rules (style `form` and explode by default), recorded only
 * where the runtime's default for the value (deepObject objects, repeated arrays) would differ.
 */
function queryStyle(doc: OpenApiDocument, param: any): QueryStyle | undefined {
  if (param.content) return "json";
  const style = param.style ?? "form";
  const explode = param.explode ?? style === "form";
  const kinds = valueKinds(doc, param.schema);
  if (style === "spaceDelimited") return "space";
  if (style === "pipeDelimited") return "pipe";
  if (style !== "form") return undefined;
  if (explode) return kinds.has("object") ? "form" : undefined;
  return kinds.has("array") || kinds.has("object") ? "comma" : undefined;
}

/** How the runtime should read a success body: JSON unless every documented success type is something else. */
function responseKind(doc: OpenApiDocument, operation: any): "text" | "blob" | "stream" | undefined {
  const types = Object.entries<any>(operation.responses ?? {})
    .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
    .flatMap(([, response]) => Object.keys(deref(doc, response)?.content ?? {}))
    .map((t) => t.split(";")[0]!.trim().toLowerCase());
  if (types.length === 0 || types.some((t) => /[/+]json$/.test(t))) return undefined;
  if (types.every((t) => t === "text/event-stream")) return "stream";
  if (types.every((t) => t.startsWith("text/") || /\/(xml|csv|yaml)$/.test(t))) return "text";
  return "blob";
}

export function providerDefinition(doc: OpenApiDocument, provider: string, file: string): ProviderDefinition {
  const servers = serverMap(doc.servers ?? [], file);
  const auth = authSchemes(doc, provider, file);
  const credentials: ProviderDefinition["credentials"] = {};
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
  };
}

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
  credentials: ProviderDefinition["credentials"],
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
  credentials: ProviderDefinition["credentials"],
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

/** A server URL with its variables set to their defaults. */
function serverUrl(server: ServerObject): string {
  return server.url.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`,
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
