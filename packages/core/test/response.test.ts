/**
 * readBody on its own: what each kind of response body is read as. The pipeline's tests (faults, raw)
 * cover it over sockets; these pin each rule, one Response at a time.
 */
import { describe, expect, it } from "vitest";
import { readBody } from "../src/response.js";

/** A Response with exactly the Content-Type given (a string body would otherwise be `text/plain`). */
const response = (body: string | Uint8Array<ArrayBuffer> | null, status: number, type?: string) =>
  new Response(typeof body === "string" ? new TextEncoder().encode(body) : body, {
    status,
    headers: type ? { "content-type": type } : {},
  });

describe("readBody", () => {
  it.each([204, 205, 304])("reads no body of a %i, whatever its Content-Type says", async (status) => {
    expect(await readBody(response(null, status, "audio/mpeg"), "GET")).toEqual([undefined]);
  });

  it("reads no body of a HEAD response, and frees it", async () => {
    const head = response('{"a":1}', 200, "application/json");
    expect(await readBody(head, "HEAD")).toEqual([undefined]);
    expect(head.bodyUsed || head.body?.locked).toBeTruthy();
  });

  it("reads the body as parseAs asks, whatever its Content-Type says", async () => {
    const body = '{"a":1}';
    expect(await readBody(response(body, 200, "application/json"), "GET", "text")).toEqual([body]);
    const [blob] = await readBody(response(body, 200, "application/json"), "GET", "blob");
    expect(await (blob as Blob).text()).toBe(body);
    const [buffer] = await readBody(response(body, 200, "application/json"), "GET", "arrayBuffer");
    expect(new TextDecoder().decode(buffer as ArrayBuffer)).toBe(body);
    const [stream] = await readBody(response(body, 200, "application/json"), "GET", "stream");
    expect(await new Response(stream as ReadableStream).text()).toBe(body);
    // json is the default: the Content-Type decides.
    expect(await readBody(response(body, 200, "text/plain"), "GET", "json")).toEqual([body, body]);
  });

  it.each([
    ["application/json", { a: 1 }],
    ["application/vnd.api+json; charset=utf-8", { a: 1 }],
    ["text/plain", '{"a":1}'],
    ["application/xml", '{"a":1}'],
    ["application/x-www-form-urlencoded", '{"a":1}'],
    ["", { a: 1 }],
  ])("reads a success body typed %j as what it says", async (type, expected) => {
    expect(await readBody(response('{"a":1}', 200, type), "GET")).toEqual([expected, '{"a":1}']);
  });

  it("reads a body of no text type as a Blob of that type", async () => {
    const [blob] = await readBody(response(new Uint8Array([1, 2]), 200, "audio/mpeg"), "GET");
    expect(blob).toBeInstanceOf(Blob);
    expect((blob as Blob).type).toBe("audio/mpeg");
    const [csv] = await readBody(response("a,b", 200, "application/vnd.ms-excel"), "GET");
    expect(csv).toBeInstanceOf(Blob);
  });

  it("reads an empty body as nothing", async () => {
    expect(await readBody(response("", 200, "application/json"), "GET")).toEqual([]);
    expect(await readBody(response("", 200), "GET")).toEqual([]);
  });

  it("keeps a success body without a Content-Type that is no JSON as text, and fails one that claims JSON", async () => {
    expect(await readBody(response("OK", 200), "GET")).toEqual(["OK", "OK"]);
    await expect(readBody(response("<html>", 200, "application/json"), "GET")).rejects.toThrow(
      /^200 response with Content-Type application\/json is not valid JSON \(/,
    );
  });

  it("redacts an error body before reading it, and keeps one that is not the JSON it claims as text", async () => {
    const redact = (text: string) => text.replaceAll("sk_secret", "[redacted]");
    expect(
      await readBody(
        response('{"detail":"bad sk_secret"}', 401, "application/json"),
        "GET",
        undefined,
        redact,
      ),
    ).toEqual([{ detail: "bad [redacted]" }, '{"detail":"bad [redacted]"}']);
    expect(
      await readBody(response("bad sk_secret <html>", 502, "application/json"), "GET", undefined, redact),
    ).toEqual(["bad [redacted] <html>", "bad [redacted] <html>"]);
    // An error body of a text type that holds JSON is parsed: its fields are what an error reports.
    expect(await readBody(response('{"code":7}', 400, "text/plain"), "GET", undefined, redact)).toEqual([
      { code: 7 },
      '{"code":7}',
    ]);
  });
});
