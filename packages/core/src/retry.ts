import { clock } from "./clock.js";

/**
 * When to retry and how long to wait first, following the Stainless SDKs (the official Telnyx SDK among
 * them) so their users find the same behaviour, with one difference: a server that asks for a longer wait
 * than `maxRetryDelay` is not retried early; its error is returned at once for the caller to schedule.
 */

/** 408, 409 (lock timeouts), 429 and 5xx, unless the server says otherwise with `x-should-retry`. */
export function isRetryableResponse({ headers, status }: Response): boolean {
  const hint = headers.get("x-should-retry");
  return hint === "true" || hint === "false"
    ? hint === "true"
    : status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `retry` (0-based): the server's `retry-after-ms`, else its
 * `Retry-After` (seconds or an HTTP date), else exponential backoff from 0.5 s to 8 s with up to 25 %
 * jitter. `undefined` when the server asks for more than `cap`.
 */
export function retryDelay(headers: Headers | undefined, retry: number, cap: number): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  const after = headers?.get("retry-after");
  const asked =
    ms >= 0
      ? ms
      : after
        ? Number.isNaN(+after)
          ? Date.parse(after) - Date.now()
          : +after * 1000
        : Number.NaN;
  if (!Number.isNaN(asked)) return asked > cap ? undefined : Math.max(asked, 0);
  return Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() * 0.25);
}

/** Waits `ms`, or less if `signal` aborts; never rejects, and leaves neither timer nor listener behind. */
export const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = () => {
      clock.clearTimeout(timer);
      signal?.removeEventListener("abort", wake);
      resolve();
    };
    const timer = clock.setTimeout(wake, ms);
    signal?.addEventListener("abort", wake);
  });
