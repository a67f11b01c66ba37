/**
 * Form bodies (`application/x-www-form-urlencoded`, `multipart/form-data`) read back into the value the
 * method was given, as the runtime writes them (`formBody`, `deepFormBody` and `multipartBody` of
 * @switchboard/core): a nested object as bracketed names (`filter[status]=open`, as Stripe and every `qs`
 * reader take it), an array as repeated names, under its indexes (`items[0][price]`) or as `expand[]`, and an
 * object, alone or as an array's item, as its JSON text: OpenAPI's default for an object part of a multipart
 * body (`application/json`), and the one text form an object has in a urlencoded field. A repeated name is
 * already an array (`request.ts`); a single value where the schema has an array is an array of one.
 *
 * Read against the body's schema, since the fields alone cannot say: a field the schema types as a string
 * keeps the text it was sent as, however JSON-like, and a name the schema spells with brackets (`tags[]`)
 * stays as it is. Anything the schema does not describe is left as it came.
 */
import { deref, isObj, type Obj } from "../openapi.js";
import { declaredBodySchema } from "./check.js";
import type { Operation } from "./operations.js";
import { bracketPath, propertySchema } from "./params.js";
import type { RequestBody } from "./request.js";

const FORMS = /^(application\/x-www-form-urlencoded|multipart\/form-data)$/;

/** Whether `mediaType` (a request's Content-Type) is one of the two form media types. */
const isForm = (mediaType: string): boolean => FORMS.test(mediaType.split(";")[0]!.trim().toLowerCase());

/**
 * A form body of `operation` read back against the schema of its declared media type: what the call records
 * and what is checked. Any other body, or a form the operation does not declare, is returned as it is.
 */
export function readFormBody(operation: Operation, body: RequestBody, spec: object): RequestBody {
  const { check } = body;
  if (check.kind !== "value" || !isForm(check.mediaType) || !isObj(check.value)) return body;
  const schema = declaredBodySchema(operation, check.mediaType, spec);
  if (schema === undefined) return body;
  return {
    recorded: isObj(body.recorded) ? readFormFields(body.recorded, schema, spec) : body.recorded,
    check: { ...check, value: readFormFields(check.value, schema, spec) },
  };
}

/** The fields of a form body as the method was given them; `fields` itself is left unchanged. */
function readFormFields(fields: Obj, schema: unknown, spec: object): Obj {
  return decode(nest(fields, schema, spec), schema, spec) as Obj;
}

type Kind = "object" | "array" | "string";

/**
 * Whether every value of `schema` is of `kind`, reading through `$ref`s and `allOf`/`anyOf`/`oneOf`
 * (a `oneOf` of a string and an object is neither: its text is left as text). Depth-bounded, for cyclic
 * schemas.
 */
function only(kind: Kind, schema: unknown, spec: object, depth = 0): boolean {
  const node = deref(schema, spec);
  if (!isObj(node) || depth > 16) return false;
  // A 3.1 `type: [object, "null"]` is an object where a form can send it: a form field cannot be null.
  const types = ([] as unknown[]).concat(node.type ?? []).filter((type) => type !== "null");
  if (types.length > 0) return types.length === 1 && types[0] === kind;
  if (kind === "object" && isObj(node.properties)) return true;
  if (kind === "array" && node.items !== undefined) return true;
  const parts = (key: string) => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []);
  return (
    parts("allOf").some((part) => only(kind, part, spec, depth + 1)) ||
    ["anyOf", "oneOf"].some(
      (key) => parts(key).length > 0 && parts(key).every((part) => only(kind, part, spec, depth + 1)),
    )
  );
}

function itemsOf(schema: unknown, spec: object, depth = 0): unknown {
  const node = deref(schema, spec);
  if (!isObj(node) || depth > 16) return undefined;
  if (node.items !== undefined) return node.items;
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
    const items = itemsOf(part, spec, depth + 1);
    if (items !== undefined) return items;
  }
  return undefined;
}

/**
 * Bracketed names whose first part is a property the schema declares (and the whole name is not) as objects,
 * read as a `deepObject` query parameter is (params.ts).
 */
function nest(fields: Obj, schema: unknown, spec: object): Obj {
  const out: Obj = {};
  const declared = (name: string) => {
    const node = deref(schema, spec);
    return isObj(node) && propertySchema(node, name, spec, true) !== undefined;
  };
  for (const [name, value] of Object.entries(fields)) {
    const open = name.indexOf("[");
    const base = open > 0 ? name.slice(0, open) : undefined;
    const keys = base === undefined ? undefined : bracketPath(name, base);
    // `expand[]=a&expand[]=b`, an array as Rails and PHP write one (and Stripe's docs): the values, under
    // the name without its brackets.
    if (base && keys?.length === 1 && keys[0] === "" && !declared(name) && declared(base)) {
      out[base] = value;
      continue;
    }
    if (!base || !keys?.length || keys.includes("") || declared(name) || !declared(base)) {
      out[name] = value;
      continue;
    }
    let target = out;
    for (const key of [base, ...keys.slice(0, -1)]) {
      if (!isObj(target[key])) target[key] = {};
      target = target[key] as Obj;
    }
    target[keys.at(-1)!] = value;
  }
  return out;
}

function decode(value: unknown, schema: unknown, spec: object): unknown {
  if (schema === undefined) return value;
  if (typeof value === "string" && only("object", schema, spec)) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isObj(parsed)) return decode(parsed, schema, spec);
    } catch {}
    return value;
  }
  if (only("array", schema, spec)) {
    const items = itemsOf(schema, spec);
    // `items[0][price]=…`, `expand[0]=a`: an array written item by item under its indexes (core's
    // deepFormBody, `qs`), read into an object of index keys by `nest`.
    const indexed =
      isObj(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => /^\d+$/.test(key))
        ? Object.keys(value)
            .sort((a, b) => Number(a) - Number(b))
            .map((key) => (value as Obj)[key])
        : undefined;
    return (indexed ?? (Array.isArray(value) ? value : [value])).map((item) => decode(item, items, spec));
  }
  const node = deref(schema, spec);
  if (isObj(value) && !(value instanceof Blob)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [
        name,
        decode(inner, isObj(node) ? propertySchema(node, name, spec) : undefined, spec),
      ]),
    );
  }
  return value;
}
