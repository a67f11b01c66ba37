/**
 * A FileTransaction's commit is all or nothing as far as a person can make it: a Ctrl-C (or a CI timeout's
 * SIGTERM) during the renames waits for the last one, and what a killed process staged is swept by the next.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileTransaction } from "../src/file-transaction.js";
import { repo } from "./helpers.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-tx-"));
  dirs.push(dir);
  return dir;
};

/**
 * Commits `count` files over old ones in a child process that sends itself `signal` at its first rename (the
 * moment a person's Ctrl-C is most harmful), and says how the child ended.
 */
function commitInterrupted(
  dir: string,
  count: number,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const module = join(repo, "packages", "codegen", "src", "file-transaction.ts");
  const script = `
    import fs from "node:fs";
    import { syncBuiltinESMExports } from "node:module";
    const rename = fs.renameSync;
    let first = true;
    fs.renameSync = (...args) => {
      if (first) {
        first = false;
        process.kill(process.pid, ${JSON.stringify(signal)});
      }
      return rename(...args);
    };
    syncBuiltinESMExports();
    const { FileTransaction } = await import(${JSON.stringify(module)});
    const tx = new FileTransaction();
    for (let i = 0; i < ${count}; i++) tx.write(${JSON.stringify(dir)} + "/file-" + i + ".ts", "new " + i);
    tx.commit();
    console.log("committed");
    setTimeout(() => console.log("still running"), 60_000).unref();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, ended) => resolve({ code, signal: ended, out }));
  });
}

describe("a FileTransaction's commit", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "interrupted by %s at its first rename, renames every file, then ends by the signal as it would have",
    async (signal) => {
      const dir = tempDir();
      const count = 40;
      for (let i = 0; i < count; i++) writeFileSync(join(dir, `file-${i}.ts`), `old ${i}`);
      const ended = await commitInterrupted(dir, count, signal);
      // The signal still ends the process, once the commit is over: the line after commit() ran, nothing later.
      expect(ended).toEqual({ code: null, signal, out: "committed\n" });
      expect(readdirSync(dir).sort()).toEqual(Array.from({ length: count }, (_, i) => `file-${i}.ts`).sort());
      for (let i = 0; i < count; i++)
        expect(readFileSync(join(dir, `file-${i}.ts`), "utf8")).toBe(`new ${i}`);
    },
  );

  it("removes what a killed commit staged in the folders it writes, and nothing else: not what a running one staged", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "modules"));
    // A process that has ended: its id is no running process's.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = [
      ".client.ts.0123456789ab.tmp",
      `modules/.calls.ts.${dead}-a1b2c3d4e5f6.tmp`,
      `.endpoints.ts.${dead}-00112233aabb.tmp`,
    ];
    // Another run committing into the same folders now (two \`generate\`s at once): its staged files stay.
    const running = [
      `.client.ts.${process.ppid}-0123456789ab.tmp`,
      `modules/.calls.ts.${process.ppid}-a1b2c3d4e5f6.tmp`,
    ];
    const kept = ["notes.tmp", ".client.ts.tmp", "modules/.keep.0123.tmp", ...running];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), "x");
    new FileTransaction()
      .write(join(dir, "client.ts"), "new")
      .write(join(dir, "modules", "calls.ts"), "new")
      .commit();
    const left = [...readdirSync(dir), ...readdirSync(join(dir, "modules")).map((n) => `modules/${n}`)];
    expect(left.sort()).toEqual(["client.ts", "modules", "modules/calls.ts", ...kept].sort());
  });
});

describe("a commit that cannot replace a file", () => {
  it("puts back what it had replaced and names the file, so the package is not left half new", async () => {
    const dir = tempDir();
    for (const name of ["a.ts", "b.ts", "c.ts"]) writeFileSync(join(dir, name), `old ${name}`);
    writeFileSync(join(dir, "gone.ts"), "old gone.ts");
    const fs = await import("node:fs");
    const { syncBuiltinESMExports } = await import("node:module");
    const rename = fs.default.renameSync;
    // As a read-only or locked file (`chattr +i`) refuses, the second of three renames fails.
    fs.default.renameSync = (from, to) => {
      if (String(to).endsWith("b.ts"))
        throw Object.assign(new Error("EPERM: operation not permitted"), { code: "EPERM" });
      rename(from, to);
    };
    syncBuiltinESMExports();
    try {
      const tx = new FileTransaction();
      for (const name of ["a.ts", "b.ts", "c.ts", "new.ts"]) tx.write(join(dir, name), `new ${name}`);
      tx.remove(join(dir, "gone.ts"));
      expect(() => tx.commit()).toThrow(
        /b\.ts: cannot be written \(permission denied\): nothing was changed/,
      );
    } finally {
      fs.default.renameSync = rename;
      syncBuiltinESMExports();
    }
    expect(readdirSync(dir).sort()).toEqual(["a.ts", "b.ts", "c.ts", "gone.ts"]);
    for (const name of ["a.ts", "b.ts", "c.ts", "gone.ts"])
      expect(readFileSync(join(dir, name), "utf8")).toBe(`old ${name}`);
  });
});
