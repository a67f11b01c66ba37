/**
 * openapi-fetch's raw client on this runtime: `client.GET(path, init)` (and `PUT`, `POST`, …, `request`)
 * with openapi-fetch's inputs and results, plus retries, timeouts, safe redirects and logging. Only whole
 * clients (`createProviderClient`) have them, so a composed one-call app bundles none of this.
 */
import type { Middleware } from "openapi-fetch";
import { type EncodedBody, encoderFor } from "./body.js";
import type { OperationTable } from "./contract.js";
import { type ClientState, mergeHeaders, prepare, type RequestOptions } from "./request.js";
import type { ParseAs } from "./response.js";

/** The options openapi-fetch's methods take (those this runtime supports), plus its per-call options. */
type RawInit = RequestOptions & {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body?: unknown;
  parseAs?: ParseAs | undefined;
  querySerializer?: ((query: Record<string, unknown>) => string) | undefined;
  bodySerializer?: (body: unknown) => BodyInit;
  middleware?: Middleware[];
};

/** Gives `client` openapi-fetch's `GET`, `PUT`, `POST`, `DELETE`, `OPTIONS`, `HEAD`, `PATCH`, `TRACE` and `request`. */
export function addRawMethods(client: object, state: ClientState, operations: OperationTable): void {
  const call = (method: string, path: string, init?: RawInit) =>
    rawCall(state, method, path, !publicOperationsOf(operations).has(`${method} ${path}`), init);
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"])
    Object.defineProperty(client, method, {
      value: (path: string, init?: RawInit) => call(method, path, init),
    });
  Object.defineProperty(client, "request", {
    value: (method: string, path: string, init?: RawInit) => call(method.toUpperCase(), path, init),
  });
}

const publicOperations = new WeakMap<OperationTable, ReadonlySet<string>>();

/**
 * `METHOD /path` of the operations declared with `security: []`, which raw calls send without credentials.
 * Found on the first raw call and kept per table, so making a client never walks a 1,156-row table.
 */
function publicOperationsOf(operations: OperationTable): ReadonlySet<string> {
  let found = publicOperations.get(operations);
  if (!found) {
    found = new Set(
      Object.values(operations)
        .filter(([, , meta]) => meta?.auth === false)
        .map(([method, path]) => `${method} ${path}`),
    );
    publicOperations.set(operations, found);
  }
  return found;
}

/**
 * openapi-fetch's `client.GET(path, init)` and friends, on this runtime: the same inputs and results
 * (`error` is the parsed error body, and a request that got no response throws), plus retries, timeouts,
 * safe redirects and logging; a missing or dot-segment path parameter is refused, not sent literally.
 */
async function rawCall(
  state: ClientState,
  method: string,
  schemaPath: string,
  authenticated: boolean,
  init: RawInit = {},
) {
  const params = { ...init.params, path: { ...state.pathDefaults, ...init.params?.path } };
  let body: EncodedBody | undefined;
  if (init.body !== undefined) {
    // As openapi-fetch: the caller's bodySerializer, else by the caller's Content-Type, JSON by default.
    const type = mergeHeaders({}, init.headers)["content-type"] ?? "application/json";
    body = init.bodySerializer ? [init.bodySerializer(init.body), type] : encoderFor(type)(init.body, type);
  }
  const result = await prepare(
    state,
    `${method} ${schemaPath}`,
    method,
    schemaPath,
    authenticated,
    state.baseUrl,
    params,
    init,
    { ...init, body },
  );
  if (!result.error) return result;
  if (result.response && !result.response.ok) return { error: result.error.body, response: result.response };
  throw result.error;
}
