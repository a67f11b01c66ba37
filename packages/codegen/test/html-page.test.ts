/**
 * HTML pages handed to `vendor` (vendor/html-page.ts): never read, but each says what to vendor instead: the
 * document URL its renderer loads (Swagger UI, Redoc, Scalar, Stoplight Elements, RapiDoc, a download link),
 * or the line where it embeds a rendering of the document (Redoc's state, ReadMe's props), or the generic
 * advice. Written for each platform's own markup, not one page's.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentLinks, htmlPageError } from "../src/vendor/html-page.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { catchInputError, removedAfterEach, tempRepo } from "./helpers.js";

const temp = removedAfterEach(tempRepo);
const page = (body: string, head = "") =>
  `<!DOCTYPE html>\n<html>\n<head><title>API</title>${head}</head>\n<body>\n${body}\n</body>\n</html>\n`;
const PAGE_URL = "https://docs.acme.example/reference/index.html";

describe("the document a reference page loads", () => {
  it.each([
    [
      "Swagger UI",
      `<script>SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true })</script>`,
      ["https://docs.acme.example/openapi.json"],
    ],
    [
      "Swagger UI with several documents",
      `<script>SwaggerUIBundle({ urls: [{ url: "v1/swagger.yaml", name: "v1" }, { url: "v2/swagger.yaml", name: "v2" }] })</script>`,
      [
        "https://docs.acme.example/reference/v1/swagger.yaml",
        "https://docs.acme.example/reference/v2/swagger.yaml",
      ],
    ],
    ["Redoc", `<redoc spec-url="https://api.acme.example/spec"></redoc>`, ["https://api.acme.example/spec"]],
    [
      "Redoc.init",
      `<script>Redoc.init('./api.yaml', {}, el)</script>`,
      ["https://docs.acme.example/reference/api.yaml"],
    ],
    [
      "Scalar",
      `<script id="api-reference" data-url="https://api.acme.example/v3/api-docs"></script>`,
      ["https://api.acme.example/v3/api-docs"],
    ],
    [
      "Scalar's configuration, its quotes escaped",
      `<script id="api-reference" data-configuration="{&quot;url&quot;:&quot;https://api.acme.example/v1/spec&quot;,&quot;theme&quot;:&quot;purple&quot;}"></script>`,
      ["https://api.acme.example/v1/spec"],
    ],
    [
      "Scalar's first configuration form",
      `<script id="api-reference" data-configuration='{"spec":{"url":"/openapi.json"}}'></script>`,
      ["https://docs.acme.example/openapi.json"],
    ],
    [
      "a configuration in JSON",
      `<script type="application/json">{"dom_id": "#ui", "url": "/v2/openapi.yaml"}</script>`,
      ["https://docs.acme.example/v2/openapi.yaml"],
    ],
    [
      "Stoplight Elements",
      `<elements-api apiDescriptionUrl="/specs/acme.yaml" router="hash"></elements-api>`,
      ["https://docs.acme.example/specs/acme.yaml"],
    ],
    [
      "a download link",
      `<a href="/static/main.css">style</a><a href="https://acme.example/pricing">Pricing</a><a href="/downloads/openapi.yaml?v=2&amp;x=1" download>OpenAPI</a>`,
      ["https://docs.acme.example/downloads/openapi.yaml?v=2&x=1"],
    ],
  ])("%s", (_, body, links) => {
    expect(documentLinks(page(body), PAGE_URL)).toEqual(links);
  });

  it("takes no link that does not look like a document, unless a renderer's attribute names it", () => {
    const body = `<a href="/pricing.json">p</a><script>fetch({ url: "/api/v1/calls" }); const manifest = { url: "site.webmanifest" }</script>`;
    expect(documentLinks(page(body), PAGE_URL)).toEqual([]);
  });

  it("says the link and the command, resolved, or relative when the page's URL is not known", () => {
    const swagger = page(`<script>SwaggerUIBundle({ url: "/openapi.json" })</script>`);
    expect(htmlPageError(PAGE_URL, swagger, { pageUrl: PAGE_URL, served: "text/html" }).message).toBe(
      `${PAGE_URL}: is an HTML page (Swagger UI) (Content-Type: text/html), which is not read; it loads its OpenAPI document from https://docs.acme.example/openapi.json: vendor that instead (npm run vendor -- https://docs.acme.example/openapi.json)`,
    );
    expect(htmlPageError("docs.html", swagger).message).toBe(
      "docs.html: is an HTML page (Swagger UI), which is not read; it loads its OpenAPI document from /openapi.json (relative to the page's URL): vendor that instead (npm run vendor -- <its URL>)",
    );
  });
});

describe("Swagger UI's stock page, which names its document in another file", () => {
  it.each([
    [
      "swagger-initializer.js (Swagger UI 4 and later)",
      `<div id="swagger-ui"></div>\n<script src="./swagger-ui-bundle.js" charset="UTF-8"></script>\n<script src="./swagger-initializer.js" charset="UTF-8"></script>`,
      "https://docs.acme.example/reference/swagger-initializer.js",
    ],
    [
      "configUrl",
      `<div id="swagger-ui"></div>\n<script>window.ui = SwaggerUIBundle({ configUrl: "/swagger-config.yaml", dom_id: "#swagger-ui" })</script>`,
      "https://docs.acme.example/swagger-config.yaml",
    ],
  ])("%s: the message says which file to look in", (_, body, file) => {
    expect(htmlPageError(PAGE_URL, page(body), { pageUrl: PAGE_URL }).message).toBe(
      `${PAGE_URL}: is an HTML page (Swagger UI), which is not read; it names its OpenAPI document in ${file} (the \`url\` given there): vendor that document instead (npm run vendor -- <its URL>)`,
    );
  });

  it("relative when the page's URL is not known", () => {
    const body = `<div id="swagger-ui"></div><script src="swagger-initializer.js"></script>`;
    expect(htmlPageError("index.html", page(body)).message).toBe(
      "index.html: is an HTML page (Swagger UI), which is not read; it names its OpenAPI document in swagger-initializer.js (the `url` given there, relative to the page's URL): vendor that document instead (npm run vendor -- <its URL>)",
    );
  });
});

describe("a page that embeds a rendering of its document", () => {
  it.each([
    [
      "Redoc",
      `<div id="redoc"></div>\n<script>\nconst __redoc_state = {"spec":{"data":{"openapi":"3.0.0","info":{"title":"Acme","version":"1"},"paths":{}}}};\nRedoc.hydrate(__redoc_state, el);\n</script>`,
      7,
    ],
    [
      "ReadMe",
      `<div id="ssr-root"></div>\n<script id="ssr-props" type="application/json">{"document":{"api":{"schema":{"openapi":"3.1.0"}}}}</script>`,
      6,
    ],
  ])("%s: said at the line of its script's version key", (platform, body, line) => {
    const error = htmlPageError("ref.html", page(body));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(
      new RegExp(
        `^ref\\.html:${line}: is an HTML page \\(${platform}\\), which is not read; it embeds a rendering of its OpenAPI document in a <script> here, not the document as published: vendor the document itself`,
      ),
    );
  });

  it("a page with neither gets the generic advice", () => {
    expect(htmlPageError("x.html", page("<p>Sign in</p>")).message).toBe(
      "x.html: is an HTML page, not Markdown or an OpenAPI document: an error or sign-in page, or the HTML rendering of a page (documentation platforms serve a page's Markdown at its URL with .md appended, and the document at the URL the reference's download link gives)",
    );
  });
});

describe("vendor given an HTML page", () => {
  it("a saved .html page, or a .txt that is HTML, is refused with what to vendor, and nothing is written", () => {
    const root = temp([]);
    const html = page(`<redoc spec-url="https://api.acme.example/openapi.yaml"></redoc>`);
    for (const name of ["reference.html", "reference.htm", "reference.txt"]) {
      const file = join(root, name);
      writeFileSync(file, html);
      const error = catchInputError(() => planVendor([file], { root, provider: "acme", date: "2026-01-01" }));
      expect(error.message).toBe(
        `${file}: is an HTML page (Redoc), which is not read; it loads its OpenAPI document from https://api.acme.example/openapi.yaml: vendor that instead (npm run vendor -- https://api.acme.example/openapi.yaml)`,
      );
    }
  });
});
