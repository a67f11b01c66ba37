/**
 * `npm run sync -- <page> --provider <new>` finishes what it starts, checked with the real toolchain in a git
 * copy of the repository: the new package is linked into node_modules and recorded in package-lock.json, the
 * facade depends on it, a changeset announces it, and what `npm run generate` runs afterwards (scaffold, the
 * provider's generate, the snapshots) changes nothing, so a commit made straight after the sync passes CI's
 * drift check, and `npm ci` accepts the lockfile.
 */
import { execFile } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { createScratchRepo, type ScratchRepo } from "../src/workspace/scratch-repo.js";

const PAGE = join(
  dirname(fileURLToPath(import.meta.url)),
  "fixtures",
  "ringly",
  "pages",
  "create-sip-trunk.md",
);
// Hang detectors: each child is seconds alone; npm and the TypeScript compiler on a loaded two-core machine,
// many times that.
const CHILD_BUDGET = 300_000;

let scratch: ScratchRepo | undefined;
afterAll(() => scratch?.remove());

const exec = promisify(execFile);

/** Runs a command in the copy; its output, or an error with the end of it. */
async function ok(root: string, command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd: root,
      env: { ...process.env, SWITCHBOARD_VENDOR_DATE: "2026-12-01", NO_UPDATE_NOTIFIER: "1" },
      timeout: CHILD_BUDGET,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(" ")} failed: ${(error as Error).message}\n${(stdout + stderr).slice(-4000)}`,
    );
  }
}

const codegen = (root: string, ...args: string[]) =>
  ok(root, process.execPath, ["packages/codegen/bin/switchboard-codegen.js", ...args]);

it(
  "a new provider's first sync leaves it linked, locked and registered, with nothing left for generate",
  async () => {
    scratch = createScratchRepo({
      prefix: "switchboard-sync-install-",
      gitFiles: true,
      nodeModules: { localPackages: "copied" },
      git: { author: "Sync Test", email: "sync@example.test", message: "before the sync" },
    });
    const { root } = scratch;
    const output = await codegen(root, "sync", PAGE, "--provider", "ringly");
    expect(output).toContain(
      "new method createSipTrunk (POST /sip-trunks/trunks), named from the page title",
    );
    expect(output).toContain("linked node_modules/@switchboard/ringly");
    expect(output).toContain("updated package-lock.json");

    expect(realpathSync(join(root, "node_modules/@switchboard/ringly"))).toBe(
      realpathSync(join(root, "packages/ringly")),
    );
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
    expect(lock.packages["packages/ringly"]).toMatchObject({ name: "@switchboard/ringly", version: "0.0.0" });
    expect(lock.packages["node_modules/@switchboard/ringly"]).toMatchObject({ link: true });
    expect(lock.packages["packages/sdk"].dependencies["@switchboard/ringly"]).toBe("^0.0.0");
    const sdk = JSON.parse(readFileSync(join(root, "packages/sdk/package.json"), "utf8"));
    expect(sdk.dependencies["@switchboard/ringly"]).toBe("^0.0.0");

    await ok(root, "git", ["add", "-A"]);
    await ok(root, "git", ["commit", "-qm", "sync create-sip-trunk.md"]);
    // What `npm run generate` runs: the scaffold, then (turbo) the provider's generate and the snapshots of the
    // packages the sync touched.
    await codegen(root, "scaffold");
    await codegen(root, "generate", "ringly");
    await codegen(root, "facade");
    await codegen(root, "snapshot", "ringly", "sdk");
    expect(await ok(root, "git", ["status", "--porcelain"])).toBe("");
    // `npm ci` refuses a lockfile that lacks a workspace package (`Missing: @switchboard/ringly@0.0.0 from lock file`).
    await ok(root, "npm", ["ci", "--dry-run", "--no-audit", "--no-fund"]);

    // The other route to a new provider, vendor then generate: the scaffold writes its first-release changeset,
    // so the commit that adds it passes the release check, and a sync after it writes no second one.
    await codegen(root, "vendor", join(dirname(PAGE), "get-sip-trunk.md"), "--provider", "ringtwo");
    await codegen(root, "scaffold");
    const first = readFileSync(join(root, ".changeset/ringtwo-new-provider.md"), "utf8");
    expect(first).toMatch(
      /^---\n"@switchboard\/ringtwo": minor\n"@switchboard\/sdk": minor\n---\n\nNew provider package for the Ringtwo API \(spec version [^)]+\): 1 operation\./,
    );
    await codegen(root, "generate", "ringtwo");
    await codegen(root, "snapshot", "ringtwo", "sdk");
    expect(await codegen(root, "check-release")).not.toContain("ringtwo changed and it was never released");
    expect(await codegen(root, "sync", "--provider", "ringtwo")).toContain(
      "ringtwo: minor (1 change) → .changeset/ringtwo-new-provider.md",
    );
    expect((await ok(root, "git", ["status", "--porcelain", ".changeset"])).trim().split("\n")).toEqual([
      "?? .changeset/ringtwo-new-provider.md",
    ]);
  },
  6 * CHILD_BUDGET,
);
