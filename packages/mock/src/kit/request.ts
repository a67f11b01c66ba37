/**
 * Reading a request body by its `Content-Type`, once, into what the call records (`call.body`) and what
 * its schema is checked against: JSON parsed, forms as objects (a repeated name as an array), multipart
 * parts as strings or `File`s, text as a string, anything else as bytes.
 */
import type { ReadBody } from "./check.js";

export interface RequestBody {
  /** What `call.body` shows: undefined when there was none. */
  readonly recorded: unknown;
  /** What the schema check sees (a file part as its name and size, bytes as their length). */
  readonly check: ReadBody;
}

const NONE: RequestBody = { recorded: undefined, check: { kind: "none" } };

function collect(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const existing = out[name];
    out[name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export async function readRequestBody(request: Request): Promise<RequestBody> {
  if (request.body === null) return NONE;
  const mediaType = request.headers.get("content-type") ?? "";
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await request.formData();
    } catch (error) {
      return {
        recorded: undefined,
        check: {
          kind: "unreadable",
          mediaType,
          reason: `is not multipart form data (${(error as Error).message})`,
        },
      };
    }
    const recorded = collect(form.entries());
    const described = collect(
      [...form.entries()].map(([name, value]): [string, unknown] => [
        name,
        typeof value === "string" ? value : `${value.name || "file"} (${value.size} bytes)`,
      ]),
    );
    return { recorded, check: { kind: "value", mediaType, value: described, coerce: true } };
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length === 0) return { recorded: undefined, check: { kind: "none" } };
  if (/[/+]json\b/.test(type)) {
    const text = new TextDecoder().decode(bytes);
    try {
      const value: unknown = JSON.parse(text);
      return {
        recorded: value,
        check: { kind: "value", mediaType, value: structuredClone(value), coerce: false },
      };
    } catch (error) {
      return {
        recorded: text,
        check: { kind: "unreadable", mediaType, reason: `is not valid JSON (${(error as Error).message})` },
      };
    }
  }
  if (type === "application/x-www-form-urlencoded") {
    const recorded = collect(new URLSearchParams(new TextDecoder().decode(bytes)));
    return { recorded, check: { kind: "value", mediaType, value: structuredClone(recorded), coerce: true } };
  }
  if (type.startsWith("text/") || /xml|javascript/.test(type)) {
    const text = new TextDecoder().decode(bytes);
    return { recorded: text, check: { kind: "value", mediaType, value: text, coerce: false } };
  }
  return {
    recorded: bytes,
    check: { kind: "value", mediaType, value: `(${bytes.length} bytes)`, coerce: false },
  };
}
