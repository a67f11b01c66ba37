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

export function kindOfStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "authentication";
    case 403:
      return "permission";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 422:
      return "unprocessable";
    case 429:
      return "rate_limited";
    default:
      return status >= 500 ? "server" : "client";
  }
}

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
  readonly kind: ErrorKind;
  readonly provider: string;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /** The response body, typed from the operation's documented error responses. */
  readonly body: Body | undefined;
  readonly rawBody: string | undefined;
  readonly attempts: number;

  constructor(init: SwitchboardErrorInit<Body>) {
    const where = `${init.provider}${init.operation ? `.${init.operation}` : ""}`;
    const status = init.status ? ` ${init.status}` : "";
    const detail = init.message ?? defaultMessage(init.kind);
    super(
      `${where}:${status} ${init.kind}: ${detail}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.provider = init.provider;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.body = init.body;
    this.rawBody = init.rawBody;
    this.attempts = init.attempts ?? 1;
  }
}

function defaultMessage(kind: ErrorKind): string {
  return kind.replace(/_/g, " ");
}

/** Thrown synchronously for a client that cannot work at all (no credentials, unknown region). */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/**
 * The provider's own code and message from an error body, whatever its shape: Telnyx's
 * `{errors: [{code, title, detail}]}`, Vobiz's `{error, code}`, Bolna's `{error, message}`, or the common
 * `{message}` / `{detail}`. Returns nothing for bodies it does not recognise.
 */
export function describeErrorBody(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object")
    return typeof body === "string" && body ? { message: body.slice(0, 500) } : {};
  const record = body as Record<string, unknown>;
  const first = Array.isArray(record.errors)
    ? (record.errors[0] as Record<string, unknown> | undefined)
    : undefined;
  const source = first && typeof first === "object" ? first : record;
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const message =
    [text(source.detail), text(source.title)].filter(Boolean).join(": ") ||
    text(source.message) ||
    text(source.error) ||
    text(source.error_description);
  const rawCode = source.code ?? (typeof source.error === "number" ? source.error : undefined);
  const code = rawCode === undefined || rawCode === null ? undefined : String(rawCode);
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}
