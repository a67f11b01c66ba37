/**
 * Every request is routed, recorded and checked against the spec: violations name the field, the mock
 * answers what the spec says for bad requests, and `verify()` fails the test unless it expected them.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import {
  createProviderClient,
  deepFormBody,
  formBody,
  multipartBody,
  serializeQuery,
} from "@switchboard/core";
import * as telnyx from "@switchboard/telnyx";
import { format } from "@vitest/pretty-format";
import { Ajv } from "ajv";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createMock, MockVerificationError } from "../../src/index.js";
import { loadSpec } from "../../src/kit/source.js";
import { fixture } from "../support/helpers.js";
import { acme, acmeClient, acmeMock, IP, specPath } from "./fixture.js";

const auth = { authorization: "Bearer t" };

describe("routing", () => {
  it("takes the provider's own URL, and another under a base URL given to it", async () => {
    const mock = acmeMock({ baseUrls: ["https://proxy.test/acme"] });
    const headers = { ...auth, "x-tenant": "acme" };
    const direct = await mock.fetch(`https://api.example.test/v2/ips/${IP}`, { headers });
    const proxied = await mock.fetch(`https://proxy.test/acme/ips/${IP}`, { headers });
    expect([direct.status, proxied.status]).toEqual([200, 200]);
    expect(mock.calls("getIp").map((c) => c.input)).toEqual([
      { id: IP, "X-Tenant": "acme" },
      { id: IP, "X-Tenant": "acme" },
    ]);
    expect(mock.servers).toEqual(["https://api.example.test/v2", "https://proxy.test/acme"]);
    mock.verify();
  });

  it("refuses a URL under none of the provider's base URLs, saying the likely mistake: a base URL without /v2, another host", async () => {
    const mock = acmeMock();
    const headers = { ...auth, "x-tenant": "acme" };
    const noPrefix = await mock.fetch(`https://api.example.test/ips/${IP}`, { headers });
    const otherHost = await mock.fetch(`https://api.other.test/v2/ips/${IP}`, { headers });
    // A host that only starts like the server's is another host.
    const longerHost = await mock.fetch(`https://api.example.test.evil/v2/ips/${IP}`, { headers });
    expect([noPrefix.status, otherHost.status, longerHost.status]).toEqual([404, 404, 404]);
    expect(mock.calls().map((c) => [c.operation, c.violations.map((v) => `${v.at}: ${v.message}`)])).toEqual([
      [
        undefined,
        [
          `route: https://api.example.test/ips/${IP} is under none of the acme spec's base URLs (https://api.example.test/v2): does the client's baseUrl leave out /v2?`,
        ],
      ],
      [
        undefined,
        [
          `route: https://api.other.test/v2/ips/${IP} is under none of the acme spec's base URLs (https://api.example.test/v2) (a proxy's or another host's URL is answered once given to createMock's baseUrls)`,
        ],
      ],
      [undefined, [expect.stringMatching(/^route: https:\/\/api\.example\.test\.evil\/v2\/ips/)]],
    ]);
    expect(() => mock.verify()).toThrow(MockVerificationError);
    expect(() => acmeMock({ baseUrls: ["proxy.test/acme"] })).toThrow(
      'createMock: baseUrls holds "proxy.test/acme", not an absolute URL or a path',
    );
  });

  it("matches a server URL's variables as any text of their segment", async () => {
    const mock = acmeMock({ baseUrls: ["https://{region}.api.example.test/{version}"] });
    const headers = { ...auth, "x-tenant": "acme" };
    expect((await mock.fetch(`https://eu.api.example.test/v2/ips/${IP}`, { headers })).status).toBe(200);
    expect((await mock.fetch(`https://api.example.test.other/v2/ips/${IP}`, { headers })).status).toBe(404);
    mock.expectInvalidRequests();
  });

  it("never sends a request whose signal is already aborted, as fetch does: the caller's abort, no call", async () => {
    const mock = acmeMock();
    const controller = new AbortController();
    controller.abort();
    const sent = mock.fetch(`https://api.example.test/v2/ips/${IP}`, {
      headers: auth,
      signal: controller.signal,
    });
    await expect(sent).rejects.toMatchObject({ name: "AbortError" });
    const request = new Request(`https://api.example.test/v2/ips/${IP}`, { signal: AbortSignal.abort() });
    await expect(mock.fetch(request)).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.calls()).toEqual([]);
    // Through a client: the call is the caller's abort, as against a real server.
    const client = acmeClient(mock.fetch);
    const { error } = await client.getIp!({ id: IP, "X-Tenant": "acme" }, { signal: AbortSignal.abort() });
    expect(error?.kind).toBe("aborted");
    expect(mock.calls()).toEqual([]);
  });

  it("answers 404 for a path the spec lacks and 405 for a method it lacks, as violations", async () => {
    const mock = acmeMock();
    const missing = await mock.fetch("https://api.example.test/v2/numbers", { headers: auth });
    const wrongMethod = await mock.fetch("https://api.example.test/v2/ips", { method: "PUT", headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect((await missing.json()).detail).toContain("no operation of the acme spec matches GET /v2/numbers");
    expect(wrongMethod.status).toBe(405);
    expect(mock.calls().map((c) => c.violations[0]?.message)).toEqual([
      "no operation of the acme spec matches GET /v2/numbers",
      "PUT /v2/ips: the spec has GET, POST for this path, not PUT",
    ]);
    expect(() => mock.verify()).toThrow(MockVerificationError);
  });

  it("tells apart operations the spec keeps on one path by a #fragment alone, by what each request fits (AWS's)", async () => {
    const action = (target: string, answer: string) => ({
      post: {
        parameters: [
          { name: "X-Amz-Target", in: "header", required: true, schema: { type: "string", enum: [target] } },
        ],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "object" }, example: { [answer]: target } } },
          },
        },
      },
    });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/#X-Amz-Target=Svc.CreateThing": action("Svc.CreateThing", "created"),
        "/#X-Amz-Target=Svc.DeleteThing": action("Svc.DeleteThing", "deleted"),
      },
    };
    // As generated: each row is sent to the path without its fragment, and keeps the spec's key.
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          createThing: [
            "POST",
            "/",
            { header: ["X-Amz-Target"], specPath: "/#X-Amz-Target=Svc.CreateThing" },
          ],
          deleteThing: [
            "POST",
            "/",
            { header: ["X-Amz-Target"], specPath: "/#X-Amz-Target=Svc.DeleteThing" },
          ],
        },
      } as const,
      { spec },
    );
    mock.on("createThing").reply(500, { times: 1 });
    const send = async (target: string) => {
      const response = await mock.fetch("http://x/", { method: "POST", headers: { "X-Amz-Target": target } });
      return [response.status, await response.json().catch(() => undefined)];
    };
    expect(await send("Svc.DeleteThing")).toEqual([200, { deleted: "Svc.DeleteThing" }]);
    expect((await send("Svc.CreateThing"))[0]).toBe(500);
    expect(await send("Svc.CreateThing")).toEqual([200, { created: "Svc.CreateThing" }]);
    expect(mock.calls().map((c) => c.operation)).toEqual(["deleteThing", "createThing", "createThing"]);
    // A request neither fits is the first's, and its violation says why.
    expect((await send("Svc.Other"))[0]).toBe(422);
    expect(mock.calls().at(-1)?.violations).toEqual([
      { at: "header.X-Amz-Target", message: 'must be one of "Svc.CreateThing" (got "Svc.Other")' },
    ]);
  });

  it("reads label and matrix path parameters as generated rows send them (`/label/.{id}`, `/matrix/;ids={ids}`)", async () => {
    const ok = {
      "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
    };
    const param = (name: string, style: string, schema: object) => ({
      name,
      in: "path",
      required: true,
      style,
      schema,
    });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/label/{id}": { get: { parameters: [param("id", "label", { type: "integer" })], responses: ok } },
        "/matrix/{ids}": {
          get: {
            parameters: [param("ids", "matrix", { type: "array", items: { type: "string" } })],
            responses: ok,
          },
        },
      },
    };
    const module = {
      provider: { name: "t", title: "T", servers: { default: "http://x" }, defaultServer: "default" },
      endpoints: {
        getLabel: ["GET", "/label/.{id}", { specPath: "/label/{id}" }],
        getMatrix: ["GET", "/matrix/;ids={ids}", { specPath: "/matrix/{ids}" }],
      },
    } as const;
    const mock = createMock(module, { spec });
    const client = createProviderClient(
      { ...module.provider, auth: [], credentials: {}, pathCredentials: {} } as never,
      module.endpoints,
      { fetch: mock.fetch },
    ) as unknown as Record<string, (input: object) => Promise<{ error?: unknown }>>;
    expect((await client.getLabel!({ id: 5 })).error).toBeUndefined();
    expect((await client.getMatrix!({ ids: ["a", "b"] })).error).toBeUndefined();
    expect(mock.calls().map((c) => [c.url, c.input, c.violations])).toEqual([
      ["http://x/label/.5", { id: 5 }, []],
      ["http://x/matrix/;ids=a%2Cb", { ids: ["a", "b"] }, []],
    ]);
    // A value of the wrong type is still refused, by its name.
    await mock.fetch("http://x/label/.five");
    expect(mock.calls().at(-1)?.violations).toEqual([expect.objectContaining({ at: "path.id" })]);
  });

  it("splits a segment of two parameters where their schemas accept the values (TomTom's `{maxLat}.{format}`)", async () => {
    const ok = { "200": { description: "ok" } };
    const param = (name: string, schema: object) => ({ name, in: "path", required: true, schema });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/copyrights/{maxLat}.{format}": {
          get: {
            parameters: [param("maxLat", { type: "number" }), param("format", { enum: ["json", "xml"] })],
            responses: ok,
          },
        },
        "/posts/{id}-{slug}": {
          get: {
            parameters: [param("id", { type: "integer" }), param("slug", { type: "string" })],
            responses: ok,
          },
        },
      },
    };
    const module = {
      provider: { name: "t", title: "T", servers: { default: "http://x" }, defaultServer: "default" },
      endpoints: {
        getCopyrights: ["GET", "/copyrights/{maxLat}.{format}"],
        getPost: ["GET", "/posts/{id}-{slug}"],
      },
    } as const;
    const mock = createMock(module, { spec });
    await mock.fetch("http://x/copyrights/71.441.json");
    await mock.fetch("http://x/copyrights/71.json");
    await mock.fetch("http://x/posts/12-my-first-post");
    expect(mock.calls().map((c) => [c.input, c.violations])).toEqual([
      [{ maxLat: 71.441, format: "json" }, []],
      [{ maxLat: 71, format: "json" }, []],
      [{ id: 12, slug: "my-first-post" }, []],
    ]);
    // Where no split fits, the violation is the first split's, as before.
    await mock.fetch("http://x/copyrights/71.441.csv");
    expect(mock.calls().at(-1)?.violations).toEqual([expect.objectContaining({ at: "path.format" })]);
  });

  it("gives a request operations on one path fit to the one that requires most of it (Box's), then the plain path's", async () => {
    const ok = { "200": { description: "ok" } };
    const fields = { name: "fields", in: "query", required: true, schema: { type: "string" } };
    const body = (property: string) => ({
      content: {
        "application/json": {
          schema: { type: "object", required: [property], properties: { [property]: { type: "string" } } },
        },
      },
    });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        // Azure's: an operation of another resource, apart from the plain path's by its body alone.
        "/files/{folder_id}#disambiguation_dummy": {
          parameters: [{ name: "folder_id", in: "path", required: true, schema: { type: "string" } }],
          put: { requestBody: body("folder"), responses: ok },
        },
        "/files/{id}": {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          put: { requestBody: body("name"), responses: ok },
        },
        "/files/{id}#add_shared_link": {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          put: { parameters: [fields], responses: ok },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          updateFolder: [
            "PUT",
            "/files/{folder_id}",
            { path: ["folder_id"], specPath: "/files/{folder_id}#disambiguation_dummy" },
          ],
          updateFile: ["PUT", "/files/{id}", { path: ["id"] }],
          addSharedLink: ["PUT", "/files/{id}", { path: ["id"], specPath: "/files/{id}#add_shared_link" }],
        },
      } as const,
      { spec },
    );
    for (const url of ["http://x/files/1?fields=shared_link", "http://x/files/1"])
      expect((await mock.fetch(url, { method: "PUT" })).status).toBe(200);
    // And of operations that differ by their body alone (Azure's `#disambiguation_dummy`), the one it is valid for.
    for (const sent of [{ name: "a.txt" }, { folder: "docs" }]) {
      const headers = { "content-type": "application/json" };
      const response = await mock.fetch("http://x/files/1", {
        method: "PUT",
        headers,
        body: JSON.stringify(sent),
      });
      expect(response.status).toBe(200);
    }
    expect(mock.calls().map((c) => c.operation)).toEqual([
      "addSharedLink",
      "updateFile",
      "updateFile",
      "updateFolder",
    ]);
  });

  it("gives a request of operations on one template, apart by a parameter's name alone (VTEX's), to the one it is valid for", async () => {
    const ok = { "200": { description: "ok" } };
    const body = (required: boolean, properties: string[]) => ({
      required,
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: properties,
            properties: Object.fromEntries(properties.map((name) => [name, { type: "string" }])),
          },
        },
      },
    });
    const param = (name: string) => [{ name, in: "path", required: true, schema: { type: "string" } }];
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/accounts/{accountId}": {
          put: { parameters: param("accountId"), requestBody: body(false, ["email", "id"]), responses: ok },
        },
        "/accounts/{creditAccountId}": {
          put: { parameters: param("creditAccountId"), requestBody: body(true, ["email"]), responses: ok },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          openAccount: ["PUT", "/accounts/{accountId}", { path: ["accountId"], body: "application/json" }],
          updateAccount: [
            "PUT",
            "/accounts/{creditAccountId}",
            { path: ["creditAccountId"], body: "application/json" },
          ],
        },
      } as const,
      { spec },
    );
    const headers = { "content-type": "application/json" };
    for (const sent of [undefined, { email: "a@x.test", id: "a1" }, { email: "a@x.test" }]) {
      const init = sent ? { headers, body: JSON.stringify(sent) } : {};
      expect((await mock.fetch("http://x/accounts/a1", { method: "PUT", ...init })).status).toBe(200);
    }
    expect(mock.calls().map((c) => c.operation)).toEqual(["openAccount", "openAccount", "updateAccount"]);
  });

  it("reads an unexploded form object in the query, its keys and values in turn, as the client writes it", async () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "Paint", version: "1" },
      paths: {
        "/paint": {
          get: {
            operationId: "paint",
            parameters: [
              {
                name: "color",
                in: "query",
                required: true,
                style: "form",
                explode: false,
                schema: {
                  type: "object",
                  required: ["R", "G"],
                  properties: { R: { type: "integer" }, G: { type: "integer" } },
                },
              },
            ],
            responses: { "204": { description: "painted" } },
          },
        },
      },
    };
    const provider = {
      name: "paint",
      title: "Paint",
      servers: { default: "https://paint.example.test" },
      defaultServer: "default",
      credentials: {},
      auth: [],
      pathCredentials: {},
    };
    const endpoints = {
      paint: ["GET", "/paint", { style: { color: "comma" }, writeQuery: serializeQuery }],
    } as const;
    const mock = createMock({ provider, endpoints } as never, { spec, invalidRequests: "respond" });
    const client = createProviderClient(provider as never, endpoints, {
      fetch: mock.fetch,
      maxRetries: 0,
    }) as any;
    const { error, response } = await client.paint({ color: { R: 100, G: 200 } });
    expect(error).toBeUndefined();
    expect(new URL(mock.lastCall("paint").url).search).toBe("?color=R,100,G,200");
    expect(mock.lastCall("paint").violations).toEqual([]);
    expect(response.status).toBe(204);
    // Before: `must be object (got "R,100,G,200")`, a 422 for the request the spec describes.
    expect((await mock.fetch("https://paint.example.test/paint?color=R,1")).status).toBe(422);
    expect(mock.lastCall("paint").violations.map((v) => `${v.at}: ${v.message}`)).toEqual([
      "query.color.G: is required",
    ]);
  });

  it("reads an object in the query as OpenAPI's form style explodes it by default, and routes by it (AWS SES's)", async () => {
    const action = (name: string, query: string[], style?: object) =>
      [
        "GET",
        "/",
        { query: [...query, "Action"], ...(style && { style }), specPath: `/#Action=${name}` },
      ] as const;
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          cloneReceiptRuleSet: action("CloneReceiptRuleSet", ["RuleSetName", "OriginalRuleSetName"]),
          createConfigurationSet: action("CreateConfigurationSet", ["ConfigurationSet", "TrackingOptions"], {
            ConfigurationSet: "form",
            TrackingOptions: "form",
          }),
          listIdentities: action("ListIdentities", ["Filter"]),
          search: ["GET", "/search", { query: ["Window"], style: { Window: "form" } }],
        },
      } as const,
      { spec: fixture("query-objects.json"), invalidRequests: "respond", baseUrls: ["http://x"] },
    );
    const statuses = [];
    for (const url of [
      "http://x/?Action=CreateConfigurationSet&Name=daily",
      "http://x/?Action=CloneReceiptRuleSet&RuleSetName=a&OriginalRuleSetName=b",
      "http://x/?Action=ListIdentities&Filter[IdentityType]=Domain",
      "http://x/search?Start=2026-01-01&End=2026-01-31",
      "http://x/search?End=2026-01-31",
    ])
      statuses.push((await mock.fetch(url)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 422]);
    const calls = mock.calls();
    expect(calls.map((c) => [c.operation, c.input])).toEqual([
      // A required object that requires no property, none of its names sent: the empty one.
      [
        "createConfigurationSet",
        { Action: "CreateConfigurationSet", ConfigurationSet: { Name: "daily" }, TrackingOptions: {} },
      ],
      ["cloneReceiptRuleSet", { Action: "CloneReceiptRuleSet", RuleSetName: "a", OriginalRuleSetName: "b" }],
      ["listIdentities", { Action: "ListIdentities", Filter: { IdentityType: "Domain" } }],
      ["search", { Window: { Start: "2026-01-01", End: "2026-01-31" } }],
      ["search", { Window: { End: "2026-01-31" } }],
    ]);
    expect(calls[4]?.violations.map((v) => v.at)).toEqual(["query.Window.Start"]);
  });

  it("reads an object where a value goes in the query (an array's item, a form object's property) as the runtime writes it, its JSON", async () => {
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          attachTrafficSources: [
            "GET",
            "/traffic",
            { query: ["TrafficSources", "Group"], style: { Group: "form" } },
          ],
        },
      } as const,
      { spec: fixture("query-objects.json"), invalidRequests: "respond", baseUrls: ["http://x"] },
    );
    const sources = [{ Identifier: "a", Type: "elb" }, { Identifier: "b" }];
    const send = (query: object) =>
      mock.fetch(`http://x/traffic?${serializeQuery(query as Record<string, unknown>, { Group: "form" })}`);
    const group = { Name: "g", Tag: { Key: "k" }, Types: ["send"] };
    expect((await send({ TrafficSources: sources, Group: group })).status).toBe(200);
    const wrong = {
      TrafficSources: [{ Identifier: "a", Type: "alb" }],
      Group: { Tag: {}, Types: ["send", "open"] },
    };
    expect((await send(wrong)).status).toBe(422);
    const [attached, refused] = mock.calls();
    // An array inside the form object is its items repeated, one of them an array of one.
    expect(attached?.input).toEqual({ TrafficSources: sources, Group: group });
    expect(refused?.violations.map((v) => v.at)).toEqual([
      "query.TrafficSources[0].Type",
      "query.Group.Tag.Key",
      "query.Group.Types[1]",
    ]);
  });

  it("routes a path key that writes a query of its own by its values (Flickr's `/rest?method=…`, ClickSend's `?date_from={date_from}`)", async () => {
    const ok = { "200": { description: "ok" } };
    const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/rest?method=flickr.photos.getInfo": { get: { responses: ok } },
        "/rest?method=flickr.people.getInfo": { get: { responses: ok } },
        "/sms/history?date_from={date_from}": { get: { parameters: [param("date_from")], responses: ok } },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          getPhotoInfo: ["GET", "/rest?method=flickr.photos.getInfo"],
          getPersonInfo: ["GET", "/rest?method=flickr.people.getInfo"],
          smsHistory: ["GET", "/sms/history?date_from={date_from}", { path: ["date_from"] }],
        },
      } as const,
      { spec, invalidRequests: "respond" },
    );
    const statuses = [];
    for (const url of [
      "http://x/rest?method=flickr.people.getInfo&user_id=1",
      "http://x/rest?method=flickr.photos.getInfo",
      "http://x/rest?method=flickr.photos.delete",
      "http://x/sms/history?date_from=2026-01-01",
      "http://x/sms/history",
    ])
      statuses.push((await mock.fetch(url)).status);
    // Before: every one 404, the key's query matched against the request's path.
    expect(statuses).toEqual([200, 200, 404, 200, 422]);
    const calls = mock.calls();
    expect(calls.map((c) => c.operation)).toEqual([
      "getPersonInfo",
      "getPhotoInfo",
      undefined,
      "smsHistory",
      "smsHistory",
    ]);
    expect(calls[3]?.input).toEqual({ date_from: "2026-01-01" });
    expect(calls[4]?.violations.map((v) => v.at)).toEqual(["path.date_from"]);
  });

  it("gives a request valid for none of them to the one whose Content-Type it fits, to say what is wrong with it (Azure's)", async () => {
    const ok = { "200": { description: "ok" } };
    const body = (type: string, schema: object) => ({ required: true, content: { [type]: { schema } } });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/analyze": { post: { requestBody: body("application/json", { type: "object" }), responses: ok } },
        // Bytes where the spec describes an object of its own (Swagger 2's `type: file`, Azure's
        // `{type: object, format: file}`, is a file, which any bytes are: file-bodies.json).
        "/analyze#overload=stream": {
          post: {
            requestBody: body("application/octet-stream", { type: "object", required: ["url"] }),
            responses: ok,
          },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: {
          analyzeImage: ["POST", "/analyze", { body: "application/json" }],
          analyzeImageInStream: [
            "POST",
            "/analyze",
            { body: "application/octet-stream", specPath: "/analyze#overload=stream" },
          ],
        },
      } as const,
      { spec, invalidRequests: "respond" },
    );
    const headers = { "content-type": "application/octet-stream" };
    await mock.fetch("http://x/analyze", { method: "POST", headers, body: new Uint8Array([0xff, 0xd8]) });
    const [call] = mock.calls();
    expect(call?.operation).toBe("analyzeImageInStream");
    expect(call?.violations.map((v) => v.at)).toEqual(["body"]);
  });
});

describe("answers", () => {
  it("leave how a response is framed to the server, also over HTTP, where the spec requires Content-Length", async () => {
    const required = (schema: object) => ({ required: true, schema });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/archives": {
          get: {
            responses: {
              "200": {
                description: "ok",
                headers: {
                  "Content-Length": required({ type: "integer" }),
                  "Content-Encoding": required({ type: "string", enum: ["gzip"] }),
                  "X-Archive-Id": required({ type: "string", example: "arc_1" }),
                },
                content: { "application/json": { example: { id: "arc_1" } } },
              },
            },
          },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: { getArchive: ["GET", "/archives"] },
      } as const,
      { spec },
    );
    await mock.listen();
    try {
      const response = await fetch(`${mock.url}/archives`);
      expect(await response.json()).toEqual({ id: "arc_1" });
      expect(response.headers.get("x-archive-id")).toBe("arc_1");
      expect(response.headers.get("content-encoding")).toBeNull();
    } finally {
      await mock.close();
    }
  });

  it("go out as JSON or text where the spec's media type names no one type (`*/*`, `*`)", async () => {
    const object = { type: "object", properties: { id: { type: "string" } }, example: { id: "exp_1" } };
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/exports": {
          post: { responses: { "200": { description: "ok", content: { "*/*": { schema: object } } } } },
        },
        "/file": {
          get: { responses: { "200": { description: "ok", content: { "*": { schema: object } } } } },
        },
        "/csv": {
          get: { responses: { "200": { description: "ok", content: { "text/csv": { example: "a,b" } } } } },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: { exportAll: ["POST", "/exports"], getFile: ["GET", "/file"], getCsv: ["GET", "/csv"] },
      } as const,
      { spec },
    );
    const answer = async (path: string, init?: RequestInit) => {
      const response = await mock.fetch(`http://x${path}`, init);
      return [response.headers.get("content-type"), await response.text()];
    };
    // No server sends `*/*`, and a client reads a body typed so as bytes: a value is JSON, as it would be.
    expect(await answer("/exports", { method: "POST" })).toEqual(["application/json", '{"id":"exp_1"}']);
    expect(await answer("/file")).toEqual(["application/json", '{"id":"exp_1"}']);
    expect(await answer("/csv")).toEqual(["text/csv", "a,b"]);
    // A scripted body is sent as what it is.
    mock.on("exportAll").reply(200, { body: "done" as never, validate: false });
    expect(await answer("/exports", { method: "POST" })).toEqual(["text/plain; charset=utf-8", "done"]);
  });
});

describe("request checks", () => {
  it("points at a path parameter that breaks its format, and verify() fails with the same words", async () => {
    const mock = acmeMock();
    const client = acmeClient(mock.fetch);
    const { error } = await client.getIp!({ id: "ip-1", "X-Tenant": "acme" });
    expect(error.kind).toBe("unprocessable");
    expect(error.status).toBe(422);
    expect(error.message).toContain('path.id: must match format "uuid" (got "ip-1")');
    expect(mock.lastCall("getIp").violations).toEqual([
      { at: "path.id", message: 'must match format "uuid" (got "ip-1")' },
    ]);
    expect(() => mock.verify()).toThrow(
      /1 request did not match the spec:\n {2}getIp: GET https:\/\/api\.example\.test\/v2\/ips\/ip-1\n {4}path\.id: must match format "uuid" \(got "ip-1"\)/,
    );
  });

  it("reports every violation of a request at once: header, query, body", async () => {
    const mock = acmeMock({ invalidRequests: "respond" });
    const client = acmeClient(mock.fetch);
    await client.getIp!({ id: IP, "X-Tenant": "initech" });
    await client.listIps!({ "page[size]": 300 });
    await client.updateIp!({
      id: IP,
      "X-Tenant": "acme",
      "X-Idempotency-Key": "short",
      body: { ip_address: "x", port: "80" },
    });
    expect(mock.calls().map((c) => c.violations.map((v) => `${v.at}: ${v.message}`))).toEqual([
      ['header.X-Tenant: must be one of "acme", "globex" (got "initech")'],
      [
        "query.connection_id: is required",
        "query.filter[since]: is required",
        "query.page[size]: must be <= 250 (got 300)",
      ],
      [
        'header.X-Idempotency-Key: must NOT have fewer than 8 characters (got "short")',
        "body.enabled: is required",
        "body.note: is required",
        "body.tags: is required",
        "body.connection: is required",
        "body.updated_at: is required",
        'body.ip_address: must match format "ipv4" (got "x")',
        'body.port: must be integer (got "80")',
      ],
    ]);
    // expected: the test said so, so verify() passes.
    mock.verify();
  });

  it("does not require a readOnly property in a request, and coerces parameters to their types", async () => {
    const mock = acmeMock();
    const client = acmeClient(mock.fetch);
    const body = {
      ip_address: "192.0.2.1",
      port: 5060,
      enabled: true,
      note: null,
      tags: [{ name: "a", children: [] }],
      connection: { id: IP, kind: "sip" },
      updated_at: "2024-01-01T00:00:00Z",
    };
    const updated = await client.updateIp!({
      id: IP,
      "X-Tenant": "acme",
      "X-Idempotency-Key": "12345678",
      body,
    });
    const listed = await client.listIps!({
      connection_id: "c1",
      "filter[since]": "2024-05-01",
      "page[size]": 25,
    });
    expect([updated.error, listed.error]).toEqual([undefined, undefined]);
    expect(mock.lastCall("updateIp").body).toEqual(body);
    expect(mock.lastCall("listIps").input).toEqual({
      connection_id: "c1",
      "filter[since]": "2024-05-01",
      "page[size]": 25,
    });
    mock.verify();
  });

  it("reads form bodies, and refuses a body that is not valid JSON or of an undeclared type", async () => {
    const mock = acmeMock({ invalidRequests: "respond" });
    const post = (body: string, type: string) =>
      mock.fetch("https://api.example.test/v2/ips", {
        method: "POST",
        body,
        headers: { ...auth, "content-type": type },
      });
    expect(
      (await post("ip_address=192.0.2.1&connection_id=c&port=5060", "application/x-www-form-urlencoded"))
        .status,
    ).toBe(201);
    expect(mock.lastCall("createIp").body).toEqual({
      ip_address: "192.0.2.1",
      connection_id: "c",
      port: "5060",
    });
    await post("{oops", "application/json");
    await post("<ip/>", "application/xml");
    await mock.fetch("https://api.example.test/v2/ips", { method: "POST", headers: auth });
    expect(
      mock
        .calls()
        .slice(1)
        .map((c) => c.violations.map((v) => `${v.at}: ${v.message}`.replace(/\(.*\)/, "(…)"))),
    ).toEqual([
      ["body: is not valid JSON (…)"],
      [
        "header.content-type: application/xml is not one of application/x-www-form-urlencoded, application/json",
      ],
      ["body: is required"],
    ]);
  });

  it("reads form bodies as the runtime writes them: objects bracketed or as JSON, one item as an array", async () => {
    const media = {
      type: "object",
      required: ["type"],
      properties: { type: { type: "string" }, caption: { type: "string" } },
    };
    const fields = {
      type: "object",
      required: ["media"],
      properties: {
        media,
        album: { type: "array", items: media },
        tags: { type: "array", items: { type: "string" } },
        filter: {
          type: "object",
          properties: { status: { type: "string" }, ids: { type: "array", items: { type: "string" } } },
        },
        // Text that happens to be JSON stays text, and a name spelled with brackets stays that name.
        note: { type: "string" },
        "page[size]": { type: "string" },
      },
      // Other fields may come too: a bracketed name of a declared object is still that object's.
      additionalProperties: { type: "string" },
    };
    const form = (type: string) => ({
      requestBody: { required: true, content: { [type]: { schema: fields } } },
      responses: { "204": { description: "ok" } },
    });
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {
        "/media": { post: form("multipart/form-data") },
        "/filters": { post: form("application/x-www-form-urlencoded") },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: { sendMedia: ["POST", "/media"], setFilter: ["POST", "/filters"] },
      } as const,
      { spec, invalidRequests: "respond" },
    );
    const sent = {
      media: { type: "photo", caption: "hi" },
      album: [{ type: "video" }],
      tags: ["a"],
      filter: { status: "open", ids: ["1", "2"] },
      note: '{"not":"parsed"}',
      "page[size]": "25",
    };
    // A deepObject form's arrays go under their indexes (`album[0][type]=video`, `tags[0]=a`): Stripe's.
    for (const [path, encode] of [
      ["/media", multipartBody],
      ["/filters", formBody],
      ["/filters", deepFormBody],
    ] as const) {
      const [body, contentType] = encode(
        sent,
        path === "/media" ? "multipart/form-data" : "application/x-www-form-urlencoded",
      );
      const response = await mock.fetch(`http://x${path}`, {
        method: "POST",
        body,
        headers: contentType ? { "content-type": contentType } : {},
      });
      expect(response.status, await response.text()).toBe(204);
      expect(mock.calls().at(-1)!.body).toEqual(sent);
      expect(mock.calls().at(-1)!.input).toEqual({ body: sent });
    }
    // `tags[]=a&tags[]=b`, an array as Stripe's docs (Rails, PHP) write one.
    const brackets = "media[type]=photo&tags[]=a&tags[]=b";
    await mock.fetch("http://x/filters", {
      method: "POST",
      body: brackets,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(mock.calls().at(-1)!.body).toEqual({ media: { type: "photo" }, tags: ["a", "b"] });
    expect(mock.calls().at(-1)!.violations).toEqual([]);
    // An object field that is no JSON object is still refused, naming the field.
    const broken = new FormData();
    broken.append("media", "photo");
    expect((await mock.fetch("http://x/media", { method: "POST", body: broken })).status).toBe(422);
    expect(
      mock
        .calls()
        .at(-1)!
        .violations.map((v) => `${v.at}: ${v.message}`),
    ).toEqual(['body.media: must be object (got "photo")']);
  });

  it("answers a request without credentials with the documented 401, as a violation", async () => {
    const mock = acmeMock();
    const response = await mock.fetch(`https://api.example.test/v2/ips/${IP}`, { method: "DELETE" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ code: "10009", title: "Authentication failed" }] });
    expect(mock.lastCall("deleteIp").violations).toEqual([
      { at: "auth", message: "no credentials: the operation needs bearerAuth (Authorization: Bearer …)" },
    ]);
    expect(() => mock.verify()).toThrow(/auth: no credentials/);
  });

  it("answers an invalid request as if valid with invalidRequests: ignore, still recording why", async () => {
    const mock = acmeMock({ invalidRequests: "ignore" });
    const { data } = await acmeClient(mock.fetch).getIp!({ id: "ip-1", "X-Tenant": "acme" });
    expect(data.data.id).toBe(IP);
    expect(mock.lastCall("getIp").violations).toHaveLength(1);
    mock.verify();
  });

  it("lets one test expect invalid requests, until reset()", async () => {
    const mock = acmeMock();
    const client = acmeClient(mock.fetch);
    mock.expectInvalidRequests();
    await client.getIp!({ id: "ip-1", "X-Tenant": "acme" });
    mock.verify();
    mock.reset();
    await client.getIp!({ id: "ip-2", "X-Tenant": "acme" });
    expect(() => mock.verify()).toThrow(/ip-2/);
  });

  it("names the closest oneOf alternative's fields instead of every alternative's", async () => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/calls": {
          post: {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: {
                    oneOf: [
                      { $ref: "#/components/schemas/Dial" },
                      {
                        type: "object",
                        required: ["sip_uri", "codec"],
                        properties: { sip_uri: { type: "string" }, codec: { type: "string" } },
                      },
                    ],
                  },
                },
              },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components: {
        schemas: {
          Dial: {
            type: "object",
            required: ["to", "from"],
            properties: { to: { type: "string", pattern: "^\\+\\d+$" }, from: { type: "string" } },
          },
        },
      },
    };
    const mock = createMock(
      { provider: { name: "t", title: "T", servers: {} }, endpoints: { dial: ["POST", "/calls"] } } as const,
      { spec, invalidRequests: "respond" },
    );
    await mock.fetch("http://x/calls", {
      method: "POST",
      body: JSON.stringify({ to: "0800", from: "+1" }),
      headers: { "content-type": "application/json" },
    });
    expect(mock.lastCall("dial").violations).toEqual([
      { at: "body.to", message: 'must match pattern "^\\+\\d+$" (got "0800")' },
    ]);
  });

  it("lets an additionalProperties beside allOf see the parts' properties, as Prism does (ShipEngine's bodies)", async () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/carriers/{id}/add_funds": {
          put: {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: {
                    additionalProperties: false,
                    allOf: [{ $ref: "#/components/schemas/monetary_value" }],
                  },
                },
              },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components: {
        schemas: {
          monetary_value: {
            type: "object",
            required: ["currency", "amount"],
            properties: { currency: { type: "string" }, amount: { type: "number", minimum: 0 } },
          },
        },
      },
    };
    const mock = createMock(
      {
        provider: { name: "t", title: "T", servers: {} },
        endpoints: { addFunds: ["PUT", "/carriers/{id}/add_funds"] },
      } as const,
      { spec, invalidRequests: "respond" },
    );
    const send = (body: object) =>
      mock.fetch("http://x/carriers/se-1/add_funds", {
        method: "PUT",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    await send({ currency: "usd", amount: 10 });
    expect(mock.lastCall("addFunds").violations).toEqual([]);
    // The parts still check their properties, and the keyword still refuses what no part declares.
    await send({ currency: "usd", amount: -1, note: "x" });
    expect(mock.lastCall("addFunds").violations.map((v) => v.at)).toEqual(["body.amount", "body.note"]);
  });

  it("says what to use instead for a provider without operations (its spec holds webhooks alone)", () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-spec-"));
    const file = join(dir, "openapi.json");
    // 3.1 lets a document hold webhooks alone; it was refused as "not an OpenAPI 3 document".
    writeFileSync(
      file,
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "Acme events", version: "1" },
        webhooks: { "call.ended": { post: { responses: { "200": { description: "ok" } } } } },
      }),
    );
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const webhooksOnly = { ...acme, endpoints: {} } as const;
    expect(() => createMock(webhooksOnly, { spec: file })).toThrow(
      /^createMock: Acme has no operations to mock \(its spec holds webhooks alone\); to test your endpoint, send it the provider's events with createWebhookSender\(\{ spec, provider \}\)$/,
    );
  });

  it("finds the spec a fixture path names, and says so when the file is missing or not OpenAPI", () => {
    expect(() => acmeMock({ spec: `${specPath}.missing` })).toThrow(
      /cannot read the spec .*contract\.json\.missing: ENOENT/,
    );
    expect(() => acmeMock({ spec: specPath.replace("contract.json", "other.yaml") })).toThrow(
      /the spec .*other\.yaml is not JSON \(.*\): pass a bundled openapi\.json/,
    );
    const manifest = new URL("../../package.json", import.meta.url).pathname;
    expect(() => acmeMock({ spec: manifest })).toThrow(/package\.json is not an OpenAPI 3 document/);
  });

  it("reads a spec file once while it is unchanged: mocks made one per test share its parse and compiled schemas", () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-spec-"));
    try {
      const file = join(dir, "openapi.json");
      const text = readFileSync(specPath, "utf8");
      writeFileSync(file, text);
      const first = loadSpec(acme, file);
      expect(loadSpec(acme, file)).toBe(first);
      // Changed on disk, it is read again.
      writeFileSync(file, `${text}\n`);
      const changed = loadSpec(acme, file);
      expect(changed).not.toBe(first);
      expect(changed).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("compiles an operation's checks once for all the mocks of one spec: a mock per test keeps no schemas of its own", async () => {
    // Ajv and Ajv2020 (3.0 and 3.1 documents) share the core class that compiles.
    const compile = vi.spyOn(Object.getPrototypeOf(Ajv.prototype) as Ajv, "compile");
    onTestFinished(() => compile.mockRestore());
    const callOnce = async () => {
      const mock = acmeMock();
      const { error } = await acmeClient(mock.fetch).getIp!({ id: IP, "X-Tenant": "acme" });
      expect(error).toBeUndefined();
      mock.verify();
      await mock.close();
    };
    await callOnce();
    const first = compile.mock.calls.length;
    for (let i = 0; i < 3; i++) await callOnce();
    // Each mock's parameter schemas were new objects, which ajv compiled and kept for good: one more set per mock.
    expect(compile.mock.calls.length).toBe(first);
  });

  it("finds the provider's spec by package name, and refuses one its module does not match", () => {
    expect(createMock(telnyx).servers).toEqual(["https://api.telnyx.com/v2"]);
    // An operation a later version of the package might add: not in the spec this one ships.
    const newer = {
      ...telnyx,
      endpoints: { ...telnyx.endpoints, dialEveryone: ["POST", "/calls/dial-everyone"] },
    } as const;
    expect(() => createMock(newer)).toThrow(
      /openapi\.json has no POST \/calls\/dial-everyone, which the Telnyx module calls: is it another version of @switchboard\/telnyx\? Pass \{ spec \}/,
    );
    // A row sent without its `#fragment` is looked up by the spec's key it keeps.
    const keyed = (specPath: string) =>
      ({
        ...telnyx,
        endpoints: { ...telnyx.endpoints, deleteTwice: ["DELETE", "/ips", { specPath }] },
      }) as const;
    expect(createMock(keyed("/ips/{id}")).servers).toEqual(["https://api.telnyx.com/v2"]);
    expect(() => createMock(keyed("/ips/{id}#twice"))).toThrow(
      /openapi\.json has no DELETE \/ips\/\{id\}#twice, which/,
    );
    const unknown = { provider: { name: "nobody", title: "Nobody", servers: {} }, endpoints: {} };
    expect(() => createMock(unknown)).toThrow(
      /cannot find @switchboard\/nobody\/openapi\.json from .*: install @switchboard\/nobody, or pass \{ spec/,
    );
    expect(() => createMock({} as never)).toThrow(/createMock takes a provider package's module/);
    expect(() => createMock(telnyx, { invalidRequests: "warn" as never })).toThrow(/invalidRequests must be/);
  });
});

describe("a call written out", () => {
  // Tests run with real credentials from the environment, and snapshots are committed: a call written out
  // showed them, in its headers, its URL and its input.
  const KEY = "sk_live/SECRET+KEY";
  const places = {
    ...acme,
    provider: {
      ...acme.provider,
      auth: [
        { type: "bearer", credential: "apiKey" },
        { type: "apiKey", in: "query", name: "api_key", credential: "apiKey" },
      ],
      // As Vobiz's `auth_id`: a path parameter the client fills from a credential.
      pathCredentials: { id: "apiKey" },
    },
  } as const;

  it("writes the client's User-Agent without versions, so a committed snapshot outlives an upgrade", async () => {
    const mock = acmeMock();
    await acmeClient(mock.fetch).getIp!({ id: IP, "X-Tenant": "acme" });
    const call = mock.lastCall("getIp");
    // The fixture's provider has no version of its own; a package's is `switchboard-telnyx/0.4.1`.
    expect(call.headers["user-agent"]).toMatch(/^switchboard-acme node\/\d+\.\d+\.\d+$/);
    expect(JSON.parse(JSON.stringify(call)).headers["user-agent"]).toBe("switchboard-acme node/[version]");
    expect(format(call)).toContain('"user-agent": "switchboard-acme node/[version]"');
    // A User-Agent the code under test set itself is its own, written as sent.
    await mock.fetch(`https://api.example.test/v2/ips/${IP}`, {
      headers: { ...auth, "x-tenant": "acme", "user-agent": "my-app/1.2" },
    });
    expect(JSON.parse(JSON.stringify(mock.lastCall("getIp"))).headers["user-agent"]).toBe("my-app/1.2");
  });

  it("shows its credentials as [credential] in JSON, snapshots, util.inspect and failure messages", async () => {
    const mock = createMock(places, { spec: specPath });
    const encoded = encodeURIComponent(KEY);
    await mock.fetch(`https://api.example.test/v2/ips/${encoded}?api_key=${encoded}`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const call = mock.lastCall("getIp");
    // What the client sent, for assertions on it.
    expect([call.headers.authorization, call.input.id]).toEqual([`Bearer ${KEY}`, KEY]);
    expect(JSON.parse(JSON.stringify(call))).toMatchObject({
      url: "https://api.example.test/v2/ips/[credential]?api_key=[credential]",
      input: { id: "[credential]" },
      headers: { authorization: "[credential]" },
    });
    const written = [JSON.stringify(mock.calls()), inspect(call, { depth: 9 }), format(call)];
    for (const text of written) {
      expect(text).not.toContain("SECRET");
      expect(text).toContain("[credential]");
    }
    // The missing X-Tenant header fails the test, naming the call by its URL.
    const error = (() => {
      try {
        mock.verify();
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toContain(
      "getIp: GET https://api.example.test/v2/ips/[credential]?api_key=[credential]",
    );
    expect(error?.message).not.toContain("SECRET");
    // Equality compares what was recorded, not how it is written out.
    expect({ ...call }).toEqual(call);
    // A failing assertion on recorded calls says what failed: vitest's messages (chai's loupe) call the
    // inspect hook with two arguments, where Node passes three, and the hook threw "inspect is not a function"
    // in place of the real failure.
    const failure = (assert: () => void) => {
      try {
        assert();
      } catch (caught) {
        return (caught as Error).message;
      }
      return "passed";
    };
    const messages = [
      failure(() => expect(mock.calls("getIp")).toHaveLength(0)),
      failure(() => expect(call).toBeUndefined()),
      failure(() => expect(call).toMatchObject({ method: "POST" })),
    ];
    expect(messages[0]).toMatch(/to have a length of \+?0 but got 1/);
    expect(messages[1]).toMatch(/to be undefined/);
    for (const message of messages) expect(message).not.toMatch(/is not a function|SECRET/);
  });

  it("shows a Basic pair's user and password, wherever they are, as [credential]", async () => {
    const basic = {
      ...acme,
      provider: {
        ...acme.provider,
        auth: [{ type: "basic", username: "id", password: "secret" }],
        pathCredentials: {},
      },
    } as const;
    const mock = createMock(basic, { spec: specPath, invalidRequests: "ignore" });
    const pair = "AC0123456789:tok-SECRET-9";
    await mock.fetch(`https://api.example.test/v2/ips/AC0123456789`, {
      headers: { authorization: `Basic ${btoa(pair)}`, "x-tenant": "acme" },
    });
    const text = JSON.stringify(mock.lastCall("getIp"));
    expect(text).not.toMatch(/SECRET|AC0123456789/);
    // A test's short placeholder is no credential to hide: replaced, it would garble the rest of the call.
    const placeholder = createMock(basic, { spec: specPath, invalidRequests: "ignore" });
    await placeholder.fetch("https://api.example.test/v2/ips/1", {
      headers: { authorization: `Basic ${btoa("test:test")}`, "x-tenant": "acme" },
    });
    expect(JSON.parse(JSON.stringify(placeholder.lastCall("getIp"))).url).toBe(
      "https://api.example.test/v2/ips/1",
    );
  });
});
