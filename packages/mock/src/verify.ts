/**
 * Runs a contract case through a generated client and says what, if anything, broke the contract. Shared by
 * our contract tests and `npm start`, and usable by anyone testing their own code against the mocks.
 */
import type { ContractCase } from "./cases.js";
import {
  bodilessDefect,
  COMBINATION_FAILED,
  defectPerViolation,
  describeDefect,
  distinctDefects,
  fitsOnceFixed,
  isViolation,
  type PrismViolation,
  requestDefects,
  type SpecDefect,
  textDefect,
  violationsOf,
  withSchemaFixes,
} from "./defects.js";
import { specPathOf } from "./kit/operations.js";

/** A generated operation table: method name → [HTTP method, path, meta]. */
export type EndpointTable = Readonly<Record<string, readonly [string, string, ...unknown[]]>>;

/** What a generated method resolves to (see @switchboard/core's `Result`). */
export interface CallResult {
  data?: unknown;
  error?: { kind?: string; status?: number; body?: unknown; message: string };
  response?: Response;
}

export type ClientMethods = Record<
  string,
  (input?: Record<string, unknown>, options?: unknown) => Promise<CallResult>
>;

/** The method name that calls a case's operation, looked up by HTTP method and path. */
export function methodFor(endpoints: EndpointTable, c: Pick<ContractCase, "method" | "path">): string {
  const found = Object.entries(endpoints).find(
    ([, row]) => row[0].toLowerCase() === c.method && specPathOf(row) === c.path,
  );
  if (!found) throw new Error(`no generated method for ${c.method.toUpperCase()} ${c.path}`);
  return found[0];
}

/** The flat input a generated method takes, from a case's parameters and body. */
export function methodInput(c: ContractCase, omit: readonly string[] = []): Record<string, unknown> {
  const input: Record<string, unknown> = { ...c.input.path, ...c.input.query, ...c.input.header };
  for (const key of omit) delete input[key];
  if (c.input.body !== undefined) input.body = c.input.body;
  return input;
}

export interface CaseOutcome {
  readonly status: number | undefined;
  /** Human-readable: "data", "no content", "error not_found", "connection error", … */
  readonly outcome: string;
  /** Each way the exchange broke the contract (spec defects included, described); empty when it kept it. */
  readonly problems: string[];
  /**
   * The problems that are the provider's own, each with the overlay that fixes it (only when `checkOutcome`
   * was given the spec): the spec's example breaking its own schema, a schema contradicting itself, or a
   * request body's `oneOf` whose alternatives every body matches two of.
   */
  readonly defects: SpecDefect[];
}

/**
 * The `Prefer` header that asks Prism for a case's status; `fromSchema` asks it to answer from the schema
 * instead of the spec's examples (Prism's dynamic mode), the way through a case whose example is a spec defect.
 */
export const preferHeader = (status: number, options: { fromSchema?: boolean } = {}): string =>
  `code=${status}${options.fromSchema ? ", dynamic=true" : ""}`;

/**
 * Whether a call read a body. The runtime reads an empty JSON or text body as none (`undefined`), but an
 * operation whose body it reads as a file or as text (`response: "blob"`, `"text"`) still gets a Blob or a
 * string, empty ones for an empty body: an image documented by an empty example (RiteKit's logos) is no body.
 * A stream is one, whatever it will hold.
 */
const hasBody = (data: unknown) =>
  data !== undefined && data !== "" && !(data instanceof Blob && data.size === 0);
/**
 * A body read as a stream (an operation documented as `text/event-stream`): whether it holds anything shows
 * only as it is read, so an empty one (Prism's, where the spec gives the events no schema) is no sign of one.
 */
const isStream = (data: unknown) => typeof ReadableStream !== "undefined" && data instanceof ReadableStream;

/** Where Prism's own problem reports point their `type`: `https://stoplight.io/prism/errors#UNAUTHORIZED`. */
const PRISM_ERRORS = "https://stoplight.io/prism/errors#";

/** The severities of Prism's diagnostics that are not contract violations. */
const NOTES = new Set(["Warning", "Information", "Hint"]);

/**
 * Checks one exchange against its case: the documented status came back, Prism saw no contract violation
 * (an error of `sl-violations`, or its own `application/problem+json`), success carries data (none for 204), and
 * failure carries an error of the status' kind. A violation is named where it is: in the request (ours) or
 * in the response (Prism answered with the spec's own example, which breaks the spec's schema: a spec
 * defect). Given the bundled `spec`, each spec defect comes with its example's pointer and overlay fixes.
 */
export function checkOutcome(c: ContractCase, result: CallResult, spec?: object): CaseOutcome {
  const problems: string[] = [];
  const response = result.response;
  const status = response?.status ?? result.error?.status;
  if (!response) {
    return {
      status,
      outcome: `${result.error?.kind ?? "no"} error`,
      problems: [`no response: ${result.error?.message}`],
      defects: [],
    };
  }
  // Prism's warnings are notes, not violations: a deprecated parameter sent (one the operation requires is sent
  // all the same: readme's `status`), a security scheme it cannot check (`mutualTLS`, carried by TLS itself).
  const violations = violationsOf(response).filter((v) => !NOTES.has(String(v.severity)));
  const where = (v: PrismViolation) => v.location.slice(1).join(".") || "(no location)";
  // Prism's own reports (a request it refuses, a security it finds unmet) are problem+json typed under its
  // errors URL; a provider that documents its errors as problem+json (Rev.ai) is answered the same way.
  const body = (result.error?.body ?? result.data) as { type?: unknown; validation?: unknown } | undefined;
  const prismReport =
    (response.headers.get("content-type") ?? "").includes("application/problem+json") &&
    String(body?.type ?? "").startsWith(PRISM_ERRORS);
  // The request's violations as a refusal lists them (`body`, …) or `sl-violations` does (`request`, `body`, …).
  const refusedFor = prismReport && Array.isArray(body?.validation) ? body.validation : [];
  const inRequest = [
    ...violations
      .filter((v) => v.location[0] !== "response")
      .map((v) => ({ ...v, location: v.location.slice(1) })),
    ...refusedFor.filter(isViolation),
  ];
  // A request that breaks the spec only where the spec breaks itself (a oneOf every body matches twice, a
  // listed value the schema's own keyword refuses) is the spec's defect, with its fix. Explained with it: the
  // violation, and any other at or under it (an alternative of the oneOf the body does not match).
  const perViolationInRequest = spec ? inRequest.map((v) => [v, requestDefects(spec, c, [v])] as const) : [];
  const ofTheSpec = perViolationInRequest.filter(([, found]) => found.length > 0).map(([v]) => v);
  const requestSide = distinctDefects(perViolationInRequest.flatMap(([, found]) => found));
  const explainedInRequest = (v: PrismViolation) =>
    ofTheSpec.some((outer) => outer.location.every((key, i) => v.location[i] === key));
  // Refused for that alone (Prism's own 422, or a 400 or 422 the spec documents in place of the status asked
  // for), nothing else is: the refusal, its status and its error follow from it.
  const refused = prismReport || (status !== c.status && inRequest.length > 0);
  if (refused && requestSide.length > 0 && inRequest.every(explainedInRequest)) {
    return {
      status,
      outcome: `refused: ${requestSide.length === 1 ? "a spec defect" : "spec defects"}`,
      problems: requestSide.map(describeDefect),
      defects: requestSide,
    };
  }
  problems.push(...requestSide.map(describeDefect));
  for (const v of violations.filter((v) => v.location[0] !== "response")) {
    if (!explainedInRequest({ ...v, location: v.location.slice(1) }))
      problems.push(`Prism saw a contract violation in the request at ${where(v)}: ${v.message}`);
  }
  // A 204 or 205 the spec gives content: Prism made up a body, checked it, and sent none. Where that body
  // broke the schema, the content is the defect, and explains every violation in it.
  const unsent =
    spec &&
    response.status === c.status &&
    violations.some((v) => v.location[0] === "response" && v.location[1] === "body")
      ? bodilessDefect(spec, c)
      : undefined;
  const inResponse = violations.filter(
    (v) => v.location[0] === "response" && !(unsent && v.location[1] === "body"),
  );
  const answer = result.data !== undefined ? result.data : result.error?.body;
  const perViolation = spec ? defectPerViolation(spec, c, inResponse, response, answer) : [];
  const inAnswer = distinctDefects(perViolation);
  if (unsent) inAnswer.push(unsent);
  problems.push(...inAnswer.map(describeDefect));
  // Every violation a defect explains, also where it shares its defect with another and is not listed again.
  const explained = new Set(perViolation.map((d) => d.message));
  // A oneOf or anyOf that no alternative matches because a value inside it is a broken example of the spec
  // is that defect too: Prism reports the combination failing, and each other alternative's mismatch at the
  // same place (a property it requires), beside the value's own violation (Nexmo's reports).
  const at = (v: PrismViolation) => v.location.join("/");
  const within = (inner: PrismViolation, outer: PrismViolation) =>
    inner.location.length > outer.location.length &&
    outer.location.every((key, i) => inner.location[i] === key);
  // And where the defect is the schema's (a requirement no property meets, alternatives that overlap), the
  // value that fits once it is fixed explains every violation at or under it: each is an alternative the value
  // was not built from (Apple SiriKit, Vonage).
  const explainedAt = inResponse.filter((v) => explained.has(v.message));
  // And where they are broken examples under it, the answer with those values corrected (each defect's
  // `fix.correct`) that fits: the alternatives' mismatches beside them are the other alternatives' (ExaVault's
  // included records, an `anyOf` of an account, whose branding examples are no strings, and a resource, whose
  // `type` the account's is not).
  const corrected = (outer: PrismViolation) => {
    const copy = structuredClone(answer);
    for (const inner of explainedAt) {
      if (!within(inner, outer) || inner.location[1] !== "body") continue;
      const update = perViolation.find((d) => d.message === inner.message && d.fix?.correct)?.fix?.correct;
      const field = inner.location.slice(2);
      if (!update || field.length === 0) continue;
      let parent: unknown = copy;
      for (const key of field.slice(0, -1)) parent = (parent as Record<string | number, unknown>)?.[key];
      if (parent !== null && typeof parent === "object")
        (parent as Record<string | number, unknown>)[field.at(-1)!] = update.update;
    }
    return copy;
  };
  // The spec with those defects fixed: one copy for the whole answer, made only where a oneOf needs it.
  let fixed: { spec: object | undefined } | undefined;
  const fixedSpec = () => {
    if (!fixed) fixed = { spec: spec && withSchemaFixes(spec, inAnswer) };
    return fixed.spec;
  };
  for (const v of inResponse) {
    if (!COMBINATION_FAILED.test(v.message)) continue;
    if (explainedAt.some((inner) => within(inner, v)))
      for (const sibling of inResponse) if (at(sibling) === at(v)) explained.add(sibling.message);
    if (
      v.location[1] === "body" &&
      explainedAt.some((inner) => at(inner) === at(v) || within(inner, v)) &&
      (fitsOnceFixed(fixedSpec(), c, response, answer, v.location.slice(2)) ||
        fitsOnceFixed(spec, c, response, corrected(v), v.location.slice(2)))
    )
      for (const other of inResponse)
        if (at(other) === at(v) || within(other, v)) explained.add(other.message);
  }
  for (const v of inResponse.filter((v) => !explained.has(v.message))) {
    problems.push(
      `the mock's response ${c.status} breaks the spec's own schema at ${where(v)}: ${v.message} ` +
        (spec
          ? "(no example of the spec has this value: Prism made it up from the schema; give the schema an `example` that fits, or answer from the schema with `preferHeader(status, { fromSchema: true })`)"
          : "(a spec defect: pass the spec to checkOutcome for the example's pointer and the overlay that fixes it)"),
    );
  }
  // An object documented as text (import.io's CSV exports): Prism cannot write it, and the spec is why.
  const unwritable =
    prismReport && spec && body?.type === `${PRISM_ERRORS}NO_COMPLEX_OBJECT_TEXT`
      ? textDefect(spec, c)
      : undefined;
  if (unwritable)
    return {
      status,
      outcome: "unanswerable: a spec defect",
      problems: [...problems, describeDefect(unwritable)],
      defects: [...requestSide, ...inAnswer, unwritable],
    };
  if (prismReport) {
    problems.push(
      `Prism answered with its own problem report: ${JSON.stringify(result.error?.body ?? result.data)}`,
    );
  }
  if (status !== c.status) problems.push(`expected status ${c.status}, got ${status}`);
  let outcome: string;
  if (c.status >= 200 && c.status < 300) {
    if (result.error) problems.push(`expected success, got error: ${result.error.message}`);
    if (c.expectBody && !hasBody(result.data)) problems.push("expected a body, got none");
    if (!c.expectBody && hasBody(result.data) && !isStream(result.data))
      problems.push(`expected no body, got ${JSON.stringify(result.data)}`);
    outcome = hasBody(result.data) ? "data" : "no content";
  } else {
    if (!result.error) problems.push("expected an error, got none");
    else if (result.error.status !== c.status) problems.push(`error has status ${result.error.status}`);
    if (result.data !== undefined) problems.push("an error response also returned data");
    if (c.expectBody && result.error && result.error.body === undefined)
      problems.push("the error carries no body");
    outcome = `error ${result.error?.kind ?? "?"}`;
  }
  return { status, outcome, problems, defects: [...requestSide, ...inAnswer] };
}
