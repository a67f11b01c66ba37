/** `tsc -p <dir>` for the tests that compile a scratch app against the built packages. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

const require = createRequire(import.meta.url);

/**
 * `tsc -p <dir> [flags]` in a child process (a compiler run blocks its event loop for as long as it takes, which
 * would starve the test runner's own messages); its output, errors as `file(line,col): error TSn: …`.
 */
export function tsc(dir: string, ...flags: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", dir, "--pretty", "false", ...flags],
      {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", () => resolve(output));
  });
}

/**
 * A scratch app (an ES module package) for a test file's compiles, removed after its tests: inside the
 * repository's node_modules, so `@switchboard/*` resolve to the built packages as installed.
 */
export function scratchApp(name: string): string {
  const cacheDir = join(fileURLToPath(new URL("../../..", import.meta.url)), "node_modules", ".cache");
  mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(cacheDir, `switchboard-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  return dir;
}
