/**
 * Work a test hands to a child process: an exported function of one of this package's modules, called with
 * JSON arguments, its JSON result returned. For the checks that go through the complete Telnyx API (4 MB of
 * YAML bundled, its types printed, its exports read with the compiler) in one synchronous stretch: in the
 * test's own process that stretch would block vitest's worker for longer than its RPC timeout on a loaded
 * machine, and the run would fail for that alone.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

const RUN = `const [module, name, args] = process.argv.slice(1);
const result = await (await import(module))[name](...JSON.parse(args));
process.stdout.write(JSON.stringify(result ?? null));`;

export function offload<T>(module: URL, name: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", RUN, module.href, name, JSON.stringify(args)],
      { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] },
    );
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${name}(…) in a child process exited ${code}:\n${stderr}`));
      else resolve(JSON.parse(Buffer.concat(stdout).toString("utf8")) as T);
    });
  });
}
