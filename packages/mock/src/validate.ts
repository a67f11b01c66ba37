/**
 * Whether a value conforms to a schema of the document: examples that contradict their own schema (a
 * "uuid" that is not one, an example missing a required property) are not sent to Prism, which would flag
 * them. Checked by ajv with ajv-formats, the validator Prism itself checks requests with, so a value passes
 * here when Prism's check will pass it too.
 *
 * OpenAPI schemas are not quite JSON Schema, so each is converted on the way in:
 * - the dialect: JSON Schema 2020-12 for OpenAPI 3.1 and 3.2 documents, draft-07 (OpenAPI 3.0's schemas are a
 *   superset of an older draft; draft-07 is what Prism validates them as) for the rest;
 * - OpenAPI 3.0's `nullable: true` becomes a `null` in `type` (and in `enum`), as Prism does; documents
 *   labelled 3.1 still use it (Telnyx's), so it is converted whatever the version says;
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form;
 * - draft-04 tuple `items: [...]` becomes `prefixItems` under 2020-12;
 * - an `additionalProperties` beside `allOf` sees the properties the parts declare, as in Prism, which merges
 *   a body schema's `allOf` into it before validating;
 * - `example`, `discriminator`, `readOnly`, `writeOnly`, `xml` and `x-…` are annotations ajv ignores
 *   (`strict: false`): a `discriminator` only names the `oneOf` branch, which `oneOf` decides anyway.
 * `$ref`s are converted and registered with ajv one by one, under an id of their own, the first time a
 * schema that uses them is compiled, so no document-wide copy is made. A schema ajv cannot compile (a
 * `pattern` JavaScript cannot read) cannot be judged, and passes, as before.
 *
 * `schemaErrors` is the same check for the mock kit, which reports every violation (ajv's `allErrors`)
 * and knows which way the value travels: a `readOnly` property is not required in a request, nor a
 * `writeOnly` one in a response (only where the property and its `required` entry sit in one schema
 * object); parameters, which arrive as strings, are coerced to their schema's types first.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isObj, type Obj, resolvePointer } from "./openapi.js";

/** How a validator checks: `conforms`' yes/no, or the kit's every-violation check for one direction. */
export interface CheckOptions {
  /** Which properties may be left out although `required`: `readOnly` in a request, `writeOnly` in a response. */
  direction?: "request" | "response";
  /** Parameters: `"5"` for an integer, `"true"` for a boolean, a single value for an array. */
  coerce?: boolean;
}

interface Validator {
  readonly ajv: Ajv;
  readonly spec: object;
  readonly direction: CheckOptions["direction"];
  /** Compiled per schema object of the document; `null` when ajv could not compile it. */
  readonly compiled: WeakMap<object, ValidateFunction | null>;
  /** The ids of the `$ref` targets already given to ajv. */
  readonly registered: Set<string>;
}

/** Per document, per way of checking (`conforms` is the key ""). */
const validators = new WeakMap<object, Map<string, Validator>>();

/** Keywords whose value is a schema, a list of schemas, or a map of them. */
const SCHEMA = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
const SCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_MAP = new Set(["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"]);

function validatorFor(spec: object, check?: CheckOptions): Validator {
  const key = check ? `${check.direction ?? ""}:${check.coerce === true}` : "";
  let bySpec = validators.get(spec);
  if (!bySpec) {
    bySpec = new Map();
    validators.set(spec, bySpec);
  }
  let validator = bySpec.get(key);
  if (!validator) {
    const options = {
      strict: false,
      validateSchema: false,
      logger: false,
      allowUnionTypes: true,
      allowMatchingProperties: true,
      // `verbose` keeps each error's schema and value: messages quote the value, and a failed `oneOf`
      // is re-checked branch by branch (src/kit/check.ts).
      ...(check ? { allErrors: true, verbose: true } : {}),
      ...(check?.coerce ? { coerceTypes: "array" as const } : {}),
    } as const;
    const openapi = String((spec as Obj).openapi ?? "");
    // 3.1 and later (3.2) write JSON Schema 2020-12; only 3.0 (and Swagger 2.0, read as 3.0) the older dialect.
    const ajv = /^3\.0(?:\.|$)/.test(openapi) ? new Ajv(options) : new Ajv2020(options);
    addFormats.default(ajv);
    validator = { ajv, spec, direction: check?.direction, compiled: new WeakMap(), registered: new Set() };
    bySpec.set(key, validator);
  }
  return validator;
}

/** A schema of the document as JSON Schema for ajv (see the module comment). */
function toJsonSchema(node: unknown, validator: Validator): unknown {
  if (typeof node === "boolean") return node;
  if (!isObj(node)) return {};
  const out: Obj = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const id = `https://ref.invalid/${encodeURIComponent(value)}`;
      if (!validator.registered.has(id)) {
        validator.registered.add(id);
        const target = toJsonSchema(resolvePointer(validator.spec, value), validator);
        validator.ajv.addSchema(target as object, id);
      }
      out.$ref = id;
    } else if (key === "items" && Array.isArray(value)) {
      out.prefixItems = value.map((item) => toJsonSchema(item, validator));
    } else if (SCHEMA.has(key) && (isObj(value) || typeof value === "boolean")) {
      out[key] = toJsonSchema(value, validator);
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => toJsonSchema(item, validator));
    } else if (SCHEMA_MAP.has(key) && isObj(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, validator)]),
      );
    } else if (key !== "nullable") {
      out[key] = value;
    }
  }
  // Prism merges a body schema's `allOf` parts into it before it validates, so an `additionalProperties`
  // beside them (ShipEngine's `false` beside `allOf: [monetary_value]`) sees the parts' properties, as their
  // writers meant: here it is told of them. Their schemas are checked by the parts themselves.
  if (Array.isArray(node.allOf) && "additionalProperties" in node && node.additionalProperties !== true) {
    const own = isObj(out.properties) ? out.properties : {};
    const added = allOfPropertyNames(node, validator.spec).filter((name) => !Object.hasOwn(own, name));
    if (added.length > 0)
      out.properties = { ...own, ...Object.fromEntries(added.map((name) => [name, true])) };
  }
  // A property that only travels the other way is not required in this direction.
  const skipFlag = validator.direction === "request" ? "readOnly" : validator.direction && "writeOnly";
  if (skipFlag && Array.isArray(out.required) && isObj(node.properties)) {
    const properties = node.properties;
    out.required = out.required.filter((name) => {
      const property = typeof name === "string" ? properties[name] : undefined;
      const resolved =
        isObj(property) && typeof property.$ref === "string"
          ? safeResolve(validator.spec, property.$ref)
          : property;
      return (
        !(isObj(resolved) && resolved[skipFlag] === true) && !(isObj(property) && property[skipFlag] === true)
      );
    });
  }
  if (node.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[exclusive] !== "boolean") continue;
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else {
      delete out[exclusive];
    }
  }
  return out;
}

/** The properties the `allOf` parts of `node` declare, through `$ref`s and the parts' own `allOf`s. */
function allOfPropertyNames(node: Obj, spec: object, seen = new Set<unknown>()): string[] {
  const names: string[] = [];
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
    const schema = isObj(part) && typeof part.$ref === "string" ? safeResolve(spec, part.$ref) : part;
    if (!isObj(schema) || seen.has(schema)) continue;
    seen.add(schema);
    if (isObj(schema.properties)) names.push(...Object.keys(schema.properties));
    names.push(...allOfPropertyNames(schema, spec, seen));
  }
  return names;
}

function safeResolve(spec: object, ref: string): unknown {
  try {
    return resolvePointer(spec, ref);
  } catch {
    return undefined;
  }
}

/** `schema` compiled once; `converted` for a schema ajv handed back (already JSON Schema, e.g. a `oneOf` branch). */
function compiled(validator: Validator, schema: Obj, converted = false): ValidateFunction | null {
  let validate = validator.compiled.get(schema);
  if (validate === undefined) {
    try {
      validate = validator.ajv.compile((converted ? schema : toJsonSchema(schema, validator)) as object);
    } catch {
      validate = null;
    }
    validator.compiled.set(schema, validate);
  }
  return validate;
}

/** Whether `value` is valid against `schema`, a schema object (or `$ref`) of the document `spec`. */
export function conforms(value: unknown, schema: unknown, spec: object): boolean {
  if (schema === false) return false;
  if (!isObj(schema)) return true;
  const validate = compiled(validatorFor(spec), schema);
  return validate === null || validate(value) === true;
}

/**
 * Whether a plain value is valid against `schema` as the text it travels as in a parameter, read as the schema's
 * types, as a server reads it (`"42"` is an integer and a string both). An object or a list is checked as it is.
 */
export function conformsAsText(value: unknown, schema: unknown, spec: object): boolean {
  if (value !== null && typeof value === "object") return conforms(value, schema, spec);
  return schemaErrors(String(value), schema, spec, { coerce: true }).length === 0;
}

/**
 * Every way `value` breaks `schema` (ajv's errors; empty when it conforms or ajv could not compile the
 * schema). With `coerce`, `value` is changed in place to the schema's types, as ajv coerces.
 */
export function schemaErrors(
  value: unknown,
  schema: unknown,
  spec: object,
  options: CheckOptions,
  /** `schema` is one ajv returned in an error (`verbose`), already converted. */
  converted = false,
): ErrorObject[] {
  if (schema === false)
    return [{ instancePath: "", schemaPath: "#", keyword: "false", params: {}, message: "is not allowed" }];
  if (!isObj(schema)) return [];
  const validate = compiled(validatorFor(spec, options), schema, converted);
  if (validate === null || validate(value) === true) return [];
  return [...(validate.errors ?? [])];
}
