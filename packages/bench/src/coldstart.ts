/**
 * Cold start: a fresh `node` process that imports a client, constructs it and exits, timed from spawn to
 * exit. Subjects take turns run after run; each figure is the median. Plain `node` with an empty script is
 * measured too: the floor every subject pays.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "./stats.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Milliseconds per subject, median of `runs`. */
export function measureColdStart(scripts: Record<string, string>, runs: number): Record<string, number> {
  const times = new Map<string, number[]>(Object.keys(scripts).map((name) => [name, []]));
  const once = (script: string) => {
    const started = performance.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageDir,
      env: { ...process.env, NODE_OPTIONS: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const elapsed = performance.now() - started;
    if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}\n${script}`);
    return elapsed;
  };
  for (const script of Object.values(scripts)) once(script); // warm the file system cache
  for (let run = 0; run < runs; run++) {
    for (const [name, script] of Object.entries(scripts)) times.get(name)!.push(once(script));
  }
  return Object.fromEntries([...times].map(([name, values]) => [name, median(values)]));
}
