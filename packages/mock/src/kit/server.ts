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
            for (const controller of controllers) controller.abort();
            server.close(() => done());
            server.closeAllConnections();
          });
          return closing;
        },
      });
    });
  });
}
