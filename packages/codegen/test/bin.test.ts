/**
 * bin/switchboard-codegen.js runs the generator's sources through a bundle it caches by their hash: a run
 * always runs the sources as they are now, never a stale bundle, and runs started together share one.
 */
import { execFile, spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { repo } from "./helpers.js";

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A package laid out as packages/codegen is, with its own sources and the bin (its files) copied from this one. */
function fakeGenerator(sources: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-bin-"));
  dirs.push(dir);
  mkdirSync(join(dir, "bin"));
  for (const file of ["switchboard-codegen.js", "heap-limit.js"])
    cpSync(join(repo, "packages/codegen/bin", file), join(dir, "bin", file));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  // Its node_modules (where the bundles are cached) holds esbuild alone: the repository's.
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(repo, "node_modules/esbuild"), join(dir, "node_modules/esbuild"), "dir");
  writeSources(dir, sources);
  return dir;
}

function writeSources(dir: string, sources: Record<string, string>) {
  rmSync(join(dir, "src"), { recursive: true, force: true });
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(join(dir, "src", name, ".."), { recursive: true });
    writeFileSync(join(dir, "src", name), text);
  }
}

const execNode = promisify(execFile);

/** Runs the package's bin, as `npm run generate` would: its exit code and what it printed. */
async function run(
  dir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const bin = join(dir, "bin/switchboard-codegen.js");
    const { stdout, stderr } = await execNode(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (failed) {
    const { code, stdout, stderr } = failed as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const cli = (greeting: string) => ({
  "cli.ts": `const command: string = process.argv[2] ?? "";
const { greet } = await import("./commands/greet.js");
console.log(greet(command));
`,
  "commands/greet.ts": `export const greet = (who: string): string => \`${greeting}, \${who}\`;\n`,
});

const bundles = (dir: string) => readdirSync(join(dir, "node_modules/.cache/switchboard-codegen")).sort();

describe("the generator's bin", () => {
  it("runs the sources as they are now: a change to any source file makes a new bundle", async () => {
    const dir = fakeGenerator(cli("hello"));

    expect(await run(dir, "world")).toMatchObject({ code: 0, stdout: "hello, world\n" });
    expect(bundles(dir)).toHaveLength(1);
    expect(await run(dir, "again")).toMatchObject({ code: 0, stdout: "hello, again\n" });
    expect(bundles(dir)).toHaveLength(1);

    writeSources(dir, cli("goodbye"));
    expect(await run(dir, "world")).toMatchObject({ code: 0, stdout: "goodbye, world\n" });
    expect(bundles(dir)).toHaveLength(2);
  });

  it("removes bundles of earlier sources once they are an hour old, and keeps younger ones", async () => {
    const dir = fakeGenerator(cli("hello"));
    const cache = join(dir, "node_modules/.cache/switchboard-codegen");
    mkdirSync(join(cache, "old"), { recursive: true });
    mkdirSync(join(cache, "recent"));
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    utimesSync(join(cache, "old"), twoHoursAgo, twoHoursAgo);
    expect(await run(dir, "world")).toMatchObject({ code: 0, stdout: "hello, world\n" });
    expect(bundles(dir)).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/), "recent"]);
  });

  it("runs the sources through tsx when there is no cache to write to", async () => {
    const dir = fakeGenerator(cli("hello"));
    symlinkSync(join(repo, "node_modules/tsx"), join(dir, "node_modules/tsx"), "dir");
    writeFileSync(join(dir, "node_modules/.cache"), "a file where the cache folder would go\n");
    expect(await run(dir, "world")).toMatchObject({ code: 0, stdout: "hello, world\n", stderr: "" });
  });

  it("gives runs started together one bundle, and each its answer", async () => {
    const dir = fakeGenerator(cli("hi"));
    const results = await Promise.all(["a", "b", "c", "d"].map((who) => run(dir, who)));
    expect(results.map((r) => [r.code, r.stdout, r.stderr])).toEqual(
      ["a", "b", "c", "d"].map((who) => [0, `hi, ${who}\n`, ""]),
    );
    expect(bundles(dir)).toHaveLength(1);
  });

  it("reports a source that does not compile with its file and line, and exits 1", async () => {
    const dir = fakeGenerator({ "cli.ts": "const x: number = ;\n" });
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/src\/cli\.ts:1:\d+/);
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(readdirSync(join(dir, "node_modules/.cache/switchboard-codegen"))).toEqual([]);
  });

  it("passes a signal sent to it alone on to the run it started with a larger heap, which stops too", async () => {
    // The run writes its pid, then would go on for ever; only a relaunch with a larger heap has a child.
    const dir = fakeGenerator({
      "cli.ts": `import { writeFileSync } from "node:fs";
writeFileSync(process.argv[2]!, String(process.pid));
setInterval(() => {}, 1000);
`,
    });
    const pidFile = join(dir, "pid");
    const parent = spawn(process.execPath, [join(dir, "bin/switchboard-codegen.js"), pidFile], {
      stdio: "ignore",
    });
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    let runPid = 0;
    try {
      while (!runPid) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        try {
          runPid = Number(readFileSync(pidFile, "utf8")) || 0;
        } catch {}
      }
      const exited = new Promise((resolve) => parent.on("exit", (_code, signal) => resolve(signal)));
      parent.kill("SIGTERM");
      expect(await exited).toBe("SIGTERM");
      // However slow the machine, the run ends once it has the signal: polled until it has.
      while (alive(runPid)) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      for (const pid of [parent.pid, runPid]) if (pid && alive(pid)) process.kill(pid, "SIGKILL");
    }
  });
});
