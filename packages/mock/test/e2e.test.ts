/**
 * Every case derived from the contract fixture, sent with plain fetch to a Prism started from the same
 * file: Prism must answer the asked-for status and must not flag the request (`sl-violations`) nor answer
 * with its own problem document (what it does when the request is invalid and the document has no
 * validation response to use).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveContractCases, type MockServer, startMock } from "../src/index.js";
import { caseUrl, fixture, pidAlive, readFixture, sendCase } from "./support/helpers.js";

const auth = { Authorization: "Bearer contract-test" };
const { cases } = deriveContractCases(readFixture("contract.json"));

let server: MockServer;
beforeAll(async () => {
  server = await startMock({ spec: fixture("contract.json") });
});
afterAll(async () => {
  await server?.stop();
  if (server) expect(pidAlive(server.pid)).toBe(false);
});

describe("derived cases against Prism", () => {
  it("derives the fixture's fourteen cases, three of them for a range or `default`", () => {
    expect(cases).toHaveLength(14);
    expect(cases.filter((c) => c.responseKey).map((c) => c.title)).toEqual([
      "GET /ips/{id} → 400 (4XX)",
      "GET /ips/{id} → 500 (default)",
      "GET /ips → 500 (5XX)",
    ]);
  });

  it.each(cases.map((c) => [c.title, c] as const))("%s", async (_, c) => {
    const response = await sendCase(server.url, c, auth);
    const text = await response.text();
    const report = `${response.status} ${response.headers.get("sl-violations") ?? ""} ${text}`;
    expect(response.headers.get("sl-violations"), report).toBeNull();
    expect(response.headers.get("content-type") ?? "", report).not.toContain("problem+json");
    expect(response.status, report).toBe(c.status);
    if (c.expectBody) expect(text.length, report).toBeGreaterThan(0);
    else expect(text, report).toBe("");
  });
});

describe("the checks above can fail", () => {
  it("Prism flags a request that uses the document's own non-uuid example for a uuid path parameter", async () => {
    const get = cases.find((c) => c.title === "GET /ips/{id} → 200")!;
    const bad = { ...get, input: { ...get.input, path: { id: "ip-123" } } };
    const response = await sendCase(server.url, bad, auth);
    expect(response.headers.get("sl-violations")).toContain("uuid");
    expect(response.status).not.toBe(200);
  });

  it("Prism rejects a request missing a required bracketed query parameter", async () => {
    const list = cases.find((c) => c.title === "GET /ips → 200")!;
    const response = await fetch(caseUrl(server.url, { ...list, input: { ...list.input, query: {} } }), {
      headers: auth,
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("problem+json");
  });

  it("Prism answers 401 for a case sent without credentials", async () => {
    const response = await sendCase(server.url, cases.find((c) => c.title === "DELETE /ips/{id} → 204")!);
    expect(response.status).toBe(401);
  });
});
