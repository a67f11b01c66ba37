#!/usr/bin/env node
/**
 * switchboard-codegen: the one entry point for vendoring pages and generating provider packages.
 * Input errors print `file:line: message` and exit 1; nothing on disk has changed when they do.
 */
import { InputError } from "./errors.js";

const usage = `usage:
  switchboard-codegen vendor <page.md|page.txt|spec.yaml>... [--provider <name>]
  switchboard-codegen generate [<provider>...]     (default: every provider in specs/)
  switchboard-codegen scaffold                     (packages for new providers, the facade's registry)
  switchboard-codegen facade                       (the facade's registry and dependencies only)
  switchboard-codegen sync [<page|spec>...] [--provider <name>]
                                                   (vendor, regenerate, diff, write a changeset per provider)
  switchboard-codegen snapshot [<package>...]      (write packages/<p>/api-snapshot.json)
  switchboard-codegen check-release                (every API change since the last release has a changeset)
  switchboard-codegen record-release               (after \`changeset version\`: record released snapshots)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "vendor": {
      const { runVendorCli } = await import("./vendor/vendor-command.js");
      await runVendorCli(rest);
      return;
    }
    case "generate": {
      const { runGenerateCli } = await import("./generate/generate-command.js");
      await runGenerateCli(rest);
      return;
    }
    case "scaffold": {
      const { runScaffoldCli } = await import("./generate/generate-command.js");
      await runScaffoldCli();
      return;
    }
    case "facade": {
      const { runFacadeCli } = await import("./generate/generate-command.js");
      runFacadeCli();
      return;
    }
    case "sync": {
      const { runSyncCli } = await import("./release/sync.js");
      await runSyncCli(rest);
      return;
    }
    case "snapshot": {
      const { runSnapshotCli } = await import("./release/release-check.js");
      runSnapshotCli(rest);
      return;
    }
    case "check-release": {
      const { runCheckReleaseCli } = await import("./release/release-check.js");
      await runCheckReleaseCli();
      return;
    }
    case "record-release": {
      const { runRecordReleaseCli } = await import("./release/release-check.js");
      runRecordReleaseCli();
      return;
    }
    default:
      console.error(usage);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof InputError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  throw error;
});
