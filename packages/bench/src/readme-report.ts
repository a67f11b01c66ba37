/**
 * A benchmark's report, printed as it runs and kept in its package's README: the block between
 * `<!-- results -->` and `<!-- /results -->` is rewritten with what the run printed and the machine it ran
 * on, so the figures in the README are always a whole run's, never numbers pasted by hand. Shared by
 * `npm run bench` and `npm run bench:scale`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

const OPENING = "<!-- results -->";
const CLOSING = "<!-- /results -->";

export interface Report {
  /** Prints a line (or a block of lines) and keeps it for the README. */
  print(text?: string): void;
  /** Rewrites the README's results block with everything printed so far. */
  save(): void;
}

export function createReport(readme: string, command: string): Report {
  const lines: string[] = [];
  const startLoad = loadavg()[0]!;
  return {
    print(text = "") {
      console.log(text);
      lines.push(text);
    },
    save() {
      const existing = readFileSync(readme, "utf8");
      const start = existing.indexOf(OPENING);
      const end = existing.indexOf(CLOSING);
      if (start < 0 || end < start)
        throw new Error(`${readme}: no ${OPENING} … ${CLOSING} block to write into`);
      const [cpu] = cpus();
      const machine =
        `\`${command}\`, ${new Date().toISOString().slice(0, 10)}: Node ${process.version} on ` +
        `${cpus().length} × ${cpu?.model.trim() ?? "unknown CPU"}, load average ${startLoad.toFixed(1)} at the ` +
        `start and ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine only ever slows a run).`;
      const block = `${OPENING}\n${machine}\n\n\`\`\`text\n${lines.join("\n").trim()}\n\`\`\`\n`;
      writeFileSync(readme, existing.slice(0, start) + block + existing.slice(end));
      console.log(`\nwrote the results into ${readme}`);
    },
  };
}
