#!/usr/bin/env node
/**
 * switchboard-codegen: the one entry point for vendoring pages and generating provider packages.
 * Input errors print `file:line: message` and exit 1; nothing on disk has changed when they do.
 */
import { InputError } from "./errors.js";

const usage = `usage:
  switchboard-codegen vendor <page.md|page.txt|spec.yaml>... [--provider <name>]
  switchboard-codegen generate [<provider>...]     (default: every provider in specs/)
  switchboard-codegen scaffold                     (packages for new providers, the facade's registry)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "vendor": {
      const { runVendorCli } = await import("./vendor.js");
      await runVendorCli(rest);
      return;
    }
    case "generate": {
      const { runGenerateCli } = await import("./generate.js");
      await runGenerateCli(rest);
      return;
    }
    case "scaffold": {
      const { runScaffoldCli } = await import("./generate.js");
      await runScaffoldCli();
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
