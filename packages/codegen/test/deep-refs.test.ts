/**
 * `$ref`s into the inside of a component (spec/deep-refs.ts), as Vonage's and Codat's documents write them:
 * hoisted into schema components of their own, so that openapi-typescript's types of them compile.
 */
import { describe, expect, it } from "vitest";
import { renderProvider } from "../src/generate/generated-files.js";
import { hoistDeepRefs } from "../src/spec/deep-refs.js";
import type { OpenApiDocument } from "../src/spec/openapi-document.js";
import { suggestedSettings } from "../src/spec/settings-suggestions.js";
import { specProblems } from "../src/spec/spec-checks.js";
import { typeCheck } from "./helpers.js";

const json = (schema: object) => ({ "application/json": { schema } });
const ref = ($ref: string) => ({ $ref });

function document(): OpenApiDocument {
  return {
    openapi: "3.0.3",
    info: { title: "deep", version: "1" },
    servers: [{ url: "https://api.example.test" }],
    paths: {
      "/calls": {
        post: {
          operationId: "createCall",
          requestBody: { content: json(ref("#/components/schemas/channel/properties/from/oneOf/0")) },
          responses: {
            "200": { description: "ok", content: json(ref("#/components/schemas/channel/properties/name")) },
            "404": {
              description: "not found",
              headers: { "X-Trace": ref("#/components/responses/NotFound/headers/X-Trace") },
              content: json(ref("#/components/responses/NotFound/content/application~1json/schema")),
            },
          },
        },
      },
      "/trees": {
        get: {
          operationId: "getTree",
          responses: {
            "200": { description: "ok", content: json(ref("#/components/schemas/Tree/definitions/node")) },
            // Rev.ai reuses one operation's responses in others by pointing into `paths` (percent-encoded).
            "401": ref("#/paths/~1jobs~1%7Bid%7D/get/responses/401"),
            "404": ref("#/paths/~1calls/post/responses/404"),
          },
        },
      },
      "/jobs/{id}": {
        get: {
          operationId: "getJob",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "ok", content: json({ type: "object" }) },
            "401": {
              description: "unauthorized",
              content: json({ type: "object", properties: { title: { type: "string" } } }),
            },
          },
        },
      },
    },
    components: {
      schemas: {
        channel: {
          type: "object",
          required: ["name"],
          properties: {
            name: { type: "string" },
            from: {
              oneOf: [
                { type: "object", required: ["number"], properties: { number: { type: "string" } } },
                { type: "object", required: ["user"], properties: { user: { type: "string" } } },
              ],
            },
          },
        },
        Tree: {
          type: "object",
          properties: { root: ref("#/components/schemas/Tree/definitions/node") },
          definitions: {
            node: {
              type: "object",
              properties: {
                label: { type: "string" },
                children: { type: "array", items: ref("#/components/schemas/Tree/definitions/node") },
              },
            },
          },
        },
      },
      responses: {
        NotFound: {
          description: "not found",
          headers: { "X-Trace": { description: "trace id", schema: { type: "string" } } },
          content: json({ type: "object", properties: { detail: { type: "string" } } }),
        },
      },
    },
  } as unknown as OpenApiDocument;
}

describe("deep $refs", () => {
  it("become schema components named after where they were, recursion included; the originals stay", () => {
    const doc = document();
    expect(hoistDeepRefs(doc)).toBe(5);
    const schemas = doc.components!.schemas!;
    expect(Object.keys(schemas)).toEqual([
      "channel",
      "Tree",
      "responses.NotFound.content.application_json.schema",
      "Tree.definitions.node",
      "channel.from.oneOf.0",
    ]);
    const call = doc.paths!["/calls"]!.post!;
    expect(call.requestBody.content["application/json"].schema).toEqual(
      ref("#/components/schemas/channel.from.oneOf.0"),
    );
    expect(call.responses["404"].content["application/json"].schema).toEqual(
      ref("#/components/schemas/responses.NotFound.content.application_json.schema"),
    );
    // What openapi-typescript types as it is stays a reference: a component's required property.
    expect(call.responses["200"].content["application/json"].schema).toEqual(
      ref("#/components/schemas/channel/properties/name"),
    );
    // A header is no schema: copied in place.
    expect(call.responses["404"].headers["X-Trace"]).toEqual({
      description: "trace id",
      schema: { type: "string" },
    });
    expect(schemas["Tree.definitions.node"].properties.children.items).toEqual(
      ref("#/components/schemas/Tree.definitions.node"),
    );
    expect(schemas.Tree.properties.root).toEqual(ref("#/components/schemas/Tree.definitions.node"));
    expect(schemas.channel.properties.from.oneOf[0].required).toEqual(["number"]);
    // A response of another operation becomes a response component; its own deep references are rewritten.
    expect(Object.keys(doc.components!.responses!)).toEqual([
      "NotFound",
      "calls.post.responses.404",
      "jobs_id.get.responses.401",
    ]);
    const tree = doc.paths!["/trees"]!.get!;
    expect(tree.responses["401"]).toEqual(ref("#/components/responses/jobs_id.get.responses.401"));
    expect(tree.responses["404"]).toEqual(ref("#/components/responses/calls.post.responses.404"));
    expect(doc.components!.responses!["calls.post.responses.404"].content["application/json"].schema).toEqual(
      ref("#/components/schemas/responses.NotFound.content.application_json.schema"),
    );
    // Idempotent: a second pass finds nothing left to hoist.
    expect(hoistDeepRefs(doc)).toBe(0);
  });

  it("are found in a property named `examples` or `example`, and left as data in an example value", () => {
    const doc = document();
    const deep = ref("#/components/schemas/Tree/definitions/node");
    doc.components!.schemas!.Entry = {
      type: "object",
      properties: { examples: { type: "array", items: deep }, example: deep },
      example: { examples: [deep] },
    };
    hoistDeepRefs(doc);
    const entry = doc.components!.schemas!.Entry;
    expect(entry.properties.examples.items).toEqual(ref("#/components/schemas/Tree.definitions.node"));
    expect(entry.properties.example).toEqual(ref("#/components/schemas/Tree.definitions.node"));
    expect(entry.example).toEqual({ examples: [deep] });
  });

  it("leaves a document without them as it is", () => {
    const doc = document();
    doc.paths!["/trees"]!.get!.responses["200"].content["application/json"].schema =
      ref("#/components/schemas/Tree");
    delete doc.paths!["/calls"];
    delete doc.paths!["/trees"]!.get!.responses["401"];
    delete doc.paths!["/trees"]!.get!.responses["404"];
    doc.components!.schemas!.Tree = { type: "object", properties: { label: { type: "string" } } };
    const before = structuredClone(doc);
    expect(hoistDeepRefs(doc)).toBe(0);
    expect(doc).toEqual(before);
  });

  it("gives a package that type-checks", async () => {
    const doc = document();
    hoistDeepRefs(doc);
    const { files } = await renderProvider(
      { provider: "acme", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(await typeCheck(files)).toBe("");
  });

  it("leave problems inside their targets to be reported where the vendored file has them, `definitions` included", () => {
    const doc = document();
    // Codat's `Item.definitions.itemType` is `{ type: { enum: [...] } }`: a schema where `type` belongs.
    doc.components!.schemas!.Tree.definitions.node.type = { enum: ["leaf"] };
    expect(specProblems(doc).map((problem) => problem.at.join("/"))).toEqual([
      "components/schemas/Tree/definitions/node/type",
    ]);
  });
});

describe("a `$ref` into a property of a schema that is not one object type", () => {
  /** A document whose response refers to `Payload.meta.id`, `Payload` written as `shape`. */
  const withPayload = (shape: object): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "fastapi-like", version: "1" },
    servers: [{ url: "https://api.example.test" }],
    paths: {
      "/items": {
        get: {
          operationId: "getItem",
          responses: {
            "200": {
              description: "ok",
              content: json({
                type: "object",
                properties: { id: ref("#/components/schemas/Payload/properties/meta/properties/id") },
              }),
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Payload: {
          required: ["meta"],
          ...shape,
          properties: {
            meta: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
            ...(shape as { properties?: object }).properties,
          },
        },
      },
    },
  });

  it.each([
    ["may be null (3.1, as FastAPI writes optional models)", { type: ["object", "null"] }],
    ["may be null (3.0)", { type: "object", nullable: true }],
    ["is a union with a non-object member", { anyOf: [{ type: "object" }, { type: "string" }] }],
    // Its indexed type adds `undefined`, which nothing can be indexed through (TS2339).
    ["has it as an optional property", { required: [] }],
    // `$Read<…>`: Linode's firewall devices (`allOf` of a readOnly property, requiring its fields: `never`).
    [
      "has it as a readOnly property",
      {
        properties: {
          meta: { type: "object", readOnly: true, required: ["id"], properties: { id: { type: "string" } } },
        },
      },
    ],
  ])("is hoisted when the schema %s, and the package type-checks", async (_, shape) => {
    const doc = withPayload(shape);
    expect(hoistDeepRefs(doc)).toBe(1);
    expect(doc.components!.schemas!["Payload.meta.id"]).toEqual({ type: "string" });
    const { files } = await renderProvider(
      { provider: "acme", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(await typeCheck(files)).toBe("");
  });

  it("is left as it is through plain object schemas, which openapi-typescript indexes", () => {
    const doc = withPayload({ type: "object" });
    const before = structuredClone(doc);
    expect(hoistDeepRefs(doc)).toBe(0);
    expect(doc).toEqual(before);
  });
});
