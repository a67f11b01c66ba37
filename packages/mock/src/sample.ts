/**
 * Values for schemas: the schema's own example when it conforms, else one synthesised from the schema.
 *
 * Hand-written rather than openapi-sampler (1.7.10), which was measured against it (packages/mock/README.md,
 * "Sampling and validation"): it takes `example`, `default` and `enum` values without checking them against
 * their schema, takes a `null` type or `oneOf` branch first, drops a required property when `required` and
 * `properties` sit in different `allOf` parts (Telnyx's `NetworkCreate` comes out as `{}`), writes a `pattern`
 * such as `^(Auto|aa(-AA)*)$` out literally, and hands out the document's own example objects. It failed 9
 * of the 19 derivation tests and changed the request of 204 of Telnyx's 1,154 operations, 8 of them into
 * bodies Prism's validator rejects.
 */
import RandExp from "randexp";
import { deref, isObj, type Obj, resolvePointer, unescapeKey } from "./openapi.js";
import { conforms, conformsAsText } from "./validate.js";

export interface SampleOptions {
  /**
   * "request" (the default) leaves out `readOnly` properties, which a client must not send;
   * "response" leaves out `writeOnly` ones.
   */
  direction?: "request" | "response";
  /**
   * "required" (the default) fills required properties only, the least a request needs; "all" fills
   * every property the schema lists too, as a mock's response should look like the real thing.
   */
  properties?: "required" | "all";
  /**
   * The value travels as text (a path, query, header or cookie parameter): a `oneOf` of plain values is told
   * apart as the server tells it, by the text read as each alternative's type (`"42"` is an integer and a
   * string, so PeerTube's id-or-uuid-or-short-uuid takes neither 42 nor a uuid, only a short uuid).
   */
  asText?: boolean;
}

/** Nesting depth past which schema walks stop: deep enough for real documents, finite for cyclic ones. */
const MAX_DEPTH = 24;

/** How far `fromPattern` lengthens a pattern's value to meet a `minLength`: past any id or name's length. */
export const MAX_PATTERN_STEPS = 256;

/** The types a schema allows, `null` included for OpenAPI 3.0's `nullable: true`; undefined when it says none. */
function declaredTypes(schema: Obj): string[] | undefined {
  const types =
    typeof schema.type === "string"
      ? [schema.type]
      : Array.isArray(schema.type)
        ? schema.type.filter((t): t is string => typeof t === "string")
        : undefined;
  if (types && schema.nullable === true && !types.includes("null")) types.push("null");
  return types;
}

/** A valid value of each string format: what a schema with the format and no example is given. */
export const STRING_FORMATS: Record<string, string> = {
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  iri: "https://example.com",
  "uri-reference": "https://example.com",
  "iri-reference": "https://example.com",
  "uri-template": "https://example.com/{id}",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "c3RyaW5n",
  duration: "P1D",
  regex: ".*",
  "json-pointer": "/",
  password: "string",
};

interface SampleContext {
  spec: object;
  /** `$ref`s being expanded on the current branch: re-entering one is a cycle. */
  refs: string[];
  depth: number;
  skipFlag: "readOnly" | "writeOnly";
  all: boolean;
  asText: boolean;
}

/** Returned when a branch would recurse forever; callers drop the property or use an empty array. */
const CYCLE: unique symbol = Symbol("cycle");

function explicitCandidates(schema: Obj): unknown[] {
  const out: unknown[] = [];
  if ("example" in schema) out.push(schema.example);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) out.push(schema.examples[0]);
  // Swagger's vendor example, which Prism reads as the example too (Appwrite's, Box's, Xero's).
  if ("x-example" in schema) out.push(schema["x-example"]);
  if ("default" in schema) out.push(schema.default);
  // Every listed value, not the first alone: the first may break the schema's other keywords where a later
  // one fits (Twitter's reply settings: `mentionedUsers` is longer than its pattern allows, `following` is not).
  if (Array.isArray(schema.enum)) out.push(...schema.enum);
  if ("const" in schema) out.push(schema.const);
  return out;
}

function mergeInto(target: Obj, source: Obj, ctx: SampleContext): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === "allOf" && Array.isArray(value)) {
      for (const part of value) {
        const resolved = deref(part, ctx.spec);
        if (isObj(resolved)) mergeInto(target, resolved, ctx);
      }
    } else if (key === "properties" && isObj(value)) {
      const properties = isObj(target.properties) ? { ...target.properties } : {};
      for (const [name, schema] of Object.entries(value)) {
        // The same property constrained by two parts must satisfy both.
        properties[name] = name in properties ? { allOf: [properties[name], schema] } : schema;
      }
      target.properties = properties;
    } else if (key === "required" && Array.isArray(value)) {
      const required = Array.isArray(target.required) ? target.required : [];
      target.required = [...required, ...value.filter((name) => !required.includes(name))];
    } else if ((key === "items" || key === "additionalProperties") && isObj(value) && isObj(target[key])) {
      // An array's items (a map's values) that two parts constrain must satisfy both: NPR's `items`, objects
      // in the base document and tracking documents in the one that extends it, came out as `{}`.
      target[key] = { allOf: [target[key], value] };
    } else if (key === "enum" && Array.isArray(value) && Array.isArray(target.enum)) {
      // Two parts' lists: a value must be in both (GitHub's dismissed alert: a state of `open`, `dismissed`,
      // `fixed` in the alert, only `dismissed` in the event). Lists that share none contradict: the first's.
      const listed = new Set(value.map((v) => JSON.stringify(v)));
      const both = target.enum.filter((v: unknown) => listed.has(JSON.stringify(v)));
      if (both.length > 0) target.enum = both;
    } else if (!(key in target)) {
      target[key] = value;
    }
  }
}

/** Whether a value of JSON Schema type `a` can be one of type `b` (an integer is a number). */
const sameKind = (a: string, b: string) =>
  a === b || (a === "integer" && b === "number") || (a === "number" && b === "integer");

/** The types a schema names (`type`, a string or a list), or undefined where it names none. */
const typesOf = (schema: unknown): string[] | undefined =>
  isObj(schema) && schema.type !== undefined ? [schema.type].flat().map(String) : undefined;

/** One schema standing for an `allOf` (and its siblings), so required properties of every part are sampled. */
function flattenAllOf(schema: Obj, ctx: SampleContext): Obj {
  const merged: Obj = {};
  const { allOf, ...rest } = schema;
  mergeInto(merged, rest, ctx);
  mergeInto(merged, { allOf }, ctx);
  return merged;
}

function pickType(schema: Obj): string | undefined {
  const types = declaredTypes(schema);
  if (types && types.length > 0) return types.find((t) => t !== "null") ?? "null";
  if (isObj(schema.properties) || Array.isArray(schema.required) || isObj(schema.additionalProperties)) {
    return "object";
  }
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return "array";
  if (typeof schema.format === "string" || typeof schema.pattern === "string") return "string";
  if (typeof schema.minimum === "number" || typeof schema.maximum === "number") return "number";
  return undefined;
}

function sampleNumber(schema: Obj, integer: boolean): number {
  const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax, multipleOf } = schema;
  const step = integer ? 1 : 0.5;
  let lo: number | undefined;
  let hi: number | undefined;
  if (typeof minimum === "number") lo = exMin === true ? minimum + step : minimum;
  if (typeof exMin === "number") lo = Math.max(lo ?? Number.NEGATIVE_INFINITY, exMin + step);
  if (typeof maximum === "number") hi = exMax === true ? maximum - step : maximum;
  if (typeof exMax === "number") hi = Math.min(hi ?? Number.POSITIVE_INFINITY, exMax - step);
  // 1 rather than 0: ids, page numbers and limits are usually at least 1.
  let value = lo ?? (hi !== undefined && hi < 1 ? hi : 1);
  if (integer) value = Math.ceil(value);
  if (typeof multipleOf === "number" && multipleOf > 0) value = Math.ceil(value / multipleOf) * multipleOf;
  if (hi !== undefined && value > hi) value = integer ? Math.floor(hi) : hi;
  return value;
}

/**
 * The discriminator's property and the value that names `choice` among a schema's alternatives: the key of its
 * `mapping` that points at the alternative's `$ref` (or names it bare), else, as OpenAPI's implicit mapping
 * has it, the name of the component it refers to. A value without it may match two alternatives where it
 * tells them apart (Scalar's galaxy: a planet and a satellite that each require only a name). Undefined where
 * the schema has no discriminator or the alternative is no reference.
 */
function discriminatorValue(node: Obj, choice: unknown): [string, string] | undefined {
  const discriminator = node.discriminator;
  if (!isObj(discriminator) || typeof discriminator.propertyName !== "string") return undefined;
  if (!isObj(choice) || typeof choice.$ref !== "string") return undefined;
  const ref = choice.$ref;
  const name = unescapeKey(ref.slice(ref.lastIndexOf("/") + 1));
  const mapping = isObj(discriminator.mapping) ? Object.entries(discriminator.mapping) : [];
  const key = mapping.find(([, target]) => target === ref || target === name)?.[0];
  return [discriminator.propertyName, key ?? name];
}

/**
 * The shortest string a `pattern` allows that is as long as `minLength` asks (randexp with every choice taken
 * at its minimum: fewest repetitions, first alternative, first character of each class; where that is too
 * short, each repetition one longer and each choice one further, step by step, until it is long enough:
 * lgtm's 40-character `[a-f0-9]+` ids, AWS's ARNs of at least 20), then padded where the pattern allows
 * more after its match; or undefined when randexp cannot produce one that really matches (lookarounds,
 * back-references) or the lengths do not fit.
 */
function fromPattern(schema: Obj): string | undefined {
  if (typeof schema.pattern !== "string") return undefined;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  try {
    const generator = new RandExp(schema.pattern);
    const fits = (value: string) =>
      !(typeof schema.maxLength === "number" && [...value].length > schema.maxLength) &&
      new RegExp(schema.pattern as string, "u").test(value);
    let longest = "";
    for (let step = 0; step <= Math.min(minLength, MAX_PATTERN_STEPS); step++) {
      generator.randInt = (from: number, to: number) => from + Math.min(to - from, step);
      const value = generator.gen();
      const length = [...value].length;
      if (length >= minLength) return fits(value) ? value : undefined;
      if (length > [...longest].length) longest = value;
    }
    // A pattern with nothing to repeat stays short, but one not anchored at its end matches whatever follows
    // (AWS's `^arn:aws:gamesparks:`, 19 characters, beside `minLength: 20`): padded, where it still matches.
    const padded = longest + "x".repeat(minLength - [...longest].length);
    if (fits(padded)) return padded;
  } catch {}
  return undefined;
}

/**
 * A date-time or time of the length its schema sets (UniCourt's 25 characters, an offset; Telstra's 24,
 * milliseconds): the same instant with as many digits of its second, and its zone as `Z` or `+00:00`, as the
 * length asks, as the Prism preload writes Prism's (prism.ts); a length no such form has keeps the value.
 */
function stampOfLength(value: string, schema: Obj): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  const fits = (text: string) => text.length >= min && text.length <= max;
  if (fits(value)) return value;
  const instant = value.replace(/Z$/, "");
  for (const zone of ["Z", "+00:00"])
    for (let digits = 0; digits <= 9; digits++) {
      const stamp = `${instant}${digits > 0 ? `.${"123456789".slice(0, digits)}` : ""}${zone}`;
      if (fits(stamp)) return stamp;
    }
  return value;
}

function sampleString(schema: Obj): string {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  const patterned = fromPattern(schema);
  if (patterned !== undefined) return patterned;
  let value = (format && STRING_FORMATS[format]) ?? "string";
  if (format === "date-time" || format === "time") return stampOfLength(value, schema);
  if (!format || !(format in STRING_FORMATS)) {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) {
      value = value.padEnd(schema.minLength, "x");
    }
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) {
      value = value.slice(0, schema.maxLength);
    }
  }
  return value;
}

function sample(node: unknown, ctx: SampleContext): unknown | typeof CYCLE {
  if (ctx.depth > MAX_DEPTH) return CYCLE;
  if (node === true || node === undefined) return "string";
  if (!isObj(node)) return "string";

  if (typeof node.$ref === "string") {
    if (ctx.refs.includes(node.$ref)) return CYCLE;
    const { $ref, ...siblings } = node;
    const target = resolvePointer(ctx.spec, $ref);
    const merged = isObj(target) && Object.keys(siblings).length > 0 ? { ...target, ...siblings } : target;
    return sample(merged, { ...ctx, refs: [...ctx.refs, $ref], depth: ctx.depth + 1 });
  }

  const explicit = firstConforming(explicitCandidates(node), node, ctx.spec);
  if (explicit) return explicit.value;
  // No listed value fits the schema's other keywords (Adyen's gender, `MALE`, under `maxLength: 1`): a listed
  // one, which the API knows, rather than a made-up value the enum refuses. The schema contradicts itself
  // either way, and the contract check names that (`kind: "contradiction"`).
  if (Array.isArray(node.enum) && node.enum.length > 0) return structuredClone(node.enum[0]);

  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (Array.isArray(node.allOf) && node.allOf.length > 0) return sample(flattenAllOf(node, ctx), inner);

  const alternatives = Array.isArray(node.oneOf)
    ? node.oneOf
    : Array.isArray(node.anyOf)
      ? node.anyOf
      : undefined;
  if (alternatives && alternatives.length > 0) {
    const { oneOf: _o, anyOf: _a, ...shared } = node;
    // Set only where the alternative's own schema of the property takes it (a mapping written for another
    // property's values, a key its enum spells otherwise, is left alone: the value stays as sampled).
    const discriminated = (choice: unknown, value: unknown) => {
      const name = discriminatorValue(node, choice);
      if (name === undefined || !isObj(value)) return value;
      const resolved = deref(choice, ctx.spec);
      const flat = isObj(resolved) ? flattenAllOf(resolved, ctx) : {};
      const own = isObj(flat.properties) ? flat.properties[name[0]] : undefined;
      return own === undefined || conforms(name[1], own, ctx.spec) ? { ...value, [name[0]]: name[1] } : value;
    };
    const sampleOf = (choice: unknown) =>
      discriminated(
        choice,
        sample(Object.keys(shared).length > 0 ? { allOf: [shared, choice] } : choice, inner),
      );
    // Alternatives that are not just `null` first: callers want a value, and null is rarely the point.
    const isNull = (alt: unknown) => {
      const resolved = deref(alt, ctx.spec);
      return isObj(resolved) && pickType(resolved) === "null";
    };
    // An alternative whose type the schema around it refuses cannot give a value both take (GitHub's
    // `created_at`: `oneOf` an integer or a date-time, in an `allOf` with `type: string`): those last.
    const outer = typesOf(shared);
    const fits = (alt: unknown) => {
      const own = typesOf(deref(alt, ctx.spec));
      return !own || !outer || own.some((type) => outer.some((other) => sameKind(type, other)));
    };
    const usable = alternatives.filter((alt) => !isNull(alt));
    const ordered = [
      ...usable.filter(fits),
      ...usable.filter((alt) => !fits(alt)),
      ...alternatives.filter(isNull),
    ];
    // A oneOf accepts a value only when exactly one alternative does: the first alternative whose value no
    // other accepts (a shape whose properties are all optional accepts the others' values). Only the others
    // are asked (spec objects, each compiled once): the value's own alternative may require a property this
    // direction leaves out (`readOnly` in a request) and is still the one the value stands for.
    if (Array.isArray(node.oneOf) && ordered.length > 1) {
      for (const choice of ordered) {
        const value = sampleOf(choice);
        if (value === CYCLE) continue;
        const accepts = ctx.asText ? conformsAsText : conforms;
        if (ordered.every((other) => other === choice || !accepts(value, other, ctx.spec))) return value;
      }
    }
    // None is exclusive (alternatives that overlap, a spec defect the contract check names): the first.
    return sampleOf(ordered[0]);
  }

  switch (pickType(node)) {
    case "null":
      return null;
    case "boolean":
      return true;
    case "integer":
      return sampleNumber(node, true);
    case "number":
      return sampleNumber(node, false);
    case "array": {
      if (node.maxItems === 0) return [];
      // A tuple (3.1's `prefixItems`, a `[longitude, latitude]`): each place its own value, then `items`
      // for any more `minItems` asks for. Sampled as a list of `items` alone, it broke its own schema.
      if (Array.isArray(node.prefixItems) && node.prefixItems.length > 0) {
        const places = node.prefixItems.map((place) => sample(place, inner));
        if (places.includes(CYCLE)) return CYCLE;
        const more = typeof node.minItems === "number" ? node.minItems - places.length : 0;
        const rest = more > 0 && isObj(node.items) ? sample(node.items, inner) : undefined;
        if (rest === CYCLE) return CYCLE;
        return [
          ...places,
          ...(rest === undefined ? [] : Array.from({ length: more }, () => structuredClone(rest))),
        ];
      }
      const item = sample(node.items, inner);
      // An array that recurs stops empty, unless it may not be (Oxford Dictionaries' `subsenses`, at least one
      // sense): then it is left out where it is optional, as no finite value could have it.
      if (item === CYCLE) return typeof node.minItems === "number" && node.minItems > 0 ? CYCLE : [];
      const count =
        node.uniqueItems === true ? 1 : Math.max(1, typeof node.minItems === "number" ? node.minItems : 1);
      return Array.from({ length: count }, () => structuredClone(item));
    }
    case "object": {
      const properties = isObj(node.properties) ? node.properties : {};
      const required = new Set(
        Array.isArray(node.required) ? node.required.filter((n) => typeof n === "string") : [],
      );
      // Properties order first (it is how the document reads), then required names without a schema.
      const names = [
        ...Object.keys(properties).filter((n) => required.has(n)),
        ...[...required].filter((n) => !(n in properties)),
      ];
      const out: Obj = {};
      const additional = isObj(node.additionalProperties) ? node.additionalProperties : {};
      const add = (name: string, propertySchema: unknown = properties[name] ?? additional) => {
        const resolved = deref(propertySchema, ctx.spec);
        if (isObj(resolved) && resolved[ctx.skipFlag] === true) return;
        const value = sample(propertySchema, inner);
        if (value !== CYCLE) out[name] = value;
      };
      for (const name of names) add(name);
      if (ctx.all) for (const name of Object.keys(properties)) if (!(name in out)) add(name);
      // `minProperties` (a PATCH body that must change something): optional properties, in order, until met.
      const minProperties = typeof node.minProperties === "number" ? node.minProperties : 0;
      for (const name of Object.keys(properties)) {
        if (Object.keys(out).length >= minProperties) break;
        if (!(name in out)) add(name);
      }
      // Then, for a map that must hold entries (AWS AppConfig's extension `Actions`, at least one), keys
      // it allows beyond its properties: a pattern's, then names its `propertyNames` accepts.
      for (const [key, name] of mapKeys(node, minProperties - Object.keys(out).length, ctx)) {
        if (Object.keys(out).length >= minProperties) break;
        if (!(name in out)) add(name, key === undefined ? additional : (node.patternProperties as Obj)[key]);
      }
      return out;
    }
    default:
      return sampleString(node);
  }
}

/**
 * Up to `count` new keys a map schema allows beyond its `properties`, each with the `patternProperties` key
 * whose schema its value takes (undefined: `additionalProperties`'): one per pattern, then `key1`, `key2`, …
 * (or the values `propertyNames` lists) where `additionalProperties` is not false. Each name is one
 * `propertyNames` accepts.
 */
function mapKeys(node: Obj, count: number, ctx: SampleContext): Array<[string | undefined, string]> {
  if (count <= 0) return [];
  const names = deref(node.propertyNames, ctx.spec);
  const accepted = (name: string) => !isObj(names) || conforms(name, names, ctx.spec);
  const out: Array<[string | undefined, string]> = [];
  const patterns = isObj(node.patternProperties) ? Object.keys(node.patternProperties) : [];
  for (const pattern of patterns) {
    const name = fromPattern({ pattern, minLength: 1 });
    if (name !== undefined && accepted(name)) out.push([pattern, name]);
  }
  if (node.additionalProperties !== false) {
    const listed = isObj(names)
      ? [...explicitCandidates(names), sampleString(names)].filter((n) => typeof n === "string")
      : [];
    const made = Array.from(
      { length: count + (isObj(node.properties) ? Object.keys(node.properties).length : 0) },
      (_, i) => `key${i + 1}`,
    );
    for (const name of [...listed, ...made]) if (accepted(name)) out.push([undefined, name]);
  }
  return out;
}

/** A copy of the first of `candidates` (examples, defaults, …) that conforms to `schema`; undefined if none does. */
export function firstConforming(
  candidates: readonly unknown[],
  schema: unknown,
  spec: object,
): { value: unknown } | undefined {
  for (const candidate of candidates) {
    if (candidate !== undefined && conforms(candidate, schema, spec))
      return { value: structuredClone(candidate) };
  }
  return undefined;
}

/**
 * A value for `schema` that validates against it: the schema's own example/examples/default/enum/const
 * when one conforms, else one synthesised from the schema (first non-null type, first `anyOf` branch, the
 * first `oneOf` branch whose value no other branch accepts, all `allOf` parts merged, required properties
 * only, one array item, a `pattern`'s shortest match). Deterministic.
 */
export function sampleFromSchema(schema: object, spec: object, options: SampleOptions = {}): unknown {
  const value = sample(schema, {
    spec,
    refs: [],
    depth: 0,
    skipFlag: options.direction === "response" ? "writeOnly" : "readOnly",
    all: options.properties === "all",
    asText: options.asText === true,
  });
  return value === CYCLE ? {} : value;
}
