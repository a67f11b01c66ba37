/**
 * `npm run test:stress`: the runtime's and the generator's suites, both at once, beside CPU hogs (8 busy
 * processes). On a 2-core machine each suite then gets a fraction of a core, as in CI while turbo runs every
 * package's tests and type checks together, or worse.
 * It passes only if both suites pass: tests must not depend on how fast or how busy the machine is.
 *
 * The hogs are plain `node` processes spinning in a loop; they are killed when the suites end, also when
 * a suite fails or the script is interrupted.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { repositoryRoot } from "@switchboard/codegen/scratch-repo";

const HOGS = 8;
const SUITES = ["core", "codegen"];

const hogs: ChildProcess[] = [];
const stopHogs = () => {
  for (const hog of hogs.splice(0)) hog.kill("SIGKILL");
};
process.on("exit", stopHogs);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    stopHogs();
    process.exit(130);
  });

/** Runs one package's vitest suite (the binary directly, not through npx); resolves with its exit code. */
function suite(pkg: string): Promise<number> {
  const vitest = join(repositoryRoot, "node_modules", "vitest", "vitest.mjs");
  const child = spawn(process.execPath, [vitest, "run"], {
    cwd: join(repositoryRoot, "packages", pkg),
    stdio: "inherit",
  });
  return new Promise((resolve) => {
    child.on("close", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

for (let i = 0; i < HOGS; i++) hogs.push(spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
console.log(`test:stress: ${SUITES.join(" and ")} suites at once, beside ${HOGS} busy processes`);
const started = Date.now();
const codes = await Promise.all(SUITES.map(suite));
stopHogs();
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const failed = SUITES.filter((_, i) => codes[i] !== 0);
console.log(
  failed.length
    ? `test:stress: FAILED (${failed.join(", ")}) after ${seconds} s`
    : `test:stress: both suites passed beside ${HOGS} busy processes in ${seconds} s`,
);
process.exitCode = failed.length ? 1 : 0;
