/**
 * The mock's webhook sender: events built from the spec, signed as the provider signs them, posted to a
 * handler on 127.0.0.1 that verifies them with @switchboard/core exactly as in production, and the
 * handler's answer checked against the webhook's declared responses. Known answers pin the signing.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookVerifier, type WebhookVerifier } from "@switchboard/core";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebhookSender, WebhookDeliveryError } from "../src/index.js";
import { standardScheme, telnyxScheme, voice, webhookSpec } from "./support/webhook-spec.js";

/** A handler that verifies with `verifier`, records what it accepted, and answers `answer`. */
let verifier: WebhookVerifier<any>;
let received: unknown[];
let seen: Record<string, unknown>[];
let refused: string[];
let answer: { status: number; body?: string; type?: string };
let server: Server;
let to: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push(req.headers);
    const { event, error } = await verifier.unwrapNode(req);
    if (error) {
      refused.push(error.reason);
      res.writeHead(400).end();
      return;
    }
    received.push(event);
    res.writeHead(answer.status, answer.type ? { "content-type": answer.type } : {}).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  to = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  seen = [];
  refused = [];
  answer = { status: 200 };
});

describe("an Ed25519 (Telnyx) sender", () => {
  const sender = createWebhookSender({ spec: webhookSpec, provider: voice(telnyxScheme) });
  beforeEach(() => {
    verifier = createWebhookVerifier(voice(telnyxScheme), { key: sender.publicKey });
  });

  it("delivers to a handler given as fetch, with no server: an app's own request handler, msw left alone", async () => {
    const delivered: unknown[] = [];
    const delivery = await sender.deliver("call.initiated", {
      to: "https://app.test/webhooks",
      fetch: async (request) => {
        const { event, error } = await verifier.unwrapRequest(request);
        if (error) return new Response(error.reason, { status: 400 });
        delivered.push(event);
        return new Response(null, { status: 200 });
      },
    });
    expect(delivery).toMatchObject({ status: 200, problems: [] });
    expect(delivered).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ event_type: "call.initiated" }) }),
    ]);
    // Its timeout ends a handler that never answers, though the handler does not watch the signal.
    await expect(
      sender.deliver("call.initiated", {
        to: "https://app.test/webhooks",
        timeout: 50,
        fetch: () => new Promise<Response>(() => {}),
      }),
    ).rejects.toThrow(
      /could not deliver callInitiated to https:\/\/app\.test\/webhooks: the handler did not answer within 50 ms \(timeout\)/,
    );
  });

  it("says to pass the handler as fetch when msw refuses the delivery", async () => {
    const server = setupServer();
    server.listen({ onUnhandledRequest: "error" });
    // msw prints its refusal too.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(sender.deliver("call.initiated", { to: "https://app.test/webhooks" })).rejects.toThrow(
        /could not deliver callInitiated to https:\/\/app\.test\/webhooks: .*; to deliver to a handler in this process under msw, pass it as `fetch`/,
      );
    } finally {
      logged.mockRestore();
      server.close();
    }
  });

  it("delivers an event by its type, built from the spec's example, verified by the handler", async () => {
    const delivery = await sender.deliver("call.initiated", { to });
    expect(delivery).toMatchObject({ webhook: "callInitiated", status: 200, problems: [] });
    expect(received).toEqual([
      {
        data: {
          event_type: "call.initiated",
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          payload: { call_control_id: "v3:abc", to: "+13129457420", from: "+35319605860" },
        },
      },
    ]);
    expect(received[0]).toEqual(delivery.event);
    // `event()` is the example as the spec gives it, id and all.
    expect(sender.event("call.initiated")).toMatchObject({
      data: { id: "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0" },
    });
    expect(delivery.request.headers["telnyx-signature-ed25519"]).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  it("delivers by webhook name, samples schemas without examples, and merges overrides", async () => {
    await sender.deliver("callHangup", { to, overrides: { data: { payload: { hangup_cause: "busy" } } } });
    await sender.deliver("message.finalized", { to });
    await sender.deliver("deliveryUpdate", { to });
    expect(received).toEqual([
      { data: { event_type: "call.hangup", payload: { hangup_cause: "busy" } } },
      { data: { event_type: "message.finalized", payload: {} } },
      { data: { event_type: "message.sent", payload: {} } },
    ]);
    expect(sender.event("call.initiated")).toEqual(sender.event("callInitiated"));
  });

  it("delivers a webhook without a discriminator, and an operation's callback", async () => {
    await sender.deliver("campaignStatusUpdate", { to, overrides: { campaignId: "c-1" } });
    await sender.deliver("dialCall.statusCallback", { to });
    expect(received).toEqual([{ campaignId: "c-1" }, { status: "ringing" }]);
    expect(sender.events).toEqual([
      "call.initiated",
      "callInitiated",
      "call.hangup",
      "callHangup",
      "message.sent",
      "message.finalized",
      "deliveryUpdate",
      "campaignStatusUpdate",
      "call.recording.saved",
      "recordingSaved",
      "dialCall.statusCallback",
    ]);
  });

  it("gives each delivery an event id of its own, as the provider does, unless the overrides give one", async () => {
    // An app dropping events it has seen by their id must not drop the second delivery as a repeat.
    const first = await sender.deliver("call.initiated", { to });
    const second = await sender.deliver("call.initiated", { to });
    const idOf = (event: unknown) => (event as { data: { id: string } }).data.id;
    expect(idOf(first.event)).not.toBe(idOf(second.event));
    expect(received.map(idOf)).toEqual([idOf(first.event), idOf(second.event)]);
    const id = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
    expect(idOf((await sender.deliver("call.initiated", { to, overrides: { data: { id } } })).event)).toBe(
      id,
    );
  });

  it("refuses an override that breaks the schema, naming where, unless told to send it anyway", async () => {
    const overrides = { data: { payload: { to: 42 } } };
    await expect(sender.deliver("call.initiated", { to, overrides })).rejects.toThrow(
      /callInitiated event does not conform to its schema \(after your overrides\): event\.data\.payload\.to: .*validate: false/,
    );
    expect(received).toEqual([]);
    await sender.deliver("call.initiated", { to, overrides, validate: false });
    expect(received).toHaveLength(1);
    // The event built for a handler's unit test is held to the same schema: `event()` returned it as asked.
    expect(() => sender.event("call.initiated", overrides)).toThrow(
      /callInitiated event does not conform to its schema \(after your overrides\): event\.data\.payload\.to: .*validate: false \} to build it anyway/,
    );
    expect(sender.event("call.initiated", overrides, { validate: false })).toMatchObject(overrides);
    expect(sender.event("call.initiated", { data: { payload: { to: "+15550001111" } } })).toMatchObject({
      data: { payload: { to: "+15550001111" } },
    });
  });

  it("says why a delivery could not be made: fetch's cause (a refused connection), not only 'fetch failed'", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(sender.deliver("call.initiated", { to: `http://127.0.0.1:${port}/` })).rejects.toThrow(
      `could not deliver callInitiated to http://127.0.0.1:${port}/: TypeError: fetch failed (ECONNREFUSED)`,
    );
  });

  it("names the events it knows when asked for one the spec does not declare", () => {
    expect(() => sender.event("call.exploded")).toThrow(
      /no webhook "call.exploded" in the spec \(call\.initiated, callInitiated/,
    );
    // A typo is answered with the name it is nearest.
    expect(() => sender.event("call.intiated")).toThrow(
      /no webhook "call.intiated" in the spec; did you mean "[^"]+"/,
    );
    expect(() => sender.event("call.intiated")).toThrow(/did you mean "call\.initiated"/);
  });

  it("checks the handler's answer against the webhook's declared responses", async () => {
    answer = { status: 500 };
    const error = await sender.deliver("call.initiated", { to }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect((error as Error).message).toMatch(
      /callInitiated delivered: the handler answered 500, but the webhook declares 200/,
    );
    const unchecked = await sender.deliver("call.initiated", { to, check: false });
    expect(unchecked.status).toBe(500);
    // What the handler answered is in the message: its own reason for refusing.
    answer = { status: 400, body: "telnyx webhook: body_not_raw: the body is an object (a parsed body?)" };
    await expect(sender.deliver("call.initiated", { to })).rejects.toThrow(
      "callInitiated delivered: the handler answered 400, but the webhook declares 200\n" +
        "the handler answered: telnyx webhook: body_not_raw: the body is an object (a parsed body?)",
    );
    // Any 2xx is delivered, as providers take it: a 204 where the webhook declares 200.
    answer = { status: 204 };
    expect((await sender.deliver("call.initiated", { to })).problems).toEqual([]);

    answer = { status: 200, type: "application/json", body: '{"received":"yes"}' };
    await expect(sender.deliver("call.recording.saved", { to })).rejects.toThrow(
      /the 200 body does not conform to the declared schema/,
    );
    answer = { status: 200, type: "application/json", body: '{"received":true}' };
    expect((await sender.deliver("call.recording.saved", { to })).problems).toEqual([]);
  });

  it("signs with a past timestamp, which the handler refuses as a replay", async () => {
    const delivery = await sender.deliver("call.initiated", {
      to,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
      check: false,
    });
    expect(delivery.status).toBe(400);
    expect(refused).toEqual(["timestamp_out_of_tolerance"]);
  });

  it("signs arbitrary payloads for unit tests, which a verifier accepts only with the sender's key", async () => {
    const { body, headers } = sender.sign({ data: { event_type: "call.hangup" } });
    expect((await verifier.unwrap(body, headers)).event).toEqual({ data: { event_type: "call.hangup" } });
    const other = createWebhookSender({ spec: webhookSpec, provider: voice(telnyxScheme) });
    const wrong = createWebhookVerifier(voice(telnyxScheme), { key: other.publicKey });
    expect((await wrong.unwrap(body, headers)).error?.reason).toBe("signature_mismatch");
    expect(sender.sign("raw text").body).toBe("raw text");
  });

  it("signs with a given key pair: RFC 8032 TEST 2's seed gives its public key and signature", () => {
    const seed = Buffer.from("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "hex");
    const publicKey = Buffer.from("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "hex");
    const bodyOnly = { ...telnyxScheme, content: "{body}" };
    const fixed = createWebhookSender({
      spec: webhookSpec,
      provider: voice(bodyOnly),
      keyPair: { privateKey: seed.toString("base64"), publicKey: publicKey.toString("base64") },
    });
    const { headers } = fixed.sign("r");
    expect(Buffer.from(headers["telnyx-signature-ed25519"]!, "base64").toString("hex")).toBe(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    );
    const generated = createWebhookSender({ spec: webhookSpec, provider: voice(bodyOnly) });
    expect(Buffer.from(generated.publicKey, "base64")).toHaveLength(32);
  });
});

describe("a Standard Webhooks (v1, HMAC) sender", () => {
  it("signs the Standard Webhooks test vector, and delivers what a v1 verifier accepts", async () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const sender = createWebhookSender({
      spec: webhookSpec,
      provider: voice(standardScheme),
      keyPair: { privateKey: secret, publicKey: secret },
    });
    const signed = sender.sign('{"test": 2432232314}', {
      timestamp: 1614265330,
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
    });
    expect(signed.headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });

    const fresh = createWebhookSender({ spec: webhookSpec, provider: voice(standardScheme) });
    expect(fresh.publicKey).toMatch(/^whsec_/);
    verifier = createWebhookVerifier(voice(standardScheme), {
      env: { VOICE_WEBHOOK_SECRET: fresh.publicKey },
    });
    const delivery = await fresh.deliver("call.hangup", { to });
    expect(delivery.request.headers["webhook-id"]).toMatch(/^msg_/);
    expect(received).toEqual([{ data: { event_type: "call.hangup", payload: {} } }]);
  });
});

describe("one webhook whose payload is a oneOf of events (Svix's, Vapi's layout)", () => {
  const event = (type: string, extra: Record<string, unknown>) => ({
    type: "object",
    required: ["type", ...Object.keys(extra)],
    properties: { type: { type: "string", const: type }, ...extra },
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "Hookline", version: "1" },
    webhooks: {
      callEvent: {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/CallStarted" },
                    { $ref: "#/components/schemas/CallEnded" },
                  ],
                  discriminator: { propertyName: "type" },
                },
              },
            },
          },
          responses: { "200": { description: "OK" } },
        },
      },
    },
    components: {
      schemas: {
        CallStarted: event("call.started", { from: { type: "string", example: "+15550100" } }),
        CallEnded: event("call.ended", { duration: { type: "integer", example: 42 } }),
      },
    },
  };
  const provider = {
    name: "hookline",
    title: "Hookline",
    webhooks: { discriminator: ["type"], signature: standardScheme },
  };

  it("delivers each alternative by its value, or by the name the generator gives it, with that alternative's fields", async () => {
    const sender = createWebhookSender({ spec, provider });
    expect(sender.events).toEqual([
      "call.started",
      "callEvent[call.started]",
      "call.ended",
      "callEvent[call.ended]",
    ]);
    verifier = createWebhookVerifier(provider, { key: sender.publicKey });
    await sender.deliver("call.ended", { to });
    await sender.deliver("callEvent[call.started]", { to });
    expect(received).toEqual([
      { type: "call.ended", duration: 42 },
      { type: "call.started", from: "+15550100" },
    ]);
  });
});

describe("a GitHub-shaped sender: x-webhooks of a 3.0 spec, sha256=<hex> of the body, the secret as text", () => {
  const github = {
    algorithm: "hmac-sha256",
    headers: { signature: "x-hub-signature-256" },
    content: "{body}",
    prefix: "sha256=",
    encoding: "hex",
    keyFormat: "text",
    keyEnv: "HUB_WEBHOOK_SECRET",
  } as const;
  const { webhooks, ...api } = webhookSpec;
  // An extension among the events (Apideck's `x-sdk-exclude: true`) is no webhook, even one whose value
  // would pass for a path item with an operation and a body.
  const extension = { post: Object.values(webhooks)[0]?.post };
  const spec30 = { ...api, openapi: "3.0.3", "x-webhooks": { ...webhooks, "x-sdk-exclude": extension } };
  const hub = {
    name: "hub",
    title: "Hub",
    webhooks: { discriminator: ["data", "event_type"], signature: github },
  };

  it("signs GitHub's documented example, and delivers x-webhooks' events a verifier accepts", async () => {
    const secret = "It's a Secret to Everybody";
    const sender = createWebhookSender({
      spec: spec30,
      provider: hub,
      keyPair: { privateKey: secret, publicKey: secret },
    });
    expect(sender.sign("Hello, World!").headers).toEqual({
      "x-hub-signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    });
    const fresh = createWebhookSender({ spec: spec30, provider: hub });
    expect(fresh.publicKey).toMatch(/^[0-9a-f]{64}$/);
    verifier = createWebhookVerifier(hub, { key: fresh.publicKey });
    await fresh.deliver("call.hangup", { to });
    await fresh.deliver("campaignStatusUpdate", { to, overrides: { campaignId: "c-2" } });
    expect(received).toEqual([{ data: { event_type: "call.hangup", payload: {} } }, { campaignId: "c-2" }]);
    expect(fresh.events).toContain("callInitiated");
    expect(fresh.events).not.toContain("x-sdk-exclude");
  });
});

describe("a Retell-shaped sender: v=<milliseconds>,d=<hex> over the body then the timestamp; SHA-1; a token", () => {
  const retell = {
    algorithm: "hmac-sha256",
    headers: { signature: "x-retell-signature" },
    content: "{body}{timestamp}",
    pairs: { signature: "d", timestamp: "v" },
    timestampUnit: "milliseconds",
    encoding: "hex",
    keyFormat: "text",
    keyEnv: "RETELL_API_KEY",
  } as const;

  it("signs with the time in milliseconds, a given second × 1000, as Retell's SDK computes it", () => {
    const key = "key_4b1e0c2f9a";
    const sender = createWebhookSender({
      spec: webhookSpec,
      provider: voice(retell),
      keyPair: { privateKey: key, publicKey: key },
    });
    const digest = createHmac("sha256", key).update('{"a": 1}1700000000000').digest("hex");
    expect(sender.sign({ a: 1 }, { timestamp: 1_700_000_000 }).headers).toEqual({
      "x-retell-signature": `v=1700000000000,d=${digest}`,
    });
    const before = Date.now();
    const stamp = Number(/^v=(\d+),/.exec(sender.sign({ a: 1 }).headers["x-retell-signature"]!)?.[1]);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });

  it("delivers events a verifier of each scheme accepts", async () => {
    const sha1 = {
      algorithm: "hmac-sha1",
      headers: { signature: "x-hub-signature" },
      content: "{body}",
      prefix: "sha1=",
      encoding: "hex",
      keyFormat: "text",
      keyEnv: "HUB_WEBHOOK_SECRET",
    } as const;
    const token = {
      algorithm: "token",
      headers: { signature: "x-vapi-secret" },
      content: "{body}",
      keyFormat: "text",
      keyEnv: "VAPI_WEBHOOK_SECRET",
    } as const;
    const sha512 = { ...sha1, algorithm: "hmac-sha512", prefix: "sha512=" } as const;
    for (const scheme of [retell, sha1, sha512, token]) {
      received = [];
      const sender = createWebhookSender({ spec: webhookSpec, provider: voice(scheme) });
      verifier = createWebhookVerifier(voice(scheme), { key: sender.publicKey });
      await sender.deliver("call.hangup", { to });
      expect(received).toEqual([{ data: { event_type: "call.hangup", payload: {} } }]);
    }
    expect(createWebhookSender({ spec: webhookSpec, provider: voice(sha1) }).sign("x").headers).toEqual({
      "x-hub-signature": expect.stringMatching(/^sha1=[0-9a-f]{40}$/),
    });
    expect(createWebhookSender({ spec: webhookSpec, provider: voice(sha512) }).sign("x").headers).toEqual({
      "x-hub-signature": expect.stringMatching(/^sha512=[0-9a-f]{128}$/),
    });
    const vapi = createWebhookSender({ spec: webhookSpec, provider: voice(token) });
    expect(vapi.sign("x").headers).toEqual({ "x-vapi-secret": vapi.publicKey });
  });
});

describe("the headers a webhook declares", () => {
  it("are sent with its value (GitHub's X-GitHub-Event), under the signature's, and under the caller's in any case", async () => {
    const spec = structuredClone(webhookSpec) as any;
    spec.webhooks.callHangup.post.parameters = [
      { in: "header", name: "X-GitHub-Event", example: "call", schema: { type: "string" } },
      { in: "header", name: "X-Hook-Id", example: 12312312, schema: { type: "string" } },
      { in: "header", name: "X-Kind", schema: { type: "string", enum: ["hangup"] } },
      { in: "header", name: "X-Note", example: "héllo\r\n", schema: { type: "string" } },
      { in: "header", name: "Content-Length", example: "10", schema: { type: "string" } },
      { in: "header", name: "Webhook-Signature", example: "v1,stale", schema: { type: "string" } },
      { in: "header", name: "X-Unset", schema: { type: "string" } },
    ];
    const sender = createWebhookSender({ spec, provider: voice(standardScheme) });
    verifier = createWebhookVerifier(voice(standardScheme), { key: sender.publicKey });
    const delivery = await sender.deliver("call.hangup", { to, headers: { "X-Hook-Id": "mine" } });
    expect(refused).toEqual([]);
    expect(seen[0]).toMatchObject({ "x-github-event": "call", "x-hook-id": "mine", "x-kind": "hangup" });
    expect(seen[0]).not.toHaveProperty("x-note");
    expect(seen[0]).not.toHaveProperty("x-unset");
    expect(seen[0]!["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(Number(seen[0]!["content-length"])).toBe(Buffer.byteLength(delivery.request.body));
  });
});

describe("bodies as providers write them", () => {
  const sender = createWebhookSender({ spec: webhookSpec, provider: voice(telnyxScheme) });
  const verifier = createWebhookVerifier(voice(telnyxScheme), { key: sender.publicKey });
  /** The classic mistake: verifying the body a JSON parser left, written out again. */
  let reserialising: Server;
  let url: string;
  beforeAll(async () => {
    reserialising = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const parsed = JSON.parse(Buffer.concat(chunks).toString());
      const { error } = await verifier.unwrap(JSON.stringify(parsed), req.headers);
      res.writeHead(error ? 400 : 200).end(error?.reason);
    });
    await new Promise<void>((resolve) => reserialising.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(reserialising.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => reserialising.close(() => resolve())));

  it("are not JSON.stringify's by default, so a handler that verifies re-serialised JSON fails its tests", async () => {
    await expect(sender.deliver("call.hangup", { to: url })).rejects.toThrow(
      /answered 400.*\nthe handler answered: signature_mismatch/s,
    );
    // Written compactly, as JSON.stringify writes it, the mistake goes unseen.
    expect((await sender.deliver("call.hangup", { to: url, format: "compact" })).status).toBe(200);
    const spaced = sender.sign({ a: 1, b: [1, { c: "x\ny" }], d: {}, e: [] });
    expect(spaced.body).toBe('{"a": 1, "b": [1, {"c": "x\\ny"}], "d": {}, "e": []}');
    expect(sender.sign({ a: [1] }, { format: "compact" }).body).toBe('{"a":[1]}');
    expect(sender.sign({ a: 1 }, { format: (event) => `${JSON.stringify(event, null, 2)}\n` }).body).toBe(
      '{\n  "a": 1\n}\n',
    );
  });

  it("sign a captured delivery's bytes exactly as they are, and refuse bytes that are not UTF-8", async () => {
    const captured = Buffer.from('\ufeff{ "data" : {"event_type":"call.hangup", "payload": {"n": 1.50}} }');
    const { body, headers } = sender.sign(captured);
    expect(Buffer.from(body)).toEqual(captured);
    expect((await verifier.unwrap(captured, headers)).error).toBeUndefined();
    expect(sender.sign(new Uint8Array(captured)).body).toBe(body);
    expect(() => sender.sign(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(/sign: the bytes are not UTF-8 text/);
  });
});

describe("a handler that does not answer as a provider expects", () => {
  const sender = createWebhookSender({ spec: webhookSpec, provider: voice(telnyxScheme) });
  let handler: Server;
  let base: string;
  beforeAll(async () => {
    handler = createServer((req, res) => {
      if (req.url === "/hang") return; // never answers
      if (req.url === "/moved") res.writeHead(307, { location: "/ok" }).end();
      else res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => handler.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(handler.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        handler.closeAllConnections();
        handler.close(() => resolve());
      }),
  );

  it("fails the delivery after its timeout, saying so", async () => {
    await expect(sender.deliver("call.hangup", { to: `${base}/hang`, timeout: 100 })).rejects.toThrow(
      `Voice: could not deliver callHangup to ${base}/hang: the handler did not answer within 100 ms (timeout)`,
    );
  });

  it("is not followed when it redirects: the redirect is the answer, checked as one", async () => {
    const delivery = await sender.deliver("call.hangup", { to: `${base}/moved`, check: false });
    expect(delivery.status).toBe(307);
    expect(delivery.problems).toEqual([
      expect.stringMatching(/^the handler answered 307, but the webhook declares /),
    ]);
  });
});

describe("a provider without a signature scheme", () => {
  it("cannot make a sender", () => {
    expect(() => createWebhookSender({ spec: webhookSpec, provider: { name: "x", title: "X" } })).toThrow(
      /X: the provider definition says nothing of how its webhooks are signed \(pass the `provider` of its package's \/webhooks module\)/,
    );
    // A provider whose spec declares none (Bolna's): said so, not that its signing is unknown.
    const none = { ...webhookSpec, webhooks: {}, "x-webhooks": undefined };
    expect(() => createWebhookSender({ spec: none, provider: { name: "x", title: "X" } })).toThrow(
      "X: the spec declares no webhooks, so there is none to send",
    );
  });
});
