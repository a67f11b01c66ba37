/**
 * Webhooks in the generator: events from OpenAPI 3.1 `webhooks` and operation `callbacks`, the
 * discriminator found from the schemas (or declared), the signature scheme read from the spec's headers (or
 * declared by an overlay), and what lands in the package: `src/generated/webhooks.ts`, the definition's
 * `webhooks` field kept out of `provider.ts`, the whole client's `webhooks`, and the `./webhooks` export.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { FileTransaction } from "../src/file-transaction.js";
import { generateProvider } from "../src/generate/generate-command.js";
import { renderProvider } from "../src/generate/generated-files.js";
import { providerDefinition } from "../src/generate/provider-definition.js";
import { renderReadme } from "../src/generate/provider-readme.js";
import { signedLayout } from "../src/generate/webhook-signature.js";
import { computeSnapshot } from "../src/release/api-snapshot.js";
import { bundleProvider } from "../src/spec/bundle.js";
import type { OpenApiDocument } from "../src/spec/openapi-document.js";
import { suggestedSettings } from "../src/spec/settings-suggestions.js";
import { createScratchRepo } from "../src/workspace/scratch-repo.js";
import { removedAfterEach, typeCheck } from "./helpers.js";

/** A bundle rendered with the settings its spec suggests (the fixtures have no settings file). */
const renderBundle = (bundle: Awaited<ReturnType<typeof bundleProvider>>) =>
  renderProvider(bundle, suggestedSettings(bundle.document));

const fixture = new URL("fixtures/chime", import.meta.url).pathname;
/** GitHub's scheme as read from its example or declared: `sha256=<hex>` of the body alone, the secret as text. */
const githubScheme = (provider: string) => ({
  algorithm: "hmac-sha256",
  headers: { signature: "x-hub-signature-256" },
  content: "{body}",
  prefix: "sha256=",
  encoding: "hex",
  keyFormat: "text",
  keyEnv: `${provider.toUpperCase()}_WEBHOOK_SECRET`,
});
const chimeRepo = removedAfterEach((overlays = true) =>
  createScratchRepo({
    prefix: "switchboard-webhooks-",
    write: { "turbo.json": "{}\n" },
    copy: [
      { from: join(fixture, "chime.yaml"), to: "specs/chime/chime.yaml" },
      { from: join(fixture, "switchboard.yaml"), to: "specs/chime/switchboard.yaml" },
      ...(overlays ? [{ from: join(fixture, "overlays"), to: "specs/chime/overlays" }] : []),
    ],
  }),
);

/** Provider `t` of the given files (`specs/t/<name>`; objects written as JSON). */
const providerT = removedAfterEach((files: Record<string, unknown>) =>
  createScratchRepo({
    prefix: "switchboard-webhooks-",
    write: {
      "turbo.json": "{}\n",
      ...Object.fromEntries(
        Object.entries(files).map(([name, content]) => [
          `specs/t/${name}`,
          typeof content === "string" ? content : JSON.stringify(content),
        ]),
      ),
    },
  }),
);

/** A Telnyx-shaped document: `data.event_type` per event, `data.record_type` the same everywhere. */
function telnyxLike(params: object[] = telnyxHeaders): OpenApiDocument {
  const event = (type: string | undefined) => ({
    post: {
      parameters: params,
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                data: {
                  type: "object",
                  properties: {
                    ...(type ? { event_type: { type: "string", enum: [type] } } : {}),
                    record_type: { type: "string", enum: ["event"] },
                    payload: { type: "object", properties: { status: { type: "string", enum: ["x"] } } },
                  },
                },
              },
            },
          },
        },
      },
      responses: { "200": { description: "ok" } },
    },
  });
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    servers: [{ url: "https://api.t.test" }],
    paths: { "/x": { get: { responses: { "200": { description: "ok" } } } } },
    webhooks: {
      callInitiated: event("call.initiated"),
      callHangup: event("call.hangup"),
      other: event(undefined),
    },
  };
}

/** GitHub's signature header, as its spec declares it on every webhook. */
const githubHeaders = [
  {
    in: "header",
    name: "X-Hub-Signature-256",
    example: "sha256=6dcb09b5b57875f334f61aebed695e2e4193db5e",
    schema: { type: "string" },
  },
];

const telnyxHeaders = [
  {
    in: "header",
    name: "telnyx-timestamp",
    required: true,
    schema: { type: "integer" },
    "x-webhook-equivalent": "webhook-timestamp",
  },
  {
    in: "header",
    name: "telnyx-signature-ed25519",
    required: true,
    description: "Base64 encoded Ed25519 signature for webhook verification",
    schema: { type: "string", description: "Ed25519 signature of timestamp|payload for verification" },
    "x-webhook-equivalent": "webhook-signature",
  },
];

describe("the signed layout a spec's words give", () => {
  it.each([
    ["Ed25519 signature of timestamp|payload", "{timestamp}|{body}"],
    ["Signs timestamp | payload", "{timestamp}|{body}"],
    ["HMAC-SHA256 of `{timestamp}.{body}`, hex", "{timestamp}.{body}"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a spec's words quoting JavaScript's template
    ["the HMAC of `${timestamp}.${rawBody}`", "{timestamp}.{body}"],
    ["Signed payload: <timestamp>.<raw_body>", "{timestamp}.{body}"],
    ['hmac(secret, timestamp + "." + payload)', "{timestamp}.{body}"],
    ["HMAC of the webhook_timestamp:request_body", "{timestamp}:{body}"],
    ["HMAC-SHA256 of the raw body + timestamp", "{body}{timestamp}"],
    ["HMAC of `{body}{timestamp}`? No: of {body}.{timestamp}; never timestamp.body", "{body}.{timestamp}"],
  ])("%s: %s", (text, content) => {
    expect(signedLayout(text, false)).toBe(content);
  });

  it("reads no layout from two sentences, or from words that name no order", () => {
    expect(signedLayout("Signed with the body. Timestamps are in UTC.", false)).toBeUndefined();
    expect(signedLayout("An HMAC of the body and the timestamp", false)).toBeUndefined();
    expect(signedLayout("HMAC of id.timestamp.payload", true)).toBe("{id}.{timestamp}.{body}");
    expect(signedLayout("HMAC of {id} | {timestamp} | {body}", true)).toBe("{id}|{timestamp}|{body}");
    expect(signedLayout("HMAC of timestamp.payload", true)).toBeUndefined();
  });
});

describe("what the spec says, read", () => {
  it("finds Telnyx's discriminator and scheme: data.event_type, Ed25519 over `{timestamp}|{body}`", () => {
    const { webhooks } = providerDefinition(telnyxLike(), "telnyx", "t", suggestedSettings(telnyxLike()));
    expect(webhooks).toEqual({
      discriminator: ["data", "event_type"],
      signature: {
        algorithm: "ed25519",
        headers: { signature: "telnyx-signature-ed25519", timestamp: "telnyx-timestamp" },
        content: "{timestamp}|{body}",
        keyEnv: "TELNYX_PUBLIC_KEY",
      },
    });
  });

  it("takes headers named as Standard Webhooks names them for that scheme", () => {
    const standard = ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({
      in: "header",
      name,
      schema: { type: "string" },
    }));
    expect(
      providerDefinition(telnyxLike(standard), "acme", "t", suggestedSettings(telnyxLike(standard))).webhooks
        ?.signature,
    ).toEqual({
      algorithm: "hmac-sha256",
      headers: { signature: "webhook-signature", timestamp: "webhook-timestamp", id: "webhook-id" },
      content: "{id}.{timestamp}.{body}",
      version: "v1",
      keyEnv: "ACME_WEBHOOK_SECRET",
      keyPrefix: "whsec_",
    });
  });

  it("makes each alternative of a webhook's oneOf payload an event, where a value each fixes tells them apart", async () => {
    const event = (type: string, extra: Record<string, unknown>) => ({
      type: "object",
      required: ["type"],
      properties: { type: { type: "string", const: type }, ...extra },
    });
    const withBody = (schema: object) => {
      const doc = telnyxLike() as any;
      const post = structuredClone(doc.webhooks.callInitiated.post);
      post.requestBody = { content: { "application/json": { schema } } };
      doc.webhooks = { callEvent: { post } };
      doc.components = {
        schemas: {
          CallStarted: event("call.started", { from: { type: "string" } }),
          CallEnded: event("call.ended", { duration: { type: "number" } }),
        },
      };
      return doc as OpenApiDocument;
    };
    const refs = [{ $ref: "#/components/schemas/CallStarted" }, { $ref: "#/components/schemas/CallEnded" }];
    const doc = withBody({ oneOf: refs, discriminator: { propertyName: "type" } });
    const { files } = await renderProvider(
      { provider: "hook", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    const module = files["webhooks.ts"]!;
    expect(module).toContain(
      'export interface HookWebhookEventMap {\n  "call.started": CallStartedEvent;\n  "call.ended": CallEndedEvent;\n}',
    );
    expect(module).toContain('  "callEvent[call.started]": CallStartedEvent;');
    expect(module).toContain("export type HookWebhookEvent = CallStartedEvent | CallEndedEvent;");
    const usage = [
      'import type { HookWebhookEvent, HookWebhookEventMap } from "./webhooks.js";',
      "declare const event: HookWebhookEvent;",
      'if (event.type === "call.ended") { const d: number | undefined = event.duration; console.log(d); }',
      "// @ts-expect-error: an ended call has no `from`",
      'export const from: HookWebhookEventMap["call.ended"]["from"] = "x";',
      "export {};",
    ].join("\n");
    expect(await typeCheck({ ...files, "usage.ts": usage })).toBe("");
    // Alternatives no fixed value tells apart are one event, as declared.
    const plain = withBody({
      oneOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "string" }],
    });
    const { files: one } = await renderProvider(
      { provider: "hook", document: plain, specs: [], overlays: [] },
      suggestedSettings(plain),
    );
    expect(one["webhooks.ts"]).toContain('  "callEvent": CallEvent;');
  });

  it("gives a guard that narrows the whole event by its nested discriminator, for handlers of one type", async () => {
    const doc = telnyxLike();
    const { files } = await renderProvider(
      { provider: "tel", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    const usage = [
      'import { isTelWebhookEvent, type TelWebhookEvent, type TelWebhookEventMap } from "./client.js";',
      'declare function onHangup(event: TelWebhookEventMap["call.hangup"]): void;',
      "declare const event: TelWebhookEvent;",
      "switch (event.data.event_type) {",
      '  case "call.hangup":',
      "    // @ts-expect-error: the switch narrows event.data, not the event",
      "    onHangup(event);",
      "}",
      'if (isTelWebhookEvent(event, "call.hangup")) onHangup(event);',
      "// @ts-expect-error: no such event",
      'isTelWebhookEvent(event, "call.nothing");',
      "export {};",
    ].join("\n");
    expect(await typeCheck({ ...files, "usage.ts": usage })).toBe("");
    // And at run time, by the spec's path to the discriminator.
    const source = /export function isTelWebhookEvent[\s\S]*?\n}/.exec(files["webhooks.ts"]!)![0];
    const guard = new Function(
      `${ts.transpile(source.replace(/^export /, ""))}; return isTelWebhookEvent;`,
    )() as (event: unknown, type: string) => boolean;
    expect(guard({ data: { event_type: "call.hangup" } }, "call.hangup")).toBe(true);
    expect(guard({ data: { event_type: "call.initiated" } }, "call.hangup")).toBe(false);
    expect(guard(null, "call.hangup")).toBe(false);
  });

  it("reads GitHub's scheme from its example: sha256=<hex> of the body alone, no timestamp, the secret as text", async () => {
    const { webhooks, ...api } = telnyxLike(githubHeaders);
    const doc = { ...api, openapi: "3.0.3", "x-webhooks": webhooks } as OpenApiDocument;
    expect(providerDefinition(doc, "hub", "t", suggestedSettings(doc)).webhooks?.signature).toEqual(
      githubScheme("hub"),
    );
    const { files } = await renderProvider(
      { provider: "hub", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files["webhooks.ts"]).toContain(
      "in x-hub-signature-256, which\n * signs no timestamp, so a replayed delivery cannot be told by its age.",
    );
    expect(files["client.ts"]).toContain("readonly webhooks: HubWebhookVerifier }");
    expect(files["webhooks.ts"]).toContain(
      "export interface HubWebhookVerifier extends WebhookVerifier<HubWebhookEvent, undefined> {}",
    );
    // A handler gets the event typed, and no timestamp to use.
    const usage = [
      'import { createHubWebhookVerifier } from "./webhooks.js";',
      'const { event, error, timestamp } = await createHubWebhookVerifier({ key: "s" }).unwrap("{}", {});',
      "if (!error) { const none: undefined = timestamp; console.log(event.data?.event_type, none); }",
      "export {};",
    ].join("\n");
    expect(await typeCheck({ ...files, "usage.ts": usage })).toBe("");
  });

  it("reads Standard Webhooks under Svix's header names (Clerk's, Resend's), and another brand's where the spec shows its list", () => {
    const trio = (brand: string, example?: string) =>
      ["id", "timestamp", "signature"].map((part) => ({
        in: "header",
        name: `${brand}-${part}`,
        required: true,
        schema: { type: "string" },
        ...(part === "signature" && example ? { example } : {}),
      }));
    const read = (params: object[]) =>
      providerDefinition(telnyxLike(params), "clerk", "t", suggestedSettings(telnyxLike(params))).webhooks
        ?.signature;
    const svix = { signature: "svix-signature", timestamp: "svix-timestamp", id: "svix-id" };
    expect(read(trio("svix"))).toEqual({
      algorithm: "hmac-sha256",
      headers: svix,
      content: "{id}.{timestamp}.{body}",
      version: "v1",
      keyEnv: "CLERK_WEBHOOK_SECRET",
      keyPrefix: "whsec_",
    });
    expect(read(trio("X-Acme", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))?.headers).toEqual({
      signature: "x-acme-signature",
      timestamp: "x-acme-timestamp",
      id: "x-acme-id",
    });
    // Three headers of that form, and nothing to say they are Standard Webhooks': not taken for them.
    expect(read(trio("x-acme", "ab".repeat(32)))).toBeUndefined();
  });

  it("reads a header named as a shared secret, where no signature is declared, as a token (Vapi's X-Vapi-Secret)", async () => {
    const secret = { in: "header", name: "X-Vapi-Secret", schema: { type: "string" } };
    const doc = telnyxLike([secret, { in: "header", name: "X-Request-Id", schema: { type: "string" } }]);
    const token = {
      algorithm: "token",
      headers: { signature: "x-vapi-secret" },
      content: "{body}",
      keyFormat: "text",
      keyEnv: "VAPI_WEBHOOK_SECRET",
    };
    expect(providerDefinition(doc, "vapi", "t", suggestedSettings(doc)).webhooks?.signature).toEqual(token);
    const { files } = await renderProvider(
      { provider: "vapi", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files["webhooks.ts"]).toContain(
      " * Verifies Vapi's webhook deliveries by the secret itself, sent in x-vapi-secret: a token, which\n * signs nothing",
    );
    expect(files["client.ts"]).toContain("readonly webhooks: VapiWebhookVerifier }");
    expect(files["webhooks.ts"]).toContain(
      "export interface VapiWebhookVerifier extends WebhookVerifier<VapiWebhookEvent, undefined> {}",
    );
    expect(await typeCheck(files)).toBe("");
    // Two such headers: which one is the secret is not said.
    const two = telnyxLike([secret, { ...secret, name: "X-Gitlab-Token" }]);
    expect(providerDefinition(two, "vapi", "t", suggestedSettings(two)).webhooks?.signature).toBeUndefined();
  });

  it("reads a timestamp in milliseconds signed after the body from the example and the words (Retell's)", async () => {
    const retell = {
      in: "header",
      name: "X-Retell-Signature",
      description: "HMAC-SHA256 of the raw body + timestamp, keyed with your API key.",
      example: `v=1729000000000,d=${"3f".repeat(32)}`,
      schema: { type: "string" },
    };
    const doc = telnyxLike([retell]);
    expect(providerDefinition(doc, "retell", "t", suggestedSettings(doc)).webhooks?.signature).toEqual({
      algorithm: "hmac-sha256",
      headers: { signature: "x-retell-signature" },
      timestampUnit: "milliseconds",
      content: "{body}{timestamp}",
      pairs: { signature: "d", timestamp: "v" },
      encoding: "hex",
      keyFormat: "text",
      keyEnv: "RETELL_WEBHOOK_SECRET",
    });
    // A timestamp header whose example is in seconds, and the words `timestamp.payload`: seconds, Stripe's order.
    const seconds = [
      { ...retell, description: "HMAC-SHA256 of timestamp.payload, hex", example: "ab".repeat(32) },
      { in: "header", name: "X-Retell-Timestamp", example: 1729000000, schema: { type: "integer" } },
    ];
    const other = telnyxLike(seconds);
    expect(providerDefinition(other, "retell", "t", suggestedSettings(other)).webhooks?.signature).toEqual({
      algorithm: "hmac-sha256",
      headers: { signature: "x-retell-signature", timestamp: "x-retell-timestamp" },
      content: "{timestamp}.{body}",
      encoding: "hex",
      keyFormat: "text",
      keyEnv: "RETELL_WEBHOOK_SECRET",
    });
    const { files } = await renderProvider(
      { provider: "retell", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files["webhooks.ts"]).toContain(
      "hmac-sha256 signatures of `{body}{timestamp}` in x-retell-signature, sent\n * at its v= in Unix milliseconds.",
    );
    const described = [seconds[0]!, { ...seconds[1]!, example: undefined, description: "Unix milliseconds" }];
    const ms = telnyxLike(described);
    expect(
      providerDefinition(ms, "retell", "t", suggestedSettings(ms)).webhooks?.signature?.timestampUnit,
    ).toBe("milliseconds");
  });

  it("reads HMAC-SHA1 where the example's prefix or the words say SHA-1, and SHA-256 where both are said", async () => {
    const legacy = {
      in: "header",
      name: "X-Hub-Signature",
      example: `sha1=${"7d".repeat(20)}`,
      schema: { type: "string" },
    };
    const doc = telnyxLike([legacy]);
    expect(providerDefinition(doc, "hub", "t", suggestedSettings(doc)).webhooks?.signature).toEqual({
      ...githubScheme("hub"),
      algorithm: "hmac-sha1",
      headers: { signature: "x-hub-signature" },
      prefix: "sha1=",
    });
    const both = telnyxLike([
      { ...legacy, description: "An HMAC-SHA256 hex digest (SHA-1 before 2020)", example: "ab".repeat(32) },
    ]);
    expect(providerDefinition(both, "hub", "t", suggestedSettings(both)).webhooks?.signature?.algorithm).toBe(
      "hmac-sha256",
    );
  });

  it("reads HMAC-SHA512 where the words say it, and names a hash it cannot verify rather than take it for SHA-256", async () => {
    const header = (description: string) =>
      telnyxLike([
        {
          in: "header",
          name: "X-Paystack-Signature",
          description,
          example: "ab".repeat(64),
          schema: { type: "string" },
        },
      ]);
    const sha512 = header("HMAC-SHA512 signature of the payload, signed with your secret key");
    expect(
      providerDefinition(sha512, "paystack", "t", suggestedSettings(sha512)).webhooks?.signature,
    ).toEqual({
      algorithm: "hmac-sha512",
      headers: { signature: "x-paystack-signature" },
      content: "{body}",
      encoding: "hex",
      keyFormat: "text",
      keyEnv: "PAYSTACK_WEBHOOK_SECRET",
    });
    for (const [said, hash] of [
      ["HMAC-SHA384 hex digest of the body", "SHA384"],
      ["An HMAC-MD5 of the body", "MD5"],
      ["The body signed with RSA (PKCS#1 v1.5)", "RSA"],
    ]) {
      const doc = header(said!);
      expect(
        providerDefinition(doc, "paystack", "t", suggestedSettings(doc)).webhooks?.signature,
      ).toBeUndefined();
      const { files } = await renderProvider(
        { provider: "paystack", document: doc, specs: [], overlays: [] },
        suggestedSettings(doc),
      );
      expect(files["webhooks.ts"], said).toContain(
        `// No verifier: the spec signs x-paystack-signature with ${hash}, which the verifier does not support (Ed25519, HMAC-SHA256, HMAC-SHA512, HMAC-SHA1);`,
      );
    }
  });

  it("names what it cannot verify where a hash it has is named too: a key pair's signature, a signed URL", async () => {
    const header = (name: string, description: string) =>
      telnyxLike([
        { in: "header", name, description, example: "c2lnbmF0dXJl".repeat(3), schema: { type: "string" } },
      ]);
    const noteOf = async (doc: OpenApiDocument) => {
      expect(
        providerDefinition(doc, "acme", "t", suggestedSettings(doc)).webhooks?.signature,
      ).toBeUndefined();
      const { files } = await renderProvider(
        { provider: "acme", document: doc, specs: [], overlays: [] },
        suggestedSettings(doc),
      );
      return /\/\/ No verifier: (.*)/.exec(files["webhooks.ts"]!)?.[1];
    };
    // SHA-256 named, but by RSA or ECDSA with a public key: an HMAC verifier would refuse every delivery.
    for (const [said, by] of [
      [
        "RSA-SHA256 signature (PKCS#1 v1.5) of the raw body, base64, verifiable with our public certificate.",
        "RSA",
      ],
      ["ECDSA P-256 signature over the raw body with SHA-256, base64.", "ECDSA"],
    ]) {
      expect(await noteOf(header("X-Acme-Signature", said!))).toMatch(
        new RegExp(`^the spec signs x-acme-signature with ${by}, which the verifier does not support`),
      );
    }
    // The URL the provider called is signed (Twilio's, Plivo's), by name or as the words say.
    for (const [name, said] of [
      ["X-Twilio-Signature", "Base64-encoded HMAC-SHA1 signature of the request."],
      [
        "X-Dialtone-Signature",
        "HMAC-SHA1 of the full URL with each POST parameter appended, sorted by name, base64.",
      ],
    ]) {
      expect(await noteOf(header(name!, said!))).toMatch(
        new RegExp(
          `^the spec signs ${name!.toLowerCase()} over the request's URL \\(with its parameters\\), which the verifier does not support`,
        ),
      );
    }
    // A short header name is a signature header too: its hash is what it cannot verify, not "no header".
    expect(await noteOf(header("X-Sig", "Hex HMAC-SHA384 of the raw body."))).toMatch(
      /^the spec signs x-sig with SHA384, which the verifier does not support/,
    );
  });

  it("takes the strongest of several signature headers that each say their hash (GitHub's older pair)", async () => {
    const pair = [
      {
        in: "header",
        name: "X-Hub-Signature",
        example: `sha1=${"7d".repeat(20)}`,
        schema: { type: "string" },
      },
      {
        in: "header",
        name: "X-Hub-Signature-256",
        example: `sha256=${"6d".repeat(32)}`,
        schema: { type: "string" },
      },
    ];
    const doc = telnyxLike(pair);
    expect(providerDefinition(doc, "hub", "t", suggestedSettings(doc)).webhooks?.signature).toEqual(
      githubScheme("hub"),
    );
    // One that says no hash: which is meant is not known.
    const unsaid = telnyxLike([pair[1]!, { ...pair[0]!, example: undefined }]);
    const { files } = await renderProvider(
      { provider: "hub", document: unsaid, specs: [], overlays: [] },
      suggestedSettings(unsaid),
    );
    expect(files["webhooks.ts"]).toContain(
      "// No verifier: the webhooks name different signature headers (x-hub-signature-256, x-hub-signature)",
    );
  });

  it("maps each event by a header that names it (GitHub's X-GitHub-Event), for unwrap<…> to type a delivery", async () => {
    const doc = telnyxLike(githubHeaders);
    const named = { callInitiated: "call", callHangup: "call", other: "other" } as const;
    for (const [name, value] of Object.entries(named)) {
      const post = (doc.webhooks as any)[name].post;
      post.parameters = [
        ...post.parameters,
        { in: "header", name: "X-GitHub-Event", example: value, schema: { type: "string" } },
      ];
    }
    const { files } = await renderProvider(
      { provider: "hub", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files["webhooks.ts"]).toContain(
      [
        "export interface HubWebhookEventsByHeader {",
        '  "call": CallInitiatedEvent | CallHangupEvent;',
        '  "other": OtherEvent;',
        "}",
      ].join("\n"),
    );
    const usage = [
      'import { createHubWebhookVerifier, type HubWebhookEventsByHeader } from "./webhooks.js";',
      "const verifier = createHubWebhookVerifier({ key: 's' });",
      'const { event, error } = await verifier.unwrap<HubWebhookEventsByHeader["other"]>("{}", {});',
      'if (!error) { const status: "x" | undefined = event.data?.payload?.status; console.log(status); }',
      'const call = await verifier.unwrap<HubWebhookEventsByHeader["call"]>("{}", {});',
      'if (!call.error) { const type: "call.initiated" | "call.hangup" = call.event.data.event_type; console.log(type); }',
      "export {};",
    ].join("\n");
    expect(await typeCheck({ ...files, "usage.ts": usage })).toBe("");
    // Every event one value, or a header some event lacks: no map.
    const same = telnyxLike(githubHeaders);
    for (const name of Object.keys(named)) {
      const post = (same.webhooks as any)[name].post;
      post.parameters = [...post.parameters, { in: "header", name: "X-GitHub-Event", example: "call" }];
    }
    const { files: one } = await renderProvider(
      { provider: "hub", document: same, specs: [], overlays: [] },
      suggestedSettings(same),
    );
    expect(one["webhooks.ts"]).not.toContain("WebhookEventsByHeader");
    // A header of the event's time or id, whose example differs from event to event, names no event.
    let at = 1729000000;
    for (const name of Object.keys(named)) {
      const post = (same.webhooks as any)[name].post;
      post.parameters = [
        ...post.parameters,
        { in: "header", name: "X-Event-Timestamp", example: String(at++) },
        { in: "header", name: "X-Event-Id", example: `evt_${at}` },
      ];
    }
    const { files: stamped } = await renderProvider(
      { provider: "hub", document: same, specs: [], overlays: [] },
      suggestedSettings(same),
    );
    expect(stamped["webhooks.ts"]).not.toContain("WebhookEventsByHeader");
  });

  it("verifies a callback no discriminator tells apart (Up's: an HMAC of the raw body in hex)", async () => {
    const up = {
      name: "X-Up-Authenticity-Signature",
      in: "header",
      description:
        "The SHA-256 HMAC signature of the raw request body, signed using the `secretKey` of the webhook.",
      example: "317c0a8ea81df3f53c1d2aef5dcbf60492d0df557197b2990e71daa4a0693364",
      schema: { type: "string" },
    };
    const event = {
      post: {
        parameters: [up],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": { description: "ok" } },
      },
    };
    const doc = {
      ...telnyxLike(),
      webhooks: undefined,
      paths: {
        "/webhooks": {
          post: {
            operationId: "createWebhook",
            responses: { "201": { description: "ok" } },
            callbacks: { Event: { "{webhookURL}": event } },
          },
        },
      },
    } as unknown as OpenApiDocument;
    const { files, definition } = await renderProvider(
      { provider: "up", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(definition.webhooks).toEqual({
      signature: {
        algorithm: "hmac-sha256",
        headers: { signature: "x-up-authenticity-signature" },
        content: "{body}",
        encoding: "hex",
        keyFormat: "text",
        keyEnv: "UP_WEBHOOK_SECRET",
      },
    });
    expect(files["client.ts"]).not.toContain("UpWebhookEventMap");
    expect(await typeCheck(files)).toBe("");
  });

  it("reads Stripe's form from its example, t=<timestamp>,v1=<hex>, and what is signed from its description", () => {
    const stripe = [
      {
        in: "header",
        name: "Stripe-Signature",
        description: "An HMAC with SHA-256 of the timestamp.payload string.",
        example: "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        schema: { type: "string" },
      },
    ];
    const doc = telnyxLike(stripe);
    expect(providerDefinition(doc, "acme", "t", suggestedSettings(doc)).webhooks?.signature).toEqual({
      algorithm: "hmac-sha256",
      headers: { signature: "stripe-signature" },
      content: "{timestamp}.{body}",
      pairs: { signature: "v1", timestamp: "t" },
      encoding: "hex",
      keyFormat: "text",
      keyEnv: "ACME_WEBHOOK_SECRET",
    });
    // Without the description, what is signed is not known: no verifier, and the note says why.
    const { description: _, ...bare } = stripe[0]!;
    const vague = telnyxLike([bare]);
    expect(providerDefinition(vague, "acme", "t", suggestedSettings(vague)).webhooks).toEqual({
      discriminator: ["data", "event_type"],
    });
  });

  it("has no verifier for a signature header whose timestamp, or whose writing, the spec leaves unsaid", async () => {
    const unsaid = (param: object) => {
      const doc = telnyxLike([
        { in: "header", name: "x-acme-signature", schema: { type: "string" }, ...param },
      ]);
      return renderProvider(
        { provider: "acme", document: doc, specs: [], overlays: [] },
        suggestedSettings(doc),
      );
    };
    // No example, or one too short to be a digest (a placeholder): how the signature is written is unknown.
    for (const example of [undefined, "abc123", "signature"]) {
      const { files } = await unsaid({ description: "HMAC-SHA256 of the payload", example });
      expect(files["webhooks.ts"]).toContain(
        "// No verifier: the spec names the signature header x-acme-signature but neither a timestamp header nor how the signature is written;",
      );
    }
    const timed = await unsaid({
      description: "HMAC-SHA256 of the timestamp and payload",
      example: "K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
    });
    expect(timed.files["webhooks.ts"]).toContain(
      "// No verifier: the spec names the signature header x-acme-signature but no timestamp header;",
    );
  });

  it("has no verifier where the spec leaves the algorithm or the signed content unsaid, and says so", async () => {
    const vague = [{ in: "header", name: "x-acme-signature", schema: { type: "string" } }, telnyxHeaders[0]!];
    const doc = telnyxLike(vague);
    expect(providerDefinition(doc, "acme", "t", suggestedSettings(doc)).webhooks).toEqual({
      discriminator: ["data", "event_type"],
    });
    const { files } = await renderProvider(
      { provider: "acme", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files["webhooks.ts"]).toMatch(
      /\/\/ No verifier: the spec does not say which algorithm signs x-acme-signature; declare the scheme in x-switchboard-webhooks\.signature with an overlay\./,
    );
    expect(files["webhooks.ts"]).not.toContain("createAcmeWebhookVerifier");
    expect(files["client.ts"]).not.toContain("withWebhooks");
  });

  it("takes a provider's events from a document of webhooks alone, beside its API's (Adyen publishes them apart)", async () => {
    const { webhooks, ...api } = telnyxLike();
    const events = { openapi: "3.1.0", info: { title: "T events", version: "1" }, webhooks };
    const root = providerT({ "api.json": api, "events.json": events });
    const bundle = await bundleProvider(root, "t");
    expect(Object.keys(bundle.document.webhooks ?? {}).sort()).toEqual([
      "callHangup",
      "callInitiated",
      "other",
    ]);
    expect(Object.keys(bundle.document.paths ?? {})).toEqual(["/x"]);
    const { files } = await renderBundle(bundle);
    expect(files["webhooks.ts"]).toContain('"call.initiated"');
    // A document with neither is still refused, by name.
    writeFileSync(join(root, "specs/t/empty.json"), JSON.stringify({ ...events, webhooks: {} }));
    await expect(bundleProvider(root, "t")).rejects.toThrow(
      "specs/t/empty.json:1: the document has no operations or webhooks",
    );
  });

  it("generates a provider of webhooks alone: no servers needed, a README that shows receiving them", async () => {
    const { webhooks } = telnyxLike();
    const events = { openapi: "3.1.0", info: { title: "T events", version: "1" }, webhooks };
    const root = providerT({ "events.json": events, "switchboard.yaml": "credentials: {}\n" });
    const { files, definition } = await renderBundle(await bundleProvider(root, "t"));
    // The provider calls its users, never the other way: nothing to call, no base URL to ask for.
    expect(definition.servers).toEqual({ default: "" });
    expect(definition.webhooks?.signature?.keyEnv).toBe("T_PUBLIC_KEY");
    const tx = new FileTransaction();
    await generateProvider(root, "t", tx);
    tx.commit();
    const readme = readFileSync(join(root, "packages", "t", "README.md"), "utf8");
    expect(readme).toContain("describe the webhooks T sends, and no operation to call");
    expect(readme).not.toContain("const { data, error }");
    const example = /```ts\n(import \{ createTWebhookVerifier[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain(
      "const webhooks = createTWebhookVerifier(); // reads T_PUBLIC_KEY, or pass { key }",
    );
    // The README's example compiles against the generated module.
    const usage = `declare const request: Request;\n${example!.replace("@switchboard/t/webhooks", "./webhooks.js")}`;
    expect(await typeCheck({ ...files, "usage.ts": `${usage}\nexport {};\n` })).toBe("");

    // Unsigned deliveries: the types, and what to do about the missing verifier.
    const unsigned = { ...events, webhooks: telnyxLike([]).webhooks } as OpenApiDocument;
    const bare = providerDefinition(unsigned, "t", "specs/t", suggestedSettings(unsigned));
    expect(renderReadme(undefined, "README.md", bare, undefined)).toContain(
      "The spec does not say how deliveries are signed, so there is no verifier",
    );
    expect(readme).toContain(
      "Verifying checks ed25519 signatures of `{timestamp}|{body}` in `telnyx-signature-ed25519` over the exact bytes\nreceived;",
    );
    // A token signs nothing, and the README says so rather than of signatures.
    const vapi = { ...events, webhooks: telnyxLike([{ in: "header", name: "X-Vapi-Secret" }]).webhooks };
    const token = providerDefinition(
      vapi as OpenApiDocument,
      "t",
      "specs/t",
      suggestedSettings(vapi as OpenApiDocument),
    );
    expect(renderReadme(undefined, "README.md", token, undefined)).toContain(
      "Verifying checks that `x-vapi-secret` holds the webhook secret itself (a token: it signs neither the body\nnor a time);",
    );
    // A provider with operations too: its README says how to receive the webhooks, after the usage.
    const both = renderReadme(undefined, "README.md", token, { name: "getCall", input: "" });
    expect(both).toContain("const { data, error } = await t.getCall();");
    expect(both).toContain(
      "## Webhooks\n\nThe `./webhooks` module has a type per event T sends, and `TWebhookEvent` is their union.",
    );
    expect(both).toContain("const webhooks = createTClient().webhooks;");
    expect(both).toContain("<!-- ts-prelude: declare const request: Request; -->\n```ts\n");
    expect(renderReadme(undefined, "README.md", bare, { name: "getCall", input: "" })).toContain(
      "The spec does not say how deliveries are signed, so there is no verifier",
    );
  });

  it("writes the document's webhook names and event types into comments safely: `*/` in them still compiles", async () => {
    const doc = telnyxLike();
    const { callInitiated, callHangup } = doc.webhooks as Record<string, any>;
    callHangup.post.requestBody.content[
      "application/json"
    ].schema.properties.data.properties.event_type.enum = ["call*/hangup"];
    doc.webhooks = { "call*/initiated": callInitiated, callHangup };
    const { files } = await renderProvider(
      { provider: "t", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files["webhooks.ts"]).toContain("(`webhooks.call*\\/initiated.post`)");
    expect(await typeCheck(files)).toBe("");
  });

  it("reads a 3.0 document's events from x-webhooks, where 3.0 documents declare them (GitHub's, Redoc's)", async () => {
    const { webhooks, ...api } = telnyxLike();
    // An extension among the events (Apideck's `x-sdk-exclude: true`) is no webhook.
    const doc = {
      ...api,
      openapi: "3.0.3",
      "x-webhooks": { ...(webhooks as object), "x-sdk-exclude": true },
    } as OpenApiDocument;
    const root = providerT({ "api.json": doc });
    const bundle = await bundleProvider(root, "t");
    const { files, definition } = await renderBundle(bundle);
    expect(definition.webhooks).toEqual(
      providerDefinition(telnyxLike(), "t", "t", suggestedSettings(telnyxLike())).webhooks,
    );
    expect(files["webhooks.ts"]).toContain("(`x-webhooks.callInitiated.post`)");
    expect(files["webhooks.ts"]).toContain('"call.initiated"');
    expect(await typeCheck(files)).toBe("");
    // A document of x-webhooks alone is one, as one of webhooks alone is.
    writeFileSync(
      join(root, "specs/t/events.json"),
      JSON.stringify({ openapi: "3.0.3", info: { title: "T events", version: "1" }, "x-webhooks": webhooks }),
    );
    writeFileSync(join(root, "specs/t/api.json"), JSON.stringify(api));
    const merged = await bundleProvider(root, "t");
    expect(Object.keys(merged.document["x-webhooks"] as object).sort()).toEqual([
      "callHangup",
      "callInitiated",
      "other",
    ]);
  });

  it("leaves a spec without webhooks as it was", async () => {
    const doc = telnyxLike();
    delete doc.webhooks;
    expect(providerDefinition(doc, "t", "t", suggestedSettings(doc))).not.toHaveProperty("webhooks");
    const { files } = await renderProvider(
      { provider: "t", document: doc, specs: [], overlays: [] },
      suggestedSettings(doc),
    );
    expect(files).not.toHaveProperty(["webhooks.ts"]);
    expect(files["client.ts"]).not.toMatch(/webhook/i);
  });
});

describe("a provider declaring Standard Webhooks by overlay (the chime fixture)", () => {
  it("writes the events, the union by `type`, the provider definition with webhooks, and a verifier", async () => {
    const root = chimeRepo();
    const { files, definition } = await renderBundle(await bundleProvider(root, "chime"));
    expect(definition.webhooks).toEqual({
      discriminator: ["type"],
      signature: {
        algorithm: "hmac-sha256",
        headers: { signature: "webhook-signature", timestamp: "webhook-timestamp", id: "webhook-id" },
        content: "{id}.{timestamp}.{body}",
        version: "v1",
        keyEnv: "CHIME_WEBHOOK_SECRET",
        keyPrefix: "whsec_",
      },
    });
    const module = files["webhooks.ts"]!;
    expect(module).toMatch(/^\/\/ Generated by @switchboard\/codegen from specs\/chime\/chime\.yaml/);
    expect(module).toContain(
      'export type CallAnsweredEvent = Readable<NonNullable<webhooks["call.answered"]["post"]["requestBody"]>["content"]["application/json"]> & { "type": "call.answered" };',
    );
    expect(module).toContain('& { "type": "call.ended" | "call.failed" };');
    // Readable only where the schemas mark read-only or write-only fields (Call's `state`).
    expect(module).toContain(
      'export type AccountUpdatedEvent = NonNullable<webhooks["account.updated"]["post"]["requestBody"]>["content"]["application/json"];',
    );
    expect(module).toContain('webhooks["CreateCall.status"]');
    expect(module).toContain("export type ChimeWebhookEvent = CallAnsweredEvent | CallEndedEvent;");
    expect(module).toMatch(
      /Not in it, as their schemas fix no `type` value[\s\S]*AccountUpdatedEvent, CreateCallStatusEvent\./,
    );
    expect(module).toContain('  "call.failed": CallEndedEvent;');
    expect(module).toContain('  "CreateCall.status": CreateCallStatusEvent;');
    expect(module).toContain("export function createChimeWebhookVerifier(options?: WebhookVerifierOptions)");
    // The definition's webhooks stay out of provider.ts, which every composed client bundles.
    expect(files["provider.ts"]).not.toContain('"webhooks":');
    expect(files["provider.ts"]).toContain('"pathCredentials": {}');
    expect(files["client.ts"]).toContain(
      "return withWebhooks(createProviderClient<paths, typeof endpoints, typeof provider>(provider, endpoints, options), () => createChimeWebhookVerifier({ env: options?.env, ...options?.webhooks }));",
    );
  });

  it("exports ./webhooks and builds it; a tag named Webhooks gets another subpath", async () => {
    const root = chimeRepo();
    const tx = new FileTransaction();
    await generateProvider(root, "chime", tx);
    tx.commit();
    const manifest = JSON.parse(readFileSync(join(root, "packages", "chime", "package.json"), "utf8"));
    // ESM only, like every subpath; build-package compiles every file of src/, webhooks.ts included.
    expect(manifest.exports["./webhooks"]).toEqual({
      types: "./dist/generated/webhooks.d.ts",
      default: "./dist/generated/webhooks.js",
    });
    expect(computeSnapshot(root, "chime").entryPoints["./webhooks"]).toMatchObject({
      ChimeWebhookEvent: "type",
      ChimeWebhookEventMap: "interface",
      ChimeWebhooks: "interface",
      WebhookVerificationError: "value",
      createChimeWebhookVerifier: "function",
      provider: "const",
    });
    const generated = join(root, "packages", "chime", "src", "generated");
    expect(readFileSync(join(generated, "modules", "webhooks-operations.ts"), "utf8")).toContain(
      "export const listWebhookEndpoints",
    );
  });

  it("without the overlay: typed events, no verifier, no ./webhooks verifier in the client", async () => {
    const { files, definition } = await renderBundle(await bundleProvider(chimeRepo(false), "chime"));
    expect(definition.webhooks).toEqual({ discriminator: ["type"] });
    expect(files["webhooks.ts"]).toContain(
      "// No verifier: the spec declares no signature header on its webhooks.",
    );
    expect(files["client.ts"]).toContain(
      'export type { ChimeWebhookEvent, ChimeWebhooks } from "./webhooks.js";',
    );
  });
});

describe("x-switchboard-webhooks mistakes", () => {
  const withExtension = (root: string, value: string) => {
    const dir = join(root, "specs", "chime", "overlays");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "standard-webhooks.yaml"),
      `overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions:\n  - target: $\n    description: the guide says so\n    update:\n      x-switchboard-webhooks: ${value}\n`,
    );
  };
  const failure = async (value: string) => {
    const root = chimeRepo(false);
    withExtension(root, value);
    return renderBundle(await bundleProvider(root, "chime")).catch((error: unknown) => error as Error);
  };

  it("lists every problem of a declared scheme at once", async () => {
    const error = await failure(
      "{signature: {algorithm: md5, headers: {timestamp: x-ts}, content: '{timestamp}.{id}'}}",
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'specs/chime/overlays/standard-webhooks.yaml:7: x-switchboard-webhooks.signature: algorithm must be one of "ed25519", "hmac-sha256", "hmac-sha512", "hmac-sha1", "token", not "md5"; ' +
        'headers.signature must name a header; content must lay out what is signed, with "{body}" once (and {timestamp}, {id}), e.g. "{timestamp}.{body}"',
    );
    expect(((await failure("{signature: {standard: v2}}")) as Error).message).toMatch(
      /standard must be "v1" \(HMAC-SHA256\) or "v1a" \(Ed25519\), not "v2"/,
    );
  });

  it("names a field it does not know, with the one it was probably meant to be, among the other problems", async () => {
    const error = await failure(
      "{signature: {algorithm: hmac-sha256, headers: {signature: X-Sig, timestmp: x-ts}, content: '{timestamp}.{body}', " +
        "pairs: {signature: v1, timestamp: t, signatur: v1}, encoding: hex, keyformat: text, tolerance: 300}}",
    );
    expect((error as Error).message).toBe(
      "specs/chime/overlays/standard-webhooks.yaml:7: x-switchboard-webhooks.signature: keyformat is not a field of a signature scheme (did you mean keyFormat?); " +
        "tolerance is not a field of a signature scheme (known: standard, algorithm, headers, content, version, pairs, prefix, encoding, timestampUnit, keyFormat, keyEnv, keyPrefix); " +
        "headers.timestmp is not a field of a signature scheme (did you mean timestamp?); " +
        "pairs.signatur is not a field of a signature scheme (did you mean signature?)",
    );
    expect(((await failure("{signature: {standard: v1, algorithm: ed25519}}")) as Error).message).toMatch(
      /standard gives the whole scheme: algorithm cannot apply beside it \(keyEnv can\)$/,
    );
    expect(((await failure("{signatures: {standard: v1}}")) as Error).message).toMatch(
      /x-switchboard-webhooks: signatures is not one of its fields \(signature, discriminator\)$/,
    );
  });

  it("is reported at the overlay's line that declares it, in a block as in a flow", async () => {
    const block = (lines: string) =>
      failure(`\n        ${lines.trim().split("\n").join("\n        ")}`).then(
        (error) => (error as Error).message,
      );
    // Lines 8 and 9 of the overlay: the extension's first line is its 7th.
    expect(await block("discriminator: type\nsignature:\n  algorithm: md5")).toMatch(
      /^specs\/chime\/overlays\/standard-webhooks\.yaml:8: x-switchboard-webhooks\.discriminator must be a JSON Pointer/,
    );
    expect(await block("signature:\n  algorithm: md5")).toMatch(
      /^specs\/chime\/overlays\/standard-webhooks\.yaml:8: x-switchboard-webhooks\.signature: algorithm must be one of/,
    );
    expect(await block("discriminator: /type\nsignatures: {}")).toMatch(
      /^specs\/chime\/overlays\/standard-webhooks\.yaml:9: x-switchboard-webhooks: signatures is not one of its fields/,
    );
  });

  it("refuses a discriminator that is not a pointer, or points where no schema fixes a value", async () => {
    expect(((await failure("{discriminator: type}")) as Error).message).toMatch(
      /x-switchboard-webhooks\.discriminator must be a JSON Pointer into the payload, such as "\/data\/event_type"/,
    );
    expect(((await failure("{discriminator: /data/kind}")) as Error).message).toMatch(
      /discriminator \/data\/kind: no webhook's payload schema fixes a value there/,
    );
  });

  it("lists the problems of a declared GitHub- or Stripe-like scheme at once", async () => {
    const error = await failure(
      "{signature: {algorithm: ed25519, headers: {signature: x-sig}, content: '{timestamp}.{body}', pairs: {signature: v1}, prefix: 'v1=', encoding: hexadecimal, keyFormat: text}}",
    );
    expect((error as Error).message).toBe(
      "specs/chime/overlays/standard-webhooks.yaml:7: x-switchboard-webhooks.signature: pairs and prefix are other forms of the signature header: give one; " +
        "content signs {timestamp}, so headers.timestamp (or pairs.timestamp) must say where it is sent; " +
        'encoding must be "base64" or "hex", not "hexadecimal"; keyFormat "text" is for an HMAC secret; an Ed25519 public key is base64',
    );
    expect(
      (
        (await failure(
          "{signature: {algorithm: hmac-sha256, headers: {signature: s, timestamp: t}, content: '{body}', pairs: {signature: v1, timestamp: t}}}",
        )) as Error
      ).message,
    ).toMatch(/the timestamp is sent in headers\.timestamp or in pairs\.timestamp, not both$/);
    expect(
      (
        (await failure(
          "{signature: {algorithm: hmac-sha256, headers: {signature: s}, content: '{body}', prefix: 'v=', timestampUnit: ms}}",
        )) as Error
      ).message,
    ).toMatch(/signature: timestampUnit must be "seconds" or "milliseconds", not "ms"$/);
    expect(
      (
        (await failure(
          "{signature: {algorithm: hmac-sha1, headers: {signature: s}, content: '{body}', timestampUnit: milliseconds}}",
        )) as Error
      ).message,
    ).toMatch(/signature: timestampUnit is the unit of a signed timestamp, and content signs none$/);
  });

  it("takes a declared token, and lists what of a signature cannot apply to one", async () => {
    const root = chimeRepo(false);
    withExtension(
      root,
      "{signature: {algorithm: token, headers: {signature: Authorization}, prefix: 'Bearer '}}",
    );
    const { definition } = await renderBundle(await bundleProvider(root, "chime"));
    expect(definition.webhooks?.signature).toEqual({
      algorithm: "token",
      headers: { signature: "authorization" },
      content: "{body}",
      prefix: "Bearer ",
      keyFormat: "text",
      keyEnv: "CHIME_WEBHOOK_SECRET",
    });
    expect(
      (
        (await failure(
          "{signature: {algorithm: token, headers: {signature: s, timestamp: t}, content: '{timestamp}.{body}', encoding: hex, keyFormat: base64}}",
        )) as Error
      ).message,
    ).toBe(
      "specs/chime/overlays/standard-webhooks.yaml:7: x-switchboard-webhooks.signature: a token is the secret itself, sent as it is: " +
        'headers.timestamp, encoding cannot apply; a token is the secret\'s text: keyFormat must be "text" or left out; ' +
        'a token signs nothing: content must be "{body}" or left out',
    );
  });

  it("takes a declared scheme of milliseconds and SHA-1", async () => {
    const root = chimeRepo(false);
    withExtension(
      root,
      "{signature: {algorithm: hmac-sha1, headers: {signature: X-Sig}, content: '{body}{timestamp}', pairs: {signature: d, timestamp: v}, timestampUnit: milliseconds, keyFormat: text}}",
    );
    const { definition } = await renderBundle(await bundleProvider(root, "chime"));
    expect(definition.webhooks?.signature).toEqual({
      algorithm: "hmac-sha1",
      headers: { signature: "x-sig" },
      timestampUnit: "milliseconds",
      content: "{body}{timestamp}",
      pairs: { signature: "d", timestamp: "v" },
      keyFormat: "text",
      keyEnv: "CHIME_WEBHOOK_SECRET",
    });
  });

  it("takes a declared GitHub scheme: one prefixed hex signature of the body, a text secret", async () => {
    const root = chimeRepo(false);
    withExtension(
      root,
      "{signature: {algorithm: hmac-sha256, headers: {signature: X-Hub-Signature-256}, content: '{body}', prefix: 'sha256=', encoding: hex, keyFormat: text}}",
    );
    const { definition, files } = await renderBundle(await bundleProvider(root, "chime"));
    expect(definition.webhooks?.signature).toEqual(githubScheme("chime"));
    expect(files["webhooks.ts"]).toContain("WebhookVerifier<ChimeWebhookEvent, undefined>");
  });

  it("takes a declared discriminator and an Ed25519 scheme of the overlay's own", async () => {
    const root = chimeRepo(false);
    withExtension(
      root,
      "{discriminator: /object, signature: {algorithm: ed25519, headers: {signature: X-Chime-Signature, timestamp: X-Chime-Time}, content: '{timestamp}:{body}', keyEnv: CHIME_KEY}}",
    );
    const { definition } = await renderBundle(await bundleProvider(root, "chime"));
    expect(definition.webhooks).toEqual({
      discriminator: ["object"],
      signature: {
        algorithm: "ed25519",
        headers: { signature: "x-chime-signature", timestamp: "x-chime-time" },
        content: "{timestamp}:{body}",
        keyEnv: "CHIME_KEY",
      },
    });
  });
});
