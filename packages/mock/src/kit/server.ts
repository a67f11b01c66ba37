/**
 * The mock as an HTTP server on 127.0.0.1, for code that needs a URL (another process, a webhook
 * receiver's callback, a client you cannot give a `fetch`). The port is picked by the OS when it binds
 * (port 0), so there is no window in which another process can take it. Each request becomes a
 * `Request` for the same handler `mock.fetch` uses; a scripted reset destroys the socket (an RST where
 * the platform can), a hang keeps it open until the client gives up or the server closes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { ConnectionReset } from "./engine.js";

export interface MockServer {
  readonly url: string;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
/** How long `close()` waits for the request of a socket that has sent none, before dropping it. */
const FRESH_SOCKET_GRACE_MS = 1000;

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = chunks.length > 0 && req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "GET",
    headers,
    body: hasBody ? Buffer.concat(chunks) : null,
    signal,
  });
}

function destroy(socket: Socket): void {
  // resetAndDestroy sends a TCP RST (Node ≥ 16.17), what a crashed or overloaded server looks like.
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

export function serve(handle: (request: Request) => Promise<Response>): Promise<MockServer> {
  const controllers = new Set<AbortController>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A request that reached a closing mock: the client sees the connection drop.
    if (closed) return void req.socket.destroy();
    served.add(req.socket);
    const controller = new AbortController();
    controllers.add(controller);
    // The client went away (its timeout, an abort): stop waiting on its behalf.
    res.on("close", () => {
      controllers.delete(controller);
      if (!res.writableFinished) controller.abort();
    });
    void (async () => {
      try {
        const response = await handle(await toRequest(req, origin, controller.signal));
        const headers: Record<string, string[]> = {};
        response.headers.forEach((value, name) => {
          headers[name] = [...(headers[name] ?? []), value];
        });
        res.writeHead(response.status, headers);
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        if (error instanceof ConnectionReset || controller.signal.aborted) destroy(req.socket);
        else {
          // A fault of the mock itself: say so instead of hanging up.
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(`@switchboard/mock failed: ${(error as Error).stack ?? String(error)}`);
        }
      }
    })();
  });
  // Sockets accepted and not yet closed, and those that have sent a request. A socket dropped in the moment
  // between its connection and its request leaves Node's fetch (undici) waiting for good, with no error: so
  // on `close()` a socket that has sent nothing yet is dropped when its request comes (above), or after
  // FRESH_SOCKET_GRACE_MS if it never does.
  const sockets = new Set<Socket>();
  const served = new WeakSet<Socket>();
  let closed = false;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  let origin = "";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      if (!address || typeof address === "string") return reject(new Error("the mock server has no port"));
      origin = `http://${HOST}:${address.port}`;
      let closing: Promise<void> | undefined;
      resolve({
        url: origin,
        close() {
          closing ??= new Promise<void>((done) => {
            closed = true;
            for (const controller of controllers) controller.abort();
            server.close(() => done());
            for (const socket of sockets) {
              if (served.has(socket)) socket.destroy();
              else setTimeout(() => socket.destroy(), FRESH_SOCKET_GRACE_MS);
            }
          });
          return closing;
        },
      });
    });
  });
}
