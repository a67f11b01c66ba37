/**
 * A small structural check, so examples that contradict their own schema (a "uuid" that is not one, an
 * example missing a required property) are not sent to Prism, which would flag them.
 */
import { declaredTypes, deref, isObj, MAX_DEPTH } from "./openapi.js";

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isObj(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

const sameValue = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

const FORMAT_CHECKS: Record<string, RegExp> = {
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  url: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
  hostname: /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
};

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
      return typeof value === "string";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObj(value);
    default:
      return true;
  }
}

export function conforms(value: unknown, schemaNode: unknown, spec: object, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (schemaNode === false) return false;
  const schema = deref(schemaNode, spec);
  if (!isObj(schema)) return true;
  const next = (v: unknown, s: unknown) => conforms(v, s, spec, depth + 1);

  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => next(value, s))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => next(value, s))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => next(value, s)).length !== 1) return false;
  if ("const" in schema && !sameValue(value, schema.const)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameValue(e, value))) return false;

  const types = declaredTypes(schema);
  if (types && !types.some((t) => typeMatches(value, t))) return false;
  if (value === null) return true;

  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) return false;
    if (typeof schema.maxLength === "number" && length > schema.maxLength) return false;
    if (typeof schema.pattern === "string") {
      try {
        if (!new RegExp(schema.pattern, "u").test(value)) return false;
      } catch {
        // A pattern JavaScript cannot compile: we cannot judge, so do not reject.
      }
    }
    const format = typeof schema.format === "string" ? FORMAT_CHECKS[schema.format] : undefined;
    if (format && !format.test(value)) return false;
  }

  if (typeof value === "number") {
    const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax, multipleOf } = schema;
    if (typeof minimum === "number" && (exMin === true ? value <= minimum : value < minimum)) return false;
    if (typeof maximum === "number" && (exMax === true ? value >= maximum : value > maximum)) return false;
    if (typeof exMin === "number" && value <= exMin) return false;
    if (typeof exMax === "number" && value >= exMax) return false;
    if (typeof multipleOf === "number" && multipleOf > 0) {
      const ratio = value / multipleOf;
      if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return false;
    }
  }

  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) return false;
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) return false;
    if (schema.uniqueItems === true && new Set(value.map(stableJson)).size !== value.length) return false;
    if (schema.items !== undefined && !Array.isArray(schema.items)) {
      if (!value.every((item) => next(item, schema.items))) return false;
    }
  }

  if (isObj(value)) {
    const properties = isObj(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) if (typeof name === "string" && !(name in value)) return false;
    }
    for (const [name, v] of Object.entries(value)) {
      if (name in properties) {
        if (!next(v, properties[name])) return false;
      } else if (schema.additionalProperties === false && !isObj(schema.patternProperties)) {
        return false;
      } else if (isObj(schema.additionalProperties) && !next(v, schema.additionalProperties)) {
        return false;
      }
    }
  }
  return true;
}
