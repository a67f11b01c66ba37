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

/** The title that names a vendored document's one operation, if it has one. */
export function operationPageTitle(
  provenance: { page?: unknown; title?: unknown },
  infoTitle: unknown,
  operations: number,
): string | undefined {
  const { page, title } = provenance;
  if (operations !== 1 || typeof page !== "string" || !isPageFile(page)) return undefined;
  return typeof title === "string" && title.trim() !== "" && title !== infoTitle ? title : undefined;
}
