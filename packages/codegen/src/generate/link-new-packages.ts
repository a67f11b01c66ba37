/**
 * A package `scaffold` has just created is a new npm workspace member, which npm only links into
 * node_modules (and records in package-lock.json) on its next install. So that `npm run vendor` followed by
 * `npm run generate` is all a new provider takes, the new packages are linked here the way npm links
 * workspace members (`node_modules/@switchboard/<name>` → `../../packages/<name>`), and the lockfile is
 * brought up to date with `npm install --package-lock-only`, which touches nothing else.
 *
 * npm runs as a child process awaited, not spawned synchronously: it takes seconds, a minute on a busy
 * machine, and a caller's event loop (a test runner's worker among them) must keep turning meanwhile.
 */
import { spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { RepoLayout } from "../repo-layout.js";

export async function linkNewPackages(
  root: string,
  names: string[],
  log: (line: string) => void = console.log,
): Promise<void> {
  if (names.length === 0) return;
  const layout = new RepoLayout(root);
  const scope = layout.scopeModules;
  mkdirSync(scope, { recursive: true });
  for (const name of names) {
    const link = join(scope, name);
    if (existsSync(link) || isDanglingLink(link)) continue;
    symlinkSync(relative(scope, layout.packageDir(name)), link, "dir");
    log(`  linked ${relative(root, link)}`);
  }
  if (!existsSync(layout.lockfile)) return;
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(
      npm,
      ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
      { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
    );
    child.on("error", () => resolve(null));
    child.on("close", resolve);
  });
  if (status === 0) log("  updated package-lock.json");
  else log("  could not update package-lock.json: run `npm install` and commit the lockfile");
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
