/**
 * Documents of each version besides OpenAPI 3.0 and 3.1. Swagger 2.0 (spec/swagger-2.ts): vendored byte for
 * byte, read as OpenAPI 3.0 by every later stage, overlays addressing the converted document, problems reported
 * at the lines of the file as published. OpenAPI 3.2: generated, its QUERY and other methods listed as skipped.
 * Neither AsyncAPI nor Swagger 1.x: refused, saying what they are.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type InputError, InputErrors } from "../src/errors.js";
import { checkProvider } from "../src/generate/check-command.js";
import { loadProvider } from "../src/generate/generate-command.js";
import { renderProvider } from "../src/generate/generated-files.js";
import { asOpenApi3, swaggerPathOf } from "../src/spec/swagger-2.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { catchInputError, removedAfterEach, tempRepo, typeCheck } from "./helpers.js";

const temp = removedAfterEach(tempRepo);
const FIXTURE = resolve(import.meta.dirname, "fixtures", "swagger-voice.yaml");
const fixture = () => readFileSync(FIXTURE, "utf8");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** A repository with the fixture (or `text`) vendored as provider `oldvoice`. */
function vendored(text = fixture()): string {
  const root = temp([]);
  const file = join(root, "voice.yaml");
  writeFileSync(file, text);
  planVendor([file], { root, provider: "oldvoice", date: "2026-01-01" }).transaction.commit();
  return root;
}

describe("a Swagger 2.0 document", () => {
  it("is vendored as published, with its operations in the provenance; its host names the provider", () => {
    const root = temp([]);
    const unnamed = catchInputError(() => planVendor([FIXTURE], { root, date: "2026-01-01" }));
    expect(unnamed.message).toBe(
      `${FIXTURE}:${lineOf(fixture(), "host:")}: unknown provider "example" (from https://api.voice.example.com/v1): there is no specs/example/ yet, and no vendored document declares this server; pass --provider example to add a new provider`,
    );
    planVendor([FIXTURE], { root, provider: "oldvoice", date: "2026-01-01" }).transaction.commit();
    expect(readFileSync(join(root, "specs", "oldvoice", "swagger-voice.yaml"), "utf8")).toBe(fixture());
    const provenance = JSON.parse(
      readFileSync(join(root, "specs", "oldvoice", "swagger-voice.provenance.json"), "utf8"),
    );
    expect(provenance.operations).toEqual([
      "DELETE /accounts/{account_sid}/calls/{call_sid}",
      "GET /accounts/{account_sid}/calls",
      "GET /recordings/{recording_sid}/media",
      "POST /accounts/{account_sid}/calls",
      "POST /accounts/{account_sid}/calls/{call_sid}",
      "POST /media",
    ]);
  });

  it("is bundled as OpenAPI 3.0: servers, request bodies, media types, styles, nullables, components", async () => {
    const { bundle } = await loadProvider(vendored(), "oldvoice");
    const doc = bundle.document as any;
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.swagger).toBeUndefined();
    // No `schemes`: https, the scheme vendored documents are fetched with (the converter would say http).
    expect(doc.servers).toEqual([{ url: "https://api.voice.example.com/v1" }]);
    const calls = doc.paths["/accounts/{account_sid}/calls"];
    expect(Object.keys(calls.post.requestBody.content)).toEqual(["application/x-www-form-urlencoded"]);
    expect(calls.post.requestBody.content["application/x-www-form-urlencoded"].schema.required).toEqual([
      "To",
      "From",
    ]);
    const status = calls.get.parameters.find((p: any) => p.name === "status");
    expect(status).toMatchObject({ in: "query", style: "form", explode: true, schema: { type: "array" } });
    const to = calls.get.parameters.find((p: any) => p.name === "to");
    expect(to).toMatchObject({ style: "form", explode: false });
    const update = doc.paths["/accounts/{account_sid}/calls/{call_sid}"].post.requestBody;
    expect(update).toMatchObject({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/CallUpdate" } } },
    });
    const media = doc.paths["/recordings/{recording_sid}/media"].get.responses["200"].content;
    expect(Object.keys(media)).toEqual(["audio/mpeg", "audio/wav"]);
    expect(doc.components.schemas.Call.properties.duration).toEqual({ type: "integer", nullable: true });
    expect(doc.components.securitySchemes.token).toEqual({
      type: "apiKey",
      in: "header",
      name: "X-Auth-Token",
    });
    // The file as published is what the bundle records.
    expect(bundle.specs.map((s) => s.file)).toEqual(["specs/oldvoice/voice.yaml"]);
  });

  it("generates a client whose table, auth and base URL come from the converted document, and it type-checks", async () => {
    const { bundle, settings } = await loadProvider(vendored(), "oldvoice");
    const { files } = await renderProvider(bundle, settings);
    const provider = files["provider.ts"]!;
    expect(provider).toContain('"default": "https://api.voice.example.com/v1"');
    expect(provider).toContain('"name": "X-Auth-Token"');
    const endpoints = files["endpoints.ts"]!;
    expect(endpoints).toContain(
      'createCall: ["POST", "/accounts/{account_sid}/calls", {"body":"application/x-www-form-urlencoded","encode":formBody}]',
    );
    // The one operation that takes HTTP Basic (Swagger 2's `type: basic`) sends it, not the token.
    expect(endpoints).toContain(
      'uploadMedia: ["POST", "/media", {"body":"multipart/form-data","auth":otherAuth(provider, 0),"encode":multipartBody}]',
    );
    expect(provider).toContain('"otherAuth": [\n    [\n      {\n        "type": "basic"');
    expect(provider).toMatch(/"username": \{\n\s+"env": "OLDVOICE_USERNAME",\n\s+"optional": true/);
    expect(endpoints).toContain(
      'getRecordingMedia: ["GET", "/recordings/{recording_sid}/media", {"response":"blob"}]',
    );
    expect(await typeCheck(files)).toBe("");
  });

  it("takes overlays written against the converted document", async () => {
    const root = vendored();
    mkdirSync(join(root, "specs", "oldvoice", "overlays"), { recursive: true });
    writeFileSync(
      join(root, "specs", "oldvoice", "overlays", "fixes.yaml"),
      [
        "overlay: 1.0.0",
        "info: { title: fixes, version: 1.0.0 }",
        "actions:",
        "  - target: $.components.schemas.Call.properties.status",
        "    description: The API also answers `busy`.",
        "    update:",
        "      description: Where the call is.",
        "",
      ].join("\n"),
    );
    const { bundle } = await loadProvider(root, "oldvoice");
    expect((bundle.document as any).components.schemas.Call.properties.status.description).toBe(
      "Where the call is.",
    );
  });

  it("has its problems reported at the lines of the file as published", async () => {
    const text = fixture().replace("$ref: '#/definitions/CallUpdate'", "$ref: '#/definitions/CallUpdat'");
    const { error } = await checkProvider(vendored(text), "oldvoice");
    expect(error).toBeInstanceOf(InputErrors);
    const [first] = (error as InputErrors).errors;
    expect(first!.file).toBe("specs/oldvoice/voice.yaml");
    // The converted reference sits at `requestBody…schema`; in the file, under the body parameter.
    expect(first!.line).toBeGreaterThanOrEqual(lineOf(text, "      operationId: updateCall"));
    expect(first!.line).toBeLessThanOrEqual(lineOf(text, "$ref: '#/definitions/CallUpdat'"));
    expect(first!.detail).toContain("dangling $ref #/components/schemas/CallUpdat");
  });

  it("maps converted paths back to the file's", () => {
    expect(swaggerPathOf(["components", "schemas", "Call", "properties", "sid"])).toEqual([
      "definitions",
      "Call",
      "properties",
      "sid",
    ]);
    expect(swaggerPathOf(["components", "securitySchemes", "token"])).toEqual([
      "securityDefinitions",
      "token",
    ]);
    expect(swaggerPathOf(["servers", 0, "url"])).toEqual(["host"]);
    expect(swaggerPathOf(["paths", "/a", "post", "requestBody", "content"])).toEqual([
      "paths",
      "/a",
      "post",
      "parameters",
    ]);
    expect(
      swaggerPathOf([
        "paths",
        "/a",
        "get",
        "responses",
        "200",
        "content",
        "application/json",
        "schema",
        "items",
      ]),
    ).toEqual(["paths", "/a", "get", "responses", "200", "schema", "items"]);
    expect(swaggerPathOf(["paths", "/a", "get", "parameters", 0])).toEqual([
      "paths",
      "/a",
      "get",
      "parameters",
      0,
    ]);
  });

  it("is recognised with its version unquoted (`swagger: 2.0`, the number 2 to YAML)", async () => {
    const { bundle } = await loadProvider(
      vendored(fixture().replace('swagger: "2.0"', "swagger: 2.0")),
      "oldvoice",
    );
    expect(bundle.document.openapi).toMatch(/^3\.0\./);
    expect(bundle.document.servers).toEqual([{ url: "https://api.voice.example.com/v1" }]);
  });

  it("is converted on a copy, and an OpenAPI 3 document is left as it is", () => {
    const swagger = {
      swagger: "2.0",
      info: { title: "t", version: "1" },
      host: "api.example.test",
      paths: {},
    };
    const before = structuredClone(swagger);
    expect(asOpenApi3(swagger).servers).toEqual([{ url: "https://api.example.test" }]);
    expect(swagger).toEqual(before);
    const openapi = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} };
    expect(asOpenApi3(openapi)).toBe(openapi);
  });

  it("reads a loosely written host, base path and schemes as meant, when vendored and when bundled", async () => {
    const cases: Array<[fields: string, server: string]> = [
      // The converter takes each literally: `https://https://…`, `…comv1`, and a string of schemes as none (http).
      ["host: https://api.voice.example.com\nbasePath: /v1", "https://api.voice.example.com/v1"],
      ["host: http://api.voice.example.com/v1/", "http://api.voice.example.com/v1"],
      ["host: api.voice.example.com\nbasePath: v1", "https://api.voice.example.com/v1"],
      ["host: api.voice.example.com\nbasePath: /v1\nschemes: https", "https://api.voice.example.com/v1"],
      // Both listed: https is the default server, whichever the document names first.
      ["host: api.voice.example.com:8443\nschemes: [http, https]", "https://api.voice.example.com:8443"],
    ];
    for (const [fields, server] of cases) {
      const text = fixture().replace("host: api.voice.example.com\nbasePath: /v1\n", `${fields}\n`);
      expect(text).not.toBe(fixture());
      const root = temp([]);
      const file = join(root, "voice.yaml");
      writeFileSync(file, text);
      // Vendoring names the provider from the same URL the bundle will call.
      const unnamed = catchInputError(() => planVendor([file], { root, date: "2026-01-01" }));
      expect(unnamed.message, fields).toContain(`(from ${server})`);
      planVendor([file], { root, provider: "oldvoice", date: "2026-01-01" }).transaction.commit();
      const { bundle } = await loadProvider(root, "oldvoice");
      expect(bundle.document.servers?.[0]?.url, fields).toBe(server);
    }
  });

  it("without a host has a relative server, which needs an overlay with the absolute URL", async () => {
    const text = fixture().replace("host: api.voice.example.com\n", "");
    const root = vendored(text);
    const { error } = await checkProvider(root, "oldvoice");
    const [problem] = error instanceof InputErrors ? error.errors : [error as InputError];
    expect(problem!.detail).toMatch(/^the server URL "\/v1" is relative/);
    // The printed overlay, its placeholder filled in, is the fix.
    const overlay = problem!.detail
      .split("\n")
      .slice(1)
      .map((l) => l.slice(4))
      .join("\n")
      .replace(/<[^>]*host>/, "api.voice.example.com")
      .replace(/<[^>]*>/, "The reference's introduction");
    mkdirSync(join(root, "specs", "oldvoice", "overlays"), { recursive: true });
    writeFileSync(join(root, "specs", "oldvoice", "overlays", "servers.yaml"), overlay);
    expect((await checkProvider(root, "oldvoice")).error).toBeUndefined();
    const { bundle } = await loadProvider(root, "oldvoice");
    expect(bundle.document.servers).toEqual([{ url: "https://api.voice.example.com/v1" }]);
  });
});

describe("documents that cannot be vendored", () => {
  it("a swagger version other than 2.0, at its line", () => {
    const root = temp([]);
    const file = join(root, "old.yaml");
    writeFileSync(file, 'info:\n  title: Old\nswagger: "1.2"\npaths: {}\n');
    const error = catchInputError(() => planVendor([file], { root, provider: "old", date: "2026-01-01" }));
    expect(error.message).toBe(
      `${file}:3:1: swagger: 1.2 is not Swagger 2.0 or OpenAPI 3.x, the versions that can be vendored`,
    );
  });

  it("an AsyncAPI document, saying what it is", () => {
    const root = temp([]);
    const file = join(root, "listen.yaml");
    writeFileSync(file, "asyncapi: 3.0.0\ninfo:\n  title: Listen\n  version: 1.0.0\nchannels: {}\n");
    const error = catchInputError(() => planVendor([file], { root, provider: "listen", date: "2026-01-01" }));
    expect(error.message).toMatch(new RegExp(`^${file}:1:1: an AsyncAPI document .*not OpenAPI`));
  });
});

describe("an OpenAPI 3 version written without its patch number", () => {
  const doc = (version: string) =>
    [
      `openapi: ${version}`,
      "info: { title: Q, version: '1' }",
      "servers: [{ url: 'https://api.q.example.test' }]",
      "paths: { /calls: { get: { operationId: listCalls, responses: { '200': { description: ok } } } } }",
      "",
    ].join("\n");

  it("is bundled as the version it names (`openapi: 3.1` is the number 3.1 to YAML, `3.0` the number 3)", async () => {
    for (const [written, full] of [
      ["3.1", "3.1.0"],
      ["3.0", "3.0.0"],
      ['"3.1"', "3.1.0"],
    ]) {
      const { bundle } = await loadProvider(vendored(doc(written!)), "oldvoice");
      expect(bundle.document.openapi, written).toBe(full);
    }
  });

  it("is refused when vendored if the generator cannot read it, not after it is written", () => {
    for (const written of ["3.3.0", "3.1.0-rc1", "3.10"]) {
      const root = temp([]);
      const file = join(root, "q.yaml");
      writeFileSync(file, doc(written));
      const error = catchInputError(() => planVendor([file], { root, provider: "q", date: "2026-01-01" }));
      expect(error.message, written).toBe(
        `${file}:1:1: openapi: ${written} is not a version of OpenAPI 3.x the generator reads (3.0, 3.1 or 3.2, as \`3.1.0\` or \`3.1\`)`,
      );
    }
  });
});

describe("an OpenAPI 3.2 document", () => {
  const v32 = [
    "openapi: 3.2.0",
    "info: { title: Q, version: '1' }",
    "servers: [{ url: 'https://api.q.example.test' }]",
    "tags: [{ name: calls, summary: Calls }, { name: recordings, parent: calls }]",
    "paths:",
    "  /calls:",
    "    get:",
    "      operationId: listCalls",
    "      responses:",
    "        '200':",
    "          description: ok",
    "          content:",
    "            application/json:",
    "              schema: { type: object, properties: { id: { type: string } } }",
    "    query:",
    "      operationId: searchCalls",
    "      responses: { '200': { description: ok } }",
    "    additionalOperations:",
    "      LINK:",
    "        operationId: linkCalls",
    "        responses: { '204': { description: linked } }",
    "",
  ].join("\n");

  it("generates its operations, lists the QUERY and other methods it cannot type as skipped, and type-checks", async () => {
    const { bundle, settings } = await loadProvider(vendored(v32), "oldvoice");
    const { operations, skipped, files } = await renderProvider(bundle, settings);
    expect(operations.map((o) => o.name)).toEqual(["listCalls"]);
    expect(skipped.map((s) => `${s.method} ${s.path}`)).toEqual(["QUERY /calls", "LINK /calls"]);
    expect(files["endpoints.ts"]).toContain("// - QUERY /calls: an OpenAPI 3.2 method beyond the eight");
    expect(await typeCheck(files)).toBe("");
  });
});

describe("a server's problem", () => {
  const document = (servers: string) =>
    [
      "openapi: 3.1.0",
      "info:",
      "  title: Voice",
      "  version: '1'",
      "servers:",
      servers,
      "paths:",
      "  /calls:",
      "    get:",
      "      operationId: listCalls",
      "      responses:",
      "        '200':",
      "          description: ok",
      "",
    ].join("\n");
  /** Every problem `check` reports of `text` vendored as provider `voice`, and the vendored file's text. */
  const problemsOf = async (text: string) => {
    const root = temp([]);
    const file = join(root, "voice.yaml");
    writeFileSync(file, text);
    planVendor([file], { root, provider: "voice", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "voice");
    const problems = error instanceof InputErrors ? error.errors : error ? [error as InputError] : [];
    return problems.map((p) => ({ ...p, vendored: readFileSync(join(root, p.file), "utf8") }));
  };

  it("is reported at the vendored file's line of the server, its URL as written (an empty one too)", async () => {
    const [relative, ...others] = await problemsOf(document('  - url: ""'));
    expect(others).toEqual([]);
    expect(relative!.file).toMatch(/^specs\/voice\/[^/]+\.yaml$/);
    expect(relative!.line).toBe(lineOf(relative!.vendored, 'url: ""'));
    expect(relative!.detail).toMatch(/^the server URL "" is relative/);

    const [twins, ...more] = await problemsOf(
      document(
        "  - url: https://api.voice.example\n    description: Production\n  - url: https://apiz.voice.example\n    description: Production",
      ),
    );
    expect(more).toEqual([]);
    expect(twins!.line).toBe(lineOf(twins!.vendored, "url: https://api.voice.example"));
    expect(twins!.detail).toMatch(/^two servers are both named region "production"/);
  });
});
