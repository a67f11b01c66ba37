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

/** A Mintlify webhook page: its block holds `webhooks:` and no paths; `servers` only when asked for. */
export function webhookPage(
  event: string,
  title: string,
  options: { servers?: boolean; durationType?: string } = {},
) {
  return [
    `# ${title}`,
    "",
    `> Vobiz sends \`${event}\` to your callback URL.`,
    "",
    "## OpenAPI",
    "",
    `\`\`\`\`yaml openapi.json webhook ${event}`,
    "openapi: 3.1.0",
    "info:",
    "  title: Vobiz API",
    "  version: '1.0'",
    ...(options.servers ? ["servers:", "  - url: https://api.vobiz.ai"] : []),
    "webhooks:",
    `  ${event}:`,
    "    post:",
    `      summary: ${title}`,
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema:",
    "              $ref: '#/components/schemas/CallEvent'",
    "      responses:",
    "        '200':",
    "          description: Received",
    "components:",
    "  schemas:",
    "    CallEvent:",
    "      type: object",
    "      properties:",
    "        call_uuid: {type: string}",
    `        duration: {type: ${options.durationType ?? "integer"}}`,
    "````",
    "",
  ].join("\n");
}

export const WEBHOOKS = {
  "/api-reference/webhooks/call-completed.md": ["call.completed", "Call completed"],
  "/api-reference/webhooks/call-answered.md": ["call.answered", "Call answered"],
} as const;

/** The fixture site with the webhook pages (the first with servers, the second without) and a schema page. */
export function siteWithWebhooks(): Map<string, string> {
  const pages = sitePages();
  let index = `${pages.get("/llms.txt")!}\n## Webhooks\n\n`;
  Object.entries(WEBHOOKS).forEach(([path, [event, title]], i) => {
    pages.set(path, webhookPage(event, title, { servers: i === 0 }));
    index += `- [${title}](${REAL_ORIGIN}${path})\n`;
  });
  const schemas = webhookPage("call.completed", "The call object").replace(
    /webhooks:[\s\S]*?(?=components:)/,
    "",
  );
  pages.set("/api-reference/schemas/call.md", schemas);
  pages.set("/llms.txt", `${index}- [The call object](${REAL_ORIGIN}/api-reference/schemas/call.md)\n`);
  return pages;
}
