/**
 * `npm run check:turbo-cache`: shows, in a scratch copy of the repository, that turbo's generate task
 * regenerates only the provider whose spec changed.
 *   1. `turbo run generate snapshot` twice: the second run is all cache hits (generation is deterministic
 *      and the committed output is what it produces);
 *   2. one sentence of one provider's spec is edited (as a new page would), and the same command runs
 *      again: that provider's generate task misses, every other package's generate task hits.
 * The summary of each run (`--summarize`) is read back and printed as a table; the script fails on any
 * other outcome.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withScratchRepo } from "@switchboard/codegen/scratch-repo";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const PROVIDER = "vobiz";
const SPEC = join("specs", PROVIDER, "delete-ip-acl.yaml");
const EDIT = ["Remove an IP access control rule.", "Remove one IP access control rule."] as const;

const AUTHOR = { author: "cache check", email: "cache-check@switchboard.invalid" };
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

type Status = Record<string, "HIT" | "MISS">;

function generate(scratch: string): Status {
  run(
    npm,
    ["exec", "--", "turbo", "run", "generate", "snapshot", "--summarize", "--output-logs=errors-only"],
    scratch,
  );
  const dir = join(scratch, ".turbo", "runs");
  const newest = readdirSync(dir)
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .at(-1)!;
  const summary = JSON.parse(readFileSync(newest, "utf8")) as {
    tasks: Array<{ taskId: string; command: string; cache: { status: "HIT" | "MISS" } }>;
  };
  return Object.fromEntries(
    summary.tasks
      .filter((t) => t.command !== "<NONEXISTENT>")
      .map((t) => [t.taskId.replace("@switchboard/", ""), t.cache.status] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function table(runs: Array<[string, Status]>): void {
  const tasks = Object.keys(runs[0]![1]);
  const width = Math.max(...tasks.map((t) => t.length));
  console.log(`${"task".padEnd(width)}  ${runs.map(([name]) => name.padEnd(12)).join("  ")}`);
  for (const task of tasks) {
    console.log(`${task.padEnd(width)}  ${runs.map(([, s]) => (s[task] ?? "-").padEnd(12)).join("  ")}`);
  }
}

async function main(): Promise<void> {
  await withScratchRepo(
    {
      prefix: "switchboard-turbo-",
      gitFiles: true,
      nodeModules: "link-folder",
      git: { ...AUTHOR, message: "scratch" },
    },
    (copy) => check(copy.root),
  );
}

function check(scratch: string): void {
  const cold = generate(scratch);
  const warm = generate(scratch);
  const spec = join(scratch, SPEC);
  const text = readFileSync(spec, "utf8");
  if (!text.includes(EDIT[0])) throw new Error(`${SPEC} no longer contains "${EDIT[0]}": update this script`);
  writeFileSync(spec, text.replace(EDIT[0], EDIT[1]));
  const edited = generate(scratch);
  table([
    ["first run", cold],
    ["second run", warm],
    [`${PROVIDER} edited`, edited],
  ]);

  const problems: string[] = [];
  for (const [task, status] of Object.entries(warm)) {
    if (status !== "HIT")
      problems.push(`second run: ${task} missed the cache (generation is not deterministic?)`);
  }
  for (const [task, status] of Object.entries(edited)) {
    if (!task.endsWith("#generate")) continue;
    const expected = task === `${PROVIDER}#generate` ? "MISS" : "HIT";
    if (status !== expected)
      problems.push(`after editing ${SPEC}: ${task} was a ${status}, expected a ${expected}`);
  }
  const generateHits = Object.entries(edited).filter(
    ([t, s]) => t.endsWith("#generate") && s === "HIT",
  ).length;
  console.log(
    `\nafter editing ${SPEC}: ${PROVIDER}#generate regenerated, ${generateHits} other generate tasks were cache hits` +
      " (snapshot tasks rerun where they read the edited provider's sources)",
  );
  if (problems.length) {
    for (const problem of problems) console.error(`✗ ${problem}`);
    process.exitCode = 1;
  }
}

await main();
