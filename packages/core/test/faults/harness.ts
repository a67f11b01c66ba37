/**
 * The fault-injection harness: HTTP servers on 127.0.0.1 (free ports) that answer each request with the
 * next step of a script, a manual clock for the runtime's timers, and the leak checks every test ends with.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { clock } from "../../src/clock.js";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Step = (request: IncomingMessage, response: ServerResponse) => void;

export interface FaultServer {
  readonly origin: string;
  /** Every request received, in order, its body read in full. */
  readonly received: Received[];
  /** The steps answering the next requests, in order; a request past the end gets a 599. */
  script(...steps: Step[]): void;
  /** Drops the connections a `hang()` step left waiting, once the client gave up on them. */
  release(): void;
  /** Resolves once `count` requests have arrived. */
  arrived(count: number): Promise<void>;
  /**
   * Open connections that carried a request: must drop to zero after every test. (Connections that never
   * carried one are the fetch pool's spares, opened after an abort; `close` and `dropSpares` end them.)
   */
  connections(): Promise<number>;
  dropSpares(): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const received: Received[] = [];
  let steps: Step[] = [];
  const hung: Socket[] = [];
  const sockets = new Set<Socket>();
  const used = new WeakSet<Socket>();
  const arrivals: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    used.add(request.socket);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      for (const wake of arrivals.splice(0)) wake();
      const step = steps.shift() ?? ((_, res: ServerResponse) => res.writeHead(599).end());
      // Every answer closes its connection, so a socket still open after a test is a leak, not a pool.
      response.shouldKeepAlive = false;
      if (step === HANG) hung.push(request.socket);
      else step(request, response);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    script: (...next) => {
      steps = next;
    },
    release: () => {
      for (const socket of hung.splice(0)) socket.destroy();
    },
    arrived: async (count) => {
      while (received.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    connections: async () => {
      const open = () => [...sockets].filter((socket) => used.has(socket)).length;
      // Closing is asynchronous on both ends: give open sockets a bounded moment to finish closing.
      for (let tries = 0; open() > 0 && tries < 300; tries++) await new Promise((r) => setTimeout(r, 10));
      return open();
    },
    dropSpares: () => {
      for (const socket of sockets) if (!used.has(socket)) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---- steps ----

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_, response) => {
    const text = JSON.stringify(body);
    response
      .writeHead(status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
        ...headers,
      })
      .end(text);
  };

export const raw =
  (status: number, body: string | Buffer | undefined, headers: Record<string, string | number> = {}): Step =>
  (_, response) => {
    response.writeHead(status, headers).end(body);
  };

/** Closes the connection without answering. */
export const reset = (): Step => (request) => request.socket.destroy();

/** Sends the headers and half the promised body, then closes the connection. */
export const resetMidBody = (): Step => (request, response) => {
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": 1000 });
  response.write('{"data": [1, 2, 3');
  setImmediate(() => request.socket.destroy());
};

/**
 * Never answers: the client has to give up. (fetch, Node's undici, does not close the connection of a
 * request it aborted: it stays in its pool until the keep-alive timeout. `release()` drops it.)
 */
const HANG: Step = () => {};
export const hang = (): Step => HANG;

export const redirect =
  (status: number, location: string): Step =>
  (_, response) => {
    response.writeHead(status, { Location: location, "Content-Length": 0 }).end();
  };

// ---- the clock ----

export interface Timer {
  readonly ms: number;
  readonly run: () => void;
}

/**
 * Takes over `clock` (the runtime's only source of timers): nothing fires until the test fires it, so a
 * test sees exactly which waits the runtime asked for and waits for none of them.
 */
export function manualClock() {
  const timers = new Set<Timer>();
  const changes: Array<() => void> = [];
  const original = { ...clock };
  clock.setTimeout = (run, ms) => {
    const timer = { ms, run };
    timers.add(timer);
    for (const wake of changes.splice(0)) wake();
    return timer;
  };
  clock.clearTimeout = (timer) => {
    timers.delete(timer as Timer);
  };
  return {
    /** Timers set and neither fired nor cleared. */
    pending: () => [...timers],
    /** The first pending timer matching `which`, once there is one. */
    async next(which: (timer: Timer) => boolean = () => true): Promise<Timer> {
      for (;;) {
        const found = [...timers].find(which);
        if (found) return found;
        await new Promise<void>((resolve) => changes.push(resolve));
      }
    },
    fire(timer: Timer) {
      timers.delete(timer);
      timer.run();
    },
    restore() {
      Object.assign(clock, original);
    },
  };
}

// ---- leak checks ----

/** Records unhandled rejections and the process's active handles, to compare after a test. */
export function leakWatch() {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  const count = (type: string) => process.getActiveResourcesInfo().filter((name) => name === type).length;
  const before = { timeouts: count("Timeout"), sockets: count("TCPSocketWrap") };
  return {
    rejections,
    /** `settle` runs while sockets are still open, e.g. to drop spare connections the pool opened late. */
    async check(settle?: () => void) {
      // Sockets closed by the peer are released a tick or two later. fetch (undici) runs its connection
      // timers on one shared 1-second Node timer that stays armed for up to a second after its last
      // connection closes, so real timers get the same bounded wait. The runtime's own timers never reach
      // here: they go through the manual clock, which the tests check at once (`time.pending()`).
      const settled = () => count("TCPSocketWrap") <= before.sockets && count("Timeout") <= before.timeouts;
      for (let tries = 0; !settled() && tries < 300; tries++) {
        settle?.();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      process.off("unhandledRejection", onRejection);
      // The test runner's own timers come and go, so only more timers than before counts.
      const timeouts = Math.max(0, count("Timeout") - before.timeouts);
      return { rejections, timeouts, sockets: count("TCPSocketWrap") - before.sockets };
    },
  };
}
