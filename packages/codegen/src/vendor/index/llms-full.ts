/**
 * An `llms-full.txt`: every page of a documentation site in one Markdown file. There is no standard for where
 * one page ends, so we recognise the two forms documentation platforms publish and refuse to guess otherwise:
 *
 * - Mintlify (and most generators): each page starts with its title heading and a source line,
 *       # Delete IP ACL
 *       Source: https://docs.vobiz.ai/api-reference/ip-acl/delete-ip-acl
 *   Only such pairs start a page; any other `#` heading belongs to the page it is in.
 * - Fern: each page is a `# Title` heading whose page carries a `Reference: <url>` line; every `#` heading
 *   outside code starts a page.
 *
 * Boundaries are looked for outside fenced code only (a guide may quote an llms-full.txt). Whatever makes the
 * split doubtful is an error naming its lines, because a wrong split would vendor one page's spec under
 * another page's URL: a code block left open over later pages, two OpenAPI blocks in one page, an OpenAPI
 * block under a heading that is not its page's, one URL given to two different pages, an OpenAPI block with
 * no page to belong to.
 */
import { InputError } from "../../errors.js";
import { blockText, type FencedBlock, referenceUrl, scanPage, splitLines } from "../markdown-page.js";
import { mentionsOpenApiKey } from "../spec-summary.js";

export interface FullPage {
  /** The page's URL (its `Source:` or `Reference:` line); null for a page that names none. */
  url: string | null;
  title: string;
  /** The page's lines, its title heading first. */
  text: string;
  /** 1-based line of the page's first line in the llms-full.txt. */
  line: number;
}

export interface LlmsFull {
  kind: "llms-full.txt";
  pages: FullPage[];
}

/** A problem with the file as a whole, reported all at once. */
export interface Ambiguity {
  line: number;
  detail: string;
}

const H1 = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/;
const SOURCE_LINE = /^\s*(?:Source|URL):\s*(https?:\/\/\S+)\s*$/i;

interface Boundary {
  /** 0-based index of the heading line. */
  index: number;
  title: string;
  url: string | null;
}

/** Title headings followed by a `Source:` line (at most one blank line between), in `lines` outside code. */
function sourceBoundaries(lines: string[], inCode: Set<number>): Boundary[] {
  const found: Boundary[] = [];
  lines.forEach((line, index) => {
    if (inCode.has(index)) return;
    const title = H1.exec(line)?.[1];
    if (!title) return;
    const next = lines[index + 1]?.trim() === "" ? index + 2 : index + 1;
    const url = inCode.has(next) ? undefined : SOURCE_LINE.exec(lines[next] ?? "")?.[1];
    if (url) found.push({ index, title, url });
  });
  return found;
}

/** Lines that look like a page start anywhere, code included: for telling what an open code block swallowed. */
function looksLikePageStart(lines: string[], index: number): boolean {
  if (!H1.test(lines[index] ?? "")) return false;
  const next = lines[index + 1]?.trim() === "" ? index + 2 : index + 1;
  return SOURCE_LINE.test(lines[next] ?? "");
}

const claimsOpenApi = (block: FencedBlock) => mentionsOpenApiKey(blockText(block));

/**
 * The pages of an llms-full.txt, or undefined when the text has no page boundaries of either form (so it is
 * something else: an llms.txt, a single page). Throws one InputError listing every ambiguity.
 */
export function splitLlmsFull(text: string, label: string): LlmsFull | undefined {
  const lines = splitLines(text.replace(/^\uFEFF/, ""));
  const scanned = scanPage(lines.join("\n"));
  const inCode = new Set<number>();
  for (const block of scanned.blocks) {
    // 0-based: the opening fence through the closing one (or the end of the file).
    const last = block.closed ? block.contentLine - 1 + block.lines.length : lines.length - 1;
    for (let i = block.openLine - 1; i <= last; i++) inCode.add(i);
  }
  let boundaries = sourceBoundaries(lines, inCode);
  const problems = openBlockProblems(scanned.blocks, lines);
  const style = boundaries.length > 0 ? "source" : "reference";
  if (style === "reference") {
    const headings = scanned.prose.filter((p) => H1.test(p.text));
    const references = scanned.prose.filter((p) => /^\s*Reference:\s*https?:\/\//i.test(p.text));
    if (headings.length < 2 || references.length === 0) {
      // No boundaries of either form; an open code block hiding them is still worth saying.
      if (problems.length) throw ambiguous(label, problems);
      return undefined;
    }
    boundaries = headings.map((h) => ({ index: h.line - 1, title: H1.exec(h.text)?.[1] ?? "", url: null }));
  }

  const pages: FullPage[] = [];
  const firstStart = boundaries[0]!.index;
  for (const block of scanned.blocks) {
    if (block.openLine - 1 < firstStart && claimsOpenApi(block)) {
      problems.push({
        line: block.openLine,
        detail: "an OpenAPI block before the first page heading belongs to no page",
      });
    }
  }
  boundaries.forEach((boundary, n) => {
    const end = boundaries[n + 1]?.index ?? lines.length;
    const pageLines = lines.slice(boundary.index, end);
    const page: FullPage = {
      url: boundary.url,
      title: boundary.title,
      text: `${pageLines.join("\n")}\n`,
      line: boundary.index + 1,
    };
    const blocks = scanned.blocks.filter((b) => b.openLine - 1 >= boundary.index && b.openLine - 1 < end);
    const specBlocks = blocks.filter(claimsOpenApi);
    if (style === "reference") {
      page.url = referenceUrl(scanPage(page.text)) ?? null;
      if (specBlocks.length > 0 && page.url === null) {
        problems.push({
          line: page.line,
          detail: `page "${page.title}" embeds an OpenAPI block but names no \`Reference: <url>\`, so it cannot be told apart from the page before it`,
        });
      }
    }
    const where = `page "${page.title}" (${page.url ?? `line ${page.line}`})`;
    if (specBlocks.length > 1) {
      problems.push({
        line: specBlocks[1]!.openLine,
        detail: `${where} holds ${specBlocks.length} OpenAPI blocks (lines ${specBlocks.map((b) => b.openLine).join(", ")}): a page embeds one, so a page boundary is probably missing`,
      });
    }
    if (style === "source") {
      // The last title heading before a spec must be the page's own: another one may be a page whose
      // Source line is missing.
      const reported = new Set<number>();
      for (const spec of specBlocks) {
        const heading = scanned.prose
          .filter((p) => p.line - 1 > boundary.index && p.line < spec.openLine && H1.test(p.text))
          .pop();
        if (!heading || reported.has(heading.line)) continue;
        reported.add(heading.line);
        problems.push({
          line: heading.line,
          detail: `heading \`${heading.text.trim()}\` inside ${where} has no \`Source:\` line after it, yet the OpenAPI block at line ${spec.openLine} follows it: is it a page of its own?`,
        });
      }
    }
    pages.push(page);
  });

  const byUrl = new Map<string, FullPage>();
  for (const page of pages) {
    if (page.url === null) continue;
    const earlier = byUrl.get(page.url);
    if (!earlier) byUrl.set(page.url, page);
    else if (earlier.text !== page.text) {
      problems.push({
        line: page.line,
        detail: `a second, different page with the URL ${page.url} (the first starts at line ${earlier.line})`,
      });
    }
  }
  if (problems.length) throw ambiguous(label, problems);
  return { kind: "llms-full.txt", pages: dedupe(pages) };
}

function dedupe(pages: FullPage[]): FullPage[] {
  const seen = new Set<string>();
  return pages.filter((page) => {
    if (page.url === null) return true;
    if (seen.has(page.url)) return false;
    seen.add(page.url);
    return true;
  });
}

const QUOTING_LANGUAGES = new Set(["markdown", "md", "mdx", "text", "txt", "plain", "plaintext"]);

/**
 * Code blocks over what looks like the start of a later page. A guide may quote a page start in a block
 * tagged as Markdown or text and closed by a fence like its opener; anything else (a block never closed, a
 * `bash` block, an untagged block, a ``` block closed by a spec's ````) is taken for a fence that swallowed
 * the pages after it: one page that lost its closing fence shifts every fence after it.
 */
function openBlockProblems(blocks: FencedBlock[], lines: string[]): Ambiguity[] {
  const problems: Ambiguity[] = [];
  for (const block of blocks) {
    const swallowed = block.lines.findIndex((_, i) => looksLikePageStart(lines, block.contentLine - 1 + i));
    if (swallowed < 0) continue;
    const closer = block.closed
      ? (lines[block.contentLine - 1 + block.lines.length] ?? "").trim()
      : undefined;
    if (closer === block.fence && QUOTING_LANGUAGES.has(block.lang)) continue;
    const why =
      closer === undefined
        ? "which is never closed"
        : closer !== block.fence
          ? `which only the \`${closer}\` at line ${block.contentLine + block.lines.length} closes`
          : block.lang
            ? `a \`${block.lang}\` block`
            : "an untagged block";
    problems.push({
      line: block.contentLine + swallowed,
      detail: `this looks like the start of a page, but it is inside the code block opened at line ${block.openLine}, ${why}: where does the page before it end?`,
    });
  }
  return problems;
}

function ambiguous(label: string, problems: Ambiguity[]): InputError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const first = sorted[0]!;
  const rest = sorted.slice(1).map((p) => `\n  ${label}:${p.line}: ${p.detail}`);
  const detail = `ambiguous page boundaries in this llms-full.txt, so nothing was vendored: ${first.detail}${rest.join("")}`;
  return new InputError(label, detail, first.line);
}
