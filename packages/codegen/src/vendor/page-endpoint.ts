/**
 * The operation or webhook a documentation page names without embedding its OpenAPI document: a line under its
 * title (`POST /v1/calls`), Mintlify's front matter (`openapi: POST /calls`), GitBook's `{% openapi %}` tag. An
 * index reports such a page; `vendor <page>` says what the page names instead of only that it has no block.
 */
import { HTTP_METHODS, type HttpMethod } from "../spec/openapi-document.js";
import { scanPage } from "./markdown-page.js";

// `DELETE https://api.vobiz.ai/…`, `post /v1/messages`, `openapi.json get /users` (Mintlify names the spec).
const ENDPOINT_LINE =
  /^(?:\S+\s+)?(get|put|post|patch|delete|head|options|trace)\s+((?:https?:\/\/|\/)\S*)\s*$/i;
// A webhook page's counterpart: `webhook call.completed`, or `openapi.json webhook call.completed` (Mintlify's
// way of naming a webhook of a spec). Only a spec file may come first, so prose ("Configure webhook URLs") is
// never taken for one.
const WEBHOOK_LINE = /^(?:\S+\.(?:json|ya?ml)\s+)?webhook\s+([\w.:/-]+)\s*$/i;

/**
 * The endpoint an operation page names right under its title (and summary): a `POST /v1/calls` line (Mintlify's
 * llms-full.txt), a `DELETE https://api…` line (Fern), or a short ```http block (Vobiz); or the webhook a
 * webhook page names the same way (`webhook call.completed`). Only the first few things after the title
 * count, so a guide that shows a request further down is not taken for one.
 */
export function endpointLine(text: string): string | undefined {
  const { prose, blocks, frontMatter } = scanPage(text);
  // An MDX page's front matter names its operation (Mintlify's `openapi: POST /widgets`).
  const named = frontMatter.openapi?.trim();
  const fromFrontMatter = named && (ENDPOINT_LINE.exec(named) ?? WEBHOOK_LINE.exec(named));
  if (fromFrontMatter)
    return fromFrontMatter.length > 2
      ? `${fromFrontMatter[1]!.toUpperCase()} ${fromFrontMatter[2]}`
      : `webhook ${fromFrontMatter[1]}`;
  const component = methodEndpoint(text);
  if (component) return component;
  const title = prose.find((p) => /^ {0,3}#[ \t]/.test(p.text));
  if (!title) return undefined;
  const elements = [
    ...prose
      .filter(
        (p) => p.line > title.line && p.text.trim() !== "" && !/^\s*(?:>|(?:Source|URL):)/i.test(p.text),
      )
      .map((p) => ({ line: p.line, texts: [p.text] })),
    ...blocks
      .filter((b) => b.openLine > title.line && b.lang === "http" && b.lines.length <= 3)
      .map((b) => ({ line: b.openLine, texts: b.lines })),
  ]
    .sort((a, b) => a.line - b.line)
    .slice(0, 3);
  // Mintlify's fence names the operation a block documents (```` ```yaml openapi.json post /chat-messages ````),
  // also when the block is its older format, which is not an OpenAPI document.
  const fences = blocks
    .filter((b) => b.lang === "yaml" || b.lang === "json")
    .map((b) => b.info.split(/\s+/).slice(1).join(" "));
  for (const candidate of [...elements.flatMap((e) => e.texts), ...fences]) {
    const match = ENDPOINT_LINE.exec(candidate.trim());
    if (match) return `${match[1]!.toUpperCase()} ${match[2]}`;
    const webhook = WEBHOOK_LINE.exec(candidate.trim());
    if (webhook) return `webhook ${webhook[1]}`;
  }
  return undefined;
}

// GitBook's API blocks: `{% swagger src="…" path="/pets" method="get" %}` (its first form), `{% openapi … %}`,
// and `{% openapi-operation spec="petstore" path="/pets" method="get" %}`, which names a spec uploaded to GitBook.
const GITBOOK_TAG = /\{%\s*(?:swagger|openapi|openapi-operation)\s+([^%]*?)\s*%\}/gi;
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"/g;

/**
 * The operation a GitBook page shows from an OpenAPI document it does not embed, and where that document
 * is (`src`, when it is a URL). A page that shows several is left as a guide: it is no operation's page.
 */
export function gitbookOperation(text: string): { endpoint: string; document?: string } | undefined {
  const tags = [...text.matchAll(GITBOOK_TAG)];
  if (tags.length !== 1) return undefined;
  const attributes = Object.fromEntries([...tags[0]![1]!.matchAll(ATTRIBUTE)].map((m) => [m[1]!, m[2]!]));
  const { path, method, src } = attributes;
  const verb = method?.toLowerCase() as HttpMethod | undefined;
  if (!path || !verb || !HTTP_METHODS.includes(verb)) return undefined;
  const endpoint = `${verb.toUpperCase()} ${path}`;
  return src && /^https?:\/\//i.test(src) ? { endpoint, document: src } : { endpoint };
}

// Docusaurus openapi-docs' `.api.mdx` pages: `<MethodEndpoint method={"get"} path={"/pets/{id}"} …>`, attributes in
// any order, a value as `{"…"}`, `{'…'}` or `"…"`. The operation itself is in the front matter's `api:`, as the
// plugin rewrote it (dereferenced, then compressed), so the page is no source of a document either way.
const METHOD_ENDPOINT = /<MethodEndpoint\b([^>]*)>/;
const JSX_ATTRIBUTE = /\b(method|path)\s*=\s*\{?\s*(["'`])([^"'`]*)\2\s*\}?/g;

function methodEndpoint(text: string): string | undefined {
  const tag = METHOD_ENDPOINT.exec(text);
  if (!tag) return undefined;
  const { method, path } = Object.fromEntries(
    [...tag[1]!.matchAll(JSX_ATTRIBUTE)].map((m) => [m[1]!, m[3]!]),
  );
  const verb = method?.toLowerCase() as HttpMethod | undefined;
  return verb && HTTP_METHODS.includes(verb) && path?.startsWith("/")
    ? `${verb.toUpperCase()} ${path}`
    : undefined;
}
