/**
 * Child process for the cleanup tests: starts one mock, prints its pid and port, then misbehaves as told.
 * Usage: node --import tsx run-mock.ts <exit|throw|wait> <spec>
 */
import { startMock } from "../../src/index.js";

const [mode, spec] = process.argv.slice(2);
if (!spec) throw new Error("usage: run-mock.ts <exit|throw|wait> <spec>");
const server = await startMock({ spec });
process.stdout.write(`${JSON.stringify({ pid: server.pid, port: server.port })}\n`);

if (mode === "exit") process.exit(3);
if (mode === "throw") {
  setTimeout(() => {
    throw new Error("simulated crash");
  }, 10);
}
if (mode === "wait") setInterval(() => {}, 1_000);
