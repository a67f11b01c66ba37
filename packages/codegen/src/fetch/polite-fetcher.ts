/**
 * Downloads documentation pages the way a well-behaved crawler does, on Node's own fetch (undici): a bounded
 * number of requests at a time; retries with backoff on 429, 5xx, timeouts and dropped connections, waiting
 * as long as a `Retry-After` asks (and pausing every other request meanwhile); conditional requests
 * (`If-None-Match` / `If-Modified-Since`) so an unchanged page costs a 304 and no body; a timeout per attempt
 * that covers the body; a size limit enforced while the body streams in; and redirects followed by hand, so a
 * loop, a hop off the allowed hosts or a chain that never ends is an error naming every URL on the way.
 *
 * Nothing here knows about Markdown or OpenAPI: a result is bytes and headers, or a failure with its reason.
 */

export interface Validators {
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

export type FetchResult =
  | {
      status: "ok";
      /** The URL asked for. */
      url: string;
      /** Where the body came from, after redirects. */
      finalUrl: string;
      text: string;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      bytes: number;
    }
  | { status: "not-modified"; url: string; finalUrl: string }
  | { status: "failed"; url: string; reason: string; httpStatus?: number };

export interface FetcherOptions {
  /** Requests in flight at once. */
  concurrency?: number;
  /** Per attempt, body included. */
  timeoutMs?: number;
  /** Further attempts after the first, for transient failures. */
  retries?: number;
  /** First backoff delay; doubled per retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this fails the page instead of stalling the run. */
  maxRetryAfterMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Whether a redirect may go to this URL (the first URL is the caller's to check). */
  mayFollow?: (url: URL) => string | undefined;
  userAgent?: string;
  /** Replaced in tests to observe the waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface FetchStats {
  /** HTTP requests sent, retries and redirect hops included. */
  requests: number;
  notModified: number;
  retries: number;
  bytes: number;
}

export const PAGE_SIZE_LIMIT = 5 * 1024 * 1024;
const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

const defaults = {
  concurrency: 6,
  timeoutMs: 30_000,
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  maxBytes: PAGE_SIZE_LIMIT,
  maxRedirects: 10,
  userAgent: "switchboard-codegen (llms.txt vendoring; https://llmstxt.org)",
};

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : n >= 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${n} B`;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What one attempt came to: a result, or a failure worth another attempt after `waitMs`. */
type Attempt = { done: FetchResult } | { retry: string; waitMs?: number };

class BodyTooLarge extends Error {}

/**
 * A small counting semaphore: the one piece of scheduling this needs, so not worth a dependency (p-limit would
 * do the same in more code than it saves).
 */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

export class PoliteFetcher {
  readonly stats: FetchStats = { requests: 0, notModified: 0, retries: 0, bytes: 0 };
  private readonly options: Required<Omit<FetcherOptions, "mayFollow">> & Pick<FetcherOptions, "mayFollow">;
  private readonly slots: Slots;
  /** Set by a `Retry-After`: no request of this fetcher starts before it. */
  private pausedUntil = 0;

  constructor(options: FetcherOptions = {}) {
    this.options = {
      ...defaults,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as PoliteFetcher["options"];
    if (!(this.options.concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
    this.slots = new Slots(this.options.concurrency);
  }

  /** GETs `url`; sends the validators as a conditional request when given. Never throws for the network. */
  get(url: string, validators: Validators = {}): Promise<FetchResult> {
    return this.slots.run(() => this.withRetries(url, validators));
  }

  private async withRetries(url: string, validators: Validators): Promise<FetchResult> {
    const { retries, maxRetryAfterMs } = this.options;
    let last = "";
    let waited = false;
    for (let attempt = 0; ; attempt++) {
      // Another request's Retry-After pauses this one too (the site is asking all of us to slow down).
      const pause = waited ? 0 : this.pausedUntil - Date.now();
      if (pause > 0) await this.options.sleep(pause);
      waited = false;
      const outcome = await this.followRedirects(url, validators);
      if ("done" in outcome) return outcome.done;
      last = outcome.retry;
      if (outcome.waitMs !== undefined && outcome.waitMs > maxRetryAfterMs) {
        const reason = `${last}; the server asks to wait ${seconds(outcome.waitMs)} (Retry-After), longer than the ${seconds(maxRetryAfterMs)} this command waits: try again later`;
        return { status: "failed", url, reason };
      }
      if (attempt >= retries) {
        const tries = attempt + 1;
        return { status: "failed", url, reason: `${last} (${tries} attempt${tries === 1 ? "" : "s"})` };
      }
      const wait = outcome.waitMs ?? this.backoff(attempt);
      if (outcome.waitMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
      this.stats.retries++;
      await this.options.sleep(wait);
      waited = true;
    }
  }

  /** Exponential backoff with "equal jitter": half the delay fixed, half random. */
  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs, random } = this.options;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(delay / 2 + (random() * delay) / 2);
  }

  private async followRedirects(url: string, validators: Validators): Promise<Attempt> {
    const chain = [url];
    let current = url;
    for (;;) {
      const attempt = await this.once(url, current, validators);
      if (!("redirect" in attempt)) return attempt;
      let next: URL;
      try {
        next = new URL(attempt.redirect, current);
      } catch {
        return fail(url, `redirect from ${current} to an invalid URL "${attempt.redirect}"`);
      }
      next.hash = "";
      const target = next.href;
      if (chain.includes(target)) return fail(url, `redirect loop: ${[...chain, target].join(" → ")}`);
      chain.push(target);
      if (chain.length - 1 > this.options.maxRedirects) {
        return fail(url, `more than ${this.options.maxRedirects} redirects: ${chain.join(" → ")}`);
      }
      const refused = this.options.mayFollow?.(next);
      if (refused) return fail(url, `redirects to ${target}, ${refused}`);
      current = target;
    }
  }

  private async once(
    url: string,
    current: string,
    validators: Validators,
  ): Promise<Attempt | { redirect: string }> {
    const { timeoutMs, maxBytes, userAgent } = this.options;
    const headers: Record<string, string> = {
      accept: "text/markdown, text/plain;q=0.9, text/*;q=0.5, */*;q=0.1",
      "user-agent": userAgent,
    };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
    // A private site's `https://user:password@docs…` (fetch refuses a URL holding them): sent as Basic
    // credentials, as curl sends them, to that URL alone. A relative redirect keeps them (its URL is resolved
    // against this one), one to another host does not: the host named with them is the one trusted.
    const target = new URL(current);
    if (target.username || target.password) {
      const pair = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
      headers.authorization = `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
      target.username = "";
      target.password = "";
    }
    const signal = AbortSignal.timeout(timeoutMs);
    this.stats.requests++;
    let response: Response;
    try {
      response = await fetch(target, { headers, redirect: "manual", signal });
    } catch (error) {
      return networkFailure(url, error, current, timeoutMs);
    }
    const { status } = response;
    if (REDIRECT_STATUS.has(status)) {
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get("location");
      if (!location)
        return fail(url, `HTTP ${status} redirect from ${current} without a Location header`, status);
      return { redirect: location };
    }
    if (status === 304) {
      await response.body?.cancel().catch(() => {});
      if (!validators.etag && !validators.lastModified)
        return fail(url, "HTTP 304 Not Modified to a request that was not conditional", status);
      this.stats.notModified++;
      return { done: { status: "not-modified", url, finalUrl: current } };
    }
    const at = current === url ? "" : ` (at ${current})`;
    if (TRANSIENT_STATUS.has(status) || status >= 500) {
      await response.body?.cancel().catch(() => {});
      const waitMs = retryAfterMs(response.headers.get("retry-after"));
      return {
        retry: `HTTP ${status} ${response.statusText}${at}`.trimEnd(),
        ...(waitMs === undefined ? {} : { waitMs }),
      };
    }
    if (status < 200 || status > 299) {
      await response.body?.cancel().catch(() => {});
      return fail(url, `HTTP ${status} ${response.statusText}${at}`.trimEnd(), status);
    }
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      return fail(
        url,
        `is ${formatBytes(declared)}, over the ${formatBytes(maxBytes)} limit for a page`,
        status,
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = await readLimited(response, maxBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return fail(
          url,
          `is over the ${formatBytes(maxBytes)} limit for a page (stopped reading there)`,
          status,
        );
      return networkFailure(url, error, current, timeoutMs);
    }
    this.stats.bytes += bytes.length;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return fail(url, `is not UTF-8 text${at}`, status);
    }
    return {
      done: {
        status: "ok",
        url,
        finalUrl: current,
        text,
        contentType: response.headers.get("content-type"),
        etag: response.headers.get("etag"),
        lastModified: response.headers.get("last-modified"),
        bytes: bytes.length,
      },
    };
  }
}

function fail(url: string, reason: string, httpStatus?: number): { done: FetchResult } {
  return { done: { status: "failed", url, reason, ...(httpStatus === undefined ? {} : { httpStatus }) } };
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// Socket-level failures worth another attempt; anything else (a host that does not exist, a port fetch
// refuses, a malformed URL) fails the same way every time.
const PERMANENT_CODES = new Set(["ENOTFOUND", "ERR_INVALID_URL", "ERR_TLS_CERT_ALTNAME_INVALID"]);

function networkFailure(url: string, error: unknown, current: string, timeoutMs: number): Attempt {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return { retry: `timed out after ${seconds(timeoutMs)}` };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  const reason = `could not fetch ${current}: ${detail}`;
  const transient = cause?.code !== undefined && !PERMANENT_CODES.has(cause.code);
  return transient ? { retry: reason } : fail(url, reason);
}
