/**
 * The events a provider sends, as its spec declares them: every OpenAPI 3.1 webhook and every callback of
 * an operation, with the schema of its payload, and the discriminator that tells them apart: the property
 * path whose schema is a single-value `enum`/`const` (or a few values) that differs from event to event
 * (Telnyx's `data.event_type`), found from the schemas, or named by an overlay in `x-switchboard-webhooks`.
 */
import { InputError } from "../errors.js";
import { identifier, pascalCase } from "../naming.js";
import {
  deref,
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiDocument,
  operationsOf,
  webhookItems,
} from "../spec/openapi-document.js";
import type { JsonPath, Locate } from "../spec/spec-checks.js";

/** The root extension an overlay sets to declare what the spec leaves unsaid (see webhook-signature.ts). */
export const WEBHOOKS_EXTENSION = "x-switchboard-webhooks";

export interface WebhookEvent {
  /** The webhook's name (`callInitiated`), or the callback's, qualified by its operation when two share it. */
  readonly name: string;
  readonly method: HttpMethod;
  readonly pathItem: Record<string, any>;
  readonly operation: Record<string, any>;
  /** Where it is declared: `webhooks.callInitiated.post`, `paths./calls.post.callbacks.onStatus.…`. */
  readonly where: string;
  /** The same place as a path into the document (its operation object), for a file and line. */
  readonly at: JsonPath;
  /** The media type and schema of its payload; events without a request body have none. */
  readonly mediaType?: string;
  readonly schema?: unknown;
  /** The generated type's name (`CallInitiatedEvent`), unique in the module. */
  typeName: string;
  /** The discriminator's values for this event, when its schema fixes them. */
  values?: readonly string[];
  /** The webhook as declared, for an event that is one alternative of its payload (see branchEvents). */
  readonly branchOf?: WebhookEvent;
}

export interface WebhookEvents {
  readonly events: WebhookEvent[];
  /** The discriminator's property path, when there is one. */
  readonly discriminator?: readonly string[];
}

/** Every event of the document, in document order: webhooks first, then callbacks. */
export function webhookEvents(
  doc: OpenApiDocument,
  where: Locate,
  reserved: ReadonlySet<string>,
): WebhookEvents {
  const events: WebhookEvent[] = [];
  const add = (name: string, pathItem: any, where: string, at: JsonPath) => {
    const item = deref(doc, pathItem);
    if (!item || typeof item !== "object") return;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation || typeof operation !== "object") continue;
      const body = deref(doc, operation.requestBody);
      const content: Record<string, any> = body?.content ?? {};
      const mediaType =
        Object.keys(content).find((type) => /^application\/(.+\+)?json\b|\+json\b/i.test(type)) ??
        Object.keys(content)[0];
      const event: WebhookEvent = {
        name,
        method,
        pathItem: item,
        operation,
        where: `${where}.${method}`,
        at: [...at, method],
        ...(mediaType ? { mediaType, schema: content[mediaType]?.schema ?? {} } : {}),
        typeName: "",
      };
      events.push(...branchEvents(doc, event));
    }
  };
  for (const { name, item, section } of webhookItems(doc))
    add(name, item, `${section}.${name}`, [section, name]);
  // A callback is named by its operation (`CreateCall.status`), and by its expression when it has several.
  for (const { path, method, operation } of operationsOf(doc)) {
    const owner = operation.operationId ?? `${method} ${path}`;
    for (const [name, callback] of Object.entries(operation.callbacks ?? {})) {
      const expressions = Object.entries(deref(doc, callback) ?? {});
      for (const [expression, item] of expressions) {
        const key = `${owner}.${name}${expressions.length > 1 ? `[${expression}]` : ""}`;
        add(key, item, `paths.${path}.${method}.callbacks.${name}.${expression}`, [
          "paths",
          path,
          method,
          "callbacks",
          name,
          expression,
        ]);
      }
    }
  }
  let discriminator = chooseDiscriminator(doc, events, where);
  // A webhook split into its payload's alternatives stays split only where the discriminator tells them
  // apart (the mock's sender splits it by that rule too); else it is one event again.
  const whole = events.filter(
    (e) => e.branchOf && !(discriminator && valuesAt(doc, e.schema, discriminator)),
  );
  if (whole.length) {
    const unsplit = new Set(whole.map((e) => e.branchOf!));
    const kept: WebhookEvent[] = [];
    for (const event of events) {
      if (!event.branchOf || !unsplit.has(event.branchOf)) kept.push(event);
      else if (!kept.includes(event.branchOf)) kept.push(event.branchOf);
    }
    events.splice(0, events.length, ...kept);
    discriminator = chooseDiscriminator(doc, events, where);
  }
  nameTypes(events, reserved);
  if (discriminator) for (const event of events) event.values = valuesAt(doc, event.schema, discriminator);
  return discriminator ? { events, discriminator } : { events };
}

/**
 * One event per alternative of a payload that is a `oneOf`/`anyOf` of events told apart by a value each fixes
 * at one property path (a Svix-style endpoint's `{ type: "call.started" } | { type: "call.ended" } | …`, Vapi's
 * `message.type`): each is an event of its own, as webhooks declared apart are, named `<webhook>[<value>]`.
 * Anything else is the one event as declared.
 */
function branchEvents(doc: OpenApiDocument, event: WebhookEvent): WebhookEvent[] {
  const schema = deref(doc, event.schema as any) as Record<string, any> | undefined;
  const branches: unknown[] = schema?.oneOf ?? schema?.anyOf ?? [];
  if (branches.length < 2 || !event.mediaType) return [event];
  const literals = branches.map((branch) => literalPaths(doc, branch));
  const path = [...literals[0]!.keys()].find((at) => {
    const values = literals.map((map) => map.get(at));
    if (values.some((v) => v === undefined)) return false;
    const all = values.flat() as string[];
    return new Set(all).size === all.length; // each value one alternative's
  });
  if (!path) return [event];
  return branches.map((branch, i) => {
    // The operation as if its payload were this alternative alone: its type is then the alternative's.
    const operation = structuredClone(event.operation);
    const body = deref(doc, operation.requestBody);
    operation.requestBody = {
      ...body,
      content: { ...body.content, [event.mediaType!]: { ...body.content[event.mediaType!], schema: branch } },
    };
    return {
      ...event,
      name: `${event.name}[${literals[i]!.get(path)![0]}]`,
      pathItem: { ...event.pathItem, [event.method]: operation },
      operation,
      where: `${event.where}.requestBody.${schema?.oneOf ? "oneOf" : "anyOf"}[${i}]`,
      schema: branch,
      branchOf: event,
    };
  });
}

/** `CallInitiatedEvent` for `callInitiated`, `FaxDeliveredEvent` for `fax.delivered`; clashes numbered. */
function nameTypes(events: WebhookEvent[], reserved: ReadonlySet<string>): void {
  const methods = new Map<string, number>();
  for (const e of events) methods.set(e.name, (methods.get(e.name) ?? 0) + 1);
  const taken = new Set(reserved);
  for (const event of events) {
    // An alternative of a webhook's payload by its value (`CallStartedEvent` for `callEvent[call.started]`).
    const own = event.branchOf ? event.name.slice(event.branchOf.name.length + 1, -1) : event.name;
    const base = `${pascalCase(own).replace(/Event$/, "")}${methods.get(event.name)! > 1 ? pascalCase(event.method) : ""}`;
    let name = identifier(`${base || "Webhook"}Event`);
    for (let n = 2; taken.has(name); n++) name = identifier(`${base}${n}Event`);
    taken.add(name);
    event.typeName = name;
  }
}

/** How deep below the payload's root a discriminator is looked for (`data.event_type` is two). */
const MAX_DEPTH = 3;

/**
 * String literals a schema fixes at each property path (`["data","event_type"]` as JSON → values), through
 * `$ref`s and `allOf`; through `oneOf`/`anyOf` only where every branch fixes the path.
 */
function literalPaths(
  doc: OpenApiDocument,
  node: unknown,
  depth = 0,
  seen: string[] = [],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (depth >= MAX_DEPTH || !node || typeof node !== "object") return out;
  const ref = (node as any).$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) return out;
    return literalPaths(doc, deref(doc, node), depth, [...seen, ref]);
  }
  const schema = node as Record<string, any>;
  const merge = (map: Map<string, string[]>) => {
    for (const [path, values] of map) out.set(path, [...new Set([...(out.get(path) ?? []), ...values])]);
  };
  for (const part of schema.allOf ?? []) merge(literalPaths(doc, part, depth, seen));
  const branches = (schema.oneOf ?? schema.anyOf ?? []).map((b: unknown) =>
    literalPaths(doc, b, depth, seen),
  );
  if (branches.length) {
    const shared = [...branches[0]!.keys()].filter((path) =>
      branches.every((b: Map<string, string[]>) => b.has(path)),
    );
    for (const path of shared)
      merge(new Map([[path, branches.flatMap((b: Map<string, string[]>) => b.get(path)!)]]));
  }
  for (const [property, child] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    const values = literals(deref(doc, child));
    if (values) merge(new Map([[JSON.stringify([property]), values]]));
    else {
      for (const [path, inner] of literalPaths(doc, child, depth + 1, seen))
        merge(new Map([[JSON.stringify([property, ...JSON.parse(path)]), inner]]));
    }
  }
  return out;
}

/** The strings a schema allows when it fixes them (`const`, or an `enum` of strings). */
function literals(schema: any): string[] | undefined {
  if (typeof schema?.const === "string") return [schema.const];
  const values = Array.isArray(schema?.enum) ? schema.enum.filter((v: unknown) => v !== null) : [];
  return values.length && values.every((v: unknown) => typeof v === "string") ? values : undefined;
}

function valuesAt(doc: OpenApiDocument, schema: unknown, path: readonly string[]): string[] | undefined {
  return literalPaths(doc, schema).get(JSON.stringify(path));
}

/**
 * The discriminator: `x-switchboard-webhooks.discriminator` (a JSON Pointer into the payload) when an
 * overlay sets one, else the path whose values tell the most events apart: an event counts when no other
 * event shares one of its values (so `record_type: "event"`, the same everywhere, tells none apart). At
 * least two events must be told apart; ties go to the shallower path, then the first in order.
 */
function chooseDiscriminator(
  doc: OpenApiDocument,
  events: WebhookEvent[],
  where: Locate,
): string[] | undefined {
  const declared = (doc[WEBHOOKS_EXTENSION] as Record<string, unknown> | undefined)?.discriminator;
  if (declared !== undefined) {
    const { file, line } = where([WEBHOOKS_EXTENSION, "discriminator"]);
    if (typeof declared !== "string" || !/^\/[^/]/.test(declared)) {
      throw new InputError(
        file,
        `${WEBHOOKS_EXTENSION}.discriminator must be a JSON Pointer into the payload, such as "/data/event_type"`,
        line,
      );
    }
    const path = declared
      .slice(1)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (!events.some((e) => valuesAt(doc, e.schema, path))) {
      throw new InputError(
        file,
        `${WEBHOOKS_EXTENSION}.discriminator ${declared}: no webhook's payload schema fixes a value there (an enum or const)`,
        line,
      );
    }
    return path;
  }
  const byPath = new Map<string, Map<WebhookEvent, string[]>>();
  for (const event of events) {
    for (const [path, values] of literalPaths(doc, event.schema)) {
      if (!byPath.has(path)) byPath.set(path, new Map());
      byPath.get(path)!.set(event, values);
    }
  }
  let best: { path: string; score: number; depth: number } | undefined;
  for (const [path, valuesOf] of byPath) {
    const owners = new Map<string, number>();
    for (const values of valuesOf.values()) for (const v of values) owners.set(v, (owners.get(v) ?? 0) + 1);
    const score = [...valuesOf.values()].filter((values) => values.every((v) => owners.get(v) === 1)).length;
    const depth = JSON.parse(path).length;
    if (score >= 2 && (!best || score > best.score || (score === best.score && depth < best.depth)))
      best = { path, score, depth };
  }
  return best && JSON.parse(best.path);
}
