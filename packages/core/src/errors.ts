/**
 * One error class, with a `kind` per failure, for everything a call can go wrong with. Callers switch on
 * `error.kind` instead of remembering status codes, and every error says which provider and operation it
 * came from. Credentials never appear in a message: they are not passed in here at all.
 */

export type ErrorKind =
  | "bad_request"
  | "authentication"
  | "permission"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "client"
  | "server"
  | "connection"
  | "timeout"
  | "aborted"
  | "invalid_response";

/**
 * An HTTP error's kind: its own for the statuses callers most often tell apart, else `server` or `client`.
 * The table is written in place, not as a constant beside it: a few bytes less in every app.
 */
export const kindOfStatus = (status: number): ErrorKind =>
  (
    ({
      400: "bad_request",
      401: "authentication",
      403: "permission",
      404: "not_found",
      409: "conflict",
      422: "unprocessable",
      429: "rate_limited",
    }) as Readonly<Record<number, ErrorKind>>
  )[status] ?? (status >= 500 ? "server" : "client");

export interface SwitchboardErrorInit<Body> {
  kind: ErrorKind;
  provider: string;
  operation?: string;
  status?: number;
  /** The provider's own error code and message, when its body had them. */
  code?: string;
  message?: string;
  requestId?: string;
  body?: Body;
  /** The body as received, when it was not JSON. */
  rawBody?: string;
  attempts?: number;
  cause?: unknown;
}

export class SwitchboardError<Body = unknown> extends Error {
  override name = "SwitchboardError";
  declare readonly kind: ErrorKind;
  declare readonly provider: string;
  declare readonly operation: string | undefined;
  declare readonly status: number | undefined;
  /** The provider's own error code. */
  declare readonly code: string | undefined;
  /** From the response headers (`x-request-id` and the like): quote it to the provider's support. */
  declare readonly requestId: string | undefined;
  /** The response body, typed from the operation's documented error responses. */
  declare readonly body: Body | undefined;
  /** The response body as text, when it was text. */
  declare readonly rawBody: string | undefined;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;

  constructor({ message, cause, ...fields }: SwitchboardErrorInit<Body>) {
    // `telnyx.deleteIp: 404 not_found: Resource not found`, the operation and status where known.
    super(
      `${fields.provider}${fields.operation ? `.${fields.operation}` : ""}:${fields.status ? ` ${fields.status}` : ""} ${fields.kind}: ${message || fields.kind.replace(/_/g, " ")}`,
      cause === undefined ? undefined : { cause },
    );
    Object.assign(this, { attempts: 1 }, fields);
  }

  /**
   * By name, not by prototype: an app may hold two copies of core (one provider package upgraded past a core
   * minor, which 0.x carets do not span), and an error of either must pass `instanceof` of the class imported
   * from any package, as aws-sdk-js-v3's ServiceException does.
   */
  static override [Symbol.hasInstance](value: any): boolean {
    return value?.name === "SwitchboardError";
  }
}

/** Thrown synchronously for a client that cannot work at all (no credentials, unknown region). */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";

  /** By name, as `SwitchboardError`'s. */
  static override [Symbol.hasInstance](value: any): boolean {
    return value?.name === "ConfigurationError";
  }
}

/** A message, or a list of them (a validation error's, one per field) joined; an item may be `{msg}`. */
const text = (value: any): string | undefined =>
  value?.map
    ? value
        .map((item: any) => text(item?.msg ?? item))
        .filter(Boolean)
        .join("; ") || undefined
    : (typeof value === "string" && value) || undefined;

/**
 * The provider's own code and message from an error body, whatever its shape: Telnyx's
 * `{errors: [{code, title, detail}]}`, Vobiz's `{error, code}`, Bolna's `{error, message}`, Deepgram's
 * `{err_code, err_msg}`, the common `{message}` / `{detail}`, either nested in `{error: {…}}` or
 * `{detail: {…}}` (ElevenLabs'), and lists of messages: NestJS's `{message: ["…", "…"]}`, FastAPI's and
 * Pydantic's `{detail: [{loc, msg}]}`. Returns nothing for bodies it does not recognise.
 */
export function describeErrorBody(body: unknown): {
  code?: string | undefined;
  message?: string | undefined;
} {
  if (typeof body === "string") return { message: body.slice(0, 500) || undefined };
  const record = (body ?? {}) as Record<string, any>;
  // `{error: {code, message}}` (Stripe's, OpenAI's, Google's) and `{detail: {status, message}}` nest what
  // others put at the top; spreading a string, number or list adds only index keys no lookup reads, so
  // `{error: "not_found"}` stays as it is.
  const source = record.errors?.[0] ?? { ...record, ...record.detail, ...record.error };
  const message =
    [text(source.detail), text(source.title)].filter(Boolean).join(": ") ||
    text(source.message) ||
    text(source.error) ||
    text(source.error_description) ||
    text(source.err_msg);
  const code =
    source.code ?? source.err_code ?? (typeof source.error === "number" ? source.error : undefined);
  // Never null (`??` passes over null): undefined, or a code to write as a string.
  return { code: code === undefined ? code : String(code), message };
}
