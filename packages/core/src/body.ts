/**
 * Request bodies written as the operation's media type says:
 * - JSON (`application/json`, `*+json`): `JSON.stringify`;
 * - `application/x-www-form-urlencoded` (`formBody`): fields as `key=value`, arrays repeated (`a=1&a=2`),
 *   nested objects as `key[inner]=value`, as form-encoded APIs (Twilio's among them) read them;
 * - `multipart/form-data` (`multipartBody`): a `FormData`, Blobs as files, arrays as repeated fields,
 *   objects as JSON; fetch writes the Content-Type with its boundary, so none is set here;
 * - anything else (`rawBody`: octet-stream, audio, `text/*`, `*\/*`): sent as given (a Blob, bytes, a stream, a
 *   string), with the media type as Content-Type unless it is a wildcard.
 * A `FormData`, `URLSearchParams`, Blob or byte array given by the caller always goes out unchanged.
 *
 * Only JSON is built in: the generator writes `encode: formBody` (or `multipartBody`, `rawBody`) into the
 * table row of an operation that takes anything else, so an app bundles an encoder only if it calls such an
 * operation.
 */

/**
 * Writes a request body for a media type: the bytes to send and the Content-Type header (none for a
 * FormData, whose boundary fetch writes). Rows without one send JSON.
 */
export type BodyEncoder = (body: any, mediaType: string) => EncodedBody;
/**
 * What fetch sends as a body: the DOM's `BodyInit`, named from `Response` so that the declarations need no
 * `dom` lib (a Node project's `lib: ["es2022"]` with `types: ["node"]` has no global `BodyInit`).
 */
export type FetchBody = NonNullable<ConstructorParameters<typeof Response>[0]>;

export type EncodedBody = [body: FetchBody, contentType: string | undefined];

const isRaw = (body: unknown): body is FetchBody =>
  typeof body === "string" ||
  body instanceof Blob ||
  body instanceof ArrayBuffer ||
  ArrayBuffer.isView(body) ||
  body instanceof FormData ||
  body instanceof URLSearchParams ||
  body instanceof ReadableStream;

const field = (value: unknown) =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/**
 * JSON, what every row without an `encode` sends; a string is a JSON string value, not JSON text. Any
 * other media type is refused rather than sent as JSON under a Content-Type that says otherwise.
 */
export const jsonBody: BodyEncoder = (body, mediaType) => {
  if (!/json/i.test(mediaType)) throw new TypeError(`a ${mediaType} body needs an encoder in its row`);
  return [JSON.stringify(body), mediaType];
};

/**
 * `application/x-www-form-urlencoded` fields, nested objects bracketed (`metadata[plan]=pro`); arrays
 * repeated (`tag=a&tag=b`, OpenAPI's default form style), or, `indexed`, each item under its index
 * (`items[0][price]=p_1`, `expand[0]=a`): what a body whose `encoding` declares `style: deepObject` takes
 * (Stripe's, read by `qs`), where an array of objects has no other form (repeated, each is its JSON text).
 */
const urlencoded =
  (indexed: boolean): BodyEncoder =>
  (value, mediaType) => {
    if (isRaw(value)) return rawBody(value, mediaType);
    const form = new URLSearchParams();
    const add = (name: string, inner: unknown): void => {
      if (inner == null) return;
      if (Array.isArray(inner))
        inner.forEach((item, i) => {
          if (indexed) add(`${name}[${i}]`, item);
          else form.append(name, field(item));
        });
      else if (typeof inner === "object" && !(inner instanceof Date))
        for (const [key, item] of Object.entries(inner)) add(name ? `${name}[${key}]` : key, item);
      else form.append(name, field(inner));
    };
    add("", value);
    return [form.toString(), mediaType];
  };

// Marked pure: made by a call, they are otherwise kept in every bundle, whether an app sends a form or not.
/** A form body, arrays repeated (see `urlencoded`). */
export const formBody: BodyEncoder = /* @__PURE__ */ urlencoded(false);

/** A form body whose `encoding` declares `style: deepObject`: arrays' items under their index (`urlencoded`). */
export const deepFormBody: BodyEncoder = /* @__PURE__ */ urlencoded(true);

/** `multipart/form-data`: Blobs as files (named by their `name`, else the field), arrays repeated. */
export const multipartBody: BodyEncoder = (value, mediaType) => {
  if (isRaw(value)) return rawBody(value, mediaType);
  const form = new FormData();
  for (const [key, inner] of Object.entries<unknown>(value)) {
    for (const item of Array.isArray(inner) ? inner : [inner]) {
      if (item instanceof Blob) form.append(key, item, "name" in item ? String(item.name) : key);
      else if (item != null) form.append(key, field(item));
    }
  }
  return [form, undefined];
};

/**
 * An operation that takes JSON or multipart (Telnyx's faxes and media: a file's URL as JSON, or the file
 * itself): a body holding a file (a Blob, or a list with one) goes out as multipart, as does a FormData
 * given as it is; any other as JSON, the row's media type.
 */
export const jsonOrMultipartBody: BodyEncoder = (value, mediaType) =>
  value instanceof FormData ||
  (value !== null &&
    typeof value === "object" &&
    !isRaw(value) &&
    Object.values(value).some((inner) => [inner].flat().some((item) => item instanceof Blob)))
    ? multipartBody(value, "multipart/form-data")
    : jsonBody(value, mediaType);

/**
 * A body documented as JSON or as bytes (Deepgram's `/v1/listen`: a URL as JSON, or the audio itself): a Blob,
 * an ArrayBuffer or bytes go out as they are, under the Blob's type or the caller's Content-Type header
 * (`application/octet-stream` else); anything else as JSON. `JSON.stringify(blob)` is `{}`.
 */
export const jsonOrRawBody: BodyEncoder = (value, mediaType) =>
  isRaw(value) && typeof value !== "string" ? rawBody(value, "*/*") : jsonBody(value, mediaType);

/**
 * Any other media type (octet-stream, audio, `text/*`, `*\/*`): a Blob, bytes, a stream or a string
 * goes out as given, typed by the media type, or for a wildcard by the Blob's own type. A plain value is
 * sent as JSON, the one text form every value has.
 */
export const rawBody: BodyEncoder = (body, mediaType) => {
  const wildcard = mediaType.includes("*");
  if (body instanceof FormData) return [body, undefined];
  if (!isRaw(body)) return [JSON.stringify(body), wildcard ? "application/json" : mediaType];
  const blobType = body instanceof Blob ? body.type : "";
  return [body, wildcard ? blobType || "application/octet-stream" : mediaType];
};

/** The encoder for a media type, for bodies written outside a table (raw calls, hand-written code). */
export function encoderFor(mediaType: string): BodyEncoder {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded"
    ? formBody
    : type === "multipart/form-data"
      ? multipartBody
      : /^application\/(.+\+)?json$/.test(type)
        ? (body, media) =>
            isRaw(body) && typeof body !== "string" ? rawBody(body, media) : jsonBody(body, media)
        : rawBody;
}

/** A body written as `mediaType` says, with the Content-Type to send (undefined: fetch sets it). */
export function serializeBody(
  body: unknown,
  mediaType = "application/json",
): { body: FetchBody; contentType: string | undefined } {
  const [encoded, contentType] = encoderFor(mediaType)(body, mediaType);
  return { body: encoded, contentType };
}
