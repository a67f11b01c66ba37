/**
 * Every webhook of the complete Telnyx document (../shared/corpus/telnyx/spec3.yml: 66), end to end: the
 * generated `webhooks` module's provider definition and verifier, the mock's sender delivering each event,
 * signed, to a handler on 127.0.0.1 that verifies it as production code would, then a consumer that
 * type-checks every event the handler received against its generated type and narrows the union on
 * `data.event_type` exhaustively. The verifier app's bundle is measured too.
 *
 * The package under test is the repository's @switchboard/telnyx, generated from the complete document.
 *
 * Then the same for a provider that declares Standard Webhooks (v1, HMAC-SHA256) by overlay: the chime
 * fixture of the codegen tests, generated in a workspace of its own.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { WEBHOOK_BUDGET } from "@switchboard/bench/budgets";
import { createWebhookSender, type WebhookSender } from "@switchboard/mock";
import { build as esbuild } from "esbuild";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { bin, createWorkspace, generate, repo, runNode, type Workspace } from "../src/workspace.js";

/** `src/generated/` of the package under test. */
const generated = join(repo, "packages", "telnyx", "src", "generated");
let spec: { webhooks: Record<string, unknown> };
let module: any;
let sender: WebhookSender;
let server: Server;
let to: string;
const received = new Map<string, unknown>();
const refused: string[] = [];

beforeAll(async () => {
  spec = JSON.parse(readFileSync(join(generated, "openapi.json"), "utf8"));
  module = await import(join(generated, "webhooks.ts"));
  sender = createWebhookSender({ spec: join(generated, "openapi.json"), provider: module.provider });
  const verifier = module.createTelnyxWebhookVerifier({ key: sender.publicKey });
  server = createServer(async (req, res) => {
    const { event, error } = await verifier.unwrapNode(req);
    if (error) refused.push(error.message);
    else received.set(String(req.headers["x-webhook-name"]), event);
    res.writeHead(error ? 400 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  to = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telnyx/webhooks`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("the complete Telnyx document's webhooks", () => {
  it("are read from the spec: data.event_type tells them apart, Ed25519 over `{timestamp}|{body}` signs them", () => {
    expect(Object.keys(spec.webhooks)).toHaveLength(66);
    expect(module.provider.webhooks).toEqual({
      discriminator: ["data", "event_type"],
      signature: {
        algorithm: "ed25519",
        headers: { signature: "telnyx-signature-ed25519", timestamp: "telnyx-timestamp" },
        content: "{timestamp}|{body}",
        keyEnv: "TELNYX_PUBLIC_KEY",
      },
    });
  });

  it("each of the 66 is delivered signed, verified by the handler, and answered as the spec declares", async () => {
    for (const name of Object.keys(spec.webhooks)) {
      const delivery = await sender.deliver(name, { to, headers: { "x-webhook-name": name } });
      expect(delivery.problems, name).toEqual([]);
      expect(received.get(name), name).toEqual(delivery.event);
    }
    expect(refused).toEqual([]);
    expect(received.size).toBe(66);
  });

  it("every event received type-checks against its generated type, and the union narrows exhaustively", async () => {
    expect(received.size).toBe(66);
    // Outside the repository even when the package under test is the repository's own.
    const dir = mkdtempSync(join(tmpdir(), "switchboard-webhook-consumer-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const from = `./${relative(dir, join(generated, "webhooks.js"))}`.replace(/^\.\/\.\.\//, "../");
    const source = readFileSync(join(generated, "webhooks.ts"), "utf8");
    const eventMap = source.slice(source.indexOf("export interface TelnyxWebhookEventMap {"));
    const values = [...eventMap.slice(0, eventMap.indexOf("\n}")).matchAll(/^ {2}("[^"]+"): /gm)].map(
      (m) => m[1]!,
    );
    expect(values.length).toBeGreaterThanOrEqual(62);
    const consumer = [
      `import { createTelnyxWebhookVerifier, type TelnyxWebhookEvent, type TelnyxWebhookEventMap, type TelnyxWebhooks } from ${JSON.stringify(from)};`,
      "",
      "/** What the handler received, each as the type of its webhook. */",
      "export const received: TelnyxWebhooks = {",
      ...[...received].map(([name, event]) => `  ${JSON.stringify(name)}: ${JSON.stringify(event)},`),
      "};",
      "",
      "/** Each case narrows `event.data` to its event; the default sees nothing left. */",
      "export function narrow(event: TelnyxWebhookEvent): unknown {",
      "  switch (event.data.event_type) {",
      ...values.map(
        (v) =>
          `    case ${v}: { const data: TelnyxWebhookEventMap[${v}]["data"] = event.data; return data; }`,
      ),
      "    default: { const rest: never = event.data; return rest; }",
      "  }",
      "}",
      "",
      "export async function handle(body: string, headers: Record<string, string>) {",
      "  const { event, error } = await createTelnyxWebhookVerifier({ key: 'k' }).unwrap(body, headers);",
      "  if (error) return error.reason;",
      '  if (event.data.event_type === "call.initiated") return event.data.payload?.call_control_id;',
      "  return event.data.event_type;",
      "}",
      "",
    ].join("\n");
    writeFileSync(join(dir, "consumer.ts"), consumer);
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    const compilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      // The generated module is checked whole either way: the consumer imports its source.
      skipLibCheck: true,
      noEmit: true,
      types: [],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    const result = await runNode([bin.tsc, "-p", "tsconfig.json"], { cwd: dir });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("a verifier app bundles small, without the API's operations and without anything Node-only", async () => {
    const result = await esbuild({
      stdin: {
        contents: `import { createTelnyxWebhookVerifier } from ${JSON.stringify(join(generated, "webhooks.ts"))};
const webhooks = createTelnyxWebhookVerifier();
export default { async fetch(request) {
  const { event, error } = await webhooks.unwrapRequest(request);
  return new Response(error ? error.reason : event.data.event_type, { status: error ? 400 : 200 });
} };`,
        resolveDir: generated,
        loader: "ts",
      },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.contents;
    const text = new TextDecoder().decode(code);
    expect(text).not.toMatch(/node:|require\(|"DELETE"/);
    // About 3.7 kB: the verifier and its messages, without the servers and credentials of the client
    // (the budget of @switchboard/bench's size test).
    expect(text).not.toContain("api.telnyx.com");
    expect(gzipSync(code, { level: 9 }).byteLength).toBeLessThanOrEqual(WEBHOOK_BUDGET);
  });
});

describe("a provider declaring Standard Webhooks by overlay (chime)", () => {
  let chime: Workspace;
  let chimeGenerated: string;

  beforeAll(async () => {
    const fixture = join(repo, "packages", "codegen", "test", "fixtures", "chime");
    chime = createWorkspace("chime", {
      specs: {
        "chime.yaml": join(fixture, "chime.yaml"),
        "switchboard.yaml": join(fixture, "switchboard.yaml"),
      },
      overlays: join(fixture, "overlays"),
      prefix: "switchboard-chime-",
    });
    await generate(chime, "chime");
    chimeGenerated = join(chime.packageDir("chime"), "src", "generated");
  });
  afterAll(() => chime?.remove());

  it("delivers every event and callback HMAC-signed, verified by the generated verifier, narrowed on `type`", async () => {
    const generatedModule = await import(join(chimeGenerated, "webhooks.ts"));
    const chimeSender = createWebhookSender({
      spec: join(chimeGenerated, "openapi.json"),
      provider: generatedModule.provider,
    });
    expect(chimeSender.publicKey).toMatch(/^whsec_/);
    const verifier = generatedModule.createChimeWebhookVerifier({
      env: { CHIME_WEBHOOK_SECRET: chimeSender.publicKey },
    });
    const seen: unknown[] = [];
    const chimeServer = createServer(async (req, res) => {
      const { event, error, id } = await verifier.unwrapNode(req);
      seen.push(error ? error.reason : [id, event]);
      res.writeHead(error ? 400 : req.url === "/status" ? 204 : 200).end();
    });
    await new Promise<void>((resolve) => chimeServer.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(chimeServer.address() as AddressInfo).port}`;
      for (const name of ["call.answered", "call.failed", "account.updated"])
        await chimeSender.deliver(name, { to: base });
      await chimeSender.deliver("CreateCall.status", { to: `${base}/status` });
      expect(seen).toEqual([
        [
          expect.stringMatching(/^msg_/),
          { type: "call.answered", id: "evt_1", object: "event", data: { id: "call_1", to: "+15550100" } },
        ],
        [expect.stringMatching(/^msg_/), expect.objectContaining({ type: "call.failed" })],
        [expect.stringMatching(/^msg_/), {}],
        [expect.stringMatching(/^msg_/), { call_id: "string", status: "ringing" }],
      ]);
    } finally {
      await new Promise<void>((resolve) => chimeServer.close(() => resolve()));
    }

    const dir = join(chime.root, "chime-consumer");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "consumer.ts"),
      `import { createChimeWebhookVerifier } from "../packages/chime/src/generated/webhooks.js";
export async function handle(request: Request): Promise<string> {
  const { event, error } = await createChimeWebhookVerifier().unwrapRequest(request);
  if (error) return error.reason;
  switch (event.type) {
    case "call.answered": return event.data.to;
    case "call.ended":
    case "call.failed": return event.data.reason;
    default: { const rest: never = event; return rest; }
  }
}
`,
    );
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          noEmit: true,
          types: [],
        },
        files: ["consumer.ts"],
      }),
    );
    const result = await runNode([bin.tsc, "-p", "tsconfig.json"], { cwd: dir });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
