/**
 * `npm run generate [-- <provider> …]`: scaffolds packages for new providers (and the facade's registry),
 * then turbo runs each provider's generate task and every API snapshot. Turbo's cache already skips the
 * providers whose spec, overlays and generator did not change; naming providers runs only theirs (and the
 * packages their snapshots depend on).
 *
 * A script rather than a line in package.json: npm appends a script's arguments to its command, so a
 * shell line ending in `exit $status` took `npm run generate -- telnyx` as `exit 0 telnyx` and ignored the
 * name. Here every argument is read, and a name that is no provider is refused before anything runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log("usage: npm run generate [-- <provider> …]   (no provider: every provider, cached by turbo)");
  process.exit(0);
}
// A folder, or a symbolic link to one (the CLI reads a linked provider's specs, so this does too).
const known = readdirSync(join(root, "specs"))
  .filter((name) => statSync(join(root, "specs", name), { throwIfNoEntry: false })?.isDirectory())
  .sort();
const unknown = args.filter((arg) => !known.includes(arg));
if (unknown.length > 0) {
  for (const arg of unknown)
    console.error(
      arg.startsWith("-")
        ? `error: npm run generate takes provider names, not "${arg}"`
        : `error: no provider "${arg}": specs/${arg}/ does not exist (providers: ${known.join(", ")})`,
    );
  process.exit(2);
}

const bin = (name: string) =>
  join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const run = (command: string, commandArgs: string[]) =>
  spawnSync(command, commandArgs, { cwd: root, stdio: "inherit" }).status ?? 1;

// A provider whose spec has problems is reported by scaffold and left out; the others are still generated,
// and the run fails at the end. Providers named: only theirs are scaffolded, reported and counted.
const hadPackage = new Set(args.filter((p) => existsSync(join(root, "packages", p, "package.json"))));
const scaffolded = run(bin("switchboard-codegen"), ["scaffold", ...args]);
// A provider named before its first scaffold has no package yet: scaffold has just written it.
// One whose scaffold failed (reported above) has none, and is not generated.
const named = args.filter((p) => existsSync(join(root, "packages", p, "package.json")));
if (args.length > 0 && named.length === 0) process.exit(scaffolded || 1);
const generated = run(bin("turbo"), [
  "run",
  "generate",
  "snapshot",
  "--continue=dependencies-successful",
  "--output-logs=errors-only",
  ...named.map((provider) => `--filter=@switchboard/${provider}`),
  // A provider new to the facade changes its API snapshot (what it composes): left out, `npm run generate`
  // of every provider afterwards changed a committed file, and CI's drift check failed.
  ...(named.some((provider) => !hadPackage.has(provider)) ? ["--filter=@switchboard/sdk"] : []),
]);
process.exit(generated || scaffolded);
