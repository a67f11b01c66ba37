/**
 * The webhooks of a provider package: `src/generated/webhooks.ts` (the `./webhooks` subpath) with one type
 * per event the spec declares, the union a `switch` on the discriminator narrows, the provider definition
 * with its `webhooks` field (how events are told apart and deliveries signed), and
 * `create<Provider>WebhookVerifier`; plus the few lines that give the whole client a `webhooks` verifier.
 *
 * The types are openapi-typescript's, generated from a document of the events alone (webhooks and callbacks
 * as OpenAPI 3.1 webhooks) with the components they reach, so the module is self-contained like a tag
 * module: an app that imports it type-checks its events, not the whole API.
 */
import type { WebhookDefinition } from "@switchboard/core";
import { pascalCase } from "../naming.js";
import {
  collectRefs,
  deref,
  type OpenApiDocument,
  resolvePointer,
  unescapePointer,
} from "../spec/openapi-document.js";
import type { JsonPath, Locate } from "../spec/spec-checks.js";
import { generateTypes } from "./openapi-types.js";
import { SchemaModules } from "./tag-modules.js";
import { type WebhookEvent, webhookEvents } from "./webhook-events.js";
import { webhookSignature } from "./webhook-signature.js";

interface WebhookAnalysis {
  readonly events: WebhookEvent[];
  readonly definition?: WebhookDefinition;
  readonly note?: string;
  readonly noteAt?: JsonPath;
}

const analyses = new WeakMap<object, WebhookAnalysis>();

/** Names the module declares besides the event types, which an event's type name must not take. */
const reservedNames = (title: string) =>
  new Set([
    ...["paths", "webhooks", "components", "operations", "$defs", "$Read", "$Write", "Readable", "Writable"],
    ...[
      "provider",
      "clientProvider",
      "webhookDefinition",
      "WebhookFailure",
      "WebhookResult",
      "WebhookVerificationError",
      "WebhookVerifier",
      "WebhookVerifierOptions",
    ],
    ...[
      `${title}WebhookEvent`,
      `${title}WebhookEventMap`,
      `${title}WebhookEventsByHeader`,
      `${title}Webhooks`,
      `create${title}WebhookVerifier`,
      `${title}WebhookVerifier`,
    ],
  ]);

/** The events and the `webhooks` field of the provider definition, computed once per document. */
function analyse(doc: OpenApiDocument, provider: string, where: Locate): WebhookAnalysis {
  let analysis = analyses.get(doc);
  if (!analysis) {
    const { events, discriminator } = webhookEvents(doc, where, reservedNames(pascalCase(provider)));
    if (!events.length) analysis = { events };
    else {
      const { signature, note, at } = webhookSignature(doc, events, provider, where);
      const definition = { ...(discriminator ? { discriminator } : {}), ...(signature ? { signature } : {}) };
      analysis = { events, definition, ...(note ? { note } : {}), ...(note && at ? { noteAt: at } : {}) };
    }
    analyses.set(doc, analysis);
  }
  return analysis;
}

/**
 * What `check` says of a spec's webhooks: how many events, and why there is no verifier where there is none
 * (the generated module's comment, which a user would otherwise find only by reading it). Undefined for a
 * spec without webhooks or callbacks.
 */
export function webhookSummary(
  doc: OpenApiDocument,
  provider: string,
  where: Locate,
):
  | {
      readonly events: number;
      readonly verified: boolean;
      readonly note?: string;
      /** `file:line` of what the note is about (the signature header's parameter, most often). */
      readonly noteAt?: string;
    }
  | undefined {
  const { events, definition, note, noteAt } = analyse(doc, provider, where);
  if (!events.length) return undefined;
  const verified = definition?.signature !== undefined;
  if (verified) return { events: events.length, verified };
  const place = noteAt && where(noteAt);
  return {
    events: events.length,
    verified,
    note: note ?? "the spec does not say how deliveries are signed",
    ...(place ? { noteAt: place.line ? `${place.file}:${place.line}` : place.file } : {}),
  };
}

/** The provider definition's `webhooks` field; undefined for a spec without webhooks or callbacks. */
export function webhookDefinition(doc: OpenApiDocument, provider: string, where: Locate) {
  return analyse(doc, provider, where).definition;
}

const q = JSON.stringify;
const doc1 = (text: string) => text.replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim();

/**
 * Every component (`#/components/<section>/<name>`) the events reach, by `$ref` or through a discriminator's
 * mapping, with its section and name.
 */
function componentsOf(doc: OpenApiDocument, roots: unknown[]): Record<string, Record<string, unknown>> {
  const components: Record<string, Record<string, unknown>> = {};
  const stack = collectRefs(roots, [], true);
  while (stack.length) {
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(stack.pop()!);
    if (!match) continue;
    const [section, name] = [match[1]!, unescapePointer(match[2]!)];
    if (components[section]?.[name] !== undefined) continue;
    const value = resolvePointer(doc, match[0]);
    components[section] ??= {};
    components[section][name] = value;
    collectRefs(value, stack, true);
  }
  return components;
}

/** Whether a schema or a component it reaches has `readOnly` or `writeOnly` properties. */
function marksReadWrite(doc: OpenApiDocument, schema: unknown): boolean {
  return /"(readOnly|writeOnly)":true/.test(JSON.stringify([schema, componentsOf(doc, [schema])]));
}

/** openapi-typescript's declarations for a document of the events alone. */
function eventTypes(doc: OpenApiDocument, events: readonly WebhookEvent[]): string {
  const webhooks: Record<string, unknown> = {};
  for (const event of events) {
    // Without operationIds the operations stay inline: two callbacks may share one, and none is needed.
    const item = structuredClone(event.pathItem);
    for (const value of Object.values(item))
      if (value && typeof value === "object") delete (value as any).operationId;
    webhooks[event.name] = item;
  }
  const document = {
    openapi: doc.openapi.startsWith("3.1") ? doc.openapi : "3.1.0",
    info: doc.info,
    paths: {},
    webhooks,
    components: componentsOf(doc, Object.values(webhooks)),
  };
  return new SchemaModules(generateTypes(document), document as OpenApiDocument).full();
}

/**
 * The header that names each event (GitHub's `X-GitHub-Event: issues`), where every event declares it with a
 * value of its own (a `const`, a single `enum` value or, as GitHub's spec gives it, an example) and they are
 * not all one: each value with the events that send it.
 */
function eventsByHeader(
  doc: OpenApiDocument,
  events: readonly WebhookEvent[],
): { header: string; events: Map<string, string[]> } | undefined {
  const valuesOf = (event: WebhookEvent) => {
    const found = new Map<string, string>();
    for (const raw of [...(event.pathItem.parameters ?? []), ...(event.operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      // Named as an event's, and not as its signature, timestamp or id (`X-Event-Timestamp` names no event).
      const name = String(param.name);
      if (param?.in !== "header" || !/event/i.test(name) || /signature|timestamp|(?:^|[-_])id$/i.test(name))
        continue;
      const schema = deref(doc, param.schema ?? {}) ?? {};
      const value =
        schema.const ??
        (schema.enum?.length === 1 ? schema.enum[0] : undefined) ??
        param.example ??
        schema.example;
      if (typeof value === "string" && value) found.set(name.toLowerCase(), value);
    }
    return found;
  };
  const all = events.map(valuesOf);
  for (const header of all[0]?.keys() ?? []) {
    if (!all.every((values) => values.has(header))) continue;
    const byValue = new Map<string, string[]>();
    events.forEach((event, at) => {
      const value = all[at]!.get(header)!;
      byValue.set(value, [...(byValue.get(value) ?? []), event.typeName]);
    });
    if (byValue.size > 1) return { header, events: byValue };
  }
  return undefined;
}

/** `{ data: { event_type: "call.initiated" } }`: the discriminator, required and narrowed to the event's values. */
function discriminatorShape(path: readonly string[], values: readonly string[]): string {
  return path.reduceRight((inner, key) => `{ ${q(key)}: ${inner} }`, values.map((v) => q(v)).join(" | "));
}

/** `src/generated/webhooks.ts`, or undefined when the spec declares no webhooks or callbacks. */
export function renderWebhooksModule(
  headerComment: string,
  title: string,
  doc: OpenApiDocument,
  provider: string,
  file: string,
): string | undefined {
  const { events, definition, note } = analyse(doc, provider, () => ({ file }));
  if (!definition) return undefined;
  const typed = events.filter((e) => e.mediaType);
  const path = definition.discriminator;
  const at = path ? `\`${path.join(".")}\`` : "";
  const told = path ? typed.filter((e) => e.values) : typed;
  const lines = [
    headerComment,
    definition.signature
      ? 'import { createWebhookVerifier, type ProviderDefinition, type WebhookDefinition, type WebhookVerifier, type WebhookVerifierOptions } from "@switchboard/core";'
      : 'import type { ProviderDefinition, WebhookDefinition } from "@switchboard/core";',
    'import { provider as clientProvider } from "./provider.js";',
    "",
    // The verifier's types too, so an app that exports a verifier emits its declarations under pnpm's strict
    // layout, where `@switchboard/core` is not the app's to name (TS2742).
    definition.signature
      ? 'export { type WebhookFailure, type WebhookResult, WebhookVerificationError, type WebhookVerifier, type WebhookVerifierOptions } from "@switchboard/core";'
      : 'export { type WebhookFailure, type WebhookResult, WebhookVerificationError } from "@switchboard/core";',
    "",
    eventTypes(doc, events),
  ];
  for (const event of typed) {
    let body = `NonNullable<webhooks[${q(event.name)}][${q(event.method)}]["requestBody"]>["content"][${q(event.mediaType)}]`;
    // `Readable` (drop write-only fields, unwrap read-only ones) only where the schemas mark any: it is a deep
    // mapped type, and narrowing a union of 60 events through it costs the compiler seconds.
    if (marksReadWrite(doc, event.schema)) body = `Readable<${body}>`;
    const summary = event.operation.summary ?? event.operation.description;
    lines.push(
      // Every piece comes from the document (a webhook named `a*/b` would end the comment): all through doc1.
      `/** ${event.values ? `${event.values.map((v) => `\`${doc1(v)}\``).join(", ")}: ` : ""}${summary ? `${doc1(String(summary))} ` : ""}(\`${doc1(event.where)}\`) */`,
      `export type ${event.typeName} = ${body}${path && event.values ? ` & ${discriminatorShape(path, event.values)}` : ""};`,
    );
  }
  const untold = typed.filter((e) => !told.includes(e));
  lines.push(
    "",
    `/**`,
    path
      ? ` * Every ${title} webhook event that says what it is in ${at}: \`switch (event.${path.join(".")})\` narrows it.`
      : ` * Every ${title} webhook event (the spec has no property that tells them apart).`,
    ...(untold.length
      ? [
          ` * Not in it, as their schemas fix no ${at} value (typed on their own; \`unwrap<Type>()\` names one):`,
          ` * ${untold.map((e) => e.typeName).join(", ")}.`,
        ]
      : []),
    " */",
    `export type ${title}WebhookEvent = ${told.map((e) => e.typeName).join(" | ") || "never"};`,
  );
  if (path) {
    const byValue = new Map<string, string[]>();
    for (const e of told) for (const v of e.values!) byValue.set(v, [...(byValue.get(v) ?? []), e.typeName]);
    lines.push(
      "",
      `/** Each event by its ${at}. */`,
      `export interface ${title}WebhookEventMap {`,
      ...[...byValue].map(([value, types]) => `  ${q(value)}: ${types.join(" | ")};`),
      "}",
      "",
      // A `switch` on a nested discriminator narrows the object that holds it, not the event: handing the
      // whole event to a handler of one type needs this guard (or a cast).
      "/**",
      ...(path.length > 1
        ? [
            ` * Whether \`event\` is a \`type\` event, narrowing the whole event: a \`switch (event.${path.join(".")})\` narrows`,
            ` * \`event.${path.slice(0, -1).join(".")}\` only, so \`onHangup(event)\` of a handler typed \`${title}WebhookEventMap["…"]\` needs this.`,
          ]
        : [` * Whether \`event\` is a \`type\` event, narrowing it as \`event.${path[0]} === type\` does.`]),
      " */",
      `export function is${title}WebhookEvent<const Type extends keyof ${title}WebhookEventMap>(`,
      `  event: ${title}WebhookEvent,`,
      "  type: Type,",
      `): event is Extract<${title}WebhookEvent, ${title}WebhookEventMap[Type]> {`,
      `  return (event as any)${path.map((key) => `?.[${q(key)}]`).join("")} === type;`,
      "}",
    );
  }
  const byHeader = eventsByHeader(doc, typed);
  if (byHeader) {
    const example = [...byHeader.events.keys()][0]!;
    lines.push(
      "",
      `/**`,
      ` * Each event by its \`${doc1(byHeader.header)}\` header, which says what a delivery is where its payload does not alone:`,
      ` * \`unwrap<${title}WebhookEventsByHeader[${doc1(q(example))}]>(body, headers)\` types one whose header says \`${doc1(example)}\`.`,
      " */",
      `export interface ${title}WebhookEventsByHeader {`,
      ...[...byHeader.events].map(([value, types]) => `  ${q(value)}: ${types.join(" | ")};`),
      "}",
    );
  }
  lines.push(
    "",
    `/** Every webhook and callback of the spec by its name, with its event type. */`,
    `export interface ${title}Webhooks {`,
    ...typed.map((e) => `  ${q(e.name)}: ${e.typeName};`),
    "}",
    "",
    "/** How events are told apart and deliveries signed, from the spec. */",
    `const webhookDefinition = ${q(definition)} as const satisfies WebhookDefinition;`,
    "",
    `/** ${title}'s provider definition with its webhooks (what \`createWebhookSender\` of @switchboard/mock takes). */`,
    // A call marked pure rather than a spread, so that bundlers drop it (and the servers and credentials it
    // copies) from apps that only verify.
    "export const provider: typeof clientProvider & { readonly webhooks: typeof webhookDefinition } =",
    "  /* @__PURE__ */ Object.assign({}, clientProvider, { webhooks: webhookDefinition }) satisfies ProviderDefinition;",
    "",
  );
  const scheme = definition.signature;
  if (scheme) {
    const unit = scheme.timestampUnit === "milliseconds" ? " in Unix milliseconds" : "";
    const [sent, at] = scheme.headers.timestamp
      ? ["sent", `at ${scheme.headers.timestamp}${unit}`]
      : scheme.pairs?.timestamp
        ? ["sent", `at its ${scheme.pairs.timestamp}=${unit}`]
        : ["which", "signs no timestamp, so a replayed delivery cannot be told by its age"];
    const what =
      scheme.algorithm === "token"
        ? [
            ` * Verifies ${title}'s webhook deliveries by the secret itself, sent in ${scheme.headers.signature}: a token, which`,
            " * signs nothing, neither the body nor a time. `await verifier.unwrap(rawBody, headers)` (or `unwrapRequest(request)`,",
          ]
        : [
            ` * Verifies ${title}'s webhook deliveries: ${scheme.algorithm} signatures of \`${scheme.content}\` in ${scheme.headers.signature}, ${sent}`,
            ` * ${at}. \`await verifier.unwrap(rawBody, headers)\` (or \`unwrapRequest(request)\`,`,
          ];
    lines.push(
      ...verifierInterface(title, definition),
      "/**",
      ...what,
      " * `unwrapNode(req)`) returns the event, typed, or the reason it was refused. The key defaults to",
      ` * ${scheme.keyEnv}.`,
      " */",
      `export function create${title}WebhookVerifier(options?: WebhookVerifierOptions): ${title}WebhookVerifier {`,
      // Not `provider`: a verifier needs no servers or credentials, so an app that only verifies bundles none.
      `  return createWebhookVerifier({ name: ${q(provider)}, title: ${q(title)}, webhooks: webhookDefinition }, options);`,
      "}",
      "",
    );
  } else {
    lines.push(`// No verifier: ${note ?? "the spec does not say how deliveries are signed"}.`, "");
  }
  return lines.join("\n");
}

/** The verifier's type: its results carry no timestamp where the scheme signs none (GitHub's). */
/**
 * The verifier's type, declared by the provider's module as an interface of its own, so that an app's
 * declarations print it as `import("@switchboard/<provider>/webhooks").<Title>WebhookVerifier` and never name
 * `@switchboard/core`, which under pnpm is not the app's to name (TS2742).
 */
const verifierInterface = (title: string, webhooks: WebhookDefinition) => {
  const signature = webhooks.signature;
  const stamped = signature?.headers.timestamp || signature?.pairs?.timestamp;
  return [
    `/** What \`create${title}WebhookVerifier\` returns, and \`client.webhooks\` is. */`,
    `export interface ${title}WebhookVerifier extends WebhookVerifier<${title}WebhookEvent${stamped ? "" : ", undefined"}> {}`,
    "",
  ];
};

/** What the whole client's module adds for a provider whose webhooks can be verified. */
export function clientWebhookLines(title: string, definition: { webhooks?: WebhookDefinition }) {
  if (!definition.webhooks) return { imports: [], options: "", client: "", wrap: (client: string) => client };
  if (!definition.webhooks.signature) {
    const types = `export type { ${title}WebhookEvent, ${title}Webhooks } from "./webhooks.js";`;
    return { imports: [types], options: "", client: "", wrap: (client: string) => client };
  }
  return {
    imports: [
      'import { type WebhookVerifierOptions, withWebhooks } from "@switchboard/core";',
      `import { create${title}WebhookVerifier, type ${title}WebhookVerifier } from "./webhooks.js";`,
      // The event map is written only where a discriminator tells the events apart.
      `export { create${title}WebhookVerifier, type ${title}WebhookEvent${definition.webhooks.discriminator ? `, type ${title}WebhookEventMap, is${title}WebhookEvent` : ""}, type ${title}Webhooks, type ${title}WebhookVerifier } from "./webhooks.js";`,
    ],
    options:
      " & { /** For `client.webhooks` (the key defaults to its environment variable). */ webhooks?: WebhookVerifierOptions | undefined }",
    client: ` & { /** Verifies ${title}'s webhook deliveries; made the first time it is read, which throws a \`ConfigurationError\` without a key or with a bad one: read it once at startup, not first inside a request handler. */ readonly webhooks: ${title}WebhookVerifier }`,
    wrap: (client: string) =>
      `withWebhooks(${client}, () => create${title}WebhookVerifier({ env: options?.env, ...options?.webhooks }))`,
  };
}
