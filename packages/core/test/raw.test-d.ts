/**
 * What the types accept is what the runtime does (README, "The raw client"): openapi-fetch's options where
 * they work, and a compile error where they would be ignored.
 */
import { describe, expectTypeOf, it } from "vitest";
import { composeProviderClient, createProviderClient, type ProviderDefinition } from "../src/index.js";
import { type FixturePaths, headerProvider, regionalProvider, table } from "./fixtures.js";

interface MediaPaths {
  "/things": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { "application/json": { json: true }; "application/ld+json": { linked: true } };
        };
      };
    };
  };
}

const open = { ...regionalProvider, credentials: {}, auth: [] } as const satisfies ProviderDefinition;
const whole = createProviderClient<FixturePaths, typeof table, typeof regionalProvider>(
  regionalProvider,
  table,
  {
    apiKey: "k",
  },
);

describe("options the runtime does not support are compile errors", () => {
  it("rejects RequestInit fields at the client level (give them per call, or in requestInitExt)", () => {
    createProviderClient(regionalProvider, table, {
      apiKey: "k",
      // @ts-expect-error: not a client option; per call, or `requestInitExt: { credentials }`
      credentials: "include",
    });
    // @ts-expect-error: ditto
    createProviderClient(regionalProvider, table, { apiKey: "k", cache: "no-store" });
    // @ts-expect-error: ditto; a call's `signal` aborts it, retries included
    createProviderClient(regionalProvider, table, { apiKey: "k", signal: AbortSignal.timeout(1) });
  });

  it("rejects openapi-fetch's client options on composed clients, which have no raw calls", () => {
    const operations = { listThings: table.listThings };
    // @ts-expect-error: serializers write raw calls only
    composeProviderClient(regionalProvider, operations, { apiKey: "k", querySerializer: () => "" });
    // @ts-expect-error: a composed client takes a custom `fetch` instead
    composeProviderClient(regionalProvider, operations, { apiKey: "k", requestInitExt: {} });
    // @ts-expect-error: ditto
    composeProviderClient(regionalProvider, operations, { apiKey: "k", Request });
    // @ts-expect-error: openapi-fetch's header forms (arrays) are the whole client's
    composeProviderClient(regionalProvider, operations, { apiKey: "k", headers: { a: ["1", "2"] } });
  });

  it("rejects openapi-fetch's per-call options on generated methods, which write what their spec says", () => {
    // @ts-expect-error: a method's base URL is its client's (or its operation's server)
    void whole.listThings({}, { baseUrl: "https://elsewhere.test" });
    // @ts-expect-error: the client's fetch serves every call
    void whole.listThings({}, { fetch });
    // @ts-expect-error: a method reads what its spec says the response is
    void whole.listThings({}, { parseAs: "text" });
    // @ts-expect-error: RequestInit fields are raw calls' only
    void whole.listThings({}, { credentials: "include" });
    // @ts-expect-error: middleware is the client's
    void whole.listThings({}, { middleware: [] });
  });
});

describe("what the raw client supports type-checks", () => {
  it("takes openapi-fetch's client options", () => {
    createProviderClient(
      open,
      {},
      {
        headers: { "Content-Type": null, "X-List": ["a", "b"], "X-Number": 1 },
        Request,
        requestInitExt: { credentials: "include" },
        querySerializer: { array: { style: "pipeDelimited", explode: false }, allowReserved: true },
        bodySerializer: (body) => JSON.stringify(body),
        pathSerializer: (path) => path,
      },
    );
  });

  it("takes openapi-fetch's per-call options and this runtime's", () => {
    void whole.GET("/things", {
      params: { query: { "page[size]": 1 } },
      baseUrl: "https://elsewhere.test",
      fetch,
      Request,
      credentials: "include",
      cache: "no-store",
      redirect: "manual",
      parseAs: "text",
      querySerializer: { object: { style: "form", explode: true } },
      pathSerializer: (path) => path,
      middleware: [],
      signal: AbortSignal.timeout(1000),
      maxRetries: 0,
      timeout: 5000,
    });
  });

  it("narrows response types to the media types of Client<Paths, Media>", async () => {
    const linked = createProviderClient<MediaPaths, {}, typeof open, "application/ld+json">(open, {});
    const { data } = await linked.GET("/things", { headers: { Accept: "application/ld+json" } });
    expectTypeOf(data).toEqualTypeOf<{ linked: true } | undefined>();
    const any = createProviderClient<MediaPaths, {}, typeof open>(open, {});
    expectTypeOf((await any.GET("/things")).data).toEqualTypeOf<
      { json: true } | { linked: true } | undefined
    >();
  });
});

describe("path parameters the client fills from its credentials", () => {
  it("are optional in raw calls too, as the runtime fills them (Vobiz's auth_id)", () => {
    const filled = createProviderClient<FixturePaths, typeof table, typeof headerProvider>(
      headerProvider,
      table,
      {
        authId: "a",
        authToken: "t",
      },
    );
    const path = "/accounts/{account_id}/things/{thing_id}" as const;
    filled.DELETE(path, { params: { path: { thing_id: "t1" } } });
    filled.DELETE(path, { params: { path: { thing_id: "t1", account_id: "another" } } });
    // @ts-expect-error: the others are still required
    filled.DELETE(path, { params: { path: { account_id: "a" } } });
    // A provider that fills none keeps its paths' types as they are.
    // @ts-expect-error: account_id is required where no credential fills it
    whole.DELETE(path, { params: { path: { thing_id: "t1" } } });
    expectTypeOf(filled.deleteThing).parameter(0).toMatchTypeOf<{ thing_id: string }>();
  });
});
