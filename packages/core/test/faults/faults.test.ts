/**
 * The fault-injection suite: real HTTP over 127.0.0.1 against servers that misbehave on cue. Every test
 * asserts the outcome, the attempts made (as the client reports them and as the server counted them),
 * the waits the client asked for (on a manual clock: nothing is waited for), and that nothing is left
 * behind: no timer, no open connection, no unhandled rejection.
 */
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProviderClient } from "../../src/index.js";
import { type FixturePaths, headerProvider, regionalProvider, table } from "../fixtures.js";
import {
  type FaultServer,
  hang,
  json,
  leakWatch,
  manualClock,
  raw,
  redirect,
  reset,
  resetMidBody,
  startFaultServer,
} from "./harness.js";

const TIMEOUT = 30_000; // distinct from every backoff, so the attempt timer is told apart from waits
/**
 * Socket-bound tests have the suite's budget (vitest.config.ts); the huge-body test, which pushes megabytes
 * through a socket and parses them, gets twice that.
 */
const HUGE_BODY_BUDGET = 120_000;

// Everything below is made afresh for each test and torn down after it, whether it passed, failed or timed
// out, so one slow or failing test can never leave a server, a timer, a clock or a call to the next one.
let server: FaultServer;
let other: FaultServer; // a second origin
let time: ReturnType<typeof manualClock>;
let leaks: ReturnType<typeof leakWatch>;
/** Aborted when the test ends: a call still running then (its test timed out) stops at once. */
let testEnded: AbortController;
/** Every call the test started, so teardown can wait for each to finish before checking for leaks. */
let calls: Array<Promise<unknown>>;

beforeEach(async () => {
  // A new origin per test: fetch's connection pool can hold nothing over from an earlier test.
  [server, other] = await Promise.all([startFaultServer(), startFaultServer()]);
  testEnded = new AbortController();
  calls = [];
  time = manualClock();
  leaks = leakWatch();
  vi.spyOn(Math, "random").mockReturnValue(0); // no jitter: backoff is exactly 500 ms, 1 s, 2 s, …
});

afterEach(async () => {
  // Cleanup runs to the end before any assertion, so a failed check cannot skip restoring the clock.
  testEnded.abort();
  await Promise.allSettled(calls);
  vi.restoreAllMocks();
  const pending = time.pending();
  time.restore();
  server.release();
  other.release();
  const keys = new Set(server.received.map((request) => request.headers["idempotency-key"]));
  const open = [await server.connections(), await other.connections()];
  const dropSpares = () => {
    // fetch's pool may open a spare connection after an abort, later on a loaded machine than on an idle one.
    server.dropSpares();
    other.dropSpares();
  };
  dropSpares();
  const leaked = await leaks.check(dropSpares);
  await Promise.all([server.close(), other.close()]);

  // Whatever the test, every attempt of its call carried the same idempotency key, or none did.
  expect(keys.size).toBeLessThanOrEqual(1);
  expect(pending, "timers left behind").toEqual([]);
  expect(open, "connections left open").toEqual([0, 0]);
  expect(leaked).toEqual({ rejections: [], timeouts: 0, sockets: 0 });
});

/**
 * The client's methods (and raw `GET`, …) with the test's end signal joined to each call's own, and every
 * call recorded: a call a timed-out test left behind is aborted and awaited before the next test begins.
 */
function scoped<T extends object>(client: T): T {
  // The proxy's target is a bare object: the client's methods are read-only properties, which a proxy of the
  // client itself would have to return unchanged.
  const target = client as T & Record<PropertyKey, unknown>;
  return new Proxy({} as T, {
    get(_, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      return (first: unknown, options: { signal?: AbortSignal } = {}) => {
        const signal = options.signal
          ? AbortSignal.any([options.signal, testEnded.signal])
          : testEnded.signal;
        const call = (value as (a: unknown, b: unknown) => Promise<unknown>).call(target, first, {
          ...options,
          signal,
        });
        calls.push(call);
        return call;
      };
    },
  });
}

const acme = (options: Record<string, unknown> = {}) =>
  scoped(
    createProviderClient<FixturePaths, typeof table, typeof headerProvider>(headerProvider, table, {
      authId: "MA_ID",
      authToken: "s3cret-token",
      baseUrl: server.origin,
      timeout: TIMEOUT,
      ...options,
    }),
  );

/** Fires each wait the client asks for (anything but the attempt timeout), recording how long it was. */
async function fireWaits(count: number): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < count; i++) {
    const wait = await time.next((timer) => timer.ms !== TIMEOUT);
    waits.push(wait.ms);
    time.fire(wait);
  }
  return waits;
}

describe("connection failures", () => {
  it("retries a connection reset before any response, then succeeds", async () => {
    server.script(reset(), json(200, { ok: true }));
    const call = acme().listThings();
    expect(await fireWaits(1)).toEqual([500]);
    const { data, error } = await call;
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
  });

  it("gives up after maxRetries resets with a connection error counting every attempt", async () => {
    server.script(reset(), reset(), reset());
    const call = acme().listThings();
    expect(await fireWaits(2)).toEqual([500, 1000]);
    const { data, error, response } = await call;
    expect(data).toBeUndefined();
    expect(response).toBeUndefined();
    expect(error).toMatchObject({
      kind: "connection",
      attempts: 3,
      provider: "acme",
      operation: "listThings",
    });
    expect(server.received).toHaveLength(3);
  });

  it("retries a connection reset in the middle of the body", async () => {
    server.script(resetMidBody(), json(200, { ok: 2 }));
    const call = acme().listThings();
    expect(await fireWaits(1)).toEqual([500]);
    const { data, error } = await call;
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: 2 });
    expect(server.received).toHaveLength(2);
  });

  it("times out a server that never answers, with a fresh timeout per attempt", async () => {
    server.script(hang(), hang());
    const call = acme({ maxRetries: 1 }).listThings();
    await server.arrived(1);
    time.fire(await time.next((timer) => timer.ms === TIMEOUT));
    expect(await fireWaits(1)).toEqual([500]);
    await server.arrived(2);
    time.fire(await time.next((timer) => timer.ms === TIMEOUT));
    const { error } = await call;
    expect(error).toMatchObject({ kind: "timeout", attempts: 2 });
    expect(error!.message).toContain(`attempt timed out after ${TIMEOUT} ms`);
  });

  it("takes the per-call timeout over the client's", async () => {
    server.script(hang());
    const call = acme({ maxRetries: 0 }).listThings({}, { timeout: 1234 });
    await server.arrived(1);
    time.fire(await time.next((timer) => timer.ms === 1234));
    expect((await call).error).toMatchObject({ kind: "timeout", attempts: 1 });
  });
});

describe("retrying HTTP errors", () => {
  it("waits for Retry-After in seconds on a 429", async () => {
    server.script(json(429, { message: "slow down" }, { "Retry-After": "2" }), json(200, { ok: true }));
    const call = acme().listThings();
    expect(await fireWaits(1)).toEqual([2000]);
    expect((await call).data).toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
  });

  it("waits for Retry-After as an HTTP date on a 429", async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    vi.spyOn(Date, "now").mockReturnValue(now);
    server.script(
      raw(429, "", { "Retry-After": new Date(now + 3000).toUTCString(), "Content-Length": 0 }),
      json(200, { ok: true }),
    );
    const call = acme().listThings();
    expect(await fireWaits(1)).toEqual([3000]);
    expect((await call).data).toEqual({ ok: true });
  });

  it("prefers retry-after-ms over Retry-After", async () => {
    server.script(
      raw(503, "", { "retry-after-ms": "1500", "Retry-After": "9", "Content-Length": 0 }),
      json(200, 1),
    );
    const call = acme().listThings();
    expect(await fireWaits(1)).toEqual([1500]);
    expect((await call).data).toBe(1);
  });

  it("does not retry when the server asks for a longer wait than maxRetryDelay", async () => {
    server.script(json(429, { message: "come back tomorrow" }, { "Retry-After": "86400" }));
    const { error, response } = await acme().listThings();
    expect(error).toMatchObject({
      kind: "rate_limited",
      status: 429,
      attempts: 1,
      message: expect.stringContaining("come back tomorrow"),
    });
    expect(response?.headers.get("retry-after")).toBe("86400");
    expect(server.received).toHaveLength(1);
  });

  it("retries a 503 with exponential backoff, then succeeds", async () => {
    server.script(
      raw(503, "", { "Content-Length": 0 }),
      raw(503, "", { "Content-Length": 0 }),
      json(200, { ok: true }),
    );
    const call = acme().listThings();
    expect(await fireWaits(2)).toEqual([500, 1000]);
    const { data, error, response } = await call;
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(response?.status).toBe(200);
    expect(server.received).toHaveLength(3);
  });

  it("applies up to 25 % jitter to the backoff", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    server.script(raw(500, "", { "Content-Length": 0 }), json(200, 1));
    const call = acme().listThings();
    const [wait] = await fireWaits(1);
    expect(wait).toBeGreaterThan(375);
    expect(wait).toBeLessThan(500);
    await call;
  });

  it("honours x-should-retry: false and does not retry a 404", async () => {
    server.script(
      raw(503, "", { "x-should-retry": "false", "Content-Length": 0 }),
      raw(404, "", { "Content-Length": 0 }),
    );
    expect((await acme().listThings()).error).toMatchObject({ kind: "server", attempts: 1 });
    expect((await acme().listThings()).error).toMatchObject({ kind: "not_found", attempts: 1 });
    expect(server.received).toHaveLength(2);
  });

  it("never retries a POST without an idempotency key", async () => {
    server.script(json(500, { message: "boom" }), json(201, { id: 1 }));
    const { error } = await acme().createThing({ body: { name: "a" } });
    expect(error).toMatchObject({
      kind: "server",
      status: 500,
      attempts: 1,
      message: expect.stringContaining("boom"),
    });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.headers["idempotency-key"]).toBeUndefined();
  });

  it("retries a POST with a caller's idempotency key, the same key and body on every attempt", async () => {
    server.script(json(500, {}), json(500, {}), json(201, { id: 1 }));
    const call = acme().createThing({ body: { name: "a", tags: ["x"] } }, { idempotencyKey: "order-42" });
    expect(await fireWaits(2)).toEqual([500, 1000]);
    const { data, error } = await call;
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: 1 });
    expect(server.received).toHaveLength(3);
    for (const request of server.received) {
      expect(request.headers["idempotency-key"]).toBe("order-42");
      expect(request.body).toBe('{"name":"a","tags":["x"]}');
      expect(request.headers["content-type"]).toBe("application/json");
    }
  });

  it("generates one idempotency key for all attempts when asked to", async () => {
    server.script(json(503, {}), json(201, { id: 1 }));
    const call = acme().createThing({ body: { name: "b" } }, { idempotencyKey: true });
    await fireWaits(1);
    expect((await call).data).toEqual({ id: 1 });
    const [first, second] = server.received.map((request) => request.headers["idempotency-key"]);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it("counts an Idempotency-Key header parameter as a key", async () => {
    server.script(json(500, {}), json(201, { id: 1 }));
    const call = acme().createThing({ body: { name: "c" }, "Idempotency-Key": "from-input" });
    await fireWaits(1);
    expect((await call).data).toEqual({ id: 1 });
    expect(server.received.map((request) => request.headers["idempotency-key"])).toEqual([
      "from-input",
      "from-input",
    ]);
  });
});

describe("aborts", () => {
  it("stops at once when the caller aborts during the backoff, leaving no timer", async () => {
    server.script(json(503, { message: "busy" }, { "Retry-After": "10" }), json(200, {}));
    const controller = new AbortController();
    const call = acme().listThings({}, { signal: controller.signal });
    const wait = await time.next((timer) => timer.ms !== TIMEOUT);
    expect(wait.ms).toBe(10_000);
    controller.abort();
    const { error } = await call;
    expect(error).toMatchObject({ kind: "aborted", attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it("never retries a request the caller aborted mid-flight", async () => {
    server.script(hang(), json(200, {}));
    const controller = new AbortController();
    const call = acme().listThings({}, { signal: controller.signal });
    await server.arrived(1);
    controller.abort();
    expect((await call).error).toMatchObject({ kind: "aborted", attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it("sends nothing for a signal that is already aborted", async () => {
    const { error } = await acme().listThings({}, { signal: AbortSignal.abort() });
    expect(error).toMatchObject({ kind: "aborted", attempts: 1 });
    expect(server.received).toHaveLength(0);
  });
});

describe("bodies", () => {
  it("reports an empty 404 as a not_found error", async () => {
    server.script(raw(404, undefined, { "Content-Length": 0 }));
    const { data, error, response } = await acme().deleteThing({ thing_id: "t" });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "not_found", status: 404, attempts: 1, body: undefined });
    expect(response?.status).toBe(404);
  });

  it("reports malformed JSON on a 200 as invalid_response naming status and content type", async () => {
    server.script(raw(200, '{"data": [1, 2', { "Content-Type": "application/json; charset=utf-8" }));
    const { data, error } = await acme().listThings();
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "invalid_response", status: 200, attempts: 1 });
    expect(error!.message).toContain("200");
    expect(error!.message).toContain("application/json; charset=utf-8");
    expect(server.received).toHaveLength(1);
  });

  it(
    "reads a huge body whole",
    async () => {
      // About 3 MB: dozens of socket reads and a large parse, without making the budget a speed test.
      const items = Array.from({ length: 100_000 }, (_, i) => ({ id: `item-${i}`, value: i }));
      server.script(json(200, { items }));
      const { data } = await acme().listThings();
      expect((data as { items: unknown[] }).items).toHaveLength(100_000);
      expect((data as { items: Array<{ id: string }> }).items[99_999]!.id).toBe("item-99999");
    },
    HUGE_BODY_BUDGET,
  );

  it.each([
    ["204", raw(204, undefined), undefined],
    ["205", raw(205, undefined, { "Content-Length": 0 }), undefined],
    [
      "an empty chunked 200 without Content-Length",
      raw(200, "", { "Content-Type": "application/json", "Transfer-Encoding": "chunked" }),
      undefined,
    ],
    ["text", raw(200, "plain words", { "Content-Type": "text/plain" }), "plain words"],
    [
      "XML",
      raw(200, "<Response><Say>hi</Say></Response>", { "Content-Type": "application/xml" }),
      "<Response><Say>hi</Say></Response>",
    ],
  ])("returns %s as its type says", async (_, step, expected) => {
    server.script(step);
    const { data, error } = await acme().listThings();
    expect(error).toBeUndefined();
    expect(data).toEqual(expected);
  });

  it("returns audio as a Blob of the right type and bytes", async () => {
    const bytes = Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x01, 0x02]);
    server.script(raw(200, bytes, { "Content-Type": "audio/mpeg" }));
    const { data } = await acme().listThings();
    expect(data).toBeInstanceOf(Blob);
    expect((data as Blob).type).toBe("audio/mpeg");
    expect(Buffer.from(await (data as Blob).arrayBuffer())).toEqual(bytes);
  });

  it("keeps a non-JSON error body as text", async () => {
    server.script(raw(502, "<html>Bad Gateway</html>", { "Content-Type": "text/html" }));
    const { error } = await acme({ maxRetries: 0 }).listThings();
    expect(error).toMatchObject({ kind: "server", status: 502, rawBody: "<html>Bad Gateway</html>" });
    expect(error!.message).toContain("Bad Gateway");
  });
});

describe("redirects", () => {
  const clients = {
    bearer: () =>
      scoped(
        createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(regionalProvider, table, {
          apiKey: "bearer-s3cret",
          baseUrl: server.origin,
          timeout: TIMEOUT,
        }),
      ),
    "custom header": () => acme(),
  };
  const credentialHeaders = ["authorization", "x-auth-token", "x-auth-id", "cookie"];

  it.each(Object.keys(clients))("never carries %s credentials to another origin", async (kind) => {
    server.script(redirect(302, `${other.origin}/elsewhere`));
    other.script(json(200, { moved: true }));
    const { data } = await clients[kind as keyof typeof clients]().listThings(
      {},
      // Headers named like the plain ones kept below, but none of them: a credential could be in any.
      { headers: { "X-Custom": "1", "X-Content-Type": "2", "Accept-Token": "3" } },
    );
    expect(data).toEqual({ moved: true });
    expect(other.received).toHaveLength(1);
    for (const name of credentialHeaders) expect(other.received[0]!.headers[name]).toBeUndefined();
    for (const name of ["x-custom", "x-content-type", "accept-token"]) {
      expect(other.received[0]!.headers[name]).toBeUndefined();
    }
    // The first origin did get them: the test would notice credentials going missing altogether.
    expect(
      server.received[0]!.headers.authorization ?? server.received[0]!.headers["x-auth-token"],
    ).toBeDefined();
  });

  it.each(Object.keys(clients))("keeps %s credentials on a same-origin redirect", async (kind) => {
    server.script(redirect(307, "/moved"), json(200, { ok: 1 }));
    const { data } = await clients[kind as keyof typeof clients]().listThings();
    expect(data).toEqual({ ok: 1 });
    expect(server.received.map((request) => request.url)).toEqual(["/things", "/moved"]);
    expect(
      server.received[1]!.headers.authorization ?? server.received[1]!.headers["x-auth-token"],
    ).toBeDefined();
  });

  it("follows no redirect to a URL that is not http(s), and does not retry it", async () => {
    const padding = "x".repeat(500);
    server.script(redirect(302, `data:application/json,{"leaked":true,"padding":"${padding}"}`));
    const { data, error } = await acme({ maxRetries: 2 }).listThings();
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "invalid_response", attempts: 1 });
    expect(error!.message).toMatch(/redirect to data:application\/json.* not followed \(not http\(s\)\)/);
    // The target is named, cut short: a message is no place for a whole document.
    expect(error!.message).not.toContain(padding);
    expect(server.received).toHaveLength(1);
  });

  it("fails a call whose Location is no URL as invalid_response: no TypeError thrown past the caller", async () => {
    // The TypeError named the request's URL as its base, credentials in its path or query and all.
    server.script(redirect(302, "http://[oops"));
    const { data, error } = await acme({ maxRetries: 1 }).listThings();
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "invalid_response", attempts: 1 });
    expect(error!.message).toContain("redirect to http://[oops not followed (not a URL)");
  });

  it("names a target holding a credential redacted, before it is cut short, in the message and its cause", async () => {
    // Cut first, the credential's first half was left at the end of the message, where no redactor knew it.
    server.script(redirect(302, `data:text/plain,${"x".repeat(80)}s3cret-token`));
    const { error } = await acme({ maxRetries: 0 }).listThings();
    expect(error!.message).toMatch(/x{80}\*\*\* not followed \(not http\(s\)\)/);
    const shown = inspect(error, { depth: 5 });
    expect(shown).toContain("[cause]");
    expect(shown).not.toMatch(/s3cr/);
  });

  it("stops after 20 redirects in a row, saying so, and does not retry", async () => {
    server.script(...Array.from({ length: 50 }, () => redirect(302, "/loop")));
    const { error } = await acme({ maxRetries: 1 }).listThings();
    expect(error).toMatchObject({ kind: "invalid_response", attempts: 1 });
    expect(error!.message).toMatch(
      /redirect to http:\/\/127\.0\.0\.1:\d+\/loop not followed \(21 in a row\)/,
    );
    expect(server.received).toHaveLength(21);
  });

  // Fetch's rules (WHATWG fetch, "HTTP-redirect fetch"): 303 makes any method but HEAD a GET without a
  // body; 301 and 302 do so to a POST alone; 307 and 308 change nothing.
  it.each([
    [301, "POST", "GET", ""],
    [302, "POST", "GET", ""],
    [303, "POST", "GET", ""],
    [303, "PUT", "GET", ""],
    [303, "HEAD", "HEAD", ""],
    [302, "PUT", "PUT", '{"n":1}'],
    [301, "PATCH", "PATCH", '{"n":1}'],
    [307, "POST", "POST", '{"n":1}'],
    [308, "DELETE", "DELETE", '{"n":1}'],
  ])("follows a %i after a %s with a %s (body %j)", async (status, method, followed, body) => {
    server.script(redirect(status, "/moved"), raw(200, ""));
    const client = acme() as unknown as Record<string, (path: string, init: object) => Promise<unknown>>;
    await client[method]!("/things", method === "HEAD" ? {} : { body: { n: 1 } });
    expect(server.received.map((r) => [r.method, r.url, r.body])).toEqual([
      [method, "/things", method === "HEAD" ? "" : '{"n":1}'],
      [followed, "/moved", body],
    ]);
    expect(server.received[1]!.headers["content-type"]).toBe(body ? "application/json" : undefined);
  });

  it("carries a request's plain headers to another origin, and those of its body only with its body", async () => {
    const sent = { accept: "application/vnd.x+json", "accept-language": "fr", "content-language": "de" };
    server.script(redirect(307, `${other.origin}/kept`), redirect(303, `${other.origin}/dropped`));
    other.script(json(200, {}), json(200, {}));
    await acme().createThing({ body: { n: 1 } }, { headers: sent });
    await acme().createThing({ body: { n: 2 } }, { headers: sent });
    const [kept, dropped] = other.received;
    expect(kept).toMatchObject({ method: "POST", body: '{"n":1}', headers: sent });
    expect(kept!.headers["content-type"]).toBe("application/json");
    expect(kept!.headers["user-agent"]).toMatch(/^switchboard-/);
    // Made a GET: no body, and no header that describes one.
    expect(dropped).toMatchObject({ method: "GET", body: "", headers: { accept: sent.accept } });
    expect(dropped!.headers["accept-language"]).toBe("fr");
    expect(dropped!.headers["content-type"]).toBeUndefined();
    expect(dropped!.headers["content-language"]).toBeUndefined();
    expect(dropped!.headers["user-agent"]).toMatch(/^switchboard-/);
  });

  it("follows a redirect the same way when middleware is set", async () => {
    server.script(redirect(307, "/again"), json(201, {}));
    const seen: string[] = [];
    const client = acme({
      middleware: [{ onRequest: ({ request }: { request: Request }) => void seen.push(request.method) }],
    });
    await client.createThing({ body: { n: 1 } }, { headers: { "X-Trace": "t" } });
    expect(seen).toEqual(["POST"]);
    expect(server.received.map((r) => [r.method, r.url, r.body, r.headers["x-trace"]])).toEqual([
      ["POST", "/things", '{"n":1}', "t"],
      ["POST", "/again", '{"n":1}', "t"],
    ]);
  });

  it("turns a POST into a GET on a 303 and keeps the body on a 307", async () => {
    server.script(redirect(303, "/see-other"), json(200, 1), redirect(307, "/again"), json(201, 2));
    await acme().createThing({ body: { n: 1 } });
    await acme().createThing({ body: { n: 2 } });
    expect(server.received.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/things", '{"n":1}'],
      ["GET", "/see-other", ""],
      ["POST", "/things", '{"n":2}'],
      ["POST", "/again", '{"n":2}'],
    ]);
  });
});

describe("middleware and hooks around retries", () => {
  it("runs middleware on every attempt and reports every attempt to onAttempt", async () => {
    server.script(
      json(503, {}, { "x-request-id": "req-1" }),
      json(200, { ok: true }, { "x-request-id": "req-2" }),
    );
    const seen: string[] = [];
    const attempts: unknown[] = [];
    const client = acme({
      middleware: [
        {
          onRequest: ({ request }: { request: Request }) => {
            seen.push(`request ${request.headers.get("x-auth-id")}`);
            request.headers.set("x-signed", String(seen.length));
          },
          onResponse: ({ response }: { response: Response }) => void seen.push(`response ${response.status}`),
        },
      ],
      onAttempt: (attempt: unknown) => attempts.push(attempt),
    });
    const call = client.listThings();
    await fireWaits(1);
    expect((await call).data).toEqual({ ok: true });
    expect(seen).toEqual(["request MA_ID", "response 503", "request MA_ID", "response 200"]);
    expect(server.received.map((request) => request.headers["x-signed"])).toEqual(["1", "3"]);
    expect(attempts).toMatchObject([
      { attempt: 1, status: 503, requestId: "req-1", retryIn: 500, error: { kind: "server" } },
      { attempt: 2, status: 200, requestId: "req-2", retryIn: undefined, error: undefined },
    ]);
  });

  it("gives the raw typed client the same retries", async () => {
    server.script(raw(500, "", { "Content-Length": 0 }), json(200, { ok: "raw" }));
    const call = acme().GET("/things");
    await fireWaits(1);
    expect(await call).toMatchObject({ data: { ok: "raw" } });
    expect(server.received).toHaveLength(2);
  });
});
