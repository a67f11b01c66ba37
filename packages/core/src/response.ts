/**
 * Reading a response body by what it says it is. openapi-fetch, by contrast, throws an unhandled
 * SyntaxError on malformed JSON, parses every body as JSON, and returns no error for an empty error body.
 */
export type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream";

/**
 * A response body by what it says it is, with its text when it had one: parsed JSON for JSON types (an
 * empty body, with or without Content-Length, is `undefined`), a string for text and XML, a Blob for
 * anything else (audio, images, files), nothing for 204, 205, 304 and HEAD, or what `parseAs` asks for.
 *
 * An error body (`redact` given) has credentials redacted first, since servers do echo them ("invalid
 * token sk_…") and errors get logged and printed; and one that is not the JSON it claims stays text, as
 * the HTTP error is what the caller needs to see. A success body that is not throws a SyntaxError naming
 * the status and Content-Type, which the pipeline reports as an `invalid_response` error.
 */
export async function readBody(
  response: Response,
  method: string,
  parseAs?: ParseAs,
  redact?: (text: string) => string,
): Promise<[body?: unknown, text?: string]> {
  const { status } = response;
  if (status === 204 || status === 205 || status === 304 || method === "HEAD")
    return [await response.body?.cancel()];
  if (parseAs && parseAs !== "json")
    return [parseAs === "stream" ? response.body : await response[parseAs]()];
  const type = response.headers.get("content-type") ?? "";
  // JSON, text/*, XML, forms, JavaScript, and an absent Content-Type are text; everything else a Blob.
  if (!/json|^text\/|xml|urlencoded|javascript|^$/i.test(type)) return [await response.blob()];
  let text = await response.text();
  if (!text) return [];
  if (redact) text = redact(text);
  // A success body typed as something other than JSON is what it says, even if it looks like JSON.
  const json = /[/+]json\b/i.test(type);
  if (!redact && type && !json) return [text, text];
  try {
    return [JSON.parse(text), text];
  } catch (cause) {
    if (redact || !json) return [text, text];
    throw new SyntaxError(
      `${status} response with Content-Type ${type} is not valid JSON (${(cause as Error).message})`,
    );
  }
}
