/**
 * Receiving where apps receive: a fetch `Request` (Workers, Hono, Next.js, Deno, Bun) and Node's
 * `IncomingMessage`, read raw from the socket or left as a Buffer by `express.raw()`, over a real HTTP
 * server on 127.0.0.1 and a free port.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookVerifier, type WebhookResult } from "../src/index.js";
import { callInitiated, ed25519Signer, providerWith, signed, telnyxScheme } from "./webhook-fixtures.js";

const signer = ed25519Signer();
const verifier = createWebhookVerifier(providerWith(telnyxScheme), { key: signer.key });
const small = createWebhookVerifier(providerWith(telnyxScheme), { key: signer.key, maxBytes: 1024 });

const post = (body: BodyInit | null, headers: Record<string, string>) =>
  new Request("https://app.example/webhooks", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);

describe("unwrapRequest (fetch)", () => {
  it("verifies a Request and reads its body once", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const request = post(body, headers);
    const result = await verifier.unwrapRequest(request);
    expect(result.error).toBeUndefined();
    expect(result.event).toEqual(JSON.parse(callInitiated));
  });

  it("refuses a Request whose body was already read, and a tampered one", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const request = post(body, headers);
    await request.text();
    const used = await verifier.unwrapRequest(request);
    expect(used.error?.reason).toBe("body_not_raw");
    expect(used.error?.message).toMatch(/already read/);
    const tampered = await verifier.unwrapRequest(post(body.replace("parked", "bridged"), headers));
    expect(tampered.error?.reason).toBe("signature_mismatch");
    expect((await verifier.unwrapRequest(post(null, headers))).error?.reason).toBe("empty_body");
  });

  it("refuses a request without a valid signature header or timestamp before reading its body", async () => {
    // Anyone can post to a webhook URL: an unsigned body, streamed slowly up to maxBytes, is never taken in.
    const { headers } = signed(telnyxScheme, signer, callInitiated);
    const stale = { ...headers, "telnyx-timestamp": String(Math.floor(Date.now() / 1000) - 3600) };
    const cases: Array<[Record<string, string>, string]> = [
      [{}, "missing_header"],
      [{ ...headers, "telnyx-signature-ed25519": "nope" }, "malformed_signature"],
      [stale, "timestamp_out_of_tolerance"],
    ];
    for (const [sent, reason] of cases) {
      const endless = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(1024)),
      });
      const request = post(endless, sent);
      expect((await verifier.unwrapRequest(request)).error?.reason).toBe(reason);
      expect(request.bodyUsed).toBe(false);
      let read = false;
      const node = await verifier.unwrapNode({
        headers: sent,
        async *[Symbol.asyncIterator]() {
          read = true;
          yield new Uint8Array(1);
        },
      });
      expect(node.error?.reason).toBe(reason);
      expect(read).toBe(false);
    }
  });

  it("refuses a body whose stream fails part-way: body_unreadable, nothing thrown", async () => {
    const { headers } = signed(telnyxScheme, signer, callInitiated);
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"data":'));
        controller.error(new Error("socket hang up"));
      },
    });
    const result = await verifier.unwrapRequest(post(failing, headers));
    expect(result.error?.reason).toBe("body_unreadable");
    expect(result.error?.message).toMatch(/socket hang up/);
    const node = await verifier.unwrapNode({
      headers,
      async *[Symbol.asyncIterator]() {
        yield Buffer.from("{");
        throw new Error("aborted");
      },
    });
    expect(node.error?.reason).toBe("body_unreadable");
  });

  it("refuses an oversized body by its Content-Length unread, and a streamed one as soon as it is over", async () => {
    const { headers } = signed(telnyxScheme, signer, callInitiated);
    const declared = await small.unwrapRequest(post("x".repeat(2000), headers));
    expect(declared.error?.reason).toBe("body_too_large");
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512));
      },
    });
    const streamed = await small.unwrapRequest(post(endless, headers));
    expect(streamed.error?.reason).toBe("body_too_large");
    expect(pulled).toBeLessThan(10);
  });
});

describe("unwrapNode (IncomingMessage)", () => {
  let server: Server;
  let url: string;
  /** How the handler gets its body: read by the verifier, left by express.raw(), or parsed by express.json(). */
  let mode: "stream" | "raw" | "json" | "consumed" = "stream";

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const request = req as IncomingMessage & { body?: unknown };
      if (mode !== "stream") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        if (mode === "raw") request.body = bytes;
        if (mode === "json") request.body = JSON.parse(bytes.toString());
      }
      const result: WebhookResult<any> = await small.unwrapNode(request);
      res.writeHead(result.error ? 400 : 200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          result.error ? { reason: result.error.reason } : { type: result.event.data.event_type },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (body: string, headers: Record<string, string | string[]>) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(url, { method: "POST", headers }, (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on("error", reject);
      req.end(body);
    });

  it("refuses a body whose declared length is over maxBytes before reading any of it", async () => {
    let read = false;
    const { headers } = signed(telnyxScheme, signer, callInitiated);
    const result = await small.unwrapNode({
      headers: { ...headers, "content-length": "52428800" },
      async *[Symbol.asyncIterator]() {
        read = true;
        yield new Uint8Array(1);
      },
    });
    expect(result.error?.reason).toBe("body_too_large");
    expect(read).toBe(false);
  });

  it("verifies the body read from the request, and the Buffer express.raw() leaves", async () => {
    for (const m of ["stream", "raw"] as const) {
      mode = m;
      const { body, headers } = signed(telnyxScheme, signer, callInitiated);
      expect(await send(body, headers)).toEqual({ status: 200, body: { type: "call.initiated" } });
      expect(await send(body.replace("7267", "7268"), headers)).toEqual({
        status: 400,
        body: { reason: "signature_mismatch" },
      });
    }
  });

  it("refuses what express.json() parsed, and a body read before it got there", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    mode = "json";
    expect(await send(body, headers)).toEqual({ status: 400, body: { reason: "body_not_raw" } });
    mode = "consumed";
    expect(await send(body, headers)).toEqual({ status: 400, body: { reason: "body_not_raw" } });
  });

  it("sees a header sent twice on the wire, and refuses a body over the limit", async () => {
    mode = "stream";
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const twice = {
      ...headers,
      "telnyx-timestamp": [headers["telnyx-timestamp"]!, headers["telnyx-timestamp"]!],
    };
    expect(await send(body, twice)).toEqual({ status: 400, body: { reason: "duplicate_header" } });
    expect(await send("x".repeat(5000), headers)).toEqual({
      status: 400,
      body: { reason: "body_too_large" },
    });
  });

  it("reads a body passed explicitly, and treats body-parser's `{}` for an unmatched type as unread", async () => {
    const { body, headers } = signed(telnyxScheme, signer, callInitiated);
    const explicit = await verifier.unwrapNode({ headers, async *[Symbol.asyncIterator]() {} }, body);
    expect(explicit.error).toBeUndefined();
    const skipped = await verifier.unwrapNode({
      headers,
      body: {},
      readableEnded: false,
      async *[Symbol.asyncIterator]() {
        yield Buffer.from(body);
      },
    });
    expect(skipped.error).toBeUndefined();
  });
});
