/** How a call's outcome is judged (src/verify.ts), apart from any mock: responses made by hand. */
import { describe, expect, it } from "vitest";
import { type ContractCase, checkOutcome } from "../src/index.js";

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
