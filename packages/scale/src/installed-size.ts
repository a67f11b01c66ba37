/** What an installed package weighs on disk: its folder, and the folders of its dependencies. */
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export /** Sum of the sizes of every file below `dir` (symbolic links not followed): what an install writes. */
function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

export /** The installed package folder of an npm dependency, and those of its own dependencies, once each. */
function dependencyTree(name: string, from: string, seen = new Map<string, string>()): Map<string, string> {
  // Found where Node would look, not by resolving `<name>/package.json`: a package whose `exports` leaves its
  // manifest out (the telnyx SDK's does) cannot be resolved that way.
  const lookIn = createRequire(join(from, "noop.js")).resolve.paths(name) ?? [];
  const manifestPath = lookIn.map((dir) => join(dir, name, "package.json")).find((path) => existsSync(path));
  if (!manifestPath) throw new Error(`${name} is not installed where ${from} can see it`);
  const dir = dirname(manifestPath);
  if (seen.has(name)) return seen;
  seen.set(name, dir);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  for (const dep of Object.keys(manifest.dependencies ?? {})) dependencyTree(dep, dir, seen);
  return seen;
}
