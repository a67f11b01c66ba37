/**
 * Request bodies written as the operation's media type says:
 * - JSON (`application/json`, `*+json`, and any plain value for a media type with no encoder):
 *   `JSON.stringify`;
 * - `application/x-www-form-urlencoded` (`formBody`): fields as `key=value`, arrays repeated (`a=1&a=2`),
 *   nested objects as `key[inner]=value`, as form-encoded APIs (Twilio's among them) read them;
 * - `multipart/form-data` (`multipartBody`): a `FormData`, Blobs as files, arrays as repeated fields,
 *   objects as JSON; fetch writes the Content-Type with its boundary, so none is set here;
 * - anything else (octet-stream, audio, `text/*`, `*\/*`): sent as given (a Blob, bytes, a stream, a
 *   string), with the media type as Content-Type unless it is a wildcard.
 * A `FormData`, `URLSearchParams`, Blob or byte array given by the caller always goes out unchanged.
 *
 * The two form encoders are not built in: the generator writes `encode: formBody` into the table row of an
 * operation that takes a form, so an app bundles them only if it calls such an operation.
 */

/** Writes a plain object as a request body of one media type. */
export type BodyEncoder = (body: Readonly<Record<string, unknown>>) => BodyInit;

export interface SerializedBody {
  readonly body: BodyInit;
  /** The Content-Type header to send, or undefined to let fetch decide (FormData). */
  readonly contentType: string | undefined;
}

const isRaw = (body: unknown): body is BodyInit =>
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
 * The body as the runtime sends it. `encode` comes from the operation's table row; without one, a form
 * media type cannot be written and is refused rather than sent as JSON under a form's Content-Type.
 */
export function encodeBody(body: unknown, mediaType: string, encode?: BodyEncoder): SerializedBody {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (body instanceof FormData) return { body, contentType: undefined };
  // For JSON a string is a JSON string value, not pre-serialised text.
  const json = /^application\/(.+\+)?json\b|^\*\/\*\+json$/.test(type);
  if (isRaw(body) && !(json && typeof body === "string")) {
    const blobType = body instanceof Blob ? body.type : "";
    return {
      body,
      contentType: type.includes("*") ? blobType || "application/octet-stream" : mediaType,
    };
  }
  if (!json && body && typeof body === "object") {
    if (encode) {
      const encoded = encode(body as Record<string, unknown>);
      return { body: encoded, contentType: encoded instanceof FormData ? undefined : mediaType };
    }
    if (type.includes("form"))
      throw new TypeError(`a ${type} body needs an encoder (formBody, multipartBody)`);
  }
  // A plain value for any other media type: JSON is the one text form every value has.
  return { body: JSON.stringify(body), contentType: type.includes("*") ? "application/json" : mediaType };
}

/** `application/x-www-form-urlencoded` fields, arrays repeated and nested objects bracketed. */
export const formBody: BodyEncoder = (value) => {
  const form = new URLSearchParams();
  const add = (prefix: string, object: Readonly<Record<string, unknown>>) => {
    for (const [key, inner] of Object.entries(object)) {
      const name = prefix ? `${prefix}[${key}]` : key;
      if (inner == null) continue;
      if (Array.isArray(inner)) for (const item of inner) form.append(name, field(item));
      else if (typeof inner === "object" && !(inner instanceof Date))
        add(name, inner as Record<string, unknown>);
      else form.append(name, field(inner));
    }
  };
  add("", value);
  return form.toString();
};

/** `multipart/form-data`: Blobs as files (named by their `name`, else the field), arrays repeated. */
export const multipartBody: BodyEncoder = (value) => {
  const form = new FormData();
  for (const [key, inner] of Object.entries(value)) {
    for (const item of Array.isArray(inner) ? inner : [inner]) {
      if (item instanceof Blob) form.append(key, item, "name" in item ? String(item.name) : key);
      else if (item != null) form.append(key, field(item));
    }
  }
  return form;
};

/** `encodeBody` with the encoder chosen by media type: for bodies written by hand, outside a table. */
export const serializeBody = (body: unknown, mediaType = "application/json"): SerializedBody =>
  encodeBody(
    body,
    mediaType,
    /multipart\/form-data/i.test(mediaType)
      ? multipartBody
      : /x-www-form-urlencoded/i.test(mediaType)
        ? formBody
        : undefined,
  );
