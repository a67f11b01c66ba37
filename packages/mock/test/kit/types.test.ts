/**
 * The kit's types, from the Telnyx package alone: operation names and routes, inputs, per-status bodies.
 * Checked by `tsc --noEmit` (the package's typecheck task): each `@ts-expect-error` must be an error.
 */
import { createRequire } from "node:module";
import * as telnyx from "@switchboard/telnyx";
import {
  type CallInitiatedEvent,
  type TelnyxWebhookEventMap,
  type TelnyxWebhooks,
  provider as telnyxWebhooks,
} from "@switchboard/telnyx/webhooks";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createMock, createWebhookSender } from "../../src/index.js";

const mock = createMock(telnyx);
const ID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

describe("types from the provider package", () => {
  it("names operations by method name or route, nothing else", () => {
    mock.on("deleteIp");
    mock.on("DELETE /ips/{id}");
    // @ts-expect-error: no such operation
    expect(() => mock.on("deleteIps")).toThrow(/no operation "deleteIps" .*; did you mean deleteIp\b/);
    // @ts-expect-error: /ips/{id} has GET, PATCH and DELETE, no PUT
    expect(() => mock.on("PUT /ips/{id}")).toThrow();
    // @ts-expect-error: a route is the table's path template, not a URL
    expect(() => mock.on("DELETE /ips/6a09cdc3")).toThrow();
  });

  it("types every form on the complete API (1,000+ operations) without running out of depth", () => {
    expect(Object.keys(telnyx.endpoints).length).toBeGreaterThan(1000);
    // The route form with a matcher: TS2589 before the matcher stopped taking part in inference.
    mock.on("DELETE /ips/{id}", (input) => input.id.startsWith("ffff")).reply(403);
    mock.on("PATCH /ips/{id}", { id: ID }).reply(200, { body: { data: { id: ID, port: 5060 } } });
    mock.on("retrieveIp", (input) => {
      expectTypeOf(input).toEqualTypeOf<{ id: string }>();
      return true;
    });
    // Operations far apart in the table, by route and by name, resolve to the same method.
    expectTypeOf(mock.calls("GET /ips/{id}")).toEqualTypeOf(mock.calls("retrieveIp"));
    expectTypeOf(mock.calls("POST /ips")).toEqualTypeOf(mock.calls("createIp"));
    expectTypeOf(mock.calls("getBrand")).items.toHaveProperty("input").toEqualTypeOf<{ brandId: string }>();
    mock.on("GET /10dlc/brand/{brandId}", (input) => input.brandId === "B");
    // @ts-expect-error: brandId is the path parameter, not id
    mock.on("GET /10dlc/brand/{brandId}", (input) => input.id === "B");
    // Types only (the mock refuses such a body when it runs).
    () => {
      // @ts-expect-error: port is a number, whichever form names the operation
      mock.on("DELETE /ips/{id}").reply(200, { body: { data: { port: "5060" } } });
    };
    // @ts-expect-error: a matcher value is typed by the input too
    mock.on("PATCH /ips/{id}", { id: 5 });
    mock.reset();
  });

  it("types a scripted body by the documented response of its status", () => {
    mock.on("deleteIp").reply(200, { body: { data: { id: ID, port: 5060 } } });
    mock.on("deleteIp").reply(404, { body: { errors: [{ code: "10005", title: "Not found" }] } });
    // Undocumented: anything goes, and the call is recorded as outside the spec.
    mock.on("deleteIp").reply(500, { body: { whatever: true } });
    // Types only (the mock refuses such bodies when it runs).
    () => {
      // @ts-expect-error: port is a number
      mock.on("deleteIp").reply(200, { body: { data: { port: "5060" } } });
      // @ts-expect-error: errors is an array
      mock.on("deleteIp").reply(404, { body: { errors: "none" } });
      // @ts-expect-error: a sequence step's body is typed by its status too
      mock.on("deleteIp").sequence({ status: 200, body: { data: { port: "5060" } } });
      // @ts-expect-error: a misspelt field (`prot`) beside a right one is no field of the body
      mock.on("deleteIp").reply(200, { body: { data: { id: ID, prot: 5060 } } });
      // @ts-expect-error: in one reply too
      mock.on("deleteIp").replyOnce(200, { body: { data: { id: ID, prot: 5060 } } });
      // @ts-expect-error: in a sequence step too
      mock.on("deleteIp").sequence({ status: 200, body: { data: { id: ID, prot: 5060 } } });
      // @ts-expect-error: and in a patch
      mock.on("deleteIp").reply(200, { patch: { data: { id: ID, prot: 5060 } } });
    };
    // `validate: false` is for a body the spec does not describe: any body, a malformed one as a string.
    mock.on("deleteIp").reply(200, { body: { data: { port: "5060" } }, validate: false });
    mock.on("deleteIp").replyOnce(200, {
      body: "{not json",
      headers: { "Content-Type": "application/json" },
      validate: false,
    });
    mock.on("deleteIp").sequence(503, { status: 429, headers: { "Retry-After": "1" } }, "reset", "hang", {
      status: 200,
      body: { data: { id: ID } },
    });
    mock.on("deleteIp").sequence({ status: 502, body: "<html>Bad gateway</html>", validate: false }, 200);
    mock.reset();
  });

  it("types inputs, matches and records by the method's input", async () => {
    await mock.fetch(`https://api.telnyx.com/v2/ips/${ID}`, {
      method: "DELETE",
      headers: { authorization: "Bearer t" },
    });
    mock.on("deleteIp", { id: ID });
    mock.on("deleteIp", (input) => input.id === ID);
    // @ts-expect-error: id is a string
    mock.on("deleteIp", { id: 5 });
    expectTypeOf(mock.calls("deleteIp")[0]!.input).toEqualTypeOf<{ id: string }>();
    expectTypeOf(mock.calls("DELETE /ips/{id}")[0]!.input.id).toEqualTypeOf<string>();
    expectTypeOf(mock.calls("deleteIp")[0]!.body).toEqualTypeOf<undefined>();
    mock.reset();
  });
});

describe("a webhook sender given the package's event maps", () => {
  it("types event names, overrides and events", () => {
    const spec = createRequire(import.meta.url).resolve("@switchboard/telnyx/openapi.json");
    const sender = createWebhookSender<TelnyxWebhookEventMap & TelnyxWebhooks>({
      spec,
      provider: telnyxWebhooks,
    });
    const initiated = sender.event("call.initiated", { data: { payload: { to: "+15550100" } } });
    expectTypeOf(initiated).toEqualTypeOf<CallInitiatedEvent>();
    expect(initiated.data?.payload?.to).toBe("+15550100");
    // @ts-expect-error: no such event
    expect(() => sender.event("call.initiatedd")).toThrow(/no webhook "call.initiatedd"/);
    // @ts-expect-error: `to` is a string (and at run time refused, unless { validate: false })
    sender.event("call.initiated", { data: { payload: { to: 5 } } }, { validate: false });
    // By the webhook's name in the spec too.
    expectTypeOf(sender.event("callInitiated")).toEqualTypeOf<CallInitiatedEvent>();
  });
});
