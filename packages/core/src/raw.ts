/**
 * openapi-fetch's raw client on this runtime: `client.GET(path, init)` (and `PUT`, `POST`, …, `request`)
 * with openapi-fetch 0.17's inputs, options and results, plus retries, timeouts, safe redirects and logging.
 * Only whole clients (`createProviderClient`) have them, so a composed one-call app bundles none of this.
 *
 * Where openapi-fetch's own behaviour is the contract (the object form of `querySerializer`, path styles),
 * its exported serializers do the work rather than a copy of them. Kept different on purpose, and listed in
 * the README: a missing or dot-segment path parameter throws, responses are read by their Content-Type, a
 * request that gets no response throws a SwitchboardError, and a body is written as its Content-Type says.
 */
import type {
  BodySerializer,
  HeadersOptions,
  MergedOptions,
  Middleware,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";
import { encoderFor } from "./body.js";
import type { ClientOptions } from "./client.js";
import type { CallOptions, OperationMeta, OperationTable } from "./contract.js";
import { serializeQuery } from "./query.js";
import { type ClientState, mergeHeaders, prepare, requestAuth, trimSlashes } from "./request.js";
import type { ParseAs } from "./response.js";
import type { Fetch } from "./send.js";

/**
 * openapi-fetch's client options beyond every client's: taken by whole clients (`createProviderClient`).
 * The serializers write raw calls only; generated methods write what their spec says.
 */
export interface RawClientOptions {
  /** Headers sent with every request, as openapi-fetch takes them (arrays, `[name, value]` lists, `null`). */
  headers?: HeadersOptions;
  /** The Request class requests are made with (default `globalThis.Request`). */
  Request?: typeof Request;
  /**
   * Given to fetch as its second argument with every request: an undici `dispatcher` (a proxy, a self-signed
   * certificate), or RequestInit fields for every call (`credentials`, `cache`).
   */
  requestInitExt?: Record<string, unknown>;
  /** How raw calls write their query: a function, or openapi-fetch's array/object styles and `allowReserved`. */
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  /** How raw calls write their body (default: as their Content-Type says, JSON when none). */
  bodySerializer?: BodySerializer<unknown>;
  /** How raw calls fill the path from `params.path` (default: openapi-fetch's styles, `{id}`, `{.id}`, `{;id*}`). */
  pathSerializer?: PathSerializer;
}

/** What a raw call's init may hold: openapi-fetch's options, this runtime's `CallOptions`, RequestInit fields. */
type RawInit = Omit<RawClientOptions, "requestInitExt"> &
  Omit<CallOptions, "headers"> &
  Omit<RequestInit, "body" | "headers"> & {
    params?: {
      path?: Record<string, unknown>;
      query?: Record<string, unknown>;
      header?: Record<string, unknown>;
    };
    body?: unknown;
    headers?: unknown;
    baseUrl?: string;
    fetch?: Fetch;
    Request?: typeof Request;
    parseAs?: ParseAs;
    middleware?: Middleware[];
  };

/**
 * openapi-fetch's serializers, imported on the first raw call rather than with this module: every client,
 * composed ones too, imports this runtime, and only whole clients' raw calls use them. Loading openapi-fetch
 * at start-up cost a composed app started from node_modules about 6 ms of its 50 (resolving openapi-fetch
 * through node_modules, then compiling it): 1.2× openapi-fetch's own cold start instead of 1.1×.
 */
let serializers: Promise<typeof import("./raw-serializers.js")> | undefined;
const loadSerializers = () => {
  serializers ??= import("./raw-serializers.js");
  return serializers;
};

/** Gives `client` openapi-fetch's `GET`, `PUT`, `POST`, `DELETE`, `OPTIONS`, `HEAD`, `PATCH`, `TRACE` and `request`. */
export function addRawMethods(
  client: object,
  state: ClientState,
  operations: OperationTable,
  options: Omit<ClientOptions, "headers"> & RawClientOptions,
): void {
  const call = (method: string, path: string, init?: RawInit) =>
    rawCall(state, options, method, path, authOf(operations).get(`${method} ${path}`), init);
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"])
    Object.defineProperty(client, method, {
      value: (path: string, init?: RawInit) => call(method, path, init),
    });
  Object.defineProperty(client, "request", {
    value: (method: string, path: string, init?: RawInit) => call(method.toUpperCase(), path, init),
  });
}

const authByPath = new WeakMap<OperationTable, ReadonlyMap<string, OperationMeta["auth"]>>();

/**
 * `METHOD /path` → `auth` of the rows that do not authenticate as the client does by default (declared with
 * `security: []`, or with another security requirement), so that a raw call sends what its operation's
 * method would. Found on the first raw call and kept per table, so making a client never walks a 1,156-row
 * table.
 */
function authOf(operations: OperationTable): ReadonlyMap<string, OperationMeta["auth"]> {
  let found = authByPath.get(operations);
  if (!found) {
    found = new Map(
      Object.values(operations)
        .filter(([, , meta]) => meta?.auth !== undefined)
        .map(([method, path, meta]) => [`${method} ${path}`, meta!.auth]),
    );
    authByPath.set(operations, found);
  }
  return found;
}

/**
 * openapi-fetch's `client.GET(path, init)` and friends, on this runtime: the same inputs and results
 * (`error` is the parsed error body, and a request that got no response throws), plus retries, timeouts,
 * safe redirects and logging.
 */
async function rawCall(
  state: ClientState,
  client: Omit<ClientOptions, "headers"> & RawClientOptions,
  method: string,
  schemaPath: string,
  authOfRow: OperationMeta["auth"],
  init: RawInit = {},
) {
  const {
    params = {},
    body,
    headers: callHeaders,
    baseUrl: callBaseUrl,
    parseAs,
    middleware,
    fetch,
    Request,
    querySerializer: callQuery,
    bodySerializer = client.bodySerializer,
    pathSerializer,
    signal,
    maxRetries,
    timeout,
    idempotencyKey,
    ...rest
  } = init;
  const operation = `${method} ${schemaPath}`;
  const auth = requestAuth(state, authOfRow, operation);
  const { createQuerySerializer, defaultPathSerializer } = await loadSerializers();
  const baseUrl = callBaseUrl ? trimSlashes(callBaseUrl) : state.baseUrl;
  const Made = withProperties(Request ?? client.Request, rest);
  const querySerializer = queryWriter(createQuerySerializer, client.querySerializer, callQuery);
  const writePath: PathSerializer =
    pathSerializer ??
    client.pathSerializer ??
    ((url, path) =>
      fillStyledPath(defaultPathSerializer, url, path, `${state.provider}.${method} ${schemaPath}`));
  const path = writePath(baseUrl + schemaPath, { ...state.pathDefaults, ...params.path });
  const search = querySerializer(params.query ?? {}).replace(/^\?/, "");

  // As openapi-fetch: a JSON Content-Type unless a body is absent or a FormData, below the client's headers,
  // the call's and its header parameters (any of which may remove it with `null`); credentials as the
  // client sends them.
  const sources = [
    headerRecord(client.headers),
    auth.headers,
    headerRecord(callHeaders),
    headerRecord(params.header),
  ];
  const headers = mergeHeaders({}, ...sources);
  let encoded: BodyInit | undefined;
  if (body !== undefined) {
    const type = headers["content-type"] ?? "application/json";
    // openapi-fetch gives a bodySerializer the headers too (its types do not say so).
    encoded = bodySerializer
      ? (bodySerializer as (body: unknown, headers: Headers) => BodyInit)(body, new Headers(headers))
      : writeBody(body, type);
    // fetch writes a FormData's Content-Type, with the boundary that a Content-Type given here would lack.
    if (encoded instanceof FormData) delete headers["content-type"];
    else if (mergeHeaders({ "content-type": "application/json" }, ...sources)["content-type"])
      headers["content-type"] ??= "application/json";
  }

  const result = await prepare(
    state,
    auth,
    { signal, maxRetries, timeout, idempotencyKey },
    {
      operation,
      method,
      schemaPath,
      params: params as { path: Record<string, unknown> },
      baseUrl,
      url: search ? `${path}?${search}` : path,
      headers,
      body: encoded === undefined ? undefined : [encoded, undefined],
      parseAs,
      middleware,
      // The call's own fetch, Request class or unknown init fields need a fetch of their own; else the client's.
      fetch:
        fetch || Made !== client.Request
          ? fetchWith(fetch ?? client.fetch, Made, client.requestInitExt)
          : undefined,
      init: rest,
      options: Object.freeze({
        baseUrl,
        fetch: fetch ?? client.fetch ?? globalThis.fetch,
        parseAs: parseAs ?? "json",
        querySerializer,
        bodySerializer:
          bodySerializer ??
          ((value: unknown, given?: HeadersInit) =>
            writeBody(value, new Headers(given).get("content-type") ?? "application/json")),
        pathSerializer: writePath,
      }) as MergedOptions,
    },
  );
  if (!result.error) return result;
  if (result.response && !result.response.ok) return { error: result.error.body, response: result.response };
  throw result.error;
}

/** A body as its media type says (JSON, a form, multipart, or as given for text and binary types). */
const writeBody = (body: unknown, type: string) => encoderFor(type)(body, type)[0];

/**
 * The query serializer of a call, as openapi-fetch chooses it: the call's function, else the call's style
 * options over the client's, else the client's function or styles; without any, this runtime's
 * (`serializeQuery`: nested deepObject filters, which openapi-fetch's default refuses).
 */
function queryWriter(
  createQuerySerializer: typeof import("openapi-fetch").createQuerySerializer,
  client: RawClientOptions["querySerializer"],
  call: RawClientOptions["querySerializer"],
): (query: Record<string, unknown>) => string {
  const styles = (given: RawClientOptions["querySerializer"]) => (typeof given === "object" ? given : {});
  if (typeof call === "function") return call;
  if (call) return createQuerySerializer({ ...styles(client), ...call });
  if (typeof client === "function") return client;
  if (client) return createQuerySerializer(client);
  return (query) => serializeQuery(query);
}

const TEMPLATE_NAME = /\{([.;]?)([^{}*]+)\*?\}/g;

/**
 * openapi-fetch's path serializer (`{id}`, label `{.id}`, matrix `{;id}`, exploded `{id*}`; arrays and
 * objects as OpenAPI's path styles write them), refusing what would send a request elsewhere: a missing
 * parameter (openapi-fetch sends `{id}` literally) and a segment that comes out as `.` or `..`, which URL
 * parsers resolve to another path, encoded or not.
 */
function fillStyledPath(
  defaultPathSerializer: PathSerializer,
  url: string,
  path: Record<string, unknown>,
  operation: string,
): string {
  for (const [, , name] of url.matchAll(TEMPLATE_NAME)) {
    const value = path[name!];
    if (value === undefined || value === null || value === "")
      throw new TypeError(`${operation}: missing path parameter "${name}"`);
  }
  const filled = defaultPathSerializer(url, path);
  const start = url.indexOf("{");
  for (const segment of filled.slice(start < 0 ? filled.length : filled.lastIndexOf("/", start)).split("/"))
    if (/^(?:\.|%2e){1,2}$/i.test(segment))
      throw new TypeError(
        `${operation}: a path parameter makes the segment "${segment}", which URLs resolve away`,
      );
  return filled;
}

/**
 * openapi-fetch's header values as a record `mergeHeaders` takes: an array's values joined with ", " (as
 * `Headers` joins repeated values), a `[name, value]` list as its entries.
 */
export function headerRecord(headers: unknown): ClientOptions["headers"] {
  if (!headers || headers instanceof Headers) return headers as Headers | undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return Object.fromEntries(
    entries.map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]),
  );
}

/**
 * openapi-fetch's `Request` class and `requestInitExt` as a fetch (so the shared pipeline needs neither): each
 * request made again with `Made`, and `ext` given to fetch as its second argument.
 */
export function fetchWith(
  fetcher: Fetch | undefined,
  Made: typeof Request | undefined,
  ext: Record<string, unknown> | undefined,
): Fetch | undefined {
  if (!Made && !ext) return fetcher;
  return (request) =>
    ((fetcher ?? fetch) as typeof fetch)(Made ? new Made(request) : request, ext as RequestInit | undefined);
}

/**
 * openapi-fetch copies an init's unknown fields (`customProperty: "value"`) onto the Request it makes; here
 * the Request class does it, for every Request the call makes (middleware's, each redirect's).
 */
function withProperties(
  Base: typeof Request | undefined,
  init: Record<string, unknown>,
): typeof Request | undefined {
  const own = Object.keys(init).filter((key) => !(key in Request.prototype));
  if (own.length === 0) return Base;
  return class extends (Base ?? Request) {
    constructor(input: RequestInfo | URL, requestInit?: RequestInit) {
      super(input, requestInit);
      for (const key of own) if (!(key in this)) (this as Record<string, unknown>)[key] = init[key];
    }
  };
}
