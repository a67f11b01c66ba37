/**
 * A documentation site for the tests: an in-process HTTP server on 127.0.0.1 at a free port, serving pages
 * from a map the test can change between runs, answering conditional requests the way real sites do (ETag
 * and Last-Modified, 304 without a body), and recording every request so tests can count downloads. A route
 * can also be scripted: a sequence of responses (429s, 503s, then the page), a redirect, a hang.
 * `docServer()` registers its own shutdown after each test, so no server outlives the test that made it.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Route =
  | { page: string; contentType?: string; lastModified?: string; etag?: string | false }
  | { script: ScriptedResponse[] }
  | { hang: true };

export interface RecordedRequest {
  path: string;
  status: number;
  conditional: boolean;
  headers: IncomingMessage["headers"];
}

export interface DocServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  url(path: string): string;
  readonly routes: Map<string, Route>;
  readonly requests: RecordedRequest[];
  /** Requests for `path` (or all), optionally only those answered with `status`. */
  count(path?: string, status?: number): number;
  close(): Promise<void>;
}

const etagOf = (text: string) => `"${createHash("sha256").update(text).digest("hex").slice(0, 16)}"`;

export async function startDocServer(routes: Record<string, Route> = {}): Promise<DocServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const scriptPositions = new Map<string, number>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const route = table.get(path);
    const conditional = Boolean(req.headers["if-none-match"] || req.headers["if-modified-since"]);
    const record = (status: number) => requests.push({ path, status, conditional, headers: req.headers });
    if (!route) {
      record(404);
      res.writeHead(404, { "content-type": "text/html" }).end("<!doctype html><title>Not found</title>");
      return;
    }
    if ("hang" in route) {
      record(0);
      return; // never answers; the server's close() drops the connection
    }
    if ("script" in route) {
      const position = scriptPositions.get(path) ?? 0;
      const step = route.script[Math.min(position, route.script.length - 1)]!;
      scriptPositions.set(path, position + 1);
      record(step.status);
      res.writeHead(step.status, step.headers).end(step.body);
      return;
    }
    const etag = route.etag === false ? undefined : (route.etag ?? etagOf(route.page));
    const headers: Record<string, string> = {
      "content-type": route.contentType ?? "text/markdown; charset=utf-8",
    };
    if (etag) headers.etag = etag;
    if (route.lastModified) headers["last-modified"] = route.lastModified;
    const fresh =
      (etag !== undefined && req.headers["if-none-match"] === etag) ||
      (etag === undefined &&
        route.lastModified !== undefined &&
        req.headers["if-modified-since"] === route.lastModified);
    if (fresh) {
      record(304);
      res.writeHead(304, headers).end();
      return;
    }
    record(200);
    headers["content-length"] = String(Buffer.byteLength(route.page));
    res.writeHead(200, headers).end(route.page);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    routes: table,
    requests,
    count: (path, status) =>
      requests.filter(
        (r) => (path === undefined || r.path === path) && (status === undefined || r.status === status),
      ).length,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}

/** `startDocServer` for the tests of the calling file, each server closed after the test (passed or not). */
export function docServers(): (routes?: Record<string, Route>) => Promise<DocServer> {
  const open: DocServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (routes) => {
    const server = await startDocServer(routes);
    open.push(server);
    return server;
  };
}
