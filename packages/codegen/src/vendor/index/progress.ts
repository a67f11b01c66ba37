/**
 * The progress of an index run: on a terminal, one line rewritten in place (pages done of all, by outcome,
 * and the page just finished); anywhere else (CI logs, a pipe), one plain line per page. Written to stderr,
 * so the report on stdout stays clean to read or redirect.
 */
import { formatBytes } from "../../fetch/polite-fetcher.js";
import type { ProgressSink } from "./plan-index.js";
import type { PageEvent } from "./read-pages.js";

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const CLEAR_LINE = "\r\x1b[2K";

export function progressDisplay(stream: ProgressStream): ProgressSink {
  let total = 0;
  let done = 0;
  const counts: Record<PageEvent["status"], number> = {
    downloaded: 0,
    "not modified": 0,
    read: 0,
    failed: 0,
  };
  const tty = stream.isTTY === true;
  const detail = (event: PageEvent) => {
    if (event.status === "downloaded" && event.detail)
      return ` (${formatBytes(Number.parseInt(event.detail, 10))})`;
    return event.detail ? `: ${event.detail}` : "";
  };
  return {
    start(pages) {
      total = pages;
      if (!tty) stream.write(`reading ${pages} page${pages === 1 ? "" : "s"}\n`);
    },
    page(event) {
      done++;
      counts[event.status]++;
      if (!tty) {
        stream.write(`[${done}/${total}] ${event.status} ${event.url}${detail(event)}\n`);
        return;
      }
      const tally = (["downloaded", "not modified", "read", "failed"] as const)
        .filter((status) => counts[status] > 0)
        .map((status) => `${counts[status]} ${status}`)
        .join(" · ");
      const line = `pages ${done}/${total} · ${tally} · ${event.url}`;
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(CLEAR_LINE + (line.length > width ? `${line.slice(0, width - 1)}…` : line));
    },
    end() {
      if (tty && done > 0) stream.write(CLEAR_LINE);
    },
  };
}
