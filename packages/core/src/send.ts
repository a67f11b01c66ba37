/**
 * The request pipeline every call goes through, generated methods and raw `GET`/`POST`/… alike: attempts
 * with a fresh timeout each, openapi-fetch-style middleware around each attempt, redirects that never take
 * credentials to another origin, bodies read by their type, retries, logging and the `onAttempt` hook.
 *
 * Why our own pipeline rather than openapi-fetch's `createClient` over a retrying `fetch`: openapi-fetch's
 * request function alone is 2.5 kB of a one-call app's 4 kB budget (esbuild, gzip); it parses every body
 * as JSON (an unhandled SyntaxError on malformed JSON) and reports an empty error body as no error; and it
 * runs middleware once per call, so a retry beneath it would skip the middleware (an auth refresh, a
 * signature, a log line) on every attempt but the first. Here retries wrap the middleware chain: each
 * attempt is a new Request that each middleware sees, as if the caller had called again. openapi-fetch's
 * middleware contract and types are kept as they are.
 */
import type { MergedOptions, Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { clock } from "./clock.js";
import { describeErrorBody, type ErrorKind, kindOfStatus, SwitchboardError } from "./errors.js";
import type { Log } from "./log.js";
import { type ParseAs, readBody } from "./response.js";
import { onAbort, retryDelay, shouldRetry, sleep } from "./retry.js";
import type { Result } from "./types.js";

/** What the `onAttempt` hook is told after each attempt. */
export interface AttemptInfo {
  readonly provider: string;
  /** The method name (`deleteIp`), or `DELETE /ips/{id}` for a raw call. */
  readonly operation: string;
  readonly method: string;
  /** The URL requested, credentials redacted. */
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** Set when the attempt failed, whether or not it is retried. */
  readonly error: SwitchboardError | undefined;
  /** Milliseconds until the next attempt, when there is one. */
  readonly retryIn: number | undefined;
  readonly durationMs: number;
}

export type Fetch = (request: Request) => Promise<Response>;

/** One client's pipeline settings, built once per client. */
export interface Transport {
  readonly provider: string;
  readonly fetch?: Fetch | undefined;
  readonly middleware: Middleware[];
  readonly maxRetries: number;
  readonly timeout: number;
  readonly maxRetryDelay: number;
  /** Lower-cased. */
  readonly idempotencyHeader: string;
  readonly log: Log | undefined;
  readonly onAttempt?: ((attempt: AttemptInfo) => void) | undefined;
  readonly redact: (text: string) => string;
}

/** One call, ready to send: every attempt sends exactly this. */
export interface Call {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  /** Lower-cased names; may be shared between calls, so never mutated. */
  readonly headers: Readonly<Record<string, string>>;
  /** Re-sent intact on every attempt, so never a stream that can be read only once. */
  readonly body: BodyInit | undefined;
  readonly signal: AbortSignal | undefined;
  readonly maxRetries: number | undefined;
  readonly timeout: number | undefined;
  readonly parseAs?: ParseAs | undefined;
  readonly middleware?: readonly Middleware[] | undefined;
  /** What openapi-fetch passes middleware besides the request. */
  readonly schemaPath: string;
  readonly params: MiddlewareCallbackParams["params"];
  readonly baseUrl: string;
  /** The query serializer the URL was written with (middleware see it in `options`). */
  // Raw calls only: openapi-fetch's per-call options.
  /** Middleware `options`, with the call's serializers. */
  readonly options?: MergedOptions | undefined;
  /** The call's own fetch (its `fetch`, `Request` class or unknown init fields), else the client's. */
  readonly fetch?: Fetch | undefined;
  /** More RequestInit fields (`credentials`, `cache`, `redirect`: "follow" | "manual" | "error", …). */
  readonly init?: RequestInit | undefined;
}

/**
 * fetch failed to get a response, as opposed to a middleware throwing. A `SyntaxError` cause is a response
 * that cannot be used (a redirect not followed), reported as `invalid_response` like a malformed body.
 */
class Unreachable {
  // Declared, not a parameter property: that would also emit a class field, bytes every app ships.
  declare readonly cause: unknown;
  constructor(cause: unknown) {
    this.cause = cause;
  }
}

const requestIdOf = (response: Response | undefined): string | undefined =>
  ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"]
    .map((name) => response?.headers.get(name))
    .find(Boolean) as string | undefined;

export async function send(transport: Transport, call: Call): Promise<Result<unknown, unknown>> {
  const { provider, log, onAttempt, redact } = transport;
  const { signal, method, operation, url } = call;
  const timeout = call.timeout ?? transport.timeout;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    log?.("debug", `${operation} ${method} ${url} (attempt ${attempt})`);
    // A fresh signal per attempt, aborted by the attempt's own timeout or by the caller's signal. By hand
    // rather than `AbortSignal.any([caller, AbortSignal.timeout(ms)])`, which allocates two more signals per
    // attempt, cannot tell the caller's abort from our timeout, and keeps its timer until it fires.
    // 0 or Infinity means no limit; setTimeout would fire at once for anything above 2^31 - 1 ms.
    const timer =
      timeout > 0 && timeout < 2 ** 31 ? clock.setTimeout(() => controller!.abort(), timeout) : undefined;
    // With neither a limit nor a caller's signal, fetch gets no signal at all: Node's fetch spends more on a
    // signal (a listener, a WeakRef and a finalizer per request) than this whole pipeline spends on a call.
    const controller = timer || signal ? new AbortController() : undefined;
    const abort = () => controller!.abort(signal!.reason);
    const stop = signal?.aborted ? abort() : signal && onAbort(signal, abort);

    let response: Response | undefined;
    let data: unknown;
    let error: SwitchboardError | undefined;
    const fail = (kind: ErrorKind, cause?: any, body?: unknown, rawBody?: string) => {
      const detail = cause?.cause?.code ?? cause?.cause?.message;
      // Only an HTTP error has a body to describe; for any other, both are undefined.
      const described = describeErrorBody(body);
      const message =
        kind === "timeout"
          ? `attempt timed out after ${timeout} ms`
          : kind === "aborted"
            ? "aborted by the caller"
            : cause
              ? `${cause.message ?? cause}${detail ? ` (${detail})` : ""}`
              : // A body without a message of its own (an empty 503): the status line's reason phrase.
                described.message || response?.statusText;
      return new SwitchboardError({
        kind,
        provider,
        operation,
        status: response?.status,
        code: described.code,
        message: message && redact(message),
        requestId: requestIdOf(response),
        body,
        rawBody,
        attempts: attempt,
        cause,
      });
    };
    try {
      response = await exchange(transport, call, controller?.signal);
      const { ok, status } = response;
      const [body, text] = await readBody(
        response,
        method,
        ok ? call.parseAs : "json",
        ok ? undefined : redact,
      );
      if (ok) data = body;
      else error = fail(kindOfStatus(status), undefined, body, text);
    } catch (thrown) {
      // Before a response, only fetch's own failures are ours to report; anything else is a middleware's
      // exception, for the caller to see. After it, a throw is the body failing to arrive or to parse.
      if (!response && !(thrown instanceof Unreachable)) throw thrown;
      const cause = response ? thrown : (thrown as Unreachable).cause;
      const kind = signal?.aborted
        ? "aborted"
        : controller?.signal.aborted // by nothing but the timer, when the caller's signal is not
          ? "timeout"
          : cause instanceof SyntaxError
            ? "invalid_response"
            : "connection";
      error = fail(kind, cause);
    } finally {
      clock.clearTimeout(timer); // no timer (undefined) is nothing to clear
      stop?.();
    }

    // Whether to retry is shouldRetry's call (an idempotency key makes a POST or PATCH safe to retry); how
    // long to wait is retryDelay's, which returns undefined (no retry) when the server asks for a longer
    // wait than maxRetryDelay.
    const retryIn =
      error &&
      shouldRetry(
        method,
        transport.idempotencyHeader in call.headers,
        error.kind,
        response,
        attempt,
        call.maxRetries ?? transport.maxRetries,
      )
        ? retryDelay(response?.headers, attempt - 1, transport.maxRetryDelay)
        : undefined;
    if (log || onAttempt) {
      const status = response?.status;
      const requestId = requestIdOf(response);
      const durationMs = Date.now() - started;
      const line = `${operation} ${method} ${url} → ${status ?? error?.kind} in ${durationMs} ms (attempt ${attempt}${requestId ? `, request id ${requestId}` : ""})`;
      if (retryIn !== undefined) log?.("warn", `${line}; retrying in ${Math.round(retryIn)} ms`);
      else if (error) log?.("error", `${line}: ${error.message}`);
      else log?.("info", line);
      onAttempt?.({
        provider,
        operation,
        method,
        url: redact(url),
        attempt,
        status,
        requestId,
        error,
        retryIn,
        durationMs,
      });
    }
    // A success is never retried (`retryIn` is undefined without an error).
    if (retryIn === undefined) return error ? { error, response } : { data, response: response! };
    await sleep(retryIn, signal);
    if (signal?.aborted) return { error: fail("aborted"), response };
  }
}

/**
 * One attempt: each middleware's `onRequest` in order, fetch (following redirects), then `onError` or
 * `onResponse` in reverse order, as openapi-fetch runs them; a Response returned by `onRequest` is the
 * attempt's response, and no `onResponse` sees it. Without middleware or a custom fetch, fetch gets the URL
 * and init directly, and no Request object is made.
 */
async function exchange(
  transport: Transport,
  call: Call,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const init: RequestInit = {
    ...call.init,
    method: call.method,
    headers: call.headers,
    body: call.body, // undefined, as null, is no body
    signal,
    redirect: "manual",
  };
  const middleware = call.middleware ? [...transport.middleware, ...call.middleware] : transport.middleware;
  if (middleware.length === 0) return follow(transport, call, call.url, init);

  const context = {
    request: new Request(call.url, init),
    schemaPath: call.schemaPath,
    params: call.params,
    id: crypto.randomUUID(),
    // Generated methods write their query, path and body from their table row: no serializers to pass on.
    options: call.options ?? {
      baseUrl: call.baseUrl,
      parseAs: call.parseAs ?? "json",
      fetch: transport.fetch ?? fetch,
    },
  } as MiddlewareCallbackParams;
  for (const m of middleware) {
    const result: unknown = await m.onRequest?.({ ...context });
    if (result instanceof Request) context.request = result;
    else if (result instanceof Response) return result;
  }
  const { request } = context;
  let response: Response | undefined;
  try {
    response = await follow(
      transport,
      call,
      request.url,
      { ...init, method: request.method, headers: request.headers },
      request,
    );
  } catch (thrown) {
    let error = (thrown as Unreachable).cause;
    for (let i = middleware.length; i-- && !response; ) {
      const result: unknown = await middleware[i]!.onError?.({ ...context, error });
      if (result instanceof Response) response = result;
      else if (result instanceof Error) error = result;
    }
    if (!response) throw new Unreachable(error);
  }
  for (let i = middleware.length; i--; ) {
    const result: unknown = await middleware[i]!.onResponse?.({ ...context, response });
    if (result instanceof Response) response = result;
  }
  return response;
}

/**
 * fetch with redirects followed by hand (`redirect: "manual"`): fetch itself drops only `Authorization`
 * on a cross-origin redirect, and would send a custom credential header such as Vobiz's `X-Auth-Token` to
 * whatever origin a redirect names. Here a redirect to another origin keeps only headers that carry no
 * credential. Methods and bodies change as fetch changes them: 303, or 301/302 after a POST, become a GET.
 * Only http(s) targets are followed, at most 20 in a row (as fetch does); a redirect not followed fails the
 * call as `invalid_response`, which is never retried. A raw call's `redirect: "manual"` returns the 3xx.
 */
async function follow(transport: Transport, call: Call, url: string, init: RequestInit, first?: Request) {
  const fetcher = call.fetch ?? transport.fetch;
  const mode = call.init?.redirect;
  for (let hops = 0; ; hops++) {
    let response: Response;
    try {
      const request = first ?? (fetcher && new Request(url, init));
      first = undefined;
      response = await (request ? (fetcher ?? fetch)(request) : fetch(url, init));
    } catch (cause) {
      throw new Unreachable(cause);
    }
    const { status } = response;
    const location = response.headers.get("location");
    // A redirect is 301, 302, 303, 307 or 308 (a 300 or 304 with a Location is an answer, not a redirect).
    if (!location || !/^30[12378]$/.test(String(status)) || mode === "manual") return response;
    await response.body?.cancel();
    // A Location that is no URL (`http://[oops`) is the server's failure like any other, not a TypeError
    // thrown past the caller (naming the request's URL, credentials and all, as its base).
    const next = (URL.canParse(location, url) && new URL(location, url)) as URL;
    const refused = !next
      ? "not a URL"
      : mode === "error"
        ? 'redirect: "error"'
        : hops === 20
          ? "21 in a row"
          : !/^https?:$/.test(next.protocol) && "not http(s)";
    // Redacted here, whole, before it is cut short: the error's cause is shown too (util.inspect), and a
    // credential cut in two is no longer one the redactor knows.
    if (refused)
      throw new Unreachable(
        new SyntaxError(
          `redirect to ${transport.redact(next ? next.href : location).slice(0, 99)} not followed (${refused})`,
        ),
      );
    const toGet = status === 303 ? init.method !== "HEAD" : status < 303 && init.method === "POST";
    const sameOrigin = next.origin === new URL(url).origin;
    init = {
      ...init,
      ...(toGet && { method: "GET", body: null }),
      // A request made a GET has no body, so none of the headers that describe one (as fetch drops them);
      // another origin gets only the headers that carry no credential.
      headers: [...new Headers(init.headers)].filter(
        ([name]) =>
          !(toGet && name.startsWith("content-")) &&
          (sameOrigin || /^(accept(-language)?|content-(language|type)|user-agent)$/.test(name)),
      ),
    };
    url = next.href;
  }
}
