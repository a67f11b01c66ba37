/**
 * XML request bodies: the client sends the text the caller wrote (codegen types such a body `string | Blob`),
 * and the mocks read it into the value its schema describes, by the schema's XML Objects, to check it: the
 * kit in process, and Prism, which read any XML body as a string and refused it ("must be object":
 * CloudFront's 331 cases). Contract cases write their sample bodies as that XML.
 */
import * as fastXml from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMock, deriveContractCases, type MockServer, startMock } from "../src/index.js";
import { readXml, writeXml } from "../src/kit/xml.js";
import { deref } from "../src/openapi.js";
import { fixture, pidAlive, readFixture, sendCase } from "./support/helpers.js";

const spec = readFixture("xml-bodies.json") as any;
const resolve = (schema: unknown) => deref(schema, spec);
const ORDER = { $ref: "#/components/schemas/Order" };
const INVALIDATION = spec.paths["/invalidations"].post.requestBody.content["text/xml"].schema;

const order = {
  id: 7,
  rush: true,
  note: "a < b & c",
  lines: [
    { sku: "ABC-12", quantity: 2, unit: "box" },
    { sku: "XYZ-01", quantity: 1 },
  ],
  tags: ["x", "y"],
};
const ORDER_XML =
  '<shop:Order xmlns:shop="urn:example:shop" id="7"><rush>true</rush><note>a &lt; b &amp; c</note>' +
  '<Lines><Line unit="box"><sku>ABC-12</sku><quantity>2</quantity></Line><Line><sku>XYZ-01</sku>' +
  "<quantity>1</quantity></Line></Lines><tag>x</tag><tag>y</tag></shop:Order>";

describe("XML written and read by the schema's XML Objects", () => {
  it("writes attributes, wrapped and unwrapped arrays, item names, a prefix and its namespace, escaped", () => {
    expect(writeXml(order, ORDER, resolve, "Order")).toBe(ORDER_XML);
    expect(
      writeXml({ CallerReference: "r1", Paths: { Quantity: 2, Items: ["/a", "/b"] } }, INVALIDATION, resolve),
    ).toBe(
      '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><CallerReference>r1' +
        "</CallerReference><Paths><Quantity>2</Quantity><Items><Path>/a</Path><Path>/b</Path></Items></Paths>" +
        "</InvalidationBatch>",
    );
  });

  it("reads XML back into the value, its text typed by the schema (numbers, booleans)", () => {
    expect(readXml(ORDER_XML, ORDER, resolve, fastXml)).toEqual({ ok: true, value: order });
    // Any prefix, or none, and whitespace between elements: elements are matched by their local names.
    const written = `<?xml version="1.0"?>\n<o:Order xmlns:o="urn:other" id="7">\n  <rush>0</rush>\n  <Lines>\n    <Line><sku>ABC-12</sku><quantity>3</quantity></Line>\n  </Lines>\n</o:Order>`;
    expect(readXml(written, ORDER, resolve, fastXml)).toEqual({
      ok: true,
      value: { id: 7, rush: false, lines: [{ sku: "ABC-12", quantity: 3 }] },
    });
  });

  it("keeps what the schema does not describe, and text that is no number as text, for the check to refuse", () => {
    const read = readXml(
      '<Order id="seven" extra="1"><Lines><Line><quantity>2.5</quantity></Line></Lines><gift>yes</gift></Order>',
      ORDER,
      resolve,
      fastXml,
    );
    expect(read).toEqual({
      ok: true,
      value: { id: "seven", extra: "1", lines: [{ quantity: 2.5 }], gift: "yes" },
    });
  });

  it("says why text is no body of the schema: not well-formed, no single root, another root than it names", () => {
    expect(readXml("<Order><Lines></Order>", ORDER, resolve, fastXml)).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^is not well-formed XML \(Expected closing tag 'Lines'.*, line 1, column \d+\)$/,
      ),
    });
    expect(readXml("<Invoice/>", ORDER, resolve, fastXml)).toEqual({
      ok: false,
      reason: "has the root element <Invoice>, where the schema names it <Order>",
    });
  });

  it("leaves a body whose schema is a string (or says nothing) as the text it is", () => {
    expect(readXml("<p>any</p>", { type: "string" }, resolve, fastXml)).toBeUndefined();
    expect(readXml("not xml", {}, resolve, fastXml)).toBeUndefined();
  });
});

describe("contract cases of XML bodies", () => {
  const cases = deriveContractCases(spec).cases;
  const body = (path: string) => cases.find((c) => c.path === path)?.input;

  it("are the XML text of a sample value, under the root its component or its xml.name names", () => {
    const created = body("/orders")!;
    expect(created.contentType).toBe("application/xml");
    expect(created.body).toMatch(/^<shop:Order xmlns:shop="urn:example:shop" id="\d+"><Lines><Line>/);
    expect(readXml(created.body as string, ORDER, resolve, fastXml)).toEqual({
      ok: true,
      value: created.bodyValue,
    });
    expect(body("/invalidations")!.body).toMatch(/^<InvalidationBatch xmlns="http:\/\/cloudfront/);
    // A string schema's sample is the text itself.
    expect(body("/notes")!.body).toBe("string");
  });
});

describe("the kit reads an XML body to check it", () => {
  const endpoints = {
    createOrder: ["POST", "/orders", { body: "application/xml" }],
    createInvalidation: ["POST", "/invalidations", { body: "text/xml" }],
    putNote: ["PUT", "/notes", { body: "application/xml" }],
  } as const;
  const mock = () =>
    createMock({ provider: { name: "shop", title: "Shop", servers: {} }, endpoints } as const, {
      spec,
      invalidRequests: "respond",
      baseUrls: ["http://x"],
    });
  const post = (kit: ReturnType<typeof mock>, path: string, text: string, type = "application/xml") =>
    kit.fetch(`http://x${path}`, {
      method: path === "/notes" ? "PUT" : "POST",
      headers: { "content-type": type },
      body: text,
    });

  it("answers a body of the schema, and records the text as sent", async () => {
    const kit = mock();
    expect((await post(kit, "/orders", ORDER_XML)).status).toBe(201);
    expect((await post(kit, "/notes", "<p>any text</p>")).status).toBe(204);
    const [created] = kit.calls("createOrder");
    expect(created?.body).toBe(ORDER_XML);
    expect(created?.violations).toEqual([]);
    kit.verify();
  });

  it("names what breaks the schema, inside the XML as in JSON", async () => {
    const kit = mock();
    const wrong =
      '<Order id="7"><Lines><Line unit="crate"><sku>ABC-12</sku><quantity>0</quantity></Line></Lines></Order>';
    expect((await post(kit, "/orders", wrong)).status).toBe(422);
    expect((await post(kit, "/orders", "<Order><Lines>")).status).toBe(422);
    const closed =
      "<InvalidationBatch><CallerReference>r</CallerReference><Paths><Quantity>1</Quantity></Paths><Extra/></InvalidationBatch>";
    expect((await post(kit, "/invalidations", closed, "text/xml")).status).toBe(422);
    const [first, second, third] = kit.calls().map((call) => call.violations.map((v) => v.at));
    expect(first).toEqual(["body.lines[0].quantity", "body.lines[0].unit"]);
    expect(second).toEqual(["body"]);
    // An element a closed schema does not have is named, as a JSON body's property would be.
    expect(third).toEqual(["body.Extra"]);
    expect(kit.calls()[1]?.violations[0]?.message).toMatch(/^is not well-formed XML/);
  });
});

describe("Prism reads an XML body to check it", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ spec: fixture("xml-bodies.json") });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) expect(pidAlive(server.pid)).toBe(false);
  });
  const send = async (path: string, text: string, type = "application/xml") => {
    const response = await fetch(`${server.url}${path}`, {
      method: path === "/notes" ? "PUT" : "POST",
      headers: { "content-type": type },
      body: text,
    });
    return { status: response.status, answer: await response.text() };
  };

  it("answers a body of the schema (before, every XML body was refused: 'must be object')", async () => {
    expect((await send("/orders", ORDER_XML)).status).toBe(201);
    const batch =
      '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><CallerReference>r</CallerReference>' +
      "<Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths></InvalidationBatch>";
    expect((await send("/invalidations", batch, "text/xml")).status).toBe(201);
    // A string schema's body is the text, checked as a string.
    expect((await send("/notes", "<p>any text</p>")).status).toBe(204);
  });

  it("refuses one that breaks it, saying where; and text that is no XML, saying so", async () => {
    const wrong = await send(
      "/orders",
      '<Order id="7"><Lines><Line><sku>ABC-12</sku><quantity>0</quantity></Line></Lines></Order>',
    );
    expect(wrong.status).toBe(422);
    expect(JSON.parse(wrong.answer).validation[0].location).toEqual(["body", "lines", "0", "quantity"]);
    const broken = await send("/orders", "<Order><Lines>");
    expect(broken.status).toBe(422);
    expect(JSON.parse(broken.answer).validation[0].message).toMatch(/^Request body is not well-formed XML/);
    const other = await send("/orders", "<Invoice/>");
    expect(JSON.parse(other.answer).validation[0].message).toBe(
      "Request body has the root element <Invoice>, where the schema names it <Order>",
    );
  });

  it("answers every contract case of the document, its XML bodies written from the samples", async () => {
    const statuses = [];
    for (const c of cases()) statuses.push([c.title, (await sendCase(server.url, c)).status]);
    expect(statuses).toEqual(cases().map((c) => [c.title, c.status]));
  });
  const cases = () => deriveContractCases(spec).cases;
});
