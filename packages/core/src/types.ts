/**
 * The types that turn a generated operation table and openapi-typescript's `paths` into typed methods.
 * Everything is computed from the two generated artefacts, so a provider package contains no hand-written
 * type per operation, however large its API.
 */
import type {
  ErrorResponse,
  MediaType,
  OperationRequestBodyContent,
  Readable,
  ResponseObjectMap,
  SuccessResponse,
  Writable,
} from "openapi-typescript-helpers";
import type { BodyEncoder } from "./body.js";
import type { SwitchboardError } from "./errors.js";
import type { Pager } from "./paginate.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/**
 * How a query parameter is written when not the default way for its value (objects as deepObject,
 * arrays repeated): `form` spreads an object's keys, `comma`/`space`/`pipe` join values, `json` sends JSON.
 */
export type QueryStyle = "form" | "comma" | "space" | "pipe" | "json";

/**
 * How a list operation pages: by page number, with the total page count in the response, or by cursor,
 * with the next cursor in the response. Paths are property keys; the input path starts with the method's
 * input key (`["page", "number"]` is `{ page: { number } }`, `["page[number]"]` a flat parameter).
 */
export type Paging =
  | readonly [
      kind: "number",
      page: readonly string[],
      items: readonly string[],
      totalPages: readonly string[],
    ]
  | readonly [kind: "cursor", cursor: readonly string[], items: readonly string[], next: readonly string[]];

/** Where each input of an operation goes; generated per operation. */
export interface OperationMeta {
  readonly path?: readonly string[];
  readonly query?: readonly string[];
  readonly header?: readonly string[];
  /** Query parameters written other than the default way. */
  readonly style?: Readonly<Record<string, QueryStyle>>;
  /** Media type of the request body, when there is one. */
  readonly body?: string;
  /**
   * Writes the body when its media type is not JSON (`formBody`, `multipartBody`). A function in the row
   * rather than a name the runtime looks up, so only apps that call such an operation bundle the encoder.
   */
  readonly encode?: BodyEncoder;
  /** The `Accept` header sent unless the call sets one (for operations that declare the header). */
  readonly accept?: string;
  /** How a successful response body is read when it is not JSON. */
  readonly response?: "text" | "blob" | "stream";
  /** How a list operation pages; with `all`, the operation's method has an `.all()` iterator. */
  readonly page?: Paging;
  /** `paginate`, given by the row for the same reason as `encode`. */
  readonly all?: Pager;
  /** `false` for operations the spec declares with `security: []`: no credentials are sent. */
  readonly auth?: false;
  /** Base URL for operations with their own `servers`. */
  readonly server?: string;
}

/** One row of the generated operation table: `[method, path, meta]`, as octokit's endpoint data. */
export type OperationSpec = readonly [method: HttpMethod, path: string, meta?: OperationMeta];
export type OperationTable = Readonly<Record<string, OperationSpec>>;

export type AuthScheme =
  | { readonly type: "bearer"; readonly credential: string }
  | { readonly type: "basic"; readonly username: string; readonly password: string }
  | {
      readonly type: "apiKey";
      readonly in: "header" | "query" | "cookie";
      readonly name: string;
      readonly credential: string;
    };

/** A provider as the generator derived it from its spec: servers, credentials and how they are sent. */
export interface ProviderDefinition {
  readonly name: string;
  readonly title: string;
  /** Named base URLs (regions); `defaultServer` is the one used when none is chosen. */
  readonly servers: Readonly<Record<string, string>>;
  readonly defaultServer: string;
  /** Each credential and the environment variable it defaults to. */
  readonly credentials: Readonly<Record<string, { readonly env: string }>>;
  readonly auth: readonly AuthScheme[];
  /** Path parameters filled from a credential when the caller leaves them out (Vobiz's `auth_id`). */
  readonly pathCredentials: Readonly<Record<string, string>>;
  /** Which spec the package was generated from. */
  readonly spec?: { readonly sha256: string; readonly version: string; readonly vendoredAt?: string };
}

// ---- from a table row to openapi-typescript's operation object ----

export type OperationOf<Paths, S> = S extends readonly [infer M extends string, infer P, ...unknown[]]
  ? P extends keyof Paths
    ? Lowercase<M> extends keyof Paths[P]
      ? Paths[P][Lowercase<M>]
      : never
    : never
  : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type NonEmpty<T> = [T] extends [never] ? {} : [T] extends [undefined] ? {} : NonNullable<T>;

type ParamsIn<Op, In extends string> = Op extends { parameters: infer P }
  ? P extends { [K in In]?: infer X }
    ? NonEmpty<X>
    : {}
  : {};

/** Path parameters, with those the client fills from credentials made optional. */
type PathInput<Op, Filled extends string> = Omit<ParamsIn<Op, "path">, Filled> &
  Partial<Pick<ParamsIn<Op, "path">, Filled & keyof ParamsIn<Op, "path">>>;

type BodyInput<Op> = [NonNullable<OperationRequestBodyContent<Op>>] extends [never]
  ? {}
  : undefined extends OperationRequestBodyContent<Op>
    ? { body?: Writable<NonNullable<OperationRequestBodyContent<Op>>> }
    : { body: Writable<OperationRequestBodyContent<Op>> };

/**
 * A method's first argument: path, query and header parameters side by side (octokit's convention), plus
 * `body` for operations that take one. `telnyx.deleteIp({ id })`.
 */
export type OperationInput<Op, Filled extends string = never> = Simplify<
  PathInput<Op, Filled> & ParamsIn<Op, "query"> & ParamsIn<Op, "header"> & BodyInput<Op>
>;

type OrUndefined<T> = [T] extends [never] ? undefined : T;

/** The parsed body of a successful response (`undefined` for 204 and other empty responses). */
type Responses<Op> = ResponseObjectMap<Op> extends Record<string | number, any> ? ResponseObjectMap<Op> : {};
export type OperationData<Op> = OrUndefined<Readable<SuccessResponse<Responses<Op>, MediaType>>>;
/** The documented bodies of the operation's error responses. */
export type OperationErrorBody<Op> = OrUndefined<Readable<ErrorResponse<Responses<Op>, MediaType>>>;

/**
 * What every generated method resolves to. Exactly one of `data` and `error` is set: `error` on every
 * failure (an HTTP error, including one with an empty or non-JSON body, a body that is not the JSON it
 * claims, a timeout, an abort, or a request that never got a response), so `if (error)` is the only check
 * a caller needs and the types narrow `data` after it.
 *
 * Why a result and not a throw: the raw client is openapi-fetch's, which returns `{ data, error }`, and
 * one style for both is easier than two; an API error is an expected outcome that the types force the
 * caller to look at (`data` is possibly undefined until `error` is ruled out), while a thrown error is
 * invisible in the signature. Only programming errors throw: a missing credential (ConfigurationError),
 * a missing path parameter (TypeError), an exception in the caller's own middleware.
 */
export type Result<Data, ErrorBody> =
  | { data: Data; error?: undefined; response: Response }
  | { data?: undefined; error: SwitchboardError<ErrorBody>; response: Response | undefined };

export type OperationResult<Op> = Result<OperationData<Op>, OperationErrorBody<Op>>;

/** Per-call options; each wins over the client's. */
export interface CallOptions {
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Aborts the call, including a wait before a retry; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Retries after the first attempt (client default 2). */
  maxRetries?: number;
  /** Milliseconds each attempt may take (client default 60 000); 0 for no limit. */
  timeout?: number;
  /**
   * Sent in the `Idempotency-Key` header (or the client's `idempotencyHeader`), the same on every attempt.
   * `true` generates a UUID. POST and PATCH are retried only when they carry one.
   */
  idempotencyKey?: string | true;
}

type HasRequiredKeys<T> = {} extends T ? false : true;

export type OperationMethod<Op, Filled extends string = never> =
  HasRequiredKeys<OperationInput<Op, Filled>> extends true
    ? (input: OperationInput<Op, Filled>, options?: CallOptions) => Promise<OperationResult<Op>>
    : (input?: OperationInput<Op, Filled>, options?: CallOptions) => Promise<OperationResult<Op>>;

export type PagingOf<S> = S extends readonly [string, string, infer M]
  ? M extends { readonly page: infer P; readonly all: Pager }
    ? P
    : never
  : never;

type At<T, Path> = Path extends readonly [infer K, ...infer Rest]
  ? K extends keyof NonNullable<T>
    ? At<NonNullable<T>[K], Rest>
    : never
  : T;

/** The element type of the list a paged operation returns. */
export type PageItem<Op, P> = P extends readonly [string, unknown, infer Items, unknown]
  ? NonNullable<At<OperationData<Op>, Items>> extends ReadonlyArray<infer Item>
    ? Item
    : unknown
  : never;

/** `.all(input)` on the method of a paged list operation: every item, page after page, lazily. */
export type PageIterator<Op, P, Filled extends string = never> = [P] extends [never]
  ? {}
  : {
      readonly all: (
        ...args: Parameters<OperationMethod<Op, Filled>>
      ) => AsyncIterableIterator<PageItem<Op, P>>;
    };

export type OperationMethods<Paths, Table extends OperationTable, Filled extends string = never> = {
  readonly [K in keyof Table]: OperationMethod<OperationOf<Paths, Table[K]>, Filled> &
    PageIterator<OperationOf<Paths, Table[K]>, PagingOf<Table[K]>, Filled>;
};
