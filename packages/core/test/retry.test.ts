/**
 * The retry rule on its own, a row per case; the fault suite (test/faults) shows the same rules end to end,
 * with real servers, timers and backoff.
 */
import { describe, expect, it } from "vitest";
import type { ErrorKind } from "../src/errors.js";
import { shouldRetry } from "../src/retry.js";

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
