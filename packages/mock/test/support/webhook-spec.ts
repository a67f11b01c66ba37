/**
 * A small spec with webhooks shaped like Telnyx's (an event type in `data.event_type`, one event with two
 * values, one with none, an example on a component) and a callback, and two provider definitions: Telnyx's
 * Ed25519 scheme and Standard Webhooks' v1 (HMAC).
 */
import type { WebhookSignatureScheme } from "@switchboard/core";

const event = (type: string | string[], payload: object, example?: object) => ({
  type: "object",
  properties: {
    data: {
      type: "object",
      required: ["event_type", "payload"],
      properties: {
        event_type: { type: "string", enum: Array.isArray(type) ? type : [type] },
        id: { type: "string", format: "uuid" },
        payload: { type: "object", ...payload },
      },
      ...(example ? { example } : {}),
    },
  },
});

const post = (schema: object, responses: object = { "200": { description: "Received" } }) => ({
  post: {
    requestBody: { required: true, content: { "application/json": { schema } } },
    responses,
  },
});

export const webhookSpec = {
  openapi: "3.1.0",
  info: { title: "Voice", version: "1" },
  servers: [{ url: "https://api.voice.test" }],
  paths: {
    "/calls": {
      post: {
        operationId: "dialCall",
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": { description: "Dialled" } },
        callbacks: {
          statusCallback: {
            "{$request.body#/status_url}": post({
              type: "object",
              required: ["status"],
              properties: { status: { type: "string", enum: ["ringing", "completed"] } },
            }),
          },
        },
      },
    },
  },
  webhooks: {
    callInitiated: post(
      event(
        "call.initiated",
        {
          required: ["call_control_id", "to"],
          properties: {
            call_control_id: { type: "string" },
            to: { type: "string" },
            from: { type: "string" },
          },
        },
        {
          event_type: "call.initiated",
          id: "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
          payload: { call_control_id: "v3:abc", to: "+13129457420", from: "+35319605860" },
        },
      ),
    ),
    callHangup: post(event("call.hangup", { properties: { hangup_cause: { type: "string" } } })),
    deliveryUpdate: post(
      event(["message.sent", "message.finalized"], { properties: { to: { type: "string" } } }),
    ),
    campaignStatusUpdate: post({ type: "object", properties: { campaignId: { type: "string" } } }),
    recordingSaved: post(event("call.recording.saved", {}), {
      "200": {
        description: "Acknowledged",
        content: {
          "application/json": {
            schema: { type: "object", required: ["received"], properties: { received: { type: "boolean" } } },
          },
        },
      },
    }),
  },
};

export const telnyxScheme = {
  algorithm: "ed25519",
  headers: { signature: "telnyx-signature-ed25519", timestamp: "telnyx-timestamp" },
  content: "{timestamp}|{body}",
  keyEnv: "VOICE_PUBLIC_KEY",
} as const satisfies WebhookSignatureScheme;

export const standardScheme = {
  algorithm: "hmac-sha256",
  headers: { signature: "webhook-signature", timestamp: "webhook-timestamp", id: "webhook-id" },
  content: "{id}.{timestamp}.{body}",
  version: "v1",
  keyEnv: "VOICE_WEBHOOK_SECRET",
  keyPrefix: "whsec_",
} as const satisfies WebhookSignatureScheme;

export const voice = (signature: WebhookSignatureScheme) => ({
  name: "voice",
  title: "Voice",
  webhooks: { discriminator: ["data", "event_type"], signature },
});
