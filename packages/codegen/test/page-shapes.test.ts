/**
 * Documentation pages as sites export them, beyond the seed pages: text in UTF-16 or a legacy encoding, a
 * byte order mark, titles underlined or in front matter, markup in titles, blocks cut short, pages about
 * schemas, YAML a reader takes for operations that YAML does not, and configuration that names a document.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { InputErrors } from "../src/errors.js";
import { PoliteFetcher } from "../src/fetch/polite-fetcher.js";
import { checkProvider } from "../src/generate/check-command.js";
import { nameFromTitle } from "../src/naming.js";
import { bundleProvider } from "../src/spec/bundle.js";
import { classifyPage, endpointLine } from "../src/vendor/index/classify-page.js";
import { loadIndex } from "../src/vendor/index/index-source.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { loadSource } from "../src/vendor/read-input.js";
import { decodeText } from "../src/vendor/text-decoding.js";
import { catchInputError, removedAfterEach, tempRepo } from "./helpers.js";

const temp = removedAfterEach(tempRepo);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A single-operation document without operationId, as many pages embed. */
const SPEC = [
  "openapi: 3.0.3",
  'info: {title: Acme API, version: "1"}',
  'servers: [{url: "https://api.acme.example"}]',
  "paths:",
  "  /widgets:",
  "    post:",
  '      responses: {"200": {description: OK}}',
];
const page = (...lines: string[]) => `${lines.join("\n")}\n`;
const fenced = (spec = SPEC) => ["```yaml", ...spec, "```"];

function vendor(text: string, file = "create-widget.md") {
  const root = temp([]);
  return planVendor([{ file, text }], { root, provider: "acme", date: "2026-01-01" });
}
const methodOf = (text: string) => vendor(text).results[0]!.methods[0]!.name;

describe("a page's text", () => {
  it("is read from UTF-16 with its byte order mark, and refused in another encoding at the line it breaks", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("# Acme\n- [W](x.md)\n", "utf16le")]);
    expect(decodeText(utf16)).toEqual({ text: "# Acme\n- [W](x.md)\n" });
    const cp1252 = Buffer.concat([
      Buffer.from("# Title\n\nCaf"),
      Buffer.from([0xe9]),
      Buffer.from(" menu\n"),
    ]);
    expect(decodeText(cp1252)).toEqual({
      problem: "is not UTF-8 text: byte 0xe9 on line 3 (probably Windows-1252 or Latin-1; save it as UTF-8)",
      line: 3,
    });
  });

  it("of an index saved as UTF-16 (PowerShell's `>`) is read, not a stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-pages-"));
    dirs.push(dir);
    const index = join(dir, "llms.txt");
    writeFileSync(
      index,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from("# Acme\n\n- [Create widget](https://docs.acme.example/create-widget.md)\n", "utf16le"),
      ]),
    );
    const loaded = await loadIndex(index, { cwd: dir, allowHosts: [], fetcher: new PoliteFetcher() });
    expect(loaded.pages.map((p) => p.url)).toEqual(["https://docs.acme.example/create-widget.md"]);
  });

  it("may open with a byte order mark, before its title or right before its block", () => {
    expect(methodOf(page("\uFEFF# Create widget", "", ...fenced()))).toBe("createWidget");
    expect(vendor(page(`\uFEFF${fenced()[0]}`, ...fenced().slice(1))).results).toHaveLength(1);
  });
});

describe("an index saved to disk", () => {
  it("resolves its relative links against the site its absolute ones are on, and names every one it cannot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-pages-"));
    dirs.push(dir);
    const load = async (lines: string[]) => {
      writeFileSync(join(dir, "llms.txt"), page("# Acme", "", ...lines));
      return loadIndex(join(dir, "llms.txt"), { cwd: dir, allowHosts: [], fetcher: new PoliteFetcher() });
    };
    const mixed = await load([
      "- [Create widget](https://docs.acme.example/api/create-widget.md)",
      "- [Get widget](/api/get-widget.md#response)",
    ]);
    expect(mixed.pages.map((p) => p.url)).toEqual([
      "https://docs.acme.example/api/create-widget.md",
      "https://docs.acme.example/api/get-widget.md",
    ]);
    const error = (await load([
      "- [Create widget](/api/create-widget.md)",
      "- [Get widget](get-widget.md)",
    ]).then(
      () => new Error("expected the index to be refused"),
      (e: unknown) => e,
    )) as Error;
    expect(error.message.replaceAll(`${dir}/`, "").split("\n")).toEqual([
      "2 problems:",
      "llms.txt:3: link `/api/create-widget.md` is relative, and the index has no URL and no absolute link to resolve it against: give --index the index's URL, or with the folder it was saved in, --site <the URL it was saved from>",
      "llms.txt:4: link `get-widget.md` is relative, and the index has no URL and no absolute link to resolve it against: give --index the index's URL, or with the folder it was saved in, --site <the URL it was saved from>",
    ]);
  });
});

describe("a page's title", () => {
  it("is its `#` heading, a line underlined with `===`, or its front matter's title", () => {
    expect(methodOf(page("Create widget", "=============", "", ...fenced()))).toBe("createWidget");
    expect(methodOf(page("---", 'title: "Create widget"', "description: x", "---", "", ...fenced()))).toBe(
      "createWidget",
    );
    // A page that opens with a thematic break has no front matter to hide its heading and block in.
    expect(methodOf(page("---", "# Create widget", ...fenced(), "---"))).toBe("createWidget");
    // A heading wins over the front matter, as the page shows it.
    expect(methodOf(page("---", "title: Widgets", "---", "# Create widget", ...fenced()))).toBe(
      "createWidget",
    );
  });

  it("names a method as its reader reads it: accents, components, character references and the site's name left out", () => {
    expect(nameFromTitle("Créer un widget")).toBe("creerUnWidget");
    expect(nameFromTitle("Create widget <Badge>beta</Badge>")).toBe("createWidget");
    expect(nameFromTitle("Create &amp; update widget")).toBe("createUpdateWidget");
    expect(nameFromTitle("Delete &#39;widget&#39;")).toBe("deleteWidget");
    expect(nameFromTitle("Create Widget | Acme API Reference")).toBe("createWidget");
    expect(nameFromTitle("Create a [widget](/docs/widgets)")).toBe("createWidget");
    expect(nameFromTitle("Get a user's e-mail settings")).toBe("getUserEmailSettings");
    expect(nameFromTitle("Straße anlegen")).toBe("strasseAnlegen");
    expect(methodOf(page("# Créer un widget <Badge>beta</Badge>", ...fenced()))).toBe("creerUnWidget");
  });

  it("names the operation of a page downloaded from an index, whose URL has no extension", async () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-pages-"));
    dirs.push(dir);
    // An llms-full.txt whose first page is an operation's: an index, not a document, though it opens with one.
    const index = join(dir, "llms-full.txt");
    writeFileSync(
      index,
      page("# Create widget", "Source: https://docs.acme.example/create-widget", "", ...fenced()),
    );
    const loaded = await loadIndex(index, { cwd: dir, allowHosts: [], fetcher: new PoliteFetcher() });
    expect(loaded.kind).toBe("llms-full.txt");
    expect(loaded.pages.map((p) => p.url)).toEqual(["https://docs.acme.example/create-widget"]);
    const root = temp([]);
    const plan = planVendor(
      [
        {
          file: "https://docs.acme.example/create-widget",
          text: page("# Create widget", ...fenced()),
          kind: "page",
          origin: { url: "https://docs.acme.example/create-widget", etag: null, lastModified: null },
        },
      ],
      { root, provider: "acme", date: "2026-01-01" },
    );
    expect(plan.results[0]!.methods.map((m) => [m.name, m.from])).toEqual([["createWidget", "page title"]]);
  });
});

describe("a page's OpenAPI block", () => {
  it("that the page ends inside (never closed: a page cut short) is refused at its fence", () => {
    const error = catchInputError(() => vendor(page("# Create widget", "", ...fenced().slice(0, -1))));
    expect(error.message).toBe(
      "create-widget.md:3: the fence opened here (```) is never closed, so the OpenAPI block runs to the end of the page and may be cut short: close it, or vendor the page as published in full",
    );
    // A JSON block cut short mid-string: the cut, not the JSON error the cut end makes.
    const json = JSON.stringify(
      {
        openapi: "3.1.0",
        info: { title: "Acme", version: "1" },
        paths: {
          "/widgets": { post: { summary: "Create a widget with a long description", responses: {} } },
        },
      },
      null,
      2,
    );
    const cut = catchInputError(() =>
      vendor(page("# Create widget", "", "```json", ...json.slice(0, json.indexOf("long") + 2).split("\n"))),
    );
    expect(cut.message).toMatch(/^create-widget\.md:3: the fence opened here \(```\) is never closed/);
  });

  it("without operations or webhooks (a page about a schema) is refused before anything is written", () => {
    const schemaOnly = [
      "openapi: 3.0.3",
      'info: {title: Acme API, version: "1"}',
      "components: {schemas: {Widget: {type: object}}}",
    ];
    const error = catchInputError(() =>
      vendor(page("# The Widget object", "", ...fenced(schemaOnly)), "widget.md"),
    );
    expect(error.message).toMatch(
      /^widget\.md:4: defines no operations or webhooks \(a page about schemas\?\)/,
    );
    // An index skips it as such.
    expect(classifyPage(page("# The Widget object", ...fenced(schemaOnly)), "widget.md").kind).toBe(
      "schema-only",
    );
  });

  it("whose operations YAML does not see is refused at the line a reader sees one, in a page and in an index", () => {
    const nbsp = SPEC.map((line) => line.replace(/^ +/, (spaces) => "\u00a0".repeat(spaces.length)));
    const error = catchInputError(() => vendor(page("# Create widget", "", ...fenced(nbsp))));
    expect(error.message).toMatch(
      /^create-widget\.md:8: defines no operations or webhooks that can be read: this line is indented with non-breaking spaces \(U\+00A0\)/,
    );
    const outcome = classifyPage(page("# Create widget", "", ...fenced(nbsp)), "create-widget.md");
    expect(outcome.kind === "failed" && outcome.error.line).toBe(8);
    const upper = SPEC.map((line) => line.replace("post:", "POST:"));
    expect(catchInputError(() => vendor(page(...fenced(upper)))).message).toMatch(
      /^create-widget\.md:7: .*this line has an upper-case method key/,
    );
  });

  it('beside a configuration that names where a document is (`"openapi": "https://…"`) is the only one', () => {
    const config = [
      "```json docs.json",
      "{",
      '  "openapi": "https://api.acme.example/openapi.json"',
      "}",
      "```",
    ];
    const both = page("# Create widget", ...config, ...fenced());
    expect(vendor(both).results.map((r) => r.provenance.operations)).toEqual([["POST /widgets"]]);
    // A guide with only the configuration is a guide.
    expect(classifyPage(page("# Docs tooling", ...config), "tooling.md").kind).toBe("no-spec");
  });
});

describe("where a page's OpenAPI block is", () => {
  it("is read inside a blockquote and under a tab-indented list item", () => {
    const quoted = page(
      "# Create widget",
      "",
      ...fenced().map((line) => `> ${line}`),
      "",
      "After the quote.",
    );
    expect(vendor(quoted).results[0]!.provenance.operations).toEqual(["POST /widgets"]);
    const tabbed = page(
      "# Create widget",
      "",
      "1. The document:",
      "",
      ...fenced().map((line) => `\t${line}`),
    );
    expect(vendor(tabbed).results[0]!.provenance.operations).toEqual(["POST /widgets"]);
  });

  it("is not one inside an HTML comment (an older version left in the page)", () => {
    const older = SPEC.map((line) => line.replace('version: "1"', 'version: "0.9"'));
    const text = page("# Create widget", "<!-- the old version", ...fenced(older), "-->", "", ...fenced());
    const plan = vendor(text);
    expect(plan.results).toHaveLength(1);
    expect(plan.results[0]!.provenance.sha256).toBeDefined();
    expect(
      vendor(text)
        .transaction.staged()
        .some(([, content]) => content?.includes('version: "0.9"')),
    ).toBe(false);
    // A comment never closed hides nothing.
    expect(vendor(page("# Create widget", "<!-- a note", "", ...fenced())).results).toHaveLength(1);
  });

  it("is said to be swallowed by a block before it that is not closed", () => {
    const text = page(
      "# Create widget",
      "",
      "```bash",
      "curl https://api.acme.example/widgets",
      "",
      ...fenced(),
    );
    expect(catchInputError(() => vendor(text)).message).toBe(
      "create-widget.md:3: the ```bash block opened here is not closed before the OpenAPI block at line 6, which it runs on into: close it",
    );
  });

  it("is a document minified onto one line in an unlabelled block, vendored as JSON", () => {
    const minified = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "Acme API", version: "1" },
      servers: [{ url: "https://api.acme.example" }],
      paths: { "/widgets": { post: { responses: { "200": { description: "OK" } } } } },
    });
    const plan = vendor(page("# Create widget", "```", minified, "```"));
    expect(plan.results[0]!.specPath).toBe("specs/acme/post-widgets.json");
  });

  it("holding two YAML documents is refused as such, not in the parser's words", () => {
    const two = page("# Create widget", "```yaml", ...SPEC, "---", ...SPEC, "```");
    expect(catchInputError(() => vendor(two)).message).toBe(
      "create-widget.md:10:1: holds more than one YAML document (a `---` line starts another): an OpenAPI document is one",
    );
  });

  it("is not a configuration's `swagger:` section beside it", () => {
    const config = ["```yaml", "swagger:", "  enabled: true", "```"];
    expect(vendor(page("# Create widget", ...config, ...fenced())).results).toHaveLength(1);
  });
});

describe("a page vendored again under another title", () => {
  it("keeps the method name its first title gave, across any number of retitles", async () => {
    const root = temp([]);
    const vendorTitled = (title: string) =>
      planVendor([{ file: "delete-widget.md", text: page(`# ${title}`, ...fenced()) }], {
        root,
        provider: "acme",
        date: "2026-01-01",
      }).transaction.commit();
    const methodName = async () => {
      const bundle = await bundleProvider(root, "acme");
      return bundle.document.paths!["/widgets"]!.post.operationId;
    };
    vendorTitled("Create widget");
    expect(await methodName()).toBe("createWidget");
    vendorTitled("Make a new widget");
    const provenance = JSON.parse(
      readFileSync(join(root, "specs/acme/post-widgets.provenance.json"), "utf8"),
    );
    expect([provenance.title, provenance.nameTitle]).toEqual(["Make a new widget", "Create widget"]);
    expect(await methodName()).toBe("createWidget");
    vendorTitled("Widget creation");
    expect(await methodName()).toBe("createWidget");
  });

  it("records no name title for a page without a heading, whose title is its document's info.title", () => {
    const root = temp([]);
    const vendorInfo = (title: string) =>
      planVendor([{ file: "w.md", text: page(...fenced(SPEC.map((l) => l.replace("Acme API", title)))) }], {
        root,
        provider: "acme",
        date: "2026-01-01",
      }).transaction.commit();
    vendorInfo("Acme API");
    vendorInfo("Acme API v2");
    const provenance = JSON.parse(
      readFileSync(join(root, "specs/acme/post-widgets.provenance.json"), "utf8"),
    );
    expect(provenance.title).toBe("Acme API v2");
    expect(provenance).not.toHaveProperty("nameTitle");
  });
});

describe("pages whose operationIds are bare verbs (Fern's `create`)", () => {
  it("are vendored under their method and path, so one resource's page never takes another's file", () => {
    const withId = (path: string) =>
      page(
        "# Create",
        ...fenced(
          SPEC.map((l) =>
            l
              .replace("/widgets:", `${path}:`)
              .replace("post:", "post: {operationId: create, responses: {'200': {description: OK}}}"),
          ).filter((l) => !l.includes('responses: {"200"')),
        ),
      );
    const root = temp([]);
    const plan = planVendor(
      [
        { file: "create-widget.md", text: withId("/widgets") },
        { file: "create-gadget.md", text: withId("/gadgets") },
      ],
      { root, provider: "acme", date: "2026-01-01" },
    );
    // Taken in the order of their names.
    expect(plan.results.map((r) => [r.file, r.specPath])).toEqual([
      ["create-gadget.md", "specs/acme/post-gadgets.yaml"],
      ["create-widget.md", "specs/acme/post-widgets.yaml"],
    ]);
  });
});

describe("a block labelled JSON that is no JSON", () => {
  it("is refused as JSON, at its place, where YAML would read it some other way", () => {
    const jsonc = [
      "```jsonc",
      "{",
      '  "openapi": "3.0.3", // the version',
      '  "info": {"title": "Acme API", "version": "1"},',
      '  "paths": {"/widgets": {"post": {"responses": {"200": {"description": "OK"}}}}}',
      "}",
      "```",
    ];
    // YAML reads the comment as part of the version and the `info` key with it.
    expect(catchInputError(() => vendor(page("# Create widget", ...jsonc))).message).toBe(
      "create-widget.md:4:23: a block labelled jsonc is not valid JSON: it has comments, which JSON does not allow (JSONC): vendor the document itself, or a page without them",
    );
    const escaped = ["```json", "{&quot;openapi&quot;: &quot;3.0.3&quot;, &quot;paths&quot;: {}}", "```"];
    expect(catchInputError(() => vendor(page(...escaped))).message).toMatch(
      /^create-widget\.md:2:2: a block labelled json is not valid JSON: its quotes are written as `&quot;`/,
    );
  });
});

describe("a page with several OpenAPI blocks", () => {
  const json = (value: object) => ["```json", JSON.stringify(value), "```"];
  const info = { openapi: "3.1.0", info: { title: "Acme API", version: "1" } };
  const servers = [{ url: "https://api.acme.example" }];
  const ok = { responses: { "200": { description: "OK" } } };

  it("takes the one document shown twice (a YAML and a JSON tab) once", () => {
    const yaml = fenced();
    const sameAsJson = {
      openapi: "3.0.3",
      info: { title: "Acme API", version: "1" },
      servers,
      paths: { "/widgets": { post: ok } },
    };
    const plan = vendor(page("# Create widget", ...yaml, ...json(sameAsJson)));
    expect(plan.results.map((r) => r.provenance.operations)).toEqual([["POST /widgets"]]);
  });

  it("leaves out a block of schemas beside the operation's own (GitBook's models), unless the operation needs them", () => {
    const models = { ...info, components: { schemas: { Widget: { type: "object" } } } };
    const operation = {
      ...info,
      servers,
      paths: { "/widgets": { post: { operationId: "createWidget", ...ok } } },
    };
    const plan = vendor(page("# Widgets", ...json(models), "## Create a widget", ...json(operation)));
    expect(plan.results.map((r) => r.provenance.operations)).toEqual([["POST /widgets"]]);
    expect(classifyPage(page("# Widgets", ...json(models), ...json(operation)), "w.md").kind).toBe("spec");
    const needing = {
      ...operation,
      paths: {
        "/widgets": {
          post: {
            operationId: "createWidget",
            responses: {
              "200": {
                description: "OK",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } },
              },
            },
          },
        },
      },
    };
    expect(
      catchInputError(() => vendor(page("# Widgets", ...json(models), ...json(needing)))).message,
    ).toMatch(/2 fenced blocks hold an OpenAPI document \(lines 2, 5\)/);
    // Two documents of different operations are still two.
    const other = { ...operation, paths: { "/gadgets": { get: ok } } };
    expect(catchInputError(() => vendor(page(...json(operation), ...json(other)))).message).toMatch(
      /2 fenced blocks hold an OpenAPI document/,
    );
  });

  it("that define different things (an operation and its callback) are refused saying what each defines and what to do", () => {
    const operation = { ...info, servers, paths: { "/widgets": { post: ok } } };
    const callback = { ...info, webhooks: { "widget.created": { post: ok } } };
    const text = page("# Create widget", ...json(operation), "## Callback", ...json(callback));
    const expected =
      "create-widget.md:6: 2 fenced blocks hold an OpenAPI document (lines 2, 6): line 2 defines POST /widgets; line 6 defines webhook widget.created. A page must embed exactly one, so which is the page's cannot be told: vendor the provider's complete document instead (its URL or file)";
    expect(catchInputError(() => vendor(text)).message).toBe(expected);
    const outcome = classifyPage(text, "create-widget.md");
    expect(outcome.kind === "failed" && outcome.error.message).toBe(expected);
  });
});

describe("a document whose server URL has variables", () => {
  it("names its provider from the URL with the variables at their defaults, as the client calls it", () => {
    for (const server of [
      '{url: "https://{region}.api.acme.example/v1", variables: {region: {default: us}}}',
      '{url: "{baseUrl}/v1", variables: {baseUrl: {default: "https://api.acme.example"}}}',
    ]) {
      const spec = SPEC.map((line) => (line.startsWith("servers:") ? `servers: [${server}]` : line));
      const root = temp([]);
      const error = catchInputError(() =>
        planVendor([{ file: "create-widget.md", text: page("# Create widget", ...fenced(spec)) }], {
          root,
          date: "2026-01-01",
        }),
      );
      expect(error.message, server).toMatch(
        /unknown provider "acme" \(from https:\/\/(us\.)?api\.acme\.example\/v1\)/,
      );
    }
  });
});

describe("an upper-case method key beside operations", () => {
  it("is a problem at its line with the overlay that moves it, not an operation silently missing", async () => {
    const text = page(
      ...SPEC,
      "  /gadgets:",
      "    get:",
      '      responses: {"200": {description: OK}}',
      "    DELETE:",
      '      responses: {"204": {description: gone}}',
    );
    const root = temp([]);
    planVendor([{ file: "acme.yaml", text }], {
      root,
      provider: "acme",
      date: "2026-01-01",
    }).transaction.commit();
    const { error } = await checkProvider(root, "acme");
    // One problem, then the overlay that fixes it, which is no second problem.
    expect(error?.message).toMatch(/^1 problem:\n/);
    expect(error?.message).toContain(
      "specs/acme/acme.yaml:11: `DELETE` is no operation: OpenAPI's method keys are lower case (`delete`), so it is not generated",
    );
    expect(error?.message).toContain("target: $.paths['/gadgets']");
  });
});

describe("an MDX page", () => {
  it("that names its operation in front matter (Mintlify's `openapi: POST /path`) is reported as that endpoint", () => {
    const text = page(
      "---",
      "title: Create widget",
      "openapi: POST /widgets",
      "---",
      "",
      "Creates a widget.",
    );
    expect(endpointLine(text)).toBe("POST /widgets");
    expect(classifyPage(text, "create-widget.mdx")).toEqual({
      kind: "endpoint-only",
      endpoint: "POST /widgets",
    });
    expect(endpointLine(page("---", "openapi: openapi.json webhook widget.created", "---"))).toBe(
      "webhook widget.created",
    );
  });
});

describe("a page whose OpenAPI document is in no fenced block", () => {
  const readme = JSON.stringify({ codes: [{ code: `${SPEC.join("\n")}\n`, language: "yaml" }] }, null, 2);
  const escaped = SPEC.join("\n").replaceAll('"', "&quot;");
  const forms: Array<[string, string, string]> = [
    [
      "indented",
      page("# Create widget", "", ...SPEC.map((l) => `    ${l}`)),
      "3:5: an OpenAPI document starts here in an indented code block",
    ],
    [
      "html",
      page("# Create widget", "", `<pre><code class="language-yaml">${escaped}</code></pre>`),
      "3:34: an OpenAPI document starts here in an HTML `<pre>`/`<code>` block, as escaped text",
    ],
    [
      "readme",
      page("# Create widget", "", "[block:code]", readme, "[/block]"),
      "7:16: an OpenAPI document starts here in a ReadMe `[block:code]` block, as a JSON string",
    ],
    [
      "mdx",
      page("# Create widget", "", '<CodeBlock language="yaml">', `{\`${SPEC.join("\n")}\`}`, "</CodeBlock>"),
      "4:3: an OpenAPI document starts here in an MDX component's JavaScript template literal (<CodeBlock>{`…`})",
    ],
    [
      "unfenced",
      page("# Create widget", "", ...SPEC),
      "3:1: an OpenAPI document starts here outside any code block (the page's fences were lost)",
    ],
  ];

  it("is refused where it starts, saying where it is and what to do", () => {
    for (const [name, text, expected] of forms) {
      const error = catchInputError(() => vendor(text));
      expect(error.message, name).toBe(
        `create-widget.md:${expected}, which is not read: only a fenced code block (\`\`\`yaml or \`\`\`json) is. Vendor the document itself (its URL or file), or save the page with the document in a fenced block`,
      );
    }
  });

  it("fails in an index, so what was vendored from it is kept rather than removed as a guide's", () => {
    for (const [name, text] of forms)
      expect(classifyPage(text, "create-widget.md").kind, name).toBe("failed");
    // A guide that names the key in prose is a guide.
    const guide = page(
      "# Write a spec",
      "",
      "Start the file with `openapi: 3.1.0`, then",
      "openapi: the version key.",
    );
    expect(classifyPage(guide, "guide.md").kind).toBe("no-spec");
  });
});

describe("a page with several broken OpenAPI blocks", () => {
  it("is refused with every one of them, not the first alone, in a page and in an index", () => {
    const broken = SPEC.map((line) => line.replace("    post:", "    post: [")); // a flow sequence never closed
    const json = ["```json", '{"openapi": "3.1.0", "paths": {', "```"];
    const text = page("# Create widget", ...fenced(broken), "", "## Callback", ...json);
    const error = catchInputError(() => vendor(text));
    expect(error.message.split("\n").map((line) => line.replace(/: .*/, ""))).toEqual([
      "2 problems:",
      "create-widget.md:10:1",
      "create-widget.md:15:1",
    ]);
    const outcome = classifyPage(text, "create-widget.md");
    expect(outcome.kind === "failed" && outcome.error.message.split("\n")).toHaveLength(3);
  });
});

describe("the format a document is vendored in", () => {
  const json = JSON.stringify(
    {
      openapi: "3.0.3",
      info: { title: "Acme API", version: "1" },
      servers: [{ url: "https://api.acme.example" }],
      paths: { "/widgets": { post: { responses: { "200": { description: "OK" } } } } },
    },
    null,
    2,
  ).split("\n");
  it("is what its text is, whatever its fence calls it", () => {
    for (const fence of ["```javascript", "``` {.json}", "```yaml", "```"]) {
      const plan = vendor(page("# Create widget", fence, ...json, "```"));
      expect(plan.results[0]!.specPath, fence).toBe("specs/acme/post-widgets.json");
    }
  });

  it("is YAML for a YAML flow mapping, which only starts like JSON", () => {
    const flow = `{openapi: 3.0.3, info: {title: Acme API, version: "1"}, paths: {/widgets: {post: {responses: {"200": {description: OK}}}}}}\n`;
    const source = loadSource({ file: "https://api.acme.example/openapi", text: flow, kind: "spec" });
    expect(source.format).toBe("yaml");
  });
});

describe("a block that holds a fragment of a document (a path item, an operation)", () => {
  const pathItem = SPEC.slice(4).map((line) => line.slice(2)); // `/widgets:` and its `post:`
  const operation = SPEC.slice(5).map((line) => line.slice(4)); // `post:` alone

  it("is refused as a fragment at its key, when it is all the page has", () => {
    expect(catchInputError(() => vendor(page("# Create widget", "", ...fenced(pathItem)))).message).toBe(
      "create-widget.md:4:1: holds a fragment of an OpenAPI document (the path `/widgets`), not a document: without `openapi: 3.x` and the rest of its document it cannot be vendored. Vendor the provider's complete document, or a page that embeds one",
    );
    expect(catchInputError(() => vendor(page("# Create widget", ...fenced(operation)))).message).toMatch(
      /^create-widget\.md:3:1: holds a fragment of an OpenAPI document \(a `post` operation\)/,
    );
  });

  it("is left alone beside the page's document, and in an index's guide", () => {
    expect(vendor(page("# Create widget", ...fenced(pathItem), ...fenced())).results).toHaveLength(1);
    expect(classifyPage(page("# Paths", ...fenced(pathItem)), "paths.md").kind).toBe("no-spec");
  });
});

describe("a page that names its operation but embeds no document", () => {
  it("is refused with what it names, and where the document is when it says", () => {
    const gitbook = page(
      "# Create widget",
      '{% openapi src="https://docs.acme.example/openapi.yaml" path="/widgets" method="post" %}',
      "{% endopenapi %}",
    );
    expect(catchInputError(() => vendor(gitbook)).message).toBe(
      "create-widget.md: no OpenAPI block: the page documents POST /widgets from the OpenAPI document at https://docs.acme.example/openapi.yaml, which it does not embed: vendor that document (npm run vendor -- https://docs.acme.example/openapi.yaml --provider <name>)",
    );
    const mdx = page("---", "title: Create widget", "openapi: POST /widgets", "---", "", "Creates a widget.");
    expect(catchInputError(() => vendor(mdx, "create-widget.mdx")).message).toBe(
      "create-widget.mdx: no OpenAPI block: the page documents POST /widgets but embeds no OpenAPI document (the site renders it from one it does not show): vendor the provider's OpenAPI document itself (its URL or file)",
    );
  });
});

describe("a Docusaurus openapi-docs page (.api.mdx)", () => {
  // The plugin's own output: front matter with the operation compressed into `api:`, then MDX components.
  const apiMdx = (endpoint: string) =>
    page(
      "---",
      "id: get-widget",
      'title: "Get widget"',
      "api: eJx1kMEKwjAQRH9lmXMp6LE3QS9+gPfQrm0gbcpmIxbJv5tU9CDoaWGGmfnMEy4KFeGsqkk6KZVrS2vNtvn0kS1rcrgKyM4G5aH8M4Jh7qGcmqJ",
      'sidebar_class_name: "get api-method"',
      "info_path: docs/acme/acme-api",
      "---",
      "",
      'import MethodEndpoint from "@theme/ApiExplorer/MethodEndpoint";',
      'import Heading from "@theme/Heading";',
      "",
      '<Heading as={"h1"} className={"openapi__heading"} children={"Get widget"}></Heading>',
      "",
      endpoint,
      "",
      "Returns a widget.",
    );

  it.each([
    [
      '<MethodEndpoint method={"get"} path={"/widgets/{id}"} context={"endpoint"}></MethodEndpoint>',
      "GET /widgets/{id}",
    ],
    ["<MethodEndpoint path={'/widgets/{id}'} method={'delete'}>", "DELETE /widgets/{id}"],
    ['<MethodEndpoint method="patch" path="/widgets/{id}" />', "PATCH /widgets/{id}"],
  ])("is refused with the operation its component names: %s", (endpoint, named) => {
    expect(catchInputError(() => vendor(apiMdx(endpoint), "get-widget.api.mdx")).message).toBe(
      `get-widget.api.mdx: no OpenAPI block: the page documents ${named} but embeds no OpenAPI document (the site renders it from one it does not show): vendor the provider's OpenAPI document itself (its URL or file)`,
    );
    expect(classifyPage(apiMdx(endpoint), "get-widget.api.mdx")).toEqual({
      kind: "endpoint-only",
      endpoint: named,
    });
  });

  it("a component without a method and a path names nothing", () => {
    expect(
      catchInputError(() => vendor(apiMdx('<MethodEndpoint method={"get"}>'), "x.api.mdx")).message,
    ).toMatch(/no fenced code block holds a document/);
  });
});

describe("a zero-width space a page converted from HTML left in its document", () => {
  it("is named in the problem it causes, not shown as nothing", async () => {
    const text = page(
      "# Create widget",
      ...fenced(SPEC.map((l) => l.replace("/widgets:", "\u200b/widgets:"))),
    );
    const root = temp([]);
    planVendor([{ file: "create-widget.md", text }], {
      root,
      provider: "acme",
      date: "2026-01-01",
    }).transaction.commit();
    const { error } = await checkProvider(root, "acme");
    expect(error?.message).toContain('the path "<U+200B>/widgets" is no path template');
    expect(error?.message).not.toContain("\u200b");
  });
});

describe("a schema whose type is another language's name for one (`int`, `datetime`)", () => {
  it("is a problem at its line with the overlay that says what it means, not a parameter typed as an object", async () => {
    const spec = [
      ...SPEC.slice(0, 6),
      "      parameters:",
      "        - {name: limit, in: query, schema: {type: int}}",
      "        - {name: since, in: query, schema: {type: datetime}}",
      "        - {name: shape, in: query, schema: {type: widget}}",
      '      responses: {"200": {description: OK}}',
    ];
    const root = temp([]);
    const text = page("# Create widget", ...fenced(spec));
    planVendor([{ file: "create-widget.md", text }], {
      root,
      provider: "acme",
      date: "2026-01-01",
    }).transaction.commit();
    const { error } = await checkProvider(root, "acme");
    const heads = (error as InputErrors).errors.map((e) => e.message.split("\n")[0]);
    expect(heads).toEqual([
      'specs/acme/post-widgets.yaml:8: `type: int` is no JSON Schema type (string, number, integer, boolean, array, object, null), so the client would type it as an object: "int" means {"type":"integer"}',
      'specs/acme/post-widgets.yaml:9: `type: datetime` is no JSON Schema type (string, number, integer, boolean, array, object, null), so the client would type it as an object: "datetime" means {"type":"string","format":"date-time"}',
      "specs/acme/post-widgets.yaml:10: `type: widget` is no JSON Schema type (string, number, integer, boolean, array, object, null), so the client would type it as an object",
      "specs/acme/overlays/spec-fixes.yaml: every fix above as one overlay: save it there, check each action (and its description), then generate again:",
    ]);
  });
});
