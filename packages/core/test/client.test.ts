import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createProviderClient,
  type OperationTable,
  type ProviderDefinition,
  SwitchboardError,
  serializeQuery,
} from "../src/index.js";
import {
  capture,
  type FixturePaths,
  headerProvider,
  json,
  recordingFetch,
  regionalProvider,
  table,
} from "./fixtures.js";

const acme = (options: Record<string, unknown> = {}, respond?: Parameters<typeof recordingFetch>[0]) => {
  const recorder = recordingFetch(respond);
  const client = createProviderClient<FixturePaths, typeof table, typeof headerProvider>(
    headerProvider,
    table,
    {
      authId: "MA_ID",
      authToken: "s3cret-token",
      fetch: recorder.fetch,
      ...options,
    },
  );
  return { client, calls: recorder.calls };
};

describe("credentials", () => {
  it("sends header credentials on every request", async () => {
    const { client, calls } = acme();
    await client.deleteThing({ thing_id: "t1" });
    expect(calls[0]!.headers["x-auth-id"]).toBe("MA_ID");
    expect(calls[0]!.headers["x-auth-token"]).toBe("s3cret-token");
    // Nothing else: no empty Cookie header for a provider without cookie credentials.
    expect(Object.keys(calls[0]!.headers).sort()).toEqual(["user-agent", "x-auth-id", "x-auth-token"]);
  });

  it("sends the client's own Authorization instead of the credential's, as openapi-fetch and Stainless do", async () => {
    const recorder = recordingFetch();
    const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
      regionalProvider,
      table,
      { apiKey: "k", fetch: recorder.fetch, headers: { Authorization: "Bearer CLIENT", Cookie: "a=1" } },
    );
    await client.listThings();
    await client.listThings({}, { headers: { authorization: "Bearer CALL" } });
    expect(recorder.calls.map((call) => call.headers.authorization)).toEqual([
      "Bearer CLIENT",
      "Bearer CALL",
    ]);
  });

  it("fills a path parameter from the credential of the same name, unless given", async () => {
    const { client, calls } = acme();
    await client.deleteThing({ thing_id: "t1" });
    await client.deleteThing({ thing_id: "t2", account_id: "SUB_ACCOUNT" });
    expect(calls.map((c) => c.url)).toEqual([
      "https://api.acme.test/accounts/MA_ID/things/t1",
      "https://api.acme.test/accounts/SUB_ACCOUNT/things/t2",
    ]);
  });

  it("needs no environment when given its credentials: an environment that refuses reads (Deno without --allow-env) is no error", async () => {
    // Deno's process.env throws NotCapable on every read without --allow-env.
    const refusing = new Proxy({} as Record<string, string>, {
      get() {
        throw new Error('NotCapable: Requires env access to "SWITCHBOARD_LOG"');
      },
    });
    const { client, calls } = acme({ env: refusing });
    await client.deleteThing({ thing_id: "t1" });
    expect(calls).toHaveLength(1);
    expect(() => createProviderClient(regionalProvider, table, { env: refusing })).toThrow(
      new ConfigurationError("Regional: missing `apiKey` (or REGIONAL_API_KEY)"),
    );
  });

  it("reads credentials from the environment variables", async () => {
    const recorder = recordingFetch();
    const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
      regionalProvider,
      table,
      {
        env: { REGIONAL_API_KEY: "from-env" },
        fetch: recorder.fetch,
      },
    );
    await client.listThings();
    expect(recorder.calls[0]!.headers.authorization).toBe("Bearer from-env");
  });

  it("prefers an explicit credential over the environment", async () => {
    const recorder = recordingFetch();
    const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
      regionalProvider,
      table,
      {
        apiKey: "explicit",
        env: { REGIONAL_API_KEY: "from-env" },
        fetch: recorder.fetch,
      },
    );
    await client.listThings();
    expect(recorder.calls[0]!.headers.authorization).toBe("Bearer explicit");
  });

  it("fails before any request when a credential is missing, naming option and variable", () => {
    const { fetch, calls } = recordingFetch();
    const make = () =>
      createProviderClient<FixturePaths, typeof table, typeof headerProvider>(headerProvider, table, {
        authId: "x",
        env: {},
        fetch,
      });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(/Acme: missing `authToken` \(or ACME_AUTH_TOKEN\)/);
    expect(calls).toHaveLength(0);
    expect(String(thrownBy(make))).toMatch(/^ConfigurationError: Acme: missing `authToken`/);
  });

  it("takes an empty credential for a missing one, and names every missing one at once", () => {
    const make = (options: Record<string, unknown>) => () =>
      createProviderClient(headerProvider, table, { fetch: recordingFetch().fetch, ...options });
    expect(make({ authId: "", authToken: "t", env: {} })).toThrow(
      new ConfigurationError("Acme: missing `authId` (or ACME_AUTH_ID)"),
    );
    expect(make({ env: { ACME_AUTH_ID: "", ACME_AUTH_TOKEN: "" } })).toThrow(
      new ConfigurationError("Acme: missing `authId` (or ACME_AUTH_ID) and `authToken` (or ACME_AUTH_TOKEN)"),
    );
  });

  it("sends several query and cookie credentials together, each encoded, under the header names as declared", async () => {
    const several = {
      ...headerProvider,
      credentials: {
        key: { env: "K" },
        secret: { env: "S" },
        session: { env: "C1" },
        locale: { env: "C2" },
        token: { env: "T" },
      },
      auth: [
        { type: "apiKey", in: "query", name: "api key", credential: "key" },
        { type: "apiKey", in: "query", name: "secret", credential: "secret" },
        { type: "apiKey", in: "cookie", name: "session", credential: "session" },
        { type: "apiKey", in: "cookie", name: "locale", credential: "locale" },
        { type: "apiKey", in: "header", name: "X-Api-Token", credential: "token" },
      ],
      pathCredentials: {},
    } as const satisfies ProviderDefinition;
    const { fetch, calls } = recordingFetch();
    const client: any = createProviderClient(several, table, {
      key: "k&1",
      secret: "s=2",
      session: "a;b",
      locale: "eu",
      token: "t",
      fetch,
    });
    await client.listThings();
    expect(new URL(calls[0]!.url).search).toBe("?api%20key=k%261&secret=s%3D2");
    expect(calls[0]!.headers.cookie).toBe("session=a%3Bb; locale=eu");
    expect(calls[0]!.headers["x-api-token"]).toBe("t");
  });

  it("sends no credentials to operations declared with security: [], through methods and raw calls", async () => {
    const { client, calls } = acme();
    await client.health();
    await client.GET("/health");
    await client.request("get", "/health");
    await client.GET("/things");
    for (const call of calls.slice(0, 3)) {
      expect(call.url).toBe("https://api.acme.test/health");
      expect(call.headers).not.toHaveProperty("x-auth-token");
      expect(call.headers).not.toHaveProperty("x-auth-id");
    }
    expect(calls[3]!.headers).toHaveProperty("x-auth-token");
  });

  it("never shows credentials when the client or its errors are printed", async () => {
    const { client } = acme({}, () => json(401, { error: "bad token", code: 401 }));
    const { error } = await client.deleteThing({ thing_id: "t" });
    const printed = [
      inspect(client, { depth: 10, showHidden: true }),
      String(client),
      JSON.stringify(client),
      inspect(error, { depth: 10 }),
      String(error),
      JSON.stringify(error),
    ];
    for (const text of printed) expect(text).not.toContain("s3cret-token");
    expect(inspect(client)).toContain("AcmeClient");
    expect(String(client)).toBe("[object AcmeClient]");
  });

  it("says which provider and operations it calls, and lists its methods", () => {
    // A table no other test made a client of: clients share a prototype per table, and this test checks the
    // one made here.
    const operations = { ...table };
    const { fetch } = recordingFetch();
    const client: any = createProviderClient(headerProvider, operations, {
      authId: "a",
      authToken: "t",
      fetch,
    });
    expect(client.provider).toBe(headerProvider);
    expect(client.operations).toBe(operations);
    expect(String(client)).toBe("[object AcmeClient]");
    expect(inspect(client)).toBe("Object [AcmeClient] { baseUrl: 'https://api.acme.test' }");
    const listed = () => {
      const keys: string[] = [];
      for (const key in client) keys.push(key);
      return keys.sort();
    };
    const expected = ["baseUrl", ...Object.keys(table)].sort();
    expect(listed()).toEqual(expected);
    // A method is bound to its client when first read, and is then the client's own: listed once still.
    expect(client.health).toBe(client.health);
    expect(listed()).toEqual(expected);
    // Methods are made once per table, not per client: a second client shares them (and gets its own binding).
    const second: any = createProviderClient(headerProvider, operations, {
      authId: "b",
      authToken: "u",
      fetch,
    });
    expect(Object.getPrototypeOf(second)).toBe(Object.getPrototypeOf(client));
    expect(second.health).not.toBe(client.health);
  });

  it("skips a middleware slot left empty, as openapi-fetch does", async () => {
    const { client, calls } = acme();
    const seen: string[] = [];
    client.use(undefined as never, { onRequest: ({ request }) => void seen.push(request.url) });
    await client.health();
    expect(seen).toEqual(["https://api.acme.test/health"]);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ["maxRetries", -1],
    ["timeout", -5],
    ["maxRetryDelay", -0.5],
  ])("refuses a negative %s when the client is made, before any request", (option, value) => {
    const { fetch, calls } = recordingFetch();
    const make = () =>
      createProviderClient(headerProvider, table, { authId: "a", authToken: "t", fetch, [option]: value });
    expect(make).toThrow(new ConfigurationError(`${option} must be >= 0, not ${value}`));
    expect(make).toThrow(ConfigurationError);
    expect(calls).toHaveLength(0);
    // Zero is a setting (no retries, no timeout, no wait), not a mistake.
    expect(() =>
      createProviderClient(headerProvider, table, { authId: "a", authToken: "t", fetch, [option]: 0 }),
    ).not.toThrow();
  });
});

describe("servers and regions", () => {
  const regional = (options: Record<string, unknown>) => {
    const recorder = recordingFetch();
    const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
      regionalProvider,
      table,
      {
        apiKey: "k",
        fetch: recorder.fetch,
        ...options,
      },
    );
    return { client, calls: recorder.calls };
  };

  it.each([
    [undefined, "https://api.regional.test/v2/things"],
    ["us", "https://api.us.regional.test/v2/things"],
    ["eu", "https://api.eu.regional.test/v2/things"],
  ])("region %s goes to %s", async (region, url) => {
    const { client, calls } = regional(region ? { region } : {});
    await client.listThings();
    expect(calls[0]!.url).toBe(url);
  });

  it("lets baseUrl override any region", async () => {
    const { client, calls } = regional({ region: "eu", baseUrl: "http://127.0.0.1:9/mock//" });
    expect(client.baseUrl).toBe("http://127.0.0.1:9/mock");
    await client.listThings();
    expect(calls[0]!.url).toBe("http://127.0.0.1:9/mock/things");
  });

  it("refuses a baseUrl with a query or a fragment, which the paths would be appended to", () => {
    // `https://proxy/x?tenant=1` sent DELETE /x?tenant=1/things/1: to /x, answered 2xx.
    for (const baseUrl of ["http://127.0.0.1:9/x?tenant=1", "http://127.0.0.1:9/x#frag"])
      expect(() => regional({ baseUrl })).toThrow(
        new ConfigurationError("Regional: baseUrl cannot hold a query or fragment"),
      );
  });

  it("rejects an unknown region, listing the known ones", () => {
    expect(() => regional({ region: "mars" })).toThrow(/unknown region "mars" \(known: global, us, eu\)/);
  });

  it("sends an operation with its own server there, unless baseUrl points the whole client elsewhere", async () => {
    const uploads = {
      listThings: ["GET", "/things"],
      upload: ["POST", "/files", { server: "https://upload.regional.test/v1/" }],
    } as const satisfies OperationTable;
    for (const [options, expected] of [
      [{}, ["https://api.regional.test/v2/things", "https://upload.regional.test/v1/files"]],
      // A region picks the client's server; the operation's own is still its own.
      [{ region: "eu" }, ["https://api.eu.regional.test/v2/things", "https://upload.regional.test/v1/files"]],
      // baseUrl is where a mock or proxy listens: every operation goes there.
      [
        { baseUrl: "http://127.0.0.1:9/mock" },
        ["http://127.0.0.1:9/mock/things", "http://127.0.0.1:9/mock/files"],
      ],
    ] as const) {
      const { fetch, calls } = recordingFetch();
      const client: any = createProviderClient(regionalProvider, uploads, { apiKey: "k", fetch, ...options });
      await client.listThings();
      await client.upload();
      expect(calls.map((call) => call.url)).toEqual(expected);
    }
  });
});

describe("operation methods", () => {
  it("reads a row as generated, which lists neither path nor query names: the template's names are path parameters, the rest query", async () => {
    const generated = {
      getThing: [
        "GET",
        "/accounts/{account_id}/things/{thing_id}",
        { header: ["X-Trace"], writeQuery: serializeQuery },
      ],
      putThing: ["PUT", "/things/{thing_id}", { body: "application/json" }],
    } as const satisfies OperationTable;
    const { fetch, calls } = recordingFetch();
    const client: any = createProviderClient(headerProvider, generated, {
      authId: "MA_ID",
      authToken: "s3cret-token",
      fetch,
    });
    await client.getThing({ thing_id: "t", limit: 5, "X-Trace": "x", cursor: undefined });
    expect(calls[0]!.url).toBe("https://api.acme.test/accounts/MA_ID/things/t?limit=5");
    expect(calls[0]!.headers["x-trace"]).toBe("x");
    // A row with no query parameters has no query writer: an input it does not know is refused by name, an
    // undefined one is no input.
    await client.putThing({ thing_id: "t", body: { a: 1 }, note: undefined });
    expect(calls[1]).toMatchObject({ url: "https://api.acme.test/things/t", body: '{"a":1}' });
    await expect(client.putThing({ thing_id: "t", note: "n" })).rejects.toThrow(
      new TypeError('acme.putThing: no parameter "note"'),
    );
    // An operation that takes a body, called without one, sends none and says nothing of its type.
    await client.putThing({ thing_id: "t" });
    expect(calls[2]).toMatchObject({ url: "https://api.acme.test/things/t", body: "" });
    expect(calls[2]!.headers).not.toHaveProperty("content-type");
    expect(calls).toHaveLength(3);
  });

  it("puts each input where the table says: path, query, header, body", async () => {
    const { client, calls } = acme();
    await client.listThings({ "page[size]": 5, filter: "x" });
    await client.createThing({ body: { name: "n" }, "Idempotency-Key": "k1" });
    // Bracketed names stay literal, as Telnyx documents them (`page[size]=5`).
    expect(calls[0]!.url).toBe("https://api.acme.test/things?page[size]=5&filter=x");
    expect(calls[1]).toMatchObject({ method: "POST", body: '{"name":"n"}' });
    expect(calls[1]!.headers["idempotency-key"]).toBe("k1");
    expect(calls[1]!.headers["content-type"]).toBe("application/json");
  });

  it("sends the media type the spec names, over a client-level Content-Type; the call's own wins", async () => {
    const vendor = {
      patchThing: ["PATCH", "/things/{id}", { body: "application/vnd.api+json", header: ["Content-Type"] }],
    } as const satisfies OperationTable;
    const { fetch, calls } = recordingFetch();
    const client: any = createProviderClient(headerProvider, vendor, {
      authId: "MA_ID",
      authToken: "s3cret-token",
      headers: { "Content-Type": "application/json" },
      fetch,
    });
    await client.patchThing({ id: "1", body: { data: {} } });
    await client.patchThing(
      { id: "1", body: { data: {} } },
      { headers: { "content-type": "application/json" } },
    );
    await client.patchThing({
      id: "1",
      body: { data: {} },
      "Content-Type": "application/vnd.api+json; ext=x",
    });
    expect(calls.map((call) => call.headers["content-type"])).toEqual([
      "application/vnd.api+json",
      "application/json",
      "application/vnd.api+json; ext=x",
    ]);
  });

  it("asks for the media type the spec answers with, unless the call asks for another; leaves undefined headers out", async () => {
    const files = {
      getRecording: [
        "GET",
        "/recordings/{id}",
        { accept: "audio/mpeg", response: "blob", header: ["X-Trace"] },
      ],
      getThing: ["GET", "/things/{id}", { header: ["X-Trace"] }],
    } as const satisfies OperationTable;
    const { fetch, calls } = recordingFetch();
    const client: any = createProviderClient(headerProvider, files, { authId: "a", authToken: "t", fetch });
    await client.getRecording({ id: "1" });
    await client.getRecording({ id: "1" }, { headers: { Accept: "audio/wav" } });
    await client.getThing({ id: "1", "X-Trace": undefined });
    await client.getRecording({ id: "1", "X-Trace": undefined }, { headers: { "X-Auth-Token": null } });
    expect(calls.map((call) => call.headers.accept)).toEqual([
      "audio/mpeg",
      "audio/wav",
      undefined,
      "audio/mpeg",
    ]);
    for (const call of calls) expect(call.headers).not.toHaveProperty("x-trace");
    // null removes a header, a credential's too, as in openapi-fetch.
    expect(calls[3]!.headers).not.toHaveProperty("x-auth-token");
  });

  it("throws a TypeError for a missing or empty path parameter instead of requesting a literal {thing_id}", async () => {
    const { client, calls } = acme();
    for (const thing_id of [undefined, null, ""]) {
      await expect(client.deleteThing({ thing_id } as never)).rejects.toThrow(
        new TypeError('acme.deleteThing: missing path parameter "thing_id"'),
      );
    }
    // Zero and false are values, not missing ones.
    await client.deleteThing({ thing_id: 0 } as never);
    await client.deleteThing({ thing_id: false } as never);
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual([
      "/accounts/MA_ID/things/0",
      "/accounts/MA_ID/things/false",
    ]);
  });

  it("returns data and no error on success", async () => {
    const { client } = acme({}, () => json(200, { id: 1 }));
    const result = await client.listThings();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ id: 1 });
    expect(result.response?.status).toBe(200);
  });

  it("returns undefined data for 204", async () => {
    const { client } = acme({}, () => new Response(null, { status: 204 }));
    const result = await client.deleteThing({ thing_id: "t" });
    expect(result.data).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(204);
  });

  it.each([
    [400, "bad_request"],
    [401, "authentication"],
    [403, "permission"],
    [404, "not_found"],
    [409, "conflict"],
    [422, "unprocessable"],
    [429, "rate_limited"],
    [410, "client"],
    [503, "server"],
  ])("turns HTTP %i into an error of kind %s, even with an empty body", async (status, kind) => {
    const { client } = acme({ maxRetries: 0 }, () => new Response(null, { status }));
    const { data, error } = await client.deleteThing({ thing_id: "t" });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ kind, status, provider: "acme", operation: "deleteThing", attempts: 1 });
  });

  it.each([
    [
      "Telnyx",
      {
        errors: [
          {
            code: "10005",
            title: "Resource not found",
            detail: "The requested resource could not be found.",
          },
        ],
      },
      "10005",
      "The requested resource could not be found.: Resource not found",
    ],
    ["Vobiz", { error: "IP ACL not found", code: 404 }, "404", "IP ACL not found"],
    ["Bolna", { error: 404, message: "trunk not found" }, "404", "trunk not found"],
  ])("reads the provider's code and message from a %s error body", async (_, body, code, message) => {
    const { client } = acme({}, () => json(404, body, { "x-request-id": "req-1" }));
    const { error } = await client.deleteThing({ thing_id: "t" });
    expect(error).toMatchObject({ code, requestId: "req-1", body });
    expect(error!.message).toContain(message);
  });

  it.each([
    ["a detail alone (Django REST framework)", { detail: "Not found." }, undefined, "Not found."],
    ["a title alone", { errors: [{ title: "Forbidden" }] }, undefined, "Forbidden"],
    [
      "OAuth's error code",
      { error: "invalid_token", error_description: "expired" },
      undefined,
      "invalid_token",
    ],
    ["a description alone", { error_description: "token expired" }, undefined, "token expired"],
    ["empty texts and a null code", { message: "", detail: "", code: null }, undefined, "not found"],
    ["a numeric code", { code: 7, message: "gone" }, "7", "gone"],
    ["a numeric error alone, as a code", { error: 404 }, "404", "not found"],
    ["texts of other types", { message: 42, detail: { a: 1 }, error: true }, undefined, "not found"],
    ["a body of another shape", [1, 2], undefined, "not found"],
    [
      "a nested error (Stripe's, OpenAI's)",
      { error: { type: "invalid_request_error", code: "resource_missing", message: "No such call" } },
      "resource_missing",
      "No such call",
    ],
    [
      "a nested error with a numeric code (Google's)",
      { error: { code: 404, message: "Call not found", status: "NOT_FOUND" } },
      "404",
      "Call not found",
    ],
    [
      "a nested error's code beside a top-level message",
      { message: "gone", error: { code: "e1" } },
      "e1",
      "gone",
    ],
    [
      "Deepgram's err_code and err_msg",
      { err_code: "INVALID_AUTH", err_msg: "Invalid credentials." },
      "INVALID_AUTH",
      "Invalid credentials.",
    ],
    [
      "NestJS's list of messages (Vapi's)",
      {
        message: ["name must be a string", "voice should not be empty"],
        error: "Bad Request",
        statusCode: 400,
      },
      undefined,
      "name must be a string; voice should not be empty",
    ],
    [
      "FastAPI's validation details (ElevenLabs')",
      {
        detail: [
          { loc: ["body", "text"], msg: "field required", type: "value_error.missing" },
          { msg: "too long" },
        ],
      },
      undefined,
      "field required; too long",
    ],
    [
      "a detail object (ElevenLabs')",
      { detail: { status: "voice_not_found", message: "A voice with that ID was not found." } },
      undefined,
      "A voice with that ID was not found.",
    ],
    ["a list of neither texts nor {msg}", { detail: [{ loc: ["x"] }, 3] }, undefined, "not found"],
  ])("reads %s from an error body, and falls back to the kind", async (_, body, code, message) => {
    const { client } = acme({}, () => json(404, body));
    const { error } = await client.deleteThing({ thing_id: "t" });
    expect(error!.code).toBe(code);
    expect(error!.message).toBe(`acme.deleteThing: 404 not_found: ${message}`);
    // An HTTP error has no cause: nothing underneath it failed.
    expect(error).not.toHaveProperty("cause");
  });

  it("says the status line's reason phrase where the body has no message (an empty 503), not the kind again", async () => {
    const { client } = acme({}, () => new Response(null, { status: 503, statusText: "Service Unavailable" }));
    const { error } = await client.deleteThing({ thing_id: "t" }, { maxRetries: 0 });
    expect(error!.message).toBe("acme.deleteThing: 503 server: Service Unavailable");
    // A message of the body's own comes first.
    const described = acme({}, () => json(404, { message: "gone" }));
    const { error: gone } = await described.client.deleteThing({ thing_id: "t" });
    expect(gone!.message).toBe("acme.deleteThing: 404 not_found: gone");
  });

  it("makes an error a test can stand in for a failed call: one attempt, the usual message, no cause", () => {
    const error = new SwitchboardError({
      kind: "rate_limited",
      provider: "acme",
      operation: "deleteThing",
      status: 429,
    });
    expect(error).toMatchObject({ name: "SwitchboardError", kind: "rate_limited", status: 429, attempts: 1 });
    expect(error.message).toBe("acme.deleteThing: 429 rate_limited: rate limited");
    expect(error).not.toHaveProperty("cause");
    const cause = new Error("socket hang up");
    expect(new SwitchboardError({ kind: "connection", provider: "acme", cause, attempts: 3 })).toMatchObject({
      message: "acme: connection: connection",
      cause,
      attempts: 3,
    });
  });

  it("reads a text error body as the message, its first 500 characters", async () => {
    for (const [text, message] of [
      ["Service Unavailable", "Service Unavailable"],
      ["x".repeat(600), "x".repeat(500)],
      ["", "rate limited"],
    ]) {
      const { client } = acme(
        { maxRetries: 0 },
        () => new Response(text, { status: 429, headers: { "content-type": "text/plain" } }),
      );
      const { error } = await client.deleteThing({ thing_id: "t" });
      expect(error!.message).toBe(`acme.deleteThing: 429 rate_limited: ${message}`);
      expect(error!.code).toBeUndefined();
    }
  });

  it("reports a network failure as a connection error, not an exception", async () => {
    const { client } = acme({ maxRetries: 0 }, () => {
      throw new TypeError("fetch failed");
    });
    const { error } = await client.deleteThing({ thing_id: "t" });
    expect(error).toMatchObject({ kind: "connection", provider: "acme", operation: "deleteThing" });
  });

  it("says why a request got no response: fetch's message and its cause's code, else the cause's message", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    for (const [thrown, message] of [
      [new TypeError("fetch failed", { cause: refused }), "fetch failed (ECONNREFUSED)"],
      [
        new TypeError("fetch failed", { cause: new Error("other side closed") }),
        "fetch failed (other side closed)",
      ],
      [new TypeError("fetch failed"), "fetch failed"],
      ["a thrown string", "a thrown string"],
    ] as const) {
      // No timeout and no signal: fetch is given no signal at all, and the failure is still a connection's.
      const { client } = acme({ maxRetries: 0, timeout: 0 }, () => {
        throw thrown;
      });
      const { error } = await client.deleteThing({ thing_id: "t" });
      expect(error).toMatchObject({
        kind: "connection",
        message: `acme.deleteThing: connection: ${message}`,
      });
      expect(error!.cause).toBe(thrown);
    }
  });

  it("throws what a middleware throws to the caller: it is the app's exception, not the provider's failure", async () => {
    const boom = new Error("signing key missing");
    const { client, calls } = acme({
      middleware: [
        {
          onRequest: () => {
            throw boom;
          },
        },
      ],
    });
    await expect(client.deleteThing({ thing_id: "t" })).rejects.toBe(boom);
    expect(calls).toHaveLength(0);
  });

  it.each(["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"])(
    "reads the request id from %s",
    async (header) => {
      const { client } = acme({ maxRetries: 0 }, () => json(404, {}, { [header]: "req-42" }));
      const { error } = await client.deleteThing({ thing_id: "t" });
      expect(error!.requestId).toBe("req-42");
    },
  );

  it("sets no timer for a timeout past what timers can hold (2^31 ms), rather than one that fires at once", async () => {
    // As fetch does: the answer comes 20 ms later, unless the request's signal aborts first.
    const slow = (request: Request) =>
      new Promise<Response>((resolve, reject) => {
        if (request.signal.aborted) return reject(request.signal.reason);
        const timer = setTimeout(() => resolve(json(200, { ok: true })), 20);
        request.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    for (const timeout of [2 ** 31, Number.POSITIVE_INFINITY, 0]) {
      const { client } = acme({ timeout }, slow);
      expect((await client.deleteThing({ thing_id: "t" })).data).toEqual({ ok: true });
    }
    const { client } = acme({ timeout: 1, maxRetries: 0 }, slow);
    expect((await client.deleteThing({ thing_id: "t" })).error).toMatchObject({
      kind: "timeout",
      message: "acme.deleteThing: timeout: attempt timed out after 1 ms",
    });
    const controller = new AbortController();
    const call = acme({ maxRetries: 0 }, slow).client.deleteThing(
      { thing_id: "t" },
      { signal: controller.signal },
    );
    controller.abort();
    expect((await call).error).toMatchObject({
      kind: "aborted",
      message: "acme.deleteThing: aborted: aborted by the caller",
    });
  });

  it("logs each attempt: what it sends at debug, a retry at warn, the outcome at info", async () => {
    const { lines, logger } = capture();
    let answered = 0;
    const { client } = acme({ logLevel: "debug", logger }, () =>
      answered++ === 0 ? json(503, {}, { "retry-after-ms": "0", "x-request-id": "req-1" }) : json(200, {}),
    );
    const now = vi.spyOn(Date, "now");
    for (const ms of [1_000, 1_040, 2_000, 2_005]) now.mockReturnValueOnce(ms);
    try {
      await client.deleteThing({ thing_id: "t" });
    } finally {
      now.mockRestore();
    }
    // The account id in the path is a credential (X-Auth-ID), so the log redacts it.
    const url = "https://api.acme.test/accounts/***/things/t";
    expect(lines).toEqual([
      `[switchboard] deleteThing DELETE ${url} (attempt 1)`,
      `[switchboard] deleteThing DELETE ${url} → 503 in 40 ms (attempt 1, request id req-1); retrying in 0 ms`,
      `[switchboard] deleteThing DELETE ${url} (attempt 2)`,
      `[switchboard] deleteThing DELETE ${url} → 200 in 5 ms (attempt 2)`,
    ]);
  });
});

/** What `make` throws, to read it as a log would print it. */
function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (thrown) {
    return thrown;
  }
  throw new Error("nothing thrown");
}
