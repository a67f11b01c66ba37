/**
 * `$ref`s into the inside of a component, made into references openapi-typescript can type.
 *
 * A JSON Reference may point anywhere in the document, and real providers point deep: Vonage's
 * `#/components/schemas/channel/properties/from/oneOf/0` and
 * `#/components/responses/AccountIdNotFoundError/content/application~1json/schema`, Codat's
 * `#/components/schemas/Account/definitions/accountRef`. openapi-typescript types a `$ref` as an indexed
 * access along its pointer (`components["responses"]["X"]["content"]["application/json"]["schema"]`), which
 * only works where every step is a key of the type it has built: a component, then `properties/<name>` pairs.
 * Any other step (`oneOf/0`, `items`, `definitions`, a response's `schema`) is a type error in the generated
 * package (TS2339), however valid the document; and so is a pointer into `paths` (Rev.ai's
 * `#/paths/~1jobs~1%7Bid%7D/get/responses/401`) in every tag's module but the one that has that path.
 *
 * So before types are generated, each such target that is a schema becomes a schema component of its own,
 * named after where it was (`channel.from.oneOf.0`,
 * `responses.AccountIdNotFoundError.content.application_json.schema`); an operation's response, parameter,
 * request body or header becomes a component of that kind (`jobs_id.get.responses.401`); and every `$ref` to
 * it points there. The place it came from keeps its copy, so nothing else changes, and a schema that refers
 * to itself that way becomes a component that refers to itself, as recursive types do. Any other deep target
 * (a media type, a component's header) is copied where it is referred to. The document means the same; the
 * mocks read it as well.
 *
 * By hand, because bundlers (Redocly's, json-schema-ref-parser) either keep such references as they are or
 * inline every reference, and inlining the whole document would multiply the size of the types.
 */
import {
  collectRefs,
  holdsExamples,
  nameMapAt,
  type OpenApiDocument,
  resolvePointer,
  unescapePointer,
} from "./openapi-document.js";

/** A component name as OpenAPI allows them (`^[a-zA-Z0-9.\-_]+$`). */
const componentName = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, "_");

/** The pointer's segments after `#/`, unescaped; undefined for a reference to another document. */
function segmentsOf(ref: string): string[] | undefined {
  if (!ref.startsWith("#/")) return undefined;
  return ref.slice(2).split("/").map(unescapePointer);
}

/**
 * Whether openapi-typescript types this `$ref` as it is, in the whole schema and in each tag's module: a
 * component, or a component's property (`properties/<name>` steps, each required and neither readOnly nor
 * writeOnly) through schemas typed as plain objects. A
 * schema that may be null (OpenAPI 3.1's `type: [object, "null"]`, 3.0's `nullable`, as FastAPI writes
 * optional models) or that `oneOf`/`anyOf` makes a union is typed `{ … } | null` or `A | B`, and indexing a
 * property of that is a type error (TS2339). A pointer into `paths` is typed as `paths["/jobs/{id}"]…`, which a
 * module without that path does not have (Rev.ai's responses point there); a whole path item is left to
 * openapi-typescript.
 */
function typeable(segments: readonly string[], doc: OpenApiDocument): boolean {
  if (segments[0] === "paths") return segments.length <= 2;
  if (segments[0] !== "components" || segments.length <= 3) return true;
  const rest = segments.slice(3);
  if (segments[1] !== "schemas" || rest.length % 2 || !rest.every((s, i) => i % 2 || s === "properties"))
    return false;
  // Every schema the indexed access passes through (the component and each property but the last).
  let schema: unknown = doc.components?.schemas?.[segments[2]!];
  for (let i = 0; i < rest.length; i += 2) {
    if (!plainObjectSchema(schema)) return false;
    const parent = schema as { properties?: Record<string, unknown>; required?: unknown };
    const name = rest[i + 1]!;
    // An optional property's indexed type adds `undefined`, through which nothing can be indexed (TS2339) and
    // of which openapi-typescript's `WithRequired` (an `allOf` that requires its properties) is `never`
    // (Linode's firewall devices); a readOnly or writeOnly one is `$Read<…>` or `$Write<…>`, not its schema.
    if (!Array.isArray(parent.required) || !parent.required.includes(name)) return false;
    schema = parent.properties?.[name];
    const marks = schema as { readOnly?: unknown; writeOnly?: unknown } | undefined;
    if (marks?.readOnly === true || marks?.writeOnly === true) return false;
  }
  return true;
}

/** A schema openapi-typescript types as one object type, whose properties an indexed access can name. */
function plainObjectSchema(schema: unknown): boolean {
  if (!schema || typeof schema !== "object") return false;
  const s = schema as { type?: unknown; nullable?: unknown; oneOf?: unknown; anyOf?: unknown };
  const nullable = s.nullable === true || (Array.isArray(s.type) && s.type.includes("null"));
  return !nullable && s.oneOf === undefined && s.anyOf === undefined;
}

/**
 * The components section for the node a deep pointer names: a schema anywhere inside a schema component or
 * below a `schema`; an operation's response, parameter, request body or header as such; else undefined
 * (the node is copied where it is referred to).
 */
function sectionOf(segments: readonly string[]): string | undefined {
  const inside = segments[0] === "components" ? segments.slice(3) : segments.slice(2);
  if ((segments[0] === "components" && segments[1] === "schemas") || inside.includes("schema"))
    return "schemas";
  if (segments[0] !== "paths") return undefined;
  if (segments.at(-1) === "requestBody") return "requestBodies";
  const parent = segments.at(-2);
  return parent === "responses" || parent === "parameters" || parent === "headers" ? parent : undefined;
}

/** A component's name from where its content was: `channel.from.oneOf.0`, `jobs_id.get.responses.401`. */
function hoistedName(segments: readonly string[]): string {
  const [root, second, ...rest] = segments;
  const where =
    root === "paths"
      ? [second!.replace(/[{}]/g, "").split("/").filter(Boolean).join("_") || "root", ...rest]
      : second === "schemas"
        ? rest
        : [second!, ...rest];
  // `properties` says nothing a reader needs: `channel/properties/from/oneOf/0` → `channel.from.oneOf.0`.
  return componentName(
    where.filter((s, i, all) => !(s === "properties" && i > 0 && i + 1 < all.length)).join("."),
  );
}

/** Rewrites, in place, every `$ref` openapi-typescript cannot type; returns how many targets it hoisted. */
export function hoistDeepRefs(doc: OpenApiDocument): number {
  const deep = new Map<string, string[]>();
  for (const ref of collectRefs(doc)) {
    const segments = segmentsOf(ref);
    if (segments && !typeable(segments, doc) && resolvePointer(doc, ref) !== undefined)
      deep.set(ref, segments);
  }
  if (deep.size === 0) return 0;

  // Every target is copied before any reference is rewritten, so a pointer through another target still
  // resolves, and copies keep their own deep references, rewritten below like any other.
  doc.components ??= {};
  const components = doc.components;
  const hoisted = new Map<string, string>();
  const inlined = new Map<string, unknown>();
  for (const [ref, segments] of [...deep].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const target = structuredClone(resolvePointer(doc, ref));
    const section = sectionOf(segments);
    if (!section) {
      inlined.set(ref, target);
      continue;
    }
    components[section] ??= {};
    const members = components[section];
    const base = hoistedName(segments);
    let name = base;
    for (let n = 2; Object.hasOwn(members, name); n++) name = `${base}_${n}`;
    members[name] = target;
    hoisted.set(ref, `#/components/${section}/${name}`);
  }

  const rewrite = (value: unknown, expanding: ReadonlySet<string>, namesHere = false): void => {
    if (Array.isArray(value)) {
      for (const item of value) rewrite(item, expanding);
      return;
    }
    if (!value || typeof value !== "object") return;
    const node = value as Record<string, unknown>;
    let inner = expanding;
    // In a map of names, `$ref` would be a property of that name.
    const ref = namesHere ? undefined : node.$ref;
    if (typeof ref === "string" && hoisted.has(ref)) node.$ref = hoisted.get(ref);
    else if (typeof ref === "string" && inlined.has(ref) && !expanding.has(ref)) {
      // Siblings of the `$ref` (an OpenAPI 3.1 description) win over what the target says.
      const copy = structuredClone(inlined.get(ref)) as Record<string, unknown>;
      delete node.$ref;
      for (const [key, content] of Object.entries(copy)) if (!Object.hasOwn(node, key)) node[key] = content;
      inner = new Set([...expanding, ref]);
    }
    for (const key in node)
      if (!holdsExamples(key, namesHere)) rewrite(node[key], inner, nameMapAt(key, namesHere));
  };
  rewrite(doc, new Set());
  return hoisted.size;
}
