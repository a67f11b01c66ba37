/**
 * `npm run release:dry-run [-- --keep]`: what releasing the pending changesets would do, without touching
 * this checkout or the registry. In a scratch copy of the repository (tracked and new files, the built
 * `dist/` folders, and a link to this node_modules) it
 *   1. shows the release plan (`changeset status`),
 *   2. versions the packages the way a release does (`npm run release:version`: `changeset version`, the
 *      release records, the lockfile) and prints the new versions and CHANGELOG entries,
 *   3. checks that regenerating the facade registry and the API snapshots there changes nothing, and that
 *      the release check passes with no changeset left,
 *   4. runs `npm publish --dry-run` for every package whose version moved.
 * `--keep` leaves the scratch copy in place and prints where it is.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScratchRepo, withScratchRepo } from "@switchboard/codegen/scratch-repo";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.argv.includes("--keep");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const AUTHOR = { author: "release dry run", email: "dry-run@switchboard.invalid" };

function run(command: string, args: string[], cwd: string, capture = false): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: AUTHOR.author,
    GIT_AUTHOR_EMAIL: AUTHOR.email,
    GIT_COMMITTER_NAME: AUTHOR.author,
    GIT_COMMITTER_EMAIL: AUTHOR.email,
    TURBO_TELEMETRY_DISABLED: "1",
  };
  return (
    execFileSync(command, args, {
      cwd,
      env,
      encoding: "utf8",
      stdio: capture ? "pipe" : "inherit",
      maxBuffer: 1 << 26,
    }) ?? ""
  );
}

function versions(dir: string): Map<string, { name: string; version: string; private: boolean }> {
  const out = new Map<string, { name: string; version: string; private: boolean }>();
  for (const pkg of readdirSync(join(dir, "packages")).sort()) {
    const path = join(dir, "packages", pkg, "package.json");
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    out.set(pkg, { name: manifest.name, version: manifest.version, private: manifest.private === true });
  }
  return out;
}

/** The newest entry of a CHANGELOG.md: from its first `## ` heading to the next one. */
function latestEntry(path: string): string {
  if (!existsSync(path)) return "(no CHANGELOG.md)";
  const text = readFileSync(path, "utf8");
  const start = text.indexOf("\n## ");
  if (start < 0) return text.trim();
  const end = text.indexOf("\n## ", start + 4);
  return text.slice(start + 1, end < 0 ? undefined : end).trim();
}

function heading(text: string): void {
  console.log(`\n=== ${text}`);
}

async function main(): Promise<void> {
  // What `npm run release` runs before it publishes: a type error in a package's hand-written tests or README
  // examples (an API the sync changed under them) fails the release, so it fails the dry run first.
  heading("build and typecheck (turbo, cached), as `npm run release` does");
  run(npm, ["exec", "--", "turbo", "run", "build", "typecheck", "--output-logs=errors-only"], root);

  const builtPackages = readdirSync(join(root, "packages")).filter((pkg) =>
    existsSync(join(root, "packages", pkg, "dist")),
  );
  await withScratchRepo(
    {
      prefix: "switchboard-release-",
      gitFiles: true,
      copy: builtPackages.map((pkg) => join("packages", pkg, "dist")),
      nodeModules: "link-folder",
      // changesets' changelog names the commit that added each changeset, so the copy is a repository too.
      git: { ...AUTHOR, message: "state to release" },
      keep,
    },
    (copy) => release(copy),
  );
}

function release(copy: ScratchRepo): void {
  const scratch = copy.root;
  heading(`scratch copy: ${scratch}`);

  heading("release plan (changeset status)");
  run(npm, ["exec", "--", "changeset", "status", "--verbose"], scratch);

  const before = versions(scratch);
  heading("npm run release:version (changeset version, release records, lockfile)");
  run(npm, ["run", "release:version"], scratch);
  const after = versions(scratch);

  const moved = [...after].filter(([pkg, p]) => !p.private && before.get(pkg)?.version !== p.version);
  heading("new versions");
  if (!moved.length) console.log("nothing to release: no pending changesets");
  for (const [pkg, p] of moved) {
    console.log(`${p.name}: ${before.get(pkg)?.version ?? "(new)"} → ${p.version}`);
  }
  for (const [pkg, p] of moved) {
    heading(`${p.name} CHANGELOG.md, newest entry`);
    console.log(latestEntry(join(scratch, "packages", pkg, "CHANGELOG.md")));
  }
  const facade = JSON.parse(readFileSync(join(scratch, "packages", "sdk", "package.json"), "utf8"));
  heading("the facade's dependencies after versioning");
  console.log(JSON.stringify(facade.dependencies, null, 2));

  heading("generated files agree with the new versions (scaffold + snapshots change nothing)");
  copy.commitAll("version packages");
  run(npm, ["exec", "--", "switchboard-codegen", "scaffold"], scratch, true);
  run(npm, ["exec", "--", "switchboard-codegen", "snapshot"], scratch, true);
  run("git", ["diff", "--exit-code", "--stat"], scratch);
  console.log("no differences");

  heading("release check on the versioned copy (must pass with no changeset left)");
  run(npm, ["run", "check:release"], scratch);

  for (const [pkg, p] of moved) {
    heading(`npm publish --dry-run ${p.name}@${p.version}`);
    run(npm, ["publish", "--dry-run", "--ignore-scripts"], join(scratch, "packages", pkg));
  }
  heading(`release dry run done: ${moved.length} package(s) would be published`);
  if (keep) console.log(`kept ${scratch}`);
}

await main();
