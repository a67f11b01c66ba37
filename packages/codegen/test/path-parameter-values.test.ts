/**
 * A path parameter's enum that lists "" (PeerTube's `GET /jobs/{state}`, "" for any state): the client cannot
 * send it (an empty segment), so the types do not offer it and the mocks never sample it; a schema the
 * parameter refers to keeps it for the bodies it types.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { renderProvider } from "../src/generate/generated-files.js";
import { bundleProvider } from "../src/spec/bundle.js";
import { suggestedSettings } from "../src/spec/settings-suggestions.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { removedAfterEach, tempRepo, typeCheck } from "./helpers.js";

const temp = removedAfterEach(tempRepo);

const document = {
  openapi: "3.0.3",
  info: { title: "Jobs", version: "1" },
  servers: [{ url: "https://api.jobs.example" }],
  paths: {
    "/jobs/{state}": {
      get: {
        operationId: "listJobs",
        parameters: [
          { name: "state", in: "path", required: true, schema: { $ref: "#/components/schemas/State" } },
        ],
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { type: "object", properties: { state: { $ref: "#/components/schemas/State" } } },
              },
            },
          },
        },
      },
    },
  },
  components: { schemas: { State: { type: "string", enum: ["", "active", "failed"] } } },
};

describe("a path parameter whose enum lists the empty string", () => {
  it("is typed without it, while the schema it refers to keeps it for the bodies it types", async () => {
    const root = temp([]);
    const file = join(root, "jobs.yaml");
    writeFileSync(file, dump(document));
    planVendor([file], { root, provider: "jobs", date: "2026-01-01" }).transaction.commit();
    const bundle = await bundleProvider(root, "jobs");
    const param = bundle.document.paths!["/jobs/{state}"]!.get.parameters[0];
    expect(param.schema).toEqual({ type: "string", enum: ["active", "failed"] });
    expect((bundle.document.components as any).schemas.State.enum).toEqual(["", "active", "failed"]);
    const { files } = await renderProvider(bundle, suggestedSettings(bundle.document));
    const usage = [
      'import { createJobsClient } from "./client.js";',
      "const client = createJobsClient();",
      'await client.listJobs({ state: "active" });',
      "// @ts-expect-error: an empty path segment is no value the client can send",
      'await client.listJobs({ state: "" });',
      'const { data } = await client.listJobs({ state: "failed" });',
      'const state: "" | "active" | "failed" | undefined = data?.state;',
      "export { state };",
    ].join("\n");
    expect(await typeCheck({ ...files, "usage.ts": usage })).toBe("");
  });
});
