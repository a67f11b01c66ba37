/**
 * What a provider package exposes besides its types, derived from the bundled spec: the operation table
 * (method name → HTTP method, path, where each parameter goes) and the provider definition (servers and
 * regions, credentials and how they are sent). The runtime in @switchboard/core turns both into a client;
 * nothing here is provider-specific code.
 */
import { InputError } from "./errors.js";
import { camelCase, constantCase, kebabCase, operationName, pascalCase } from "./naming.js";
import { deref, type OpenApiDocument, operationsOf, type ServerObject } from "./openapi.js";

export interface OperationEntry {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly meta: {
    path?: string[];
    query?: string[];
    header?: string[];
    /** The request body's media type, when the operation takes one. */
    body?: string;
    /** Present and false for operations declared with `security: []`. */
    auth?: false;
    /** Absolute base URL for operations with their own `servers`. */
    server?: string;
  };
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
  const entries: OperationEntry[] = [];
  const byName = new Map<string, OperationEntry>();
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    const name = operationName(operation.operationId, method, path);
    const meta: OperationEntry["meta"] = {};
    const params = new Map<string, any>();
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      params.set(`${param.in}:${param.name}`, param);
    }
    const seen = new Map<string, string>();
    for (const param of params.values()) {
      const where = param.in as "path" | "query" | "header" | "cookie";
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
      meta[where] = [...(meta[where] ?? []), param.name];
    }
    if (operation.requestBody) {
      const body = deref(doc, operation.requestBody);
      meta.body = Object.keys(body.content ?? {})[0] ?? "application/json";
    }
    if (Array.isArray(operation.security) && operation.security.length === 0) meta.auth = false;
    const servers = (operation.servers ?? pathItem.servers) as ServerObject[] | undefined;
    if (servers?.[0]) meta.server = serverUrl(servers[0]);

    const entry = { name, method: method.toUpperCase(), path, meta };
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
  return entries;
}

export function providerDefinition(doc: OpenApiDocument, provider: string, file: string): ProviderDefinition {
  const servers = serverMap(doc.servers ?? [], file);
  const auth = authSchemes(doc, provider, file);
  const credentials: ProviderDefinition["credentials"] = {};
  for (const scheme of auth) {
    const names = scheme.type === "basic" ? [scheme.username, scheme.password] : [scheme.credential];
    for (const name of names) credentials[name] = { env: `${constantCase(provider)}_${constantCase(name)}` };
  }
  const pathCredentials: Record<string, string> = {};
  for (const { operation, pathItem } of operationsOf(doc)) {
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      if (param.in === "path" && credentials[camelCase(param.name)])
        pathCredentials[param.name] = camelCase(param.name);
    }
  }
  return {
    name: provider,
    title: pascalCase(provider),
    servers,
    defaultServer: Object.keys(servers)[0]!,
    credentials,
    auth,
    pathCredentials,
  };
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
