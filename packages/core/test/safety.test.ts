/**
 * What an outside probe found (issue 13), pinned: credentials echoed in any encoding stay out of errors and
 * logs, credentials a header cannot carry fail when the client is made, one signal shared by many calls gets
 * one listener, exactly which statuses are retried, and the User-Agent.
 */
import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createProviderClient,
  type ProviderDefinition,
  type SwitchboardError,
} from "../src/index.js";
import {
  basicProvider,
  capture,
  type FixturePaths,
  headerProvider,
  json,
  queryProvider,
  recordingFetch,
  regionalProvider,
  table,
} from "./fixtures.js";

/** Characters every encoding changes: `/` (JSON's `\/`), `+`, `=`, `%`, and a non-ASCII letter. */
const KEY = "sk_live/PROBE+SECRET=100%é";

/** The forms a server may echo a secret in. */
const forms = (secret: string): Record<string, string> => ({
  plain: secret,
  "JSON, slashes escaped": JSON.stringify(secret).slice(1, -1).replace(/\//g, "\\/"),
  // One escape per UTF-16 code unit, as JSON writes them: a character beyond the BMP is two.
  "JSON, every character escaped": secret
    .split("")
    .map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`)
    .join(""),
  percent: encodeURIComponent(secret),
  "percent, lower case": encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  "percent, every byte": [...new TextEncoder().encode(secret)]
    .map((b) => `%${b.toString(16).padStart(2, "0")}`)
    .join(""),
});

function printed(error: SwitchboardError | undefined, lines: string[]): string[] {
  return [
    error!.message,
    JSON.stringify(error!.body),
    String(error!.rawBody),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    ...lines,
  ];
}

/** A client whose server answers 401 with `echo` in its JSON body, twice. */
function echoing<P extends ProviderDefinition>(provider: P, options: Record<string, unknown>, echo: string) {
  const { lines, logger } = capture();
  // Written by hand, not with JSON.stringify: `echo` is already in the form the server wrote it in.
  const body = `{"detail":"invalid key ${echo}","errors":[{"detail":"${echo}"}]}`;
  const { fetch } = recordingFetch(
    () => new Response(body, { status: 401, headers: { "Content-Type": "application/json" } }),
  );
  const client = createProviderClient<FixturePaths, typeof table, P>(provider, table, {
    ...options,
    fetch,
    maxRetries: 0,
    logLevel: "debug",
    logger,
  } as never);
  return { client, lines };
}

describe("credentials echoed back", () => {
  it.each(Object.entries(forms(KEY)))("never leave a bearer key echoed %s", async (_, echoed) => {
    const { client, lines } = echoing(regionalProvider, { apiKey: KEY }, echoed);
    const { error } = await client.listThings();
    expect(error?.kind).toBe("authentication");
    for (const text of printed(error, lines)) {
      expect(text).not.toContain(echoed);
      expect(text).not.toContain(KEY);
    }
    expect(error!.body).toEqual({ detail: "invalid key ***", errors: [{ detail: "***" }] });
  });

  it.each(Object.entries(forms(KEY)))("never leave a query key echoed %s", async (_, echoed) => {
    const { client, lines } = echoing(queryProvider, { key: KEY }, echoed);
    const { error } = await client.listThings();
    for (const text of printed(error, lines)) expect(text).not.toContain(echoed);
  });

  // A query string carries what a header cannot: a character beyond the BMP (two JSON escapes, four bytes
  // percent-encoded) and a control character (one byte below 0x10: `%01`, `\u0001`).
  const QUERY_KEY = `${KEY}😀\u0001`;
  it.each(Object.entries(forms(QUERY_KEY)))(
    "never leave a query key of any character echoed %s",
    async (_, echoed) => {
      const { client, lines } = echoing(queryProvider, { key: QUERY_KEY }, echoed);
      const { error } = await client.listThings();
      for (const text of printed(error, lines)) expect(text).not.toContain(echoed);
      expect(error!.body).toEqual({ detail: "invalid key ***", errors: [{ detail: "***" }] });
    },
  );

  it("redact the longer of two credentials whole, when one holds the other", async () => {
    const { client, lines } = echoing(
      headerProvider,
      { authId: "MA_1234", authToken: "MA_1234_token" },
      "MA_1234_token",
    );
    const { error } = await client.listThings();
    for (const text of printed(error, lines)) expect(text).not.toContain("_token");
    expect(error!.body).toEqual({ detail: "invalid key ***", errors: [{ detail: "***" }] });
  });

  it("leave values shorter than 4 characters alone, and redact one of 4", async () => {
    const { client } = echoing(basicProvider, { user: "abc", password: "wxyz" }, "abc wxyz");
    const { error } = await client.listThings();
    expect(error!.body).toEqual({ detail: "invalid key abc ***", errors: [{ detail: "abc ***" }] });
  });

  it("never leave basic-auth credentials, their base64 included", async () => {
    const token = btoa(`${"user/name"}:${KEY}`);
    for (const echoed of [token, ...Object.values(forms(token)), "user/name"]) {
      const { client, lines } = echoing(basicProvider, { user: "user/name", password: KEY }, echoed);
      const { error } = await client.listThings();
      for (const text of printed(error, lines)) expect(text).not.toContain(echoed);
    }
  });
});

describe("credentials a header cannot carry", () => {
  it.each([
    ["a line break", "sk_live_abc\n"],
    ["a carriage return inside", "sk_live\rabc"],
    ["a NUL", "sk\u0000live"],
    ["a leading space", " sk_live_abc"],
    ["a trailing tab", "sk_live_abc\t"],
    ["a character beyond Latin-1", "sk_live_€"],
    ["a control character Node's fetch would not send", "sk_live\u0001abc"],
    ["a DEL", "sk_live_abc\u007f"],
    ["a no-break space at the end (a copy-paste slip)", "sk_live_abc\u00a0"],
  ])("are refused when the client is made: %s", (_, key) => {
    const { fetch, calls } = recordingFetch();
    const make = () =>
      createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(regionalProvider, table, {
        apiKey: key,
        fetch,
      });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(/Regional: `apiKey` is no valid header value/);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ["visible ASCII", "sk_live_AbC-123.~+/="],
    ["spaces and tabs inside", "key with\tinner space"],
    ["Latin-1's upper half", "clé_secrète"],
  ])("are accepted, and sent as they are: %s", async (_, key) => {
    const { fetch, calls } = recordingFetch();
    await createProviderClient<FixturePaths, typeof table, typeof headerProvider>(headerProvider, table, {
      authId: "MA_ID",
      authToken: key,
      fetch,
    }).listThings({});
    expect(calls[0]!.headers["x-auth-token"]).toBe(key);
  });

  it("are refused in custom headers and basic auth too, naming the credential but never showing it", () => {
    const header = () =>
      createProviderClient(headerProvider, table, { authId: "MA_ID", authToken: "tok\r\nX-Injected: 1" });
    const basic = () => createProviderClient(basicProvider, table, { user: "ü\u2028", password: "p" });
    expect(header).toThrow(/`authToken`/);
    expect(basic).toThrow(/`user`/);
    expect(() => header()).not.toThrow(/Injected/);
  });

  it("are fine in a query string, which encodes them", async () => {
    const { fetch, calls } = recordingFetch();
    await createProviderClient<FixturePaths, typeof table, typeof queryProvider>(queryProvider, table, {
      key: "line\nbreak €",
      fetch,
    }).listThings({});
    expect(new URL(calls[0]!.url).searchParams.get("key")).toBe("line\nbreak €");
  });
});

describe("a signal shared by many calls", () => {
  it("gets one listener, however many calls wait on it, in flight or before a retry", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const shared = new AbortController();
      let listening = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { fetch } = recordingFetch(async () => {
        listening = Math.max(listening, getEventListeners(shared.signal, "abort").length);
        await held;
        return json(503, {}, { "retry-after-ms": "0" });
      });
      const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
        regionalProvider,
        table,
        { apiKey: "k", fetch },
      );
      const calls = Array.from({ length: 30 }, () => client.listThings({}, { signal: shared.signal }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      release();
      const results = await Promise.all(calls);
      expect(results.every(({ error }) => error?.kind === "server")).toBe(true);
      expect(listening).toBe(1);
      expect(getEventListeners(shared.signal, "abort").length).toBeLessThanOrEqual(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("still aborts every call that shares it", async () => {
    const shared = new AbortController();
    const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
      regionalProvider,
      table,
      {
        apiKey: "k",
        fetch: (request) =>
          new Promise<Response>((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason)),
          ),
      },
    );
    const calls = Array.from({ length: 12 }, () => client.listThings({}, { signal: shared.signal }));
    shared.abort();
    for (const { error } of await Promise.all(calls)) expect(error?.kind).toBe("aborted");
  });
});

describe("retries by status", () => {
  it("retries exactly 408, 409, 429 and every 5xx, of every status from 300 to 599", async () => {
    const retried: number[] = [];
    for (let status = 300; status <= 599; status++) {
      const { fetch, calls } = recordingFetch(
        () => new Response(status === 304 ? null : "{}", { status, headers: { "retry-after-ms": "0" } }),
      );
      const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
        regionalProvider,
        table,
        { apiKey: "k", fetch, maxRetries: 1 },
      );
      await client.listThings({});
      if (calls.length > 1) retried.push(status);
    }
    const fiveHundreds = Array.from({ length: 100 }, (_, i) => 500 + i);
    expect(retried).toEqual([408, 409, 429, ...fiveHundreds]);
  });
});

describe("the User-Agent", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("names the runtime that names itself (Deno, Bun, workerd), else Node and its version", async () => {
    const versioned = { ...regionalProvider, packageVersion: "2.0.1" };
    const agent = async () => {
      const { fetch, calls } = recordingFetch();
      await createProviderClient<FixturePaths, typeof table, typeof versioned>(versioned, table, {
        apiKey: "k",
        fetch,
      }).listThings({});
      return calls[0]!.headers["user-agent"];
    };
    // Node 21+ names itself too (`Node.js/22`); Node 20 does not, and its version comes from `process`.
    const node =
      (globalThis as { navigator?: Navigator }).navigator?.userAgent ?? `node/${process.versions.node}`;
    expect(await agent()).toBe(`switchboard-regional/2.0.1 ${node}`);
    vi.stubGlobal("navigator", { userAgent: "Cloudflare-Workers" });
    expect(await agent()).toBe("switchboard-regional/2.0.1 Cloudflare-Workers");
    vi.stubGlobal("navigator", { userAgent: "Deno/2.1.4" });
    expect(await agent()).toBe("switchboard-regional/2.0.1 Deno/2.1.4");
  });

  it("gives way to the client's own", async () => {
    const { fetch, calls } = recordingFetch();
    await createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(regionalProvider, table, {
      apiKey: "k",
      fetch,
      headers: { "user-agent": "my-app/1.0" },
    }).listThings({});
    expect(calls[0]!.headers["user-agent"]).toBe("my-app/1.0");
  });
});

describe("the signal fetch is given", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** What the global fetch is called with, for clients without a `fetch` of their own. */
  const signalsGiven = async (options: { timeout?: number; signal?: AbortSignal }) => {
    const given: Array<AbortSignal | null | undefined> = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      given.push(init.signal);
      return json(200, {});
    });
    const client = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
      regionalProvider,
      table,
      { apiKey: "k", timeout: options.timeout },
    );
    const { error } = await client.listThings({}, { signal: options.signal });
    expect(error).toBeUndefined();
    return given;
  };

  // Node's fetch spends more on a signal than the rest of the call's own work: none is made for nothing.
  it("is none when the call has neither a time limit nor a caller's signal", async () => {
    expect(await signalsGiven({ timeout: 0 })).toEqual([undefined]);
    expect(await signalsGiven({ timeout: Number.POSITIVE_INFINITY })).toEqual([undefined]);
  });

  it("is a fresh one per attempt when there is a time limit or a caller's signal", async () => {
    const [limited] = await signalsGiven({});
    expect(limited).toBeInstanceOf(AbortSignal);
    const caller = new AbortController().signal;
    const [joined] = await signalsGiven({ timeout: 0, signal: caller });
    expect(joined).toBeInstanceOf(AbortSignal);
    expect(joined).not.toBe(caller);
  });
});
