import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dump as yamlDump } from "js-yaml";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { InputError } from "../src/errors.js";
import { checkProvider } from "../src/generate/check-command.js";
import { loadProvider } from "../src/generate/generate-command.js";
import { renderProvider } from "../src/generate/generated-files.js";
import { kebabCase } from "../src/naming.js";
import { renderSnapshot } from "../src/release/api-snapshot.js";
import { namedLikeCredential } from "../src/spec/settings-suggestions.js";
import { scanPage } from "../src/vendor/markdown-page.js";
import { methodLines, methodsTogether } from "../src/vendor/method-names.js";
import { type PlanOptions, planVendor } from "../src/vendor/plan-vendor.js";
import { deriveProvider } from "../src/vendor/provider-name.js";
import { extractSpecBlock, type VendorInput } from "../src/vendor/read-input.js";
import { specName } from "../src/vendor/spec-file-name.js";
import { parseVendorArgs, runVendorCli, vendorDate } from "../src/vendor/vendor-command.js";
import { catchInputError } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const seeds = resolve(here, "../../../../shared/seeds");
const corpusSpec = resolve(here, "../../../../shared/corpus/telnyx/spec3.yml");

const TELNYX_IPS = join(seeds, "000_e6a32f9002d60fb8.txt");
const VOBIZ = join(seeds, "001_e835aef7ab3f319a.txt");
const TELNYX_EXTERNAL = join(seeds, "002_080df2c076670818.txt");
const BOLNA = join(seeds, "003_654b8b692c6049f0.txt");
const SYNTHFLOW = join(seeds, "004_5a92bb60447c97b2.txt");
const DATE = "2026-03-04";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A throwaway repository: `turbo.json`, `specs/`, and a folder for each provider already known. */
function makeRoot(providers: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), "switchboard-vendor-"));
  roots.push(root);
  writeFileSync(join(root, "turbo.json"), "{}\n");
  mkdirSync(join(root, "specs"));
  for (const provider of providers) mkdirSync(join(root, "specs", provider));
  return root;
}

function vendor(root: string, inputs: Array<string | VendorInput>, options: Partial<PlanOptions> = {}) {
  const plan = planVendor(inputs, { root, date: DATE, ...options });
  plan.transaction.commit();
  return plan;
}

/** Every file under `dir` with its bytes and mtime, to prove that nothing at all changed. */
function snapshot(dir: string): Record<string, { bytes: string; mtimeMs: number }> {
  const files: Record<string, { bytes: string; mtimeMs: number }> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else
        files[rel] = {
          bytes: readFileSync(join(dir, rel), "base64"),
          mtimeMs: statSync(join(dir, rel)).mtimeMs,
        };
    }
  };
  walk("");
  return files;
}

/** The vendored files (specs and provenance), without the settings file a new provider gets. */
function listSpecs(root: string): string[] {
  return Object.keys(snapshot(join(root, "specs")))
    .filter((file) => !file.endsWith("/switchboard.yaml"))
    .sort();
}

const read = (root: string, rel: string) => readFileSync(join(root, rel), "utf8");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The spec block of a page, cut out independently of the code under test: the lines between the
 * opener and the next line that is exactly the same fence, without trailing blank lines, plus "\n".
 */
function blockOf(page: string, opener: RegExp): string {
  const lines = page.split("\n");
  const start = lines.findIndex((line) => opener.test(line));
  const fence = /^`+/.exec(lines[start] ?? "")?.[0];
  const end = lines.findIndex((line, i) => i > start && line === fence);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const body = lines.slice(start + 1, end);
  while (body.at(-1) === "") body.pop();
  return `${body.join("\n")}\n`;
}

/** Line (1-based) of the first line of `text` equal to `line`. */
function lineOf(text: string, line: string): number {
  const index = text.split("\n").indexOf(line);
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function page(title: string, fenceInfo: string, yaml: string[], fence = "````"): string {
  return [`# ${title}`, "", "Some prose.", "", `${fence}${fenceInfo}`, ...yaml, "", fence, ""].join("\n");
}

const ipsYaml = (extra: string[] = []) => [
  "openapi: 3.1.0",
  "info:",
  "  title: Telnyx SIP Connections API",
  "  version: 2.0.0",
  "servers:",
  "  - url: https://api.telnyx.com/v2",
  "paths:",
  "  /ips/{id}:",
  "    delete:",
  "      operationId: DeleteIp",
  "      responses:",
  "        '200':",
  "          description: OK",
  ...extra,
];

// A two-operation page for DELETE and GET /ips/{id}, named after the file its fence cites.
const sipConnectionsPage = page(
  "SIP connections",
  "yaml https://example.com/specs/sip-connections.yml",
  ipsYaml([
    "    get:",
    "      operationId: GetIp",
    "      responses:",
    "        '200':",
    "          description: OK",
  ]),
);

describe("seed pages", () => {
  const cases = [
    {
      page: TELNYX_IPS,
      provider: "telnyx",
      name: "delete-ip",
      opener: /^````yaml https:/,
      title: "Delete an Ip",
      source:
        "https://telnyx-openapi-ng.s3.us-east-1.amazonaws.com/real-time-communications/sip-connections.yml",
      operation: "DELETE /ips/{id}",
    },
    {
      page: VOBIZ,
      provider: "vobiz",
      name: "delete-ip-acl",
      opener: /^````yaml DELETE/,
      title: "Delete IP ACL",
      source: null,
      operation: "DELETE /api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}",
    },
    {
      page: TELNYX_EXTERNAL,
      provider: "telnyx",
      name: "delete-external-connection",
      opener: /^````yaml https:/,
      title: "Deletes an External Connection",
      source:
        "https://telnyx-openapi-ng.s3.us-east-1.amazonaws.com/real-time-communications/external-connects.yml",
      operation: "DELETE /external_connections/{id}",
    },
    {
      page: BOLNA,
      provider: "bolna",
      name: "delete-sip-trunks-trunks-trunk-id",
      opener: /^````yaml DELETE/,
      title: "Delete SIP Trunk",
      source: null,
      operation: "DELETE /sip-trunks/trunks/{trunk_id}",
    },
    {
      page: SYNTHFLOW,
      provider: "synthflow",
      name: "delete-phone-number",
      opener: /^```yaml$/,
      title: "Delete a phone number",
      source: "https://docs.synthflow.ai/api-reference/platform-api/phone-numbers/delete-phone-number",
      operation: "DELETE /numbers/{phone_number_slug}",
    },
  ];

  it.each(cases)("vendors $name for $provider", (seed) => {
    const root = makeRoot([seed.provider]);
    const plan = vendor(root, [seed.page]);
    const specPath = `specs/${seed.provider}/${seed.name}.yaml`;
    const provenancePath = `specs/${seed.provider}/${seed.name}.provenance.json`;
    expect(listSpecs(root)).toEqual([
      `${seed.provider}/${seed.name}.provenance.json`,
      `${seed.provider}/${seed.name}.yaml`,
    ]);

    const expected = blockOf(readFileSync(seed.page, "utf8"), seed.opener);
    const written = read(root, specPath);
    expect(written).toBe(expected);
    expect(written.startsWith("openapi: 3.")).toBe(true);
    expect(written.endsWith("\n")).toBe(true);
    expect(written.endsWith("\n\n")).toBe(false);

    const provenanceText = read(root, provenancePath);
    const provenance = JSON.parse(provenanceText);
    expect(provenance).toEqual({
      title: seed.title,
      page: seed.page.split("/").pop(),
      source: seed.source,
      operations: [seed.operation],
      sha256: sha256(expected),
      vendoredAt: DATE,
    });
    expect(Object.keys(provenance)).toEqual([
      "title",
      "page",
      "source",
      "operations",
      "sha256",
      "vendoredAt",
    ]);
    expect(provenanceText).toBe(`${JSON.stringify(provenance, null, 2)}\n`);
    expect(plan.report[0]).toBe(
      `vendored ${specPath} (1 operation, sha256 ${sha256(expected).slice(0, 12)})`,
    );
    // The provider is new here: it gets its settings file, credentials named, nothing filled.
    expect(plan.report[1]).toMatch(
      new RegExp(`^wrote specs/${seed.provider}/switchboard\\.yaml: credentials .*; nothing filled$`),
    );
    expect(read(root, `specs/${seed.provider}/switchboard.yaml`)).toMatch(/^credentials:/m);
  });

  it("picks the OpenAPI block among the Vobiz page's http, text, bash and nested json blocks", () => {
    const text = readFileSync(VOBIZ, "utf8");
    const blocks = scanPage(text).blocks;
    expect(blocks.map((b) => b.lang)).toEqual(["http", "text", "bash", "json", "bash", "yaml"]);
    expect(blocks[3]?.indent).toBe(2);
    const { block, spec } = extractSpecBlock(text, "vobiz.txt");
    expect(block.openLine).toBe(lineOf(text, "````yaml DELETE /api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}"));
    expect(spec.serverUrl).toBe("https://api.vobiz.ai");
    expect(spec.operations.map((op) => op.operationId)).toEqual(["delete-ip-acl"]);
  });

  it("accumulates the two Telnyx pages as separate files", () => {
    const root = makeRoot();
    vendor(root, [TELNYX_IPS], { provider: "telnyx" });
    const plan = vendor(root, [TELNYX_EXTERNAL]);
    expect(plan.report[0]).toMatch(/^vendored specs\/telnyx\/delete-external-connection\.yaml /);
    expect(listSpecs(root)).toEqual([
      "telnyx/delete-external-connection.provenance.json",
      "telnyx/delete-external-connection.yaml",
      "telnyx/delete-ip.provenance.json",
      "telnyx/delete-ip.yaml",
    ]);
  });
});

describe("re-vendoring", () => {
  const allSeeds = [TELNYX_IPS, VOBIZ, TELNYX_EXTERNAL, BOLNA, SYNTHFLOW];

  it("changes nothing on disk when the pages are unchanged, keeping the original date", () => {
    const root = makeRoot(["telnyx", "vobiz", "bolna", "synthflow"]);
    vendor(root, allSeeds);
    // Back-date every file so that any rewrite, however fast, shows up as a new mtime.
    const specs = join(root, "specs");
    for (const rel of Object.keys(snapshot(specs))) utimesSync(join(specs, rel), 1_000_000, 1_000_000);
    const before = snapshot(specs);

    const plan = vendor(root, allSeeds, { date: "2031-12-31" });
    expect(plan.transaction.changes()).toEqual([]);
    expect(plan.report).toEqual([
      "unchanged specs/telnyx/delete-ip.yaml",
      "unchanged specs/vobiz/delete-ip-acl.yaml",
      "unchanged specs/telnyx/delete-external-connection.yaml",
      "unchanged specs/bolna/delete-sip-trunks-trunks-trunk-id.yaml",
      "unchanged specs/synthflow/delete-phone-number.yaml",
    ]);
    expect(snapshot(specs)).toEqual(before);
    expect(JSON.parse(read(root, "specs/telnyx/delete-ip.provenance.json")).vendoredAt).toBe(DATE);
  });

  it("refuses two inputs of one run that define one file differently, the same in either order; the same bytes twice are one", () => {
    const changed = readFileSync(TELNYX_IPS, "utf8").replace(
      "description: Delete an IP.",
      "description: Delete an IP!",
    );
    for (const inputs of [
      [TELNYX_IPS, { file: "delete-ip-again.md", text: changed }],
      [{ file: "delete-ip-again.md", text: changed }, TELNYX_IPS],
    ]) {
      const root = makeRoot(["telnyx"]);
      const error = catchInputError(() => planVendor(inputs, { root, date: DATE }));
      // Inputs are taken in the order of their names, so the same one is refused whichever was given first.
      expect(error.file).toBe("delete-ip-again.md");
      expect(error.detail).toBe(
        `defines 1 operation (DELETE /ips/{id}) as specs/telnyx/delete-ip.yaml, as ${TELNYX_IPS} in this run does, differently (DELETE /ips/{id} at paths["/ips/{id}"].delete.description: "Delete an IP." there, "Delete an IP!" here); vendor one of them`,
      );
    }
    const root = makeRoot(["telnyx"]);
    const same = { file: "copy.md", text: readFileSync(TELNYX_IPS, "utf8") };
    expect(vendor(root, [same, TELNYX_IPS]).report.slice(0, 2)).toEqual([
      expect.stringMatching(/^vendored specs\/telnyx\/delete-ip\.yaml/),
      "unchanged: copy.md gives specs/telnyx/delete-ip.yaml as " + TELNYX_IPS + " does",
    ]);
  });

  it("overwrites the file of a changed page for the same operation and dates it anew", () => {
    const root = makeRoot(["telnyx"]);
    vendor(root, [TELNYX_IPS, TELNYX_EXTERNAL]);
    const untouched = read(root, "specs/telnyx/delete-external-connection.yaml");
    const changed = readFileSync(TELNYX_IPS, "utf8").replace(
      "description: Delete an IP.",
      "description: Delete an IP!",
    );
    const plan = vendor(root, [{ file: "delete-ip.md", text: changed }], { date: "2026-05-06" });

    expect(plan.report).toEqual([
      expect.stringMatching(/^vendored specs\/telnyx\/delete-ip\.yaml \(1 operation/),
    ]);
    const spec = read(root, "specs/telnyx/delete-ip.yaml");
    expect(spec).toContain("description: Delete an IP!");
    const provenance = JSON.parse(read(root, "specs/telnyx/delete-ip.provenance.json"));
    expect(provenance).toMatchObject({
      page: "delete-ip.md",
      sha256: sha256(spec),
      vendoredAt: "2026-05-06",
    });
    expect(read(root, "specs/telnyx/delete-external-connection.yaml")).toBe(untouched);
    expect(listSpecs(root)).toHaveLength(4);
  });

  it("replaces the file of the same operation vendored under another name", () => {
    const root = makeRoot(["telnyx"]);
    vendor(root, [TELNYX_IPS, TELNYX_EXTERNAL]);
    const renamed = readFileSync(TELNYX_IPS, "utf8").replace(
      "operationId: DeleteIp",
      "operationId: RemoveIp",
    );
    const plan = vendor(root, [{ file: "remove-ip.txt", text: renamed }]);

    expect(plan.report).toEqual([
      "removed specs/telnyx/delete-ip.yaml",
      expect.stringMatching(/^vendored specs\/telnyx\/remove-ip\.yaml \(1 operation, sha256 [0-9a-f]{12}\)$/),
    ]);
    expect(listSpecs(root)).toEqual([
      "telnyx/delete-external-connection.provenance.json",
      "telnyx/delete-external-connection.yaml",
      "telnyx/remove-ip.provenance.json",
      "telnyx/remove-ip.yaml",
    ]);
  });

  it("replaces the file of the same operation whose page renames its path parameter (one path to OpenAPI)", () => {
    const root = makeRoot(["telnyx"]);
    vendor(root, [TELNYX_IPS, TELNYX_EXTERNAL]);
    const renamed = readFileSync(TELNYX_IPS, "utf8")
      .replaceAll("/ips/{id}", "/ips/{ip_id}")
      .replace(/(IpId:\n\s+)name: id/, "$1name: ip_id");
    expect(renamed).toContain("name: ip_id");
    const plan = vendor(root, [{ file: "delete-ip.md", text: renamed }]);
    expect(plan.report).toEqual([
      expect.stringMatching(/^vendored specs\/telnyx\/delete-ip\.yaml \(1 operation/),
    ]);
    expect(listSpecs(root)).toHaveLength(4);
    expect(read(root, "specs/telnyx/delete-ip.yaml")).toContain("/ips/{ip_id}:");
  });

  it("lets a multi-operation document absorb a single-operation file it covers", () => {
    const root = makeRoot(["telnyx"]);
    vendor(root, [TELNYX_IPS]);
    const plan = vendor(root, [{ file: "sip.md", text: sipConnectionsPage }]);
    expect(plan.report[0]).toBe("removed specs/telnyx/delete-ip.yaml");
    expect(listSpecs(root)).toEqual([
      "telnyx/sip-connections.provenance.json",
      "telnyx/sip-connections.yaml",
    ]);
    const provenance = JSON.parse(read(root, "specs/telnyx/sip-connections.provenance.json"));
    expect(provenance.operations).toEqual(["DELETE /ips/{id}", "GET /ips/{id}"]);
    expect(provenance.source).toBe("https://example.com/specs/sip-connections.yml");
  });

  it("vendors nothing for a page whose operation a larger vendored document already has, identically", () => {
    const root = makeRoot(["telnyx"]);
    vendor(root, [{ file: "sip.md", text: sipConnectionsPage }]);
    const before = snapshot(join(root, "specs"));
    const ipsPage = page("Delete an IP", "yaml", ipsYaml());
    const plan = vendor(root, [{ file: "delete-ip.md", text: ipsPage }]);
    expect(plan.results[0]).toMatchObject({
      status: "covered",
      coveredBy: ["specs/telnyx/sip-connections.yaml"],
    });
    expect(plan.report).toEqual([
      "unchanged: specs/telnyx/sip-connections.yaml already has DELETE /ips/{id} exactly as delete-ip.md defines it; nothing to vendor",
    ]);
    expect(snapshot(join(root, "specs"))).toEqual(before);
  });

  it("leaves out a page whose operations a larger vendored document defines otherwise, noting where they differ", () => {
    // As the larger document, vendored after the page, would replace it with a note: the same folder either way.
    const root = makeRoot(["telnyx"]);
    vendor(root, [{ file: "sip.md", text: sipConnectionsPage }]);
    const before = snapshot(join(root, "specs"));
    const plan = planVendor([TELNYX_IPS], { root, date: DATE });
    expect(plan.results[0]).toMatchObject({
      status: "covered",
      coveredBy: ["specs/telnyx/sip-connections.yaml"],
    });
    expect(plan.report).toEqual([
      "unchanged: specs/telnyx/sip-connections.yaml already has DELETE /ips/{id}; nothing to vendor",
      '  note: specs/telnyx/sip-connections.yaml, a larger document, defines DELETE /ips/{id} otherwise (at paths["/ips/{id}"].delete.responses["200"].description: "OK" there, "Successful response with details about an IP." here); its definition is kept, as it would be if it came after this one. To take this one, change it with an overlay (`extends: ../sip-connections.yaml`)',
    ]);
    plan.transaction.commit();
    expect(snapshot(join(root, "specs"))).toEqual(before);

    // The other order: the larger document replaces the page, noting the same difference.
    const other = makeRoot(["telnyx"]);
    planVendor([TELNYX_IPS], { root: other, date: DATE }).transaction.commit();
    const replaced = vendor(other, [{ file: "sip.md", text: sipConnectionsPage }]);
    expect(replaced.report).toContainEqual(
      expect.stringMatching(
        /^ {2}note: specs\/telnyx\/delete-ip\.yaml defined DELETE \/ips\/\{id\} otherwise/,
      ),
    );
    expect(listSpecs(other).filter((file) => file.endsWith(".yaml"))).toEqual([
      "telnyx/sip-connections.yaml",
    ]);
  });

  it("replaces a spec that was copied in without provenance instead of duplicating it", () => {
    const root = makeRoot(["telnyx"]);
    writeFileSync(join(root, "specs/telnyx/hand-copied.yaml"), `${ipsYaml().join("\n")}\n`);
    mkdirSync(join(root, "specs/telnyx/overlays"));
    writeFileSync(join(root, "specs/telnyx/overlays/fix.yaml"), "overlay: 1.0.0\n");
    const plan = vendor(root, [TELNYX_IPS]);
    expect(plan.report[0]).toBe("removed specs/telnyx/hand-copied.yaml");
    expect(listSpecs(root)).toEqual([
      "telnyx/delete-ip.provenance.json",
      "telnyx/delete-ip.yaml",
      "telnyx/overlays/fix.yaml",
    ]);
  });
});

describe("a re-vendored document under a new file name", () => {
  /** A provider document with `count` operations (`GET /things/<i>`), as JSON or YAML text. */
  const documentWith = (ops: number[], format: "json" | "yaml") => {
    const paths = Object.fromEntries(
      ops.map((i) => [
        `/things/${i}`,
        { get: { operationId: `getThing${i}`, responses: { "200": { description: "ok" } } } },
      ]),
    );
    const doc = {
      openapi: "3.0.3",
      info: { title: "Acme", version: "1" },
      servers: [{ url: "https://api.acme.test" }],
      paths,
    };
    return format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : yamlDump(doc);
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  it("replaces its previous revision in the other format, also when the revision drops operations", () => {
    const root = makeRoot(["acme"]);
    vendor(root, [{ file: "openapi.json", text: documentWith(range(0, 40), "json") }], { provider: "acme" });
    const plan = vendor(root, [{ file: "openapi.yaml", text: documentWith(range(2, 60), "yaml") }], {
      provider: "acme",
    });
    expect(plan.report[0]).toBe("removed specs/acme/openapi.json");
    expect(listSpecs(root)).toEqual(["acme/openapi.provenance.json", "acme/openapi.yaml"]);
  });

  it("refuses a partial overlap with another file in a few lines, with the remedy", () => {
    const root = makeRoot(["acme"]);
    vendor(root, [{ file: "v1.json", text: documentWith(range(0, 900), "json") }], { provider: "acme" });
    const before = snapshot(join(root, "specs"));
    const input = { file: "v2.yaml", text: documentWith(range(5, 1100), "yaml") };
    const error = catchInputError(() => planVendor([input], { root, date: DATE, provider: "acme" }));
    expect(error.detail).toContain("partial overlap: specs/acme/v1.json already holds 895 operations (");
    expect(error.detail).toContain("and 892 more");
    expect(error.detail).toContain("git rm specs/acme/v1.json specs/acme/v1.provenance.json");
    expect(error.detail.length).toBeLessThan(600);
    expect(error.detail.split("\n").length).toBeLessThanOrEqual(3);
    expect(snapshot(join(root, "specs"))).toEqual(before);
  });

  it("asks whether a whole document holding some of a vendored one's operations is its newer version", () => {
    const root = makeRoot(["acme"]);
    vendor(root, [{ file: "ghes-3.4.json", text: documentWith(range(0, 6), "json") }], { provider: "acme" });
    const before = snapshot(join(root, "specs"));
    // The newer version drops two operations and changes nothing else: it was "unchanged", the drop unsaid.
    const input = { file: "ghes-3.5.json", text: documentWith(range(0, 4), "json") };
    const error = catchInputError(() => planVendor([input], { root, date: DATE, provider: "acme" }));
    expect(error.detail).toMatch(
      /^holds 4 of the 6 operations of specs\/acme\/ghes-3-4\.json, and not 2 operations \(.+\)\. If it is a newer version of that document, remove the old one first \(git rm specs\/acme\/ghes-3-4\.json specs\/acme\/ghes-3-4\.provenance\.json\)/,
    );
    expect(snapshot(join(root, "specs"))).toEqual(before);
    // One operation is a page of the document, as documentation sites publish them: covered, nothing to do.
    const page = { file: "one.json", text: documentWith(range(0, 1), "json") };
    expect(planVendor([page], { root, date: DATE, provider: "acme" }).results[0]).toMatchObject({
      status: "covered",
    });
  });
});

describe("two documents of one provider on different servers", () => {
  // Vonage's SMS and Verify documents: each `POST /{format}`, under https://rest.nexmo.com/sms and
  // https://api.nexmo.com/verify; Verify's also has a second operation, so it looked like SMS's revision.
  const productDoc = (title: string, server: string, extra: boolean) =>
    `${JSON.stringify(
      {
        openapi: "3.0.0",
        info: { title, version: "1" },
        servers: [{ url: server }],
        paths: {
          "/{format}": {
            post: {
              operationId: `${title.toLowerCase()}Request`,
              parameters: [{ name: "format", in: "path", required: true, schema: { type: "string" } }],
              responses: { "200": { description: "ok" } },
            },
          },
          ...(extra
            ? {
                "/check/{format}": {
                  post: { operationId: "verifyCheck", responses: { "200": { description: "ok" } } },
                },
              }
            : {}),
        },
      },
      null,
      2,
    )}\n`;
  const sms = { file: "sms.json", text: productDoc("Sms", "https://rest.nexmo.com/sms", false) };
  const verify = { file: "verify.json", text: productDoc("Verify", "https://api.nexmo.com/verify", true) };

  it.each([
    ["SMS, then Verify", sms, verify],
    ["Verify, then SMS", verify, sms],
  ])("are refused, not one replacing the other: %s", (_, first, second) => {
    const root = makeRoot(["vonage"]);
    vendor(root, [first], { provider: "vonage" });
    const firstFile = listSpecs(root).find((f) => !f.endsWith(".provenance.json"))!;
    const before = snapshot(join(root, "specs"));
    const error = catchInputError(() => planVendor([second], { root, date: DATE, provider: "vonage" }));
    const [theirs, ours] =
      first === sms
        ? ["https://rest.nexmo.com/sms", "https://api.nexmo.com/verify"]
        : ["https://api.nexmo.com/verify", "https://rest.nexmo.com/sms"];
    expect(error.detail).toBe(
      `1 operation (POST /{format}) of this document is also in specs/${firstFile}, on another server (${theirs}; ` +
        `this document's: ${ours}). An operation is known by its method and path, so one would replace the other. ` +
        "Vendor this document as a provider of its own (--provider vonage-<product>), or, if both are one API, give " +
        "them one server and paths that tell them apart with overlays",
    );
    expect(snapshot(join(root, "specs"))).toEqual(before);
    // As a provider of its own, it is vendored.
    vendor(root, [second], { provider: "vonage-product" });
    expect(listSpecs(root)).toContain(firstFile);
  });
});

describe("bare spec files", () => {
  it("vendors the 4 MB Telnyx spec byte for byte under its own stem", () => {
    const root = makeRoot(["telnyx"]);
    const plan = vendor(root, [corpusSpec]);
    const original = readFileSync(corpusSpec);
    expect(readFileSync(join(root, "specs/telnyx/spec3.yaml")).equals(original)).toBe(true);
    const provenance = JSON.parse(read(root, "specs/telnyx/spec3.provenance.json"));
    expect(provenance.sha256).toBe("020dcdb3d9da1ecfd401ed4ecdc597fef9e2bf7c0141e02c1cc7b9a0fb1e553d");
    expect(provenance.operations).toHaveLength(1156);
    expect(provenance).toMatchObject({ title: "Telnyx API", page: "spec3.yml", source: null });
    expect(plan.report).toEqual([
      "vendored specs/telnyx/spec3.yaml (1156 operations, sha256 020dcdb3d9da)",
      // Its token introspection takes an OAuth client's token, not the API key: a second, optional credential.
      "wrote specs/telnyx/switchboard.yaml: credentials `apiKey`, `oauthClientAuth`; nothing filled",
    ]);
    // Parsing 4 MB of YAML with positions takes 2 s alone and ten times that on a loaded machine.
  }, 300_000);

  it("keeps a JSON spec as JSON, named after its single operation", () => {
    const root = makeRoot(["acme"]);
    const json = `{\n  "openapi": "3.0.3",\n  "info": { "title": "Acme", "version": "1" },\n  "servers": [{ "url": "https://api.acme.co.uk/v1" }],\n  "paths": { "/calls": { "post": { "operationId": "createCall", "responses": {} } } }\n}`;
    const file = join(root, "acme-openapi.json");
    writeFileSync(file, json);
    vendor(root, [file]);
    expect(read(root, "specs/acme/create-call.json")).toBe(json);
    expect(JSON.parse(read(root, "specs/acme/create-call.provenance.json")).title).toBe("Acme");
  });

  it("keeps a file's recorded source when its newer version comes as a local file, and says an older version is one", () => {
    const root = makeRoot(["acme"]);
    const file = join(root, "acme.yaml");
    const spec = (version: string, summary: string) =>
      `openapi: 3.0.3\ninfo: { title: Acme, version: "${version}" }\nservers: [{ url: "https://api.acme.co.uk/v1" }]\npaths:\n  /calls:\n    post: { operationId: createCall, summary: ${summary}, responses: {} }\n`;
    writeFileSync(file, spec("2024-06-01", "Dial"));
    const url = "https://raw.githubusercontent.com/acme/openapi/0123abc/openapi.yaml";
    vendor(root, [file], { source: url });
    writeFileSync(file, spec("2024-09-01", "Dial a number"));
    const newer = vendor(root, [file]);
    expect(JSON.parse(read(root, "specs/acme/create-call.provenance.json")).source).toBe(url);
    expect(newer.report.join("\n")).not.toContain("older");
    // The documentation's previous version, saved by mistake: it replaces the file as asked, and is said.
    writeFileSync(file, spec("2023-11-15", "Dial"));
    const older = vendor(root, [file]);
    expect(older.report).toContain(
      `  note: ${file} says it is version 2023-11-15 of the API, older than the 2024-09-01 of specs/acme/create-call.yaml, which it replaces; if that is not meant, vendor the newer page again`,
    );
  });

  it("records where a bare spec was published with --source, and only for one input", () => {
    const root = makeRoot(["acme"]);
    const file = join(root, "acme.yaml");
    const spec = (summary: string) =>
      `openapi: 3.0.3\ninfo: { title: Acme, version: "1" }\nservers: [{ url: "https://api.acme.co.uk/v1" }]\npaths:\n  /calls:\n    post: { operationId: createCall, summary: ${summary}, responses: {} }\n`;
    writeFileSync(file, spec("Dial"));
    const url = "https://raw.githubusercontent.com/acme/openapi/0123abc/openapi.yaml";
    vendor(root, [file], { source: url });
    const provenance = () => JSON.parse(read(root, "specs/acme/create-call.provenance.json"));
    expect(provenance()).toMatchObject({ source: url, page: "acme.yaml", vendoredAt: DATE });
    // The same bytes from another address: the record says so, the date stays.
    const mirror = "https://example.org/acme/openapi.yaml";
    expect(vendor(root, [file], { source: mirror, date: "2026-05-06" }).results[0]?.status).toBe("vendored");
    expect(provenance()).toMatchObject({ source: mirror, vendoredAt: DATE });

    const before = snapshot(join(root, "specs"));
    expect(() => planVendor([file, file], { root, date: DATE, source: url })).toThrow(
      /^--source: names where one document was published; got 2 inputs/,
    );
    expect(parseVendorArgs([file, "--source", url])).toEqual({
      files: [file],
      provider: undefined,
      source: url,
      help: false,
    });
    expect(() => parseVendorArgs([file, "--source", "spec3.yml"])).toThrow(
      /^--source: needs the http\(s\) URL/,
    );
    expect(() => parseVendorArgs([file, file, `--source=${url}`])).toThrow(/got 2 inputs/);
    expect(snapshot(join(root, "specs"))).toEqual(before);
  });
});

describe("bad inputs write nothing", () => {
  function expectRejected(
    root: string,
    inputs: Array<string | VendorInput>,
    options: Partial<PlanOptions> = {},
  ) {
    const before = snapshot(join(root, "specs"));
    const error = catchInputError(() => vendor(root, inputs, options));
    expect(snapshot(join(root, "specs"))).toEqual(before);
    return error;
  }

  it("a missing file", () => {
    const root = makeRoot(["telnyx"]);
    const error = expectRejected(root, [TELNYX_IPS, "no/such/page.md"]);
    expect(error.message).toBe("no/such/page.md: file not found");
  });

  it("a folder where a vendored file belongs, named, not a stack trace, in the vendor step and the check", async () => {
    const root = makeRoot(["telnyx"]);
    mkdirSync(join(root, "specs", "telnyx", "delete-ip.yaml"));
    const error = expectRejected(root, [TELNYX_IPS], { provider: "telnyx" });
    expect(error.message).toBe(
      `${join(root, "specs", "telnyx", "delete-ip.yaml")}: is a folder where a file belongs: move it away`,
    );
    const { error: checked } = await checkProvider(root, "telnyx");
    expect(checked).toBeInstanceOf(InputError);
  });

  it("a page without an OpenAPI block, even when another input is fine", () => {
    const root = makeRoot(["telnyx"]);
    const text = [
      "# Nothing here",
      "",
      "```json",
      '{ "status": "ok" }',
      "```",
      "",
      "```bash",
      "curl x",
      "```",
      "",
    ];
    const error = expectRejected(root, [TELNYX_IPS, { file: "empty.md", text: text.join("\n") }]);
    expect(error.file).toBe("empty.md");
    expect(error.message).toMatch(/^empty\.md: no OpenAPI block/);
  });

  it("invalid YAML, reported at its line in the page", () => {
    const root = makeRoot(["telnyx"]);
    const text = readFileSync(TELNYX_IPS, "utf8").replace("summary: Delete an Ip", "summary: Delete: an Ip");
    const error = expectRejected(root, [{ file: "broken.txt", text }]);
    expect(error.file).toBe("broken.txt");
    expect(error.line).toBe(30);
    expect(error.line).toBe(lineOf(text, "      summary: Delete: an Ip"));
    expect(error.column).toBe(16);
    expect(error.message).toMatch(/^broken\.txt:30:16: invalid YAML: /);
  });

  it("invalid YAML in an indented block keeps page columns", () => {
    const root = makeRoot(["telnyx"]);
    const yaml = ipsYaml().map((line) => `   ${line}`);
    yaml[9] = "         operationId: Delete: Ip";
    const text = ["# Indented", "", "   ```yaml", ...yaml, "   ```", ""].join("\n");
    const error = expectRejected(root, [{ file: "indented.md", text }]);
    expect(error.line).toBe(lineOf(text, "         operationId: Delete: Ip"));
    // Column in the page, where the fence's three spaces of indentation still count.
    expect(error.column).toBe("         operationId: ".length + 1);
    expect(error.message).toContain("invalid YAML");
  });

  it("a Swagger document older than 2.0", () => {
    const root = makeRoot(["telnyx"]);
    const text = page("Old", "yaml", ['swagger: "1.2"', "info:", "  title: Old", "paths: {}"]);
    const error = expectRejected(root, [{ file: "old.md", text }]);
    expect(error.line).toBe(lineOf(text, 'swagger: "1.2"'));
    expect(error.message).toMatch(/^old\.md:6:1: swagger: 1\.2 is not Swagger 2\.0 or OpenAPI 3\.x/);
  });

  it("openapi: 2.0", () => {
    const root = makeRoot(["telnyx"]);
    const text = page("Old", "yaml", ["openapi: 2.0", "info:", "  title: Old", "paths: {}"]);
    const error = expectRejected(root, [{ file: "old.md", text }]);
    expect(error.message).toMatch(/^old\.md:6:1: openapi: 2\.0 is not OpenAPI 3\.x/);
  });

  it("a yaml block that looks like an API description but has no openapi key", () => {
    const root = makeRoot(["telnyx"]);
    const text = page("Keyless", "yaml", ["info:", "  title: Keyless", "paths: {}"]);
    const error = expectRejected(root, [{ file: "keyless.md", text }]);
    expect(error.message).toMatch(/^keyless\.md:6:1: /);
    expect(error.detail).toContain('no top-level `openapi: 3.x` (or `swagger: "2.0"`) key');
  });

  it("a bare YAML file that is not OpenAPI", () => {
    const root = makeRoot(["telnyx"]);
    const file = join(root, "config.yaml");
    writeFileSync(file, "name: not a spec\nitems: [1, 2]\n");
    const error = expectRejected(root, [file]);
    expect(error.message).toBe(
      `${file}:1: not an OpenAPI document: it has no top-level \`openapi: 3.x\` (or \`swagger: "2.0"\`) key`,
    );
  });

  it("two different OpenAPI blocks on one page", () => {
    const root = makeRoot(["telnyx"]);
    // Different documents: one shown twice (a YAML and a JSON tab) is vendored once (page-shapes.test.ts).
    const other = ipsYaml().map((line) => line.replace("description: OK", "description: Deleted"));
    expect(other).not.toEqual(ipsYaml());
    const text = `${page("One", "yaml", ipsYaml())}\n${page("Two", "yaml", other)}`;
    const error = expectRejected(root, [{ file: "two.md", text }]);
    const openers = text.split("\n").flatMap((line, i) => (line === "````yaml" ? [i + 1] : []));
    expect(openers).toEqual([5, 26]);
    expect(error.detail).toContain("2 fenced blocks hold an OpenAPI document (lines 5, 26)");
    expect(error.line).toBe(26);
  });

  it("an unknown provider, pointing at servers and suggesting --provider", () => {
    const root = makeRoot(["vobiz"]);
    const error = expectRejected(root, [TELNYX_IPS]);
    expect(error.message).toBe(
      `${TELNYX_IPS}:21: unknown provider "telnyx" (from https://api.telnyx.com/v2): there is no specs/telnyx/ yet, and no vendored document declares this server; pass --provider telnyx to add a new provider`,
    );
  });

  it("a provider vendored under a name of its own is known by its server; two that declare it are named", () => {
    const root = makeRoot(["vobiz"]);
    vendor(root, [TELNYX_IPS], { provider: "acme" });
    const plan = planVendor([TELNYX_IPS], { root, date: DATE });
    expect(plan.results.map((r) => r.provider)).toEqual(["acme"]);
    vendor(root, [TELNYX_IPS], { provider: "acme-two" });
    const error = expectRejected(root, [TELNYX_IPS]);
    expect(error.detail).toBe(
      "the server https://api.telnyx.com/v2 is declared by specs/acme/ and specs/acme-two/: pass --provider with the one this document belongs to",
    );
  });

  it("a provider that cannot be derived: localhost server, or no servers at all", () => {
    const root = makeRoot(["telnyx"]);
    const local = page("Local", "yaml", ipsYaml()).replace(
      "https://api.telnyx.com/v2",
      "http://localhost:8080",
    );
    const error = expectRejected(root, [{ file: "local.md", text: local }]);
    expect(error.line).toBe(lineOf(local, "servers:"));
    expect(error.detail).toContain("cannot tell the provider");
    expect(error.detail).toContain("--provider");

    const serverless = page(
      "None",
      "yaml",
      ipsYaml().filter((line) => !line.includes("servers") && !line.includes("url:")),
    );
    const none = expectRejected(root, [{ file: "none.md", text: serverless }]);
    expect(none.line).toBe(lineOf(serverless, "openapi: 3.1.0"));
    expect(none.detail).toContain("no servers");
  });

  it("a --provider named as one of the repository's own packages, which the generator would write over", () => {
    const root = makeRoot();
    const own = (name: string, scripts: object) => {
      mkdirSync(join(root, "packages", name), { recursive: true });
      writeFileSync(
        join(root, "packages", name, "package.json"),
        JSON.stringify({ name: `@x/${name}`, scripts }),
      );
    };
    own("codegen", { build: "tsup" });
    own("telnyx", { generate: "switchboard-codegen generate telnyx" });
    const before = snapshot(root);
    const error = expectRejected(root, [TELNYX_IPS], { provider: "codegen" });
    expect(error.message).toMatch(
      /^--provider: "codegen" is the name of the repository's own packages\/codegen/,
    );
    expect(snapshot(root)).toEqual(before);
    // A provider's own package is the provider's: vendoring into it is what it is for.
    vendor(root, [TELNYX_IPS], { provider: "telnyx" });
    expect(readdirSync(join(root, "specs", "telnyx")).some((name) => name.endsWith(".yaml"))).toBe(true);
  });

  it("a bad --provider value", () => {
    const root = makeRoot();
    const error = expectRejected(root, [TELNYX_IPS], { provider: "Telnyx_API" });
    expect(error.message).toMatch(/^--provider: "Telnyx_API" is not a valid provider name/);
    expect(() => parseVendorArgs([TELNYX_IPS, "--provider", "9lives"])).toThrow(InputError);
    // The name becomes a package name npm caps, and identifiers a doubled or trailing "-" would mangle.
    for (const name of ["a".repeat(65), "voice--ai", "voice-"])
      expect(() => parseVendorArgs([TELNYX_IPS, "--provider", name])).toThrow(/at most 64 characters/);
    expect(parseVendorArgs([TELNYX_IPS, "--provider", `voice-ai-${"a".repeat(55)}`]).provider).toHaveLength(
      64,
    );
    expect(() => parseVendorArgs([TELNYX_IPS, "--provider"])).toThrow(/needs a provider name/);
  });

  it("an unknown flag", () => {
    expect(() => parseVendorArgs(["--force", TELNYX_IPS])).toThrow(/^--force: unknown flag/);
    expect(parseVendorArgs(["a.md", "--provider=acme", "--", "--odd.md"])).toEqual({
      files: ["a.md", "--odd.md"],
      provider: "acme",
      help: false,
    });
  });

  it("a new provider is fine with --provider", () => {
    const root = makeRoot();
    vendor(root, [SYNTHFLOW], { provider: "synthflow" });
    expect(listSpecs(root)).toEqual([
      "synthflow/delete-phone-number.provenance.json",
      "synthflow/delete-phone-number.yaml",
    ]);
  });
});

describe("a new provider's settings", () => {
  /** One page's document of a Twilio-like API: basic auth whose username is the account in most paths. */
  const page = (method: string, path: string, operationId: string): VendorInput => ({
    file: `${operationId}.yaml`,
    text: `openapi: 3.0.3
info: { title: Callbox, version: "1" }
servers: [{ url: "https://api.callbox.test" }]
security: [{ accountSid_authToken: [] }]
paths:
  ${path}:
    ${method}:
      operationId: ${operationId}
      parameters:${path.includes("{AccountSid}") ? "\n        - { name: AccountSid, in: path, required: true, schema: { type: string } }" : " []"}
      responses: { "200": { description: ok } }
components:
  securitySchemes:
    accountSid_authToken: { type: http, scheme: basic }
`,
  });

  it("vendors a page about one webhook under the webhook's name", () => {
    const root = makeRoot();
    const text = [
      "# Call completed",
      "",
      "````yaml openapi.json webhook call.completed",
      "openapi: 3.1.0",
      "info: {title: Callbox, version: '1'}",
      "webhooks:",
      "  call.completed:",
      "    post:",
      "      responses: {'200': {description: ok}}",
      "````",
    ].join("\n");
    const plan = vendor(root, [{ file: "call-completed.md", text }], { provider: "callbox" });
    expect(plan.report[0]).toMatch(
      /^vendored specs\/callbox\/webhook-call-completed\.yaml \(1 webhook, sha256 /,
    );
  });

  describe("a webhook page beside the complete document that holds its webhook", () => {
    // Webhooks have one definition per provider, as operations do: the page is left out, or replaced.
    const completed = (description: string) => [
      "  call.completed:",
      "    post:",
      `      requestBody: {content: {application/json: {schema: {type: object, description: ${description}}}}}`,
      "      responses: {'200': {description: ok}}",
    ];
    // The document's operations, without its webhooks: a page of them alone.
    const operationsOnly = [
      "openapi: 3.1.0",
      "info: {title: Callbox, version: '1'}",
      "servers: [{url: 'https://api.callbox.test'}]",
      "paths:",
      "  /calls:",
      "    get: {operationId: listCalls, responses: {'200': {description: ok}}}",
      "    post: {operationId: createCall, responses: {'201': {description: created}}}",
    ];
    const complete = [
      ...operationsOnly,
      "webhooks:",
      ...completed("A call ended."),
      "  call.started:",
      "    post: {responses: {'200': {description: ok}}}",
      "",
    ].join("\n");
    // (This describe's `page` makes an operation's page; these are written out.)
    const markdown = (title: string, yaml: string[]) =>
      [`# ${title}`, "", "````yaml", ...yaml, "````", ""].join("\n");
    const webhookPage = (description: string) =>
      markdown("Call completed", [
        "openapi: 3.1.0",
        "info: {title: Callbox, version: '1'}",
        "webhooks:",
        ...completed(description),
      ]);
    const inputs = (description: string) => [
      { file: "callbox.yaml", text: complete },
      { file: "call-completed.md", text: webhookPage(description) },
    ];

    it("is left out after it when they agree, and said so", () => {
      const root = makeRoot(["callbox"]);
      vendor(root, [inputs("x")[0]!], { provider: "callbox" });
      expect(JSON.parse(read(root, "specs/callbox/callbox.provenance.json")).webhooks).toEqual([
        "webhook call.completed",
        "webhook call.started",
      ]);
      const before = snapshot(join(root, "specs"));
      const plan = vendor(root, [inputs("A call ended.")[1]!], { provider: "callbox" });
      expect(plan.report).toEqual([
        "unchanged: specs/callbox/callbox.yaml already has webhook call.completed exactly as call-completed.md defines it; nothing to vendor",
      ]);
      expect(snapshot(join(root, "specs"))).toEqual(before);
    });

    it("gives the same folder in either order when they differ, with the difference noted", () => {
      const after = makeRoot(["callbox"]);
      vendor(after, [inputs("x")[0]!], { provider: "callbox" });
      const left = vendor(after, [inputs("The call is over.")[1]!], { provider: "callbox" });
      expect(left.report).toEqual([
        "unchanged: specs/callbox/callbox.yaml already has webhook call.completed; nothing to vendor",
        expect.stringMatching(
          /^ {2}note: specs\/callbox\/callbox\.yaml, a larger document, defines webhook call\.completed otherwise \(at webhooks\["call\.completed"\]\.post\.requestBody.+"A call ended\." there, "The call is over\." here\)/,
        ),
      ]);
      const before = makeRoot(["callbox"]);
      vendor(before, [inputs("The call is over.")[1]!], { provider: "callbox" });
      const replaced = vendor(before, [inputs("x")[0]!], { provider: "callbox" });
      expect(replaced.report).toContain("removed specs/callbox/webhook-call-completed.yaml");
      expect(replaced.report).toContainEqual(
        expect.stringMatching(
          /^ {2}note: specs\/callbox\/webhook-call-completed\.yaml defined webhook call\.completed otherwise/,
        ),
      );
      expect(listSpecs(before)).toEqual(listSpecs(after));
      expect(listSpecs(after)).toEqual(["callbox/callbox.provenance.json", "callbox/callbox.yaml"]);
    });

    it("is compared with a document whose record predates webhooks in provenance, read from its spec", () => {
      const root = makeRoot(["callbox"]);
      vendor(root, [inputs("x")[0]!], { provider: "callbox" });
      const record = join(root, "specs/callbox/callbox.provenance.json");
      const { webhooks: _, ...older } = JSON.parse(readFileSync(record, "utf8"));
      writeFileSync(record, `${JSON.stringify(older, null, 2)}\n`);
      const plan = vendor(root, [inputs("A call ended.")[1]!], { provider: "callbox" });
      expect(plan.results[0]).toMatchObject({ status: "covered", coveredBy: ["specs/callbox/callbox.yaml"] });
    });

    it("keeps a document's webhooks from being replaced by a page of all its operations but none of them", () => {
      const root = makeRoot(["callbox"]);
      vendor(root, [{ file: "callbox.yaml", text: complete }], { provider: "callbox" });
      const listOnly = markdown("List calls", operationsOnly);
      const plan = vendor(root, [{ file: "list-calls.md", text: listOnly }], { provider: "callbox" });
      expect(plan.results[0]).toMatchObject({ status: "covered" });
      expect(listSpecs(root)).toEqual(["callbox/callbox.provenance.json", "callbox/callbox.yaml"]);
    });
  });

  it("suggests the fills that all the pages vendored together show, not the first page alone", () => {
    const root = makeRoot();
    const plan = vendor(
      root,
      [
        page("get", "/2010-04-01/Accounts.json", "ListAccount"),
        page("get", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "ListCall"),
        page("post", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "CreateCall"),
      ],
      { provider: "callbox" },
    );
    expect(plan.settings).toEqual([
      "wrote specs/callbox/switchboard.yaml: credentials `accountSid`, `authToken`; nothing filled",
      "  suggestion: `AccountSid`: the path parameter is named like the credential `accountSid`. If so, add under `fill:` in specs/callbox/switchboard.yaml:",
      "      AccountSid: accountSid",
    ]);
    expect(readFileSync(join(root, "specs/callbox/switchboard.yaml"), "utf8")).toContain(
      "# AccountSid: accountSid",
    );
  });
});

describe("a credential parameter in a document without security", () => {
  /** A FastAPI-like voice API: each operation takes the key as a header parameter, one (a health check) not. */
  const HEALTH_CHECK = "  /v1/health:\n    get:\n      operationId: health\n";
  const voiceApi = (security = "") => `openapi: 3.0.2
info: { title: Voices, version: "1" }
servers: [{ url: "https://api.voices.test" }]
${security}paths:
  /v1/voices:
    get:
      operationId: getVoices
      parameters: [{ $ref: "#/components/parameters/Key" }]
      responses: { "200": { description: ok } }
  /v1/voices/{voice_id}:
    parameters: [{ name: xi-api-key, in: header, schema: { type: string } }]
    get:
      operationId: getVoice
      parameters: [{ name: voice_id, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
  /v1/health:
    get:
      operationId: health
      parameters: [{ name: pageToken, in: query, schema: { type: string } }]
      responses: { "200": { description: ok } }
components:
  parameters:
    Key: { name: XI-API-KEY, in: header, schema: { type: string } }
`;

  /**
   * `voiceApi()` as Fern's pages write it: the key an `Authorization` parameter (its description `described`),
   * `operation` (the YAML of one more path) ahead of the health check, and `schemes` (the YAML lines of
   * `components.securitySchemes`) declared and required by nothing.
   */
  const fernPage = (operation: string, schemes: string, described?: string) => {
    const text = voiceApi()
      .replaceAll("xi-api-key", "Authorization")
      .replace("XI-API-KEY", "Authorization")
      .replace(HEALTH_CHECK, `${operation}${HEALTH_CHECK}`)
      .replace("components:\n", `components:\n  securitySchemes:\n${schemes}`);
    return described === undefined
      ? text
      : text.replace(
          "Key: { name: Authorization, in: header, schema: { type: string } }",
          `Key: { name: Authorization, in: header, description: ${described}, schema: { type: string } }`,
        );
  };

  /**
   * Vendors `text` as the new provider `voices`, pastes the overlay and the settings the report shows as a
   * user would, and renders the package: the report's lines, and the package's files.
   */
  async function pasteSuggestion(text: string) {
    const root = makeRoot();
    const plan = vendor(root, [{ file: "openapi.yaml", text, kind: "spec" }], { provider: "voices" });
    const block = (from: number) => {
      const lines: string[] = [];
      for (const line of plan.settings.slice(from)) {
        if (!line.startsWith("      ")) break;
        lines.push(line.slice(6));
      }
      return `${lines.join("\n")}\n`;
    };
    const settingsAt =
      plan.settings.findIndex((line) =>
        /^ {4}then name (it|them) in specs\/voices\/switchboard\.yaml:$/.test(line),
      ) + 1;
    expect(settingsAt).toBeGreaterThan(2);
    mkdirSync(join(root, "specs/voices/overlays"));
    writeFileSync(join(root, "specs/voices/overlays/credentials.yaml"), block(2));
    writeFileSync(join(root, "specs/voices/switchboard.yaml"), `${block(settingsAt)}fill: {}\npaging: {}\n`);
    const { bundle, settings } = await loadProvider(root, "voices");
    const { files } = await renderProvider(bundle, settings);
    return { report: plan.settings, overlay: block(2), settings: block(settingsAt), files };
  }

  it("is suggested as a scheme, with the overlay and the settings line that make the client send it", async () => {
    const { report, settings, files } = await pasteSuggestion(voiceApi());
    expect(report[0]).toBe("wrote specs/voices/switchboard.yaml: credentials none; nothing filled");
    expect(report[1]).toBe(
      "  suggestion: no operation declares security, but 2 of 3 operations take the header parameter `XI-API-KEY`, named like a credential. For the client to send it from an option (or an environment variable) rather than every call passing it, declare it with an overlay, say specs/voices/overlays/credentials.yaml:",
    );
    expect(settings).toBe("credentials:\n  apiKey: apiKey\n");
    // The client sends the key (from VOICES_API_KEY), so no method takes it as an input any more.
    expect(files["provider.ts"]).toContain('"env": "VOICES_API_KEY"');
    expect(files["endpoints.ts"]).not.toMatch(/xi-api-key/i);
    expect(report.join("\n")).not.toContain("pageToken");
  });

  it("is the scheme the document declares for it, when no operation requires that scheme", async () => {
    // Synthflow's page: a bearer scheme `sec0` declared, the token an `Authorization` parameter.
    const text = voiceApi()
      .replaceAll("xi-api-key", "Authorization")
      .replace("XI-API-KEY", "Authorization")
      .replace("components:\n", "components:\n  securitySchemes: { sec0: { type: http, scheme: bearer } }\n");
    const { report, overlay, settings, files } = await pasteSuggestion(text);
    expect(report[1]).toContain(
      "have the operations that take it require the scheme `sec0` the document declares for it",
    );
    expect(overlay).not.toContain("securitySchemes");
    expect(settings).toBe("credentials:\n  sec0: apiKey\n");
    expect(files["provider.ts"]).toContain('"env": "VOICES_API_KEY"');
    expect(files["provider.ts"]).toContain('"type": "bearer"');
  });

  it("is each parameter's own scheme where operations take different ones, and none where they take none (Fern's pages)", async () => {
    // As Fern writes a page: each operation's security as its parameters (a bearer `Authorization`, an
    // `X-Client-Id` header, which only its scheme says is a credential: API Setu's), the document's schemes
    // beside them as `sec0`, `sec1`, required by nothing.
    const text = fernPage(
      '  /v1/menus:\n    get:\n      operationId: getMenus\n      parameters: [{ name: X-Client-Id, in: header, required: true, schema: { type: string } }]\n      responses: { "200": { description: ok } }\n',
      "    sec0: { type: http, scheme: basic }\n    sec1: { type: apiKey, in: header, name: X-Client-Id }\n    sec2: { type: http, scheme: bearer }\n",
      "Bearer authentication",
    );
    const { report, overlay, settings, files } = await pasteSuggestion(text);
    expect(report[1]).toContain(
      "2 of 4 operations take the header parameter `Authorization`, named like a credential (and 1 of 4 operations takes `X-Client-Id`, which the document's scheme `sec1` sends)",
    );
    // The bearer scheme the parameter's description names, not the basic one declared first.
    expect(settings).toBe("credentials:\n  sec2: apiKey\n  sec1: xClientId\n");
    expect(parse(overlay).actions.map((a: any) => [a.target, a.update.security])).toEqual([
      ["$", [{ sec2: [] }]],
      ["$.paths['/v1/menus'].get", [{ sec1: [] }]],
      ["$.paths['/v1/health'].get", []],
    ]);
    // No method takes either credential; each is sent from its own option.
    expect(files["endpoints.ts"]).not.toMatch(/Authorization|X-Client-Id/i);
    expect(files["provider.ts"]).toContain('"env": "VOICES_API_KEY"');
    expect(files["provider.ts"]).toContain('"env": "VOICES_X_CLIENT_ID"');

    // Beside them, a parameter every operation takes that is named like a credential but no scheme of the
    // document sends (VTEX's `X-PROVIDER-API-AppKey`, the key a merchant gives a payment provider): an input
    // of every method still, not a credential of the client.
    const provided = text.replaceAll(
      "parameters: [",
      "parameters: [{ name: X-PROVIDER-API-AppKey, in: header, required: true, schema: { type: string } }, ",
    );
    const withProvider = await pasteSuggestion(provided);
    expect(withProvider.settings).toBe(settings);
    expect(withProvider.report[1]).toBe(report[1]);
    expect(withProvider.files["endpoints.ts"]).toContain('"header":["X-PROVIDER-API-AppKey"]');
  });

  it("sends an Authorization by the form each operation's names: a token endpoint's Basic beside the rest's Bearer (Fern's pages)", async () => {
    // Before, every `Authorization` was one credential, sent by the scheme the first description named: the
    // bearer operations were sent Basic credentials (readme's security examples through Fern's pages).
    const text = fernPage(
      '  /v1/token:\n    post:\n      operationId: getToken\n      parameters: [{ name: Authorization, in: header, required: true, description: Basic authentication, schema: { type: string } }]\n      responses: { "200": { description: ok } }\n',
      "    sec0: { type: http, scheme: basic }\n    sec1: { type: http, scheme: bearer }\n",
      "Bearer authentication",
    );
    const { report, overlay, settings, files } = await pasteSuggestion(text);
    expect(report[1]).toContain(
      "2 of 4 operations take the header parameter `Authorization`, named like a credential (and 1 of 4 operations takes `Authorization (basic)`, which the document's scheme `sec0` sends)",
    );
    // The path item's `Authorization`, which names no form, is sent as most are: Bearer.
    expect(parse(overlay).actions.map((a: any) => [a.target, a.update.security])).toEqual([
      ["$", [{ sec1: [] }]],
      ["$.paths['/v1/token'].post", [{ sec0: [] }]],
      ["$.paths['/v1/health'].get", []],
    ]);
    expect(Object.keys(parse(settings).credentials)).toEqual(["sec1", "sec0"]);
    expect(files["endpoints.ts"]).not.toMatch(/Authorization/);

    // Beside an API key scheme sent as `Authorization` (Authentiq's registration token, whose parameter Fern
    // writes without a description), one that names no form is that key's, and a Bearer one an OAuth 2
    // scheme's: before, the user-info operation was sent the registration token.
    const keyed = fernPage(
      '  /v1/userinfo:\n    get:\n      operationId: getUserInfo\n      parameters: [{ name: Authorization, in: header, required: true, description: Bearer authentication, schema: { type: string } }]\n      responses: { "200": { description: ok } }\n',
      "    sec0: { type: apiKey, in: header, name: Authorization }\n    sec1: { type: oauth2, flows: { implicit: { authorizationUrl: 'https://auth.voices.test', scopes: {} } } }\n",
    );
    const byKey = await pasteSuggestion(keyed);
    expect(parse(byKey.overlay).actions.map((a: any) => [a.target, a.update.security])).toEqual([
      ["$", [{ sec0: [] }]],
      ["$.paths['/v1/userinfo'].get", [{ sec1: [] }]],
      ["$.paths['/v1/health'].get", []],
    ]);
  });

  it("is not suggested where the document declares security, or fewer than half the operations take it", () => {
    const secured = vendor(
      makeRoot(),
      [
        {
          file: "openapi.yaml",
          text: voiceApi("security: [{ key: [] }]\n").replace(
            "components:\n",
            "components:\n  securitySchemes: { key: { type: apiKey, in: header, name: xi-api-key } }\n",
          ),
          kind: "spec",
        },
      ],
      { provider: "voices" },
    );
    expect(secured.settings).toEqual([
      "wrote specs/voices/switchboard.yaml: credentials `apiKey`; nothing filled",
    ]);
    const once = voiceApi().replace(
      'parameters: [{ $ref: "#/components/parameters/Key" }]',
      "parameters: []",
    );
    const plan = vendor(makeRoot(), [{ file: "openapi.yaml", text: once, kind: "spec" }], {
      provider: "voices",
    });
    expect(plan.settings).toEqual(["wrote specs/voices/switchboard.yaml: credentials none; nothing filled"]);
  });

  it("is named like one: a key, a secret, an authorization or a token, never a position in a list", () => {
    for (const name of [
      "xi-api-key",
      "X-RapidAPI-Key",
      "Ocp-Apim-Subscription-Key",
      "key",
      "apiKey",
      "access_token",
      "X-Auth-Token",
      "Authorization",
      "client_secret",
      "token",
    ])
      expect(namedLikeCredential(name), name).toBe(true);
    for (const name of [
      "pageToken",
      "continuationToken",
      "next_token",
      "Idempotency-Key",
      "sort_key",
      "keyword",
      "voice_id",
      "X-Request-Id",
    ])
      expect(namedLikeCredential(name), name).toBe(false);
  });
});

describe("file names of pages that kebab-case alike", () => {
  it("tell two operations apart by their exact path's digest where their method and path kebab-case alike", () => {
    const root = makeRoot();
    const page = (path: string): VendorInput => ({
      file: `${path.replaceAll("/", "_")}.md`,
      text: `# Users\n\n\`\`\`\`yaml\nopenapi: 3.0.3\ninfo: { title: Users, version: "1" }\nservers: [{ url: "https://api.users.test" }]\npaths:\n  ${path}:\n    get:\n      responses: { "200": { description: ok } }\n\`\`\`\`\n`,
    });
    // DaniWeb's `/users` and `/users/~`: no operationId, and kebab-case drops the `~`.
    const plan = vendor(root, [page("/users"), page("/users/~")], { provider: "users" });
    expect(plan.results.map((r) => r.specPath)).toEqual([
      "specs/users/get-users.yaml",
      `specs/users/get-users-${sha256("GET /users/~").slice(0, 8)}.yaml`,
    ]);
    // Each page lands on its own file again, whichever comes first.
    const again = vendor(root, [page("/users/~"), page("/users")], { provider: "users" });
    expect(again.results.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
  });

  it("are no fallback for a document of several operations: one whose name a file of other operations holds may replace it", () => {
    const root = makeRoot();
    const api = (paths: string[]): VendorInput => ({
      file: "openapi.json",
      kind: "spec",
      text: JSON.stringify({
        openapi: "3.0.3",
        info: { title: "Users", version: "1" },
        servers: [{ url: "https://api.users.test" }],
        paths: Object.fromEntries(
          paths.map((path) => [path, { get: { responses: { "200": { description: "ok" } } } }]),
        ),
      }),
    });
    vendor(root, [api(["/a", "/b"])], { provider: "users" });
    const error = catchInputError(() => vendor(root, [api(["/c", "/d"])], { provider: "users" }));
    expect(error.message).toContain(
      "name clash: specs/users/openapi.json already holds 2 operations (GET /a, GET /b)",
    );
  });
});

describe("pure helpers", () => {
  it("derives providers from server hosts", () => {
    expect(deriveProvider("https://api.telnyx.com/v2")).toEqual({ provider: "telnyx" });
    expect(deriveProvider("https://api.vobiz.ai")).toEqual({ provider: "vobiz" });
    expect(deriveProvider("https://api.eu.synthflow.ai/v2")).toEqual({ provider: "synthflow" });
    expect(deriveProvider("//api.ote-godaddy.com")).toEqual({ provider: "ote-godaddy" });
    expect(deriveProvider("wss://rt.acme.co.uk")).toEqual({ provider: "acme" });
    for (const url of [
      undefined,
      "/v2",
      "http://localhost:8080",
      "http://127.0.0.1/v1",
      "http://[::1]/",
      "https://api",
    ]) {
      expect(deriveProvider(url)).toHaveProperty("reason");
    }
  });

  it("names files after the operation, or the source file, or the title", () => {
    expect(kebabCase("DeleteIp")).toBe("delete-ip");
    expect(kebabCase("delete-ip-acl")).toBe("delete-ip-acl");
    expect(kebabCase("getHTTPStatus_v2")).toBe("get-http-status-v2");
    const op = (method: string, path: string, operationId?: string) => ({
      method,
      path,
      operationId,
      line: 1,
    });
    const spec = {
      version: "3.1.0",
      title: "Acme Voice API",
      serverUrl: undefined,
      openapiLine: 1,
      serversLine: undefined,
      webhooks: [] as string[],
    };
    const one = { ...spec, operations: [op("delete", "/sip-trunks/trunks/{trunk_id}")] };
    expect(specName({ file: "p.md", kind: "page", source: null, spec: one })).toBe(
      "delete-sip-trunks-trunks-trunk-id",
    );
    const two = { ...spec, operations: [op("get", "/a", "GetA"), op("put", "/a", "PutA")] };
    expect(
      specName({ file: "p.md", kind: "page", source: "https://x.io/specs/voice-calls.yml", spec: two }),
    ).toBe("voice-calls");
    expect(specName({ file: "dir/My_Spec.yaml", kind: "spec", source: null, spec: two })).toBe("my-spec");
    expect(specName({ file: "p.md", kind: "page", source: null, spec: two })).toBe("acme-voice-api");
    // A page of one webhook, after the webhook: each event page its own file.
    const event = { ...spec, operations: [], webhooks: ["call.completed"] };
    expect(specName({ file: "p.md", kind: "page", source: null, spec: event })).toBe(
      "webhook-call-completed",
    );
    const events = { ...event, webhooks: ["call.completed", "call.answered"] };
    expect(specName({ file: "p.md", kind: "page", source: null, spec: events })).toBe("acme-voice-api");
  });

  it("names a second page of several operations whose fence names the same document by its own title", () => {
    const root = makeRoot([]);
    const doc = (path: string) =>
      [
        "openapi: 3.1.0",
        "info: {title: Acme Voice API, version: '1'}",
        "servers: [{url: 'https://api.acme.example'}]",
        "paths:",
        `  "${path}":`,
        "    get: {responses: {'200': {description: OK}}}",
        "    post: {responses: {'200': {description: OK}}}",
      ].join("\n");
    // Each page embeds the part of the site's one document it is about, its fence naming that document.
    const page = (title: string, path: string) =>
      `# ${title}\n\n\`\`\`\`yaml https://docs.acme.example/openapi.json\n${doc(path)}\n\`\`\`\`\n`;
    vendor(root, [{ file: "contacts.md", text: page("Campaign contacts", "/campaigns/{id}/contacts") }], {
      provider: "acme",
    });
    vendor(root, [{ file: "tools.md", text: page("Agent tools", "/agents/{id}/tools") }], {
      provider: "acme",
    });
    expect(listSpecs(root)).toEqual([
      "acme/agent-tools.provenance.json",
      "acme/agent-tools.yaml",
      "acme/openapi.provenance.json",
      "acme/openapi.yaml",
    ]);
  });

  it("takes the vendoring date from SWITCHBOARD_VENDOR_DATE, else today in UTC", () => {
    expect(vendorDate({ SWITCHBOARD_VENDOR_DATE: "2025-02-28" })).toBe("2025-02-28");
    expect(vendorDate({}, new Date("2024-07-01T23:30:00-05:00"))).toBe("2024-07-02");
    expect(() => vendorDate({ SWITCHBOARD_VENDOR_DATE: "2025-02-30" })).toThrow(InputError);
  });

  it("closes a fence only with a long enough fence of the same character", () => {
    const text = [
      "````yaml",
      "openapi: 3.1.0",
      "info:",
      "  description: |",
      "    ```json",
      "    {}",
      "    ```",
      "```",
      "~~~~",
      "````",
      "after",
    ].join("\n");
    const [block, ...rest] = scanPage(text).blocks;
    expect(rest).toEqual([]);
    expect(block?.lines).toHaveLength(8);
    expect(block?.closed).toBe(true);
  });
});

describe("the CLI", () => {
  // Each run starts node and tsx afresh: a second alone, far longer on a loaded machine. The limits only
  // stop a hung child; the test's own budget covers both runs.
  const CHILD_BUDGET = 150_000;
  const run = (root: string, args: string[]) =>
    spawnSync(process.execPath, ["packages/codegen/bin/switchboard-codegen.js", "vendor", ...args], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, SWITCHBOARD_ROOT: root, SWITCHBOARD_VENDOR_DATE: DATE },
      timeout: CHILD_BUDGET,
    });

  it(
    "exits 1 with file:line on bad input and vendors good input",
    () => {
      const root = makeRoot();
      const bad = run(root, [TELNYX_IPS]);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain(`error: ${TELNYX_IPS}:21: unknown provider "telnyx"`);
      expect(listSpecs(root)).toEqual([]);

      const good = run(root, [TELNYX_IPS, "--provider", "telnyx"]);
      expect(good.stderr).toBe("");
      expect(good.status).toBe(0);
      const spec = read(root, "specs/telnyx/delete-ip.yaml");
      expect(good.stdout).toBe(
        `vendored specs/telnyx/delete-ip.yaml (1 operation, sha256 ${sha256(spec).slice(0, 12)})\n` +
          "wrote specs/telnyx/switchboard.yaml: credentials `apiKey`; nothing filled\n" +
          '  new method deleteIp (DELETE /ips/{id}), named from its operationId "DeleteIp"\n' +
          // Vendoring runs generate's checks on what it vendored, after its overlays.
          "telnyx: checked, 1 operation generates cleanly\n",
      );
    },
    2 * CHILD_BUDGET,
  );
});

/** `sha256sum` of the spec below, as UTF-8 bytes. */
const PINNED_SHA256 = "939905707718942c4256a62ef2322abf7acac6e5c159f3a7569f78207fb58389";

describe("provenance", () => {
  it("records the sha256 of the bytes written, for text that is not ASCII too", () => {
    const root = makeRoot(["acme"]);
    const page = join(root, "add-number.md");
    const spec = [
      "openapi: 3.1.0",
      "info:",
      "  title: Acme — Voz",
      "  version: '1'",
      "  description: Llamadas 📞 «en vivo», número ünïcode",
      "servers:",
      "  - url: https://api.acme.example",
      "paths:",
      "  /numbers:",
      "    post:",
      "      operationId: addNumber",
      "      summary: Añadir número",
      "      responses:",
      "        '201':",
      "          description: Creado",
      "",
    ].join("\n");
    writeFileSync(page, `# Añadir número\n\n\`\`\`yaml\n${spec}\`\`\`\n`);
    const plan = vendor(root, [page], { provider: "acme" });
    const written = readdirSync(join(root, "specs/acme")).find((name) => name.endsWith(".yaml"))!;
    const bytes = readFileSync(join(root, "specs/acme", written));
    expect(bytes.toString("utf8")).toBe(spec);
    const provenance = JSON.parse(read(root, `specs/acme/${written.replace(/\.yaml$/, ".provenance.json")}`));
    // The digest of the file's bytes on disk, and pinned to the value `sha256sum` gives for them: hashing the
    // text in another encoding (latin1, UTF-16) would match neither.
    expect(provenance.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(provenance.sha256).toBe(PINNED_SHA256);
    expect(plan.report[0]).toContain(`sha256 ${PINNED_SHA256.slice(0, 12)}`);
  });
});

describe("the methods vendor announces", () => {
  /**
   * `vendor` as the command line runs it in `root`: the lines it prints, and what it returns. A provider with
   * problems sets a failing exit code, which is put back: the test runner's own must not change.
   */
  async function vendorLines(root: string, args: string[]): Promise<{ lines: string[]; checked: string[] }> {
    vi.stubEnv("SWITCHBOARD_ROOT", root);
    vi.stubEnv("SWITCHBOARD_VENDOR_DATE", DATE);
    const lines: string[] = [];
    const exitCode = process.exitCode;
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      return { lines, checked: await runVendorCli(args) };
    } finally {
      log.mockRestore();
      error.mockRestore();
      vi.unstubAllEnvs();
      process.exitCode = exitCode;
    }
  }

  it("are named as the bundle names them: two files' listThings told apart, a then renamed", async () => {
    const root = makeRoot();
    const doc = (paths: object) => ({
      openapi: "3.1.0",
      info: { title: "Names", version: "1" },
      servers: [{ url: "https://api.names.example" }],
      paths,
    });
    const ok = { responses: { "200": { description: "ok" } } };
    const first = join(root, "first.json");
    const second = join(root, "second.json");
    writeFileSync(
      first,
      JSON.stringify(
        doc({
          "/things": { get: { operationId: "listThings", ...ok } },
          "/then": { post: { operationId: "then", ...ok } },
        }),
      ),
    );
    writeFileSync(
      second,
      JSON.stringify(doc({ "/archive/things": { get: { operationId: "listThings", ...ok } } })),
    );
    const { lines: logged, checked } = await vendorLines(root, [first, second, "--provider", "names"]);
    expect(checked).toEqual(["names"]);
    expect(logged.filter((line) => line.includes("new method"))).toEqual([
      '  new method listThings (GET /things), named from its operationId "listThings"',
      '  new method postThen (POST /then), named from its method and path: its operationId "then" names a member every client has',
      '  new method listThingsArchive (GET /archive/things), named from its operationId "listThings": another operation is "listThings" too, so the path tells them apart',
    ]);
    // A document that declares no security (GitHub's published one) is said to make a client without credentials.
    expect(logged.slice(-2)).toEqual([
      "names: checked, 3 operations generate cleanly",
      expect.stringMatching(
        /^ {2}note: the document declares no security scheme, so the client sends no credentials; if the API needs them/,
      ),
    ]);
  });

  it("say so where schemes are declared and no security applies them (ZoomConnect's)", async () => {
    const root = makeRoot();
    const file = join(root, "zoomconnect.json");
    writeFileSync(
      file,
      JSON.stringify({
        openapi: "3.0.1",
        info: { title: "ZoomConnect", version: "1" },
        servers: [{ url: "https://www.zoomconnect.example/app" }],
        paths: {
          "/api/rest/v1/account/balance": {
            get: { operationId: "getBalance", responses: { "200": { description: "ok" } } },
          },
        },
        components: {
          securitySchemes: {
            email: { type: "apiKey", in: "header", name: "email" },
            token: { type: "apiKey", in: "header", name: "token" },
          },
        },
      }),
    );
    const { lines: logged } = await vendorLines(root, [file, "--provider", "zoomconnect"]);
    expect(logged.at(-1)).toBe(
      "  note: the document declares the security schemes email, token but no `security` applies any, so the " +
        "client sends no credentials; if the API needs them, apply them with an overlay (target `$`, `update: { " +
        "security: [{ email: [], token: [] }] }`, naming the schemes each call sends) and name them under " +
        "`credentials:` in specs/zoomconnect/switchboard.yaml (README: Fixing a provider's spec)",
    );
  });

  it("say what the types leave loose: answers documented by examples alone, and cookie parameters", async () => {
    const root = makeRoot();
    const file = join(root, "loose.json");
    const answer = (content: object) => ({ responses: { "200": { description: "ok", content } } });
    writeFileSync(
      file,
      JSON.stringify({
        openapi: "3.0.1",
        info: { title: "Loose", version: "1" },
        servers: [{ url: "https://api.loose.example" }],
        security: [{ key: [] }],
        components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
        paths: {
          // ClickSend's: an example and no schema.
          "/balance": {
            get: {
              operationId: "getBalance",
              ...answer({ "application/json": { example: { balance: 1 } } }),
            },
          },
          "/typed": {
            get: {
              operationId: "getTyped",
              parameters: [{ name: "session", in: "cookie", required: true, schema: { type: "string" } }],
              ...answer({ "application/json": { schema: { type: "object" }, example: {} } }),
            },
          },
        },
      }),
    );
    const { lines: logged } = await vendorLines(root, [file, "--provider", "loose"]);
    expect(logged.filter((line) => line.startsWith("  note:"))).toEqual([
      "  note: 1 operation (GET /balance) documents its answer by examples alone, with no schema: its `data` is typed `unknown`; an overlay can give each answer its schema",
      '  note: 1 operation (GET /typed) takes the cookie parameter `session`, which no method has an input for: send it in a call\'s `headers: { Cookie: "session=…" }`',
    ]);
  });

  it("end with what the check found of its webhooks: a verifier, or why there is none", async () => {
    const root = makeRoot();
    const spec = (signature: object) => ({
      openapi: "3.1.0",
      info: { title: "Callwave", version: "1" },
      servers: [{ url: "https://api.callwave.example" }],
      paths: { "/calls": { get: { operationId: "listCalls", responses: { "200": { description: "ok" } } } } },
      webhooks: {
        "call.completed": {
          post: {
            parameters: [
              { in: "header", name: "X-Callwave-Signature", schema: { type: "string" }, ...signature },
            ],
            requestBody: {
              content: {
                "application/json": {
                  schema: { type: "object", properties: { type: { const: "call.completed" } } },
                },
              },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      },
    });
    const file = join(root, "callwave.json");
    writeFileSync(file, JSON.stringify(spec({}), null, 2));
    const bare = await vendorLines(root, [file, "--provider", "callwave"]);
    // The note names the signature header's parameter by file and line (after the one on its missing security).
    expect(bare.lines.filter((line) => !line.includes("declares no security")).slice(-2)).toEqual([
      "callwave: checked, 1 operation generates cleanly",
      "  1 webhook event, no verifier (specs/callwave/list-calls.json:28): the spec does not say which algorithm signs x-callwave-signature; declare the scheme in x-switchboard-webhooks.signature with an overlay",
    ]);
    writeFileSync(
      file,
      JSON.stringify(
        spec({ description: "HMAC-SHA256 hex digest of the raw body", example: "ab".repeat(32) }),
      ),
    );
    const said = await vendorLines(root, [file, "--provider", "callwave"]);
    expect(said.lines.at(-1)).toBe("  1 webhook event, verified as the spec says they are signed");
  });

  it("are named as the bundle names them when the provider has problems to fix first", () => {
    // No servers: the check after vendoring fails, so the names come from the document, told apart as the
    // bundle tells them once the overlay is written (FastAPI's operationIds of a path and its `/stream`).
    const ok = { responses: { "200": { description: "ok" } } };
    const text = JSON.stringify({
      openapi: "3.0.2",
      info: { title: "Speech", version: "1" },
      paths: {
        "/v1/text-to-speech/{voice_id}": {
          post: { operationId: "Text_to_speech_v1_text_to_speech__voice_id__post", ...ok },
        },
        "/v1/text-to-speech/{voice_id}/stream": {
          post: { operationId: "Text_to_speech_v1_text_to_speech__voice_id__stream_post", ...ok },
        },
        "/then": { post: { operationId: "then", ...ok } },
        "/voices": { get: { summary: "List voices", ...ok } },
        "/models": { get: { summary: "List", ...ok } },
      },
    });
    const plan = vendor(makeRoot(), [{ file: "openapi.json", text, kind: "spec" }], { provider: "speech" });
    expect(methodLines(plan.results.flatMap((r) => r.methods))).toEqual([
      '  new method textToSpeech (POST /v1/text-to-speech/{voice_id}), named from its operationId "Text_to_speech_v1_text_to_speech__voice_id__post"',
      '  new method textToSpeechStream (POST /v1/text-to-speech/{voice_id}/stream), named from its operationId "Text_to_speech_v1_text_to_speech__voice_id__stream_post": another operation is "textToSpeech" too, so the path tells them apart',
      '  new method postThen (POST /then), named from its method and path: its operationId "then" names a member every client has',
      '  new method listVoices (GET /voices), named from its summary "List voices"',
      // Not "no operationId, page title or summary": it has a summary, passed over.
      '  new method getModels (GET /models), named from its method and path: the summary "List" is a bare verb or names nothing on its own',
      "  to name a method otherwise, set its operationId with an overlay before the first release (README: Fixing a provider's spec)",
    ]);
    // Named apart across the run's documents (vendor-command.ts), a method still says why its path names it: the
    // document built to tell them apart has no operationId "then" left to say so.
    expect(methodLines(methodsTogether(plan.results.flatMap((r) => r.methods)))).toContain(
      '  new method postThen (POST /then), named from its method and path: its operationId "then" names a member every client has',
    );
  });

  it("are named apart across the run's documents when the provider has problems to fix first", async () => {
    const root = makeRoot();
    // Two pages titled alike, of a document without servers: no bundle names them.
    const page = (path: string) => ({
      openapi: "3.1.0",
      info: { title: "Rules", version: "1" },
      paths: { [path]: { get: { summary: "List rules", responses: { "200": { description: "ok" } } } } },
    });
    const fax = join(root, "fax-rules.json");
    const sms = join(root, "sms-rules.json");
    writeFileSync(fax, JSON.stringify(page("/fax/rules")));
    writeFileSync(sms, JSON.stringify(page("/sms/rules")));
    const { lines: logged } = await vendorLines(root, [fax, sms, "--provider", "rules"]);
    expect(logged.filter((line) => line.includes("new method"))).toEqual([
      '  new method listRulesFax (GET /fax/rules), named from its summary "List rules": the summary "List rules" would name it "listRules", which another operation is named too',
      '  new method listRulesSms (GET /sms/rules), named from its summary "List rules": the summary "List rules" would name it "listRules", which another operation is named too',
    ]);
  });

  it("include the generated package's methods that a new operation renamed, though the run never touched them", async () => {
    const root = makeRoot();
    const page = (path: string) => ({
      openapi: "3.1.0",
      info: { title: "Voxline", version: "1" },
      servers: [{ url: "https://api.voxline.example" }],
      paths: { [path]: { get: { summary: "List rules", responses: { "200": { description: "ok" } } } } },
    });
    const calls = join(root, "fax-rules.json");
    const numbers = join(root, "sms-rules.json");
    writeFileSync(calls, JSON.stringify(page("/fax/rules")));
    writeFileSync(numbers, JSON.stringify(page("/sms/rules")));
    await vendorLines(root, [calls, "--provider", "voxline"]);
    // The package as `generate` leaves it: its snapshot lists the methods the bundle names.
    const generated = await checkProvider(root, "voxline");
    expect(generated.methods).toEqual({ listRules: "GET /fax/rules" });
    mkdirSync(join(root, "packages", "voxline"), { recursive: true });
    writeFileSync(
      join(root, "packages", "voxline", "api-snapshot.json"),
      renderSnapshot({
        package: "@switchboard/voxline",
        entryPoints: {},
        operations: generated.methods ?? {},
      }),
    );
    const { lines: logged } = await vendorLines(root, [numbers, "--provider", "voxline"]);
    expect(logged.filter((line) => line.includes("method"))).toEqual([
      expect.stringMatching(/^ {2}new method listRulesSms \(GET \/sms\/rules\)/),
      expect.stringMatching(/^ {2}to name a method otherwise/),
      "  renamed method listRules → listRulesFax (GET /fax/rules)",
      expect.stringMatching(
        /^ {2}code calling a renamed method by its old name breaks \(a major release, once @switchboard\/voxline/,
      ),
    ]);
  });
});

describe("pages of one provider under different security schemes", () => {
  /** A page of one operation, its document's own servers and `security`. */
  const page = (root: string, name: string, path: string, scheme: string, definition: object) => {
    const file = join(root, `${name}.md`);
    const doc = {
      openapi: "3.0.3",
      info: { title: "Ringo", version: "1" },
      servers: [{ url: "https://api.ringo.example/v1" }],
      security: [{ [scheme]: [] }],
      components: { securitySchemes: { [scheme]: definition } },
      paths: { [path]: { get: { operationId: name, responses: { "200": { description: "ok" } } } } },
    };
    writeFileSync(file, `# ${name}\n\n\`\`\`yaml\n${yamlDump(doc)}\`\`\`\n`);
    return file;
  };
  const pages = (root: string) => {
    const bearer = { type: "http", scheme: "bearer" };
    return {
      calls: page(root, "listCalls", "/calls", "bearerAuth", bearer),
      recordings: page(root, "listRecordings", "/recordings", "bearerAuth", bearer),
      numbers: page(root, "listNumbers", "/numbers", "apiKeyHeader", {
        type: "apiKey",
        in: "header",
        name: "X-Api-Key",
      }),
    };
  };
  const credentials = (root: string) =>
    parse(readFileSync(join(root, "specs", "ringo", "switchboard.yaml"), "utf8")).credentials;

  it("name the same credentials in any order: the scheme most operations send, then each other one", () => {
    const first = makeRoot();
    const { calls, recordings, numbers } = pages(first);
    vendor(first, [numbers, calls, recordings], { provider: "ringo" });
    const second = makeRoot();
    const again = pages(second);
    vendor(second, [again.calls, again.recordings, again.numbers], { provider: "ringo" });
    expect(credentials(first)).toEqual({ bearerAuth: "apiKey", apiKeyHeader: "apiKeyHeader" });
    expect(credentials(second)).toEqual(credentials(first));
  });

  it("a page added later under a scheme the settings do not name is a note of `check`, naming the operation", async () => {
    const root = makeRoot();
    const { calls, numbers } = pages(root);
    vendor(root, [calls], { provider: "ringo" });
    vendor(root, [numbers], { provider: "ringo" });
    const result = await checkProvider(root, "ringo");
    expect(result.error).toBeUndefined();
    expect(result.unauthenticated).toEqual(["1 operation (GET /numbers) needs `apiKeyHeader`"]);
  });
});
