/**
 * The fixture documentation site (test/fixtures/llms-index/vobiz/, in Mintlify's format) served by a local
 * doc server: its pages at their URL paths, every `https://docs.vobiz.ai` in them pointing at the server,
 * and the real Vobiz seed page (read from ../shared at test time, never copied) as the Delete IP ACL page.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { IndexArgs, IndexRunOptions } from "../../src/vendor/index/plan-index.js";
import type { PlanOptions } from "../../src/vendor/plan-vendor.js";
import { repo } from "../helpers.js";
import type { DocServer, Route } from "./doc-server.js";

export const SITE = join(import.meta.dirname, "..", "fixtures", "llms-index", "vobiz");
export const SEED_DELETE_IP_ACL = join(repo, "..", "shared", "seeds", "001_e835aef7ab3f319a.txt");
export const REAL_ORIGIN = "https://docs.vobiz.ai";
export const DATE = "2026-12-01";
export const LAST_MODIFIED = "Tue, 01 Dec 2026 09:00:00 GMT";

export const sitePage = (path: string): string => readFileSync(join(SITE, path), "utf8");
export const seedPage = (): string => readFileSync(SEED_DELETE_IP_ACL, "utf8");

/** Every fixture file by its URL path (`/llms.txt`, `/api-reference/…/get-balance.md`), plus the seed page. */
export function sitePages(): Map<string, string> {
  const pages = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else pages.set(`/${relative(SITE, path).split(sep).join("/")}`, readFileSync(path, "utf8"));
    }
  };
  walk(SITE);
  pages.set("/api-reference/ip-acl/delete-ip-acl.md", seedPage());
  return pages;
}

/** Points a page's links at the server. */
export const local = (text: string, server: Pick<DocServer, "origin">): string =>
  text.replaceAll(REAL_ORIGIN, server.origin);

/** Serves `pages` (URL path → text) on `server`, with Last-Modified, replacing what it served before. */
export function publish(server: DocServer, pages: Map<string, string>): void {
  server.routes.clear();
  for (const [path, text] of pages) {
    const route: Route = { page: local(text, server), lastModified: LAST_MODIFIED };
    server.routes.set(path, route);
  }
}

/** Options for planIndex on `root`, with a fetcher that retries fast. */
export function indexOptions(
  root: string,
  index: string,
  more: Partial<IndexArgs> & Partial<Pick<PlanOptions, "provider">> = {},
): IndexRunOptions {
  const { provider, ...args } = more;
  return {
    root,
    date: DATE,
    ...(provider ? { provider } : {}),
    args: { index, keepGoing: false, allowHosts: [], ...args },
    fetcher: { baseDelayMs: 1, retries: 1, timeoutMs: 10_000 },
  };
}
