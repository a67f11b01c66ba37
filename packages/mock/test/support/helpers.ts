import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import type { ContractCase } from "../../src/index.js";

export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
export const readFixture = (name: string): object => JSON.parse(readFileSync(fixture(name), "utf8"));

/**
 * True while a process with this pid runs. A zombie counts as gone once all its threads are: it has
 * exited, and an orphan's zombie is only reaped when the container's init gets round to it (if ever).
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state letter follows the parenthesised command name, which may itself contain spaces.
    if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z") return true;
    // A zombie leader whose other threads are still tearing down still holds its sockets.
    return readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return process.platform !== "linux";
  }
}

export async function waitUntil(check: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

export async function waitUntilAsync(check: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** "connected" or the socket error code (ECONNREFUSED, …). */
export function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("ETIMEDOUT");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Local addresses of listening TCP sockets on `port`, read from the kernel (Linux only). */
export function listeningAddresses(port: number): string[] | undefined {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8").split("\n").slice(1);
    } catch {
      return undefined;
    }
  };
  const v4 = read("/proc/net/tcp");
  if (!v4) return undefined;
  const rows = [...v4, ...(read("/proc/net/tcp6") ?? [])];
  const out: string[] = [];
  for (const row of rows) {
    const [, local, , state] = row.trim().split(/\s+/);
    if (state !== "0A" || !local) continue; // 0A = LISTEN
    const [hexAddress, hexPort] = local.split(":");
    if (!hexAddress || Number.parseInt(hexPort ?? "", 16) !== port) continue;
    if (hexAddress.length === 8) {
      // /proc prints the IPv4 address as a little-endian 32-bit word.
      const bytes = hexAddress
        .match(/../g)!
        .map((b) => Number.parseInt(b, 16))
        .reverse();
      out.push(bytes.join("."));
    } else {
      out.push(`ipv6:${hexAddress}`);
    }
  }
  return out;
}

/** The URL for a case: path template filled, required query parameters appended (form style, exploded). */
export function caseUrl(baseUrl: string, c: ContractCase): string {
  const path = c.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(c.input.path[name])),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(c.input.query)) {
    if (Array.isArray(value)) for (const item of value) query.append(name, String(item));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) query.append(k, String(v));
    } else query.append(name, String(value));
  }
  const qs = query.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ""}`;
}

/** Send a case with plain fetch, asking Prism for its status. */
export function sendCase(baseUrl: string, c: ContractCase, extraHeaders: Record<string, string> = {}) {
  const headers = new Headers(extraHeaders);
  headers.set("Prefer", `code=${c.status}`);
  for (const [name, value] of Object.entries(c.input.header)) headers.set(name, String(value));
  let body: string | undefined;
  if (c.input.body !== undefined) {
    const type = c.input.contentType ?? "application/json";
    headers.set("Content-Type", type);
    // A case's XML body is its text already; any other value goes as the client sends it: a form's fields,
    // else (JSON, or an object under a type with no form of it) its JSON text.
    body =
      typeof c.input.body === "string" && !/json/i.test(type)
        ? c.input.body
        : /^application\/x-www-form-urlencoded\b/i.test(type)
          ? new URLSearchParams(c.input.body as Record<string, string>).toString()
          : JSON.stringify(c.input.body);
  }
  return fetch(caseUrl(baseUrl, c), { method: c.method.toUpperCase(), headers, body });
}

/**
 * Pids of processes whose command line mentions `text` (Linux /proc; undefined elsewhere). Tests copy specs
 * to unique paths so this finds exactly the Prism started from them, even with other test files running.
 */
export function processesMentioning(text: string): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(text)) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

/** A copy of a fixture at a path no other test uses, removed when the test that asked for it ends. */
export function uniqueCopy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-mock-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const target = join(dir, name);
  copyFileSync(fixture(name), target);
  return target;
}

/** A document written to a JSON file of its own, removed when the test that asked for it ends. */
export function writeSpec(document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-mock-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const target = join(dir, "spec.json");
  writeFileSync(target, JSON.stringify(document));
  return target;
}
