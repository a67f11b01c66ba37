/**
 * A signature scheme (contract.ts `WebhookSignatureScheme`) put to work: the bytes it signs, the signatures
 * its header carries, and its keys as WebCrypto keys. Shared by verifying (verifier.ts) and by signing
 * (`@switchboard/mock`'s sender), so the two cannot disagree about the layout.
 *
 * WebCrypto rather than a library (`@noble/ed25519`, `standardwebhooks`): Ed25519 and HMAC-SHA256 are in
 * every runtime this package supports (Node ≥ 20, Deno, Bun, Workers, current browsers), so verifying costs an
 * app no crypto code at all, runs natively, and compares in constant time inside the platform. It is also
 * what the official telnyx SDK uses. `@noble/ed25519` would add about 4 kB gzipped and still need WebCrypto's
 * SHA-512; `standardwebhooks` covers Standard Webhooks' HMAC only.
 */
import type { WebhookSignatureScheme } from "../contract.js";
import { ConfigurationError } from "../errors.js";
import { concatBytes, decodeBase64, decodeHex, encodeBase64, encodeHex, utf8 } from "./encoding.js";

export interface SignedFields {
  /** The timestamp as sent (Unix seconds, or milliseconds where the scheme says so), for schemes that send one. */
  readonly timestamp?: string | undefined;
  readonly id?: string | undefined;
}

/** The bytes a scheme signs: its `content` layout with the header values and the raw body in place. */
export function signedContent(
  scheme: WebhookSignatureScheme,
  fields: SignedFields,
  body: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const fill = (text: string) =>
    utf8(text.replaceAll("{timestamp}", fields.timestamp ?? "").replaceAll("{id}", fields.id ?? ""));
  const at = scheme.content.indexOf("{body}");
  return concatBytes([
    fill(scheme.content.slice(0, at)),
    body,
    fill(scheme.content.slice(at + "{body}".length)),
  ]);
}

const SIGNATURE_BYTES = { ed25519: 64, "hmac-sha256": 32, "hmac-sha512": 64, "hmac-sha1": 20 } as const;

/** What a signature header carries: its signatures, decoded, and the timestamp where the scheme sends it there. */
export interface SignatureHeader {
  readonly signatures: Uint8Array<ArrayBuffer>[];
  readonly timestamp?: string | undefined;
}

/**
 * The signatures a header value carries, decoded, or a description of what is wrong with it. Entries of
 * other versions (Standard Webhooks) or keys (Stripe's `v0=` beside `v1=`) are skipped, as the providers'
 * libraries skip them.
 */
export function parseSignatures(scheme: WebhookSignatureScheme, value: string): SignatureHeader | string {
  const { version, pairs, prefix } = scheme;
  let entries = [value];
  let timestamp: string | undefined;
  if (version) {
    entries = value
      .split(" ")
      .filter((entry) => entry.startsWith(`${version},`))
      .map((entry) => entry.slice(version.length + 1));
    if (!entries.length) return `no ${version} signature in it`;
  } else if (pairs) {
    // `key=value` pairs; an item without `=` is no pair, and no key matches its empty one.
    const listed = value.split(",").map((pair) => {
      const at = pair.indexOf("=");
      return at < 0
        ? (["", pair] as const)
        : ([pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const);
    });
    entries = listed.filter(([key]) => key === pairs.signature).map(([, v]) => v);
    if (!entries.length) return `no ${pairs.signature}= signature in it`;
    if (pairs.timestamp) {
      timestamp = listed.find(([key]) => key === pairs.timestamp)?.[1];
      if (timestamp === undefined) return `no ${pairs.timestamp}= timestamp in it`;
    }
  } else if (prefix) {
    // Case-insensitive, as HTTP's auth schemes are (`bearer` for `Bearer`, RFC 9110 §11.1).
    if (value.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase())
      return `it does not start with ${prefix}`;
    entries = [value.slice(prefix.length)];
  }
  // A token is the secret's text itself, compared as it is (`anyValid`).
  if (scheme.algorithm === "token") return { signatures: entries.map(utf8) };
  const size = SIGNATURE_BYTES[scheme.algorithm];
  const hex = scheme.encoding === "hex";
  const signatures = entries
    .map(hex ? decodeHex : decodeBase64)
    .filter((bytes) => bytes?.byteLength === size) as Uint8Array<ArrayBuffer>[];
  return signatures.length
    ? { signatures, timestamp }
    : `not a ${hex ? "hex" : "base64"} ${scheme.algorithm} signature of ${size} bytes`;
}

/** The signature header value for one signature (and the timestamp, where the scheme sends it there). */
export function formatSignature(
  scheme: WebhookSignatureScheme,
  signature: Uint8Array,
  timestamp?: string,
): string {
  const text =
    scheme.algorithm === "token"
      ? new TextDecoder().decode(signature)
      : scheme.encoding === "hex"
        ? encodeHex(signature)
        : encodeBase64(signature);
  if (scheme.version) return `${scheme.version},${text}`;
  const { pairs } = scheme;
  if (pairs) return `${pairs.timestamp ? `${pairs.timestamp}=${timestamp},` : ""}${pairs.signature}=${text}`;
  return `${scheme.prefix ?? ""}${text}`;
}

/**
 * The headers a delivery carries for one signature: the signature header, and the timestamp and id headers
 * the scheme has. What a sender writes (the mock's), so that its layout is the verifier's.
 */
export function signatureHeaders(
  scheme: WebhookSignatureScheme,
  signature: Uint8Array,
  fields: SignedFields,
): Record<string, string> {
  const { headers } = scheme;
  return {
    [headers.signature]: formatSignature(scheme, signature, fields.timestamp),
    ...(headers.timestamp ? { [headers.timestamp]: fields.timestamp ?? "" } : {}),
    ...(headers.id ? { [headers.id]: fields.id ?? "" } : {}),
  };
}

const ALGORITHMS = {
  ed25519: { name: "Ed25519" },
  "hmac-sha256": { name: "HMAC", hash: "SHA-256" },
  "hmac-sha512": { name: "HMAC", hash: "SHA-512" },
  "hmac-sha1": { name: "HMAC", hash: "SHA-1" },
  // A token's secret is an HMAC key only so that WebCrypto compares it in constant time (`anyValid`).
  token: { name: "HMAC", hash: "SHA-256" },
} as const;

/**
 * Imports a verification key as the provider shows it: the public key for Ed25519 and a base64 HMAC secret
 * (with the scheme's `keyPrefix` or without) as base64, a `text` HMAC secret as its UTF-8 bytes. A key that
 * is not one throws a `ConfigurationError` at once, so a verifier made with it is never made (an app does
 * not start with a key that would refuse every delivery); a runtime whose WebCrypto cannot use it rejects
 * with one.
 */
export function importKey(scheme: WebhookSignatureScheme, key: string, title: string): Promise<CryptoKey> {
  const text =
    scheme.keyPrefix && key.startsWith(scheme.keyPrefix) ? key.slice(scheme.keyPrefix.length) : key;
  const ed25519 = scheme.algorithm === "ed25519";
  const asText = (scheme.keyFormat === "text" || scheme.algorithm === "token") && !ed25519;
  const bytes = asText ? utf8(key) : decodeBase64(text.trim());
  if (!bytes || (ed25519 ? bytes.byteLength !== 32 : bytes.byteLength === 0)) {
    const what = ed25519
      ? "public key is not 32 bytes of base64"
      : asText
        ? "secret is empty"
        : "secret is not base64";
    throw new ConfigurationError(
      `${title}: the webhook ${what}; pass it as the provider shows it (or set ${scheme.keyEnv})`,
    );
  }
  return crypto.subtle
    .importKey("raw", bytes, ALGORITHMS[scheme.algorithm], false, ["verify"])
    .catch((cause) => {
      throw new ConfigurationError(
        `${title}: this runtime's WebCrypto cannot verify ${ALGORITHMS[scheme.algorithm].name} signatures (Node ≥ 20, Deno, Bun and Workers can): ${String(cause)}`,
      );
    });
}

/**
 * Whether one of `signatures` signs `content` under `key`. For a token: whether it is the secret, told in
 * constant time as WebCrypto verifies, by the HMAC of `content` under the token as a key verified under the
 * secret (equal keys give equal HMACs; the token's characters are never compared one by one).
 */
export async function anyValid(
  scheme: WebhookSignatureScheme,
  key: CryptoKey,
  signatures: readonly Uint8Array<ArrayBuffer>[],
  content: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const algorithm = ALGORITHMS[scheme.algorithm];
  const { subtle } = crypto;
  for (let signature of signatures) {
    // A signature WebCrypto cannot even read (an empty token) is simply not a valid one.
    try {
      if (scheme.algorithm === "token")
        signature = new Uint8Array(
          await subtle.sign(
            algorithm,
            await subtle.importKey("raw", signature, algorithm, false, ["sign"]),
            content,
          ),
        );
      if (await subtle.verify(algorithm.name, key, signature, content)) return true;
    } catch {}
  }
  return false;
}
