/**
 * The raw client keeps openapi-fetch 0.17's contract: every option it accepts does what openapi-fetch does
 * with it, and the differences kept on purpose (README, "The raw client") are pinned here too.
 */
import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createProviderClient, SwitchboardError, type WholeClientOptions } from "../src/index.js";
import { json, openProvider as open, recordingFetch } from "./fixtures.js";

type Options = WholeClientOptions<typeof open>;

/**
 * A raw client recording what it sends. Typed loosely (`any`): what the types accept is test/raw.test-d.ts's
 * subject, what the runtime does this file's.
 */
function raw(options: Options = {}, respond?: Parameters<typeof recordingFetch>[0]) {
  const recorder = recordingFetch(respond);
  const client: any = createProviderClient(open, {}, { fetch: recorder.fetch, maxRetries: 0, ...options });
  return { client, calls: recorder.calls };
}

/** A fetch that keeps each Request it is given and its second argument. */
function capturing() {
  const requests: Request[] = [];
  const seconds: unknown[] = [];
  const fetch = async (request: Request, second?: unknown) => {
    requests.push(request);
    seconds.push(second);
    return json(200, {});
  };
  return { requests, seconds, fetch };
}

describe("methods", () => {
  it("sends each method as its name says, and request() takes one in any case", async () => {
    const { client, calls } = raw();
    const methods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"];
    for (const method of methods) await client[method]("/x");
    await client.request("patch", "/x");
    expect(calls.map((call) => call.method)).toEqual([...methods, "PATCH"]);
    // TRACE is there as in openapi-fetch, and fetch refuses it as it does there: no request is made.
    await expect(client.TRACE("/x")).rejects.toThrow(
      /open\.TRACE \/x: connection: 'TRACE' HTTP method is unsupported/,
    );
    expect(calls).toHaveLength(methods.length + 1);
  });
});

describe("headers", () => {
  it("keeps a client-level Content-Type over the JSON default, and a call's over both", async () => {
    const { client, calls } = raw({ headers: { "Content-Type": "application/vnd.api+json" } });
    await client.POST("/x", { body: { a: 1 } });
    await client.POST("/x", { body: { a: 1 }, headers: { "content-type": "application/merge-patch+json" } });
    expect(calls.map((call) => [call.headers["content-type"], call.body])).toEqual([
      ["application/vnd.api+json", '{"a":1}'],
      ["application/merge-patch+json", '{"a":1}'],
    ]);
  });

  it("sends no JSON Content-Type when the client or the call removes it with null", async () => {
    const byClient = raw({ headers: { "content-type": null } });
    await byClient.client.PUT("/x", { body: { a: 1 } });
    const byCall = raw();
    await byCall.client.PUT("/x", { body: { a: 1 }, headers: { "Content-Type": null } });
    for (const { calls } of [byClient, byCall]) {
      expect(calls[0]!.body).toBe('{"a":1}');
      // fetch labels a string body itself; what matters is that it is not the JSON default.
      expect(calls[0]!.headers["content-type"]).not.toBe("application/json");
    }
  });

  it("joins array values with a comma and a space, at every level", async () => {
    const { client, calls } = raw({ headers: { "X-Client": ["a", "b"] } });
    await client.GET("/x", {
      headers: { "X-Call": ["c", 1, true] },
      params: { header: { "X-Param": ["d", "e"] } },
    });
    expect(calls[0]!.headers).toMatchObject({
      "x-client": "a, b",
      "x-call": "c, 1, true",
      "x-param": "d, e",
    });
  });

  it("sends a User-Agent naming the package and runtime, which the caller may replace or remove", async () => {
    const versioned = { ...open, packageVersion: "1.2.3" };
    const { fetch, calls } = recordingFetch();
    const client: any = createProviderClient(versioned, {}, { fetch });
    await client.GET("/x");
    await client.GET("/x", { headers: { "User-Agent": "my-app/2" } });
    await client.GET("/x", { headers: { "user-agent": null } });
    expect(calls[0]!.headers["user-agent"]).toMatch(/^switchboard-open\/1\.2\.3 \S+/);
    expect(calls[1]!.headers["user-agent"]).toBe("my-app/2");
    expect(calls[2]!.headers["user-agent"]).toBeUndefined();
  });
});

describe("bodies", () => {
  it("uses a client-level bodySerializer, which a call's replaces", async () => {
    const { client, calls } = raw({ bodySerializer: (body: unknown) => `client:${JSON.stringify(body)}` });
    await client.POST("/x", { body: null });
    await client.POST("/x", { body: 0, bodySerializer: (body: unknown) => `call:${body}` });
    await client.POST("/x", {});
    expect(calls.map((call) => call.body)).toEqual(["client:null", "call:0", ""]);
    expect(calls[0]!.headers["content-type"]).toBe("application/json");
    expect(calls[2]!.headers["content-type"]).toBeUndefined();
  });

  it("lets fetch write a FormData's Content-Type, with its boundary, whatever the headers say", async () => {
    const form = new FormData();
    form.append("file", new Blob(["hello"]), "a.txt");
    const { client, calls } = raw({ headers: { "Content-Type": "multipart/form-data" } });
    await client.POST("/upload", { body: form });
    expect(calls[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("writes a body as its Content-Type says (a difference: openapi-fetch would send text as JSON)", async () => {
    const { client, calls } = raw();
    await client.POST("/x", { body: "plain words", headers: { "Content-Type": "text/plain" } });
    await client.POST("/x", {
      body: { a: "1", b: "2" },
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(calls.map((call) => call.body)).toEqual(["plain words", "a=1&b=2"]);
  });

  it("sends a body without a Content-Type as JSON, a string as a JSON string, as openapi-fetch does", async () => {
    const { client, calls } = raw();
    await client.POST("/x", { body: "plain words" });
    await client.POST("/x", { body: { a: 1 } });
    expect(calls.map((call) => [call.body, call.headers["content-type"]])).toEqual([
      ['"plain words"', "application/json"],
      ['{"a":1}', "application/json"],
    ]);
  });
});

describe("query strings", () => {
  it("uses a client-level querySerializer function, which a call's replaces; a leading ? is dropped", async () => {
    const { client, calls } = raw({
      querySerializer: (query: Record<string, unknown>) => `?client=${query.v}`,
    });
    await client.GET("/x", { params: { query: { v: 1 } } });
    await client.GET("/x", { params: { query: { v: 1 } }, querySerializer: () => "call=1" });
    expect(calls.map((call) => new URL(call.url).search)).toEqual(["?client=1", "?call=1"]);
  });

  it("drops only a leading ? from what a querySerializer writes", async () => {
    const { client, calls } = raw({ querySerializer: () => "q=a?b" } as Options);
    await client.GET("/x", { params: { query: {} } });
    expect(new URL(calls[0]!.url).search).toBe("?q=a?b");
  });

  it.each([
    [{ array: { style: "form", explode: false } }, "list=1,2&obj[a]=b"],
    [{ array: { style: "spaceDelimited", explode: false } }, "list=1%202&obj[a]=b"],
    [{ array: { style: "pipeDelimited", explode: false } }, "list=1|2&obj[a]=b"],
    [{ object: { style: "form", explode: false } }, "list=1&list=2&obj=a,b"],
    [{ object: { style: "form", explode: true } }, "list=1&list=2&a=b"],
  ])("writes openapi-fetch's styles %j", async (styles, search) => {
    const { client, calls } = raw({ querySerializer: styles } as Options);
    await client.GET("/x", { params: { query: { list: [1, 2], obj: { a: "b" } } } });
    expect(new URL(calls[0]!.url).search).toBe(`?${search}`);
  });

  it("merges a call's style options over the client's, allowReserved included", async () => {
    const { client, calls } = raw({
      querySerializer: { allowReserved: true, array: { style: "pipeDelimited", explode: false } },
    });
    await client.GET("/x", { params: { query: { s: "a/b", list: [1, 2] } } });
    await client.GET("/x", {
      params: { query: { s: "a/b", list: [1, 2] } },
      querySerializer: { allowReserved: false },
    });
    expect(calls.map((call) => new URL(call.url).search)).toEqual(["?s=a/b&list=1|2", "?s=a%2Fb&list=1|2"]);
  });

  it("writes nested deepObject filters by default, where openapi-fetch's default refuses them", async () => {
    const { client, calls } = raw();
    await client.GET("/x", { params: { query: { filter: { number: { eq: "+1" } }, "page[size]": 5 } } });
    expect(new URL(calls[0]!.url).search).toBe("?filter[number][eq]=%2B1&page[size]=5");
  });
});

describe("paths", () => {
  it("writes label, matrix and exploded path styles with array and object values", async () => {
    const { client, calls } = raw();
    await client.GET("/a/{ids}/{.label}/{;matrix*}/{obj*}", {
      params: { path: { ids: [1, 2, 3], label: ["x", "y"], matrix: [4, 5], obj: { k: "v", l: "w" } } },
    });
    expect(new URL(calls[0]!.url).pathname).toBe("/v1/a/1,2,3/.x,y/;matrix=4;matrix=5/k=v,l=w");
  });

  it("uses a client-level pathSerializer, which a call's replaces", async () => {
    const { client, calls } = raw({ pathSerializer: (url: string) => url.replace("{id}", "client") });
    await client.GET("/things/{id}", { params: { path: { id: 1 } } });
    await client.GET("/things/{id}", {
      params: { path: { id: 1 } },
      pathSerializer: (url: string) => url.replace("{id}", "call"),
    });
    expect(calls.map((call) => call.url)).toEqual([
      "https://api.open.test/v1/things/client",
      "https://api.open.test/v1/things/call",
    ]);
  });

  it("refuses a missing parameter and one that makes a dot segment (differences: openapi-fetch sends them)", async () => {
    const { client, calls } = raw();
    await expect(client.GET("/things/{id}", { params: { path: {} } })).rejects.toThrow(
      new TypeError('open.GET /things/{id}: missing path parameter "id"'),
    );
    for (const id of [null, ""]) {
      await expect(client.DELETE("/things/{id}", { params: { path: { id } } })).rejects.toThrow(
        new TypeError('open.DELETE /things/{id}: missing path parameter "id"'),
      );
    }
    await expect(client.GET("/things/{.id}", { params: { path: { id: "." } } })).rejects.toThrow(
      /segment "\.\."/,
    );
    expect(calls).toHaveLength(0);
  });

  it("sends the dot segments a path itself holds: only those a parameter makes are refused", async () => {
    const { client, calls } = raw();
    await client.GET("/v1/../things/{id}", { params: { path: { id: "5" } } });
    await client.GET("/things/.");
    await client.GET("/things/a.");
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual([
      "/v1/things/5",
      "/v1/things/",
      "/v1/things/a.",
    ]);
  });
});

describe("per-call options", () => {
  it("takes this runtime's call options too: maxRetries, idempotencyKey, signal", async () => {
    const { client, calls } = raw({}, () => json(503, {}, { "retry-after": "0" }));
    const { response } = await client.POST("/x", { body: {}, maxRetries: 2, idempotencyKey: "key-1" });
    expect(response.status).toBe(503);
    expect(calls.map((call) => call.headers["idempotency-key"])).toEqual(["key-1", "key-1", "key-1"]);
    // A fetch that honours the request's signal, as fetch does: the call's signal reaches it.
    const honouring = raw({
      fetch: async (request: Request) => {
        request.signal.throwIfAborted();
        return json(200, {});
      },
    });
    await expect(honouring.client.GET("/x", { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: "aborted",
    });
  });

  it("takes a call's baseUrl, and tells middleware about it", async () => {
    const bases: string[] = [];
    const { client, calls } = raw({
      middleware: [{ onRequest: ({ options }) => void bases.push(options.baseUrl) }],
    });
    await client.GET("/x", { baseUrl: "https://other.test/v2/" });
    expect(calls[0]!.url).toBe("https://other.test/v2/x");
    expect(bases).toEqual(["https://other.test/v2"]);
  });

  it("takes a call's fetch over the client's", async () => {
    const { client, calls } = raw();
    const own = recordingFetch();
    await client.GET("/x", { fetch: own.fetch });
    expect(calls).toHaveLength(0);
    expect(own.calls).toHaveLength(1);
  });

  it("gives fetch the call's RequestInit fields and copies unknown ones onto the Request", async () => {
    const { requests, fetch } = capturing();
    const { client } = raw({ fetch });
    await client.GET("/x", { cache: "no-store", credentials: "omit", keepalive: true, traceTag: "t-1" });
    expect(requests[0]).toMatchObject({
      cache: "no-store",
      credentials: "omit",
      keepalive: true,
      traceTag: "t-1",
    });
  });

  it("makes requests with a custom Request class, the client's or a call's", async () => {
    class Client extends Request {}
    class Call extends Request {}
    const { requests, fetch } = capturing();
    const { client } = raw({ Request: Client, fetch });
    await client.GET("/x");
    await client.GET("/x", { Request: Call });
    expect(requests[0]).toBeInstanceOf(Client);
    expect(requests[1]).toBeInstanceOf(Call);
  });

  it("gives fetch requestInitExt as its second argument, on every request", async () => {
    const { seconds, fetch } = capturing();
    const ext = { dispatcher: { name: "agent" } };
    const { client } = raw({ fetch, requestInitExt: ext });
    await client.GET("/x");
    await client.GET("/x", { headers: { a: "1" } });
    expect(seconds).toEqual([ext, ext]);
  });

  it('returns a 3xx as it is with redirect: "manual", and fails with redirect: "error"', async () => {
    const { client, calls } = raw(
      {},
      () => new Response(null, { status: 302, headers: { Location: "/elsewhere" } }),
    );
    const manual = await client.GET("/x", { redirect: "manual" });
    expect(manual.response.status).toBe(302);
    expect(manual.response.headers.get("location")).toBe("/elsewhere");
    const refused = await client.GET("/x", { redirect: "error" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SwitchboardError);
    expect(refused).toMatchObject({
      kind: "invalid_response",
      message: expect.stringContaining('redirect: "error"'),
    });
    expect(calls).toHaveLength(2);
  });
});

describe("middleware", () => {
  it("skips the other onRequest handlers, fetch and every onResponse when onRequest returns a Response", async () => {
    const seen: string[] = [];
    const early = json(200, { from: "middleware" });
    const { client, calls } = raw({
      middleware: [
        { onResponse: () => void seen.push("outer onResponse") },
        { onRequest: () => early, onResponse: () => void seen.push("onResponse") },
        { onRequest: () => void seen.push("later onRequest") },
      ],
    });
    const { data, response } = await client.GET("/x");
    expect(response).toBe(early);
    expect(data).toEqual({ from: "middleware" });
    expect(seen).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it("passes every option openapi-fetch passes, the call's serializers included", async () => {
    let options: MiddlewareCallbackParams["options"] | undefined;
    const querySerializer = () => "q=1";
    const remember: Middleware = {
      onRequest: (params) => {
        options = params.options;
      },
    };
    const { client } = raw({ middleware: [remember] });
    await client.GET("/things/{id}", { params: { path: { id: 7 } }, parseAs: "text", querySerializer });
    expect(options).toMatchObject({ baseUrl: "https://api.open.test/v1", parseAs: "text", querySerializer });
    expect(Object.isFrozen(options)).toBe(true);
    expect(options!.pathSerializer("/things/{id}", { id: 8 })).toBe("/things/8");
    expect((options!.bodySerializer as (body: unknown) => string)({ a: 1 })).toBe('{"a":1}');
    expect(typeof options!.fetch).toBe("function");
  });

  it("sends the Request an onRequest returns, to the next onRequest and to fetch", async () => {
    const { requests, fetch } = capturing();
    const seen: string[] = [];
    const { client } = raw({
      fetch,
      middleware: [
        {
          onRequest: ({ request }) =>
            new Request(`${request.url}?signed=1`, {
              method: "PUT",
              headers: { "x-signed": "yes" },
              body: "{}",
            }),
        },
        { onRequest: ({ request }) => void seen.push(`${request.method} ${request.url}`) },
      ],
    });
    await client.GET("/x");
    expect(seen).toEqual(["PUT https://api.open.test/v1/x?signed=1"]);
    expect(requests.map((request) => [request.method, request.url, request.headers.get("x-signed")])).toEqual(
      [["PUT", "https://api.open.test/v1/x?signed=1", "yes"]],
    );
  });

  it("runs onResponse last middleware first, each seeing the Response the one after it returned", async () => {
    const seen: unknown[] = [];
    const { client } = raw({}, () => json(200, { from: "server" }));
    const replace = (name: string): Middleware => ({
      onResponse: async ({ response }) => {
        seen.push([name, await response.clone().json()]);
        return json(200, { from: name });
      },
    });
    const { data } = await client.GET("/x", {
      middleware: [replace("outer"), { onResponse: () => {} }, replace("inner")],
    });
    expect(seen).toEqual([
      ["inner", { from: "server" }],
      ["outer", { from: "inner" }],
    ]);
    expect(data).toEqual({ from: "outer" });
  });

  it("lets onError answer for fetch (last middleware first, the rest then skipped) or replace its error", async () => {
    const failure = new TypeError("fetch failed");
    const seen: string[] = [];
    const recovering: Middleware = {
      onError: ({ error }) => {
        seen.push(`recovering ${(error as Error).message}`);
        return json(200, { recovered: true });
      },
      onResponse: () => void seen.push("onResponse"),
    };
    const replacing: Middleware = {
      onError: ({ error }) => {
        seen.push(`replacing ${(error as Error).message}`);
        return new Error("offline", { cause: error });
      },
    };
    const skipped: Middleware = { onError: () => void seen.push("skipped") };
    const { client } = raw({}, () => {
      throw failure;
    });

    const { data, response } = await client.GET("/x", { middleware: [skipped, recovering, replacing] });
    expect(data).toEqual({ recovered: true });
    expect(response.status).toBe(200);
    expect(seen).toEqual(["replacing fetch failed", "recovering offline", "onResponse"]);

    seen.length = 0;
    const error = await client
      .GET("/x", { middleware: [skipped, { onResponse: () => {} }, replacing] })
      .catch((thrown: unknown) => thrown);
    expect(seen).toEqual(["replacing fetch failed", "skipped"]);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ kind: "connection", cause: { message: "offline", cause: failure } });
  });

  it("adds middleware with use() and takes it off with eject(), for the calls after", async () => {
    const order: string[] = [];
    const tag = (name: string): Middleware => ({ onRequest: () => void order.push(name) });
    const [first, second] = [tag("first"), tag("second")];
    const { client } = raw();
    client.use(first, second);
    await client.GET("/x");
    client.eject(first);
    client.eject(tag("never added"));
    await client.GET("/x");
    client.eject(second);
    await client.GET("/x");
    expect(order).toEqual(["first", "second", "second"]);
  });

  it("runs call-level middleware after the client's", async () => {
    const order: string[] = [];
    const tag = (name: string): Middleware => ({ onRequest: () => void order.push(name) });
    const { client } = raw({ middleware: [tag("client")] });
    await client.GET("/x", { middleware: [tag("call")] });
    expect(order).toEqual(["client", "call"]);
  });
});

describe("differences kept on purpose", () => {
  it("throws a SwitchboardError with the original error as its cause when there is no response", async () => {
    const failure = new TypeError("fetch failed");
    const { client } = raw({}, () => {
      throw failure;
    });
    const error = await client.GET("/x").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ kind: "connection", cause: failure });
    // Named as what it is, where a log prints only `name: message`.
    expect(String(error)).toMatch(/^SwitchboardError: open\.GET \/x: connection: fetch failed/);
  });

  it("gives undefined, not openapi-fetch's empty string, for an empty error body: check response.ok", async () => {
    const { client } = raw({}, () => new Response(null, { status: 404 }));
    const { data, error, response } = await client.GET("/x");
    expect([data, error, response.ok]).toEqual([undefined, undefined, false]);
  });

  it("reads a response by its Content-Type, also with parseAs: json", async () => {
    const { client } = raw({}, () => new Response("plain", { headers: { "Content-Type": "text/plain" } }));
    expect((await client.GET("/x", { parseAs: "json" })).data).toBe("plain");
  });

  it("reads the body a Response has, whatever its Content-Length says", async () => {
    const { client } = raw({}, () => Response.json([1], { headers: { "Content-Length": "0" } }));
    expect((await client.GET("/x")).data).toEqual([1]);
  });
});
