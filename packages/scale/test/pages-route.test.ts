/**
 * The page-by-page route, as a class: a document split into the pages its documentation site would publish
 * (one operation or webhook per page, each page's block carrying only what its operation reaches), vendored
 * from the site's index, must give the package the whole document gives. fixtures/pagedocs.yaml holds what
 * a page's block must carry for that: shared components, a subtype reached only through a discriminator's
 * mapping, path-item parameters two operations share, an unnamed operation, a recursive schema, a callback,
 * per-operation security and a webhook. `npm run real-documents -- --pages` runs the same over real documents.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { documentationSite } from "../src/documentation-pages.js";
import { compareOperations, generatedPackage, throughPages, withoutAuth } from "../src/pages-route.js";
import { bin, createWorkspace, runNode, scaleDir, type Workspace } from "../src/workspace.js";

const FIXTURE = join(scaleDir, "fixtures", "pagedocs.yaml");
const document = parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;
const site = documentationSite(document, "https://api.pagedocs.test/openapi.yaml");

/** The document a page embeds: its four-backtick YAML block. */
function pageDocument(path: string): Record<string, any> {
  const text = site.pages.get(path);
  if (text === undefined) throw new Error(`no page ${path}: ${[...site.pages.keys()].join(", ")}`);
  const block = /^````yaml [^\n]*\n([\s\S]*?)^````$/m.exec(text)?.[1];
  if (block === undefined) throw new Error(`${path} has no OpenAPI block:\n${text}`);
  return parse(block) as Record<string, any>;
}

describe("a document split into its documentation site's pages", () => {
  it("has a page per operation and per webhook, each listed by the index", () => {
    expect([...site.pages.keys()]).toEqual([
      "api-reference/list-calls.md",
      "api-reference/create-a-call.md",
      "api-reference/get-a-call.md",
      "api-reference/delete-calls-call-id.md",
      "api-reference/list-a-call-s-events.md",
      "api-reference/get-an-ivr-menu.md",
      // The path item that refers to the menu's: the same page at its own path.
      "api-reference/get-an-ivr-menu-2.md",
      "api-reference/webhook-callended.md",
    ]);
    for (const path of site.pages.keys()) expect(site.index).toContain(`(https://docs.example.com/${path})`);
    expect(site.pages.get("api-reference/get-a-call.md")).toContain(
      "````yaml https://api.pagedocs.test/openapi.yaml get /calls/{call_id}\n",
    );
    expect(site.pages.get("api-reference/webhook-callended.md")).toContain(
      "````yaml https://api.pagedocs.test/openapi.yaml webhook callEnded\n",
    );
  });

  it("carries in each page only the components its operation reaches, mapped subtypes included", () => {
    const events = pageDocument("api-reference/list-a-call-s-events.md");
    expect(Object.keys(events.components.schemas).sort()).toEqual([
      "Call",
      "CallAnswered",
      "CallEnded",
      "CallEvent",
      "CallRouting",
      "CallState",
    ]);
    expect(Object.keys(events.components.parameters)).toEqual(["PageSize"]);
    expect(Object.keys(events.components.securitySchemes)).toEqual(["bearer"]);
    expect(Object.keys(events.paths)).toEqual(["/calls/{call_id}/events"]);
    expect(events.paths["/calls/{call_id}/events"].parameters).toHaveLength(2);

    // An Example Object an `examples` map refers to, which the call's page needs whole.
    const call = pageDocument("api-reference/get-a-call.md");
    expect(Object.keys(call.components.examples)).toEqual(["AnsweredCall"]);
    expect(Object.keys(events.components)).not.toContain("examples");

    // A path item that refers to another is published as what it refers to, at its own path.
    const alias = pageDocument("api-reference/get-an-ivr-menu-2.md");
    expect(Object.keys(alias.paths)).toEqual(["/ivr/menus/{menu_id}"]);
    expect(alias.paths["/ivr/menus/{menu_id}"].get.operationId).toBe("getMenu");

    const menu = pageDocument("api-reference/get-an-ivr-menu.md");
    expect(Object.keys(menu.components.schemas)).toEqual(["Menu"]);
    // The page's own security, and the document's, which every page carries.
    expect(Object.keys(menu.components.securitySchemes)).toEqual(["bearer", "apiKey"]);

    const hangUp = pageDocument("api-reference/delete-calls-call-id.md");
    expect(Object.keys(hangUp.paths["/calls/{call_id}"]).sort()).toEqual(["delete", "parameters"]);
    expect(Object.keys(hangUp.components).sort()).toEqual(["responses", "schemas", "securitySchemes"]);
    expect(JSON.stringify(site.pages.get("api-reference/list-calls.md"))).not.toContain("Unused");
  });
});

describe("the same site as Fern writes it", () => {
  const fern = documentationSite(document, "https://api.pagedocs.test/openapi.yaml", { style: "fern" });
  /** The document a Fern page embeds: its three-backtick YAML block, whose fence names nothing. */
  const fernDocument = (path: string): Record<string, any> => {
    const block = /^## OpenAPI Specification\n\n```yaml\n([\s\S]*?)^```$/m.exec(
      fern.pages.get(path) ?? "",
    )?.[1];
    if (block === undefined) throw new Error(`${path} has no OpenAPI block:\n${fern.pages.get(path)}`);
    return parse(block) as Record<string, any>;
  };

  it("names each page's endpoint on a line of its own, and shows the document under a fence that names nothing", () => {
    expect([...fern.pages.keys()]).toEqual([...site.pages.keys()]);
    const text = fern.pages.get("api-reference/get-a-call.md")!;
    expect(text).toContain("\n# Get a call\n\nGET https://{region}.api.pagedocs.test/v2/calls/{call_id}\n");
    expect(text).toContain("\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.1.0\n");
    // Examples in other languages after it, which are no document.
    expect(text).toMatch(/\n```python \S+_example\nimport requests\n/);
    // `servers` after `paths`, as Fern orders them.
    expect(Object.keys(fernDocument("api-reference/get-a-call.md"))).toEqual([
      "openapi",
      "info",
      "tags",
      "paths",
      "servers",
      "components",
    ]);
  });

  it("writes each operation's security as its parameters, and keeps the schemes, renamed, required by nothing", () => {
    const call = fernDocument("api-reference/get-a-call.md");
    expect(JSON.stringify(call)).not.toContain('"security"');
    expect(call.components.securitySchemes).toEqual({
      sec0: document.components && (document.components as any).securitySchemes.bearer,
      sec1: (document.components as any).securitySchemes.apiKey,
    });
    expect(call.paths["/calls/{call_id}"].get.parameters).toEqual([
      {
        name: "Authorization",
        in: "header",
        description: "Bearer authentication",
        required: true,
        schema: { type: "string" },
      },
    ]);
    // The menus' own security: their API key's header.
    const menu = fernDocument("api-reference/get-an-ivr-menu.md");
    expect(menu.paths["/menus/{menu_id}"].get.parameters.at(-1)).toEqual({
      name: "X-Api-Key",
      in: "header",
      required: true,
      schema: { type: "string" },
    });
  });
});

describe("a Fern page's credential parameters", () => {
  const fernParameters = (operation: object) => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "Tokens", version: "1" },
      servers: [{ url: "https://api.tokens.test" }],
      paths: { "/keys": { get: { responses: { "200": { description: "ok" } }, ...operation } } },
      components: {
        securitySchemes: {
          Oauth2: { type: "oauth2", flows: {} },
          Oauth2c: { type: "oauth2", flows: {} },
          Digest: { type: "http", scheme: "digest" },
          Certificate: { type: "mutualTLS" },
        },
      },
    };
    const [text] = documentationSite(doc, "https://api.tokens.test/openapi.json", {
      style: "fern",
    }).pages.values();
    const block = /^```yaml\n([\s\S]*?)^```$/m.exec(text ?? "")?.[1] ?? "";
    return (parse(block) as any).paths["/keys"].get.parameters;
  };

  it("are one for schemes that send alike (Google's Oauth2 and Oauth2c, required together)", () => {
    expect(fernParameters({ security: [{ Oauth2: [], Oauth2c: [] }] })).toEqual([
      {
        name: "Authorization",
        in: "header",
        description: "Bearer authentication",
        required: true,
        schema: { type: "string" },
      },
    ]);
  });

  it("name an HTTP scheme's own form, and are none for a client certificate, which travels in TLS", () => {
    // Before, every scheme but Basic was written a Bearer `Authorization`, a mutualTLS one too.
    expect(fernParameters({ security: [{ Digest: [] }] })).toEqual([
      expect.objectContaining({ name: "Authorization", description: "Digest authentication" }),
    ]);
    expect(fernParameters({ security: [{ Certificate: [] }] })).toBeUndefined();
  });

  it("are none the operation already takes", () => {
    const own = { name: "authorization", in: "header", required: true, schema: { type: "string" } };
    expect(fernParameters({ security: [{ Oauth2: [] }], parameters: [own] })).toEqual([own]);
  });
});

describe("compareOperations", () => {
  const bundle = (callState: unknown) => ({
    paths: {
      "/calls/{id}": {
        get: {
          responses: {
            200: { content: { "application/json": { schema: { $ref: "#/components/schemas/Call" } } } },
          },
        },
      },
    },
    components: { schemas: { Call: { properties: { state: callState } }, State: { enum: ["a", "b"] } } },
  });
  const rows = ['  getCall: ["GET", "/calls/{id}"],'];
  const modules = ["calls.ts"];
  const provider = 'export const provider = {\n  "name": "acme",\n  "credentials": {}\n}';

  it("finds no difference where the generator named an operation on one route only, from its page's title", () => {
    // AWS's bare-verb `Search`, named `search` from its page's title: the document's operationId is kept.
    const named = (operation: object) => ({
      paths: { "/search": { post: { responses: {}, ...operation } } },
    });
    const whole = named({ operationId: "Search" });
    const pages = named({
      operationId: "search",
      "x-switchboard-operation-id": "Search",
      "x-switchboard-name-from": "title",
    });
    expect(
      compareOperations(
        { rows, modules, provider, bundle: whole },
        { rows, modules, provider, bundle: pages },
      ),
    ).toEqual([]);
    expect(
      compareOperations(
        { rows, modules, provider, bundle: whole },
        { rows, modules, provider, bundle: named({ operationId: "search" }) },
      ),
    ).toEqual(['paths post /search: differs at /operationId ("Search" ≠ "search")']);
  });

  it("leaves a row's auth out where schemes are compared by how they send", () => {
    expect(withoutAuth('  groovInfo: ["GET", "/info", {"auth":false}],')).toBe(
      '  groovInfo: ["GET", "/info"],',
    );
    expect(
      withoutAuth(
        '  search: ["GET", "/detail_records", {"style":{"filter":"form"},"auth":otherAuth(provider, 0),"writeQuery":serializeQuery}],',
      ),
    ).toBe('  search: ["GET", "/detail_records", {"style":{"filter":"form"},"writeQuery":serializeQuery}],');
    expect(
      withoutAuth('  token: ["POST", "/token", {"auth":otherAuth(provider, 1, { optional: true })}],'),
    ).toBe('  token: ["POST", "/token"],');
    expect(withoutAuth('  getCall: ["GET", "/calls/{id}"],')).toBe('  getCall: ["GET", "/calls/{id}"],');
  });

  it("finds no difference where a component is renamed but the same", () => {
    const renamed = bundle({ $ref: "#/components/schemas/State" });
    expect(
      compareOperations(
        { rows, modules, provider, bundle: bundle({ enum: ["a", "b"] }) },
        { rows, modules, provider, bundle: renamed },
      ),
    ).toEqual([]);
  });

  it("says where an operation differs once its references are followed, and which rows one side lacks", () => {
    expect(
      compareOperations(
        { rows, modules, provider, bundle: bundle({ enum: ["a", "b"] }) },
        {
          rows: ['  getCallById: ["GET", "/calls/{id}"],'],
          modules: ["call.ts"],
          provider: provider.replace("{}", '{ "apiKey": {} }'),
          bundle: bundle({ enum: ["a"] }),
        },
      ),
    ).toEqual([
      'only in the whole document\'s: getCall: ["GET", "/calls/{id}"],',
      'only in the pages\': getCallById: ["GET", "/calls/{id}"],',
      'provider.ts: line 3 is "credentials": {} from the whole document, "credentials": { "apiKey": {} } from the pages',
      "modules: calls.ts from the whole document, call.ts from the pages",
      'paths get /calls/{id}: differs at /responses/200/content/application/json/schema/properties/state/enum/1 ("b" ≠ undefined)',
    ]);
  });

  it("compares the schemes each operation needs by how they send, where the pages' are named otherwise (Fern's)", () => {
    const secured = (schemes: Record<string, unknown>, security: unknown) => ({
      ...bundle({ enum: ["a", "b"] }),
      security,
      components: { ...bundle({ enum: ["a", "b"] }).components, securitySchemes: schemes },
    });
    const whole = secured({ bearer: { type: "http", scheme: "bearer", description: "A token" } }, [
      { bearer: [] },
    ]);
    const named = secured({ sec0: { type: "http", scheme: "bearer" } }, [{ sec0: [] }]);
    const other = secured({ sec0: { type: "apiKey", in: "header", name: "X-Api-Key" } }, [{ sec0: [] }]);
    const side = (b: object) => ({ rows, modules, provider, bundle: b as Record<string, unknown> });
    expect(compareOperations(side(whole), side(named), { schemesAsSent: true })).toEqual([]);
    expect(compareOperations(side(whole), side(other), { schemesAsSent: true })).toEqual([
      expect.stringMatching(/^paths get \/calls\/\{id\}: differs at \/security\/0 /),
    ]);
    // By name, as Mintlify's pages keep the document's names, the same two differ.
    expect(compareOperations(side(whole), side(named))).not.toEqual([]);
    // Two schemes that send one token alike (Google's `Oauth2` and `Oauth2c`, required together) are the
    // one `Authorization: Bearer` a page of Fern's writes.
    const both = secured({ Oauth2: { type: "oauth2", flows: {} }, Oauth2c: { type: "oauth2", flows: {} } }, [
      { Oauth2: [], Oauth2c: [] },
    ]);
    expect(compareOperations(side(both), side(named), { schemesAsSent: true })).toEqual([]);
  });
});

describe("the pages vendored from the site's index", () => {
  let whole: Workspace;
  beforeAll(async () => {
    whole = createWorkspace("pagedocs", { prefix: "switchboard-pages-whole-", specs: {} });
    mkdirSync(join(whole.root, "specs"), { recursive: true });
    const env = { SWITCHBOARD_ROOT: whole.root, SWITCHBOARD_VENDOR_DATE: "2026-01-01" };
    for (const args of [
      ["vendor", FIXTURE, "--provider", "pagedocs"],
      ["generate", "pagedocs"],
    ]) {
      const result = await runNode([bin.codegen, ...args], { cwd: whole.root, env });
      if (result.code !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
    }
  });
  afterAll(() => whole?.remove());

  it("give the package of the whole document: the same operations, each the same, and it compiles", async () => {
    const wholePackage = generatedPackage(whole.packageDir("pagedocs"));
    expect(wholePackage.rows).toHaveLength(7);
    expect(wholePackage.modules).toEqual(["calls.ts", "menus.ts"]);
    expect(await throughPages(FIXTURE, "pagedocs", whole.packageDir("pagedocs"))).toBeUndefined();
  });

  it("give it from Fern's pages too, once the credential fixes the generator prints for them are written", async () => {
    // Each page's credentials are parameters (a bearer `Authorization`, the menus' `X-Api-Key`): the fixes
    // `vendor` prints have each operation require its own scheme again, and no method take either.
    expect(
      await throughPages(FIXTURE, "pagedocs", whole.packageDir("pagedocs"), { style: "fern" }),
    ).toBeUndefined();
  });
});
