import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach } from "vitest";
import { InputError } from "../src/errors.js";
import { FileTransaction } from "../src/file-transaction.js";
import { generateProvider } from "../src/generate/generate-command.js";
import { writeSnapshots } from "../src/release/release-check.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { createScratchRepo, repositoryRoot, type ScratchRepo } from "../src/workspace/scratch-repo.js";

export { snapshotTree } from "./snapshot-tree.js";

const run = promisify(execFile);

export const repo = repositoryRoot;

/** The documentation pages the project started from (../shared/seeds), read where they are. */
export const SEEDS = join(repo, "..", "shared", "seeds");
/** The two Telnyx seed pages: `DELETE /ips/{id}` and `DELETE /external_connections/{id}`. */
export const TELNYX_PAGES = [
  join(SEEDS, "000_e6a32f9002d60fb8.txt"),
  join(SEEDS, "002_080df2c076670818.txt"),
];

/**
 * A temporary repository whose `specs/<provider>/` holds the given documentation pages, vendored as
 * `npm run vendor` would (the repository's own Telnyx folder holds the complete document, 4 MB, which
 * tests of how pages combine do not need).
 */
export function pagesRepo(provider: string, pages: readonly string[]): ScratchRepo {
  const scratch = createScratchRepo({
    prefix: "switchboard-codegen-",
    write: { "turbo.json": "{}\n" },
    copy: ["packages/sdk/package.json"],
  });
  planVendor(pages, { root: scratch.root, provider, date: "2026-03-04" }).transaction.commit();
  return scratch;
}

/** A temporary repository with a copy of the real specs (and the facade manifest the scaffold updates). */
export function tempRepo(providers?: string[]): ScratchRepo {
  return createScratchRepo({
    prefix: "switchboard-codegen-",
    write: { "turbo.json": "{}\n" },
    copy: [
      ...(providers ? providers.map((provider) => join("specs", provider)) : ["specs"]),
      "packages/sdk/package.json",
    ],
  });
}

/**
 * Makes `root`'s Telnyx the two seed pages instead of the complete document: its specs folder holds the
 * pages as vendored (no overlays: the repository's fix the complete document), and its package, generated
 * from them, and API snapshot are regenerated to match, as if committed. What a page-by-page provider looks
 * like, at the size sync scenarios need.
 */
export async function useTelnyxPages(root: string): Promise<void> {
  rmSync(join(root, "specs", "telnyx"), { recursive: true, force: true });
  planVendor(TELNYX_PAGES, { root, provider: "telnyx", date: "2026-03-04" }).transaction.commit();
  rmSync(join(root, "packages", "telnyx", "src", "generated"), { recursive: true, force: true });
  const tx = new FileTransaction();
  await generateProvider(root, "telnyx", tx);
  tx.commit();
  writeSnapshots(root, ["telnyx"]);
}

/**
 * A temporary copy of the repository as far as a sync touches it: specs, the provider packages' manifests,
 * sources and snapshots, the facade and core (whose sources the facade's snapshot reads), and the changeset
 * folder. No node_modules: the sync runs in-process on this root.
 */
export function syncRepo(): ScratchRepo {
  return createScratchRepo({
    prefix: "switchboard-sync-test-",
    write: { "turbo.json": "{}\n" },
    copy: [
      "specs",
      ".changeset/config.json",
      ...readdirSync(join(repo, "packages"))
        .filter((pkg) => pkg !== "codegen" && pkg !== "mock")
        .map((pkg) => join("packages", pkg)),
    ],
    skip: ["dist", "test"],
  });
}

/**
 * `make` for the tests of the calling file, each copy removed after the test that made it (passed or not).
 * Call at the top level of a test file: it registers the `afterEach` there.
 */
export function removedAfterEach<A extends unknown[]>(
  make: (...args: A) => ScratchRepo,
): (...args: A) => string {
  const made: ScratchRepo[] = [];
  afterEach(() => {
    for (const scratch of made.splice(0)) scratch.remove();
  });
  return (...args) => {
    const scratch = make(...args);
    made.push(scratch);
    return scratch.root;
  };
}

/** The InputError `action` throws; fails when it throws nothing or something else. */
export function catchInputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

/**
 * What `tsc` (strict, the packages' own settings) says about generated files, with `@switchboard/core` read
 * from its sources; "" when they type-check. In a child process, awaited: a program's check is one long
 * synchronous stretch. The files and core are `.ts`, so they are checked in full; `skipLibCheck` only spares
 * re-checking TypeScript's lib and `@types/node` declarations (unchanged by any test, half of each run's time).
 */
export async function typeCheck(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-typecheck-"));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, "src", name)), { recursive: true });
      writeFileSync(join(dir, "src", name), content);
    }
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const tsconfig = {
      extends: join(repo, "tsconfig.base.json"),
      compilerOptions: {
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [join(repo, "node_modules", "@types")],
        paths: { "@switchboard/core": [join(repo, "packages", "core", "src", "index.ts")] },
      },
      include: ["src"],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    // tsc exits 2 on type errors and prints them on stdout: those are the answer, not a failure.
    const { stdout, stderr } = await run(process.execPath, [tsc, "-p", "."], { cwd: dir }).catch(
      (error: { stdout?: string; stderr?: string }) => ({
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
      }),
    );
    return stdout + stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `root` as a git repository with everything committed, as a user's checkout is. */
export function commitAll(root: string, message = "commit"): void {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      stdio: "ignore",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@t.invalid",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@t.invalid",
      },
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", message);
}
