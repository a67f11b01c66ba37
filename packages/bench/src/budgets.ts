/**
 * The bundle-size budgets, held by this package's size test and by @switchboard/scale's webhook test (which
 * bundles the generated webhooks module of the complete Telnyx document): one number each, here.
 */

/**
 * Gzipped bytes of a one-call app per provider (a composed client of one operation without query
 * parameters), whole runtime included: retries, per-attempt timeouts, middleware, safe redirects, typed
 * errors, redaction of echoed credentials, logging, the User-Agent (see README, "Benchmarks", for what each
 * part costs). The budget of issue 13; it stops the runtime from growing.
 */
export const BUDGET = 5700;

/**
 * Gzipped bytes of a webhook endpoint verifying Telnyx's deliveries (fetch `Request` in, event type out):
 * the verifier with its messages, on WebCrypto, about 3.5 kB. It was 3.2 kB before it read the layouts of
 * GitHub's, Stripe's and Slack's schemes (hex, a prefix, `key=value` pairs, no timestamp, text secrets:
 * 319 bytes), which every app that verifies carries, since the scheme is data; then 68 bytes for HMAC-SHA1 and
 * timestamps in milliseconds (Retell's), 68 for tokens compared in constant time (Vapi's, GitLab's), 15 for
 * HMAC-SHA512 (Paystack's) and 18 for reading `t=…, v1=…` pairs written with spaces, which were refused as a
 * repeated header (3,711 B then); then 39 for checking a per-call `tolerance` (NaN accepted any replay), a Node
 * request's declared length before reading it, and that a key is text (3,750 B then). This budget stops it
 * growing unnoticed.
 */
export const WEBHOOK_BUDGET = 3800;
