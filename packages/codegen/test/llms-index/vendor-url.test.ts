/**
 * `vendor <url>` / `sync <url>` (vendor/download-inputs.ts): a document or a page given by its URL is vendored
 * byte for byte, its URL recorded as where it was published; a download that fails is an error naming the
 * URL, every one at once, and nothing is written.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../../src/errors.js";
import { downloadInputs } from "../../src/vendor/download-inputs.js";
import { planVendor } from "../../src/vendor/plan-vendor.js";
import { catchInputError, removedAfterEach, SEEDS, tempRepo } from "../helpers.js";
import { docServers } from "./doc-server.js";

const temp = removedAfterEach(tempRepo);
const serve = docServers();
const FIXTURE = join(import.meta.dirname, "..", "fixtures", "swagger-voice.yaml");
const json = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Acme Voice", version: "1" },
  servers: [{ url: "https://api.acme.example.test/v2" }],
  paths: {
    "/calls": {
      get: { operationId: "listCalls", responses: { "200": { description: "ok" } } },
      post: { operationId: "createCall", responses: { "201": { description: "created" } } },
    },
  },
});

async function vendorUrls(root: string, urls: string[], provider?: string) {
  const inputs = await downloadInputs(urls, { retries: 0, timeoutMs: 10_000 });
  const plan = planVendor(inputs, { root, provider, date: "2026-01-01" });
  plan.transaction.commit();
  return plan;
}

describe("vendoring by URL", () => {
  it("a document at a URL without an extension: byte for byte, as JSON, named and sourced from its URL", async () => {
    const site = await serve({ "/openapi": { page: json, contentType: "application/json" } });
    const root = temp([]);
    await vendorUrls(root, [site.url("/openapi")], "acme");
    expect(readFileSync(join(root, "specs", "acme", "openapi.json"), "utf8")).toBe(json);
    const provenance = JSON.parse(
      readFileSync(join(root, "specs", "acme", "openapi.provenance.json"), "utf8"),
    );
    expect(provenance).toMatchObject({ source: site.url("/openapi"), url: site.url("/openapi") });
    expect(provenance.etag).toMatch(/^"/);
  });

  it("a Swagger 2.0 YAML document and a documentation page in one run", async () => {
    const seed = readFileSync(join(SEEDS, "000_e6a32f9002d60fb8.txt"), "utf8");
    const site = await serve({
      "/specs/voice.yaml": { page: readFileSync(FIXTURE, "utf8"), contentType: "application/yaml" },
      "/docs/delete-an-ip.md": { page: seed },
    });
    const root = temp([]);
    const plan = await vendorUrls(
      root,
      [site.url("/docs/delete-an-ip.md"), site.url("/specs/voice.yaml")],
      "oldvoice",
    );
    expect(plan.results.map((r) => r.status)).toEqual(["vendored", "vendored"]);
    expect(readFileSync(join(root, "specs", "oldvoice", "voice.yaml"), "utf8")).toBe(
      readFileSync(FIXTURE, "utf8"),
    );
    // The page's own fence names the document it was cut from: that stays its source.
    const page = JSON.parse(
      readFileSync(join(root, "specs", "oldvoice", "delete-ip.provenance.json"), "utf8"),
    );
    expect(page.source).toMatch(/^https:\/\/telnyx-openapi-ng\./);
    expect(page.url).toBe(site.url("/docs/delete-an-ip.md"));
  });

  it("a document served under a page's extension is still a document, by its content", async () => {
    const yaml = readFileSync(FIXTURE, "utf8");
    const site = await serve({ "/downloads/voice-api.txt": { page: yaml, contentType: "text/plain" } });
    const root = temp([]);
    await vendorUrls(root, [site.url("/downloads/voice-api.txt")], "oldvoice");
    expect(readFileSync(join(root, "specs", "oldvoice", "voice-api.yaml"), "utf8")).toBe(yaml);
  });

  it("reports every URL that fails, each with its reason, and writes nothing", async () => {
    const site = await serve({
      "/reference/calls": {
        page: "<!doctype html><html><body>Calls</body></html>",
        contentType: "text/html",
      },
    });
    const root = temp([]);
    const error = await downloadInputs([site.url("/reference/calls"), site.url("/missing.json")], {
      retries: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputErrors);
    const lines = (error as InputErrors).errors.map((e) => e.message);
    expect(lines[0]).toBe(
      `${site.url("/reference/calls")}: is an HTML page (Content-Type: text/html), not Markdown or an OpenAPI document: documentation platforms serve a page's Markdown at its URL with .md appended, and the document at the URL the reference's download link gives`,
    );
    expect(lines[1]).toMatch(new RegExp(`^${site.url("/missing.json")}: could not be downloaded: .*404`));
    expect(existsSync(join(root, "specs", "acme"))).toBe(false);
  });

  it("leaves local paths to be read as files", async () => {
    expect(await downloadInputs(["page.md", "openapi.yaml"])).toEqual(["page.md", "openapi.yaml"]);
    const error = catchInputError(() => planVendor(["missing.yaml"], { root: temp([]), date: "2026-01-01" }));
    expect(error).toBeInstanceOf(InputError);
  });
});
