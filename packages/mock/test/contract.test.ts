import { describe, expect, it } from "vitest";
import {
  type ContractCase,
  deriveContractCases,
  methodFor,
  pathCredentialValues,
  placeholderCredentialEnv,
  sampleFromSchema,
} from "../src/index.js";
import { conforms } from "../src/validate.js";
import { readFixture } from "./support/helpers.js";

const UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

describe("deriveContractCases on the contract fixture", () => {
  const spec = readFixture("contract.json");

  // Written out in full on purpose: a change in what is derived must show up as a diff here.
  const ipPath = { id: UUID };
  const tenant = { "X-Tenant": "acme" };
  const updateInput: ContractCase["input"] = {
    path: ipPath,
    query: {},
    // Authorization is declared as a required header but left to the client.
    header: { "X-Tenant": "acme", "X-Idempotency-Key": "stringxx" },
    contentType: "application/json",
    // The documented example lacks required properties, so the body comes from the schema; the readOnly
    // `id` is left out, the recursive `tags` stops at an empty array, the allOf parts are merged.
    body: {
      ip_address: "192.0.2.1",
      port: 5060,
      enabled: true,
      note: "str",
      tags: [{ name: "string", children: [] }],
      connection: { id: UUID, kind: "sip" },
      updated_at: "2024-01-01T00:00:00Z",
    },
  };
  const createInput: ContractCase["input"] = {
    path: {},
    query: {},
    header: {},
    // JSON is preferred over the form encoding listed first; its conforming example is used as is.
    contentType: "application/json",
    body: { ip_address: "198.51.100.7", connection_id: "1516447646313612565" },
  };
  const expected: ContractCase[] = [
    {
      method: "get",
      path: "/ips/{id}",
      operationId: "GetIp",
      status: 200,
      input: { path: ipPath, query: {}, header: tenant },
      expectBody: true,
      title: "GET /ips/{id} → 200",
    },
    {
      method: "get",
      path: "/ips/{id}",
      operationId: "GetIp",
      status: 404,
      input: { path: ipPath, query: {}, header: tenant },
      expectBody: true,
      title: "GET /ips/{id} → 404",
    },
    // The 4XX range, asked for as its lowest status not documented on its own; `default` as the lowest error
    // status neither an exact status nor a range covers (500, beside the 4XX).
    {
      method: "get",
      path: "/ips/{id}",
      operationId: "GetIp",
      status: 400,
      responseKey: "4XX",
      input: { path: ipPath, query: {}, header: tenant },
      expectBody: true,
      title: "GET /ips/{id} → 400 (4XX)",
    },
    {
      method: "get",
      path: "/ips/{id}",
      operationId: "GetIp",
      status: 500,
      responseKey: "default",
      input: { path: ipPath, query: {}, header: tenant },
      expectBody: true,
      title: "GET /ips/{id} → 500 (default)",
    },
    {
      method: "patch",
      path: "/ips/{id}",
      operationId: "UpdateIp",
      status: 200,
      input: updateInput,
      expectBody: true,
      title: "PATCH /ips/{id} → 200",
    },
    {
      method: "patch",
      path: "/ips/{id}",
      operationId: "UpdateIp",
      status: 422,
      input: updateInput,
      expectBody: true,
      title: "PATCH /ips/{id} → 422",
    },
    {
      method: "delete",
      path: "/ips/{id}",
      operationId: "DeleteIp",
      status: 204,
      // The operation re-declares X-Tenant as optional, overriding the path item's required one.
      input: { path: ipPath, query: {}, header: {} },
      expectBody: false,
      title: "DELETE /ips/{id} → 204",
    },
    {
      method: "delete",
      path: "/ips/{id}",
      operationId: "DeleteIp",
      status: 401,
      input: { path: ipPath, query: {}, header: {} },
      expectBody: true,
      title: "DELETE /ips/{id} → 401",
    },
    {
      method: "delete",
      path: "/ips/{id}",
      operationId: "DeleteIp",
      status: 404,
      input: { path: ipPath, query: {}, header: {} },
      expectBody: true,
      title: "DELETE /ips/{id} → 404",
    },
    {
      method: "get",
      path: "/ips/{id}/export",
      operationId: "ExportIp",
      status: 200,
      input: { path: ipPath, query: {}, header: {} },
      // `*/*` without a schema or an example: nothing says what the body is, and Prism sends none.
      expectBody: false,
      title: "GET /ips/{id}/export → 200",
    },
    {
      method: "get",
      path: "/ips",
      operationId: "ListIps",
      status: 200,
      // connection_id from the parameter's example, filter[since] from the first of its examples;
      // the optional page[size] is left out.
      input: {
        path: {},
        query: { connection_id: "1516447646313612565", "filter[since]": "2024-05-01" },
        header: {},
      },
      expectBody: true,
      title: "GET /ips → 200",
    },
    {
      method: "get",
      path: "/ips",
      operationId: "ListIps",
      status: 500,
      responseKey: "5XX",
      input: {
        path: {},
        query: { connection_id: "1516447646313612565", "filter[since]": "2024-05-01" },
        header: {},
      },
      expectBody: true,
      title: "GET /ips → 500 (5XX)",
    },
    {
      method: "post",
      path: "/ips",
      operationId: "CreateIp",
      status: 201,
      input: createInput,
      expectBody: true,
      title: "POST /ips → 201",
    },
    {
      method: "post",
      path: "/ips",
      operationId: "CreateIp",
      status: 422,
      input: createInput,
      expectBody: true,
      title: "POST /ips → 422",
    },
  ];

  it("gives exactly the expected cases, in document order", () => {
    expect(deriveContractCases(spec).cases).toStrictEqual(expected);
  });

  it("makes a case of every range and `default`, so no response of the fixture is left without one", () => {
    expect(deriveContractCases(spec).skipped).toStrictEqual([]);
  });

  describe("the status that stands for a range or `default`", () => {
    const derive = (responses: Record<string, unknown>) =>
      deriveContractCases({
        openapi: "3.1.0",
        info: {},
        paths: { "/t": { get: { operationId: "t", responses } } },
      });
    const asked = (responses: Record<string, unknown>) =>
      derive(responses).cases.map((c) => [c.responseKey ?? String(c.status), c.status]);
    const ok = { description: "ok" };

    it("is a range's lowest status not documented on its own, and never one that carries no body", () => {
      expect(asked({ "400": ok, "4XX": ok })).toEqual([
        ["400", 400],
        ["4XX", 401],
      ]);
      expect(asked({ "200": ok, "201": ok, "202": ok, "203": ok, "2XX": ok })).toEqual([
        ["200", 200],
        ["201", 201],
        ["202", 202],
        ["203", 203],
        ["2XX", 206],
      ]);
    });

    it("is 200 for a `default` that is the operation's only success, else the lowest error status left", () => {
      expect(asked({ default: ok })).toEqual([["default", 200]]);
      expect(asked({ "404": ok, default: ok })).toEqual([
        ["404", 404],
        ["default", 200],
      ]);
      expect(asked({ "200": ok, default: ok })).toEqual([
        ["200", 200],
        ["default", 400],
      ]);
      expect(asked({ "2XX": ok, "400": ok, default: ok })).toEqual([
        ["400", 400],
        ["2XX", 200],
        ["default", 401],
      ]);
      expect(asked({ "200": ok, "4XX": ok, "5XX": ok, default: ok })).toEqual([
        ["200", 200],
        ["4XX", 400],
        ["5XX", 500],
      ]);
    });

    it("is none for a `default` every error status is documented for, a 3XX or a lower-case range: each skipped with why", () => {
      const { skipped } = derive({ "200": ok, "4XX": ok, "5XX": ok, "3XX": ok, "4xx": ok, default: ok });
      expect(skipped.map(({ status, reason }) => [status, reason])).toEqual([
        [
          "3XX",
          "redirect range: fetch follows some of its statuses and not others, so no one status stands for it",
        ],
        ["4xx", "not an HTTP status code (a range's X is upper-case)"],
        ["default", "default response: every status it could stand for is documented otherwise"],
      ]);
    });
  });

  it("replaces the path parameter's documented example, which is not a uuid", () => {
    const get = deriveContractCases(spec).cases[0];
    expect(get?.input.path.id).not.toBe("ip-123");
    expect(get?.input.path.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("is deterministic and leaves the document untouched", () => {
    const before = JSON.stringify(spec);
    const first = deriveContractCases(spec);
    const second = deriveContractCases(structuredClone(spec));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(spec)).toBe(before);
  });

  it("gives each case its own input objects", () => {
    const { cases } = deriveContractCases(spec);
    (cases[4]!.input.body as { port: number }).port = 1;
    expect((cases[5]!.input.body as { port: number }).port).toBe(5060);
  });

  it("makes no case of an informational (1xx) status, which is never a call's result, and says so", () => {
    const responses = { "100": { description: "continue" }, "200": { description: "ok" } };
    const derived = deriveContractCases({
      openapi: "3.1.0",
      info: {},
      paths: { "/status": { get: { operationId: "status", responses } } },
    });
    expect(derived.cases.map((c) => c.status)).toEqual([200]);
    expect(derived.skipped).toEqual([
      {
        method: "get",
        path: "/status",
        operationId: "status",
        status: "100",
        reason: "informational (1xx) status: an interim answer, never a call's result",
        title: "GET /status → 100",
      },
    ]);
  });

  it("makes no case of a 407, which fetch ends as a network error, and asks for no default or range as one", () => {
    // Telstra's messaging documents 400 to 406 and a default: the default's stand-in was 407, and every call
    // of it failed "fetch failed".
    const documented = Object.fromEntries(
      [200, 400, 401, 402, 403, 404, 405, 406].map((status) => [
        String(status),
        { description: String(status) },
      ]),
    );
    const derived = deriveContractCases({
      openapi: "3.1.0",
      info: {},
      paths: {
        "/messages": {
          get: { operationId: "messages", responses: { ...documented, default: { description: "error" } } },
        },
        "/numbers": {
          get: {
            operationId: "numbers",
            responses: { ...documented, "407": { description: "proxy" }, "4XX": { description: "error" } },
          },
        },
      },
    });
    expect(derived.cases.filter((c) => c.responseKey).map((c) => c.title)).toEqual([
      "GET /messages → 408 (default)",
      "GET /numbers → 408 (4XX)",
    ]);
    expect(derived.skipped.map(({ title, reason }) => [title, reason])).toEqual([
      [
        "GET /numbers → 407",
        "407 Proxy Authentication Required: fetch ends the call with a network error, so no client sees it",
      ],
    ]);
  });

  it("sends a required urlencoded form with at least one field, as an empty one is no body on the wire", () => {
    // MineSkin's upload: every field optional, so the least body was `{}`, sent as "", which Prism (like a
    // server) reads as a missing body: 4 of its cases failed.
    const options = {
      type: "object",
      properties: { name: { type: "string" }, visibility: { type: "integer", enum: [0, 1] } },
    };
    const operation = (type: string, schema: object, extra: object = {}) => ({
      post: {
        requestBody: { required: true, content: { [type]: { schema, ...extra } } },
        responses: { "200": { description: "ok" } },
      },
    });
    const derived = deriveContractCases({
      openapi: "3.1.0",
      info: {},
      paths: {
        "/upload": operation("application/x-www-form-urlencoded", {
          allOf: [{ $ref: "#/components/schemas/Options" }, { properties: { file: { type: "string" } } }],
        }),
        // An empty example is passed over for the same reason; a field the form requires is enough alone.
        "/rename": operation("application/x-www-form-urlencoded; charset=utf-8", options, { example: {} }),
        "/tag": operation("application/x-www-form-urlencoded", { ...options, required: ["visibility"] }),
        // JSON's `{}` is a body: it stays the least one.
        "/url": operation("application/json", options),
      },
      components: { schemas: { Options: options } },
    });
    expect(derived.cases.map((c) => [c.path, c.input.body])).toEqual([
      ["/upload", { name: "string" }],
      ["/rename", { name: "string" }],
      ["/tag", { visibility: 0 }],
      ["/url", {}],
    ]);
  });

  it("makes no case of a redirect that declares its Location, which the client follows, and says so", () => {
    // SureVoIP's `GET /customers` answers 302 to the caller's own account; Prism makes a Location up
    // ("string"), the client follows it, and Prism answers 404 for a route it lacks.
    const location = { Location: { schema: { type: "string" } } };
    const responses = {
      "200": { description: "ok" },
      "302": { description: "Found", headers: location },
      "303": { $ref: "#/components/responses/SeeOther" },
      // Without a Location, nothing is followed: the client returns the 3xx itself.
      "307": { description: "Temporary redirect, no Location declared" },
      "304": { description: "Not modified", headers: location },
    };
    const derived = deriveContractCases({
      openapi: "3.1.0",
      info: {},
      paths: { "/customers": { get: { operationId: "customers", responses } } },
      components: {
        responses: { SeeOther: { description: "See other", headers: { location: location.Location } } },
      },
    });
    expect(derived.cases.map((c) => c.status)).toEqual([200, 304, 307]);
    expect(derived.skipped.map(({ status, reason }) => [status, reason])).toEqual(
      ["302", "303"].map((status) => [
        status,
        `redirect (${status}) to the Location it declares: the client follows it, so a call ends where it points, never at this response`,
      ]),
    );
  });

  it("expects no body where the documented example Prism answers with is empty", () => {
    const notFound = (media: object) => ({
      openapi: "3.1.0",
      info: {},
      paths: {
        "/t": {
          get: {
            operationId: "t",
            responses: { "404": { description: "gone", content: { "text/plain": media } } },
          },
        },
      },
    });
    const expectBody = (media: object) => deriveContractCases(notFound(media)).cases[0]!.expectBody;
    expect(expectBody({ examples: { notFound: { value: "" } } })).toBe(false);
    expect(expectBody({ example: "" })).toBe(false);
    expect(expectBody({ examples: { notFound: { value: "Not found" } } })).toBe(true);
    expect(expectBody({ schema: { type: "string" } })).toBe(true);
  });

  /** Whether the case of a 200 with `content` expects a body. */
  const exported = (content: object) =>
    deriveContractCases({
      openapi: "3.1.0",
      info: {},
      paths: { "/t": { get: { operationId: "t", responses: { "200": { description: "ok", content } } } } },
      components: { schemas: { Error: {}, Described: { description: "an error", "x-aws": true } } },
    }).cases[0]!.expectBody;

  it("expects no body where the media type has neither schema nor example: Prism has nothing to send", () => {
    expect(exported({ "*/*": {} })).toBe(false);
    expect(exported({ "audio/mpeg": {}, "audio/wav": {} })).toBe(false);
    // One media type that does say what it sends is enough for a body.
    expect(exported({ "audio/mpeg": {}, "application/json": { schema: { type: "object" } } })).toBe(true);
    expect(exported({ "text/plain": { example: "ok" } })).toBe(true);
    // An Example Object without its value (Clubhouse's `examples: { jsonObject: {} }`) is no example; with a
    // schema beside it, Prism answers from the schema.
    expect(exported({ "application/json": { examples: { jsonObject: {} } } })).toBe(false);
    expect(
      exported({
        "application/json": { examples: { jsonObject: { summary: "none" } }, schema: { type: "object" } },
      }),
    ).toBe(true);
  });

  it("expects no body where a text type's or */*'s schema says nothing (AWS's XML errors): Prism's value is null, no text", () => {
    expect(exported({ "text/xml": { schema: {} } })).toBe(false);
    // `*/*` is served as text: Clever Cloud's `{}` default responses are answered with no text.
    expect(exported({ "*/*": { schema: {} } })).toBe(false);
    expect(exported({ "*/*": { schema: { type: "object" } } })).toBe(true);
    expect(exported({ "text/plain": { schema: { $ref: "#/components/schemas/Described" } } })).toBe(false);
    // JSON's null is a body; a text type's schema that says what it is, or an example, is one too.
    expect(exported({ "application/json": { schema: { $ref: "#/components/schemas/Error" } } })).toBe(true);
    expect(exported({ "text/xml": { schema: { type: "object" } } })).toBe(true);
    expect(exported({ "text/plain": { schema: {}, examples: { a: { value: "ok" } } } })).toBe(true);
  });

  it("returns nothing for a document without paths", () => {
    expect(deriveContractCases({ openapi: "3.1.0", info: {} })).toEqual({ cases: [], skipped: [] });
  });

  it("leaves out of a request example the properties its schema marks readOnly (Jira's components)", () => {
    const component = {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        isAssigneeTypeValid: { type: "boolean", readOnly: true },
        lead: { $ref: "#/components/schemas/User" },
        members: { type: "array", items: { $ref: "#/components/schemas/User" } },
      },
    };
    const spec = {
      openapi: "3.0.3",
      info: {},
      paths: {
        "/component": {
          post: {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: { allOf: [{ $ref: "#/components/schemas/Component" }] },
                  example: {
                    name: "Component 1",
                    isAssigneeTypeValid: false,
                    lead: { accountId: "5b10", self: "https://x/1" },
                    members: [{ accountId: "5b11", self: "https://x/2" }],
                  },
                },
              },
            },
            responses: { "201": { description: "created" } },
          },
        },
      },
      components: {
        schemas: {
          Component: component,
          User: {
            type: "object",
            properties: { accountId: { type: "string" }, self: { $ref: "#/components/schemas/Self" } },
          },
          Self: { type: "string", readOnly: true },
        },
      },
    };
    // Before, the example as written: Prism reads a request's schema without readOnly properties, and the
    // `additionalProperties: false` beside them refused the body.
    expect(deriveContractCases(spec).cases[0]!.input.body).toEqual({
      name: "Component 1",
      lead: { accountId: "5b10" },
      members: [{ accountId: "5b11" }],
    });
  });

  it("fills an undeclared path template variable and skips client-managed headers", () => {
    const { cases } = deriveContractCases({
      paths: {
        "/accounts/{account}/calls": {
          get: {
            parameters: [
              { name: "Accept", in: "header", required: true, schema: { type: "string" } },
              { name: "content-type", in: "header", required: true, schema: { type: "string" } },
              { name: "X-Page", in: "header", required: false, schema: { type: "integer" } },
            ],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    });
    expect(cases).toEqual([
      {
        method: "get",
        path: "/accounts/{account}/calls",
        status: 200,
        input: { path: { account: "string" }, query: {}, header: {} },
        expectBody: false,
        title: "GET /accounts/{account}/calls → 200",
      },
    ]);
    expect(cases[0]).not.toHaveProperty("operationId");
  });

  it("sends no empty value where the parameter allows none (VTEX's required `keyword`, AWS's `.*`)", () => {
    const empty = { type: "string", example: "" };
    const { cases } = deriveContractCases({
      paths: {
        "/search/{scope}": {
          get: {
            parameters: [
              { name: "scope", in: "path", required: true, schema: { type: "string" }, example: "" },
              { name: "keyword", in: "query", required: true, schema: empty },
              { name: "page", in: "query", required: true, schema: { ...empty, default: "" }, example: "" },
              { name: "tag", in: "query", required: true, allowEmptyValue: true, schema: empty },
              { name: "only", in: "query", required: true, schema: { type: "string", enum: [""] } },
              // AWS's: any text, whose shortest is none.
              { name: "Record", in: "query", required: true, schema: { type: "string", pattern: ".*" } },
              { name: "X-Key", in: "header", required: true, schema: { $ref: "#/components/schemas/Empty" } },
            ],
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components: { schemas: { Empty: empty } },
    });
    // Prism reads `?keyword=` as the parameter missing (422); OpenAPI allows it only with `allowEmptyValue`.
    // A schema whose only value is empty keeps it: there is no other.
    expect(cases[0]?.input).toEqual({
      path: { scope: "string" },
      query: { keyword: "string", page: "string", tag: "", only: "", Record: expect.stringMatching(/^.+$/) },
      header: { "X-Key": "string" },
    });
  });

  it("gives a parameter's oneOf a value exactly one alternative accepts as text, as the server reads it (PeerTube's id, uuid or short uuid)", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const idOrUuid = { oneOf: [ref("Id"), ref("Uuid"), ref("ShortUuid")] };
    const spec = {
      paths: {
        "/videos/{id}": {
          get: {
            parameters: [
              { name: "id", in: "path", required: true, schema: idOrUuid },
              { name: "after", in: "query", required: true, schema: idOrUuid },
            ],
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components: {
        schemas: {
          Id: { type: "integer", minimum: 1, example: 42 },
          Uuid: { type: "string", format: "uuid", example: "9c9de5e8-0a1e-484a-b099-e80766180a6d" },
          ShortUuid: { type: "string", example: "2y84q2MQUMWPbiEcxNXMgC" },
        },
      },
    };
    // As text, "42" is an integer and a short uuid, and a uuid is a short uuid too: neither is a value of the
    // oneOf. The short uuid is no integer and no uuid.
    expect(deriveContractCases(spec).cases[0]?.input).toEqual({
      path: { id: "2y84q2MQUMWPbiEcxNXMgC" },
      query: { after: "2y84q2MQUMWPbiEcxNXMgC" },
      header: {},
    });
    // In a JSON body, 42 is one: a number is no string.
    expect(sampleFromSchema(idOrUuid, spec)).toBe(42);
    // A parameter's own example is taken as text too: `42` is passed over for the schema's one value.
    const exampled = structuredClone(spec);
    Object.assign(exampled.paths["/videos/{id}"].get.parameters[0]!, { example: 42 });
    expect(deriveContractCases(exampled).cases[0]?.input.path).toEqual({ id: "2y84q2MQUMWPbiEcxNXMgC" });
    // Where it is one as text, it is sent (another short uuid).
    Object.assign(exampled.paths["/videos/{id}"].get.parameters[0]!, { example: "3y84q2MQUMWPbiEcxNXMgD" });
    expect(deriveContractCases(exampled).cases[0]?.input.path).toEqual({ id: "3y84q2MQUMWPbiEcxNXMgD" });
  });

  it("refuses external $refs instead of guessing", () => {
    const external = {
      paths: {
        "/x/{id}": {
          get: { parameters: [{ $ref: "other.yaml#/Id" }], responses: { "200": { description: "" } } },
        },
      },
    };
    expect(() => deriveContractCases(external)).toThrow(/external \$ref "other.yaml#\/Id"/);
  });
});

describe("methodFor", () => {
  it("finds the method of a case whose path the spec keeps apart by a #fragment, by the row's specPath", () => {
    const ok = { "200": { description: "ok" } };
    const { cases } = deriveContractCases({
      paths: {
        "/files/{id}": { get: { responses: ok } },
        "/files/{id}#add_shared_link": { put: { responses: ok } },
        "/files/{id}#update_file": { put: { responses: ok } },
      },
    });
    // As generated: the rows are sent without the fragment, and keep the spec's key.
    const endpoints = {
      getFile: ["GET", "/files/{id}"],
      addSharedLink: ["PUT", "/files/{id}", { specPath: "/files/{id}#add_shared_link" }],
      updateFile: ["PUT", "/files/{id}", { specPath: "/files/{id}#update_file" }],
    } as const;
    expect(cases.map((c) => methodFor(endpoints, c))).toEqual(["getFile", "addSharedLink", "updateFile"]);
  });
});

describe("sampleFromSchema", () => {
  const spec = {
    components: {
      schemas: {
        Node: {
          type: "object",
          required: ["value", "next"],
          properties: { value: { type: "integer" }, next: { $ref: "#/components/schemas/Node" } },
        },
        Named: {
          type: "object",
          required: ["name"],
          properties: { name: { type: "string", example: "Ada" } },
        },
      },
    },
  };
  const sample = (schema: object) => sampleFromSchema(schema, spec);

  it("uses a conforming example, default, enum or const, in that order", () => {
    expect(sample({ type: "string", example: "ex", default: "def" })).toBe("ex");
    expect(sample({ type: "string", examples: ["first", "second"] })).toBe("first");
    expect(sample({ type: "integer", default: 7 })).toBe(7);
    expect(sample({ type: "string", enum: ["b", "a"] })).toBe("b");
    expect(sample({ const: "fixed" })).toBe("fixed");
    // Swagger's vendor example, as Prism reads it, where it fits (Appwrite's arrays give "": it does not).
    expect(sample({ type: "string", "x-example": "5e5ea5c16897e" })).toBe("5e5ea5c16897e");
    expect(sample({ type: "array", items: { type: "string" }, "x-example": "" })).toEqual(["string"]);
  });

  it("ignores examples that break their own schema", () => {
    expect(sample({ type: "string", format: "uuid", example: "not-a-uuid" })).toBe(UUID);
    expect(sample({ type: "integer", minimum: 10, example: 3 })).toBe(10);
    expect(sample({ type: "string", enum: ["x", "y"], example: "z" })).toBe("x");
  });

  it("takes the first listed value that fits, and a listed value where none does", () => {
    // Twitter's reply settings: the first value is longer than the pattern allows, a later one fits.
    const replies = { type: "string", enum: ["mentionedUsers", "following"], pattern: "^[A-Za-z]{1,12}$" };
    expect(sample(replies)).toBe("following");
    // Adyen's gender: no listed value fits `maxLength: 1`. A made-up "s" would break the enum instead; the
    // listed value is what the API knows, and the contract check names the contradiction.
    expect(sample({ type: "string", enum: ["MALE", "FEMALE"], maxLength: 1 })).toBe("MALE");
  });

  it("samples a tuple (`prefixItems`) place by place, then `items` up to `minItems`", () => {
    const point = { type: "array", prefixItems: [{ type: "number" }, { type: "number" }], items: false };
    // Before: ["string"], which the tuple's own schema refuses.
    expect(sample(point)).toEqual([1, 1]);
    expect(
      sample({
        type: "array",
        prefixItems: [{ type: "string", format: "uuid" }],
        items: { type: "integer" },
        minItems: 3,
      }),
    ).toEqual([UUID, 1, 1]);
  });

  it("synthesises formats", () => {
    expect(sample({ type: "string", format: "uuid" })).toBe(UUID);
    expect(sample({ type: "string", format: "date-time" })).toBe("2024-01-01T00:00:00Z");
    expect(sample({ type: "string", format: "date" })).toBe("2024-01-01");
    expect(sample({ type: "string", format: "email" })).toBe("user@example.com");
    expect(sample({ type: "string", format: "uri" })).toBe("https://example.com");
    expect(sample({ type: "string" })).toBe("string");
    // Of the length the schema sets (UniCourt's 25 characters, Telstra's 24), its zone as the schema allows.
    const stamp = (length: number) => ({
      type: "string",
      format: "date-time",
      minLength: length,
      maxLength: length,
    });
    expect(sample(stamp(25))).toBe("2024-01-01T00:00:00.1234Z");
    expect(sample(stamp(24))).toBe("2024-01-01T00:00:00.123Z");
    expect(sample({ type: "string", format: "time", minLength: 12 })).toBe("00:00:00.12Z");
    expect(sample({ type: "string", minLength: 10, maxLength: 12 })).toBe("stringxxxx");
    expect(sample({ type: "string", maxLength: 2 })).toBe("st");
  });

  it("writes a pattern's value as long as its minLength asks", () => {
    // lgtm's analysis ids: a run of hex digits, 40 of them; its shortest match is one.
    const id = sample({ type: "string", pattern: "[a-f0-9]+", minLength: 40, maxLength: 40 }) as string;
    expect(id).toMatch(/^[a-f0-9]{40}$/);
    // AWS's ARNs: several repetitions, at least 20 characters.
    const arn = "^arn:aws:[a-z]+:[a-z0-9-]*:\\d{12}:[a-zA-Z0-9-_/:.]+$";
    expect(sample({ type: "string", pattern: arn, minLength: 20 })).toMatch(
      /^arn:aws:[a-z]+:[a-z0-9-]*:\d{12}:.+$/,
    );
    expect((sample({ type: "string", pattern: arn, minLength: 20 }) as string).length).toBeGreaterThanOrEqual(
      20,
    );
    // Nothing to repeat, but nothing after the match is ruled out (AWS GameSparks's ARNs: 19 characters
    // beside `minLength: 20`): padded.
    expect(sample({ type: "string", pattern: "^arn:aws:gamesparks:", minLength: 20, maxLength: 2048 })).toBe(
      "arn:aws:gamesparks:x",
    );
    // No value of the pattern fits: the plain string, as before.
    expect(sample({ type: "string", pattern: "^[a-f]{2}$", minLength: 3 })).toBe("string");
  });

  it("fills a map that must hold entries with keys it allows", () => {
    // AWS AppConfig's extension actions: at least one list, keyed by any name.
    const actions = {
      type: "object",
      minProperties: 1,
      additionalProperties: { type: "array", minItems: 1, items: { type: "string", example: "notify" } },
    };
    expect(sample(actions)).toEqual({ key1: ["notify"] });
    // Keys of a pattern, then names `propertyNames` accepts.
    expect(
      sample({ type: "object", minProperties: 2, patternProperties: { "^x-[a-z]+$": { type: "integer" } } }),
    ).toEqual({ "x-a": 1, key1: "string" });
    expect(
      sample({
        type: "object",
        minProperties: 1,
        propertyNames: { enum: ["PRE_START", "ON_START"] },
        additionalProperties: { type: "boolean" },
      }),
    ).toEqual({ PRE_START: true });
    // Declared properties first; none beyond them where the map is closed.
    const closed = {
      type: "object",
      minProperties: 2,
      additionalProperties: false,
      properties: { a: { type: "integer" } },
    };
    expect(sample(closed)).toEqual({ a: 1 });
  });

  it("gives an array's items what every allOf part says of them (NPR's tracking documents came out as {})", () => {
    const tracked = {
      allOf: [
        {
          type: "object",
          required: ["items"],
          properties: { items: { type: "array", items: { type: "object" } } },
        },
        {
          properties: {
            items: {
              type: "array",
              items: { type: "object", required: ["adId"], properties: { adId: { type: "string" } } },
            },
          },
        },
      ],
    };
    expect(sample(tracked)).toEqual({ items: [{ adId: "string" }] });
    // A map's values likewise.
    const tagged = {
      allOf: [
        { type: "object", additionalProperties: { type: "object" }, minProperties: 1 },
        {
          additionalProperties: { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
        },
      ],
    };
    expect(sample(tagged)).toEqual({ key1: { id: 1 } });
  });

  it("respects numeric bounds", () => {
    expect(sample({ type: "integer" })).toBe(1);
    expect(sample({ type: "integer", minimum: 5 })).toBe(5);
    expect(sample({ type: "integer", minimum: 5, exclusiveMinimum: true })).toBe(6);
    expect(sample({ type: "integer", exclusiveMinimum: 0 })).toBe(1);
    expect(sample({ type: "number", minimum: 0.25 })).toBe(0.25);
    expect(sample({ type: "integer", maximum: -3 })).toBe(-3);
    expect(sample({ type: "integer", minimum: 3, multipleOf: 5 })).toBe(5);
    expect(sample({ type: "boolean" })).toBe(true);
  });

  it("takes the non-null member of a type array, and the first non-null alternative", () => {
    expect(sample({ type: ["null", "string"] })).toBe("string");
    expect(sample({ type: ["integer", "null"], minimum: 2 })).toBe(2);
    expect(sample({ type: "null" })).toBeNull();
    expect(sample({ oneOf: [{ type: "null" }, { type: "integer", minimum: 4 }] })).toBe(4);
    expect(sample({ anyOf: [{ $ref: "#/components/schemas/Named" }, { type: "string" }] })).toEqual({
      name: "Ada",
    });
  });

  it("gives a oneOf a value exactly one alternative accepts, where one has such a value", () => {
    // The first shape's value `{number: "string"}` is also the second's (whose properties are all optional),
    // and a oneOf refuses a value two alternatives accept: the second's `{}` is the first exclusive one.
    const byNumber = { type: "object", required: ["number"], properties: { number: { type: "string" } } };
    const byDefault = { type: "object", properties: { number: { type: "string" } } };
    expect(sample({ oneOf: [byNumber, byDefault] })).toEqual({});
    expect(sample({ anyOf: [byNumber, byDefault] })).toEqual({ number: "string" });
    // 3 is also a number; 1 is a number and no integer of at least 3.
    expect(sample({ oneOf: [{ type: "integer", minimum: 3 }, { type: "number" }] })).toBe(1);
    // Where every alternative's value is also another's, the first alternative's, as before; a null that
    // no other alternative accepts is then the one value the oneOf accepts.
    expect(sample({ oneOf: [byDefault, { type: "object" }] })).toEqual({});
    expect(sample({ oneOf: [{ type: "null" }, byDefault, { type: "object" }] })).toBeNull();
  });

  it("takes a value both allOf parts list (GitHub's dismissed alert's state)", () => {
    const state = {
      allOf: [
        { type: "string", enum: ["open", "dismissed", "fixed"] },
        { type: "string", enum: ["dismissed"] },
      ],
    };
    expect(sample(state)).toBe("dismissed");
    // As properties of two parts of an object, too.
    const alert = {
      allOf: [
        { type: "object", required: ["state"], properties: { state: state.allOf[0] } },
        { type: "object", properties: { state: state.allOf[1] } },
      ],
    };
    expect(sample(alert)).toEqual({ state: "dismissed" });
    expect(conforms(sample(alert), alert, spec)).toBe(true);
  });

  it("gives a oneOf inside a typed schema the alternative of that type (GitHub's created_at)", () => {
    // `allOf` of the repository's `created_at` (an integer or a date-time) and the fork event's (a string).
    const createdAt = {
      allOf: [{ oneOf: [{ type: "integer" }, { type: "string", format: "date-time" }] }, { type: "string" }],
    };
    expect(sample(createdAt)).toBe("2024-01-01T00:00:00Z");
    expect(conforms(sample(createdAt), createdAt, spec)).toBe(true);
    // An integer where a number is asked fits; a type the schema refuses is taken only where none fits.
    expect(sample({ type: "number", oneOf: [{ type: "string" }, { type: "integer", minimum: 2 }] })).toBe(2);
    expect(sample({ type: "boolean", oneOf: [{ type: "string" }] })).toBe(true);
  });

  it("gives a discriminated oneOf's value the discriminator's value of its alternative, which tells it apart (Scalar's galaxy)", () => {
    const bodies = {
      components: {
        schemas: {
          Planet: {
            type: "object",
            required: ["name"],
            properties: {
              name: { type: "string" },
              type: { type: "string", enum: ["terrestrial", "gas_giant"] },
            },
          },
          Satellite: {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, type: { type: "string", enum: ["moon", "comet"] } },
          },
          "Space~Probe": {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, kind: { type: "string" } },
          },
        },
      },
    };
    const planet = { $ref: "#/components/schemas/Planet" };
    const satellite = { $ref: "#/components/schemas/Satellite" };
    const mapping = { gas_giant: planet.$ref, terrestrial: planet.$ref, moon: satellite.$ref };
    // Before, `{name: "string"}`, which both alternatives accept, and a oneOf refuses (Prism's 422).
    expect(
      sampleFromSchema(
        { oneOf: [planet, satellite], discriminator: { propertyName: "type", mapping } },
        bodies,
      ),
    ).toEqual({ name: "string", type: "gas_giant" });
    // Without a mapping entry, the component's name (OpenAPI's implicit mapping), unescaped.
    const probe = { $ref: "#/components/schemas/Space~0Probe" };
    expect(
      sampleFromSchema({ oneOf: [probe, planet], discriminator: { propertyName: "kind" } }, bodies),
    ).toEqual({ name: "string", kind: "Space~Probe" });
    // A key the alternative's own property refuses is not written (a mapping that spells its enum otherwise).
    const shouting = { GAS_GIANT: planet.$ref, MOON: satellite.$ref };
    expect(
      sampleFromSchema(
        { oneOf: [planet, satellite], discriminator: { propertyName: "type", mapping: shouting } },
        bodies,
      ),
    ).toEqual({ name: "string" });
  });

  it("merges allOf parts, resolving $refs", () => {
    const schema = {
      allOf: [
        { $ref: "#/components/schemas/Named" },
        { type: "object", required: ["age"], properties: { age: { type: "integer", minimum: 18 } } },
      ],
    };
    expect(sample(schema)).toEqual({ name: "Ada", age: 18 });
  });

  it("builds objects from required properties only, and arrays with one item", () => {
    expect(
      sample({
        type: "object",
        required: ["tags"],
        properties: { optional: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
      }),
    ).toEqual({ tags: ["string"] });
    expect(sample({ type: "array", items: { type: "integer" }, minItems: 2 })).toEqual([1, 1]);
    expect(sample({ type: "array", items: { type: "integer" }, maxItems: 0 })).toEqual([]);
  });

  it("stops at recursive references instead of looping", () => {
    expect(sample({ $ref: "#/components/schemas/Node" })).toEqual({ value: 1 });
  });

  it("leaves out an optional recursive array that may not be empty, where an empty one would break its schema", () => {
    const senses = {
      components: {
        schemas: {
          Sense: {
            type: "object",
            properties: {
              text: { type: "string" },
              subsenses: { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Sense" } },
              notes: { type: "array", items: { $ref: "#/components/schemas/Sense" } },
            },
          },
        },
      },
    };
    const value = sampleFromSchema({ $ref: "#/components/schemas/Sense" }, senses, {
      direction: "response",
      properties: "all",
    });
    expect(value).toEqual({ text: "string", notes: [] });
    expect(conforms(value, { $ref: "#/components/schemas/Sense" }, senses)).toBe(true);
  });

  it("leaves out readOnly properties for requests and writeOnly ones for responses", () => {
    const schema = {
      type: "object",
      required: ["id", "secret"],
      properties: { id: { type: "string", readOnly: true }, secret: { type: "string", writeOnly: true } },
    };
    expect(sampleFromSchema(schema, spec)).toEqual({ secret: "string" });
    expect(sampleFromSchema(schema, spec, { direction: "response" })).toEqual({ id: "string" });
  });

  it("does not hand out the document's own objects", () => {
    const local = { components: { schemas: { A: { type: "object", example: { nested: { n: 1 } } } } } };
    const value = sampleFromSchema({ $ref: "#/components/schemas/A" }, local) as { nested: { n: number } };
    value.nested.n = 2;
    expect(local.components.schemas.A.example.nested.n).toBe(1);
  });
});

describe("pathCredentialValues", () => {
  const accountSid = {
    name: "AccountSid",
    in: "path",
    required: true,
    schema: { type: "string", pattern: "^AC[0-9a-f]{32}$", example: "AC0123456789abcdef0123456789abcdef" },
  };
  const accountId = {
    name: "accountId",
    in: "path",
    required: true,
    schema: { type: "integer", example: 1234 },
  };
  const spec = {
    openapi: "3.0.3",
    paths: {
      "/Accounts/{AccountSid}/Calls.json": {
        parameters: [accountSid],
        get: { responses: { "200": { description: "ok" } } },
      },
      "/accounts/{accountId}/calls": {
        parameters: [accountId],
        get: { responses: { "200": { description: "ok" } } },
      },
    },
  };
  const exampleOf = (c: ContractCase) => c.input.path;

  it("gives a credential named as the parameter it fills a value of its schema, never the path example", () => {
    const values = pathCredentialValues(spec, { AccountSid: "accountSid" });
    expect(Object.keys(values)).toEqual(["accountSid"]);
    expect(values.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    const { cases } = deriveContractCases(spec);
    expect(cases.map(exampleOf)).toContainEqual({ AccountSid: accountSid.schema.example });
    expect(values.accountSid).not.toBe(accountSid.schema.example);
  });

  it("gives any other credential a made-up value, so a fill its schema contradicts fails against the mock", () => {
    // A basic-auth username filled into a numeric account id: the path gets "test-username", which Prism
    // refuses (422), where the old value (the parameter's own example) passed.
    expect(pathCredentialValues(spec, { accountId: "username" })).toEqual({ username: "test-username" });
    expect(pathCredentialValues(spec, { AccountSid: "username" })).toEqual({ username: "test-username" });
    expect(pathCredentialValues(spec, { Missing: "missing" })).toEqual({ missing: "test-missing" });
  });

  it("are the environment variables of every credential, the filled ones valid for their path (npm start's)", () => {
    const definition = {
      credentials: { accountSid: { env: "CALLBOX_ACCOUNT_SID" }, authToken: { env: "CALLBOX_AUTH_TOKEN" } },
      pathCredentials: { AccountSid: "accountSid" },
    };
    const env = placeholderCredentialEnv(definition, spec, "demo");
    expect(Object.keys(env)).toEqual(["CALLBOX_ACCOUNT_SID", "CALLBOX_AUTH_TOKEN"]);
    expect(env.CALLBOX_ACCOUNT_SID).toMatch(/^AC[0-9a-f]{32}$/);
    expect(env.CALLBOX_AUTH_TOKEN).toBe("demo-authToken");
    // The contract cases are not the spec: `npm start` passed them, and every filled value was made up.
    // @ts-expect-error
    expect(placeholderCredentialEnv(definition, deriveContractCases(spec).cases).CALLBOX_ACCOUNT_SID).toBe(
      "test-accountSid",
    );
  });
});
