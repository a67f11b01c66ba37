/**
 * The events a spec declares (its OpenAPI 3.1 `webhooks` and its operations' `callbacks`), found by the
 * name a test uses (the discriminator value, `call.initiated`, or the webhook's name, `callInitiated`), and
 * their payloads: the spec's example when it conforms, else one sampled from the schema, with the
 * discriminator set and the caller's overrides merged in.
 */
import { firstExampleValue } from "./cases.js";
import { deref, HTTP_METHODS, isObj, type Obj } from "./openapi.js";
import { firstConforming, sampleFromSchema } from "./sample.js";
import { conforms } from "./validate.js";

export interface DeclaredWebhook {
  /** The webhook's name, or `<operationId>.<callback name>` for a callback. */
  readonly name: string;
  readonly method: string;
  readonly operation: Obj;
  readonly mediaType: string;
  readonly media: Obj;
  readonly schema: unknown;
  /** Its discriminator values (`call.initiated`), when the schema fixes them. */
  readonly values: readonly string[];
  /**
   * The header values it declares (GitHub's `x-github-event: issues`, `user-agent: GitHub-Hookshot/…`), by
   * lower-case name: a parameter's `const`, single `enum` value, example or default, where it is one a
   * header can carry. A delivery sends them, as the provider would, so that a handler that routes on them
   * is tested as it runs.
   */
  readonly headers: Readonly<Record<string, string>>;
}

const TRANSPORT_HEADERS =
  /^(?:content-length|host|connection|keep-alive|transfer-encoding|te|trailer|upgrade|expect|proxy-.*)$/;

/** The header values `parameters` declare (see `DeclaredWebhook.headers`). */
function declaredHeaders(parameters: readonly unknown[], spec: Obj): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const raw of parameters) {
    const param = deref(raw, spec);
    if (!isObj(param) || param.in !== "header" || typeof param.name !== "string") continue;
    const schema = (deref(param.schema, spec) ?? {}) as Obj;
    const single = Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined;
    const value = [schema.const, single, param.example, schema.example, schema.default].find(
      (v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean",
    );
    // Visible ASCII and spaces only, and none the connection sets (a body's length): fetch refuses them.
    const name = param.name.toLowerCase();
    if (value !== undefined && /^[\x20-\x7e]+$/.test(String(value)) && !TRANSPORT_HEADERS.test(name))
      headers[name] = String(value);
  }
  return headers;
}

/** Every event of `spec` that has a body, webhooks first, in document order. */
export function declaredWebhooks(spec: Obj, discriminator: readonly string[] | undefined): DeclaredWebhook[] {
  const found: DeclaredWebhook[] = [];
  const add = (name: string, item: unknown) => {
    const pathItem = deref(item, spec);
    if (!isObj(pathItem)) return;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObj(operation)) continue;
      const content = deref(operation.requestBody, spec);
      const types = isObj(content) && isObj(content.content) ? Object.keys(content.content) : [];
      const mediaType = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0];
      if (!mediaType || !isObj(content) || !isObj(content.content)) continue;
      const media = content.content[mediaType] as Obj;
      const values = discriminator ? valuesAt(media.schema, discriminator, spec) : [];
      const parameters = [
        ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ];
      const headers = declaredHeaders(parameters, spec);
      const branches = discriminator ? alternatives(media.schema, discriminator, spec) : undefined;
      if (branches) {
        // Each alternative of the payload an event of its own, named as the generator names it.
        for (const { schema, values } of branches)
          found.push({
            name: `${name}[${values[0]}]`,
            method,
            operation,
            mediaType,
            media,
            schema,
            values,
            headers,
          });
        continue;
      }
      found.push({ name, method, operation, mediaType, media, schema: media.schema ?? {}, values, headers });
    }
  };
  // OpenAPI 3.1's `webhooks`, then `x-webhooks`, where 3.0 documents declare them (Redoc's, GitHub's), as the
  // generator reads them; a name in both is the first's, and an `x-` key an extension, no webhook.
  const named = new Set<string>();
  for (const section of ["webhooks", "x-webhooks"])
    for (const [name, item] of Object.entries(isObj(spec[section]) ? spec[section] : {}))
      if (!named.has(name) && !name.startsWith("x-")) {
        named.add(name);
        add(name, item);
      }
  for (const [path, pathItem] of Object.entries(isObj(spec.paths) ? spec.paths : {})) {
    for (const method of HTTP_METHODS) {
      const operation = isObj(pathItem) ? pathItem[method] : undefined;
      if (!isObj(operation) || !isObj(operation.callbacks)) continue;
      // Named as the generator names them: `<operationId>.<callback>`, `[<expression>]` when it has several.
      const owner = typeof operation.operationId === "string" ? operation.operationId : `${method} ${path}`;
      for (const [callback, value] of Object.entries(operation.callbacks)) {
        const expressions = Object.entries(deref(value, spec) as Obj);
        for (const [expression, item] of expressions)
          add(`${owner}.${callback}${expressions.length > 1 ? `[${expression}]` : ""}`, item);
      }
    }
  }
  return found;
}

/** The property schemas of an object schema, `allOf` parts merged. */
function propertiesOf(schema: unknown, spec: object): Obj {
  const resolved = deref(schema, spec);
  if (!isObj(resolved)) return {};
  const own = isObj(resolved.properties) ? resolved.properties : {};
  const parts = Array.isArray(resolved.allOf) ? resolved.allOf.map((p) => propertiesOf(p, spec)) : [];
  return Object.assign({}, ...parts, own);
}

/**
 * The alternatives of a payload that is a `oneOf`/`anyOf` of events each fixing its own values at the
 * discriminator (`{ type: "call.started" } | { type: "call.ended" }`), as the generator splits such a webhook
 * into an event per alternative; undefined for any other payload.
 */
function alternatives(
  schema: unknown,
  discriminator: readonly string[],
  spec: object,
): Array<{ schema: unknown; values: string[] }> | undefined {
  const resolved = deref(schema, spec);
  const branches = isObj(resolved) ? (resolved.oneOf ?? resolved.anyOf) : undefined;
  if (!Array.isArray(branches) || branches.length < 2) return undefined;
  const found = branches.map((branch) => ({ schema: branch, values: valuesAt(branch, discriminator, spec) }));
  const all = found.flatMap((f) => f.values);
  return found.every((f) => f.values.length > 0) && new Set(all).size === all.length ? found : undefined;
}

/** The strings the schema fixes at `path` (`const`, or an `enum` of strings). */
function valuesAt(schema: unknown, path: readonly string[], spec: object): string[] {
  let node: unknown = schema;
  for (const key of path) node = propertiesOf(node, spec)[key];
  const leaf = deref(node, spec);
  if (!isObj(leaf)) return [];
  if (typeof leaf.const === "string") return [leaf.const];
  return Array.isArray(leaf.enum) ? leaf.enum.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The payload of `webhook`: the media type's or the schema's example when it conforms, else a sample of the
 * schema; then the objects on the way to the discriminator filled in (a sampled schema has only its required
 * properties) and the discriminator set to `value`.
 */
export function payloadOf(
  webhook: DeclaredWebhook,
  spec: Obj,
  discriminator: readonly string[] | undefined,
  value: string | undefined,
): unknown {
  const { media, schema } = webhook;
  // The sampler takes the schema's own example when it conforms; the media type's examples come first.
  const sample = (node: unknown) =>
    sampleFromSchema(isObj(node) ? node : {}, spec, { direction: "response" });
  const example = firstConforming([media.example, firstExampleValue(media.examples, spec)], schema, spec);
  const payload = example ? example.value : sample(schema);
  if (!discriminator || value === undefined || !isObj(payload)) return payload;
  let node: Obj = payload;
  let nodeSchema: unknown = schema;
  for (const key of discriminator.slice(0, -1)) {
    const child = propertiesOf(nodeSchema, spec)[key];
    if (!isObj(node[key])) {
      const sampled = sample(child);
      node[key] = isObj(sampled) ? sampled : {};
    }
    node = node[key] as Obj;
    nodeSchema = child;
  }
  node[discriminator.at(-1)!] = value;
  return payload;
}

/** Whether `payload` conforms to the webhook's schema. */
export const payloadConforms = (webhook: DeclaredWebhook, payload: unknown, spec: Obj) =>
  conforms(payload, webhook.schema, spec);
