/**
 * What one page of a documentation index is to us: an operation or webhook page whose embedded OpenAPI
 * document we vendor, a page without one (a guide, a changelog: skipped and counted), a page that names an
 * endpoint but embeds no document (reported, never vendored, never a reason to remove what is vendored), or a
 * failure (an HTML page where Markdown was expected, a broken spec block, two spec blocks).
 *
 * Unlike `vendor <page>`, where the user chose the page, a YAML example that does not parse on a guide page
 * is no error here: only blocks that claim to be OpenAPI (an `openapi:` key) can fail a page.
 */
import { InputError, InputErrors } from "../../errors.js";
import { htmlMediaType, htmlPageError, isHtml } from "../html-page.js";
import { scanPage } from "../markdown-page.js";
import { endpointLine, gitbookOperation } from "../page-endpoint.js";
import {
  distinctSpecBlocks,
  findSpecBlocks,
  readPage,
  type SpecSource,
  severalDocuments,
  unfencedDocument,
  unreadOperations,
} from "../read-input.js";

export { endpointLine, gitbookOperation };

export type PageOutcome =
  | { kind: "spec"; source: SpecSource }
  | { kind: "no-spec" }
  /** A spec block with neither operations nor webhooks: a page about schemas, nothing to call or receive. */
  | { kind: "schema-only" }
  /** `document`: where the page says its OpenAPI document is published (GitBook's `src`), when it says. */
  | { kind: "endpoint-only"; endpoint: string; document?: string }
  | { kind: "failed"; error: InputError };

/**
 * `file` names the page in error messages; `contentType` is what the server said it was, if it was served;
 * `url` is the page's URL where `file` is a saved copy (an index's folder), for the links it makes relative.
 */
export function classifyPage(
  text: string,
  file: string,
  contentType?: string | null,
  url?: string | null,
): PageOutcome {
  const type = htmlMediaType(contentType);
  if (type || isHtml(text)) {
    const pageUrl = URL.canParse(file) ? file : (url ?? undefined);
    return { kind: "failed", error: htmlPageError(file, text, { pageUrl, served: type }) };
  }
  // An empty answer is a server's glitch, not a guide: as a guide it would remove what was vendored from it.
  if (text.trim() === "")
    return {
      kind: "failed",
      error: new InputError(file, "is empty: no page to read (what was vendored from it stays)"),
    };
  const page = scanPage(text);
  const { found: all, claimed } = findSpecBlocks(page, file);
  const found = distinctSpecBlocks(all);
  if (claimed[0]) return { kind: "failed", error: claimed[1] ? new InputErrors(claimed) : claimed[0] };
  if (found.length > 1) return { kind: "failed", error: severalDocuments(found, file) };
  if (found.length === 1) {
    // A webhook page (`webhooks:` and no paths) is vendored like an operation page, keyed by its webhooks.
    const { operations, webhooks } = found[0]!.spec;
    if (operations.length === 0 && webhooks.length === 0) {
      const unread = unreadOperations({ file, ...found[0]! });
      return unread ? { kind: "failed", error: unread } : { kind: "schema-only" };
    }
    try {
      return { kind: "spec", source: readPage(text, file, page) };
    } catch (error) {
      if (error instanceof InputError) return { kind: "failed", error };
      throw error;
    }
  }
  // A document the page holds where it is not read is no guide's (what was vendored from the page stays).
  const unfenced = unfencedDocument(page, file);
  if (unfenced) return { kind: "failed", error: unfenced };
  const gitbook = gitbookOperation(text);
  if (gitbook) return { kind: "endpoint-only", ...gitbook };
  const endpoint = endpointLine(text);
  return endpoint ? { kind: "endpoint-only", endpoint } : { kind: "no-spec" };
}
