/**
 * Scratch copies of the repository, for the tests and scripts that must run the real toolchain (the
 * generator, turbo, changesets, npm) on a repository they are free to change: the codegen tests, the scale
 * workspaces, `npm run release:dry-run` and `npm run check:turbo-cache`. They share this one helper so that
 * every copy keeps the same promises:
 *   - it is removed when done: by `remove()` / `withScratchRepo`, on a failure while it is being made, and,
 *     as a last resort, when the process exits or is interrupted (signal-exit), unless `keep` asks otherwise;
 *   - only files of the repository are copied; anything outside it (the ../shared corpus, 4 MB, which must
 *     never be duplicated) can only be linked, and an attempt to copy it is an error;
 *   - node_modules is never copied: it is one link to the repository's, or a folder of links in which chosen
 *     `@switchboard/*` packages resolve to the copy's own `packages/<name>` instead of the repository's.
 *
 * Import it as `@switchboard/codegen/scratch-repo` (run from its TypeScript source, like the generator).
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { onExit } from "signal-exit";
import { RepoLayout, repositoryRoot, SCOPE } from "../repo-layout.js";

/** This repository: the default source of every copy. */
export { repositoryRoot };

/** Folder names never copied from inside a copied folder: node_modules is linked instead, the rest is state. */
export const ALWAYS_SKIPPED = ["node_modules", ".turbo", ".git"] as const;

export interface ScratchRepoOptions {
  /** Name prefix of the folder made in the OS temporary folder, e.g. `switchboard-release-`. */
  readonly prefix: string;
  /** The repository copied; this repository by default. */
  readonly from?: string;
  /**
   * Copy every file git would commit (tracked files, and untracked ones that are not ignored) as the working
   * tree has them, the way CI would see this checkout if it were committed.
   */
  readonly gitFiles?: boolean;
  /**
   * Files or folders of the repository to copy (folders with everything below them but `skip`), as paths
   * relative to the repository or absolute ones inside it, or `{ from, to }` to place one elsewhere.
   */
  readonly copy?: ReadonlyArray<string | { readonly from: string; readonly to: string }>;
  /** Further folder or file names left out below copied folders, besides {@link ALWAYS_SKIPPED}. */
  readonly skip?: readonly string[];
  /** Files to write into the copy: relative path → contents. */
  readonly write?: Readonly<Record<string, string>>;
  /**
   * Inputs from outside the repository (the ../shared corpus): relative path in the copy → absolute path,
   * made symbolic links so the input is read where it is and never duplicated. Callers only read them.
   */
  readonly link?: Readonly<Record<string, string>>;
  /**
   * `"link-folder"`: `node_modules` is one link to the repository's, so `@switchboard/*` resolve to the
   * repository's packages (and their built `dist/`).
   * `{ localPackages }`: `node_modules` is a folder holding a link to each entry of the repository's, except
   * that the named `@switchboard/<name>` packages (`"copied"`: every folder in the copy's `packages/`) link
   * to the copy's own `packages/<name>`, which may be generated later.
   * Without it the copy has no node_modules (callers that run the generator in-process).
   */
  readonly nodeModules?: "link-folder" | { readonly localPackages: readonly string[] | "copied" };
  /** Make the copy a git repository (branch main) with everything committed by this author. */
  readonly git?: { readonly author: string; readonly email: string; readonly message: string };
  /** Leave the copy in place when done, for inspection: the caller says where it is. */
  readonly keep?: boolean;
}

export interface ScratchRepo {
  readonly root: string;
  /** A path inside the copy, from segments relative to its root. */
  path(...segments: string[]): string;
  /** `git add --all` and a commit with the author of `options.git`. */
  commitAll(message: string): void;
  /** Removes the copy (again is a no-op); with `keep`, leaves it. */
  remove(): void;
}

// Retries: a tool stopped by the same Ctrl-C may still be writing into the copy (turbo's run summary).
const removeTree = (dir: string) => rmSync(dir, { recursive: true, force: true, maxRetries: 5 });

/** Copies not removed yet (and not kept): the exit hook removes them. */
const live = new Set<string>();
let exitHookInstalled = false;

function removeOnExit(root: string): void {
  live.add(root);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A failed assertion or an exception reaches `remove()` through afterAll/finally; this is for what does
  // not: Ctrl-C during a long script, a killed test worker, process.exit() from deep inside a tool.
  onExit(() => {
    for (const dir of live) removeTree(dir);
    live.clear();
  });
}

/** Makes a scratch copy; if making it fails, nothing is left behind. */
export function createScratchRepo(options: ScratchRepoOptions): ScratchRepo {
  const from = realpathSync(options.from ?? repositoryRoot);
  const root = mkdtempSync(join(tmpdir(), options.prefix));
  if (!options.keep) removeOnExit(root);
  const remove = () => {
    if (options.keep) return;
    removeTree(root);
    live.delete(root);
  };
  const gitEnv = options.git && {
    ...process.env,
    GIT_AUTHOR_NAME: options.git.author,
    GIT_AUTHOR_EMAIL: options.git.email,
    GIT_COMMITTER_NAME: options.git.author,
    GIT_COMMITTER_EMAIL: options.git.email,
  };
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd: root,
      env: gitEnv,
      stdio: ["ignore", "ignore", "pipe"],
    });
  const scratch: ScratchRepo = {
    root,
    path: (...segments) => join(root, ...segments),
    commitAll(message) {
      if (!gitEnv) throw new Error("commitAll: this scratch copy was made without the `git` option");
      git("add", "--all");
      git("commit", "--quiet", "--allow-empty", "--message", message);
    },
    remove,
  };
  try {
    const skip = new Set([...ALWAYS_SKIPPED, ...(options.skip ?? [])]);
    const copies = (options.copy ?? []).map((entry) =>
      typeof entry === "string" ? { from: entry, to: entry } : entry,
    );
    if (options.gitFiles) {
      for (const file of gitFiles(from)) copies.push({ from: file, to: file });
    }
    for (const copy of copies) {
      const source = insideRepository(from, copy.from);
      const target = insideCopy(root, copy.to);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(source, target, {
        recursive: true,
        filter: (path) => path === source || !skip.has(basename(path)),
      });
    }
    for (const [to, content] of Object.entries(options.write ?? {})) {
      const target = insideCopy(root, to);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    for (const [to, source] of Object.entries(options.link ?? {})) {
      if (!existsSync(source))
        throw new Error(`scratch copy: cannot link ${to} to ${source}: it does not exist`);
      const target = insideCopy(root, to);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(resolve(source), target);
    }
    if (options.nodeModules === "link-folder") {
      symlinkSync(join(from, "node_modules"), join(root, "node_modules"), "dir");
    } else if (options.nodeModules) {
      const { packagesDir } = new RepoLayout(root);
      mkdirSync(packagesDir, { recursive: true });
      const local =
        options.nodeModules.localPackages === "copied"
          ? readdirSync(packagesDir)
          : options.nodeModules.localPackages;
      linkNodeModules(from, root, local);
    }
    if (options.git) {
      git("init", "--quiet", "--initial-branch=main");
      scratch.commitAll(options.git.message);
    }
  } catch (error) {
    removeTree(root);
    live.delete(root);
    throw error;
  }
  return scratch;
}

/** Runs `use` on a fresh scratch copy and removes the copy afterwards, whether `use` succeeded or not. */
export async function withScratchRepo<T>(
  options: ScratchRepoOptions,
  use: (scratch: ScratchRepo) => T | Promise<T>,
): Promise<T> {
  const scratch = createScratchRepo(options);
  try {
    return await use(scratch);
  } finally {
    scratch.remove();
  }
}

/** Tracked files and untracked, not ignored ones; a tracked file deleted in the working tree is left out. */
function gitFiles(from: string): string[] {
  return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: from,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  })
    .split("\0")
    .filter((file) => file && existsSync(join(from, file)));
}

/** The real path of a repository file to copy; anything outside the repository is refused, not copied. */
function insideRepository(from: string, path: string): string {
  const absolute = resolve(from, path);
  if (!existsSync(absolute)) throw new Error(`scratch copy: ${path} does not exist in ${from}`);
  // Resolve the folder, not a file that is itself a link: a link is copied as a link, which is harmless.
  const real = join(realpathSync(dirname(absolute)), basename(absolute));
  if (!isInside(from, real)) {
    throw new Error(
      `scratch copy: ${path} is outside the repository ${from}; only repository files are copied ` +
        "(link inputs such as the ../shared corpus with the `link` option instead)",
    );
  }
  return real;
}

function insideCopy(root: string, path: string): string {
  const target = resolve(root, path);
  if (isAbsolute(path) || !isInside(root, target) || target === root) {
    throw new Error(`scratch copy: ${path} is not a relative path inside the copy`);
  }
  return target;
}

const isInside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

/**
 * `<root>/node_modules`: a link to each entry the repository installed, except our own scope, whose members
 * link to the repository's packages unless `local` names them; those link to the copy's `packages/<name>`.
 */
function linkNodeModules(from: string, root: string, local: readonly string[]): void {
  const source = new RepoLayout(from);
  const copy = new RepoLayout(root);
  mkdirSync(copy.scopeModules, { recursive: true });
  for (const entry of readdirSync(join(from, "node_modules"))) {
    if (entry === SCOPE) continue;
    symlinkSync(join(from, "node_modules", entry), join(root, "node_modules", entry));
  }
  for (const entry of readdirSync(source.scopeModules)) {
    if (!local.includes(entry)) symlinkSync(source.packageDir(entry), join(copy.scopeModules, entry));
  }
  for (const name of local) symlinkSync(copy.packageDir(name), join(copy.scopeModules, name));
}
