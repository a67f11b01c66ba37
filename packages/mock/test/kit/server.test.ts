/**
 * The same mock over HTTP on 127.0.0.1, for code that needs a URL; `useMock` for a whole file; the mock
 * inside an existing msw setup.
 */
import { connect } from "node:net";
import * as telnyx from "@switchboard/telnyx";
import { createTelnyxClient } from "@switchboard/telnyx";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { describe, expect, it, vi } from "vitest";
import { createMock, mswHandlers } from "../../src/index.js";
import { afterTest, beforeTest, useMock } from "../../src/vitest.js";
import { tryConnect } from "../support/helpers.js";

const ID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

describe("listen()", () => {
  it("serves on 127.0.0.1 and a port picked at run time, answering as mock.fetch does, until close()", async () => {
    const mock = createMock(telnyx);
    expect(() => mock.url).toThrow(
      /not listening yet; await mock.listen\(\) first, or with useMock\(provider, \{ listen: true \}\) read mock.url inside a test or a hook/,
    );
    try {
      const url = await mock.listen();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await mock.listen()).toBe(url);
      const client = createTelnyxClient({ apiKey: "test", baseUrl: url, maxRetries: 0 });
      mock.on("deleteIp").sequence({ status: 429, headers: { "Retry-After": "3" } }, "reset", "hang");
      const limited = await client.deleteIp({ id: ID });
      expect(limited.error?.kind).toBe("rate_limited");
      expect(limited.response?.headers.get("retry-after")).toBe("3");
      expect((await client.deleteIp({ id: ID })).error?.kind).toBe("connection");
      // A hang ends only by the client's timeout, however long answers take on a loaded machine.
      expect((await client.deleteIp({ id: ID }, { timeout: 200 })).error?.kind).toBe("timeout");
      const ok = await client.deleteIp({ id: ID });
      expect(ok.data?.data?.id).toBe(ID);
      expect(mock.calls("deleteIp").map((c) => c.url)).toEqual(Array(4).fill(`${url}/ips/${ID}`));
      const bad = await client.deleteIp({ id: "../x" });
      // deleteIp documents 400 for bad requests, not 422.
      expect(bad.error?.status).toBe(400);
      expect(() => mock.verify()).toThrow(/path.id: must match format "uuid"/);
    } finally {
      const port = Number(new URL(mock.url).port);
      await mock.close();
      await mock.close();
      expect(await tryConnect("127.0.0.1", port)).toBe("ECONNREFUSED");
    }
  });

  it("drops a connection made before close() whose request comes after: no answer, and close() ends", async () => {
    // Node's fetch waits for good, without an error, on a socket dropped between its connection and its
    // request; close() drops such a socket once its request comes (or after a grace second), so fetch fails.
    const mock = createMock(telnyx);
    const { port } = new URL(await mock.listen());
    const socket = connect({ host: "127.0.0.1", port: Number(port) });
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => {});
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const closing = mock.close();
    socket.write(`DELETE /ips/${ID} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test\r\n\r\n`);
    await Promise.all([closing, ended]);
    expect(Buffer.concat(received).toString()).toBe("");
    expect(mock.calls()).toEqual([]);
  });

  it("drops a connection that sends nothing once close() has waited a grace second for its request", async () => {
    const mock = createMock(telnyx);
    const { port } = new URL(await mock.listen());
    const socket = connect({ host: "127.0.0.1", port: Number(port) });
    socket.on("error", () => {});
    let closedAt = 0;
    const ended = new Promise<void>((resolve) =>
      socket.once("close", () => {
        closedAt = performance.now();
        resolve();
      }),
    );
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const start = performance.now();
    await Promise.all([mock.close(), ended]);
    // Not dropped at once (then a fetch connecting at that moment waited for good): a timer never fires early,
    // so this holds however loaded the machine.
    expect(closedAt - start).toBeGreaterThanOrEqual(990);
  });

  it("reads a header fetch writes itself (`Accept-Language: *`) as not sent where the spec's parameter is optional", async () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "Shop", version: "1" },
      paths: {
        "/articles": {
          get: {
            // Zalando's: an optional header whose values are the shops.
            parameters: [
              { name: "Accept-Language", in: "header", schema: { type: "string", enum: ["de-DE", "en-GB"] } },
            ],
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
            },
          },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "shop", title: "Shop", servers: {} },
        endpoints: { listArticles: ["GET", "/articles", { header: ["Accept-Language"] }] },
      } as const,
      { spec, invalidRequests: "respond" },
    );
    try {
      const url = await mock.listen();
      // Node's fetch sends `Accept-Language: *` where the caller sets none; before, that was refused (422).
      expect((await fetch(`${url}/articles`)).status).toBe(200);
      expect((await fetch(`${url}/articles`, { headers: { "Accept-Language": "de-DE" } })).status).toBe(200);
      expect((await fetch(`${url}/articles`, { headers: { "Accept-Language": "fr-FR" } })).status).toBe(422);
      expect(mock.calls().map((call) => call.violations.map((v) => v.at))).toEqual([
        [],
        [],
        ["header.Accept-Language"],
      ]);
    } finally {
      await mock.close();
    }
  });
});

describe("a required response header whose example no header can carry", () => {
  it("is left out of the answer (Velo Payments' Location example, an HTML page with line breaks)", async () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "Payouts", version: "1" },
      paths: {
        "/payouts": {
          post: {
            responses: {
              "202": {
                description: "accepted",
                headers: {
                  Location: {
                    required: true,
                    example: "<p>202</p>\n<p>Location: /payouts/1</p>",
                    schema: { type: "string" },
                  },
                  "X-Request-Id": { required: true, example: "req-1", schema: { type: "string" } },
                },
              },
            },
          },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "payouts", title: "Payouts", servers: {} },
        endpoints: { submitPayout: ["POST", "/payouts"] },
      } as const,
      { spec },
    );
    try {
      const url = await mock.listen();
      // Before, building the answer threw ("invalid header value"), and the call got no answer.
      const response = await fetch(`${url}/payouts`, { method: "POST" });
      expect([
        response.status,
        response.headers.get("location"),
        response.headers.get("x-request-id"),
      ]).toEqual([202, null, "req-1"]);
    } finally {
      await mock.close();
    }
  });
});

describe("useMock under concurrent tests", () => {
  it("refuses a test that runs concurrently, saying what to do instead", () => {
    const mock = createMock(telnyx);
    expect(() => beforeTest(mock, { concurrent: true })).toThrow(
      /^telnyx mock: useMock's mock is the whole file's, and this test runs concurrently .* make a mock in the test/,
    );
    expect(() => beforeTest(mock, { concurrent: false })).not.toThrow();
    expect(() => beforeTest(mock, {})).not.toThrow();
  });

  describe.concurrent("a concurrent block", () => {
    // What beforeTest reads: vitest marks each test of a concurrent block so.
    it("marks its tests concurrent", ({ task }) => {
      expect(task.concurrent).toBe(true);
    });
  });

  it("a test of its own is not marked", ({ task }) => {
    expect(task.concurrent).toBeFalsy();
  });
});

describe("useMock's check after each test, strict", () => {
  it("fails a test that left a scripted step unused, then forgets it; not strict, leaves it to the test", async () => {
    const mock = createMock(telnyx);
    try {
      mock.on("deleteIp").replyOnce(503);
      expect(() => afterTest(mock, true)).toThrow(
        /^telnyx mock: scripted steps no call used \(useMock's strict\): on\("deleteIp"\): 503, 1 call left$/,
      );
      expect(mock.pending()).toEqual([]);
      mock.on("deleteIp").replyOnce(503);
      expect(() => afterTest(mock, false)).not.toThrow();
      // Used up, it passes strict too.
      mock.on("deleteIp").replyOnce(503);
      const client = createTelnyxClient({ apiKey: "test", fetch: mock.fetch, maxRetries: 0 });
      expect((await client.deleteIp({ id: ID })).error?.status).toBe(503);
      expect(() => afterTest(mock, true)).not.toThrow();
    } finally {
      await mock.close();
    }
  });
});

describe("useMock", () => {
  const mock = useMock(telnyx, { listen: true });

  it("is listening when the tests run", async () => {
    const client = createTelnyxClient({ apiKey: "test", baseUrl: mock.url });
    mock.on("deleteIp").reply(404);
    expect((await client.deleteIp({ id: ID })).error?.kind).toBe("not_found");
  });

  it("starts each test with no scenarios and no calls", async () => {
    expect(mock.calls()).toEqual([]);
    const client = createTelnyxClient({ apiKey: "test", fetch: mock.fetch });
    expect((await client.deleteIp({ id: ID })).error).toBeUndefined();
  });
});

describe("listen() and base URLs", () => {
  it("answers its own URL's paths with or without the server's path, and no other host through fetch", async () => {
    const mock = createMock(telnyx);
    try {
      const url = await mock.listen();
      const client = (baseUrl: string) => createTelnyxClient({ apiKey: "test", baseUrl, maxRetries: 0 });
      expect((await client(url).deleteIp({ id: ID })).error).toBeUndefined();
      expect((await client(`${url}/v2`).deleteIp({ id: ID })).error).toBeUndefined();
      // The same paths by mock.fetch, on a host that is not Telnyx's: the test should see the mistake.
      const wrong = createTelnyxClient({
        apiKey: "test",
        baseUrl: "https://api.telnyx.com",
        fetch: mock.fetch,
      });
      expect((await wrong.deleteIp({ id: ID })).error?.status).toBe(404);
      expect(() => mock.verify()).toThrow(/does the client's baseUrl leave out \/v2\?/);
    } finally {
      await mock.close();
    }
  });
});

describe("inside an msw setup", () => {
  it("answers under a base URL of its own given to mswHandlers", async () => {
    const mock = createMock(telnyx);
    const server = setupServer(...mswHandlers(mock, { http, HttpResponse }, ["https://proxy.test/telnyx"]));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createTelnyxClient({
        apiKey: "test",
        baseUrl: "https://proxy.test/telnyx",
        maxRetries: 0,
      });
      expect((await client.deleteIp({ id: ID })).data?.data?.id).toBe(ID);
      mock.verify();
    } finally {
      server.close();
    }
  });

  it("answers the provider's URLs through the caller's msw, a reset as msw's network error", async () => {
    const mock = createMock(telnyx);
    const server = setupServer(...mswHandlers(mock, { http, HttpResponse }));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createTelnyxClient({ apiKey: "test", maxRetries: 0 });
      expect((await client.deleteIp({ id: ID })).data?.data?.id).toBe(ID);
      mock.on("deleteIp").resetConnection();
      expect((await client.deleteIp({ id: ID })).error?.kind).toBe("connection");
      expect(mock.calls("deleteIp")).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it("answers an operation's own server and a server with variables through msw, where the request went out before", async () => {
    const mock = createMock(telnyx);
    // Telnyx's OAuth metadata is at https://api.telnyx.com, without /v2.
    expect(mock.operationServers).toEqual(["https://api.telnyx.com"]);
    const regional = createMock(
      {
        provider: { name: "regional", title: "Regional", servers: {} },
        endpoints: { listThings: ["GET", "/things"] },
      } as const,
      {
        spec: {
          openapi: "3.0.3",
          info: { title: "Regional", version: "1" },
          servers: [{ url: "https://{region}.regional.test/v1", variables: { region: { default: "eu" } } }],
          paths: {
            "/things": {
              get: {
                responses: {
                  "200": {
                    description: "ok",
                    content: { "application/json": { schema: { type: "array" } } },
                  },
                },
              },
            },
          },
        },
      },
    );
    const server = setupServer(
      ...mswHandlers(mock, { http, HttpResponse }),
      ...mswHandlers(regional, { http, HttpResponse }),
    );
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createTelnyxClient({ apiKey: "test", maxRetries: 0 });
      const { data, error } = await client.getOAuthAuthorizationServerMetadata();
      expect(error).toBeUndefined();
      expect(data).toBeDefined();
      expect(mock.calls("getOAuthAuthorizationServerMetadata")).toHaveLength(1);
      const things = await fetch("https://us.regional.test/v1/things");
      expect([things.status, regional.calls("listThings").length]).toEqual([200, 1]);
    } finally {
      server.close();
    }
  });

  it("ends a hung call its client's timeout gave up on without msw logging a crash", async () => {
    const mock = createMock(telnyx);
    const server = setupServer(...mswHandlers(mock, { http, HttpResponse }));
    server.listen({ onUnhandledRequest: "error" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // msw reports each request's handler as answered (`request:match`) or, when it throws, with
    // `unhandledException` (the crash it logs): waiting until both requests are one or the other, however
    // slow the machine, rather than for a fixed time after the response.
    const crashes: unknown[] = [];
    let ended = 0;
    let bothSettled = () => {};
    const settled = new Promise<void>((resolve) => {
      bothSettled = resolve;
    });
    const settle = () => {
      if (++ended === 2) bothSettled();
    };
    server.events.on("request:match", settle);
    server.events.on("unhandledException", ({ error }) => {
      crashes.push(error);
      settle();
    });
    try {
      const client = createTelnyxClient({ apiKey: "test", timeout: 50, maxRetries: 1 });
      mock.on("deleteIp").hang({ times: 1 });
      const { data, error } = await client.deleteIp({ id: ID });
      expect(error).toBeUndefined();
      expect(data?.data?.id).toBe(ID);
      await settled;
      expect(crashes).toEqual([]);
      expect(logged.mock.calls.map((args) => String(args[0]))).toEqual([]);
    } finally {
      logged.mockRestore();
      server.close();
    }
  });
});
