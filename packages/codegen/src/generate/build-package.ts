/**
 * `switchboard-codegen build-package`: a provider package's `npm run build`, run in the package's folder.
 * The package is ESM only, with its types emitted once (see provider-package.ts for why):
 * 1. `dist/` is emptied, so a module removed from the spec leaves no stale file to be published;
 * 2. `tsc -p tsconfig.build.json --noCheck` writes one `.js` and one `.d.ts` per source file: subpath modules
 *    stay self-contained, and the types of the whole API are one `schema.d.ts` that only the package root
 *    loads. Without type-checking, which is the package's `typecheck` task (`npm test`, and `npm run
 *    release` before publishing): on the complete Telnyx API the check is two thirds of the compiler's
 *    time (50 s of CPU with it, 18 s without, the same files written), and `npm start` needs only the
 *    files;
 * 3. `dist/openapi.json` is the bundled spec without whitespace (what Prism and `@switchboard/mock` read;
 *    the committed `src/generated/openapi.json` stays indented, so its changes can be reviewed).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { InputError } from "../errors.js";

export const BUILD_CONFIG = "tsconfig.build.json";
const DIST = "dist";

export async function runBuildPackageCli(args: string[]): Promise<void> {
  if (args.length > 0)
    throw new InputError("build-package", "takes no arguments: run it in the provider package's folder");
  buildPackage(process.cwd());
}

export function buildPackage(dir: string): void {
  const spec = join(dir, "src", "generated", "openapi.json");
  let text: string;
  try {
    text = readFileSync(spec, "utf8");
  } catch {
    throw new InputError(spec, "missing: run `npm run generate` first");
  }
  rmSync(join(dir, DIST), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", BUILD_CONFIG, "--noCheck"], {
    cwd: dir,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    process.exitCode = result.status ?? 1;
    throw new InputError(join(dir, BUILD_CONFIG), `tsc failed (exit ${result.status ?? result.signal})`);
  }
  mkdirSync(join(dir, DIST), { recursive: true });
  writeFileSync(join(dir, DIST, "openapi.json"), JSON.stringify(JSON.parse(text)));
}
