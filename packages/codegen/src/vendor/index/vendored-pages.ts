/**
 * What earlier runs vendored, as an index run needs it: each vendored file with the page it came from (the
 * `url` an index run records, or the `source` a page names) and the validators for a conditional request.
 * Validators are only offered while the vendored file still holds the bytes its provenance hashed, so a
 * file edited or deleted by hand is downloaded again instead of being "not modified" forever.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isDirectory, readIfExists } from "../../file-transaction.js";
import { PROVENANCE_SUFFIX, RepoLayout, SPEC_EXTENSIONS } from "../../repo-layout.js";
import { classifyDocument, webhookKey } from "../spec-summary.js";
import { sha256 } from "../vendored-files.js";
import { isDocumentUrl, pageKey } from "./page-url.js";

export interface VendoredPage {
  provider: string;
  name: string;
  /** Absolute paths. */
  specPath: string | undefined;
  provenancePath: string;
  /**
   * The page it was vendored from, if known: the `url` an index run records, else the `source` a page named when
   * that is a page (Fern's `Reference:` line), not the document a Mintlify fence names (`…/openapi.yaml`), which
   * every page of the site names alike and no index lists.
   */
  pageUrl: string | null;
  /** Where the document was published, as provenance records it (`source`). */
  source: string | null;
  /** The exact URL fetched last time, with its validators (index runs only). */
  fetchedUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  operations: string[];
  /**
   * The keys (`webhook call.completed`) of the webhooks of a file without operations: a webhook page's. Read
   * from the spec, since provenance records operations only; files with operations are not parsed for them.
   */
  webhooks: string[];
  /** The spec file exists and holds the bytes its provenance hashed. */
  intact: boolean;
  specText: string | undefined;
}

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function pageSource(source: string | null): string | null {
  try {
    return source && !isDocumentUrl(source) ? source : null;
  } catch {
    return null; // not a URL: no page either
  }
}

export function loadVendoredPages(root: string): VendoredPage[] {
  const layout = new RepoLayout(root);
  const pages: VendoredPage[] = [];
  for (const provider of layout.providers()) {
    const dir = layout.providerSpecs(provider);
    if (!isDirectory(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith(PROVENANCE_SUFFIX)) continue;
      const name = entry.slice(0, -PROVENANCE_SUFFIX.length);
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(readIfExists(join(dir, entry)) ?? "null") ?? {};
      } catch {
        continue; // planVendor reports a damaged provenance file where it matters
      }
      const specFile = SPEC_EXTENSIONS.map((ext) => name + ext).find((f) => existsSync(join(dir, f)));
      const specPath = specFile ? join(dir, specFile) : undefined;
      const specText = specPath ? readIfExists(specPath) : undefined;
      const url = str(record.url);
      const operations = Array.isArray(record.operations)
        ? record.operations.filter((o): o is string => typeof o === "string")
        : [];
      pages.push({
        provider,
        name,
        specPath,
        provenancePath: join(dir, entry),
        // A document downloaded as itself (`vendor <its url>`, `kind: document`) is no page: no index lists it,
        // so an index run must neither fetch it as one nor remove it for not being listed.
        pageUrl: record.kind === "document" ? null : (url ?? pageSource(str(record.source))),
        source: str(record.source),
        fetchedUrl: url,
        etag: str(record.etag),
        lastModified: str(record.lastModified),
        operations,
        webhooks: operations.length === 0 && specText !== undefined ? webhooksOf(specText, specPath!) : [],
        intact:
          specText !== undefined && typeof record.sha256 === "string" && sha256(specText) === record.sha256,
        specText,
      });
    }
  }
  return pages;
}

/** What a vendored file defines, as an index run keys it: its operations, then its webhooks. */
export const definitionsOf = (file: Pick<VendoredPage, "operations" | "webhooks">): string[] => [
  ...file.operations,
  ...file.webhooks,
];

/** Vendored pages by page key (see pageKey); a page vendored twice keeps its first file. */
export function byPageKey(pages: readonly VendoredPage[]): Map<string, VendoredPage> {
  const map = new Map<string, VendoredPage>();
  for (const page of pages) {
    if (page.pageUrl === null) continue;
    const key = pageKey(page.pageUrl);
    if (!map.has(key)) map.set(key, page);
  }
  return map;
}

function webhooksOf(text: string, file: string): string[] {
  const result = classifyDocument({ file, text, lineOffset: 0, columnOffset: 0 });
  return result.kind === "spec" ? result.spec.webhooks.map(webhookKey) : [];
}
