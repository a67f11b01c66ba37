/** What a Prism process prints, line by line, with a bounded tail kept for error messages. */

/** How many lines of Prism's output an error message shows. */
export const OUTPUT_TAIL_LINES = 40;
const OUTPUT_KEEP_LINES = 400;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Line-buffered view of Prism's stdout and stderr, keeping a bounded tail for error messages. */
export class OutputLog {
  private readonly lines: string[] = [];
  private readonly partial = { stdout: "", stderr: "" };
  private readonly listeners = new Set<(line: string) => void>();

  constructor(private readonly echoPrefix: string | undefined) {}

  feed(stream: "stdout" | "stderr", chunk: Buffer | string): void {
    const text = this.partial[stream] + String(chunk);
    const parts = text.split(/\r?\n/);
    this.partial[stream] = parts.pop() ?? "";
    for (const part of parts) this.push(stream, part);
  }

  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.partial[stream]) this.push(stream, this.partial[stream]);
      this.partial[stream] = "";
    }
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  text(): string {
    return this.lines.join("\n");
  }

  /** The last lines, minus the yargs usage block Prism prints before every fatal error. */
  tail(n = OUTPUT_TAIL_LINES): string {
    const kept: string[] = [];
    for (let i = 0; i < this.lines.length; i++) {
      if (/^prism mock <document>\s*$/.test(this.lines[i] ?? "")) {
        const last = this.lines.findIndex((line, j) => j > i && /^\s*--seed\b/.test(line));
        if (last !== -1) {
          i = last;
          while (this.lines[i + 1]?.trim() === "") i++;
          continue;
        }
      }
      kept.push(this.lines[i] ?? "");
    }
    while (kept.length > 0 && kept[kept.length - 1]?.trim() === "") kept.pop();
    return kept.slice(-n).join("\n");
  }

  private push(stream: "stdout" | "stderr", raw: string): void {
    const line = raw.replace(ANSI, "");
    this.lines.push(line);
    if (this.lines.length > OUTPUT_KEEP_LINES) this.lines.splice(0, this.lines.length - OUTPUT_KEEP_LINES);
    if (this.echoPrefix !== undefined) {
      (stream === "stdout" ? process.stdout : process.stderr).write(`${this.echoPrefix}${raw}\n`);
    }
    for (const listener of this.listeners) listener(line);
  }
}
