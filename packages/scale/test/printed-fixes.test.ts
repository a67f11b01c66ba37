/**
 * The fixes the generator prints are fixes: a new provider's document with the problems real documents have
 * (no servers, a path parameter declared again in the query, the key as a header parameter of each operation
 * and no security scheme, two operations their paths name alike, two servers both named one region) is vendored, the overlays and settings the
 * output shows are written as a user pastes them (printed-fixes.ts, placeholders filled), and the provider
 * must then generate, type-check and be what the fixes say. `real-documents --mend` does the same over real
 * documents.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyPrintedFixes, printedFixes, withCredentials } from "../src/printed-fixes.js";
import { bin, createWorkspace, runNode, type Workspace } from "../src/workspace.js";

const ok = {
  "200": {
    description: "ok",
    content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } },
  },
};
const key = { name: "x-api-key", in: "header", schema: { type: "string" } };

/** A framework's document: no servers, a duplicated path parameter, the key a parameter, no security. */
const FIXLINE = {
  openapi: "3.0.3",
  info: { title: "Fixline", version: "1" },
  paths: {
    "/calls": { get: { operationId: "listCalls", parameters: [key], responses: ok } },
    // Named alike by their paths alone (DaniWeb's): the fix names the second.
    "/users": { get: { parameters: [key], responses: ok } },
    "/users/~": { get: { parameters: [key], responses: ok } },
    "/calls/{call_id}": {
      get: {
        operationId: "getCall",
        parameters: [
          { name: "call_id", in: "path", required: true, schema: { type: "string" } },
          { name: "call_id", in: "query", schema: { type: "string" } },
          key,
        ],
        responses: ok,
      },
    },
  },
};

/** Two servers per environment, each pair described alike: two region names taken twice. */
const TWINLINE = {
  openapi: "3.0.3",
  info: { title: "Twinline", version: "1" },
  servers: [
    { url: "https://api.twinline.test", description: "Production" },
    { url: "https://apiz.twinline.test", description: "Production" },
    { url: "https://sandbox.twinline.test", description: "Sandbox" },
    { url: "https://sandboxz.twinline.test", description: "Sandbox" },
  ],
  paths: { "/calls": { get: { operationId: "listCalls", responses: ok } } },
};

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

/** A scratch repository with the document vendored as a new provider: the vendor run's result. */
async function vendorNew(provider: string, document: object) {
  ws = createWorkspace(provider, { prefix: "switchboard-fixes-", specs: {} });
  const file = join(ws.root, `${provider}.json`);
  writeFileSync(file, JSON.stringify(document, null, 2));
  const env = { SWITCHBOARD_ROOT: ws.root, SWITCHBOARD_VENDOR_DATE: "2026-01-01" };
  const vendored = await runNode([bin.codegen, "vendor", file, "--provider", provider], {
    cwd: ws.root,
    env,
  });
  const generate = () => runNode([bin.codegen, "generate", provider], { cwd: ws!.root, env });
  return { root: ws.root, packageDir: ws.packageDir(provider), vendored, generate };
}

const generatedFile = (packageDir: string, name: string) =>
  readFileSync(join(packageDir, "src", "generated", name), "utf8");

describe("the fixes the generator prints", () => {
  it("make a document without servers, with a duplicated parameter, a key parameter and two methods named alike generate", async () => {
    const { root, packageDir, vendored, generate } = await vendorNew("fixline", FIXLINE);
    expect(vendored.code).toBe(1);
    const { changed } = applyPrintedFixes(root, vendored.stdout + vendored.stderr);
    expect(changed.sort()).toEqual([
      "credentials.yaml",
      "servers.yaml",
      "spec-fixes.yaml",
      "switchboard.yaml",
    ]);
    const generated = await generate();
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    const provider = generatedFile(packageDir, "provider.ts");
    expect(provider).toContain('"https://api.example.test"');
    expect(provider).toContain('"env": "FIXLINE_API_KEY"');
    const endpoints = generatedFile(packageDir, "endpoints.ts");
    // The client sends the key, and the path parameter is the method's one `call_id`.
    expect(endpoints).not.toContain("x-api-key");
    expect(endpoints).toContain('getCall: ["GET", "/calls/{call_id}"]');
    expect(endpoints).toContain('getUsers2: ["GET", "/users/~"]');
    const tsc = await runNode([bin.tsc, "--noEmit", "-p", "."], { cwd: packageDir });
    expect(tsc.stdout + tsc.stderr).toBe("");
  });

  it("name each region once, two messages' overlays for one file in it together", async () => {
    const { root, packageDir, vendored, generate } = await vendorNew("twinline", TWINLINE);
    expect(vendored.code).toBe(1);
    const { overlays } = printedFixes(vendored.stdout + vendored.stderr);
    const regions = parse(overlays.get("specs/twinline/overlays/regions.yaml") ?? "") as {
      actions: Array<{ target: string }>;
    };
    expect(regions.actions.map((action) => action.target)).toEqual([
      "$.servers[0]",
      "$.servers[1]",
      "$.servers[2]",
      "$.servers[3]",
    ]);
    applyPrintedFixes(root, vendored.stdout + vendored.stderr);
    const generated = await generate();
    expect(generated.code).toBe(0);
    const provider = generatedFile(packageDir, "provider.ts");
    for (const url of TWINLINE.servers.map((server) => server.url)) expect(provider).toContain(`"${url}"`);
  });
});

describe("fixes printed over several rounds", () => {
  it("keep an overlay's earlier actions when a later round prints the same file for other problems", () => {
    const root = mkdtempSync(join(tmpdir(), "switchboard-fixes-"));
    try {
      const printed = (target: string) =>
        [
          "specs/acme/overlays/spec-fixes.yaml: every fix above as one overlay: save it there, check each action (and its description), then generate again:",
          "    overlay: 1.0.0",
          "    info:",
          "      title: Fixes for acme's spec",
          "      version: 1.0.0",
          "    actions:",
          `      - target: ${target}`,
          "        description: <why>",
          "        remove: true",
        ].join("\n");
      expect(applyPrintedFixes(root, printed("$.a")).changed).toEqual(["spec-fixes.yaml"]);
      expect(applyPrintedFixes(root, printed("$.b")).changed).toEqual(["spec-fixes.yaml"]);
      const overlay = parse(readFileSync(join(root, "specs/acme/overlays/spec-fixes.yaml"), "utf8"));
      expect(overlay.actions.map((action: { target: string }) => action.target)).toEqual(["$.a", "$.b"]);
      // The placeholder a person fills in, filled.
      expect(overlay.actions[0].description).toBe("as the sweep fills it in");
      // Printed again, nothing changes.
      expect(applyPrintedFixes(root, printed("$.b"))).toEqual({ changed: [], printed: 1 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("a settings file given the credentials a message shows", () => {
  it("replaces the credentials entry, one line or a block, and keeps the rest", () => {
    const block = "credentials:\n  apiKey: apiKey\n";
    expect(withCredentials("# head\ncredentials: {}\n\nfill: {}\n", block)).toBe(
      "# head\ncredentials:\n  apiKey: apiKey\n\nfill: {}\n",
    );
    expect(withCredentials("credentials:\n  old: token\n  other: x\nfill: {}\n", block)).toBe(
      "credentials:\n  apiKey: apiKey\nfill: {}\n",
    );
  });
});
