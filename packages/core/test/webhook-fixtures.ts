/**
 * Signing for the webhook tests, with node:crypto rather than the code under test: an independent signer,
 * so a bug shared by signing and verifying could not hide. Only the layout helpers (`signedContent`,
 * `signatureHeaders`) are the package's own, and the known-answer tests pin those.
 */
import { createHmac, createPrivateKey, createPublicKey, randomBytes, sign } from "node:crypto";
import type { WebhookSignatureScheme } from "../src/index.js";
import { signatureHeaders, signedContent } from "../src/index.js";

export const telnyxScheme = {
  algorithm: "ed25519",
  headers: { signature: "telnyx-signature-ed25519", timestamp: "telnyx-timestamp" },
  content: "{timestamp}|{body}",
  keyEnv: "TELNYX_PUBLIC_KEY",
} as const satisfies WebhookSignatureScheme;

export const standardHmac = {
  algorithm: "hmac-sha256",
  headers: { signature: "webhook-signature", timestamp: "webhook-timestamp", id: "webhook-id" },
  content: "{id}.{timestamp}.{body}",
  version: "v1",
  keyEnv: "ACME_WEBHOOK_SECRET",
  keyPrefix: "whsec_",
} as const satisfies WebhookSignatureScheme;

export const standardEd25519 = {
  ...standardHmac,
  algorithm: "ed25519",
  version: "v1a",
  keyEnv: "ACME_PUBLIC_KEY",
  keyPrefix: "whpk_",
} as const satisfies WebhookSignatureScheme;

export const providerWith = (signature: WebhookSignatureScheme, name = "telnyx") => ({
  name,
  title: name[0]!.toUpperCase() + name.slice(1),
  webhooks: { signature },
});

/** PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410), as node:crypto imports private keys. */
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");

export interface Signer {
  /** The verification key, base64: the public key (Ed25519) or the secret (HMAC). */
  readonly key: string;
  signature(content: Uint8Array): Uint8Array;
}

export function ed25519Signer(seed: Buffer = randomBytes(32)): Signer {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, seed]),
    format: "der",
    type: "pkcs8",
  });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return {
    key: Buffer.from(jwk.x!, "base64url").toString("base64"),
    signature: (content) => sign(null, content, privateKey),
  };
}

export function hmacSigner(secret: Buffer = randomBytes(32)): Signer {
  return {
    key: secret.toString("base64"),
    signature: (content) => createHmac("sha256", secret).update(content).digest(),
  };
}

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** A delivery as the provider would send it: `body` signed at `timestamp` (now by default). */
export function signed(
  scheme: WebhookSignatureScheme,
  signer: Signer,
  body: string,
  options: { timestamp?: number; id?: string } = {},
): Delivery {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const id = options.id ?? "msg_2Yp3kT9n";
  const content = signedContent(scheme, { timestamp, id }, new TextEncoder().encode(body));
  return { body, headers: signatureHeaders(scheme, signer.signature(content), { timestamp, id }) };
}

export const callInitiated = JSON.stringify({
  data: {
    event_type: "call.initiated",
    id: "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
    occurred_at: "2018-02-02T22:25:27.521992Z",
    payload: {
      call_control_id: "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
      connection_id: "7267xxxxxxxxxxxxxx",
      direction: "incoming",
      from: "+35319605860",
      to: "+13129457420",
      state: "parked",
    },
    record_type: "event",
  },
  meta: { attempt: 1, delivered_to: "https://example.com/webhooks" },
});
