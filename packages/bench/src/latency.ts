/**
 * Sequential latency and concurrent throughput against the keep-alive server in server.mjs, run as its
 * own process so the client under test has a core to itself. Subjects take turns round after round (in a
 * rotating order), so drifts in the machine's speed and the garbage collector's timing hit all of them
 * alike; each figure is the median over the rounds.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, pairedRatio } from "./stats.js";
import { type Subject, subjects } from "./subjects.js";

export interface LatencyOptions {
  rounds: number;
  /** Calls per subject per sequential round. */
  calls: number;
  /** Calls in flight at once in the throughput test. */
  concurrency: number;
  /** Calls per subject per throughput round. */
  concurrentCalls: number;
  /** Milliseconds the server waits before each answer (a simulated network); 0 by default. */
  delayMs?: number;
}

export interface LatencyResult {
  /** Microseconds per call, sequential: each subject's median over the rounds. */
  sequential: Record<string, number>;
  /** Calls per second with `concurrency` in flight: each subject's median over the rounds. */
  throughput: Record<string, number>;
  /**
   * One subject against another: the median of their ratios round by round. Both ran in the same round,
   * moments apart, so a machine that slows down for a while slows both; the ratio of the two medians
   * would mix rounds from fast and slow spells.
   */
  ratio(kind: "sequential" | "throughput", name: string, baseline: string): number;
}

/** Starts server.mjs with `node`, and always stops it: its stdin closing ends it even if we die. */
export async function withServer<T>(run: (baseUrl: string) => Promise<T>, delayMs = 0): Promise<T> {
  const script = fileURLToPath(new URL("./server.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, String(delayMs)], { stdio: ["pipe", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
      child.stdout.once("data", (chunk) => resolve(Number(String(chunk).trim())));
    });
    return await run(`http://127.0.0.1:${port}/v2`);
  } finally {
    child.stdin.end();
    child.kill();
  }
}

async function sequential(subject: Subject, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await subject();
  return ((performance.now() - started) * 1000) / calls;
}

async function concurrent(subject: Subject, calls: number, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < calls) await subject();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (calls * 1000) / (performance.now() - started);
}

export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
  return withServer(async (baseUrl) => {
    const all = Object.entries(subjects(baseUrl));
    const sequentialRuns = new Map<string, number[]>(all.map(([name]) => [name, []]));
    const concurrentRuns = new Map<string, number[]>(all.map(([name]) => [name, []]));
    // Warm-up: connections opened, code optimised, before anything counts.
    for (const [, subject] of all) {
      await sequential(subject, options.calls);
      await concurrent(subject, options.concurrentCalls, options.concurrency);
    }
    for (let round = 0; round < options.rounds; round++) {
      const order = [...all.slice(round % all.length), ...all.slice(0, round % all.length)];
      for (const [name, subject] of order)
        sequentialRuns.get(name)!.push(await sequential(subject, options.calls));
      for (const [name, subject] of order) {
        concurrentRuns
          .get(name)!
          .push(await concurrent(subject, options.concurrentCalls, options.concurrency));
      }
    }
    const medians = (runs: Map<string, number[]>) =>
      Object.fromEntries([...runs].map(([name, values]) => [name, median(values)]));
    const runs = { sequential: sequentialRuns, throughput: concurrentRuns };
    return {
      sequential: medians(sequentialRuns),
      throughput: medians(concurrentRuns),
      ratio: (kind, name, baseline) => pairedRatio(runs[kind].get(name)!, runs[kind].get(baseline)!),
    };
  }, options.delayMs);
}
