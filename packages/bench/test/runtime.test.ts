/**
 * The one-call app outside Node: bundled as an edge app bundles it (esbuild, platform "neutral": a Node
 * built-in anywhere in the runtime fails the build) and run by Deno 2.9.6 from the npm registry against a
 * server on 127.0.0.1 that answers 503 once (with Retry-After), then 200, and 404 for an unknown IP. Proves
 * retries, the typed error and fetch-only networking where users deploy edge apps.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForDeno, runInDeno } from "../../core/test/deno/run-in-deno.js";

let dir: string;
let app: string;
let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-deno-app-"));
  app = join(dir, "app.mjs");
  writeFileSync(app, await bundleForDeno(fileURLToPath(new URL("deno/one-call.ts", import.meta.url))));
  let failedOnce = false;
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    if (req.url?.endsWith("/6a09cdc3-8948-47f0-aa62-74ac943d6c58")) {
      if (!failedOnce) {
        failedOnce = true;
        res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
        res.end('{"errors":[{"detail":"try again"}]}');
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data":{"id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","ip_address":"192.0.2.1"}}');
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"errors":[{"code":"10005","detail":"Resource not found"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const runDeno = (): Promise<Record<string, any>> =>
  runInDeno(app, [baseUrl], { dir, allowNet: new URL(baseUrl).host });

describe("a one-call app in Deno", () => {
  it("retries a 503, then returns typed data; a 404 is a not_found error, not retried", async () => {
    const output = await runDeno();
    expect(output.runtime).toBe("object");
    expect(output.retried).toEqual({
      data: { data: { id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58", ip_address: "192.0.2.1" } },
      error: null,
    });
    expect(output.missing).toEqual({ kind: "not_found", status: 404, attempts: 1 });
    expect(output.attempts).toEqual([503, 200, 404]);
    expect(seen).toEqual([
      "DELETE /ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58 Bearer key",
      "DELETE /ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58 Bearer key",
      "DELETE /ips/00000000-0000-4000-8000-000000000000 Bearer key",
    ]);
  }, 120_000);
});
