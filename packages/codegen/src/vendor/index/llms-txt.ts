/**
 * An `llms.txt` documentation index (https://llmstxt.org): the site's title as an H1, an optional summary,
 * then `## Section` headings over lists of `- [Title](url): notes` links. Documentation platforms generate
 * them: Mintlify links each page's Markdown rendering (`…/page.md`), Fern puts a breadcrumb before the link
 * (`- API Reference > Calls [Create call](…/create-call.mdx)`). We read the first link of every list item (inline,
 * by reference, or a URL alone), in order, with its section; a link that occurs again is the same page.
 */
import { InputError, throwAll } from "../../errors.js";
import { scanPage } from "../markdown-page.js";
import { mostCommonHost } from "./page-url.js";

export interface IndexLink {
  /** Absolute URL (relative links are resolved against the index's URL when it has one). */
  url: string;
  title: string;
  /** The `## Section` it is listed under; null before the first section. */
  section: string | null;
  /** 1-based line in the index. */
  line: number;
}

export interface LlmsTxt {
  kind: "llms.txt";
  title: string;
  links: IndexLink[];
}

const H1 = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/;
const H2 = /^ {0,3}##[ \t]+(.+?)[ \t#]*$/;
// The first inline link of a list item: `[text](url)` or `[text](<url> "title")`.
const LIST_LINK =
  /^\s*(?:[-*+]|\d+[.)])\s+.*?\[((?:[^\][]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/;

// A link reference definition (`[fetch]: https://… "Fetch a call"`), and a list item's first link by
// reference (`[text][label]`, `[text][]` or `[label]`) is a link only when its label is defined.
const DEFINITION = /^ {0,3}\[((?:[^\][\\]|\\.)+)\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+.*)?$/;
// A list item that is a URL: an autolink (`<https://…>`) or the URL written bare.
const LIST_URL = /^\s*(?:[-*+]|\d+[.)])\s+<?(https?:\/\/[^\s>]+?)>?[.,;:]?(?:\s|$)/;

const referenceLabel = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The first link of a list item: inline (`[text](url)`), by reference to a definition (`[text][label]`), or a
 * URL alone (`<https://…>`, bare). Markdown writes all of them; an item read as no link would be a page left
 * out of the index, and what was vendored from it removed.
 */
function listLink(content: string, definitions: ReadonlyMap<string, string>) {
  const inline = LIST_LINK.exec(content);
  if (inline) return { title: (inline[1] ?? "").trim(), target: inline[2] ?? "" };
  const item = /^\s*(?:[-*+]|\d+[.)])\s+/.exec(content);
  if (!item) return undefined;
  for (const match of content
    .slice(item[0].length)
    .matchAll(/\[((?:[^\][]|\[[^\]]*\])*)\](?:\[([^\]]*)\])?/g)) {
    const [, text = "", ref] = match;
    const target = definitions.get(referenceLabel(ref || text));
    if (target) return { title: text.trim(), target };
  }
  const url = LIST_URL.exec(content)?.[1];
  return url ? { title: url, target: url } : undefined;
}

/** The origin most of the index's absolute http(s) links are on, where its relative ones are too. */
function siteOf(urls: readonly URL[]): string | undefined {
  const web = urls.filter((url) => /^https?:$/.test(url.protocol));
  const host = mostCommonHost(web.map((url) => url.href));
  const url = web.find((candidate) => candidate.host === host);
  return url ? `${url.protocol}//${url.host}/` : undefined;
}

/**
 * The llms.txt in `text`; `label` names it in errors; `base` resolves relative links. Throws when the text is
 * not an index: no H1 title first, or no page links.
 */
export function parseLlmsTxt(text: string, label: string, base?: string): LlmsTxt {
  const { prose } = scanPage(text.replace(/^\uFEFF/, ""));
  const first = prose.find((line) => line.text.trim() !== "");
  const title = first && H1.exec(first.text)?.[1];
  if (!first || !title) {
    const found = first ? `it starts with \`${first.text.trim().slice(0, 60)}\`` : "it is empty";
    throw new InputError(
      label,
      `not an llms.txt index: ${found}; an index starts with the site's title as a \`# Title\` heading, then lists pages as \`- [Title](url)\` (https://llmstxt.org)`,
      first?.line,
    );
  }
  const definitions = new Map<string, string>();
  for (const { text: content } of prose) {
    const definition = DEFINITION.exec(content);
    if (definition && !definitions.has(referenceLabel(definition[1]!)))
      definitions.set(referenceLabel(definition[1]!), definition[2]!);
  }
  const listed: Array<{ target: string; title: string; section: string | null; line: number }> = [];
  let section: string | null = null;
  for (const { line, text: content } of prose) {
    const heading = H2.exec(content);
    if (heading) {
      section = heading[1] ?? null;
      continue;
    }
    const link = listLink(content, definitions);
    if (link) listed.push({ ...link, section, line });
  }
  const resolved = (target: string, against?: string) => {
    try {
      const parsed = new URL(target, against);
      parsed.hash = ""; // a section of a page is the page
      return parsed;
    } catch {
      return undefined;
    }
  };
  // An index read from disk has no URL: relative links resolve against the site its absolute ones are on.
  const site = siteOf(listed.flatMap(({ target }) => resolved(target, base) ?? []));
  const links: IndexLink[] = [];
  const relative: InputError[] = [];
  for (const { target, title: linkTitle, section: linkSection, line } of listed) {
    const url = resolved(target, base ?? site);
    if (!url) {
      relative.push(
        new InputError(
          label,
          `link \`${target}\` is relative, and the index has no URL and no absolute link to resolve it against: give --index the index's URL, or with the folder it was saved in, --site <the URL it was saved from>`,
          line,
        ),
      );
      continue;
    }
    if (!/^https?:$/.test(url.protocol)) continue;
    links.push({ url: url.href, title: linkTitle, section: linkSection, line });
  }
  throwAll(relative);
  if (links.length === 0) {
    throw new InputError(
      label,
      "not an llms.txt index: it lists no pages (an index lists them as `- [Title](url)` under `## Section` headings)",
      first.line,
    );
  }
  return { kind: "llms.txt", title, links };
}
