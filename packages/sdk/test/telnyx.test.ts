/**
 * The complete Telnyx API as users install it (`@switchboard/telnyx`, built): a method for every REST
 * operation of the vendored document under a unique name, an operation table that records paging, query
 * styles and body encoders, one subpath module per tag that together export every operation, and requests
 * written the way the API reads them. Every operation's contract cases run in contract.test.ts.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { formBody, multipartBody, paginate } from "@switchboard/core";
import { HTTP_METHODS } from "@switchboard/mock";
import { createTelnyxClient, endpoints } from "@switchboard/telnyx";
import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import { describe, expect, inject, it } from "vitest";
import { readSpec } from "./providers.js";

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("@switchboard/telnyx/package.json"));
const spec = readSpec("telnyx") as any;
const rows = endpoints as unknown as Record<string, readonly [string, string, Record<string, unknown>?]>;

/** Every operation of the bundled spec, and the ones served only over WebSockets. */
function specOperations() {
  const all: string[] = [];
  const webSocket: string[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths))
    for (const method of HTTP_METHODS) {
      if (!item[method]) continue;
      const key = `${method.toUpperCase()} ${path}`;
      all.push(key);
      const servers: Array<{ url: string }> | undefined = item[method].servers ?? item.servers;
      if (servers?.length && servers.every((s) => /^wss?:/.test(s.url))) webSocket.push(key);
    }
  return { all, webSocket };
}

const rowKey = ([method, path]: readonly [string, string, ...unknown[]]) => `${method} ${path}`;

describe("@switchboard/telnyx: the complete API", () => {
  it("has a method for every REST operation of the spec, and none for its WebSocket endpoints", () => {
    const { all, webSocket } = specOperations();
    expect(all.length).toBeGreaterThan(1000);
    expect(webSocket.sort()).toEqual(["GET /speech-to-text/transcription", "GET /text-to-speech/speech"]);
    expect(Object.values(rows).map(rowKey).sort()).toEqual(all.filter((k) => !webSocket.includes(k)).sort());
  });

  it("names operations sharing an operationId by what their own path adds", () => {
    expect(rows.listPhoneNumbers?.slice(0, 2)).toEqual(["GET", "/phone_numbers"]);
    expect(rows.listPhoneNumbersWhatsapp?.slice(0, 2)).toEqual(["GET", "/v2/whatsapp/phone_numbers"]);
  });

  it("records paging, query styles, encoders, open and per-operation-server operations in the table", () => {
    expect(rows.listPhoneNumbers?.[2]).toMatchObject({
      page: ["number", ["page", "number"], ["data"], ["meta", "total_pages"]],
      all: paginate,
    });
    const metas = Object.values(rows).map((row) => row[2] ?? {});
    expect(metas.some((m) => m.encode === multipartBody && m.body === "multipart/form-data")).toBe(true);
    expect(metas.some((m) => m.encode === formBody && m.body === "application/x-www-form-urlencoded")).toBe(
      true,
    );
    expect(metas.some((m) => m.response === "blob")).toBe(true);
    expect(metas.some((m) => m.auth === false)).toBe(true);
    expect(metas.some((m) => m.server === "https://api.telnyx.com")).toBe(true);
  });

  it("exports every operation from exactly one subpath module, the same row as the root table", async () => {
    const modules = readdirSync(join(packageDir, "dist", "generated", "modules")).filter((f) =>
      f.endsWith(".js"),
    );
    expect(modules.length).toBeGreaterThan(100);
    const seen = new Map<string, string>();
    for (const file of modules) {
      const module = await import(pathToFileURL(join(packageDir, "dist", "generated", "modules", file)).href);
      const { endpoints: own, ...exports } = module;
      expect(Object.keys(own).sort(), file).toEqual(Object.keys(exports).sort());
      for (const [name, row] of Object.entries(own)) {
        expect(seen.get(name), `${name} is exported by ${seen.get(name)} and ${file}`).toBeUndefined();
        seen.set(name, file);
        expect(row, name).toEqual(rows[name]);
      }
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(rows).sort());
    const ips = await import("@switchboard/telnyx/ips");
    expect(ips.deleteIp).toEqual(["DELETE", "/ips/{id}"]);
  });

  it("sends Telnyx's nested filters and pages as the API reads them, with the bearer key", async () => {
    const seen: Request[] = [];
    const telnyx = createTelnyxClient({
      apiKey: "KEY",
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ data: [], meta: { total_pages: 1 } });
      },
    });
    await telnyx.listPhoneNumbers({
      page: { number: 2, size: 50 },
      filter: { number_type: { eq: "local" }, tag: "a" },
    });
    const url = new URL(seen[0]!.url);
    expect(decodeURIComponent(url.search)).toBe(
      "?page[number]=2&page[size]=50&filter[number_type][eq]=local&filter[tag]=a",
    );
    expect(url.origin + url.pathname).toBe("https://api.telnyx.com/v2/phone_numbers");
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer KEY");
  });

  it("sends `security: []` operations without credentials and per-operation servers to their own base URL", async () => {
    const seen: Request[] = [];
    const telnyx = createTelnyxClient({
      apiKey: "KEY",
      fetch: async (request) => {
        seen.push(request);
        return Response.json({});
      },
    });
    await telnyx.getOAuthAuthorizationServerMetadata();
    expect(seen[0]!.url).toBe("https://api.telnyx.com/.well-known/oauth-authorization-server");
    expect(seen[0]!.headers.get("authorization")).toBeNull();
  });

  it("iterates listPhoneNumbers page by page with .all(), lazily, against the mock", async () => {
    const requests: string[] = [];
    const { listPhoneNumbers } = await import("@switchboard/telnyx/phone-number-configurations");
    const telnyx = composeTelnyxClient(
      { listPhoneNumbers },
      {
        apiKey: "test",
        // Never the real API: where the mock did not start, an address nothing answers (port 9, discard).
        baseUrl: inject("mockUrls").telnyx ?? "http://127.0.0.1:9",
        middleware: [{ onRequest: ({ request }) => void requests.push(request.url) }],
      },
    );
    const first = await telnyx.listPhoneNumbers({ page: { size: 1 } });
    if (first.error) throw first.error;
    const totalPages = first.data.meta?.total_pages ?? 0;
    expect(totalPages).toBeGreaterThanOrEqual(1);
    requests.length = 0;
    const items: unknown[] = [];
    for await (const number of telnyx.listPhoneNumbers.all({ page: { size: 1 } })) items.push(number);
    expect(requests).toHaveLength(totalPages);
    expect(requests.map((u) => new URL(u).searchParams.get("page[number]"))).toEqual(
      Array.from({ length: totalPages }, (_, i) => String(i + 1)),
    );
    expect(items.length).toBe((first.data.data?.length ?? 0) * totalPages);
  }, 120_000);
});
