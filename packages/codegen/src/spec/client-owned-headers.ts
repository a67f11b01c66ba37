/**
 * Header parameters a caller cannot meaningfully give, taken out of the bundle before anything is generated
 * from it, so that the types never ask for them and the mocks never expect them apart from what the client
 * sends:
 *
 * - `Authorization` and `Content-Type`, which OpenAPI says SHALL be ignored as parameters: the client sends
 *   the credential its security scheme names and the media type of the body it writes (Synthflow's pages
 *   declare `Authorization` on every operation);
 * - the headers fetch sets itself from the request and refuses or contradicts when given: `Content-Length`
 *   (Azure's documents declare it; undici fails the request with a length mismatch), `Host`, `Connection`,
 *   `Keep-Alive`, `Transfer-Encoding`, `TE`, `Trailer`, `Upgrade`, `Expect`; and `Accept-Encoding`, which fetch
 *   sends itself (undici's "gzip, deflate", a browser's own) and answers by decoding the body, so a caller's
 *   value gains nothing (a browser drops it), and a spec's enum of one coding (Amadeus' `gzip`, `identity`)
 *   only makes every real request break it.
 *
 * `Accept` stays: an operation's `Accept` parameter says which media type it answers with (operation-table.ts).
 */
import { deref, HTTP_METHODS, type OpenApiDocument } from "./openapi-document.js";

const CLIENT_OWNED = new Set([
  "authorization",
  "content-type",
  "content-length",
  "accept-encoding",
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
]);

/**
 * Whether a header parameter of this name is the client's and no input of a method: one of those above, which
 * the bundle drops, or `Accept`, which the operation table keeps as the row's media type.
 */
export const isClientHeader = (name: string): boolean =>
  CLIENT_OWNED.has(name.toLowerCase()) || name.toLowerCase() === "accept";

const owned = (doc: OpenApiDocument, raw: unknown): boolean => {
  let param: any;
  try {
    param = deref(doc, raw);
  } catch {
    return false; // a dangling reference is the checks' to report, before this runs
  }
  return param?.in === "header" && CLIENT_OWNED.has(String(param.name).toLowerCase());
};

/** Removes those parameters from every path item and operation of `doc`; returns how many it removed. */
export function dropClientOwnedHeaders(doc: OpenApiDocument): number {
  let removed = 0;
  const filter = (holder: Record<string, any>) => {
    if (!Array.isArray(holder.parameters)) return;
    const kept = holder.parameters.filter((p: unknown) => !owned(doc, p));
    removed += holder.parameters.length - kept.length;
    holder.parameters = kept;
  };
  for (const item of Object.values(doc.paths ?? {})) {
    if (!item || typeof item !== "object" || typeof (item as any).$ref === "string") continue;
    filter(item as Record<string, any>);
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, any>)[method];
      if (operation && typeof operation === "object") filter(operation);
    }
  }
  return removed;
}
