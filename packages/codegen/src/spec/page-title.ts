/**
 * A documentation page's title names the operation the page is about ("Create SIP Trunk" → `createSipTrunk`).
 * Only a title that is the page's own counts: a page's first heading, recorded in its provenance, for a
 * document of one operation; not the `info.title` a bare spec or a page without a heading is recorded with.
 */

/** The file types `vendor` reads as documentation pages (anything else is a bare spec). */
export const PAGE_EXTENSIONS = new Set([".md", ".markdown", ".mdx", ".txt"]);

const extensionOf = (file: string) => /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";

export function isPageFile(file: string): boolean {
  return PAGE_EXTENSIONS.has(extensionOf(file));
}

/**
 * The title that names a vendored document's one operation, if it has one. A page is a file of a page's type,
 * or one downloaded from a documentation index, whose URLs often have no extension
 * (`https://docs.acme.example/create-widget`): its provenance has the `url` and is not `kind: document`.
 */
export function operationPageTitle(
  provenance: { page?: unknown; title?: unknown; nameTitle?: unknown; url?: unknown; kind?: unknown },
  infoTitle: unknown,
  operations: number,
): string | undefined {
  const { page } = provenance;
  // A page retitled since keeps the name its first title gave (vendor/vendored-files.ts, `nameTitle`).
  const title = typeof provenance.nameTitle === "string" ? provenance.nameTitle : provenance.title;
  const downloadedPage = typeof provenance.url === "string" && provenance.kind !== "document";
  if (operations !== 1 || typeof page !== "string" || !(isPageFile(page) || downloadedPage)) return undefined;
  return typeof title === "string" && title.trim() !== "" && title !== infoTitle ? title : undefined;
}
