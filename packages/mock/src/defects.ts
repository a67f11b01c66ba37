/**
 * Contract failures that are the provider's fault: Prism answers a case with the spec's own example, checks
 * that answer against the spec's schema, and reports what does not fit in the `sl-violations` header with a
 * location starting `response`. A relative URI against `format: uri`, an empty id against its `pattern`, a
 * "uuid" that is not one: the spec contradicts itself, and no client could have done better.
 *
 * Each such violation becomes a `SpecDefect`: where it is (the response, its status, the field), the JSON
 * pointer of the example value Prism served, and two overlay actions, ready to paste into
 * `specs/<provider>/overlays/`: one that corrects the value (a value the schema accepts) and one that drops
 * the example (Prism then answers from the schema). `answerFromSchema` is the other way through: ask Prism
 * again with `Prefer: dynamic=true`, which answers from the schema and not the example.
 *
 * A schema can contradict itself without any example: `required` naming a property it does not declare
 * (Vonage's error schemas require `details` and declare `detail`). No answer built from the schema has it, so
 * that violation is a spec defect too (`kind: "requirement"`), with the action that drops the requirement. So
 * is a schema that requires a value of itself again through required properties (a tree node's `parent`): no
 * value of it ends, and every answer stops short of what its innermost level requires.
 *
 * Nor does a `oneOf` whose alternatives overlap need an example to break: a value is valid against a `oneOf`
 * only when exactly one alternative accepts it, so a value two alternatives accept (two error shapes of the
 * same properties, documentation tabs copied into a schema) is invalid whoever built it. That is
 * `kind: "overlap"`, with the actions that make it an `anyOf` (a union to TypeScript all the same).
 *
 * Nor does a schema that lists a value its own keywords refuse (`enum: [MALE, FEMALE]` beside `maxLength: 1`):
 * whoever sends a listed value breaks the schema, and one not listed breaks the enum. That is
 * `kind: "contradiction"`, with the action that drops the keyword (the listed values are what the API speaks).
 * So is an `additionalProperties` that refuses a property the parts it combines declare (Adyen's string-valued
 * `additionalData` beside an `anyOf` with boolean properties): it sees only the properties written beside it.
 * And so is a response documented as text (`text/csv`) whose schema is an object: no text form of it is given.
 * And a `pattern` written as a regular-expression literal (`"/^[0-9]{5}$/i"`), which no value it meant matches.
 * And a `type` that none of the schema's `oneOf` (`anyOf`) alternatives can be (`type: "null"` beside a string
 * or a number): no value is both.
 */
import { isDeepStrictEqual } from "node:util";
import type { ContractCase } from "./cases.js";
import { isXmlMediaType } from "./kit/xml.js";
import { deref, isObj, type Obj, resolvePointer as resolveOrThrow, unescapeKey } from "./openapi.js";
import { sampleFromSchema } from "./sample.js";
import { conforms } from "./validate.js";

/** One entry of Prism's `sl-violations` header. */
export interface PrismViolation {
  readonly location: ReadonlyArray<string | number>;
  readonly message: string;
  readonly code?: string | number;
  readonly severity?: string;
}

/** An OpenAPI Overlay 1.0 action. */
export interface OverlayAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
}

export interface SpecDefect {
  /** The case, e.g. `GET /calls/{sid} → 200`. */
  readonly case: string;
  /** Where the violation is: `response 200 (application/json) body field \`uri\``. */
  readonly location: string;
  readonly message: string;
  /**
   * JSON pointer of the example value Prism served, when it came from one; for a `requirement` defect, of the
   * entry of `required` that names a property the schema does not declare.
   */
  readonly pointer?: string;
  /**
   * Overlay actions: `correct` replaces the value with one the schema accepts; `drop` removes the example (for
   * a `requirement` defect, the entry of `required`).
   */
  readonly fix?: { readonly correct?: OverlayAction; readonly drop: OverlayAction };
  /**
   * `requirement`: the schema requires a property it does not declare (Vonage's `details` beside its
   * `detail`), so no answer built from the schema's own properties and examples can have it; or requires a
   * value of itself again through required properties (`pointer` at the first), so no value of it ends.
   * `overlap`: the answer matches several alternatives of a `oneOf` (at `pointer`), which makes it invalid;
   * `fix.correct` adds the same alternatives as an `anyOf`, `fix.drop` removes the `oneOf`: apply both.
   * `contradiction`: the value is one the schema lists (`enum`, `const`) and one of the schema's own keywords
   * refuses (Adyen's gender, `MALE`, under `maxLength: 1`); `pointer` is that keyword, `fix.drop` removes it.
   * Where that keyword is a `type` refusing `null` alone, `fix.correct` allows null instead: apply one. An
   * `enum` beside `type: array` listing no array (`pointer` at it) has `fix.correct` list the values as the
   * items': apply both. An `additionalProperties` (`pointer` at it) that refuses a property the schema's
   * `allOf`, `anyOf` or `oneOf` declares: `fix.drop` removes it. A response documented as text that is neither
   * JSON nor XML, or a request body of a type that is neither JSON, XML nor a form, whose schema (`pointer`)
   * is an object or an array: `fix.drop` removes the schema and `fix.correct` documents a string: apply both,
   * drop first. A 204 or 205 response given content (`pointer`), which such a status never carries:
   * `fix.drop` removes it. A `pattern` (`pointer`) written as a
   * regular-expression literal: `fix.drop` removes it, and `fix.correct`, where it has no flags, writes its
   * source alone: apply one. A `type` (`pointer`) that none of the schema's `oneOf` or `anyOf` alternatives
   * can be, so that no value fits the schema: `fix.drop` removes it.
   */
  readonly kind?: "requirement" | "overlap" | "contradiction";
  /** For an `overlap` defect, the indexes of the alternatives the answer matches. */
  readonly matches?: readonly number[];
}

/** The code of the violation the mock adds where it leaves out a response header no header can carry. */
export const UNSENDABLE_HEADER = "unsendable-header";

/** An entry of Prism's violation lists: `sl-violations`, or a refusal's `validation`. */
export const isViolation = (v: unknown): v is PrismViolation => isObj(v) && Array.isArray(v.location);

/** The violations Prism reported for an exchange (empty when none, or when the header is not JSON). */
export function violationsOf(response: Response | undefined): PrismViolation[] {
  const header = response?.headers.get("sl-violations");
  if (!header) return [];
  const listed = (parsed: unknown) => (Array.isArray(parsed) ? parsed.filter(isViolation) : []);
  try {
    return listed(JSON.parse(header));
  } catch {}
  // Prism cuts a header over about 8 KB short and says so: "Too many violations! [{…},{…},{…". The entries
  // before the cut are whole, and each says where it is; the one cut in half is lost.
  const truncated = /^Too many violations! */.exec(header);
  if (truncated) {
    const text = header.slice(truncated[0].length);
    for (let end = text.lastIndexOf("}"); end > 0; end = text.lastIndexOf("}", end - 1)) {
      try {
        const entries = listed(JSON.parse(`${text.slice(0, end + 1)}]`));
        if (entries.length > 0) return entries;
      } catch {}
    }
  }
  return [{ location: [], message: header }];
}

/** The node at a pointer, or undefined where there is none (the spec may lack what Prism reports about). */
function resolvePointer(spec: object, pointer: string): unknown {
  try {
    return resolveOrThrow(spec, pointer);
  } catch {
    return undefined;
  }
}

const escapeKey = (key: string | number) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");
const segments = (pointer: string) => pointer.slice(2).split("/").map(unescapeKey);

/** A JSONPath an overlay can target, for a pointer into `spec` (an index only where the node is a list). */
/** The value at a violation's field path in a parsed body (`found: false` when the path leads nowhere). */
function valueAt(body: unknown, field: ReadonlyArray<string | number>): { found: boolean; value?: unknown } {
  let node = body;
  for (const key of field) {
    if (Array.isArray(node) && Number.isInteger(Number(key))) node = node[Number(key)];
    else if (isObj(node) && Object.hasOwn(node, key)) node = node[key];
    else return { found: false };
  }
  return { found: body !== undefined, value: node };
}

function jsonPath(spec: object, pointer: string): string {
  let node: unknown = spec;
  let path = "$";
  for (const key of segments(pointer)) {
    path += Array.isArray(node)
      ? `[${key}]`
      : /^[A-Za-z_]\w*$/.test(key)
        ? `.${key}`
        : `['${key.replace(/'/g, "\\'")}']`;
    node = Array.isArray(node) ? node[Number(key)] : isObj(node) ? node[key] : undefined;
  }
  return path;
}

/** The field a body path names, `data[0].uri`. */
const fieldName = (path: ReadonlyArray<string | number>) =>
  path
    .map((p, i) => (typeof p === "number" || /^\d+$/.test(String(p)) ? `[${p}]` : `${i ? "." : ""}${p}`))
    .join("");

/** The media type of a response the spec lists under the answer's `Content-Type`. */
function mediaOf(content: Obj, contentType: string | null | undefined): [string, Obj] | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  const entries = Object.entries(content).filter((e): e is [string, Obj] => isObj(e[1]));
  return entries.find(([t]) => t.split(";")[0]?.trim().toLowerCase() === type) ?? entries[0];
}

/** Follows a `$ref` chain from `at` to where the schema itself is written. */
function ownPointer(spec: object, at: string): string {
  const seen = new Set<string>();
  let current = at;
  for (
    let node = resolvePointer(spec, current);
    isObj(node) && typeof node.$ref === "string";
    node = resolvePointer(spec, current)
  ) {
    if (seen.has(node.$ref)) break;
    seen.add(node.$ref);
    current = node.$ref;
  }
  return current;
}

/**
 * The schema (its own pointer) at each step of a body path, from the media type's schema: as far as it goes.
 * Where several schemas hold a step (a property two `allOf` parts declare: BeezUP's detected column, whose
 * base declares `links` and whose extension declares the `links` that have `map`), the one the rest of the
 * path goes furthest through, the first of those in the schema's order.
 */
function schemasAlong(spec: object, schemaAt: string, path: ReadonlyArray<string | number>): string[] {
  const furthest = (at: string, depth: number): string[] => {
    const schema = resolvePointer(spec, at);
    if (depth === path.length || !isObj(schema)) return [];
    let longest: string[] = [];
    for (const child of childrenOf(spec, schema, at, path[depth]!)) {
      const own = ownPointer(spec, child);
      const chain = [own, ...furthest(own, depth + 1)];
      if (chain.length > longest.length) longest = chain;
      if (longest.length === path.length - depth) break;
    }
    return longest;
  };
  const root = ownPointer(spec, schemaAt);
  return [root, ...furthest(root, 0)];
}

/**
 * The pointers of the schemas for `key` inside the schema `schema` at `at` (a property, an item, a map's
 * value, and those its parts hold), in the order they are preferred.
 */
function childrenOf(spec: object, schema: Obj, at: string, key: string | number): string[] {
  // An index is an item, where the schema has items; else (a list the schema's alternatives describe, Vercel's
  // `oneOf` of lists) it is looked for in its parts, as a property is.
  if ((typeof key === "number" || /^\d+$/.test(String(key))) && schema.items !== undefined)
    return [`${at}/items`];
  const out: string[] = [];
  if (isObj(schema.properties) && key in schema.properties) out.push(`${at}/properties/${escapeKey(key)}`);
  // A key of a map: its values' schema.
  else if (isObj(schema.additionalProperties)) out.push(`${at}/additionalProperties`);
  for (const part of ["allOf", "oneOf", "anyOf"]) {
    const list = schema[part];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const own = ownPointer(spec, `${at}/${part}/${i}`);
      const inner = resolvePointer(spec, own);
      if (isObj(inner)) out.push(...childrenOf(spec, inner, own, key));
    }
  }
  return out;
}

/** The keywords whose value Prism serves as a schema's example, the first present. */
const EXAMPLE_KEYWORDS = ["example", "x-example"] as const;

/**
 * Where in `schema` the example Prism serves for it is, as pointer suffixes: `root`, the keyword to drop, and
 * `value`, the value served. `example` (Swagger's `x-example` next), else JSON Schema's `examples`, whose first
 * Prism's sampler serves where nothing it reads before comes first: a combination, `default`, `const` or `enum`
 * (Codat's and Adyen's schemas carry `examples` in OpenAPI 3.0 documents).
 */
function servedExample(schema: Obj): { root: string; value: string } | undefined {
  const keyword = EXAMPLE_KEYWORDS.find((k) => k in schema);
  if (keyword) return { root: keyword, value: keyword };
  const first =
    Array.isArray(schema.examples) &&
    schema.examples.length > 0 &&
    !["allOf", "oneOf", "anyOf", "default", "const", "enum"].some((k) => k in schema);
  return first ? { root: "examples", value: "examples/0" } : undefined;
}

/**
 * The example Prism served for a body path: the media type's `example`, else its schema's own example
 * (`example`, `x-example`, or the first of JSON Schema's `examples`, whatever else the schema holds: Prism's
 * spec reader makes that the media type's default example, served whole before any sampling; Codat's
 * `Account`, an `allOf` beside `examples` whose first is a page of accounts), else the media type's first
 * `examples` entry, else (Prism generating from the schema) the example (`servedExample`) of the deepest
 * schema on the path that has one, or whose `allOf` part has one holding the value, else the value's own
 * `default`. `root` is the example to drop (for a named one, this response's entry), `value` the value inside
 * it that breaks the schema; undefined when Prism made the value up itself.
 */
function exampleSource(
  spec: object,
  mediaAt: string,
  media: Obj,
  path: ReadonlyArray<string | number>,
  schemas: readonly string[],
): { root: string; value: string } | undefined {
  const rest = (p: ReadonlyArray<string | number>) => p.map((x) => `/${escapeKey(x)}`).join("");
  if ("example" in media) return { root: `${mediaAt}/example`, value: `${mediaAt}/example${rest(path)}` };
  const top = resolvePointer(spec, schemas[0]!);
  const keyword = isObj(top) ? EXAMPLE_KEYWORDS.find((k) => k in top) : undefined;
  if (keyword) return { root: `${schemas[0]}/${keyword}`, value: `${schemas[0]}/${keyword}${rest(path)}` };
  if (isObj(top) && Array.isArray(top.examples) && top.examples.length > 0)
    return { root: `${schemas[0]}/examples`, value: `${schemas[0]}/examples/0${rest(path)}` };
  if (isObj(media.examples) && Object.keys(media.examples).length > 0) {
    const [name, entry] = Object.entries(media.examples)[0]!;
    const value =
      isObj(entry) && typeof entry.$ref === "string"
        ? `${entry.$ref}/value`
        : `${mediaAt}/examples/${escapeKey(name)}/value`;
    // Dropped where this response names it: a component example may serve other operations too.
    return { root: `${mediaAt}/examples/${escapeKey(name)}`, value: value + rest(path) };
  }
  for (let depth = schemas.length - 1; depth >= 0; depth--) {
    const schema = resolvePointer(spec, schemas[depth]!);
    // Prism reads Swagger's `x-example` as the schema's example (Appwrite's, Box's, Xero's), `example` first.
    const served = isObj(schema) ? servedExample(schema) : undefined;
    if (served)
      return {
        root: `${schemas[depth]}/${served.root}`,
        value: `${schemas[depth]}/${served.value}${rest(path.slice(depth))}`,
      };
    // Or a part's of an allOf, whose example the sampler merges into the value (Akeneo's list items: their
    // links, and their fields with the example): the part whose example holds the value.
    for (const [own, part] of allOfParts(spec, schemas[depth]!)) {
      const partServed = servedExample(part);
      if (partServed && valueAt(resolvePointer(part, `#/${partServed.value}`), path.slice(depth)).found)
        return {
          root: `${own}/${partServed.root}`,
          value: `${own}/${partServed.value}${rest(path.slice(depth))}`,
        };
    }
  }
  // Without an example, Prism serves a schema's `default` for its whole value: the spec's own value too, the
  // value's own or one a schema above it holds it in (Nordigen's `access_scope`, a list of lists whose
  // `default` is a list of strings, so each string breaks the inner list's `type: array`). The sampler stops
  // at the first default on its way down, so the shallowest one that holds the value is the one served.
  for (let depth = 0; depth <= Math.min(schemas.length - 1, path.length); depth++) {
    const schema = resolvePointer(spec, schemas[depth]!);
    if (isObj(schema) && "default" in schema && valueAt(schema.default, path.slice(depth)).found)
      return {
        root: `${schemas[depth]}/default`,
        value: `${schemas[depth]}/default${rest(path.slice(depth))}`,
      };
  }
  return undefined;
}

/** The parts of the schema at `at`'s `allOf`, and theirs (through `$ref`s, each once), with where each is written. */
function allOfParts(spec: object, at: string): Array<[string, Obj]> {
  const parts: Array<[string, Obj]> = [];
  const walk = (pointer: string) => {
    const schema = resolvePointer(spec, pointer);
    if (!isObj(schema) || !Array.isArray(schema.allOf)) return;
    for (let i = 0; i < schema.allOf.length; i++) {
      const own = ownPointer(spec, `${pointer}/allOf/${i}`);
      const part = resolvePointer(spec, own);
      if (!isObj(part) || parts.some(([seen]) => seen === own)) continue;
      parts.push([own, part]);
      walk(own);
    }
  };
  walk(at);
  return parts;
}

/**
 * The schema at `at` and every part it combines (`allOf`, `oneOf`, `anyOf`, through `$ref`s, each once), with
 * the pointer of where each is written.
 */
function withParts(spec: object, at: string): Array<[string, Obj]> {
  const schemas: Array<[string, Obj]> = [];
  const walk = (pointer: string) => {
    const own = ownPointer(spec, pointer);
    const schema = resolvePointer(spec, own);
    if (!isObj(schema) || schemas.some(([seen]) => seen === own)) return;
    schemas.push([own, schema]);
    for (const part of ["allOf", "oneOf", "anyOf"]) {
      const list = schema[part];
      if (Array.isArray(list)) for (let i = 0; i < list.length; i++) walk(`${own}/${part}/${i}`);
    }
  };
  walk(at);
  return schemas;
}

/**
 * The entries of `required` naming `name` in the schema at `at` and the parts it combines (`allOf`, `oneOf`,
 * `anyOf`, through `$ref`s), when none of them declares it: not in `properties`, and no `patternProperties` or
 * `additionalProperties` that could hold it. The mock builds answers from what is declared, so it never
 * writes such a property, and neither, by the schema, does the API. (Declared in one part of an `allOf` and
 * required in another is fine: nothing is reported.)
 */
function undeclaredRequirements(spec: object, at: string, name: string): string[] {
  const schemas = withParts(spec, at);
  const declares = ([, schema]: [string, Obj]) =>
    (isObj(schema.properties) && name in schema.properties) ||
    isObj(schema.patternProperties) ||
    isObj(schema.additionalProperties) ||
    schema.additionalProperties === true;
  if (schemas.some(declares)) return [];
  return schemas.flatMap(([own, schema]) => {
    const index = Array.isArray(schema.required) ? schema.required.indexOf(name) : -1;
    return index >= 0 ? [`${own}/required/${index}`] : [];
  });
}

/** Words a requirement cycle's fix is described with, which `describeDefect` tells it by. */
const NO_VALUE_ENDS = "so no value of it ends";

/**
 * The entry of `required` by which the schema at `at` requires a value of itself again, through required
 * properties alone (TreeNode's `parent`, a TreeNode; a Person's `employer`, a Company that requires its `ceo`,
 * a Person): every value of it would nest without end, so each answer built from it (Prism stops a few levels
 * down) lacks what its innermost level requires. Followed are required properties whose schema is an object
 * schema (a `$ref`, its `allOf` parts), or an array of them that must have an item; a schema that may be null
 * or is one of alternatives (`oneOf`, `anyOf`) ends a chain. Undefined where `at` is on no such cycle.
 */
function requirementCycle(spec: object, at: string): { pointer: string; names: string[] } | undefined {
  const start = ownPointer(spec, at);
  const escapes = (schema: Obj) =>
    schema.nullable === true ||
    (Array.isArray(schema.type) && schema.type.includes("null")) ||
    schema.type === "null" ||
    Array.isArray(schema.oneOf) ||
    Array.isArray(schema.anyOf);
  /** The object schema a required property's value must be (its own pointer), through arrays that need an item. */
  const valueSchema = (pointer: string): string | undefined => {
    const own = ownPointer(spec, pointer);
    const schema = resolvePointer(spec, own);
    if (!isObj(schema) || escapes(schema)) return undefined;
    if (schema.type === "array" || "items" in schema)
      return typeof schema.minItems === "number" && schema.minItems >= 1 && isObj(schema.items)
        ? valueSchema(`${own}/items`)
        : undefined;
    return own;
  };
  const visited = new Set<string>();
  const walk = (node: string, names: string[]): { pointer: string; names: string[] } | undefined => {
    const schemas: Array<[string, Obj]> = [
      [node, resolvePointer(spec, node) as Obj],
      ...allOfParts(spec, node),
    ];
    if (schemas.some(([, schema]) => !isObj(schema) || escapes(schema))) return undefined;
    const declaredAt = (name: string) => {
      for (const [own, schema] of schemas)
        if (isObj(schema.properties) && isObj(schema.properties[name]))
          return `${own}/properties/${escapeKey(name)}`;
      return undefined;
    };
    for (const [own, schema] of schemas) {
      if (!Array.isArray(schema.required)) continue;
      for (const [i, name] of schema.required.entries()) {
        const declared = typeof name === "string" ? declaredAt(name) : undefined;
        const next = declared === undefined ? undefined : valueSchema(declared);
        if (next === undefined) continue;
        const nextParts = [next, ...allOfParts(spec, next).map(([pointer]) => pointer)];
        const pointer = `${own}/required/${i}`;
        if (nextParts.includes(start)) return { pointer, names: [...names, name] };
        if (visited.has(next)) continue;
        visited.add(next);
        const found = walk(next, [...names, name]);
        if (found) return names.length === 0 ? { pointer, names: found.names } : found;
      }
    }
    return undefined;
  };
  visited.add(start);
  return walk(start, []);
}

/** Names a typo apart: one has the other as a prefix (`detail`/`details`), or they differ in case alone. */
const closeNames = (a: string, b: string) =>
  a.toLowerCase() === b.toLowerCase() ||
  (Math.abs(a.length - b.length) <= 2 && (a.startsWith(b) || b.startsWith(a)));

/** A value of `schema` made without its own examples (which are what is wrong). */
function correctedValue(spec: object, schema: unknown): unknown {
  const resolved = deref(schema, spec);
  if (!isObj(resolved)) return undefined;
  const { example: _e, examples: _x, default: _d, ...rest } = resolved;
  return sampleFromSchema(rest, spec, { direction: "response" });
}

/**
 * The spec defects among a case's violations: those in the response Prism built from the spec's examples.
 * Violations of the request are not here: they are the client's (see `checkOutcome`); nor are values Prism
 * made up itself where the spec gives no example (its static mode writes "string" whatever the pattern):
 * those are the mock's.
 */
export function specDefects(
  spec: object,
  c: ContractCase,
  violations: readonly PrismViolation[],
  response?: Response,
  /** The response's parsed body, to tell which alternatives of a `oneOf` it matches. */
  body?: unknown,
): SpecDefect[] {
  return distinctDefects(defectPerViolation(spec, c, violations, response, body));
}

/** Prism's message for a `oneOf` or `anyOf` that the value does not match as it must. */
export const COMBINATION_FAILED = /must match (?:exactly one schema in oneOf|a schema in anyOf)/;

/**
 * One example broken in many places of the answer (each value of a map Prism built from it, or one schema
 * `$ref`ed by two properties: Nexmo's `price` and `total_price`) is one defect.
 */
export const distinctDefects = (defects: readonly SpecDefect[]): SpecDefect[] => {
  const seen = new Set<string>();
  return defects.filter(
    (d) => d.pointer === undefined || (!seen.has(d.pointer) && Boolean(seen.add(d.pointer))),
  );
};

/** The response a case answers from: its key, where it is written (through a `$ref`), and its content. */
function documentedResponse(spec: object, c: ContractCase) {
  const documented = c.responseKey ?? String(c.status);
  const responseAt = `#/paths/${escapeKey(c.path)}/${c.method}/responses/${escapeKey(documented)}`;
  const raw = resolvePointer(spec, responseAt);
  const responseTarget: string = isObj(raw) && typeof raw.$ref === "string" ? raw.$ref : responseAt;
  const declared = deref(raw, spec);
  const content: Obj = isObj(declared) && isObj(declared.content) ? declared.content : {};
  return { documented, responseTarget, content };
}

/**
 * Where the example of response header `name` (any case) is written: the header's `example`, its first
 * `examples` entry, or its schema's `example`, through `$ref`s. Undefined where it has none.
 */
function headerExample(spec: object, responseTarget: string, name: string): string | undefined {
  const headers = resolvePointer(spec, `${responseTarget}/headers`);
  if (!isObj(headers)) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const at = ownPointer(spec, `${responseTarget}/headers/${escapeKey(key)}`);
  const header = resolvePointer(spec, at);
  if (!isObj(header)) return undefined;
  if ("example" in header) return `${at}/example`;
  if (isObj(header.examples)) {
    const [first] = Object.keys(header.examples);
    if (first !== undefined) return `${ownPointer(spec, `${at}/examples/${escapeKey(first)}`)}/value`;
  }
  const schemaAt = ownPointer(spec, `${at}/schema`);
  const schema = resolvePointer(spec, schemaAt);
  return isObj(schema) && "example" in schema ? `${schemaAt}/example` : undefined;
}

/**
 * The `contradiction` defect of a response documented as text that is neither JSON nor XML (`text/plain`,
 * `text/csv`) with the schema of an object or an array: the spec says the body is text and gives no text form
 * of the value, so no mock can write it (Prism answers 500 "Cannot serialise complex objects as text"), and
 * the client reads the body as the text it is (a string, as its types say). import.io documents its CSV
 * exports as objects under `text/csv`. `pointer` is the schema; `fix.drop` removes it and `fix.correct` gives
 * the media type a string's: apply both, in that order.
 */
export function textDefect(spec: object, c: ContractCase): SpecDefect | undefined {
  const { documented, responseTarget, content } = documentedResponse(spec, c);
  for (const [type, media] of Object.entries(content)) {
    if (!/^\s*text\//i.test(type) || /[/+](?:json|xml)\b/i.test(type) || !isObj(media)) continue;
    const kind = structuredKind(deref(media.schema, spec));
    if (!kind) continue;
    return asString(spec, c, `${responseTarget}/content/${escapeKey(type)}`, {
      location: `response ${documented} (${type}) body`,
      message: `no text form of the ${kind} its schema describes: Prism cannot write it as ${type}`,
      why:
        `the response ${documented} is ${type}, text, and its schema is ${kind === "array" ? "an array" : "an object"}, ` +
        "with no text form the spec gives: the client reads the body as a string",
    });
  }
  return undefined;
}

/** Whether a schema describes an object or an array: by its type, or by properties or items alone. */
function structuredKind(schema: unknown): "object" | "array" | undefined {
  if (!isObj(schema)) return undefined;
  const types = [schema.type].flat();
  if (types.includes("array") || (schema.type === undefined && schema.items !== undefined)) return "array";
  if (types.includes("object") || (schema.type === undefined && isObj(schema.properties))) return "object";
  return undefined;
}

/**
 * The `contradiction` defect of the schema of the media type at `mediaAt`, which gives no form of the value
 * it describes: `fix.drop` removes the schema and `fix.correct` gives the media type a string's (apply both,
 * in that order).
 */
function asString(
  spec: object,
  c: ContractCase,
  mediaAt: string,
  said: { location: string; message: string; why: string },
): SpecDefect {
  return {
    case: c.title,
    location: said.location,
    message: said.message,
    kind: "contradiction",
    pointer: `${mediaAt}/schema`,
    fix: {
      drop: { target: jsonPath(spec, `${mediaAt}/schema`), description: said.why, remove: true },
      correct: {
        target: jsonPath(spec, mediaAt),
        description: said.why,
        update: { schema: { type: "string" } },
      },
    },
  };
}

/**
 * The `contradiction` defect of a request body whose media type is neither JSON, XML nor a form (`text/plain`,
 * `application/octet-stream`, `application/x-yaml`) and whose schema is an object or an array: the spec gives
 * no form of the value in that type, so the client sends its JSON text, which Prism (and the API) reads as
 * the text it is and refuses: "Request body must be object". Docker's network connect under octet-stream,
 * Open Policy Agent's YAML documents. Undefined for any other body.
 */
function unsendableBody(spec: object, c: ContractCase): SpecDefect | undefined {
  const operationAt = `#/paths/${escapeKey(c.path)}/${c.method}`;
  const raw = resolvePointer(spec, `${operationAt}/requestBody`);
  const bodyAt = isObj(raw) && typeof raw.$ref === "string" ? raw.$ref : `${operationAt}/requestBody`;
  const declared = deref(raw, spec);
  const media = mediaOf(
    isObj(declared) && isObj(declared.content) ? declared.content : {},
    c.input.contentType,
  );
  if (!media) return undefined;
  const [type, content] = media;
  const form = /^\s*(application\/x-www-form-urlencoded|multipart\/)/i.test(type);
  if (form || /[/+]json\b/i.test(type) || isXmlMediaType(type)) return undefined;
  const kind = structuredKind(deref(content.schema, spec));
  if (!kind) return undefined;
  return asString(spec, c, `${bodyAt}/content/${escapeKey(type)}`, {
    location: `request (${type}) body`,
    message: `no ${type} form of the ${kind} its schema describes: the client sends its JSON text`,
    why:
      `the request body is ${type}, and its schema is ${kind === "array" ? "an array" : "an object"}, with no ` +
      `${type} form the spec gives: the client sends the value's JSON text, which is no ${kind}`,
  });
}

/** Statuses whose responses carry no body, whatever a spec documents of them. */
export const BODILESS_STATUSES: ReadonlySet<number> = new Set([204, 205]);

/**
 * The `contradiction` defect of a 204 or 205 response the spec gives content (59 of APIs.guru's documents:
 * Visual Studio's `PUT …/secrets` answers 204 with an environment): such a status carries no body, so the
 * client reads none and its types give none, and what Prism makes up for it is checked and never sent.
 * `pointer` is the content; `fix.drop` removes it. Undefined for any other case.
 */
export function bodilessDefect(spec: object, c: ContractCase): SpecDefect | undefined {
  if (!BODILESS_STATUSES.has(c.status)) return undefined;
  const { documented, responseTarget, content } = documentedResponse(spec, c);
  if (Object.keys(content).length === 0) return undefined;
  const why = `a ${documented} response carries no body, and the spec gives it one: the client reads none`;
  return {
    case: c.title,
    location: `response ${documented} body`,
    message: `content documented for a ${documented}, which carries none`,
    kind: "contradiction",
    pointer: `${responseTarget}/content`,
    fix: { drop: { target: jsonPath(spec, `${responseTarget}/content`), description: why, remove: true } },
  };
}

/**
 * `specDefects` before `distinctDefects`: a defect for each response violation that is one, so a caller can
 * tell every violation a defect explains from one Prism made up, even where two share a defect.
 */
export function defectPerViolation(
  spec: object,
  c: ContractCase,
  violations: readonly PrismViolation[],
  response?: Response,
  body?: unknown,
): SpecDefect[] {
  const { documented, responseTarget, content } = documentedResponse(spec, c);
  const media = mediaOf(content, response?.headers.get("content-type"));
  return violations
    .filter((v) => v.location[0] === "response")
    .flatMap((v): SpecDefect[] => {
      const [, part, ...field] = v.location;
      const where =
        part === "body"
          ? `body${field.length ? ` field \`${fieldName(field)}\`` : ""}`
          : `${part ?? ""} ${fieldName(field)}`.trim();
      const location = `response ${documented}${media ? ` (${media[0]})` : ""} ${where}`;
      if (part === "headers" && v.code === UNSENDABLE_HEADER) {
        const example = headerExample(spec, responseTarget, String(field[0] ?? ""));
        const why = `the spec's own example of the header cannot be sent (${location}): ${v.message}`;
        return [
          {
            case: c.title,
            location,
            message: v.message,
            ...(example
              ? {
                  pointer: example,
                  fix: { drop: { target: jsonPath(spec, example), description: why, remove: true } },
                }
              : {}),
          },
        ];
      }
      if (part !== "body" || !media) return [{ case: c.title, location, message: v.message }];
      const mediaAt = `${responseTarget}/content/${escapeKey(media[0])}`;
      const schemas = schemasAlong(spec, `${mediaAt}/schema`, field);
      const missing = /must have required property '([^']+)'/.exec(v.message)?.[1];
      // A oneOf (anyOf) that no alternative matches because each requires a property it does not declare
      // (Prism reports the alternatives' violations beside it, at the same place): the same defect.
      const combined = COMBINATION_FAILED.test(v.message)
        ? resolvePointer(spec, ownPointer(spec, schemas.at(-1)!))
        : undefined;
      if (isObj(combined) && schemas.length === field.length + 1) {
        const list = Array.isArray(combined.oneOf) ? combined.oneOf : combined.anyOf;
        const at = ownPointer(spec, schemas.at(-1)!);
        const part = Array.isArray(combined.oneOf) ? "oneOf" : "anyOf";
        const names = violations
          .filter((o) => o.location.join("/") === v.location.join("/"))
          .flatMap((o) => /must have required property '([^']+)'/.exec(o.message)?.[1] ?? []);
        const everyOne =
          Array.isArray(list) &&
          list.length > 0 &&
          list.every((_, i) =>
            names.some((name) => undeclaredRequirements(spec, `${at}/${part}/${i}`, name).length > 0),
          );
        if (everyOne) return [{ case: c.title, location, message: v.message, kind: "requirement" as const }];
        const overlap = overlapDefect(spec, c, location, v.message, at, valueAt(body, field), "answer");
        if (overlap) return [overlap];
      }
      if (missing !== undefined && schemas.length === field.length + 1) {
        const undeclared = undeclaredRequirements(spec, schemas.at(-1)!, missing);
        if (undeclared.length > 0)
          return undeclared.map((pointer) => {
            const schemaAt = pointer.slice(0, pointer.lastIndexOf("/required/"));
            const schema = resolvePointer(spec, schemaAt) as Obj;
            const declared = isObj(schema.properties) ? Object.keys(schema.properties) : [];
            const near = declared.filter((name) => name !== missing && closeNames(name, missing));
            return {
              case: c.title,
              location,
              message: v.message,
              kind: "requirement" as const,
              pointer,
              fix: {
                drop: {
                  target: jsonPath(spec, pointer),
                  description:
                    `the schema at ${schemaAt} requires \`${missing}\`, a property it does not declare` +
                    `${near.length ? ` (it declares ${near.map((n) => `\`${n}\``).join(", ")})` : ""}, ` +
                    `so no answer built from it has one (${location})`,
                  remove: true,
                },
              },
            };
          });
      }
      // Where Prism stopped nesting a value of a schema that requires itself: a level without what it requires,
      // or left empty or null.
      const stopped = () => {
        const { found, value } = valueAt(body, field);
        return found && (value === null || (isObj(value) && Object.keys(value).length === 0));
      };
      const cycle =
        schemas.length === field.length + 1 && (missing !== undefined || stopped())
          ? requirementCycle(spec, schemas.at(-1)!)
          : undefined;
      if (cycle) {
        const schemaAt = cycle.pointer.slice(0, cycle.pointer.lastIndexOf("/required/"));
        const through = cycle.names.map((name) => `\`${name}\``).join(" → ");
        return [
          {
            case: c.title,
            location,
            message: v.message,
            kind: "requirement" as const,
            pointer: cycle.pointer,
            fix: {
              drop: {
                target: jsonPath(spec, cycle.pointer),
                description:
                  `the schema at ${schemaAt} requires a value of itself again (${through}), ${NO_VALUE_ENDS}: ` +
                  `an answer built from it stops short of what it requires (${location})`,
                remove: true,
              },
            },
          },
        ];
      }
      if (schemas.length === field.length + 1) {
        const closed = closedDefects(spec, c, location, v.message, schemas, field, valueAt(body, field));
        if (closed.length > 0) return closed;
        const value = valueAt(body, field);
        const contradictions = contradictionDefects(spec, c, location, v.message, schemas.at(-1)!, value);
        if (contradictions.length > 0) return contradictions;
        const literal = literalPatternDefect(spec, c, location, v.message, schemas.at(-1)!);
        if (literal) return [literal];
        const unsatisfiable = typeAgainstAlternatives(spec, c, location, v.message, schemas.at(-1)!);
        if (unsatisfiable) return [unsatisfiable];
      }
      const source = exampleSource(spec, mediaAt, media[1], field, schemas);
      // No example: Prism made the value up itself (its static mode writes "string" whatever the pattern).
      if (!source) return [];
      const leaf = schemas.length === field.length + 1 ? resolvePointer(spec, schemas.at(-1)!) : undefined;
      const corrected = leaf === undefined ? undefined : correctedValue(spec, leaf);
      const why = `the spec's own example breaks its schema at ${location}: ${v.message}`;
      const correct =
        corrected !== undefined && resolvePointer(spec, source.value) !== undefined
          ? { correct: { target: jsonPath(spec, source.value), description: why, update: corrected } }
          : {};
      return [
        {
          case: c.title,
          location,
          message: v.message,
          pointer: source.value,
          fix: {
            ...correct,
            drop: {
              target: jsonPath(spec, source.root),
              description: `${why}; without it the mock answers from the schema`,
              remove: true,
            },
          },
        },
      ];
    });
}

/**
 * Whether the answer's value at `field` (a body path) fits the schema `fixed` documents for it, where `fixed`
 * is the spec with the schema's own defects fixed (`withSchemaFixes`; undefined where none was): a requirement
 * dropped, an overlapping `oneOf` made an `anyOf`, a contradicting keyword dropped. Then every violation Prism
 * reports at or under that value follows from those defects. A `oneOf` fails as a whole when the alternative
 * the value was built from has a defect, and Prism reports each other alternative's mismatches beside it (Apple
 * SiriKit's intent answers, Vonage's channels): those are not the mock's, and no fix but the defect's is needed.
 */
export function fitsOnceFixed(
  fixed: object | undefined,
  c: ContractCase,
  response: Response,
  body: unknown,
  field: ReadonlyArray<string | number>,
): boolean {
  const value = valueAt(body, field);
  if (!fixed || !value.found) return false;
  const { responseTarget, content } = documentedResponse(fixed, c);
  const media = mediaOf(content, response.headers.get("content-type"));
  if (!media) return false;
  const schemas = schemasAlong(fixed, `${responseTarget}/content/${escapeKey(media[0])}/schema`, field);
  return (
    schemas.length === field.length + 1 &&
    conforms(value.value, resolvePointer(fixed, schemas.at(-1)!), fixed)
  );
}

/**
 * A copy of `spec` with the fixes of the defects that are the schema's (not an example's) applied, by their
 * pointers: undefined when there are none. An entry of a list goes with `splice`, the last first, and a
 * `oneOf` becomes an `anyOf` after every other fix, so the pointers of the others still hold.
 */
export function withSchemaFixes(spec: object, defects: readonly SpecDefect[]): object | undefined {
  const fixes = defects.filter(
    (d): d is SpecDefect & { pointer: string } =>
      d.pointer !== undefined &&
      (d.kind === "requirement" || d.kind === "contradiction" || d.kind === "overlap"),
  );
  if (fixes.length === 0) return undefined;
  const fixed = structuredClone(spec);
  const parentOf = (pointer: string) => {
    const keys = segments(pointer);
    const last = keys.pop()!;
    return { parent: resolvePointer(fixed, `#/${keys.map(escapeKey).join("/")}`), last };
  };
  const order = (d: SpecDefect & { pointer: string }) =>
    d.kind === "overlap" ? -1 : Number(segments(d.pointer).at(-1)) || 0;
  for (const d of [...fixes].sort((a, b) => order(b) - order(a))) {
    const { parent, last } = parentOf(d.pointer);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (!isObj(parent) || !Object.hasOwn(parent, last)) continue;
    else if (d.kind === "overlap") {
      parent.anyOf = parent.oneOf;
      delete parent.oneOf;
    } else delete parent[last];
  }
  return fixed;
}

/**
 * The schema whose `oneOf` a value at `at` was checked against: `at` itself, or the one part of its `allOf`
 * that has one (Intellifi's spot sets: `allOf: [SpotSetBase, {oneOf: [nine types]}]`), where Prism reports
 * the failed `oneOf` at the value, not at the part.
 */
function oneOfAt(spec: object, at: string): string {
  const schema = resolvePointer(spec, at);
  if (!isObj(schema) || Array.isArray(schema.oneOf) || !Array.isArray(schema.allOf)) return at;
  const parts = schema.allOf.flatMap((_, i) => {
    const own = ownPointer(spec, `${at}/allOf/${i}`);
    const part = resolvePointer(spec, own);
    return isObj(part) && Array.isArray(part.oneOf) ? [own] : [];
  });
  return parts.length === 1 ? parts[0]! : at;
}

/**
 * The `overlap` defect of the `oneOf` at `at` (where the schema is written), when `value` matches several of
 * its alternatives: invalid whoever built it. The fix makes it an `anyOf`, the same union to TypeScript.
 */
function overlapDefect(
  spec: object,
  c: ContractCase,
  location: string,
  message: string,
  at: string,
  value: { found: boolean; value?: unknown },
  what: "answer" | "request",
): SpecDefect | undefined {
  at = oneOfAt(spec, at);
  const combined = resolvePointer(spec, at);
  const list = isObj(combined) && Array.isArray(combined.oneOf) ? combined.oneOf : undefined;
  if (!list || !value.found) return undefined;
  const matches = list.flatMap((alternative, i) => (conforms(value.value, alternative, spec) ? [i] : []));
  if (matches.length < 2) return undefined;
  // "the answer at response 200 (…) body" or "request (…) body": where it is says what it is.
  const why =
    `${what === "answer" ? `the answer at ${location}` : location} matches alternatives ${matches.join(" and ")} ` +
    `of the oneOf at ${at}, and a oneOf accepts a value only when exactly one alternative does`;
  return {
    case: c.title,
    location,
    message,
    kind: "overlap",
    pointer: `${at}/oneOf`,
    matches,
    fix: {
      correct: {
        target: jsonPath(spec, at),
        description: `${why}: the same alternatives as an anyOf (the same union in TypeScript)`,
        update: { anyOf: list },
      },
      drop: { target: jsonPath(spec, `${at}/oneOf`), description: why, remove: true },
    },
  };
}

/**
 * The keywords beside `enum` or `const` that constrain a value, which may refuse a value the schema lists.
 * `type` too: Probely's severity lists `10, 20, 30` under `type: string`, its `action` lists `null` under a
 * `type: string` without `nullable`, Bungie lists `"1", "2", "4"` under `type: integer` (325 schemas of 48 of
 * APIs.guru's documents). An enum beside `type: array` that lists no array (the BBC's channels) lists what
 * the items are, and dropping the type would make the array a string: that is `misplacedEnum`'s defect.
 */
const VALUE_KEYWORDS = [
  "type",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "multipleOf",
];

/** The part of `schema` that `keyword` is: `type` with its OpenAPI 3.0 `nullable`, which says whether null is one. */
const keywordSchema = (schema: Obj, keyword: string): Obj =>
  keyword === "type" && "nullable" in schema
    ? { type: schema.type, nullable: schema.nullable }
    : { [keyword]: schema[keyword] };

/**
 * The `contradiction` defects of the schema at `at` (where it is written) for `value`, when the schema lists
 * the value (`enum`, `const`) and its own keywords refuse it: one per refusing keyword, each with the action
 * that drops it. None for a value the schema does not list (someone made it up: not the spec's fault).
 * A `type` that refuses `null` alone gets the action that allows null as well: `nullable: true` in OpenAPI
 * 3.0, `"null"` among the types in 3.1; the other values listed are of the type, and stay so.
 */
function contradictionDefects(
  spec: object,
  c: ContractCase,
  location: string,
  message: string,
  at: string,
  value: { found: boolean; value?: unknown },
): SpecDefect[] {
  const schema = resolvePointer(spec, at);
  if (!isObj(schema) || !value.found) return [];
  const listed = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : [];
  if (!listed.some((member) => isDeepStrictEqual(member, value.value))) return [];
  const misplaced = misplacedEnum(spec, c, location, message, at, schema, listed);
  if (misplaced) return [misplaced];
  const keywords = VALUE_KEYWORDS.filter(
    (keyword) => keyword in schema && !conforms(value.value, keywordSchema(schema, keyword), spec),
  );
  return keywords.map((keyword) => {
    const refused = listed.filter((member) => !conforms(member, keywordSchema(schema, keyword), spec));
    const why =
      `the schema at ${at} lists ${JSON.stringify(value.value)}, which its own \`${keyword}: ` +
      `${JSON.stringify(schema[keyword])}\` refuses` +
      (refused.length === listed.length && listed.length > 1 ? ", as it does every value listed" : "") +
      `, so ${location} breaks the schema whoever writes it; the listed values are what the API speaks`;
    const allowNull =
      keyword === "type" && refused.every((member) => member === null) && typeof schema.type === "string"
        ? "openapi" in spec && /^3\.0\./.test(String(spec.openapi))
          ? { nullable: true }
          : { type: [schema.type, "null"] }
        : undefined;
    return {
      case: c.title,
      location,
      message,
      kind: "contradiction" as const,
      pointer: `${at}/${keyword}`,
      fix: {
        ...(allowNull && {
          correct: {
            target: jsonPath(spec, at),
            description: `${why.replace(/; the listed values are what the API speaks$/, "")}: null is one of its values`,
            update: allowNull,
          },
        }),
        drop: { target: jsonPath(spec, `${at}/${keyword}`), description: why, remove: true },
      },
    };
  });
}

/** What a `typeAgainstAlternatives` defect's action says, by which `describeDefect` knows it. */
const NO_VALUE_IS_BOTH = "no value is both";

/** A schema's `type` as a list of names. */
const typeNames = (type: unknown): string[] =>
  (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");

/** Whether a value can be of JSON Schema types `a` and `b` at once: the same, or an integer as a number. */
const sameKind = (a: string, b: string) =>
  a === b || (a === "number" && b === "integer") || (a === "integer" && b === "number");

/**
 * The `contradiction` defect of a `type` that none of the schema's `oneOf` (or `anyOf`) alternatives can be:
 * Vercel's `type: "null"` beside a `oneOf` of a string, a number, a boolean… (17 of its schemas). A value must
 * be of that type and match an alternative, which none can do, so any value breaks the schema whoever writes
 * it, and TypeScript reads it as `never`. Only where every alternative says its type: one that does not could
 * be anything. The alternatives are what the API sends (the schema names each), so the `type` is dropped.
 */
function typeAgainstAlternatives(
  spec: object,
  c: ContractCase,
  location: string,
  message: string,
  at: string,
): SpecDefect | undefined {
  const schema = resolvePointer(spec, at);
  if (!isObj(schema) || schema.type === undefined) return undefined;
  const own = typeNames(schema.type);
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const list = schema[keyword];
    if (!Array.isArray(list) || list.length === 0) continue;
    const alternatives = list.map((_, i) => resolvePointer(spec, ownPointer(spec, `${at}/${keyword}/${i}`)));
    if (!alternatives.every((a) => isObj(a) && a.type !== undefined)) continue;
    const theirs = alternatives.flatMap((a) => typeNames((a as Obj).type));
    if (theirs.some((t) => own.some((o) => sameKind(o, t)))) continue;
    const why =
      `the schema at ${at} is \`type: ${JSON.stringify(schema.type)}\` and one of its ${keyword} alternatives, ` +
      `which are ${[...new Set(theirs)].join(", ")}: ${NO_VALUE_IS_BOTH}, so ${location} breaks the schema ` +
      "whoever writes it (TypeScript reads it as never); the alternatives are what the API sends";
    return {
      case: c.title,
      location,
      message,
      kind: "contradiction",
      pointer: `${at}/type`,
      fix: { drop: { target: jsonPath(spec, `${at}/type`), description: why, remove: true } },
    };
  }
  return undefined;
}

/** A `pattern` written as a JavaScript or PCRE literal: its source between slashes, then its flags. */
const PATTERN_LITERAL = /^\/(.+)\/([a-z]*)$/s;

/**
 * The `contradiction` defect of a `pattern` written as a regular-expression literal, delimiters and flags
 * included (Sinao's `"/^[0-9]{5}$/i"`; 7 of APIs.guru's documents): JSON Schema reads the string as the
 * pattern itself, slashes and all, which no value written to the source matches (none at all where a `^`
 * follows the slash), so such a value breaks it whoever writes it.
 * `fix.correct` writes the source alone where the literal has no flags (JSON Schema has none: an `i` changes
 * what the source matches); `fix.drop` removes the pattern: apply one.
 */
function literalPatternDefect(
  spec: object,
  c: ContractCase,
  location: string,
  message: string,
  at: string,
): SpecDefect | undefined {
  if (!/must match pattern/.test(message)) return undefined;
  // The value's own schema, or a part of its `allOf` (PeerTube's `username: { allOf: [$ref username] }`).
  const own = resolvePointer(spec, at);
  const found = [...(isObj(own) ? [[at, own] as [string, Obj]] : []), ...allOfParts(spec, at)].find(
    ([, schema]) => typeof schema.pattern === "string" && PATTERN_LITERAL.test(schema.pattern),
  );
  if (!found) return undefined;
  const [schemaAt, schema] = found;
  const [, source, flags] = PATTERN_LITERAL.exec(schema.pattern as string)!;
  const why =
    `the schema at ${schemaAt} writes its pattern as a regular-expression literal, ${JSON.stringify(schema.pattern)}: ` +
    `JSON Schema reads the slashes${flags ? " and flags" : ""} as characters the value must hold, ` +
    "which no value written to it does, " +
    `so ${location} breaks the schema whoever writes it`;
  return {
    case: c.title,
    location,
    message,
    kind: "contradiction",
    pointer: `${schemaAt}/pattern`,
    fix: {
      ...(!flags && {
        correct: { target: jsonPath(spec, schemaAt), description: why, update: { pattern: source } },
      }),
      drop: { target: jsonPath(spec, `${schemaAt}/pattern`), description: why, remove: true },
    },
  };
}

/**
 * The `contradiction` defect of an `enum` beside `type: array` that lists values of its items, not arrays (the
 * BBC's channels: `enum: [live, promotions]` beside `items: {type: string}`): no array is listed, so every
 * value breaks the schema. The values are the items' (`fix.correct` lists them there) and the enum goes
 * (`fix.drop`): apply both. Items that are a `$ref`, or list values of their own, get the drop alone: an
 * overlay adds keywords beside a `$ref` (which OpenAPI 3.0 ignores) and joins two lists into one.
 */
function misplacedEnum(
  spec: object,
  c: ContractCase,
  location: string,
  message: string,
  at: string,
  schema: Obj,
  listed: unknown[],
): SpecDefect | undefined {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!Array.isArray(schema.enum) || !types.includes("array") || listed.some(Array.isArray)) return undefined;
  const why =
    `the schema at ${at} is an array, and its enum lists ${JSON.stringify(listed)}, none of them one, so ` +
    `${location} breaks the schema whoever writes it; the listed values are its items'`;
  const items = schema.items;
  const open = items === undefined || (isObj(items) && !("$ref" in items) && !("enum" in items));
  return {
    case: c.title,
    location,
    message,
    kind: "contradiction",
    pointer: `${at}/enum`,
    fix: {
      ...(open && {
        correct: { target: jsonPath(spec, at), description: why, update: { items: { enum: listed } } },
      }),
      drop: { target: jsonPath(spec, `${at}/enum`), description: why, remove: true },
    },
  };
}

/** Whether the schema at `at`, or a part it combines (through `$ref`s), declares the property `name`. */
const declaredInParts = (spec: object, at: string, name: string): boolean =>
  withParts(spec, at).some(
    ([, schema]) => isObj(schema.properties) && Object.hasOwn(schema.properties, name),
  );

/**
 * The `contradiction` defect of an `additionalProperties` beside an `allOf`, `anyOf` or `oneOf` that declares
 * the property it refuses. `additionalProperties` sees only the `properties` written beside it, never those
 * of the parts: Adyen's `additionalData`, every value a string beside an `anyOf` of objects with boolean
 * properties, refuses its own `threeds2.cardEnrolled: true`, and `additionalProperties: false` beside the
 * parts refuses every property they declare (136 schemas of 15 of APIs.guru's documents write one or the
 * other; Prism merges an `allOf` into its schema before it validates a body, so it sees the `anyOf` and
 * `oneOf` ones). Prism reports a `false` as "must NOT have additional properties; found 'amount'" at the
 * object, a schema as the property's own violation. Whoever writes such a value breaks the schema; what the
 * parts declare is what the API speaks, so the fix drops the keyword (OpenAPI 3.1's `unevaluatedProperties`
 * says what was meant, and sees the parts' properties).
 */
function closedDefects(
  spec: object,
  c: ContractCase,
  location: string,
  message: string,
  schemas: readonly string[],
  field: ReadonlyArray<string | number>,
  /** The value at `field`: a property's value breaks a schema-valued `additionalProperties` only if it does not fit. */
  value: { found: boolean; value?: unknown },
): SpecDefect[] {
  const found = /must NOT have additional properties; found '([^']+)'/.exec(message)?.[1];
  const [objectAt, name] =
    found !== undefined
      ? [schemas.at(-1), found]
      : [schemas.at(-2), field.length ? String(field.at(-1)) : undefined];
  if (objectAt === undefined || name === undefined || !declaredInParts(spec, objectAt, name)) return [];
  const refuses = (closed: Obj) =>
    found !== undefined
      ? closed.additionalProperties === false
      : value.found && !conforms(value.value, closed.additionalProperties, spec);
  return closersOf(spec, objectAt, name)
    .filter(([, closed]) => refuses(closed))
    .map(([at, closed]) => {
      const why =
        `\`${name}\` is declared ${at === objectAt ? "by the parts the schema at" : `beside the schema at ${at}, in`} ` +
        `${objectAt}${at === objectAt ? " combines" : ""}, and refused by its own \`additionalProperties: ` +
        `${JSON.stringify(closed.additionalProperties)}\` (which sees only the properties written beside it), so ` +
        `${location} breaks the schema whoever writes it; the parts say what the API speaks`;
      return {
        case: c.title,
        location,
        message,
        kind: "contradiction" as const,
        pointer: `${at}/additionalProperties`,
        fix: {
          drop: { target: jsonPath(spec, `${at}/additionalProperties`), description: why, remove: true },
        },
      };
    });
}

/**
 * The schemas that must all hold of the object at `at` (it, and its `allOf` parts, through `$ref`s) whose
 * `additionalProperties` refuses `name`: they do not declare it themselves. ShipEngine's pickup answer is
 * `allOf: [pickup, error_response_body]`, each `additionalProperties: false`, so each refuses the other's.
 */
function closersOf(spec: object, at: string, name: string, seen = new Set<string>()): Array<[string, Obj]> {
  const own = ownPointer(spec, at);
  const schema = resolvePointer(spec, own);
  if (!isObj(schema) || seen.has(own)) return [];
  seen.add(own);
  const patterns = isObj(schema.patternProperties) ? Object.keys(schema.patternProperties) : [];
  const closes =
    "additionalProperties" in schema &&
    schema.additionalProperties !== true &&
    !(isObj(schema.properties) && Object.hasOwn(schema.properties, name)) &&
    !patterns.some((pattern) => conforms(name, { pattern }, spec));
  const parts = Array.isArray(schema.allOf) ? schema.allOf : [];
  return [
    ...(closes ? [[own, schema] as [string, Obj]] : []),
    ...parts.flatMap((_, i) => closersOf(spec, `${own}/allOf/${i}`, name, seen)),
  ];
}

/**
 * The spec defects among the violations Prism found in a case's request (`location` from `body`, `query`,
 * `path` or `header`: a refusal's `validation` entries, or `sl-violations` without their leading `request`): a
 * value that matches several alternatives of a `oneOf` (Zoom's account settings: three shapes, none requiring
 * anything, so every body matches at least two; Shutterstock's `asset_id`, a string of one made-up format or
 * another). As in an answer, such a value is invalid whoever wrote it, and the sampler gives a `oneOf` a value
 * only one alternative accepts wherever there is one: the spec's to fix. So is a value the schema lists that
 * its own keywords refuse (`contradiction`): the sampler sends a listed value that fits wherever one does.
 * And so is an object or array body under a type that has no form of it (`unsendableBody`). Every other
 * request violation is the client's (see `checkOutcome`), and not here.
 */
export function requestDefects(
  spec: object,
  c: ContractCase,
  violations: readonly PrismViolation[],
): SpecDefect[] {
  return distinctDefects(
    violations.flatMap((v) => {
      const [part, ...rest] = v.location;
      if (part === "body" && rest.length === 0 && /^Request body must be (object|array)\b/.test(v.message)) {
        const unsendable = unsendableBody(spec, c);
        if (unsendable) return [unsendable];
      }
      const input = requestInput(spec, c, String(part), rest);
      if (!input) return [];
      const { schemaAt, field, value, location } = input;
      const schemas = schemasAlong(spec, schemaAt, field);
      if (schemas.length !== field.length + 1) return [];
      const closed = closedDefects(spec, c, location, v.message, schemas, field, value);
      if (closed.length > 0) return closed;
      const literal = literalPatternDefect(spec, c, location, v.message, schemas.at(-1)!);
      if (literal) return [literal];
      const unsatisfiable = typeAgainstAlternatives(spec, c, location, v.message, schemas.at(-1)!);
      if (unsatisfiable) return [unsatisfiable];
      if (!COMBINATION_FAILED.test(v.message))
        return contradictionDefects(spec, c, location, v.message, schemas.at(-1)!, value);
      const overlap = overlapDefect(spec, c, location, v.message, schemas.at(-1)!, value, "request");
      return overlap ? [overlap] : [];
    }),
  );
}

/**
 * The part of a case's request a violation is in (`body`, or a `query`, `path` or `header` parameter named by
 * the location's next key): the schema it was checked against, the field within it, the value sent there, and
 * where it is in words.
 */
function requestInput(
  spec: object,
  c: ContractCase,
  part: string,
  rest: ReadonlyArray<string | number>,
):
  | {
      schemaAt: string;
      field: ReadonlyArray<string | number>;
      value: ReturnType<typeof valueAt>;
      location: string;
    }
  | undefined {
  const operationAt = `#/paths/${escapeKey(c.path)}/${c.method}`;
  if (part === "body") {
    const raw = resolvePointer(spec, `${operationAt}/requestBody`);
    const bodyAt = isObj(raw) && typeof raw.$ref === "string" ? raw.$ref : `${operationAt}/requestBody`;
    const declared = deref(raw, spec);
    const content = isObj(declared) && isObj(declared.content) ? declared.content : {};
    const media = mediaOf(content, c.input.contentType ?? "application/json");
    if (!media) return undefined;
    return {
      schemaAt: `${bodyAt}/content/${escapeKey(media[0])}/schema`,
      field: rest,
      value: valueAt(c.input.bodyValue ?? c.input.body, rest),
      location: `request (${media[0]}) body${rest.length ? ` field \`${fieldName(rest)}\`` : ""}`,
    };
  }
  if (part !== "query" && part !== "path" && part !== "header") return undefined;
  const [name, ...field] = rest;
  if (name === undefined) return undefined;
  // Header names are case-insensitive, and Prism reports them in lower case.
  const same = (a: unknown) =>
    part === "header" ? String(a).toLowerCase() === String(name).toLowerCase() : a === String(name);
  // The operation's own parameter overrides the path item's of the same name and location.
  for (const listAt of [`${operationAt}/parameters`, `#/paths/${escapeKey(c.path)}/parameters`]) {
    const list = resolvePointer(spec, listAt);
    if (!Array.isArray(list)) continue;
    for (const [i, raw] of list.entries()) {
      const at = isObj(raw) && typeof raw.$ref === "string" ? raw.$ref : `${listAt}/${i}`;
      const parameter = resolvePointer(spec, at);
      if (!isObj(parameter) || parameter.in !== part || !same(parameter.name) || !isObj(parameter.schema))
        continue;
      const sent = Object.entries(c.input[part]).find(([key]) => same(key));
      const value = sent ? valueAt(sent[1], field) : { found: false };
      return {
        schemaAt: `${at}/schema`,
        field,
        value,
        location: `request ${part} parameter \`${parameter.name}\``,
      };
    }
  }
  return undefined;
}

/** A defect as lines a person reads: where, what, the example's pointer, and both overlay actions. */
export function describeDefect(defect: SpecDefect): string {
  const lines = [`spec defect in ${defect.location}: ${defect.message}`];
  const action = (a: OverlayAction) =>
    [
      `    - target: ${JSON.stringify(a.target)}`,
      `      description: ${JSON.stringify(a.description)}`,
      a.remove ? "      remove: true" : `      update: ${JSON.stringify(a.update)}`,
    ].join("\n");
  if (
    defect.kind === "requirement" &&
    defect.pointer &&
    defect.fix?.drop.description.includes(NO_VALUE_ENDS)
  ) {
    lines.push(
      `  the schema requires a value of itself through required properties, so no value of it ends, at ${defect.pointer}`,
      "  fix it with an overlay action that drops the requirement (the API cannot send an endless value):",
      action(defect.fix.drop),
    );
    return lines.join("\n");
  }
  if (defect.kind === "requirement" && defect.pointer && defect.fix) {
    lines.push(`  the schema requires a property it does not declare, at ${defect.pointer}`);
    lines.push("  fix it with an overlay action that drops the requirement (or declare the property):");
    lines.push(
      [
        `    - target: ${JSON.stringify(defect.fix.drop.target)}`,
        `      description: ${JSON.stringify(defect.fix.drop.description)}`,
        "      remove: true",
      ].join("\n"),
    );
    return lines.join("\n");
  }
  if (defect.kind === "requirement")
    return `${lines[0]}\n  each alternative requires a property it does not declare: the fixes of those defects fix this`;
  if (defect.kind === "overlap" && defect.fix?.correct) {
    lines.push(
      `  the ${defect.location.startsWith("request") ? "request" : "answer"} matches alternatives ${defect.matches?.join(" and ")} of the oneOf at ${defect.pointer}, and a oneOf accepts a value only when exactly one does`,
      "  fix it with overlay actions that make it an anyOf (TypeScript reads both as the same union), or make its alternatives exclusive:",
      [
        `    - target: ${JSON.stringify(defect.fix.correct.target)}`,
        `      description: ${JSON.stringify(defect.fix.correct.description)}`,
        `      update: ${JSON.stringify(defect.fix.correct.update)}`,
        `    - target: ${JSON.stringify(defect.fix.drop.target)}`,
        `      description: ${JSON.stringify(defect.fix.drop.description)}`,
        "      remove: true",
      ].join("\n"),
    );
    return lines.join("\n");
  }
  if (
    defect.kind === "contradiction" &&
    defect.fix?.correct?.update &&
    "items" in Object(defect.fix.correct.update)
  ) {
    lines.push(
      `  the schema is an array whose enum lists no array, at ${defect.pointer}`,
      "  fix it with overlay actions that list the values as its items' (apply both):",
      action(defect.fix.correct),
      action(defect.fix.drop),
    );
    return lines.join("\n");
  }
  if (defect.kind === "contradiction" && defect.fix?.correct && defect.pointer?.endsWith("/schema")) {
    lines.push(
      defect.location.startsWith("request")
        ? `  the schema of a body of that type is no string, at ${defect.pointer}`
        : `  the schema of a text response is no string, at ${defect.pointer}`,
      `  fix it with overlay actions that document the ${defect.location.startsWith("request") ? "body" : "text"} as a string (apply both, in this order), or document the type the API ${defect.location.startsWith("request") ? "takes" : "sends"}:`,
      action(defect.fix.drop),
      action(defect.fix.correct),
    );
    return lines.join("\n");
  }
  // What is wrong, then the action that corrects it where there is one, or the one that drops `dropped`.
  const either = (
    fix: NonNullable<SpecDefect["fix"]>,
    what: string,
    [correcting, dropped, otherwise]: [string, string, string],
  ) => {
    lines.push(`  ${what}`);
    if (fix.correct)
      lines.push(
        `  fix it with an overlay action that ${correcting}:`,
        action(fix.correct),
        `  or one that drops ${dropped}:`,
      );
    else lines.push(`  fix it with an overlay action that drops ${dropped} (${otherwise}):`);
    lines.push(action(fix.drop));
    return lines.join("\n");
  };
  if (defect.kind === "contradiction" && defect.fix && defect.pointer?.endsWith("/pattern"))
    return either(
      defect.fix,
      `the schema's pattern is written as a regular-expression literal, at ${defect.pointer}`,
      ["writes its source alone", "it", "or write a pattern that means what its flags did"],
    );
  if (defect.kind === "contradiction" && defect.fix && defect.pointer?.endsWith("/content")) {
    lines.push(
      `  the status carries no body, and the spec documents one, at ${defect.pointer}`,
      "  fix it with an overlay action that drops the content (or document the status the API answers with a body):",
      action(defect.fix.drop),
    );
    return lines.join("\n");
  }
  if (defect.kind === "contradiction" && defect.fix && defect.pointer?.endsWith("/additionalProperties")) {
    lines.push(
      `  the schema's additionalProperties refuses a property that the parts it combines declare, at ${defect.pointer}`,
      "  fix it with an overlay action that drops the keyword:",
      action(defect.fix.drop),
    );
    return lines.join("\n");
  }
  if (defect.kind === "contradiction" && defect.fix?.drop.description.includes(NO_VALUE_IS_BOTH)) {
    lines.push(
      `  the schema's type is none of its alternatives', so no value fits it, at ${defect.pointer}`,
      "  fix it with an overlay action that drops the keyword:",
      action(defect.fix.drop),
    );
    return lines.join("\n");
  }
  if (defect.kind === "contradiction" && defect.fix)
    return either(defect.fix, `the schema lists a value its own keyword refuses, at ${defect.pointer}`, [
      "allows null as well",
      "the keyword",
      "or take the value out of the enum",
    ]);
  if (defect.pointer) lines.push(`  the example value is at ${defect.pointer}`);
  if (defect.fix?.correct)
    lines.push("  fix it with an overlay action that corrects the example:", action(defect.fix.correct));
  if (defect.fix)
    lines.push("  or one that drops it (the mock then answers from the schema):", action(defect.fix.drop));
  return lines.join("\n");
}
