/**
 * What to say of an HTML page handed to `vendor` (a file, a URL, an index's page): the rendered reference of a
 * documentation platform, whose OpenAPI document is either loaded from a URL (Swagger UI's `url:`, Redoc's
 * `spec-url`, Scalar's `data-url` or `data-configuration`, Stoplight Elements' `apiDescriptionUrl`, a download link) or embedded in a
 * `<script>` (Redoc's `__redoc_state`, ReadMe's `ssr-props`, a Next.js site's `__NEXT_DATA__`). The first is
 * one command away, so the message gives it; the second is said with its line, so the user knows the page
 * has no fenced block to read, rather than a generic "not Markdown".
 *
 * Pages are only advised on, never read: the bytes vendored must be the document the provider published, and
 * the copy a renderer embeds is its own (dereferenced, reordered, with its state around it).
 */
import { InputError } from "../errors.js";

export function isHtml(text: string): boolean {
  return /^\s*<(?:!doctype\s+html|html|head|body)\b/i.test(text.replace(/^\uFEFF/, ""));
}

/** The media type of a `Content-Type` that says HTML (`text/html`, XHTML), else undefined. */
export function htmlMediaType(contentType: string | null | undefined): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "text/html" || type === "application/xhtml+xml" ? type : undefined;
}

/** The renderers a reference page is made with, by a mark each leaves in the page. */
const PLATFORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/SwaggerUIBundle|swagger-ui/i, "Swagger UI"],
  [/<redoc\b|Redoc\.init|__redoc_state|redoc\.standalone/i, "Redoc"],
  [/<rapi-doc\b/i, "RapiDoc"],
  [/@scalar\/api-reference|id=["']api-reference["']|Scalar\.createApiReference/i, "Scalar"],
  [/<elements-api\b|@stoplight\/elements/i, "Stoplight Elements"],
  [/id=["']ssr-props["']|readme\.io|readmeio/i, "ReadMe"],
  [/id=["']__NEXT_DATA__["']/i, "a Next.js site"],
];

/** Where a renderer is told its document's URL: an attribute, a config field, or a call's first argument. */
const LINK_PATTERNS: readonly RegExp[] = [
  /\b(?:spec-url|data-url|apiDescriptionUrl|api-description-url|specUrl)\s*=\s*(["'])([^"'<>]+)\1/gi,
  // `url: "…"` in a script, or `"url": "…"` in JSON (an inline configuration).
  /\b(?:url|specUrl|spec_url|apiDescriptionUrl)["']?\s*:\s*(["'])([^"'<>]+)\1/g,
  /\bRedoc\.init\(\s*(["'])([^"'<>]+)\1/g,
  /\bhref\s*=\s*(["'])([^"'<>]+)\1/gi,
];

/** A URL that names a document: its file (`openapi.json`, `swagger.yaml`) or the path frameworks serve it at. */
const DOCUMENT_URL =
  /(?:openapi|swagger|api[-_]?docs?|oas|spec|reference|schema)[^/?#]*\.(?:json|ya?ml)(?:[?#]|$)|\/(?:v\d+\/)?api-docs(?:[/?#.]|$)|\/openapi(?:[/?#]|$)/i;

/** `&quot;` and its kin: an attribute holding JSON (Scalar's `data-configuration`) escapes its quotes so. */
const unescapeHtml = (text: string) =>
  text
    .replace(/&(?:quot|#0*34|#x0*22);/gi, '"')
    .replace(/&(?:apos|#0*39|#x0*27);/gi, "'")
    .replace(/&amp;/gi, "&");

/**
 * The document URL in Scalar's `data-configuration` attribute, a JSON object (`{"url": …}`, or `{"spec": {"url":
 * …}}` in its first versions), whatever the URL looks like: the configuration names its document.
 */
function scalarConfigurationUrls(html: string): string[] {
  const urls: string[] = [];
  for (const match of html.matchAll(/\bdata-configuration\s*=\s*(["'])([\s\S]*?)\1/gi)) {
    let configuration: unknown;
    try {
      configuration = JSON.parse(unescapeHtml(match[2]!));
    } catch {
      continue;
    }
    const { url, spec } = (configuration ?? {}) as { url?: unknown; spec?: { url?: unknown } };
    for (const link of [url, spec?.url]) if (typeof link === "string" && link.trim()) urls.push(link.trim());
  }
  return urls;
}

/** The URLs the page loads or offers its OpenAPI document from, resolved against the page's own URL. */
export function documentLinks(html: string, pageUrl?: string): string[] {
  const found: string[] = [];
  const add = (link: string) => {
    const resolved = pageUrl && URL.canParse(link, pageUrl) ? new URL(link, pageUrl).href : link;
    if (!found.includes(resolved)) found.push(resolved);
  };
  for (const link of scalarConfigurationUrls(html)) add(link);
  for (const pattern of LINK_PATTERNS)
    for (const match of html.matchAll(pattern)) {
      const link = match[2]!.trim().replaceAll("&amp;", "&");
      // A renderer's own attribute names its document whatever the URL looks like; a plain `url:` or `href`
      // only where the URL looks like a document (a page has many links, a script many `url:`s).
      const named = /^(?:spec-url|data-url|apiDescriptionUrl|api-description-url|specUrl|Redoc\.init)/i.test(
        match[0],
      );
      if (!named && !DOCUMENT_URL.test(link)) continue;
      if (/^(?:javascript|data|mailto):/i.test(link) || link.startsWith("#")) continue;
      add(link);
    }
  return found;
}

/**
 * Where a Swagger UI page that names no document sets it: the stock `index.html` of Swagger UI 4 and later loads
 * `swagger-initializer.js`, whose `SwaggerUIBundle({ url })` names it, and `configUrl` points at a file with
 * `url`. The page is only advised on, so the message says which file to look in; it is not fetched.
 */
function swaggerConfigurationFiles(html: string, pageUrl?: string): string[] {
  const files = [
    ...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*(["'])([^"'<>]*swagger-initializer[^"'<>]*\.js[^"'<>]*)\1/gi),
    ...html.matchAll(/\bconfigUrl\s*:\s*(["'])([^"'<>]+)\1/g),
  ].map((match) => {
    const link = match[2]!.trim();
    return pageUrl && URL.canParse(link, pageUrl) ? new URL(link, pageUrl).href : link;
  });
  return [...new Set(files)];
}

/** The line of the first `<script>` holding an OpenAPI document's version key as JSON, if one does. */
function embeddedDocumentLine(html: string): number | undefined {
  for (const script of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    const at = /["'](?:openapi|swagger)["']\s*:\s*["']\d/.exec(script[1]!);
    if (!at) continue;
    const offset = script.index + script[0].indexOf(script[1]!) + at.index;
    return html.slice(0, offset).split("\n").length;
  }
  return undefined;
}

/**
 * Why an HTML page is not vendored, and what to vendor instead: the document URL the page names (resolved
 * against `pageUrl` when the page was downloaded), or where it embeds the document (at its line), or the
 * generic advice. `served` is the Content-Type that said the page was HTML, for the message.
 */
export function htmlPageError(
  file: string,
  html: string,
  options: { pageUrl?: string | undefined; served?: string | undefined } = {},
): InputError {
  const platform = PLATFORMS.find(([mark]) => mark.test(html))?.[1];
  const what = `is an HTML page${platform ? ` (${platform})` : ""}${options.served ? ` (Content-Type: ${options.served})` : ""}`;
  const links = documentLinks(html, options.pageUrl);
  if (links.length) {
    const relative = links.some((link) => !URL.canParse(link));
    return new InputError(
      file,
      `${what}, which is not read; it loads its OpenAPI document from ${links.join(", ")}${relative ? " (relative to the page's URL)" : ""}: ` +
        `vendor that instead (npm run vendor -- ${URL.canParse(links[0]!) ? links[0] : "<its URL>"})`,
    );
  }
  const configurations = platform === "Swagger UI" ? swaggerConfigurationFiles(html, options.pageUrl) : [];
  if (configurations.length)
    return new InputError(
      file,
      `${what}, which is not read; it names its OpenAPI document in ${configurations.join(", ")} (the \`url\` given there${configurations.some((c) => !URL.canParse(c)) ? ", relative to the page's URL" : ""}): ` +
        "vendor that document instead (npm run vendor -- <its URL>)",
    );
  const line = embeddedDocumentLine(html);
  if (line !== undefined)
    return new InputError(
      file,
      `${what}, which is not read; it embeds a rendering of its OpenAPI document in a <script> here, ` +
        "not the document as published: vendor the document itself (the reference's download link, or ask the provider for its URL), " +
        "or the page's Markdown (documentation platforms serve it at the page's URL with .md appended)",
      line,
    );
  return new InputError(
    file,
    `${what}, not Markdown or an OpenAPI document: an error or sign-in page, or the HTML rendering of a page (documentation platforms serve a page's Markdown at its URL with .md appended, and the document at the URL the reference's download link gives)`,
  );
}
