/**
 * Default answers and scripted ones through the real Telnyx package and runtime: spec-valid bodies with no
 * setup, any status (undocumented ones said to be outside the spec, never a provider's not_found), custom
 * bodies and headers, sequences, latency, resets and hangs, for one call, N calls or until reset.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as telnyx from "@switchboard/telnyx";
import { createTelnyxClient } from "@switchboard/telnyx";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMock, OUTSIDE_SPEC_HEADER } from "../../src/index.js";
import { responseViolations } from "../../src/kit/answers.js";
import { OperationIndex } from "../../src/kit/operations.js";
import { acme, acmeClient, acmeMock, spec as acmeSpec, IP } from "./fixture.js";

const ID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

function setup(options: Parameters<typeof createTelnyxClient>[0] = {}) {
  const mock = createMock(telnyx);
  const client = createTelnyxClient({ apiKey: "test", fetch: mock.fetch, maxRetries: 0, ...options });
  return { mock, client };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("default answers", () => {
  it("answers every operation of every fixture with a body valid for its documented status", async () => {
    const mock = acmeMock({ invalidRequests: "ignore" });
    const index = new OperationIndex(acmeSpec as never, acme.endpoints, []);
    for (const name of index.names) {
      const operation = index.get(name)!;
      const response = await mock.fetch(`https://api.example.test/v2${operation.path.replace("{id}", IP)}`, {
        method: operation.method,
      });
      const body = response.status === 204 ? undefined : await response.json();
      expect(responseViolations(operation, response.status, body, acmeSpec), name).toEqual([]);
    }
    expect(mock.calls().map((c) => c.response && "status" in c.response && c.response.status)).toEqual([
      200, 200, 204, 200, 201,
    ]);
  });

  it("fills every property of a generated body, the same on every run", async () => {
    const { client } = setup();
    const { data } = await createTelnyxClient({ apiKey: "t", fetch: createMock(telnyx).fetch }).deleteIp({
      id: ID,
    });
    const again = await client.deleteIp({ id: ID });
    expect(data).toEqual(again.data);
    expect(Object.keys(data?.data ?? {}).sort()).toEqual([
      "connection_id",
      "created_at",
      "id",
      "ip_address",
      "port",
      "record_type",
      "updated_at",
    ]);
  });
});

describe("statuses", () => {
  it("answers a documented error status with its documented body", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").reply(404);
    const { error } = await client.deleteIp({ id: ID });
    expect(error?.kind).toBe("not_found");
    expect(error?.body).toMatchObject({ errors: [{ code: "10005" }] });
    expect(mock.lastCall("deleteIp").response).toMatchObject({ status: 404 });
  });

  it("answers an undocumented 500 as a server error that says it is outside the spec, never not_found", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").reply(500);
    const { error, response } = await client.deleteIp({ id: ID });
    expect(error?.kind).toBe("server");
    expect(error?.status).toBe(500);
    expect(error?.message).toContain("500 is not a status the spec documents for deleteIp");
    // The reason phrase is a server's, as the mock served on 127.0.0.1 sends it.
    expect(response?.statusText).toBe("Internal Server Error");
    expect(response?.headers.get(OUTSIDE_SPEC_HEADER)).toMatch(/^500 is not a status the spec documents/);
    const recorded = mock.lastCall("deleteIp").response;
    expect(recorded && "outsideSpec" in recorded && recorded.outsideSpec).toBe(
      "500 is not a status the spec documents for deleteIp (DELETE /ips/{id}; documented: 200, 400, 401, 403, 404)",
    );
  });

  it("counts a status covered by a 4XX range or default as documented", async () => {
    const mock = acmeMock();
    const client = acmeClient(mock.fetch);
    mock.on("getIp").replyOnce(418).replyOnce(503);
    const teapot = await client.getIp!({ id: IP, "X-Tenant": "acme" });
    const unavailable = await client.getIp!({ id: IP, "X-Tenant": "acme" });
    expect([teapot.error.status, unavailable.error.status]).toEqual([418, 503]);
    expect(mock.calls("getIp").map((c) => c.response && "outsideSpec" in c.response)).toEqual([false, false]);
  });

  it("refuses statuses a response cannot have", () => {
    const { mock } = setup();
    // A type error where the status is a literal; checked when it runs for a computed one.
    // @ts-expect-error: 100 is no status a response can have
    expect(() => mock.on("deleteIp").reply(100)).toThrow(
      /status must be a whole number from 200 to 599, not 100/,
    );
    const computed: number = 999;
    expect(() => mock.on("deleteIp").reply(computed)).toThrow(/not 999/);
    expect(() => mock.on("deleteIp").reply(200, { times: 0 })).toThrow(/times must be a whole number ≥ 1/);
    expect(() => mock.on("deleteIp").delay(-1)).toThrow(/delay must be a number of milliseconds ≥ 0/);
    const count = Object.keys(telnyx.endpoints).length;
    // @ts-expect-error: not an operation of the package
    expect(() => mock.on("dialCalls")).toThrow(
      `no operation "dialCalls" in this provider's table (${count} operations)`,
    );
  });
});

describe("bodies and headers", () => {
  it("sends a custom body and headers, checked against the documented response", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").reply(200, {
      body: { data: { id: ID, ip_address: "203.0.113.9", port: 5061 } },
      headers: { "X-Request-Id": "req-1" },
    });
    const { data, response } = await client.deleteIp({ id: ID });
    expect(data?.data).toEqual({ id: ID, ip_address: "203.0.113.9", port: 5061 });
    expect(response?.headers.get("x-request-id")).toBe("req-1");
  });

  it("patches the documented answer: objects merged key by key, the rest of the example kept, the whole checked", async () => {
    const { mock, client } = setup();
    const unpatched = (await client.deleteIp({ id: ID })).data;
    mock.on("deleteIp").reply(200, { patch: { data: { ip_address: "203.0.113.9" } } });
    const { data } = await client.deleteIp({ id: ID });
    expect(data).toEqual({ ...unpatched, data: { ...unpatched?.data, ip_address: "203.0.113.9" } });
    expect(data?.data?.ip_address).not.toBe(unpatched?.data?.ip_address);
    // In a sequence too.
    mock.on("deleteIp").sequence({ status: 200, patch: { data: { port: 5070 } } });
    expect((await client.deleteIp({ id: ID })).data?.data?.port).toBe(5070);
    expect(() =>
      // @ts-expect-error: port is an integer in the spec
      mock.on("deleteIp").reply(200, { patch: { data: { port: "5061" } } }),
    ).toThrow(
      /reply\(200\): the documented answer with the patch does not match the 200 response of deleteIp: body\.data\.port: must be integer \(got "5061"\)/,
    );
    expect(() =>
      mock.on("deleteIp").reply(200, { patch: { data: {} }, body: { data: {} } } as never),
    ).toThrow(/reply\(200\): patch and body are two answers; give one/);
    expect(() => mock.on("deleteIp").reply(418, { patch: {} } as never)).toThrow(
      /reply\(418\): patch needs a body the spec documents for 418 of deleteIp to change; give body instead/,
    );
  });

  it("refuses a scripted body that breaks the documented response, naming the field, unless told", async () => {
    const { mock, client } = setup();
    expect(() =>
      // @ts-expect-error: port is an integer in the spec
      mock.on("deleteIp").reply(200, { body: { data: { id: ID, port: "5061" } } }),
    ).toThrow(
      /reply\(200\): the body does not match the 200 response of deleteIp: body\.data\.port: must be integer \(got "5061"\)/,
    );
    mock.on("deleteIp").reply(200, { body: { data: { port: "5061" } } as never, validate: false });
    const { data } = await client.deleteIp({ id: ID });
    expect(data).toEqual({ data: { port: "5061" } });
    const recorded = mock.lastCall("deleteIp").response;
    expect(recorded && "outsideSpec" in recorded && recorded.outsideSpec).toMatch(
      /body\.data\.port: must be integer/,
    );
  });

  it("sends a string body as written where the response is JSON: JSON text as JSON, anything else as text", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").replyOnce(404, { body: "not json at all" as never, validate: false });
    const { error } = await client.deleteIp({ id: ID });
    expect(error?.rawBody).toBe("not json at all");
    const sent = mock.lastCall("deleteIp").response;
    expect(sent && "headers" in sent && sent.headers["content-type"]).toBe("text/plain; charset=utf-8");
    mock.on("deleteIp").replyOnce(404, {
      body: '{"errors":[{"code":"10005","title":"Not found"}]}' as never,
      validate: false,
    });
    const json = await client.deleteIp({ id: ID });
    expect(json.error?.code).toBe("10005");
  });

  it("sends a string body under the Content-Type the test gives as written: malformed JSON as application/json", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").replyOnce(200, {
      body: "{not json",
      headers: { "Content-Type": "application/json" },
      validate: false,
    });
    const { error } = await client.deleteIp({ id: ID });
    expect(error?.kind).toBe("invalid_response");
    expect(error?.message).toMatch(/200 response with Content-Type application\/json is not valid JSON/);
    mock.on("deleteIp").replyOnce(599, { body: '{"oops"', headers: { "content-type": "application/json" } });
    const undocumented = await client.deleteIp({ id: ID });
    // An error's body that is not the JSON it claims is kept as its text.
    expect(undocumented.error?.rawBody).toBe('{"oops"');
  });

  it("answers an undocumented success with the documented success's body, never a problem document as data", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").reply(201);
    const { data, error, response } = await client.deleteIp({ id: ID });
    expect(error).toBeUndefined();
    expect(response?.status).toBe(201);
    expect(data?.data?.id).toBe(ID);
    expect(response?.headers.get(OUTSIDE_SPEC_HEADER)).toMatch(
      /^201 is not a status the spec documents for deleteIp/,
    );
    // An operation whose success is a 204: nothing, as documented.
    const bare = createMock(
      {
        provider: { name: "acl", title: "Acl", servers: { default: "https://api.acl.test" } },
        endpoints: { deleteAcl: ["DELETE", "/acls/{id}"] },
      } as const,
      {
        spec: {
          openapi: "3.0.3",
          info: { title: "Acl", version: "1" },
          servers: [{ url: "https://api.acl.test" }],
          paths: {
            "/acls/{id}": {
              delete: {
                parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
                responses: {
                  "204": { description: "deleted" },
                  "404": {
                    description: "missing",
                    content: { "application/json": { schema: { type: "object" }, example: { error: "no" } } },
                  },
                },
              },
            },
          },
        },
      },
    );
    bare.on("deleteAcl").reply(200);
    const answer = await bare.fetch("https://api.acl.test/acls/1", { method: "DELETE" });
    expect([answer.status, await answer.text(), answer.headers.get("content-type")]).toEqual([200, "", null]);
    expect(bare.lastCall("deleteAcl").response).toMatchObject({
      status: 200,
      outsideSpec: expect.any(String),
    });
  });

  it("sends any body with an undocumented status, recorded as outside the spec", async () => {
    const { mock, client } = setup();
    mock
      .on("deleteIp")
      .reply(502, { body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } });
    const { error } = await client.deleteIp({ id: ID });
    expect(error?.kind).toBe("server");
    expect(error?.rawBody).toBe("<html>Bad gateway</html>");
  });
});

describe("how long a script lasts", () => {
  it("once, N times, or until reset, then the spec's answer; the newest scenario first", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").replyOnce(404).reply(403, { times: 2 });
    const statuses = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await client.deleteIp({ id: ID })).response!.status);
      return out;
    };
    expect(await statuses(5)).toEqual([404, 403, 403, 200, 200]);
    mock.on("deleteIp").reply(400);
    mock.on("deleteIp").replyOnce(401);
    expect(await statuses(3)).toEqual([401, 400, 400]);
    mock.reset();
    expect(await statuses(1)).toEqual([200]);
    expect(mock.calls("deleteIp")).toHaveLength(1);
  });

  it("lists the scripted steps no call has used up, as the test wrote them, until reset", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").sequence(503, "reset", { status: 200, delay: 5 });
    mock.on("deleteIp", { id: "never" }).reply(404, { times: 2 }).hang({ times: 1 });
    mock.on("listIps").reply(500); // lasts until reset: never pending
    expect(mock.pending()).toEqual([
      'on("deleteIp"): 503, 1 call left',
      'on("deleteIp"): resetConnection, 1 call left',
      'on("deleteIp"): 200 after 5 ms, 1 call left',
      'on("deleteIp"): 404, 2 calls left',
      'on("deleteIp"): hang, 1 call left',
    ]);
    await client.deleteIp({ id: ID }, { maxRetries: 0 });
    expect(mock.pending()).toEqual([
      'on("deleteIp"): resetConnection, 1 call left',
      'on("deleteIp"): 200 after 5 ms, 1 call left',
      'on("deleteIp"): 404, 2 calls left',
      'on("deleteIp"): hang, 1 call left',
    ]);
    mock.reset();
    expect(mock.pending()).toEqual([]);
  });

  it("refuses a step after one that lasts until reset", () => {
    const { mock } = setup();
    expect(() => mock.on("deleteIp").reply(503).replyOnce(200)).toThrow(
      /would never be reached; give that one \{ times: n \}/,
    );
  });

  it("scripts only the calls a match fits, by values or by a function", async () => {
    const { mock, client } = setup();
    const other = "0b3d2f58-0b7c-4a8b-9a38-0b1b0b2a1c11";
    mock.on("deleteIp", { id: other }).reply(404);
    mock.on("DELETE /ips/{id}", (input) => input.id.startsWith("ffff")).reply(403);
    const results = await Promise.all(
      [ID, other, "ffffffff-0000-4000-8000-000000000000"].map((id) => client.deleteIp({ id })),
    );
    expect(results.map((r) => r.response?.status)).toEqual([200, 404, 403]);
  });
});

describe("retries the runtime makes", () => {
  it("503, 503, then 200: three attempts, one result", async () => {
    const { mock, client } = setup({ maxRetries: 2 });
    mock
      .on("deleteIp")
      .sequence(
        { status: 503, headers: { "retry-after": "0" } },
        { status: 503, headers: { "retry-after": "0" } },
        200,
      );
    const { data, error } = await client.deleteIp({ id: ID });
    expect(error).toBeUndefined();
    expect(data?.data?.id).toBe(ID);
    expect(
      mock.calls("deleteIp").map((c) => c.response && "status" in c.response && c.response.status),
    ).toEqual([503, 503, 200]);
  });

  it("429 with Retry-After: 1, then 200: the runtime waits what the mock asked", async () => {
    const waits: (number | undefined)[] = [];
    const { mock, client } = setup({ maxRetries: 1, onAttempt: (a) => waits.push(a.retryIn) });
    mock.on("deleteIp").sequence({ status: 429, headers: { "Retry-After": "1" } }, 200);
    const { error } = await client.deleteIp({ id: ID });
    expect(error).toBeUndefined();
    expect(waits).toEqual([1000, undefined]);
  });
});

describe("faults", () => {
  it("drops the connection: the client sees a connection error", async () => {
    const { mock, client } = setup();
    mock.on("deleteIp").resetConnection({ times: 1 });
    const { error } = await client.deleteIp({ id: ID });
    expect(error?.kind).toBe("connection");
    expect(error?.message).toContain("ECONNRESET");
    expect(mock.lastCall("deleteIp").response).toEqual({ fault: "reset" });
    expect((await client.deleteIp({ id: ID })).error).toBeUndefined();
  });

  it("hangs until the client's timeout ends the attempt", async () => {
    const { mock, client } = setup({ timeout: 20 });
    mock.on("deleteIp").hang();
    const { error } = await client.deleteIp({ id: ID });
    expect(error?.kind).toBe("timeout");
    expect(mock.lastCall("deleteIp").response).toEqual({ fault: "hang" });
  });

  it("hangs until the client's timeout, also when garbage collection runs while it waits", async () => {
    // Node's Request hears its caller's abort through a controller only it holds: the mock held the signal
    // alone, a collection took the controller, and the hang never ended (the first call, every time, with a
    // collection each millisecond).
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const collecting = setInterval(gc, 1);
    try {
      for (let i = 0; i < 10; i++) {
        const { mock, client } = setup({ timeout: 5 });
        mock.on("deleteIp").hang();
        expect((await client.deleteIp({ id: ID })).error?.kind).toBe("timeout");
      }
    } finally {
      clearInterval(collecting);
    }
  }, 120_000);

  it("ends hanging answers when the mock closes", async () => {
    const { mock, client } = setup({ timeout: 0 });
    mock.on("deleteIp").hang();
    const pending = client.deleteIp({ id: ID });
    await vi.waitFor(() => expect(mock.calls()).toHaveLength(1));
    await mock.close();
    expect((await pending).error?.kind).toBe("connection");
  });

  it("answers late by the delay asked for", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { mock, client } = setup({ timeout: 0 });
    mock.on("deleteIp").delay(5_000, { times: 1 });
    let settled = false;
    const pending = client.deleteIp({ id: ID }).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    expect(mock.lastCall("deleteIp").response).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).response?.status).toBe(200);
  });
});

describe("records", () => {
  it("records calls by name or route, and says what was called when the one asked for was not", async () => {
    const { mock, client } = setup();
    await client.deleteIp({ id: ID });
    expect(mock.calls("deleteIp")).toHaveLength(1);
    expect(mock.calls("DELETE /ips/{id}")).toEqual(mock.calls("deleteIp"));
    expect(mock.lastCall("deleteIp").headers.authorization).toBe("Bearer test");
    expect(mock.lastCall("deleteIp").input.id).toBe(ID);
    expect(() => mock.lastCall("deleteExternalConnection")).toThrow(
      "telnyx mock: no call of deleteExternalConnection was made (calls made: deleteIp)",
    );
  });
});
