import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { renderProvider } from "../src/generate/generated-files.js";
import { operationSurface } from "../src/generate/operation-table.js";
import { CREDENTIAL_EXTENSION, providerDefinition } from "../src/generate/provider-definition.js";
import type { OpenApiDocument } from "../src/spec/openapi-document.js";
import { uniqueOperationNames } from "../src/spec/operation-ids.js";
import { parseYamlFile } from "../src/spec/yaml-file.js";
import { repo } from "./helpers.js";
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

  it("qualifies a repeated operationId by what its own path adds, and keeps the plain name for the other", () => {
    expect(names(telnyxLike())).toEqual([
      "listPhoneNumbers",
      "listPhoneNumbersWhatsapp",
      "getMdrUsageReports",
      "getMdrUsageReportsLegacyReportingMessaging",
    ]);
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
      }),
    );
    expect(operations.map((o) => o.meta.page)).toEqual([
      ["number", ["page", "number"], ["data"], ["meta", "total_pages"]],
      ["number", ["page[number]"], ["data"], ["meta", "total_pages"]],
      ["cursor", ["page[after]"], ["data"], ["meta", "cursors", "after"]],
      undefined,
    ]);
  });

  it("exports each operation from the module of its first tag, or of its first path segment", () => {
    const { operations } = surface(
      doc({
        "/ips/{id}": { delete: { operationId: "deleteIp", tags: ["IPs"], responses: ok } },
        "/texml/calls": { post: { operationId: "dial", tags: ["TeXML REST Commands"], responses: ok } },
        "/sip_trunks": { get: { operationId: "listTrunks", responses: ok } },
        "/compose": { get: { operationId: "compose", tags: ["Compose"], responses: ok } },
      }),
    );
    expect(operations.map((o) => o.module)).toEqual([
      "ips",
      "texml-rest-commands",
      "sip-trunks",
      "compose-operations",
    ]);
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
});

describe("path parameters filled from credentials", () => {
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
  const filled = (d: OpenApiDocument) =>
    providerDefinition(d, "acme", "specs/acme (bundled)").pathCredentials;
  const failure = (d: OpenApiDocument) => {
    try {
      filled(d);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error("expected an InputError");
  };

  it("fills the account parameter of every path from the basic-auth username, and keeps basic's credential names", () => {
    const d = twilioLike(3);
    expect(filled(d)).toEqual({ AccountSid: "username" });
    expect(providerDefinition(d, "acme", "spec").credentials).toEqual({
      username: { env: "ACME_USERNAME" },
      password: { env: "ACME_PASSWORD" },
    });
  });

  it("still fills it when a few account-level operations sit outside the account's paths", () => {
    // Twilio: `GET /Accounts.json` lists accounts; 1 operation in 10 without the parameter is still "nearly every".
    expect(
      filled(twilioLike(9, { "/Accounts.json": { get: { operationId: "listAccount", responses: ok } } })),
    ).toEqual({ AccountSid: "username" });
    // Operations sent without credentials do not count against it.
    const publicOps = Object.fromEntries(
      ["/a", "/b", "/c"].map((p) => [
        p,
        { get: { operationId: `public${p.slice(1)}`, security: [], responses: ok } },
      ]),
    );
    expect(filled(twilioLike(2, publicOps))).toEqual({ AccountSid: "username" });
  });

  it("does not guess: other auth, other names, an account parameter on only some paths, or two of them", () => {
    // Telnyx's TeXML paths hold an `account_sid`, but its credential is a bearer token.
    const bearer = { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } };
    expect(filled(twilioLike(3, {}, bearer))).toEqual({});
    const unscoped = Object.fromEntries(
      ["/x", "/y"].map((p) => [p, { get: { operationId: `list${p.slice(1)}`, responses: ok } }]),
    );
    expect(filled(twilioLike(3, unscoped))).toEqual({});
    // Operations sent without credentials do not count for it either: 8 of 10 authenticated operations hold
    // the parameter, and three public ones that also hold it do not make that "nearly every".
    const publicWithAccount = Object.fromEntries(
      [0, 1, 2].map((i) => [
        `/Accounts/{AccountSid}/Public${i}.json`,
        {
          parameters: [{ $ref: "#/components/parameters/AccountSid" }],
          get: { operationId: `public${i}`, security: [], responses: ok },
        },
      ]),
    );
    expect(filled(twilioLike(8, { ...unscoped, ...publicWithAccount }))).toEqual({});
    const renamed = twilioLike(3);
    (renamed.components!.parameters as any).AccountSid.name = "ParentSid";
    expect(filled(renamed)).toEqual({});
    const two = twilioLike(3);
    for (const item of Object.values(two.paths!)) item.parameters.push({ ...sid, name: "account_id" });
    expect(filled(two)).toEqual({});
  });

  it(`fills a parameter named by ${CREDENTIAL_EXTENSION} from that credential, or from none when it is false`, () => {
    const d = twilioLike(9, {
      "/Projects/{ProjectId}/Calls": {
        get: {
          operationId: "listCalls",
          parameters: [{ ...sid, name: "ProjectId", [CREDENTIAL_EXTENSION]: "username" }],
          responses: ok,
        },
      },
    });
    expect(filled(d)).toEqual({ ProjectId: "username", AccountSid: "username" });
    (d.components!.parameters as any).AccountSid[CREDENTIAL_EXTENSION] = false;
    expect(filled(d)).toEqual({ ProjectId: "username" });
    // `false` also stops a parameter named like a credential (Vobiz's `auth_id`) from being filled.
    const apiKeys = doc(
      {
        "/Account/{auth_id}/x": {
          get: {
            operationId: "x",
            parameters: [{ ...sid, name: "auth_id" }],
            responses: ok,
          },
        },
      },
      {
        security: [{ AuthId: [], AuthToken: [] }],
        components: {
          securitySchemes: {
            AuthId: { type: "apiKey", in: "header", name: "X-Auth-ID" },
            AuthToken: { type: "apiKey", in: "header", name: "X-Auth-Token" },
          },
        },
      },
    );
    expect(filled(apiKeys)).toEqual({ auth_id: "authId" });
    apiKeys.paths!["/Account/{auth_id}/x"]!.get.parameters[0][CREDENTIAL_EXTENSION] = false;
    expect(filled(apiKeys)).toEqual({});
  });

  it(`refuses a ${CREDENTIAL_EXTENSION} that names no credential, is not on a path parameter, or disagrees`, () => {
    const unknown = twilioLike(2);
    (unknown.components!.parameters as any).AccountSid[CREDENTIAL_EXTENSION] = "accountSid";
    expect(failure(unknown)).toBe(
      'specs/acme (bundled): GET /Accounts/{AccountSid}/Thing0/{Sid}.json: path parameter "AccountSid" ' +
        '(#/components/parameters/AccountSid): x-switchboard-credential is "accountSid", which is not a credential ' +
        "of acme (its credentials: username, password; or false: never filled)",
    );
    const query = twilioLike(1, {
      "/Calls": {
        get: {
          operationId: "listCalls",
          parameters: [{ name: "To", in: "query", [CREDENTIAL_EXTENSION]: "username" }],
          responses: ok,
        },
      },
    });
    expect(failure(query)).toMatch(
      /GET \/Calls: query parameter "To": x-switchboard-credential applies only to path parameters/,
    );
    const disagree = twilioLike(2);
    const items = Object.values(disagree.paths!);
    items[0]!.parameters[1] = { ...sid, [CREDENTIAL_EXTENSION]: "username" };
    items[1]!.parameters[1] = { ...sid, [CREDENTIAL_EXTENSION]: false };
    expect(failure(disagree)).toMatch(
      /Thing1\/\{Sid\}\.json: path parameter "Sid": x-switchboard-credential is false, but GET \/Accounts\/\{AccountSid\}\/Thing0\/\{Sid\}\.json: path parameter "Sid" has "username"/,
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
    const { files } = await renderProvider({ provider: "acme", document: d, specs: [], overlays: [] });
    const a = files["modules/a.ts"]!;
    expect(a).toMatch(/A: \{/);
    expect(a).toMatch(/Shared: string;/);
    expect(a).not.toMatch(/B: \{|Unused/);
    // The path item is shared with module b: its POST is absent here, as openapi-typescript writes absence.
    expect(a).toMatch(/post\?: never;/);
    expect(a).toMatch(/export interface GetAOperation extends Operation<"\/a", "get"> \{\}/);
    expect(a).toMatch(/export type GetAResult = OperationResult<GetAOperation>;/);
    expect(a).toMatch(/export const getA: Endpoint<typeof getARow, GetAOperation, GetAResult> = getARow;/);
    expect(files["modules/b.ts"]).toMatch(/get\?: never;/);
    expect(files["schema.ts"]).toMatch(/Unused: number;/);
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
    const { files } = await renderProvider({
      provider: "acme",
      document: d,
      specs: [
        { file: "specs/acme/hang-up.yaml", sha256: "0", source: page, operations: ["DELETE /calls/{id}"] },
      ],
      overlays: [],
    });
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
    expect(module).toContain(
      `${dial.join("\n")}\nexport const dialCall: Endpoint<typeof dialCallRow, DialCallOperation, DialCallResult>`,
    );
    expect(module).toContain(
      `${hangUp.join("\n")}\nexport const hangUp: Endpoint<typeof hangUpRow, HangUpOperation, HangUpResult>`,
    );
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
    const { files } = await renderProvider({ provider: "acme", document: d, specs: [], overlays: [] });
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

  it("names the query writer in the rows of operations with query parameters, and only there", async () => {
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
    });
    const { files } = await renderProvider({ provider: "acme", document: d, specs: [], overlays: [] });
    expect(files["endpoints.ts"]).toContain('deleteThing: ["DELETE", "/things/{id}"]');
    expect(files["endpoints.ts"]).toContain(
      'getThing: ["GET", "/things/{id}", {"writeQuery":serializeQuery}]',
    );
    // An app that imports only deleteThing bundles no query writer.
    expect(files["modules/t.ts"]).toMatch(/^import type \{ Endpoint \} from "@switchboard\/core";$/m);
    expect(files["modules/u.ts"]).toMatch(/^import \{ type Endpoint, serializeQuery \} from/m);
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
