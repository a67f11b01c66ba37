/**
 * The rules by which one provider's vendored files become one document (src/spec/merge-documents.ts), on
 * small documents written here: operations combine per method and path, identical definitions are shared,
 * different ones are refused with both files and lines, and `info`, servers, security and tags follow rules
 * that depend only on the set of files.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { InputErrors } from "../src/errors.js";
import { type MergeSource, mergeDocuments } from "../src/spec/merge-documents.js";
import { parseYamlFile } from "../src/spec/yaml-file.js";
import { catchInputError } from "./helpers.js";

/** A vendored file `specs/acme/<name>` with the given YAML text. */
function file(name: string, text: string, vendoredAt?: string): MergeSource {
  const parsed = parseYamlFile(`/repo/specs/acme/${name}`, "/repo", text);
  return { file: parsed.file, document: structuredClone(parsed.value), lineOf: parsed.lineOf, vendoredAt };
}

const head = (info = "  title: Acme API\n  version: 1.0.0\n") =>
  `openapi: 3.1.0\ninfo:\n${info}servers:\n  - url: https://api.acme.example\n`;

const TRUNK = `    Trunk:
      type: object
      properties:
        id:
          type: string
`;

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, i) =>
        permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
      );

describe("operations", () => {
  const get = () =>
    file(
      "get-trunk.yaml",
      `${head()}paths:
  /trunks/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: string
    get:
      summary: Get a trunk
      responses:
        '200':
          description: The trunk.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Trunk'
components:
  schemas:
${TRUNK}`,
    );
  const remove = (description = "Gone.") =>
    file(
      "delete-trunk.yaml",
      `${head()}paths:
  /trunks/{id}:
    delete:
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '204':
          description: ${description}
`,
    );
  const list = () =>
    file(
      "list-trunks.yaml",
      `${head()}paths:
  /trunks:
    get:
      responses:
        '200':
          description: The trunks.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Trunk'
components:
  schemas:
${TRUNK}`,
    );

  it("combine any number on one path from any number of files, sharing identical components, in any order", () => {
    const bundles = permutations([get, remove, list]).map((order) =>
      mergeDocuments(
        order.map((f) => f()),
        "acme",
      ),
    );
    for (const bundle of bundles) expect(isDeepStrictEqual(bundle, bundles[0])).toBe(true);
    const [bundle] = bundles;
    expect(Object.keys(bundle!.paths!)).toEqual(["/trunks", "/trunks/{id}"]);
    expect(Object.keys(bundle!.paths!["/trunks/{id}"]!)).toEqual(["get", "delete"]);
    expect(Object.keys(bundle!.components!.schemas!)).toEqual(["Trunk"]);
  });

  it("combine a components section of the provider's own by name, as pages carry the entries they reach (Spotify's x-spotify-policy)", () => {
    const page = (name: string, path: string, policies: string[]) =>
      file(
        name,
        `${head()}paths:
  ${path}:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: string
                x-policy-list: [${policies.map((p) => `{ $ref: "#/components/x-policy/${p}" }`).join(", ")}]
components:
  x-policy:
${policies.map((p) => `    ${p}: {}`).join("\n")}
  x-note: one page's
`,
      );
    const orders = permutations([
      () => page("a.yaml", "/albums", ["Preview"]),
      () => page("b.yaml", "/tracks", ["Preview", "Download"]),
    ]).map((order) =>
      mergeDocuments(
        order.map((f) => f()),
        "acme",
      ),
    );
    for (const bundle of orders) expect(bundle).toEqual(orders[0]);
    const components = orders[0]!.components as Record<string, unknown>;
    expect(components["x-policy"]).toEqual({ Download: {}, Preview: {} });
    expect(components["x-note"]).toBe("one page's");
  });

  it("move path-level parameters the files disagree on into each file's operations", () => {
    const bundle = mergeDocuments([remove(), get()], "acme");
    const item = bundle.paths!["/trunks/{id}"]!;
    expect(item.parameters).toBeUndefined();
    expect(item.get.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
    ]);
    expect(item.delete.parameters).toHaveLength(1);
    // Files that agree keep them on the path.
    const again = { ...get(), file: "specs/acme/get-trunk-again.yaml" };
    expect(mergeDocuments([get(), again], "acme").paths!["/trunks/{id}"]!.parameters).toHaveLength(1);
  });

  it("keep one of an operation defined identically in two files", () => {
    const copy = { ...remove(), file: "specs/acme/delete-trunk-copy.yaml" };
    const bundle = mergeDocuments([remove(), copy], "acme");
    expect(Object.keys(bundle.paths!["/trunks/{id}"]!)).toEqual(["delete"]);
  });

  it("refuse an operation defined differently in two files, naming both files and lines, the difference and the remedy", () => {
    const other = { ...remove("Deleted, with its numbers."), file: "specs/acme/remove-trunk.yaml" };
    const error = catchInputError(() => mergeDocuments([remove(), other], "acme"));
    expect(error.file).toBe("specs/acme/remove-trunk.yaml");
    expect(error.line).toBe(9);
    expect(error.detail).toBe(
      'DELETE /trunks/{id} is also defined in specs/acme/delete-trunk.yaml:9, differently (at responses["204"].description: ' +
        '"Gone." there, "Deleted, with its numbers." here). An operation has one definition per provider: delete the vendored ' +
        "file that is out of date (with its .provenance.json) or vendor the current page again, or make the two agree with an overlay",
    );
  });

  it("compare operations with what their path item gives them", () => {
    // GET with a path-level parameter and GET with the same parameter on the operation are one definition.
    const sameGet = { ...get(), file: "specs/acme/get-trunk-2.yaml" };
    const item = sameGet.document.paths!["/trunks/{id}"]!;
    item.get.parameters = item.parameters;
    delete item.parameters;
    const bundle = mergeDocuments([get(), sameGet], "acme");
    expect(Object.keys(bundle.paths!["/trunks/{id}"]!)).toEqual(["get"]);
  });

  it("of a page whose parameter refers into a path another page holds are merged, the reference kept", () => {
    // A site's page copies its operation, and a `$ref` into another operation's parameters stays as written:
    // it dangles in its own file and resolves in the merged document. Its path's second page made the merge
    // compare the two (path-level parameters), which crashed on the reference.
    const logs = () =>
      file(
        "list-logs.yaml",
        `${head()}paths:
  /companies/{id}/logs:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: string
    get:
      parameters:
        - $ref: '#/paths/~1companies/get/parameters/0'
      responses:
        '200':
          description: The logs.
`,
      );
    const deleteLogs = () =>
      file(
        "delete-logs.yaml",
        `${head()}paths:
  /companies/{id}/logs:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: string
    delete:
      responses:
        '204':
          description: Deleted.
`,
      );
    const companies = () =>
      file(
        "list-companies.yaml",
        `${head()}paths:
  /companies:
    get:
      parameters:
        - name: page
          in: query
          schema:
            type: integer
      responses:
        '200':
          description: The companies.
`,
      );
    for (const order of permutations([logs, deleteLogs, companies])) {
      const bundle = mergeDocuments(
        order.map((make) => make()),
        "acme",
      );
      expect(bundle.paths!["/companies/{id}/logs"]!.get.parameters).toEqual([
        { $ref: "#/paths/~1companies/get/parameters/0" },
      ]);
      expect(Object.keys(bundle.paths!["/companies/{id}/logs"]!)).toEqual(["parameters", "get", "delete"]);
      expect(Object.keys(bundle.paths!)).toEqual(
        expect.arrayContaining(["/companies", "/companies/{id}/logs"]),
      );
    }
  });
});

describe("components", () => {
  const withError = (name: string, code: string, vendoredAt: string) =>
    file(
      name,
      `${head()}paths:
  /${name.replace(".yaml", "")}:
    get:
      responses:
        '404':
          description: Not found.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Error'
components:
  schemas:
    Error:
      type: object
      properties:
        code:
          type: ${code}
${TRUNK}`,
      vendoredAt,
    );

  it("with one name and different content are refused, every clash at once, naming both files, lines and dates", () => {
    const a = withError("a.yaml", "integer", "2026-01-10");
    const b = withError("b.yaml", "string", "2026-03-02");
    const c = withError("c.yaml", "boolean", "2026-03-02");
    const error = catchInputError(() => mergeDocuments([a, b, c], "acme"));
    expect(error).toBeInstanceOf(InputErrors);
    const problems = (error as InputErrors).errors;
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      "specs/acme/b.yaml:19",
      "specs/acme/c.yaml:19",
    ]);
    expect(problems[0]!.detail).toMatch(
      /^components\.schemas\.Error differs from the one in specs\/acme\/a\.yaml:19 \(vendored 2026-01-10\): at properties\.code\.type, "integer" there, "string" here \(vendored 2026-03-02\)\. .*sync that page again .*if one file is a newer version of the other's whole API, remove the older one \(`git rm specs\/acme\/a\.yaml specs\/acme\/a\.provenance\.json`\)\. .*x-switchboard-rename: <NewName>/,
    );
    expect(error.message.split("\n")).toEqual(["2 problems:", expect.any(String), expect.any(String)]);
  });

  it("that differ only in their descriptions and examples are one, the wording of the files with the most operations kept", () => {
    const worded = (name: string, description: string, operations: string[]) =>
      file(
        name,
        `${head()}paths:
${operations.map((op) => `  /${op}:\n    get:\n      responses:\n        '404':\n          description: Not found.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Error'\n`).join("")}components:
  schemas:
    Error:
      type: object
      description: ${description}
      properties:
        code:
          type: integer
          example: ${operations.length}
        description:
          type: string
`,
      );
    const bundle = mergeDocuments(
      [worded("a.yaml", "An error.", ["a"]), worded("b.yaml", "What went wrong.", ["b", "c"])],
      "acme",
    );
    expect(bundle.components!.schemas!.Error).toMatchObject({
      description: "What went wrong.",
      properties: { code: { type: "integer", example: 2 }, description: { type: "string" } },
    });
    // A property named `description` is a name, not wording: one that differs is a clash.
    const renamed = worded("d.yaml", "An error.", ["d"]);
    const properties = (renamed.document.components as any).schemas.Error.properties;
    properties.description = { type: "integer" };
    expect(() => mergeDocuments([worded("a.yaml", "An error.", ["a"]), renamed], "acme")).toThrow(
      /components\.schemas\.Error differs/,
    );
  });

  it("can be kept apart by renaming one with x-switchboard-rename, which every $ref in its file follows", () => {
    const a = withError("a.yaml", "integer", "2026-01-10");
    const b = withError("b.yaml", "string", "2026-03-02");
    b.document.components!.schemas!.Error["x-switchboard-rename"] = "LegacyError";
    const bundle = mergeDocuments([a, b], "acme");
    expect(Object.keys(bundle.components!.schemas!)).toEqual(["Error", "LegacyError", "Trunk"]);
    expect(bundle.components!.schemas!.LegacyError).toEqual({
      type: "object",
      properties: { code: { type: "string" } },
    });
    const ref = (path: string) =>
      bundle.paths![path]!.get.responses["404"].content["application/json"].schema.$ref;
    expect([ref("/a"), ref("/b")]).toEqual([
      "#/components/schemas/Error",
      "#/components/schemas/LegacyError",
    ]);
  });

  it("renamed, stay the schemas a discriminator's mapping names, by reference or by bare name", () => {
    const events = file(
      "events.yaml",
      `${head()}paths:
  /events:
    get:
      responses:
        '200':
          description: Events.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Event'
components:
  schemas:
    Event:
      type: object
      required: [type]
      properties:
        type:
          type: string
        discriminator:
          description: a property of that name, whose mapping is data
          type: object
          properties:
            mapping:
              type: string
      discriminator:
        propertyName: type
        mapping:
          ended: '#/components/schemas/Ended'
          answered: Answered
          ringing: '#/components/schemas/Ringing'
      oneOf:
        - $ref: '#/components/schemas/Ended'
        - $ref: '#/components/schemas/Answered'
        - $ref: '#/components/schemas/Ringing'
    Ended:
      type: object
      x-switchboard-rename: CallEnded
    Answered:
      type: object
      x-switchboard-rename: CallAnswered
    Ringing:
      type: object
`,
    );
    const bundle = mergeDocuments([events], "acme");
    const event = bundle.components!.schemas!.Event;
    expect(event.discriminator.mapping).toEqual({
      ended: "#/components/schemas/CallEnded",
      answered: "CallAnswered",
      ringing: "#/components/schemas/Ringing",
    });
    expect(event.oneOf.map((ref: { $ref: string }) => ref.$ref)).toEqual([
      "#/components/schemas/CallEnded",
      "#/components/schemas/CallAnswered",
      "#/components/schemas/Ringing",
    ]);
    expect(event.properties.discriminator.properties.mapping).toEqual({ type: "string" });
  });

  it("refuses a rename to a taken or an invalid name", () => {
    const a = withError("a.yaml", "integer", "2026-01-10");
    a.document.components!.schemas!.Error["x-switchboard-rename"] = "Trunk";
    const b = withError("b.yaml", "integer", "2026-01-10");
    b.document.components!.schemas!.Error["x-switchboard-rename"] = "not/a name";
    const error = catchInputError(() => mergeDocuments([a, b], "acme")) as InputErrors;
    expect(error.errors.map((p) => p.detail)).toEqual([
      "x-switchboard-rename: components.schemas already has a component named Trunk",
      'x-switchboard-rename must be a component name (letters, digits, ".", "_", "-"), found "not/a name"',
    ]);
  });
});

describe("the rest of the document", () => {
  const doc = (name: string, info: string, operations: string[], extra = "") =>
    file(
      name,
      `${head(info)}${extra}paths:\n${operations.map((p) => `  ${p}:\n    get:\n      responses:\n        '200':\n          description: OK\n`).join("")}`,
    );

  it("info: agreed fields kept, the highest version, the words the titles share, disagreeing fields left out", () => {
    const ips = doc(
      "ips.yaml",
      "  title: Telnyx SIP Connections API\n  version: 2.0.0\n  description: API for SIP connections.\n  contact:\n    email: support@telnyx.com\n",
      ["/ips"],
    );
    const ext = doc(
      "ext.yaml",
      "  title: Telnyx External Connects API\n  version: 2.0.10\n  description: API for External connects.\n  contact:\n    email: support@telnyx.com\n",
      ["/external"],
    );
    expect(mergeDocuments([ext, ips], "telnyx").info).toEqual({
      title: "Telnyx API",
      version: "2.0.10",
      contact: { email: "support@telnyx.com" },
    });
  });

  it("info: a document with more operations than the others together speaks for the API", () => {
    const complete = doc(
      "complete.yaml",
      "  title: Acme Platform\n  version: 3.0.0\n  description: Everything.\n",
      ["/a", "/b", "/c"],
    );
    const page = doc("page.yaml", "  title: Calls\n  version: 3.0.0\n  description: Calls only.\n", ["/d"]);
    expect(mergeDocuments([complete, page], "acme").info).toEqual({
      title: "Acme Platform",
      version: "3.0.0",
      description: "Everything.",
    });
    const other = doc("other.yaml", "  title: Numbers\n  version: 3.0.0\n", ["/e"]);
    // Titles with no first word in common, equally many operations: the provider's name; a field only one
    // file has is kept.
    expect(mergeDocuments([other, page], "acme").info).toEqual({
      title: "Acme API",
      version: "3.0.0",
      description: "Calls only.",
    });
  });

  it("servers and security: the files with the most operations decide; another file keeps its own on its operations", () => {
    const main = doc(
      "main.yaml",
      "  title: Acme API\n  version: 1.0.0\n",
      ["/a", "/b"],
      "security:\n  - bearer: []\n",
    );
    const eu = doc("eu.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/c"], "security:\n  - apiKey: []\n");
    eu.document.servers = [{ url: "https://eu.acme.example" }];
    const silent = doc("silent.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/d"]);
    delete silent.document.servers;
    const bundle = mergeDocuments([eu, main, silent], "acme");
    expect(bundle.servers).toEqual([{ url: "https://api.acme.example" }]);
    expect(bundle.security).toEqual([{ bearer: [] }]);
    expect(bundle.paths!["/c"]!.get.servers).toEqual([{ url: "https://eu.acme.example" }]);
    expect(bundle.paths!["/c"]!.get.security).toEqual([{ apiKey: [] }]);
    for (const path of ["/a", "/b", "/d"]) {
      expect(bundle.paths![path]!.get.servers, path).toBeUndefined();
      expect(bundle.paths![path]!.get.security, path).toBeUndefined();
    }
  });

  it("servers that differ only in their descriptions are the same servers: kept once, with the descriptions", () => {
    const described = doc("calls.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/calls"]);
    described.document.servers = [{ url: "https://api.acme.example", description: "Production" }];
    const bare = doc("numbers.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/numbers", "/agents"]);
    const bundle = mergeDocuments([described, bare], "acme");
    expect(bundle.servers).toEqual([{ url: "https://api.acme.example", description: "Production" }]);
    expect(bundle.paths!["/calls"]!.get.servers).toBeUndefined();
    // A server variable's description is prose too; its values are not.
    const region = (description: string, values: string[]) => [
      {
        url: "https://{region}.acme.example",
        variables: { region: { default: values[0]!, enum: values, description } },
      },
    ];
    const us = doc("us.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/a"]);
    us.document.servers = region("Where the account lives", ["us", "eu"]);
    const plain = doc("plain.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/b", "/c"]);
    plain.document.servers = region("", ["us", "eu"]);
    const more = doc("more.yaml", "  title: Acme API\n  version: 1.0.0\n", ["/d"]);
    more.document.servers = region("", ["us", "eu", "ap"]);
    const regions = mergeDocuments([us, plain, more], "acme");
    expect(regions.servers).toEqual(region("Where the account lives", ["us", "eu"]));
    expect(regions.paths!["/a"]!.get.servers).toBeUndefined();
    expect(regions.paths!["/d"]!.get.servers).toEqual(region("", ["us", "eu", "ap"]));
  });

  it("tags: one per name, with the fields the files agree on", () => {
    const a = doc(
      "a.yaml",
      "  title: Acme API\n  version: 1.0.0\n",
      ["/a"],
      "tags:\n  - name: Calls\n    description: Make calls.\n",
    );
    const b = doc(
      "b.yaml",
      "  title: Acme API\n  version: 1.0.0\n",
      ["/b"],
      "tags:\n  - name: Calls\n    description: Place calls.\n  - name: Numbers\n",
    );
    expect(mergeDocuments([a, b], "acme").tags).toEqual([{ name: "Calls" }, { name: "Numbers" }]);
  });
});
