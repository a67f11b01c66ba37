/**
 * Whether a value conforms to a schema of the document: examples that contradict their own schema (a
 * "uuid" that is not one, an example missing a required property) are not sent to Prism, which would flag
 * them. Checked by ajv with ajv-formats, the validator Prism itself checks requests with, so a value passes
 * here when Prism's check will pass it too.
 *
 * OpenAPI schemas are not quite JSON Schema, so each is converted on the way in:
 * - the dialect: JSON Schema 2020-12 for OpenAPI 3.1 documents, draft-07 (OpenAPI 3.0's schemas are a
 *   superset of an older draft; draft-07 is what Prism validates them as) for the rest;
 * - OpenAPI 3.0's `nullable: true` becomes a `null` in `type` (and in `enum`), as Prism does; documents
 *   labelled 3.1 still use it (Telnyx's), so it is converted whatever the version says;
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form;
 * - draft-04 tuple `items: [...]` becomes `prefixItems` under 2020-12;
 * - `example`, `discriminator`, `readOnly`, `writeOnly`, `xml` and `x-…` are annotations ajv ignores
 *   (`strict: false`): a `discriminator` only names the `oneOf` branch, which `oneOf` decides anyway.
 * `$ref`s are converted and registered with ajv one by one, under an id of their own, the first time a
 * schema that uses them is compiled, so no document-wide copy is made. A schema ajv cannot compile (a
 * `pattern` JavaScript cannot read) cannot be judged, and passes, as before.
 */
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isObj, type Obj, resolvePointer } from "./openapi.js";

interface Validator {
  readonly ajv: Ajv;
  readonly spec: object;
  /** Compiled per schema object of the document; `null` when ajv could not compile it. */
  readonly compiled: WeakMap<object, ValidateFunction | null>;
  /** The ids of the `$ref` targets already given to ajv. */
  readonly registered: Set<string>;
}

const validators = new WeakMap<object, Validator>();

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

function validatorFor(spec: object): Validator {
  let validator = validators.get(spec);
  if (!validator) {
    const options = {
      strict: false,
      validateSchema: false,
      logger: false,
      allowUnionTypes: true,
      allowMatchingProperties: true,
    } as const;
    const openapi = String((spec as Obj).openapi ?? "");
    const ajv = openapi.startsWith("3.1") ? new Ajv2020(options) : new Ajv(options);
    addFormats.default(ajv);
    validator = { ajv, spec, compiled: new WeakMap(), registered: new Set() };
    validators.set(spec, validator);
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

/** Whether `value` is valid against `schema`, a schema object (or `$ref`) of the document `spec`. */
export function conforms(value: unknown, schema: unknown, spec: object): boolean {
  if (schema === false) return false;
  if (!isObj(schema)) return true;
  const validator = validatorFor(spec);
  let validate = validator.compiled.get(schema);
  if (validate === undefined) {
    try {
      validate = validator.ajv.compile(toJsonSchema(schema, validator) as object);
    } catch {
      validate = null;
    }
    validator.compiled.set(schema, validate);
  }
  return validate === null || validate(value) === true;
}
