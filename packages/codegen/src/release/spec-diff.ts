/**
 * What a spec change means for users of the generated client, as a semver bump and a list of changes they
 * must read. api-smart-diff finds and classifies the differences (it resolves `$ref`s, so a change to a shared
 * schema shows up at every operation that uses it); this file only maps its classes to semver and writes the
 * sentences (schema-change.ts for changes inside schemas, client-option-changes.ts for regions, credentials
 * and renamed methods). Why that library: packages/codegen/DIFF.md.
 *
 * The mapping is stricter than api-smart-diff's wire-compatibility view in three places, because our users
 * compile against the generated types: a field removed from a response or a request body breaks code that
 * names it; a value added to a response enum breaks an exhaustive `switch`; any type change of a request
 * field or parameter that does not only widen it breaks callers that pass the old type.
 */

import { isDeepStrictEqual } from "node:util";
import type { ProviderDefinition } from "@switchboard/core";
import { apiCompare } from "api-smart-diff";
import { operationTable } from "../generate/operation-table.js";
import {
  componentsReachedFrom,
  HTTP_METHODS,
  type OpenApiDocument,
  resolvePointer,
  webhookItems,
} from "../spec/openapi-document.js";
import { resolvedDifference } from "../spec/operation-definition.js";
import { type Bump, maxBump, type SpecChange } from "./bump.js";
import { groupComponentChanges } from "./change-groups.js";
import {
  definitionChanges,
  operationRenames,
  serverVariableChanges,
  suggestedDefinition,
} from "./client-option-changes.js";
import { DOC_KEYS, type LibraryDiff, libraryBump, requestBump, verb } from "./library-diff.js";
import { alignRefs, nodeAt, propertyNames, resolvedForDiff } from "./resolved-schemas.js";
import { schemaChange } from "./schema-change.js";

export interface SpecDiff {
  bump: Bump;
  changes: SpecChange[];
}

const METHODS = new Set<string>(HTTP_METHODS);
/** Component kinds openapi-typescript turns into `components[kind][name]` types. */
const TYPED_COMPONENTS = new Set([
  "schemas",
  "parameters",
  "responses",
  "requestBodies",
  "headers",
  "pathItems",
]);

/**
 * Compares two bundled specs (header-free documents) of `provider` (which names its environment variables).
 * `definitions` are the provider definitions generated from each (a sync reads them from the packages, so
 * the settings file's credentials and fills count); without them each spec's suggested definition is used.
 */
export function diffSpecs(
  before: OpenApiDocument,
  after: OpenApiDocument,
  provider = "provider",
  definitions?: { before: ProviderDefinition; after: ProviderDefinition },
): SpecDiff {
  // Compared resolved (resolved-schemas.ts): how a schema is written (inline or `$ref`, `allOf`) is no change.
  const resolvedBefore = resolvedForDiff(before);
  const resolvedAfter = resolvedForDiff(after);
  alignRefs(resolvedBefore, resolvedAfter);
  // api-smart-diff transforms what it is given (a schema becomes a one-alternative `oneOf`): it gets copies.
  const { diffs } = apiCompare(structuredClone(resolvedBefore), structuredClone(resolvedAfter)) as {
    diffs: LibraryDiff[];
  };
  const names = operationNames(before, after);
  const unreachable = unreachableComponents(before, after);
  const events = eventsByComponent(before, after, names);
  const { before: a, after: b } = definitions ?? {
    before: suggestedDefinition(before, provider, "(previous spec)"),
    after: suggestedDefinition(after, provider, "(new spec)"),
  };
  const clientChanges = [...definitionChanges(a, b), ...serverVariableChanges(before, after, a, b)];
  const ctx: Context = {
    before: resolvedBefore,
    after: resolvedAfter,
    names,
    unreachable,
    events,
    hadEvents: hasEvents(before),
    clientAuthChanged: clientChanges.length > 0,
  };
  const changes: SpecChange[] = [];
  for (const diff of diffs) {
    // What a newly added `oneOf`/`anyOf` holds is that addition, reported once, not a change of each field.
    if (insideNewAlternatives(diff, resolvedBefore, resolvedAfter)) continue;
    const change = describe(diff, ctx);
    if (change) changes.push(...[change].flat());
  }
  const renames = operationRenames(before, after);
  // An operationId change that renamed the method is that rename, listed once as breaking, not also as a
  // documentation-only patch.
  const endpointOf = (subject = "") => /\([A-Z]+ [^)]*\)$/.exec(subject)?.[0];
  const renamed = new Set(renames.map((r) => endpointOf(r.subject)));
  const kept = changes.filter((c) => c.text !== "operationId changed" || !renamed.has(endpointOf(c.subject)));
  kept.push(...renames, ...clientChanges);
  const unique = groupComponentChanges(dedupe(kept));
  return { bump: maxBump(...unique.map((c) => c.bump)), changes: unique };
}

/**
 * Whether `diff` is inside a `oneOf`/`anyOf` the previous spec did not have: api-smart-diff reads a schema
 * that gains one as a one-alternative composition that changed, so a new `oneOf` whose alternatives each
 * require a field came out as that field "now required". Only the alternatives' addition is kept, and any
 * field of the old schema that no alternative has (a real removal).
 */
function insideNewAlternatives(diff: LibraryDiff, before: OpenApiDocument, after: OpenApiDocument): boolean {
  const at = diff.path.findIndex((key, i) => (key === "oneOf" || key === "anyOf") && i > 0);
  if (at < 0 || diff.path.length <= at + 2) return false;
  const holder = diff.path.slice(0, at);
  const schema = nodeAt(before, holder) as Record<string, unknown> | undefined;
  if (Array.isArray(schema?.[diff.path[at] as string])) return false;
  const removedField =
    diff.action === "remove" && diff.path.length === at + 4 && diff.path[at + 2] === "properties";
  return !(removedField && !propertyNames(after, nodeAt(after, holder)).has(String(diff.path[at + 3])));
}

interface Context {
  before: OpenApiDocument;
  after: OpenApiDocument;
  /** `METHOD path` → method name, from the new spec, else the old one. */
  names: Map<string, string>;
  /** Components no operation's request or response reaches (events' payloads do not count). */
  unreachable: Set<string>;
  /** Component → the events (`webhook \`call.ended\``, a callback) whose payloads reach it. */
  events: Map<string, string[]>;
  /** Whether the previous spec had events (webhooks or callbacks): decides what a new one is (eventPresence). */
  hadEvents: boolean;
  /** Whether the client's options or what it sends changed (client-option-changes.ts `definitionChanges`). */
  clientAuthChanged: boolean;
}

type Described = SpecChange | SpecChange[] | undefined;

function describe(diff: LibraryDiff, ctx: Context): Described {
  const [root, ...rest] = diff.path.map(String);
  if (root === "info") {
    if (rest[0] === "version") return undefined;
    return { bump: "patch", text: `info.${rest.join(".")} changed` };
  }
  if (root === "paths") return describePathChange(diff, rest, ctx);
  if (root === "components") return describeComponentChange(diff, rest, ctx);
  if (root === "webhooks" || root === "x-webhooks") return describeWebhookChange(diff, rest, ctx);
  // Servers, security and security schemes are judged by what they do to the client's options, below.
  if (root === "servers" || root === "security") return undefined;
  if (root?.startsWith("x-") || root === "tags" || root === "externalDocs") {
    return { bump: "patch", text: `${root} changed` };
  }
  return { bump: libraryBump(diff), text: `${root} ${verb(diff)}` };
}

function describePathChange(diff: LibraryDiff, rest: string[], ctx: Context): Described {
  const [path, method, ...inner] = rest;
  if (path === undefined) return undefined;
  if (method === undefined) {
    // A whole path item appeared or went away: one change per operation in it.
    const item = (diff.action === "remove" ? diff.before : diff.after) as Record<string, unknown> | undefined;
    const methods = Object.keys(item ?? {}).filter((m) => METHODS.has(m));
    return methods.map((m) => operationPresence(diff.action === "remove" ? "remove" : "add", m, path, ctx));
  }
  if (!METHODS.has(method)) {
    // Path-level keys: shared parameters (they belong to every operation of the path) or documentation.
    if (method === "parameters") {
      const subject = `every operation on \`${path}\``;
      return parameterChange(diff, inner, subject, ctx, ["paths", path, "parameters"]);
    }
    if (DOC_KEYS.has(method)) return { bump: "patch", subject: `\`${path}\``, text: `${method} changed` };
    return { bump: libraryBump(diff), subject: `\`${path}\``, text: `${method} ${verb(diff)}` };
  }
  if (!inner.length) return operationPresence(diff.action === "remove" ? "remove" : "add", method, path, ctx);
  const subject = subjectOf(method, path, ctx);
  const [part, ...more] = inner;
  switch (part) {
    case "parameters":
      return parameterChange(diff, more, subject, ctx, ["paths", path, method, "parameters"]);
    case "requestBody":
      return bodyChange(diff, more, subject, ctx);
    case "responses":
      return responseChange(diff, more, subject, ctx);
    case "operationId":
      // The method name follows the operationId; a rename is reported by `operationRenames`.
      return { bump: "patch", subject, text: "operationId changed" };
    case "deprecated":
      return {
        bump: "minor",
        subject,
        text: diff.action === "remove" ? "no longer deprecated" : "deprecated",
      };
    case "security": {
      // `security: []` is "no credentials": added, it takes the requirements away, which "added" misread.
      const empty = (value: unknown) => Array.isArray(value) && value.length === 0;
      const text =
        more.length === 0 && empty(diff.after)
          ? "needs no credentials now (`security: []`): the client sends none to it"
          : more.length === 0 && empty(diff.before) && diff.action !== "remove"
            ? "needs credentials now (it had `security: []`)"
            : `security requirements ${verb(diff)}`;
      return { bump: libraryBump(diff), subject, text };
    }
    case "servers":
      return { bump: "minor", subject, text: "server URL changed" };
    case "callbacks":
      return describeCallbackChange(diff, more, subject, ctx);
    default:
      if (part && (DOC_KEYS.has(part) || part.startsWith("x-"))) {
        return { bump: "patch", subject, text: `${part} changed` };
      }
      return { bump: libraryBump(diff), subject, text: `${[part, ...more].join(".")} ${verb(diff)}` };
  }
}

/**
 * Whether a spec declares events: webhooks, or callbacks of its operations (webhook-events.ts makes both into
 * the package's events).
 */
function hasEvents(doc: OpenApiDocument): boolean {
  if (webhookItems(doc).length) return true;
  return Object.values(doc.paths ?? {}).some((item) =>
    HTTP_METHODS.some((method) => Object.keys(item?.[method]?.callbacks ?? {}).length > 0),
  );
}

/**
 * An event (a webhook, or an operation's callback) added or removed. The events make up the
 * `<Provider>WebhookEvent` union a handler's `switch` narrows: one added beside others is a new member of it,
 * as a new enum value in a response is (major, see the top), and one removed breaks the `case` naming it. A
 * package's first events are new exports that no code uses yet: minor.
 */
function eventPresence(
  action: string,
  kind: "webhook" | "callback",
  subject: string,
  ctx: Context,
): SpecChange {
  if (action === "remove") return { bump: "major", subject, text: `${kind} removed` };
  if (action !== "add") return { bump: "major", subject, text: `${kind} replaced` };
  return ctx.hadEvents
    ? {
        bump: "major",
        subject,
        text: `new ${kind}: the events' union may now be it, so an exhaustive \`switch\` over events no longer compiles`,
      }
    : { bump: "minor", subject, text: `new ${kind}` };
}

/**
 * A change inside one event's path item (`post.requestBody…`). What the provider sends is what the user's
 * handler reads, so a payload change is judged as a response change is (a field removed, or one that may now
 * be absent, breaks the handler).
 */
function eventChange(
  diff: LibraryDiff,
  [method, ...inner]: string[],
  subject: string,
  ctx: Context,
): Described {
  if (method === undefined) return undefined;
  if (!METHODS.has(method) || inner.length === 0) {
    const what = [method, ...inner].join(".");
    if (DOC_KEYS.has(method) || method.startsWith("x-"))
      return { bump: "patch", subject, text: `${what} changed` };
    return { bump: diff.action === "add" ? "minor" : "major", subject, text: `${what} ${verb(diff)}` };
  }
  const [part, ...more] = inner;
  if (part === "requestBody") {
    const [content, mediaType, schemaKey, ...schemaPath] = more;
    if (content === "content" && schemaKey === "schema")
      return schemaChange(diff, schemaPath, "response", subject, "payload", ctx);
    if (content && DOC_KEYS.has(content))
      return { bump: "patch", subject, text: `payload ${content} changed` };
    const what = ["payload", mediaType].filter(Boolean).join(" ");
    return { bump: diff.action === "add" ? "minor" : "major", subject, text: `${what} ${verb(diff)}` };
  }
  if (part && (DOC_KEYS.has(part) || part.startsWith("x-")))
    return { bump: "patch", subject, text: `${part} changed` };
  // Headers the provider sends (a signature's), or the answer it expects: api-smart-diff's class stands.
  return { bump: libraryBump(diff), subject, text: `${[part, ...more].join(".")} ${verb(diff)}` };
}

/** A change under `webhooks` (or `x-webhooks`): one event, or (the section added or removed) each of them. */
function describeWebhookChange(diff: LibraryDiff, rest: string[], ctx: Context): Described {
  const [name, ...inner] = rest;
  const subjectOf = (event: string) => `webhook \`${event}\``;
  if (name === undefined) {
    const section = (diff.action === "remove" ? diff.before : diff.after) as
      | Record<string, unknown>
      | undefined;
    return Object.keys(section ?? {}).map((event) =>
      eventPresence(diff.action, "webhook", subjectOf(event), ctx),
    );
  }
  if (inner.length === 0) return eventPresence(diff.action, "webhook", subjectOf(name), ctx);
  return eventChange(diff, inner, subjectOf(name), ctx);
}

/** A change under an operation's `callbacks` (name → expression → path item), judged as a webhook's. */
function describeCallbackChange(
  diff: LibraryDiff,
  rest: string[],
  operation: string,
  ctx: Context,
): Described {
  const [name, expression, ...inner] = rest;
  const subjectOf = (callback: string) => `callback \`${callback}\` of ${operation}`;
  if (name === undefined) {
    const all = (diff.action === "remove" ? diff.before : diff.after) as Record<string, unknown> | undefined;
    return Object.keys(all ?? {}).map((callback) =>
      eventPresence(diff.action, "callback", subjectOf(callback), ctx),
    );
  }
  if (expression === undefined) return eventPresence(diff.action, "callback", subjectOf(name), ctx);
  if (inner.length === 0) {
    return {
      bump: diff.action === "add" ? "minor" : "major",
      subject: subjectOf(name),
      text: `URL ${expression} ${verb(diff)}`,
    };
  }
  return eventChange(diff, inner, subjectOf(name), ctx);
}

function operationPresence(action: "add" | "remove", method: string, path: string, ctx: Context): SpecChange {
  const subject = subjectOf(method, path, ctx);
  return action === "add"
    ? { bump: "minor", subject, text: "new operation" }
    : { bump: "major", subject, text: "operation removed" };
}

function parameterChange(
  diff: LibraryDiff,
  rest: string[],
  subject: string,
  ctx: Context,
  listPath: string[],
): Described {
  const [index, field, ...schemaPath] = rest;
  const parameter = parameterAt(diff, ctx, [...listPath, index ?? ""]);
  const label = parameter ? `${parameter.in} parameter \`${parameter.name}\`` : "a parameter";
  if (field === undefined) {
    if (diff.action === "add") {
      const required = parameter?.required === true;
      return {
        bump: required ? "major" : "minor",
        subject,
        text: `${label} added (${required ? "required" : "optional"})`,
      };
    }
    if (diff.action === "remove") return { bump: "major", subject, text: `${label} removed` };
    return { bump: "major", subject, text: `${label} replaced` };
  }
  if (field === "required") {
    // A path parameter is part of the URL: required whatever the document says (openapi-typescript types it
    // so), and `required: false` on one is a mistake that changes nothing a caller writes.
    if (parameter?.in === "path")
      return { bump: "patch", subject, text: `${label}'s \`required\` changed (a path parameter always is)` };
    const nowRequired = diff.action !== "remove" && diff.after === true;
    return nowRequired
      ? { bump: "major", subject, text: `${label} is now required` }
      : { bump: "minor", subject, text: `${label} is now optional` };
  }
  if (field === "schema" || field === "content") {
    const path = field === "content" ? schemaPath.slice(2) : schemaPath;
    return schemaChange(diff, path, "request", subject, label, ctx);
  }
  if (field === "deprecated") return { bump: "minor", subject, text: `${label} deprecated` };
  // A parameter's name is the key callers pass it under (a path parameter's too, though the URL is the
  // same): renamed, every call that passes it stops compiling.
  if (field === "name" && diff.action === "replace")
    return {
      bump: "major",
      subject,
      text: `${parameter?.in ?? "a"} parameter \`${String(diff.before)}\` renamed to \`${String(diff.after)}\``,
    };
  if (DOC_KEYS.has(field) || field.startsWith("x-")) {
    return { bump: "patch", subject, text: `${label}: ${field} changed` };
  }
  return { bump: requestBump(diff), subject, text: `${label}: ${field} ${verb(diff)}` };
}

function bodyChange(diff: LibraryDiff, rest: string[], subject: string, ctx: Context): Described {
  const [part, mediaType, schemaKey, ...schemaPath] = rest;
  if (part === undefined) {
    if (diff.action === "add") {
      const required = (diff.after as { required?: boolean } | undefined)?.required === true;
      return {
        bump: required ? "major" : "minor",
        subject,
        text: `request body added (${required ? "required" : "optional"})`,
      };
    }
    return {
      bump: "major",
      subject,
      text: diff.action === "remove" ? "request body removed" : "request body replaced",
    };
  }
  if (part === "required") {
    return diff.after === true
      ? { bump: "major", subject, text: "request body is now required" }
      : { bump: "minor", subject, text: "request body is now optional" };
  }
  if (part === "content") {
    if (schemaKey === undefined) {
      return diff.action === "add"
        ? { bump: "minor", subject, text: `request body accepts ${mediaType ?? "a new media type"}` }
        : { bump: "major", subject, text: `request body ${mediaType ?? "media type"} ${verb(diff)}` };
    }
    if (schemaKey === "schema")
      return schemaChange(diff, schemaPath, "request", subject, "request body", ctx);
    if (DOC_KEYS.has(schemaKey)) return { bump: "patch", subject, text: `request body ${schemaKey} changed` };
  }
  if (part && (DOC_KEYS.has(part) || part.startsWith("x-"))) {
    return { bump: "patch", subject, text: `request body ${part} changed` };
  }
  return { bump: requestBump(diff), subject, text: `request body ${rest.join(".")} ${verb(diff)}` };
}

function responseChange(diff: LibraryDiff, rest: string[], subject: string, ctx: Context): Described {
  const [status, part, mediaType, schemaKey, ...schemaPath] = rest;
  const label = `response ${status}`;
  if (part === undefined) {
    if (diff.action !== "add") return { bump: "major", subject, text: `${label} ${verb(diff)}` };
    const widened = newSuccessBody(diff, status!, ctx);
    return widened
      ? { bump: "major", subject, text: `${label} added, ${widened}` }
      : { bump: "minor", subject, text: `${label} added` };
  }
  if (part === "content") {
    if (schemaKey === undefined) {
      return diff.action === "add"
        ? { bump: "minor", subject, text: `${label} may now be ${mediaType ?? "a new media type"}` }
        : { bump: "major", subject, text: `${label} ${mediaType ?? "media type"} ${verb(diff)}` };
    }
    if (schemaKey === "schema") return schemaChange(diff, schemaPath, "response", subject, label, ctx);
    if (DOC_KEYS.has(schemaKey)) return { bump: "patch", subject, text: `${label} ${schemaKey} changed` };
  }
  if (part === "headers") {
    // A response that gains or loses all its headers at once is one change at `headers`: named by them.
    const whole = diff.action === "remove" ? diff.before : diff.after;
    const header = mediaType ?? (whole && typeof whole === "object" ? Object.keys(whole).join("`, `") : "");
    return {
      bump: diff.action === "remove" ? "major" : libraryBump(diff),
      subject,
      text: `${label} header \`${header}\` ${verb(diff)}`,
    };
  }
  if (part && (DOC_KEYS.has(part) || part.startsWith("x-"))) {
    return { bump: "patch", subject, text: `${label} ${part} changed` };
  }
  return {
    bump: libraryBump(diff),
    subject,
    text: `${label} ${[part, ...rest.slice(2)].join(".")} ${verb(diff)}`,
  };
}

/**
 * What a success response added beside others does to the result's `data`, the union of the successes'
 * bodies: undefined when its body is one they already have (a 200 beside a 201 of the same schema), or no
 * body beside others with none. Else a caller's `data` is wider than before (`T | undefined` for a 204 beside a
 * 200, `T | Job` for a 202 beside a 201), and code that used it as before may not compile: a break, as a new
 * value of a response's enum is.
 */
function newSuccessBody(diff: LibraryDiff, status: string, ctx: Context): string | undefined {
  if (!/^2(?:\d\d|XX)$/i.test(status)) return undefined;
  const responses = nodeAt(ctx.before, diff.path.slice(0, -1));
  if (!responses || typeof responses !== "object") return undefined;
  const earlier = Object.entries(responses).filter(([code]) => /^2(?:\d\d|XX)$/i.test(code));
  if (earlier.length === 0) return undefined;
  const bodyOf = (doc: object, response: unknown): unknown => {
    const content = (followedRef(doc, response) as { content?: unknown } | undefined)?.content;
    if (!content || typeof content !== "object") return undefined;
    const entries = Object.entries(content as Record<string, { schema?: unknown }>);
    const [, media] = entries.find(([type]) => /json/i.test(type)) ?? entries[0] ?? [];
    return media ? (media.schema ?? {}) : undefined;
  };
  const added = bodyOf(ctx.after, diff.after);
  const same = earlier.some(([, response]) => {
    const other = bodyOf(ctx.before, response);
    if (other === undefined || added === undefined) return other === added;
    return !resolvedDifference({ doc: ctx.before, value: other }, { doc: ctx.after, value: added });
  });
  if (same) return undefined;
  return added === undefined
    ? "with no body: the result's `data` may now be undefined"
    : "with a body the other successes do not have: the result's `data` may now be it too";
}

/** A node, through the `$ref`s it may be (a response as `#/components/responses/…`). */
function followedRef(doc: object, node: unknown, depth = 0): unknown {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === "string" && depth < 32 ? followedRef(doc, resolvePointer(doc, ref), depth + 1) : node;
}

function describeComponentChange(diff: LibraryDiff, rest: string[], ctx: Context): Described {
  const [kind, name, ...inner] = rest;
  if (kind === undefined || name === undefined) return undefined;
  // What a scheme does to the client is judged by its options (client-option-changes.ts); a new one changes
  // nothing until the settings name it, which is worth saying rather than "the spec changed".
  // A scheme the client now sends is said by what it does to the options, not by this note.
  if (kind === "securitySchemes") {
    if (diff.action !== "add" || inner.length || ctx.clientAuthChanged) return undefined;
    // A scheme gone and one with its definition added is a rename (one the client sends is said by what the
    // client's options do, and switchboard.yaml, which names schemes, is refused until it names the new one).
    const schemes = (doc: OpenApiDocument) =>
      (doc.components?.securitySchemes ?? {}) as Record<string, unknown>;
    const old = Object.entries(schemes(ctx.before)).find(
      ([key, scheme]) => !(key in schemes(ctx.after)) && isDeepStrictEqual(scheme, diff.after),
    )?.[0];
    return {
      bump: "patch",
      text:
        old === undefined
          ? `security scheme \`${name}\` added: the client sends it once switchboard.yaml names it under \`credentials:\``
          : `security scheme \`${old}\` renamed to \`${name}\`, its definition unchanged`,
    };
  }
  if (!TYPED_COMPONENTS.has(kind)) {
    return { bump: "patch", text: `components.${kind}.${name} ${verb(diff)}` };
  }
  const label = `\`components["${kind}"]["${name}"]\``;
  if (!inner.length) {
    // The exported `components` type gains or loses a member that users may name directly.
    if (diff.action === "add") return { bump: "minor", text: `${label} added` };
    if (diff.action === "remove") return { bump: "major", text: `${label} removed` };
  }
  // Changes to a component that operations use are reported at each operation (the library follows
  // `$ref`s in requests and responses). It does not follow them into events' payloads (a callback's, a
  // webhook's), so a component an event reaches is reported here at each such event, judged as a payload is
  // (what the provider sends: a field removed breaks the handler). Components nothing reaches are reported
  // as changes to that type.
  const key = `${kind}/${name}`;
  const events = ctx.events.get(key) ?? [];
  const atEvents = events.flatMap((event) => {
    const change = kind === "schemas" ? schemaChange(diff, inner, "response", event, label, ctx) : undefined;
    return change === undefined ? [] : [change].flat();
  });
  if (!ctx.unreachable.has(key) || events.length > 0) return atEvents;
  // The schema inside a component is judged as where it is used: a response's as a response, a request
  // body's or parameter's as a request (a removal inside a response component is not "non-breaking").
  const [first, second, third, ...more] = inner;
  if (kind === "schemas") return schemaChange(diff, inner, "response", undefined, label, ctx);
  if ((kind === "responses" || kind === "requestBodies") && first === "content" && third === "schema") {
    const direction = kind === "responses" ? "response" : "request";
    return schemaChange(diff, more, direction, undefined, `${label} (${second})`, ctx);
  }
  if ((kind === "parameters" || kind === "headers") && first === "schema") {
    return schemaChange(
      diff,
      [second, third, ...more].filter((p) => p !== undefined) as string[],
      kind === "headers" ? "response" : "request",
      undefined,
      label,
      ctx,
    );
  }
  return { bump: libraryBump(diff), text: `${label} ${inner.join(".")} ${verb(diff)}` };
}

/** Components that no operation refers to, directly or through other components, in either spec. */
function unreachableComponents(before: OpenApiDocument, after: OpenApiDocument): Set<string> {
  const fromOperations = (doc: OpenApiDocument) => componentsReachedFrom(doc, doc.paths, CALLBACKS);
  const reached = new Set([...fromOperations(before), ...fromOperations(after)]);
  const all = new Set<string>();
  for (const doc of [before, after]) {
    for (const [kind, entries] of Object.entries(doc.components ?? {})) {
      for (const name of Object.keys(entries ?? {})) all.add(`${kind}/${name}`);
    }
  }
  return new Set([...all].filter((key) => !reached.has(key)));
}

const CALLBACKS = new Set(["callbacks"]);

/**
 * Each component the events' payloads reach (in either spec), with the events: each webhook, and each
 * callback of an operation, as the changeset names them.
 */
function eventsByComponent(
  before: OpenApiDocument,
  after: OpenApiDocument,
  names: Map<string, string>,
): Map<string, string[]> {
  const events = new Map<string, Set<string>>();
  const add = (doc: OpenApiDocument, item: unknown, event: string) => {
    for (const key of componentsReachedFrom(doc, item))
      events.set(key, (events.get(key) ?? new Set()).add(event));
  };
  for (const doc of [before, after]) {
    for (const { name, item } of webhookItems(doc)) add(doc, item, `webhook \`${name}\``);
    for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const callbacks = (pathItem as Record<string, any> | undefined)?.[method]?.callbacks;
        if (!callbacks || typeof callbacks !== "object") continue;
        const operation = subjectOf(method, path, { names } as Context);
        for (const [name, callback] of Object.entries(callbacks))
          add(doc, callback, `callback \`${name}\` of ${operation}`);
      }
    }
  }
  return new Map([...events].map(([key, set]) => [key, [...set]]));
}

function operationNames(before: OpenApiDocument, after: OpenApiDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const doc of [before, after]) {
    for (const op of operationTable(doc, "(spec)")) names.set(`${op.method} ${op.path}`, op.name);
  }
  return names;
}

function subjectOf(method: string, path: string, ctx: Context): string {
  const key = `${method.toUpperCase()} ${path}`;
  const name = ctx.names.get(key);
  return name ? `\`${name}\` (${key})` : `${key}`;
}

function parameterAt(
  diff: LibraryDiff,
  ctx: Context,
  path: string[],
): { name: string; in: string; required?: boolean } | undefined {
  const fromValue = (value: unknown, doc: OpenApiDocument) => {
    let param = value as any;
    if (param && typeof param.$ref === "string") param = resolvePointer(doc, param.$ref);
    return param && typeof param.name === "string" ? param : undefined;
  };
  if (path.length === diff.path.length) {
    const value = diff.action === "remove" ? diff.before : diff.after;
    const direct = fromValue(value, diff.action === "remove" ? ctx.before : ctx.after);
    if (direct) return direct;
  }
  const pointer = `#/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
  return (
    fromValue(resolvePointer(ctx.after, pointer), ctx.after) ??
    fromValue(resolvePointer(ctx.before, pointer), ctx.before)
  );
}

function dedupe(changes: SpecChange[]): SpecChange[] {
  const seen = new Set<string>();
  const texts = new Set(changes.map((change) => `${change.subject ?? ""}|${change.text}`));
  return changes
    .filter((change) => {
      const key = `${change.bump}|${change.subject ?? ""}|${change.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      // A field removed "may now be absent" too, which says nothing more.
      const removed = / may now be absent$/.exec(change.text);
      return !(
        removed && texts.has(`${change.subject ?? ""}|${change.text.slice(0, removed.index)} removed`)
      );
    })
    .flatMap((change) => {
      // A field added and required is one change, said once: "field `x` added (required)".
      const required = / is now required$/.exec(change.text);
      const added = required && `${change.subject ?? ""}|${change.text.slice(0, required.index)} added`;
      if (added && texts.has(added)) return [];
      if (
        change.text.endsWith(" added") &&
        texts.has(`${change.subject ?? ""}|${change.text.slice(0, -" added".length)} is now required`)
      )
        return [{ ...change, bump: "major" as const, text: `${change.text} (required)` }];
      return [change];
    });
}
