/**
 * Renders a provider's `src/generated/` files from its bundle: the bundled spec, the types, the operation
 * table, the provider definition, the client, `compose` and one module per tag. Pure: the same bundle always
 * gives the same bytes, which is what lets CI fail on drift and turbo cache the generate task.
 */

import { createHash } from "node:crypto";
import type { ProviderDefinition } from "@switchboard/core";
import { collecting, InputError, throwAll } from "../errors.js";
import { pascalCase } from "../naming.js";
import { MODULES_DIR } from "../repo-layout.js";
import type { Bundle } from "../spec/bundle.js";
import { withoutCredentialParameters } from "../spec/credential-parameters.js";
import { operationsOf } from "../spec/openapi-document.js";
import type { ProviderSettings } from "../spec/provider-settings.js";
import type { OperationAuth } from "../spec/security-plan.js";
import { type UnauthenticatedOperation, unauthenticatedOperations } from "../spec/settings-suggestions.js";
import { pointerOf } from "../spec/spec-checks.js";
import { generateTypes, locateTypeFailure, servedDocument } from "./openapi-types.js";
import {
  endpointTypeName,
  jsDoc,
  type OperationDocs,
  operationDocs,
  operationTypeName,
  resultTypeName,
} from "./operation-docs.js";
import {
  type OperationEntry,
  operationSurface,
  type RowFunctions,
  type SkippedOperation,
  wirePath,
} from "./operation-table.js";
import { providerDefinition } from "./provider-definition.js";
import { type ServerVariableDocs, serverVariables } from "./server-variables.js";
import { SchemaModules } from "./tag-modules.js";
import { clientWebhookLines, renderWebhooksModule, webhookSummary } from "./webhooks-module.js";

export interface GeneratedFiles {
  /** File path inside `packages/<provider>/src/generated/` → content. */
  readonly files: Record<string, string>;
  readonly operations: OperationEntry[];
  readonly skipped: SkippedOperation[];
  readonly definition: ProviderDefinition;
  /** Its webhooks' events and, where there is no verifier, why (for `check` to say). */
  readonly webhooks?: ReturnType<typeof webhookSummary>;
}

/**
 * `packageVersion` (the provider package's, from its package.json) goes into the provider definition for the
 * User-Agent: `npm run release:version` regenerates after `changeset version`, so CI's drift check holds.
 */
export async function renderProvider(
  bundled: Bundle,
  settings: ProviderSettings,
  packageVersion?: string,
): Promise<GeneratedFiles> {
  // An operation's credential is no input: the client sends it (spec/credential-parameters.ts).
  const declared = new Set(settings.credentials.keys());
  const bundle = { ...bundled, document: withoutCredentialParameters(bundled.document, declared) };
  const label = `specs/${bundle.provider} (bundled with overlays)`;
  // The table's problems (a paging entry naming no method) and the definition's (credentials, fills,
  // servers, webhooks) do not depend on each other: both are reported in one run.
  const problems: InputError[] = [];
  const surface = collecting(() => operationSurface(bundle.document, label, settings), problems);
  const defined = collecting(
    () => providerDefinition(bundle.document, bundle.provider, label, settings, bundle.locate),
    problems,
  );
  throwAll(problems);
  const { operations, skipped } = surface!;
  const definition = defined!;
  const specSha = createHash("sha256").update(JSON.stringify(bundle.document)).digest("hex");
  // The webhooks part of the definition goes to webhooks.ts: apps that only call the API do not bundle it.
  const { webhooks: _, ...clientDefinition } = definition;
  const header = headerFor(bundle);
  const title = pascalCase(bundle.provider);
  const variables = serverVariables(bundle.document, definition);

  const docs = operationDocs(bundle, operationsOf(bundle.document));
  const nodes = typesOrErrors(bundle, label);
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
    "openapi.json": `${JSON.stringify({ "x-switchboard-generated": header.join(" "), ...servedDocument(bundle.document) }, null, 2)}\n`,
    "schema.ts": `${comment(header)}\n${schema}`,
    "endpoints.ts": renderEndpoints(
      header,
      title,
      operations,
      skipped,
      unauthenticatedOperations(bundle.document, new Set(settings.credentials.keys())),
      docs,
    ),
    // The spec record apart from the definition: an app that bundles the client need not carry its hash.
    "provider.ts": [
      comment(header),
      `import type { ProviderDefinition${variables ? ", ServerVariables" : ""} } from "@switchboard/core";`,
      "",
      `export const provider = ${JSON.stringify({ ...clientDefinition, packageVersion }, null, 2)} as const satisfies ProviderDefinition;`,
      "",
      "/** The spec this package was generated from: the bundled spec's sha256, the provider's version, the vendoring date. */",
      `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
      "",
      ...(variables ? renderServerVariables(title, variables) : []),
    ].join("\n"),
    "compose.ts": renderCompose(header, title, definition, operations[0], variables !== undefined),
    "client.ts": renderClient(header, title, definition, variables !== undefined),
  };
  const webhooks = renderWebhooksModule(comment(header), title, bundle.document, bundle.provider, label);
  if (webhooks) files["webhooks.ts"] = webhooks;

  const byKey = new Map(operations.map((o) => [`${o.method} ${o.path}`, o]));
  const refsByModule = new Map<
    string,
    ReturnType<typeof operationsOf> extends Generator<infer R> ? R[] : never
  >();
  for (const ref of operationsOf(bundle.document)) {
    const entry = byKey.get(`${ref.method.toUpperCase()} ${ref.path}`);
    if (entry) refsByModule.set(entry.module, [...(refsByModule.get(entry.module) ?? []), ref]);
  }
  const shared = modules.sharesComponents([...refsByModule.values()]);
  for (const [module, refs] of [...refsByModule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entries = refs.map((r) => byKey.get(`${r.method.toUpperCase()} ${r.path}`)!);
    files[`${MODULES_DIR}/${module}.ts`] = renderModule(
      header,
      title,
      module,
      modules.module(refs, shared),
      entries,
      docs,
    );
  }

  const webhookFindings = webhookSummary(
    bundle.document,
    bundle.provider,
    (at) => bundle.locate?.(at) ?? { file: label },
  );
  return {
    operations,
    skipped,
    definition,
    files,
    ...(webhookFindings ? { webhooks: webhookFindings } : {}),
  };
}

/** The types, or an error at the line of each part of the spec openapi-typescript cannot turn into types. */
function typesOrErrors(bundle: Bundle, label: string): ReturnType<typeof generateTypes> {
  try {
    return generateTypes(bundle.document);
  } catch (error) {
    const failures = locateTypeFailure(bundle.document);
    const where = (at: Array<string | number>) => bundle.locate?.(at) ?? { file: label };
    const errors = failures.map(({ at, message }) => {
      const { file, line } = where(at);
      return new InputError(
        file,
        `openapi-typescript cannot make types of this part of the spec: ${message}\n    at ${pointerOf(at)}\n` +
          "    fix: correct or remove it with an overlay (README: Fixing a provider's spec)",
        line,
      );
    });
    if (errors.length === 0) throw error;
    throwAll(errors);
    throw error;
  }
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
 * Runtime functions a row refers to by name (a body encoder for anything but JSON, the query writer, the
 * pager) instead of the runtime looking them up, so an app bundles them only when it calls an operation
 * that needs them. Each value is the name `@switchboard/core` exports the function under.
 */
export function rowFunctions({
  meta,
  inputs,
  filesAsMultipart,
  bytesAsRaw,
  deepForm,
}: OperationEntry): RowFunctions {
  const type = meta.body && meta.body.split(";")[0]!.trim().toLowerCase();
  const refs: RowFunctions = {};
  if (filesAsMultipart) refs.encode = "jsonOrMultipartBody";
  else if (bytesAsRaw) refs.encode = "jsonOrRawBody";
  else if (type === "application/x-www-form-urlencoded") refs.encode = deepForm ? "deepFormBody" : "formBody";
  else if (type === "multipart/form-data") refs.encode = "multipartBody";
  // JSON needs no encoder (the runtime's default); every other media type is sent as given.
  else if (type && !/^application\/(.+\+)?json$|\+json$/.test(type)) refs.encode = "rawBody";
  // The query writer too: an app calling only operations without query parameters bundles none. A list paged
  // by next-page URL or Link header needs it even without declared ones: each next call sends that URL's query.
  if (inputs.query.length || meta.page?.[0] === "url" || meta.page?.[0] === "link")
    refs.writeQuery = "serializeQuery";
  if (meta.page) refs.all = "paginate";
  return refs;
}

/** An operation that sends another of the provider's security requirements names it: `otherAuth(provider, i)`. */
const sendsOtherAuth = (entry: OperationEntry) => typeof entry.meta.auth === "object";

/** The row's `auth`: `false`, or the call of `otherAuth` that sends its requirement. */
const authField = (auth: OperationAuth) =>
  auth === false
    ? "false"
    : `otherAuth(provider, ${auth.other}${auth.optional ? ", { optional: true }" : ""})`;

const row = (entry: OperationEntry) => {
  const fields = [
    ...Object.entries(entry.meta).map(
      ([key, value]) =>
        `${JSON.stringify(key)}:${key === "auth" ? authField(value as OperationAuth) : JSON.stringify(value)}`,
    ),
    ...Object.entries(rowFunctions(entry)).map(([key, name]) => `${JSON.stringify(key)}:${name}`),
  ];
  const meta = fields.length ? `, {${fields.join(",")}}` : "";
  return `[${JSON.stringify(entry.method)}, ${JSON.stringify(wirePath(entry.path, entry.inputs.query, entry.pathStyles))}${meta}]`;
};

/**
 * The imports of a file of rows: the given types and the functions rows name from `@switchboard/core`, and
 * the provider definition (from `provider`, the module's path to provider.ts) where a row sends another of
 * its security requirements.
 */
function rowImports(types: string[], entries: OperationEntry[], provider: string): string {
  const values = [
    ...new Set([
      ...entries.flatMap((entry) => Object.values(rowFunctions(entry))),
      ...(entries.some(sendsOtherAuth) ? ["otherAuth"] : []),
    ]),
  ];
  const definition = entries.some(sendsOtherAuth) ? `\nimport { provider } from "${provider}";` : "";
  if (values.length === 0)
    return `import type { ${types.join(", ")} } from "@switchboard/core";${definition}`;
  const names = [...types.map((t) => [t, `type ${t}`]), ...values.map((v) => [v, v])]
    .sort(([a], [b]) => (a!.toLowerCase() < b!.toLowerCase() ? -1 : 1))
    .map(([, name]) => name);
  return `import { ${names.join(", ")} } from "@switchboard/core";${definition}`;
}

/** `paths["/ips/{id}"]["delete"]`: the operation's type in a `paths` interface. */
const operationType = (entry: OperationEntry) =>
  `paths[${JSON.stringify(entry.path)}][${JSON.stringify(entry.method.toLowerCase())}]`;

const call = (entry: OperationEntry) => `${entry.method} ${entry.path}`;

/** The named type a method resolves to, documented as what that method returns. */
function resultType(entry: OperationEntry, operation = operationType(entry)): string {
  return [
    `/** What {@link ${entry.name}} resolves to: \`data\` on success, else \`error\`. */`,
    `export type ${resultTypeName(entry.name)} = OperationResult<${operation}>;`,
  ].join("\n");
}

/**
 * The whole client's table. The rows are plain data; the exported `<Provider>Endpoints` interface types each
 * one with the operation it calls and its named result, and carries the operation's documentation, which
 * the client's methods keep (they are mapped from it).
 */
function renderEndpoints(
  header: string[],
  title: string,
  operations: OperationEntry[],
  skipped: SkippedOperation[],
  unauthenticated: UnauthenticatedOperation[],
  docs: Map<string, OperationDocs>,
): string {
  return [
    comment(header),
    rowImports(["Endpoint", "OperationResult", "OperationTable"], operations, "./provider.js"),
    'import type { paths } from "./schema.js";',
    "",
    ...(skipped.length
      ? [
          "// Not in the table, no method made (why, for each):",
          ...skipped.map((s) => `// - ${s.method} ${s.path}: ${s.reason}`),
        ]
      : []),
    ...(unauthenticated.length
      ? [
          "// In the table, but refused by the provider unless the call brings what their security needs, which the",
          "// client does not send (give it in the call's `headers`, or choose that requirement in switchboard.yaml):",
          ...unauthenticated.map((u) => `// - ${u.operation}: needs ${u.needs.join(" + ")}`),
        ]
      : []),
    "const rows = {",
    ...operations.map((o) => `  ${o.name}: ${row(o)},`),
    "} as const satisfies OperationTable;",
    "",
    ...operations.map((o) => resultType(o)),
    "",
    "/** Every operation of the API: method name → its row, typed with the operation it calls and its result. */",
    // A type literal, not an interface: the client's table type must be assignable to a string-keyed record.
    `export type ${title}Endpoints = {`,
    ...operations.flatMap((o) => [
      jsDoc(docs.get(call(o)), call(o), "  "),
      `  readonly ${o.name}: Endpoint<(typeof rows)[${JSON.stringify(o.name)}], ${operationType(o)}, ${resultTypeName(o.name)}>;`,
    ]),
    "};",
    "",
    "/** Every operation of the API: method name → [HTTP method, path, where its inputs go]. */",
    `export const endpoints: ${title}Endpoints = rows;`,
    "",
  ].join("\n");
}

/**
 * One subpath module: the types of its operations (see tag-modules.ts) and one export per operation, so a
 * bundler keeps only the operations an app imports. Each export is its table row, typed with the
 * operation it calls and its named result for `compose<Provider>Client`, and documented with the
 * operation's own words.
 */
function renderModule(
  header: string[],
  title: string,
  module: string,
  types: string,
  entries: OperationEntry[],
  docs: Map<string, OperationDocs>,
): string {
  const lines = [
    comment(header),
    rowImports(["Endpoint", "OperationResult"], entries, "../provider.js"),
    "",
    types,
    "/** The operation at a path and method of `paths`, for the named operation types below. */",
    "type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];",
    "",
  ];
  for (const entry of entries) {
    // An interface, not an alias: editors print an interface's name, but an alias of an indexed type as
    // the whole operation.
    const operation = operationTypeName(entry.name);
    lines.push(
      `/** The operation {@link ${entry.name}} calls, as openapi-typescript writes it. */`,
      `export interface ${operation} extends Operation<${JSON.stringify(entry.path)}, ${JSON.stringify(entry.method.toLowerCase())}> {}`,
      resultType(entry, operation),
      `const ${entry.name}Row = ${row(entry)} as const;`,
      // Named, so that a user's declarations naming a composed client print this module's name, not core's
      // `Endpoint` (which pnpm's layout does not let an app name: TS2742).
      `/** The row of {@link ${entry.name}}, typed with the operation it calls and its result. */`,
      `export type ${endpointTypeName(entry.name)} = Endpoint<typeof ${entry.name}Row, ${operation}, ${resultTypeName(entry.name)}>;`,
      jsDoc(docs.get(call(entry)), call(entry)),
      `export const ${entry.name}: ${endpointTypeName(entry.name)} = ${entry.name}Row;`,
    );
  }
  // Typed by name: an inferred type would be spelled out in the declarations, each operation's whole shape.
  lines.push(
    "",
    `/** Every operation of \`${module}\`: \`compose${title}Client(endpoints)\`. */`,
    "export const endpoints: {",
    ...entries.map((e) => `  readonly ${e.name}: typeof ${e.name};`),
    "} = {",
    ...entries.map((e) => `  ${e.name},`),
    "};",
    "",
  );
  return lines.join("\n");
}

function renderCompose(
  header: string[],
  title: string,
  definition: ProviderDefinition,
  example: OperationEntry | undefined,
  variables: boolean,
): string {
  return [
    comment(header),
    "import {",
    "  type ComposedClient,",
    "  composeProviderClient,",
    "  type EndpointMap,",
    "  type ProviderClientOptions,",
    ...(variables ? ["  withServerVariables,"] : []),
    '} from "@switchboard/core";',
    variables
      ? `import { provider, type ${title}ServerOptions, serverVariables } from "./provider.js";`
      : 'import { provider } from "./provider.js";',
    "",
    "export { provider };",
    "",
    `export type ${title}ClientOptions = ProviderClientOptions<typeof provider>${variables ? ` & ${title}ServerOptions` : ""};`,
    "",
    // Named for the same reason as each module's endpoint types: an app's declarations can name it.
    `/** What \`compose${title}Client\` returns: a method per operation given, and \`use\`/\`eject\` for middleware. */`,
    `export type ${title}ComposedClient<Ops extends EndpointMap> = ComposedClient<Ops, typeof provider>;`,
    "",
    "/**",
    ` * A ${title} client with only the operations given, imported one by one from their subpaths`,
    ` * (\`import { ${example?.name ?? "…"} } from "@switchboard/${definition.name}/${example?.module ?? "…"}"\`), so an app bundles and`,
    " * type-checks what it calls and nothing else.",
    " */",
    `export function compose${title}Client<const Ops extends EndpointMap>(`,
    "  operations: Ops,",
    `  options?: ${title}ClientOptions,`,
    `): ${title}ComposedClient<Ops> {`,
    `  return composeProviderClient(provider, operations, ${variables ? "withServerVariables(provider, serverVariables, options)" : "options"});`,
    "}",
    "",
  ].join("\n");
}

/**
 * provider.ts's server variables: the data core's `withServerVariables` reads, and the options they are, each
 * with its place in the URL, its default and its environment variable on hover.
 */
function renderServerVariables(
  title: string,
  variables: NonNullable<ReturnType<typeof serverVariables>>,
): string[] {
  const { docs, ...data } = variables;
  const typeOf = (v: ServerVariableDocs) =>
    v.values ? v.values.map((value) => JSON.stringify(value)).join(" | ") : "string";
  return [
    `/** The server URL's variables that are no region: each a client option, else its environment variable, else its default. */`,
    `export const serverVariables = ${JSON.stringify(data, null, 2)} as const satisfies ServerVariables;`,
    "",
    `/** The options that fill ${title}'s server URL (with \`region\`; \`baseUrl\` wins over them). */`,
    `export interface ${title}ServerOptions {`,
    ...docs.flatMap((v) => [
      "  /**",
      ...(v.description ? [`   * ${commentLine(v.description)}`, "   *"] : []),
      `   * Fills \`{${v.name}}\` in ${v.urls.map((url) => `\`${commentLine(url)}\``).join(", ")}. Default: \`${v.env}\`, else \`${commentLine(v.default)}\`.`,
      "   */",
      `  ${v.option}?: ${typeOf(v)} | undefined;`,
    ]),
    "}",
    "",
  ];
}

/** Text safe on one line of a doc comment. */
const commentLine = (text: string) => text.replace(/\*\//g, "*\\/").replace(/\s+/g, " ").trim();

function renderClient(
  header: string[],
  title: string,
  definition: ProviderDefinition,
  variables: boolean,
): string {
  const envs = Object.values(definition.credentials).map((c) => c.env);
  const regions = Object.keys(definition.servers);
  const webhooks = clientWebhookLines(title, definition);
  return [
    comment(header),
    `import { createProviderClient, type ProviderClient, type WholeClientOptions${variables ? ", withServerVariables" : ""} } from "@switchboard/core";`,
    ...webhooks.imports,
    'import { endpoints } from "./endpoints.js";',
    variables
      ? `import { provider, type ${title}ServerOptions, serverVariables } from "./provider.js";`
      : 'import { provider } from "./provider.js";',
    'import type { paths } from "./schema.js";',
    "",
    'export type * from "./endpoints.js";',
    'export type { components, operations, paths } from "./schema.js";',
    `export { compose${title}Client } from "./compose.js";`,
    "export { endpoints, provider };",
    "",
    // The whole client's options: openapi-fetch's too (`requestInitExt` for an undici dispatcher, header
    // arrays, serializers), which its raw methods use; a composed client's are compose.ts's.
    `export type ${title}ClientOptions = WholeClientOptions<typeof provider>${variables ? ` & ${title}ServerOptions` : ""}${webhooks.options};`,
    `export type ${title}Client = ProviderClient<paths, typeof endpoints, typeof provider>${webhooks.client};`,
    "",
    "/**",
    ` * A typed ${title} client: one method per operation, plus openapi-fetch's raw \`GET\`, \`POST\`, ….`,
    envs.length ? ` * Credentials default to ${envs.join(" and ")}.` : " * The API needs no credentials.",
    regions.length > 1 ? ` * Regions: ${regions.join(", ")} (default ${definition.defaultServer}).` : null,
    " */",
    `export function create${title}Client(options?: ${title}ClientOptions): ${title}Client {`,
    `  return ${webhooks.wrap(`createProviderClient<paths, typeof endpoints, typeof provider>(provider, endpoints, ${variables ? "withServerVariables(provider, serverVariables, options)" : "options"})`)};`,
    "}",
    "",
  ]
    .filter((line) => line !== null)
    .join("\n");
}
