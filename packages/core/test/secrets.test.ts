/**
 * Credentials never show: not in error messages (even when a server echoes them), not in log lines at any
 * level, not when a client or error is printed, not in what the onAttempt hook is told.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createProviderClient, type ProviderDefinition } from "../src/index.js";
import { createLog } from "../src/log.js";
import {
  capture,
  type FixturePaths,
  headerProvider,
  json,
  openProvider,
  recordingFetch,
  table,
} from "./fixtures.js";

const TOKEN = "s3cret-token-9f8e7d";
const AUTH_ID = "MA_SECRET_ID";

/** A provider that sends its key in the query string and a cookie too, to cover every place a secret goes. */
const queryProvider = {
  name: "query",
  title: "Query",
  servers: { default: "https://api.query.test" },
  defaultServer: "default",
  credentials: { key: { env: "QUERY_KEY" }, session: { env: "QUERY_SESSION" } },
  auth: [
    { type: "apiKey", in: "query", name: "api_key", credential: "key" },
    { type: "apiKey", in: "cookie", name: "session", credential: "session" },
  ],
  pathCredentials: {},
} as const satisfies ProviderDefinition;

describe("secrets", () => {
  it("keeps header credentials out of logs, errors, hooks and printed objects, even when echoed", async () => {
    const { lines, logger } = capture();
    const attempts: unknown[] = [];
    const echo = (request: Request) =>
      json(401, { error: `invalid token ${request.headers.get("x-auth-token")} for ${AUTH_ID}`, code: 401 });
    const { fetch } = recordingFetch(echo);
    const client = createProviderClient<FixturePaths, typeof table, typeof headerProvider>(
      headerProvider,
      table,
      {
        authId: AUTH_ID,
        authToken: TOKEN,
        fetch,
        logLevel: "debug",
        logger,
        onAttempt: (attempt) => attempts.push(attempt),
      },
    );
    const { error } = await client.deleteThing({ thing_id: "t" });
    expect(error?.message).toContain("invalid token ***");
    const printed = [
      ...lines,
      error!.message,
      String(error),
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(error),
      inspect(client, { depth: 10, showHidden: true }),
      String(client),
      JSON.stringify(client),
      inspect(attempts, { depth: 3 }),
    ];
    expect(lines.length).toBeGreaterThan(1);
    for (const text of printed) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(AUTH_ID);
    }
  });

  it("keeps a client's own Authorization out of errors and logs as a credential, even when echoed", async () => {
    // A token from the app's own OAuth flow, sent as the README shows: `headers: { Authorization }`.
    const { lines, logger } = capture();
    const echo = (request: Request) =>
      json(401, { error: `bad token ${request.headers.get("authorization")}` });
    const { fetch } = recordingFetch(echo);
    const client = createProviderClient<FixturePaths, typeof table, typeof openProvider>(
      openProvider,
      table,
      {
        headers: { Authorization: `Bearer ${TOKEN}` },
        fetch,
        logLevel: "debug",
        logger,
      },
    );
    const { error } = await client.deleteThing({ account_id: "acct", thing_id: "t" });
    expect(error?.message).toContain("bad token Bearer ***");
    for (const text of [...lines, error!.message, JSON.stringify(error), inspect(error, { depth: 10 })])
      expect(text).not.toContain(TOKEN);
  });

  it("redacts query-string and cookie credentials from URLs in logs and hooks", async () => {
    const { lines, logger } = capture();
    const urls: string[] = [];
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    const client = createProviderClient<FixturePaths, typeof table, typeof queryProvider>(
      queryProvider,
      table,
      {
        key: "query-key-123456",
        session: "cookie-session-abcdef",
        fetch,
        logLevel: "debug",
        logger,
        onAttempt: (attempt) => urls.push(attempt.url),
      },
    );
    await client.listThings({ filter: "x" });
    // The credentials do go out, where the provider wants them …
    expect(calls[0]!.url).toBe("https://api.query.test/things?filter=x&api_key=query-key-123456");
    expect(calls[0]!.headers.cookie).toBe("session=cookie-session-abcdef");
    // … and nowhere else.
    expect(urls).toEqual(["https://api.query.test/things?filter=x&api_key=***"]);
    for (const line of lines) {
      expect(line).not.toContain("query-key-123456");
      expect(line).not.toContain("cookie-session-abcdef");
    }
  });
});

describe("logging", () => {
  const run = async (options: Record<string, unknown>) => {
    const { lines, logger } = capture();
    const { fetch } = recordingFetch(() =>
      json(404, { message: "no such thing" }, { "x-request-id": "req-77" }),
    );
    const client = createProviderClient<FixturePaths, typeof table, typeof headerProvider>(
      headerProvider,
      table,
      {
        authId: "id",
        authToken: TOKEN,
        fetch,
        logger,
        env: {},
        ...options,
      },
    );
    await client.deleteThing({ thing_id: "t" });
    return lines;
  };

  it("is off by default", async () => {
    expect(await run({})).toEqual([]);
  });

  it("follows SWITCHBOARD_LOG, and an explicit logLevel over it", async () => {
    expect(await run({ env: { SWITCHBOARD_LOG: "error" } })).toEqual([
      expect.stringMatching(
        /^\[switchboard\] deleteThing DELETE https:\/\/api\.acme\.test\/accounts\/id\/things\/t → 404 in \d+ ms \(attempt 1, request id req-77\): acme\.deleteThing: 404 not_found: no such thing$/,
      ),
    ]);
    expect(await run({ env: { SWITCHBOARD_LOG: "debug" }, logLevel: "off" })).toEqual([]);
    expect(await run({ logLevel: "debug" })).toHaveLength(2);
  });

  it("warns about an unknown level and stays off", async () => {
    const lines = await run({ env: { SWITCHBOARD_LOG: "verbose" } });
    expect(lines).toEqual([expect.stringContaining('unknown log level "verbose"')]);
  });

  it("passes each level and the ones above it, and nothing when off", () => {
    const levels = ["error", "warn", "info", "debug"] as const;
    const passed = (level: string | undefined) => {
      const { lines, logger } = capture();
      const log = createLog(level, logger, (text) => text.replace("secret", "[redacted]"));
      for (const at of levels) log?.(at, `${at} secret`);
      return lines;
    };
    expect(passed("error")).toEqual(["[switchboard] error [redacted]"]);
    expect(passed("warn")).toEqual(["[switchboard] error [redacted]", "[switchboard] warn [redacted]"]);
    expect(passed("info")).toHaveLength(3);
    expect(passed("debug")).toEqual(levels.map((at) => `[switchboard] ${at} [redacted]`));
    // Off is no log at all, so a request pays one `if` for logging, not a call per line.
    for (const off of ["off", "", undefined])
      expect(createLog(off, capture().logger, String)).toBeUndefined();
    expect(passed("loud")).toEqual([
      '[switchboard] unknown log level "loud" (not off|error|warn|info|debug); logging is off',
    ]);
  });
});
