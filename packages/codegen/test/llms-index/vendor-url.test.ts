/**
 * `vendor <url>` / `sync <url>` (vendor/download-inputs.ts): a document or a page given by its URL is vendored
 * byte for byte, its URL recorded as where it was published; a download that fails is an error naming the
 * URL, every one at once, and nothing is written.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../../src/errors.js";
import { checkProvider } from "../../src/generate/check-command.js";
import { loadProvider } from "../../src/generate/generate-command.js";
import { resolveServedServers } from "../../src/spec/served-servers.js";
import { downloadInputs } from "../../src/vendor/download-inputs.js";
import { planVendor, type VendorResult } from "../../src/vendor/plan-vendor.js";
import { catchInputError, removedAfterEach, repo, SEEDS, tempRepo } from "../helpers.js";
import { docServers } from "./doc-server.js";

const temp = removedAfterEach(tempRepo);
const BIN = join(repo, "packages/codegen/bin/switchboard-codegen.js");
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

  it("a failed download is reported with the other inputs' problems, not before them", async () => {
    const site = await serve({});
    const root = temp([]);
    const broken = join(root, "broken.md");
    writeFileSync(broken, "# Broken\n\n```yaml\nopenapi: 3.0.3\npaths: {\n```\n");
    const options = { root, provider: "ringo", date: "2026-01-01" };
    const error = await downloadInputs([site.url("/missing.md"), broken], {
      retries: 0,
      timeoutMs: 10_000,
      alsoCheck: (others) => planVendor(others, options),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputErrors);
    expect((error as InputErrors).errors.map((e) => e.file)).toEqual([site.url("/missing.md"), broken]);
    expect(existsSync(join(root, "specs", "ringo"))).toBe(false);
  });

  it("a page whose front matter only names its operation (Mintlify's `openapi:` key) is a page, as on disk", async () => {
    const page = '---\ntitle: "Retrieve a call"\nopenapi: "GET /calls/{call_id}"\n---\n\nText.\n';
    const site = await serve({ "/api/get-call.md": { page, contentType: "text/markdown" } });
    const [input] = await downloadInputs([site.url("/api/get-call.md")], { retries: 0, timeoutMs: 10_000 });
    expect(input).toMatchObject({ kind: "page" });
    const error = catchInputError(() =>
      planVendor([input!], { root: temp([]), provider: "ringo", date: "2026-01-01" }),
    );
    expect(error.message).toContain("GET /calls/{call_id}");
    expect(error.message).not.toContain("more than one YAML document");
  });

  it("a document served under a page's extension is still a document, by its content", async () => {
    const yaml = readFileSync(FIXTURE, "utf8");
    const site = await serve({ "/downloads/voice-api.txt": { page: yaml, contentType: "text/plain" } });
    const root = temp([]);
    await vendorUrls(root, [site.url("/downloads/voice-api.txt")], "oldvoice");
    expect(readFileSync(join(root, "specs", "oldvoice", "voice-api.yaml"), "utf8")).toBe(yaml);
  });

  it("a page whose fences were lost (prose, then the document) is refused as a page, where the document starts", async () => {
    const yaml = readFileSync(FIXTURE, "utf8");
    const site = await serve({
      "/api/create-call": {
        page: `# Create call\n\nCreates a call.\n\n${yaml}`,
        contentType: "text/markdown",
      },
    });
    const root = temp([]);
    const error = await vendorUrls(root, [site.url("/api/create-call")], "oldvoice").then(
      () => new Error("expected the page to be refused"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      new RegExp(
        `^${site.url("/api/create-call")}:5:1: an OpenAPI document starts here outside any code block \\(the page's fences were lost\\)`,
      ),
    );
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
      `${site.url("/reference/calls")}: is an HTML page (Content-Type: text/html), not Markdown or an OpenAPI document: an error or sign-in page, or the HTML rendering of a page (documentation platforms serve a page's Markdown at its URL with .md appended, and the document at the URL the reference's download link gives)`,
    );
    expect(lines[1]).toMatch(new RegExp(`^${site.url("/missing.json")}: could not be downloaded: .*404`));
    expect(existsSync(join(root, "specs", "acme"))).toBe(false);
  });

  it("names the document a reference page loads, resolved against the URL it was downloaded from", async () => {
    const swaggerUi = `<!DOCTYPE html>\n<html><body><div id="swagger-ui"></div>\n<script>\nwindow.ui = SwaggerUIBundle({ url: "../v3/api-docs/openapi.json", dom_id: "#swagger-ui" });\n</script></body></html>`;
    const site = await serve({ "/docs/index.html": { page: swaggerUi, contentType: "text/html" } });
    const error = await downloadInputs([site.url("/docs/index.html")], { retries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toEqual(
      `${site.url("/docs/index.html")}: is an HTML page (Swagger UI) (Content-Type: text/html), which is not read; it loads its OpenAPI document from ${site.url("/v3/api-docs/openapi.json")}: vendor that instead (npm run vendor -- ${site.url("/v3/api-docs/openapi.json")})`,
    );
  });

  it("fetches a private site with its token or password and writes them nowhere: files, errors, the CLI's lines", async () => {
    const second = json
      .replaceAll("/calls", "/numbers")
      .replace("listCalls", "listNumbers")
      .replace("createCall", "createNumber");
    const site = await serve({
      "/openapi": { page: json, contentType: "application/json" },
      "/numbers.json": { page: second, contentType: "application/json" },
    });
    const root = temp([]);
    const withToken = `${site.url("/openapi")}?v=2&access_token=TOKEN-SECRET-1`;
    const withPassword = site.url("/numbers.json").replace("://", "://alice:PASS-SECRET-2@");
    await vendorUrls(root, [withToken, withPassword], "acme");
    // The site was asked with them: the token in the query, the password as Basic credentials (as curl sends
    // them; fetch refuses a URL that holds one).
    const asked = site.requests.find((r) => r.path === "/numbers.json");
    expect(asked?.headers.authorization).toBe(
      `Basic ${Buffer.from("alice:PASS-SECRET-2").toString("base64")}`,
    );
    const dir = join(root, "specs", "acme");
    const written = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), "utf8"))
      .join("\n");
    expect(written).not.toMatch(/SECRET|alice/);
    // Every other part of the address is kept: it is where the document was published.
    const provenance = JSON.parse(readFileSync(join(dir, "openapi.provenance.json"), "utf8"));
    expect(provenance).toMatchObject({
      url: `${site.url("/openapi")}?v=2`,
      source: `${site.url("/openapi")}?v=2`,
    });

    // A download that fails names its URL without them.
    const missing = `${site.url("/missing.md")}?token=TOKEN-SECRET-3`;
    const gone = site.url("/gone.json").replace("://", "://bob:PASS-SECRET-4@");
    const error = await downloadInputs([missing, gone], { retries: 0 }).catch((e: unknown) => e);
    const lines = (error as InputErrors).errors.map((e) => e.message);
    expect(lines[0]).toMatch(new RegExp(`^${site.url("/missing.md")}: could not be downloaded: .*404`));
    expect(lines[1]).toMatch(new RegExp(`^${site.url("/gone.json")}: could not be downloaded: .*404`));
    expect(lines.join("\n")).not.toMatch(/SECRET|bob/);

    // What the CLI prints, its report as its errors, lands in CI logs.
    const cli = async (...args: string[]) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: root,
        env: { ...process.env, SWITCHBOARD_ROOT: root },
      });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
      await new Promise((resolve) => child.on("close", resolve));
      return output;
    };
    const vendored = await cli("vendor", withToken.replace("v=2", "v=3"), "--provider", "acme");
    expect(vendored).toMatch(/^vendored specs\/acme\/openapi\.json/);
    expect(JSON.parse(readFileSync(join(dir, "openapi.provenance.json"), "utf8")).url).toBe(
      `${site.url("/openapi")}?v=3`,
    );
    const failed = await cli("vendor", missing, gone, "--provider", "acme");
    expect(failed).toContain(`error: ${site.url("/missing.md")}: could not be downloaded`);
    expect(vendored + failed).not.toMatch(/SECRET|bob|alice/);
  });

  it("leaves local paths to be read as files", async () => {
    expect(await downloadInputs(["page.md", "openapi.yaml"])).toEqual(["page.md", "openapi.yaml"]);
    const error = catchInputError(() => planVendor(["missing.yaml"], { root: temp([]), date: "2026-01-01" }));
    expect(error).toBeInstanceOf(InputError);
  });
});

/** A framework's document (FastAPI's `/openapi.json`): servers left out, or relative to where it is served. */
const frameworkDocument = (servers?: Array<{ url: string }>) =>
  JSON.stringify({
    openapi: "3.1.0",
    info: { title: "Acme Voice", version: "1" },
    ...(servers ? { servers } : {}),
    paths: { "/voices": { get: { operationId: "listVoices", responses: { "200": { description: "ok" } } } } },
  });

const notesOf = (results: VendorResult[]) => results.flatMap((r) => r.notes).join("\n");

describe("a document that names no absolute server, vendored from its URL", () => {
  it("calls where it was served: no servers is `/` there (OpenAPI's rule), said at vendoring", async () => {
    const site = await serve({
      "/openapi.json": { page: frameworkDocument(), contentType: "application/json" },
    });
    const root = temp([]);
    const plan = await vendorUrls(root, [site.url("/openapi.json")], "acme");
    const origin = new URL(site.url("/")).origin;
    expect(notesOf(plan.results)).toContain(
      `names no server, so by OpenAPI's rule its API is where it was served: the client calls ${origin}.`,
    );
    const provenance = JSON.parse(
      readFileSync(join(root, plan.results[0]!.specPath.replace(/\.json$/, ".provenance.json")), "utf8"),
    );
    expect(provenance).toMatchObject({ url: site.url("/openapi.json"), kind: "document" });
    expect((await checkProvider(root, "acme")).error).toBeUndefined();
    const { bundle } = await loadProvider(root, "acme");
    expect(bundle.document.servers).toEqual([{ url: origin }]);
  });

  it("a relative server is resolved against the document's URL, a path-relative one against its folder", async () => {
    const site = await serve({
      "/api/openapi.json": {
        page: frameworkDocument([{ url: "/api/v1" }, { url: "v2" }]),
        contentType: "application/json",
      },
    });
    const root = temp([]);
    await vendorUrls(root, [site.url("/api/openapi.json")], "acme");
    const origin = new URL(site.url("/")).origin;
    const { bundle } = await loadProvider(root, "acme");
    expect(bundle.document.servers).toEqual([{ url: `${origin}/api/v1` }, { url: `${origin}/api/v2` }]);
  });

  it("names the provider by the host it was served from", () => {
    const root = temp(["telnyx"]);
    const url = "https://api.telnyx.com/openapi.json";
    const text = frameworkDocument();
    const input = { file: url, text, kind: "spec" as const, origin: { url, etag: null, lastModified: null } };
    const plan = planVendor([input], { root, date: "2026-01-01" });
    expect(plan.results[0]!.provider).toBe("telnyx");
  });

  it("a document on a code host or a documentation platform says nothing of its API: the problem stays", async () => {
    const root = temp(["telnyx"]);
    const url = "https://raw.githubusercontent.com/acme/api/main/openapi.json";
    const input = {
      file: url,
      text: frameworkDocument(),
      kind: "spec" as const,
      origin: { url, etag: null, lastModified: null },
    };
    const error = catchInputError(() => planVendor([input], { root, date: "2026-01-01" }));
    expect(error.detail).toBe(
      "cannot tell the provider: the document lists no servers; pass --provider <name>",
    );
    planVendor([input], { root, provider: "acme", date: "2026-01-01" }).transaction.commit();
    const { error: problem } = await checkProvider(root, "acme");
    expect((problem as InputError).detail).toMatch(/^the spec declares no servers/);
  });

  it("an overlay giving the servers wins; documents served from different places, or webhooks alone, are left as they are", async () => {
    const site = await serve({
      "/openapi.json": { page: frameworkDocument(), contentType: "application/json" },
    });
    const root = temp([]);
    await vendorUrls(root, [site.url("/openapi.json")], "acme");
    mkdirSync(join(root, "specs", "acme", "overlays"), { recursive: true });
    writeFileSync(
      join(root, "specs", "acme", "overlays", "servers.yaml"),
      "overlay: 1.0.0\ninfo: {title: Base URL, version: 1.0.0}\nactions:\n  - target: $\n    description: The API is elsewhere.\n    update:\n      servers:\n        - url: https://api.acme.example.test\n",
    );
    const { bundle } = await loadProvider(root, "acme");
    expect(bundle.document.servers).toEqual([{ url: "https://api.acme.example.test" }]);

    const relative = () => JSON.parse(frameworkDocument([{ url: "/v1" }]));
    const twoPlaces = relative();
    resolveServedServers(twoPlaces, [
      "https://a.example.test/openapi.json",
      "https://b.example.test/openapi.json",
    ]);
    expect(twoPlaces.servers).toEqual([{ url: "/v1" }]);
    const agreeing = relative();
    resolveServedServers(agreeing, [
      "https://a.example.test/openapi.json",
      "https://a.example.test/other.json",
    ]);
    expect(agreeing.servers).toEqual([{ url: "https://a.example.test/v1" }]);
    for (const fileHost of [
      "https://telnyx-openapi-ng.s3.us-east-1.amazonaws.com/voice.yml",
      "https://acme.github.io/api/openapi.json",
      "https://cdn.jsdelivr.net/npm/acme-api/openapi.json",
    ]) {
      const copy = relative();
      resolveServedServers(copy, [fileHost]);
      expect(copy.servers).toEqual([{ url: "/v1" }]);
    }
    const webhooksOnly = { openapi: "3.1.0", info: { title: "Hooks", version: "1" }, webhooks: {} };
    resolveServedServers(webhooksOnly, ["https://a.example.test/openapi.json"]);
    expect(webhooksOnly).not.toHaveProperty("servers");
  });
});
