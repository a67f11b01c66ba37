#!/usr/bin/env node
/**
 * switchboard-codegen: the one entry point for vendoring pages and generating provider packages.
 * Input errors print `file:line: message` and exit 1; nothing on disk has changed when they do.
 */
import { InputError, InputErrors } from "./errors.js";

const usage = `usage:
  switchboard-codegen vendor <page.md|page.txt|spec.yaml>... [--provider <name>] [--source <url>]
  switchboard-codegen vendor --index <url|llms.txt|llms-full.txt|folder> [--provider <name>] [--keep-going]
                             [--allow-host <host>]... [--concurrency <n>] [--timeout <seconds>]
                                                   (every operation page a documentation index lists)
  switchboard-codegen check [<provider>...]        (what generate checks, without writing; every problem at once)
  switchboard-codegen generate [<provider>...]     (default: every provider in specs/)
  switchboard-codegen scaffold                     (packages for new providers, the facade's registry)
  switchboard-codegen facade                       (the facade's registry and dependencies only)
  switchboard-codegen sync [<page|spec>...] [--provider <name>]
  switchboard-codegen sync --index <url|file|folder> [the vendor --index options]
                                                   (vendor, regenerate, diff, write a changeset per provider)
  switchboard-codegen build-package                (in packages/<p>/: its \`npm run build\`, ESM and types once)
  switchboard-codegen snapshot [<package>...]      (write packages/<p>/api-snapshot.json)
  switchboard-codegen check-release                (every API change since the last release has a changeset)
  switchboard-codegen record-release               (after \`changeset version\`: record released snapshots)`;

/** Each command, loaded only when it runs: `vendor` need not load the TypeScript compiler. */
const commands: Record<string, (args: string[]) => Promise<void>> = {
  // Vendoring then runs every check `generate` would on the providers it touched (after their overlays).
  vendor: async (args) => {
    await (await import("./vendor/vendor-command.js")).runVendorCli(args);
  },
  check: async (args) => (await import("./generate/check-command.js")).runCheckCli(args),
  generate: async (args) => (await import("./generate/generate-command.js")).runGenerateCli(args),
  scaffold: async () => (await import("./generate/generate-command.js")).runScaffoldCli(),
  facade: async () => (await import("./generate/generate-command.js")).runFacadeCli(),
  "build-package": async (args) => (await import("./generate/build-package.js")).runBuildPackageCli(args),
  sync: async (args) => (await import("./release/sync.js")).runSyncCli(args),
  snapshot: async (args) => (await import("./release/release-check.js")).runSnapshotCli(args),
  "check-release": async () => (await import("./release/release-check.js")).runCheckReleaseCli(),
  "record-release": async () => (await import("./release/release-check.js")).runRecordReleaseCli(),
};

async function main(argv: string[]): Promise<void> {
  const [command = "", ...rest] = argv;
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!run) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  await run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof InputError) {
    const problems = error instanceof InputErrors ? error.errors : [error];
    for (const problem of problems) console.error(`error: ${problem.message}`);
    process.exitCode = 1;
    return;
  }
  throw error;
});
