/**
 * Pages that define the same operation: compared as the merge of a provider's files compares operations
 * (spec/operation-definition.ts), so only a real difference in the definition makes a conflict.
 */
import { describe, expect, it } from "vitest";
import { type PageResult, settleSharedOperations } from "../../src/vendor/index/read-pages.js";

/** A page that was read and holds an OpenAPI document defining `GET /calls/{id}`. */
const page = (url: string, text: string) =>
  ({
    page: { url, listedAt: url },
    kind: "spec",
    source: { text, spec: { operations: [{ method: "get", path: "/calls/{id}" }], webhooks: [] } },
  }) as unknown as PageResult;

const inlineSchema = `openapi: 3.1.0
info: { title: Calls, version: "1" }
paths:
  /calls/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: The call
          content:
            application/json:
              schema: { type: object, properties: { state: { type: string } } }
`;

/** The same operation with the path parameter on the path item and the schema behind a `$ref` of its own name. */
const referencedSchema = `openapi: 3.1.0
info: { title: Calls, version: "1" }
paths:
  /calls/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get:
      x-latency-category: interactive
      responses:
        "200":
          description: The call
          content:
            application/json:
              schema: { $ref: "#/components/schemas/CallResource" }
components:
  schemas:
    CallResource: { type: object, properties: { state: { type: string } } }
`;

describe("pages defining the same operation", () => {
  it("are alike when they differ only in how they write it: path-level parameters, $ref names, provider extensions", () => {
    const results = [
      page("https://docs.example/a.md", inlineSchema),
      page("https://docs.example/b.md", referencedSchema),
    ];
    settleSharedOperations(results);
    expect(results.map((r) => r.kind)).toEqual(["spec", "duplicate"]);
  });

  it("conflict where the definitions really part, each page naming the other and the place", () => {
    const changed = referencedSchema.replace(
      "properties: { state: { type: string } }",
      "properties: { state: { type: integer } }",
    );
    const results = [
      page("https://docs.example/a.md", inlineSchema),
      page("https://docs.example/b.md", changed),
    ];
    settleSharedOperations(results);
    const where = 'responses["200"].content["application/json"].schema.properties.state.type';
    expect(results.map((r) => [r.kind, r.kind === "failed" && r.reason])).toEqual([
      [
        "failed",
        `defines GET /calls/{id} differently from https://docs.example/b.md (they differ at ${where}); vendor one of them by hand, or fix the documentation`,
      ],
      [
        "failed",
        `defines GET /calls/{id} differently from https://docs.example/a.md (they differ at ${where}); vendor one of them by hand, or fix the documentation`,
      ],
    ]);
  });
});
