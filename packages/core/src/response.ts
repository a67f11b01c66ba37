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

/** No body to read: 204, 205 and 304, and any answer to HEAD. */
const bodiless = (response: Response, method: string) =>
  response.status === 204 || response.status === 205 || response.status === 304 || method === "HEAD";

/**
 * The body of a successful response: parsed JSON for JSON types (an empty body, with or without
 * Content-Length, is `undefined`), a string for text and XML, a Blob for anything else (audio, images,
 * files), or exactly what `parseAs` asks for.
 */
export async function readData(response: Response, method: string, parseAs?: ParseAs): Promise<unknown> {
  if (bodiless(response, method)) {
    await response.body?.cancel();
    return undefined;
  }
  if (parseAs && parseAs !== "json") return parseAs === "stream" ? response.body : response[parseAs]();
  const type = response.headers.get("content-type") ?? "";
  if (!TEXT_TYPE.test(type)) return response.blob();
  const text = await response.text();
  if (!text) return undefined;
  if (JSON_TYPE.test(type)) {
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new MalformedJson(response.status, type, cause);
    }
  }
  return type ? text : parseLoosely(text);
}

/**
 * The body of an error response, typed (`body`) and as text (`text`, for text bodies), with credentials
 * redacted: servers do echo them ("invalid token sk_…"), and errors get logged and printed. A body that is
 * not the JSON it claims stays text: the HTTP error is what the caller needs to see.
 */
export async function readErrorBody(
  response: Response,
  method: string,
  redact: (text: string) => string,
): Promise<{ body: unknown; text: string | undefined }> {
  if (bodiless(response, method)) return { body: undefined, text: undefined };
  if (!TEXT_TYPE.test(response.headers.get("content-type") ?? ""))
    return { body: await response.blob(), text: undefined };
  const text = redact(await response.text()) || undefined;
  return { body: text && parseLoosely(text), text };
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
