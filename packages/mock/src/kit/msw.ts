/**
 * The mock inside an existing msw setup, without @switchboard/mock depending on msw: the caller passes its
 * own `http` and `HttpResponse`. One catch-all handler per server of the provider answers from the mock,
 * and a scripted connection reset becomes msw's network error.
 */
import { ConnectionReset } from "./engine.js";

interface MswLike<Handler> {
  http: { all(path: string, resolver: (info: { request: Request }) => Promise<Response>): Handler };
  HttpResponse: { error(): Response };
}

interface Handles {
  handle(request: Request, options?: { baseUrl?: string }): Promise<Response>;
  readonly servers: readonly string[];
  readonly operationServers?: readonly string[];
}

/**
 * msw handlers answering every request to the provider from the mock: to each of its servers and regions
 * and each operation's own server (`mock.servers`, `mock.operationServers`), or to `baseUrls` (a proxy's):
 * `server.use(...mswHandlers(mock, { http, HttpResponse }))`. A server variable (`https://{region}.api.test`)
 * matches any value there, as msw's `*`.
 */
export function mswHandlers<Handler>(
  mock: Handles,
  msw: MswLike<Handler>,
  baseUrls?: readonly string[],
): Handler[] {
  // The provider's own URLs the mock routes by itself; a base URL given here is one more it answers under.
  const bases = baseUrls ?? [...new Set([...mock.servers, ...(mock.operationServers ?? [])])];
  return bases.map((base) =>
    msw.http.all(`${base.replace(/\/+$/, "").replace(/\{[^}]*\}/g, "*")}/*`, async ({ request }) => {
      try {
        return await mock.handle(request, baseUrls ? { baseUrl: base } : {});
      } catch (error) {
        // A reset, or a request its client gave up on (a `hang()` its timeout ended): a network error, which
        // msw hands a caller that has stopped listening quietly, where a thrown abort is logged as a crash.
        if (error instanceof ConnectionReset || request.signal?.aborted) return msw.HttpResponse.error();
        throw error;
      }
    }),
  );
}
