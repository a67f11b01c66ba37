/**
 * The types that turn a generated operation table and openapi-typescript's `paths` into typed methods.
 * Everything is computed from the two generated artefacts, so a provider package contains no hand-written
 * type per operation, however large its API.
 */
import type {
  $Read,
  $Write,
  ErrorResponse,
  GetResponseContent,
  MediaType,
  OkStatus,
  OperationRequestBodyContent,
  ResponseObjectMap,
  SuccessResponse,
} from "openapi-typescript-helpers";
import type { CallOptions, Endpoint, OperationSpec, OperationTable, Pager } from "./contract.js";
import type { SwitchboardError } from "./errors.js";

// ---- readOnly and writeOnly ----

/**
 * What the runtime hands over whole: a binary body is a real `Blob` (or the stream of one), whose methods
 * openapi-typescript-helpers' `Readable` and `Writable` would map into `{}` like a schema's object, so that
 * `data.text()` did not compile and `data` was no `Blob`.
 */
type Whole = Blob | ReadableStream | ArrayBuffer | ArrayBufferView | Date | ((...args: never[]) => unknown);

/**
 * A response's body: helpers' `Readable` (writeOnly properties removed), `Blob` and the like left whole.
 * Also how to name a schema as responses give it: the package's `components["schemas"]["Call"]` keeps
 * openapi-typescript's readOnly/writeOnly markers (`$Read<string>`), `Readable<components["schemas"]["Call"]>`
 * is the plain type a method's `data` has.
 */
export type Readable<T> = T extends Whole
  ? T
  : T extends $Write<any>
    ? never
    : T extends $Read<infer U>
      ? Readable<U>
      : T extends (infer E)[]
        ? Readable<E>[]
        : T extends object
          ? { [K in keyof T as NonNullable<T[K]> extends $Write<any> ? never : K]: Readable<T[K]> }
          : T;

/**
 * A request's body: helpers' `Writable` (readOnly properties refused), `Blob` and the like left whole. Also
 * how to name a schema as a request sends it: `Writable<components["schemas"]["CallCreate"]>` is what a
 * method's `body` takes.
 */
export type Writable<T> = T extends Whole
  ? T
  : T extends $Read<any>
    ? never
    : T extends $Write<infer U>
      ? Writable<U>
      : T extends (infer E)[]
        ? Writable<E>[]
        : T extends object
          ? { [K in keyof T as NonNullable<T[K]> extends $Read<any> ? never : K]: Writable<T[K]> } & {
              [K in keyof T as NonNullable<T[K]> extends $Read<any> ? K : never]?: never;
            }
          : T;

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

/**
 * Header parameters but `Accept`, which the operation's row sends (its `accept`, from the parameter's default
 * or enum) and a call overrides through `headers`: a required `Accept` parameter (D7 Networks') was asked for
 * by the types and refused by the call ("no parameter").
 */
type HeaderInput<Op> = {
  [K in keyof ParamsIn<Op, "header"> as Lowercase<K & string> extends "accept" ? never : K]: ParamsIn<
    Op,
    "header"
  >[K];
};

/** Path parameters, with those the client fills from credentials made optional. */
type PathInput<Op, Filled extends string> = Omit<ParamsIn<Op, "path">, Filled> &
  Partial<Pick<ParamsIn<Op, "path">, Filled & keyof ParamsIn<Op, "path">>>;

/**
 * A body that is binary as a whole (octet-stream, audio: typed `Blob`) is sent by `rawBody` as given, so bytes
 * and text are bodies too, not only a Blob; a stream is not (fetch sends one only with `duplex`, and a retry
 * could not send it again). A Blob inside a multipart body stays a Blob: FormData would write bytes as text.
 */
type RequestBody<T> = [T] extends [Blob] ? Blob | ArrayBuffer | ArrayBufferView | string : Writable<T>;

type BodyInput<Op> = [NonNullable<OperationRequestBodyContent<Op>>] extends [never]
  ? {}
  : undefined extends OperationRequestBodyContent<Op>
    ? { body?: RequestBody<NonNullable<OperationRequestBodyContent<Op>>> }
    : { body: RequestBody<OperationRequestBodyContent<Op>> };

/**
 * A method's first argument: path, query and header parameters side by side (octokit's convention), plus
 * `body` for operations that take one. `telnyx.deleteIp({ id })`.
 */
export type OperationInput<Op, Filled extends string = never> = NothingElse<
  Simplify<PathInput<Op, Filled> & ParamsIn<Op, "query"> & HeaderInput<Op> & BodyInput<Op>>
>;

/**
 * An operation that takes nothing takes no key either: `{}` would take any object (TypeScript checks no excess
 * property against an empty type), so `getModels({ "xi-api-key": k })` compiled, then threw "no parameter".
 */
type NothingElse<T> = [keyof T] extends [never] ? { readonly [key: string]: never } : T;

type OrUndefined<T> = [T] extends [never] ? undefined : T;

/**
 * Statuses whose responses carry no body, whatever a document says of them (59 of APIs.guru's documents give
 * a 204 content): the runtime reads none (response.ts), so the types give them none either.
 */
type Bodiless = 204 | 205 | "204" | "205";
/** The parsed body of a successful response (`undefined` for 204 and other empty responses). */
type Responses<Op> = ResponseObjectMap<Op> extends Record<string | number, any> ? ResponseObjectMap<Op> : {};
/**
 * A document whose operation names only a `default` response (no 2XX) describes its successes by it too:
 * the runtime hands a 200's body over as `data`, so `data` is typed by `default` there, not `never`.
 */
type Successes<R extends Record<string | number, any>> = [Extract<keyof R, OkStatus | 205>] extends [never]
  ? "default" extends keyof R
    ? GetResponseContent<R, MediaType, "default">
    : [Extract<keyof R, Followed>] extends [never]
      ? never
      : unknown
  : SuccessResponse<Omit<R, Bodiless>, MediaType>;
/**
 * Redirects the runtime follows (send.ts). An operation documenting only one (GitHub's 9 downloads answer
 * `302` to a signed URL, and nothing else) answers with whatever the target sends, read by its Content-Type
 * (JSON, text or a Blob): `unknown`, where `never` made `data` `undefined`, which it never is.
 */
type Followed = 301 | 302 | 303 | 307 | 308 | "301" | "302" | "303" | "307" | "308" | "3XX";
type Bodies<Op> = Readable<Successes<Responses<Op>>>;
export type OperationData<Op> = OrUndefined<
  Bodies<Op> | (Extract<keyof Responses<Op>, Bodiless> extends never ? never : undefined)
>;
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

type HasRequiredKeys<T> = {} extends T ? false : true;

/** A generated method; `Res` is the named type it resolves to, when the generator gave it one. */
export type OperationMethod<Op, Filled extends string = never, Res = OperationResult<Op>> =
  HasRequiredKeys<OperationInput<Op, Filled>> extends true
    ? (input: OperationInput<Op, Filled>, options?: CallOptions) => Promise<Res>
    : (input?: OperationInput<Op, Filled>, options?: CallOptions) => Promise<Res>;

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
export type PageItem<Op, P> = P extends readonly [string, unknown, infer Items, ...unknown[]]
  ? NonNullable<At<OperationData<Op>, Items>> extends ReadonlyArray<infer Item>
    ? Item
    : unknown
  : never;

/** One page of a paged list (`.pages()`): its whole body, typed from the spec, and its response. */
export interface Page<Data> {
  readonly data: Data;
  readonly response: Response;
}

/**
 * `.all(input)` on the method of a paged list operation: every item, page after page, lazily; `.pages(input)`:
 * every page, for its totals, cursors and headers, or to work a page at a time.
 */
export type PageIterator<Op, P, Filled extends string = never> = [P] extends [never]
  ? {}
  : {
      readonly all: (
        ...args: Parameters<OperationMethod<Op, Filled>>
      ) => AsyncIterableIterator<PageItem<Op, P>>;
      readonly pages: (
        ...args: Parameters<OperationMethod<Op, Filled>>
      ) => AsyncIterableIterator<Page<NonNullable<OperationData<Op>>>>;
    };

type EndpointTypes<Row> =
  Row extends Endpoint<OperationSpec, infer Op, infer Res>
    ? { operation: Op; result: Res }
    : { operation: unknown; result: unknown };

/**
 * The method a table row becomes: typed from the operation and result the row carries (see `Endpoint`),
 * else from the operation `Paths` has at the row's method and path.
 */
export type EndpointMethod<Paths, Row, Filled extends string = never> =
  EndpointTypes<Row> extends {
    operation: infer Declared;
    result: infer Res;
  }
    ? [unknown extends Declared ? OperationOf<Paths, Row> : Declared] extends [infer Op]
      ? OperationMethod<Op, Filled, unknown extends Res ? OperationResult<Op> : Res> &
          PageIterator<Op, PagingOf<Row>, Filled>
      : never
    : never;

/** Homomorphic over `Table`, so each method keeps the documentation of its row. */
export type OperationMethods<Paths, Table extends OperationTable, Filled extends string = never> = {
  readonly [K in keyof Table]: EndpointMethod<Paths, Table[K], Filled>;
};
