/**
 * Paging in every common style, end to end: the generator reads each style from a fixture spec
 * (test/fixtures/pagewise.yaml) or from the settings file, and the rows it makes drive `.all()` against a
 * local server on 127.0.0.1 that really pages, three pages each.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import {
  createProviderClient,
  formBody,
  multipartBody,
  type OperationTable,
  paginate,
  rawBody,
  serializeQuery,
} from "@switchboard/core";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { rowFunctions } from "../src/generate/generated-files.js";
import { operationTable } from "../src/generate/operation-table.js";
import { providerDefinition } from "../src/generate/provider-definition.js";
import type { OpenApiDocument } from "../src/spec/openapi-document.js";
import { parseProviderSettings } from "../src/spec/provider-settings.js";
import { parseYamlFile } from "../src/spec/yaml-file.js";

const doc = load(
  readFileSync(resolve(import.meta.dirname, "fixtures", "pagewise.yaml"), "utf8"),
) as OpenApiDocument;
const settingsOf = (text: string) =>
  parseProviderSettings(parseYamlFile("/r/specs/pagewise/switchboard.yaml", "/r", text));
const settings = settingsOf(
  "credentials:\n  bearer: apiKey\npaging:\n" +
    "  listLegs: { style: cursor, cursor: continue_from, items: legs, next: resume.from }\n" +
    "  listTallies: { style: number, page: page, items: items, total: count }\n" +
    '  listSessions: { style: after, cursor: pagination_key, items: "", id: session_id }\n' +
    "  listThings: false\n",
);

describe("paging styles read from the spec, or declared", () => {
  it("records how each list pages", () => {
    const table = operationTable(doc, "pagewise", settings);
    expect(Object.fromEntries(table.map((o) => [o.name, o.meta.page]))).toEqual({
      listNumbers: ["number", ["page", "number"], ["data"], ["meta", "total_pages"]],
      listEvents: ["cursor", ["PageToken"], ["events"], ["next_page_token"]],
      listMessages: ["url", ["next_page_uri"], ["messages"]],
      listCalls: ["url", ["_links", "next", "href"], ["_embedded", "calls"]],
      listRecordings: ["link", [], []],
      listContacts: ["offset", ["offset"], ["results"], ["total"]],
      listLegs: ["cursor", ["continue_from"], ["legs"], ["resume", "from"]],
      listBrands: ["number", ["page"], ["records"], ["totalRecords"], "items"],
      listTallies: ["number", ["page"], ["items"], ["count"], "items"],
      listNotes: undefined,
      listThings: undefined,
      listCustomers: ["after", ["starting_after"], ["data"], ["id"]],
      listSessions: ["after", ["pagination_key"], [], ["session_id"]],
    });
    // Without the settings, the undeclared shapes get no iterator (a bare `count` is not taken for a total),
    // and the Link header one does.
    const detected = Object.fromEntries(operationTable(doc, "pagewise").map((o) => [o.name, o.meta.page]));
    expect(detected.listLegs).toBeUndefined();
    expect(detected.listTallies).toBeUndefined();
    expect(detected.listThings).toEqual(["link", [], []]);
    expect(detected.listSessions).toBeUndefined();
  });

  it("refuses a declaration that does not fit the operation, at its line, every problem at once", () => {
    const bad = settingsOf(
      "credentials:\n  bearer: apiKey\npaging:\n" +
        "  listLegs: { style: cursor, cursor: from, items: leg, next: resume.from }\n" +
        "  listLeg: false\n",
    );
    let error: unknown;
    try {
      operationTable(doc, "pagewise", bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "3 problems:\n" +
        "specs/pagewise/switchboard.yaml:4: paging of `listLegs` (GET /legs), items: `leg` is not a list in the success response body\n" +
        "specs/pagewise/switchboard.yaml:4: paging of `listLegs` (GET /legs), cursor: `from` is not a query parameter of the operation (it has continue_from)\n" +
        "specs/pagewise/switchboard.yaml:5: paging: there is no method `listLeg` (did you mean listLegs?)",
    );
    // Without a schema, the declaration has nothing to be checked against, and the message says so.
    const noSchema = settingsOf(
      "credentials:\n  bearer: apiKey\npaging:\n  listNotes: { style: url, items: data.data, next: data.next_page_url }\n",
    );
    expect(() => operationTable(doc, "pagewise", noSchema)).toThrow(
      "specs/pagewise/switchboard.yaml:4: paging of `listNotes` (GET /notes), items: the success response declares no JSON schema to find `data.data` in; an overlay can give it one",
    );
    expect(() =>
      settingsOf(
        "paging:\n  listA: { style: number, page: p, items: x }\n" +
          "  listB: { style: number, page: p, items: x, totalPages: n, total: t }\n",
      ),
    ).toThrow(
      "2 problems:\n" +
        "specs/pagewise/switchboard.yaml:2: paging.listA: style number needs one of `totalPages` (the dotted path of the page count in the response body) and `total` (the dotted path of the item count in the response body)\n" +
        "specs/pagewise/switchboard.yaml:3: paging.listB.total: style number needs one of `totalPages` (the dotted path of the page count in the response body) and `total` (the dotted path of the item count in the response body), not both",
    );
    // An id the items do not have, and a declaration missing its id.
    const noId = settingsOf(
      'credentials:\n  bearer: apiKey\npaging:\n  listSessions: { style: after, cursor: pagination_key, items: "", id: id }\n',
    );
    expect(() => operationTable(doc, "pagewise", noId)).toThrow(
      "specs/pagewise/switchboard.yaml:4: paging of `listSessions` (GET /sessions), id: `id` is not a field of the items of ``",
    );
    expect(() =>
      settingsOf('paging:\n  listSessions: { style: after, cursor: pagination_key, items: "" }\n'),
    ).toThrow(
      "specs/pagewise/switchboard.yaml:2: paging.listSessions.id: style after needs `id` (the dotted path in each item of the id the next page starts after)",
    );
    expect(() =>
      settingsOf("paging:\n  listLegs: { style: pages, items: x }\n  listX: { style: link }\n"),
    ).toThrow(
      "2 problems:\n" +
        "specs/pagewise/switchboard.yaml:2: paging.listLegs.style: give `false` or `{ style: <number, cursor, offset, url, link, after>, … }`\n" +
        'specs/pagewise/switchboard.yaml:3: paging.listX.items: style link needs `items` (the dotted path of the list in the response body, "" for the body itself)',
    );
  });
});

describe("the README's `paging:` example", () => {
  it("is a settings file that declares every style", () => {
    const readme = readFileSync(resolve(import.meta.dirname, "..", "..", "..", "README.md"), "utf8");
    const block = /```yaml\n( *)paging:\n([\s\S]*?)\n *```/.exec(readme);
    expect(block).not.toBeNull();
    const text = `paging:\n${block![2]!.replaceAll(`\n${block![1]}`, "\n").slice(block![1]!.length)}\n`;
    const declared = [...settingsOf(text).paging.values()].map((d) => (d === false ? false : d.style));
    expect(new Set(declared)).toEqual(new Set(["number", "cursor", "offset", "url", "link", "after", false]));
  });
});

/** Three pages per style; every request is recorded as `path?query`. */
function pagingServer(requests: string[]): Server {
  const items = (page: number, n = 2) => Array.from({ length: n }, (_, i) => ({ id: `${page}.${i + 1}` }));
  const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(200, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    const origin = `http://${req.headers.host}`;
    const q = url.searchParams;
    requests.push(decodeURIComponent(`${url.pathname}${url.search}`));
    switch (url.pathname) {
      case "/v1/numbers": {
        const page = Number(q.get("page[number]"));
        return json(res, { data: items(page), meta: { total_pages: 3, page_number: page } });
      }
      case "/v1/events": {
        const page = Number((q.get("PageToken") ?? "t1").slice(1));
        return json(res, { events: items(page), next_page_token: page < 3 ? `t${page + 1}` : null });
      }
      case "/v1/Accounts/AC1/Messages.json": {
        const page = Number(q.get("Page") ?? 0) + 1;
        const next = `/v1/Accounts/AC1/Messages.json?PageSize=${q.get("PageSize")}&Page=${page}&PageToken=PA${page}`;
        return json(res, { messages: items(page), page: page - 1, next_page_uri: page < 3 ? next : null });
      }
      case "/v1/calls": {
        const page = Number(q.get("record_index") ?? 0) / 2 + 1;
        const next = page < 3 ? { next: { href: `${origin}/v1/calls?record_index=${page * 2}` } } : {};
        return json(res, {
          count: 6,
          _embedded: { calls: items(page) },
          _links: { self: { href: url.href }, ...next },
        });
      }
      case "/v1/recordings":
      case "/v1/things": {
        const page = Number(q.get("page") ?? 1);
        const link = (n: number, rel: string) =>
          `<${origin}${url.pathname}?per_page=2&page=${n}>; rel="${rel}"`;
        const links = [...(page < 3 ? [link(page + 1, "next")] : []), link(3, "last")].join(", ");
        return json(res, items(page), { link: links });
      }
      case "/v1/contacts": {
        const offset = Number(q.get("offset") ?? 0);
        const all = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}` }));
        return json(res, {
          results: all.slice(offset, offset + Number(q.get("limit") ?? 2)),
          total: all.length,
        });
      }
      case "/v1/brands":
      case "/v1/tallies": {
        // Five items in pages of two: the third page is short, and nothing is asked for after it.
        const page = Number(q.get("page"));
        const all = Array.from({ length: 5 }, (_, i) => ({ id: `b${i}` }));
        const slice = all.slice((page - 1) * 2, page * 2);
        return json(
          res,
          url.pathname === "/v1/brands"
            ? { page, records: slice, totalRecords: all.length }
            : { items: slice, count: all.length },
        );
      }
      case "/v1/customers":
      case "/v1/sessions": {
        // Five items in pages of two; the page after `…_after` starts past that item's id.
        const all = Array.from({ length: 5 }, (_, i) => `s${i}`);
        const from = all.indexOf(q.get("starting_after") ?? q.get("pagination_key") ?? "") + 1;
        const page = all.slice(from, from + Number(q.get("limit")));
        return url.pathname === "/v1/customers"
          ? json(res, { object: "list", data: page.map((id) => ({ id })), has_more: from + page.length < 5 })
          : json(
              res,
              page.map((id) => ({ session_id: id })),
            );
      }
      case "/v1/legs": {
        const page = Number((q.get("continue_from") ?? "l1").slice(1));
        return json(res, { legs: items(page), resume: page < 3 ? { from: `l${page + 1}` } : {} });
      }
      default:
        res.writeHead(404).end();
    }
  });
}

/** The core functions a generated row may name, by the name it imports them under. */
const coreFunctions: Record<string, unknown> = { formBody, multipartBody, rawBody, serializeQuery, paginate };

describe(".all() against a server that pages", () => {
  const requests: string[] = [];
  let server: Server;
  let client: Record<string, any>;
  beforeAll(async () => {
    server = pagingServer(requests);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    const endpoints: OperationTable = Object.fromEntries(
      operationTable(doc, "pagewise", settings).map((o) => [
        o.name,
        [
          o.method,
          o.path,
          {
            ...o.meta,
            auth: o.meta.auth === false ? false : undefined, // one security requirement: no otherAuth
            // The functions the generated row names (the pager, the query writer), as the generated module
            // imports them from core.
            ...Object.fromEntries(
              Object.entries(rowFunctions(o)).map(([key, name]) => [key, coreFunctions[name]]),
            ),
          },
        ],
      ]),
    );
    const definition = providerDefinition(doc, "pagewise", "pagewise", settings);
    client = createProviderClient(definition, endpoints, {
      apiKey: "k",
      baseUrl: `http://127.0.0.1:${port}/v1`,
    });
  });
  afterAll(async () => {
    await new Promise((done) => server?.close(done));
  });

  const collect = async (method: string, input?: Record<string, unknown>) => {
    requests.length = 0;
    const ids: string[] = [];
    for await (const item of client[method].all(input)) ids.push((item as { id: string }).id);
    return { ids, requests: [...requests] };
  };
  const six = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2"];

  it("page number, up to the page count", async () => {
    expect(await collect("listNumbers", { page: { size: 2 } })).toEqual({
      ids: six,
      requests: [1, 2, 3].map((n) => `/v1/numbers?page[size]=2&page[number]=${n}`),
    });
  });

  it("page token from the body", async () => {
    expect(await collect("listEvents", { PageSize: 2 })).toEqual({
      ids: six,
      requests: [
        "/v1/events?PageSize=2",
        "/v1/events?PageSize=2&PageToken=t2",
        "/v1/events?PageSize=2&PageToken=t3",
      ],
    });
  });

  it("a relative next-page URI in the body, on the method's own path", async () => {
    expect(await collect("listMessages", { AccountSid: "AC1", PageSize: 2 })).toEqual({
      ids: six,
      requests: [
        "/v1/Accounts/AC1/Messages.json?PageSize=2",
        "/v1/Accounts/AC1/Messages.json?PageSize=2&Page=1&PageToken=PA1",
        "/v1/Accounts/AC1/Messages.json?PageSize=2&Page=2&PageToken=PA2",
      ],
    });
  });

  it("HAL's _links.next.href", async () => {
    expect(await collect("listCalls")).toEqual({
      ids: six,
      requests: ["/v1/calls", "/v1/calls?record_index=2", "/v1/calls?record_index=4"],
    });
  });

  it('the Link header\'s rel="next"', async () => {
    expect(await collect("listRecordings", { per_page: 2 })).toEqual({
      ids: six,
      requests: [
        "/v1/recordings?per_page=2",
        "/v1/recordings?per_page=2&page=2",
        "/v1/recordings?per_page=2&page=3",
      ],
    });
  });

  it("after the last item's id, up to has_more: false (Stripe's)", async () => {
    expect(await collect("listCustomers", { limit: 2 })).toEqual({
      ids: ["s0", "s1", "s2", "s3", "s4"],
      requests: [
        "/v1/customers?limit=2",
        "/v1/customers?limit=2&starting_after=s1",
        "/v1/customers?limit=2&starting_after=s3",
      ],
    });
  });

  it("after the last item's own id (declared), up to an empty page (Retell's)", async () => {
    requests.length = 0;
    const ids: string[] = [];
    for await (const item of client.listSessions.all({ limit: 2 }))
      ids.push((item as { session_id: string }).session_id);
    expect(ids).toEqual(["s0", "s1", "s2", "s3", "s4"]);
    expect(requests).toEqual([
      "/v1/sessions?limit=2",
      "/v1/sessions?limit=2&pagination_key=s1",
      "/v1/sessions?limit=2&pagination_key=s3",
      "/v1/sessions?limit=2&pagination_key=s4",
    ]);
  });

  it("offset and limit, up to the total", async () => {
    expect(await collect("listContacts", { limit: 2 })).toEqual({
      ids: ["c0", "c1", "c2", "c3", "c4"],
      requests: ["/v1/contacts?limit=2", "/v1/contacts?limit=2&offset=2", "/v1/contacts?limit=2&offset=4"],
    });
  });

  it.each([
    ["listBrands", "/v1/brands"],
    ["listTallies", "/v1/tallies"],
  ])("page number, up to a total of items (%s)", async (method, path) => {
    expect(await collect(method)).toEqual({
      ids: ["b0", "b1", "b2", "b3", "b4"],
      requests: [1, 2, 3].map((n) => `${path}?page=${n}`),
    });
  });

  it("a declared cursor at a nested path; no iterator where the settings say false", async () => {
    expect((await collect("listLegs")).ids).toEqual(six);
    expect(client.listThings.all).toBeUndefined();
  });
});
