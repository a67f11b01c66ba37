/**
 * Turning a call's inputs into what fetch sends: query string, headers, body. Every result can be sent
 * again unchanged on a retry.
 */

/**
 * `a=1&ids=1&ids=2&filter[status]=active`: arrays exploded (OpenAPI's default `form` style), objects as
 * `deepObject` (Telnyx's `filter[...]`, `page[...]`), names kept readable (brackets literal), values encoded.
 */
export function serializeQuery(query: Readonly<Record<string, unknown>>): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    } else if (value !== undefined && value !== null) {
      pairs.push(
        `${encodeURIComponent(name).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${encodeURIComponent(String(value))}`,
      );
    }
  };
  for (const [name, value] of Object.entries(query)) add(name, value);
  return pairs.join("&");
}

/** Merges header sources into `target` with lower-cased names; `null` removes a header, as in openapi-fetch. */
export function mergeHeaders(target: Record<string, string>, ...sources: unknown[]): Record<string, string> {
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of source instanceof Headers ? source : Object.entries(source)) {
      if (value === null) delete target[name.toLowerCase()];
      else if (value !== undefined) target[name.toLowerCase()] = String(value);
    }
  }
  return target;
}

/**
 * JSON for JSON media types and by default, form encoding for `application/x-www-form-urlencoded`, and
 * what fetch already sends as is (FormData, Blob, bytes, URLSearchParams, text for text types) unchanged.
 */
export function serializeBody(body: unknown, contentType: string | undefined): BodyInit {
  if (body instanceof FormData || body instanceof Blob || body instanceof URLSearchParams) return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body as BodyInit;
  if (contentType?.includes("urlencoded"))
    return new URLSearchParams(body as Record<string, string>).toString();
  return typeof body === "string" && contentType && !contentType.includes("json")
    ? body
    : JSON.stringify(body);
}
