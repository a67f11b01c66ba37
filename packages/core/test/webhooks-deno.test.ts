/**
 * Verification outside Node: the verifier bundled as an edge app would bundle it (esbuild, platform
 * "neutral": a Node built-in anywhere in it fails the build) and run by Deno 2.9.6 from the npm registry
 * (`deno/run-in-deno.ts`). Deno's WebCrypto checks the Ed25519 and HMAC signatures made here by node:crypto.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForDeno, runInDeno } from "./deno/run-in-deno.js";
import {
  callInitiated,
  ed25519Signer,
  hmacSigner,
  providerWith,
  signed,
  standardHmac,
  telnyxScheme,
} from "./webhook-fixtures.js";

let dir: string;
let app: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-deno-"));
  app = join(dir, "app.mjs");
  writeFileSync(app, await bundleForDeno(fileURLToPath(new URL("deno/verify-webhook.ts", import.meta.url))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bundled app in Deno (no permissions: its input is an argument) and returns what it printed. */
const runDeno = (input: object): Promise<{ runtime: string; outcomes: unknown[][] }> =>
  runInDeno(app, [JSON.stringify(input)], { dir });

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
