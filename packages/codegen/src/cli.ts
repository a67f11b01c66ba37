#!/usr/bin/env node
/**
 * switchboard-codegen: the one entry point for vendoring pages and generating provider packages.
 * Input errors print `file:line: message` and exit 1; nothing on disk has changed when they do.
 */
import { InputError, InputErrors, nearestName } from "./errors.js";
import { withPublicUrls } from "./public-url.js";

const usage = `usage:
  switchboard-codegen vendor <page.md|page.txt|spec.yaml>... [--provider <name>] [--source <url>]
  switchboard-codegen vendor --index <url|llms.txt|llms-full.txt|folder> [--provider <name>] [--keep-going]
                             [--site <url>] [--allow-host <host>]... [--concurrency <n>] [--timeout <seconds>]
                                                   (every operation page a documentation index lists)
  switchboard-codegen check [<provider>...]        (what generate checks, without writing; every problem at once)
  switchboard-codegen generate [<provider>...]     (default: every provider in specs/)
  switchboard-codegen scaffold [provider…]         (packages for new providers, the facade's registry)
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
  scaffold: async (args) => (await import("./generate/generate-command.js")).runScaffoldCli(args),
  facade: async () => (await import("./generate/generate-command.js")).runFacadeCli(),
  "build-package": async (args) => (await import("./generate/build-package.js")).runBuildPackageCli(args),
  sync: async (args) => (await import("./release/sync.js")).runSyncCli(args),
  snapshot: async (args) => (await import("./release/release-check.js")).runSnapshotCli(args),
  "check-release": async () => (await import("./release/release-check.js")).runCheckReleaseCli(),
  "record-release": async () => (await import("./release/release-check.js")).runRecordReleaseCli(),
};

/** The commands that read no arguments: anything given (`--dry-run`) is refused rather than ignored. */
const NO_ARGUMENTS = new Set(["facade", "check-release", "record-release"]);

/** `usage`'s lines for one command: its line or lines, and the lines that continue them. */
function commandUsage(command: string): string {
  const lines = usage.split("\n").slice(1);
  const own: string[] = [];
  let inside = false;
  for (const line of lines) {
    const head = /^ {2}switchboard-codegen (\S+)/.exec(line);
    if (head) inside = head[1] === command;
    if (inside) own.push(line);
  }
  return `usage:\n${own.join("\n")}`;
}

// Ctrl-C, a CI timeout's SIGTERM or a closed terminal ends a run at once, with the shell's status for it
// (128 + the signal's number); nothing is written outside a commit, which holds them until it is over
// (file-transaction.ts). Node ends a process so by itself, unless something listens for them: @changesets'
// spawndamnit does, through signal-exit, and swallows the signal while a child of its runs, so a run told to
// stop went on, wrote every file and exited 0.
for (const [signal, number] of [
  ["SIGINT", 2],
  ["SIGTERM", 15],
  ["SIGHUP", 1],
] as const)
  process.on(signal, () => process.exit(128 + number));

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ELOOP: "a symbolic link that leads to itself",
  ENAMETOOLONG: "a name too long for the file system",
  ENOSPC: "no space left on the device",
  EMFILE: "too many files open",
  EROFS: "a read-only file system",
  EBUSY: "busy (another program has it open)",
};

/**
 * A file system error no command turned into an input error (an unreadable spec folder, a symbolic link loop,
 * a name too long): said as one line naming the path, not as Node's stack trace. Undefined for anything else.
 */
function systemError(error: unknown): string | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== "string" || typeof path !== "string" || !(code in SYSTEM_ERRORS)) return undefined;
  return `${path}: cannot ${syscall === "scandir" ? "list" : (syscall ?? "use")} it: ${SYSTEM_ERRORS[code]} (${code}); nothing was changed`;
}

// Reports and errors name the pages and documents a run fetched, and they land in CI logs: a private site's
// token or password in those URLs is left out of every line printed (public-url.ts), in one place rather
// than at each of the commands' report lines.
for (const stream of ["log", "error", "warn"] as const) {
  const write = console[stream].bind(console);
  console[stream] = (...args: unknown[]) =>
    write(...args.map((arg) => (typeof arg === "string" ? withPublicUrls(arg) : arg)));
}

async function main(argv: string[]): Promise<void> {
  const [command = "", ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(usage);
    return;
  }
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  // `<command> --help` is the command's usage, whatever the command does with its arguments: before, it was
  // taken for a provider's name, or ignored by a command that then wrote files (`record-release --help`).
  if (run && (rest.includes("--help") || rest.includes("-h"))) {
    console.log(commandUsage(command));
    return;
  }
  if (run && NO_ARGUMENTS.has(command) && rest.length > 0) {
    console.error(`error: \`${command}\` takes no arguments (got ${rest.join(" ")})`);
    console.error(commandUsage(command));
    process.exitCode = 2;
    return;
  }
  if (!run) {
    if (command) {
      const near = nearestName(command, Object.keys(commands));
      console.error(`error: unknown command \`${command}\`${near ? `: did you mean \`${near}\`?` : ""}`);
    }
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
  const said = systemError(error);
  if (said !== undefined) {
    console.error(`error: ${said}`);
    process.exitCode = 1;
    return;
  }
  throw error;
});
