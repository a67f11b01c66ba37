/**
 * `vendor <url>` and `sync <url>`: a page or a document given by its URL is downloaded (PoliteFetcher: retries,
 * redirects by hand, a size limit, a timeout) and vendored exactly as a file with those bytes would be, its
 * URL recorded as where it was published. Local paths are passed through untouched; every download that
 * fails is reported at once, before anything is written.
 */
import { extname } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { type FetcherOptions, PoliteFetcher } from "../fetch/polite-fetcher.js";
import { publicUrl } from "../public-url.js";
import { SPEC_EXTENSIONS } from "../repo-layout.js";
import { htmlMediaType, htmlPageError, isHtml } from "./html-page.js";
import { scanPage } from "./markdown-page.js";
import { startsAsJson, unfencedDocument, type VendorInput } from "./read-input.js";
import { classifyDocument, mentionsOpenApiKey } from "./spec-summary.js";

/** Complete provider documents run to megabytes (Telnyx's is 4 MB, Stripe's over 7): far above a page's limit. */
export const DOCUMENT_SIZE_LIMIT = 64 * 1024 * 1024;

export const isUrlInput = (input: string): boolean => /^https?:\/\//i.test(input);

/**
 * What a downloaded text is, by its content first, since URLs often say nothing (`/openapi`, `/v3/api-docs`) or
 * the wrong thing (a document served as `.txt`): a text with fenced blocks is a page; one that begins as JSON
 * or has a top-level `openapi`/`swagger` key is a document, unless it is prose around one that no YAML reads; anything else is what its extension says, or a
 * page, whose reader then says what is missing.
 */
function kindOf(url: string, text: string): VendorInput["kind"] {
  if (/^(?:`{3,}|~{3,})/m.test(text)) return "page";
  if (startsAsJson(text)) return "spec";
  // A page's front matter may name its operation (Mintlify's `openapi: "GET /calls/{id}"`): a key of the
  // page, not a document; what follows the front matter decides.
  const frontMatter = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/.exec(text);
  if (frontMatter && !mentionsOpenApiKey(text.slice(frontMatter[0].length))) return "page";
  if (mentionsOpenApiKey(text)) {
    // A page whose fences an export lost (prose, then the document) is no YAML: read as a page, it is refused
    // saying where its document starts and why it is not read, not in the YAML parser's words at its prose.
    const asDocument = classifyDocument({ file: url, text, lineOffset: 0, columnOffset: 0 });
    return asDocument.kind === "problem" && unfencedDocument(scanPage(text), url) ? "page" : "spec";
  }
  const extension = extname(new URL(url).pathname).toLowerCase();
  return (SPEC_EXTENSIONS as readonly string[]).includes(extension) ? "spec" : "page";
}

/** Downloads the URL inputs; local paths stay as they are, in the order given. */
export async function downloadInputs(
  inputs: readonly string[],
  options: FetcherOptions & {
    /**
     * When a download fails, what the other inputs are checked with (a vendor plan, never committed), so that
     * their problems are reported with the download's and not on the next run.
     */
    alsoCheck?: (inputs: Array<string | VendorInput>) => void;
  } = {},
): Promise<Array<string | VendorInput>> {
  if (!inputs.some(isUrlInput)) return [...inputs];
  const { alsoCheck: _, ...fetcherOptions } = options;
  const fetcher = new PoliteFetcher({ maxBytes: DOCUMENT_SIZE_LIMIT, ...fetcherOptions });
  // Each input's download or its problem, in the order given (downloads finish in any order).
  const downloaded = await Promise.all(
    inputs.map(async (input): Promise<string | VendorInput | InputError> => {
      if (!isUrlInput(input)) return input;
      if (!URL.canParse(input)) return new InputError(input, "is not a valid URL");
      const result = await fetcher.get(input);
      if (result.status !== "ok") {
        const reason =
          result.status === "failed" ? result.reason : "the server answered 304 to a plain request";
        return new InputError(input, `could not be downloaded: ${reason}`);
      }
      if (htmlMediaType(result.contentType) || isHtml(result.text)) {
        const served = result.contentType?.split(";")[0]?.trim().toLowerCase() ?? "none";
        return htmlPageError(input, result.text, { pageUrl: result.finalUrl, served });
      }
      // The address as it is written down (provenance, generated links): without a token or password in it.
      return {
        file: publicUrl(input),
        text: result.text,
        kind: kindOf(result.finalUrl, result.text),
        origin: { url: publicUrl(result.finalUrl), etag: result.etag, lastModified: result.lastModified },
      };
    }),
  );
  const problems = downloaded.filter((d): d is InputError => d instanceof InputError);
  if (problems.length === 0) return downloaded as Array<string | VendorInput>;
  // Every problem at once: what the other inputs would be refused for too, without writing anything.
  const others = downloaded.filter((d): d is string | VendorInput => !(d instanceof InputError));
  if (others.length && options.alsoCheck) {
    try {
      options.alsoCheck(others);
    } catch (error) {
      if (error instanceof InputErrors) problems.push(...error.errors);
      else if (error instanceof InputError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length === 1) throw problems[0];
  throw new InputErrors(problems);
}
