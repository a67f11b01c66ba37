/**
 * How the CLI ends when it cannot go on: a signal ends a run at once with the shell's status for it (a
 * dependency listening for signals must not swallow them), and a file system error no command foresaw is one
 * line naming the path, not Node's stack trace.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
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

  it("prints a command's own usage for `<command> --help`, and runs nothing", () => {
    const root = temp(["bolna"]);
    const env = { ...process.env, SWITCHBOARD_ROOT: root };
    for (const command of ["check", "generate", "record-release", "check-release", "snapshot"]) {
      const run = spawnSync(process.execPath, [BIN, command, "--help"], { cwd: root, encoding: "utf8", env });
      expect(run.status, command).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^usage:\\n {2}switchboard-codegen ${command} `));
    }
    // `record-release --help` recorded a release: it wrote each package's released snapshots.
    expect(
      existsSync(join(root, "packages")) ? readdirSync(join(root, "packages"), { recursive: true }) : [],
    ).not.toContainEqual(expect.stringMatching(/released-/));
  });

  it("refuses arguments a command does not read, rather than ignoring them", () => {
    // In a scratch repository: the command this refusal guards writes files when it runs.
    const root = temp(["bolna"]);
    const options = { cwd: root, encoding: "utf8", env: { ...process.env, SWITCHBOARD_ROOT: root } } as const;
    const run = spawnSync(process.execPath, [BIN, "record-release", "--dry-run"], options);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: `record-release` takes no arguments \(got --dry-run\)\nusage:/);
    for (const args of [["--provider"], ["--provider", "vobiz", "--provider", "bolna"]]) {
      const sync = spawnSync(process.execPath, [BIN, "sync", ...args], options);
      expect(sync.status).toBe(1);
      expect(sync.stderr).toMatch(/^error: --provider: (needs a provider name|given twice \(vobiz, bolna\))/);
    }
  });

  it("says so in a line, outside a repository, and for an empty overlay", () => {
    const { SWITCHBOARD_ROOT: _, ...env } = process.env;
    const outside = spawnSync(process.execPath, [BIN, "check"], { cwd: tmpdir(), encoding: "utf8", env });
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(/^error: \S+: is in no Switchboard repository .*\n$/);
    const root = temp(["bolna"]);
    writeFileSync(join(root, "specs/bolna/overlays/todo.yaml"), "# to do\n");
    const empty = spawnSync(process.execPath, [BIN, "check", "bolna"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, SWITCHBOARD_ROOT: root },
    });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("specs/bolna/overlays/todo.yaml: is empty (or only comments)");
    expect(empty.stderr).not.toMatch(/TypeError|\n {4}at /);
  });
});
