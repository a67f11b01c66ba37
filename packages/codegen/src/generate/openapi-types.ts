/**
 * The types of a provider package: openapi-typescript's transform of the bundled document, with the options
 * chosen for a client's users.
 */
import type { GlobalContext, OpenAPI3, OpenAPITSOptions, SchemaObject } from "openapi-typescript";
import { resolveRef, scanDiscriminators } from "openapi-typescript/dist/lib/utils.js";
import transformSchema from "openapi-typescript/dist/transform/index.js";
import ts from "typescript";
import {
  derefIfResolvable,
  isObject,
  type OpenApiDocument,
  resolvePointer,
  unescapePointer,
} from "../spec/openapi-document.js";
import {
  bytesBesideJson,
  isXmlMediaType,
  jsonContentKey,
  mediaTypeOf,
  multipartBesideJson,
  preferredJson,
  requestMediaKey,
  responseKind,
} from "./operation-table.js";
import { aliasRecursiveComponents } from "./recursive-types.js";

/**
 * openapi-typescript options, chosen for what a client's user needs rather than left at their defaults:
 * - defaultNonNullable: false: a field with a `default` is one the server fills in when the caller leaves it
 *   out; the default (true) makes it required in request bodies (23 fields of Telnyx's `POST /calls`).
 * - emptyObjectsUnknown: true: `properties: {}` says nothing about the keys (Synthflow's 400 body); the
 *   default types it as an object that can have no keys at all.
 * - readWriteMarkers: true: `readOnly` fields (ids, timestamps) are not demanded in request bodies and
 *   `writeOnly` ones are not promised in responses; openapi-fetch and @switchboard/core honour the markers.
 * - alphabetize: true: a provider reordering its document is not an API change, so it must not churn the
 *   generated code or its review.
 * - transform: `format: binary` is a `Blob` (uploads are sent as given, binary responses are read as
 *   blobs), not the `string` openapi-typescript writes by default; so is `format: file`, Swagger 2's
 *   `type: file` as Azure's documents carry it into OpenAPI 3 (`{type: object, format: file}`: the images
 *   Face and Computer Vision take), which it typed as an object of any keys, sent as JSON text.
 * - postTransform, per document (typeOptions): a success body is typed as the runtime reads it.
 * - enum / exportType left false: string-literal unions and interfaces add nothing to the bundle.
 */
export const OPENAPI_TS_OPTIONS = {
  defaultNonNullable: false,
  emptyObjectsUnknown: true,
  readWriteMarkers: true,
  alphabetize: true,
  silent: true,
  transform(schema: SchemaObject) {
    if (schema.format !== "binary" && schema.format !== "file") return undefined;
    const blob = ts.factory.createTypeReferenceNode("Blob");
    const nullable = Array.isArray(schema.type) && schema.type.includes("null");
    return nullable
      ? ts.factory.createUnionTypeNode([blob, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
      : blob;
  },
} satisfies OpenAPITSOptions;

/**
 * The options for one document: OPENAPI_TS_OPTIONS, and a success body typed as the runtime reads it. A
 * schema describes the JSON a body would be; a body the runtime does not parse as JSON is a string (text,
 * XML, CSV: the `{type: integer}` of a `text/plain` count arrives as "1"), a Blob (audio, files) or a stream
 * (server-sent events), whatever its schema says. Which, exactly as core reads it: by the operation's
 * `response` kind when its row has one (no JSON success type, operation-table.ts responseKind), else by the
 * Content-Type (core's readBody). Wildcard types (`*\/*`) and keys that are no media type (Telnyx's `*`)
 * keep their schema: the runtime reads what arrives by its Content-Type.
 */
export function typeOptions(document: object) {
  return {
    ...OPENAPI_TS_OPTIONS,
    postTransform: (_type: ts.TypeNode, { path }: { path?: string }) =>
      successBodyType(document, path) ?? requestBodyType(document, path),
  };
}

const REQUEST_MEDIA =
  /^#\/((?:paths\/[^/]+\/[a-z]+\/requestBody|components\/requestBodies\/[^/]+)\/content)\/([^/]+)$/i;

/**
 * A request body is typed as what the client sends, as a success body is typed as what it reads. The client
 * sends one of the media types an operation offers (operation-table.ts requestMediaKey: JSON, a form or text
 * before XML, else the first listed), so the others are `never`: a body of a form's shape where JSON is also
 * offered would go out as JSON the server reads as the wrong body. Multipart beside JSON is the exception: a
 * body holding a file goes out as multipart (operation-table.ts multipartBesideJson). An XML body is text the caller writes,
 * whatever its schema says of the element tree: the runtime sends a string or Blob as given (core's rawBody)
 * and has no XML writer, and an object it would send as JSON under an XML Content-Type. So its type is
 * `string | Blob` (a schema that is a string already keeps its type).
 */
function requestBodyType(document: object, path: string | undefined): ts.TypeNode | undefined {
  const match = path ? REQUEST_MEDIA.exec(path) : null;
  if (!match) return undefined;
  const [, contentPointer, media] = match;
  // fetch sends no body with GET or HEAD (`new Request` throws): one the document gives is none to pass.
  // Stripe gives each of its 213 GETs an empty form body, which the types offered and every call failed on.
  if (/^paths\/[^/]+\/(?:get|head)\/requestBody\/content$/i.test(contentPointer!))
    return ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  const key = unescapePointer(media!);
  const content = resolvePointer(document, `#/${contentPointer}`);
  if (!isObject(content)) return undefined;
  const keys = Object.keys(content);
  const multipartToo = mediaTypeOf(key) === "multipart/form-data" && multipartBesideJson(keys);
  // Bytes beside JSON are sent as they are (operation-table.ts bytesBesideJson): a Blob, an ArrayBuffer or bytes.
  if (!multipartBesideJson(keys) && bytesBesideJson(content) === key)
    return ts.factory.createUnionTypeNode(
      ["Blob", "ArrayBuffer", "Uint8Array"].map((name) => ts.factory.createTypeReferenceNode(name)),
    );
  if (requestMediaKey(keys) !== key && !multipartToo)
    return ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  if (!isXmlMediaType(key)) return undefined;
  const schema = derefIfResolvable(document, content[key]?.schema);
  if (isObject(schema) && schema.type === "string" && schema.format !== "binary") return undefined;
  return ts.factory.createUnionTypeNode([
    ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
    ts.factory.createTypeReferenceNode("Blob"),
  ]);
}

const SUCCESS_MEDIA = /^#\/paths\/([^/]+)\/([a-z]+)\/responses\/(2(?:\d\d|XX))\/content\/([^/]+)$/i;

function successBodyType(document: object, path: string | undefined): ts.TypeNode | undefined {
  const match = path ? SUCCESS_MEDIA.exec(path) : null;
  if (!match) return undefined;
  const [, route, method, , media] = match;
  const operation = (document as OpenApiDocument).paths?.[unescapePointer(route!)]?.[method!];
  const type = mediaTypeOf(unescapePointer(media!));
  if (!operation || type === undefined || type.includes("*")) return undefined;
  const reference = (name: string, args: ts.TypeNode[] = []) =>
    ts.factory.createTypeReferenceNode(name, args);
  const string = ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
  // Asked for as JSON (the row's `Accept`) where every success offers it: the other types never come.
  if (!/[/+]json\b/.test(type) && preferredJson(document as OpenApiDocument, operation))
    return ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  const kind = responseKind(document as OpenApiDocument, operation);
  if (kind === "stream") return reference("ReadableStream", [reference("Uint8Array")]);
  if (kind === "text") return string;
  if (kind === "blob") return reference("Blob");
  // Read by Content-Type (core's readBody): JSON parsed, text-like types as text, the rest as a Blob.
  if (/[/+]json\b/.test(type)) return undefined;
  return /^text\/|xml|urlencoded|javascript/.test(type) ? string : reference("Blob");
}

const COMPONENT_SCHEMA = "#/components/schemas/";
const schemaRefName = (node: unknown): string | undefined => {
  const ref = (node as { $ref?: unknown } | null)?.$ref;
  return typeof ref === "string" && ref.startsWith(COMPONENT_SCHEMA)
    ? unescapePointer(ref.slice(COMPONENT_SCHEMA.length))
    : undefined;
};

/**
 * The variants of a union that extend the union itself (`Pet: {oneOf: [Cat, Dog], discriminator}`, `Cat:
 * {allOf: [Pet, {…}]}`, as springdoc writes Java's class hierarchies). As JSON Schema it is sound: Cat has
 * Pet's own properties, and is one of Pet's variants. As types it is a loop no TypeScript type can be (`type
 * Cat = Pet & {…}`, `type Pet = Cat | Dog`: TS2456). The variant's part is typed as what it takes from the
 * union: the union's own keywords without its `oneOf`/`anyOf`, and, where it has a discriminator, the
 * property's value for this variant (the mapping's key that names it, else its name), which openapi-typescript
 * would have written from the reference.
 */
export function variantsExtendingTheirUnion(document: OpenAPI3, rewrite = true): boolean {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, any>>;
  let changed = false;
  for (const [unionName, union] of Object.entries(schemas)) {
    if (!isObject(union)) continue;
    const variants = [...(union.oneOf ?? []), ...(union.anyOf ?? [])].map(schemaRefName);
    for (const variantName of new Set(variants)) {
      const variant = variantName === undefined ? undefined : schemas[variantName];
      if (!isObject(variant) || !Array.isArray(variant.allOf)) continue;
      const parts = variant.allOf.map((part: unknown) => {
        if (schemaRefName(part) !== unionName) return part;
        changed = true;
        return unionOwnPart(union, variantName!);
      });
      if (rewrite) variant.allOf = parts;
    }
  }
  return changed;
}

/**
 * The document the package ships for the mock and Prism: as vendored, but for the variants that extend
 * their union (variantsExtendingTheirUnion), which no validator can check a value against as written: Cat
 * is checked against Pet, whose `oneOf` checks it against Cat, for ever (ajv: "Maximum call stack size
 * exceeded").
 */
export function servedDocument<T extends object>(document: T): T {
  if (!variantsExtendingTheirUnion(document as OpenAPI3, false)) return document;
  const copy = structuredClone(document);
  variantsExtendingTheirUnion(copy as OpenAPI3);
  return copy;
}

function unionOwnPart(union: Record<string, any>, variantName: string): Record<string, unknown> {
  const { oneOf: _oneOf, anyOf: _anyOf, discriminator, ...own } = union;
  const property = discriminator?.propertyName;
  if (typeof property !== "string") return own;
  const mapping = (discriminator.mapping ?? {}) as Record<string, unknown>;
  const value =
    Object.keys(mapping).find((key) => {
      const target = mapping[key];
      return typeof target === "string" && (schemaRefName({ $ref: target }) ?? target) === variantName;
    }) ?? variantName;
  return {
    ...own,
    type: "object",
    properties: { ...(own.properties ?? {}), [property]: { type: "string", enum: [value] } },
    required: [...new Set([...(Array.isArray(own.required) ? own.required : []), property])],
  };
}

/**
 * A schema that extends a discriminated union it is not a variant of (NestJS's `Tool: allOf [CreateToolDTO,
 * {id, orgId}]`, `CreateToolDTO: oneOf [FunctionTool, …], discriminator: type`): as JSON Schema, one of the
 * union's variants with more properties. openapi-typescript (7.13) takes every `allOf` reference to a
 * discriminator's schema for the inheritance pattern (`Cat: allOf [Pet]`) and writes `{ type: "Tool" } &
 * Omit<CreateToolDTO, "type">`: a discriminator value no delivery has, and an `Omit` over a union, which keeps
 * only the variants' shared keys. So `tool.type === "function"` did not compile, nor `tool.function`. Given
 * the union's keywords inline, without the discriminator (an annotation, no constraint), it writes the
 * intersection with the union, which narrows by `type` as the union does. A schema the discriminator's mapping
 * names is an inheritor, and keeps the reference.
 */
function unionsExtendedAsUnions(document: OpenAPI3): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, any>>;
  const union = (part: unknown) => {
    const name = schemaRefName(part);
    const target = name === undefined ? undefined : schemas[name];
    return isObject(target) &&
      isObject(target.discriminator) &&
      (Array.isArray(target.oneOf) || Array.isArray(target.anyOf))
      ? target
      : undefined;
  };
  const mapped = (target: Record<string, any>, holder: string | undefined) =>
    holder !== undefined &&
    Object.values((target.discriminator.mapping ?? {}) as Record<string, unknown>).some(
      (ref) => typeof ref === "string" && (schemaRefName({ $ref: ref }) ?? ref) === holder,
    );
  const visit = (node: unknown, holder: string | undefined, seen: Set<object>): void => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item, undefined, seen);
      return;
    }
    const record = node as Record<string, any>;
    if (Array.isArray(record.allOf))
      record.allOf = record.allOf.map((part: unknown) => {
        const target = union(part);
        if (!target || mapped(target, holder)) return part;
        const { discriminator: _, ...inline } = target;
        return inline;
      });
    for (const value of Object.values(record)) visit(value, undefined, seen);
  };
  const seen = new Set<object>();
  for (const [name, schema] of Object.entries(schemas)) visit(schema, name, seen);
  visit(document.paths, undefined, seen);
  visit(document.webhooks, undefined, seen);
}

/** The keywords that say what an object's own properties are, and which it allows beside them. */
const OWN_PROPERTY_KEYWORDS = [
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "minProperties",
  "maxProperties",
];

/**
 * openapi-typescript (7.13) writes a component that extends a discriminator's base through `allOf`, and
 * declares the discriminator's property itself beside it (Apple SiriKit's `class` and `method`: 50 schemas),
 * with that member twice, `{ class: "Child"; class?: "Child" }`, which does not compile (its issue #2418). The
 * same schema with its own properties as one more part of the `allOf` is the same JSON Schema, and that it
 * writes as an intersection, which compiles: so such a schema is given to it that way.
 */
function ownPropertiesAsPart(document: OpenAPI3): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, any>>;
  const discriminated = (part: unknown): string | undefined => {
    const name = schemaRefName(part);
    return name === undefined ? undefined : schemas[name]?.discriminator?.propertyName;
  };
  for (const schema of Object.values(schemas)) {
    if (!Array.isArray(schema?.allOf) || !isObject(schema.properties)) continue;
    const names = schema.allOf.map(discriminated);
    if (!names.some((name: string | undefined) => name !== undefined && name in schema.properties)) continue;
    const own: Record<string, unknown> = { type: "object" };
    for (const keyword of OWN_PROPERTY_KEYWORDS)
      if (keyword in schema) {
        own[keyword] = schema[keyword];
        delete schema[keyword];
      }
    schema.allOf = [...schema.allOf, own];
  }
}

/**
 * A query parameter given as `content: {application/json: {schema}}` is a value the runtime writes as JSON
 * (operation-table.ts queryStyle, core's query.ts), so it is typed by that schema. openapi-typescript types
 * every parameter without a `schema` as `string`, and a caller passing the JSON text itself had it sent as a
 * JSON string, its quotes escaped (`"{\"a\":1}"`), which no server reads as the object.
 */
function jsonQueryParametersTyped(document: OpenAPI3): void {
  const typed = (parameter: unknown) => {
    if (!isObject(parameter) || parameter.in !== "query" || parameter.schema || !isObject(parameter.content))
      return;
    const key = jsonContentKey(parameter.content);
    if (key !== undefined) parameter.schema = (parameter.content[key] as { schema?: unknown })?.schema ?? {};
  };
  for (const parameter of Object.values(document.components?.parameters ?? {})) typed(parameter);
  for (const item of Object.values(document.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const node of [item, ...Object.values(item)])
      if (isObject(node) && Array.isArray(node.parameters))
        for (const parameter of node.parameters) typed(parameter);
  }
}

/** What an `allOf` part may hold besides `required` and still say nothing but which properties are required. */
const REQUIRED_ONLY_KEYWORDS = new Set(["required", "type", "title", "description"]);

/**
 * An `allOf` part that only requires properties another part declares (Telnyx's `NetworkCreate: allOf:
 * [Network, {type: object, required: [name]}]`, the usual way to write "create" from a model) is typed by
 * openapi-typescript (7.13) as an object of any keys with no property, `Record<string, unknown>`: the
 * requirement is lost and the intersection takes any key, so `{}` and misspelt bodies compiled (the mock, which
 * reads the JSON Schema, refused them). Given each required name as a property of any value, the part is an
 * object of exactly those keys, required, which the other parts' declarations narrow (`name: unknown` &
 * `name?: string` is `name: string`), however deep in them the property is declared.
 */
function requiredOnlyPartsTyped(node: unknown): void {
  if (Array.isArray(node)) for (const item of node) requiredOnlyPartsTyped(item);
  if (!isObject(node)) return;
  for (const value of Object.values(node)) requiredOnlyPartsTyped(value);
  if (!Array.isArray(node.allOf) || node.allOf.length < 2) return;
  node.allOf = node.allOf.map((part: unknown) =>
    isObject(part) &&
    Array.isArray(part.required) &&
    part.required.length > 0 &&
    part.required.every((name) => typeof name === "string") &&
    (part.type === undefined || part.type === "object") &&
    Object.keys(part).every((key) => REQUIRED_ONLY_KEYWORDS.has(key))
      ? {
          ...part,
          type: "object",
          properties: Object.fromEntries(part.required.map((name: string) => [name, {}])),
        }
      : part,
  );
}

/** Maps whose keys are names, not keywords: a `$defs` key in one is a property, a component, an example's. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "schemas", "examples"]);

/**
 * A schema's `$defs` (JSON Schema's definitions beside a schema, OpenAPI 3.1's) taken out of the document the
 * types are written from. openapi-typescript (7.13) types them as a required property of the object, `$defs: {
 * … }`, so that a `$ref` into them can be an indexed access; but no object the API sends or takes has that
 * property, and a caller building a request body would have to write one. The bundle already made every
 * `$ref` into a schema's inside a component of its own (deep-refs.ts), so nothing refers to them any more.
 */
function withoutSchemaDefs(node: unknown, key?: string): void {
  if (Array.isArray(node)) for (const item of node) withoutSchemaDefs(item);
  if (!isObject(node)) return;
  if (key === undefined || !NAME_MAPS.has(key)) delete node.$defs;
  for (const [k, value] of Object.entries(node)) withoutSchemaDefs(value, k);
}

/**
 * The bundled document as the types are written from it (a copy): each rewrite below is the same JSON Schema
 * in a form openapi-typescript types soundly, and none reaches the served `openapi.json` but the first.
 */
export function typesInput(document: object): OpenAPI3 {
  const schema = structuredClone(document) as OpenAPI3;
  variantsExtendingTheirUnion(schema);
  unionsExtendedAsUnions(schema);
  ownPropertiesAsPart(schema);
  requiredOnlyPartsTyped(schema.components);
  requiredOnlyPartsTyped(schema.paths);
  requiredOnlyPartsTyped(schema.webhooks);
  jsonQueryParametersTyped(schema);
  withoutSchemaDefs(schema.components);
  withoutSchemaDefs(schema.paths);
  withoutSchemaDefs(schema.webhooks);
  return schema;
}

/**
 * openapi-typescript's transform of a bundled document: what `openapiTS()` does after its Redocly
 * validate-and-bundle step, which we skip. Our bundle is already one document with local, checked `$ref`s
 * and unique operationIds, so that step changes nothing in it, and it is the largest cost of generating a
 * big API (a third of the time on Telnyx's 4 MB spec); the transform is imported from its own module, so
 * Redocly is not even loaded. A codegen test holds the output byte-identical to `openapiTS()`'s (given the
 * same `typesInput`), which
 * differs only where a component contains itself outside any object type: `openapiTS()` writes that as a
 * type that does not compile, and recursive-types.ts as one that does; and in its `WithRequired` helper,
 * which compiles here where a part of the `allOf` is nullable (`withRequiredOfEachMember`).
 */
export function generateTypes(document: object): ts.Node[] {
  const schema = typesInput(document);
  const options = typeOptions(schema);
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: options.alphabetize,
    arrayLength: false,
    defaultNonNullable: options.defaultNonNullable,
    discriminators: scanDiscriminators(schema, options),
    emptyObjectsUnknown: options.emptyObjectsUnknown,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: options.postTransform,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: options.silent,
    inject: undefined,
    transform: options.transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: options.readWriteMarkers,
    resolve($ref) {
      return resolveRef(schema, $ref, { silent: options.silent });
    },
  };
  return withRequiredOfEachMember(aliasRecursiveComponents(transformSchema(schema, ctx)));
}

/**
 * openapi-typescript's `WithRequired<T, K extends keyof T>` (an `allOf` that requires properties of its parts)
 * does not compile where a part is nullable or a union: `keyof (X | null)` is `never` (Plaid's `Cause`: `allOf:
 * [PlaidError, {item_id}]`, PlaidError `nullable`, requiring `error_code` and others: TS2344). Written instead
 * to require of each member of T the keys it has, `T extends unknown ? T & { [P in K & keyof T]-?: T[P] } :
 * never`: the same type where T is one object, and where a member is null (which the `allOf`'s object part
 * excludes anyway) that member drops out.
 */
function withRequiredOfEachMember(nodes: ts.Node[]): ts.Node[] {
  const at = nodes.findIndex((node) => ts.isTypeAliasDeclaration(node) && node.name.text === "WithRequired");
  if (at < 0) return nodes;
  const f = ts.factory;
  const ref = (name: string) => f.createTypeReferenceNode(name);
  const eachMember = f.createConditionalTypeNode(
    ref("T"),
    f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword),
    f.createIntersectionTypeNode([
      ref("T"),
      f.createMappedTypeNode(
        undefined,
        f.createTypeParameterDeclaration(
          undefined,
          "P",
          f.createIntersectionTypeNode([
            ref("K"),
            f.createTypeOperatorNode(ts.SyntaxKind.KeyOfKeyword, ref("T")),
          ]),
        ),
        undefined,
        f.createToken(ts.SyntaxKind.MinusToken),
        f.createIndexedAccessTypeNode(ref("T"), ref("P")),
        undefined,
      ),
    ]),
    f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
  );
  const alias = f.createTypeAliasDeclaration(
    (nodes[at] as ts.TypeAliasDeclaration).modifiers,
    "WithRequired",
    [
      f.createTypeParameterDeclaration(undefined, "T"),
      f.createTypeParameterDeclaration(undefined, "K", ref("PropertyKey")),
    ],
    eachMember,
  );
  return [...nodes.slice(0, at), alias, ...nodes.slice(at + 1)];
}

/**
 * Where in `document` openapi-typescript's transform fails, when it throws: a message of its own (`invalid
 * property allOf`) or a crash (`Cannot use 'in' operator`), which names no place the user can fix. The
 * smallest failing part is found by transforming each path item, then each of its operations, and each
 * component on its own; spec-checks.ts catches the known shapes before this, so this is the net below it.
 */
export function locateTypeFailure(
  document: OpenApiDocumentLike,
): Array<{ at: Array<string | number>; message: string }> {
  const fails = (doc: object): string | undefined => {
    try {
      generateTypes(doc);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  const empty = { ...document, paths: {}, components: {}, webhooks: undefined };
  const found: Array<{ at: Array<string | number>; message: string }> = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (fails({ ...document, paths: { [path]: item } }) === undefined) continue;
    const operations = Object.keys(item ?? {}).filter(
      (k) => typeof item?.[k] === "object" && k !== "parameters",
    );
    const narrowed = operations.flatMap((method) => {
      const message = fails({
        ...document,
        paths: {
          [path]: {
            ...item,
            ...Object.fromEntries(operations.filter((m) => m !== method).map((m) => [m, undefined])),
          },
        },
      });
      return message === undefined ? [] : [{ at: ["paths", path, method], message }];
    });
    found.push(
      ...(narrowed.length
        ? narrowed
        : [{ at: ["paths", path], message: fails({ ...document, paths: { [path]: item } })! }]),
    );
  }
  for (const [kind, entries] of Object.entries(document.components ?? {})) {
    for (const [name, value] of Object.entries(entries ?? {})) {
      const message = fails({ ...empty, components: { [kind]: { [name]: value } } });
      if (message !== undefined) found.push({ at: ["components", kind, name], message });
    }
  }
  return found;
}

type OpenApiDocumentLike = {
  paths?: Record<string, Record<string, any>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};
