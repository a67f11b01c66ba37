/**
 * A broken provider document has a way through: `vendor` (and `check`, and `generate`) list every problem at
 * once, each at its file and line with its JSON pointer and the overlay action that fixes it; overlays apply
 * before any check, so the printed overlay, saved as it is, makes the provider generate.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../src/errors.js";
import { checkProvider } from "../src/generate/check-command.js";
import { pointerOf, specProblems } from "../src/spec/spec-checks.js";
import { parseYamlFile, readYamlValue } from "../src/spec/yaml-file.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { classifyDocument } from "../src/vendor/spec-summary.js";
import { catchInputError, removedAfterEach, repo, tempRepo } from "./helpers.js";

const temp = removedAfterEach(tempRepo);
const FIXTURE = resolve(import.meta.dirname, "fixtures", "broken-messaging.yaml");
const fixtureLine = (text: string) =>
  readFileSync(FIXTURE, "utf8")
    .split("\n")
    .findIndex((line) => line.includes(text)) + 1;

/** A repository with the telnyx specs and the broken document vendored as provider `brokenwire`. */
function vendored(): string {
  const root = temp(["telnyx"]);
  planVendor([FIXTURE], { root, provider: "brokenwire", date: "2026-01-01" }).transaction.commit();
  return root;
}

/** The overlay the last error prints (indented under its first line), as a file would hold it. */
const printedOverlay = (template: InputError) =>
  template.detail
    .split("\n")
    .slice(1)
    .map((l) => l.slice(4))
    .join("\n");

async function problems(root: string): Promise<InputError[]> {
  const { error } = await checkProvider(root, "brokenwire");
  expect(error).toBeInstanceOf(InputErrors);
  return [...(error as InputErrors).errors];
}

describe("a broken provider document", () => {
  it("lists every problem at once, each at its line, with its pointer and the overlay action that fixes it", async () => {
    const errors = await problems(vendored());
    const file = "specs/brokenwire/broken-messaging.yaml";
    const heads = errors.map((e) => `${e.file}:${e.line ?? ""}: ${e.detail.split("\n")[0]}`);
    expect(heads).toEqual([
      `${file}:${fixtureLine("NotFoundError")}: dangling $ref #/components/schemas/NotFoundError: no such component`,
      `${file}:${fixtureLine("MediaOptions")}: dangling $ref #/components/schemas/MediaOptions: no such component`,
      `${file}:${fixtureLine("- name: MessageSid")}: GET /Accounts/{AccountSid}/Messages/{MessageSid}: parameter "MessageSid" is declared both as path and query; a method has one input per name`,
      `${file}:${fixtureLine('schema: "#/components/schemas/MessagePage"')}: a bare reference "#/components/schemas/MessagePage" where a schema belongs (a $ref is written \`$ref: '#/components/schemas/MessagePage'\`)`,
      `${file}:${fixtureLine("allOf:")}: property "allOf" is a list, not a schema: the keyword \`allOf\` looks indented one level too deep`,
      "specs/brokenwire/overlays/spec-fixes.yaml:: every fix above as one overlay: save it there, check each action (and its description), then generate again:",
    ]);
    expect(errors[2]!.detail).toContain(
      "    at #/paths/~1Accounts~1{AccountSid}~1Messages~1{MessageSid}/get/parameters/0\n" +
        "    fix (overlay action):\n" +
        "      - target: $.paths['/Accounts/{AccountSid}/Messages/{MessageSid}'].get.parameters[?(@.name == 'MessageSid' && @.in == 'query')]\n",
    );
  });

  it("generates once the printed overlay is saved as it is: overlays apply before the checks", async () => {
    const root = vendored();
    const template = (await problems(root)).at(-1)!;
    const overlay = printedOverlay(template);
    expect(load(overlay)).toMatchObject({ overlay: "1.0.0", actions: expect.any(Array) });
    mkdirSync(join(root, "specs", "brokenwire", "overlays"), { recursive: true });
    writeFileSync(join(root, template.file), `${overlay}\n`);
    const { error, operations } = await checkProvider(root, "brokenwire");
    expect(error?.message).toBeUndefined();
    expect(operations).toBe(3);
  });

  it("takes the overlay as JSON too, as the Overlay standard allows", async () => {
    const root = vendored();
    const template = (await problems(root)).at(-1)!;
    mkdirSync(join(root, "specs", "brokenwire", "overlays"), { recursive: true });
    writeFileSync(
      join(root, template.file.replace(/\.yaml$/, ".json")),
      JSON.stringify(load(printedOverlay(template)), null, 2),
    );
    expect((await checkProvider(root, "brokenwire")).error?.message).toBeUndefined();
  });

  it("reports a security requirement naming an undeclared scheme, with the overlay that declares it", async () => {
    const root = temp(["telnyx"]);
    const document = [
      "openapi: 3.0.3",
      "info: {title: Keyed, version: '1'}",
      "servers: [{url: 'https://api.keyed.test'}]",
      "paths:",
      "  /status:",
      "    get:",
      "      operationId: getStatus",
      "      security:",
      "        - api_key: []",
      "      responses: {'200': {description: ok}}",
      "  /cache:",
      "    get:",
      "      operationId: getCache",
      "      security: [{api_key: []}]",
      "      responses: {'200': {description: ok}}",
      "",
    ].join("\n");
    const input = join(root, "keyed.yaml");
    writeFileSync(input, document);
    planVendor([input], { root, provider: "keyed", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "keyed");
    const [problem, template] = (error as InputErrors).errors;
    expect(problem!.message.split("\n")[0]).toBe(
      'specs/keyed/keyed.yaml:9: security requirement names "api_key", which components.securitySchemes does not declare (so do 1 more requirement)',
    );
    expect(problem!.detail).toContain("    at #/paths/~1status/get/security/0/api_key\n");
    // The printed overlay, its placeholder filled in as its description asks, makes the provider generate.
    const overlay = printedOverlay(template!).replace("<the header the documentation names>", "X-Api-Key");
    mkdirSync(join(root, "specs", "keyed", "overlays"), { recursive: true });
    writeFileSync(join(root, template!.file), `${overlay}\n`);
    writeFileSync(join(root, "specs", "keyed", "switchboard.yaml"), "credentials:\n  api_key: apiKey\n");
    expect((await checkProvider(root, "keyed")).error?.message).toBeUndefined();
  });

  it("reports a request body on a GET or HEAD, which fetch cannot send, unless it holds nothing or is a WebSocket's", async () => {
    const root = temp(["telnyx"]);
    const document = [
      "openapi: 3.0.3",
      "info: {title: Searchy, version: '1'}",
      "servers: [{url: 'https://api.searchy.test'}]",
      "paths:",
      "  /search:",
      "    get:",
      "      operationId: search",
      "      requestBody:",
      "        required: true",
      "        content: {application/json: {schema: {type: object, properties: {query: {type: string}}}}}",
      "      responses: {'200': {description: ok}}",
      "  /exists:",
      "    head:",
      "      operationId: exists",
      "      requestBody: {$ref: '#/components/requestBodies/Probe'}",
      "      responses: {'200': {description: ok}}",
      // Stripe's shape: an optional form that declares nothing, so no call passes one.
      "  /account:",
      "    get:",
      "      operationId: getAccount",
      "      requestBody:",
      "        content:",
      "          application/x-www-form-urlencoded:",
      "            schema: {type: object, properties: {}, additionalProperties: false}",
      "      responses: {'200': {description: ok}}",
      // Telnyx's speech-to-text stream: its body is the socket's frames, and the client leaves it out.
      "  /stream:",
      "    get:",
      "      operationId: stream",
      "      servers: [{url: 'wss://api.searchy.test'}]",
      "      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}",
      "      responses: {'101': {description: switching}}",
      "components:",
      "  requestBodies:",
      "    Probe: {content: {application/json: {schema: {type: object, additionalProperties: true}}}}",
      "",
    ].join("\n");
    const input = join(root, "searchy.yaml");
    writeFileSync(input, document);
    planVendor([input], { root, provider: "searchy", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "searchy");
    const errors = (error as InputErrors).errors;
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.detail.split("\n")[0]}`)).toEqual([
      "specs/searchy/searchy.yaml:8: GET /search declares a request body, which fetch cannot send: it refuses a GET with a body, so a call that passed one would fail before reaching the server",
      "specs/searchy/searchy.yaml:15: HEAD /exists declares a request body, which fetch cannot send: it refuses a HEAD with a body, so a call that passed one would fail before reaching the server",
      expect.stringContaining("every fix above as one overlay"),
    ]);
    expect(errors[0]!.detail).toContain("      - target: $.paths['/search'].get.requestBody\n");
    // The printed overlay, saved as it is, makes the provider generate; the body-less GETs stay.
    const template = errors.at(-1)!;
    mkdirSync(join(root, "specs", "searchy", "overlays"), { recursive: true });
    writeFileSync(join(root, template.file), `${printedOverlay(template)}\n`);
    const checked = await checkProvider(root, "searchy");
    expect(checked.error?.message).toBeUndefined();
    expect(checked.operations).toBe(3);
  });

  it("says how to target a $ref-ed parameter when a filter on its name matched nothing", async () => {
    const root = vendored();
    mkdirSync(join(root, "specs", "brokenwire", "overlays"), { recursive: true });
    writeFileSync(
      join(root, "specs", "brokenwire", "overlays", "a.yaml"),
      "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n" +
        "  - target: $.paths['/Accounts/{AccountSid}/Messages'].parameters[?(@.name == 'AccountSid')]\n" +
        "    description: the account is filled by the client\n    update: {description: filled}\n",
    );
    const errors = await problems(root).catch(() => []);
    const { error } = await checkProvider(root, "brokenwire");
    expect(errors).toEqual([]);
    expect(error?.message).toBe(
      "specs/brokenwire/overlays/a.yaml:4: action 1 (\"$.paths['/Accounts/{AccountSid}/Messages'].parameters[?(@.name == 'AccountSid')]\") " +
        "matched nothing in the spec; the parameters it filters are $refs in the spec, which a target sees as `{ $ref }` only. " +
        "#/components/parameters/AccountSid: target the component, `$.components.parameters.AccountSid` (every operation that " +
        "refers to it changes), or the reference, `$.paths['/Accounts/{AccountSid}/Messages'].parameters[?(@['$ref'] == " +
        "'#/components/parameters/AccountSid')]`",
    );
  });

  it("refuses an update that, appended to an array, repeats its values: it meant to replace it", async () => {
    const root = temp([]);
    const spec = [
      "openapi: 3.1.0",
      "info: {title: Acme, version: '1'}",
      "servers: [{url: 'https://api.acme.example'}]",
      "paths:",
      "  /calls:",
      "    get:",
      "      operationId: listCalls",
      "      responses:",
      "        '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Call'}}}}",
      "components:",
      "  schemas:",
      "    Call: {type: object, properties: {status: {type: string, enum: [queued, completd]}}}",
      "",
    ].join("\n");
    writeFileSync(join(root, "acme.yaml"), spec);
    planVendor([join(root, "acme.yaml")], {
      root,
      provider: "acme",
      date: "2026-01-01",
    }).transaction.commit();
    mkdirSync(join(root, "specs", "acme", "overlays"), { recursive: true });
    const overlay = (actions: string) =>
      writeFileSync(
        join(root, "specs", "acme", "overlays", "status.yaml"),
        `overlay: 1.0.0\ninfo: {title: status, version: '1'}\nactions:\n${actions}`,
      );
    const target = "$.components.schemas.Call.properties.status";
    overlay(
      `  - target: ${target}\n    description: the documentation spells it completed\n    update:\n      enum: [queued, completed]\n`,
    );
    expect((await checkProvider(root, "acme")).error?.message).toBe(
      "specs/acme/overlays/status.yaml:7: action 1: its `update` of `enum` is appended to the array there, which then holds a value twice: " +
        "an update adds to an array rather than replacing it. To replace it, remove it first with an action before this one: " +
        `{ target: "${target}.enum", description: …, remove: true }`,
    );
    // As the message says: removed first, then replaced.
    overlay(
      `  - target: ${target}.enum\n    description: replaced below\n    remove: true\n` +
        `  - target: ${target}\n    description: the documentation spells it completed\n    update:\n      enum: [queued, completed]\n`,
    );
    expect((await checkProvider(root, "acme")).error).toBeUndefined();
    // Adding a value the provider forgot is what an update of an array is for.
    overlay(
      `  - target: ${target}\n    description: the API also answers busy\n    update:\n      enum: [busy]\n`,
    );
    expect((await checkProvider(root, "acme")).error).toBeUndefined();
  });

  it("turns a crash inside openapi-typescript the checks do not foresee into an error at the part's line", async () => {
    const root = temp([]);
    const spec = readFileSync(FIXTURE, "utf8")
      // Fix the known defects, then add a shape only openapi-typescript trips over: `type: object` with a
      // non-object `enum` (it reads such an enum as `oneOf` branches).
      .replace(
        'schema: { $ref: "#/components/schemas/NotFoundError" }',
        "schema: { type: object, enum: [1] }",
      )
      .replace(
        "        - name: MessageSid\n          in: query\n          schema: { type: string }\n",
        "        - { name: Since, in: query, schema: { type: string } }\n",
      )
      .replace(
        'schema: "#/components/schemas/MessagePage"',
        'schema: { $ref: "#/components/schemas/MessagePage" }',
      )
      .replace('        allOf:\n          - $ref: "#/components/schemas/MediaOptions"\n', "");
    const path = join(root, "broken.yaml");
    writeFileSync(path, spec);
    planVendor([path], { root, provider: "brokenwire", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "brokenwire");
    expect(error).toBeInstanceOf(InputError);
    const line = spec.split("\n").findIndex((l) => l.includes("get:")) + 1;
    expect(error!.message).toMatch(
      new RegExp(
        `^specs/brokenwire/broken\\.yaml:${line}: openapi-typescript cannot make types of this part of the spec: ` +
          "Expected SchemaObject, received number at .*\\n {4}at #/paths/~1Accounts~1\\{AccountSid\\}~1Messages~1\\{MessageSid\\}/get\\n" +
          " {4}fix: correct or remove it with an overlay",
      ),
    );
  });

  it("blocks no other provider: the others check cleanly, and scaffolding creates their packages", async () => {
    const root = vendored();
    expect((await checkProvider(root, "telnyx")).error).toBeUndefined();
    // And a spec folder named as one of the repository's own packages, copied in by hand.
    mkdirSync(join(root, "specs", "core"), { recursive: true });
    cpSync(join(root, "specs", "telnyx"), join(root, "specs", "core"), { recursive: true });
    mkdirSync(join(root, "packages", "core"), { recursive: true });
    const coreManifest = '{ "name": "@switchboard/core", "scripts": { "build": "tsup" } }\n';
    writeFileSync(join(root, "packages", "core", "package.json"), coreManifest);
    const scaffoldOf = (...names: string[]) =>
      spawnSync(
        process.execPath,
        [join(repo, "packages/codegen/bin/switchboard-codegen.js"), "scaffold", ...names],
        {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, SWITCHBOARD_ROOT: root },
          timeout: 150_000,
        },
      );
    // Named (`npm run generate -- telnyx`), only that provider is scaffolded and reported: the broken one and
    // the misnamed folder neither print nor fail the run.
    const one = scaffoldOf("telnyx");
    expect([one.status, one.stderr]).toEqual([0, ""]);
    expect(existsSync(join(root, "packages", "telnyx", "package.json"))).toBe(true);
    const scaffold = scaffoldOf();
    expect(scaffold.status).toBe(1);
    expect(scaffold.stderr).toMatch(
      /^error: brokenwire was not scaffolded \(the other providers were\):\nerror: 5 problems:/m,
    );
    expect(scaffold.stderr).toContain(
      "error: specs/core/ was not scaffolded: packages/core is the repository's own package, not a provider's",
    );
    expect(scaffold.stderr).toContain(
      "scaffolding failed for brokenwire, core: fix the problems above (`npm run check -- <provider>`)",
    );
    expect(readFileSync(join(root, "packages", "core", "package.json"), "utf8")).toBe(coreManifest);
    expect(existsSync(join(root, "packages", "telnyx", "package.json"))).toBe(true);
    expect(existsSync(join(root, "packages", "brokenwire"))).toBe(false);
    const registry = readFileSync(join(root, "packages", "sdk", "src", "generated", "providers.ts"), "utf8");
    expect(registry).toContain("  telnyx: createTelnyxClient,");
    expect(registry).not.toContain("brokenwire");
    expect(registry).not.toContain("createCoreClient");
  }, 330_000);
});

describe("a new provider's document with a dangling parameter $ref", () => {
  it("is vendored with its settings, and the check reports the reference at its line (no stack trace)", async () => {
    const root = temp([]);
    const file = join(root, "calls.yaml");
    const text = [
      "openapi: 3.0.3",
      "info: { title: Calls, version: '1' }",
      "servers: [{ url: 'https://api.calls.example.test' }]",
      "paths:",
      "  /calls/{id}:",
      "    get:",
      "      operationId: getCall",
      "      parameters:",
      "        - $ref: '#/components/parameters/Missing'",
      "      responses: { '200': { description: ok } }",
      "",
    ].join("\n");
    writeFileSync(file, text);
    planVendor([file], { root, provider: "calls", date: "2026-01-01" }).transaction.commit();
    expect(existsSync(join(root, "specs", "calls", "switchboard.yaml"))).toBe(true);
    const { error } = await checkProvider(root, "calls");
    expect(error).toBeInstanceOf(InputError);
    expect(error!.message).toMatch(
      /^specs\/calls\/get-call\.yaml:9: dangling \$ref #\/components\/parameters\/Missing: no such component/,
    );
  });
});

describe("a document with fields of the wrong shape outside its schemas", () => {
  const MISSHAPEN = resolve(import.meta.dirname, "fixtures", "misshapen.yaml");
  const line = (text: string) =>
    readFileSync(MISSHAPEN, "utf8")
      .split("\n")
      .findIndex((l) => l.includes(text)) + 1;

  it("is vendored, and every field is reported at its line at once: no stack trace from a stage that reads it", async () => {
    const root = temp(["telnyx"]);
    planVendor([MISSHAPEN], { root, provider: "misshapen", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "misshapen");
    expect(error).toBeInstanceOf(InputErrors);
    const file = "specs/misshapen/misshapen.yaml";
    const heads = (error as InputErrors).errors.map(
      (e) => `${e.file}:${e.line ?? ""}: ${e.detail.split("\n")[0]}`,
    );
    expect(heads).toEqual([
      `${file}:${line("schema: {$ref")}: $ref #/components/schemas/A goes round in a loop of references (#/components/schemas/A → #/components/schemas/B → #/components/schemas/A) that never reaches a definition`,
      `${file}:${line("security: {bearer")}: \`security\` must be a list of requirements (\`- {scheme: []}\`), not a object ({"bearer":[]})`,
      `${file}:${line("security: [bearer]")}: a security requirement must be an object of scheme names (\`{bearer: []}\`), not a string ("bearer")`,
      `${file}:${line("key: {type: apiKey")}: API-key scheme "key" sends its key in the header "X Key", which is no valid header name`,
      "specs/misshapen (bundled with overlays):: `info` must be an object with the API's `title` and `version`, and the document has none",
      `${file}:${line("url: https://{region}")}: the server URL https://{region}.api.example.test has {region}, which its \`variables\` do not declare with a default`,
      `${file}:${line("  things:")}: the path "things" is no path template: it must start with "/" and close every "{" with a "}"`,
      `${file}:${line("summary: [List")}: \`summary\` must be text, not a list (["List","things"])`,
      `${file}:${line("type: string}}")}: GET things: query parameter "limit" is declared twice in one list (at 0 and 1); a method has one input per name`,
      `${file}:${line("operationId: 42")}: \`operationId\` must be a string, not a number (42)`,
      `${file}:${line("- description: the server")}: a server needs a \`url\` string (has undefined)`,
      `${file}:${line('$ref: "#/components/schemas/Thing')}: the parameter's $ref #/components/schemas/Thing points at something that is not a parameter (it has no \`name\` and \`in\`)`,
      `${file}:${line("name: ghost")}: GET /things/{id}: path parameter "ghost" is not in the path template, so no call could send it`,
      `${file}:${line("allOf: {type")}: \`allOf\` must be a list of schemas, not a object`,
      `${file}:${line("title: 7")}: \`title\` must be text, not a number (7)`,
      "specs/misshapen/overlays/spec-fixes.yaml:: every fix above as one overlay: save it there, check each action (and its description), then generate again:",
    ]);
  });

  it("a Swagger 2.0 parameter without `in`, which the converter refuses without saying where, at its line", async () => {
    const root = temp(["telnyx"]);
    const swagger = join(root, "old.yaml");
    writeFileSync(
      swagger,
      'swagger: "2.0"\ninfo: {title: Old, version: "1"}\nhost: api.old.example.test\npaths:\n  /things:\n    get:\n      parameters:\n        - {name: q, type: string}\n      responses: {"200": {description: ok}}\n',
    );
    planVendor([swagger], { root, provider: "old", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "old");
    expect((error as InputError).message).toMatch(
      /^specs\/old\/get-things\.yaml:8: a Swagger 2\.0 parameter needs a `name` and an `in` of body, query, path, header, formData \(has name "q", in none\)/,
    );
  });

  it("over 100 levels of nesting, which js-yaml refuses and `yaml` reads, is vendored with its suggested settings", () => {
    const root = temp(["telnyx"]);
    const deep = join(root, "deep.yaml");
    let schema = "{type: string}";
    for (let i = 0; i < 60; i++) schema = `{type: object, properties: {a: ${schema}}}`;
    writeFileSync(
      deep,
      `openapi: 3.0.3\ninfo: {title: Deep, version: "1"}\nservers: [{url: "https://api.deep.example.test"}]\nsecurity: [{bearer: []}]\ncomponents: {securitySchemes: {bearer: {type: http, scheme: bearer}}}\npaths:\n  /things:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema:\n${schema
        .split("")
        .join("")
        .replace(/^/, "                ")}\n`,
    );
    const plan = planVendor([deep], { root, provider: "deep", date: "2026-01-01" });
    expect(plan.results.map((r) => r.status)).toEqual(["vendored"]);
    // The suggested settings read the document too: its bearer scheme named as a credential.
    expect(plan.settings.join("\n")).toContain("credentials `apiKey`");
  });

  it("whose YAML aliases expand past any real document (a billion laughs) is a problem at its first anchor, not a crash", async () => {
    const root = temp(["telnyx"]);
    // Eight levels of ten aliases each: a few hundred bytes that expand to over 10^8 values.
    const levels = ['l0: &l0 "lol"'];
    for (let i = 1; i <= 8; i++)
      levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(", ")}]`);
    const bomb = join(root, "bomb.yaml");
    writeFileSync(
      bomb,
      `openapi: 3.1.0\ninfo: {title: Bomb, version: "1"}\nservers: [{url: "https://api.bomb.example.test"}]\nx-lol:\n${levels.map((l) => `  ${l}`).join("\n")}\npaths:\n  /a:\n    get:\n      responses: {"200": {description: ok}}\n`,
    );
    planVendor([bomb], { root, provider: "bomb", date: "2026-01-01" }).transaction.commit();
    const { error } = await checkProvider(root, "bomb");
    expect((error as InputError).message).toMatch(
      /^specs\/bomb\/get-a\.yaml:5: its YAML aliases expand to 1\.2e\+8 values from \d+ written objects and lists: refused as an entity-expansion \("billion laughs"\) document/,
    );
    // An alias inside the value it names never ends; anchors used a few times are any document's right.
    const loop = catchInputError(() =>
      parseYamlFile(join(root, "loop.yaml"), root, "a: &a\n  b: 1\n  again: *a\n"),
    );
    expect(loop.message).toBe(
      "loop.yaml:1: a YAML alias refers to a value that contains it, so the document never ends",
    );
    const reused = parseYamlFile(
      join(root, "ok.yaml"),
      root,
      "ok: &ok {type: string}\nalso: *ok\nthird: *ok\n",
    );
    expect(reused.value.third).toEqual({ type: "string" });
  });
});

describe("a YAML file that does not parse", () => {
  it("is said with every YAML problem in it, once per line", () => {
    // Duplicate keys in two places were mended one run at a time; a mis-indented key, which `yaml` reports
    // twice at one place, is said once.
    const root = temp([]);
    const text = "paths:\n  /a: {}\n  /a: {}\ninfo:\n  title: x\n   version: 1\ninfo: {}\n";
    const error = catchInputError(() => parseYamlFile(join(root, "spec.yaml"), root, text));
    expect(error.message.split("\n")).toEqual([
      "3 problems:",
      "spec.yaml:3:3: not valid YAML: Map keys must be unique",
      "spec.yaml:5:10: not valid YAML: Nested mappings are not allowed in compact mappings",
      "spec.yaml:7:1: not valid YAML: Map keys must be unique",
    ]);
  });
});

describe("a JSON file that does not parse", () => {
  // YAML reads JSON, so its complaint about a missing comma spoke of "flow maps in block collections".
  it("is said in JSON's words, at JSON's position", () => {
    const root = temp([]);
    const text = '{\n  "openapi": "3.0.3",\n  "info": {"title": "x" "version": "1"}\n}\n';
    const error = catchInputError(() => parseYamlFile(join(root, "spec.json"), root, text));
    expect(error.message).toBe("spec.json:3:25: invalid JSON: Expected ',' or '}' after property value");
    // A file cut short is said at its end.
    const cut = catchInputError(() => parseYamlFile(join(root, "cut.json"), root, '{"openapi": "3.0.3",\n'));
    expect(cut.message).toMatch(/^cut\.json:2:1: invalid JSON: /);
    // YAML that is not JSON keeps YAML's words.
    const yaml = catchInputError(() => parseYamlFile(join(root, "spec.yaml"), root, "a: [\n"));
    expect(yaml.message).toMatch(/^spec\.yaml:\d+:\d+: not valid YAML: /);
  });

  it("is said so when vendored", () => {
    const text = '{"openapi": "3.0.3",\n "paths": {"/a": {"get": {}} \n "info": {}}\n';
    const result = classifyDocument({ file: "api.json", text, lineOffset: 0, columnOffset: 0 });
    expect(result.kind === "problem" && result.error.message).toMatch(
      /^api\.json:3:2: invalid JSON: Expected ',' or '}' after property value$/,
    );
  });
});

describe("an entry of a path item that is no operation", () => {
  it("is not counted or named when vendored (post: 42); the check after vendoring says what it is", () => {
    const text = [
      "openapi: 3.1.0",
      'info: {title: t, version: "1"}',
      "paths:",
      "  /agents:",
      "    get: {responses: {'200': {description: ok}}}",
      "  /calls:",
      "    post: 42",
      "    put: null",
      "",
    ].join("\n");
    const result = classifyDocument({ file: "api.yaml", text, lineOffset: 0, columnOffset: 0 });
    expect(result.kind === "spec" && result.spec.operations.map((op) => `${op.method} ${op.path}`)).toEqual([
      "get /agents",
    ]);
  });
});

describe("a document's YAML, read as OpenAPI tools read it", () => {
  // `<<: *base` takes an anchored map's entries into this one, its own keys first: YAML 1.1's, and how Prism,
  // Redocly and swagger-parser read a document; read as a key named "<<", `Call` had no properties at all.
  const text = [
    "components:",
    "  schemas:",
    "    Base: &base",
    "      type: object",
    "      properties: {id: {type: string}, note: {type: string}}",
    "    Stamp: &stamp",
    "      description: stamped",
    "    Call:",
    "      <<: [*base, *stamp]",
    "      description: a call",
    "      required: [id]",
  ].join("\n");
  const merged = {
    type: "object",
    properties: { id: { type: "string" }, note: { type: "string" } },
    description: "a call",
    required: ["id"],
  };

  it("is read with the anchored entries merged, by both parsers, the entries written beside them winning", () => {
    const root = temp([]);
    const file = parseYamlFile(join(root, "merged.yaml"), root, text);
    expect(file.value.components.schemas.Call).toEqual(merged);
    expect(file.lineOf(["components", "schemas", "Call", "required"])).toBe(11);
    expect(readYamlValue(text).components.schemas.Call).toEqual(merged);
    // Past 100 levels of nesting js-yaml refuses the file and `yaml` reads it: the same merge.
    const deep = `${text}\ndeep: ${"[".repeat(120)}${"]".repeat(120)}\n`;
    expect(readYamlValue(deep).components.schemas.Call).toEqual(merged);
  });

  it("keeps a version that looks like a number as it is written (`version: 1.10`, not 1.1)", () => {
    const root = temp([]);
    for (const [written, version] of [
      ["info:\n  version: 1.10\n", "1.10"],
      ['{"info": {"title": "t", "version": 1.0}}', "1.0"],
      ["info: {version: 2}\n", "2"],
      ["info: {version: '1.10'}\n", "1.10"],
    ]) {
      expect(parseYamlFile(join(root, "v.yaml"), root, written!).value.info.version).toBe(version);
      expect(readYamlValue(written!).info.version).toBe(version);
    }
  });
});

describe("a parameter declared twice in one list", () => {
  it("is one problem per declaration, headers compared without case, a path item's once for all its operations", () => {
    const header = (name: string) => ({ name, in: "header", schema: { type: "string" } });
    const doc = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/calls": {
          parameters: [header("X-Trace"), header("x-trace")],
          get: { operationId: "listCalls", responses: { "200": { description: "ok" } } },
          post: {
            operationId: "dialCall",
            // The operation's own declaration overrides the path item's: no duplicate.
            parameters: [header("X-Trace")],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    };
    expect(specProblems(doc as never).map((p) => [pointerOf(p.at), p.message])).toEqual([
      [
        "#/paths/~1calls/parameters/1",
        '/calls: header parameter "x-trace" is declared twice in one list (at 0 and 1); a method has one input per name',
      ],
    ]);
  });
});
