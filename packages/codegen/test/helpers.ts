import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** A temporary repository with a copy of the real specs (and the facade manifest the scaffold updates). */
export function tempRepo(providers?: string[]): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), "switchboard-codegen-"));
  writeFileSync(join(root, "turbo.json"), "{}\n");
  for (const provider of providers ?? readdirSync(join(repo, "specs"))) {
    cpSync(join(repo, "specs", provider), join(root, "specs", provider), { recursive: true });
  }
  cpSync(join(repo, "packages", "sdk", "package.json"), join(root, "packages", "sdk", "package.json"));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
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

/**
 * A temporary copy of the repository as far as a sync touches it: specs, the provider packages' manifests,
 * sources and snapshots, the facade and core (whose sources the facade's snapshot reads), and the changeset
 * folder. No node_modules: the sync runs in-process on this root.
 */
export function syncRepo(): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), "switchboard-sync-test-"));
  writeFileSync(join(root, "turbo.json"), "{}\n");
  cpSync(join(repo, "specs"), join(root, "specs"), { recursive: true });
  cpSync(join(repo, ".changeset", "config.json"), join(root, ".changeset", "config.json"));
  for (const pkg of readdirSync(join(repo, "packages"))) {
    if (pkg === "codegen" || pkg === "mock") continue;
    cpSync(join(repo, "packages", pkg), join(root, "packages", pkg), {
      recursive: true,
      filter: (path) => !/[\\/](dist|node_modules|test|\.turbo)$/.test(path),
    });
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
