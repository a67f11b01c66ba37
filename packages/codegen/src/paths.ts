import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The repository root: `$SWITCHBOARD_ROOT` when set (tests run the generator on temporary copies of the
 * repository), otherwise the nearest folder above `from` that holds both `turbo.json` and `specs/`.
 */
export function repoRoot(from: string = process.cwd()): string {
  const fromEnv = process.env.SWITCHBOARD_ROOT;
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "turbo.json")) && existsSync(join(dir, "specs"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no Switchboard repository (turbo.json and specs/) above ${from}`);
    dir = parent;
  }
}

export const specsDir = (root: string) => join(root, "specs");
export const providerSpecDir = (root: string, provider: string) => join(root, "specs", provider);
export const packageDir = (root: string, pkg: string) => join(root, "packages", pkg);
