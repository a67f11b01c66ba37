/**
 * The runtime every provider package shares: it turns a generated operation table and provider definition
 * into a client with one method per operation (`buildClient`, what composed clients are), and for whole
 * clients adds openapi-fetch-compatible raw `GET`/`POST`/… (raw.ts; `createProviderClient`). Both build
 * their request the same way (request.ts) and go through the same pipeline (send.ts): retries, timeouts,
 * middleware, safe redirects, typed errors.
 */
import type { Client, Middleware } from "openapi-fetch";
import type { MediaType } from "openapi-typescript-helpers";
import { authorize, envValue, redactor, resolveCredentials } from "./auth.js";
import { jsonBody } from "./body.js";
import type { CallOptions, OperationSpec, OperationTable, ProviderDefinition } from "./contract.js";
import { ConfigurationError } from "./errors.js";
import { createLog, type Logger, type LogLevel } from "./log.js";
import { templateOf } from "./paths.js";
import { addRawMethods, fetchWith, headerRecord, type RawClientOptions } from "./raw.js";
import {
  type ClientState,
  mergeHeaders,
  prepare,
  trimSlashes,
  withCredentials,
  withQuery,
} from "./request.js";
import type { AttemptInfo } from "./send.js";
import type { OperationMethods, Result } from "./types.js";

/** Options every provider client takes; credentials are added per provider (`apiKey`, `authId`, …). */
export interface ClientOptions<Region extends string = string> {
  /** One of the provider's named servers. */
  region?: Region | undefined;
  /** Any base URL (a proxy, a mock server); wins over `region`. */
  baseUrl?: string | undefined;
  /** A custom fetch, e.g. for tests or instrumentation; called once per attempt and per redirect. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Headers sent with every request (a `null` value removes one); `User-Agent` defaults to
   * `switchboard-<provider>/<version> <runtime>/<version>`.
   */
  headers?: Headers | Record<string, string | number | boolean | null | undefined> | undefined;
  /** openapi-fetch middleware, run in order around every attempt (a retry runs them again). */
  middleware?: Middleware[] | undefined;
  /** Where credentials and `SWITCHBOARD_LOG` are looked up; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Retries after the first attempt (default 2); 0 turns retrying off. */
  maxRetries?: number | undefined;
  /** Milliseconds each attempt may take, body included (default 60 000); 0 for no limit. */
  timeout?: number | undefined;
  /**
   * The longest wait before a retry a server may ask for with `Retry-After` (default 60 000 ms). A server
   * that asks for longer is not retried: its error is returned at once.
   */
  maxRetryDelay?: number | undefined;
  /** The header idempotency keys travel in (default `Idempotency-Key`). */
  idempotencyHeader?: string | undefined;
  /** Default: the `SWITCHBOARD_LOG` environment variable, else `"off"`. */
  logLevel?: LogLevel | undefined;
  /** Where log lines go (default `console`); credentials are redacted from every line. */
  logger?: Logger | undefined;
  /** Called after every attempt, successful or not, retried or not. */
  onAttempt?: ((attempt: AttemptInfo) => void) | undefined;
}

export type ProviderClientOptions<P extends ProviderDefinition> = ClientOptions<
  keyof P["servers"] & string
> & {
  [K in keyof P["credentials"]]?: string | undefined;
};

/** What `createProviderClient` takes: the options of every client, plus openapi-fetch's client options. */
export type WholeClientOptions<P extends ProviderDefinition> = Omit<
  ClientOptions<keyof P["servers"] & string>,
  "headers"
> &
  RawClientOptions & { [K in keyof P["credentials"]]?: string | undefined };

/** The path parameters a client fills from its credentials (Vobiz's `auth_id`): optional in method inputs. */
export type Filled<P extends ProviderDefinition> = keyof P["pathCredentials"] & string;

/**
 * The paths with the path parameters the client fills from its credentials optional, for its raw methods as
 * for its generated ones (`vobiz.DELETE("/api/v1/Account/{auth_id}/…", { params: { path: { ip_acl_id } } })`).
 * The paths as they are for a provider that fills none, which costs a large API's type-check nothing.
 */
export type FilledPaths<Paths, F extends string> = [F] extends [never]
  ? Paths
  : {
      [Path in keyof Paths]: {
        [Method in keyof Paths[Path]]: Paths[Path][Method] extends {
          parameters: { path: infer Given extends object };
        }
          ? Omit<Paths[Path][Method], "parameters"> & {
              parameters: Omit<Paths[Path][Method]["parameters"], "path"> & {
                path: Omit<Given, F> & { [K in F & keyof Given]?: Given[K] };
              };
            }
          : Paths[Path][Method];
      };
    };

/**
 * A whole client. `Media` narrows the raw methods' response types to the media types given (openapi-fetch's
 * `Client<Paths, Media>`): types only, so send the matching `Accept` header.
 */
export type ProviderClient<
  Paths extends {},
  Table extends OperationTable,
  P extends ProviderDefinition,
  Media extends MediaType = MediaType,
> = Client<FilledPaths<Paths, Filled<P>>, Media> &
  OperationMethods<Paths, Table, Filled<P>> & {
    /** The base URL requests go to. */
    readonly baseUrl: string;
    readonly provider: P;
    readonly operations: Table;
  };

/** Each client's settings and credentials, kept off the client object so no printout can show them. */
const states = new WeakMap<object, ClientState>();
const prototypes = new WeakMap<OperationTable, object>();

/**
 * A client with every operation of the table as a method, plus openapi-fetch's raw `GET`, `POST`, … (what
 * `create<Provider>Client` returns).
 */
export function createProviderClient<
  Paths extends {},
  Table extends OperationTable,
  P extends ProviderDefinition,
  Media extends MediaType = MediaType,
>(
  provider: P,
  operations: Table,
  options: WholeClientOptions<P> = {} as WholeClientOptions<P>,
): ProviderClient<Paths, Table, P, Media> {
  const client = buildClient(provider, operations, {
    ...options,
    headers: headerRecord(options.headers),
    fetch: fetchWith(options.fetch, options.Request, options.requestInitExt),
  });
  addRawMethods(client, states.get(client)!, operations, options);
  return client as never;
}

/**
 * The methods of the operations given and nothing else (no raw `GET`, `POST`, …): what
 * `compose<Provider>Client` returns, so an app that imports one operation bundles little more than it.
 */
export function buildClient(
  provider: ProviderDefinition,
  operations: OperationTable,
  options: ClientOptions & Record<string, unknown> = {},
): object {
  const credentials = resolveCredentials(provider, options, options.env);
  const region = options.region ?? provider.defaultServer;
  const serverUrl = provider.servers[region];
  if (serverUrl === undefined)
    throw new ConfigurationError(
      `${provider.title}: unknown region "${region}" (known: ${Object.keys(provider.servers).join(", ")})`,
    );
  const atLeastZero = (key: "maxRetries" | "timeout" | "maxRetryDelay", fallback: number) => {
    const value = options[key] ?? fallback;
    if (value >= 0) return value;
    throw new ConfigurationError(`${key} must be >= 0, not ${value}`);
  };
  const baseUrl = trimSlashes(options.baseUrl ?? serverUrl);
  // Paths are appended to it: `https://proxy/x?tenant=1` sent DELETE /x?tenant=1/things/1, to /x, answered 2xx.
  if (/[?#]/.test(baseUrl))
    throw new ConfigurationError(`${provider.title}: baseUrl cannot hold a query or fragment`);
  const auth = authorize(provider, credentials);
  // `switchboard-telnyx/1.2.0 node/20.20.2`: which package and version made the request, and on which
  // runtime, for the provider's logs and support; the caller's headers may replace it. Deno, Bun, workerd
  // (and Node 21+) name themselves in `navigator.userAgent` (`Deno/2.1.4`, `Cloudflare-Workers`); a
  // browser's, with spaces, names no runtime.
  const { navigator, process } = globalThis as Record<string, any>;
  const { name, packageVersion } = provider;
  const publicHeaders = mergeHeaders(
    {
      "user-agent": `switchboard-${name}${packageVersion ? `/${packageVersion}` : ""} ${navigator?.userAgent ?? `node/${process?.versions.node}`}`,
    },
    options.headers,
  );
  // A client's own `Authorization` (a token from your OAuth flow, the README's way to send one) is a
  // credential as much as the provider's: redacted alike where a server echoes it.
  const redact = redactor([...Object.values(auth.headers), publicHeaders.authorization ?? ""], credentials);
  const pathDefaults: Record<string, string> = {};
  for (const [key, credential] of Object.entries(provider.pathCredentials)) {
    pathDefaults[key] = credentials[credential]!;
  }
  const middleware = [...(options.middleware ?? [])];

  const state: ClientState = {
    // `fetch` and `onAttempt` as given (spread rather than named: fewer bytes in every app); every other
    // field the pipeline reads is set below.
    ...options,
    provider: name,
    middleware,
    maxRetries: atLeastZero("maxRetries", 2),
    timeout: atLeastZero("timeout", 60_000),
    maxRetryDelay: atLeastZero("maxRetryDelay", 60_000),
    idempotencyHeader: options.idempotencyHeader?.toLowerCase() ?? "idempotency-key",
    log: createLog(options.logLevel ?? envValue("SWITCHBOARD_LOG", options.env), options.logger, redact),
    redact,
    baseUrl,
    baseUrlOverridden: options.baseUrl !== undefined,
    headers: withCredentials(auth.headers, publicHeaders),
    anonymous: { headers: publicHeaders, authQuery: "" },
    authQuery: auth.query,
    pathDefaults,
    credentials,
  };
  // Methods live on a prototype built once per operation table, and each is bound to its client the first
  // time it is read: making a client costs the same for 5 operations as for 1,156.
  let proto = prototypes.get(operations);
  if (!proto) {
    proto = Object.defineProperties(
      {},
      {
        provider: { value: provider },
        operations: { value: operations },
        // `util.inspect` and `String()` name the client (`Object [TelnyxClient] { baseUrl: … }`); its state,
        // credentials included, is in a WeakMap, so nothing printable holds them.
        [Symbol.toStringTag]: { value: `${provider.title}Client` },
      },
    );
    for (const [operation, spec] of Object.entries(operations)) {
      Object.defineProperty(proto, operation, {
        configurable: true,
        enumerable: true,
        get(this: object) {
          const state = states.get(this)!;
          const method = (input?: Record<string, unknown>, options?: CallOptions) =>
            callOperation(state, operation, spec, input ?? {}, options ?? {});
          // The row brings its own pager (`all: paginate`), so only apps with a paged list bundle one.
          const { page, all } = spec[2] ?? {};
          if (page && all)
            for (const key of ["all", "pages"])
              Object.defineProperty(method, key, { value: all.bind(null, method, page, key > "b") });
          Object.defineProperty(this, operation, { value: method, enumerable: true });
          return method;
        },
      });
    }
    prototypes.set(operations, proto);
  }
  const client = Object.create(proto, {
    baseUrl: { value: baseUrl, enumerable: true },
    use: { value: (...added: Middleware[]) => void middleware.push(...added.filter(Boolean)) },
    eject: {
      value: (...removed: Middleware[]) => {
        for (const m of removed) if (middleware.includes(m)) middleware.splice(middleware.indexOf(m), 1);
      },
    },
  });
  states.set(client, state);
  return client;
}

/**
 * A generated method: the flat input is split into path, query and header parameters and body as the
 * table says, then sent. The place to extend for request features (pagination, more body encodings).
 */
async function callOperation(
  state: ClientState,
  name: string,
  [method, path, meta = {}]: OperationSpec,
  input: Record<string, unknown>,
  options: CallOptions,
): Promise<Result<unknown, unknown>> {
  const { header, server, body, writeQuery, auth } = meta;
  // Generated tables leave out path and query names: a path's `{names}` are its path parameters, and every
  // other input but headers and `body` is a query parameter. Hand-written tables may still list them.
  const [parts, names] = templateOf(path);
  const pathKeys = meta.path ?? names;
  const params = {
    path: {} as Record<string, unknown>,
    query: select(
      input,
      meta.query ??
        Object.keys(input).filter(
          (name) => name !== "body" && !pathKeys.includes(name) && !header?.includes(name),
        ),
    ),
    header: header && select(input, header),
  };
  for (const key of pathKeys) params.path[key] = input[key] ?? state.pathDefaults[key];
  const base = server && !state.baseUrlOverridden ? trimSlashes(server) : state.baseUrl;
  const where = `${state.provider}.${name}`;
  // Only rows with query parameters name a query writer: anything else left in the input is no parameter.
  if (params.query && !writeQuery)
    throw new TypeError(`${where}: no parameter "${Object.keys(params.query)[0]}"`);
  // How the call authenticates: without credentials, the row's own way (`otherAuth`), or the client's (as
  // raw calls do, by `requestAuth`).
  const sent = auth === false ? state.anonymous : auth ? auth(state, name) : state;
  // JSON unless the row names an encoder: only apps calling a form or binary operation bundle one.
  const encoded = body && input.body !== undefined ? (meta.encode ?? jsonBody)(input.body, body) : undefined;
  // The path filled (see paths.ts for why a value is encoded whole and `.` and `..` are refused).
  let url = base + parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const parameter = parts[i]!;
    const value = params.path[parameter];
    if (value === undefined || value === null || value === "")
      throw new TypeError(`${where}: missing path parameter "${parameter}"`);
    const text = String(value);
    if (text === "." || text === "..")
      throw new TypeError(`${where}: path parameter "${parameter}" cannot be "${text}"`);
    url += encodeURIComponent(text) + parts[i + 1];
  }
  return prepare(state, sent, options, {
    operation: name,
    method,
    schemaPath: path,
    params,
    baseUrl: base,
    body: encoded,
    // The query written by the row's writer and styles (see `OperationMeta.writeQuery`).
    url: withQuery(url, params.query && writeQuery!(params.query, meta.style)),
    parseAs: meta.response,
    accept: meta.accept,
  });
}

/**
 * The inputs named by `names`, in that order, that are not undefined; `undefined` when there are none, so
 * that no empty query or header object is made.
 */
function select(input: Record<string, unknown>, names: readonly string[]) {
  let picked: Record<string, unknown> | undefined;
  for (const name of names) {
    if (input[name] !== undefined) {
      picked ??= {};
      picked[name] = input[name];
    }
  }
  return picked;
}
