/**
 * What importing the runtime loads. Every client imports it, composed one-call apps too, and only a whole
 * client's raw calls use openapi-fetch: loading openapi-fetch with the runtime made a composed app started
 * from node_modules take 1.2× openapi-fetch's own cold start (packages/scale's `bench:scale`).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, openProvider as provider, recordingFetch } from "./fixtures.js";

const loads = vi.hoisted(() => ({ openapiFetch: 0 }));
vi.mock("openapi-fetch", async (original) => {
  loads.openapiFetch++;
  return original();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("importing the runtime", () => {
  it("makes clients without fetch's classes: Node loads its fetch implementation (~40 ms) on first use", async () => {
    const { createProviderClient, composeProviderClient } = await import("../src/index.js");
    const { basicProvider, headerProvider, queryProvider, table } = await import("./fixtures.js");
    for (const name of ["fetch", "Headers", "Request", "Response", "FormData", "Blob"]) {
      vi.stubGlobal(name, undefined);
    }
    const made = [
      createProviderClient(headerProvider, table, { authId: "MA_ID", authToken: "secret-token" }),
      composeProviderClient(basicProvider, table, { user: "user", password: "secret" }),
      composeProviderClient(queryProvider, table, { key: "secret key" }),
    ];
    expect(made).toHaveLength(3);
  });

  it("loads openapi-fetch on a whole client's first raw call, not before", async () => {
    const { createProviderClient, composeProviderClient } = await import("../src/index.js");
    const recorder = recordingFetch(() => json(200, { ok: true }));
    const operations = { getThing: ["GET", "/things/{id}"] } as const;
    const composed: any = composeProviderClient(provider, operations, {
      fetch: recorder.fetch,
      maxRetries: 0,
    });
    const whole: any = createProviderClient(provider, operations, { fetch: recorder.fetch, maxRetries: 0 });
    expect((await composed.getThing({ id: "a" })).data).toEqual({ ok: true });
    expect((await whole.getThing({ id: "b" })).data).toEqual({ ok: true });
    expect(loads.openapiFetch).toBe(0);

    const { data } = await whole.GET("/things/{id}", { params: { path: { id: "c" }, query: { q: [1, 2] } } });
    expect(data).toEqual({ ok: true });
    expect(loads.openapiFetch).toBe(1);
    await whole.GET("/things/{id}", {
      params: { path: { id: "d" } },
      querySerializer: { array: { style: "pipeDelimited" } },
    });
    expect(loads.openapiFetch).toBe(1);
    expect(recorder.calls.map((call) => call.url)).toEqual([
      "https://api.open.test/v1/things/a",
      "https://api.open.test/v1/things/b",
      "https://api.open.test/v1/things/c?q=1&q=2",
      "https://api.open.test/v1/things/d",
    ]);
  });
});
