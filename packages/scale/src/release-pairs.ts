/**
 * `npm run release-pairs -w @switchboard/scale -- <older>:<newer>...`: the release flow over real version
 * pairs of one provider's document (GitHub Enterprise Server 3.7 then 3.8, an Adyen service v70 then v71),
 * as a user regenerating after the provider changed its API meets it. In a scratch copy of the repository
 * the older document is vendored, generated and snapshotted as if released; `sync <newer>` then vendors the
 * newer one, regenerates, and writes the changeset. With `--pages`, each version takes the page-by-page route
 * instead: split into its documentation site's pages (documentation-pages.ts), the older vendored with
 * `vendor --index`, the newer synced with `sync --index` (the index is the complete list, so a page it no
 * longer lists is an operation removed). Each pair ends one of three ways:
 *
 * - `ok`: the changeset's bump is what the two documents' operations call for at least: an operation gone
 *   (its method and path) is a major release, one added a minor one; the changeset's first lines are shown. A
 *   newer document that sync vendors beside the older one (other paths, another file) removes nothing;
 * - `stopped`: sync refused the newer document with problems to fix (`file:line`), as for a new provider;
 * - `FAILED`: a crash (a stack trace), a bump below what the operations call for, or no changeset for a
 *   document whose operations changed: a defect to fix as a class.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { HTTP_METHODS } from "@switchboard/mock";
import { readDocument, writeDocumentationSite } from "./pages-route.js";
import { bin, crashed, createWorkspace, runNode } from "./workspace.js";

const BUMPS = ["none", "patch", "minor", "major"] as const;
type Bump = (typeof BUMPS)[number];

/** `METHOD /path` of every operation of a document (Swagger 2 or OpenAPI 3: paths are where they are). */
function operationsOf(document: { paths?: unknown }): Set<string> {
  const found = new Set<string>();
  for (const [path, item] of Object.entries(
    (document.paths ?? {}) as Record<string, Record<string, unknown>>,
  ))
    for (const method of HTTP_METHODS)
      if (item && typeof item[method] === "object") found.add(`${method} ${path}`);
  return found;
}

/** What a refusal says: its `error` lines and what follows each, else its first lines (progress comes first). */
const problems = (output: string) => {
  const lines = output.split("\n");
  const first = lines.findIndex((line) => /\berror\b|failed|refused/i.test(line));
  return lines.slice(Math.max(first, 0), Math.max(first, 0) + 8).join("\n");
};

async function tryPair(
  older: string,
  newer: string,
  provider: string,
): Promise<{ kind: string; detail: string }> {
  // Each version read once: for its site (`--pages`) and for the operations it holds.
  const [olderDocument, newerDocument] = [readDocument(older), readDocument(newer)];
  const ws = createWorkspace(provider, { prefix: "switchboard-release-", specs: {}, keep });
  try {
    mkdirSync(join(ws.root, "specs"), { recursive: true });
    const env = { SWITCHBOARD_ROOT: ws.root, SWITCHBOARD_VENDOR_DATE: "2026-01-01" };
    const run = async (args: string[], date = "2026-01-01") => {
      const result = await runNode([bin.codegen, ...args], {
        cwd: ws.root,
        env: { ...env, SWITCHBOARD_VENDOR_DATE: date },
        timeoutMs: 900_000,
      });
      return { ...result, output: result.stdout + result.stderr };
    };
    // `--pages`: each version as its documentation site publishes it, vendored and synced from its index.
    const site = (document: Record<string, unknown>, file: string, name: string) => {
      const dir = join(ws.root, name);
      writeDocumentationSite(document, file, dir);
      return dir;
    };
    for (const args of [
      pages
        ? ["vendor", "--index", site(olderDocument, older, "site-older"), "--provider", provider]
        : ["vendor", older, "--provider", provider],
      ["generate", provider],
      ["snapshot", provider],
    ]) {
      const result = await run(args);
      if (crashed(result.stderr))
        return { kind: "FAILED", detail: `${args[0]} crashed:\n${result.stderr.slice(0, 1500)}` };
      if (result.code !== 0)
        return {
          kind: "stopped",
          detail: `the older document: ${args[0]}:\n${result.output.split("\n").slice(0, 4).join("\n")}`,
        };
    }
    const vendoredFiles = () =>
      readdirSync(join(ws.root, "specs", provider)).filter(
        (name) =>
          /\.(json|ya?ml)$/.test(name) && !name.endsWith(".provenance.json") && name !== "switchboard.yaml",
      );
    const olderFiles = vendoredFiles();
    const bytesOf = (name: string) => readFileSync(join(ws.root, "specs", provider, name), "utf8");
    const olderBytes = new Map(olderFiles.map((name) => [name, bytesOf(name)]));
    // `--replace`: the user's `git rm` of the older document (and its provenance) before the sync.
    if (replace)
      for (const name of olderFiles)
        for (const file of [name, name.replace(/\.[^.]+$/, ".provenance.json")])
          rmSync(join(ws.root, "specs", provider, file), { force: true });
    const synced = await run(
      pages
        ? ["sync", "--index", site(newerDocument, newer, "site-newer"), "--provider", provider]
        : ["sync", newer, "--provider", provider],
      "2026-02-01",
    );
    if (crashed(synced.stderr))
      return { kind: "FAILED", detail: `sync crashed:\n${synced.stderr.slice(0, 1500)}` };
    if (synced.code !== 0) return { kind: "stopped", detail: `sync:\n${problems(synced.output)}` };
    const before = operationsOf(olderDocument);
    const after = operationsOf(newerDocument);
    // A newer document vendored beside the older one (Twilio's Numbers v2 beside v1: other paths, so another
    // file) adds to the provider; only one that replaced the older file removes what it lacks.
    // (An index is the complete list: a page it no longer lists is removed.)
    // A newer document of the same file name overwrote the older (GitHub's `api.github.com.json`): not kept.
    const olderKept =
      !replace &&
      !pages &&
      olderFiles.some((name) => vendoredFiles().includes(name) && bytesOf(name) === olderBytes.get(name));
    const removed = olderKept ? [] : [...before].filter((op) => !after.has(op));
    const added = [...after].filter((op) => !before.has(op));
    const expected: Bump = removed.length > 0 ? "major" : added.length > 0 ? "minor" : "none";
    const changesets = join(ws.root, ".changeset");
    const files = existsSync(changesets)
      ? readdirSync(changesets).filter((name) => name.endsWith(".md"))
      : [];
    const text = files.map((name) => readFileSync(join(changesets, name), "utf8")).join("\n");
    const bump = (/^"@switchboard\/[^"]+": (major|minor|patch)$/m.exec(text)?.[1] ?? "none") as Bump;
    const counts = `${removed.length} operations removed, ${added.length} added (by method and path)${olderKept ? ", the older file kept beside the newer" : ""}`;
    const shown = text.split("\n").filter(Boolean).slice(0, 12).join("\n");
    if (BUMPS.indexOf(bump) < BUMPS.indexOf(expected))
      return {
        kind: "FAILED",
        detail: `${counts}, so at least ${expected}; the changeset says ${bump}:\n${shown}`,
      };
    return { kind: "ok", detail: `${bump}: ${counts}\n${shown}` };
  } finally {
    if (keep) console.log(`         kept ${ws.root}`);
    ws.remove();
  }
}

const keep = process.argv.includes("--keep");
/** `--replace`: the newer document replaces the older, as a user who removed the older file first syncs it. */
const replace = process.argv.includes("--replace");
/** `--pages`: both versions go the page-by-page route: split into their sites' pages, vendored from the index. */
const pages = process.argv.includes("--pages");
const pairs = process.argv
  .slice(2)
  .filter((arg) => !["--keep", "--replace", "--pages"].includes(arg))
  .map((arg) => arg.split(":").map((file) => resolve(process.env.INIT_CWD ?? process.cwd(), file)));
if (pairs.length === 0 || pairs.some((pair) => pair.length !== 2)) {
  console.error(
    "usage: npm run release-pairs -w @switchboard/scale -- [--keep] [--replace] [--pages] <older>:<newer>...",
  );
  process.exit(2);
}
const counts: Record<string, number> = { ok: 0, stopped: 0, FAILED: 0 };
for (const [i, [older, newer]] of pairs.entries()) {
  const outcome = await tryPair(older!, newer!, `pair${i + 1}`);
  counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  console.log(`${outcome.kind.padEnd(8)} ${older} → ${newer}`);
  console.log(outcome.detail.replace(/^/gm, "         "));
}
console.log(`\n${pairs.length} pairs: ${counts.ok} ok, ${counts.stopped} stopped, ${counts.FAILED} FAILED`);
if (counts.FAILED) process.exitCode = 1;
