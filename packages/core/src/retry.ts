import { clock } from "./clock.js";
import type { ErrorKind } from "./errors.js";

/**
 * When to retry and how long to wait first, following the Stainless SDKs (the official Telnyx SDK among
 * them) so their users find the same behaviour, with one difference: a server that asks for a longer wait
 * than `maxRetryDelay` is not retried early; its error is returned at once for the caller to schedule.
 */

/**
 * Whether a failed attempt is tried again, the whole rule in one place (as Stainless's `shouldRetry` and
 * AWS's `retryDecider`), asked by `send` after every failed attempt:
 * - not once `attempt` (1-based) exceeds `maxRetries`;
 * - POST and PATCH may not be safe to repeat: only when they carry an idempotency key (`keyed`);
 * - no response, a timeout, or a connection that broke in the middle of the body: yes;
 * - the caller aborted, or `invalid_response` (a 2xx body is not the JSON it claims, or a redirect cannot be
 *   followed: to a URL that is not http(s), or more than 20 in a row): never;
 * - an HTTP error: as the server says with `x-should-retry: true|false`, else for 408, 409 (lock
 *   timeouts), 429 and 5xx.
 * How long to wait is `retryDelay`'s, which may still rule a retry out: a server that asks for a longer
 * wait than `maxRetryDelay` is not retried early. One expression because every one-call app bundles it:
 * written as a chain of early returns it costs a one-call app 12 more bytes gzipped.
 */
export function shouldRetry(
  method: string,
  keyed: boolean,
  kind: ErrorKind,
  response: Response | undefined,
  attempt: number,
  maxRetries: number,
): boolean {
  const hint = response?.headers.get("x-should-retry");
  return (
    attempt <= maxRetries &&
    (keyed || (method !== "POST" && method !== "PATCH")) &&
    (kind === "connection" ||
      kind === "timeout" ||
      // An HTTP error; `invalid_response` has a 2xx response or, for a redirect not followed, none.
      (kind !== "aborted" &&
        response?.ok === false &&
        (hint === "true" || hint === "false"
          ? hint === "true"
          : [408, 409, 429].includes(response!.status) || response!.status >= 500)))
  );
}

/**
 * Milliseconds to wait before retry number `retry` (0-based): the server's `retry-after-ms`, else its
 * `Retry-After` (seconds or an HTTP date), else exponential backoff from 0.5 s to 8 s with up to 25 %
 * jitter. `undefined` when the server asks for more than `cap`.
 */
export function retryDelay(headers: Headers | undefined, retry: number, cap: number): number | undefined {
  // An absent header (null or undefined) parses as NaN, as an empty string would.
  const ms = parseFloat(headers?.get("retry-after-ms") as string);
  const after = headers?.get("retry-after");
  // Seconds, else a date ("0" seconds falls through to a date long past, which also means at once).
  const asked = ms >= 0 ? ms : after ? +after * 1000 || Date.parse(after) - Date.now() : NaN;
  // NaN (nothing asked, or a date that does not parse) is neither above nor at most `cap`: backoff.
  return asked > cap
    ? undefined
    : asked <= cap
      ? Math.max(asked, 0)
      : Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() * 0.25);
}

/** The callbacks waiting on each caller's signal, behind one listener per signal (see `onAbort`). */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `run` when `signal` aborts; returns what stops it. However many calls share one signal (an app-wide
 * shutdown signal, 30 calls at once), the signal gets one listener: a listener per call would trip Node's
 * MaxListenersExceededWarning at 11. By hand rather than `AbortSignal.any`, whose dependent signals some
 * runtimes keep for as long as the source signal lives.
 */
export function onAbort(signal: AbortSignal, run: () => void): () => void {
  let runs = waiting.get(signal);
  if (!runs) {
    // The set made here is `runs` from now on: the listener and the returned stop read it.
    runs = new Set();
    waiting.set(signal, runs);
    signal.addEventListener("abort", () => {
      for (const wake of runs!) wake();
    });
  }
  runs.add(run);
  return () => void runs!.delete(run);
}

/** Waits `ms`, or less if `signal` aborts; never rejects, and leaves neither timer nor callback behind. */
export const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = () => {
      clock.clearTimeout(timer);
      stop?.();
      resolve();
    };
    const timer = clock.setTimeout(wake, ms);
    const stop = signal && onAbort(signal, wake);
  });
