/**
 * What an editor shows on hover over a generated method or subpath export: the operation's summary and
 * description as the provider wrote them, whether it is deprecated, where it is documented, and the HTTP
 * call it makes, as a JSDoc comment. Also the name of the type each method resolves to (`DeleteIpResult`),
 * so hovers and error messages name it instead of spelling out the operation's whole shape.
 */
import { publicUrl } from "../public-url.js";
import type { Bundle } from "../spec/bundle.js";
import type { OperationRef } from "../spec/openapi-document.js";
import { isDocumentUrl } from "../vendor/index/page-url.js";

export interface OperationDocs {
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated?: true;
  /**
   * The operation's `externalDocs`, else the documentation page its vendored file was cut from (provenance
   * `url`, else `source`); never a raw OpenAPI document (Telnyx's 4 MB `spec3.yml`), which no reader opens
   * from a hover.
   */
  readonly link?: { readonly url: string; readonly title?: string };
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() ? value.trim() : undefined;

/** `METHOD /path` → the documentation of each operation of the bundle. */
export function operationDocs(bundle: Bundle, refs: Iterable<OperationRef>): Map<string, OperationDocs> {
  const sourceOf = new Map<string, string>();
  const page = (spec: Bundle["specs"][number]) =>
    spec.page ??
    (spec.source && URL.canParse(spec.source) && !isDocumentUrl(spec.source) ? spec.source : undefined);
  for (const spec of bundle.specs)
    for (const operation of spec.operations ?? []) {
      const url = page(spec);
      if (url && !sourceOf.has(operation)) sourceOf.set(operation, url);
    }
  const docs = new Map<string, OperationDocs>();
  for (const { method, path, operation } of refs) {
    const key = `${method.toUpperCase()} ${path}`;
    const external = operation.externalDocs as { url?: unknown; description?: unknown } | undefined;
    const url = text(external?.url) ?? sourceOf.get(key);
    const title = text(external?.url) ? text(external?.description) : undefined;
    docs.set(key, {
      ...(text(operation.summary) ? { summary: text(operation.summary) } : {}),
      ...(text(operation.description) ? { description: text(operation.description) } : {}),
      ...(operation.deprecated === true ? { deprecated: true as const } : {}),
      // A link ships in the package: a provenance written before tokens were kept out of it still has one.
      ...(url ? { link: { url: publicUrl(url), ...(title ? { title } : {}) } } : {}),
    });
  }
  return docs;
}

/**
 * Type names from method names, capitalised and nothing else, so distinct methods (unique by construction)
 * give distinct types: `deleteIp` → `DeleteIpResult`, `DeleteIpOperation` and `DeleteIpEndpoint`.
 */
const typeStem = (method: string) => method.charAt(0).toUpperCase() + method.slice(1);
/** The name of the type a method resolves to: `deleteIp` → `DeleteIpResult`. */
export const resultTypeName = (method: string) => `${typeStem(method)}Result`;
/** The name of a subpath module's type for the operation a method calls: `deleteIp` → `DeleteIpOperation`. */
export const operationTypeName = (method: string) => `${typeStem(method)}Operation`;
/** The name of a subpath module's type for a method's row: `deleteIp` → `DeleteIpEndpoint`. */
export const endpointTypeName = (method: string) => `${typeStem(method)}Endpoint`;

/** Text inside a JSDoc comment: `*\/` would end it early, and a line starting with `@` would be read as a tag. */
const commentText = (line: string) => line.replace(/\*\//g, "*\\/").replace(/^(\s*)@/, "$1\\@");

/**
 * The JSDoc block of an operation, indented by `indent`: summary, description (its own line breaks kept,
 * so Markdown lists and code survive), the call, `@deprecated` and `@see`.
 */
export function jsDoc(docs: OperationDocs | undefined, call: string, indent = ""): string {
  const paragraphs: string[] = [];
  if (docs?.summary) paragraphs.push(docs.summary);
  // A description that only repeats the summary says nothing twice.
  if (docs?.description && docs.description !== docs.summary) paragraphs.push(docs.description);
  paragraphs.push(`\`${call}\``);
  const lines = paragraphs
    .join("\n\n")
    .split(/\r?\n/)
    .map((line) => commentText(line.trimEnd()));
  if (docs?.deprecated) lines.push("@deprecated The provider marks this operation as deprecated.");
  if (docs?.link)
    lines.push(
      `@see ${commentText(docs.link.url)}${docs.link.title ? ` ${commentText(docs.link.title)}` : ""}`,
    );
  return [
    `${indent}/**`,
    ...lines.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)),
    `${indent} */`,
  ].join("\n");
}
