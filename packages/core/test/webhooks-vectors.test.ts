/**
 * Known answers: RFC 8032's Ed25519 test vectors through the verifier's crypto route (WebCrypto), and the
 * Standard Webhooks test vectors (libraries/javascript/src/webhook.test.ts and
 * libraries/go/webhook_asymmetric_test.go of github.com/standard-webhooks/standard-webhooks) through the
 * whole verifier, v1 (HMAC-SHA256) and v1a (Ed25519).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWebhookVerifier, formatSignature, signedContent } from "../src/index.js";
import { anyValid, importKey } from "../src/webhooks/scheme.js";
import {
  ed25519Signer,
  providerWith,
  standardEd25519,
  standardHmac,
  telnyxScheme,
} from "./webhook-fixtures.js";

const hex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** RFC 8032 section 7.1, TESTs 1 to 3: secret key, public key, message, signature. */
const RFC_8032 = [
  {
    secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature:
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature:
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature:
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
];

describe("RFC 8032 Ed25519 test vectors", () => {
  it.each(RFC_8032.map((v, i) => [i + 1, v] as const))(
    "TEST %i verifies, and fails when altered",
    async (_, v) => {
      const key = await importKey(telnyxScheme, b64(hex(v.public)), "Test");
      const message = hex(v.message);
      expect(await anyValid(telnyxScheme, key, [hex(v.signature)], message)).toBe(true);
      const flipped = hex(v.signature);
      flipped[10]! ^= 0x01;
      expect(await anyValid(telnyxScheme, key, [flipped], message)).toBe(false);
      expect(await anyValid(telnyxScheme, key, [hex(v.signature)], hex(`${v.message}00`))).toBe(false);
    },
  );

  it("the test signer derives RFC 8032's public keys and signatures from its secret keys", () => {
    for (const v of RFC_8032) {
      const signer = ed25519Signer(Buffer.from(v.secret, "hex"));
      expect(signer.key).toBe(b64(hex(v.public)));
      expect(Buffer.from(signer.signature(hex(v.message))).toString("hex")).toBe(v.signature);
    }
  });
});

describe("Standard Webhooks test vectors", () => {
  const msgId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const timestamp = "1614265330";
  const payload = '{"test": 2432232314}';
  const headersFor = (signature: string) => ({
    "webhook-id": msgId,
    "webhook-timestamp": timestamp,
    "webhook-signature": signature,
  });

  afterEach(() => {
    vi.useRealTimers();
  });
  const atSigningTime = () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Number(timestamp) * 1000);
  };

  it("v1 (HMAC-SHA256): the library's sign vector verifies, with and without the whsec_ prefix", async () => {
    atSigningTime();
    const signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    for (const key of ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]) {
      const verifier = createWebhookVerifier(providerWith(standardHmac, "acme"), { key });
      const result = await verifier.unwrap(payload, headersFor(signature));
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ event: { test: 2432232314 }, id: msgId, timestamp: 1614265330 });
    }
  });

  it("v1a (Ed25519): the library's sign vector verifies with the public key of its signing key", async () => {
    atSigningTime();
    const signer = ed25519Signer(Buffer.from("VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=", "base64"));
    const expected =
      "v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==";
    const content = signedContent(standardEd25519, { id: msgId, timestamp }, Buffer.from(payload));
    expect(formatSignature(standardEd25519, signer.signature(content))).toBe(expected);
    for (const key of [signer.key, `whpk_${signer.key}`]) {
      const verifier = createWebhookVerifier(providerWith(standardEd25519, "acme"), { key });
      expect((await verifier.unwrap(payload, headersFor(expected))).event).toEqual({ test: 2432232314 });
    }
  });

  it("the library's cases: multi-signature headers pass; partial, invalid, missing and stale ones fail", async () => {
    atSigningTime();
    const valid = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    const other = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    const verifier = createWebhookVerifier(providerWith(standardHmac, "acme"), {
      key: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    });
    const reason = async (headers: Record<string, string>) =>
      (await verifier.unwrap(payload, headers)).error?.reason;
    const multi = [other, other.replace("v1,", "v2,"), valid, other].join(" ");
    expect(await reason(headersFor(multi))).toBeUndefined();
    expect(await reason(headersFor("v1,dawfeoifkpqwoekfpqoekf"))).toBe("malformed_signature");
    expect(await reason(headersFor(valid.slice(0, 8)))).toBe("malformed_signature");
    expect(await reason(headersFor("v1,"))).toBe("malformed_signature");
    expect(await reason(headersFor(other))).toBe("signature_mismatch");
    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const headers: Record<string, string> = headersFor(valid);
      delete headers[header];
      expect(await reason(headers)).toBe("missing_header");
    }
    expect(await reason({ ...headersFor(valid), "webhook-timestamp": "hello" })).toBe("malformed_timestamp");
    vi.setSystemTime((Number(timestamp) + 5 * 60 + 1) * 1000);
    expect(await reason(headersFor(valid))).toBe("timestamp_out_of_tolerance");
    vi.setSystemTime((Number(timestamp) - 5 * 60 - 1) * 1000);
    expect(await reason(headersFor(valid))).toBe("timestamp_out_of_tolerance");
  });
});
