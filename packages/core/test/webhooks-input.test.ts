/**
 * What a verifier is handed, read rule by rule (src/webhooks/input.ts): headers of every shape a server gives,
 * raw bodies of every kind, and streams read to a limit. The verifier's own tests pass these through whole
 * deliveries; these pin each rule.
 */
import { describe, expect, it } from "vitest";
import { rawBytes, readHeaders, readLimited, streamChunks } from "../src/webhooks/input.js";

const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

async function* chunksOf(...chunks: unknown[]) {
  yield* chunks;
}

describe("readHeaders", () => {
  const names = ["webhook-id", "webhook-signature"];

  it("reads fetch Headers, Node's headers and plain objects in any letter case", () => {
    const expected = { "webhook-id": "msg_1", "webhook-signature": "v1,abc" };
    expect(readHeaders(new Headers({ "Webhook-Id": "msg_1", "webhook-signature": "v1,abc" }), names)).toEqual(
      expected,
    );
    expect(readHeaders({ "Webhook-ID": "msg_1", "WEBHOOK-SIGNATURE": "v1,abc" }, names)).toEqual(expected);
    // Node's `req.headersDistinct`: every value a list.
    expect(
      readHeaders({ "webhook-id": ["msg_1"], "webhook-signature": ["v1,abc"], other: undefined }, names),
    ).toEqual(expected);
  });

  it("names every missing header at once, the first as the failure's header", () => {
    expect(readHeaders({ "webhook-id": "", "x-other": "1" }, names)).toEqual([
      "missing_header",
      expect.stringMatching(/^no webhook-id or webhook-signature header: /),
      "webhook-id",
    ]);
    for (const nothing of [null, undefined, "webhook-id: msg_1" as never]) {
      expect(readHeaders(nothing, names)[0]).toBe("missing_header");
    }
  });

  it("refuses a header sent twice, in a list or joined by fetch or Node", () => {
    for (const headers of [
      { "webhook-id": ["msg_1", "msg_2"], "webhook-signature": "v1,abc" },
      { "webhook-id": "msg_1", "Webhook-Id": "msg_2", "webhook-signature": "v1,abc" },
      new Headers([
        ["webhook-id", "msg_1"],
        ["webhook-id", "msg_2"],
        ["webhook-signature", "v1,abc"],
      ]),
    ]) {
      expect(readHeaders(headers, names)).toEqual([
        "duplicate_header",
        "webhook-id was sent more than once",
        "webhook-id",
      ]);
    }
  });
});

describe("rawBytes", () => {
  it("takes a string, bytes, an ArrayBuffer and any view of one, exactly", () => {
    const bytes = new TextEncoder().encode('{"é":1}');
    const inLarger = new Uint8Array([0, ...bytes, 0]);
    for (const body of [
      '{"é":1}',
      bytes,
      bytes.buffer,
      new DataView(inLarger.buffer, 1, bytes.byteLength),
      Buffer.from(bytes),
    ]) {
      expect(text(rawBytes(body, 100))).toBe('{"é":1}');
    }
  });

  it.each([
    [
      { a: 1 },
      /^the body is an object \(a parsed body\?\), not its raw bytes: pass the body exactly as received/,
    ],
    [[1], /^the body is an array \(a parsed body\?\), not its raw bytes: /],
    [42, /^the body is a number, not its raw bytes: /],
    [undefined, /^no body was given: pass the body exactly as received/],
    [null, /^no body was given: /],
  ])("refuses %j, saying what to pass instead", (body, message) => {
    expect(rawBytes(body, 100)).toEqual(["body_not_raw", expect.stringMatching(message)]);
  });

  it("takes a body of exactly maxBytes and refuses one byte more; refuses an empty one", () => {
    expect(text(rawBytes("abcd", 4))).toBe("abcd");
    expect(rawBytes("abcde", 4)).toEqual(["body_too_large", expect.stringMatching(/more than 4 bytes/)]);
    expect(rawBytes("", 4)).toEqual(["empty_body", expect.stringMatching(/^the body is empty: /)]);
  });
});

describe("readLimited", () => {
  it("joins the chunks of a stream, bytes and strings, in order", async () => {
    const read = await readLimited(
      chunksOf(new TextEncoder().encode('{"a":'), "1,", new Uint8Array([34, 98, 34]), "}"),
      100,
    );
    expect(text(read)).toBe('{"a":1,"b"}');
  });

  it("takes exactly maxBytes, and stops reading at the chunk that goes over", async () => {
    expect(text(await readLimited(chunksOf("ab", "cd"), 4))).toBe("abcd");
    let pulled = 0;
    async function* counted() {
      for (const chunk of ["ab", "cd", "e", "never read"]) {
        pulled++;
        yield chunk;
      }
    }
    expect(await readLimited(counted(), 4)).toEqual([
      "body_too_large",
      expect.stringMatching(/more than 4 bytes/),
    ]);
    expect(pulled).toBe(3);
  });

  it("reports a stream that fails midway, and one with nothing in it", async () => {
    async function* failing() {
      yield "ab";
      throw new Error("socket hang up");
    }
    expect(await readLimited(failing(), 100)).toEqual([
      "body_unreadable",
      "the body could not be read to its end: Error: socket hang up",
    ]);
    expect((await readLimited(chunksOf(), 100))[0]).toBe("empty_body");
  });
});

describe("streamChunks", () => {
  it("yields a fetch body's chunks, and cancels the stream when the reader stops early", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array([1])),
      cancel: () => {
        cancelled = true;
      },
    });
    for await (const chunk of streamChunks(stream)) {
      expect(chunk).toEqual(new Uint8Array([1]));
      break;
    }
    expect(cancelled).toBe(true);
    const none: unknown[] = [];
    for await (const chunk of streamChunks(null)) none.push(chunk);
    expect(none).toEqual([]);
  });
});
