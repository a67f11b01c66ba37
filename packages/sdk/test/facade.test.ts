import { describe, expect, it } from "vitest";
import { ConfigurationError, createSwitchboard } from "../src/index.js";

const ok = () =>
  new Response(JSON.stringify({ data: {} }), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });

describe("createSwitchboard", () => {
  it("builds each provider's client only when it is first used", () => {
    const switchboard = createSwitchboard({ telnyx: { apiKey: "k" } });
    expect(switchboard.built()).toEqual([]);
    const telnyx = switchboard.telnyx;
    expect(switchboard.built()).toEqual(["telnyx"]);
    expect(switchboard.telnyx).toBe(telnyx);
  });

  it("refuses a provider's own option given as a shared one, which would apply to no provider", () => {
    // Left undefined (a config object's unset field), it is no mistake.
    expect(() => createSwitchboard({ baseUrl: undefined } as never)).not.toThrow();
    const given = { baseUrl: "http://127.0.0.1:9", apiKey: "k", maxRetries: 0 } as never;
    expect(() => createSwitchboard(given)).toThrow(
      new ConfigurationError(
        "createSwitchboard: `baseUrl`, `apiKey` are not shared options (those are fetch, env, maxRetries, timeout, maxRetryDelay, idempotencyHeader, logLevel, logger, onAttempt, headers, middleware); a provider's own options go under its name, as `bolna: { baseUrl: … }`",
      ),
    );
  });

  it("reports a provider's missing credentials only when that provider is used", () => {
    const switchboard = createSwitchboard({ env: {}, telnyx: { apiKey: "k" } });
    expect(() => switchboard.telnyx).not.toThrow();
    expect(() => switchboard.vobiz).toThrow(ConfigurationError);
    expect(() => switchboard.vobiz).toThrow(/VOBIZ_AUTH_ID/);
    expect(() => switchboard.vobiz).toThrow(
      /with createSwitchboard, the provider's options go under `vobiz: \{ … \}`/,
    );
    // Serialising or spreading the switchboard (a logger that walks it) builds no client, so throws for none.
    expect(() => JSON.stringify(switchboard)).not.toThrow();
    expect(() => ({ ...switchboard })).not.toThrow();
    expect(switchboard.built()).toEqual(["telnyx"]);
  });

  it("applies shared fetch, headers and middleware to every provider, then the provider's own", async () => {
    const seen: Array<{ url: string; headers: Headers }> = [];
    const order: string[] = [];
    const switchboard = createSwitchboard({
      fetch: async (request) => {
        seen.push({ url: request.url, headers: request.headers });
        return ok();
      },
      headers: { "User-Agent": "switchboard-test", "X-Shared": "1" },
      middleware: [{ onRequest: () => void order.push("shared") }],
      env: { VOBIZ_AUTH_ID: "MA_1", VOBIZ_AUTH_TOKEN: "t" },
      telnyx: {
        apiKey: "k",
        headers: { "X-Shared": "telnyx" },
        middleware: [{ onRequest: () => void order.push("telnyx") }],
      },
      synthflow: { apiKey: "s", region: "eu" },
    });
    await switchboard.telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
    await switchboard.synthflow.deletePhoneNumber({ phone_number_slug: "14155550100" });
    await switchboard.vobiz.deleteIpAcl({ ip_acl_id: "acl-1" });
    expect(seen.map((s) => s.url)).toEqual([
      "https://api.telnyx.com/v2/ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58",
      "https://api.eu.synthflow.ai/v2/numbers/14155550100",
      "https://api.vobiz.ai/api/v1/Account/MA_1/ip-acl/acl-1",
    ]);
    expect(seen.map((s) => s.headers.get("user-agent"))).toEqual(Array(3).fill("switchboard-test"));
    expect(seen.map((s) => s.headers.get("x-shared"))).toEqual(["telnyx", "1", "1"]);
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer k");
    expect(seen[1]!.headers.get("authorization")).toBe("Bearer s");
    expect(seen[2]!.headers.get("x-auth-token")).toBe("t");
    expect(order).toEqual(["shared", "telnyx", "shared", "shared"]);
  });

  it("merges headers given as Headers objects, and a provider's null removes a shared one", async () => {
    const seen: Headers[] = [];
    const switchboard = createSwitchboard({
      fetch: async (request) => {
        seen.push(request.headers);
        return ok();
      },
      headers: new Headers({ "X-Trace": "shared", "X-Tenant": "t1" }),
      telnyx: { apiKey: "k", headers: new Headers({ "x-trace": "abc" }) },
      synthflow: { apiKey: "s", headers: { "X-Tenant": null } },
    });
    await switchboard.telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
    await switchboard.synthflow.deletePhoneNumber({ phone_number_slug: "14155550100" });
    expect(seen.map((h) => [h.get("x-trace"), h.get("x-tenant")])).toEqual([
      ["abc", "t1"],
      ["shared", null],
    ]);
  });

  it("merges headers given as openapi-fetch takes them: [name, value] pairs and array values", async () => {
    const seen: Headers[] = [];
    const switchboard = createSwitchboard({
      fetch: async (request) => {
        seen.push(request.headers);
        return ok();
      },
      // As pairs, these were spread as entries "0" and "1": a header named `0`.
      headers: [
        ["X-Trace", "shared"],
        ["X-Tenant", "t1"],
      ],
      telnyx: { apiKey: "k", headers: { "X-Multi": ["a", "b"] }, requestInitExt: { keepalive: true } },
    });
    await switchboard.telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
    expect([...seen[0]!].filter(([name]) => name.startsWith("x-") || name === "0")).toEqual([
      ["x-multi", "a, b"],
      ["x-tenant", "t1"],
      ["x-trace", "shared"],
    ]);
  });

  it("applies shared runtime options (retries, hooks) to every provider, the provider's own winning", async () => {
    let calls = 0;
    const busy = async () => {
      calls++;
      return new Response(null, { status: 503, headers: { "retry-after-ms": "0" } });
    };
    const attempts: string[] = [];
    const switchboard = createSwitchboard({
      fetch: busy,
      maxRetries: 0,
      onAttempt: ({ provider, attempt }) => void attempts.push(`${provider} ${attempt}`),
      env: { VOBIZ_AUTH_ID: "MA_1", VOBIZ_AUTH_TOKEN: "t" },
      telnyx: { apiKey: "k", maxRetries: 1 },
    });
    const vobiz = await switchboard.vobiz.deleteIpAcl({ ip_acl_id: "acl-1" });
    const telnyx = await switchboard.telnyx.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });
    expect(vobiz.error).toMatchObject({ kind: "server", attempts: 1 });
    expect(telnyx.error).toMatchObject({ kind: "server", attempts: 2 });
    expect(calls).toBe(3);
    expect(attempts).toEqual(["vobiz 1", "telnyx 1", "telnyx 2"]);
  });
});
