import { readFileSync } from "node:fs";
import { Agent, get as httpGet } from "node:http";
import { createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { type EncodedBody, formBody, multipartBody, serializeQuery } from "@switchboard/core";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deriveContractCases, type MockServer, MockStartError, startMock, startMocks } from "../src/index.js";
import { conforms, schemaErrors } from "../src/validate.js";
import {
  fixture,
  listeningAddresses,
  pidAlive,
  processesMentioning,
  readFixture,
  tryConnect,
  uniqueCopy,
  waitUntil,
  writeSpec,
} from "./support/helpers.js";

const onLinux = process.platform === "linux";
const auth = { Authorization: "Bearer test-token" };

/** Every mock a test starts, so afterAll can stop them and prove each process is gone. */
const started: MockServer[] = [];
const remember = (server: MockServer) => {
  started.push(server);
  return server;
};

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const server of started) expect(pidAlive(server.pid), `pid ${server.pid}`).toBe(false);
});

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

const close = (server: Server | undefined) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

describe("startMock on a small spec", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = remember(await startMock({ spec: fixture("simple.json") }));
  });

  it("answers with the documented example", async () => {
    const response = await fetch(`${server.url}/ips/ip-1`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.json()).toEqual({ data: { id: "ip-1", ip_address: "192.0.2.10", port: 5060 } });
  });

  it("meets an empty security requirement (`security: [{}]`) with or without credentials", async () => {
    // Before, Prism met it only without an Authorization header: a client that sends its credentials to
    // every operation was refused 401 (Sinao's open operations).
    for (const headers of [{}, auth]) {
      const response = await fetch(`${server.url}/health`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    }
    // An operation that asks for credentials still refuses a request without them.
    expect((await fetch(`${server.url}/ips/ip-1`)).status).toBe(401);
  });

  it("answers a documented error status when asked with Prefer: code=404", async () => {
    const response = await fetch(`${server.url}/ips/ip-1`, { headers: { ...auth, Prefer: "code=404" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ code: "10005", title: "Resource not found" }] });
  });

  it("answers 401 (with the documented body) when the bearer credential is missing or of the wrong scheme", async () => {
    const missing = await fetch(`${server.url}/ips/ip-1`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("sl-violations")).toContain("Invalid security scheme used");
    expect(await missing.json()).toEqual({ errors: [{ code: "10009", title: "Authentication failed" }] });

    const basic = await fetch(`${server.url}/ips/ip-1`, { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
  });

  it("checks a body against the content of its own type, not a wildcard listed before it (Apicurio's `*/*` first)", async () => {
    // Before: Prism took the first content whose type matches, `*/*`, and refused the JSON form (422, "Request
    // body must be string") and flagged its own JSON answer as a violation.
    const json = await fetch(`${server.url}/artifacts`, {
      method: "POST",
      headers: { "Content-Type": "application/vnd.create+json", Accept: "application/json" },
      body: JSON.stringify({ content: "openapi: 3.1.0" }),
    });
    expect(json.status).toBe(201);
    expect(json.headers.get("sl-violations")).toBeNull();
    expect(await json.json()).toEqual({ id: "a-1" });
    // The wildcard still takes what no other content names, and checks it by its own schema.
    const bytes = await fetch(`${server.url}/artifacts`, {
      method: "POST",
      headers: { "Content-Type": "application/x-protobuf", Accept: "application/json" },
      body: "syntax = 3",
    });
    expect(bytes.status).toBe(201);
    expect(bytes.headers.get("sl-violations")).toBeNull();
    const refused = await fetch(`${server.url}/artifacts`, {
      method: "POST",
      headers: { "Content-Type": "application/vnd.create+json", Accept: "application/json" },
      body: JSON.stringify({ name: "no content" }),
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain("content");
  });

  it("keeps an idle connection open past Node's 5 s keep-alive timeout, so a busy mock never resets a reused one", async () => {
    // Node's server closes a connection idle for 5 s from a timer, which, when the mock was busy making up a
    // large answer, fired after a request had already come on it: the client's call failed with ECONNRESET
    // (3 of the BBC's 41 cases). The mock leaves closing idle connections to the client.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean; keepAlive: string | undefined }>((resolve, reject) => {
        const request = httpGet(`${server.url}/ips/ip-1`, { agent, headers: auth }, (response) => {
          response.resume();
          response.on("end", () =>
            resolve({
              status: response.statusCode!,
              reused: request.reusedSocket,
              keepAlive: response.headers["keep-alive"] as string | undefined,
            }),
          );
        });
        request.on("error", reject);
      });
    try {
      const first = await get();
      expect(first).toEqual({ status: 200, reused: false, keepAlive: undefined });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get()).toEqual({ status: 200, reused: true, keepAlive: undefined });
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it("reports where it runs", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.spec).toBe(fixture("simple.json"));
    expect(pidAlive(server.pid)).toBe(true);
  });

  it("binds 127.0.0.1 and nothing else", async () => {
    expect(await tryConnect("127.0.0.1", server.port)).toBe("connected");
    if (onLinux) {
      // The kernel's own view of the listening socket.
      expect(listeningAddresses(server.port)).toEqual(["127.0.0.1"]);
      // All of 127/8 is loopback on Linux, but a socket bound to 127.0.0.1 alone does not answer on .2.
      expect(await tryConnect("127.0.0.2", server.port)).toBe("ECONNREFUSED");
    }
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === "IPv4")
      .map((i) => i!.address);
    for (const address of external) expect(await tryConnect(address, server.port)).not.toBe("connected");
  });
});

describe("text responses", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = remember(await startMock({ spec: fixture("text-scalars.json") }));
  });

  it("writes a number or boolean of a text/* response as its text (sms77's balance), not Prism's 500", async () => {
    for (const [path, text] of [
      ["/balance", "12.34"],
      ["/enabled", "true"],
    ] as const) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/plain/);
      expect(response.headers.get("sl-violations"), path).toBeNull();
      expect(await response.text(), path).toBe(text);
    }
  });

  it("serves an object or array documented under */* as JSON (SpringDoc's default), a string as text", async () => {
    // Prism answers */* as text/plain and refuses any object there with a 500; the patch serves its JSON.
    for (const [method, path, type, body] of [
      ["POST", "/export", /^application\/json/, '{"id":"exp_1","rows":3}'],
      ["GET", "/exports", /^application\/json/, undefined],
      ["GET", "/note", /^text\/plain/, "hello"],
      // An allOf of object parts with no type of its own (GoDaddy's ErrorLimit) is an object too.
      ["GET", "/limits", /^application\/json/, '{"retryAfterSec":1,"code":"string"}'],
      // A string of maxLength 0 (ShipEngine's empty body) is empty, not Prism's "string".
      ["DELETE", "/cleared", /^text\/plain/, ""],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toMatch(type);
      expect(response.headers.get("sl-violations"), path).toBeNull();
      const text = await response.text();
      if (body !== undefined) expect(text, path).toBe(body);
      else expect(JSON.parse(text), path).toEqual([{ id: expect.any(String) }]);
    }
    // `*/*` is any type: a client that accepts only JSON (as SDKs send it) gets it, where Prism said 406.
    const json = await fetch(`${server.url}/export`, {
      method: "POST",
      headers: { accept: "application/json" },
    });
    expect([json.status, json.headers.get("content-type")]).toEqual([200, "application/json"]);
    expect(await json.json()).toEqual({ id: "exp_1", rows: 3 });
  });

  it("serves an object under text/json as JSON and under text/xml as XML, as under their application/ twins", async () => {
    const json = await fetch(`${server.url}/legacy`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^text\/json/);
    expect(await json.json()).toEqual({ on: true });
    const xml = await fetch(`${server.url}/feed`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await xml.text()).toContain("<title>Calls</title>");
  });

  it("serves an object under a type it has no writer for (audio/mpeg) as JSON text, as the kit does, not a 500", async () => {
    const recording = await fetch(`${server.url}/recordings/rec_1.mp3`);
    expect(recording.status).toBe(200);
    expect(recording.headers.get("content-type")).toMatch(/^audio\/mpeg/);
    expect(await recording.json()).toEqual({ available: 0 });
    const missing = await fetch(`${server.url}/recordings/rec_1.mp3`, { headers: { Prefer: "code=404" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not found" });
  });

  it("serves nothing under a type it has no writer for where the spec gives nothing to serve (XTRF's downloads), not a 500", async () => {
    const download = await fetch(`${server.url}/projects/files/f1/download`);
    // Before: 500 "Cannot find serializer for multipart/form-data".
    expect(download.status).toBe(200);
    expect(download.headers.get("sl-violations")).toBeNull();
    expect(await download.text()).toBe("");
  });

  it("still refuses an object as text, as Prism does", async () => {
    const response = await fetch(`${server.url}/settings`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("Cannot serialise complex objects as text");
  });
});

describe("form bodies", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = remember(await startMock({ spec: fixture("form-arrays.json") }));
  });
  const post = (form: string) =>
    fetch(`${server.url}/conversations`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });

  it("read an array field without an `encoding` as OpenAPI's default does: one item sent once is an array of one", async () => {
    for (const form of ["participants=alice", "participants=alice&participants=bob&topic=standup"]) {
      const response = await post(form);
      expect(response.status, form).toBe(200);
      expect(response.headers.get("sl-violations"), form).toBeNull();
    }
  });

  it("still check the array's items, and a missing required array", async () => {
    const long = await post("participants=far-too-long-for-eight");
    expect(long.status).toBe(422);
    expect(JSON.stringify(await long.json())).toContain("participants");
    const missing = await post("topic=standup");
    expect(missing.status).toBe(422);
  });

  it("read objects as the runtime writes them: a multipart part as JSON, a urlencoded field with brackets", async () => {
    const send = async (path: string, encoded: EncodedBody) => {
      const [body, contentType] = encoded;
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        body,
        ...(contentType ? { headers: { "Content-Type": contentType } } : {}),
      });
      return { status: response.status, violations: response.headers.get("sl-violations") };
    };
    const media = { media: { type: "photo", caption: "a, b & c" }, album: [{ type: "video" }], tags: ["x"] };
    expect(await send("/media", multipartBody({ ...media, chat_id: 5 }, "multipart/form-data"))).toEqual({
      status: 200,
      violations: null,
    });
    const filter = formBody({ filter: { status: "open" } }, "application/x-www-form-urlencoded");
    expect(await send("/filters", filter)).toEqual({ status: 200, violations: null });
    // And check them: a value the schema refuses still is.
    const wrong = multipartBody({ ...media, media: { type: "audio" } }, "multipart/form-data");
    expect((await send("/media", wrong)).status).toBe(422);
    const closed = formBody({ filter: { status: "archived" } }, "application/x-www-form-urlencoded");
    expect((await send("/filters", closed)).status).toBe(422);
  });
});

describe("values Prism makes up", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = remember(await startMock({ spec: fixture("made-up-formats.json") }));
  });

  it("fit the schema's string patterns and formats, byte, duration and url among them (Prism's own sampler writes \"string\")", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const schema = spec.paths["/icons/{id}"].get.responses["200"].content["application/json"].schema;
    const response = await fetch(`${server.url}/icons/1`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      imageData: expect.stringMatching(/^(?:[A-Za-z0-9+/]{4})+$/),
      ttl: "P1D",
      link: "https://example.com",
      created: expect.any(String),
      owner: expect.any(String),
      name: "string",
      // Twilio's SIDs: the shortest value the pattern allows.
      account_sid: `AC${"0".repeat(32)}`,
      language: "Auto",
      // AWS GameSparks's ARNs: the pattern's value, 19 characters, padded to the minLength of 20 (nothing
      // after its match is ruled out). Before, "string" padded, which breaks the pattern.
      arn: "arn:aws:gamesparks:x",
      // AWS's tag keys: a pattern of Unicode classes randexp cannot write, beside `format: password`, whose
      // value Prism writes as "pa$$word", which breaks the pattern. Our sampler's plain string.
      tag_key: "string",
    });
    for (const [name, value] of Object.entries(body))
      expect(conforms(value, schema.properties[name], spec), `${name}: ${value}`).toBe(true);
  });

  it("leave how a response is framed to the server, where the spec documents Content-Length and the like", async () => {
    const response = await fetch(`${server.url}/archives/arc_1`);
    expect(response.status).toBe(200);
    // Without the mend the client cannot read it: Prism sent a made-up Content-Length (or a gzip encoding).
    expect(await response.json()).toEqual({ id: "arc_1", name: "2024 calls" });
    expect(response.headers.get("x-archive-id")).toBe("arc_1");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("transfer-encoding")).toBeNull();
  });

  it('are the required properties alone where the whole value is more than Prism\'s sampler writes (its 500 "Schema too complex")', async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/catalog`);
    expect(response.status).toBe(200);
    const body = await response.json();
    // Required at every depth, and only that: the cover's required title, none of its 59 optional fields.
    expect(body).toEqual({ id: "CT0000", cover: { title: "string" } });
    expect(conforms(body, spec.components.schemas.Catalog, spec)).toBe(true);
  });

  it("are whole however deep the schema nests (Prism's sampler stopped at 15 objects, leaving required properties out)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/dictionary`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    let node = await response.json();
    expect(conforms(node, spec.components.schemas.Level1, spec)).toBe(true);
    for (let level = 2; level <= 20; level++) node = node[`level${level}`];
    expect(node).toEqual({ text: "string", type: "string" });
  });

  it("keep the value a schema lists for a property the base it extends declares too (Prism's sampler wrote the base's)", async () => {
    const response = await fetch(`${server.url}/intents/1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    // Before: `method: "string"`, the base's, which the schema's own enum refuses.
    expect(await response.json()).toEqual({
      method: "PlayMediaIntentHandling.resolveMediaItems",
      id: "string",
      intent: { mediaItems: ["string"] },
    });
  });

  it("leave writeOnly properties out, which Prism's own validator refuses in an answer", async () => {
    const response = await fetch(`${server.url}/labels`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    // Before: every writeOnly field, required (`page_size`) or not, each "must NOT have additional properties".
    expect(await response.json()).toEqual({ labels: [{ label_id: "string" }] });
  });

  it("leave writeOnly properties out at every depth: a map's values, a oneOf's options, an array's arrays", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const member = { name: "m", password: "secret" };
    const response = await fetch(`${server.url}/teams`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // A request that leaves each member's readOnly `id` out, as a client writes it.
      body: JSON.stringify({ members: { lead: member }, owner: member, rota: [[member]] }),
    });
    // Before: the request was refused (422, "must have required property 'id'" at each of the three), and an
    // answer without the writeOnly `password` broke the spec by Prism's own check.
    expect(response.status).toBe(201);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    const answered = { id: "string", name: "string" };
    expect(body).toEqual({
      members: { property1: answered, property2: answered },
      owner: answered,
      rota: [[answered]],
    });
    // By the spec as an answer is read (the writeOnly `password` not required there).
    expect(schemaErrors(body, spec.components.schemas.Team, spec, { direction: "response" })).toEqual([]);
  });

  it("keep what an allOf's parts say when one of them only describes (Prism's sampler kept the last part's value alone)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/pipelines/ingest`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before: "string", [] and 0, the samples of `{description}` alone, each breaking the spec.
    expect(body).toEqual({
      CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
      Arns: ["arn:"],
      MinUnits: 1,
      Owner: { Id: "arn:" },
    });
    expect(conforms(body, spec.components.schemas.Pipeline, spec)).toBe(true);
  });

  it("keep the properties of an allOf part that says no type (Prism's sampler wrote it as null where the allOf said none)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/app-collections`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before: `{properties: {name}}` and `{zone}`, without the base's required `location` (Azure's resources).
    expect(body).toEqual({
      value: [{ id: expect.any(String), location: "westus", properties: { name: "main" } }],
      regions: [{ id: expect.any(String), location: "westus", zone: "a" }],
    });
    expect(
      conforms(
        body,
        spec.paths["/app-collections"].get.responses["200"].content["application/json"].schema,
        spec,
      ),
    ).toBe(true);
  });

  it("give an object the properties its minProperties asks for (Prism's sampler wrote {} for APIs.guru's externalDocs)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/directory`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    expect(Object.keys(body.externalDocs).length).toBeGreaterThanOrEqual(1);
    expect(Object.values(body.versions)).toEqual(["v1", "v1", "v1"]);
    expect(Object.keys(body.tags)).toHaveLength(1);
    expect(
      conforms(body, spec.paths["/directory"].get.responses["200"].content["application/json"].schema, spec),
    ).toBe(true);
  });

  it("write a date-time or time of the length its schema sets (Prism's sampler wrote 20 characters where Telstra's timestamps have 24)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/messages/latest`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before: "2019-08-24T14:15:22Z" for each date-time and "14:15:22Z" for the time, whatever the length.
    expect(body).toEqual({
      createTimestamp: "2019-08-24T14:15:22.123Z",
      filedAt: "2019-08-24T14:15:22.1234Z",
      receivedAt: "2019-08-24T14:15:22.123456Z",
      openedAt: "14:15:22.12Z",
    });
    expect(
      conforms(
        body,
        spec.paths["/messages/latest"].get.responses["200"].content["application/json"].schema,
        spec,
      ),
    ).toBe(true);
  });

  it("write a required property the object does not declare where it lets any be there (Prism's sampler left out Britbox's `email`)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/account`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before: `{id: "acc-1"}`, and `settings` without either requirement.
    expect(body).toEqual({
      id: "acc-1",
      email: null,
      settings: { "x-theme": "dark", locale: "en", property1: "en", property2: "en" },
    });
    expect(
      conforms(body, spec.paths["/account"].get.responses["200"].content["application/json"].schema, spec),
    ).toBe(true);
  });

  it("keep an object's own properties beside a oneOf or anyOf of its kinds (Prism's sampler wrote the kind alone)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/entities`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before: `[{ accounts: ["ES12"] }]`, without the `success` every entity requires.
    expect(body).toEqual([{ success: true, accounts: ["ES12"] }]);
    expect(
      conforms(body, spec.paths["/entities"].get.responses["200"].content["application/json"].schema, spec),
    ).toBe(true);
  });

  it("leave the mock running where an array header is not there (Prism's reader threw, and the process exited)", async () => {
    // Without the optional request header, then with it; the response's array header is never made up.
    const sent: Array<Record<string, string>> = [{}, { "X-Tags": "a,b" }, {}];
    for (const headers of sent) {
      const response = await fetch(`${server.url}/lists`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("sl-violations")).toBeNull();
      expect(await response.json()).toEqual({ names: ["colors"] });
    }
  });

  it("keep running after answering under a content key that is no media type (Prism's check of it threw)", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/exports/xls`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("xls");
      expect(response.headers.get("sl-violations")).toBeNull();
      await response.arrayBuffer();
    }
  });

  it("answer HEAD with no body and no violation, also where the spec documents one for the status", async () => {
    for (const status of [200, 404]) {
      const response = await fetch(`${server.url}/lists`, {
        method: "HEAD",
        headers: { Prefer: `code=${status}` },
      });
      expect(response.status).toBe(status);
      // Before: "The received media type "" does not match …" and "Response body must be object" for the 404.
      expect(response.headers.get("sl-violations"), String(status)).toBeNull();
      expect(await response.text()).toBe("");
    }
  });

  it("give a schema the answer holds twice its value both times, after an allOf (Prism's sampler took the second for a recursion)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/extensions/notify`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before: the map's second entry `[]` and `Backup` `{}`, each breaking the spec.
    const action = { Name: "notify", RoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\/.+$/) };
    const contact = { Phone: expect.stringMatching(/^\+\d{11,}$/), Name: "On call" };
    expect(body).toEqual({
      Actions: { property1: [action], property2: [action] },
      Primary: contact,
      Backup: contact,
    });
    // Each string as long as its `minLength` asks, and of its pattern.
    expect(conforms(body, spec.components.schemas.Extension, spec)).toBe(true);
  });

  it("route operations the spec keeps on one path by a #fragment alone, by the header each requires (AWS's)", async () => {
    for (const [target, answer] of [
      ["Svc.DeleteThing", "deleted"],
      ["Svc.CreateThing", "created"],
    ] as const) {
      const response = await fetch(`${server.url}/`, { method: "POST", headers: { "X-Amz-Target": target } });
      // Before: 404, "The route / hasn't been found in the specification file".
      expect(response.status, target).toBe(200);
      expect(response.headers.get("sl-violations"), target).toBeNull();
      expect(await response.json()).toEqual({ [answer]: target });
    }
  });

  it("route a request operations on one path fit to the one that requires most of it (Box's), then the plain path's", async () => {
    // And of operations that differ by their body alone (Azure's `#disambiguation_dummy`), the one the body is valid for.
    for (const [query, body, kind] of [
      ["?fields=shared_link", undefined, "add_shared_link"],
      ["", undefined, "update_file"],
      ["", { name: "a.txt" }, "update_file"],
      ["", { folder: "docs" }, "update_folder"],
    ] as const) {
      const response = await fetch(`${server.url}/files/1${query}`, {
        method: "PUT",
        ...(body && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      expect(response.status, kind).toBe(200);
      expect(response.headers.get("sl-violations"), kind).toBeNull();
      expect(await response.json()).toEqual({ kind });
    }
  });

  it("route a request two templates match within a segment to the one that writes more of it (NREL's category-list.{format})", async () => {
    const mock = remember(await startMock({ spec: fixture("partial-templates.json") }));
    const asked: Array<[string, string, string]> = [
      ["GET", "/v1/category-list.json", "categories"],
      ["GET", "/v1/42.json", "law"],
      // The more literal template of another method is no choice: the request is the one its method has.
      ["GET", "/v1/42/related.json", "part"],
      ["POST", "/v1/42/related.json", "relate"],
    ];
    for (const [method, path, kind] of asked) {
      const response = await fetch(`${mock.url}${path}`, { method });
      // Before: the categories were routed to `{id}.{output_format}`, and refused 422 as no integer id.
      expect(response.status, path).toBe(200);
      expect(response.headers.get("sl-violations"), path).toBeNull();
      expect(await response.json(), `${method} ${path}`).toEqual({ kind });
    }
  });

  it("route a request of two operations on one path to the one that reads its body's type (Azure's stream overloads)", async () => {
    const requests = [
      {
        headers: { "content-type": "application/octet-stream" },
        body: new Uint8Array([0xff, 0xd8]),
        from: "bytes",
      },
      {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: "https://x.test/a.jpg" }),
        from: "url",
      },
    ];
    for (const { from, ...init } of requests) {
      const response = await fetch(`${server.url}/analyze`, { method: "POST", ...init });
      // Before the mend: 415, the stream's body checked against the JSON operation.
      expect(response.status, from).toBe(200);
      expect(response.headers.get("sl-violations"), from).toBeNull();
      expect(await response.json()).toEqual({ from });
    }
  });

  it("answer text whose schema says nothing (AWS's XML errors, `{}`) with no text, not a 500", async () => {
    const response = await fetch(`${server.url}/queues`, { headers: { prefer: "code=480" } });
    // Before: 500 "Cannot serialise complex objects as text", for the sampler's null.
    expect(response.status).toBe(480);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.text()).toBe("");
    const queues = await fetch(`${server.url}/queues`);
    expect(queues.status).toBe(200);
    expect(await queues.text()).toBe("<xml><QueueUrl>https://q.test/1</QueueUrl></xml>");
  });

  it("answer the status asked for with its body, also where the request accepts only another type (an audio endpoint's JSON error)", async () => {
    const response = await fetch(`${server.url}/speech`, {
      method: "POST",
      headers: { accept: "audio/mpeg", prefer: "code=429" },
    });
    // Before: 200 and the audio, Prism's lowest success, where the 429's JSON was not acceptable.
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.json()).toEqual({ error: "slow down" });
    // A type the request accepts is still the one answered.
    const speech = await fetch(`${server.url}/speech`, { method: "POST", headers: { accept: "audio/mpeg" } });
    expect(speech.status).toBe(200);
    expect(speech.headers.get("content-type")).toBe("audio/mpeg");
    await speech.arrayBuffer();
  });

  it("route a request of operations on one template, apart by a parameter's name alone (VTEX's), to the one it is valid for", async () => {
    // A document of its own, with no #fragment key, which the routing must not need.
    const mock = remember(await startMock({ spec: fixture("one-template.json") }));
    for (const [body, kind] of [
      [undefined, "open_account"],
      [{ email: "a@x.test", id: "a1" }, "open_account"],
      [{ email: "a@x.test" }, "update_account"],
    ] as const) {
      const response = await fetch(`${mock.url}/accounts/a1`, {
        method: "PUT",
        ...(body && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      // Before: Prism took the last of them for every request: 422 "Body parameter is required" with no body.
      expect(response.status, kind).toBe(200);
      expect(response.headers.get("sl-violations"), kind).toBeNull();
      expect(await response.json()).toEqual({ kind });
    }
  });

  it("route path keys that write a query of their own (Flickr's `/rest?method=…`, ClickSend's `?date_from={date_from}`)", async () => {
    const mock = remember(await startMock({ spec: fixture("query-in-key.json") }));
    const answers = [];
    for (const path of [
      "/rest?method=flickr.people.getInfo&user_id=u1",
      "/rest?method=flickr.photos.getInfo",
      "/sms/history?date_from=2026-01-01",
      "/numbers/search/US?contains=1",
    ]) {
      const response = await fetch(`${mock.url}${path}`);
      expect(response.headers.get("sl-violations"), path).toBeNull();
      answers.push([response.status, await response.json()]);
    }
    // Before: 404 for each, "The route /rest hasn't been found in the specification file".
    expect(answers).toEqual([
      [200, { kind: "person" }],
      [200, { kind: "photo" }],
      [200, { kind: "history" }],
      [200, { kind: "numbers" }],
    ]);
    // The values the key writes are required, and a parameter it writes in its query is checked there.
    const other = await fetch(`${mock.url}/rest?method=flickr.photos.delete`);
    expect(other.status).toBe(422);
    await other.arrayBuffer();
    const date = await fetch(`${mock.url}/sms/history?date_from=yesterday`);
    expect(date.status).toBe(422);
    expect(JSON.stringify(await date.json())).toContain("date_from");
  });

  it("read a deepObject as the query holds it: left out, its arrays comma-joined as the runtime sends them (PandaScore's `range`)", async () => {
    const mock = remember(await startMock({ spec: fixture("query-objects.json") }));
    // The runtime writes an object in the query as a deepObject unless its row says otherwise.
    const matches = async (query: Record<string, unknown> | string) => {
      const search = typeof query === "string" ? query : serializeQuery(query);
      const response = await fetch(`${mock.url}/matches${search ? `?${search}` : ""}`);
      return [response.status, response.headers.get("sl-violations"), await response.json()] as const;
    };
    const ok = [200, null, { kind: "matches" }];
    // Left out, the optional objects are not there: Prism read each as an object of empty lists, and refused
    // them as "range.id must NOT have fewer than 2 items".
    expect(await matches({})).toEqual(ok);
    expect(await matches({ range: { id: [1, 2] }, filter: { status: "open" } })).toEqual(ok);
    expect(await matches({ range: { name: ["a", "b"] }, filter: { tags: ["x", "y"] } })).toEqual(ok);
    // Prism's own form of an array, indexed, still reads.
    expect(await matches("range[id][0]=1&range[id][1]=2")).toEqual(ok);
    // And what is sent is checked.
    for (const query of [
      { range: { id: [1] } },
      { range: { id: [1, 2, 3] } },
      { range: { id: ["one", "two"] } },
      { filter: { status: "archived" } },
    ]) {
      const [status] = await matches(query);
      expect(status, JSON.stringify(query)).toBe(422);
    }
  });

  it("read an object in the query as OpenAPI's form style explodes it by default, its properties names of their own (AWS SES's)", async () => {
    const mock = remember(await startMock({ spec: fixture("query-objects.json") }));
    const answers = [];
    for (const query of [
      "Action=CreateConfigurationSet&Name=daily",
      "Action=CreateConfigurationSet&Name=daily&CustomRedirectDomain=x.test",
      "Action=CloneReceiptRuleSet&RuleSetName=a&OriginalRuleSetName=b",
      "Action=ListIdentities&Filter[IdentityType]=Domain",
    ]) {
      const response = await fetch(`${mock.url}/?${query}`);
      expect(response.headers.get("sl-violations"), query).toBeNull();
      answers.push([response.status, await response.json()]);
    }
    // Before: 422 for all but the clone, each routed to the path's first operation, whose required parameters
    // it does not have; and routed right, "Request query must have required property 'configurationset'":
    // Prism read an object that says no `explode` as not exploded, and matched its property names against
    // the query's in lower case.
    expect(answers).toEqual([
      [200, { kind: "create" }],
      [200, { kind: "create" }],
      [200, { kind: "clone" }],
      [200, { kind: "list" }],
    ]);
    const search = await fetch(`${mock.url}/search?Start=2026-01-01&End=2026-01-31`);
    expect(search.headers.get("sl-violations")).toBeNull();
    expect([search.status, await search.json()]).toEqual([200, { kind: "search" }]);
    // An optional object none of whose names is sent is not there (Prism read it as {}, refused for the
    // property it requires); one that is sent is checked.
    const paged = await fetch(`${mock.url}/search?Start=2026-01-01&Number=2`);
    expect([paged.status, paged.headers.get("sl-violations")]).toEqual([200, null]);
    await paged.arrayBuffer();
    // The object is still checked: its required property, and each property's schema.
    for (const query of [
      "End=2026-01-31",
      "Start=yesterday",
      "Start=2026-01-01&Size=10",
      "Start=2026-01-01&Number=0",
    ]) {
      const refused = await fetch(`${mock.url}/search?${query}`);
      expect(refused.status, query).toBe(422);
      await refused.arrayBuffer();
    }
    const badName = await fetch(`${mock.url}/?Action=CreateConfigurationSet&Name=no%20spaces`);
    expect(badName.status).toBe(422);
    expect(JSON.stringify(await badName.json())).toContain("Name");
    // An object where a value goes (an array's item, a form object's property), as the runtime writes it:
    // its JSON text. Before, "Request query parameter trafficsources.0 must be object" (AWS's TrafficSources).
    const traffic = (query: object) =>
      fetch(`${mock.url}/traffic?${serializeQuery(query as Record<string, unknown>, { Group: "form" })}`);
    const sources = [{ Identifier: "a", Type: "elb" }, { Identifier: "b" }];
    // A 3.0 nullable array (Prism's `type: [array, null]`) is an array too: "must be array,null" before.
    for (const [Types, Ids] of [
      [
        ["send", "bounce"],
        [1, 2],
      ],
      [["send"], [3]],
    ]) {
      const attached = await traffic({
        TrafficSources: sources,
        Group: { Name: "g", Tag: { Key: "k" }, Types },
        Ids,
      });
      expect([attached.status, attached.headers.get("sl-violations")]).toEqual([200, null]);
      await attached.arrayBuffer();
    }
    // And checked: an item without its required property, an item's enum, the inner object's.
    for (const query of [
      { TrafficSources: [{ Type: "elb" }] },
      { TrafficSources: [{ Identifier: "a", Type: "alb" }] },
      { TrafficSources: sources, Group: { Tag: { Value: "v" } } },
      { TrafficSources: sources, Group: { Types: ["send", "open"] } },
      { TrafficSources: sources, Ids: [1, "x"] },
    ]) {
      const refused = await traffic(query);
      expect(refused.status, JSON.stringify(query)).toBe(422);
      await refused.arrayBuffer();
    }
  });

  it("leave out an array's item or an optional property where the schema recurs (Prism's sampler wrote an empty object)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/clusters/c1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // The sampler goes once into the schema, and stops where it recurs a second time: no item, no optional
    // property, and no optional array that must hold an item. Before, the cut was an item `{}` and `parent: {}`,
    // each without the cluster's required properties.
    const leaf = { cluster_id: "c1", total_number_of_nodes: 3, subclusters: [] };
    expect(body).toEqual({
      cluster_id: "c1",
      total_number_of_nodes: 3,
      subclusters: [leaf],
      merged_into: [leaf],
      parent: leaf,
    });
    expect(conforms(body, spec.components.schemas.Cluster, spec)).toBe(true);
  });

  it("read a path parameter with a comma in any style, refuse one not written in its style, and read a delimited query beside an object of that style, without exiting (readme's parameter styles)", async () => {
    const styles = remember(await startMock({ spec: fixture("path-styles.json") }));
    // Before, each of these ended the Prism process (its URI template matcher split the value at its commas,
    // and the style's reader threw), and every later call failed with ECONNRESET.
    for (const path of ["/matrix/;ids=a,b", "/label/.a,b", "/simple/a,b"]) {
      const response = await fetch(`${styles.url}${path}`);
      expect([path, response.status, response.headers.get("sl-violations")]).toEqual([path, 204, null]);
    }
    // A value not written in the style is its text, which the schema refuses (as is `.a.b`, the exploded form
    // of a label the spec does not explode: one item "a.b"); the mock answers on.
    for (const path of ["/matrix/a,b", "/label/a", "/matrix/;ids=a,c", "/label/.a.b"]) {
      const response = await fetch(`${styles.url}${path}`);
      expect([path, response.status]).toEqual([path, 422]);
      await response.arrayBuffer();
    }
    expect((await fetch(`${styles.url}/simple/b`)).status).toBe(204);
    // Prism's delimited readers threw for any schema but an array (a pipeDelimited object, which OpenAPI
    // allows): every call of the operation ended the process, sent or not. Now read as the array it is.
    const piped = await fetch(`${styles.url}/piped?ids=a|b`);
    expect([piped.status, piped.headers.get("sl-violations")]).toEqual([204, null]);
    expect((await fetch(`${styles.url}/piped?ids=a|c`)).status).toBe(422);
    expect((await fetch(`${styles.url}/simple/a`)).status).toBe(204);
  });

  it("leave out an optional object that requires a value cut off where the schema recurs (an employee's employer, which requires its CEO)", async () => {
    const spec = load(readFileSync(fixture("required-cycle.yaml"), "utf8")) as any;
    const cycles = remember(await startMock({ spec: fixture("required-cycle.yaml") }));
    const response = await fetch(`${cycles.url}/employees`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before, the employer whose CEO was cut off stayed, with `ceo: {}` and no name.
    expect(JSON.stringify(body)).not.toContain("{}");
    expect(body.employer.ceo.name).toBe("string");
    expect(conforms(body, spec.components.schemas.Employee, spec)).toBe(true);
  });

  it("leave out a map's made-up entry where its schema recurs (Codat's push options, a map of options holding a map of options)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/push-options`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // The sampler goes once into the schema, and where it recurs a second time the map has no entry. Before,
    // the entries there were `{}`, without the required `description`.
    const leaf = { description: "Name", properties: {} };
    const option = { description: "Name", properties: { property1: leaf, property2: leaf } };
    expect(body).toEqual({ displayName: "Account", properties: { property1: option, property2: option } });
    expect(conforms(body, spec.components.schemas.PushOption, spec)).toBe(true);
  });

  // Stream Chat's messages: a schema that recurs, reached through a $ref with a description beside it.
  const sendMessage = (body: unknown) =>
    fetch(`${server.url}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers a schema that recurs through a $ref with siblings with the properties it requires (Stream Chat's quoted messages)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await sendMessage({ message: { id: "m1" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    // Before, Prism read the recurring schema's properties as one property named `$ref`
    // (`quoted_message: {"$ref": null}`, without its `id`), and answered 500 for the thread's `allOf`.
    const thread = { cid: "string", parent: { cid: "string" } };
    expect(body.message.quoted_message).toEqual({
      id: "string",
      quoted_message: { id: "string", thread },
      thread,
    });
    expect(body.message.thread).toEqual({
      cid: "string",
      parent: { cid: "string", parent: { cid: "string" } },
    });
    expect(conforms(body, spec.components.schemas.MessageResponse, spec)).toBe(true);
  });

  it("answers a schema that recurs in more than 20 places (Azure's subnets; Prism's bundler named 20 and gave up)", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/networks/n1`);
    // Before: 500 "Invalid reference token: paths", a $ref into the document Prism no longer held.
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    const zone = { subnet: { id: "string", parent: { id: "string" } } };
    expect(body).toEqual(Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`zone${i + 1}`, zone])));
    expect(conforms(body, spec.components.schemas.Network, spec)).toBe(true);
  });

  it("reads a header fetch writes itself (`Accept-Language: *`) as not sent where the spec's parameter is optional", async () => {
    const status = async (headers: Record<string, string>) =>
      (await fetch(`${server.url}/articles`, { headers })).status;
    // Node's fetch sends `Accept-Language: *` and `Accept-Encoding: gzip, deflate` where the caller sets none;
    // before, Prism checked them against the spec's enums (Zalando's shops) and refused the request.
    expect(await status({})).toBe(200);
    expect(await status({ "Accept-Language": "de-DE", "Accept-Encoding": "identity" })).toBe(200);
    // A value the caller set is checked as sent.
    expect(await status({ "Accept-Language": "fr-FR" })).toBe(422);
    expect(await status({ "Accept-Encoding": "br" })).toBe(422);
  });

  it("reads a property named `properties` that holds a $ref as a property, not as the keyword", async () => {
    const spec = readFixture("made-up-formats.json") as any;
    const response = await fetch(`${server.url}/folders/f1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = await response.json();
    expect(body).toEqual({ name: "string", properties: { name: "string" } });
    expect(conforms(body, spec.components.schemas.Folder, spec)).toBe(true);
  });

  it("checks a request against a schema that recurs through a $ref with siblings, at every depth", async () => {
    const valid = await sendMessage({
      message: { id: "m1", quoted_message: { id: "m0", thread: { cid: "c1", parent: { cid: "c0" } } } },
    });
    expect(valid.status).toBe(201);
    const invalid = await sendMessage({
      message: { id: "m1", quoted_message: { thread: { parent: { cid: 1 } } } },
    });
    expect(invalid.status).toBe(422);
    const { validation } = await invalid.json();
    // Before, a valid request was answered 500 (Prism iterated the `allOf` it had made a `$ref`), and of this
    // one's three faults only the first was seen.
    expect(validation.map((fault: { location: string[] }) => fault.location.join("."))).toEqual([
      "body.message.quoted_message",
      "body.message.quoted_message.thread",
      "body.message.quoted_message.thread.parent.cid",
    ]);
  });
});

describe("ports", () => {
  it("picks a free port at run time, not Prism's default 4010", async () => {
    // Hold Prism's default port: a mock that relied on it would fail to start.
    const blocker = await listen(4010);
    try {
      const server = remember(await startMock({ spec: fixture("simple.json") }));
      expect(server.port).not.toBe(4010);
      expect(server.port).toBeGreaterThan(0);
      const response = await fetch(`${server.url}/ips/x`, { headers: auth });
      expect(response.status).toBe(200);
      await server.stop();
    } finally {
      await close(blocker);
    }
  });

  it("runs two mocks at once on different ports (JSON and YAML specs)", async () => {
    const mocks = await startMocks({ simple: fixture("simple.json"), other: fixture("other.yaml") });
    started.push(mocks.servers.simple, mocks.servers.other);
    const { simple, other } = mocks.servers;
    expect(simple.port).not.toBe(other.port);
    expect(simple.pid).not.toBe(other.pid);

    const [a, b] = await Promise.all([
      fetch(`${simple.url}/ips/ip-1`, { headers: auth }),
      fetch(`${other.url}/numbers/abc`),
    ]);
    expect(await a.json()).toMatchObject({ data: { id: "ip-1" } });
    expect(await b.json()).toEqual({ phone_number: "+15555550100" });

    await mocks.stop();
    expect(pidAlive(simple.pid)).toBe(false);
    expect(pidAlive(other.pid)).toBe(false);
  });

  it("rejects, naming the port problem, when an explicitly requested port is taken", async () => {
    const blocker = await listen(0);
    const address = blocker?.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const spec = uniqueCopy("simple.json");
    try {
      const error = await startMock({ spec, port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockStartError);
      expect((error as Error).message).toContain(spec);
      expect((error as Error).message).toContain("EADDRINUSE");
    } finally {
      await close(blocker);
    }
    if (onLinux) expect(processesMentioning(spec)).toEqual([]);
  });
});

describe("stop()", () => {
  it("kills the process, closes the port, and can be called again", async () => {
    const server = await startMock({ spec: fixture("simple.json") });
    expect(pidAlive(server.pid)).toBe(true);

    const first = server.stop();
    expect(server.stop()).toBe(first); // a concurrent second call shares the first
    await first;

    expect(pidAlive(server.pid)).toBe(false);
    expect(await tryConnect("127.0.0.1", server.port)).toBe("ECONNREFUSED");
    await expect(server.stop()).resolves.toBeUndefined();
  });
});

describe("failures", () => {
  it("serves a spec with no operations (a provider of webhooks alone) as Prism serves a route it lacks, with no Prism left running", async () => {
    const spec = uniqueCopy("invalid.json");
    const server = await startMock({ spec });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const response = await fetch(`${server.url}/calls?x=1`, { method: "POST" });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        type: "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR",
        detail: "The route /calls hasn't been found in the specification file",
      });
      if (onLinux) expect(processesMentioning(spec)).toEqual([]);
    } finally {
      await server.stop();
    }
    expect(await tryConnect("127.0.0.1", server.port)).toBe("ECONNREFUSED");
  });

  it("rejects a spec that does not parse", async () => {
    const spec = uniqueCopy("broken.yaml");
    const error = await startMock({ spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toContain(spec);
    expect((error as Error).message).toMatch(/Error parsing/);
    // Prism's own message says where, and no stack trace follows it (the output keeps it for whoever asks).
    expect((error as Error).message).toMatch(/at line \d+, column \d+/);
    expect((error as Error).message).not.toMatch(/\n\s+at |stack:/);
    expect((error as MockStartError).output).toContain("fatal");
    if (onLinux) expect(processesMentioning(spec)).toEqual([]);
  });

  it("answers an operation that documents no response 200 with no body (OpenAPI 3.1 allows it)", async () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/strings": {
          post: {
            operationId: "postStrings",
            requestBody: { content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
    };
    const mock = remember(await startMock({ spec: writeSpec(document) }));
    // Before, Prism's 500 "No response defined", and no contract case called the operation.
    const response = await fetch(`${mock.url}/strings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect([response.status, await response.text()]).toEqual([200, ""]);
    expect(deriveContractCases(document).cases.map((c) => [c.title, c.expectBody])).toEqual([
      ["POST /strings → 200", false],
    ]);
  });

  it("rejects a spec whose $ref points nowhere, naming where it is, without a stack trace", async () => {
    const example = { value: { $ref: "#/components/schemas/User/example" } };
    const ok = { description: "ok", content: { "application/json": { examples: { user: example } } } };
    const spec = writeSpec({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: { "/u": { get: { responses: { "200": ok } } } },
    });
    const error = await startMock({ spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    const message = (error as Error).message;
    expect(message).toContain("#/paths/~1u/get/responses/200/content/application~1json/examples/user/value");
    expect(message).toContain("#/components/schemas/User/example");
    expect(message).not.toMatch(/\n\s+at |stack:/);
  });

  it("rejects a spec file that does not exist without starting Prism", async () => {
    const error = await startMock({ spec: "/nonexistent/switchboard/spec.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toContain("/nonexistent/switchboard/spec.json");
    expect((error as Error).message).toContain("ENOENT");
  });

  it("kills Prism when it is not ready in time", async () => {
    const spec = uniqueCopy("simple.json");
    const error = await startMock({ spec, readyTimeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toContain("not listening after 1 ms");
    expect((error as Error).message).toContain(spec);
    if (onLinux) expect(processesMentioning(spec)).toEqual([]);
  });

  it("startMocks stops the mocks that started when another fails", async () => {
    const good = uniqueCopy("simple.json");
    const bad = uniqueCopy("broken.yaml");
    const error = await startMocks({ good, bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toContain(bad);
    if (onLinux) {
      expect(await waitUntil(() => processesMentioning(good)?.length === 0, 2_000)).toBe(true);
      expect(processesMentioning(bad)).toEqual([]);
    }
  });

  it("startMocks with { partial: true } returns the mocks that started beside why each other one did not", async () => {
    const good = uniqueCopy("simple.json");
    const bad = uniqueCopy("broken.yaml");
    const mocks = await startMocks({ good, bad }, { partial: true });
    try {
      expect(Object.keys(mocks.servers)).toEqual(["good"]);
      expect(Object.keys(mocks.failures)).toEqual(["bad"]);
      expect(mocks.failures.bad).toBeInstanceOf(MockStartError);
      expect(mocks.failures.bad?.message).toContain(bad);
      // The one that started serves.
      const response = await fetch(`${mocks.servers.good?.url}/ips/a`, { headers: auth });
      expect(response.status).toBe(200);
      await response.text();
    } finally {
      await mocks.stop();
    }
    if (onLinux) {
      expect(await waitUntil(() => processesMentioning(good)?.length === 0, 2_000)).toBe(true);
      expect(processesMentioning(bad)).toEqual([]);
    }
  });
});

describe("Prism's logs", () => {
  it("stay out of the console by default and go through with SWITCHBOARD_MOCK_LOG=1", async () => {
    // Swallowed rather than shown: this test only needs to see what would have been printed.
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const written = () => write.mock.calls.map(([chunk]) => String(chunk)).join("");
    try {
      vi.stubEnv("SWITCHBOARD_MOCK_LOG", "");
      const quiet = await startMock({ spec: fixture("simple.json") });
      await (await fetch(`${quiet.url}/ips/a`, { headers: auth })).text();
      await quiet.stop();
      expect(written()).not.toContain("Prism is listening");

      vi.stubEnv("SWITCHBOARD_MOCK_LOG", "1");
      const loud = await startMock({ spec: fixture("simple.json") });
      await loud.stop();
      expect(written()).toContain(`[prism simple.json:${loud.port}]`);
      expect(written()).toContain(`Prism is listening on http://127.0.0.1:${loud.port}`);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
