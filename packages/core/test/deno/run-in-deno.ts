/**
 * Running a test app in Deno 2.9.6 from the npm registry (`deno` with its per-platform binary packages, all
 * recorded in package-lock.json): the one runner for the core's webhook test and the bench's one-call app.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";

const denoBin = createRequire(import.meta.url).resolve("deno/bin.cjs");

/**
 * `entry` bundled as an edge app bundles it (esbuild, platform "neutral": a Node built-in anywhere in it
 * fails the build), resolving packages by their `module` field first as edge bundlers do.
 */
export async function bundleForDeno(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
}

/**
 * Runs `app` in Deno with no permission but network access to `allowNet` (a host) when given, its cache in
 * `dir`, and returns what it printed to stdout, parsed as JSON. A non-zero exit rejects with Deno's stderr.
 */
export function runInDeno(
  app: string,
  args: readonly string[],
  { dir, allowNet }: { dir: string; allowNet?: string },
): Promise<any> {
  const flags = ["run", "--no-config", ...(allowNet ? [`--allow-net=${allowNet}`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [denoBin, ...flags, app, ...args], {
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
