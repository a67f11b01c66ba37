/**
 * From a call's parameters to the request `send` makes, for generated methods (client.ts) and raw calls
 * (raw.ts) alike: the URL with path parameters filled and the query written, the client's headers (with or
 * without credentials) merged with the call's, the idempotency key, then `send`.
 */
import type { Middleware } from "openapi-fetch";
import type { EncodedBody } from "./body.js";
import type { CallOptions } from "./contract.js";
import { fillPath } from "./paths.js";
import { serializeQuery } from "./query.js";
import type { ParseAs } from "./response.js";
import { send, type Transport } from "./send.js";
import type { Result } from "./types.js";

/** One client's settings and credentials, kept off the client object (client.ts) so no printout shows them. */
export interface ClientState extends Transport {
  readonly baseUrl: string;
  readonly baseUrlOverridden: boolean;
  /** Default headers plus credentials, lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Default headers alone, for operations declared with `security: []`. */
  readonly publicHeaders: Readonly<Record<string, string>>;
  /** Credentials sent in the query string, encoded; "" for none. */
  readonly authQuery: string;
  /** Path parameters filled from credentials (Vobiz's `auth_id`). */
  readonly pathDefaults: Readonly<Record<string, string>>;
}

/** A call's parameters by where they go. */
export interface Params {
  path: Record<string, unknown>;
  query?: Record<string, unknown> | undefined;
  header?: Record<string, unknown> | undefined;
}

/** The per-call options both kinds of call take; `headers` as a record (a `null` value removes one) or Headers. */
export type RequestOptions = Omit<CallOptions, "headers"> & { headers?: unknown };

/** How the call is written and read, decided by the table row or by the raw call's init. */
export interface Encoding {
  body: EncodedBody | undefined;
  querySerializer?: ((query: Record<string, unknown>) => string) | undefined;
  parseAs?: ParseAs | undefined;
  middleware?: Middleware[] | undefined;
  /** The `Accept` header sent unless the call sets one. */
  accept?: string | undefined;
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

/** URL, headers and body of a call, then `send`: what generated methods and raw calls share. */
export function prepare(
  state: ClientState,
  operation: string,
  method: string,
  schemaPath: string,
  authenticated: boolean,
  baseUrl: string,
  params: Params,
  options: RequestOptions,
  extra: Encoding,
): Promise<Result<unknown, unknown>> {
  let url = baseUrl + fillPath(schemaPath, params.path, state.provider, operation);
  const query = params.query ? (extra.querySerializer ?? serializeQuery)(params.query) : "";
  const authQuery = authenticated ? state.authQuery : "";
  const search = query && authQuery ? `${query}&${authQuery}` : query || authQuery;
  if (search) url += `?${search}`;

  const [body, contentType] = extra.body ?? [];
  const key = options.idempotencyKey === true ? crypto.randomUUID() : options.idempotencyKey;
  let headers = authenticated ? state.headers : state.publicHeaders;
  if (params.header || options.headers || key || body !== undefined || extra.accept) {
    const merged = { ...headers };
    if (contentType && !(body instanceof FormData)) merged["content-type"] = contentType;
    // The spec's Accept for operations that answer with something other than JSON; the call may override it.
    if (extra.accept) merged.accept = extra.accept;
    mergeHeaders(merged, params.header, options.headers);
    if (key) merged[state.idempotencyHeader] = key;
    headers = merged;
  }
  return send(state, {
    operation,
    method,
    url,
    headers,
    body,
    signal: options.signal,
    maxRetries: options.maxRetries,
    timeout: options.timeout,
    parseAs: extra.parseAs,
    middleware: extra.middleware,
    schemaPath,
    params,
    baseUrl,
  });
}
