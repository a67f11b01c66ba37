import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach } from "vitest";
import { InputError } from "../src/errors.js";
import { createScratchRepo, repositoryRoot, type ScratchRepo } from "../src/workspace/scratch-repo.js";

export const repo = repositoryRoot;

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

/** Every file below `dir` with its bytes, to prove that a failed run changed nothing. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return out;
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
