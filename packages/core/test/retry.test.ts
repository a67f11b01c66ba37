/**
 * The retry rule on its own, a row per case; the fault suite (test/faults) shows the same rules end to end,
 * with real servers, timers and backoff.
 */
import { describe, expect, it } from "vitest";
import type { ErrorKind } from "../src/errors.js";
import { retryDelay, shouldRetry, sleep } from "../src/retry.js";

/** A status, with `!` for `x-should-retry: true` and `?` for `false`; undefined for no response. */
const response = (status: string | undefined) =>
  status === undefined
    ? undefined
    : new Response(null, {
        status: Number.parseInt(status, 10),
        headers: status.endsWith("!")
          ? { "x-should-retry": "true" }
          : status.endsWith("?")
            ? { "x-should-retry": "false" }
            : {},
      });

describe("shouldRetry", () => {
  const rows: Array<[string, boolean, ErrorKind, string | undefined, number, number, boolean]> = [
    // method, keyed, kind, response status, attempt, maxRetries → retried
    ["GET", false, "server", "503", 1, 2, true],
    ["GET", false, "server", "503", 3, 2, false],
    ["GET", false, "server", "503", 1, 0, false],
    ["DELETE", false, "rate_limited", "429", 2, 2, true],
    ["PUT", false, "conflict", "409", 1, 2, true],
    ["GET", false, "client", "408", 1, 2, true],
    ["GET", false, "client", "418", 1, 2, false],
    ["GET", false, "not_found", "404", 1, 2, false],
    ["GET", false, "bad_request", "400!", 1, 2, true],
    ["GET", false, "server", "500?", 1, 2, false],
    ["POST", false, "server", "503", 1, 2, false],
    ["PATCH", false, "connection", undefined, 1, 2, false],
    ["POST", true, "server", "503", 1, 2, true],
    ["PATCH", true, "timeout", undefined, 1, 2, true],
    ["GET", false, "connection", undefined, 1, 2, true],
    ["GET", false, "connection", "200", 1, 2, true],
    ["GET", false, "timeout", "200", 1, 2, true],
    ["GET", false, "aborted", undefined, 1, 2, false],
    ["GET", false, "aborted", "503", 1, 2, false],
    ["GET", false, "invalid_response", "200", 1, 2, false],
  ];
  it.each(rows)(
    "%s keyed=%s %s %s attempt %i of 1+%i → %s",
    (method, keyed, kind, res, attempt, max, retried) => {
      expect(shouldRetry(method, keyed, kind, response(res), attempt, max)).toBe(retried);
    },
  );
});

describe("retryDelay", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("waits what the server asks, up to and including the cap, and does not retry beyond it", () => {
    expect(retryDelay(headers({ "retry-after-ms": "60000" }), 0, 60_000)).toBe(60_000);
    expect(retryDelay(headers({ "retry-after-ms": "60001" }), 0, 60_000)).toBeUndefined();
    expect(retryDelay(headers({ "retry-after": "60" }), 0, 60_000)).toBe(60_000);
    expect(retryDelay(headers({ "retry-after": "61" }), 0, 60_000)).toBeUndefined();
    expect(retryDelay(headers({ "retry-after-ms": "250.5" }), 3, 60_000)).toBe(250.5);
  });

  it("retries at once for 0 and for a date already past", () => {
    expect(retryDelay(headers({ "retry-after": "0" }), 0, 60_000)).toBe(0);
    expect(retryDelay(headers({ "retry-after-ms": "0" }), 0, 60_000)).toBe(0);
    expect(retryDelay(headers({ "retry-after": "Thu, 01 Jan 2015 00:00:00 GMT" }), 0, 60_000)).toBe(0);
  });

  it("backs off exponentially, with up to a quarter off for jitter, when the server says nothing usable", () => {
    for (const [retry, full] of [
      [0, 500],
      [1, 1000],
      [4, 8000],
      [9, 8000],
    ]) {
      for (const given of [
        undefined,
        headers({}),
        headers({ "retry-after-ms": "-5", "retry-after": "soon" }),
      ]) {
        const delay = retryDelay(given, retry!, 60_000)!;
        expect(delay).toBeLessThanOrEqual(full!);
        expect(delay).toBeGreaterThan(full! * 0.75);
      }
    }
  });
});

describe("sleep", () => {
  it("returns at once for a signal already aborted", async () => {
    let woke = false;
    const waiting = sleep(60_000, AbortSignal.abort()).then(() => {
      woke = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(woke).toBe(true);
    await waiting;
  });
});
