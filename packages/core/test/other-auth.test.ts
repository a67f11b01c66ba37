import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createProviderClient,
  type OperationTable,
  otherAuth,
  type ProviderDefinition,
  serializeQuery,
} from "../src/index.js";
import { json, recordingFetch } from "./fixtures.js";

/**
 * A provider shaped like App Center: most operations take an API token in a header; its token endpoints
 * take HTTP Basic instead (otherAuth[0]), and a search endpoint a key in the query and a session cookie
 * (otherAuth[1]). Only the API token is needed to make a client.
 */
const center = {
  name: "center",
  title: "Center",
  servers: { default: "https://api.center.test/v0.1" },
  defaultServer: "default",
  credentials: {
    apiToken: { env: "CENTER_API_TOKEN" },
    username: { env: "CENTER_USERNAME", optional: true },
    password: { env: "CENTER_PASSWORD", optional: true },
    searchKey: { env: "CENTER_SEARCH_KEY", optional: true },
    session: { env: "CENTER_SESSION", optional: true },
  },
  auth: [{ type: "apiKey", in: "header", name: "X-API-Token", credential: "apiToken" }],
  otherAuth: [
    [{ type: "basic", username: "username", password: "password" }],
    [
      { type: "apiKey", in: "query", name: "key", credential: "searchKey" },
      { type: "apiKey", in: "cookie", name: "session", credential: "session" },
    ],
  ],
  pathCredentials: {},
} as const satisfies ProviderDefinition;

const table = {
  getApp: ["GET", "/apps/{app}"],
  listTokens: ["GET", "/api_tokens", { auth: otherAuth(center, 0) }],
  search: ["GET", "/search", { query: ["q"], writeQuery: serializeQuery, auth: otherAuth(center, 1) }],
  health: ["GET", "/health", { auth: false }],
} as const satisfies OperationTable;

const everything = {
  apiToken: "token-123456",
  username: "ada",
  password: "pa55-word",
  searchKey: "search-key-1",
  session: "session-id-1",
};

const make = (options: Record<string, unknown>, respond?: Parameters<typeof recordingFetch>[0]) => {
  const recorder = recordingFetch(respond);
  // Untyped paths: these tests are about what is sent, not about the methods' types.
  const client = createProviderClient<Record<string, never>, typeof table, typeof center>(center, table, {
    env: {},
    fetch: recorder.fetch,
    ...options,
  }) as unknown as Record<
    "getApp" | "listTokens" | "search" | "health",
    (input?: object) => Promise<{ error?: any }>
  > & { GET(path: string): Promise<{ error?: any }> };
  return { client, calls: recorder.calls };
};

describe("operations of another security requirement (otherAuth)", () => {
  it("sends each operation the credentials of its own requirement, with the client's default headers", async () => {
    const { client, calls } = make({ ...everything, headers: { "x-tenant": "t1", cookie: "theme=dark" } });
    await client.getApp({ app: "a" });
    await client.listTokens();
    await client.search({ q: "x" });
    await client.health();
    await client.GET("/api_tokens");
    const [app, tokens, search, health, raw] = calls.map((call) => call.headers);

    expect(app!["x-api-token"]).toBe("token-123456");
    expect(app).not.toHaveProperty("authorization");

    expect(tokens!.authorization).toBe(`Basic ${btoa("ada:pa55-word")}`);
    expect(tokens).not.toHaveProperty("x-api-token");
    expect(tokens!["x-tenant"]).toBe("t1");
    expect(tokens!["user-agent"]).toMatch(/^switchboard-center /);

    expect(new URL(calls[2]!.url).search).toBe("?q=x&key=search-key-1");
    expect(search!.cookie).toBe("theme=dark; session=session-id-1");
    expect(search).not.toHaveProperty("x-api-token");

    expect(health).not.toHaveProperty("x-api-token");
    expect(health).not.toHaveProperty("authorization");
    // A raw call of the same operation authenticates as its method does.
    expect(raw!.authorization).toBe(`Basic ${btoa("ada:pa55-word")}`);
    expect(raw).not.toHaveProperty("x-api-token");
  });

  it("needs only the default requirement's credentials to make a client; a call that needs more fails, before any request, naming them", async () => {
    const { client, calls } = make({ apiToken: "token-123456", username: "ada" });
    expect((await client.getApp({ app: "a" })).error).toBeUndefined();
    const failure = client.listTokens();
    await expect(failure).rejects.toThrow(ConfigurationError);
    await expect(failure).rejects.toThrow(
      "Center: missing `password` (or CENTER_PASSWORD), which listTokens sends",
    );
    await expect(client.GET("/api_tokens")).rejects.toThrow(/missing `password` \(or CENTER_PASSWORD\)/);
    await expect(client.search({ q: "x" })).rejects.toThrow(
      "Center: missing `searchKey` (or CENTER_SEARCH_KEY) and `session` (or CENTER_SESSION), which search sends",
    );
    expect(calls).toHaveLength(1);
    // The default requirement's credential is still needed to make one.
    expect(() => make({ username: "ada", password: "pa55-word" })).toThrow(
      "Center: missing `apiToken` (or CENTER_API_TOKEN)",
    );
  });

  it("reads an other requirement's credentials from the environment too", async () => {
    const { client, calls } = make({
      apiToken: "token-123456",
      env: { CENTER_USERNAME: "env-user", CENTER_PASSWORD: "env-pass" },
    });
    await client.listTokens();
    expect(calls[0]!.headers.authorization).toBe(`Basic ${btoa("env-user:env-pass")}`);
  });

  it("redacts what such a requirement derives from its credentials: the base64 a server echoes back", async () => {
    const encoded = btoa("ada:pa55-word");
    const { client } = make(everything, () => json(401, { detail: `bad credentials Basic ${encoded}` }));
    const { error } = await client.listTokens();
    expect(error.status).toBe(401);
    for (const text of [error.message, JSON.stringify(error.body), JSON.stringify(error)]) {
      expect(text).not.toContain(encoded);
    }
    expect(error.message).toContain("bad credentials Basic ***");
  });

  it("refuses a credential that is no valid header value at the call that would send it", async () => {
    const { client, calls } = make({ ...everything, password: "pa55\r\nX-Evil: 1" });
    await expect(client.listTokens()).rejects.toThrow(ConfigurationError);
    await expect(client.listTokens()).rejects.toThrow("Center: `password` is no valid header value");
    expect(calls).toHaveLength(0);
  });

  it("sends nothing, rather than failing, where the operation's security also lists {} (optional)", async () => {
    const open = {
      optionalTokens: ["GET", "/api_tokens", { auth: otherAuth(center, 0, { optional: true }) }],
    } as const satisfies OperationTable;
    const recorder = recordingFetch();
    const client = createProviderClient<Record<string, never>, typeof open, typeof center>(center, open, {
      apiToken: "token-123456",
      env: {},
      fetch: recorder.fetch,
    }) as unknown as { optionalTokens(): Promise<{ error?: unknown }> };
    expect((await client.optionalTokens()).error).toBeUndefined();
    expect(recorder.calls[0]!.headers).not.toHaveProperty("authorization");
    expect(recorder.calls[0]!.headers).not.toHaveProperty("x-api-token");

    // Given the credentials, the same operation sends them.
    const given = createProviderClient<Record<string, never>, typeof open, typeof center>(center, open, {
      apiToken: "token-123456",
      username: "ana",
      password: "pass-word",
      env: {},
      fetch: recorder.fetch,
    }) as unknown as { optionalTokens(): Promise<{ error?: unknown }> };
    expect((await given.optionalTokens()).error).toBeUndefined();
    expect(recorder.calls[1]!.headers.authorization).toBe(`Basic ${btoa("ana:pass-word")}`);
  });

  it("refuses a row that names a requirement the provider does not have", () => {
    expect(() => otherAuth(center, 2)).toThrow("Center: no security requirement otherAuth[2]");
    expect(() => otherAuth({ ...center, otherAuth: undefined }, 0)).toThrow(
      "Center: no security requirement otherAuth[0]",
    );
  });
});

describe("a token after another HTTP scheme word", () => {
  it("sends `Authorization: <word> <token>` (Deepgram's Token), and redacts the token from errors", async () => {
    const deep = {
      name: "deep",
      title: "Deep",
      servers: { default: "https://api.deep.test/v1" },
      defaultServer: "default",
      credentials: { apiKey: { env: "DEEP_API_KEY" } },
      auth: [{ type: "bearer", credential: "apiKey", scheme: "Token" }],
      pathCredentials: {},
    } as const satisfies ProviderDefinition;
    const recorder = recordingFetch(() => json(401, { err_msg: "bad key dg-secret-0123" }));
    const client = createProviderClient<
      Record<string, never>,
      { listKeys: readonly ["GET", "/keys"] },
      typeof deep
    >(
      deep,
      { listKeys: ["GET", "/keys"] },
      { env: {}, apiKey: "dg-secret-0123", fetch: recorder.fetch, maxRetries: 0 },
    ) as unknown as { listKeys(): Promise<{ error?: Error }> };
    const { error } = await client.listKeys();
    expect(recorder.calls[0]!.headers.authorization).toBe("Token dg-secret-0123");
    expect(error).toMatchObject({ kind: "authentication", body: { err_msg: "bad key ***" } });
    expect(JSON.stringify(error)).not.toContain("dg-secret-0123");
  });
});
