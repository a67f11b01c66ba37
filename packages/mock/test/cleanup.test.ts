/**
 * A test run that crashes, exits early or is interrupted must not leave Prism behind. Each case runs a
 * small program (support/run-mock.ts) that starts a mock and then misbehaves, and checks the Prism it
 * started is gone afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { pidAlive, tryConnect, uniqueCopy, waitUntil, waitUntilAsync } from "./support/helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const script = fileURLToPath(new URL("./support/run-mock.ts", import.meta.url));

const children: ChildProcess[] = [];
const prismPids: number[] = [];

afterEach(() => {
  // Whatever the outcome, nothing from this file outlives it.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const pid of prismPids.splice(0)) if (pidAlive(pid)) process.kill(pid, "SIGKILL");
});

async function runHarness(mode: "exit" | "throw" | "wait") {
  const child = spawn(process.execPath, ["--import", "tsx", script, mode, uniqueCopy("simple.json")], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const gotLine = await waitUntil(() => stdout.includes("\n"), 200_000); // the harness starts a Prism
  expect(gotLine, `harness printed nothing; stderr:\n${stderr}`).toBe(true);
  const { pid, port } = JSON.parse(stdout.split("\n")[0]!) as { pid: number; port: number };
  prismPids.push(pid);
  return { child, pid, port, exited, stderr: () => stderr };
}

describe("no Prism survives its owner", () => {
  it("process.exit()", async () => {
    const { pid, port, exited } = await runHarness("exit");
    expect(await exited).toEqual({ code: 3, signal: null });
    expect(await waitUntil(() => !pidAlive(pid), 5_000)).toBe(true);
    // An orphan can show as a zombie while its other threads still hold the socket, so poll for the port.
    expect(await waitUntilAsync(async () => (await tryConnect("127.0.0.1", port)) === "ECONNREFUSED")).toBe(
      true,
    );
  });

  it("an uncaught exception", async () => {
    const { pid, exited, stderr } = await runHarness("throw");
    expect((await exited).code).toBe(1);
    expect(stderr()).toContain("simulated crash");
    expect(await waitUntil(() => !pidAlive(pid), 5_000)).toBe(true);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s: Prism is killed and the signal still ends the process",
    async (signal) => {
      const { child, pid, exited } = await runHarness("wait");
      expect(pidAlive(pid)).toBe(true);
      child.kill(signal);
      // Re-raised after cleanup, so the owner dies of the signal as it would have without us.
      expect(await exited).toEqual({ code: null, signal });
      expect(await waitUntil(() => !pidAlive(pid), 5_000)).toBe(true);
    },
  );

  it("SIGKILL, where no handler can run: the stdin watchdog ends Prism", async () => {
    const { child, pid, exited } = await runHarness("wait");
    expect(pidAlive(pid)).toBe(true);
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    expect(await waitUntil(() => !pidAlive(pid), 5_000)).toBe(true);
  });
});
