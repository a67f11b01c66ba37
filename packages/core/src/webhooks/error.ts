/**
 * Why a webhook delivery was refused. Every refusal is one of these, so a handler can answer (400 for a
 * bad request, 413 for a huge one) and log the reason; a configuration mistake (no key) throws a
 * `ConfigurationError` instead, since no delivery can succeed until it is fixed.
 */
export type WebhookFailure =
  /** A header the scheme needs is absent or empty. */
  | "missing_header"
  /** A header was sent more than once (a list in Node, `a, b` once joined by fetch). */
  | "duplicate_header"
  /** The timestamp is not Unix seconds (or milliseconds, where the scheme says so). */
  | "malformed_timestamp"
  /** The signature header is not a signature: not base64, the wrong length, no entry of the scheme's version. */
  | "malformed_signature"
  /** The timestamp is further from now than the tolerance, in either direction (a replay, or a skewed clock). */
  | "timestamp_out_of_tolerance"
  /** Well formed, but not a signature of this body and timestamp by this key: a wrong key or an altered body. */
  | "signature_mismatch"
  /** A parsed object (or nothing) was passed instead of the body's exact bytes. */
  | "body_not_raw"
  | "empty_body"
  /** Over the verifier's `maxBytes` (10 MiB by default); nothing was verified. */
  | "body_too_large"
  /** The body stream failed while it was read (the sender went away). */
  | "body_unreadable"
  /** Correctly signed, but not JSON. */
  | "malformed_body";

export class WebhookVerificationError extends Error {
  override name = "WebhookVerificationError";
  declare readonly reason: WebhookFailure;
  declare readonly provider: string;
  /** The header at fault, for header, timestamp and signature reasons. */
  declare readonly header: string | undefined;

  constructor(provider: string, reason: WebhookFailure, detail: string, header?: string) {
    super(`${provider} webhook: ${reason}: ${detail}`);
    Object.assign(this, { provider, reason, header });
  }
}
