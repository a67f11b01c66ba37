/** `tsc -p <dir>` for the tests that compile a scratch app against the built packages. */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

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
