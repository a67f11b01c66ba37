/**
 * `npm run bench:scale`: the complete Telnyx API as `@switchboard/telnyx` ships it (the package as built
 * in this repository), side by side with its baselines, in one run on this machine: the official `telnyx`
 * SDK for installed size, type-checking, bundle size and start-up, plain openapi-typescript for
 * generation, openapi-fetch alone for start-up. Prints each measurement with its baseline, the ratio and
 * the target. Timings repeat and keep the best (minimum) or middle (median) run, since other work on the
 * machine only ever makes a run slower.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createReport } from "@switchboard/bench/readme-report";
import { build as esbuild } from "esbuild";
import { BUNDLE_APPS, COLD_START_APPS, type TypecheckApp, writeTypecheckProject } from "./consumers.js";
import { dependencyTree, treeBytes } from "./installed-size.js";
import {
  bin,
  check,
  createConsumerDir,
  createWorkspace,
  generate,
  type RunResult,
  repo,
  runNode,
  scaleDir,
  type Workspace,
} from "./workspace.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const report = createReport(join(scaleDir, "README.md"), "npm run bench:scale");
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);

const min = (values: number[]) => Math.min(...values);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const mib = (mb: number) => `${mb.toFixed(0)} MiB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface Row {
  what: string;
  ours: string;
  baseline: string;
  ratio: number | undefined;
  target: string;
  met: boolean | undefined;
}
const rows: Row[] = [];
function row(
  what: string,
  ours: string,
  baseline: string,
  ratio: number | undefined,
  target: string,
  limit?: number,
) {
  rows.push({
    what,
    ours,
    baseline,
    ratio,
    target,
    met: limit === undefined || ratio === undefined ? undefined : ratio <= limit,
  });
}

/** The generator on the complete vendored document, and openapi-typescript alone on the same document. */
async function measureGeneration(ws: Workspace, spec: string) {
  const ours: RunResult[] = [];
  const plain: RunResult[] = [];
  const out = join(ws.root, "plain-openapi-typescript.ts");
  for (let i = 0; i < RUNS; i++) {
    rmSync(join(ws.packageDir("telnyx"), "src", "generated"), { recursive: true, force: true });
    ours.push(await generate(ws, "telnyx"));
    plain.push(
      check(await runNode([bin.openapiTypescript, spec, "-o", out], { cwd: ws.root }), "openapi-typescript"),
    );
  }
  const cpu = [min(ours.map((r) => r.cpuMs)), min(plain.map((r) => r.cpuMs))] as const;
  const wall = [min(ours.map((r) => r.wallMs)), min(plain.map((r) => r.wallMs))] as const;
  row(
    "generate the full package (CPU time)",
    seconds(cpu[0]),
    `openapi-typescript alone ${seconds(cpu[1])}`,
    cpu[0] / cpu[1],
    "≤ 1.1×",
    1.1,
  );
  row(
    "generate the full package (wall time)",
    seconds(wall[0]),
    `openapi-typescript alone ${seconds(wall[1])}`,
    wall[0] / wall[1],
    "≤ 1.1×",
    1.1,
  );
}

interface TscRun {
  wallMs: number;
  maxRssMb: number;
  memoryUsedMb: number;
  ok: boolean;
  output: string;
}

async function typecheck(dir: string): Promise<TscRun> {
  const result = await runNode([bin.tsc, "-p", "tsconfig.json", "--extendedDiagnostics"], { cwd: dir });
  const used = /Memory used:\s+(\d+)K/.exec(result.stdout);
  const errors = result.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
  return {
    wallMs: result.wallMs,
    maxRssMb: result.maxRssMb,
    memoryUsedMb: used ? Number(used[1]) / 1024 : Number.NaN,
    ok: result.code === 0,
    output: errors.join("\n"),
  };
}

async function measureTypecheck(consumers: string) {
  const apps: TypecheckApp[] = ["composed", "root", "openapiFetch", "sdk"];
  const dirs = Object.fromEntries(
    apps.map((app) => [app, writeTypecheckProject(join(consumers, `tsc-${app}`), app, true)]),
  ) as Record<TypecheckApp, string>;
  const runs: Record<TypecheckApp, TscRun[]> = { composed: [], root: [], openapiFetch: [], sdk: [] };
  for (let i = 0; i < RUNS; i++) for (const app of apps) runs[app].push(await typecheck(dirs[app]));
  for (const app of apps) {
    const failed = runs[app].find((r) => !r.ok);
    if (failed) throw new Error(`the ${app} consumer does not type-check:\n${failed.output}`);
  }
  const best = (app: TypecheckApp) => ({
    wall: min(runs[app].map((r) => r.wallMs)),
    rss: min(runs[app].map((r) => r.maxRssMb)),
    used: min(runs[app].map((r) => r.memoryUsedMb)),
  });
  const sdk = best("sdk");
  const describe = (b: ReturnType<typeof best>) =>
    `${seconds(b.wall)}, ${mib(b.rss)} RSS, ${mib(b.used)} heap`;
  for (const [app, label] of [
    ["composed", "type-check a 3-call consumer: subpath modules (time)"],
    ["root", "type-check a 3-call consumer: package root (time)"],
    ["openapiFetch", "type-check a 3-call consumer: openapi-fetch + full types (time)"],
  ] as const) {
    const b = best(app);
    const target = app === "composed" ? 0.7 : undefined;
    row(
      label,
      describe(b),
      `telnyx SDK ${describe(sdk)}`,
      b.wall / sdk.wall,
      target ? "≤ 0.7×" : "(reference)",
      target,
    );
    row(
      label.replace("(time)", "(peak memory)"),
      mib(b.rss),
      `telnyx SDK ${mib(sdk.rss)}`,
      b.rss / sdk.rss,
      target ? "≤ 0.7×" : "(reference)",
      target,
    );
  }
  const strict = await typecheck(writeTypecheckProject(join(consumers, "tsc-strict"), "composed", false));
  row(
    "the subpath consumer with skipLibCheck: false",
    strict.ok ? `passes, ${seconds(strict.wallMs)}` : `FAILS\n${strict.output}`,
    "",
    undefined,
    "passes",
  );
  rows.at(-1)!.met = strict.ok;
}

async function bundleSize(
  consumers: string,
  name: string,
  source: string,
): Promise<{ raw: number; gzip: number }> {
  const dir = join(consumers, "bundle");
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

async function measureBundles(consumers: string) {
  const sizes = Object.fromEntries(
    await Promise.all(
      Object.entries(BUNDLE_APPS).map(
        async ([name, source]) => [name, await bundleSize(consumers, name, source)] as const,
      ),
    ),
  ) as Record<keyof typeof BUNDLE_APPS, { raw: number; gzip: number }>;
  const describe = (s: { raw: number; gzip: number }) => `${kb(s.gzip)} gz (${kb(s.raw)} min)`;
  rows.push({
    what: "bundle a one-call app (composed client + deleteIp)",
    ours: describe(sizes.oneCall),
    baseline: `telnyx SDK ${describe(sizes.sdk)}; openapi-fetch alone ${describe(sizes.openapiFetch)}`,
    ratio: sizes.oneCall.gzip / sizes.sdk.gzip,
    target: "≤ 5.7 KB gz",
    met: sizes.oneCall.gzip <= 5700,
  });
  row(
    "bundle the whole client (all 1,154 methods)",
    describe(sizes.wholeClient),
    `telnyx SDK ${describe(sizes.sdk)}`,
    sizes.wholeClient.gzip / sizes.sdk.gzip,
    // Issue 13 retired the 0.5× target: every method name and path of 1,154 operations is most of it.
    "(reference)",
  );
}

/**
 * Node loading the packages from node_modules (each package and module resolved and read on its own), and
 * the same apps bundled into one file each with esbuild, as a deployed (serverless) app would start.
 */
async function measureColdStart(consumers: string) {
  const dir = join(consumers, "cold");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  const names = Object.keys(COLD_START_APPS) as Array<keyof typeof COLD_START_APPS>;
  for (const name of names) {
    writeFileSync(join(dir, `${name}.mjs`), COLD_START_APPS[name]);
    await esbuild({
      entryPoints: [join(dir, `${name}.mjs`)],
      outfile: join(dir, `${name}.bundled.mjs`),
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      target: "es2022",
      logLevel: "silent",
    });
  }
  const files = names.flatMap((name) => [`${name}.mjs`, `${name}.bundled.mjs`]);
  const wall: Record<string, number[]> = Object.fromEntries(files.map((f) => [f, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(files.map((f) => [f, []]));
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const file of files) {
      const result = check(await runNode([file], { cwd: dir }), `cold start ${file}`);
      const [w, c] = result.stdout.trim().split(/\s+/).map(Number);
      wall[file]!.push(w!);
      cpu[file]!.push(c!);
    }
  }
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const describe = (file: string) => `${ms(median(cpu[file]!))} CPU, ${ms(median(wall[file]!))} wall`;
  for (const bundled of [false, true]) {
    const file = (name: string) => `${name}${bundled ? ".bundled" : ""}.mjs`;
    const how = bundled ? "bundled" : "from node_modules";
    const baseline = `openapi-fetch alone ${describe(file("openapiFetch"))}`;
    const ratio = (name: string) => median(cpu[file(name)]!) / median(cpu[file("openapiFetch")]!);
    row(
      `cold start (${how}): import + construct, composed client`,
      describe(file("composed")),
      baseline,
      ratio("composed"),
      "≤ 1.1×",
      1.1,
    );
    row(
      `cold start (${how}): import + construct + first request, composed client`,
      describe(file("composedFirstRequest")),
      `openapi-fetch alone ${describe(file("openapiFetchFirstRequest"))}`,
      median(cpu[file("composedFirstRequest")]!) / median(cpu[file("openapiFetchFirstRequest")]!),
      "≤ 1.1×",
      1.1,
    );
    row(
      `cold start (${how}): import + construct, whole client`,
      describe(file("root")),
      baseline,
      ratio("root"),
      "(reference)",
    );
    row(
      `cold start (${how}): import + construct, telnyx SDK`,
      describe(file("sdk")),
      baseline,
      ratio("sdk"),
      "(reference)",
    );
  }
}

function print() {
  const header = ["measurement", "switchboard", "baseline (same run)", "ratio", "target", ""];
  const body = rows.map((r) => [
    r.what,
    r.ours,
    r.baseline,
    r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.met === undefined ? "" : r.met ? "met" : "MISSED",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  report.print(line(header));
  report.print(line(widths.map((w) => "-".repeat(w))));
  for (const b of body) report.print(line(b));
}

/** What `npm install` unpacks for a workspace package: its tarball's files, as `npm pack` would write them. */
function packedBytes(pkg: string): number {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: join(repo, "packages", pkg),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return (JSON.parse(output) as Array<{ unpackedSize: number }>)[0]!.unpackedSize;
}

/**
 * What installing each costs on disk (file bytes, as `du --apparent-size` counts them): the two
 * Switchboard packages as their tarballs unpack, plus the npm packages core depends on; the SDK as npm
 * installed it here (it has no dependencies of its own).
 */
function measureInstalledSize() {
  const ours = packedBytes("telnyx") + packedBytes("core");
  const coreManifest = JSON.parse(readFileSync(join(repo, "packages", "core", "package.json"), "utf8"));
  const deps = new Map<string, string>();
  for (const dep of Object.keys(coreManifest.dependencies ?? {}))
    dependencyTree(dep, join(repo, "packages", "core"), deps);
  const depBytes = [...deps.values()].reduce((sum, dir) => sum + treeBytes(dir), 0);
  const sdk = [...dependencyTree("telnyx", scaleDir).values()].reduce((sum, dir) => sum + treeBytes(dir), 0);
  const total = ours + depBytes;
  row(
    "installed size: @switchboard/telnyx + core (+ its npm dependencies)",
    `${mb(total)} (${mb(packedBytes("telnyx"))} + ${mb(packedBytes("core"))} + ${mb(depBytes)} ${[...deps.keys()].join(", ")})`,
    `telnyx SDK ${mb(sdk)}`,
    total / sdk,
    "≤ 1× (aim 0.25×)",
    1,
  );
}

async function main() {
  const spec = join(repo, "specs", "telnyx", "spec3.yaml");
  report.print(
    `${RUNS} runs per timing, ${COLD_RUNS} for cold starts; the package measured is the one built here`,
  );
  const ws = createWorkspace("telnyx", { prefix: "switchboard-bench-" });
  const consumers = createConsumerDir("switchboard-bench-");
  try {
    console.log("measuring the installed size…");
    measureInstalledSize();
    console.log("generating…");
    await measureGeneration(ws, spec);
    console.log("type-checking…");
    await measureTypecheck(consumers.dir);
    console.log("bundling…");
    await measureBundles(consumers.dir);
    console.log("starting…");
    await measureColdStart(consumers.dir);
    console.log("");
    print();
    report.save();
  } finally {
    ws.remove();
    consumers.remove();
  }
}

await main();
