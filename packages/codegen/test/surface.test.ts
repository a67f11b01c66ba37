import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createProviderClient, type OperationTable, otherAuth, serializeQuery } from "@switchboard/core";
import { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { operationCount } from "../src/generate/generate-command.js";
import { renderProvider, rowFunctions } from "../src/generate/generated-files.js";
import { generateTypes } from "../src/generate/openapi-types.js";
import { operationDocs } from "../src/generate/operation-docs.js";
import { operationSurface, operationTable } from "../src/generate/operation-table.js";
import { providerDefinition } from "../src/generate/provider-definition.js";
import { renderReadme } from "../src/generate/provider-readme.js";
import { serverVariables } from "../src/generate/server-variables.js";
import { dropClientOwnedHeaders } from "../src/spec/client-owned-headers.js";
import { withoutCredentialParameters } from "../src/spec/credential-parameters.js";
import { hoistDeepRefs } from "../src/spec/deep-refs.js";
import { type OpenApiDocument, operationsOf } from "../src/spec/openapi-document.js";
import { CLIENT_MEMBERS, uniqueOperationNames } from "../src/spec/operation-ids.js";
import { parseProviderSettings } from "../src/spec/provider-settings.js";
import { securityPlan, securityRequirements } from "../src/spec/security-plan.js";
import {
  settingsForNewProvider,
  suggestedCredentials,
  suggestedFills,
  suggestedSettings,
  unauthenticatedOperations,
} from "../src/spec/settings-suggestions.js";
import { specProblems } from "../src/spec/spec-checks.js";
import { parseYamlFile } from "../src/spec/yaml-file.js";
import { catchInputError, repo, typeCheck } from "./helpers.js";
import { offload } from "./offload.js";

const FULL_SIZE = new URL("./full-size.ts", import.meta.url);

const ok = { "200": { description: "ok" } };
const listOf = (item: object, meta: object) => ({
  "200": {
    description: "ok",
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties: { data: { type: "array", items: item }, meta: { type: "object", properties: meta } },
        },
      },
    },
  },
});

function doc(paths: Record<string, object>, extra: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://api.example.test/v2" }],
    paths: paths as OpenApiDocument["paths"],
    ...extra,
  };
}

const names = (d: OpenApiDocument) => [...uniqueOperationNames(d, "spec").values()];

describe("unique operation names", () => {
  const telnyxLike = () =>
    doc({
      "/phone_numbers": { get: { operationId: "ListPhoneNumbers", responses: ok } },
      "/v2/whatsapp/phone_numbers": { get: { operationId: "ListPhoneNumbers", responses: ok } },
      "/reports/mdr_usage_reports": { get: { operationId: "GetMdrUsageReports", responses: ok } },
      "/legacy/reporting/usage_reports/messaging": {
        get: { operationId: "getMdrUsageReports", responses: ok },
      },
    });

  it("names no method after a member every client has, so none is hidden or breaks the client", () => {
    const d = doc({
      "/then": { post: { operationId: "then", responses: ok } },
      "/middleware": { post: { operationId: "use", responses: ok } },
      "/provider": { get: { operationId: "Provider", responses: ok } },
      "/requests": { post: { operationId: "request", responses: ok } },
      "/text": { get: { operationId: "toString", responses: ok } },
      "/calls": { get: { operationId: "listCalls", responses: ok } },
    });
    expect(names(d)).toEqual([
      "postThen",
      "postMiddleware",
      "getProvider",
      "postRequests",
      "getText",
      "listCalls",
    ]);
    expect(d.paths!["/then"]!.post).toMatchObject({
      operationId: "postThen",
      "x-switchboard-operation-id": "then",
    });
  });

  it("knows every member a client has that a method name could take", async () => {
    const { createProviderClient, withWebhooks } = await import("@switchboard/core");
    const provider = {
      name: "t",
      title: "T",
      servers: { default: "https://t.test" },
      defaultServer: "default",
      credentials: {},
      auth: [],
      pathCredentials: {},
    } as const;
    const client = withWebhooks(createProviderClient(provider as never, {}, {}), () => ({}));
    const members = new Set<string>(["then"]);
    for (let o: object | null = client; o; o = Object.getPrototypeOf(o))
      for (const key of Object.getOwnPropertyNames(o)) members.add(key);
    // Method names are camelCase: `GET`, `__proto__` and the like can never be one.
    const possible = [...members].filter((key) => /^[a-z][A-Za-z0-9]*$/.test(key)).sort();
    expect(possible).toEqual([...CLIENT_MEMBERS].sort());
  });

  it("qualifies a repeated operationId by what its own path adds, and keeps the plain name for the other", () => {
    expect(names(telnyxLike())).toEqual([
      "listPhoneNumbers",
      "listPhoneNumbersWhatsapp",
      "getMdrUsageReports",
      "getMdrUsageReportsLegacyReportingMessaging",
    ]);
  });

  it("keeps the earliest version's name for an operationId repeated under a new version, and names the later by it", () => {
    // Path-based names for both renamed the released `deletePhoneNumber` when `/v3` was added beside it.
    const op = { operationId: "delete-phone-number", responses: ok };
    const released = doc({ "/numbers/{slug}": { delete: op } });
    expect(names(released)).toEqual(["deletePhoneNumber"]);
    const withV3 = doc({
      "/v3/numbers/{slug}": { delete: { ...op } },
      "/numbers/{slug}": { delete: { ...op } },
    });
    expect(names(withV3)).toEqual(["deletePhoneNumberV3", "deletePhoneNumber"]);
    expect(withV3.paths!["/v3/numbers/{slug}"]!.delete).toMatchObject({
      operationId: "deletePhoneNumberV3",
      "x-switchboard-operation-id": "delete-phone-number",
    });
    // `/v1` and `/v2`: the earlier keeps the name.
    const twoVersions = doc({
      "/v2/numbers/{slug}": { delete: { ...op } },
      "/v1/numbers/{slug}": { delete: { ...op } },
    });
    expect(names(twoVersions)).toEqual(["deletePhoneNumberV2", "deletePhoneNumber"]);
    const sameVersion = doc({
      "/v1/numbers/{slug}": { delete: { ...op } },
      "/v1/numbers/{slug}/": { delete: { ...op } },
    });
    // The same version twice is no version apart: as before, a clash an overlay settles.
    expect(() => names(sameVersion)).toThrow(/would both be named/);
  });

  it("keeps the provider's operationId's name against one taken from a page title, so a new page renames nothing", () => {
    const d = doc({
      "/things": { get: { operationId: "listThings", responses: ok } },
      "/v2/things": {
        get: { operationId: "listThings", "x-switchboard-name-from": "page title", responses: ok },
      },
    });
    expect(names(d)).toEqual(["listThings", "getV2Things"]);
  });

  it("rewrites the clashing operationIds in the document, so openapi-typescript's `operations` is unique", () => {
    const d = telnyxLike();
    uniqueOperationNames(d, "spec");
    const whatsapp = d.paths!["/v2/whatsapp/phone_numbers"]!.get;
    expect(whatsapp.operationId).toBe("listPhoneNumbersWhatsapp");
    expect(whatsapp["x-switchboard-operation-id"]).toBe("ListPhoneNumbers");
    expect(d.paths!["/phone_numbers"]!.get.operationId).toBe("ListPhoneNumbers");
    // Running it again (generation is repeatable) changes nothing.
    const again = structuredClone(d);
    expect(names(again)).toEqual(names(d));
    expect(again).toEqual(d);
  });

  it("does not rename existing methods when a later spec adds another operation with the same id", () => {
    const before = names(telnyxLike());
    const later = telnyxLike();
    later.paths = {
      "/v2/messaging/phone_numbers": { get: { operationId: "ListPhoneNumbers", responses: ok } },
      ...later.paths,
    };
    const after = names(later);
    expect(after.slice(1)).toEqual(before);
    expect(after[0]).toBe("listPhoneNumbersMessaging");
  });

  it("does not depend on the order of the document", () => {
    const d = telnyxLike();
    const reversed = doc(Object.fromEntries(Object.entries(d.paths!).reverse()));
    expect(names(reversed).sort()).toEqual(names(d).sort());
  });
});

describe("operation surface", () => {
  const surface = (d: OpenApiDocument) => {
    uniqueOperationNames(d, "spec");
    return operationSurface(d, "spec");
  };

  it("records query styles that differ from the default, per OpenAPI's rules", () => {
    const { operations } = surface(
      doc({
        "/things": {
          get: {
            operationId: "listThings",
            parameters: [
              {
                name: "filter",
                in: "query",
                style: "deepObject",
                explode: true,
                schema: { type: "object", properties: { a: { type: "string" } } },
              },
              {
                name: "page",
                in: "query",
                explode: true,
                schema: { type: "object", properties: { n: { type: "integer" } } },
              },
              {
                name: "ids",
                in: "query",
                explode: false,
                schema: { type: "array", items: { type: "string" } },
              },
              { name: "tags", in: "query", schema: { type: "array", items: { type: "string" } } },
              {
                name: "pipes",
                in: "query",
                style: "pipeDelimited",
                schema: { type: "array", items: { type: "string" } },
              },
              { name: "q", in: "query", content: { "application/json": { schema: { type: "object" } } } },
              { name: "filter[created_at][gte]", in: "query", schema: { type: "string" } },
            ],
            responses: ok,
          },
        },
      }),
    );
    expect(operations[0]!.meta.style).toEqual({ page: "form", ids: "comma", pipes: "pipe", q: "json" });
    expect(operations[0]!.inputs.query).toContain("filter[created_at][gte]");
  });

  it("types a query parameter given as JSON content by its schema, and sends any other content as given", () => {
    const filter = { type: "object", required: ["a"], properties: { a: { type: "integer" } } };
    const d = doc(
      {
        "/search": {
          get: {
            operationId: "search",
            parameters: [
              { name: "json", in: "query", content: { "application/json": { schema: filter } } },
              { $ref: "#/components/parameters/Shared" },
              { name: "text", in: "query", content: { "text/plain": { schema: { type: "string" } } } },
            ],
            responses: ok,
          },
        },
      },
      {
        components: {
          parameters: {
            Shared: {
              name: "shared",
              in: "query",
              content: { "application/vnd.x+json": { schema: filter } },
            },
          },
        },
      },
    );
    expect(surface(d).operations[0]!.meta.style).toEqual({ json: "json", shared: "json" });
    const text = astToString(generateTypes(d));
    // Before: `json?: string`, and the JSON text a caller passed went out as a JSON string, quotes escaped.
    expect(text).toMatch(/json\?: \{\s+a: number;\s+\};/);
    expect(text).toMatch(/Shared: \{\s+a: number;\s+\};/);
    expect(text).toMatch(/text\?: string;/);
    const sent = serializeQuery({ json: { a: 1 }, text: "{a}" }, { json: "json" });
    expect(decodeURIComponent(sent)).toBe('json={"a":1}&text={a}');
  });

  it("reads non-JSON success bodies as text, blobs or streams", () => {
    const media = (...types: string[]) => ({
      "200": {
        description: "ok",
        content: Object.fromEntries(types.map((t) => [t, { schema: { type: "string" } }])),
      },
    });
    const { operations } = surface(
      doc({
        "/a": { get: { operationId: "csv", responses: media("text/csv") } },
        "/b": { get: { operationId: "pdf", responses: media("application/pdf") } },
        "/c": { get: { operationId: "audio", responses: media("audio/wav") } },
        "/d": { get: { operationId: "either", responses: media("application/json", "text/csv") } },
        "/e": { get: { operationId: "events", responses: media("text/event-stream") } },
      }),
    );
    expect(operations.map((o) => o.meta.response)).toEqual(["text", "blob", "blob", undefined, "stream"]);
  });

  it("sends the Accept an operation's Accept parameter asks for, where its success responses admit it", () => {
    const accept = (schema: object) => [{ name: "Accept", in: "header", required: true, schema }];
    const media = (...types: string[]) => ({
      "200": {
        description: "ok",
        content: Object.fromEntries(types.map((t) => [t, { schema: { type: "string" } }])),
      },
    });
    const csvOrJson = { type: "string", default: "application/json", enum: ["application/json", "text/csv"] };
    const { operations } = surface(
      doc({
        "/telnyx": {
          get: {
            operationId: "report",
            parameters: accept(csvOrJson),
            responses: media("application/json", "text/csv"),
          },
        },
        "/vtex": {
          post: {
            operationId: "policy",
            parameters: accept({ type: "string", default: "application/json" }),
            responses: media("application/octet-stream"),
          },
        },
        "/enum": {
          get: {
            operationId: "csv",
            parameters: accept({ type: "string", enum: ["application/xml", "text/csv"] }),
            responses: media("text/csv; charset=utf-8"),
          },
        },
        "/range": {
          get: {
            operationId: "text",
            parameters: accept({ type: "string", default: "text/*" }),
            responses: media("text/csv"),
          },
        },
        "/silent": {
          get: {
            operationId: "silent",
            parameters: accept({ type: "string", default: "application/json" }),
            responses: { "200": { description: "ok" } },
          },
        },
        "/wild": {
          get: {
            operationId: "wild",
            parameters: accept({ type: "string", default: "application/json" }),
            responses: media("*/*"),
          },
        },
        "/medialive": {
          get: {
            operationId: "thumbnail",
            parameters: accept({ type: "string", enum: ["image/jpeg"] }),
            responses: media("application/json"),
          },
        },
        "/const": {
          get: {
            operationId: "constant",
            parameters: accept({ type: "string", const: "image/png", default: "text/plain" }),
            responses: media("application/json"),
          },
        },
      }),
    );
    // VTEX's parameter contradicts the one type it answers with: sending it would earn a 406, so none is sent
    // and fetch's own (any type) lets the server answer as documented. Where the responses cannot tell (no
    // content, a wildcard), the parameter is all there is.
    // An enum or const is what the server takes, not a suggestion: one of its values is sent whatever the
    // responses say (AWS MediaLive's thumbnail asks for image/jpeg and documents a JSON answer); a default
    // outside it is not one of them.
    expect(operations.map((o) => o.meta.accept)).toEqual([
      "application/json",
      undefined,
      "text/csv",
      "text/*",
      "application/json",
      "application/json",
      "image/jpeg",
      "image/png",
    ]);
  });

  it("reads a success body by its Content-Type where the document cannot tell its type", () => {
    const media = (...types: string[]) => ({
      "200": {
        description: "ok",
        content: Object.fromEntries(types.map((t) => [t, { schema: { type: "object" } }])),
      },
    });
    const { operations } = surface(
      doc({
        "/a": { get: { operationId: "anything", responses: media("*/*") } },
        "/b": { get: { operationId: "star", responses: media("application/pdf", "*") } },
        "/c": { get: { operationId: "comma", responses: media("application/json, charset=utf-8") } },
        "/d": { get: { operationId: "fields", responses: media("code", "message") } },
        "/e": { get: { operationId: "pdf", responses: media("Application/PDF; q=1") } },
      }),
    );
    // A wildcard, Telnyx's `*`, Snyk's comma (JSON all the same) and Akeneo's property names where the media
    // type belongs: no kind, so the runtime reads what arrives (JSON parsed, text as text, the rest a Blob).
    expect(operations.map((o) => o.meta.response)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      "blob",
    ]);
  });

  it("leaves WebSocket-only operations out of the REST table, and keeps other per-operation servers", () => {
    const { operations, skipped } = surface(
      doc({
        "/stream": {
          get: { operationId: "stream", servers: [{ url: "wss://api.example.test/v2" }], responses: ok },
        },
        "/.well-known/thing": {
          get: {
            operationId: "wellKnown",
            servers: [{ url: "https://api.example.test" }],
            security: [],
            responses: ok,
          },
        },
      }),
    );
    expect(skipped).toEqual([expect.objectContaining({ method: "GET", path: "/stream" })]);
    expect(operations).toEqual([
      expect.objectContaining({
        name: "wellKnown",
        meta: { server: "https://api.example.test", auth: false },
      }),
    ]);
  });

  it("resolves a relative operation or path server against the document's, and reads an empty list as none", () => {
    const { operations } = surface(
      doc({
        "/relative": {
          servers: [{ url: "/v3" }],
          get: { operationId: "onPathItem", responses: ok },
          post: { operationId: "emptyOwn", servers: [], responses: ok },
        },
        "/other": {
          get: { operationId: "onOperation", servers: [{ url: "//files.example.test/up" }], responses: ok },
        },
        "/plain": { get: { operationId: "plain", servers: [], responses: ok } },
      }),
    );
    expect(Object.fromEntries(operations.map((o) => [o.name, o.meta.server]))).toEqual({
      // Before: "/v3", which every call failed to parse as a URL.
      onPathItem: "https://api.example.test/v3",
      // `servers: []` falls back to the path item's, not past it to the document's.
      emptyOwn: "https://api.example.test/v3",
      onOperation: "https://files.example.test/up",
      plain: undefined,
    });
  });

  it("detects page-number and cursor paging from the parameters and the response envelope", () => {
    const { operations } = surface(
      doc({
        "/numbers": {
          get: {
            operationId: "listNumbers",
            parameters: [
              {
                name: "page",
                in: "query",
                style: "deepObject",
                schema: {
                  type: "object",
                  properties: { number: { type: "integer" }, size: { type: "integer" } },
                },
              },
            ],
            responses: listOf({ type: "string" }, { total_pages: { type: "integer" } }),
          },
        },
        "/flat": {
          get: {
            operationId: "listFlat",
            parameters: [{ name: "page[number]", in: "query", schema: { type: "integer" } }],
            responses: listOf({ type: "string" }, { total_pages: { type: "integer" } }),
          },
        },
        "/cursors": {
          get: {
            operationId: "listCursors",
            parameters: [{ name: "page[after]", in: "query", schema: { type: "string" } }],
            responses: listOf(
              { type: "string" },
              { cursors: { type: "object", properties: { after: { type: "string" } } } },
            ),
          },
        },
        "/unpaged": {
          get: {
            operationId: "listUnpaged",
            parameters: [{ name: "page[number]", in: "query", schema: { type: "integer" } }],
            responses: listOf({ type: "string" }, {}),
          },
        },
        // ElevenLabs' voices: the token the response names is the query parameter of the same name.
        "/v2/voices": {
          get: {
            operationId: "listVoices",
            parameters: [{ name: "next_page_token", in: "query", schema: { type: "string" } }],
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        voices: { type: "array", items: { type: "string" } },
                        has_more: { type: "boolean" },
                        next_page_token: { type: "string", nullable: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
    );
    expect(operations.map((o) => o.meta.page)).toEqual([
      ["number", ["page", "number"], ["data"], ["meta", "total_pages"]],
      ["number", ["page[number]"], ["data"], ["meta", "total_pages"]],
      ["cursor", ["page[after]"], ["data"], ["meta", "cursors", "after"]],
      undefined,
      ["cursor", ["next_page_token"], ["voices"], ["next_page_token"]],
    ]);
  });

  it("exports each operation from the module of its first tag, or of its first path segment", () => {
    const { operations } = surface(
      doc({
        "/ips/{id}": { delete: { operationId: "deleteIp", tags: ["IPs"], responses: ok } },
        "/texml/calls": { post: { operationId: "dial", tags: ["TeXML REST Commands"], responses: ok } },
        "/sip_trunks": { get: { operationId: "listTrunks", responses: ok } },
        "/compose": { get: { operationId: "compose", tags: ["Compose"], responses: ok } },
        // A version segment names no resource: Stripe's untagged operations were all in one module, `v1`.
        "/v1/customers": { get: { operationId: "getCustomers", responses: ok } },
      }),
    );
    expect(operations.map((o) => o.module)).toEqual([
      "ips",
      "texml-rest-commands",
      "sip-trunks",
      "compose-operations",
      "customers",
    ]);
  });

  it("keeps operations one path holds apart by a #fragment (Box's): typed by their key, sent without the fragment", async () => {
    const token = (operationId: string, grant: string) => ({
      post: {
        operationId,
        tags: ["Authorization"],
        parameters: [{ name: "box_subject", in: "query", schema: { type: "string" } }],
        responses: {
          "200": {
            description: grant,
            content: {
              "application/json": { schema: { type: "object", properties: { [grant]: { type: "string" } } } },
            },
          },
        },
      },
    });
    const d = doc({
      "/oauth2/token": token("post_oauth2_token", "access_token"),
      "/oauth2/token#refresh": token("post_oauth2_token#refresh", "refresh_token"),
    });
    const { files } = await renderProvider(
      { provider: "box", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    // The module's `operations` holds the refresh token's operation under openapi-typescript's name for it.
    expect(await typeCheck(files)).toBe("");
    expect(files["modules/authorization.ts"]).toContain('"post_oauth2_token/refresh": {');
    expect(files["endpoints.ts"]).toContain('postOauth2TokenRefresh: ["POST", "/oauth2/token", {');
    expect(files["endpoints.ts"]).toContain('paths["/oauth2/token#refresh"]["post"]');
    // The row keeps the spec's key beside the path it sends to, for the mocks to find the operation by; a
    // path without a fragment has no need of one.
    const row = (name: string) =>
      files["endpoints.ts"]!.split("\n").find((line) => line.includes(`${name}: [`));
    expect(row("postOauth2TokenRefresh")).toContain('"specPath":"/oauth2/token#refresh"');
    expect(row("postOauth2Token")).not.toContain("specPath");
  });

  it("sends bytes as they are to an operation that takes JSON or bytes (Deepgram's audio), typed as either", async () => {
    const d = doc({
      "/v1/listen": {
        post: {
          operationId: "transcribe",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "object", required: ["url"], properties: { url: { type: "string" } } },
              },
              "audio/*": { schema: { type: "string", format: "binary" } },
            },
          },
          responses: { "200": { description: "ok" } },
        },
      },
    });
    const { files } = await renderProvider(
      { provider: "deep", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    // `JSON.stringify(blob)` is `{}`: the row's encoder sends bytes as they are, the rest as JSON.
    expect(files["endpoints.ts"]).toContain(
      'transcribe: ["POST", "/v1/listen", {"body":"application/json","encode":jsonOrRawBody}]',
    );
    files["call.ts"] = [
      'import { createDeepClient } from "./client.js";',
      'const deep = createDeepClient({ baseUrl: "http://127.0.0.1:1" });',
      "export const calls = () => [",
      '  deep.transcribe({ body: { url: "https://example.com/a.wav" } }),',
      '  deep.transcribe({ body: new Blob(["RIFF"], { type: "audio/wav" }) }),',
      "  deep.transcribe({ body: new Uint8Array(4) }),",
      "  // @ts-expect-error: neither JSON of the schema nor bytes",
      "  deep.transcribe({ body: { uri: 1 } }),",
      "];",
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
  });

  it("writes label and matrix path parameters into the row's path, the spec's key kept for the mocks", async () => {
    const ok = { "200": { description: "ok" } };
    const param = (name: string, style: string | undefined, schema: object, explode?: boolean) => ({
      name,
      in: "path",
      required: true,
      ...(style ? { style } : {}),
      ...(explode === undefined ? {} : { explode }),
      schema,
    });
    const get = (operationId: string, ...parameters: object[]) => ({
      get: { operationId, parameters, responses: ok },
    });
    const list = { type: "array", items: { type: "string" } };
    const d = doc({
      "/label/{id}": get("label", param("id", "label", { type: "integer" })),
      "/matrix/{id}/{ids}": get(
        "matrix",
        param("id", "matrix", { type: "string" }),
        param("ids", "matrix", list, false),
      ),
      "/simple/{id}": get("simple", param("id", undefined, { type: "string" })),
      // Written by no template: an exploded array (`.a.b`, `;ids=a;ids=b`) and an object stay simple.
      "/exploded/{ids}/{filter}": get(
        "exploded",
        param("ids", "label", list, true),
        param("filter", "matrix", { type: "object" }),
      ),
    });
    const { files } = await renderProvider(
      { provider: "styles", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(await typeCheck(files)).toBe("");
    const row = (name: string) =>
      files["endpoints.ts"]!.split("\n").find((line) => line.includes(`${name}: [`));
    expect(row("label")).toContain('["GET", "/label/.{id}", {"specPath":"/label/{id}"}]');
    expect(row("matrix")).toContain(
      '["GET", "/matrix/;id={id}/;ids={ids}", {"specPath":"/matrix/{id}/{ids}"}]',
    );
    expect(row("simple")).toContain('["GET", "/simple/{id}"]');
    expect(row("exploded")).toContain('["GET", "/exploded/{ids}/{filter}"]');
    // The types keep the spec's key: an input is named as the spec names it.
    expect(files["endpoints.ts"]).toContain('paths["/matrix/{id}/{ids}"]["get"]');
  });

  it("sends a query a path key writes itself, but an item of the operation's own query parameter (Medium's)", async () => {
    const ok = {
      "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
    };
    const param = (name: string, where: string) => ({
      name,
      in: where,
      required: true,
      schema: { type: "string" },
    });
    const d = doc({
      "/search/articles?query={query}": {
        get: { operationId: "searchArticles", parameters: [param("query", "query")], responses: ok },
      },
      "/sms/history?date_from={date_from}": {
        get: { operationId: "smsHistory", parameters: [param("date_from", "path")], responses: ok },
      },
      "/rest?method=flickr.photos.getInfo&format=json": {
        get: { operationId: "getPhotoInfo", responses: ok },
      },
    });
    // Declared as a query parameter and written as one into the key: no problem (a path parameter it is not).
    expect(specProblems(d)).toEqual([]);
    const { files } = await renderProvider(
      { provider: "keys", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(await typeCheck(files)).toBe("");
    const row = (name: string) =>
      files["endpoints.ts"]!.split("\n").find((line) => line.includes(`${name}: [`));
    // The client sends `query` with the rest of its query, so the row's path leaves it out; the key is kept.
    expect(row("searchArticles")).toContain(
      '["GET", "/search/articles", {"specPath":"/search/articles?query={query}",',
    );
    expect(row("smsHistory")).toContain('["GET", "/sms/history?date_from={date_from}"]');
    expect(row("getPhotoInfo")).toContain('["GET", "/rest?method=flickr.photos.getInfo&format=json"]');
    // A variable of the key's query that is no parameter of the operation is still the spec's problem.
    const undeclared = doc({
      "/uploads?convert={convert}": { post: { operationId: "upload", responses: ok } },
    });
    expect(specProblems(undeclared).map((p) => p.message)).toEqual([
      "POST /uploads?convert={convert}: the path variable {convert} is not declared as a path parameter",
    ]);
  });

  it("refuses a reference to another file with a fix that works (vendoring that file was refused)", () => {
    const d = doc({
      "/calls": {
        get: {
          operationId: "listCalls",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": { schema: { $ref: "./common.yaml#/components/schemas/CallList" } },
              },
            },
          },
        },
      },
    });
    const [problem] = specProblems(d);
    expect(problem?.message).toBe(
      "external $ref ./common.yaml#/components/schemas/CallList is not supported: the documents of a provider are read as they are, each on its own",
    );
    expect(problem?.fix).toMatch(
      /^bundle the document with the files it references into one \(`npx @redocly\/cli bundle/,
    );
  });

  it("refuses a query parameter and a header of one name (Mercure's `Last-Event-ID`) at the header's pointer, with the action that drops it", () => {
    const param = (name: string, where: string) => ({ name, in: where, schema: { type: "string" } });
    const d = doc({
      "/.well-known/mercure": {
        get: {
          operationId: "subscribe",
          parameters: [
            param("Last-Event-ID", "query"),
            param("Last-Event-ID", "header"),
            // Headers the client writes itself are no input, so no clash: the body's media type, the answer's.
            param("accept", "query"),
            param("Accept", "header"),
            param("content-type", "query"),
            param("Content-Type", "header"),
          ],
          responses: { "200": { description: "events" } },
        },
      },
    });
    expect(specProblems(d).map((p) => [p.message, p.at.join("/"), p.fix])).toEqual([
      [
        'GET /.well-known/mercure: parameter "Last-Event-ID" is declared both as query and header; a method has one input per name',
        "paths//.well-known/mercure/get/parameters/1",
        [
          {
            target:
              "$.paths['/.well-known/mercure'].get.parameters[?(@.name == 'Last-Event-ID' && @.in == 'header')]",
            description: '"Last-Event-ID" is a query parameter; the header one is a duplicate',
            remove: true,
          },
        ],
      ],
    ]);
  });

  it("follows a property or a component named `example` or `examples` (Oxford Dictionaries'), which is no example value", async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const d = doc(
      {
        "/entries/{word}": {
          get: {
            operationId: "getEntry",
            tags: ["Entries"],
            parameters: [{ name: "word", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              "200": { description: "an entry", content: { "application/json": { schema: ref("Entry") } } },
            },
          },
        },
      },
      {
        components: {
          schemas: {
            Entry: {
              type: "object",
              properties: {
                examples: ref("ExamplesList"),
                example: ref("example"),
                // A property named `properties`: its own `example` is a value again, which may hold anything.
                properties: { type: "object", example: { $ref: "#/components/schemas/NotOne" } },
              },
            },
            ExamplesList: {
              type: "array",
              items: { type: "object", properties: { text: { type: "string" } } },
            },
            example: { type: "object", properties: { sentence: { type: "string" } } },
          },
        },
      },
    );
    const { files } = await renderProvider(
      { provider: "oxford", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(await typeCheck(files)).toBe("");
    expect(files["modules/entries.ts"]).toContain("ExamplesList: {");
    expect(files["modules/entries.ts"]).toContain("example: {");
    // The example value is shown in the doc comment, and names no component.
    expect(files["modules/entries.ts"]).not.toMatch(/\bNotOne\??: /);
  });

  it("compiles a schema that extends a discriminator's base and declares its property too (Apple SiriKit's)", async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const d = doc(
      {
        "/intents/{id}": {
          get: {
            operationId: "getIntent",
            tags: ["Intents"],
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              "200": {
                description: "an intent",
                content: { "application/json": { schema: { oneOf: [ref("MediaResult"), ref("Other")] } } },
              },
            },
          },
        },
      },
      {
        components: {
          schemas: {
            Result: {
              type: "object",
              required: ["class"],
              properties: { class: { type: "string" } },
              discriminator: { propertyName: "class", mapping: { Other: "#/components/schemas/Other" } },
            },
            Other: { allOf: [ref("Result")] },
            MediaResult: {
              allOf: [ref("Result")],
              type: "object",
              required: ["class", "success"],
              additionalProperties: false,
              properties: {
                class: { type: "string", enum: ["MediaResult"] },
                success: { type: "boolean" },
              },
            },
          },
        },
      },
    );
    const { files } = await renderProvider(
      { provider: "sirikit", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    // Before: `class: "MediaResult"; class?: "MediaResult"`, TS2300 "Duplicate identifier 'class'".
    files["use.ts"] = [
      'import type { components } from "./modules/intents.js";',
      'export const result: components["schemas"]["MediaResult"] = { class: "MediaResult", success: true };',
      "// @ts-expect-error: the class is the schema's own",
      'export const wrong: components["schemas"]["MediaResult"] = { class: "Other", success: true };',
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
    // The bundle the package ships (and the mocks read) is the document as it was.
    expect(d.components!.schemas!.MediaResult).toHaveProperty("properties.success");
  });

  it("compiles components that contain themselves through arrays and unions (JSON values, Vercel's), in every module that has them", async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const get = (operationId: string, tag: string, schema: object) => ({
      get: {
        operationId,
        tags: [tag],
        responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
      },
    });
    const d = doc(
      {
        "/values": get("getValue", "Values", ref("Json")),
        "/trees": get("getTree", "Trees", { type: "array", items: ref("Branch") }),
        "/nodes": get("getNode", "Nodes", ref("Node")),
      },
      {
        components: {
          schemas: {
            // Through an array and an object's values, all in one union.
            Json: {
              nullable: true,
              oneOf: [
                { type: "string" },
                { type: "number" },
                { type: "boolean" },
                { type: "object", additionalProperties: ref("Json") },
                { type: "array", items: ref("Json") },
              ],
            },
            // Two components that contain each other, neither through an object.
            Branch: { oneOf: [{ type: "string" }, ref("Branches")] },
            Branches: { type: "array", items: ref("Branch") },
            // Through an object's property: compiles as openapi-typescript writes it, so it stays as written.
            Node: { type: "object", properties: { children: { type: "array", items: ref("Node") } } },
          },
        },
      },
    );
    const { files } = await renderProvider(
      { provider: "recursive", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    // Before: `Json: … | components["schemas"]["Json"][]`, TS2502 "'Json' is referenced directly or indirectly
    // in its own type annotation", in schema.ts and in the module.
    expect(files["schema.ts"]).toContain("Json: $schemas_Json;");
    expect(files["schema.ts"]).toContain("type $schemas_Branches = $schemas_Branch[];");
    expect(files["schema.ts"]).toContain('children?: components["schemas"]["Node"][];');
    // Each alias goes with its component: the module of trees has Branch's, not Json's, whose object values
    // name a component that module does not have.
    expect(files["modules/trees.ts"]).toContain("type $schemas_Branch =");
    expect(files["modules/trees.ts"]).not.toContain("$schemas_Json");
    expect(files["modules/nodes.ts"]).not.toContain("type $schemas_");
    files["use.ts"] = [
      'import type { components } from "./schema.js";',
      'import type { components as trees } from "./modules/trees.js";',
      'export const json: components["schemas"]["Json"] = { a: [1, "two", null, { b: [true] }] };',
      'export const tree: trees["schemas"]["Branch"] = ["leaf", ["leaf", []]];',
      "// @ts-expect-error: a JSON value holds no undefined",
      'export const notJson: components["schemas"]["Json"] = [undefined];',
      "// @ts-expect-error: a branch is a string or a list of branches",
      'export const notTree: trees["schemas"]["Branch"] = [1];',
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
  });

  it("types a schema with `$defs` (OpenAPI 3.1) without a `$defs` property, its definitions reached by `$ref` all the same", async () => {
    const call = { $ref: "#/components/schemas/Call" };
    const d = doc(
      {
        "/calls": {
          post: {
            operationId: "createCall",
            tags: ["Calls"],
            requestBody: { required: true, content: { "application/json": { schema: call } } },
            responses: {
              "201": { description: "created", content: { "application/json": { schema: call } } },
            },
          },
        },
      },
      {
        openapi: "3.1.0",
        components: {
          schemas: {
            Call: {
              type: "object",
              required: ["to", "status"],
              properties: {
                to: { type: "string" },
                status: { $ref: "#/components/schemas/Call/$defs/Status" },
                // A property of that name is a property.
                $defs: { type: "string" },
              },
              $defs: { Status: { type: "string", enum: ["ringing", "ended"] } },
            },
          },
        },
      },
    );
    // As generation bundles it: the `$ref` into `$defs` points at a component of its own.
    hoistDeepRefs(d);
    const { files } = await renderProvider(
      { provider: "defs", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    // Before: `$defs: { Status: … }` beside the properties, required, in the type of every call.
    files["use.ts"] = [
      'import type { components } from "./modules/calls.js";',
      'export const call: components["schemas"]["Call"] = { to: "+15550100", status: "ringing", $defs: "a property" };',
      'export const bare: components["schemas"]["Call"] = { to: "+15550100", status: "ended" };',
      "// @ts-expect-error: a status the definition does not list",
      'export const wrong: components["schemas"]["Call"] = { to: "+15550100", status: "busy" };',
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
    // The bundle the package ships keeps its $defs.
    expect(d.components!.schemas!.Call).toHaveProperty("$defs.Status");
  });

  it("names modules as users would guess them: tags split into words, a tool's prefix dropped, or as an overlay says", () => {
    const { operations } = surface(
      doc({
        "/numbers/{slug}": { delete: { operationId: "d", tags: ["subpackage_phoneNumbers"], responses: ok } },
        "/v1/convai/agents": {
          get: {
            operationId: "l",
            tags: [["subpackage_conversationalAi", "subpackage_conversationalAi/agents"]],
            responses: ok,
          },
        },
        "/calls": {
          post: { operationId: "c", tags: ["Calls"], "x-switchboard-module": "call-control", responses: ok },
        },
      }),
    );
    expect(operations.map((o) => o.module)).toEqual([
      "phone-numbers",
      "conversational-ai-agents",
      "call-control",
    ]);
    const bad = doc({
      "/calls": { post: { operationId: "c", "x-switchboard-module": "Call Control", responses: ok } },
    });
    expect(() => surface(bad)).toThrow(
      /x-switchboard-module must be a module name in kebab-case, found "Call Control"/,
    );
  });

  it("drops the API-and-version words every module starts with (Twilio's `Api20100401Account`), and only those", () => {
    const modulesOf = (tags: string[]) =>
      surface(
        doc(
          Object.fromEntries(
            tags.map((tag, i) => [`/r${i}`, { get: { operationId: `o${i}`, tags: [tag], responses: ok } }]),
          ),
        ),
      ).operations.map((o) => o.module);
    expect(modulesOf(["Api20100401Account", "Api20100401AddOnResult", "Api20100401Call"])).toEqual([
      "account",
      "add-on-result",
      "call",
    ]);
    expect(modulesOf(["VoiceV1ByocTrunk", "VoiceV1ConnectionPolicy"])).toEqual([
      "byoc-trunk",
      "connection-policy",
    ]);
    // Shared words that are no version stay; so does a prefix that would leave a module empty or two the same,
    // and one that would leave a name the package exports itself is moved aside as any such tag's is.
    expect(modulesOf(["Phone Numbers", "Phone Calls"])).toEqual(["phone-numbers", "phone-calls"]);
    expect(modulesOf(["VoiceV1", "VoiceV1Call"])).toEqual(["voicev1", "voicev1-call"]);
    expect(modulesOf(["V2Index", "V2Calls"])).toEqual(["index-operations", "calls"]);
    expect(modulesOf(["Calls"])).toEqual(["calls"]);
  });
});

describe("credentials and the path parameters they fill", () => {
  const basic = { securitySchemes: { accountSidAuthToken: { type: "http", scheme: "basic" } } };
  const accountSid = { name: "AccountSid", in: "path", required: true, schema: { type: "string" } };
  const sid = { name: "Sid", in: "path", required: true, schema: { type: "string" } };
  /** A Twilio-shaped API: `n` operations under `/Accounts/{AccountSid}`, plus whatever `extra` paths say. */
  const twilioLike = (
    n: number,
    extra: Record<string, object> = {},
    components: { securitySchemes: Record<string, object> } = basic,
  ) => {
    const paths: Record<string, object> = {};
    for (let i = 0; i < n; i++) {
      paths[`/Accounts/{AccountSid}/Thing${i}/{Sid}.json`] = {
        parameters: [{ $ref: "#/components/parameters/AccountSid" }, sid],
        get: { operationId: `fetchThing${i}`, responses: ok },
      };
    }
    // Cloned: the cases edit their documents.
    return structuredClone(
      doc(
        { ...paths, ...extra },
        {
          security: [Object.fromEntries(Object.keys(components.securitySchemes).map((k) => [k, []]))],
          components: { parameters: { AccountSid: accountSid }, ...components },
        },
      ),
    );
  };
  /** Settings as a provider's switchboard.yaml would hold them. */
  const settingsOf = (text: string) =>
    parseProviderSettings(parseYamlFile("/r/specs/acme/switchboard.yaml", "/r", text));
  const declared = settingsOf(
    "credentials:\n  accountSidAuthToken: { username: accountSid, password: authToken }\nfill:\n  AccountSid: accountSid\n",
  );
  const definition = (d: OpenApiDocument, settings = declared) =>
    providerDefinition(d, "acme", "specs/acme (bundled)", settings);

  it("fills exactly what the settings declare, whatever share of the paths holds the parameter", () => {
    expect(definition(twilioLike(3)).pathCredentials).toEqual({ AccountSid: "accountSid" });
    expect(definition(twilioLike(3)).credentials).toEqual({
      accountSid: { env: "ACME_ACCOUNT_SID" },
      authToken: { env: "ACME_AUTH_TOKEN" },
    });
    // A second document of the provider dilutes the share of paths with AccountSid to 60%: nothing changes.
    const more = Object.fromEntries(
      [0, 1].map((i) => [`/Other${i}`, { get: { operationId: `other${i}`, responses: ok } }]),
    );
    expect(definition(twilioLike(3, more)).pathCredentials).toEqual({ AccountSid: "accountSid" });
    // And without a fill, nothing is filled, however Twilio-like the spec.
    expect(definition(twilioLike(9), suggestedSettings(twilioLike(9))).pathCredentials).toEqual({});
  });

  it("suggests the account parameter of most authenticated paths for basic auth, as a line to add, never more", () => {
    const suggest = (d: OpenApiDocument) =>
      suggestedFills(d, suggestedCredentials(d, securityRequirements(d)[0]!)).map(
        (f) => `${f.parameter}: ${f.credential}`,
      );
    expect(suggest(twilioLike(3))).toEqual(["AccountSid: username"]);
    // Twilio's `GET /Accounts.json` and public operations do not stop the suggestion.
    expect(
      suggest(twilioLike(9, { "/Accounts.json": { get: { operationId: "listAccount", responses: ok } } })),
    ).toEqual(["AccountSid: username"]);
    // No suggestion: bearer auth (Telnyx's TeXML `account_sid`), a parameter on under half the paths, two of them.
    const bearer = { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } };
    expect(suggest(twilioLike(3, {}, bearer))).toEqual([]);
    const unscoped = Object.fromEntries(
      ["/x", "/y", "/z", "/w"].map((p) => [p, { get: { operationId: `list${p.slice(1)}`, responses: ok } }]),
    );
    expect(suggest(twilioLike(3, unscoped))).toEqual([]);
    const two = twilioLike(3);
    for (const item of Object.values(two.paths!)) item.parameters.push({ ...sid, name: "account_id" });
    expect(suggest(two)).toEqual([]);
    const { text, report } = settingsForNewProvider(twilioLike(3), "acme", "specs/acme/switchboard.yaml");
    expect(report).toEqual([
      "wrote specs/acme/switchboard.yaml: credentials `username`, `password`; nothing filled",
      "  suggestion: `AccountSid`: in the paths of 3 of 3 authenticated operations and named like an account; fill it only if the basic-auth username (`username`) is that account. If so, add under `fill:` in specs/acme/switchboard.yaml:",
      "      AccountSid: username",
    ]);
    // The file it writes fills nothing until the suggestion is uncommented.
    expect(settingsOf(text).fill.size).toBe(0);
    expect(text).toContain("  # AccountSid: username\n");
  });

  it("suggests a requirement the client can send, and refuses one it cannot, with the way through", () => {
    const alternatives = (schemes: Record<string, object>) =>
      doc(
        { "/x": { get: { operationId: "x", responses: ok } } },
        {
          security: Object.keys(schemes).map((k) => ({ [k]: [] })),
          components: { securitySchemes: schemes },
        },
      );
    const digestOrBearer = alternatives({
      digest: { type: "http", scheme: "digest" },
      bearer: { type: "http", scheme: "bearer" },
    });
    expect([...suggestedSettings(digestOrBearer).credentials.keys()]).toEqual(["bearer"]);
    expect(() => definition(digestOrBearer, settingsOf("credentials:\n  digest: apiKey\n"))).toThrow(
      'specs/acme/switchboard.yaml:2: credentials.digest: "digest" is HTTP digest authentication, which the client ' +
        "cannot send (it sends API keys, HTTP Basic, and tokens after a word such as Bearer); declare one of the spec's other " +
        "requirements instead (bearer)",
    );
    const tls = alternatives({ cert: { type: "mutualTLS" } });
    expect(() => definition(tls, settingsOf("credentials:\n  cert: apiKey\n"))).toThrow(
      /credentials\.cert: "cert" is a mutualTLS scheme, which the client cannot send .*; mutual TLS is fetch's to set up: pass your certificate in an undici Agent as the client option `requestInitExt: \{ dispatcher \}`/,
    );
  });

  it("sends a token after the HTTP scheme's word, or the word an API key in Authorization is documented with", () => {
    const withScheme = (scheme: object) =>
      doc(
        { "/x": { get: { operationId: "x", responses: ok } } },
        { security: [{ key: [] }], components: { securitySchemes: { key: scheme } } },
      );
    const authOf = (scheme: object) => {
      const d = withScheme(scheme);
      return definition(d, suggestedSettings(d)).auth;
    };
    // Deepgram's `Authorization: Token <key>`, declared either way.
    expect(authOf({ type: "http", scheme: "Token" })).toEqual([
      { type: "bearer", credential: "apiKey", scheme: "Token" },
    ]);
    const authorization = (description: string) =>
      authOf({ type: "apiKey", in: "header", name: "Authorization", description });
    for (const description of [
      "Sent as `Authorization: Token <API_KEY>`.",
      "Format: Token {api_key}",
      "Use your API key as Token YOUR_API_KEY",
    ])
      expect(authorization(description)).toEqual([{ type: "bearer", credential: "apiKey", scheme: "Token" }]);
    expect(authorization("Bearer <token>")).toEqual([{ type: "bearer", credential: "apiKey" }]);
    // No word before the key, or Basic's (a key already encoded): the key as it is.
    for (const description of [
      "Your API key: `Authorization: <API_KEY>`",
      "Use your API key",
      "Basic <base64>",
    ])
      expect(authorization(description)).toEqual([
        { type: "apiKey", in: "header", name: "Authorization", credential: "apiKey" },
      ]);
    // A scheme of challenge and answer is still refused.
    const d = withScheme({ type: "http", scheme: "Negotiate" });
    expect(() => definition(d, settingsOf("credentials:\n  key: apiKey\n"))).toThrow(
      /HTTP Negotiate authentication, which the client cannot send/,
    );
  });

  it("names credentials by one scheme: apiKey, token for a JWT bearer, basic halves as the spec names them", () => {
    const names = (schemes: Record<string, object>) => {
      const d = doc(
        { "/x": { get: { operationId: "x", responses: ok } } },
        {
          security: [Object.fromEntries(Object.keys(schemes).map((k) => [k, []]))],
          components: { securitySchemes: schemes },
        },
      );
      return Object.fromEntries(suggestedCredentials(d, securityRequirements(d)[0]!));
    };
    expect(names({ bearerAuth: { type: "http", scheme: "bearer" } })).toEqual({
      bearerAuth: { name: "apiKey" },
    });
    expect(names({ bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } })).toEqual({
      bearerAuth: { name: "token" },
    });
    expect(names({ oauth: { type: "oauth2", flows: {} } })).toEqual({ oauth: { name: "accessToken" } });
    expect(names({ key: { type: "apiKey", in: "query", name: "access_key" } })).toEqual({
      key: { name: "apiKey" },
    });
    expect(
      names({
        AuthID: { type: "apiKey", in: "header", name: "X-Auth-ID" },
        AuthToken: { type: "apiKey", in: "header", name: "X-Auth-Token" },
      }),
    ).toEqual({
      AuthID: { name: "authId" },
      AuthToken: { name: "authToken" },
    });
    expect(names({ basicAuth: { type: "http", scheme: "basic" } })).toEqual({
      basicAuth: { username: "username", password: "password" },
    });
    expect(names({ accountSid_authToken: { type: "http", scheme: "basic" } })).toEqual({
      accountSid_authToken: { username: "accountSid", password: "authToken" },
    });
    expect(names({ basic_auth: { type: "http", scheme: "basic" } })).toEqual({
      basic_auth: { username: "username", password: "password" },
    });
    const described = (description: string) =>
      names({ basicAuth: { type: "http", scheme: "basic", description } }).basicAuth;
    expect(described("Use your Account SID as the username and your Auth Token as the password.")).toEqual({
      username: "accountSid",
      password: "authToken",
    });
    expect(described("The username is your API key and the password is your API secret.")).toEqual({
      username: "apiKey",
      password: "apiSecret",
    });
    expect(described("HTTP basic authentication.")).toEqual({ username: "username", password: "password" });
  });

  it("refuses settings that do not fit the spec, each at its line", () => {
    const fail = (settings: string) => {
      try {
        definition(twilioLike(2), settingsOf(settings));
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error("expected an InputError");
    };
    expect(fail("credentials:\n  accountSidAuthToken: token\n")).toBe(
      "specs/acme/switchboard.yaml:2: credentials.accountSidAuthToken: an HTTP basic scheme has two halves: " +
        "`accountSidAuthToken: { username: <name>, password: <name> }`",
    );
    expect(() =>
      settingsOf("credentials:\n  a: { username: timeout, password: x y }\nfill: [1]\nwebhooks: {}\n"),
    ).toThrow(
      "4 problems:\n" +
        "specs/acme/switchboard.yaml:4: unknown section `webhooks` (known: credentials, fill, paging)\n" +
        "specs/acme/switchboard.yaml:2: credentials.a.username: `timeout` is already a client option; name the credential otherwise\n" +
        'specs/acme/switchboard.yaml:2: credentials.a.password: "x y" is not an option name (a JavaScript identifier)\n' +
        "specs/acme/switchboard.yaml:3: fill: must map path parameter names to the credential that fills each",
    );
    // A name every object has would read Object.prototype's member: no missing-credential error, `[object Object]` sent.
    expect(() =>
      settingsOf("credentials:\n  a: __proto__\n  b: { username: constructor, password: x }\n"),
    ).toThrow(
      "2 problems:\n" +
        "specs/acme/switchboard.yaml:2: credentials.a: `__proto__` is a name every JavaScript object has; name the credential otherwise\n" +
        "specs/acme/switchboard.yaml:3: credentials.b.username: `constructor` is a name every JavaScript object has; name the credential otherwise",
    );
  });
});

// The Petstore's shape: OAuth2 for most operations, an API key for two, one open, one taking either.
const securedPetstore = () =>
  doc(
    {
      "/pet": {
        post: { operationId: "addPet", responses: ok },
        put: { operationId: "updatePet", responses: ok },
      },
      "/pet/{petId}": {
        parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
        get: { operationId: "getPetById", security: [{ api_key: [] }], responses: ok },
        delete: {
          operationId: "deletePet",
          security: [{ petstore_auth: [] }, { api_key: [] }],
          responses: ok,
        },
      },
      "/store/inventory": {
        get: { operationId: "getInventory", security: [{ api_key: [] }], responses: ok },
      },
      "/health": { get: { operationId: "health", security: [], responses: ok } },
    },
    {
      security: [{ petstore_auth: ["write:pets"] }],
      components: {
        securitySchemes: {
          petstore_auth: {
            type: "oauth2",
            flows: { implicit: { authorizationUrl: "https://x", scopes: {} } },
          },
          api_key: { type: "apiKey", in: "header", name: "api_key" },
        },
      },
    } as Partial<OpenApiDocument>,
  );

describe("operations whose security the settings' credentials do not meet", () => {
  it("are the operations none of whose requirements the configured schemes meet; open ones are not", () => {
    expect(unauthenticatedOperations(securedPetstore(), new Set(["petstore_auth"]))).toEqual([
      { operation: "GET /pet/{petId}", needs: ["api_key"] },
      { operation: "GET /store/inventory", needs: ["api_key"] },
    ]);
    expect(unauthenticatedOperations(securedPetstore(), new Set(["petstore_auth", "api_key"]))).toEqual([]);
    expect(unauthenticatedOperations(securedPetstore(), new Set())).toHaveLength(5);
  });

  it("choose the requirement that authenticates the most operations, not the first listed", () => {
    // Linqr: every operation accepts the RapidAPI key, most also the Byvalue token listed first; no top-level
    // security.
    const either = [{ Byvalue: [] }, { RapidAPI: [] }];
    const linqr = doc(
      {
        "/images": {
          get: { operationId: "listImages", security: either, responses: ok },
          post: { operationId: "uploadImage", security: [{ RapidAPI: [] }], responses: ok },
        },
        "/codes": { get: { operationId: "listCodes", security: either, responses: ok } },
      },
      {
        components: {
          securitySchemes: {
            Byvalue: { type: "apiKey", in: "header", name: "Byvalue-Token" },
            RapidAPI: { type: "apiKey", in: "header", name: "X-RapidAPI-Key" },
          },
        },
      } as Partial<OpenApiDocument>,
    );
    const { text, report } = settingsForNewProvider(linqr, "linqr", "specs/linqr/switchboard.yaml");
    expect(text).toMatch(/credentials:\n {2}RapidAPI: \w+\n/);
    expect(report.join("\n")).not.toContain("note:");
    // On a tie, the one asking fewer credentials: Stripe lists Basic (two options) before a bearer token (one).
    const stripe = doc({ "/v1/customers": { get: { operationId: "getCustomers", responses: ok } } }, {
      security: [{ basicAuth: [] }, { bearerAuth: [] }],
      components: {
        securitySchemes: {
          basicAuth: { type: "http", scheme: "basic" },
          bearerAuth: { type: "http", scheme: "bearer" },
        },
      },
    } as Partial<OpenApiDocument>);
    expect(settingsForNewProvider(stripe, "stripe", "specs/stripe/switchboard.yaml").text).toMatch(
      /credentials:\n {2}bearerAuth: \w+\n/,
    );
    // Before the count, a key sent as a cookie (a browser session's) loses: Zapier lists `sessionid` first.
    const zapier = doc({ "/exposed": { get: { operationId: "listExposed", responses: ok } } }, {
      security: [{ SessionAuth: [] }, { ApiKeyHeader: [] }],
      components: {
        securitySchemes: {
          SessionAuth: { type: "apiKey", in: "cookie", name: "sessionid" },
          ApiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
    } as Partial<OpenApiDocument>);
    expect(settingsForNewProvider(zapier, "zapier", "specs/zapier/switchboard.yaml").text).toMatch(
      /credentials:\n {2}ApiKeyHeader: \w+\n/,
    );
    // AWS Signature Version 4 declared as an `Authorization` key (API Gateway's extension) is no key to send.
    const aws = doc({ "/": { post: { operationId: "describeAccount", responses: ok } } }, {
      security: [{ hmac: [] }],
      components: {
        securitySchemes: {
          hmac: {
            type: "apiKey",
            in: "header",
            name: "Authorization",
            description: "Amazon Signature authorization v4",
            "x-amazon-apigateway-authtype": "awsSigv4",
          },
        },
      },
    } as Partial<OpenApiDocument>);
    const signed = settingsForNewProvider(aws, "account", "specs/account/switchboard.yaml");
    expect(signed.report).toContain(
      "  note: AWS Signature Version 4 signs each request: sign the client's calls in a `middleware` (e.g. with `@smithy/signature-v4`); no key is sent as it is",
    );
    // Named in the settings anyway, it is refused, not sent as a key.
    expect(() =>
      providerDefinition(
        aws,
        "account",
        "specs/account",
        parseProviderSettings(parseYamlFile("/r/specs/account/switchboard.yaml", "/r", signed.text)),
      ),
    ).toThrow(/credentials\.hmac: "hmac" is AWS Signature Version 4, a signature of each request/);
    // Then the first listed: each of the petstore's two requirements meets three operations.
    expect(settingsForNewProvider(securedPetstore(), "pets", "specs/pets/switchboard.yaml").text).toContain(
      "credentials:\n  petstore_auth: accessToken\n",
    );
  });

  it("are none when a new provider's settings are written: each requirement an operation needs is named", () => {
    const { text, report } = settingsForNewProvider(securedPetstore(), "pets", "specs/pets/switchboard.yaml");
    // The default (most operations) first, then the API key two operations take instead.
    expect(text).toContain("credentials:\n  petstore_auth: accessToken\n  api_key: apiKey\n");
    expect(report).toEqual([
      "wrote specs/pets/switchboard.yaml: credentials `accessToken`, `apiKey`; nothing filled",
    ]);
  });

  it("are named when a new provider's settings are written, with the way to call them, where the client cannot send what they need", () => {
    const d = securedPetstore();
    (d.components!.securitySchemes as Record<string, unknown>).api_key = { type: "http", scheme: "digest" };
    const { text, report } = settingsForNewProvider(d, "pets", "specs/pets/switchboard.yaml");
    expect(text).toContain("credentials:\n  petstore_auth: accessToken\n\n");
    expect(report.slice(1)).toEqual([
      "  note: 2 operations (GET /pet/{petId}, GET /store/inventory) need `api_key`, which the client cannot send: give those calls the credential themselves (`{ headers: {…} }`), or declare another scheme the provider accepts with an overlay",
    ]);
  });

  it("are listed in endpoints.ts, following the requirements the settings name", async () => {
    const d = securedPetstore();
    const bundle = { provider: "pets", document: d, specs: [], overlays: [] };
    const tokenOnly = {
      ...suggestedSettings(d),
      credentials: new Map([["petstore_auth", { name: "token" }]]),
    };
    const { files } = await renderProvider(bundle, tokenOnly);
    expect(files["endpoints.ts"]).toContain(
      "// - GET /pet/{petId}: needs api_key\n// - GET /store/inventory: needs api_key\nconst rows = {",
    );
    const apiKeyOnly = { ...tokenOnly, credentials: new Map([["api_key", { name: "apiKey" }]]) };
    const again = (await renderProvider(bundle, apiKeyOnly)).files["endpoints.ts"]!;
    expect(again).not.toContain("needs api_key");
    expect(again).toContain("// - POST /pet: needs petstore_auth\nconst rows = {");
    const both = (await renderProvider(bundle, suggestedSettings(d))).files["endpoints.ts"]!;
    expect(both).not.toContain("needs");
  });
});

describe("one secret several schemes send alike", () => {
  // Google's documents: every operation requires two OAuth2 schemes (two flows) together, one bearer token.
  const google = () =>
    doc(
      { "/v1/voices": { get: { operationId: "listVoices", responses: { "200": { description: "ok" } } } } },
      {
        security: [{ Oauth2: [], Oauth2c: [] }],
        components: {
          securitySchemes: {
            Oauth2: { type: "oauth2", flows: { implicit: { authorizationUrl: "https://x", scopes: {} } } },
            Oauth2c: {
              type: "oauth2",
              flows: {
                authorizationCode: { authorizationUrl: "https://x", tokenUrl: "https://x", scopes: {} },
              },
            },
            key: { type: "apiKey", in: "query", name: "key" },
          },
        },
      } as Partial<OpenApiDocument>,
    );
  const settingsOf = (text: string) =>
    parseProviderSettings(parseYamlFile("/r/specs/speech/switchboard.yaml", "/r", text));

  it("is one option of a new provider's settings, and one header of its client", () => {
    const { text, report } = settingsForNewProvider(google(), "speech", "specs/speech/switchboard.yaml");
    expect(text).toContain("credentials:\n  Oauth2: accessToken\n  Oauth2c: accessToken\n");
    expect(report[0]).toBe("wrote specs/speech/switchboard.yaml: credentials `accessToken`; nothing filled");
    const definition = providerDefinition(google(), "speech", "specs/speech (bundled)", settingsOf(text));
    expect(definition.auth).toEqual([{ type: "bearer", credential: "accessToken" }]);
    expect(definition.credentials).toEqual({ accessToken: { env: "SPEECH_ACCESS_TOKEN" } });
  });

  it("is no problem where the schemes send one bearer token; two forms in Authorization are, once per pair", () => {
    const authorizationProblems = (d: OpenApiDocument) =>
      specProblems(d).filter((p) => p.message.includes("Authorization header"));
    expect(authorizationProblems(google())).toEqual([]);
    // Azure Container Registry's: HTTP basic beside an API key named Authorization, required together.
    const d = google();
    Object.assign(d.components!.securitySchemes!, {
      basic: { type: "http", scheme: "basic" },
      token: { type: "apiKey", in: "header", name: "Authorization" },
    });
    d.security = [{ basic: [], token: [] }];
    (d.paths!["/v1/voices"] as any).get.security = [{ basic: [], token: [] }];
    expect(authorizationProblems(d)).toEqual([
      {
        at: ["security", 0],
        message:
          'the requirement uses schemes "basic" and "token", which both send the Authorization header (HTTP basic, and an API key): one request cannot carry both (so do 1 more requirement)',
        fix: "if the API takes either, list them as two requirements (`- {basic: []}` and `- {token: []}`) with an overlay on this one",
      },
    ]);
  });

  it("is refused where the schemes send it differently, and for a half of HTTP basic", () => {
    const d = google();
    d.security = [{ Oauth2: [], key: [] }];
    const error = catchInputError(() =>
      providerDefinition(
        d,
        "speech",
        "specs/speech (bundled)",
        settingsOf("credentials:\n  Oauth2: token\n  key: token\n"),
      ),
    );
    expect(error.message).toBe(
      "specs/speech/switchboard.yaml:3: credentials: `token` is named for Oauth2 (sent as the header authorization (Bearer)) and key (sent as the query key), which send it differently: one option serves several schemes only where they send one secret alike; name each its own",
    );
    expect(
      catchInputError(() =>
        settingsOf("credentials:\n  key: token\n  basic: { username: token, password: p }\n"),
      ).message,
    ).toContain("credentials.basic.username: the credential `token` is declared twice");
  });

  it("is refused where two options would be read from one environment variable (`apiKey` and `api_key`)", () => {
    const d = google();
    d.security = [{ Oauth2: [], key: [] }];
    const error = catchInputError(() =>
      providerDefinition(
        d,
        "speech",
        "specs/speech (bundled)",
        settingsOf("credentials:\n  Oauth2: apiKey\n  key: api_key\n"),
      ),
    );
    // Before: both read SPEECH_API_KEY, so one secret went out as the bearer token and as the key.
    expect(error.message).toBe(
      "specs/speech/switchboard.yaml:3: credentials: `apiKey` and `api_key` would both be read from SPEECH_API_KEY, so Speech's client would send one secret as each: name them so they differ in more than case and separators",
    );
  });
});

describe("operations of another security requirement than the client's default", () => {
  // The Petstore again, with a delete that takes the API key first and an inventory that takes the API key
  // and a session cookie together, or nothing.
  const petstore = () => {
    const d = securedPetstore();
    const paths = d.paths as Record<string, any>;
    paths["/pet/{petId}"].delete.security = [{ api_key: [] }, { petstore_auth: [] }];
    Object.assign(paths["/store/inventory"].get, {
      security: [{ api_key: [], session: [] }, {}],
      tags: ["store"],
    });
    Object.assign(d.components!.securitySchemes!, {
      session: { type: "apiKey", in: "cookie", name: "session" },
      basic: { type: "http", scheme: "basic" },
    });
    return d;
  };
  const settingsOf = (text: string) =>
    parseProviderSettings(parseYamlFile("/r/specs/pets/switchboard.yaml", "/r", text));
  const named = settingsOf(
    "credentials:\n  petstore_auth: token\n  api_key: apiKey\n  session: session\nfill: {}\npaging: {}\n",
  );

  it("send each operation the first of its requirements whose schemes the settings name; the most sent is the default", () => {
    const plan = securityPlan(petstore(), new Set(named.credentials.keys()));
    expect(plan.main).toEqual(["petstore_auth"]);
    expect(plan.others).toEqual([["api_key"], ["api_key", "session"]]);
    expect(Object.fromEntries(plan.byOperation)).toEqual({
      "GET /pet/{petId}": { other: 0 },
      // Its first requirement, though the default would do too.
      "DELETE /pet/{petId}": { other: 0 },
      // Its security lists `{}` too: without those credentials, a call sends none.
      "GET /store/inventory": { other: 1, optional: true },
      "GET /health": false,
    });
    expect(plan.unused).toEqual([]);
    // Named alone, the API key is the default of the operations that take it; the others are unmet.
    const keyOnly = securityPlan(petstore(), new Set(["api_key"]));
    expect(keyOnly.main).toEqual(["api_key"]);
    expect(keyOnly.others).toEqual([]);
    expect(Object.fromEntries(keyOnly.byOperation)).toEqual({
      "GET /health": false,
      // Neither of its requirements is met, and it lists `{}`: it sends nothing, not the default's key
      // (Telnyx's OAuth token endpoint, `[{oauthClientAuth: []}, {}]`, sent the API key).
      "GET /store/inventory": false,
    });
  });

  it("make the definition's otherAuth, whose credentials only are optional", () => {
    const definition = providerDefinition(petstore(), "pets", "specs/pets (bundled)", named);
    expect(definition.auth).toEqual([{ type: "bearer", credential: "token" }]);
    expect(definition.otherAuth).toEqual([
      [{ type: "apiKey", in: "header", name: "api_key", credential: "apiKey" }],
      [
        { type: "apiKey", in: "header", name: "api_key", credential: "apiKey" },
        { type: "apiKey", in: "cookie", name: "session", credential: "session" },
      ],
    ]);
    expect(definition.credentials).toEqual({
      token: { env: "PETS_TOKEN" },
      apiKey: { env: "PETS_API_KEY", optional: true },
      session: { env: "PETS_SESSION", optional: true },
    });
    // The package's README says which options a client can be made without.
    const readme = renderReadme(undefined, "README.md", definition, { name: "addPet", input: "" });
    expect(readme).toContain("| `token` | defaults to `PETS_TOKEN` |");
    expect(readme).toContain(
      "| `apiKey` | defaults to `PETS_API_KEY`; optional: only the operations whose security asks for it send it |",
    );
    // Without credentials, the table goes on with `region` (a blank line ended it, the rest loose text).
    const open = renderReadme(
      undefined,
      "README.md",
      { ...definition, credentials: {} },
      { name: "addPet", input: "" },
    );
    expect(open).toContain("| option | meaning |\n| --- | --- |\n| `region` |");
    // One requirement: no otherAuth at all, so the definitions of such providers do not change.
    const one = settingsOf("credentials:\n  petstore_auth: token\n");
    expect(providerDefinition(petstore(), "pets", "specs/pets (bundled)", one)).not.toHaveProperty(
      "otherAuth",
    );
  });

  it("refuse a scheme the settings name that no operation would send, at its line", () => {
    const settings = settingsOf(
      "credentials:\n  petstore_auth: token\n  basic: { username: user, password: pass }\nfill: {}\n",
    );
    const error = catchInputError(() =>
      providerDefinition(petstore(), "pets", "specs/pets (bundled)", settings),
    );
    expect(error.message).toBe(
      "specs/pets/switchboard.yaml:3: credentials.basic: no operation sends this scheme: each operation sends the first of its security requirements whose schemes are all named here, and none sends one with basic. Remove it, or also name the schemes it goes with",
    );
  });

  it("are rows that name their requirement, in the whole table and in their module, and type-check", async () => {
    const bundle = { provider: "pets", document: petstore(), specs: [], overlays: [] };
    const { files } = await renderProvider(bundle, named);
    const endpoints = files["endpoints.ts"]!;
    expect(endpoints).toContain(
      'import { type Endpoint, type OperationResult, type OperationTable, otherAuth } from "@switchboard/core";\nimport { provider } from "./provider.js";',
    );
    expect(endpoints).toContain('getPetById: ["GET", "/pet/{petId}", {"auth":otherAuth(provider, 0)}]');
    expect(endpoints).toContain(
      'getInventory: ["GET", "/store/inventory", {"auth":otherAuth(provider, 1, { optional: true })}]',
    );
    expect(endpoints).toContain('health: ["GET", "/health", {"auth":false}]');
    expect(endpoints).toContain('addPet: ["POST", "/pet"]');
    expect(files["modules/store.ts"]).toContain('import { provider } from "../provider.js";');
    files["call.ts"] = [
      'import { createPetsClient } from "./client.js";',
      'import { composePetsClient } from "./compose.js";',
      'import { getInventory } from "./modules/store.js";',
      'const pets = createPetsClient({ token: "t", baseUrl: "http://127.0.0.1:1" });',
      'const store = composePetsClient({ getInventory }, { token: "t", apiKey: "k", session: "s" });',
      "export const calls = () => [pets.getPetById({ petId: '1' }), store.getInventory()];",
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
  });

  it("send their own credentials when called, and fail a call whose credentials the client lacks", async () => {
    const d = petstore();
    const definition = providerDefinition(d, "pets", "specs/pets (bundled)", named);
    const table: OperationTable = Object.fromEntries(
      operationTable(d, "pets", named).map(({ name, method, path, meta: { auth } }) => [
        name,
        [method, path, { auth: auth ? otherAuth(definition, auth.other, auth) : auth }],
      ]),
    );
    const sent: Array<Record<string, string>> = [];
    const fetch = async (request: Request) => {
      sent.push(Object.fromEntries(request.headers));
      return new Response(null, { status: 204 });
    };
    const make = (credentials: Record<string, string>) =>
      createProviderClient(definition, table, { ...credentials, env: {}, fetch } as never) as any;
    const client = make({ token: "tok-1", apiKey: "key-1" });
    await client.addPet();
    await client.getPetById({ petId: "1" });
    await client.health();
    expect(sent[0]).toMatchObject({ authorization: "Bearer tok-1" });
    expect(sent[0]).not.toHaveProperty("api_key");
    expect(sent[1]).toMatchObject({ api_key: "key-1" });
    expect(sent[1]).not.toHaveProperty("authorization");
    expect(sent[2]).not.toHaveProperty("authorization");
    // Its security lists `{}`: without the session it sends nothing at all, rather than failing.
    await client.getInventory();
    expect(sent[3]).not.toHaveProperty("api_key");
    expect(sent[3]).not.toHaveProperty("authorization");
    expect(sent[3]).not.toHaveProperty("cookie");
    await make({ token: "tok-1", apiKey: "key-1", session: "s-1" }).getInventory();
    expect(sent[4]).toMatchObject({ api_key: "key-1", cookie: "session=s-1" });
    await expect(make({ token: "tok-1" }).getPetById({ petId: "1" })).rejects.toThrow(
      "Pets: missing `apiKey` (or PETS_API_KEY), which getPetById sends",
    );
    expect(sent).toHaveLength(5);
  });
});

describe("a parameter that is the operation's credential", () => {
  // FEC's and SoundCloud's shape: an API key in the query, and operations that also declare it a parameter.
  const clientId = { name: "client_id", in: "query", required: true, schema: { type: "string" } };
  const fec = () =>
    doc(
      {
        "/candidates": {
          get: {
            operationId: "listCandidates",
            parameters: [clientId, { name: "q", in: "query", schema: { type: "string" } }],
            responses: ok,
          },
        },
        "/connect": {
          // Declared once for both operations: only the one that carries the key loses it.
          parameters: [clientId],
          get: { operationId: "connect", responses: ok },
          post: { operationId: "connectOpen", security: [], responses: ok },
          put: { operationId: "connectMaybe", security: [{ ClientId: [] }, {}], responses: ok },
        },
      },
      {
        security: [{ ClientId: [] }],
        components: {
          securitySchemes: { ClientId: { type: "apiKey", in: "query", name: "client_id" } },
        },
      } as Partial<OpenApiDocument>,
    );
  const parameters = (document: OpenApiDocument, path: string, method: string) =>
    ((document.paths as any)[path][method].parameters ?? []).map((p: any) => p.name);

  it("is no input of an operation every call of which sends that credential; the client sends it once", async () => {
    const d = fec();
    const named = new Set(["ClientId"]);
    const dropped = withoutCredentialParameters(d, named);
    expect(parameters(dropped, "/candidates", "get")).toEqual(["q"]);
    expect(parameters(dropped, "/connect", "get")).toEqual([]);
    // Sent without credentials, or perhaps without them (`{}`): the parameter stays an input.
    expect(parameters(dropped, "/connect", "post")).toEqual(["client_id"]);
    expect(parameters(dropped, "/connect", "put")).toEqual(["client_id"]);
    expect((dropped.paths as any)["/connect"].parameters).toBeUndefined();
    // The document itself is left as it was, and without the scheme named nothing is dropped.
    expect(parameters(d, "/candidates", "get")).toEqual(["client_id", "q"]);
    expect(withoutCredentialParameters(d, new Set())).toBe(d);

    const settings = { ...suggestedSettings(d), credentials: new Map([["ClientId", { name: "clientId" }]]) };
    const { files } = await renderProvider(
      { provider: "fec", document: d, specs: [], overlays: [] },
      settings,
    );
    const openapi = JSON.parse(files["openapi.json"]!);
    expect(parameters(openapi, "/candidates", "get")).toEqual(["q"]);
    files["call.ts"] = [
      'import { createFecClient } from "./client.js";',
      'const fec = createFecClient({ clientId: "k", baseUrl: "http://127.0.0.1:1" });',
      "export const calls = () => [",
      '  fec.listCandidates({ q: "smith" }),',
      '  fec.connectOpen({ client_id: "k" }),',
      "  // @ts-expect-error: still an input where the call may go without the credential",
      "  fec.connectOpen(),",
      "];",
    ].join("\n");
    expect(await typeCheck(files)).toBe("");

    const table: OperationTable = { listCandidates: ["GET", "/candidates", { writeQuery: serializeQuery }] };
    const definition = providerDefinition(dropped, "fec", "fec", settings);
    const urls: string[] = [];
    const fetch = async (request: Request) => {
      urls.push(request.url);
      return new Response(null, { status: 204 });
    };
    const client = createProviderClient(definition, table, { clientId: "k-1", fetch } as never) as any;
    await client.listCandidates({ q: "smith" });
    expect(new URL(urls[0]!).search).toBe("?q=smith&client_id=k-1");
  });

  it("is no input of an operation that names no scheme of the client's, which sends the default (Trello's)", () => {
    // No `security` on the document; some operations list the key and the token as alternatives, the
    // rest nothing, and every one takes `key` and `token` as query parameters. The client sends its key to all.
    const key = { name: "key", in: "query", required: true, schema: { type: "string" } };
    const token = { name: "token", in: "query", required: true, schema: { type: "string" } };
    const trello = doc(
      {
        "/actions/{idAction}": {
          get: {
            operationId: "getAction",
            security: [{ api_key: [] }, { api_token: [] }],
            parameters: [key, token],
            responses: ok,
          },
        },
        "/batch": { get: { operationId: "getBatch", parameters: [key, token], responses: ok } },
        "/search": {
          get: { operationId: "search", security: [{ oauth: [] }], parameters: [key], responses: ok },
        },
      },
      {
        components: {
          securitySchemes: {
            api_key: { type: "apiKey", in: "query", name: "key" },
            api_token: { type: "apiKey", in: "query", name: "token" },
            oauth: { type: "http", scheme: "bearer" },
          },
        },
      } as Partial<OpenApiDocument>,
    );
    const dropped = withoutCredentialParameters(trello, new Set(["api_key"]));
    expect(parameters(dropped, "/actions/{idAction}", "get")).toEqual(["token"]);
    expect(parameters(dropped, "/batch", "get")).toEqual(["token"]);
    expect(parameters(dropped, "/search", "get")).toEqual([]);
  });
});

describe("header parameters the client owns", () => {
  const header = (name: string, required = true) => ({
    name,
    in: "header",
    required,
    schema: { type: "string" },
  });

  it("leave the bundle: OpenAPI's ignored ones and those fetch sets itself; Accept and the API's own stay", async () => {
    const d = doc(
      {
        "/metrics": {
          parameters: [header("Authorization")],
          post: {
            operationId: "createMetric",
            parameters: [
              header("Content-Length"),
              // Amadeus' `enum: [gzip, identity]`, which fetch's own "gzip, deflate" broke at the mock.
              header("Accept-Encoding", false),
              header("content-type"),
              { $ref: "#/components/parameters/Host" },
              header("X-Request-Id", false),
              header("Accept", false),
            ],
            requestBody: { content: { "application/json": { schema: { type: "object" } } } },
            responses: ok,
          },
        },
      },
      { components: { parameters: { Host: header("Host") } } } as Partial<OpenApiDocument>,
    );
    expect(dropClientOwnedHeaders(d)).toBe(5);
    const post = d.paths!["/metrics"]!.post!;
    expect(post.parameters.map((p: any) => p.name)).toEqual(["X-Request-Id", "Accept"]);
    expect(d.paths!["/metrics"]!.parameters).toEqual([]);
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(files["endpoints.ts"]).toContain('createMetric: ["POST", "/metrics", {"header":["X-Request-Id"]');
    // A call gives no Content-Length, Host or Authorization: the types do not ask for them.
    files["call.ts"] = [
      'import { createAcmeClient } from "./client.js";',
      'const acme = createAcmeClient({ baseUrl: "http://127.0.0.1:1" });',
      "export const call = () => acme.createMetric({ body: {} });",
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
  });
});

describe("servers and regions", () => {
  const regionsOf = (servers: object[]) => {
    const d = doc({ "/x": { get: { operationId: "x", responses: ok } } }, {
      servers,
    } as Partial<OpenApiDocument>);
    const { servers: regions, defaultServer } = providerDefinition(
      d,
      "acme",
      "specs/acme",
      suggestedSettings(d),
    );
    return { regions, defaultServer };
  };

  it("names regions by description, one server `default`", () => {
    expect(regionsOf([{ url: "https://api.example.test/v1/" }])).toEqual({
      regions: { default: "https://api.example.test/v1" },
      defaultServer: "default",
    });
    expect(
      regionsOf([
        { url: "https://api.example.test", description: "Production" },
        { url: "https://api.sandbox.example.test", description: "Sandbox" },
        { url: "https://staging.example.test", description: "Staging area" },
      ]).regions,
    ).toEqual({
      production: "https://api.example.test",
      sandbox: "https://api.sandbox.example.test",
      "staging-area": "https://staging.example.test",
    });
  });

  it("keeps the first server the default where other regions are named like integers (a port's values)", () => {
    // The regions object lists integer-like keys first whatever their order, and the first key was taken.
    expect(
      regionsOf([
        { url: "https://api.example.test/v2" },
        {
          url: "https://sandbox.example.test:{port}/v2",
          variables: { port: { default: "8443", enum: ["8443", "9443"] } },
        },
      ]),
    ).toEqual({
      regions: {
        api: "https://api.example.test/v2",
        "8443": "https://sandbox.example.test:8443/v2",
        "9443": "https://sandbox.example.test:9443/v2",
      },
      defaultServer: "api",
    });
  });

  it("names a server by the region code in its host before a description users would not type", () => {
    // Synthflow's page: "Global", "United States", "European Union"; the hosts say `us` and `eu`.
    expect(
      regionsOf([
        { url: "https://api.synthflow.example/v2", description: "Global" },
        { url: "https://api.us.synthflow.example/v2", description: "United States" },
        { url: "https://api.eu.synthflow.example/v2", description: "European Union" },
      ]),
    ).toEqual({
      regions: {
        global: "https://api.synthflow.example/v2",
        us: "https://api.us.synthflow.example/v2",
        eu: "https://api.eu.synthflow.example/v2",
      },
      defaultServer: "global",
    });
    // Deepgram's: a sentence for a description, and none for the base host, named `default` as the first.
    expect(
      regionsOf([
        { url: "https://api.deepgram.example" },
        {
          url: "https://api.eu.deepgram.example",
          description: "Deepgram EU endpoint (data processed in the European Union)",
        },
        { url: "https://api.ap-southeast-2.deepgram.example", description: "Sydney" },
      ]).regions,
    ).toEqual({
      default: "https://api.deepgram.example",
      eu: "https://api.eu.deepgram.example",
      "ap-southeast-2": "https://api.ap-southeast-2.deepgram.example",
    });
    // Long descriptions: the host part that is no region code, and the base host `default` as the first server.
    expect(
      regionsOf([
        { url: "https://api.example.test", description: "The production API for live traffic" },
        { url: "https://sandbox.api.example.test", description: "A sandbox where nothing is billed or sent" },
      ]).regions,
    ).toEqual({ default: "https://api.example.test", sandbox: "https://sandbox.api.example.test" });
  });

  it("makes a region of each value of a server variable, the variable's default first; drops http twins", () => {
    const region = {
      description: "The multi-region endpoint",
      variables: { region: { enum: ["us-east-1", "eu-west-1", "ap-south-1"], default: "eu-west-1" } },
    };
    const { regions, defaultServer } = regionsOf([
      { url: "http://api.{region}.example.test", ...region },
      { url: "https://api.{region}.example.test", ...region },
      {
        url: "https://api.{region}.example.test.cn",
        ...region,
        variables: { region: { enum: ["cn-north-1"], default: "cn-north-1" } },
      },
    ]);
    expect(defaultServer).toBe("eu-west-1");
    expect(regions).toEqual({
      "eu-west-1": "https://api.eu-west-1.example.test",
      "us-east-1": "https://api.us-east-1.example.test",
      "ap-south-1": "https://api.ap-south-1.example.test",
      // One value is no choice: the server is one region, named by its description.
      "the-multi-region-endpoint": "https://api.cn-north-1.example.test.cn",
    });
  });

  it("makes each server variable that is no region an option and an environment variable, with each region's URL template", () => {
    const d = doc({ "/pets": { get: { operationId: "listPets", responses: ok } } }, {
      servers: [
        {
          url: "{protocol}://{tenant}.{region}.probe.example/v1/",
          variables: {
            tenant: { default: "acme", description: "Your account's subdomain." },
            region: { default: "us", enum: ["us", "eu"] },
            protocol: { default: "https", enum: ["https", "http"] },
            // Nothing to choose: not an option.
            version: { default: "v1", enum: ["v1"] },
          },
        },
        {
          url: "https://{env}.probe.example",
          description: "Sandbox",
          variables: { env: { default: "env" } },
        },
      ],
    } as Partial<OpenApiDocument>);
    const definition = providerDefinition(d, "probe", "specs/probe", suggestedSettings(d));
    // The regions' URLs are the variables' defaults, as before: a client given none calls the same server.
    expect(definition.servers).toEqual({
      us: "https://acme.us.probe.example/v1",
      eu: "https://acme.eu.probe.example/v1",
      sandbox: "https://env.probe.example",
    });
    const { docs, ...variables } = serverVariables(d, definition)!;
    expect(variables).toEqual({
      variables: {
        protocol: { option: "protocol", env: "PROBE_PROTOCOL", default: "https", values: ["https", "http"] },
        tenant: { option: "tenant", env: "PROBE_TENANT", default: "acme" },
        // `env` is every client's option: this one is `serverEnv`.
        env: { option: "serverEnv", env: "PROBE_ENV", default: "env" },
      },
      templates: {
        us: "{protocol}://{tenant}.us.probe.example/v1",
        eu: "{protocol}://{tenant}.eu.probe.example/v1",
        sandbox: "https://{env}.probe.example",
      },
    });
    expect(docs.find((v) => v.name === "tenant")).toMatchObject({
      description: "Your account's subdomain.",
      urls: ["{protocol}://{tenant}.{region}.probe.example/v1/"],
    });
    // A document whose variables are all regions (or none) has no such options.
    const plain = doc({ "/x": { get: { operationId: "x", responses: ok } } });
    expect(serverVariables(plain, providerDefinition(plain, "p", "specs/p", suggestedSettings(plain)))).toBe(
      undefined,
    );
  });

  it("types the server variables' options in the package, which type-checks with a caller setting them", async () => {
    const d = doc({ "/pets": { get: { operationId: "listPets", responses: ok } } }, {
      servers: [
        {
          url: "https://{tenant}.{region}.probe.example/{tier}",
          variables: {
            tenant: { default: "acme", description: "Your account's subdomain." },
            region: { default: "us", enum: ["us", "eu"] },
            tier: { default: "v1", enum: ["v1", "v1-beta"] },
          },
        },
      ],
    } as Partial<OpenApiDocument>);
    const { files } = await renderProvider(
      { provider: "probe", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(files["provider.ts"]).toContain(
      "Fills `{tenant}` in `https://{tenant}.{region}.probe.example/{tier}`. Default: `PROBE_TENANT`, else `acme`.",
    );
    const consumer = [
      'import { createProbeClient } from "./client.js";',
      'import { composeProbeClient } from "./compose.js";',
      'createProbeClient({ tenant: "zeta", region: "eu", tier: "v1-beta" });',
      'composeProbeClient({}, { tenant: "zeta" });',
      "// @ts-expect-error: a value the spec does not list",
      'createProbeClient({ tier: "v2" });',
      "// @ts-expect-error: a variable that is a region is chosen with `region`",
      'createProbeClient({ serverRegion: "eu" });',
    ].join("\n");
    expect(await typeCheck({ ...files, "consumer.ts": consumer })).toBe("");
  });

  it("names an https server `default` when its only sibling is its http twin", () => {
    expect(
      regionsOf([{ url: "http://api.example.test/v1" }, { url: "https://api.example.test/v1" }]),
    ).toEqual({ regions: { default: "https://api.example.test/v1" }, defaultServer: "default" });
  });

  it("refuses a relative server URL (FastAPI's root_path, a Swagger 2.0 basePath without host), with the overlay that fixes it", () => {
    for (const servers of [
      [{ url: "/api/v1" }],
      [
        { url: "https://api.example.test", description: "Production" },
        { url: "v2", description: "Next" },
      ],
    ]) {
      const relative = servers.find((s) => !s.url.startsWith("https:"))!.url;
      expect(() => regionsOf(servers)).toThrow(
        `the server URL "${relative}" is relative (to wherever the document is served from), so the client would have no host to call`,
      );
    }
    expect(() => regionsOf([{ url: "/api/v1" }])).toThrow(
      "        update:\n          servers:\n            - url: https://<the API's host>/api/v1",
    );
    // A host whose scheme was left out (CalorieNinjas'): the fix is that host, not a path under another.
    for (const url of ["api.calorieninjas.com", "api.example.test:8443/v1", "localhost:8080"]) {
      const refused = () => regionsOf([{ url }]);
      expect(refused).toThrow(`the server URL "${url}" (a host without its scheme, it seems) is relative`);
      expect(refused).toThrow(`          servers:\n            - url: https://${url}`);
    }
    // A path that only looks like a word is no host.
    expect(() => regionsOf([{ url: "v2" }])).toThrow("- url: https://<the API's host>/v2");
  });

  it("names the variable a relative server URL starts with (`{Endpoint}/v3`, Azure's), and keeps only what follows it in the fix", () => {
    const server = {
      url: "{Endpoint}/luis/authoring/v3.0",
      variables: {
        Endpoint: { default: "none", description: "Your endpoint, https://<region>.example.test" },
      },
    };
    const refused = () => regionsOf([{ url: "https://azure.example.test" }, server]);
    expect(refused).toThrow(
      'the server URL "{Endpoint}/luis/authoring/v3.0" (its variable `Endpoint`, which stands for the scheme and host, defaults to "none", not an absolute URL) is relative',
    );
    expect(refused).toThrow(
      "          servers:\n            - url: https://<the API's host>/luis/authoring/v3.0",
    );
  });

  it("gives a scheme-relative server (`//host`, converted Swagger 2.0 without schemes) https", () => {
    expect(regionsOf([{ url: "//api.example.test/v1" }])).toEqual({
      regions: { default: "https://api.example.test/v1" },
      defaultServer: "default",
    });
  });

  it("refuses two regions of one name, saying which servers they are and the overlay that names them", () => {
    // eBay's: two hosts, both described "Production"; besides them, every other problem is still reported.
    const refused = catchInputError(() =>
      regionsOf([
        {
          url: "https://api.example.test{basePath}",
          description: "Production",
          variables: { basePath: { default: "/v1" } },
        },
        { url: "https://sandbox.example.test", description: "Sandbox" },
        {
          url: "https://apiz.example.test{basePath}",
          description: "Production",
          variables: { basePath: { default: "/v1" } },
        },
      ]),
    );
    expect(refused.message).toBe(
      [
        'specs/acme: two servers are both named region "production": $.servers[0] https://api.example.test/v1 (described "Production"), $.servers[2] https://apiz.example.test/v1 (described "Production"). Name each with x-switchboard-region in an overlay, say specs/acme/overlays/regions.yaml:',
        "    overlay: 1.0.0",
        "    info:",
        "      title: Region names",
        "      version: 1.0.0",
        "    actions:",
        "      - target: $.servers[0]",
        '        description: "https://api.example.test/v1 (described \\"Production\\")"',
        "        update:",
        "          x-switchboard-region: production",
        "      - target: $.servers[2]",
        '        description: "https://apiz.example.test/v1 (described \\"Production\\")"',
        "        update:",
        "          x-switchboard-region: production-apiz",
      ].join("\n"),
    );
  });
});

describe("types", () => {
  it.each(["bolna", "synthflow", "telnyx", "vobiz"])(
    "%s: generateTypes prints exactly what openapiTS() does on the bundle",
    async (provider) => {
      // In a child process (offload.ts): the complete Telnyx API is one long synchronous stretch.
      expect(await offload(FULL_SIZE, "typesMatchOpenapiTs", repo, provider)).toBe(true);
    },
  );

  it("require an allOf's properties of a nullable part, and compile (Plaid's Cause: TS2344 in openapi-typescript's WithRequired)", async () => {
    const error = { $ref: "#/components/schemas/PlaidError" };
    const d = doc(
      {
        "/causes": {
          get: {
            operationId: "listCauses",
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Cause" } } },
              },
            },
          },
        },
      },
      {
        components: {
          schemas: {
            PlaidError: {
              type: "object",
              nullable: true,
              properties: { error_code: { type: "string" }, error_message: { type: "string" } },
            },
            Cause: {
              type: "object",
              allOf: [error, { type: "object", properties: { item_id: { type: "string" } } }],
              required: ["item_id", "error_code"],
            },
          },
        },
      } as Partial<OpenApiDocument>,
    );
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    const uses = [
      'import type { components } from "./schema.js";',
      'type Cause = components["schemas"]["Cause"];',
      'export const whole: Cause = { item_id: "i", error_code: "E" };',
      "// @ts-expect-error error_code is required",
      'export const lacking: Cause = { item_id: "i" };',
      "// @ts-expect-error a Cause is no null: its second part is an object",
      "export const none: Cause = null;",
    ].join("\n");
    expect(await typeCheck({ ...files, "uses.ts": `${uses}\n` })).toBe("");
  });

  it("splits the types into modules holding their own operations and the components they reach", async () => {
    const component = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const json = (schema: object) => ({
      "200": { description: "ok", content: { "application/json": { schema } } },
    });
    const d = doc(
      {
        "/a": {
          get: { operationId: "getA", tags: ["A"], responses: json(component("A")) },
          post: { operationId: "postA", tags: ["B"], responses: json(component("B")) },
        },
      },
      {
        components: {
          schemas: {
            A: { type: "object", properties: { shared: component("Shared") } },
            B: { type: "object", properties: { b: { type: "string" } } },
            Shared: { type: "string" },
            Unused: { type: "integer" },
          },
        },
      },
    );
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    const a = files["modules/a.ts"]!;
    expect(a).toMatch(/A: \{/);
    expect(a).toMatch(/Shared: string;/);
    expect(a).not.toMatch(/B: \{|Unused/);
    // The path item is shared with module b: its POST is absent here, as openapi-typescript writes absence.
    expect(a).toMatch(/post\?: never;/);
    expect(a).toMatch(/export interface GetAOperation extends Operation<"\/a", "get"> \{\}/);
    expect(a).toMatch(/export type GetAResult = OperationResult<GetAOperation>;/);
    expect(a).toMatch(/export type GetAEndpoint = Endpoint<typeof getARow, GetAOperation, GetAResult>;/);
    expect(a).toMatch(/export const getA: GetAEndpoint = getARow;/);
    expect(files["modules/b.ts"]).toMatch(/get\?: never;/);
    expect(files["schema.ts"]).toMatch(/Unused: number;/);
  });

  it("gives every module the whole schema's components where repeating them would multiply the package (Microsoft Graph)", async () => {
    const component = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const json = (schema: object) => ({
      "200": { description: "ok", content: { "application/json": { schema } } },
    });
    // Every tag's operation reaches the one entity every other component hangs off, as Graph's do: each
    // module would repeat the whole schema. Before, Graph's 478 modules came to 770 MB of declarations.
    const entities = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `Entity${i}`,
        { type: "object", properties: { id: { type: "string" }, next: component(`Entity${(i + 1) % 12}`) } },
      ]),
    );
    const tags = Array.from({ length: 6 }, (_, i) => `Tag${i}`);
    const paths = Object.fromEntries(
      tags.map((tag, i) => [
        `/t${i}`,
        { get: { operationId: `get${tag}`, tags: [tag], responses: json(component(`Entity${i}`)) } },
      ]),
    );
    const d = doc(paths, { components: { schemas: entities } });
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    for (const i of tags.keys()) {
      const module = files[`modules/tag${i}.ts`]!;
      expect(module).toContain('import type { components } from "../schema.js";');
      expect(module).not.toMatch(/Entity\d+: \{/);
    }
    expect(await typeCheck(files)).toBe("");
    // A module reaching a small part of the schema keeps its own copy (the split test above; Telnyx's).
    const few = doc(
      {
        "/a": { get: { operationId: "getA", tags: ["A"], responses: json(component("Entity0")) } },
        "/b": { get: { operationId: "getB", tags: ["B"], responses: json({ type: "string" }) } },
      },
      { components: { schemas: entities } },
    );
    const own = await renderProvider(
      { provider: "acme", document: few, specs: [], overlays: [] },
      suggestedSettings(few),
    );
    expect(own.files["modules/a.ts"]).toMatch(/Entity0: \{/);
    expect(own.files["modules/a.ts"]).not.toContain("../schema.js");
  });

  it("gives a module the subtypes a discriminator's mapping names, which nothing else reaches from its operations", async () => {
    const component = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const d = doc(
      {
        "/events": {
          get: {
            operationId: "listEvents",
            tags: ["Events"],
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { type: "array", items: component("Event") } } },
              },
            },
          },
        },
      },
      {
        components: {
          schemas: {
            // The subtypes extend the parent (`allOf: [Event]`); the parent names them in its mapping alone.
            Event: {
              type: "object",
              required: ["type"],
              properties: { type: { type: "string" } },
              discriminator: {
                propertyName: "type",
                mapping: { answered: component("Answered").$ref, ended: "Ended" },
              },
            },
            Answered: {
              allOf: [component("Event"), { type: "object", properties: { by: { type: "string" } } }],
            },
            Ended: {
              allOf: [component("Event"), { type: "object", properties: { seconds: { type: "integer" } } }],
            },
          },
        },
      },
    );
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    const events = files["modules/events.ts"]!;
    expect(events).toMatch(/Answered: Omit<components\["schemas"\]\["Event"\], "type"> & \{/);
    expect(events).toMatch(/type: "answered";/);
    // Named by its bare name, as openapi-typescript writes it.
    expect(events).toMatch(/\bEnded: \{\s*type: "ended";/);
  });

  it("type-checks what it generates for a document without operationIds or components", async () => {
    // openapi-typescript writes an empty section as `type operations = Record<string, never>` (and so for
    // `components`): each module, which writes its own sections, must not declare them twice (TS2300).
    const text = { "200": { description: "ok", content: { "text/plain": { schema: { type: "string" } } } } };
    const d = doc({
      "/calls": {
        get: { tags: ["Calls"], summary: "List calls", responses: text },
        post: { tags: ["Calls"], responses: text },
      },
      "/health": { get: { responses: ok } },
    });
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["modules/calls.ts", "schema.ts"]));
    expect(await typeCheck(files)).toBe("");
  });

  it("documents each method and subpath export with the operation's own words, and names its result", async () => {
    const d = doc({
      "/calls": {
        post: {
          operationId: "dialCall",
          tags: ["Calls"],
          summary: "Dial",
          description: "Dials a number.\n\n- one */ two\n@internal is not a tag here",
          externalDocs: { url: "https://docs.example.test/calls#dial", description: "Dialing guide" },
          responses: { "200": { description: "ok" } },
        },
      },
      "/calls/{id}": {
        delete: {
          operationId: "hangUp",
          tags: ["Calls"],
          summary: "Hang up",
          deprecated: true,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "gone" } },
        },
      },
    });
    const page = "https://docs.example.test/reference/hang-up";
    const { files } = await renderProvider(
      {
        provider: "acme",
        document: d,
        specs: [
          { file: "specs/acme/hang-up.yaml", sha256: "0", source: page, operations: ["DELETE /calls/{id}"] },
        ],
        overlays: [],
      },
      suggestedSettings(d),
    );
    const dial = [
      "/**",
      " * Dial",
      " *",
      " * Dials a number.",
      " *",
      " * - one *\\/ two",
      " * \\@internal is not a tag here",
      " *",
      " * `POST /calls`",
      " * @see https://docs.example.test/calls#dial Dialing guide",
      " */",
    ];
    const hangUp = [
      "/**",
      " * Hang up",
      " *",
      " * `DELETE /calls/{id}`",
      " * @deprecated The provider marks this operation as deprecated.",
      ` * @see ${page}`,
      " */",
    ];
    const module = files["modules/calls.ts"]!;
    expect(module).toContain(`${dial.join("\n")}\nexport const dialCall: DialCallEndpoint = dialCallRow;`);
    expect(module).toContain(`${hangUp.join("\n")}\nexport const hangUp: HangUpEndpoint = hangUpRow;`);
    expect(module).toContain("export type HangUpResult = OperationResult<HangUpOperation>;");
    const endpoints = files["endpoints.ts"]!;
    const indented = (lines: string[]) => lines.map((l) => `  ${l}`).join("\n");
    expect(endpoints).toContain(
      `${indented(hangUp)}\n  readonly hangUp: Endpoint<(typeof rows)["hangUp"], paths["/calls/{id}"]["delete"], HangUpResult>;`,
    );
    expect(endpoints).toContain('export type DialCallResult = OperationResult<paths["/calls"]["post"]>;');
    expect(endpoints).toContain("export const endpoints: AcmeEndpoints = rows;");
    expect(files["client.ts"]).toContain('export type * from "./endpoints.js";');
  });

  it("names a body encoder in the rows of non-JSON bodies, and imports only what rows name", async () => {
    const body = (type: string) => ({
      requestBody: { content: { [type]: { schema: { type: "object" } } } },
      responses: { "204": { description: "done" } },
    });
    const d = doc({
      "/form": {
        post: { operationId: "sendForm", tags: ["T"], ...body("application/x-www-form-urlencoded") },
      },
      "/upload": { post: { operationId: "upload", tags: ["T"], ...body("multipart/form-data") } },
      "/audio": { put: { operationId: "putAudio", tags: ["T"], ...body("audio/wav") } },
      "/json": { post: { operationId: "sendJson", tags: ["U"], ...body("application/vnd.api+json") } },
    });
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    const endpoints = files["endpoints.ts"]!;
    expect(endpoints).toContain(
      'sendForm: ["POST", "/form", {"body":"application/x-www-form-urlencoded","encode":formBody}]',
    );
    expect(endpoints).toContain(
      'upload: ["POST", "/upload", {"body":"multipart/form-data","encode":multipartBody}]',
    );
    expect(endpoints).toContain('putAudio: ["PUT", "/audio", {"body":"audio/wav","encode":rawBody}]');
    expect(endpoints).toContain('sendJson: ["POST", "/json", {"body":"application/vnd.api+json"}]');
    expect(endpoints).toMatch(
      /^import \{\s+type Endpoint,\s+formBody,\s+multipartBody,\s+type OperationResult,\s+type OperationTable,\s+rawBody,?\s+\} from "@switchboard\/core";$/m,
    );
    // A module whose rows need nothing from the runtime imports only types, so it adds nothing to a bundle.
    expect(files["modules/u.ts"]).toMatch(
      /^import type \{ Endpoint, OperationResult \} from "@switchboard\/core";$/m,
    );
    expect(files["modules/t.ts"]).toMatch(
      /^import \{ type Endpoint, formBody, multipartBody, type OperationResult, rawBody \} from/m,
    );
  });

  it("names deepFormBody in the row of a form whose encoding declares deepObject (Stripe's), so arrays go indexed", async () => {
    const form = (encoding?: object) => ({
      requestBody: {
        content: {
          "application/x-www-form-urlencoded": {
            schema: { type: "object", properties: { items: { type: "array", items: { type: "object" } } } },
            ...(encoding ? { encoding } : {}),
          },
        },
      },
      responses: { "204": { description: "done" } },
    });
    const d = doc({
      "/v1/subscriptions": {
        post: {
          operationId: "createSubscription",
          tags: ["T"],
          ...form({ items: { style: "deepObject", explode: true } }),
        },
      },
      "/v1/plain": { post: { operationId: "sendPlain", tags: ["T"], ...form({ items: { style: "form" } }) } },
    });
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    const endpoints = files["endpoints.ts"]!;
    expect(endpoints).toContain(
      'createSubscription: ["POST", "/v1/subscriptions", {"body":"application/x-www-form-urlencoded","encode":deepFormBody}]',
    );
    expect(endpoints).toContain(
      'sendPlain: ["POST", "/v1/plain", {"body":"application/x-www-form-urlencoded","encode":formBody}]',
    );
    expect(endpoints).toMatch(/^import \{[^}]*\bdeepFormBody,[^}]*\} from "@switchboard\/core";$/m);
  });

  it("sends a body under the first media type it lists that names one, not a range", async () => {
    const schema = { type: "object", properties: { startTime: { type: "string" } } };
    const listing = (types: string[]) => ({
      requestBody: { required: true, content: Object.fromEntries(types.map((t) => [t, { schema }])) },
      responses: { "204": { description: "done" } },
    });
    const d = doc({
      // ASP.NET's Swashbuckle, for every body: a range first.
      "/replay": {
        post: {
          operationId: "replay",
          tags: ["T"],
          ...listing(["application/*+json", "application/json", "application/json-patch+json", "text/json"]),
        },
      },
      // Ranges alone: the first, which the runtime sends as the value's own type.
      "/files": { put: { operationId: "putFile", tags: ["T"], ...listing(["*/*"]) } },
    });
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    const endpoints = files["endpoints.ts"]!;
    expect(endpoints).toContain('replay: ["POST", "/replay", {"body":"application/json"}]');
    expect(endpoints).toContain('putFile: ["PUT", "/files", {"body":"*/*","encode":rawBody}]');
  });

  it("names the query writer in the rows of operations with query parameters or URL paging, and only there", async () => {
    const done = { responses: { "204": { description: "done" } } };
    const d = doc({
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        delete: { operationId: "deleteThing", tags: ["T"], ...done },
        get: {
          operationId: "getThing",
          tags: ["U"],
          parameters: [{ name: "fields", in: "query", schema: { type: "array", items: { type: "string" } } }],
          ...done,
        },
      },
      // Paged by the next page's URL without declaring a query parameter: each next call sends that URL's query.
      "/recordings": {
        get: {
          operationId: "listRecordings",
          tags: ["V"],
          responses: {
            "200": {
              description: "a page",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      recordings: { type: "array", items: { type: "object" } },
                      next_page_uri: { type: "string", nullable: true },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    const { files } = await renderProvider(
      { provider: "acme", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(files["endpoints.ts"]).toContain('deleteThing: ["DELETE", "/things/{id}"]');
    expect(files["endpoints.ts"]).toContain(
      'getThing: ["GET", "/things/{id}", {"writeQuery":serializeQuery}]',
    );
    expect(files["endpoints.ts"]).toContain(
      'listRecordings: ["GET", "/recordings", {"page":["url",["next_page_uri"],["recordings"]],"writeQuery":serializeQuery,"all":paginate}]',
    );
    // An app that imports only deleteThing bundles no query writer.
    expect(files["modules/t.ts"]).toMatch(
      /^import type \{ Endpoint(, OperationResult)? \} from "@switchboard\/core";$/m,
    );
    expect(files["modules/u.ts"]).toMatch(
      /^import \{ type Endpoint, (type OperationResult, )?serializeQuery \} from/m,
    );
  });
});

describe("reading specs", () => {
  it("reads every vendored spec and overlay exactly as the `yaml` library does", async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (/\.ya?ml$/.test(entry.name)) files.push(join(dir, entry.name));
      }
    };
    walk(join(repo, "specs"));
    expect(files.length).toBeGreaterThan(5);
    expect(await offload(FULL_SIZE, "yamlMismatches", files, repo)).toEqual([]);
  });

  it("still points at lines, parsing positions only when asked", () => {
    const parsed = parseYamlFile(join(repo, "specs", "vobiz", "delete-ip-acl.yaml"), repo);
    expect(parsed.lineOf(["openapi"])).toBe(1);
    expect(parsed.lineOf(["paths"])).toBeGreaterThan(1);
  });
});

describe("a query parameter named `body` (SMS APIs' `?to=…&body=…`)", () => {
  const send = (requestBody?: object) =>
    doc({
      "/send": {
        get: {
          operationId: "sendMessage",
          parameters: [
            { name: "to", in: "query", required: true, schema: { type: "string" } },
            { name: "body", in: "query", required: true, schema: { type: "string" } },
          ],
          ...(requestBody ? { requestBody } : {}),
          responses: ok,
        },
      },
    });

  it("is sent in the query: the row names its query parameters, since `body` is otherwise the request body", async () => {
    const [row] = operationTable(send(), "spec");
    expect(row!.meta.query).toEqual(["to", "body"]);
    const table = {
      sendMessage: [row!.method, row!.path, { ...row!.meta, writeQuery: serializeQuery }],
    } as unknown as OperationTable;
    const urls: string[] = [];
    const provider = {
      name: "t",
      title: "T",
      servers: { default: "https://api.example.test" },
      defaultServer: "default",
      credentials: {},
      auth: [],
      pathCredentials: {},
    } as const;
    const client = createProviderClient(provider, table, {
      fetch: async (request: Request) => {
        urls.push(request.url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    } as never) as any;
    const { error } = await client.sendMessage({ to: "+15550100", body: "Hello" });
    expect(error).toBeUndefined();
    expect(urls).toEqual(["https://api.example.test/send?to=%2B15550100&body=Hello"]);
  });

  it("beside a request body is refused, naming the operation: the method would have two `body` inputs", () => {
    const requestBody = { content: { "application/json": { schema: { type: "object" } } } };
    expect(() => operationTable(send(requestBody), "spec")).toThrow(
      'spec: GET /send: the query parameter "body" and the request body would both be the method\'s `body` input',
    );
  });
});

describe("a success body's type is what the runtime reads, not only what its schema says", () => {
  const count = { type: "integer" };
  const body = (content: Record<string, object>) => ({
    responses: {
      "200": {
        description: "ok",
        content: Object.fromEntries(Object.entries(content).map(([t, schema]) => [t, { schema }])),
      },
    },
  });
  const types = () =>
    astToString(
      generateTypes(
        doc({
          "/count": { get: { operationId: "count", ...body({ "text/plain": count }) } },
          "/audio": { get: { operationId: "audio", ...body({ "audio/mpeg": { type: "object" } }) } },
          "/events": { get: { operationId: "events", ...body({ "text/event-stream": { type: "string" } }) } },
          "/report": {
            get: {
              operationId: "report",
              ...body({ "application/json": count, "text/csv": count, "application/pdf": count }),
            },
          },
          "/any": { get: { operationId: "any", ...body({ "*/*": count }) } },
          "/star": { get: { operationId: "star", ...body({ "*": count }) } },
          "/comma": { get: { operationId: "comma", ...body({ "application/json, charset=utf-8": count }) } },
        }),
      ),
    );
  const contentOf = (operation: string) => {
    const text = types();
    const start = text.indexOf(`    ${operation}: {`);
    return text.slice(start, text.indexOf("\n    };", start));
  };

  it('a text body (the `integer` of a text/plain count arrives as "1") is a string', () => {
    expect(contentOf("count")).toContain('"text/plain": string;');
  });

  it("a body of any other type the runtime does not parse is a Blob, or a stream for server-sent events", () => {
    expect(contentOf("audio")).toContain('"audio/mpeg": Blob;');
    expect(contentOf("events")).toContain('"text/event-stream": ReadableStream<Uint8Array>;');
  });

  it("beside JSON, each type is what its Content-Type makes of it; a wildcard keeps its schema", () => {
    const report = contentOf("report");
    expect(report).toContain('"application/json": number;');
    expect(report).toContain('"text/csv": string;');
    expect(report).toContain('"application/pdf": Blob;');
    expect(contentOf("any")).toContain('"*/*": number;');
    // Keys the runtime reads by Content-Type too: no media type (Telnyx's `*`), and JSON with a comma.
    expect(contentOf("star")).toContain('"*": number;');
    expect(contentOf("comma")).toContain('"application/json, charset=utf-8": number;');
  });
});

describe("a schema that is one of its own allOf/anyOf/oneOf parts", () => {
  const object = (name: string) => ({ type: "object", properties: { [name]: { type: "string" } } });
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const fine = {
    Tree: {
      allOf: [
        ref("Base"),
        { type: "object", properties: { children: { type: "array", items: ref("Tree") } } },
      ],
    },
    Base: object("id"),
    Json: {
      oneOf: [
        { type: "string" },
        { type: "array", items: ref("Json") },
        { type: "object", additionalProperties: ref("Json") },
      ],
    },
  };
  const withSchemas = (schemas: object) =>
    doc(
      {
        "/things": {
          get: {
            operationId: "getThing",
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: Object.fromEntries(
                        Object.keys(schemas).map((n) => [n.toLowerCase(), ref(n)]),
                      ),
                    },
                  },
                },
              },
            },
          },
        },
      },
      { components: { schemas } as OpenApiDocument["components"] },
    );

  it("is reported at the reference that closes the loop: no type can be written for it", () => {
    const problems = specProblems(
      withSchemas({
        ...fine,
        Agent: { allOf: [ref("Base"), object("name"), ref("Agent")] },
        A: { allOf: [ref("B"), object("a")] },
        B: { allOf: [ref("A"), object("b")] },
        U: { oneOf: [ref("U"), { type: "string" }] },
      }),
    );
    expect(problems.map((p) => [p.at.join("/"), p.message.split(":")[0]])).toEqual([
      [
        "components/schemas/Agent/allOf/2/$ref",
        "schema Agent is one of its own allOf/anyOf/oneOf parts (Agent → Agent), with no property or array item in between",
      ],
      [
        "components/schemas/B/allOf/0/$ref",
        "schema A is one of its own allOf/anyOf/oneOf parts (A → B → A), with no property or array item in between",
      ],
      [
        "components/schemas/U/oneOf/0/$ref",
        "schema U is one of its own allOf/anyOf/oneOf parts (U → U), with no property or array item in between",
      ],
    ]);
  });

  it("is not a schema holding itself in a property or item, nor a variant extending its union: they compile", async () => {
    const d = withSchemas({
      ...fine,
      // A discriminated base whose variants extend it (`Pet: oneOf [Cat]`, `Cat: allOf [Pet, …]`).
      Pet: {
        type: "object",
        required: ["petType"],
        properties: { petType: { type: "string" } },
        oneOf: [ref("Cat"), ref("Dog")],
        discriminator: { propertyName: "petType" },
      },
      Cat: { allOf: [ref("Pet"), object("meow")] },
      Dog: { allOf: [ref("Pet"), object("bark")] },
      Shape: { oneOf: [ref("Circle")], discriminator: { propertyName: "kind" } },
      Circle: {
        allOf: [
          ref("Shape"),
          { type: "object", required: ["kind"], properties: { kind: { type: "string" } } },
        ],
      },
    });
    expect(specProblems(d)).toEqual([]);
    const { files } = await renderProvider(
      { provider: "trees", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    expect(await typeCheck(files)).toBe("");
    // The document the mock and Prism read has the variant so too: as written, validating a Cat checks it
    // against Pet, whose oneOf checks it against Cat, for ever (the mock's ajv: a stack overflow).
    const served = JSON.parse(files["openapi.json"]!).components.schemas;
    expect(served.Cat.allOf[0]).toEqual({
      type: "object",
      required: ["petType"],
      properties: { petType: { type: "string", enum: ["Cat"] } },
    });
    expect(served.Pet.oneOf).toEqual([ref("Cat"), ref("Dog")]);
    expect(d.components!.schemas!.Cat).toEqual({ allOf: [ref("Pet"), object("meow")] }); // the input untouched
    // A variant takes the union's own properties, its discriminator's value among them, not the union.
    const text = astToString(generateTypes(d));
    expect(text).toMatch(
      / {8}Cat: \{\s+\/\*\* @enum \{string\} \*\/\s+petType: "Cat";\s+\} & \{\s+meow\?: string;/,
    );
    expect(text).toMatch(
      / {8}Pet: \{\s+petType: string;\s+\} & \(components\["schemas"\]\["Cat"\] \| components\["schemas"\]\["Dog"\]\);/,
    );
  });
});

describe("a schema that extends a discriminated union it is not a variant of (NestJS's)", () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const tool = (type: string, own: string) => ({
    type: "object",
    required: ["type"],
    properties: { type: { type: "string", enum: [type] }, [own]: { type: "string" } },
  });
  const schemas = {
    CreateToolDTO: {
      oneOf: [ref("FunctionTool"), ref("EndCallTool")],
      discriminator: {
        propertyName: "type",
        mapping: {
          function: "#/components/schemas/FunctionTool",
          endCall: "#/components/schemas/EndCallTool",
        },
      },
    },
    FunctionTool: tool("function", "function"),
    EndCallTool: tool("endCall", "reason"),
    // Vapi's: the union with what the server adds.
    Tool: {
      allOf: [
        ref("CreateToolDTO"),
        { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      ],
    },
    // An inheritor the mapping names keeps the inheritance openapi-typescript writes for it.
    Base: {
      type: "object",
      properties: { kind: { type: "string" } },
      discriminator: { propertyName: "kind", mapping: { big: "#/components/schemas/Big" } },
    },
    Big: { allOf: [ref("Base"), { type: "object", properties: { size: { type: "number" } } }] },
  };
  const d = doc(
    {
      "/tool": {
        get: {
          operationId: "listTools",
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "array", items: ref("Tool") } } },
            },
          },
        },
      },
      "/big": {
        get: {
          operationId: "getBig",
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: ref("Big") } } },
          },
        },
      },
    },
    { components: { schemas } },
  );

  it("is typed as the union with its own properties, and narrows by the discriminator", async () => {
    const text = astToString(generateTypes(d));
    expect(text).toMatch(
      / {8}Tool: \(components\["schemas"\]\["FunctionTool"\] \| components\["schemas"\]\["EndCallTool"\]\) & \{\s+id: string;/,
    );
    expect(text).not.toMatch(/Omit<components\["schemas"\]\["CreateToolDTO"\]/);
    expect(text).toMatch(/ {8}Big: Omit<components\["schemas"\]\["Base"\], "kind"> & \{[\s\S]*?kind: "big";/);
    const { files } = await renderProvider(
      { provider: "tools", document: d, specs: [], overlays: [] },
      suggestedSettings(d),
    );
    files["usage.ts"] = [
      'import type { components } from "./schema.js";',
      'export function describe(tool: components["schemas"]["Tool"]): string {',
      '  if (tool.type === "function") return tool.id + (tool.function ?? "");',
      "  // @ts-expect-error: an end-call tool has no function",
      "  return tool.function ?? tool.reason ?? tool.id;",
      "}",
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
    // The document the mock serves is the document as vendored.
    expect(JSON.parse(files["openapi.json"]!).components.schemas.Tool.allOf[0]).toEqual(ref("CreateToolDTO"));
  });
});

describe("an `allOf` part that only requires properties the others declare", () => {
  it("makes them required, and takes no other key (it was `Record<string, unknown>`: any key, none required)", () => {
    const d = doc({}, {
      components: {
        schemas: {
          Base: { type: "object", properties: { id: { type: "string" } } },
          // The property is declared a level deeper than the `allOf` that requires it.
          Network: {
            allOf: [
              { $ref: "#/components/schemas/Base" },
              { type: "object", properties: { name: { type: "string" } } },
            ],
          },
          NetworkCreate: {
            allOf: [
              { $ref: "#/components/schemas/Network" },
              { type: "object", title: "NetworkCreate", required: ["name"] },
            ],
          },
          // A part with anything else is a schema of its own, written as it was.
          Tagged: {
            allOf: [
              { $ref: "#/components/schemas/Base" },
              { type: "object", required: ["id"], minProperties: 1 },
            ],
          },
        },
      },
    } as Partial<OpenApiDocument>);
    const text = astToString(generateTypes(d));
    expect(text).toMatch(
      / {8}NetworkCreate: components\["schemas"\]\["Network"\] & \{\s+name: unknown;\s+\};/,
    );
    expect(text).toMatch(/ {8}Tagged: components\["schemas"\]\["Base"\] & Record<string, unknown>;/);
    expect(d.components!.schemas!.NetworkCreate.allOf[1]).toEqual({
      type: "object",
      title: "NetworkCreate",
      required: ["name"],
    });
  });
});

describe("a request body's type is what the client sends, not only what its schema says", () => {
  const order = {
    type: "object",
    xml: { name: "Order" },
    required: ["id"],
    properties: { id: { type: "integer", xml: { attribute: true } }, note: { type: "string" } },
  };
  const takes = (content: Record<string, object>) => ({
    requestBody: {
      required: true,
      content: Object.fromEntries(Object.entries(content).map(([t, schema]) => [t, { schema }])),
    },
    responses: { "204": { description: "done" } },
  });
  const d = () =>
    doc(
      {
        "/xml": { post: { operationId: "sendXml", ...takes({ "application/xml": order }) } },
        "/text-xml": { post: { operationId: "sendTextXml", ...takes({ "text/xml; charset=utf-8": order }) } },
        "/either": {
          post: {
            operationId: "sendEither",
            ...takes({ "application/xml": order, "application/json": order }),
          },
        },
        "/json-or-form": {
          post: {
            operationId: "sendJsonOrForm",
            ...takes({
              "application/json": order,
              "application/x-www-form-urlencoded": {
                type: "object",
                required: ["b"],
                properties: { b: { type: "string" } },
              },
            }),
          },
        },
        "/faxes": {
          post: {
            operationId: "sendFax",
            ...takes({
              "application/json": { type: "object", properties: { media_url: { type: "string" } } },
              "multipart/form-data": {
                type: "object",
                properties: { contents: { type: "string", format: "binary" } },
              },
            }),
          },
        },
        "/written": {
          post: {
            operationId: "sendWritten",
            ...takes({ "application/xml": { type: "string", maxLength: 80 } }),
          },
        },
        "/shared": {
          put: {
            operationId: "sendShared",
            requestBody: { $ref: "#/components/requestBodies/Order" },
            responses: { "204": { description: "done" } },
          },
        },
      },
      {
        components: {
          requestBodies: { Order: { content: { "application/atom+xml": { schema: order } } } },
        },
      },
    );
  const contentOf = (text: string, operation: string) => {
    const start = text.indexOf(`    ${operation}: {`);
    return text.slice(start, text.indexOf("\n    };", start));
  };

  it("an XML body is the text the caller writes, a string or Blob: the runtime has no XML writer", () => {
    const text = astToString(generateTypes(d()));
    expect(contentOf(text, "sendXml")).toContain('"application/xml": string | Blob;');
    expect(contentOf(text, "sendTextXml")).toContain('"text/xml; charset=utf-8": string | Blob;');
    expect(text).toMatch(/Order: \{[\s\S]*?"application\/atom\+xml": string \| Blob;/);
    // A schema that is a string already says what the text is, and keeps its type.
    expect(contentOf(text, "sendWritten")).toContain('"application/xml": string;');
  });

  it("a GET's body is none to pass (fetch cannot send one): `never` where optional, the operation left out where required", () => {
    // Stripe gives each of its GETs an empty form body: the types offered `body`, and every call with one failed.
    const form = (required: boolean) => ({
      requestBody: {
        required,
        content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: {} } } },
      },
      responses: { "200": { description: "ok" } },
    });
    const gets = doc({
      "/v1/customers": { get: { operationId: "getCustomers", ...form(false) } },
      "/search": { get: { operationId: "search", ...form(true) } },
    });
    const text = astToString(generateTypes(gets));
    expect(contentOf(text, "getCustomers")).toContain('"application/x-www-form-urlencoded": never;');
    const { operations, skipped } = operationSurface(gets, "spec");
    expect(operations.map((e) => [e.name, e.meta.body])).toEqual([["getCustomers", undefined]]);
    expect(skipped).toEqual([
      {
        method: "GET",
        path: "/search",
        reason: "it requires a request body, which fetch cannot send with GET",
      },
    ]);
  });

  it("beside JSON, XML is never asked for: the row sends Accept JSON and `data` is the JSON alone (Zoom's)", () => {
    // Typed `string | Order`, every field read needed a narrowing first, though the answer was JSON.
    const answers = (content: Record<string, object>) => ({
      responses: {
        "200": {
          description: "ok",
          content: Object.fromEntries(Object.entries(content).map(([t, schema]) => [t, { schema }])),
        },
      },
    });
    const both = doc({
      "/orders": {
        get: { operationId: "getOrder", ...answers({ "application/json": order, "application/xml": order }) },
      },
      // An event stream beside JSON is another answer the request chooses (`stream: true`): left as it is.
      "/feed": {
        get: {
          operationId: "getFeed",
          ...answers({ "application/json": order, "text/event-stream": { type: "string" } }),
        },
      },
    });
    const text = astToString(generateTypes(both));
    expect(contentOf(text, "getOrder")).toContain('"application/xml": never;');
    expect(contentOf(text, "getFeed")).toContain('"text/event-stream": string;');
    const accept = Object.fromEntries(operationTable(both, "spec").map((e) => [e.name, e.meta.accept]));
    expect(accept).toEqual({ getOrder: "application/json", getFeed: undefined });
  });

  it("beside JSON, XML is never sent: the row sends JSON and the body's type is the JSON one", () => {
    const either = contentOf(astToString(generateTypes(d())), "sendEither");
    expect(either).toContain('"application/xml": never;');
    expect(either).toMatch(/"application\/json": \{[\s\S]*?id: number;/);
    const rows = Object.fromEntries(operationTable(d(), "spec").map((e) => [e.name, e.meta.body]));
    expect(rows).toMatchObject({
      sendXml: "application/xml",
      sendEither: "application/json",
      sendShared: "application/atom+xml",
    });
  });

  it("any media type but the one the row sends is never: a form's shape beside JSON would go out as JSON", () => {
    const either = contentOf(astToString(generateTypes(d())), "sendJsonOrForm");
    expect(either).toContain('"application/x-www-form-urlencoded": never;');
    expect(either).toMatch(/"application\/json": \{[\s\S]*?id: number;/);
    const rows = Object.fromEntries(operationTable(d(), "spec").map((e) => [e.name, e.meta.body]));
    expect(rows.sendJsonOrForm).toBe("application/json");
  });

  it("multipart beside JSON keeps its type: a body holding a file goes out as multipart", () => {
    const fax = contentOf(astToString(generateTypes(d())), "sendFax");
    expect(fax).toMatch(/"application\/json": \{\s+media_url\?: string;/);
    expect(fax).toMatch(/"multipart\/form-data": \{[\s\S]*?contents\?: Blob;/);
    const entries = operationTable(d(), "spec");
    const fns = Object.fromEntries(entries.map((e) => [e.name, rowFunctions(e).encode]));
    expect(fns).toMatchObject({
      sendFax: "jsonOrMultipartBody",
      sendJsonOrForm: undefined,
      sendXml: "rawBody",
    });
  });

  it("a file, `format: binary` or Swagger 2's `format: file` (Azure's `{type: object, format: file}`), is a Blob", () => {
    const upload = (schema: object) => ({
      requestBody: { required: true, content: { "application/octet-stream": { schema } } },
      responses: { "204": { description: "done" } },
    });
    const text = astToString(
      generateTypes(
        doc({
          "/faces": { post: { operationId: "detectFaces", ...upload({ type: "object", format: "file" }) } },
          "/files": { put: { operationId: "putFile", ...upload({ type: "string", format: "binary" }) } },
        }),
      ),
    );
    const body = (operation: string) => {
      const start = text.indexOf(`    ${operation}: {`);
      return text.slice(start, text.indexOf("\n    };", start));
    };
    expect(body("detectFaces")).toContain('"application/octet-stream": Blob;');
    expect(body("putFile")).toContain('"application/octet-stream": Blob;');
  });

  it("type-checks as a method's input: XML text or a Blob goes in, an object does not", async () => {
    const { files } = await renderProvider(
      { provider: "acme", document: d(), specs: [], overlays: [] },
      suggestedSettings(d()),
    );
    expect(files["endpoints.ts"]).toContain(
      'sendXml: ["POST", "/xml", {"body":"application/xml","encode":rawBody}]',
    );
    files["call.ts"] = [
      'import { createAcmeClient } from "./client.js";',
      'const acme = createAcmeClient({ baseUrl: "http://127.0.0.1:1" });',
      "export const calls = () => [",
      "  acme.sendXml({ body: '<Order id=\"1\"><note>hi</note></Order>' }),",
      '  acme.sendShared({ body: new Blob(["<Order/>"], { type: "application/atom+xml" }) }),',
      "  acme.sendEither({ body: { id: 1 } }),",
      "  // @ts-expect-error: an object under an XML type would go out as JSON",
      "  acme.sendXml({ body: { id: 1 } }),",
      "  // @ts-expect-error: beside JSON the client sends JSON, so XML text is not its body",
      '  acme.sendEither({ body: "<Order/>" }),',
      "];",
    ].join("\n");
    expect(await typeCheck(files)).toBe("");
  });
});

describe("an operation whose path has parameters after its #", () => {
  it("gets no method, since no request sends them, and is listed as skipped with the reason (Mastercard's)", () => {
    const { operations, skipped } = operationSurface(
      doc({
        "/send/#env/v1/partners/{partnerId}/transfers": {
          get: { operationId: "listTransfers", responses: ok },
        },
        "/files/{id}#add_shared_link": { put: { operationId: "addSharedLink", responses: ok } },
      }),
      "spec",
    );
    expect(operations.map((o) => o.name)).toEqual(["addSharedLink"]);
    expect(skipped).toEqual([
      {
        method: "GET",
        path: "/send/#env/v1/partners/{partnerId}/transfers",
        reason: "its path parameters {partnerId} come after its `#`, and a request sends nothing after one",
      },
    ]);
  });
});

describe("a TRACE operation", () => {
  it("gets no method, since fetch refuses the method, and is listed as skipped with the reason", () => {
    const { operations, skipped } = operationSurface(
      doc({
        "/anything": {
          get: { operationId: "anything", responses: ok },
          trace: { operationId: "traceAnything", responses: ok },
        },
      }),
      "spec",
    );
    expect(operations.map((o) => o.name)).toEqual(["anything"]);
    expect(skipped).toEqual([
      {
        method: "TRACE",
        path: "/anything",
        reason: "fetch refuses to send the TRACE method, so no client made with it can",
      },
    ]);
    // `generate` says so, rather than leaving it to be found in endpoints.ts.
    expect(operationCount(1, skipped)).toBe(
      "1 operations (1 left out: TRACE /anything; endpoints.ts says why)",
    );
    const many = Array.from({ length: 5 }, (_, i) => ({ method: "GET", path: `/ws/${i}`, reason: "" }));
    expect(operationCount(0, many)).toBe(
      "0 operations (5 left out: GET /ws/0, GET /ws/1, GET /ws/2, 2 more; endpoints.ts says why)",
    );
  });
});

describe("an operation's documentation link", () => {
  it("is the page its file was cut from, else a source that is a page; never a raw OpenAPI document", () => {
    const d = doc({
      "/a": { get: { operationId: "a", responses: ok } },
      "/b": { get: { operationId: "b", responses: ok } },
      "/c": { get: { operationId: "c", responses: ok } },
    });
    const spec = (file: string, operation: string, extra: object) => ({
      file,
      sha256: "0",
      operations: [operation],
      ...extra,
    });
    const docs = operationDocs(
      {
        provider: "acme",
        document: d,
        specs: [
          // A page of a Mintlify site, whose fence names the document it was cut from.
          spec("specs/acme/a.yaml", "GET /a", {
            page: "https://docs.acme.test/api/a.md",
            source: "https://docs.acme.test/openapi.yml",
          }),
          // Telnyx's whole document, on GitHub: a 4 MB YAML is no page to open from a hover.
          spec("specs/acme/b.yaml", "GET /b", {
            source: "https://raw.githubusercontent.com/acme/openapi/main/spec3.yml",
          }),
          spec("specs/acme/c.yaml", "GET /c", { source: "https://docs.acme.test/reference/c" }),
        ],
        overlays: [],
      } as never,
      operationsOf(d),
    );
    expect(docs.get("GET /a")?.link).toEqual({ url: "https://docs.acme.test/api/a.md" });
    expect(docs.get("GET /b")?.link).toBeUndefined();
    expect(docs.get("GET /c")?.link).toEqual({ url: "https://docs.acme.test/reference/c" });
  });
});
