/**
 * XML request bodies, read into the value their schema describes and written from one, by the rules of
 * OpenAPI's XML Object (`xml: {name, attribute, wrapped, prefix, namespace}`): a property is a child element
 * of its name (or `xml.name`), or with `attribute: true` an attribute; an array is its items repeated under
 * the property's name (the items' `xml.name` where they have one), and with `wrapped: true` inside one
 * element of the property's name; the root element is named by the schema's `xml.name`, else by its
 * component's name. Text is typed by the schema (`<count>3</count>` is the number 3 where the schema says
 * integer), since XML has no types of its own, and what the schema does not describe is read as it came
 * (a repeated element as an array), so `additionalProperties: false` still sees it.
 *
 * Parsing, well-formedness and escaping are fast-xml-parser's (the parser Prism itself uses to write XML
 * answers); the mapping between elements and a schema's value is ours, since no library reads the XML
 * Object. The client sends XML as the caller wrote it (codegen types such a body `string | Blob`): the mock
 * reads it (the kit, and Prism through its preload) to check it against the schema, and contract cases
 * write their sample values with `writeXml` so that they send what a caller would.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { deref } from "../openapi.js";
import { declaredBodySchema } from "./check.js";
import type { Operation } from "./operations.js";
import type { RequestBody } from "./request.js";

/** Follows a schema's `$ref` (or returns it as it is): the document's for the kit, the bundle's in Prism. */
export type ResolveSchema = (schema: unknown) => unknown;

/** An XML media type: `application/xml`, `text/xml`, `application/atom+xml` (parameters allowed). */
export const isXmlMediaType = (mediaType: string): boolean =>
  /^[^/;\s]+\/(?:[^;\s]+\+)?xml\s*(?:;|$)/i.test(mediaType.trim());

/**
 * An XML body of `operation` read against the schema of its declared media type: the call records the text
 * as sent (what the method was given), and the schema is checked against the value it holds. Any other
 * body, or one whose schema is text, is returned as it is.
 */
export function readXmlBody(operation: Operation, body: RequestBody, spec: object): RequestBody {
  const { check } = body;
  if (check.kind !== "value" || typeof check.value !== "string" || !isXmlMediaType(check.mediaType))
    return body;
  const schema = declaredBodySchema(operation, check.mediaType, spec);
  const read = readXml(check.value, schema, (s) => deref(s, spec), { XMLParser, XMLValidator });
  if (read === undefined) return body;
  return {
    recorded: body.recorded,
    check: read.ok
      ? { ...check, value: read.value }
      : { kind: "unreadable", mediaType: check.mediaType, reason: read.reason },
  };
}

/**
 * The value an XML body holds, read against its schema; undefined where the schema is no object or array
 * (a string, or one that says nothing), whose value is the text itself, as the caller wrote it. Not ok for
 * text that is no well-formed XML, no single root element, or a root other than the one the schema names.
 *
 * Self-contained, with no imports or outer names (fast-xml-parser is passed in): Prism's preload holds this
 * function's own text, since Prism's process cannot import ours.
 */
export function readXml(
  text: string,
  schema: unknown,
  resolve: ResolveSchema,
  xml: Pick<typeof import("fast-xml-parser"), "XMLParser" | "XMLValidator">,
): { ok: true; value: unknown } | { ok: false; reason: string } | undefined {
  type Node = Record<string, any>;
  type Schema = Record<string, any>;
  const localName = (name: string) => name.slice(name.indexOf(":") + 1);
  const isMap = (value: unknown): value is Record<string, any> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  const follow = (s: unknown): Schema | undefined => {
    let current = s;
    for (let i = 0; i < 32 && isMap(current) && typeof current.$ref === "string"; i++)
      current = resolve(current);
    return isMap(current) ? current : undefined;
  };
  const parts = (s: Schema): Schema[] =>
    ["allOf", "anyOf", "oneOf"].flatMap((key) => (Array.isArray(s[key]) ? s[key] : []));
  // What a schema's value is, through its parts: the first type met, or an object or array by their keywords.
  const kind = (s: Schema | undefined, depth = 0): string | undefined => {
    if (!s || depth > 16) return undefined;
    const types = ([] as unknown[]).concat(s.type ?? []).filter((t) => t !== "null");
    if (typeof types[0] === "string") return types[0];
    if (s.properties || s.additionalProperties || s.patternProperties) return "object";
    if (s.items) return "array";
    for (const part of parts(s)) {
      const found = kind(follow(part), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  // The properties of an object and of each of its parts (an allOf's, a oneOf's options'), the first kept.
  const properties = (s: Schema, out: Record<string, unknown> = {}, depth = 0) => {
    if (depth > 16) return out;
    if (isMap(s.properties))
      for (const [name, p] of Object.entries(s.properties)) if (!(name in out)) out[name] = p;
    for (const part of parts(s)) {
      const resolved = follow(part);
      if (resolved) properties(resolved, out, depth + 1);
    }
    return out;
  };
  const extra = (s: Schema, depth = 0): unknown => {
    if (s.additionalProperties !== undefined || depth > 16) return s.additionalProperties;
    for (const part of parts(s)) {
      const resolved = follow(part);
      const found = resolved && extra(resolved, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const textOf = (n: unknown): string =>
    typeof n === "string" ? n : isMap(n) && typeof n["#text"] === "string" ? n["#text"] : "";
  const scalar = (raw: string, s: Schema | undefined): unknown => {
    const type = kind(s);
    const nullable = !!s && (s.nullable === true || ([] as unknown[]).concat(s.type ?? []).includes("null"));
    if (raw === "" && nullable && type !== "string") return null;
    const trimmed = raw.trim();
    if ((type === "integer" || type === "number") && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed))
      return Number(trimmed);
    if (type === "boolean" && /^(true|false|1|0)$/.test(trimmed))
      return trimmed === "true" || trimmed === "1";
    return raw;
  };
  const children = (n: unknown): Node => {
    if (!isMap(n)) return {};
    const out: Node = {};
    for (const [key, value] of Object.entries(n)) if (key !== "@" && key !== "#text") out[key] = value;
    return out;
  };
  // An element the schema does not describe: its text, or its attributes and children by name.
  const untyped = (n: unknown, depth: number): unknown => {
    const inner = children(n);
    const attributes = isMap(n) && isMap(n["@"]) ? n["@"] : {};
    if (Object.keys(inner).length === 0 && Object.keys(attributes).length === 0) return textOf(n);
    const out: Record<string, unknown> = { ...attributes };
    for (const [name, list] of Object.entries(inner)) {
      const values = (list as unknown[]).map((item) => read(item, undefined, depth + 1));
      out[name] = values.length === 1 ? values[0] : values;
    }
    return out;
  };
  const itemsOf = (s: Schema | undefined, depth: number): Schema | undefined => {
    if (!s || depth > 16) return undefined;
    if (s.items !== undefined) return follow(s.items) ?? {};
    for (const part of parts(s)) {
      const found = itemsOf(follow(part), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  const read = (n: unknown, s: unknown, depth: number): unknown => {
    const resolved = follow(s);
    const type = kind(resolved);
    if (!resolved || type === undefined || depth > 64) return untyped(n, depth);
    if (type === "array") {
      // An array as an element of its own (the root, or an array's item): its children are the items.
      const items = itemsOf(resolved, depth) ?? {};
      const name =
        isMap(items.xml) && typeof items.xml.name === "string" ? localName(items.xml.name) : undefined;
      const inner = children(n);
      const list = name ? (inner[name] ?? []) : Object.values(inner).flat();
      return (list as unknown[]).map((item) => read(item, items, depth + 1));
    }
    if (type !== "object") return scalar(textOf(n), resolved);
    const out: Record<string, unknown> = {};
    const attributes = isMap(n) && isMap(n["@"]) ? n["@"] : {};
    const inner = children(n);
    const used = new Set<string>();
    const usedAttributes = new Set<string>();
    for (const [name, p] of Object.entries(properties(resolved))) {
      const property = follow(p) ?? {};
      const xml = isMap(property.xml) ? property.xml : isMap((p as Schema)?.xml) ? (p as Schema).xml : {};
      const element = typeof xml.name === "string" ? localName(xml.name) : name;
      if (xml.attribute === true) {
        if (typeof attributes[element] === "string") {
          out[name] = scalar(attributes[element], property);
          usedAttributes.add(element);
        }
      } else if (kind(property) === "array") {
        const items = itemsOf(property, depth) ?? {};
        const itemName =
          isMap(items.xml) && typeof items.xml.name === "string" ? localName(items.xml.name) : element;
        if (xml.wrapped === true) {
          const wrapper = inner[element] as unknown[] | undefined;
          if (wrapper) {
            used.add(element);
            const list = (children(wrapper[0])[itemName] ?? []) as unknown[];
            out[name] = list.map((item) => read(item, items, depth + 1));
          }
        } else if (inner[itemName]) {
          used.add(itemName);
          out[name] = (inner[itemName] as unknown[]).map((item) => read(item, items, depth + 1));
        }
      } else if (inner[element]) {
        used.add(element);
        const list = inner[element] as unknown[];
        // An element given twice where the schema has one value is kept as both, for the check to refuse.
        out[name] =
          list.length === 1
            ? read(list[0], property, depth + 1)
            : list.map((item) => read(item, property, depth + 1));
      }
    }
    const others = extra(resolved);
    const otherSchema = isMap(others) ? others : undefined;
    for (const [name, value] of Object.entries(attributes))
      if (!usedAttributes.has(name) && !(name in out))
        out[name] = otherSchema ? scalar(String(value), follow(otherSchema)) : value;
    for (const [name, list] of Object.entries(inner)) {
      if (used.has(name) || name in out) continue;
      const values = (list as unknown[]).map((item) => read(item, otherSchema, depth + 1));
      out[name] = values.length === 1 ? values[0] : values;
    }
    return out;
  };
  // A body of any other schema (a string, or one that says nothing) is the text itself.
  const bodyKind = kind(follow(schema));
  if (bodyKind !== "object" && bodyKind !== "array") return undefined;
  const valid = xml.XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    // Its messages end in a full stop, which the reason goes on after.
    return {
      ok: false,
      reason: `is not well-formed XML (${msg.replace(/\.$/, "")}, line ${line}, column ${col})`,
    };
  }
  // Attributes grouped under `@` by name, text under `#text`, every element an array of its occurrences,
  // nothing typed (the schema types it), and namespace prefixes dropped (an element is matched by its local
  // name, as a schema's `xml.name` names it).
  const document = new xml.XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    attributesGroupName: "@",
    textNodeName: "#text",
    isArray: (_name: string, _path: string, _leaf: boolean, attribute: boolean) => !attribute,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    alwaysCreateTextNode: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
  }).parse(text) as Record<string, unknown[]>;
  const roots = Object.keys(document);
  if (roots.length !== 1 || document[roots[0]!]!.length !== 1)
    return { ok: false, reason: "is not one XML element (it has no root element, or more than one)" };
  const root = roots[0]!;
  const named = follow(schema)?.xml?.name;
  if (typeof named === "string" && localName(named) !== root)
    return { ok: false, reason: `has the root element <${root}>, where the schema names it <${named}>` };
  return { ok: true, value: read(document[root]![0], schema, 0) };
}

const BUILD_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: "",
  attributesGroupName: "@",
  textNodeName: "#text",
  suppressEmptyNode: false,
  processEntities: true,
} as const;

/**
 * The XML text of a value, written as its schema's XML Object says (the inverse of `readXml`), under the
 * root element the schema names (`xml.name`), else `rootName` (a component's name), else `root`. Namespaces
 * and prefixes are written where the schema gives them.
 */
export function writeXml(value: unknown, schema: unknown, resolve: ResolveSchema, rootName?: string): string {
  type Schema = Record<string, any>;
  const isMap = (v: unknown): v is Record<string, any> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const follow = (s: unknown): Schema => {
    let current = s;
    for (let i = 0; i < 32 && isMap(current) && typeof current.$ref === "string"; i++)
      current = resolve(current);
    return isMap(current) ? current : {};
  };
  const parts = (s: Schema): Schema[] =>
    ["allOf", "anyOf", "oneOf"].flatMap((key) => (Array.isArray(s[key]) ? s[key] : [])).map(follow);
  const property = (s: Schema, name: string, depth = 0): Schema | undefined => {
    if (depth > 16) return undefined;
    if (isMap(s.properties) && name in s.properties) return s.properties[name];
    for (const part of parts(s)) {
      const found = property(part, name, depth + 1);
      if (found) return found;
    }
    return isMap(s.additionalProperties) ? s.additionalProperties : undefined;
  };
  const itemsOf = (s: Schema, depth = 0): Schema => {
    if (s.items !== undefined || depth > 16) return follow(s.items);
    for (const part of parts(s)) {
      const found = itemsOf(part, depth + 1);
      if (Object.keys(found).length > 0) return found;
    }
    return {};
  };
  const xmlOf = (s: Schema, raw?: unknown): Schema =>
    isMap(s.xml) ? s.xml : isMap(raw) && isMap((raw as Schema).xml) ? (raw as Schema).xml : {};
  const qualified = (name: string, xml: Schema) =>
    typeof xml.prefix === "string" && xml.prefix && !name.includes(":") ? `${xml.prefix}:${name}` : name;
  const text = (v: unknown) =>
    v === null || v === undefined ? "" : isMap(v) || Array.isArray(v) ? JSON.stringify(v) : String(v);
  // A node for the builder: attributes under `@`, children by name (an array repeats the element).
  const node = (v: unknown, s: Schema, xml: Schema, depth: number): unknown => {
    const out: Record<string, any> = {};
    if (typeof xml.namespace === "string")
      out["@"] = { [xml.prefix ? `xmlns:${xml.prefix}` : "xmlns"]: xml.namespace };
    if (Array.isArray(v)) {
      const items = itemsOf(s);
      const itemXml = xmlOf(items);
      const name = qualified(typeof itemXml.name === "string" ? itemXml.name : "item", itemXml);
      out[name] = v.map((item) => node(item, items, itemXml, depth + 1));
      return out;
    }
    if (!isMap(v) || depth > 64) return out["@"] ? { ...out, "#text": text(v) } : text(v);
    for (const [name, inner] of Object.entries(v)) {
      if (inner === undefined) continue;
      const raw = property(s, name);
      const p = follow(raw);
      const px = xmlOf(p, raw);
      const element = qualified(typeof px.name === "string" ? px.name : name, px);
      if (px.attribute === true) {
        out["@"] = { ...out["@"], [element]: text(inner) };
      } else if (Array.isArray(inner)) {
        const items = itemsOf(p);
        const ix = xmlOf(items);
        const itemName = qualified(typeof ix.name === "string" ? ix.name : element, ix);
        const written = inner.map((item) => node(item, items, ix, depth + 1));
        if (px.wrapped === true) out[element] = { [itemName]: written };
        else out[itemName] = [...(out[itemName] ?? []), ...written];
      } else {
        out[element] = node(inner, p, px, depth + 1);
      }
    }
    return out;
  };
  const root = follow(schema);
  const xml = xmlOf(root);
  const name = qualified(typeof xml.name === "string" ? xml.name : (rootName ?? "root"), xml);
  return new XMLBuilder(BUILD_OPTIONS).build({ [name]: node(value, root, xml, 0) }) as string;
}
