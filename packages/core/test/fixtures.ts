import { type OperationTable, type ProviderDefinition, serializeQuery } from "../src/index.js";

/** A provider shaped like Vobiz: two header credentials, one of them also a path parameter. */
export const headerProvider = {
  name: "acme",
  title: "Acme",
  servers: { default: "https://api.acme.test" },
  defaultServer: "default",
  credentials: { authId: { env: "ACME_AUTH_ID" }, authToken: { env: "ACME_AUTH_TOKEN" } },
  auth: [
    { type: "apiKey", in: "header", name: "X-Auth-ID", credential: "authId" },
    { type: "apiKey", in: "header", name: "X-Auth-Token", credential: "authToken" },
  ],
  pathCredentials: { account_id: "authId" },
} as const satisfies ProviderDefinition;

/** A provider shaped like Synthflow: bearer token, three regions. */
export const regionalProvider = {
  name: "regional",
  title: "Regional",
  servers: {
    global: "https://api.regional.test/v2",
    us: "https://api.us.regional.test/v2",
    eu: "https://api.eu.regional.test/v2/",
  },
  defaultServer: "global",
  credentials: { apiKey: { env: "REGIONAL_API_KEY" } },
  auth: [{ type: "bearer", credential: "apiKey" }],
  pathCredentials: {},
} as const satisfies ProviderDefinition;

/** A provider with no credentials, as a plain openapi-fetch client would be. */
export const openProvider = {
  name: "open",
  title: "Open",
  servers: { default: "https://api.open.test/v1" },
  defaultServer: "default",
  credentials: {},
  auth: [],
  pathCredentials: {},
} as const satisfies ProviderDefinition;

/** A provider with basic auth, as some telephony APIs use. */
export const basicProvider = {
  ...regionalProvider,
  name: "basic",
  credentials: { user: { env: "BASIC_USER" }, password: { env: "BASIC_PASSWORD" } },
  auth: [{ type: "basic", username: "user", password: "password" }],
} as const satisfies ProviderDefinition;

/** A provider whose key goes in the query string. */
export const queryProvider = {
  ...regionalProvider,
  name: "query",
  credentials: { key: { env: "QUERY_KEY" } },
  auth: [{ type: "apiKey", in: "query", name: "key", credential: "key" }],
} as const satisfies ProviderDefinition;

export const table = {
  deleteThing: ["DELETE", "/accounts/{account_id}/things/{thing_id}", { path: ["account_id", "thing_id"] }],
  listThings: ["GET", "/things", { query: ["page[size]", "filter"], writeQuery: serializeQuery }],
  createThing: ["POST", "/things", { body: "application/json", header: ["Idempotency-Key"] }],
  health: ["GET", "/health", { auth: false }],
} as const satisfies OperationTable;

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A logger that keeps every line it is given, at any level. */
export function capture() {
  const lines: string[] = [];
  const keep = (line: string) => void lines.push(line);
  return { lines, logger: { debug: keep, info: keep, warn: keep, error: keep } };
}

/** A fetch that records each request and answers with `respond`. */
export function recordingFetch(
  respond: (request: Request) => Response | Promise<Response> = () => json(200, { ok: true }),
) {
  const calls: Recorded[] = [];
  const fetch = async (request: Request) => {
    calls.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.clone().text(),
    });
    return respond(request);
  };
  return { calls, fetch };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type JsonResponse<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };

/** What openapi-typescript generates for `table`, written out so the tests type-check like real clients. */
export interface FixturePaths {
  "/accounts/{account_id}/things/{thing_id}": {
    parameters: NoParams;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: { account_id: string; thing_id: string };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        204: { headers: { [name: string]: unknown }; content?: never };
        404: JsonResponse<{ error?: string; code?: number }>;
      };
    };
  };
  "/things": {
    parameters: NoParams;
    get: {
      parameters: {
        query?: { "page[size]"?: number; filter?: string };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: { 200: JsonResponse<{ id?: number }> };
    };
    post: {
      parameters: { query?: never; header?: { "Idempotency-Key"?: string }; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { [key: string]: unknown } } };
      responses: { 201: JsonResponse<{ id: number }> };
    };
  };
  "/health": {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: { 200: JsonResponse<{ ok: boolean }> };
    };
  };
}
