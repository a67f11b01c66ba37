/**
 * Reading a response body by what it says it is. openapi-fetch, by contrast, throws an unhandled
 * SyntaxError on malformed JSON, parses every body as JSON, and returns no error for an empty error body.
 */
export type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream";

/** A success body that says it is JSON and is not; becomes an `invalid_response` error. */
export class MalformedJson extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string,
    cause: unknown,
  ) {
    super(
      `${status} response with Content-Type ${contentType} is not valid JSON (${(cause as Error).message})`,
    );
  }
}

const JSON_TYPE = /[/+]json\b/i;
// Bodies that are text: JSON, text/*, XML, forms, JavaScript; an absent Content-Type is read as text too.
const TEXT_TYPE = /json|^text\/|xml|urlencoded|javascript|^$/i;

/**
 * A response body by what it says it is, with its text when it had one: parsed JSON for JSON types (an
 * empty body, with or without Content-Length, is `undefined`), a string for text and XML, a Blob for
 * anything else (audio, images, files), nothing for 204, 205, 304 and HEAD, or what `parseAs` asks for.
 *
 * An error body (`redact` given) has credentials redacted first, since servers do echo them ("invalid
 * token sk_…") and errors get logged and printed; and one that is not the JSON it claims stays text, as
 * the HTTP error is what the caller needs to see. A success body that is not throws `MalformedJson`.
 */
export async function readBody(
  response: Response,
  method: string,
  parseAs?: ParseAs,
  redact?: (text: string) => string,
): Promise<[body: unknown, text?: string]> {
  const { status } = response;
  if (status === 204 || status === 205 || status === 304 || method === "HEAD")
    return [await response.body?.cancel()];
  if (parseAs && parseAs !== "json")
    return [parseAs === "stream" ? response.body : await response[parseAs]()];
  const type = response.headers.get("content-type") ?? "";
  if (!TEXT_TYPE.test(type)) return [await response.blob()];
  const text = await response.text();
  if (!text) return [undefined];
  if (redact) return [parseLoosely(redact(text)), redact(text)];
  if (!JSON_TYPE.test(type)) return [type ? text : parseLoosely(text), text];
  try {
    return [JSON.parse(text), text];
  } catch (cause) {
    throw new MalformedJson(status, type, cause);
  }
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
