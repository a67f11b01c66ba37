/**
 * What an editor shows on hover over the generated API (TypeScript's language service, as VS Code runs
 * it, over a consumer of the built `@switchboard/telnyx`): each method and subpath export carries the
 * operation's summary, description, the call it makes, `@deprecated` and its docs link, and resolves to a
 * named result type (`DeleteIpResult`), not openapi-typescript's whole operation spelled out.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const helper = fileURLToPath(new URL("./quickinfo.mjs", import.meta.url));

const CONSUMER = `import { createTelnyxClient } from "@switchboard/telnyx";
import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import { deleteIp } from "@switchboard/telnyx/ips";

const telnyx = createTelnyxClient({ apiKey: "KEY" });
export const whole = telnyx.deleteIp;
export const paged = telnyx.listPhoneNumbers;
export const old = telnyx.getModelsPublicModelsGet;
const composed = composeTelnyxClient({ deleteIp }, { apiKey: "KEY" });
export const one = composed.deleteIp;
export const row = deleteIp;
`;

const NEEDLES = [
  { before: "telnyx.", name: "deleteIp" },
  // Its many filters take more than an editor's default 500 characters: as with VS Code's
  // `typescript.hover.maximumLength` raised, the whole signature.
  { before: "telnyx.", name: "listPhoneNumbers", maximumLength: 10_000 },
  { before: "telnyx.", name: "getModelsPublicModelsGet" },
  { before: "composed.", name: "deleteIp" },
  { before: "row = ", name: "deleteIp" },
];

interface Hover {
  name: string;
  signature: string;
  documentation: string;
  tags: Array<{ name: string; text: string }>;
}

let scratch: string;
let hovers: Hover[];

function run(file: string): Promise<{ hovers: Hover[]; diagnostics: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [helper, file, JSON.stringify(NEEDLES)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`quickinfo exited ${code}: ${stderr}`)),
    );
  });
}

beforeAll(async () => {
  // Inside the repository's node_modules, so the consumer resolves the packages as an installed app would.
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  scratch = mkdtempSync(join(cache, "switchboard-hover-"));
  writeFileSync(join(scratch, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  writeFileSync(join(scratch, "app.ts"), CONSUMER);
  const result = await run(join(scratch, "app.ts"));
  expect(result.diagnostics).toEqual([]);
  hovers = result.hovers;
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const hover = (index: number) => hovers[index]!;

/** Where the vendored file holding `operation` was published, from its provenance record. */
function publishedAt(operation: string): string | undefined {
  const dir = join(root, "specs", "telnyx");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".provenance.json"))) {
    const record = JSON.parse(readFileSync(join(dir, file), "utf8"));
    if (record.operations.includes(operation)) return record.source;
  }
  return undefined;
}

describe("hover over @switchboard/telnyx", () => {
  it("a whole client's method: its signature with a named result, and the operation's documentation", () => {
    const { signature, documentation, tags } = hover(0);
    expect(signature).toMatch(
      /^\(property\) deleteIp: \(input: \{\s+id: [^;]+;\s+\}, options\?: CallOptions\)/,
    );
    expect(signature).toContain("=> Promise<DeleteIpResult>");
    expect(signature).not.toContain("OperationResult");
    expect(documentation).toBe("Delete an Ip\n\nDelete an IP.\n\n`DELETE /ips/{id}`");
    // Telnyx publishes one raw document (spec3.yml on GitHub), no page per operation: no link beats a 4 MB YAML.
    expect(publishedAt("DELETE /ips/{id}")).toMatch(/\.yml$/);
    expect(tags.find((t) => t.name === "see")).toBeUndefined();
  });

  it("a paged list: a named result and its .all() iterator", () => {
    expect(hover(1).signature).toContain("Promise<ListPhoneNumbersResult>");
    expect(hover(1).signature).toContain("readonly all:");
    expect(hover(1).documentation).toContain("`GET /phone_numbers`");
  });

  it("a deprecated operation says so", () => {
    expect(hover(2).tags.map((t) => t.name)).toContain("deprecated");
    expect(hover(2).documentation).toContain("`GET /ai/models`");
  });

  it("a composed client's method resolves to the same named result", () => {
    expect(hover(3).signature).toContain("=> Promise<DeleteIpResult>");
    expect(hover(3).signature).not.toContain("OperationResult");
  });

  it("a subpath export: its named endpoint type, and the documentation", () => {
    const { signature, documentation } = hover(4);
    // Named (`DeleteIpEndpoint = Endpoint<…, DeleteIpOperation, DeleteIpResult>`), so an app's declarations
    // print the provider package's name and never core's.
    expect(signature).toContain("const deleteIp: DeleteIpEndpoint");
    expect(documentation).toBe("Delete an Ip\n\nDelete an IP.\n\n`DELETE /ips/{id}`");
  });
});
