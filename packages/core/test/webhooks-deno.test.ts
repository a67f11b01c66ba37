/**
 * Verification outside Node: the verifier bundled as an edge app would bundle it (esbuild, platform
 * "neutral": a Node built-in anywhere in it fails the build) and run by Deno 2.9.6 from the npm registry
 * (`deno` with its per-platform binary packages, all recorded in package-lock.json). Deno's WebCrypto checks
 * the Ed25519 and HMAC signatures made here by node:crypto.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callInitiated,
  ed25519Signer,
  hmacSigner,
  providerWith,
  signed,
  standardHmac,
  telnyxScheme,
} from "./webhook-fixtures.js";

const denoBin = createRequire(import.meta.url).resolve("deno/bin.cjs");
let dir: string;
let app: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-deno-"));
  app = join(dir, "app.mjs");
  const result = await build({
    entryPoints: [fileURLToPath(new URL("deno/verify-webhook.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  writeFileSync(app, result.outputFiles[0]!.contents);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bundled app in Deno (no permissions: its input is an argument) and returns what it printed. */
function runDeno(input: object): Promise<{ runtime: string; outcomes: unknown[][] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [denoBin, "run", "--no-config", app, JSON.stringify(input)], {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", DENO_DIR: join(dir, "deno-dir") },
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
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`deno exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

describe("in Deno", () => {
  it("verifies Telnyx-style Ed25519 deliveries and refuses tampered, stale and unsigned ones", async () => {
    const signer = ed25519Signer();
    const good = signed(telnyxScheme, signer, callInitiated);
    const stale = signed(telnyxScheme, signer, callInitiated, {
      timestamp: Math.floor(Date.now() / 1000) - 900,
    });
    const output = await runDeno({
      key: signer.key,
      provider: providerWith(telnyxScheme),
      deliveries: [
        good,
        { body: good.body.replace("parked", "bridged"), headers: good.headers },
        stale,
        { body: good.body, headers: {} },
        signed(telnyxScheme, ed25519Signer(), callInitiated),
      ],
    });
    expect(output.runtime).toBe("object");
    const event = JSON.parse(callInitiated);
    expect(output.outcomes).toEqual([
      [event, event],
      ["signature_mismatch", "signature_mismatch"],
      ["timestamp_out_of_tolerance", "timestamp_out_of_tolerance"],
      ["missing_header", "missing_header"],
      ["signature_mismatch", "signature_mismatch"],
    ]);
  });

  it("verifies Standard Webhooks v1 (HMAC-SHA256) deliveries", async () => {
    const signer = hmacSigner();
    const good = signed(standardHmac, signer, '{"type":"invoice.paid"}');
    const output = await runDeno({
      key: `whsec_${signer.key}`,
      provider: providerWith(standardHmac, "acme"),
      deliveries: [good, { body: good.body, headers: { ...good.headers, "webhook-id": "msg_other" } }],
    });
    expect(output.outcomes).toEqual([
      [{ type: "invoice.paid" }, { type: "invoice.paid" }],
      ["signature_mismatch", "signature_mismatch"],
    ]);
  });
});
