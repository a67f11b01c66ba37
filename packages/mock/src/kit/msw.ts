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
}

/**
 * msw handlers answering every request to `baseUrl` (default: each of the provider's servers) from the
 * mock: `server.use(...mswHandlers(mock, { http, HttpResponse }))`.
 */
export function mswHandlers<Handler>(
  mock: Handles,
  msw: MswLike<Handler>,
  baseUrls: readonly string[] = mock.servers,
): Handler[] {
  // A server URL with variables (`https://{region}.example.com`) names no one origin msw could match.
  return baseUrls
    .filter((base) => !base.includes("{"))
    .map((base) =>
      msw.http.all(`${base.replace(/\/+$/, "")}/*`, async ({ request }) => {
        try {
          return await mock.handle(request, { baseUrl: base });
        } catch (error) {
          // A reset, or a request its client gave up on (a `hang()` its timeout ended): a network error, which
          // msw hands a caller that has stopped listening quietly, where a thrown abort is logged as a crash.
          if (error instanceof ConnectionReset || request.signal?.aborted) return msw.HttpResponse.error();
          throw error;
        }
      }),
    );
}
