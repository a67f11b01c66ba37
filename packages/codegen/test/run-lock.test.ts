/**
 * One `sync` at a time per repository (workspace/run-lock.ts): a second is refused naming the first, a lock
 * left by a process that is gone is taken over, and nothing is left once the run ends.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { takeRunLock } from "../src/workspace/run-lock.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
const tempRoot = () => {
  const root = mkdtempSync(join(tmpdir(), "switchboard-lock-"));
  roots.push(root);
  return root;
};

describe("the run lock", () => {
  it("refuses a second run while the first holds it, naming its process, and is free once released", () => {
    const root = tempRoot();
    const release = takeRunLock(root, "sync", "sync");
    let refused: unknown;
    try {
      takeRunLock(root, "sync", "sync");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).message).toBe(
      `${join(root, ".switchboard", "sync.lock")}: another sync is running in this repository (process ${process.pid}): wait for it to finish, then run this one (two at once would each regenerate from the specs as they found them). If no such run is going on, delete this file`,
    );
    release();
    expect(existsSync(join(root, ".switchboard"))).toBe(false);
    takeRunLock(root, "sync", "sync")();
  });

  it("takes over a lock whose process is gone", () => {
    const root = tempRoot();
    // The pid of a process that has ended.
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    mkdirSync(join(root, ".switchboard"));
    writeFileSync(join(root, ".switchboard", "sync.lock"), gone.stdout);
    const release = takeRunLock(root, "sync", "sync");
    release();
    expect(existsSync(join(root, ".switchboard", "sync.lock"))).toBe(false);
  });
});
