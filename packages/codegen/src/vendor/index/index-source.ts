/**
 * `--index <url | file | folder>` → the pages to read. Online, the index is downloaded and its pages are
 * fetched. Offline (for tests, and for users behind a proxy who download the files themselves) it is
 * - an `llms-full.txt` (or an `llms.txt` whose pages need no fetching because it is one) on disk;
 * - a folder with an `llms.txt` and the pages it lists, saved at their URL paths (`wget -x -nH` does that:
 *   `https://docs.acme.ai/api/create-call.md` → `<folder>/api/create-call.md`; a leading host folder or
 *   leading path segments may be missing: the longest tail of the URL's path that exists is used);
 * - a folder with an `llms-full.txt`;
 * - a folder of pages without an index: every `.md`, `.mdx` and `.txt` file in it. Such a folder is not known
 *   to be the site's complete list, so nothing vendored earlier is removed for being absent from it.
 *
 * Links off the index's site are refused together, naming each, unless `--allow-host` names their host;
 * links in the llms.txt's `## Optional` section (which the convention lets readers skip) are skipped instead,
 * and links to OpenAPI documents (`…/openapi.json`) are not pages: they are skipped and listed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { InputError } from "../../errors.js";
import type { PoliteFetcher } from "../../fetch/polite-fetcher.js";
import { isHtml } from "../html-page.js";
import { scanPage } from "../markdown-page.js";
import { mentionsOpenApiKey } from "../spec-summary.js";
import { decodeText } from "../text-decoding.js";
import { type FullPage, splitLlmsFull } from "./llms-full.js";
import { type IndexLink, parseLlmsTxt } from "./llms-txt.js";
import { isDocumentUrl, mostCommonHost, pageKey, SitePolicy } from "./page-url.js";

/** Where a page's text comes from. */
export type PageSource =
  | { kind: "fetch"; url: string }
  | { kind: "file"; path: string; shown: string }
  /** Listed by the folder's llms.txt but not saved in the folder. */
  | { kind: "missing"; expected: string }
  | { kind: "inline"; page: FullPage; indexLabel: string };

export interface PageRef {
  /** The page's URL (its identity, recorded in provenance); null for a page of an index-less folder. */
  url: string | null;
  title: string;
  /** `llms.txt:12`, `llms-full.txt:340`, or the page's file: where the index lists it. */
  listedAt: string;
  source: PageSource;
}

export interface Skipped {
  url: string;
  listedAt: string;
  reason: string;
}

export interface LoadedIndex {
  /** The index as the user gave it. */
  label: string;
  kind: "llms.txt" | "llms-full.txt" | "folder of pages";
  /** Pages may be fetched: the index is an llms.txt, or an llms-full.txt that came from a URL. */
  mayFetch: boolean;
  policy: SitePolicy;
  pages: PageRef[];
  skipped: Skipped[];
  /** The index lists every page of its site, so a vendored page it no longer lists is gone. */
  complete: boolean;
}

const PAGE_FILE = /\.(?:md|mdx|markdown|txt)$/i;
const INDEX_NAMES = ["llms.txt", "llms-full.txt"];

export const isUrl = (value: string): boolean => /^https?:\/\//i.test(value);

function readText(path: string, shown: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new InputError(shown, "file not found");
    throw error;
  }
  const decoded = decodeText(bytes);
  if ("problem" in decoded) throw new InputError(shown, decoded.problem, decoded.line);
  return decoded.text;
}

/** The document at `text` as an index: an llms-full.txt, else an llms.txt; anything else is refused. */
function readIndexText(
  text: string,
  label: string,
  base: string | undefined,
): ReturnType<typeof parseLlmsTxt> | NonNullable<ReturnType<typeof splitLlmsFull>> {
  if (isHtml(text)) {
    throw new InputError(label, "is an HTML page, not an llms.txt or llms-full.txt index");
  }
  const trimmed = text.trimStart();
  // A key of the text itself, not of a page's fenced block (an llms-full.txt may open with an operation's page).
  const opening = scanPage(trimmed.slice(0, 2000)).prose.map((p) => p.text);
  if (/^[{[]/.test(trimmed) || opening.some((line) => /^(?:openapi|swagger)\s*:/.test(line))) {
    const spec = mentionsOpenApiKey(text);
    throw new InputError(
      label,
      spec
        ? `is an OpenAPI document, not a documentation index: vendor it with \`npm run vendor -- ${label}\``
        : "is a data file, not an llms.txt or llms-full.txt index",
    );
  }
  const full = splitLlmsFull(text, label);
  if (full) return full;
  if (/^(`{3,}|~{3,}).*$/m.test(text) && mentionsOpenApiKey(text)) {
    const index = /(https?:\/\/\S+\/llms\.txt)\b/.exec(text)?.[1];
    throw new InputError(
      label,
      "is a single documentation page, not an index: vendor it with `npm run vendor -- <page>`" +
        (index ? `, or vendor its whole site with --index ${index}` : ""),
    );
  }
  return parseLlmsTxt(text, label, base);
}

/** A link to another llms.txt: a site that splits its index by product (`/calls/llms.txt`) lists one per product. */
const SUB_INDEX = /\/llms\.txt$/i;

/**
 * The pages of `sorted` with each link to another llms.txt replaced by the pages that index lists, followed
 * in turn (each index once, so two that list each other end): read as a page it holds no OpenAPI block, and
 * the pages vendored from it would have been removed as no longer listed. One that cannot be read fails the
 * run, naming it, before anything is written.
 */
async function withSubIndexes(
  sorted: Pick<LoadedIndex, "pages" | "skipped">,
  policy: SitePolicy,
  fetcher: PoliteFetcher,
  visited: Set<string>,
): Promise<Pick<LoadedIndex, "pages" | "skipped">> {
  const pages: PageRef[] = [];
  const skipped = [...sorted.skipped];
  const seen = new Set(sorted.pages.flatMap((page) => (page.url ? [pageKey(page.url)] : [])));
  for (const page of sorted.pages) {
    if (!page.url || !SUB_INDEX.test(new URL(page.url).pathname)) {
      pages.push(page);
      continue;
    }
    if (visited.has(pageKey(page.url))) continue;
    visited.add(pageKey(page.url));
    const result = await fetcher.get(page.url);
    if (result.status !== "ok")
      throw new InputError(
        page.listedAt,
        `the index it lists (${page.url}) could not be read: ${result.status === "failed" ? result.reason : "unexpected 304"}`,
      );
    const parsed = readIndexText(result.text, page.url, result.finalUrl);
    const inner =
      parsed.kind === "llms.txt"
        ? sortLinks(parsed.links, page.url, policy, (link) => ({ kind: "fetch", url: link.url }))
        : fullPages(parsed.pages, page.url, policy);
    const expanded = await withSubIndexes(inner, policy, fetcher, visited);
    for (const innerPage of expanded.pages) {
      // A page the outer index lists too is one page, listed there.
      if (innerPage.url && seen.has(pageKey(innerPage.url))) continue;
      if (innerPage.url) seen.add(pageKey(innerPage.url));
      pages.push(innerPage);
    }
    skipped.push(...expanded.skipped);
  }
  return { pages, skipped };
}

/** The site of an index read from disk, which has no URL: the host most of its pages are on. */
function policyFor(urls: readonly string[], allowHosts: readonly string[]): SitePolicy {
  const site = mostCommonHost(urls);
  return new SitePolicy(site ? [site] : [], allowHosts);
}

/** Splits links into pages and skips, refusing off-site links (all of them at once). */
function sortLinks(
  links: readonly IndexLink[],
  label: string,
  policy: SitePolicy,
  toSource: (link: IndexLink) => PageSource,
): Pick<LoadedIndex, "pages" | "skipped"> {
  const pages: PageRef[] = [];
  const skipped: Skipped[] = [];
  const offSite: IndexLink[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    // Listed twice (in two sections, or as x and x.md): one page.
    if (seen.has(pageKey(link.url))) continue;
    seen.add(pageKey(link.url));
    const listedAt = `${label}:${link.line}`;
    if (isDocumentUrl(link.url)) {
      skipped.push({
        url: link.url,
        listedAt,
        // The whole document is what the pages are cut from: one command vendors it, and it gives what they give.
        reason: `a link to an OpenAPI or data document, not a page (vendor a published document with \`npm run vendor -- ${link.url}\`)`,
      });
    } else if (!policy.allows(link.url)) {
      if (/^optional$/i.test(link.section ?? "")) {
        skipped.push({
          url: link.url,
          listedAt,
          reason: `in the Optional section, outside ${policy.describe()}`,
        });
      } else offSite.push(link);
    } else {
      pages.push({ url: link.url, title: link.title, listedAt, source: toSource(link) });
    }
  }
  if (offSite.length) {
    const hosts = [...new Set(offSite.map((link) => new URL(link.url).host))];
    const detail =
      `${offSite.length === 1 ? "1 link leads" : `${offSite.length} links lead`} outside the index's site (${policy.describe()}), ` +
      `and pages are only fetched from there: pass ${hosts.map((h) => `--allow-host ${h}`).join(" ")} to follow ${offSite.length === 1 ? "it" : "them"}` +
      offSite.map((link) => `\n  ${label}:${link.line}: ${link.url}`).join("");
    throw new InputError(label, detail, offSite[0]!.line);
  }
  return { pages, skipped };
}

function fullPages(
  pages: readonly FullPage[],
  label: string,
  policy: SitePolicy,
): Pick<LoadedIndex, "pages" | "skipped"> {
  const links: IndexLink[] = pages.flatMap((page) =>
    page.url ? [{ url: page.url, title: page.title, section: null, line: page.line }] : [],
  );
  const byUrl = new Map(pages.map((page) => [page.url, page]));
  const sorted = sortLinks(links, label, policy, (link) => ({
    kind: "inline",
    page: byUrl.get(link.url)!,
    indexLabel: label,
  }));
  // Pages without a URL cannot be kept apart from each other; they are read, and vendored only if they
  // turn out to have a spec block (which llms-full.ts already refused for such pages).
  const anonymous = pages
    .filter((page) => page.url === null)
    .map(
      (page): PageRef => ({
        url: null,
        title: page.title,
        listedAt: `${label}:${page.line}`,
        source: { kind: "inline", page, indexLabel: label },
      }),
    );
  return { pages: [...sorted.pages, ...anonymous], skipped: sorted.skipped };
}

/** The file for `url` in a folder mirroring the site: the longest tail of `host/path` that exists there. */
function mirroredFile(folder: string, url: string): string | undefined {
  const { host, pathname } = new URL(url);
  const segments = [
    host,
    ...pathname
      .split("/")
      .filter(Boolean)
      .map((s) => decodeURIComponent(s)),
  ];
  // A link without a page extension (`…/create-call`, `…/calls/`) is saved as its Markdown rendering, as a
  // folder's index page, or (Fern's sources) as MDX.
  const variants = PAGE_FILE.test(pathname)
    ? [segments]
    : [
        ...(pathname.endsWith("/") ? [] : [segments]),
        [...segments.slice(0, -1), `${segments.at(-1)}.md`],
        [...segments.slice(0, -1), `${segments.at(-1)}.mdx`],
        [...segments, "index.md"],
      ];
  for (const parts of variants) {
    // A folder's `index.md` only with its folder: the folder's own index page is no other page's.
    const last =
      parts.at(-1) === "index.md" && segments.at(-1) !== "index.md" ? parts.length - 1 : parts.length;
    for (let start = 0; start < last; start++) {
      const candidate = join(folder, ...parts.slice(start));
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // try a shorter tail
      }
    }
  }
  return undefined;
}

/** Where a page missing from the folder belongs: its URL's path, with `.md` when the URL has no page extension. */
function expectedFile(folder: string, url: string): string {
  const path = decodeURIComponent(new URL(url).pathname.slice(1)).replace(/\/+$/, "");
  return `${folder}/${PAGE_FILE.test(path) ? path : `${path}.md`}`;
}

function pageFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (PAGE_FILE.test(entry.name) && !INDEX_NAMES.includes(entry.name)) out.push(path);
    }
  };
  walk(folder);
  return out;
}

export interface LoadOptions {
  cwd: string;
  allowHosts: readonly string[];
  /** `--site`: the URL an index file or folder was saved from, for its relative links. */
  site?: string;
  fetcher: PoliteFetcher;
}

export async function loadIndex(index: string, options: LoadOptions): Promise<LoadedIndex> {
  const { allowHosts } = options;
  if (isUrl(index)) {
    const result = await options.fetcher.get(index);
    if (result.status !== "ok") {
      throw new InputError(
        index,
        result.status === "failed" ? result.reason : "unexpected 304 for the index",
      );
    }
    const type = result.contentType?.split(";")[0]?.trim();
    if (type === "text/html")
      throw new InputError(index, "is an HTML page (Content-Type: text/html), not an llms.txt index");
    const parsed = readIndexText(result.text, index, result.finalUrl);
    // An index that redirected (docs.acme.ai/llms.txt → www.acme.ai/docs/llms.txt) lists pages on its new host.
    const hosts = [...new Set([new URL(index).host, new URL(result.finalUrl).host])];
    const policy = new SitePolicy(hosts, allowHosts);
    const sorted =
      parsed.kind === "llms.txt"
        ? await withSubIndexes(
            sortLinks(parsed.links, index, policy, (link) => ({ kind: "fetch", url: link.url })),
            policy,
            options.fetcher,
            new Set([pageKey(index), pageKey(result.finalUrl)]),
          )
        : fullPages(parsed.pages, index, policy);
    return { label: index, kind: parsed.kind, mayFetch: true, policy, complete: true, ...sorted };
  }

  const path = resolve(options.cwd, index);
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new InputError(
      index,
      "not found: give the index's URL, an llms.txt or llms-full.txt file, or a folder of pages",
    );
  }
  if (!isFolder) {
    const parsed = readIndexText(readText(path, index), index, options.site);
    if (parsed.kind === "llms.txt") {
      const policy = policyFor(
        parsed.links.map((l) => l.url),
        allowHosts,
      );
      // An llms.txt alone offline: its pages are fetched (it was downloaded by hand, its pages need not be).
      const sorted = await withSubIndexes(
        sortLinks(parsed.links, index, policy, (link) => ({ kind: "fetch", url: link.url })),
        policy,
        options.fetcher,
        new Set(),
      );
      return { label: index, kind: parsed.kind, mayFetch: true, policy, complete: true, ...sorted };
    }
    const policy = policyFor(
      parsed.pages.flatMap((p) => p.url ?? []),
      allowHosts,
    );
    return {
      label: index,
      kind: parsed.kind,
      mayFetch: false,
      policy,
      complete: true,
      ...fullPages(parsed.pages, index, policy),
    };
  }

  const shown = (file: string) => relative(options.cwd, file).split(sep).join("/") || file;
  const indexFile = INDEX_NAMES.map((name) => join(path, name)).find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
  if (indexFile) {
    const label = shown(indexFile);
    const parsed = readIndexText(readText(indexFile, label), label, options.site);
    if (parsed.kind === "llms-full.txt") {
      const policy = policyFor(
        parsed.pages.flatMap((p) => p.url ?? []),
        allowHosts,
      );
      return {
        label,
        kind: parsed.kind,
        mayFetch: false,
        policy,
        complete: true,
        ...fullPages(parsed.pages, label, policy),
      };
    }
    const policy = policyFor(
      parsed.links.map((l) => l.url),
      allowHosts,
    );
    const sorted = sortLinks(parsed.links, label, policy, (link) => {
      const file = mirroredFile(path, link.url);
      return file
        ? { kind: "file", path: file, shown: shown(file) }
        : {
            kind: "missing",
            expected: expectedFile(shown(path), link.url),
          };
    });
    return { label, kind: "llms.txt", mayFetch: false, policy, complete: true, ...sorted };
  }

  const files = pageFiles(path);
  if (!files.length) {
    throw new InputError(index, "holds no llms.txt, no llms-full.txt and no pages (.md, .mdx, .txt files)");
  }
  const pages = files.map(
    (file): PageRef => ({
      url: null,
      title: shown(file),
      listedAt: shown(file),
      source: { kind: "file", path: file, shown: shown(file) },
    }),
  );
  return {
    label: index,
    kind: "folder of pages",
    mayFetch: false,
    policy: new SitePolicy([], allowHosts),
    pages,
    skipped: [],
    complete: false,
  };
}
