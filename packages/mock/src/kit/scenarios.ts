/**
 * Scripted answers per operation. `mock.on(operation, match?)` starts a scenario: an ordered list of
 * steps, each answering a number of calls (once, N times, or until the mock is reset). The newest scenario
 * of an operation is asked first, as msw's `server.use()` handlers are; one whose steps are used up, or
 * whose `match` does not fit the call, passes the call on to the next, and the spec's default answer comes
 * last. So `.replyOnce(503).replyOnce(503)` answers two calls and the third gets the documented 200.
 */
import type { Operation } from "./operations.js";

export type Step =
  | {
      readonly kind: "reply";
      /** Undefined: the operation's default status. */
      readonly status: number | undefined;
      readonly hasBody: boolean;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
      readonly delay: number;
    }
  | { readonly kind: "reset"; readonly delay: number }
  | { readonly kind: "hang" };

interface Entry {
  readonly step: Step;
  remaining: number;
}

export interface Rule {
  readonly operation: Operation;
  readonly match: ((call: MatchInput) => boolean) | undefined;
  readonly entries: Entry[];
  /** What `mock.on(…)` was given, for messages. */
  readonly label: string;
}

/** What a `match` sees of a call: the method's flat input (parameters and `body`). */
export type MatchInput = Readonly<Record<string, unknown>>;

export function checkTimes(times: unknown, where: string): number {
  if (times === undefined) return Number.POSITIVE_INFINITY;
  if (times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && (times as number) >= 1))
    return times as number;
  throw new TypeError(`${where}: times must be a whole number ≥ 1 (or Infinity), not ${String(times)}`);
}

export function checkDelay(delay: unknown, where: string): number {
  if (delay === undefined) return 0;
  if (typeof delay === "number" && delay >= 0 && Number.isFinite(delay)) return delay;
  throw new TypeError(`${where}: delay must be a number of milliseconds ≥ 0, not ${String(delay)}`);
}

export function checkStatus(status: unknown, where: string): number {
  if (Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599)
    return status as number;
  // Response objects cannot carry a 1xx status, and fetch never hands one to a caller.
  throw new TypeError(`${where}: status must be a whole number from 200 to 599, not ${String(status)}`);
}

/** A step as a test wrote it, for `mock.pending()`. */
export function describeStep(step: Step): string {
  if (step.kind === "reset") return "resetConnection";
  if (step.kind === "hang") return "hang";
  const status = step.status ?? "the default status";
  return step.delay ? `${status} after ${step.delay} ms` : String(status);
}

export function addEntry(rule: Rule, step: Step, times: number): void {
  const last = rule.entries.at(-1);
  if (last && last.remaining === Number.POSITIVE_INFINITY) {
    throw new TypeError(
      `${rule.label}: the step before this one lasts until the mock is reset, so this one would never be reached; give that one { times: n }`,
    );
  }
  rule.entries.push({ step, remaining: times });
}

/** Does `actual` contain everything `expected` has (objects key by key, arrays item by item)? */
export function contains(actual: unknown, expected: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected !== "object" || expected === null) {
    // Parameters arrive as text: `{ page: 2 }` matches `?page=2` even where ajv could not coerce it.
    return typeof actual === "string" && typeof expected !== "object" && actual === String(expected);
  }
  if (typeof actual !== "object" || actual === null) return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => contains(actual[i], e))
    );
  }
  return Object.entries(expected).every(([key, value]) =>
    contains((actual as Record<string, unknown>)[key], value),
  );
}

/** The next scripted step for a call of `operation`, used up as it is taken; undefined: answer by default. */
export function takeStep(rules: Rule[], operation: Operation, input: MatchInput): Step | undefined {
  for (const rule of rules) {
    if (rule.operation !== operation || rule.entries.length === 0) continue;
    if (rule.match && !rule.match(input)) continue;
    const entry = rule.entries[0]!;
    entry.remaining--;
    if (entry.remaining <= 0) rule.entries.shift();
    return entry.step;
  }
  return undefined;
}
