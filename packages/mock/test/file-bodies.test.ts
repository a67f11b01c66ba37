/**
 * A request body of Swagger 2's `type: file`, as Azure's documents carry it into OpenAPI 3 (`{type: object,
 * format: file}`: a runbook's text, Face's images): a file, which codegen types a Blob, any bytes are one to
 * the kit and to Prism (which refused all: "must be object"), and a contract case sends text.
 */
import { describe, expect, it } from "vitest";
import { createMock, deriveContractCases, startMock } from "../src/index.js";
import { fixture, readFixture } from "./support/helpers.js";

describe("a body of Swagger 2's `type: file` (Azure's `{type: object, format: file}`)", () => {
  const files = readFixture("file-bodies.json") as any;
  const sends = [
    ["PUT", "/runbooks/r1/content", "text/powershell", "Write-Output 'hi'"],
    ["POST", "/detect", "application/octet-stream", new Uint8Array([0xff, 0xd8, 0xff])],
  ] as const;

  it("is text in a contract case, which the method takes as it takes a Blob", () => {
    const bodies = deriveContractCases(files).cases.map((c) => c.input.body);
    expect(new Set(bodies)).toEqual(new Set(["file"]));
  });

  it("is a file to the kit: any bytes are one", async () => {
    const kit = createMock(
      {
        provider: { name: "files", title: "Files", servers: {} },
        endpoints: {
          replaceRunbookContent: ["PUT", "/runbooks/{name}/content", { body: "text/powershell" }],
          detectFaces: ["POST", "/detect", { body: "application/octet-stream" }],
        },
      } as const,
      { spec: files, invalidRequests: "respond", baseUrls: ["http://x"] },
    );
    const statuses = [];
    for (const [method, path, type, body] of sends)
      statuses.push(
        (await kit.fetch(`http://x${path}`, { method, headers: { "content-type": type }, body })).status,
      );
    expect(statuses).toEqual([202, 200]);
    kit.verify();
  });

  it("is a file to Prism: any body is one (it refused all, 'must be object')", async () => {
    const server = await startMock({ spec: fixture("file-bodies.json") });
    try {
      const statuses = [];
      for (const [method, path, type, body] of sends) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { "content-type": type },
          body,
        });
        statuses.push([response.status, response.headers.get("sl-violations")]);
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([
        [202, null],
        [200, null],
      ]);
    } finally {
      await server.stop();
    }
  });
});
