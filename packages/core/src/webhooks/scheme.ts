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
import { decodeBase64, encodeBase64, utf8 } from "./encoding.js";

export interface SignedFields {
  /** The timestamp header's value as sent (Unix seconds). */
  readonly timestamp: string;
  readonly id?: string | undefined;
}

/** The bytes a scheme signs: its `content` layout with the header values and the raw body in place. */
export function signedContent(
  scheme: WebhookSignatureScheme,
  fields: SignedFields,
  body: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const fill = (text: string) =>
    utf8(text.replaceAll("{timestamp}", fields.timestamp).replaceAll("{id}", fields.id ?? ""));
  const at = scheme.content.indexOf("{body}");
  const before = fill(scheme.content.slice(0, at));
  const after = fill(scheme.content.slice(at + "{body}".length));
  const bytes = new Uint8Array(before.byteLength + body.byteLength + after.byteLength);
  bytes.set(before);
  bytes.set(body, before.byteLength);
  bytes.set(after, before.byteLength + body.byteLength);
  return bytes;
}

const SIGNATURE_BYTES = { ed25519: 64, "hmac-sha256": 32 } as const;

/**
 * The signatures a header value carries, decoded, or a description of what is wrong with it. With a
 * `version` (Standard Webhooks), entries of other versions are skipped, as its libraries do.
 */
export function parseSignatures(
  scheme: WebhookSignatureScheme,
  value: string,
): Uint8Array<ArrayBuffer>[] | string {
  const entries = scheme.version
    ? value
        .split(" ")
        .filter((entry) => entry.startsWith(`${scheme.version},`))
        .map((entry) => entry.slice(scheme.version!.length + 1))
    : [value];
  if (!entries.length) return `no ${scheme.version} signature in it`;
  const size = SIGNATURE_BYTES[scheme.algorithm];
  const decoded = entries
    .map(decodeBase64)
    .filter((bytes) => bytes?.byteLength === size) as Uint8Array<ArrayBuffer>[];
  return decoded.length ? decoded : `not a base64 ${scheme.algorithm} signature of ${size} bytes`;
}

/** The signature header value for one signature. */
export const formatSignature = (scheme: WebhookSignatureScheme, signature: Uint8Array) =>
  `${scheme.version ? `${scheme.version},` : ""}${encodeBase64(signature)}`;

const ALGORITHMS = {
  ed25519: { name: "Ed25519" },
  "hmac-sha256": { name: "HMAC", hash: "SHA-256" },
} as const;

/**
 * Imports a verification key as the provider shows it (base64, with the scheme's `keyPrefix` or without):
 * the public key for Ed25519, the shared secret for HMAC. A key that is not one, or a runtime whose WebCrypto
 * cannot use it, is a `ConfigurationError`: no delivery can be verified until it is fixed.
 */
export async function importKey(
  scheme: WebhookSignatureScheme,
  key: string,
  title: string,
): Promise<CryptoKey> {
  const text =
    scheme.keyPrefix && key.startsWith(scheme.keyPrefix) ? key.slice(scheme.keyPrefix.length) : key;
  const bytes = decodeBase64(text.trim());
  const ed25519 = scheme.algorithm === "ed25519";
  if (!bytes || (ed25519 ? bytes.byteLength !== 32 : bytes.byteLength === 0)) {
    throw new ConfigurationError(
      `${title}: the webhook ${ed25519 ? "public key is not 32 bytes of" : "secret is not"} base64; pass it as the provider shows it (or set ${scheme.keyEnv})`,
    );
  }
  try {
    return await crypto.subtle.importKey("raw", bytes, ALGORITHMS[scheme.algorithm], false, ["verify"]);
  } catch (cause) {
    throw new ConfigurationError(
      `${title}: this runtime's WebCrypto cannot verify ${ALGORITHMS[scheme.algorithm].name} signatures (Node ≥ 20, Deno, Bun and Workers can): ${String(cause)}`,
    );
  }
}

/** Whether one of `signatures` signs `content` under `key`. */
export async function anyValid(
  scheme: WebhookSignatureScheme,
  key: CryptoKey,
  signatures: readonly Uint8Array<ArrayBuffer>[],
  content: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const { name } = ALGORITHMS[scheme.algorithm];
  for (const signature of signatures) {
    // A signature WebCrypto cannot even read is simply not a valid one.
    if (await crypto.subtle.verify(name, key, signature, content).catch(() => false)) return true;
  }
  return false;
}
