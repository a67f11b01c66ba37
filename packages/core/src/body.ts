/**
 * Request bodies written as the operation's media type says (the table records it per operation):
 * - JSON (`application/json`, `*+json`): `JSON.stringify`;
 * - `application/x-www-form-urlencoded`: fields as `key=value`, arrays repeated (`a=1&a=2`), nested
 *   objects as `key[inner]=value`, as form-encoded APIs (Twilio's among them) read them;
 * - `multipart/form-data`: a `FormData`, Blobs as files, arrays as repeated fields, objects as JSON;
 *   fetch writes the Content-Type with its boundary, so none is set here;
 * - anything else (octet-stream, audio, `text/*`, `*\/*`): sent as given (a Blob, bytes, a stream, a
 *   string), with the media type as Content-Type unless it is a wildcard.
 * A `FormData`, `URLSearchParams`, Blob or byte array given by the caller always goes out unchanged.
 */

export interface SerializedBody {
  readonly body: BodyInit;
  /** The Content-Type header to send, or undefined to let fetch decide (FormData, Blobs with a type). */
  readonly contentType: string | undefined;
}

const isJson = (mediaType: string) =>
  /^application\/(.+\+)?json\b/i.test(mediaType) || mediaType === "*/*+json";

function isRaw(body: unknown): body is BodyInit {
  return (
    typeof body === "string" ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    (typeof ReadableStream !== "undefined" && body instanceof ReadableStream)
  );
}

const field = (value: unknown) =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

function formFields(
  value: Record<string, unknown>,
  prefix = "",
  out = new URLSearchParams(),
): URLSearchParams {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (inner === undefined || inner === null) continue;
    if (Array.isArray(inner)) for (const item of inner) out.append(name, field(item));
    else if (typeof inner === "object" && !(inner instanceof Date))
      formFields(inner as Record<string, unknown>, name, out);
    else out.append(name, field(inner));
  }
  return out;
}

function multipart(value: Record<string, unknown>): FormData {
  const form = new FormData();
  const append = (name: string, item: unknown) => {
    if (item === undefined || item === null) return;
    if (item instanceof Blob) form.append(name, item, "name" in item ? String(item.name) : name);
    else form.append(name, field(item));
  };
  for (const [key, inner] of Object.entries(value)) {
    if (Array.isArray(inner)) for (const item of inner) append(key, item);
    else append(key, inner);
  }
  return form;
}

export function serializeBody(body: unknown, mediaType = "application/json"): SerializedBody {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  const wildcard = type.includes("*");
  if (body instanceof FormData) return { body, contentType: undefined };
  // For JSON a string is a JSON string value, not pre-serialised text.
  if (isJson(type) && (typeof body === "string" || !isRaw(body)))
    return { body: JSON.stringify(body), contentType: mediaType };
  if (type === "application/x-www-form-urlencoded" && !isRaw(body) && typeof body === "object" && body) {
    return { body: formFields(body as Record<string, unknown>).toString(), contentType: mediaType };
  }
  if (type === "multipart/form-data" && !isRaw(body) && typeof body === "object" && body) {
    return { body: multipart(body as Record<string, unknown>), contentType: undefined };
  }
  if (isRaw(body)) {
    const blobType = body instanceof Blob && body.type ? body.type : undefined;
    return { body, contentType: wildcard ? (blobType ?? "application/octet-stream") : mediaType };
  }
  // A plain value for a media type that is not JSON: JSON is the one text form every value has.
  return { body: JSON.stringify(body), contentType: wildcard ? "application/json" : mediaType };
}
