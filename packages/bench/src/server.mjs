// A keep-alive HTTP server for the benchmarks, run as its own process (`node server.mjs`) so that it does
// not share the client's event loop. Answers `DELETE /v2/ips/{id}` like Telnyx does; prints its port. An
// argument of milliseconds delays every answer by that much: a simulated network, so the client's overhead
// shows as a share of a real call.
import { createServer } from "node:http";

const body = JSON.stringify({
  data: {
    connection_id: "3456789987654",
    created_at: "2018-02-02T22:25:27.521Z",
    id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58",
    ip_address: "192.168.0.0",
    port: 5060,
    record_type: "ip",
    updated_at: "2018-02-02T22:25:27.521Z",
  },
});
const headers = {
  "Content-Type": "application/json",
  "Content-Length": String(Buffer.byteLength(body)),
  "x-request-id": "bench",
};

const delayMs = Number(process.argv[2] ?? 0);
const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  if (request.method === "DELETE" && request.url?.startsWith("/v2/ips/")) {
    if (delayMs > 0) setTimeout(() => response.writeHead(200, headers).end(body), delayMs);
    else response.writeHead(200, headers).end(body);
  } else {
    response.writeHead(404, { "Content-Length": "0" }).end();
  }
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${server.address().port}\n`);
});
// The parent closes our stdin when it is done (or dies): never outlive it.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
