/**
 * Renders a provider's generated files from its bundle. Pure: the same bundle always gives the same bytes,
 * which is what lets CI fail on drift and turbo cache the generate task.
 */

import { createHash } from "node:crypto";
import type { GlobalContext, OpenAPI3, OpenAPITSOptions, SchemaObject } from "openapi-typescript";
import { resolveRef, scanDiscriminators } from "openapi-typescript/dist/lib/utils.js";
import transformSchema from "openapi-typescript/dist/transform/index.js";
import ts from "typescript";
import type { Bundle } from "./bundle.js";
import { pascalCase } from "./naming.js";
import { operationsOf } from "./openapi.js";
import { SchemaModules } from "./split.js";
import {
  type OperationEntry,
  operationSurface,
  type ProviderDefinition,
  providerDefinition,
  type SkippedOperation,
} from "./surface.js";

export interface GeneratedFiles {
  /** File path inside `packages/<provider>/src/generated/` → content. */
  readonly files: Record<string, string>;
  readonly operations: OperationEntry[];
  readonly skipped: SkippedOperation[];
  readonly definition: ProviderDefinition;
}

/** Where the per-module files go, below `src/generated/`; the package exports each as `./<module>`. */
export const MODULES_DIR = "modules";

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
 *   blobs), not the `string` openapi-typescript writes by default.
 * - enum / exportType left false: string-literal unions and interfaces add nothing to the bundle.
 */
export const OPENAPI_TS_OPTIONS = {
  defaultNonNullable: false,
  emptyObjectsUnknown: true,
  readWriteMarkers: true,
  alphabetize: true,
  silent: true,
  transform(schema: SchemaObject) {
    if (schema.format !== "binary") return undefined;
    const blob = ts.factory.createTypeReferenceNode("Blob");
    const nullable = Array.isArray(schema.type) && schema.type.includes("null");
    return nullable
      ? ts.factory.createUnionTypeNode([blob, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
      : blob;
  },
} satisfies OpenAPITSOptions;

/**
 * openapi-typescript's transform of a bundled document: what `openapiTS()` does after its Redocly
 * validate-and-bundle step, which we skip. Our bundle is already one document with local, checked `$ref`s
 * and unique operationIds, so that step changes nothing in it, and it is the largest cost of generating a
 * big API (a third of the time on Telnyx's 4 MB spec); the transform is imported from its own module, so
 * Redocly is not even loaded. A codegen test holds the output byte-identical to `openapiTS()`'s.
 */
export function generateTypes(document: object): ts.Node[] {
  const schema = structuredClone(document) as OpenAPI3;
  const options = OPENAPI_TS_OPTIONS;
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
    postTransform: undefined,
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
  return transformSchema(schema, ctx);
}

export async function renderProvider(bundle: Bundle): Promise<GeneratedFiles> {
  const label = `specs/${bundle.provider} (bundled with overlays)`;
  const { operations, skipped } = operationSurface(bundle.document, label);
  const specSha = createHash("sha256").update(JSON.stringify(bundle.document)).digest("hex");
  const definition = providerDefinition(bundle.document, bundle.provider, label);
  const header = headerFor(bundle);
  const title = pascalCase(bundle.provider);

  const nodes = generateTypes(bundle.document);
  const modules = new SchemaModules(nodes, bundle.document);
  const schema = modules.full();
  const vendoredAt = bundle.specs
    .map((s) => s.vendoredAt)
    .filter(Boolean)
    .sort()
    .at(-1);
  const spec = {
    sha256: specSha,
    version: bundle.document.info.version,
    ...(vendoredAt ? { vendoredAt } : {}),
  };

  const files: Record<string, string> = {
    "openapi.json": `${JSON.stringify({ "x-switchboard-generated": header.join(" "), ...bundle.document }, null, 2)}\n`,
    "schema.ts": `${comment(header)}\n${schema}`,
    "endpoints.ts": renderEndpoints(header, operations, skipped),
    "provider.ts": [
      comment(header),
      'import type { ProviderDefinition } from "@switchboard/core";',
      "",
      `export const provider = ${JSON.stringify({ ...definition, spec }, null, 2)} as const satisfies ProviderDefinition;`,
      "",
    ].join("\n"),
    "compose.ts": renderCompose(header, title, definition, operations[0]),
    "client.ts": renderClient(header, title, definition),
  };

  const byKey = new Map(operations.map((o) => [`${o.method} ${o.path}`, o]));
  const refsByModule = new Map<
    string,
    ReturnType<typeof operationsOf> extends Generator<infer R> ? R[] : never
  >();
  for (const ref of operationsOf(bundle.document)) {
    const entry = byKey.get(`${ref.method.toUpperCase()} ${ref.path}`);
    if (entry) refsByModule.set(entry.module, [...(refsByModule.get(entry.module) ?? []), ref]);
  }
  for (const [module, refs] of [...refsByModule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entries = refs.map((r) => byKey.get(`${r.method.toUpperCase()} ${r.path}`)!);
    files[`${MODULES_DIR}/${module}.ts`] = renderModule(header, title, module, modules.module(refs), entries);
  }

  return { operations, skipped, definition, files };
}

function headerFor(bundle: Bundle): string[] {
  const list = (files: Bundle["specs"]) =>
    files.map((f) => `${f.file} (sha256 ${f.sha256.slice(0, 12)})`).join(", ");
  return [
    `Generated by @switchboard/codegen from ${list(bundle.specs)}${bundle.overlays.length ? ` with overlays ${list(bundle.overlays)}` : ""}.`,
    "Do not edit: change the vendored spec or add an overlay, then run `npm run generate`.",
  ];
}

const comment = (lines: string[]) => `${lines.map((l) => `// ${l}`).join("\n")}\n`;

/**
 * Runtime functions a row refers to by name (a body encoder for anything but JSON, the pager) instead of
 * the runtime looking them up, so an app bundles them only when it calls an operation that needs them.
 */
function rowFunctions({ meta }: OperationEntry): Record<string, string> {
  const type = meta.body && meta.body.split(";")[0]!.trim().toLowerCase();
  const refs: Record<string, string> = {};
  if (type === "application/x-www-form-urlencoded") refs.encode = "formBody";
  else if (type === "multipart/form-data") refs.encode = "multipartBody";
  // JSON needs no encoder (the runtime's default); every other media type is sent as given.
  else if (type && !/^application\/(.+\+)?json$|\+json$/.test(type)) refs.encode = "rawBody";
  if (meta.page) refs.all = "paginate";
  return refs;
}

const row = (entry: OperationEntry) => {
  const fields = [
    ...Object.entries(entry.meta).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`),
    ...Object.entries(rowFunctions(entry)).map(([key, name]) => `${JSON.stringify(key)}:${name}`),
  ];
  const meta = fields.length ? `, {${fields.join(",")}}` : "";
  return `[${JSON.stringify(entry.method)}, ${JSON.stringify(entry.path)}${meta}]`;
};

/** The import of `@switchboard/core` for a file of rows: the given types plus the functions rows name. */
function coreImport(types: string[], entries: OperationEntry[]): string {
  const values = [...new Set(entries.flatMap((entry) => Object.values(rowFunctions(entry))))];
  if (values.length === 0) return `import type { ${types.join(", ")} } from "@switchboard/core";`;
  const names = [...types.map((t) => [t, `type ${t}`]), ...values.map((v) => [v, v])]
    .sort(([a], [b]) => (a!.toLowerCase() < b!.toLowerCase() ? -1 : 1))
    .map(([, name]) => name);
  return `import { ${names.join(", ")} } from "@switchboard/core";`;
}

function renderEndpoints(
  header: string[],
  operations: OperationEntry[],
  skipped: SkippedOperation[],
): string {
  return [
    comment(header),
    coreImport(["OperationTable"], operations),
    "",
    "/** Every operation of the API: method name → [HTTP method, path, where its inputs go]. */",
    ...(skipped.length
      ? [
          "// Not in the table (a REST client cannot call them):",
          ...skipped.map((s) => `// - ${s.method} ${s.path}: ${s.reason}`),
        ]
      : []),
    "export const endpoints = {",
    ...operations.map((o) => `  ${o.name}: ${row(o)},`),
    "} as const satisfies OperationTable;",
    "",
  ].join("\n");
}

/**
 * One subpath module: the types of its operations (see split.ts) and one export per operation, so a
 * bundler keeps only the operations an app imports. Each export is its table row, typed with the
 * operation it calls for `compose<Provider>Client`.
 */
function renderModule(
  header: string[],
  title: string,
  module: string,
  types: string,
  entries: OperationEntry[],
): string {
  const lines = [comment(header), coreImport(["Endpoint"], entries), "", types];
  for (const entry of entries) {
    lines.push(
      `const ${entry.name}Row = ${row(entry)} as const;`,
      `/** ${entry.summary ? `${oneLine(entry.summary)}: ` : ""}\`${entry.method} ${entry.path}\` */`,
      `export const ${entry.name}: Endpoint<typeof ${entry.name}Row, paths[${JSON.stringify(entry.path)}][${JSON.stringify(entry.method.toLowerCase())}]> = ${entry.name}Row;`,
    );
  }
  lines.push(
    "",
    `/** Every operation of \`${module}\`: \`compose${title}Client(endpoints)\`. */`,
    "export const endpoints = {",
    ...entries.map((e) => `  ${e.name},`),
    "} as const;",
    "",
  );
  return lines.join("\n");
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim();

function renderCompose(
  header: string[],
  title: string,
  definition: ProviderDefinition,
  example: OperationEntry | undefined,
): string {
  return [
    comment(header),
    "import {",
    "  type ComposedClient,",
    "  composeProviderClient,",
    "  type EndpointMap,",
    "  type ProviderClientOptions,",
    '} from "@switchboard/core";',
    'import { provider } from "./provider.js";',
    "",
    "export { provider };",
    "",
    `export type ${title}ClientOptions = ProviderClientOptions<typeof provider>;`,
    "",
    "/**",
    ` * A ${title} client with only the operations given, imported one by one from their subpaths`,
    ` * (\`import { ${example?.name ?? "…"} } from "@switchboard/${definition.name}/${example?.module ?? "…"}"\`), so an app bundles and`,
    " * type-checks what it calls and nothing else.",
    " */",
    `export function compose${title}Client<const Ops extends EndpointMap>(`,
    "  operations: Ops,",
    `  options?: ${title}ClientOptions,`,
    "): ComposedClient<Ops, typeof provider> {",
    "  return composeProviderClient(provider, operations, options);",
    "}",
    "",
  ].join("\n");
}

function renderClient(header: string[], title: string, definition: ProviderDefinition): string {
  const envs = Object.values(definition.credentials).map((c) => c.env);
  const regions = Object.keys(definition.servers);
  return [
    comment(header),
    'import { createProviderClient, type ProviderClient, type ProviderClientOptions } from "@switchboard/core";',
    'import { endpoints } from "./endpoints.js";',
    'import { provider } from "./provider.js";',
    'import type { paths } from "./schema.js";',
    "",
    'export type { components, operations, paths } from "./schema.js";',
    `export { compose${title}Client } from "./compose.js";`,
    "export { endpoints, provider };",
    "",
    `export type ${title}ClientOptions = ProviderClientOptions<typeof provider>;`,
    `export type ${title}Client = ProviderClient<paths, typeof endpoints, typeof provider>;`,
    "",
    "/**",
    ` * A typed ${title} client: one method per operation, plus openapi-fetch's raw \`GET\`, \`POST\`, ….`,
    envs.length ? ` * Credentials default to ${envs.join(" and ")}.` : " * The API needs no credentials.",
    regions.length > 1 ? ` * Regions: ${regions.join(", ")} (default ${definition.defaultServer}).` : null,
    " */",
    `export function create${title}Client(options?: ${title}ClientOptions): ${title}Client {`,
    `  return createProviderClient<paths, typeof endpoints, typeof provider>(provider, endpoints, options);`,
    "}",
    "",
  ]
    .filter((line) => line !== null)
    .join("\n");
}
