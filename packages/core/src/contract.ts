/**
 * The contract between the generator and the runtime: what a generated operation table and provider
 * definition are made of. `@switchboard/codegen` writes values of these types and imports them from
 * `@switchboard/core` (types only), so the two cannot drift apart; the runtime reads them. Renaming or
 * reshaping one is a change to both sides and to every generated package.
 *
 * Types only, importing nothing but types (`BodyEncoder`, and the client state an `Authorizer` is given), so
 * any module may import it without forming a loop.
 */
import type { BodyEncoder } from "./body.js";
import type { ClientState, RequestAuth } from "./request.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/**
 * How a query parameter is written when not the default way for its value (objects as deepObject,
 * arrays repeated): `form` spreads an object's keys, `comma`/`space`/`pipe` join values, `json` sends JSON.
 */
export type QueryStyle = "form" | "comma" | "space" | "pipe" | "json";

/** Writes a query string (without `?`) from query inputs, each in its style. */
export type QueryWriter = (
  query: Readonly<Record<string, unknown>>,
  styles?: Readonly<Record<string, QueryStyle>>,
) => string;

/**
 * How a list operation pages. Each is `[style, where, items, …]`, `items` being where the page's list is in
 * the response body (`[]` for the body itself). Paths are property keys; an input path starts with the
 * method's input key (`["page", "number"]` is `{ page: { number } }`, `["page[number]"]` a flat parameter).
 * - `number`: a page-number input, the page count in the response (Telnyx's `page[number]`, `meta.total_pages`),
 *   or with `"items"` last the item count (Telnyx 10DLC's `page`, `totalRecords`);
 * - `cursor`: a cursor input, the next cursor or page token in the response (`page[after]`, `meta.cursors.after`);
 * - `offset`: an offset input advanced by each page's length, up to the item count in the response when it
 *   gives one (`offset`, `total`);
 * - `url`: the next page's URL (absolute or relative) in the response (`next_page_uri`, `links.next`), whose
 *   query the next call takes;
 * - `link`: the same from the `Link: <…>; rel="next"` response header;
 * - `after`: a cursor input given the last item's `id` (a key path in the item), as Stripe's `starting_after`
 *   and Retell's `pagination_key` are, up to `has_more: false` beside the list or an empty page.
 */
export type Paging =
  | readonly [
      style: "number",
      page: readonly string[],
      items: readonly string[],
      total: readonly string[],
      counts?: "items",
    ]
  | readonly [style: "cursor", cursor: readonly string[], items: readonly string[], next: readonly string[]]
  | readonly [style: "offset", offset: readonly string[], items: readonly string[], total?: readonly string[]]
  | readonly [style: "url", next: readonly string[], items: readonly string[]]
  | readonly [style: "link", header: readonly [], items: readonly string[]]
  | readonly [style: "after", cursor: readonly string[], items: readonly string[], id: readonly string[]];

/** Where each input of an operation goes; generated per operation. */
export interface OperationMeta {
  readonly path?: readonly string[];
  readonly query?: readonly string[];
  readonly header?: readonly string[];
  /** Query parameters written other than the default way. */
  readonly style?: Readonly<Record<string, QueryStyle>>;
  /**
   * Writes the query string (`serializeQuery`), in the rows of operations that have query parameters: a
   * function in the row for the same reason as `encode`, so an app that calls only operations without any
   * bundles no query writer. A call of a row without one that is given query inputs is refused.
   */
  readonly writeQuery?: QueryWriter;
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
  /** How a list operation pages; with `all`, the operation's method has `.all()` and `.pages()` iterators. */
  readonly page?: Paging;
  /** `paginate`, given by the row for the same reason as `encode`. */
  readonly all?: Pager;
  /**
   * How the operation authenticates when not as the client does by default (`ProviderDefinition.auth`):
   * `false` for operations the spec declares with `security: []` (no credentials are sent), or
   * `otherAuth(provider, i)` for those that use the provider's other security requirement `otherAuth[i]`.
   */
  readonly auth?: false | Authorizer;
  /** Base URL for operations with their own `servers`. */
  readonly server?: string;
  /**
   * The spec's key for the operation's path, where it says more than the path a call is sent to: a
   * `#fragment` that keeps two operations on one path apart (Box's `/files/{file_id}#add_shared_link`, AWS's
   * `/#X-Amz-Target=…`), or an item of the key's query the client sends as a query parameter (Medium's
   * `/search/articles?query={query}`). The runtime never reads it; the mocks find the operation's spec by it.
   */
  readonly specPath?: string;
}

/**
 * What a call of an operation whose security requirement is not the client's default sends to authenticate
 * (`otherAuth`): a function in the row for the same reason as `encode`, so only apps calling such an
 * operation bundle it. Throws a `ConfigurationError` where the client lacks its credentials.
 */
export type Authorizer = (state: ClientState, operation: string) => RequestAuth;

/** One row of the generated operation table: `[method, path, meta]`, as octokit's endpoint data. */
export type OperationSpec = readonly [method: HttpMethod, path: string, meta?: OperationMeta];
export type OperationTable = Readonly<Record<string, OperationSpec>>;

declare const endpointTypes: unique symbol;

/**
 * A table row carrying, for the compiler only (the property never exists at run time), the
 * openapi-typescript operation it calls and the named type its method resolves to (`DeleteIpResult`), so
 * an editor shows that name rather than the operation's whole shape. Generated rows and subpath exports are
 * Endpoints; a row without the types is typed from the client's `paths` instead. `Result` left `unknown`
 * means `OperationResult<Op>`. Both sit in one wrapper object so that reading them back never rebuilds the
 * result type (which would lose its name).
 */
export type Endpoint<Row extends OperationSpec = OperationSpec, Op = unknown, Result = unknown> = Row & {
  readonly [endpointTypes]?: { readonly operation: Op; readonly result: Result };
};

export type AuthScheme =
  | {
      readonly type: "bearer";
      readonly credential: string;
      /**
       * The HTTP authentication scheme sent before the credential, where it is not `Bearer`: Deepgram's
       * `Authorization: Token <key>` (a spec's `{type: http, scheme: Token}`).
       */
      readonly scheme?: string;
    }
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
  /**
   * Each credential and the environment variable it defaults to. A client is not made without the
   * credentials of `auth`; an `optional` one (only `otherAuth` sends it) is needed only by the calls that
   * send it.
   */
  readonly credentials: Readonly<Record<string, { readonly env: string; readonly optional?: true }>>;
  /** The schemes of the security requirement most operations use: how a client authenticates by default. */
  readonly auth: readonly AuthScheme[];
  /**
   * The other security requirements some operations use instead (App Center's API-token endpoints take HTTP
   * Basic where its other operations take an API key); their rows name them, `auth: otherAuth(provider, i)`.
   */
  readonly otherAuth?: readonly (readonly AuthScheme[])[];
  /** Path parameters filled from a credential when the caller leaves them out (Vobiz's `auth_id`). */
  readonly pathCredentials: Readonly<Record<string, string>>;
  /** Which spec the package was generated from (generated packages keep it apart: `specInfo`). */
  readonly spec?: { readonly sha256: string; readonly version: string; readonly vendoredAt?: string };
  /** The provider package's own version, sent in the User-Agent. */
  readonly packageVersion?: string;
  /**
   * The provider's webhooks, for providers whose spec declares any: how events are told apart and how
   * deliveries are signed. Generated into the package's `webhooks` module (`{ ...provider, webhooks }`),
   * not into the client's `provider`, so an app that only calls the API does not bundle it.
   */
  readonly webhooks?: WebhookDefinition;
}

/**
 * The variables of a provider's server URLs that are no region (`https://{tenant}.example.com`, a self-hosted
 * API's `{host}`): each is a client option and an environment variable, and `templates` holds each region's
 * URL with them unfilled (`servers` has them at their defaults). Generated beside `provider` only for
 * providers whose servers have such variables; `withServerVariables` reads it.
 */
export interface ServerVariables {
  readonly variables: Readonly<
    Record<
      string,
      {
        /** The client option that sets it. */
        readonly option: string;
        /** The environment variable read when the option is not given. */
        readonly env: string;
        readonly default: string;
        /** The values the spec allows (an `enum`), when it lists them. */
        readonly values?: readonly string[];
      }
    >
  >;
  /** Each region's URL with the variables still in braces; a region whose URL has none is not listed. */
  readonly templates: Readonly<Record<string, string>>;
}

// ---- webhooks: what the verifier (src/webhooks/) and @switchboard/mock's sender read ----

export interface WebhookDefinition {
  /**
   * The property path, in the payload, of the value that says which event it is (Telnyx's
   * `["data", "event_type"]`), when the spec has one.
   */
  readonly discriminator?: readonly string[];
  /** How deliveries are signed; absent when the spec does not say (events are typed, not verifiable). */
  readonly signature?: WebhookSignatureScheme;
}

/**
 * A webhook signature scheme, read from the provider's spec (or declared by an overlay): Telnyx's
 * `{algorithm: "ed25519", headers: {signature: "telnyx-signature-ed25519", timestamp: "telnyx-timestamp"},
 * content: "{timestamp}|{body}"}`, or Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, content `{id}.{timestamp}.{body}`, `version` `v1` for HMAC and `v1a` for Ed25519),
 * GitHub's (`x-hub-signature-256: sha256=<hex>` over the body alone, the secret as text) or Stripe's
 * (`stripe-signature: t=<timestamp>,v1=<hex>` over `{timestamp}.{body}`).
 */
export interface WebhookSignatureScheme {
  /**
   * `ed25519` (verified with the provider's public key), or `hmac-sha256`, `hmac-sha512` or `hmac-sha1` (a
   * secret shared with it; SHA-512 where a provider signs so, Paystack's; SHA-1 where a provider still signs so:
   * Twilio's scheme, GitHub's legacy `X-Hub-Signature`), or
   * `token`: the signature header carries the shared secret itself, after `prefix` if any (GitLab's
   * `X-Gitlab-Token`, Vapi's `X-Vapi-Secret`). A token signs nothing: it shows who sent the delivery, and the
   * body's integrity rests on TLS alone; it is compared in constant time, and its secret taken as text.
   */
  readonly algorithm: "ed25519" | "hmac-sha256" | "hmac-sha512" | "hmac-sha1" | "token";
  /**
   * Header names, lower-case. The timestamp (Unix seconds, or milliseconds: `timestampUnit`) where one is
   * sent in a header of its own; `id` only where the content signs it.
   */
  readonly headers: { readonly signature: string; readonly timestamp?: string; readonly id?: string };
  /** The unit of the timestamp sent and signed: `seconds` (the default) or `milliseconds` (Retell's `v=`). */
  readonly timestampUnit?: "seconds" | "milliseconds";
  /**
   * What is signed: `{timestamp}`, `{id}` (header values as sent) and `{body}` (the raw body) laid out. A
   * scheme without a timestamp signs the body alone, and cannot refuse a replayed delivery by its age.
   */
  readonly content: string;
  /**
   * Standard Webhooks' signature list: the header holds space-separated `<version>,<base64>` entries and one
   * of this version must match.
   */
  readonly version?: string;
  /**
   * The header is a comma-separated list of `key=value` pairs (Stripe's `t=1492774577,v1=5257a8…`): the key of
   * the signatures (any one of them must match) and of the timestamp, where the timestamp is sent there.
   */
  readonly pairs?: { readonly signature: string; readonly timestamp?: string };
  /** Written before the one signature the header holds (GitHub's `sha256=`). */
  readonly prefix?: string;
  /** How a signature is written: `base64` (the default) or `hex`. */
  readonly encoding?: "base64" | "hex";
  /**
   * How the key is given: `base64` of its bytes (the default: Telnyx's public key, Standard Webhooks'
   * `whsec_` secret), or `text`, an HMAC secret whose UTF-8 bytes are the key (GitHub's, Stripe's).
   */
  readonly keyFormat?: "base64" | "text";
  /** The environment variable the key defaults to (`TELNYX_PUBLIC_KEY`). */
  readonly keyEnv: string;
  /** A prefix a base64 key may be shown with, dropped before decoding it (Standard Webhooks' `whsec_`). */
  readonly keyPrefix?: string;
}

// ---- what a row's pager (`all: paginate`) is given: a method, and the options of the call ----

/** Per-call options; each wins over the client's. */
export interface CallOptions {
  /** Extra headers for this call; they win over the client's, and a `null` value removes one. */
  headers?: Headers | Record<string, string | null | undefined> | undefined;
  /** Aborts the call, including a wait before a retry; an aborted call is never retried. */
  signal?: AbortSignal | undefined;
  /** Retries after the first attempt (client default 2). */
  maxRetries?: number | undefined;
  /** Milliseconds each attempt may take (client default 60 000); 0 for no limit. */
  timeout?: number | undefined;
  /**
   * Sent in the `Idempotency-Key` header (or the client's `idempotencyHeader`), the same on every attempt.
   * `true` generates a UUID. POST and PATCH are retried only when they carry one.
   */
  idempotencyKey?: string | true | undefined;
}

/** A generated method, as a pager calls it. */
export type PagedMethod = (
  input?: Record<string, unknown>,
  options?: CallOptions,
) => Promise<{ data?: unknown; error?: unknown; response?: Response | undefined }>;

/** What a table row's `all` is: `paginate`, or anything that pages the same way (items, or `pages`). */
export type Pager = (
  method: PagedMethod,
  paging: Paging,
  pages: boolean,
  input?: Record<string, unknown>,
  options?: CallOptions,
) => AsyncGenerator<unknown, void, undefined>;
