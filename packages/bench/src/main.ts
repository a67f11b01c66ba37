/**
 * `npm run bench`: latency, throughput, bundle size and cold start of the generated clients, side by side
 * with raw fetch, openapi-fetch and the official `telnyx` SDK, every ratio against a baseline measured in
 * this same run. Knobs: BENCH_ROUNDS, BENCH_CALLS, BENCH_COLD_RUNS.
 */
import { fileURLToPath } from "node:url";
import { baselines, providers, wholeClient } from "./apps.js";
import { measureColdStart } from "./coldstart.js";
import { measureLatency } from "./latency.js";
import { createReport } from "./readme-report.js";
import { bundleSize } from "./size.js";
import { ratio, table, thousands } from "./stats.js";

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const OURS = "@switchboard/telnyx";
const TARGETS = { sequential: 1.12, throughput: 0.9, size: 4000, coldStart: 1.1 };
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
const rawLatency = latency.sequential["raw fetch"]!;
const rawThroughput = latency.throughput["raw fetch"]!;
report.print("DELETE /v2/ips/{id} against a local keep-alive server (medians)\n");
report.print(
  table([
    ["client", "µs/call sequential", "vs raw fetch", "calls/s at 50 concurrent", "vs raw fetch"],
    ...Object.keys(latency.sequential).map((name) => [
      name,
      latency.sequential[name]!.toFixed(1),
      ratio(latency.sequential[name]!, rawLatency),
      thousands(latency.throughput[name]!),
      ratio(latency.throughput[name]!, rawThroughput),
    ]),
  ]),
);
const sequentialRatio = latency.sequential[OURS]! / rawLatency;
const throughputRatio = latency.throughput[OURS]! / rawThroughput;
report.print(
  `\n${OURS}: ${sequentialRatio.toFixed(3)}× raw fetch per call (target ≤ ${TARGETS.sequential}×, ${verdict(sequentialRatio <= TARGETS.sequential)}); ` +
    `${throughputRatio.toFixed(3)}× raw throughput (target ≥ ${TARGETS.throughput}×, ${verdict(throughputRatio >= TARGETS.throughput)})\n`,
);

// ---- bundle size ----
const sizes = new Map<string, Awaited<ReturnType<typeof bundleSize>>>();
const WHOLE = "@switchboard/telnyx, whole client";
for (const [name, app] of Object.entries({ ...baselines, ...providers, [WHOLE]: wholeClient }))
  sizes.set(name, await bundleSize(app));
const openapiFetchSize = sizes.get("openapi-fetch")!.gzipped;
report.print("Bundle size of a one-call app (esbuild --bundle --minify, gzip -9)\n");
report.print(
  table([
    ["app", "minified B", "gzipped B", "vs openapi-fetch", "target ≤ 4,000 B"],
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
