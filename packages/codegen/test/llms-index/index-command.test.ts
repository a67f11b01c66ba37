/**
 * The command line of `vendor --index` / `sync --index`: its options, the progress display on a terminal and
 * in a log, the report, all-or-nothing by default and `--keep-going`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseSyncArgs } from "../../src/release/sync.js";
import { runIndexCli } from "../../src/vendor/index/index-command.js";
import { progressDisplay } from "../../src/vendor/index/progress.js";
import { parseVendorArgs, runVendorCli } from "../../src/vendor/vendor-command.js";
import { removedAfterEach, snapshotTree, tempRepo } from "../helpers.js";
import { docServers } from "./doc-server.js";
import { indexOptions, publish, sitePages } from "./site.js";

const temp = removedAfterEach(tempRepo);
const serve = docServers();
const exitCode = process.exitCode;
afterEach(() => {
  process.exitCode = exitCode;
});

function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("the --index options", () => {
  it("parse for vendor and for sync", () => {
    const args = [
      "--index",
      "https://docs.vobiz.ai/llms.txt",
      "--keep-going",
      "--allow-host",
      "cdn.vobiz.ai,127.0.0.1:8080",
      "--allow-host=mirror.vobiz.ai",
      "--concurrency=4",
      "--timeout",
      "2.5",
      "--provider",
      "vobiz",
    ];
    const expected = {
      files: [],
      provider: "vobiz",
      help: false,
      index: {
        index: "https://docs.vobiz.ai/llms.txt",
        keepGoing: true,
        allowHosts: ["cdn.vobiz.ai", "127.0.0.1:8080", "mirror.vobiz.ai"],
        concurrency: 4,
        timeoutMs: 2500,
      },
    };
    expect(parseVendorArgs(args)).toEqual(expected);
    expect(parseSyncArgs(args)).toEqual(expected);
    expect(parseSyncArgs(["--index=./llms-full.txt"]).index?.index).toBe("./llms-full.txt");
  });

  it.each([
    [["--index", "llms.txt", "page.md"], /^--index: give either pages \(page\.md\) or --index, not both$/],
    [["page.md", "--keep-going"], /^--keep-going: only applies with --index/],
    [["--index"], /^--index: needs a value; usage:/],
    [["--index", "a", "--index", "b"], /^--index: given more than once$/],
    [["--index", "a", "--concurrency", "0"], /^--concurrency: "0" is not a whole number from 1 to 32$/],
    [["--index", "a", "--timeout", "soon"], /^--timeout: "soon" is not a number of seconds above 0$/],
    [
      ["--index", "a", "--allow-host", "https://x.example/"],
      /^--allow-host: "https:\/\/x\.example\/" is not a host name/,
    ],
    [["--index", "a", "--keep-going=yes"], /^--keep-going: takes no value$/],
  ])("refuses %j", (args, message) => {
    expect(thrown(() => parseVendorArgs(args))).toMatch(message);
  });
});

describe("progress", () => {
  const events = [
    { url: "https://docs.vobiz.ai/a.md", status: "downloaded" as const, detail: "2048 bytes" },
    { url: "https://docs.vobiz.ai/b.md", status: "not modified" as const },
    { url: "https://docs.vobiz.ai/c.md", status: "failed" as const, detail: "HTTP 404 Not Found" },
  ];

  it("prints one plain line per page when not on a terminal", () => {
    const written: string[] = [];
    const progress = progressDisplay({ isTTY: false, write: (text) => written.push(text) });
    progress.start(3);
    for (const event of events) progress.page(event);
    progress.end();
    expect(written.join("")).toBe(
      [
        "reading 3 pages",
        "[1/3] downloaded https://docs.vobiz.ai/a.md (2.0 KB)",
        "[2/3] not modified https://docs.vobiz.ai/b.md",
        "[3/3] failed https://docs.vobiz.ai/c.md: HTTP 404 Not Found",
        "",
      ].join("\n"),
    );
  });

  it("rewrites one line on a terminal, and clears it at the end", () => {
    const written: string[] = [];
    const progress = progressDisplay({ isTTY: true, columns: 200, write: (text) => written.push(text) });
    progress.start(3);
    for (const event of events) progress.page(event);
    progress.end();
    expect(written).toEqual([
      "\r\x1b[2Kpages 1/3 · 1 downloaded · https://docs.vobiz.ai/a.md",
      "\r\x1b[2Kpages 2/3 · 1 downloaded · 1 not modified · https://docs.vobiz.ai/b.md",
      "\r\x1b[2Kpages 3/3 · 1 downloaded · 1 not modified · 1 failed · https://docs.vobiz.ai/c.md",
      "\r\x1b[2K",
    ]);
  });
});

describe("runIndexCli", () => {
  it("prints the report and commits", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    const logged: string[] = [];
    const progress: string[] = [];
    await runIndexCli({
      ...indexOptions(root, server.url("/llms.txt")),
      log: (line) => logged.push(line),
      progressStream: { isTTY: false, write: (text) => progress.push(text) },
      finish: async (plan) => {
        plan.transaction.commit();
        return ["(finished)"];
      },
    });
    expect(progress[0]).toBe("reading 7 pages\n");
    expect(progress).toHaveLength(8);
    expect(logged.at(-2)).toBe("(finished)");
    expect(logged.at(-1)).toMatch(/^pages: 8 seen, 3 vendored, 1 unchanged, 4 skipped, 0 failed/);
    expect(readFileSync(join(root, "specs/vobiz/list-calls.yaml"), "utf8")).toContain("list-calls");
  });

  it("writes nothing when a page fails, after listing every failure", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    pages.delete("/api-reference/calls/list-calls.md");
    pages.delete("/api-reference/account/get-account.md");
    publish(server, pages);
    const before = snapshotTree(root);
    const logged: string[] = [];
    let finished = false;
    const error = await runIndexCli({
      ...indexOptions(root, server.url("/llms.txt")),
      log: (line) => logged.push(line),
      progressStream: { isTTY: false, write: () => true },
      finish: async () => {
        finished = true;
        return [];
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(finished).toBe(false);
    expect(snapshotTree(root)).toEqual(before);
    expect((error as Error).message).toBe(
      `${server.url("/llms.txt")}: 2 of 7 pages failed, so nothing was written (each is listed above with its URL); fix them, or pass --keep-going to vendor the rest`,
    );
    expect(logged).toContain(
      `failed ${server.url("/api-reference/calls/list-calls.md")} (listed at ${server.url("/llms.txt")}:16): HTTP 404 Not Found`,
    );
    expect(logged).toContain(
      `failed ${server.url("/api-reference/account/get-account.md")} (listed at ${server.url("/llms.txt")}:11): HTTP 404 Not Found`,
    );
    // What the pages that did not fail would have written is said as such: nothing was.
    expect(logged.filter((line) => /^(vendored|removed|wrote) /.test(line))).toEqual([]);
    expect(logged.some((line) => line.startsWith("would vendor specs/vobiz/"))).toBe(true);
  });

  it("applies the rest with --keep-going, and still exits non-zero", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    pages.delete("/api-reference/calls/list-calls.md");
    publish(server, pages);
    const logged: string[] = [];
    await runIndexCli({
      ...indexOptions(root, server.url("/llms.txt"), { keepGoing: true }),
      log: (line) => logged.push(line),
      progressStream: { isTTY: false, write: () => true },
      finish: async (plan) => {
        plan.transaction.commit();
        return [];
      },
    });
    expect(process.exitCode).toBe(1);
    expect(logged.at(-1)).toBe("1 page failed (listed above); the rest was applied (--keep-going)");
    expect(readFileSync(join(root, "specs/vobiz/get-balance.yaml"), "utf8")).toContain("get-balance");
  });
});

describe("vendor --index of a new provider", () => {
  it("says what it wrote besides the pages, as vendoring the pages one by one does: settings, fills, method names", async () => {
    const root = temp([]);
    const pages = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "ringly", "pages");
    vi.stubEnv("SWITCHBOARD_ROOT", root);
    const logged: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await runVendorCli(["--index", pages, "--provider", "ringly"])).toEqual(["ringly"]);
    } finally {
      log.mockRestore();
      stderr.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(logged).toContain("wrote specs/ringly/switchboard.yaml: credentials `apiKey`; nothing filled");
    expect(logged).toContain(
      '  new method createSipTrunk (POST /sip-trunks/trunks), named from the page title "Create SIP Trunk"',
    );
    expect(logged.at(-2)).toMatch(/^pages: 8 seen, 8 vendored, 0 unchanged, 0 skipped, 0 failed/);
    // Then the check `generate` would make, as after vendoring pages one by one.
    expect(logged.at(-1)).toMatch(/^ringly: checked, \d+ operations generate cleanly$/);
    expect(readFileSync(join(root, "specs/ringly/switchboard.yaml"), "utf8")).toContain("credentials:");
  });
});
