/**
 * The fetcher against a local documentation server: retries and their waits (observed through an injected
 * sleep, never measured), conditional requests, redirects, size and timeout limits, bounded concurrency.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { PoliteFetcher, retryAfterMs } from "../../src/fetch/polite-fetcher.js";
import { docServers } from "./doc-server.js";

const serve = docServers();

/** A fetcher whose waits are recorded and skipped. */
function recordingFetcher(options: ConstructorParameters<typeof PoliteFetcher>[0] = {}) {
  const waits: number[] = [];
  const fetcher = new PoliteFetcher({
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    baseDelayMs: 100,
    ...options,
  });
  return { fetcher, waits };
}

describe("PoliteFetcher", () => {
  it("returns the page with its validators", async () => {
    const server = await serve({ "/a.md": { page: "# A\n", lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" } });
    const { fetcher } = recordingFetcher();
    const result = await fetcher.get(server.url("/a.md"));
    expect(result).toMatchObject({
      status: "ok",
      text: "# A\n",
      lastModified: "Tue, 01 Dec 2026 10:00:00 GMT",
    });
    expect(result.status === "ok" && result.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(server.requests[0]!.headers["user-agent"]).toMatch(/switchboard-codegen/);
  });

  it("sends validators and reports 304 Not Modified without a body", async () => {
    const server = await serve({ "/a.md": { page: "# A\n" } });
    const { fetcher } = recordingFetcher();
    const first = await fetcher.get(server.url("/a.md"));
    if (first.status !== "ok") throw new Error(first.status);
    const second = await fetcher.get(server.url("/a.md"), { etag: first.etag });
    expect(second.status).toBe("not-modified");
    expect(server.requests.map((r) => [r.status, r.conditional])).toEqual([
      [200, false],
      [304, true],
    ]);
    expect(fetcher.stats).toMatchObject({ requests: 2, notModified: 1 });
  });

  it("uses If-Modified-Since when the site gives only Last-Modified", async () => {
    const date = "Tue, 01 Dec 2026 10:00:00 GMT";
    const server = await serve({ "/a.md": { page: "# A\n", etag: false, lastModified: date } });
    const { fetcher } = recordingFetcher();
    expect((await fetcher.get(server.url("/a.md"), { lastModified: date })).status).toBe("not-modified");
    expect(server.requests[0]!.headers["if-modified-since"]).toBe(date);
  });

  it("retries a 429 after exactly the Retry-After the server asked for", async () => {
    const server = await serve({
      "/a.md": {
        script: [
          { status: 429, headers: { "retry-after": "3" } },
          { status: 200, body: "# A\n" },
        ],
      },
    });
    const { fetcher, waits } = recordingFetcher();
    expect(await fetcher.get(server.url("/a.md"))).toMatchObject({ status: "ok", text: "# A\n" });
    expect(waits).toEqual([3000]);
    expect(fetcher.stats).toMatchObject({ requests: 2, retries: 1 });
  });

  it("holds back every other request while a Retry-After runs", async () => {
    const server = await serve({
      "/a.md": {
        script: [
          { status: 429, headers: { "retry-after": "60" } },
          { status: 200, body: "# A\n" },
        ],
      },
      "/b.md": { page: "# B\n" },
    });
    const { fetcher, waits } = recordingFetcher({ concurrency: 1 });
    await Promise.all([fetcher.get(server.url("/a.md")), fetcher.get(server.url("/b.md"))]);
    expect(waits[0]).toBe(60_000);
    // /b.md waited out what was left of the minute (the recorded sleeps take no time).
    expect(waits[1]).toBeGreaterThan(30_000);
    expect(server.requests.map((r) => r.path)).toEqual(["/a.md", "/a.md", "/b.md"]);
  });

  it("backs off exponentially on 5xx and gives up after the retries, naming the status", async () => {
    const server = await serve({ "/a.md": { script: [{ status: 503 }] } });
    const { fetcher, waits } = recordingFetcher({ retries: 3 });
    const result = await fetcher.get(server.url("/a.md"));
    expect(result).toMatchObject({ status: "failed", reason: "HTTP 503 Service Unavailable (4 attempts)" });
    // base 100 ms doubled per retry; with random() = 0.5, three quarters of each delay.
    expect(waits).toEqual([75, 150, 300]);
    expect(server.count("/a.md")).toBe(4);
  });

  it("fails at once when Retry-After asks for longer than it waits", async () => {
    const server = await serve({
      "/a.md": { script: [{ status: 429, headers: { "retry-after": "3600" } }] },
    });
    const { fetcher, waits } = recordingFetcher();
    const result = await fetcher.get(server.url("/a.md"));
    expect(result.status === "failed" && result.reason).toMatch(/asks to wait 3600 s \(Retry-After\)/);
    expect(waits).toEqual([]);
  });

  it("does not retry a 404, and reports it", async () => {
    const server = await serve();
    const { fetcher } = recordingFetcher();
    expect(await fetcher.get(server.url("/gone.md"))).toMatchObject({
      status: "failed",
      reason: "HTTP 404 Not Found",
      httpStatus: 404,
    });
    expect(server.count()).toBe(1);
  });

  it("follows redirects and reports a loop with every URL of it", async () => {
    const server = await serve({
      "/old.md": { script: [{ status: 301, headers: { location: "/new.md" } }] },
      "/new.md": { page: "# New\n" },
      "/a.md": { script: [{ status: 302, headers: { location: "/b.md" } }] },
      "/b.md": { script: [{ status: 307, headers: { location: "/a.md" } }] },
    });
    const { fetcher } = recordingFetcher();
    expect(await fetcher.get(server.url("/old.md"))).toMatchObject({
      status: "ok",
      finalUrl: server.url("/new.md"),
    });
    const loop = await fetcher.get(server.url("/a.md"));
    expect(loop).toMatchObject({
      status: "failed",
      reason: `redirect loop: ${server.url("/a.md")} → ${server.url("/b.md")} → ${server.url("/a.md")}`,
    });
  });

  it("refuses a redirect its policy rejects", async () => {
    const server = await serve({
      "/a.md": { script: [{ status: 302, headers: { location: "https://elsewhere.example/a.md" } }] },
    });
    const { fetcher } = recordingFetcher({
      mayFollow: (url) => (url.host === new URL(server.origin).host ? undefined : `outside ${server.origin}`),
    });
    expect(await fetcher.get(server.url("/a.md"))).toMatchObject({
      status: "failed",
      reason: `redirects to https://elsewhere.example/a.md, outside ${server.origin}`,
    });
  });

  it("stops at the size limit, whether the length is declared or streamed", async () => {
    const big = "x".repeat(2048);
    const server = await serve({
      "/declared.md": { page: big },
      "/streamed.md": { script: [{ status: 200, headers: { "transfer-encoding": "chunked" }, body: big }] },
    });
    const { fetcher } = recordingFetcher({ maxBytes: 1024 });
    expect(await fetcher.get(server.url("/declared.md"))).toMatchObject({
      status: "failed",
      reason: "is 2.0 KB, over the 1.0 KB limit for a page",
    });
    expect(await fetcher.get(server.url("/streamed.md"))).toMatchObject({
      status: "failed",
      reason: "is over the 1.0 KB limit for a page (stopped reading there)",
    });
  });

  it("times out a page that never answers, and retries it", async () => {
    const server = await serve({ "/slow.md": { hang: true } });
    const { fetcher } = recordingFetcher({ timeoutMs: 200, retries: 1 });
    expect(await fetcher.get(server.url("/slow.md"))).toMatchObject({
      status: "failed",
      reason: "timed out after 0.2 s (2 attempts)",
    });
    expect(server.count("/slow.md")).toBe(2);
  });

  it("reports a refused connection", async () => {
    // A port that was free a moment ago and is closed now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { fetcher } = recordingFetcher({ retries: 0 });
    expect(await fetcher.get(`http://127.0.0.1:${port}/a.md`)).toMatchObject({
      status: "failed",
      reason: `could not fetch http://127.0.0.1:${port}/a.md: ECONNREFUSED (1 attempt)`,
    });
  });

  it("does not retry what fails the same way every time", async () => {
    const { fetcher, waits } = recordingFetcher({ retries: 3 });
    // Port 1 is one fetch refuses to connect to at all.
    expect(await fetcher.get("http://127.0.0.1:1/a.md")).toMatchObject({
      status: "failed",
      reason: "could not fetch http://127.0.0.1:1/a.md: bad port",
    });
    expect(waits).toEqual([]);
    expect(fetcher.stats.requests).toBe(1);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const server = createServer((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setImmediate(() => {
        inFlight--;
        res.end("# page\n");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { fetcher } = recordingFetcher({ concurrency: 3 });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => fetcher.get(`http://127.0.0.1:${port}/p${i}.md`)),
      );
      expect(results.every((r) => r.status === "ok")).toBe(true);
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThan(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("Tue, 01 Dec 2026 10:00:00 GMT");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Tue, 01 Dec 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Tue, 01 Dec 2026 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
