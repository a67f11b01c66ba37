/**
 * The runtime every provider package shares: it turns a generated operation table and provider definition
 * into a client with one method per operation, next to openapi-fetch's raw typed `GET`/`POST`/….
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { authMiddleware, type Credentials, resolveCredentials } from "./auth.js";
import { serializeBody } from "./body.js";
import { ConfigurationError, describeErrorBody, kindOfStatus, SwitchboardError } from "./errors.js";
import { paginate } from "./paginate.js";
import { serializeQuery } from "./query.js";
import type {
  CallOptions,
  OperationMethods,
  OperationSpec,
  OperationTable,
  ProviderDefinition,
  Result,
} from "./types.js";

/** Options every provider client takes; credentials are added per provider (`apiKey`, `authId`, …). */
export interface ClientOptions<Region extends string = string> {
  /** One of the provider's named servers. */
  region?: Region;
  /** Any base URL (a proxy, a mock server); wins over `region`. */
  baseUrl?: string;
  /** A custom fetch, e.g. for tests or instrumentation. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** openapi-fetch middleware, run in order on every request. */
  middleware?: Middleware[];
  /** Where credentials are looked up when not given; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type ProviderClientOptions<P extends ProviderDefinition> = ClientOptions<
  keyof P["servers"] & string
> & {
  [K in keyof P["credentials"]]?: string;
};

type Filled<P extends ProviderDefinition> = keyof P["pathCredentials"] & string;

export type ProviderClient<
  Paths extends {},
  Table extends OperationTable,
  P extends ProviderDefinition,
> = Client<Paths> &
  OperationMethods<Paths, Table, Filled<P>> & {
    /** The base URL requests go to. */
    readonly baseUrl: string;
    readonly provider: P;
    readonly operations: Table;
  };

interface ClientState {
  readonly raw: Client<any>;
  readonly provider: ProviderDefinition;
  readonly credentials: Credentials;
  readonly baseUrl: string;
  readonly baseUrlOverridden: boolean;
}

const STATE = Symbol("switchboard.state");
const PATH_PARAMETER = /\{([^}]+)\}/g;
/** Bodies are serialised by media type before openapi-fetch sees them (body.ts). */
const passThrough = (body: unknown) => body;
const prototypes = new WeakMap<OperationTable, object>();

export function createProviderClient<
  Paths extends {},
  Table extends OperationTable,
  P extends ProviderDefinition,
>(
  provider: P,
  operations: Table,
  options: ProviderClientOptions<P> = {} as ProviderClientOptions<P>,
): ProviderClient<Paths, Table, P> {
  const credentials = resolveCredentials(provider, options as Record<string, unknown>, options.env);
  const region = options.region ?? provider.defaultServer;
  const serverUrl = provider.servers[region];
  if (serverUrl === undefined) {
    const known = Object.keys(provider.servers).join(", ");
    throw new ConfigurationError(`${provider.title}: unknown region "${region}" (known: ${known})`);
  }
  const baseUrl = (options.baseUrl ?? serverUrl).replace(/\/+$/, "");

  const raw = createClient<Paths>({
    baseUrl,
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const publicOperations = new Set(
    Object.values(operations)
      .filter(([, , meta]) => meta?.auth === false)
      .map(([method, path]) => `${method} ${path}`),
  );
  raw.use(authMiddleware(provider, credentials, (method, path) => publicOperations.has(`${method} ${path}`)));
  if (options.middleware?.length) raw.use(...options.middleware);

  const client = Object.create(prototypeFor(provider, operations));
  const state: ClientState = {
    raw,
    provider,
    credentials,
    baseUrl,
    baseUrlOverridden: options.baseUrl !== undefined,
  };
  Object.defineProperty(client, STATE, { value: state });
  for (const key of [
    "GET",
    "PUT",
    "POST",
    "DELETE",
    "OPTIONS",
    "HEAD",
    "PATCH",
    "TRACE",
    "request",
    "use",
    "eject",
  ]) {
    Object.defineProperty(client, key, { value: (raw as any)[key], enumerable: false });
  }
  Object.defineProperty(client, "baseUrl", { value: baseUrl, enumerable: true });
  return client;
}

/**
 * Methods live on a prototype built once per operation table, and each is bound to its client the first
 * time it is read: making a client costs the same for 5 operations as for 1,156.
 */
function prototypeFor(provider: ProviderDefinition, operations: OperationTable): object {
  let proto = prototypes.get(operations);
  if (proto) return proto;
  proto = {};
  Object.defineProperty(proto, "provider", { value: provider });
  Object.defineProperty(proto, "operations", { value: operations });
  Object.defineProperty(proto, Symbol.for("nodejs.util.inspect.custom"), {
    value(this: { [STATE]: ClientState }) {
      return `${provider.title}Client { baseUrl: '${this[STATE].baseUrl}', operations: ${Object.keys(operations).length} }`;
    },
  });
  Object.defineProperty(proto, "toString", {
    value(this: { [STATE]: ClientState }) {
      return `[${provider.title}Client ${this[STATE].baseUrl}]`;
    },
  });
  Object.defineProperty(proto, "toJSON", {
    value(this: { [STATE]: ClientState }) {
      return { provider: provider.name, baseUrl: this[STATE].baseUrl };
    },
  });
  for (const [name, spec] of Object.entries(operations)) {
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: true,
      get(this: { [STATE]: ClientState }) {
        const state = this[STATE];
        const method = (input?: Record<string, unknown>, options?: CallOptions) =>
          callOperation(state, name, spec, input ?? {}, options ?? {});
        const paging = spec[2]?.page;
        if (paging) Object.defineProperty(method, "all", { value: paginate.bind(null, method, paging) });
        Object.defineProperty(this, name, { value: method, enumerable: true });
        return method;
      },
    });
  }
  prototypes.set(operations, proto);
  return proto;
}

async function callOperation(
  state: ClientState,
  name: string,
  [method, path, meta = {}]: OperationSpec,
  input: Record<string, unknown>,
  options: CallOptions,
): Promise<Result<unknown, unknown>> {
  const { provider } = state;
  const params: Record<"path" | "query" | "header", Record<string, unknown>> = {
    path: {},
    query: {},
    header: {},
  };
  // Generated tables leave out path and query names: a path's `{names}` are its path parameters, and every
  // other input but headers and `body` is a query parameter. Hand-written tables may still list them.
  const pathKeys = meta.path ?? [...path.matchAll(PATH_PARAMETER)].map((m) => m[1]!);
  for (const key of pathKeys) {
    const credential = provider.pathCredentials[key];
    const value = input[key] ?? (credential ? state.credentials[credential] : undefined);
    if (value === undefined || value === null || value === "") {
      throw new TypeError(`${provider.name}.${name}: missing path parameter "${key}"`);
    }
    params.path[key] = value;
  }
  for (const key of meta.header ?? []) if (input[key] !== undefined) params.header[key] = input[key];
  const queryKeys =
    meta.query ??
    Object.keys(input).filter((k) => k !== "body" && !pathKeys.includes(k) && !meta.header?.includes(k));
  for (const key of queryKeys) if (input[key] !== undefined) params.query[key] = input[key];

  let outcome: { data?: unknown; error?: unknown; response: Response };
  try {
    const body = input.body === undefined ? undefined : serializeBody(input.body, meta.body);
    outcome = await state.raw.request(method as any, path, {
      params,
      body: body?.body as never,
      bodySerializer: passThrough,
      querySerializer: (query: Record<string, unknown>) => serializeQuery(query, meta.style),
      ...(meta.response ? { parseAs: meta.response } : {}),
      headers: {
        ...(meta.accept ? { Accept: meta.accept } : {}),
        ...(body?.contentType ? { "Content-Type": body.contentType } : {}),
        ...options.headers,
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(meta.server && !state.baseUrlOverridden ? { baseUrl: meta.server } : {}),
    } as never);
  } catch (cause) {
    const aborted = options.signal?.aborted;
    return {
      error: new SwitchboardError({
        kind: aborted ? "aborted" : cause instanceof SyntaxError ? "invalid_response" : "connection",
        provider: provider.name,
        operation: name,
        message: cause instanceof Error ? cause.message : String(cause),
        cause,
      }),
      response: undefined,
    };
  }

  const { response } = outcome;
  if (response.ok) return { data: outcome.data, response };
  const described = describeErrorBody(outcome.error);
  return {
    error: new SwitchboardError({
      kind: kindOfStatus(response.status),
      provider: provider.name,
      operation: name,
      status: response.status,
      ...described,
      requestId: response.headers.get("x-request-id") ?? undefined,
      body: outcome.error,
      ...(typeof outcome.error === "string" ? { rawBody: outcome.error } : {}),
    }),
    response,
  };
}
