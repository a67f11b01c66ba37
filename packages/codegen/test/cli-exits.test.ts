/**
 * How the CLI ends when it cannot go on: a signal ends a run at once with the shell's status for it (a
 * dependency listening for signals must not swallow them), and a file system error no command foresaw is one
 * line naming the path, not Node's stack trace.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removedAfterEach, repo, tempRepo } from "./helpers.js";

const temp = removedAfterEach(tempRepo);
const BIN = join(repo, "packages/codegen/bin/switchboard-codegen.js");

describe("the CLI's exits", () => {
  it("ends at once on Ctrl-C, with status 130, having written nothing", async () => {
    const root = temp([]);
    // A documentation site that never answers: the run is waiting on it when the signal comes.
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = createServer(() => arrived());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const child = spawn(
        process.execPath,
        [BIN, "vendor", "--index", `http://127.0.0.1:${port}/llms.txt`, "--provider", "acme"],
        { cwd: root, env: { ...process.env, SWITCHBOARD_ROOT: root }, stdio: "ignore" },
      );
      const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on("exit", (code, signal) => resolve([code, signal])),
      );
      await waiting;
      child.kill("SIGINT");
      expect(await ended).toEqual([130, null]);
      expect(existsSync(join(root, "specs", "acme"))).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("prints its usage for --help, exiting 0, and names an unknown command with the one it was meant to be", () => {
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage:\n {2}switchboard-codegen vendor /);
    const typo = spawnSync(process.execPath, [BIN, "generat"], { encoding: "utf8" });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^error: unknown command `generat`: did you mean `generate`\?\nusage:/);
  });

  it("says a file system error as one line naming the path, without a stack trace", () => {
    const root = temp([]);
    mkdirSync(join(root, "specs", "acme"), { recursive: true });
    // A symbolic link to itself: no permission bits to set, so it fails for root as for anyone.
    symlinkSync("loop.yaml", join(root, "specs", "acme", "loop.yaml"));
    const run = spawnSync(process.execPath, [BIN, "check", "acme"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, SWITCHBOARD_ROOT: root },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^error: \S*specs\/acme\/loop\.yaml: cannot \w+ it: a symbolic link that leads to itself \(ELOOP\); nothing was changed\n$/,
    );
  });
});
