/**
 * From a call's parameters to the request `send` makes, for generated methods (client.ts) and raw calls
 * (raw.ts) alike: the URL (its path filled and its query written by the caller) with the credentials' query,
 * the client's headers (with or without credentials) merged with the call's, the idempotency key, then `send`.
 */
import type { Credentials } from "./auth.js";
import type { EncodedBody } from "./body.js";
import type { CallOptions, OperationMeta } from "./contract.js";
import { type Call, send, type Transport } from "./send.js";
import type { Result } from "./types.js";

/** What a call sends to authenticate. */
export interface RequestAuth {
  /** The client's default headers with the credentials' over them, lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Credentials sent in the query string, encoded; "" for none. */
  readonly authQuery: string;
}

/**
 * One client's settings and credentials, kept off the client object (client.ts) so no printout shows them;
 * as a `RequestAuth`, how its calls authenticate by default.
 */
export interface ClientState extends Transport, RequestAuth {
  readonly baseUrl: string;
  readonly baseUrlOverridden: boolean;
  /** The default headers alone, for operations declared with `security: []`. */
  readonly anonymous: RequestAuth;
  /** Every credential the client was given, for operations of another security requirement (`otherAuth`). */
  readonly credentials: Credentials;
  /** Path parameters filled from credentials (Vobiz's `auth_id`). */
  readonly pathDefaults: Readonly<Record<string, string>>;
  /** Widened by `otherAuth` to the header values it derives (the base64 of `Basic …`), when first sent. */
  redact: (text: string) => string;
}

/** How a call of a row whose `auth` is given authenticates: none, the row's own way, or the client's. */
export const requestAuth = (
  state: ClientState,
  auth: OperationMeta["auth"],
  operation: string,
): RequestAuth => (auth === false ? state.anonymous : auth ? auth(state, operation) : state);

/**
 * A requirement's credential headers with the client's headers over them (a cookie of each kept): a client
 * given its own `Authorization` sends it, as openapi-fetch's and Stainless's clients do, where the
 * credential's was sent and the caller's silently dropped.
 */
export function withCredentials(
  credentials: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const merged = { ...credentials, ...headers };
  if (headers.cookie && credentials.cookie) merged.cookie = `${headers.cookie}; ${credentials.cookie}`;
  return merged;
}

/** A call's parameters by where they go. */
export interface Params {
  path: Record<string, unknown>;
  query?: Record<string, unknown> | undefined;
  header?: Record<string, unknown> | undefined;
}

/** The per-call options both kinds of call take; `headers` as a record (a `null` value removes one) or Headers. */
export type RequestOptions = Omit<CallOptions, "headers"> & { headers?: unknown };

/**
 * The call to send: which operation it is (what logs, errors and middleware are told), and how it is
 * written and read, decided by the table row or by the raw call's init.
 */
export interface Encoding
  extends Pick<Call, "operation" | "method" | "schemaPath" | "baseUrl">,
    Partial<Pick<Call, "parseAs" | "middleware" | "options" | "fetch" | "init">> {
  /** The call's parameters by where they go (header parameters are sent from here). */
  params: Params;
  body: EncodedBody | undefined;
  /** The `Accept` header sent unless the call sets one. */
  accept?: string | undefined;
  /**
   * The URL with its path and query, not credentials: a generated method's path filled and query written by
   * its row (client.ts), a raw call's by openapi-fetch's serializers (raw.ts).
   */
  url: string;
  /** Raw calls write the headers (credentials included) themselves. */
  headers?: Record<string, string> | undefined;
}

export const trimSlashes = (url: string) => url.replace(/\/+$/, "");

/** Merges header sources into `target` with lower-cased names; `null` removes a header, as in openapi-fetch. */
export function mergeHeaders(target: Record<string, string>, ...sources: unknown[]): Record<string, string> {
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of source instanceof Headers ? source : Object.entries(source)) {
      if (value === null) delete target[name.toLowerCase()];
      else if (value !== undefined) target[name.toLowerCase()] = String(value);
    }
  }
  return target;
}

/**
 * `url` with `query` added: after `&` where the URL has a query already, which a path can (`/things?kind=a`:
 * providers that tell operations on one path apart by a fixed parameter write it into the path), or the
 * credential's query parameter follows the call's.
 */
export const withQuery = (url: string, query: string | undefined) =>
  query ? url + (url.includes("?") ? "&" : "?") + query : url;

/**
 * URL, headers and body of a call, then `send`: what generated methods and raw calls share. `extra` becomes
 * the call sent (its fields are overwritten in place), so each call passes a fresh object.
 */
export function prepare(
  state: ClientState,
  auth: RequestAuth,
  options: RequestOptions,
  extra: Encoding,
): Promise<Result<unknown, unknown>> {
  const [body, contentType] = extra.body ?? [];
  const key = options.idempotencyKey === true ? crypto.randomUUID() : options.idempotencyKey;
  let headers = extra.headers ?? auth.headers;
  if (!extra.headers && (extra.params.header || options.headers || body !== undefined || extra.accept)) {
    // The operation's media type wins over the client's default headers (it is what the body is written
    // as), and the call's own headers win over it.
    headers = mergeHeaders(
      { ...headers },
      contentType && !(body instanceof FormData) && { "content-type": contentType },
      // The spec's Accept for operations that answer with something other than JSON; the call may override it.
      extra.accept && { accept: extra.accept },
      extra.params.header,
      options.headers,
    );
  }
  if (key) headers = { ...headers, [state.idempotencyHeader]: key };
  // The call is `extra` with its fields added in place, not a copy: a spread of `extra` followed by more
  // fields made the call object slow to build and to read (a third of the pipeline's own CPU time per call).
  return send(
    state,
    Object.assign(extra, {
      url: withQuery(extra.url, auth.authQuery),
      headers,
      body,
      signal: options.signal,
      maxRetries: options.maxRetries,
      timeout: options.timeout,
    }),
  );
}
