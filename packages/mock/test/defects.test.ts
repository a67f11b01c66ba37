/**
 * Contract failures that are the provider's fault say so: a Prism answer built from the spec's own example
 * that breaks the spec's own schema is reported in the response (not "in the request"), as a spec defect
 * with the example's pointer and overlay actions that fix it; answering from the schema is the other way.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CallResult,
  checkOutcome,
  deriveContractCases,
  describeDefect,
  type MockServer,
  type OverlayAction,
  preferHeader,
  type SpecDefect,
  startMock,
} from "../src/index.js";
import { caseUrl, fixture, sendCase, writeSpec } from "./support/helpers.js";

// openapi-format's types need a package it does not install; the overlay engine codegen applies is the point.
const { openapiOverlay } = createRequire(import.meta.url)("openapi-format") as {
  openapiOverlay(
    doc: object,
    options: { overlaySet: object },
  ): Promise<{ data: object; resultData: { unusedActions: unknown[] } }>;
};

const spec = load(readFileSync(fixture("example-defects.yaml"), "utf8")) as object;
const { cases } = deriveContractCases(spec);
const byTitle = (title: string) => cases.find((c) => c.title === title)!;

let server: MockServer;
beforeAll(async () => {
  server = await startMock({ spec: fixture("example-defects.yaml") });
});
afterAll(async () => {
  await server?.stop();
});

async function call(title: string, options: { fromSchema?: boolean } = {}): Promise<CallResult> {
  const c = byTitle(title);
  const response = await fetch(caseUrl(server.url, c), {
    headers: { Prefer: preferHeader(c.status, options) },
  });
  return { data: await response.json(), response };
}

const fixes = (defects: SpecDefect[]) => defects.map((d) => d.fix);

describe("a spec whose examples break its own schemas", () => {
  it("names the response, the field and the media type's example, with the overlay that corrects or drops it", async () => {
    const c = byTitle("GET /calls/{sid} → 200");
    const outcome = checkOutcome(c, await call(c.title), spec);
    expect(outcome.defects).toEqual([
      {
        case: "GET /calls/{sid} → 200",
        location: "response 200 (application/json) body field `uri`",
        message: 'Response body property uri must match format "uri"',
        pointer: "#/paths/~1calls~1{sid}/get/responses/200/content/application~1json/example/uri",
        fix: {
          correct: {
            target: "$.paths['/calls/{sid}'].get.responses['200'].content['application/json'].example.uri",
            description:
              'the spec\'s own example breaks its schema at response 200 (application/json) body field `uri`: Response body property uri must match format "uri"',
            update: "https://example.com",
          },
          drop: {
            target: "$.paths['/calls/{sid}'].get.responses['200'].content['application/json'].example",
            description:
              'the spec\'s own example breaks its schema at response 200 (application/json) body field `uri`: Response body property uri must match format "uri"; without it the mock answers from the schema',
            remove: true,
          },
        },
      },
    ]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatch(
      /^spec defect in response 200 \(application\/json\) body field `uri`/,
    );
    expect(outcome.problems[0]).not.toContain("in the request");
  });

  it("follows a named example's $ref, and a property's own example when Prism builds the answer from the schema", async () => {
    const message = checkOutcome(
      byTitle("GET /messages/{sid} → 200"),
      await call("GET /messages/{sid} → 200"),
      spec,
    );
    expect(message.defects.map((d) => [d.location, d.pointer])).toEqual([
      ["response 200 (application/json) body field `sid`", "#/components/examples/SentMessage/value/sid"],
    ]);
    expect(fixes(message.defects)[0]?.correct).toMatchObject({
      target: "$.components.examples.SentMessage.value.sid",
      update: "SM0000",
    });
    const recordings = checkOutcome(
      byTitle("GET /recordings → 200"),
      await call("GET /recordings → 200"),
      spec,
    );
    expect(recordings.defects.map((d) => [d.location, d.pointer])).toEqual([
      [
        "response 200 (application/json) body field `data[0].id`",
        "#/components/schemas/Recording/properties/id/example",
      ],
      [
        "response 200 (application/json) body field `data[0].tags`",
        "#/components/schemas/Recording/properties/tags/x-example",
      ],
    ]);
    expect(fixes(recordings.defects)[0]).toMatchObject({
      correct: {
        target: "$.components.schemas.Recording.properties.id.example",
        update: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
      },
      drop: { target: "$.components.schemas.Recording.properties.id.example", remove: true },
    });
    expect(fixes(recordings.defects)[1]).toMatchObject({
      correct: { target: "$.components.schemas.Recording.properties.tags['x-example']", update: ["string"] },
      drop: { target: "$.components.schemas.Recording.properties.tags['x-example']", remove: true },
    });
  });

  it("without the spec, still names the response as where the violation is", async () => {
    const outcome = checkOutcome(byTitle("GET /calls/{sid} → 200"), await call("GET /calls/{sid} → 200"));
    expect(outcome.defects).toEqual([]);
    expect(outcome.problems).toEqual([
      "the mock's response 200 breaks the spec's own schema at body.uri: Response body property uri must match format \"uri\" " +
        "(a spec defect: pass the spec to checkOutcome for the example's pointer and the overlay that fixes it)",
    ]);
  });

  it("answers from the schema when asked, with no violation", async () => {
    for (const c of cases) {
      const outcome = checkOutcome(c, await call(c.title, { fromSchema: true }), spec);
      expect(outcome.problems, c.title).toEqual([]);
    }
  });

  it("the printed overlay actions, applied, leave a spec whose examples fit: correcting, or dropping", async () => {
    const defects: SpecDefect[] = [];
    for (const c of cases) defects.push(...checkOutcome(c, await call(c.title), spec).defects);
    expect(defects).toHaveLength(4);
    for (const which of ["correct", "drop"] as const) {
      const actions = defects.map((d) => d.fix![which] ?? d.fix!.drop);
      const { data, resultData } = await openapiOverlay(structuredClone(spec), {
        overlaySet: { overlay: "1.0.0", info: { title: "fixes", version: "1" }, actions },
      });
      expect(resultData.unusedActions, which).toEqual([]);
      const fixed = await startMock({ spec: writeSpec(data) });
      try {
        for (const c of deriveContractCases(data).cases) {
          const response = await fetch(caseUrl(fixed.url, c), {
            headers: { Prefer: preferHeader(c.status) },
          });
          const outcome = checkOutcome(c, { data: await response.json(), response }, data);
          expect(outcome.defects, `${which}: ${c.title}`).toEqual([]);
          // Corrected examples leave nothing; without them Prism writes values of its own, some of which
          // ignore a pattern: reported as the mock's, not as a spec defect.
          if (which === "correct") expect(outcome.problems, c.title).toEqual([]);
        }
      } finally {
        await fixed.stop();
      }
    }
  });
});

describe("values the spec gives itself deeper down", () => {
  const own = load(readFileSync(fixture("own-values.yaml"), "utf8")) as object;
  const ownCases = deriveContractCases(own).cases;
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ spec: fixture("own-values.yaml") });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it.each([
    [
      "GET /direct → 200",
      "#/paths/~1direct/get/responses/200/content/application~1json/schema/properties/flag/example",
    ],
    [
      "GET /nested → 200",
      "#/paths/~1nested/get/responses/200/content/application~1json/schema/additionalProperties/properties/flag/example",
    ],
    [
      "GET /default → 200",
      "#/paths/~1default/get/responses/200/content/application~1json/schema/properties/area/default",
    ],
    [
      "GET /default-above → 200",
      // Each string of the default breaks the inner list's type: a defect each, dropped by one action.
      [0, 1].map(
        (i) =>
          `#/paths/~1default-above/get/responses/200/content/application~1json/schema/properties/scopes/default/${i}`,
      ),
    ],
    [
      "GET /default-shallowest → 200",
      "#/paths/~1default-shallowest/get/responses/200/content/application~1json/schema/default/limits/max",
    ],
    [
      "GET /assets → 200",
      "#/paths/~1assets/get/responses/200/content/application~1json/schema/properties/items/items/allOf/1/example/files/0/locale",
    ],
    [
      "GET /pages → 200",
      "#/paths/~1pages/get/responses/200/content/application~1json/schema/allOf/1/examples/0",
    ],
    ["GET /account → 200", "#/components/schemas/Account/examples/0"],
    [
      "GET /lists → 200",
      "#/paths/~1lists/get/responses/200/content/application~1json/schema/oneOf/0/items/properties/events/examples/0",
    ],
    [
      "GET /schema-example → 200",
      "#/paths/~1schema-example/get/responses/200/content/application~1json/schema/example/count",
    ],
  ])(
    "%s: a value of the spec (an example in a map's values or an allOf's part, JSON Schema's examples, the response schema's own example, a default, its own or one above it) is its defect, not Prism's",
    async (title, pointer) => {
      const c = ownCases.find((x) => x.title === title)!;
      const response = await fetch(caseUrl(mock.url, c), { headers: { Prefer: preferHeader(c.status) } });
      const outcome = checkOutcome(c, { data: await response.json(), response }, own);
      expect(outcome.defects.map((d) => d.pointer)).toEqual([pointer].flat());
      expect(new Set(outcome.defects.map((d) => d.fix?.drop?.target)).size).toBe(1);
    },
  );

  it("one example that breaks two places of the answer (Nexmo's `price` and `total_price`) is one defect, and neither place is called made up", async () => {
    const c = ownCases.find((x) => x.title === "GET /prices → 200")!;
    const response = await fetch(caseUrl(mock.url, c), { headers: { Prefer: preferHeader(c.status) } });
    const outcome = checkOutcome(c, { data: await response.json(), response }, own);
    expect(outcome.defects.map((d) => d.pointer)).toEqual(["#/components/schemas/Price/example"]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems.join("\n")).not.toContain("made it up");
  });

  it("an anyOf that fails only because a broken example inside it breaks its alternative (Nexmo's reports) is that defect, not a value made up", async () => {
    const c = ownCases.find((x) => x.title === "GET /reports → 200")!;
    const response = await fetch(caseUrl(mock.url, c), { headers: { Prefer: preferHeader(c.status) } });
    const outcome = checkOutcome(c, { data: await response.json(), response }, own);
    expect(outcome.defects.map((d) => d.pointer)).toEqual([
      "#/components/schemas/SmsReport/properties/date_end/example",
    ]);
    expect(outcome.problems.join("\n")).not.toContain("made it up");
    expect(outcome.problems).toHaveLength(1);
  });
});

describe("an anyOf whose alternative an answer was built from holds a broken example", () => {
  // ExaVault's included records: an `anyOf` of an account, whose branding example is no string, and a resource.
  // Prism reports the anyOf failing, the example's violation, and the resource's own mismatch (its `type`); the
  // last was blamed on a value "Prism made up", and the case failed as the mock's.
  const records = {
    openapi: "3.0.3",
    info: { title: "Records", version: "1" },
    paths: {
      "/records": {
        get: {
          operationId: "getRecord",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      record: {
                        anyOf: [
                          { $ref: "#/components/schemas/Account" },
                          { $ref: "#/components/schemas/Resource" },
                        ],
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Account: {
          type: "object",
          required: ["type"],
          properties: {
            type: { type: "string", enum: ["account"] },
            branding: {
              type: "object",
              properties: { companyName: { type: "string", example: 42 } },
            },
          },
        },
        Resource: {
          type: "object",
          required: ["type"],
          properties: { type: { type: "string", enum: ["resource"] } },
        },
      },
    },
  };
  const at = (...field: string[]) => ["response", "body", ...field];
  const violations = (typeMessage: string) => [
    {
      location: at("record", "branding", "companyName"),
      message: "Response body property record.branding.companyName must be string",
    },
    { location: at("record", "type"), message: typeMessage },
    { location: at("record"), message: "Response body property record must match a schema in anyOf" },
  ];

  it("explains the other alternative's mismatches where the answer fits once the example is corrected", () => {
    const body = { record: { type: "account", branding: { companyName: 42 } } };
    const outcome = answeredWith(
      records,
      "GET /records → 200",
      body,
      violations("Response body property record.type must be equal to one of the allowed values: resource"),
    );
    expect(outcome.defects.map((d) => d.pointer)).toEqual([
      "#/components/schemas/Account/properties/branding/properties/companyName/example",
    ]);
    expect(outcome.problems).toHaveLength(1);
  });

  it("leaves a mismatch the correction does not explain a problem of its own", () => {
    // The account's `type` is no account either: corrected, the example still fits no alternative.
    const body = { record: { type: "person", branding: { companyName: 42 } } };
    const outcome = answeredWith(
      records,
      "GET /records → 200",
      body,
      violations("Response body property record.type must be equal to one of the allowed values: resource"),
    );
    expect(outcome.problems.join("\n")).toContain("Prism made it up");
  });
});

describe("a response header whose example no header can carry", () => {
  // Velo Payments documents its `Location` headers by an example of an HTML page with line breaks. Node refused
  // to send it, and Prism answered 500 "Invalid character in header content".
  const payouts = {
    openapi: "3.0.3",
    info: { title: "Payouts", version: "1" },
    paths: {
      "/payouts": {
        post: {
          operationId: "submitPayout",
          responses: {
            "202": {
              description: "accepted",
              headers: {
                Location: {
                  description: "the payout",
                  example: "<p>HTTP/1.1 202 Accepted</p>\n<p>Location: https://api.test/payouts/1</p>\n",
                  schema: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  };
  const mock = mockOf(payouts);

  it("is left out of the answer, and is a spec defect with the action that drops the example", async () => {
    const c = deriveContractCases(payouts).cases.find((x) => x.title === "POST /payouts → 202")!;
    const response = await sendCase(mock.url, c);
    expect([response.status, response.headers.get("location")]).toEqual([202, null]);
    await response.arrayBuffer();
    const outcome = checkOutcome(c, { data: undefined, response }, payouts);
    expect(outcome.problems).toHaveLength(outcome.defects.length);
    expect(outcome.defects.map((d) => [d.pointer, d.fix?.drop.target])).toEqual([
      [
        "#/paths/~1payouts/post/responses/202/headers/Location/example",
        "$.paths['/payouts'].post.responses['202'].headers.Location.example",
      ],
    ]);
  });
});

describe("a broken example under a property two allOf parts declare", () => {
  // BeezUP's detected catalog column: its base declares `links` (`rename`), the schema extending it declares
  // the `links` that have `map`, whose parameters' `lovLink.href` example ("/v2/public/Go2CultureName") is no
  // `uri`. The check followed the base's `links`, found no `map`, and blamed a value "Prism made up".
  const column = {
    openapi: "3.0.3",
    info: { title: "Columns", version: "1" },
    paths: {
      "/columns": {
        get: {
          operationId: "listColumns",
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/DetectedColumn" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Column: { type: "object", properties: { links: { $ref: "#/components/schemas/ColumnLinks" } } },
        ColumnLinks: { type: "object", properties: { rename: { type: "string" } } },
        DetectedColumn: {
          allOf: [
            { $ref: "#/components/schemas/Column" },
            { properties: { links: { $ref: "#/components/schemas/DetectedLinks" } } },
          ],
        },
        DetectedLinks: {
          type: "object",
          properties: {
            map: {
              type: "object",
              properties: {
                parameters: { type: "object", additionalProperties: { $ref: "#/components/schemas/Lov" } },
              },
            },
          },
        },
        Lov: {
          type: "object",
          properties: { href: { type: "string", format: "uri", example: "/v2/public/Go2CultureName" } },
        },
      },
    },
  };

  it("is that example's defect, found through the part that has the rest of the path", () => {
    const body = { links: { map: { parameters: { property1: { href: "/v2/public/Go2CultureName" } } } } };
    const outcome = answeredWith(column, "GET /columns → 200", body, [
      {
        location: ["response", "body", "links", "map", "parameters", "property1", "href"],
        message: 'Response body property links.map.parameters.property1.href must match format "uri"',
      },
    ]);
    expect(outcome.defects.map((d) => [d.kind ?? "example", d.pointer])).toEqual([
      ["example", "#/components/schemas/Lov/properties/href/example"],
    ]);
    expect(outcome.problems.join("\n")).not.toContain("made it up");
  });
});

describe("a 204 response the spec gives content", () => {
  // Visual Studio's `PUT …/secrets` answers 204 with an environment whose `billableOwnerType` lists strings
  // under `type: integer`: Prism made up a body, checked it (a violation), and sent none. The check blamed a
  // value "Prism made up", the case failed, and no overlay was offered.
  const environment = {
    type: "object",
    required: ["billableOwnerType"],
    properties: { billableOwnerType: { type: "integer", enum: ["0 (User)", "1 (Organization)"] } },
  };
  const secrets = {
    openapi: "3.0.3",
    info: { title: "Environments", version: "1" },
    servers: [{ url: "https://api.environments.test" }],
    paths: {
      "/environments/{id}/secrets": {
        put: {
          operationId: "putSecrets",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "204": { $ref: "#/components/responses/Environment" },
          },
        },
        delete: {
          operationId: "deleteSecrets",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "204": { description: "gone", content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
    },
    components: {
      responses: {
        Environment: { description: "No content", content: { "application/json": { schema: environment } } },
      },
    },
  };
  const mock = mockOf(secrets);

  it("is a spec defect at the content, which dropping it ends", async () => {
    const outcome = await outcomeOf(secrets, mock.url, "PUT /environments/{id}/secrets → 204");
    expect(outcome.status).toBe(204);
    expect(outcome.defects.map((d) => [d.kind, d.pointer])).toEqual([
      ["contradiction", "#/components/responses/Environment/content"],
    ]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toContain("the status carries no body, and the spec documents one");
    expect(outcome.problems.join("\n")).not.toContain("made it up");
    await withOverlay(secrets, [outcome.defects[0]!.fix!.drop], async (data, url) => {
      expect((await outcomeOf(data, url, "PUT /environments/{id}/secrets → 204")).problems).toEqual([]);
    });
  });

  it("is no defect where what Prism made up for it fits, as nothing is wrong with what arrives", async () => {
    const outcome = await outcomeOf(secrets, mock.url, "DELETE /environments/{id}/secrets → 204");
    expect([outcome.status, outcome.problems, outcome.defects]).toEqual([204, [], []]);
  });
});

describe("a request body whose type has no form of the object or array its schema describes", () => {
  // Docker's network connect, an object under `application/octet-stream`, and Open Policy Agent's policies,
  // an object under `text/plain`: the client sends the value's JSON text, Prism refused it ("Request body must
  // be object") and the check blamed the client.
  const object = { type: "object", required: ["Container"], properties: { Container: { type: "string" } } };
  const engine = {
    openapi: "3.0.3",
    info: { title: "Engine", version: "1" },
    servers: [{ url: "https://api.engine.test" }],
    paths: {
      "/networks/{id}/connect": {
        post: {
          operationId: "networkConnect",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/octet-stream": { schema: object } } },
          responses: { "200": { description: "ok" } },
        },
      },
      "/policies": {
        put: {
          operationId: "putPolicies",
          requestBody: { $ref: "#/components/requestBodies/Policies" },
          responses: { "204": { description: "ok" } },
        },
      },
      "/config": {
        put: {
          operationId: "putConfig",
          requestBody: { required: true, content: { "application/json": { schema: object } } },
          responses: { "204": { description: "ok" } },
        },
      },
    },
    components: {
      requestBodies: {
        Policies: {
          required: true,
          content: { "text/plain": { schema: { type: "array", items: { type: "string" } } } },
        },
      },
    },
  };
  const titles = ["POST /networks/{id}/connect → 200", "PUT /policies → 204"];
  const mock = mockOf(engine);

  it("is a spec defect at the schema, which documenting the body as a string ends", async () => {
    const outcomes = await Promise.all(titles.map((title) => outcomeOf(engine, mock.url, title)));
    expect(outcomes.map((o) => [o.status, o.outcome, o.defects.map((d) => [d.kind, d.pointer])])).toEqual([
      [
        422,
        "refused: a spec defect",
        [
          [
            "contradiction",
            "#/paths/~1networks~1{id}~1connect/post/requestBody/content/application~1octet-stream/schema",
          ],
        ],
      ],
      [
        422,
        "refused: a spec defect",
        [["contradiction", "#/components/requestBodies/Policies/content/text~1plain/schema"]],
      ],
    ]);
    expect(outcomes[0]!.problems).toHaveLength(1);
    expect(outcomes[0]!.problems[0]).toContain("the schema of a body of that type is no string");
    expect(outcomes[1]!.defects[0]!.fix!.drop.description).toContain(
      "the request body is text/plain, and its schema is an array",
    );
    const actions = outcomes.flatMap((o) => o.defects.flatMap((d) => [d.fix!.drop, d.fix!.correct!]));
    await withOverlay(engine, actions, async (data, url) => {
      for (const title of titles) expect((await outcomeOf(data, url, title)).problems, title).toEqual([]);
    });
  });

  it("is no defect of a JSON body, which the client sends as the object it is", async () => {
    expect((await outcomeOf(engine, mock.url, "PUT /config → 204")).problems).toEqual([]);
  });
});

/** The outcome of the case `title` of `spec`, called against the mock at `url` as a client would call it. */
async function outcomeOf(spec: object, url: string, title: string) {
  const c = deriveContractCases(spec).cases.find((x) => x.title === title)!;
  const response = await sendCase(url, c);
  // As the client reads it: JSON parsed, text as text.
  const text = await response.text();
  const body = !text
    ? undefined
    : /json/.test(response.headers.get("content-type") ?? "")
      ? JSON.parse(text)
      : text;
  const result = response.ok
    ? { data: body, response }
    : { error: { status: response.status, body, message: response.statusText }, response };
  return checkOutcome(c, result, spec);
}

/** The outcome of a case answered 200 with `body`, and the violations Prism would report of it. */
function answeredWith(spec: object, title: string, body: object, violations: object[]) {
  const c = deriveContractCases(spec).cases.find((x) => x.title === title)!;
  const headers = { "content-type": "application/json", "sl-violations": JSON.stringify(violations) };
  return checkOutcome(c, { data: body, response: new Response(JSON.stringify(body), { headers }) }, spec);
}

/** A Prism mock of `spec` for the tests of a `describe`: started before them, stopped (its file removed) after. */
function mockOf(spec: object): { readonly url: string } {
  let server: MockServer | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "switchboard-mock-"));
    writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
    server = await startMock({ spec: join(dir, "spec.json") });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get url() {
      return server!.url;
    },
  };
}

/** `spec` with overlay actions applied (every one of them used), and a mock of it for `use`, then stopped. */
async function withOverlay(
  spec: object,
  actions: OverlayAction[],
  use: (fixed: object, url: string) => Promise<void>,
): Promise<void> {
  const { data, resultData } = await openapiOverlay(structuredClone(spec), {
    overlaySet: { overlay: "1.0.0", info: { title: "fixes", version: "1" }, actions },
  });
  expect(resultData.unusedActions).toEqual([]);
  const fixed = await startMock({ spec: writeSpec(data) });
  try {
    await use(data, fixed.url);
  } finally {
    await fixed.stop();
  }
}

describe("a schema that requires a property it does not declare", () => {
  const undeclared = load(readFileSync(fixture("undeclared-required.yaml"), "utf8")) as object;
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ spec: fixture("undeclared-required.yaml") });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("is a spec defect (Vonage's `details` beside `detail`), with the overlay action that drops the requirement", async () => {
    // Each alternative of a oneOf that requires it is named, and the oneOf none of them matches is the same
    // defect: the case fails on spec defects alone.
    const either = await outcomeOf(undeclared, mock.url, "GET /messages → 401");
    expect(either.problems).toHaveLength(either.defects.length);
    expect(either.defects.filter((d) => !d.fix).map((d) => [d.kind, d.message])).toEqual([
      ["requirement", "Response body must match exactly one schema in oneOf"],
    ]);
    expect(either.defects.filter((d) => d.fix).map((d) => [d.kind, d.pointer, d.fix?.drop.target])).toEqual([
      [
        "requirement",
        "#/components/schemas/MissingCredentials/required/2",
        "$.components.schemas.MissingCredentials.required[2]",
      ],
      [
        "requirement",
        "#/components/schemas/InvalidApplication/required/1",
        "$.components.schemas.InvalidApplication.required[1]",
      ],
    ]);
    const one = await outcomeOf(undeclared, mock.url, "GET /messages → 403");
    expect(one.problems).toEqual([
      [
        "spec defect in response 403 (application/json) body: Response body must have required property 'details'",
        "  the schema requires a property it does not declare, at #/components/schemas/MissingCredentials/required/2",
        "  fix it with an overlay action that drops the requirement (or declare the property):",
        '    - target: "$.components.schemas.MissingCredentials.required[2]"',
        '      description: "the schema at #/components/schemas/MissingCredentials requires `details`, a property it does not declare (it declares `detail`), so no answer built from it has one (response 403 (application/json) body)"',
        "      remove: true",
      ].join("\n"),
    ]);
    // Required in one part of an allOf and declared in another is no defect.
    expect((await outcomeOf(undeclared, mock.url, "GET /messages → 202")).problems).toEqual([]);

    const actions = either.defects.flatMap((d) => (d.fix ? [d.fix.drop] : []));
    await withOverlay(undeclared, actions, async (data, url) => {
      expect((await outcomeOf(data, url, "GET /messages → 403")).problems).toEqual([]);
      // Without the requirements, the two error shapes have the same properties: the answer matches both,
      // which a oneOf refuses. That is the next defect, and its fix ends them.
      const overlap = (await outcomeOf(data, url, "GET /messages → 401")).defects;
      expect(overlap.map((d) => [d.kind, d.matches])).toEqual([["overlap", [0, 1]]]);
      const next = overlap.flatMap((d) => (d.fix?.correct ? [d.fix.correct, d.fix.drop] : []));
      await withOverlay(data, next, async (anyOf, again) => {
        expect((await outcomeOf(anyOf, again, "GET /messages → 401")).problems).toEqual([]);
      });
    });
  });

  it("in the alternative an answer was built from, explains the other alternatives' mismatches beside it", async () => {
    // The answer fits once the requirement is dropped: the oneOf failing, and every other intent's
    // mismatches (its `method`, its `resolutionResult`, the exception's `exception`), follow from the defect.
    const outcome = await outcomeOf(undeclared, mock.url, "GET /intents → 200");
    expect(outcome.defects.map((d) => [d.kind, d.pointer])).toEqual([
      ["requirement", "#/components/schemas/ResolveIntent/properties/result/required/0"],
    ]);
    expect(outcome.problems).toHaveLength(1);
    // The printed action, applied, ends them all.
    await withOverlay(undeclared, [outcome.defects[0]!.fix!.drop], async (data, url) => {
      expect((await outcomeOf(data, url, "GET /intents → 200")).problems).toEqual([]);
    });
  });

  it("leaves a mismatch the defect does not explain a problem of its own", () => {
    // An answer no intent's `method` names: with the requirement dropped it still fits no alternative, so
    // the mismatches under the value beside the defect are the mock's, reported.
    const body = [{ method: "AddMedia.handle", result: {} }];
    const at = (...field: Array<string | number>) => ["response", "body", ...field];
    const outcome = answeredWith(undeclared, "GET /intents → 200", body, [
      {
        location: at(0, "result"),
        message: "Response body property 0.result must have required property 'response'",
      },
      {
        location: at(0, "method"),
        message:
          "Response body property 0.method must be equal to one of the allowed values: AddMedia.resolve",
      },
      {
        location: at(0, "method"),
        message:
          "Response body property 0.method must be equal to one of the allowed values: AddMedia.confirm",
      },
      { location: at(0), message: "Response body property 0 must have required property 'exception'" },
      { location: at(0), message: "Response body property 0 must match exactly one schema in oneOf" },
    ]);
    expect(outcome.defects.map((d) => d.kind)).toEqual(["requirement"]);
    expect(outcome.problems.join("\n")).toContain(
      "must be equal to one of the allowed values: AddMedia.resolve",
    );
    expect(outcome.problems.join("\n")).toContain(
      "must be equal to one of the allowed values: AddMedia.confirm",
    );
  });
});

describe("a schema that requires a value of itself again", () => {
  const cycles = load(readFileSync(fixture("required-cycle.yaml"), "utf8")) as object;
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ spec: fixture("required-cycle.yaml") });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("is a spec defect: no value of it ends, and the overlay action that drops the requirement ends the problems", async () => {
    // Before, each answer's innermost level (where Prism stops nesting: `parent: {}`, `members: [null]`) was
    // blamed on a value Prism made up, and the case failed as the mock's.
    const found = await Promise.all(
      ["GET /trees → 200", "GET /people → 200", "GET /groups → 200"].map((title) =>
        outcomeOf(cycles, mock.url, title),
      ),
    );
    for (const outcome of found) expect(outcome.problems).toHaveLength(outcome.defects.length);
    expect(found.map((o) => o.defects.map((d) => [d.kind, d.pointer, d.fix?.drop.target]))).toEqual([
      [
        [
          "requirement",
          "#/components/schemas/TreeNode/required/2",
          "$.components.schemas.TreeNode.required[2]",
        ],
      ],
      [["requirement", "#/components/schemas/Person/required/1", "$.components.schemas.Person.required[1]"]],
      [
        [
          "requirement",
          "#/components/schemas/Group/allOf/1/required/0",
          "$.components.schemas.Group.allOf[1].required[0]",
        ],
      ],
    ]);
    expect(found[1]!.problems[0]!.split("\n").slice(1)).toEqual([
      "  the schema requires a value of itself through required properties, so no value of it ends, at #/components/schemas/Person/required/1",
      "  fix it with an overlay action that drops the requirement (the API cannot send an endless value):",
      '    - target: "$.components.schemas.Person.required[1]"',
      `      description: "the schema at #/components/schemas/Person requires a value of itself again (\`employer\` → \`ceo\`), so no value of it ends: an answer built from it stops short of what it requires (${found[1]!.defects[0]!.location})"`,
      "      remove: true",
    ]);
    // A chain that may end (an optional employer; a next link that may be null) is no defect, and the mock's
    // answer fits it.
    for (const title of ["GET /employees → 200", "GET /chains → 200"])
      expect((await outcomeOf(cycles, mock.url, title)).problems, title).toEqual([]);

    const actions = found.flatMap((o) => o.defects.flatMap((d) => (d.fix ? [d.fix.drop] : [])));
    await withOverlay(cycles, actions, async (data, url) => {
      for (const title of ["GET /trees → 200", "GET /people → 200", "GET /groups → 200"])
        expect((await outcomeOf(data, url, title)).problems, title).toEqual([]);
    });
  });
  it("is not where the chain may end: a missing property there is the mock's, reported", () => {
    // A link's next one may be null, so a value ends: an answer whose innermost link lacks its `id` is no
    // defect of the spec.
    const body = { id: "a", next: { id: "b", next: {} } };
    const outcome = answeredWith(cycles, "GET /chains → 200", body, [
      {
        location: ["response", "body", "next", "next"],
        message: "Response body property next.next must have required property 'id'",
      },
    ]);
    expect(outcome.defects).toEqual([]);
    expect(outcome.problems.join("\n")).toContain("Prism made it up from the schema");
  });
});

describe("a oneOf whose alternatives overlap", () => {
  const overlapping = load(readFileSync(fixture("overlapping-oneof.yaml"), "utf8")) as object;
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ spec: fixture("overlapping-oneof.yaml") });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("is a spec defect naming the alternatives the answer matches, with the actions that make it an anyOf", async () => {
    const outcome = await outcomeOf(overlapping, mock.url, "GET /messages → 202");
    expect(outcome.defects.map((d) => [d.kind, d.pointer, d.matches])).toEqual([
      ["overlap", "#/paths/~1messages/get/responses/202/content/application~1json/schema/oneOf", [0, 1]],
    ]);
    // Explained: not also reported as a value Prism made up.
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toContain("matches alternatives 0 and 1 of the oneOf at");
    expect(outcome.problems[0]).toContain("make it an anyOf");
    // Alternatives that exclude each other are no defect.
    expect((await outcomeOf(overlapping, mock.url, "GET /channels → 200")).problems).toEqual([]);

    const [defect] = outcome.defects;
    const actions = defect?.fix?.correct ? [defect.fix.correct, defect.fix.drop] : [];
    await withOverlay(overlapping, actions, async (data, url) => {
      expect((await outcomeOf(data, url, "GET /messages → 202")).problems).toEqual([]);
    });
  });

  it("deeper in an answer, explains the mismatches of the alternatives the answer does not match", async () => {
    const outcome = await outcomeOf(overlapping, mock.url, "GET /members → 200");
    expect(outcome.defects.map((d) => [d.kind, d.location, d.matches])).toEqual([
      ["overlap", "response 200 (application/json) body field `members[0].channel.from`", [0, 2]],
    ]);
    // Not also "must have required property 'number'" (the phone's), as a value Prism made up.
    expect(outcome.problems).toHaveLength(1);
    const [defect] = outcome.defects;
    const actions = defect?.fix?.correct ? [defect.fix.correct, defect.fix.drop] : [];
    await withOverlay(overlapping, actions, async (data, url) => {
      expect((await outcomeOf(data, url, "GET /members → 200")).problems).toEqual([]);
    });
  });

  it("in a request body Prism refuses, is the spec's defect alone, with the actions that make it an anyOf", async () => {
    const outcome = await outcomeOf(overlapping, mock.url, "PATCH /settings → 204");
    expect(outcome.status).toBe(422);
    expect(outcome.defects.map((d) => [d.kind, d.location, d.pointer, d.matches])).toEqual([
      [
        "overlap",
        "request (application/json) body",
        "#/paths/~1settings/patch/requestBody/content/application~1json/schema/oneOf",
        [0, 1, 2],
      ],
    ]);
    // The refusal, its 422 and its error follow from the defect: not problems of their own.
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toContain("the request matches alternatives 0 and 1 and 2 of the oneOf at");
    // The same where the spec documents a 400, which Prism answers in place of the status asked for (with the
    // violation in its header), and where the 400 was the status asked for.
    for (const title of ["PUT /settings → 204", "PUT /settings → 400"]) {
      const put = await outcomeOf(overlapping, mock.url, title);
      expect([put.status, put.defects.map((d) => d.kind), put.problems.length]).toEqual([
        400,
        ["overlap"],
        1,
      ]);
    }

    const [defect] = outcome.defects;
    const actions = defect?.fix?.correct ? [defect.fix.correct, defect.fix.drop] : [];
    await withOverlay(overlapping, actions, async (data, url) => {
      expect((await outcomeOf(data, url, "PATCH /settings → 204")).problems).toEqual([]);
    });
  });

  it("in a request body, is found in the one part of an allOf that has it, with the actions that fix that part", async () => {
    const outcome = await outcomeOf(overlapping, mock.url, "POST /spotsets → 201");
    expect(outcome.defects.map((d) => [d.kind, d.pointer, d.matches])).toEqual([
      [
        "overlap",
        "#/paths/~1spotsets/post/requestBody/content/application~1json/schema/allOf/1/oneOf",
        [0, 1],
      ],
    ]);
    expect(outcome.problems).toHaveLength(1);
    const [defect] = outcome.defects;
    const actions = defect?.fix?.correct ? [defect.fix.correct, defect.fix.drop] : [];
    await withOverlay(overlapping, actions, async (data, url) => {
      expect((await outcomeOf(data, url, "POST /spotsets → 201")).problems).toEqual([]);
    });
  });

  it("in a query or header parameter Prism refuses, is the spec's defect alone, at the parameter's schema", async () => {
    const outcome = await outcomeOf(overlapping, mock.url, "GET /keywords → 200");
    expect(outcome.status).toBe(422);
    expect(outcome.defects.map((d) => [d.kind, d.location, d.pointer, d.matches])).toEqual([
      [
        "overlap",
        "request header parameter `X-Region`",
        "#/components/parameters/Region/schema/oneOf",
        [0, 1],
      ],
      [
        "overlap",
        "request query parameter `asset_id`",
        "#/paths/~1keywords/get/parameters/0/schema/oneOf",
        [0, 1],
      ],
    ]);
    expect(outcome.problems).toHaveLength(2);
    const actions = outcome.defects.flatMap((d) => (d.fix?.correct ? [d.fix.correct, d.fix.drop] : []));
    await withOverlay(overlapping, actions, async (data, url) => {
      expect((await outcomeOf(data, url, "GET /keywords → 200")).problems).toEqual([]);
    });
  });

  it("in a request body, is no defect where the body is the client's mistake", async () => {
    // A body no alternative accepts is the caller's to fix: reported as Prism's refusal, as before.
    const c = deriveContractCases(overlapping).cases.find((x) => x.title === "PATCH /settings → 204")!;
    const wrong = { ...c, input: { ...c.input, body: "not an object" } };
    const response = await sendCase(mock.url, wrong);
    const body = await response.json();
    const outcome = checkOutcome(
      wrong,
      { error: { status: response.status, body, message: response.statusText }, response },
      overlapping,
    );
    expect(outcome.defects).toEqual([]);
    expect(outcome.problems.join("\n")).toContain("Prism answered with its own problem report");
  });
});

describe("a range or `default` response whose example breaks its schema", () => {
  it("is a defect at that response's own key, asked for as a status it stands for", async () => {
    const error = { type: "object", required: ["code"], properties: { code: { type: "integer" } } };
    const broken = (code: string) => ({ "application/json": { schema: error, example: { code } } });
    const doc = {
      openapi: "3.0.3",
      info: { title: "Ranges", version: "1" },
      servers: [{ url: "https://api.ranges.test" }],
      paths: {
        "/calls": {
          get: {
            operationId: "listCalls",
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
              "4XX": { description: "client error", content: broken("E42") },
              default: { description: "error", content: broken("E50") },
            },
          },
        },
      },
    };
    const mock = await startMock({ spec: writeSpec(doc) });
    try {
      const found: unknown[] = [];
      for (const c of deriveContractCases(doc).cases.filter((c) => c.responseKey)) {
        const response = await fetch(caseUrl(mock.url, c), { headers: { Prefer: preferHeader(c.status) } });
        expect(response.status, c.title).toBe(c.status);
        const { defects } = checkOutcome(c, { data: await response.json(), response }, doc);
        found.push(...defects.map((d) => [c.title, d.location, d.pointer, d.fix?.drop.target]));
      }
      expect(found).toEqual([
        [
          "GET /calls → 400 (4XX)",
          "response 4XX (application/json) body field `code`",
          "#/paths/~1calls/get/responses/4XX/content/application~1json/example/code",
          "$.paths['/calls'].get.responses['4XX'].content['application/json'].example",
        ],
        [
          "GET /calls → 500 (default)",
          "response default (application/json) body field `code`",
          "#/paths/~1calls/get/responses/default/content/application~1json/example/code",
          "$.paths['/calls'].get.responses.default.content['application/json'].example",
        ],
      ]);
    } finally {
      await mock.stop();
    }
  });
});

describe("a schema that lists a value its own keywords refuse", () => {
  // Adyen's `ViasName.gender`: `enum: [MALE, FEMALE, UNKNOWN]` beside `maxLength: 1`. Every listed value breaks
  // the schema, and every other value breaks the enum.
  const gender = { type: "string", enum: ["MALE", "FEMALE", "UNKNOWN"], maxLength: 1 };
  const person = { type: "object", required: ["gender"], properties: { gender } };
  // A copy each: one object in two places stays one after structuredClone, and one action would change both.
  const json = (schema: object) => ({ "application/json": { schema: structuredClone(schema) } });
  const contradicting = {
    openapi: "3.0.3",
    info: { title: "Contradiction", version: "1" },
    servers: [{ url: "https://api.contradiction.test" }],
    paths: {
      "/people/{id}": {
        get: {
          operationId: "getPerson",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: json(person) } },
        },
      },
      "/people": {
        post: {
          operationId: "addPerson",
          requestBody: { required: true, content: json(person) },
          responses: { "201": { description: "added", content: json({ type: "object" }) } },
        },
      },
    },
  };
  const fields = (outcome: { defects: SpecDefect[] }) =>
    outcome.defects.map((d) => [d.kind, d.location, d.pointer, d.fix?.drop.target]);
  const mock = mockOf(contradicting);

  it("in an answer, is a spec defect at the keyword, not a value the mock made up", async () => {
    const outcome = await outcomeOf(contradicting, mock.url, "GET /people/{id} → 200");
    expect(fields(outcome)).toEqual([
      [
        "contradiction",
        "response 200 (application/json) body field `gender`",
        "#/paths/~1people~1{id}/get/responses/200/content/application~1json/schema/properties/gender/maxLength",
        "$.paths['/people/{id}'].get.responses['200'].content['application/json'].schema.properties.gender.maxLength",
      ],
    ]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.defects[0]?.fix?.drop.description).toContain(
      'lists "MALE", which its own `maxLength: 1` refuses, as it does every value listed',
    );
    expect(outcome.problems[0]).not.toContain("made it up");
  });

  it("in a request Prism refuses, is the spec's defect alone, and the printed action ends it", async () => {
    const outcome = await outcomeOf(contradicting, mock.url, "POST /people → 201");
    expect(outcome.status).toBe(422);
    expect(fields(outcome)).toEqual([
      [
        "contradiction",
        "request (application/json) body field `gender`",
        "#/paths/~1people/post/requestBody/content/application~1json/schema/properties/gender/maxLength",
        "$.paths['/people'].post.requestBody.content['application/json'].schema.properties.gender.maxLength",
      ],
    ]);
    expect(outcome.problems).toHaveLength(1);

    const drops = (await outcomeOf(contradicting, mock.url, "GET /people/{id} → 200")).defects.map(
      (d) => d.fix!.drop,
    );
    await withOverlay(
      contradicting,
      [...drops, ...outcome.defects.map((d) => d.fix!.drop)],
      async (data, url) => {
        for (const title of ["GET /people/{id} → 200", "POST /people → 201"])
          expect((await outcomeOf(data, url, title)).problems, title).toEqual([]);
      },
    );
  });

  it("is no defect where the value is not one the schema lists", async () => {
    const c = deriveContractCases(contradicting).cases.find((x) => x.title === "POST /people → 201")!;
    const made = { ...c, input: { ...c.input, body: { gender: "MM" } } };
    const response = await sendCase(mock.url, made);
    const body = await response.json();
    const outcome = checkOutcome(
      made,
      { error: { status: response.status, body, message: "" }, response },
      contradicting,
    );
    expect(outcome.defects).toEqual([]);
    expect(outcome.problems.join("\n")).toContain("Prism answered with its own problem report");
  });
});

describe("a pattern written as a regular-expression literal", () => {
  // Sinao's: `"/^[0-9]{5}$/i"`, delimiters and flags in the string, which JSON Schema reads as the pattern
  // itself: no value matches a `^` after a slash, so every answer and every request breaks it.
  const json = (schema: object) => ({ "application/json": { schema: structuredClone(schema) } });
  const establishment = {
    type: "object",
    required: ["nic", "code", "handle"],
    properties: {
      nic: { type: "string", pattern: "/^[0-9]{5}$/i" },
      code: { type: "string", pattern: "/^[A-Z]{2}$/" },
      // PeerTube's usernames: the pattern in a part of an allOf.
      handle: { allOf: [{ $ref: "#/components/schemas/Handle" }], description: "the establishment's handle" },
    },
  };
  const literal = {
    openapi: "3.0.3",
    info: { title: "Literal patterns", version: "1" },
    servers: [{ url: "https://api.literal.test" }],
    paths: {
      "/establishments/{id}": {
        get: {
          operationId: "getEstablishment",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: json(establishment) } },
        },
      },
      "/establishments": {
        post: {
          operationId: "addEstablishment",
          requestBody: { required: true, content: json(establishment) },
          responses: { "201": { description: "added", content: json({ type: "object" }) } },
        },
      },
    },
    components: {
      schemas: { Handle: { type: "string", pattern: "/^[a-z0-9._]+$/", example: "chocobozzz" } },
    },
  };
  const at = (where: string, name: string) =>
    `#/paths/${where}/content/application~1json/schema/properties/${name}/pattern`;
  const mock = mockOf(literal);

  it("is a spec defect at the pattern in an answer and in a request, with its source alone as the fix where it has no flags", async () => {
    const answer = await outcomeOf(literal, mock.url, "GET /establishments/{id} → 200");
    const request = await outcomeOf(literal, mock.url, "POST /establishments → 201");
    expect(request.status).toBe(422);
    for (const [outcome, where] of [
      [answer, "~1establishments~1{id}/get/responses/200"],
      [request, "~1establishments/post/requestBody"],
    ] as const) {
      expect(outcome.defects.map((d) => [d.kind, d.pointer, d.fix?.correct?.update])).toEqual([
        ["contradiction", at(where, "nic"), undefined],
        ["contradiction", at(where, "code"), { pattern: "^[A-Z]{2}$" }],
        ["contradiction", "#/components/schemas/Handle/pattern", { pattern: "^[a-z0-9._]+$" }],
      ]);
      expect(outcome.problems.join("\n")).not.toContain("made it up");
      expect(describeDefect(outcome.defects[0]!)).toContain("written as a regular-expression literal");
    }
    // The printed actions, applied, end every violation: the flagged pattern dropped, the other corrected.
    const actions = [answer, request].flatMap((o) => o.defects.map((d) => d.fix!.correct ?? d.fix!.drop));
    await withOverlay(literal, actions, async (data, url) => {
      for (const title of ["GET /establishments/{id} → 200", "POST /establishments → 201"])
        expect((await outcomeOf(data, url, title)).problems, title).toEqual([]);
    });
  });
});

describe("a type that none of its schema's alternatives can be", () => {
  // Vercel's edge-config values: `type: "null"` beside a oneOf of a string, a number, a boolean, an object or a
  // list. A value must be both, which none can: every answer and every request breaks the schema.
  const json = (schema: object) => ({ "application/json": { schema: structuredClone(schema) } });
  const item = {
    type: "object",
    required: ["value", "size"],
    properties: {
      value: {
        type: "null",
        oneOf: [{ type: "string" }, { type: "number" }, { $ref: "#/components/schemas/List" }],
      },
      // Beside it, a type an alternative can be (an integer is a number): no defect.
      size: { type: "integer", anyOf: [{ type: "number", minimum: 0 }, { type: "string" }] },
    },
  };
  const spec = {
    openapi: "3.1.0",
    info: { title: "Unsatisfiable types", version: "1" },
    servers: [{ url: "https://api.unsatisfiable.test" }],
    paths: {
      "/items/{key}": {
        get: {
          operationId: "getItem",
          parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: json(item) } },
        },
      },
      "/items": {
        post: {
          operationId: "addItem",
          requestBody: { required: true, content: json(item) },
          responses: { "201": { description: "added", content: json({ type: "object" }) } },
        },
      },
    },
    components: { schemas: { List: { type: "array", items: { type: "string" } } } },
  };
  const mock = mockOf(spec);

  it("is a spec defect at the type in an answer and in a request, and dropping it ends both", async () => {
    const answer = await outcomeOf(spec, mock.url, "GET /items/{key} → 200");
    const request = await outcomeOf(spec, mock.url, "POST /items → 201");
    expect(request.status).toBe(422);
    for (const [outcome, where] of [
      [answer, "~1items~1{key}/get/responses/200"],
      [request, "~1items/post/requestBody"],
    ] as const) {
      expect(outcome.problems.length).toBeGreaterThan(0);
      expect(outcome.problems).toHaveLength(outcome.defects.length);
      expect(new Set(outcome.defects.map((d) => [d.kind, d.pointer].join(" ")))).toEqual(
        new Set([`contradiction #/paths/${where}/content/application~1json/schema/properties/value/type`]),
      );
      expect(outcome.problems.join("\n")).not.toContain("made it up");
      expect(outcome.defects[0]!.fix?.drop.description).toContain(
        'is `type: "null"` and one of its oneOf alternatives, which are string, number, array: no value is both',
      );
      expect(describeDefect(outcome.defects[0]!)).toContain(
        "the schema's type is none of its alternatives', so no value fits it, at #/paths/",
      );
    }
    const actions = [answer, request].flatMap((o) => o.defects.map((d) => d.fix!.drop));
    await withOverlay(spec, actions, async (data, url) => {
      for (const title of ["GET /items/{key} → 200", "POST /items → 201"])
        expect((await outcomeOf(data, url, title)).problems, title).toEqual([]);
    });
  });
});

describe("a schema that lists values its own type refuses", () => {
  // Probely's finding severity lists numbers under `type: string`, its billing `action` lists null under a
  // `type: string` without `nullable` (OpenAPI 3.0); Bungie lists strings of digits under `type: integer`.
  const finding = {
    type: "object",
    required: ["severity", "action", "scope"],
    properties: {
      severity: { type: "string", enum: [10, 20, 30] },
      action: { type: "string", enum: [null, "trial", "plan"] },
      scope: { type: "integer", enum: ["1", "2", "4"] },
      channels: { type: "array", items: { type: "string" }, enum: ["live", "promotions"] },
    },
  };
  const json = (schema: object) => ({ "application/json": { schema: structuredClone(schema) } });
  const typed = {
    openapi: "3.0.3",
    info: { title: "Typed", version: "1" },
    servers: [{ url: "https://api.typed.test" }],
    paths: {
      "/findings/{id}": {
        get: {
          operationId: "getFinding",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: json(finding) } },
        },
      },
      "/findings": {
        post: {
          operationId: "addFinding",
          requestBody: { required: true, content: json({ ...finding, required: ["scope"] }) },
          responses: { "201": { description: "added", content: json({ type: "object" }) } },
        },
      },
    },
  };
  const at = "#/paths/~1findings~1{id}/get/responses/200/content/application~1json/schema/properties";
  const outcomeFor = (spec: object, body: object, violations: object[]) =>
    answeredWith(spec, "GET /findings/{id} → 200", body, violations);
  const mock = mockOf(typed);

  it("is a spec defect at `type` in an answer and in a request, and null alone is allowed where it is refused", async () => {
    const answer = await outcomeOf(typed, mock.url, "GET /findings/{id} → 200");
    const listedAsItems = { items: { enum: ["live", "promotions"] } };
    expect(answer.defects.map((d) => [d.kind, d.pointer, d.fix?.correct?.update])).toEqual([
      ["contradiction", `${at}/severity/type`, undefined],
      ["contradiction", `${at}/action/type`, { nullable: true }],
      ["contradiction", `${at}/scope/type`, undefined],
      ["contradiction", `${at}/channels/enum`, listedAsItems],
    ]);
    expect(answer.problems).toHaveLength(4);
    expect(answer.problems.join("\n")).not.toContain("made it up");
    expect(answer.defects[0]?.fix?.drop.description).toContain(
      'lists 10, which its own `type: "string"` refuses, as it does every value listed',
    );
    const request = await outcomeOf(typed, mock.url, "POST /findings → 201");
    expect(request.status).toBe(422);
    expect(request.defects.map((d) => [d.kind, d.location])).toEqual([
      ["contradiction", "request (application/json) body field `scope`"],
    ]);

    // Either action of the null defect ends it, the drops end the others, and the array's enum takes both.
    for (const pick of ["correct", "drop"] as const) {
      const actions = [...answer.defects, ...request.defects].flatMap((d) =>
        d.fix?.correct?.update === undefined
          ? [d.fix!.drop]
          : "items" in Object(d.fix.correct.update)
            ? [d.fix.correct, d.fix.drop]
            : [pick === "correct" ? d.fix.correct : d.fix.drop],
      );
      await withOverlay(typed, actions, async (data, url) => {
        for (const title of ["GET /findings/{id} → 200", "POST /findings → 201"])
          expect((await outcomeOf(data, url, title)).problems, `${pick}: ${title}`).toEqual([]);
      });
    }
  });

  it("allows null among the types in OpenAPI 3.1", () => {
    const outcome = outcomeFor({ ...typed, openapi: "3.1.0" }, { severity: "10", action: null, scope: 1 }, [
      { location: ["response", "body", "action"], message: "Response body property action must be string" },
    ]);
    expect(outcome.defects.map((d) => d.fix?.correct?.update)).toEqual([{ type: ["string", "null"] }]);
  });

  it("beside `type: array` is the enum's, with the items listing the values only where an overlay can add them", () => {
    const body = { severity: "10", action: "plan", scope: 1, channels: "live" };
    const violations = [
      {
        location: ["response", "body", "channels"],
        message: "Response body property channels must be array",
      },
    ];
    const withItems = (items: object) => {
      const spec = structuredClone(typed);
      const { schema } = spec.paths["/findings/{id}"].get.responses["200"].content["application/json"];
      Object.assign((schema as typeof finding).properties.channels, { items });
      return outcomeFor(spec, body, violations).defects.map((d) => [
        d.pointer,
        d.fix?.correct?.update,
        d.fix?.drop.target,
      ]);
    };
    const drop =
      "$.paths['/findings/{id}'].get.responses['200'].content['application/json'].schema.properties.channels.enum";
    expect(withItems({ type: "string" })).toEqual([
      [`${at}/channels/enum`, { items: { enum: ["live", "promotions"] } }, drop],
    ]);
    expect(withItems({ $ref: "#/components/schemas/Channel" })).toEqual([
      [`${at}/channels/enum`, undefined, drop],
    ]);
    expect(withItems({ type: "string", enum: ["live"] })).toEqual([[`${at}/channels/enum`, undefined, drop]]);
  });
});

describe("an additionalProperties that refuses what the parts beside it declare", () => {
  // Adyen's `additionalData`: every value a string, beside an `anyOf` of objects with boolean properties; and
  // `additionalProperties: false` beside an `anyOf`. (Beside an `allOf`, as ShipEngine writes it, Prism merges
  // the parts into the schema before it validates, so it never sees the contradiction.)
  const money = {
    type: "object",
    required: ["amount", "currency"],
    properties: { amount: { type: "number" }, currency: { type: "string", enum: ["usd"] } },
  };
  const threeds = {
    type: "object",
    required: ["threeds2.cardEnrolled"],
    properties: { "threeds2.cardEnrolled": { type: "boolean" } },
  };
  const json = (schema: object) => ({ "application/json": { schema } });
  const closed = {
    openapi: "3.0.3",
    info: { title: "Closed", version: "1" },
    servers: [{ url: "https://api.closed.test" }],
    paths: {
      "/payouts": {
        post: {
          operationId: "addPayout",
          requestBody: {
            required: true,
            content: json({ additionalProperties: false, anyOf: [{ $ref: "#/components/schemas/Money" }] }),
          },
          responses: {
            "200": {
              description: "paid",
              content: json({
                type: "object",
                required: ["additionalData"],
                properties: {
                  additionalData: {
                    type: "object",
                    additionalProperties: { type: "string" },
                    anyOf: [{ $ref: "#/components/schemas/ThreeDS" }],
                  },
                },
              }),
            },
          },
        },
      },
    },
    components: { schemas: { Money: money, ThreeDS: threeds } },
  };
  const mock = mockOf(closed);

  it("is the spec's contradiction in a request and in an answer, and dropping it ends both", async () => {
    const body = "#/paths/~1payouts/post/requestBody/content/application~1json/schema";
    const request = await outcomeOf(closed, mock.url, "POST /payouts → 200");
    expect(request.status).toBe(422);
    // Refused for `amount` and for `currency`: one defect.
    expect(request.defects.map((d) => [d.kind, d.location, d.pointer])).toEqual([
      ["contradiction", "request (application/json) body", `${body}/additionalProperties`],
    ]);
    expect(request.problems.join("\n")).toContain("refuses a property that the parts it combines declare");
    expect(request.defects[0]?.fix?.drop.description).toContain(
      "`amount` is declared by the parts the schema at",
    );

    // The answer, once the request is one Prism takes.
    const drop = request.defects[0]!.fix!.drop;
    await withOverlay(closed, [drop], async (data, url) => {
      const answer = await outcomeOf(data, url, "POST /payouts → 200");
      const at =
        "#/paths/~1payouts/post/responses/200/content/application~1json/schema/properties/additionalData";
      expect(answer.defects.map((d) => [d.kind, d.location, d.pointer])).toEqual([
        [
          "contradiction",
          "response 200 (application/json) body field `additionalData.threeds2.cardEnrolled`",
          `${at}/additionalProperties`,
        ],
      ]);
      await withOverlay(data, [answer.defects[0]!.fix!.drop], async (fixed, fixedUrl) => {
        expect((await outcomeOf(fixed, fixedUrl, "POST /payouts → 200")).problems).toEqual([]);
      });
    });
  });

  it("is the defect of each closed part of an allOf that refuses another part's property (ShipEngine's pickups)", () => {
    const closedPart = (name: string) => ({
      type: "object",
      additionalProperties: false,
      required: [name],
      properties: { [name]: { type: "string" } },
    });
    const pickups = {
      ...closed,
      paths: {
        "/pickups": {
          post: {
            operationId: "schedulePickup",
            responses: {
              "200": {
                description: "scheduled",
                content: json({ $ref: "#/components/schemas/schedule_pickup_response_body" }),
              },
            },
          },
        },
      },
      components: {
        schemas: {
          schedule_pickup_response_body: {
            allOf: [
              { $ref: "#/components/schemas/pickup" },
              { $ref: "#/components/schemas/error_response_body" },
            ],
          },
          pickup: closedPart("pickup_id"),
          error_response_body: closedPart("request_id"),
        },
      },
    };
    const body = { pickup_id: "pik_1", request_id: "req_1" };
    const violations = [
      {
        location: ["response", "body"],
        message: "Response body must NOT have additional properties; found 'request_id'",
      },
      {
        location: ["response", "body"],
        message: "Response body must NOT have additional properties; found 'pickup_id'",
      },
    ];
    const outcome = answeredWith(pickups, "POST /pickups → 200", body, violations);
    expect(outcome.defects.map((d) => [d.kind, d.pointer])).toEqual([
      ["contradiction", "#/components/schemas/pickup/additionalProperties"],
      ["contradiction", "#/components/schemas/error_response_body/additionalProperties"],
    ]);
    expect(outcome.defects[0]?.fix?.drop.description).toContain(
      "`request_id` is declared beside the schema at #/components/schemas/pickup, in #/components/schemas/schedule_pickup_response_body",
    );
    expect(outcome.problems.join("\n")).not.toContain("made it up");
  });

  it("is none for a property no part declares, which the keyword refuses as it should", () => {
    const c = deriveContractCases(closed).cases.find((x) => x.title === "POST /payouts → 200")!;
    const made = { ...c, input: { ...c.input, body: { amount: 1, currency: "usd", note: "x" } } };
    const outcome = checkOutcome(
      made,
      {
        error: { status: 422, body: {}, message: "" },
        response: new Response("{}", {
          status: 422,
          headers: {
            "content-type": "application/json",
            "sl-violations": JSON.stringify([
              {
                location: ["request", "body"],
                message: "Request body must NOT have additional properties; found 'note'",
              },
            ]),
          },
        }),
      },
      closed,
    );
    expect(outcome.defects).toEqual([]);
  });
});

describe("a response documented as text whose schema is an object or an array", () => {
  // import.io documents its CSV exports, and their errors, as objects under `text/csv`: Prism answered 500
  // "Cannot serialise complex objects as text", and the check blamed the mock.
  const csv = (schema: object) => ({ "text/csv": { schema } });
  const exports = {
    openapi: "3.0.3",
    info: { title: "Exports", version: "1" },
    servers: [{ url: "https://api.exports.test" }],
    paths: {
      "/exports/latest": {
        get: {
          operationId: "latestExport",
          responses: {
            "200": {
              description: "ok",
              content: csv({ type: "object", additionalProperties: { type: "string" } }),
            },
            "404": { $ref: "#/components/responses/NotFound" },
          },
        },
      },
      "/exports/rows": {
        get: {
          operationId: "exportRows",
          responses: {
            "200": {
              description: "ok",
              content: { "text/plain": { schema: { items: { type: "string" } } } },
            },
          },
        },
      },
    },
    components: {
      responses: {
        NotFound: { description: "none", content: csv({ $ref: "#/components/schemas/ApiError" }) },
      },
      schemas: { ApiError: { type: "object", properties: { error: { type: "string" } } } },
    },
  };
  const titles = ["GET /exports/latest → 200", "GET /exports/latest → 404", "GET /exports/rows → 200"];
  const mock = mockOf(exports);

  it("is a spec defect at the schema, which documenting the text as a string ends", async () => {
    const outcomes = await Promise.all(titles.map((title) => outcomeOf(exports, mock.url, title)));
    expect(outcomes.map((o) => [o.status, o.defects.map((d) => [d.kind, d.pointer])])).toEqual([
      [500, [["contradiction", "#/paths/~1exports~1latest/get/responses/200/content/text~1csv/schema"]]],
      [500, [["contradiction", "#/components/responses/NotFound/content/text~1csv/schema"]]],
      [500, [["contradiction", "#/paths/~1exports~1rows/get/responses/200/content/text~1plain/schema"]]],
    ]);
    // The defect alone: not the mock's fault, nor the status or error that follow from it.
    for (const outcome of outcomes) expect(outcome.problems).toHaveLength(1);
    expect(outcomes[0]!.problems[0]).toContain("the schema of a text response is no string");
    expect(outcomes[0]!.defects[0]!.fix!.drop.description).toContain(
      "the response 200 is text/csv, text, and its schema is an object",
    );
    const actions = outcomes.flatMap((o) => o.defects.flatMap((d) => [d.fix!.drop, d.fix!.correct!]));
    await withOverlay(exports, actions, async (data, url) => {
      for (const title of titles) expect((await outcomeOf(data, url, title)).problems, title).toEqual([]);
    });
  });
});
