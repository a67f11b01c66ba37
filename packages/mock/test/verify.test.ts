/** How a call's outcome is judged (src/verify.ts), apart from any mock: responses made by hand. */
import { describe, expect, it } from "vitest";
import { type ContractCase, checkOutcome, violationsOf } from "../src/index.js";

const notFound: ContractCase = {
  method: "get",
  path: "/jobs/{id}",
  status: 404,
  input: { path: { id: "1" }, query: {}, header: {} },
  expectBody: true,
  title: "GET /jobs/{id} → 404",
};

const problem = (body: object) =>
  new Response(JSON.stringify(body), {
    status: 404,
    headers: { "content-type": "application/problem+json" },
  });

describe("a problem+json answer", () => {
  it("is the provider's documented error when its type is the provider's (Rev.ai documents its errors so)", () => {
    const body = {
      type: "https://www.rev.ai/api/v1/errors/job-not-found",
      title: "Job not found",
      status: 404,
    };
    const error = { status: 404, body, kind: "not_found", message: "Job not found" };
    const outcome = checkOutcome(notFound, { error, response: problem(body) });
    expect(outcome.problems).toEqual([]);
  });

  it("is Prism's own report when its type is under Prism's errors URL", () => {
    const body = {
      type: "https://stoplight.io/prism/errors#NOT_FOUND",
      title: "Route not resolved",
      status: 404,
    };
    const error = { status: 404, body, kind: "not_found", message: "Route not resolved" };
    const outcome = checkOutcome(notFound, { error, response: problem(body) });
    expect(outcome.problems).toEqual([`Prism answered with its own problem report: ${JSON.stringify(body)}`]);
  });
});

describe("a body, or none", () => {
  const logo = (expectBody: boolean): ContractCase => ({
    method: "get",
    path: "/images/logo",
    status: 200,
    input: { path: {}, query: {}, header: {} },
    expectBody,
    title: "GET /images/logo → 200",
  });
  const ok = (type: string, text = "") => new Response(text, { headers: { "content-type": type } });

  it("is none where a file or text read an empty body (RiteKit's logos, an image documented by an empty example)", () => {
    for (const data of [undefined, "", new Blob([])])
      expect(checkOutcome(logo(false), { data, response: ok("image/png") }).problems).toEqual([]);
    // And such a body is not the one a case expects.
    expect(checkOutcome(logo(true), { data: new Blob([]), response: ok("image/png") }).problems).toEqual([
      "expected a body, got none",
    ]);
  });

  it("is not known of a stream before it is read: an event stream the spec gives no schema (Mercure's) is no unexpected body", () => {
    const events = () => new ReadableStream({ start: (controller) => controller.close() });
    const sse = ok("text/event-stream");
    expect(checkOutcome(logo(false), { data: events(), response: sse }).problems).toEqual([]);
    expect(checkOutcome(logo(true), { data: events(), response: sse }).problems).toEqual([]);
  });

  it("is one where it holds anything", () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" });
    expect(checkOutcome(logo(true), { data: png, response: ok("image/png", "PNG") }).problems).toEqual([]);
    expect(checkOutcome(logo(false), { data: "x", response: ok("text/plain", "x") }).problems).toEqual([
      'expected no body, got "x"',
    ]);
  });
});

describe("Prism's sl-violations header", () => {
  const entry = (i: number) => ({
    location: ["response", "body", "items", i, "id"],
    severity: "Error",
    code: "pattern",
    message: `must match pattern "^[a-z]+$" (${i})`,
  });
  const withHeader = (value: string) => new Response("{}", { headers: { "sl-violations": value } });

  it('cut short by Prism ("Too many violations!") still gives the whole entries before the cut, each with its place', () => {
    const whole = JSON.stringify([entry(0), entry(1), entry(2)]);
    const cut = `Too many violations! ${whole.slice(0, whole.lastIndexOf('"code"'))}`;
    expect(violationsOf(withHeader(cut))).toEqual([entry(0), entry(1)]);
  });

  it("whole, is read as it is; one that is no JSON at all is kept as its message, with no place", () => {
    expect(violationsOf(withHeader(JSON.stringify([entry(0)])))).toEqual([entry(0)]);
    expect(violationsOf(withHeader("not json"))).toEqual([{ location: [], message: "not json" }]);
  });

  it("lists Prism's warnings (a deprecated parameter sent, a scheme it cannot check) as no violation", () => {
    const sent: ContractCase = { ...notFound, status: 200, title: "GET /jobs/{id} → 200" };
    const warnings = [
      {
        location: ["request", "query", "status"],
        severity: "Warning",
        message: "Query param status is deprecated",
      },
      {
        location: ["request"],
        severity: "Warning",
        message: "We currently do not support this type of security scheme: mutualTLS",
      },
    ];
    const response = new Response('{"id":"1"}', {
      headers: {
        "content-type": "application/json",
        "sl-violations": JSON.stringify([...warnings, entry(0)]),
      },
    });
    const outcome = checkOutcome(sent, { data: { id: "1" }, response });
    // The error is reported; the warnings are not.
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toContain(entry(0).message);
    // violationsOf gives every entry, warnings too: a caller can still read them.
    expect(violationsOf(response)).toHaveLength(3);
  });
});
