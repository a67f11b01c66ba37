/**
 * The `--index` options of `vendor` and `sync`, and the run they share: plan the index, show progress,
 * refuse to write anything when a page failed (unless `--keep-going`), then hand the plan to the command
 * (`vendor` commits it; `sync` regenerates and writes changesets first).
 */
import { InputError } from "../../errors.js";
import { indexReport } from "./index-report.js";
import { type IndexArgs, type IndexPlan, type IndexRunOptions, planIndex } from "./plan-index.js";
import { type ProgressStream, progressDisplay } from "./progress.js";

const INDEX_USAGE =
  "--index <url|llms.txt|llms-full.txt|folder> [--provider <name>] [--keep-going]\n" +
  "[--site <url>] [--allow-host <host>]... [--concurrency <n>] [--timeout <seconds>]";

/** The usage line of `<command> --index`, its second line under the first option. */
export function indexUsage(command: string): string {
  const prefix = `       switchboard-codegen ${command} `;
  return `${prefix}${INDEX_USAGE.replace("\n", `\n${" ".repeat(prefix.length + 2)}`)}`;
}

/** What `--help` adds under the usage lines. */
export const INDEX_HELP = `

  --index <url|file|folder>  every page of a documentation index that embeds an OpenAPI block: an llms.txt or
                             llms-full.txt by URL or file, or a folder holding one (an llms.txt with the pages
                             saved at their URL paths)
  --site <url>               the URL an index file or folder was saved from, which its relative links
                             (\`/docs/create-call.md\`) resolve against; a folder's pages are still read from it
  --keep-going               apply the pages that succeeded when others fail (the exit status is still 1)
  --allow-host <host>        also fetch links to this host (repeatable; the index's own host always is)
  --concurrency <n>          requests at a time, 1 to 32 (default 6)
  --timeout <seconds>        per request attempt (default 30)`;

const FLAGS = ["--index", "--site", "--keep-going", "--allow-host", "--concurrency", "--timeout"];

/** Whether `arg` is one of the index flags (`--flag` or `--flag=value`). */
export const isIndexFlag = (arg: string): boolean =>
  FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`));

/** The index flags seen so far; `index` stays undefined until `--index` is given. */
export interface IndexFlags extends Partial<IndexArgs> {
  keepGoing: boolean;
  allowHosts: string[];
}

export const noIndexFlags = (): IndexFlags => ({ keepGoing: false, allowHosts: [] });

/** Reads the index flag at `args[i]` into `into`; returns the index of the last argument it used. */
export function readIndexFlag(args: readonly string[], i: number, into: IndexFlags, usage: string): number {
  const arg = args[i]!;
  const [flag, inline] = arg.includes("=")
    ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
    : [arg, undefined];
  if (flag === "--keep-going") {
    if (inline !== undefined) throw new InputError(flag, "takes no value");
    into.keepGoing = true;
    return i;
  }
  const value = inline ?? args[i + 1];
  const next = inline === undefined ? i + 1 : i;
  if (value === undefined || value === "" || (inline === undefined && value.startsWith("--")))
    throw new InputError(flag, `needs a value; ${usage}`);
  switch (flag) {
    case "--index":
      if (into.index !== undefined) throw new InputError(flag, "given more than once");
      into.index = value;
      break;
    case "--site": {
      if (into.site !== undefined) throw new InputError(flag, "given more than once");
      if (!/^https?:\/\/[^/]/i.test(value) || !URL.canParse(value))
        throw new InputError(
          flag,
          `"${value}" is not an http(s) URL (like https://docs.example.com/llms.txt)`,
        );
      into.site = value;
      break;
    }
    case "--allow-host":
      for (const host of value.split(",")) {
        if (!/^[a-z0-9.-]+(?::\d+)?$/i.test(host)) {
          throw new InputError(
            flag,
            `"${host}" is not a host name (like docs.example.com or 127.0.0.1:8080)`,
          );
        }
        into.allowHosts.push(host);
      }
      break;
    case "--concurrency": {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 32)
        throw new InputError(flag, `"${value}" is not a whole number from 1 to 32`);
      into.concurrency = n;
      break;
    }
    case "--timeout": {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds <= 0)
        throw new InputError(flag, `"${value}" is not a number of seconds above 0`);
      into.timeoutMs = Math.round(seconds * 1000);
      break;
    }
  }
  return next;
}

/** Checks that the flags make sense together and returns the index arguments, if `--index` was given. */
export function indexArgsOf(flags: IndexFlags, files: readonly string[]): IndexArgs | undefined {
  if (flags.index === undefined) {
    const stray = [
      flags.keepGoing && "--keep-going",
      flags.site !== undefined && "--site",
      flags.allowHosts.length && "--allow-host",
      flags.concurrency !== undefined && "--concurrency",
      flags.timeoutMs !== undefined && "--timeout",
    ].filter(Boolean);
    if (stray.length) throw new InputError(String(stray[0]), "only applies with --index <url|file|folder>");
    return undefined;
  }
  if (files.length) {
    throw new InputError("--index", `give either pages (${files.join(", ")}) or --index, not both`);
  }
  return {
    index: flags.index,
    keepGoing: flags.keepGoing,
    allowHosts: flags.allowHosts,
    site: flags.site,
    concurrency: flags.concurrency,
    timeoutMs: flags.timeoutMs,
  };
}

export interface IndexCliOptions extends Omit<IndexRunOptions, "progress"> {
  /** Where progress goes (stderr in the CLI). */
  progressStream?: ProgressStream;
  /** Applies the plan (commit, or sync and commit); returns further report lines. */
  finish: (plan: IndexPlan) => Promise<string[]>;
  log?: (line: string) => void;
}

/**
 * Runs an index for the CLI: prints the report, and throws (after printing it) when pages failed without
 * `--keep-going`, so the exit status is 1 and nothing was written; with `--keep-going` the rest is applied
 * and the exit status is still 1.
 */
export async function runIndexCli(options: IndexCliOptions): Promise<IndexPlan> {
  const log = options.log ?? ((line: string) => console.log(line));
  const plan = await planIndex({
    ...options,
    progress: progressDisplay(options.progressStream ?? process.stderr),
  });
  const report = indexReport(plan);
  const failed = plan.failures.length;
  if (failed && !options.args.keepGoing) {
    // Nothing is written, so the report says what would have been.
    const WOULD: Record<string, string> = {
      vendored: "would vendor",
      removed: "would remove",
      wrote: "would write",
    };
    for (const line of report)
      log(line.replace(/^(vendored|removed|wrote) /, (_, done: string) => `${WOULD[done]} `));
    throw new InputError(
      options.args.index,
      `${failed} of ${plan.index.pages.length} pages failed, so nothing was written (each is listed above with its URL); fix them, or pass --keep-going to vendor the rest`,
    );
  }
  const more = await options.finish(plan);
  plan.saveCache();
  for (const line of [...report.slice(0, -1), ...more, report.at(-1)!]) log(line);
  if (failed) {
    process.exitCode = 1;
    log(
      `${failed} page${failed === 1 ? "" : "s"} failed (listed above); the rest was applied (--keep-going)`,
    );
  }
  return plan;
}
