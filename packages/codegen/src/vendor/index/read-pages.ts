/**
 * Reading every page an index lists (downloading it, or reading it from disk or from the llms-full.txt) and
 * sorting it: an OpenAPI document to vendor, unchanged since the last run (304), a page without a spec, or a
 * failure; then settling the pages that define the same operation: alike, the later page is a duplicate;
 * different, both pages fail, since neither can be vendored without deciding between them.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type InputError, InputErrors, visible } from "../../errors.js";
import type { FetchResult, PoliteFetcher, Validators } from "../../fetch/polite-fetcher.js";
import { publicUrl } from "../../public-url.js";
import type { OpenApiDocument } from "../../spec/openapi-document.js";
import { operationDifference, pathText, webhookDifference } from "../../spec/operation-definition.js";
import { htmlMediaType } from "../html-page.js";
import type { SpecSource, VendorInput } from "../read-input.js";
import { definitionKeys } from "../spec-summary.js";
import { decodeText } from "../text-decoding.js";
import { classifyPage } from "./classify-page.js";
import type { PageRef } from "./index-source.js";
import type { PageCache } from "./page-cache.js";
import { markdownUrl, pageKey } from "./page-url.js";
import { definitionsOf, type VendoredPage } from "./vendored-pages.js";

export type PageResult = { page: PageRef } & (
  | { kind: "spec"; input: VendorInput; source: SpecSource }
  /** The server said 304: the vendored file stands. */
  | { kind: "unchanged"; prior: VendoredPage }
  | { kind: "no-spec" }
  | { kind: "schema-only" }
  | { kind: "endpoint-only"; endpoint: string; document?: string }
  /** `same`: what the two pages define alike (`the same operations`, `the same webhook`), for the report. */
  | { kind: "duplicate"; of: PageRef; same: string }
  | { kind: "failed"; reason: string }
);

/** What the progress display is told as each page is read. */
export interface PageEvent {
  url: string;
  status: "downloaded" | "not modified" | "read" | "failed";
  detail?: string;
}

export interface ReadContext {
  fetcher: PoliteFetcher;
  /** Pages may be fetched (for an llms-full.txt page that names an endpoint but embeds no spec). */
  mayFetch: boolean;
  prior: ReadonlyMap<string, VendoredPage>;
  /** Validators of pages nothing was vendored from. */
  cache?: PageCache;
  onPage?: (event: PageEvent) => void;
}

/**
 * An error from classifying a page, every problem of it (a page's several broken blocks); of a page of an
 * llms-full.txt, each placed at its line in that file.
 */
function located(error: InputError, page: PageRef): string {
  if (error instanceof InputErrors) return error.errors.map((e) => located(e, page)).join("; ");
  if (page.source.kind !== "inline") return error.message;
  const { page: full, indexLabel } = page.source;
  const line = error.line === undefined ? full.line : full.line + error.line - 1;
  const at = `${indexLabel}:${line}${error.column ? `:${error.column}` : ""}`;
  return `${at}: ${visible(error.detail)}${page.url ? ` (page ${page.url})` : ""}`;
}

function fromText(
  page: PageRef,
  text: string,
  file: string,
  origin: VendorInput["origin"],
  contentType?: string | null,
): PageResult {
  const outcome = classifyPage(text, file, contentType, page.url);
  switch (outcome.kind) {
    case "spec": {
      // Written into the provenance as the page's address: without the token a private site was read with.
      const shown = origin ? { origin: { ...origin, url: publicUrl(origin.url) } } : {};
      const input: VendorInput = { file: publicUrl(file), text, kind: "page", ...shown };
      return { page, kind: "spec", input, source: { ...outcome.source, file: publicUrl(file), ...shown } };
    }
    case "failed":
      return { page, kind: "failed", reason: located(outcome.error, page) };
    case "endpoint-only":
      return { page, ...outcome };
    default:
      return { page, kind: outcome.kind };
  }
}

const isHtmlResponse = (result: FetchResult) =>
  result.status === "ok" && htmlMediaType(result.contentType) !== undefined;

/** Downloads `url`, conditionally when the last run left validators for exactly that URL. */
async function download(page: PageRef, url: string, context: ReadContext): Promise<PageResult> {
  const prior = page.url ? context.prior.get(pageKey(page.url)) : undefined;
  // Its provenance keeps the URL without a token the link may carry (public-url.ts): a new token, the same page.
  const conditional = prior?.intact && prior.fetchedUrl === publicUrl(url);
  const cached = conditional ? undefined : context.cache?.get(url);
  const validators: Validators = (conditional ? prior : cached) ?? {};
  let result = await context.fetcher.get(url, {
    etag: validators.etag,
    lastModified: validators.lastModified,
  });
  let fetched = url;
  // A link to a page's HTML rendering: documentation platforms serve its Markdown at `<url>.md`.
  const alternative = markdownUrl(url);
  if (isHtmlResponse(result) && alternative) {
    const retry = await context.fetcher.get(alternative);
    if (retry.status === "ok" && !isHtmlResponse(retry)) {
      result = retry;
      fetched = alternative;
    }
  }
  if (result.status === "not-modified" && (conditional || cached)) {
    context.onPage?.({ url: fetched, status: "not modified" });
    if (conditional && prior) return { page, kind: "unchanged", prior };
    if (cached?.kind === "endpoint-only" && cached.endpoint) {
      const { endpoint, document } = cached;
      return { page, kind: "endpoint-only", endpoint, ...(document ? { document } : {}) };
    }
    return { page, kind: cached?.kind === "schema-only" ? "schema-only" : "no-spec" };
  }
  if (result.status !== "ok") {
    const reason = result.status === "failed" ? result.reason : "HTTP 304 for a page never vendored";
    context.onPage?.({ url: fetched, status: "failed", detail: reason });
    return { page, kind: "failed", reason };
  }
  context.onPage?.({ url: fetched, status: "downloaded", detail: `${result.bytes} bytes` });
  const origin = { url: fetched, etag: result.etag, lastModified: result.lastModified };
  const outcome = fromText(page, result.text, fetched, origin, result.contentType);
  if (
    (outcome.kind === "no-spec" || outcome.kind === "schema-only" || outcome.kind === "endpoint-only") &&
    (result.etag || result.lastModified)
  ) {
    context.cache?.set(fetched, {
      etag: result.etag,
      lastModified: result.lastModified,
      kind: outcome.kind,
      ...(outcome.kind === "endpoint-only" ? { endpoint: outcome.endpoint } : {}),
      ...(outcome.kind === "endpoint-only" && outcome.document ? { document: outcome.document } : {}),
    });
  } else context.cache?.delete(fetched);
  return outcome;
}

async function readOne(page: PageRef, context: ReadContext): Promise<PageResult> {
  const { source } = page;
  switch (source.kind) {
    case "fetch":
      return download(page, source.url, context);
    case "missing": {
      const reason = `not in the folder: expected ${source.expected} (save each page the index lists at its URL's path)`;
      context.onPage?.({ url: page.url ?? source.expected, status: "failed", detail: reason });
      return { page, kind: "failed", reason };
    }
    case "file": {
      const decoded = decodeText(readFileSync(source.path));
      if ("problem" in decoded) {
        const reason = `${source.shown}:${decoded.line}: ${decoded.problem}`;
        context.onPage?.({ url: page.url ?? source.shown, status: "failed", detail: reason });
        return { page, kind: "failed", reason };
      }
      const { text } = decoded;
      context.onPage?.({ url: page.url ?? source.shown, status: "read" });
      const origin = page.url ? { url: page.url, etag: null, lastModified: null } : undefined;
      return fromText(page, text, source.shown, origin);
    }
    case "inline": {
      const file = page.url ?? `${source.indexLabel}:${source.page.line}`;
      const origin = page.url ? { url: page.url, etag: null, lastModified: null } : undefined;
      const result = fromText(page, source.page.text, file, origin);
      // Mintlify's llms-full.txt gives an operation page's endpoint but not its spec; its .md page has both.
      const markdown = page.url ? markdownUrl(page.url) : undefined;
      if (result.kind === "endpoint-only" && context.mayFetch && markdown)
        return download(page, markdown, context);
      context.onPage?.({ url: file, status: "read" });
      return result;
    }
  }
}

/** Every page read (concurrently, as far as the fetcher allows), in the index's order. */
export function readPages(pages: readonly PageRef[], context: ReadContext): Promise<PageResult[]> {
  return Promise.all(pages.map((page) => readOne(page, context)));
}

const textOf = (result: PageResult): string | undefined =>
  result.kind === "spec"
    ? result.source.text
    : result.kind === "unchanged"
      ? result.prior.specText
      : undefined;

/** The operations and webhooks a page defines (`GET /calls`, `webhook call.completed`). */
const keysOf = (result: PageResult): string[] =>
  result.kind === "spec"
    ? definitionKeys(result.source.spec)
    : result.kind === "unchanged"
      ? definitionsOf(result.prior)
      : [];

const nameOf = (page: PageRef) => page.url ?? page.listedAt;

/**
 * Settles operations (and webhooks) defined by more than one page, in place: the first page (in index order)
 * keeps an operation; a later page that defines only operations an earlier one defines alike is a duplicate;
 * pages that define one operation differently all fail, each naming the others and where they part.
 */
export function settleSharedOperations(results: PageResult[]): void {
  const owners = new Map<string, number[]>();
  results.forEach((result, i) => {
    for (const key of keysOf(result)) owners.set(key, [...(owners.get(key) ?? []), i]);
  });
  const shared = [...owners].filter(([, at]) => at.length > 1);
  if (!shared.length) return;
  // Compared as the merge of a provider's files compares them (spec/operation-definition.ts): with what the
  // path item gives the operation and every `$ref` followed, so two pages that name a schema differently but
  // define it alike agree. Each page sharing an operation is parsed once, only when it shares one.
  const documents = new Map<number, OpenApiDocument>();
  const documentOf = (i: number) => {
    let doc = documents.get(i);
    if (!doc) {
      doc = (parse(textOf(results[i]!) ?? "", { maxAliasCount: -1 }) ?? {}) as OpenApiDocument;
      documents.set(i, doc);
    }
    return doc;
  };

  const conflicts = new Map<number, string[]>();
  const alike = new Map<number, Set<number>>(); // page → earlier pages it repeats
  for (const [key, at] of shared) {
    const [first, ...later] = at as [number, ...number[]];
    const space = key.indexOf(" ");
    const [head, name] = [key.slice(0, space), key.slice(space + 1)];
    for (const i of later) {
      // Below `paths[path][method]` or `webhooks[name]`, which the message names already.
      const [left, right] = [documentOf(first), documentOf(i)];
      const found =
        head === "webhook"
          ? webhookDifference(left, right, name)
          : operationDifference(left, right, name, head.toLowerCase());
      const difference = found && pathText(found.at.slice(head === "webhook" ? 2 : 3));
      if (difference === undefined) {
        alike.set(i, (alike.get(i) ?? new Set()).add(first));
        continue;
      }
      const [a, b] = [results[first]!.page, results[i]!.page];
      const say = (other: PageRef) =>
        `defines ${key} differently from ${nameOf(other)} (they differ at ${difference}); vendor one of them by hand, or fix the documentation`;
      conflicts.set(first, [...(conflicts.get(first) ?? []), say(b)]);
      conflicts.set(i, [...(conflicts.get(i) ?? []), say(a)]);
    }
  }
  for (const [i, reasons] of conflicts) {
    results[i] = { page: results[i]!.page, kind: "failed", reason: reasons.join("; ") };
  }
  for (const [i, earlier] of alike) {
    if (conflicts.has(i)) continue;
    const mine = keysOf(results[i]!);
    const covering = [...earlier].find((j) => {
      const theirs = new Set(keysOf(results[j]!));
      return !conflicts.has(j) && mine.every((key) => theirs.has(key));
    });
    if (covering !== undefined) {
      const webhooks = mine.filter((key) => key.startsWith("webhook ")).length;
      const what =
        webhooks === 0 ? "operation" : webhooks === mine.length ? "webhook" : "operation and webhook";
      const same = `the same ${what}${mine.length === 1 ? "" : "s"}`;
      results[i] = { page: results[i]!.page, kind: "duplicate", of: results[covering]!.page, same };
    }
  }
}
