/**
 * The Prism child processes: a registry of the live ones, killed when this process exits or is signalled,
 * so a test run that crashes or is interrupted leaves none behind; and stopping one, SIGTERM then SIGKILL.
 */
import type { ChildProcess } from "node:child_process";

const STOP_GRACE_MS = 5_000;

const live = new Set<ChildProcess>();
let handlersInstalled = false;

function killAllSync(): void {
  for (const child of live) {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone; nothing to clean.
    }
  }
  live.clear();
}

function onProcessExit(): void {
  killAllSync();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  uninstallHandlers();
  // Listening for a signal replaces Node's default "die"; if nobody else handles it, restore that behaviour.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", onProcessExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function uninstallHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off("exit", onProcessExit);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

export function track(child: ChildProcess): void {
  live.add(child);
  installHandlers();
  child.once("exit", () => {
    live.delete(child);
    // Only hold SIGINT/SIGTERM while there is something to clean up: we should not change how the host
    // process reacts to signals when no mock is running.
    if (live.size === 0) uninstallHandlers();
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      done(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      done(true);
    };
    child.once("exit", onExit);
  });
}

export async function terminate(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || hasExited(child)) return;
  child.kill("SIGTERM");
  if (await waitForExit(child, STOP_GRACE_MS)) return;
  child.kill("SIGKILL");
  if (!(await waitForExit(child, STOP_GRACE_MS))) {
    throw new Error(`Prism process ${child.pid} did not exit after SIGKILL`);
  }
}
