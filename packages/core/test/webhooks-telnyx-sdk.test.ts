/**
 * Cross-check with the official `telnyx` SDK (7.24.0, `client.webhooks.unwrap`): the same deliveries go to
 * both, and both accept and refuse the same ones. Where ours is stricter it is listed, with the reason, and
 * the test holds that the SDK really does accept those (so the list cannot go stale).
 */
import Telnyx from "telnyx";
import { describe, expect, it } from "vitest";
import { createWebhookVerifier, type WebhookFailure } from "../src/index.js";
import { callInitiated, ed25519Signer, providerWith, signed, telnyxScheme } from "./webhook-fixtures.js";

const signer = ed25519Signer();
const ours = createWebhookVerifier(providerWith(telnyxScheme), { key: signer.key });
const official = new Telnyx({ apiKey: "KEY_unused", publicKey: signer.key });
const now = () => Math.floor(Date.now() / 1000);

interface Case {
  name: string;
  body: string;
  headers: Record<string, string | string[]>;
  /** Ours refuses for this reason; the SDK accepts. */
  stricter?: WebhookFailure;
}

function cases(): Case[] {
  const good = signed(telnyxScheme, signer, callInitiated);
  const sig = good.headers["telnyx-signature-ed25519"]!;
  const ts = good.headers["telnyx-timestamp"]!;
  const flipped = Buffer.from(callInitiated);
  flipped[20]! ^= 0x01;
  const at = (offset: number) => signed(telnyxScheme, signer, callInitiated, { timestamp: now() + offset });
  return [
    { name: "a valid delivery", ...good },
    {
      name: "a valid delivery, headers in capitals",
      body: good.body,
      headers: { "Telnyx-Signature-Ed25519": sig, "Telnyx-Timestamp": ts },
    },
    { name: "4 minutes old", ...at(-240) },
    { name: "4 minutes ahead", ...at(240) },
    { name: "a wrong key", ...signed(telnyxScheme, ed25519Signer(), callInitiated) },
    { name: "a flipped byte", body: flipped.toString(), headers: good.headers },
    {
      name: "another body's signature",
      body: good.body,
      headers: signed(telnyxScheme, signer, "{}").headers,
    },
    {
      name: "re-serialised JSON",
      body: JSON.stringify(JSON.parse(callInitiated), null, 2),
      headers: good.headers,
    },
    { name: "a replay an hour later", ...at(-3600) },
    { name: "6 minutes ahead", ...at(360) },
    { name: "no signature", body: good.body, headers: { "telnyx-timestamp": ts } },
    { name: "no timestamp", body: good.body, headers: { "telnyx-signature-ed25519": sig } },
    { name: "no headers", body: good.body, headers: {} },
    {
      name: "a non-numeric timestamp",
      body: good.body,
      headers: { ...good.headers, "telnyx-timestamp": "now" },
    },
    {
      name: "a signature that is not base64",
      body: good.body,
      headers: { ...good.headers, "telnyx-signature-ed25519": "%%%" },
    },
    {
      name: "an unpadded signature",
      body: good.body,
      headers: { ...good.headers, "telnyx-signature-ed25519": sig.replace(/=+$/, "") },
    },
    {
      name: "a truncated signature",
      body: good.body,
      headers: { ...good.headers, "telnyx-signature-ed25519": sig.slice(0, 80) },
    },
    {
      name: "a signature list",
      body: good.body,
      headers: { ...good.headers, "telnyx-signature-ed25519": [sig, sig] },
    },
    {
      name: "timestamps joined by a proxy",
      body: good.body,
      headers: { ...good.headers, "telnyx-timestamp": `${ts}, ${ts}` },
    },
    { name: "a parsed body", body: JSON.parse(callInitiated), headers: good.headers },
    { name: "a signed body that is not JSON", ...signed(telnyxScheme, signer, "OK") },
    { name: "a signed empty body", ...signed(telnyxScheme, signer, "") },
    {
      name: "a header sent twice under two spellings",
      body: good.body,
      headers: { ...good.headers, "Telnyx-Timestamp": String(now() - 10) },
      stricter: "duplicate_header",
    },
  ];
}

async function officialAccepts(c: Case): Promise<boolean> {
  try {
    await official.webhooks.unwrap(c.body, { headers: c.headers as Record<string, string> });
    return true;
  } catch {
    return false;
  }
}

describe("the official telnyx SDK and ours", () => {
  it("accept and refuse the same deliveries", async () => {
    const rows = [];
    for (const c of cases()) {
      const { error } = await ours.unwrap(c.body, c.headers);
      const officially = await officialAccepts(c);
      // Where ours is stricter, the SDK must accept and ours refuse for the listed reason.
      const agree = c.stricter ? officially && error?.reason === c.stricter : officially === !error;
      rows.push({ name: c.name, agree, ours: error?.reason ?? "accepted", official: officially });
    }
    expect(rows.filter((row) => !row.agree)).toEqual([]);
    expect(rows.filter((row) => row.ours === "accepted").map((row) => row.name)).toEqual([
      "a valid delivery",
      "a valid delivery, headers in capitals",
      "4 minutes old",
      "4 minutes ahead",
    ]);
  });

  it("refuses a body over 10 MiB that the SDK would verify in full", async () => {
    const huge = `{"pad":"${"a".repeat(10 * 1024 * 1024)}"}`;
    const { body, headers } = signed(telnyxScheme, signer, huge);
    expect(await officialAccepts({ name: "huge", body, headers })).toBe(true);
    expect((await ours.unwrap(body, headers)).error?.reason).toBe("body_too_large");
  });
});
