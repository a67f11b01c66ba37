/**
 * Path parameters reach only their own segment of the intended path: checked on the URL fetch is given
 * and on the path a real HTTP server receives, for ids built to escape it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProviderClient } from "../src/index.js";
import { type FaultServer, json, startFaultServer } from "./faults/harness.js";
import { type FixturePaths, headerProvider, recordingFetch, table } from "./fixtures.js";

const HOSTILE = [
  "../numbers/x",
  "a/b",
  "a?b",
  "a#b",
  "%2F",
  "+14155550100",
  "..%2F..",
  "x/../../y",
  "a b&c=d",
];

// A server per test, so a test that fails or times out leaves nothing (a script, a request) to the next.
let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(() => server.close());

const client = (options: Record<string, unknown>) =>
  createProviderClient<FixturePaths, typeof table, typeof headerProvider>(headerProvider, table, {
    authId: "MA_ID",
    authToken: "token-1234",
    maxRetries: 0,
    ...options,
  });

describe("path parameters", () => {
  it.each(HOSTILE)("keeps %j inside its segment on the wire", async (id) => {
    server.script(json(200, { ok: true }));
    const { error } = await client({ baseUrl: `${server.origin}/base` }).deleteThing({ thing_id: id });
    expect(error).toBeUndefined();
    const { url } = server.received[0]!;
    const segments = url.split("/");
    // "", base, accounts, MA_ID, things, <id>: nothing added, nothing removed, no query, no fragment.
    expect(segments.slice(0, 5)).toEqual(["", "base", "accounts", "MA_ID", "things"]);
    expect(segments).toHaveLength(6);
    expect(decodeURIComponent(segments[5]!)).toBe(id);
    expect(url).not.toContain("?");
  });

  it.each(HOSTILE)("hands fetch a URL whose parsed path still ends in %j", async (id) => {
    const { fetch, calls } = recordingFetch();
    await client({ fetch }).deleteThing({ thing_id: id, account_id: id });
    const parsed = new URL(calls[0]!.url);
    expect(parsed.origin).toBe("https://api.acme.test");
    expect(parsed.search).toBe("");
    expect(parsed.hash).toBe("");
    const segments = parsed.pathname.split("/").map(decodeURIComponent);
    expect(segments).toEqual(["", "accounts", id, "things", id]);
  });

  it("encodes E.164 numbers so + is not read as a space", async () => {
    const { fetch, calls } = recordingFetch();
    await client({ fetch }).deleteThing({ thing_id: "+14155550100" });
    expect(calls[0]!.url).toBe("https://api.acme.test/accounts/MA_ID/things/%2B14155550100");
  });

  it.each([".", ".."])("refuses %j, which no URL can carry as a segment, before any request", async (id) => {
    const { fetch, calls } = recordingFetch();
    await expect(client({ fetch }).deleteThing({ thing_id: id })).rejects.toThrow(
      new TypeError(`acme.deleteThing: path parameter "thing_id" cannot be "${id}"`),
    );
    expect(calls).toHaveLength(0);
  });

  it("refuses on raw calls exactly the values URLs resolve away, and empty ones", async () => {
    const { fetch, calls } = recordingFetch();
    const acme = client({ fetch });
    const remove = (thing_id: unknown) =>
      acme.DELETE("/accounts/{account_id}/things/{thing_id}", {
        params: { path: { account_id: "MA_ID", thing_id } as { account_id: string; thing_id: string } },
      });
    for (const kept of ["a.", ".a", "...", "v1.2", "%2e"]) await remove(kept);
    expect(calls.map((call) => call.url.split("/things/")[1])).toEqual(["a.", ".a", "...", "v1.2", "%252e"]);
    for (const dots of [".", ".."]) {
      await expect(remove(dots)).rejects.toThrow(
        new TypeError(
          `acme.DELETE /accounts/{account_id}/things/{thing_id}: a path parameter makes the segment "${dots}", which URLs resolve away`,
        ),
      );
    }
    for (const missing of ["", null, undefined]) {
      await expect(remove(missing)).rejects.toThrow(/: missing path parameter "thing_id"/);
    }
    expect(calls).toHaveLength(5);
  });

  it("encodes path parameters of raw calls too, and refuses dot segments there", async () => {
    const { fetch, calls } = recordingFetch();
    const acme = client({ fetch });
    await acme.DELETE("/accounts/{account_id}/things/{thing_id}", {
      // account_id is left out on purpose: the runtime fills it from the credential on raw calls too.
      params: { path: { thing_id: "a/../b" } as { account_id: string; thing_id: string } },
    });
    expect(calls[0]!.url).toBe("https://api.acme.test/accounts/MA_ID/things/a%2F..%2Fb");
    await expect(
      acme.DELETE("/accounts/{account_id}/things/{thing_id}", {
        params: { path: { account_id: "MA_ID", thing_id: ".." } },
      }),
    ).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(1);
  });
});
