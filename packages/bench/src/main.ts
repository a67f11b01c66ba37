/**
 * `npm run bench`: latency, throughput, bundle size and cold start of the generated clients, side by side
 * with raw fetch, openapi-fetch and the official `telnyx` SDK, every ratio against a baseline measured in
 * this same run. Knobs: BENCH_ROUNDS, BENCH_CALLS, BENCH_COLD_RUNS, BENCH_DELAY_MS (the simulated network
 * of the second latency run, 2 ms by default; 0 skips it).
 */
import { fileURLToPath } from "node:url";
import { baselines, providers, wholeClient } from "./apps.js";
import { measureColdStart } from "./coldstart.js";
import { measureLatency } from "./latency.js";
import { createReport } from "./readme-report.js";
import { bundleSize } from "./size.js";
import { ratio, table, thousands, times } from "./stats.js";
import { OURS, OURS_NO_TIMEOUT, RAW_WITH_TIMEOUT } from "./subjects.js";

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
// Issue 13's targets: per call and throughput against raw fetch in the same run, with retries, timeouts
// and redaction on; the one-call app's size budget (also held by this package's test).
const TARGETS = { sequential: 1.15, throughput: 0.92, size: 5700, coldStart: 1.1 };
const verdict = (ok: boolean) => (ok ? "meets target" : "MISSES target");
const report = createReport(fileURLToPath(new URL("../README.md", import.meta.url)), "npm run bench");

report.print(`Node ${process.version}, ${process.platform}/${process.arch}\n`);

// ---- latency and throughput ----
const latency = await measureLatency({
  rounds: number("BENCH_ROUNDS", 10),
  calls: number("BENCH_CALLS", 1000),
  concurrency: 50,
  concurrentCalls: 5 * number("BENCH_CALLS", 1000),
});
report.print("DELETE /v2/ips/{id} against a local keep-alive server (medians)\n");
printLatency(latency, true);

/**
 * A latency run's table, then the targets and where the time goes: ours against raw fetch (the targets),
 * what a timeout that really aborts costs raw fetch itself, and ours against that and without a timeout.
 * Every ratio is paired: the median of the two subjects' ratios round by round.
 */
function printLatency(result: Awaited<ReturnType<typeof measureLatency>>, withTargets: boolean) {
  const { sequential, throughput } = result;
  report.print(
    table([
      ["client", "µs/call sequential", "vs raw fetch", "calls/s at 50 concurrent", "vs raw fetch"],
      ...Object.keys(sequential).map((name) => [
        name,
        sequential[name]!.toFixed(1),
        times(result.ratio("sequential", name, "raw fetch")),
        thousands(throughput[name]!),
        times(result.ratio("throughput", name, "raw fetch")),
      ]),
    ]),
  );
  const against = (name: string, baseline: string) =>
    [result.ratio("sequential", name, baseline), result.ratio("throughput", name, baseline)] as const;
  const [perCall, rate] = against(OURS, "raw fetch");
  const [timeoutPerCall, timeoutRate] = against(RAW_WITH_TIMEOUT, "raw fetch");
  const [restPerCall, restRate] = against(OURS, RAW_WITH_TIMEOUT);
  const [bareCall, bareRate] = against(OURS_NO_TIMEOUT, "raw fetch");
  const x = (value: number) => `${value.toFixed(3)}×`;
  report.print(
    [
      "",
      withTargets
        ? `${OURS}: ${x(perCall)} raw fetch per call (target ≤ ${TARGETS.sequential}×, ${verdict(perCall <= TARGETS.sequential)}); ` +
          `${x(rate)} raw throughput (target ≥ ${TARGETS.throughput}×, ${verdict(rate >= TARGETS.throughput)})`
        : `${OURS}: ${x(perCall)} raw fetch per call, ${x(rate)} raw throughput`,
      `  an abortable timeout alone (${RAW_WITH_TIMEOUT}): ${x(timeoutPerCall)} raw fetch per call, ${x(timeoutRate)} raw throughput`,
      `  the rest of the pipeline (${OURS} vs ${RAW_WITH_TIMEOUT}): ${x(restPerCall)} per call, ${x(restRate)} throughput`,
      `  ${OURS_NO_TIMEOUT}: ${x(bareCall)} raw fetch per call, ${x(bareRate)} raw throughput`,
      "",
    ].join("\n"),
  );
}

// ---- the same with a simulated network: the overhead as a share of a real call ----
const delayMs = number("BENCH_DELAY_MS", 2);
if (delayMs > 0) {
  const delayed = await measureLatency({
    rounds: Math.max(2, Math.ceil(number("BENCH_ROUNDS", 10) / 2)),
    calls: Math.max(50, Math.ceil(number("BENCH_CALLS", 1000) / 10)),
    concurrency: 50,
    concurrentCalls: Math.max(250, Math.ceil(number("BENCH_CALLS", 1000) / 2)),
    delayMs,
  });
  report.print(`\nThe same with the server answering after ${delayMs} ms (a simulated network; medians)\n`);
  printLatency(delayed, false);
}

// ---- bundle size ----
const sizes = new Map<string, Awaited<ReturnType<typeof bundleSize>>>();
const WHOLE = "@switchboard/telnyx, whole client";
for (const [name, app] of Object.entries({ ...baselines, ...providers, [WHOLE]: wholeClient }))
  sizes.set(name, await bundleSize(app));
const openapiFetchSize = sizes.get("openapi-fetch")!.gzipped;
report.print("Bundle size of a one-call app (esbuild --bundle --minify, gzip -9)\n");
report.print(
  table([
    ["app", "minified B", "gzipped B", "vs openapi-fetch", "target ≤ 5,700 B"],
    ...[...sizes].map(([name, size]) => [
      name,
      thousands(size.minified),
      thousands(size.gzipped),
      ratio(size.gzipped, openapiFetchSize),
      name in providers ? verdict(size.gzipped <= TARGETS.size) : "",
    ]),
  ]),
);

// ---- cold start ----
const coldRuns = number("BENCH_COLD_RUNS", 15);
const cold = measureColdStart(
  {
    "node (empty script)": "",
    "openapi-fetch": baselines["openapi-fetch"]!.setup,
    "telnyx SDK": baselines["telnyx SDK"]!.setup,
    ...Object.fromEntries(Object.entries(providers).map(([name, app]) => [name, app.setup])),
    "@switchboard/sdk": `import { createSwitchboard } from "@switchboard/sdk";
createSwitchboard({ telnyx: { apiKey: "key" } }).telnyx;`,
  },
  coldRuns,
);
const openapiFetchCold = cold["openapi-fetch"]!;
report.print(`\nCold start: import + construct + exit, fresh node process (median of ${coldRuns})\n`);
report.print(
  table([
    ["subject", "ms", "vs openapi-fetch"],
    ...Object.entries(cold).map(([name, ms]) => [name, ms.toFixed(1), ratio(ms, openapiFetchCold)]),
  ]),
);
const coldRatio = cold[OURS]! / openapiFetchCold;
report.print(
  `\n${OURS}: ${coldRatio.toFixed(3)}× openapi-fetch's cold start (target ≤ ${TARGETS.coldStart}×, ${verdict(coldRatio <= TARGETS.coldStart)})`,
);
report.save();
