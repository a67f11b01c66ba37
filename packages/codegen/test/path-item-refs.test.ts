/**
 * A path given as a `$ref` to a path item (OpenAPI 3.1's `components.pathItems`): its operations are the
 * provider's like any other, counted when vendored, generated, typed and callable; a reference that names
 * no path item is a problem at its line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { checkProvider } from "../src/generate/check-command.js";
import { renderProvider } from "../src/generate/generated-files.js";
import { bundleProvider } from "../src/spec/bundle.js";
import { suggestedSettings } from "../src/spec/settings-suggestions.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { removedAfterEach, tempRepo, typeCheck } from "./helpers.js";

const temp = removedAfterEach(tempRepo);

const ok = (schema: object) => ({
  "200": { description: "ok", content: { "application/json": { schema } } },
});

/** Two paths share one item (its operations unnamed, so each path names its own); one refers to another path. */
const document = {
  openapi: "3.1.0",
  info: { title: "Gadgets", version: "1" },
  servers: [{ url: "https://api.gadgets.example" }],
  paths: {
    "/things": { get: { operationId: "listThings", responses: ok({ type: "array" }) } },
    "/widgets/{id}": { $ref: "#/components/pathItems/Item" },
    "/gadgets/{id}": { $ref: "#/components/pathItems/Item", summary: "A gadget" },
    "/items/{id}": { $ref: "#/paths/~1widgets~1{id}" },
  },
  components: {
    pathItems: {
      Item: {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { responses: ok({ type: "object", properties: { id: { type: "string" } } }) },
      },
    },
  },
};

function vendored(doc: object = document) {
  const root = temp([]);
  const file = join(root, "gadgets.yaml");
  writeFileSync(file, dump(doc));
  const plan = planVendor([file], { root, provider: "gadgets", date: "2026-01-01" });
  plan.transaction.commit();
  return { root, report: plan.report };
}

describe("a path given as a $ref to a path item", () => {
  it("is vendored, generated, typed and callable like any other path, each path its own operation", async () => {
    const { root, report } = vendored();
    expect(report[0]).toMatch(/^vendored specs\/gadgets\/gadgets\.yaml \(4 operations, /);
    const bundle = await bundleProvider(root, "gadgets");
    const { files, operations } = await renderProvider(bundle, suggestedSettings(bundle.document));
    expect(operations.map((o) => `${o.name} ${o.path}`).sort()).toEqual([
      "getGadgetsById /gadgets/{id}",
      "getItemsById /items/{id}",
      "getWidgetsById /widgets/{id}",
      "listThings /things",
    ]);
    // Fields beside the `$ref` win; the shared item itself is not renamed by either path.
    expect(bundle.document.paths!["/gadgets/{id}"]!.summary).toBe("A gadget");
    expect((bundle.document.components as any).pathItems.Item.get.operationId).toBeUndefined();
    const usage = [
      'import { createGadgetsClient } from "./client.js";',
      "const client = createGadgetsClient();",
      'const { data } = await client.getWidgetsById({ id: "w1" });',
      "const id: string | undefined = data?.id;",
      "export { id };",
    ].join("\n");
    expect(await typeCheck({ ...files, "usage.ts": usage })).toBe("");
  });

  it("is a document's operations even when it is its only path", async () => {
    const only = { ...document, paths: { "/widgets/{id}": document.paths["/widgets/{id}"] } };
    const { root } = vendored(only);
    const { error, operations } = await checkProvider(root, "gadgets");
    expect(error?.message).toBeUndefined();
    expect(operations).toBe(1);
  });

  it("is a problem at its line when it names something that is not a path item", async () => {
    const broken = {
      ...document,
      paths: { ...document.paths, "/broken": { $ref: "#/info/title" } },
    };
    const { root } = vendored(broken);
    const { error } = await checkProvider(root, "gadgets");
    const lines = readFileSync(join(root, "specs/gadgets/gadgets.yaml"), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("$ref: '#/info/title'")) + 1;
    expect(error).toBeInstanceOf(InputError);
    expect(`${(error as InputError).file}:${(error as InputError).line}`).toBe(
      `specs/gadgets/gadgets.yaml:${line}`,
    );
    expect((error as InputError).detail).toContain(
      "the path's $ref #/info/title names a string, not a path item, so the path has no operations",
    );
  });
});
