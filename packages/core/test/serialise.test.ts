import { describe, expect, it } from "vitest";
import {
  composeProviderClient,
  createProviderClient,
  deepFormBody,
  formBody,
  jsonOrMultipartBody,
  jsonOrRawBody,
  multipartBody,
  type OperationTable,
  paginate,
  SwitchboardError,
  serializeBody,
  serializeQuery,
} from "../src/index.js";
import { json, recordingFetch, regionalProvider } from "./fixtures.js";

const decoded = (query: string) => decodeURIComponent(query);

/** Every item an async iterable yields (`Array.fromAsync` needs Node 22; the packages support 20). */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("query strings", () => {
  it("writes objects as nested deepObject parameters, as Telnyx's filters need", () => {
    const query = serializeQuery({
      filter: { number_type: { eq: "local" }, status: "active", country_iso_alpha2: ["US", "CA"] },
      page: { number: 2, size: 20 },
    });
    expect(decoded(query)).toBe(
      "filter[number_type][eq]=local&filter[status]=active&filter[country_iso_alpha2]=US,CA&page[number]=2&page[size]=20",
    );
    expect(query).toContain("filter[number_type][eq]=local");
  });

  it("keeps bracketed parameter names readable and encodes their values", () => {
    expect(serializeQuery({ "filter[record_created_at][gte]": "2024-01-01T00:00:00+01:00" })).toBe(
      "filter[record_created_at][gte]=2024-01-01T00%3A00%3A00%2B01%3A00",
    );
  });

  it("repeats arrays by default and joins them for the styles the spec names", () => {
    const styles = { ids: "comma", names: "space", codes: "pipe" } as const;
    expect(
      serializeQuery({ tags: ["a", "b"], ids: [1, 2], names: ["x", "y"], codes: ["p", "q"] }, styles),
    ).toBe("tags=a&tags=b&ids=1,2&names=x%20y&codes=p|q");
  });

  it("writes a joined value's delimiters as themselves and encodes each value, so one holding the delimiter comes back", () => {
    // Before: `ids=a%2Cb%2Cc`, which no server can split back into ["a", "b,c"].
    const styles = { ids: "comma", codes: "pipe", color: "comma" } as const;
    const query = serializeQuery({ ids: ["a", "b,c"], codes: ["p", "q|r"], color: { R: "1,5" } }, styles);
    expect(query).toBe("ids=a,b%2Cc&codes=p|q%7Cr&color=R,1%2C5");
    expect(query.split("&")[0]!.slice(4).split(",").map(decodeURIComponent)).toEqual(["a", "b,c"]);
    expect(serializeQuery({ filter: { tags: ["x", "y,z"] } })).toBe("filter[tags]=x,y%2Cz");
  });

  it("writes a joined style's object as its keys and values in turn, as OpenAPI's unexploded form does", () => {
    const styles = { color: "comma", size: "pipe" } as const;
    expect(decoded(serializeQuery({ color: { R: 100, G: 200 }, size: { w: 1, h: 2 } }, styles))).toBe(
      "color=R,100,G,200&size=w|1|h|2",
    );
  });

  it("spreads form-style objects, sends json-style values as JSON, and drops empty values", () => {
    expect(
      decoded(
        serializeQuery(
          {
            page: { number: 1, size: 5 },
            q: { a: 1 },
            none: undefined,
            nothing: null,
            empty: [],
            jsonNull: null,
            jsonUndefined: undefined,
            jsonList: ["a"],
          },
          { page: "form", q: "json", jsonNull: "json", jsonUndefined: "json", jsonList: "json" },
        ),
      ),
    ).toBe('number=1&size=5&q={"a":1}&jsonList=["a"]');
  });

  it("adds the call's query and a query credential after a query the path itself holds", async () => {
    // Providers that tell operations on one path apart by a fixed parameter write it into the path.
    const table = {
      listKinds: ["GET", "/things?kind=a", { query: ["limit"], writeQuery: serializeQuery }],
    } as const satisfies OperationTable;
    const provider = {
      ...regionalProvider,
      credentials: { key: { env: "KIND_KEY" } },
      auth: [{ type: "apiKey", in: "query", name: "key", credential: "key" }],
    } as const;
    const { fetch, calls } = recordingFetch();
    const client = composeProviderClient(provider, table, { key: "k1", fetch, maxRetries: 0 });
    await client.listKinds({ limit: 5 } as never);
    await client.listKinds({} as never);
    expect(calls.map((c) => new URL(c.url).search)).toEqual(["?kind=a&limit=5&key=k1", "?kind=a&key=k1"]);
  });

  it("writes an object where a value goes (an array's item, a form object's property) as its JSON, not [object Object]", () => {
    // OpenAPI leaves both undefined; AWS's query-protocol documents (TrafficSources) and Sinao's have them.
    expect(
      decoded(
        serializeQuery(
          {
            TrafficSources: [{ Identifier: "a", Type: "elb" }, { Identifier: "b" }],
            Set: { Name: "n", Tag: { k: 1 } },
          },
          { Set: "form" },
        ),
      ),
    ).toBe(
      'TrafficSources={"Identifier":"a","Type":"elb"}&TrafficSources={"Identifier":"b"}&Name=n&Tag={"k":1}',
    );
  });

  it("repeats an array inside a form-style object, as the form style explodes its properties (AWS SES's)", () => {
    expect(
      serializeQuery(
        { EventDestination: { Name: "d", MatchingEventTypes: ["send", "bounce"] } },
        { EventDestination: "form" },
      ),
    ).toBe("Name=d&MatchingEventTypes=send&MatchingEventTypes=bounce");
  });

  it("writes dates as ISO strings and booleans as words", () => {
    expect(decoded(serializeQuery({ since: new Date("2024-01-02T03:04:05Z"), active: false }))).toBe(
      "since=2024-01-02T03:04:05.000Z&active=false",
    );
  });
});

describe("request bodies", () => {
  it("writes JSON for JSON media types", () => {
    expect(serializeBody({ a: 1 }, "application/json")).toEqual({
      body: '{"a":1}',
      contentType: "application/json",
    });
    expect(serializeBody("text", "application/vnd.api+json")).toEqual({
      body: '"text"',
      contentType: "application/vnd.api+json",
    });
  });

  it("form-encodes with repeated arrays and bracketed nested objects", () => {
    const { body, contentType } = serializeBody(
      { To: "+15555550100", StatusCallbackEvent: ["initiated", "ringing"], Meta: { a: 1 }, Skip: undefined },
      "application/x-www-form-urlencoded",
    );
    expect(contentType).toBe("application/x-www-form-urlencoded");
    expect(decodeURIComponent(String(body))).toBe(
      "To=+15555550100&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&Meta[a]=1",
    );
  });

  it("form-encodes a deepObject body's arrays under their indexes, as Stripe's reads them (qs)", () => {
    // Repeated, an array of objects had no form but each item's JSON text (`items={"price":…}`), which a
    // deepObject reader refuses.
    const input = {
      customer: "cus_1",
      items: [{ price: "price_1", quantity: 2 }, { price: "price_2" }],
      expand: ["latest_invoice", "customer"],
      metadata: { plan: "pro" },
      skip: undefined,
    };
    const [body] = deepFormBody(input, "application/x-www-form-urlencoded");
    expect(decodeURIComponent(String(body)).split("&")).toEqual([
      "customer=cus_1",
      "items[0][price]=price_1",
      "items[0][quantity]=2",
      "items[1][price]=price_2",
      "expand[0]=latest_invoice",
      "expand[1]=customer",
      "metadata[plan]=pro",
    ]);
    // The default form style is unchanged: arrays repeated.
    const [plain] = formBody({ expand: ["a", "b"] }, "application/x-www-form-urlencoded");
    expect(String(plain)).toBe("expand=a&expand=b");
  });

  it("builds multipart forms with files and leaves the Content-Type (and its boundary) to fetch", async () => {
    const file = new Blob(["RIFF"], { type: "audio/wav" });
    const { body, contentType } = serializeBody(
      { file, purpose: "tts", tags: ["a", "b"], meta: { x: 1 } },
      "multipart/form-data",
    );
    expect(contentType).toBeUndefined();
    expect(body).toBeInstanceOf(FormData);
    const form = body as FormData;
    expect(await (form.get("file") as Blob).text()).toBe("RIFF");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.get("meta")).toBe('{"x":1}');
  });

  it("sends binary bodies as given, typed by the media type or by the Blob for wildcards", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(serializeBody(bytes, "application/octet-stream")).toEqual({
      body: bytes,
      contentType: "application/octet-stream",
    });
    const blob = new Blob(["x"], { type: "audio/mpeg" });
    expect(serializeBody(blob, "*/*")).toEqual({ body: blob, contentType: "audio/mpeg" });
  });

  it("types a wildcard body by what it is: an untyped Blob as octet-stream, a plain value as JSON", () => {
    const untyped = new Blob(["x"]);
    expect(serializeBody(untyped, "*/*")).toEqual({ body: untyped, contentType: "application/octet-stream" });
    expect(serializeBody(untyped, "audio/*")).toEqual({
      body: untyped,
      contentType: "application/octet-stream",
    });
    const bytes = new Uint8Array([1, 2, 3]);
    expect(serializeBody(bytes, "*/*")).toEqual({ body: bytes, contentType: "application/octet-stream" });
    expect(serializeBody({ a: 1 }, "*/*")).toEqual({ body: '{"a":1}', contentType: "application/json" });
    // A named media type is the Content-Type, whatever the Blob says and however the value is written.
    const wav = new Blob(["RIFF"], { type: "audio/wav" });
    expect(serializeBody(wav, "audio/mpeg")).toEqual({ body: wav, contentType: "audio/mpeg" });
    expect(serializeBody({ a: 1 }, "text/plain")).toEqual({ body: '{"a":1}', contentType: "text/plain" });
    expect(serializeBody("plain words", "text/plain")).toEqual({
      body: "plain words",
      contentType: "text/plain",
    });
  });

  it("sends a FormData or URLSearchParams the caller built unchanged, whatever the media type", () => {
    const form = new FormData();
    form.append("a", "1");
    for (const mediaType of ["application/octet-stream", "*/*", "multipart/form-data"]) {
      // No Content-Type: fetch writes a FormData's, with its boundary.
      expect(serializeBody(form, mediaType)).toEqual({ body: form, contentType: undefined });
    }
    const params = new URLSearchParams({ a: "1" });
    expect(serializeBody(params, "application/x-www-form-urlencoded")).toEqual({
      body: params,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(serializeBody("a=1&b=2", "application/x-www-form-urlencoded")).toEqual({
      body: "a=1&b=2",
      contentType: "application/x-www-form-urlencoded",
    });
  });

  it("names multipart files by their own name, else by the field, and leaves out empty fields", () => {
    const named = new File(["RIFF"], "greeting.wav", { type: "audio/wav" });
    const unnamed = new Blob(["ID3"], { type: "audio/mpeg" });
    const { body } = serializeBody(
      { named, unnamed, absent: undefined, nothing: null, list: ["a", null, "b"], count: 0 },
      "multipart/form-data",
    );
    const form = body as FormData;
    expect((form.get("named") as File).name).toBe("greeting.wav");
    expect((form.get("unnamed") as File).name).toBe("unnamed");
    expect([...form.keys()]).toEqual(["named", "unnamed", "list", "list", "count"]);
    expect(form.getAll("list")).toEqual(["a", "b"]);
    expect(form.get("count")).toBe("0");
  });

  it("reads the media type whatever its case and parameters, and knows a JSON type by its exact form", () => {
    expect(serializeBody({ a: 1 }, "Application/JSON; charset=utf-8")).toEqual({
      body: '{"a":1}',
      contentType: "Application/JSON; charset=utf-8",
    });
    expect(serializeBody({ a: 1 }, " application/x-www-form-urlencoded ; charset=utf-8").body).toBe("a=1");
    expect(serializeBody({ a: 1 }, "MULTIPART/FORM-DATA").body).toBeInstanceOf(FormData);
    // A string under a JSON type is a JSON string value, not JSON text.
    expect(serializeBody("x", "application/json").body).toBe('"x"');
    expect(serializeBody("x", "application/problem+json").body).toBe('"x"');
    // Bytes or a Blob under a JSON type are sent as given, not turned into a JSON string.
    const bytes = new TextEncoder().encode('{"a":1}');
    expect(serializeBody(bytes, "application/json")).toEqual({
      body: bytes,
      contentType: "application/json",
    });
    // Types that only look like JSON are not: a string goes out as written, not quoted.
    for (const mediaType of [
      "application/jsonl",
      "application/json-seq",
      "text/application/json",
      "application/+json",
    ]) {
      expect(serializeBody("x", mediaType)).toEqual({ body: "x", contentType: mediaType });
    }
    // A body with no media type is JSON.
    expect(serializeBody({ a: 1 })).toEqual({ body: '{"a":1}', contentType: "application/json" });
  });
});

const paged = {
  listNumbers: [
    "GET",
    "/numbers",
    {
      query: ["page", "filter"],
      writeQuery: serializeQuery,
      page: ["number", ["page", "number"], ["data"], ["meta", "total_pages"]],
      all: paginate,
    },
  ],
  // Telnyx 10DLC's shape: a page number, and the count of items (not pages) in the response.
  listByPageOfItems: [
    "GET",
    "/brands",
    {
      query: ["page", "recordsPerPage"],
      writeQuery: serializeQuery,
      page: ["number", ["page"], ["records"], ["totalRecords"], "items"],
      all: paginate,
    },
  ],
  listByCursor: [
    "GET",
    "/events",
    {
      query: ["page[after]"],
      writeQuery: serializeQuery,
      page: ["cursor", ["page[after]"], ["data"], ["meta", "cursors", "after"]],
      all: paginate,
    },
  ],
  // Stripe's shape: the next page starts after the last item's id, up to `has_more: false` beside the list.
  listAfterLast: [
    "GET",
    "/customers",
    {
      query: ["starting_after", "limit"],
      writeQuery: serializeQuery,
      page: ["after", ["starting_after"], ["data"], ["id"]],
      all: paginate,
    },
  ],
  // Retell's: the body is the list, and no flag says it ends; an empty page does.
  listAfterLastBare: [
    "GET",
    "/sessions",
    {
      query: ["pagination_key"],
      writeQuery: serializeQuery,
      page: ["after", ["pagination_key"], [], ["session", "id"]],
      all: paginate,
    },
  ],
  // As generated: a list paged by URL or Link header names the query writer, since each next call sends
  // that URL's query (codegen's generated-files.ts).
  listByLink: ["GET", "/calls", { page: ["link", [], []], all: paginate, writeQuery: serializeQuery }],
  listByUrl: [
    "GET",
    "/messages",
    { page: ["url", ["meta", "next"], ["data"]], all: paginate, writeQuery: serializeQuery },
  ],
  listByOffset: [
    "GET",
    "/recordings",
    {
      query: ["page[offset]", "page[limit]"],
      writeQuery: serializeQuery,
      page: ["offset", ["page[offset]"], ["data"], ["meta", "total"]],
      all: paginate,
    },
  ],
  // Offset paging with no total in the response: it ends on an empty page.
  listBySkip: [
    "GET",
    "/logs",
    { query: ["skip"], writeQuery: serializeQuery, page: ["offset", ["skip"], ["items"]], all: paginate },
  ],
  uploadRecording: ["POST", "/recordings", { body: "multipart/form-data", encode: multipartBody }],
  sendFax: ["POST", "/faxes", { body: "application/json", encode: jsonOrMultipartBody }],
  transcribe: ["POST", "/listen", { body: "application/json", encode: jsonOrRawBody }],
  sendForm: ["POST", "/calls.json", { body: "application/x-www-form-urlencoded", encode: formBody }],
  sendFormWithoutEncoder: ["POST", "/calls.json", { body: "application/x-www-form-urlencoded" }],
  downloadPdf: ["GET", "/invoices/{id}/pdf", { path: ["id"], response: "blob" }],
  downloadCsv: ["GET", "/reports.csv", { response: "text" }],
  findThings: [
    "GET",
    "/things",
    { query: ["ids", "filter"], style: { ids: "comma" }, writeQuery: serializeQuery },
  ],
} as const satisfies OperationTable;

function client(respond: Parameters<typeof recordingFetch>[0]) {
  const recorder = recordingFetch(respond);
  const c = createProviderClient<any, typeof paged, typeof regionalProvider>(regionalProvider, paged, {
    apiKey: "k",
    fetch: recorder.fetch,
  });
  return { client: c as any, calls: recorder.calls };
}

describe("the client", () => {
  it("sends bytes as they are where a row takes JSON or bytes (jsonOrRawBody), and anything else as JSON", async () => {
    const { client: c, calls } = client(() => json(200, {}));
    await c.transcribe({ body: new Blob(["RIFF"], { type: "audio/wav" }) });
    await c.transcribe({ body: new Uint8Array([1, 2]) });
    await c.transcribe({ body: new Uint8Array([1, 2]) }, { headers: { "content-type": "audio/mpeg" } });
    await c.transcribe({ body: { url: "https://example.com/a.wav" } });
    expect(calls.map((call) => call.headers["content-type"])).toEqual([
      "audio/wav",
      "application/octet-stream",
      "audio/mpeg",
      "application/json",
    ]);
    expect(calls.map((call) => call.body)).toEqual([
      "RIFF",
      "\u0001\u0002",
      "\u0001\u0002",
      '{"url":"https://example.com/a.wav"}',
    ]);
  });

  it("serialises each operation's query and body the way its table row says", async () => {
    const { client: c, calls } = client(() => json(200, {}));
    await c.findThings({ ids: ["a", "b"], filter: { type: { eq: "x" } } });
    await c.sendForm({ body: { To: "+1", Tags: ["a", "b"] } });
    await c.uploadRecording({ body: { file: new Blob(["x"]), name: "n" } });
    expect(decoded(new URL(calls[0]!.url).search)).toBe("?ids=a,b&filter[type][eq]=x");
    expect(calls[1]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(calls[1]!.body).toBe("To=%2B1&Tags=a&Tags=b");
    expect(calls[2]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("sends a body holding a file as multipart where the operation takes JSON or multipart, any other as JSON", async () => {
    const { client: c, calls } = client(() => json(200, {}));
    await c.sendFax({ body: { to: "+1", media_url: "https://example.com/a.pdf" } });
    await c.sendFax({ body: { to: "+1", contents: new Blob(["%PDF"], { type: "application/pdf" }) } });
    await c.sendFax({ body: { to: "+1", pages: [new Blob(["a"]), new Blob(["b"])] } });
    const form = new FormData();
    form.append("to", "+1");
    await c.sendFax({ body: form });
    expect(calls[0]!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(calls[0]!.body as string)).toEqual({
      to: "+1",
      media_url: "https://example.com/a.pdf",
    });
    for (const call of calls.slice(1))
      expect(call.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(calls[1]!.body).toContain('name="contents"; filename="contents"');
    expect(calls[1]!.body).toContain("%PDF");
    expect(calls[2]!.body.match(/; name="pages"/g)).toHaveLength(2);
  });

  it("refuses a form body its row gives no encoder for, rather than send JSON labelled as a form", async () => {
    const { client: c, calls } = client(() => json(200, {}));
    await expect(c.sendFormWithoutEncoder({ body: { To: "+1" } })).rejects.toThrow(
      /application\/x-www-form-urlencoded body needs an encoder in its row/,
    );
    expect(calls).toHaveLength(0);
  });

  it("routes inputs of generated rows, which list neither path nor query names, by the path template", async () => {
    const recorder = recordingFetch(() => json(200, {}));
    const generated = {
      getRecording: [
        "GET",
        "/accounts/{account_id}/recordings/{recording_sid}.json",
        { header: ["X-Trace"], writeQuery: serializeQuery },
      ],
      deleteRecording: ["DELETE", "/accounts/{account_id}/recordings/{recording_sid}.json"],
    } as const satisfies OperationTable;
    const c = createProviderClient<any, typeof generated, typeof regionalProvider>(
      regionalProvider,
      generated,
      {
        apiKey: "k",
        fetch: recorder.fetch,
      },
    ) as any;
    await c.getRecording({
      account_id: "AC1",
      recording_sid: "RE 2",
      "X-Trace": "t",
      "filter[since]": "2024",
      skip: undefined,
    });
    expect(recorder.calls[0]!.url).toBe(
      "https://api.regional.test/v2/accounts/AC1/recordings/RE%202.json?filter[since]=2024",
    );
    expect(recorder.calls[0]!.headers["x-trace"]).toBe("t");
    await expect(c.getRecording({ account_id: "AC1" })).rejects.toThrow(
      /missing path parameter "recording_sid"/,
    );
    // A row without a query writer has no query parameters: an input that is none of its parameters is
    // refused, not sent (the row names no writer, so an app that calls only such rows bundles none).
    await expect(
      c.deleteRecording({ account_id: "AC1", recording_sid: "RE1", recordingSid: "typo" }),
    ).rejects.toThrow(/regional\.deleteRecording: no parameter "recordingSid"/);
    expect(recorder.calls).toHaveLength(1);
  });

  it("reads binary and text responses as the table row says", async () => {
    const { client: c } = client((request) =>
      request.url.endsWith("/pdf")
        ? new Response(new Uint8Array([37, 80, 68, 70]), { headers: { "Content-Type": "application/pdf" } })
        : new Response("a,b\n1,2\n", { headers: { "Content-Type": "text/csv" } }),
    );
    const pdf = await c.downloadPdf({ id: "1" });
    expect(pdf.data).toBeInstanceOf(Blob);
    expect(new Uint8Array(await pdf.data.arrayBuffer())).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect((await c.downloadCsv()).data).toBe("a,b\n1,2\n");
  });

  it("iterates every item of a page-numbered list lazily, one request per page", async () => {
    const { client: c, calls } = client((request) => {
      const page = Number(new URL(request.url).searchParams.get("page[number]"));
      return json(200, { data: [`${page}a`, `${page}b`], meta: { total_pages: 3, page_number: page } });
    });
    const iterator = c.listNumbers.all({ filter: { status: "active" }, page: { size: 2 } });
    expect(calls).toHaveLength(0);
    const first = await iterator.next();
    expect(first.value).toBe("1a");
    expect(calls).toHaveLength(1);
    const rest = await collect<string>(iterator);
    expect(rest).toEqual(["1b", "2a", "2b", "3a", "3b"]);
    expect(calls.map((call) => decoded(new URL(call.url).search))).toEqual([
      "?page[size]=2&page[number]=1&filter[status]=active",
      "?page[size]=2&page[number]=2&filter[status]=active",
      "?page[size]=2&page[number]=3&filter[status]=active",
    ]);
  });

  it("iterates the pages of a list with .pages(): each page's whole body and response, lazily", async () => {
    const { client: c, calls } = client((request) => {
      const page = Number(new URL(request.url).searchParams.get("page[number]"));
      return json(
        200,
        { data: [`${page}a`], meta: { total_pages: 2, page_number: page } },
        { "x-page": `${page}` },
      );
    });
    const pages = c.listNumbers.pages({ page: { size: 1 } });
    expect(calls).toHaveLength(0);
    const seen: Array<[unknown, string | null]> = [];
    for await (const { data, response } of pages) seen.push([data, response.headers.get("x-page")]);
    expect(seen).toEqual([
      [{ data: ["1a"], meta: { total_pages: 2, page_number: 1 } }, "1"],
      [{ data: ["2a"], meta: { total_pages: 2, page_number: 2 } }, "2"],
    ]);
    expect(calls).toHaveLength(2);
  });

  it("yields an empty first page from .pages(), for its totals, but no empty page after the first", async () => {
    const empty = client(() => json(200, { data: [], meta: { total_pages: 0, page_number: 1 } }));
    expect(await collect(empty.client.listNumbers.pages())).toEqual([
      { data: { data: [], meta: { total_pages: 0, page_number: 1 } }, response: expect.any(Response) },
    ]);
    expect(await collect(empty.client.listNumbers.all())).toEqual([]);
    // Cursors end at an empty page: the pages with items are the list.
    const { client: c } = client((request) =>
      json(
        200,
        new URL(request.url).searchParams.get("page[after]")
          ? { data: [] }
          : { data: [1], meta: { cursors: { after: "c1" } } },
      ),
    );
    expect((await collect<{ data: unknown }>(c.listByCursor.pages())).map((page) => page.data)).toEqual([
      { data: [1], meta: { cursors: { after: "c1" } } },
    ]);
  });

  it("throws a failed page's error out of .pages(), as out of .all()", async () => {
    const { client: c } = client(() => json(404, { errors: [{ detail: "gone" }] }));
    await expect(collect(c.listNumbers.pages())).rejects.toMatchObject({ kind: "not_found", status: 404 });
  });

  it.each([
    [5, ["?page=1", "?page=2", "?page=3"]],
    [4, ["?page=1", "?page=2"]],
    // A total that overstates what there is: the short page is the last one all the same.
    [9, ["?page=1", "?page=2", "?page=3"]],
  ])(
    "pages by page number up to a total of %i items, without asking past the last page",
    async (total, queries) => {
      const items = ["a", "b", "c", "d", "e"].slice(0, Math.min(total, 5));
      const { client: c, calls } = client((request) => {
        const page = Number(new URL(request.url).searchParams.get("page"));
        return json(200, { page, records: items.slice((page - 1) * 2, page * 2), totalRecords: total });
      });
      expect(await collect<string>(c.listByPageOfItems.all())).toEqual(items);
      expect(calls.map((call) => new URL(call.url).search)).toEqual(queries);
    },
  );

  it("counts a page-numbered list's items from the page it starts at, by the size of its pages", async () => {
    const { client: c, calls } = client((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json(200, { page, records: page < 4 ? [page, page] : [page], totalRecords: 7 });
    });
    expect(await collect<number>(c.listByPageOfItems.all({ page: 3 }))).toEqual([3, 3, 4]);
    expect(calls.map((call) => new URL(call.url).search)).toEqual(["?page=3", "?page=4"]);
  });

  it("follows cursors until there is no next one, and stops on a repeated cursor", async () => {
    const pages: Record<string, unknown> = {
      "": { data: [1, 2], meta: { cursors: { after: "c1" } } },
      c1: { data: [3], meta: { cursors: { after: "c2" } } },
      c2: { data: [4], meta: { cursors: { after: "c2" } } },
    };
    const { client: c, calls } = client((request) =>
      json(200, pages[new URL(request.url).searchParams.get("page[after]") ?? ""]),
    );
    const items = await collect<number>(c.listByCursor.all());
    expect(items).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(3);
  });

  it.each([null, "", undefined, 42])("stops when the next cursor is %j", async (last) => {
    const { client: c, calls } = client((request) =>
      new URL(request.url).searchParams.has("page[after]")
        ? json(200, { data: [2], meta: { cursors: { after: last } } })
        : json(200, { data: [1], meta: { cursors: { after: "c1" } } }),
    );
    const items = await collect<number>(c.listByCursor.all());
    expect(items).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
  });

  it("stops at `has_more: false` beside the cursor, though the page still names one (ElevenLabs' history)", async () => {
    const { client: c, calls } = client((request) =>
      new URL(request.url).searchParams.has("page[after]")
        ? json(200, { data: [2], meta: { cursors: { after: "item-2", has_more: false } } })
        : json(200, { data: [1], meta: { cursors: { after: "item-1", hasMore: true } } }),
    );
    expect(await collect<number>(c.listByCursor.all())).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
  });

  it("starts each page after the last item's id, up to `has_more: false` beside the list (Stripe's)", async () => {
    const ids = ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"];
    const { client: c, calls } = client((request) => {
      const query = new URL(request.url).searchParams;
      const from = ids.indexOf(query.get("starting_after") ?? "") + 1;
      const page = ids.slice(from, from + Number(query.get("limit")));
      return json(200, {
        object: "list",
        data: page.map((id) => ({ id })),
        has_more: from + page.length < 5,
      });
    });
    const items = await collect<{ id: string }>(c.listAfterLast.all({ limit: 2 }));
    expect(items.map((item) => item.id)).toEqual(ids);
    expect(calls.map((call) => decoded(new URL(call.url).search))).toEqual([
      "?limit=2",
      "?starting_after=cus_2&limit=2",
      "?starting_after=cus_4&limit=2",
    ]);
  });

  it("takes the last item's id from a key path, and without a flag stops on an empty page or a repeat (Retell's)", async () => {
    const pages: Record<string, unknown[]> = {
      "": [{ session: { id: 7 } }, { session: { id: 8 } }],
      "8": [{ session: { id: 9 } }],
      "9": [],
    };
    const { client: c, calls } = client((request) =>
      json(200, pages[new URL(request.url).searchParams.get("pagination_key") ?? ""]),
    );
    expect(await collect(c.listAfterLastBare.all())).toHaveLength(3);
    expect(calls.map((call) => new URL(call.url).search)).toEqual([
      "",
      "?pagination_key=8",
      "?pagination_key=9",
    ]);
    // An item without the id ends the list rather than asking for the first page again.
    const { client: d, calls: once } = client(() => json(200, [{ session: {} }]));
    expect(await collect(d.listAfterLastBare.all())).toHaveLength(1);
    expect(once).toHaveLength(1);
  });

  it('reads rel="next" among a Link header\'s links, however written, and stops when none is next', async () => {
    const link = (page: number) =>
      page === 1
        ? '<https://api.acme.test/calls?page=1>; rel="prev first",<https://api.acme.test/calls?page=2&per_page=2>;rel=next'
        : page === 2
          ? '<https://api.acme.test/calls?page=3&per_page=2>; rel = "next last"'
          : '<https://api.acme.test/calls?page=1>; rel="first"';
    const { client: c, calls } = client((request) => {
      const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
      return new Response(JSON.stringify([page]), {
        headers: { "content-type": "application/json", link: link(page) },
      });
    });
    const items = await collect<number>(c.listByLink.all({ per_page: 2 }));
    expect(items).toEqual([1, 2, 3]);
    expect(calls.map((call) => decoded(new URL(call.url).search))).toEqual([
      "?per_page=2",
      "?per_page=2&page=2",
      "?per_page=2&page=3",
    ]);
  });

  it("stops after the first page of a list paged by Link header when there is none", async () => {
    const { client: c, calls } = client(() => json(200, [1, 2]));
    const items = await collect<number>(c.listByLink.all());
    expect(items).toEqual([1, 2]);
    expect(calls).toHaveLength(1);
  });

  it("takes a next-page URL's query into the deepObject input it belongs to, and stops when a URL repeats", async () => {
    const pages: Record<string, unknown> = {
      "": { data: [1], meta: { next: "/v2/messages?page[after]=a1" } },
      a1: { data: [2], meta: { next: "https://elsewhere.test/v2/messages?page[after]=a2&page[size]=5" } },
      a2: { data: [3], meta: { next: "/v2/messages?page[after]=a2&page[size]=5" } },
    };
    const { client: c, calls } = client((request) =>
      json(200, pages[new URL(request.url).searchParams.get("page[after]") ?? ""]),
    );
    const items = await collect<number>(c.listByUrl.all({ page: { size: 5 }, filter: "x" }));
    expect(items).toEqual([1, 2, 3]);
    // The client's own base URL and path, whatever host or path the link names; `size` kept from the input.
    expect(calls.map((call) => decoded(call.url))).toEqual([
      "https://api.regional.test/v2/messages?page[size]=5&filter=x",
      "https://api.regional.test/v2/messages?page[size]=5&page[after]=a1&filter=x",
      "https://api.regional.test/v2/messages?page[size]=5&page[after]=a2&filter=x",
    ]);
  });

  it("pages by offset, adding each page's length, until the offset reaches the total", async () => {
    const total = 5;
    const { client: c, calls } = client((request) => {
      const offset = Number(new URL(request.url).searchParams.get("page[offset]") ?? 0);
      // Pages of 2, whatever limit was asked for: the next offset is what came, not what was asked.
      const data = [offset, offset + 1].filter((n) => n < total);
      return json(200, { data, meta: { total } });
    });
    const items = await collect<number>(c.listByOffset.all({ "page[offset]": 1, "page[limit]": 10 }));
    expect(items).toEqual([1, 2, 3, 4]);
    expect(calls.map((call) => decoded(new URL(call.url).search))).toEqual([
      "?page[offset]=1&page[limit]=10",
      "?page[offset]=3&page[limit]=10",
    ]);
  });

  it("pages by offset from 0 without a total, until a page comes back empty", async () => {
    const { client: c, calls } = client((request) => {
      const skip = Number(new URL(request.url).searchParams.get("skip") ?? 0);
      return json(200, { items: skip < 4 ? [skip, skip + 1] : [] });
    });
    const items = await collect<number>(c.listBySkip.all());
    expect(items).toEqual([0, 1, 2, 3]);
    expect(calls.map((call) => new URL(call.url).search)).toEqual(["", "?skip=2", "?skip=4"]);
  });

  it("takes the next link, not the first nor one whose rel only starts with next, from a header listing several", async () => {
    const { client: c, calls } = client((request) => {
      const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
      const link =
        page === 1
          ? '<https://api.acme.test/calls?page=1>; rel="prev", <https://api.acme.test/calls?page=9>; rel="next-archive", <https://api.acme.test/calls?page=2>; rel="next"'
          : '<https://api.acme.test/calls?page=1>; rel="prev"';
      return new Response(JSON.stringify([page]), { headers: { "content-type": "application/json", link } });
    });
    const items = await collect<number>(c.listByLink.all());
    expect(items).toEqual([1, 2]);
    expect(calls.map((call) => new URL(call.url).search)).toEqual(["", "?page=2"]);
  });

  it("ends, without an error, when what holds the page count is null", async () => {
    const { client: c, calls } = client(() => json(200, { data: [1, 2], meta: null }));
    const items = await collect<number>(c.listNumbers.all());
    expect(items).toEqual([1, 2]);
    expect(calls).toHaveLength(1);
  });

  it("stops at the first page that holds no list, or an empty one, without asking for another", async () => {
    for (const body of [
      { data: [], meta: { total_pages: 9 } },
      { data: null, meta: { total_pages: 9 } },
      {},
    ]) {
      const { client: c, calls } = client(() => json(200, body));
      const items = await collect<unknown>(c.listNumbers.all());
      expect(items).toEqual([]);
      expect(calls).toHaveLength(1);
    }
  });

  it("takes a key a next URL repeats as a list, and stops on an empty link or one that only reorders its query", async () => {
    const pages: Record<string, unknown> = {
      "": { data: [1], meta: { next: "?status=a&status=b&page[after]=a1" } },
      a1: { data: [2], meta: { next: "?page[after]=a2&status=b" } },
      a2: { data: [3], meta: { next: "?status=b&page[after]=a2" } },
      done: { data: [4], meta: { next: "" } },
    };
    const { client: c, calls } = client((request) =>
      json(200, pages[new URL(request.url).searchParams.get("page[after]") ?? ""]),
    );
    const items = await collect<number>(c.listByUrl.all());
    expect(items).toEqual([1, 2, 3]);
    expect(calls.map((call) => decoded(new URL(call.url).search))).toEqual([
      "",
      "?status=a&status=b&page[after]=a1",
      "?status=b&page[after]=a2",
    ]);

    pages[""] = { data: [0], meta: { next: "?page[after]=done" } };
    const last = await collect<number>(c.listByUrl.all());
    expect(last).toEqual([0, 4]);
    expect(calls).toHaveLength(5);
  });

  it("throws the failed page's SwitchboardError out of the loop", async () => {
    const { client: c } = client((request) =>
      new URL(request.url).searchParams.get("page[number]") === "2"
        ? json(429, { errors: [{ code: "10011", title: "Too many requests" }] })
        : json(200, { data: [1], meta: { total_pages: 5 } }),
    );
    const items: number[] = [];
    const error = await (async () => {
      for await (const item of c.listNumbers.all()) items.push(item);
    })().catch((e: unknown) => e);
    expect(items).toEqual([1]);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, operation: "listNumbers" });
  });

  it("composes a client from the operations given, and only those", async () => {
    const recorder = recordingFetch(() => json(200, { data: [], meta: { total_pages: 1 } }));
    const composed = composeProviderClient(
      regionalProvider,
      { listNumbers: paged.listNumbers },
      { apiKey: "k", fetch: recorder.fetch },
    ) as any;
    expect(Object.keys(composed.operations)).toEqual(["listNumbers"]);
    expect(composed.downloadPdf).toBeUndefined();
    await composed.listNumbers({});
    expect(recorder.calls[0]!.headers.authorization).toBe("Bearer k");
  });
});
