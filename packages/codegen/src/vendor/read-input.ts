/**
 * Reading what the user hands to `vendor` or `sync`: a documentation page (Markdown or text with the spec in
 * a fenced block) or a bare spec file. The result is the exact text to vendor, with the facts its provenance
 * records. Anything ambiguous (two spec blocks on one page, a broken block beside a good one) is an error,
 * so the bytes vendored are always the ones the provider published.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { InputError, throwAll } from "../errors.js";
import { SPEC_EXTENSIONS } from "../repo-layout.js";
import { refsOf, resolvePointer } from "../spec/openapi-document.js";
import { PAGE_EXTENSIONS } from "../spec/page-title.js";
import { readYamlValue } from "../spec/yaml-file.js";
import { htmlPageError, isHtml } from "./html-page.js";
import {
  blockText,
  type FencedBlock,
  infoStringUrl,
  pageTitle,
  referenceUrl,
  type ScannedPage,
  scanPage,
} from "./markdown-page.js";
import { endpointLine, gitbookOperation } from "./page-endpoint.js";
import { classifyDocument, definitionKeys, mentionsOpenApiKey, type OpenApiSummary } from "./spec-summary.js";
import { decodeText } from "./text-decoding.js";

const SPEC_FILE_EXTENSIONS = new Set<string>(SPEC_EXTENSIONS);
// Blocks tagged with these languages are examined even when no `openapi:` line is visible, so that a
// broken or mislabelled spec block is reported instead of silently skipped.
const SPEC_LANGUAGES = new Set(["yaml", "yml", "json"]);

/** An OpenAPI document found in one input, with everything provenance needs. */
export interface SpecSource {
  /** The input path exactly as the user gave it (error messages use it). */
  file: string;
  kind: "page" | "spec";
  /** The bytes to vendor. */
  text: string;
  format: "yaml" | "json";
  spec: OpenApiSummary;
  title: string | null;
  source: string | null;
  /** Where the page was downloaded from, when it was (`--index`): recorded in provenance. */
  origin?: PageOrigin;
  /**
   * The provider, when the caller knows it otherwise than from the document's servers: an index's webhook page
   * without servers belongs to the provider its other pages name. `--provider` overrides it.
   */
  provider?: string;
}

/** A downloaded page's URL and the validators a later conditional request sends. */
export interface PageOrigin {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface SpecBlock {
  block: FencedBlock;
  text: string;
  spec: OpenApiSummary;
}

/** An input given as text, for tests and callers that already hold the page. */
export interface VendorInput {
  file: string;
  text: string;
  /** What the text is, when `file` (a URL, say) has no telling extension. */
  kind?: SpecSource["kind"];
  origin?: PageOrigin;
  /** The provider it belongs to, when the caller knows it otherwise than from its servers (see SpecSource). */
  provider?: string;
}

/**
 * The one fenced block of a documentation page that holds an OpenAPI 3.x document. Blocks that clearly
 * try to be one (an `openapi:`/`swagger:` key) but fail are errors even when another block succeeds:
 * picking the "good" one of two would be guessing which the provider meant.
 */
export function extractSpecBlock(pageText: string, file: string): SpecBlock {
  return pickSpecBlock(scanPage(pageText), file, pageText);
}

/** Every fenced block of a page that holds, or looks like it means to hold, an OpenAPI document. */
export interface SpecBlocks {
  found: SpecBlock[];
  /** Blocks with an `openapi:`/`swagger:` key that are not a usable document. */
  claimed: InputError[];
  /** YAML/JSON blocks without that key that do not even parse (a guide's broken example, or a spec). */
  doubtful: InputError[];
}

/**
 * A block labelled JSON that is no JSON, where YAML (which reads JSON) would take it some other way: a `//`
 * comment of JSONC, which YAML reads as part of a value and so swallows the key after it, or quotes written as
 * `&quot;` by an HTML export. Said as JSON's own problem, at its line.
 */
function jsonProblem(block: FencedBlock, text: string, file: string): InputError | undefined {
  if (!/^json/.test(block.lang) || !/^\s*[{[]/.test(text)) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const position = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
    const before = text.slice(0, position).split("\n");
    const line = block.contentLine + before.length - 1;
    const column = (before.at(-1)?.length ?? 0) + 1 + (before.length === 1 ? block.indent : 0);
    const why = /&quot;|&#34;/.test(text)
      ? "its quotes are written as `&quot;` (an HTML export): vendor the page's source, or the document itself"
      : /^\s*\/\/|[,{[]\s*\/\/|\/\*/m.test(text)
        ? "it has comments, which JSON does not allow (JSONC): vendor the document itself, or a page without them"
        : (error as Error).message.replace(/^JSON\.parse: |^SyntaxError: /, "");
    return new InputError(file, `a block labelled ${block.lang} is not valid JSON: ${why}`, line, column);
  }
}

const neverClosed = (fence: string) =>
  `the fence opened here (${fence}) is never closed, so the OpenAPI block runs to the end of the page and may be cut short: close it, or vendor the page as published in full`;

export function findSpecBlocks(page: ScannedPage, file: string): SpecBlocks {
  const found: SpecBlock[] = [];
  const claimed: InputError[] = [];
  const doubtful: InputError[] = [];
  for (const block of page.blocks) {
    const text = blockText(block);
    const claims = mentionsOpenApiKey(text);
    // Another block left open (a curl example without its closing fence) swallows the OpenAPI block after it,
    // whose own closing fence then closes it: an opening fence at the start of one of its lines says so (one
    // in a spec's description is indented under its key).
    const swallowed = block.lines.findIndex((line) => /^(`{3,}|~{3,})[ \t]*(ya?ml|json)\b/i.test(line));
    if (swallowed >= 0 && mentionsOpenApiKey(block.lines.slice(swallowed + 1).join("\n"))) {
      const detail = `the ${block.fence}${block.lang} block opened here is not closed before the OpenAPI block at line ${block.contentLine + swallowed}, which it runs on into: close it`;
      claimed.push(new InputError(file, detail, block.openLine));
      continue;
    }
    if (!claims && !SPEC_LANGUAGES.has(block.lang)) continue;
    // A block that runs to the end of the page was most likely cut short there: that, not the JSON or YAML
    // error its cut end makes, is what to say.
    if (claims && !block.closed) {
      claimed.push(new InputError(file, neverClosed(block.fence), block.openLine));
      continue;
    }
    const notJson = jsonProblem(block, text, file);
    if (notJson) {
      (claims ? claimed : doubtful).push(notJson);
      continue;
    }
    const result = classifyDocument({
      file,
      text,
      lineOffset: block.contentLine - 1,
      columnOffset: block.indent,
    });
    if ((claims || result.kind === "spec") && !block.closed) {
      // CommonMark ends such a block with the page; a page cut short (a truncated export) ends it early.
      claimed.push(new InputError(file, neverClosed(block.fence), block.openLine));
    } else if (result.kind === "spec") found.push({ block, text, spec: result.spec });
    else if (result.kind === "problem") (claims ? claimed : doubtful).push(result.error);
  }
  return { found, claimed, doubtful };
}

/**
 * The blocks of a page that are documents of their own: a document shown twice (GitBook's and Scalar's YAML and
 * JSON tabs) counts once, the first time; a block of schemas alone beside one of operations that needs none of
 * them (GitBook shows the models a page mentions) is no document of the page's operations. What is left, if
 * more than one, is for the caller to refuse.
 */
export function distinctSpecBlocks(found: readonly SpecBlock[]): SpecBlock[] {
  if (found.length < 2) return [...found];
  const values = found.map((b) => {
    try {
      return readYamlValue(b.text, "(block)");
    } catch {
      return undefined;
    }
  });
  const distinct = found.filter(
    (_, i) => values[i] === undefined || !values.slice(0, i).some((v) => isDeepStrictEqual(v, values[i])),
  );
  const withDefinitions = distinct.filter((b) => b.spec.operations.length || b.spec.webhooks.length);
  const selfContained = withDefinitions.every((b) => {
    const value = values[found.indexOf(b)];
    return (
      value !== undefined &&
      refsOf(value).every(([ref]) => !ref.startsWith("#") || resolvePointer(value, ref) !== undefined)
    );
  });
  return withDefinitions.length > 0 && selfContained ? withDefinitions : distinct;
}

// A document's version key as it reads where a page's export wrote the document out of a fenced block: YAML
// (`openapi: 3.1.0`), JSON (`"openapi": "3.1.0"`, after a `{`), HTML-escaped JSON (`&quot;openapi&quot;`) or a
// JSON string's escaped quotes (`\"openapi\"`). Only a version (a digit) counts: Mintlify's front matter
// `openapi: POST /calls` names an operation.
const VERSION_KEY =
  /^(?:\{\s*)?(?:(["']?)(?:openapi|swagger)\1|&quot;(?:openapi|swagger)&quot;|\\"(?:openapi|swagger)\\")\s*:\s*(?:["']|&quot;|\\")?\d/;

/**
 * An OpenAPI document on a page outside every fenced block, which is never read: an indented code block, an
 * HTML `<pre><code>` block (its text escaped), a ReadMe `[block:code]` block (its text a JSON string), an MDX
 * `<CodeBlock>{`…`}` (a template literal), or text whose fences an export lost. Said at the line of its version key, so that such a page is neither refused as
 * having no document nor, in an index, taken for a guide (and what was vendored from it removed).
 */
export function unfencedDocument(page: ScannedPage, file: string): InputError | undefined {
  let inPre = false;
  let inMagicBlock = false;
  for (const { line, text } of page.prose) {
    if (/^\s*\[block:[\w-]+\]\s*$/.test(text)) inMagicBlock = true;
    else if (/^\s*\[\/block\]\s*$/.test(text)) inMagicBlock = false;
    const indent = /^[ \t]*/.exec(text)![0];
    let rest = text.slice(indent.length);
    const tags = /^(?:<[^>]*>\s*)+/.exec(rest)?.[0] ?? "";
    rest = rest.slice(tags.length);
    const jsonString = /^"code"\s*:\s*"/.exec(rest)?.[0] ?? "";
    rest = rest.slice(jsonString.length);
    const template = /^\{`/.exec(rest)?.[0] ?? "";
    rest = rest.slice(template.length);
    const html = inPre || /<(?:pre|code)\b/i.test(tags);
    if (/<pre\b/i.test(text)) inPre = true;
    if (/<\/pre>/i.test(text)) inPre = false;
    if (!VERSION_KEY.test(rest)) continue;
    const where = jsonString
      ? `in a ${inMagicBlock ? "ReadMe `[block:code]` block" : "JSON block"}, as a JSON string`
      : template
        ? "in an MDX component's JavaScript template literal (<CodeBlock>{`…`})"
        : html
          ? "in an HTML `<pre>`/`<code>` block, as escaped text"
          : [...indent].reduce((column, c) => (c === "\t" ? column + 4 - (column % 4) : column + 1), 0) >= 4
            ? "in an indented code block"
            : "outside any code block (the page's fences were lost)";
    const detail = `an OpenAPI document starts here ${where}, which is not read: only a fenced code block (\`\`\`yaml or \`\`\`json) is. Vendor the document itself (its URL or file), or save the page with the document in a fenced block`;
    return new InputError(
      file,
      detail,
      line,
      indent.length + tags.length + jsonString.length + template.length + 1,
    );
  }
  return undefined;
}

/**
 * A page embedding several documents (an operation's and its callback's, two versions of one): what each
 * defines, and what to do, since which is the page's cannot be told.
 */
export function severalDocuments(found: readonly SpecBlock[], file: string): InputError {
  const lines = found.map((b) => b.block.openLine).join(", ");
  const each = found
    .map(({ block, spec }) => {
      const keys = definitionKeys(spec);
      const shown = keys.length > 3 ? [...keys.slice(0, 2), `${keys.length - 2} more`] : keys;
      return `line ${block.openLine} defines ${shown.join(", ") || "no operation"}`;
    })
    .join("; ");
  const detail = `${found.length} fenced blocks hold an OpenAPI document (lines ${lines}): ${each}. A page must embed exactly one, so which is the page's cannot be told: vendor the provider's complete document instead (its URL or file)`;
  return new InputError(file, detail, found[1]!.block.openLine);
}

function pickSpecBlock(page: ScannedPage, file: string, pageText: string): SpecBlock {
  const { found: all, claimed, doubtful } = findSpecBlocks(page, file);
  const found = distinctSpecBlocks(all);
  // Every block that claims to be a document and is not, at once: fixing one must not reveal the next.
  throwAll(claimed);
  const [first, second] = found;
  if (second) throw severalDocuments(found, file);
  if (first) return first;
  const unfenced = unfencedDocument(page, file);
  if (unfenced) throw unfenced;
  if (doubtful[0]) throw doubtful[0];
  throw new InputError(file, `no OpenAPI block: ${noBlockReason(pageText)}`);
}

/** Why a page has no block to vendor: what it names instead (an operation of a document it does not embed). */
function noBlockReason(pageText: string): string {
  const gitbook = gitbookOperation(pageText);
  if (gitbook?.document)
    return `the page documents ${gitbook.endpoint} from the OpenAPI document at ${gitbook.document}, which it does not embed: vendor that document (npm run vendor -- ${gitbook.document} --provider <name>)`;
  const endpoint = gitbook?.endpoint ?? endpointLine(pageText);
  if (endpoint)
    return `the page documents ${endpoint} but embeds no OpenAPI document (the site renders it from one it does not show): vendor the provider's OpenAPI document itself (its URL or file)`;
  return 'no fenced code block holds a document with `openapi: 3.x` or `swagger: "2.0"`';
}

export function readPage(pageText: string, file: string, page: ScannedPage = scanPage(pageText)): SpecSource {
  const { block, text, spec } = pickSpecBlock(page, file, pageText);
  return {
    file,
    kind: "page",
    text,
    // What the text is, whatever the fence calls it (```javascript, pandoc's ``` {.json}, none at all).
    format: isJson(text) ? "json" : "yaml",
    spec,
    title: pageTitle(page) ?? spec.title ?? null,
    source: infoStringUrl(block) ?? referenceUrl(page) ?? null,
  };
}

/** JSON by its extension, or, when the name has none of ours (a URL such as `/v3/api-docs`), by its first character. */
function bareFormat(file: string, text: string): SpecSource["format"] {
  const extension = extname(file).toLowerCase();
  if (SPEC_FILE_EXTENSIONS.has(extension)) return extension === ".json" ? "json" : "yaml";
  return isJson(text) ? "json" : "yaml";
}

/** The text begins as a JSON object or array (a byte order mark and whitespace allowed before it). */
export const startsAsJson = (text: string): boolean => /^\uFEFF?\s*[{[]/.test(text);

/** The text is JSON: it begins as a JSON object or array and parses as JSON (not YAML's `{openapi: 3.0.3}`). */
function isJson(text: string): boolean {
  if (!startsAsJson(text)) return false;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
    return true;
  } catch {
    return false;
  }
}

export function readBareSpec(text: string, file: string): SpecSource {
  const result = classifyDocument({ file, text, lineOffset: 0, columnOffset: 0 });
  if (result.kind === "problem") throw result.error;
  if (result.kind === "other") {
    throw new InputError(
      file,
      'not an OpenAPI document: it has no top-level `openapi: 3.x` (or `swagger: "2.0"`) key',
      result.line,
    );
  }
  return {
    file,
    kind: "spec",
    text,
    format: bareFormat(file, text),
    spec: result.spec,
    title: result.spec.title ?? null,
    source: null,
  };
}

function readInput(file: string, cwd: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(file, "file not found");
    if (code === "EISDIR") throw new InputError(file, "is a directory, not a page or a spec file");
    throw error;
  }
  // Keep a byte order mark: a bare spec is vendored byte for byte.
  const decoded = decodeText(bytes, true);
  if ("problem" in decoded) throw new InputError(file, decoded.problem, decoded.line);
  return decoded.text;
}

export function loadSource(input: string | VendorInput, cwd: string = process.cwd()): SpecSource {
  const file = typeof input === "string" ? input : input.file;
  const text = typeof input === "string" ? readInput(file, cwd) : input.text;
  const extension = extname(file).toLowerCase();
  const kind = typeof input === "string" ? undefined : input.kind;
  const origin = typeof input === "string" ? undefined : input.origin;
  const provider = typeof input === "string" ? undefined : input.provider;
  const withOrigin = (source: SpecSource): SpecSource => ({
    ...source,
    // A bare document downloaded from a URL was published there; a page's `url` is where the page was, and its
    // `source` only what the page itself names (its fence, a `Reference:` line).
    ...(origin ? { origin, ...(source.kind === "spec" ? { source: source.source ?? origin.url } : {}) } : {}),
    ...(provider ? { provider } : {}),
  });
  // A reference page as its browser shows it (saved, or a `.txt` that is HTML): what it loads its document
  // from, or where it embeds one, rather than "no OpenAPI block" or an unsupported type.
  if (extension === ".html" || extension === ".htm" || (kind !== "spec" && isHtml(text)))
    throw htmlPageError(file, text, { pageUrl: origin?.url });
  if (kind === "page" || (!kind && PAGE_EXTENSIONS.has(extension))) return withOrigin(readPage(text, file));
  if (kind === "spec" || SPEC_FILE_EXTENSIONS.has(extension)) return withOrigin(readBareSpec(text, file));
  const expected = [...PAGE_EXTENSIONS, ...SPEC_FILE_EXTENSIONS].join(", ");
  throw new InputError(file, `unsupported file type "${extension}": expected one of ${expected}`);
}

const UNREAD: Array<[RegExp, string]> = [
  [
    /^[ \t]*\u00a0/,
    "is indented with non-breaking spaces (U+00A0), which YAML reads as text, not as indentation (a page converted from HTML): vendor the document itself, or a page with plain spaces",
  ],
  [
    /^\s+["']?(?:GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE)["']?\s*:/,
    "has an upper-case method key, which OpenAPI does not read as an operation (it writes `get`, `post`, …)",
  ],
  [
    /^\s*["']?<<["']?\s*:/,
    "has a YAML merge key (`<<:`), a YAML 1.1 feature that YAML 1.2 (which OpenAPI 3.1 requires) reads as an ordinary key",
  ],
];

/**
 * Why a document without operations or webhooks may have some that YAML does not see, at the line a reader
 * sees one: so that the page is not taken for one about schemas, nor the operations lost without a word.
 */
export function unreadOperations(source: Pick<SpecSource, "file" | "text" | "spec">): InputError | undefined {
  const lines = source.text.split(/\r\n|\n|\r/);
  const at = (pattern: RegExp) => {
    const index = lines.findIndex((line) => pattern.test(line));
    return index < 0 ? undefined : index + 1;
  };
  // Lines of the page, not of the block: the block's `openapi:` line is known in both.
  const offset = source.spec.openapiLine - (at(/^\s*["']?(?:openapi|swagger)["']?\s*:/) ?? 1);
  for (const [pattern, reason] of UNREAD) {
    const line = at(pattern);
    if (line)
      return new InputError(
        source.file,
        `defines no operations or webhooks that can be read: this line ${reason}`,
        line + offset,
      );
  }
  return undefined;
}
