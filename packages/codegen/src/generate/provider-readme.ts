/**
 * A provider package's README. Its usage and options (credentials and their environment variables, regions,
 * an example call) follow from the spec, so they sit in a block between markers that every generate
 * rewrites; everything around the block is written once from the template and then belongs to whoever edits
 * it, so hand-written prose survives regeneration.
 */
import type { ProviderDefinition } from "@switchboard/core";
import { InputError } from "../errors.js";
import { camelCase } from "../naming.js";
import { SCOPE } from "../repo-layout.js";
import type { OperationEntry } from "./operation-table.js";
import type { ServerVariableDocs } from "./server-variables.js";

/** The README's generated block: `<!-- generated:usage … -->` up to `<!-- /generated -->`. */
export const README_BLOCK = "usage";
const OPENING = new RegExp(`<!-- generated:${README_BLOCK}\\b[\\s\\S]*?-->\\n?`);
const CLOSING = "<!-- /generated -->";

/**
 * The call the README shows: the first operation that is sent with credentials and takes no body (a call
 * worth showing, that fits on a line), else the first; with the path parameters it needs. Undefined for a
 * provider whose documents hold webhooks alone: its README shows receiving them instead.
 */
export interface ReadmeExample {
  name: string;
  input: string;
}

export function readmeExample(
  operations: ReadonlyArray<Pick<OperationEntry, "name" | "inputs" | "meta" | "plainCall" | "pathExamples">>,
  definition: Pick<ProviderDefinition, "pathCredentials">,
): ReadmeExample | undefined {
  // One that sends the client's own credentials, as most calls do, and takes only path parameters with a
  // value to show (`"…"`, an enum's first value), so that the example type-checks, without being deprecated.
  const operation =
    operations.find((o) => o.meta.auth === undefined && !o.meta.body && o.plainCall) ??
    operations.find((o) => o.meta.auth === undefined && !o.meta.body) ??
    operations[0];
  if (!operation) return undefined;
  const keys = operation.inputs.path.filter((k) => !definition.pathCredentials[k]);
  const input = keys.length
    ? `{ ${keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${operation.pathExamples?.[k] ?? '"…"'}`).join(", ")} }`
    : "";
  return { name: operation.name, input };
}

/**
 * The README as it should be: `existing` with its generated block rewritten, or the whole template when
 * there is no README yet. A README that has lost its markers is an error rather than a guess at where the
 * block went.
 */
export function renderReadme(
  existing: string | undefined,
  file: string,
  definition: ProviderDefinition,
  example: ReadmeExample | undefined,
  serverOptions: readonly ServerVariableDocs[] = [],
): string {
  const block = example ? usageBlock(definition, example, serverOptions) : webhooksOnlyBlock(definition);
  if (existing === undefined) return template(definition, block);
  const opening = OPENING.exec(existing);
  const closing = opening ? existing.indexOf(CLOSING, opening.index + opening[0].length) : -1;
  if (!opening || closing < 0) {
    throw new InputError(
      file,
      `has no generated block (${opening ? `no ${CLOSING} after` : "no"} <!-- generated:${README_BLOCK} --> marker): ` +
        "put the two markers back around the usage and options sections, or delete the README to have it written anew",
    );
  }
  const start = opening.index + opening[0].length;
  return `${existing.slice(0, start)}${block}${existing.slice(closing)}`;
}

function template(definition: ProviderDefinition, block: string): string {
  const { name, title } = definition;
  return `<!--
  Written once from the template of @switchboard/codegen; edit it freely, except between the
  generated:${README_BLOCK} markers, which \`npm run generate\` rewrites from the spec. Hand-written code goes in
  src/lib/ (exported from src/lib/index.ts), which the generator never touches.
-->
# ${SCOPE}/${name}

A typed client for the ${title} API, generated from ${title}'s own OpenAPI documents (\`specs/${name}/\` in the
Switchboard repository) with [openapi-typescript](https://openapi-ts.dev) and built on
[openapi-fetch](https://openapi-ts.dev/openapi-fetch/).

\`\`\`sh
npm install ${SCOPE}/${name}
\`\`\`

<!-- generated:${README_BLOCK}: \`npm run generate\` rewrites everything up to /generated -->
${block}${CLOSING}

## Which API version you have

\`specInfo\` says which spec this package was generated from: the sha256 of the bundled spec, the version the
provider gave it, and the date it was vendored. The CHANGELOG lists what each release changed in the API.

\`\`\`ts
import { specInfo } from "${SCOPE}/${name}";
console.log(specInfo); // { sha256: "…", version: "…", vendoredAt: "YYYY-MM-DD" }
\`\`\`

## Mocks

\`${SCOPE}/mock\` mocks this API in process, from the same spec this client was generated from
(\`${SCOPE}/${name}/openapi.json\`): \`createMock(${camelCase(name)})\`, given this package's module
(\`import * as ${camelCase(name)}\`), or \`useMock(${camelCase(name)})\` in vitest, gives a \`fetch\` to pass to
\`create${title}Client\`; scenarios script the failures your code must survive (any status, sequences, delays,
dropped connections, timeouts), and every request is recorded and checked against the spec. Prism mock
servers of the same spec are there for contract tests.
`;
}

/** Usage and options: everything in the README that follows from the spec. */
function usageBlock(
  definition: ProviderDefinition,
  example: ReadmeExample,
  serverOptions: readonly ServerVariableDocs[],
): string {
  const { name, title } = definition;
  const credentials = Object.entries(definition.credentials);
  const regions = Object.keys(definition.servers);
  return `## Usage

\`\`\`ts
import { create${title}Client } from "${SCOPE}/${name}";

const ${camelCase(name)} = create${title}Client(); // ${credentials.length ? `reads ${credentials.map(([, c]) => c.env).join(" and ")}` : "no credentials needed"}

const { data, error } = await ${camelCase(name)}.${example.name}(${example.input});
if (error) {
  console.error(error.kind, error.status, error.message); // a SwitchboardError
} else {
  console.log(data);
}
\`\`\`

Every operation is a method named after its operationId. \`error\` is set on every failure, so one check
narrows \`data\`. The raw typed openapi-fetch methods are there too: \`${camelCase(name)}.GET("/path", { params })\`.

## Options

| option | meaning |
| --- | --- |
${credentials.map(([key, c]) => `| \`${key}\` | defaults to \`${c.env}\`${fills(definition, key)}${c.optional ? "; optional: only the operations whose security asks for it send it" : ""} |\n`).join("")}| \`region\` | ${regions.map((r) => `\`${r}\``).join(", ")} (default \`${definition.defaultServer}\`) |
${serverOptions.map((v) => `| \`${v.option}\` | \`{${v.name}}\` in the server URL${v.values ? ` (${v.values.map((value) => `\`${value}\``).join(", ")})` : ""}; defaults to \`${v.env}\`, else \`${v.default}\` |\n`).join("")}| \`baseUrl\` | any other base URL (a proxy, a mock server) |
| \`fetch\`, \`headers\`, \`middleware\` | a custom fetch, headers on every request, openapi-fetch middleware |
${webhooksSection(definition)}`;
}

/**
 * Receiving the webhooks of a provider that has operations too: the client's verifier, made from the same
 * options, where the spec says how deliveries are signed; the event types where it does not.
 */
function webhooksSection(definition: ProviderDefinition): string {
  const { name, title } = definition;
  const scheme = definition.webhooks?.signature;
  if (!definition.webhooks) return "";
  const types = `The \`./webhooks\` module has a type per event ${title} sends, and \`${title}WebhookEvent\` is their union.`;
  if (!scheme)
    return `
## Webhooks

${types} The spec does not say how deliveries are signed, so there is no verifier; an overlay can declare the
scheme (\`x-switchboard-webhooks: { signature: … }\`, see the Switchboard README).
`;
  return `
## Webhooks

${types}

<!-- ts-prelude: declare const request: Request; -->
\`\`\`ts
import { create${title}Client } from "${SCOPE}/${name}";

// At startup: the verifier reads ${scheme.keyEnv} (or \`create${title}Client({ webhooks: { key } })\`), and a missing
// key throws a ConfigurationError here rather than in your endpoint.
const webhooks = create${title}Client().webhooks;

// In your webhook endpoint, with the request as it arrived (the body unread):
const { event, error } = await webhooks.unwrapRequest(request);
if (error) {
  console.error(error.reason); // the signature, the timestamp or the body was refused: answer 400
} else {
  console.log(event); // a ${title}WebhookEvent
}
\`\`\`

${verifies(scheme)}; \`unwrap(rawBody, headers)\` and \`unwrapNode(req)\` take the body in other forms, and
\`create${title}WebhookVerifier\` (from \`${SCOPE}/${name}/webhooks\`) makes a verifier without a client.
`;
}

/** What verifying a delivery checks, in a sentence. */
const verifies = (scheme: NonNullable<NonNullable<ProviderDefinition["webhooks"]>["signature"]>) =>
  scheme.algorithm === "token"
    ? `Verifying checks that \`${scheme.headers.signature}\` holds the webhook secret itself (a token: it signs neither the body
nor a time)`
    : `Verifying checks ${scheme.algorithm} signatures of \`${scheme.content}\` in \`${scheme.headers.signature}\` over the exact bytes
received`;

/**
 * Usage for a provider whose documents describe only the webhooks it sends (Adyen publishes its notifications
 * apart from its APIs): receiving them, since there is nothing to call.
 */
function webhooksOnlyBlock(definition: ProviderDefinition): string {
  const { name, title } = definition;
  const scheme = definition.webhooks?.signature;
  const intro = `${title}'s documents here describe the webhooks ${title} sends, and no operation to call: the \`./webhooks\` module
has a type per event, and \`${title}WebhookEvent\` is their union.`;
  if (!scheme) {
    return `## Usage

${intro} The spec does not say how deliveries are signed, so there is no verifier; an overlay can declare
the scheme (\`x-switchboard-webhooks: { signature: … }\`, see the Switchboard README).

\`\`\`ts
import type { ${title}WebhookEvent } from "${SCOPE}/${name}/webhooks";
\`\`\`
`;
  }
  return `## Usage

${intro}

\`\`\`ts
import { create${title}WebhookVerifier } from "${SCOPE}/${name}/webhooks";

const webhooks = create${title}WebhookVerifier(); // reads ${scheme.keyEnv}, or pass { key }

// In your webhook endpoint, with the request as it arrived (the body unread):
const { event, error } = await webhooks.unwrapRequest(request);
if (error) {
  console.error(error.reason); // the signature, the timestamp or the body was refused
} else {
  console.log(event); // a ${title}WebhookEvent
}
\`\`\`

${verifies(scheme)}; \`unwrap(rawBody, headers)\` and \`unwrapNode(req)\` take the body in other forms.
`;
}

/** Which path parameters a credential fills, for its row in the options table. */
function fills(definition: ProviderDefinition, credential: string): string {
  const params = Object.entries(definition.pathCredentials)
    .filter(([, c]) => c === credential)
    .map(([param]) => `\`${param}\``);
  return params.length
    ? `; also fills the ${params.join(" and ")} path parameter${params.length > 1 ? "s" : ""}`
    : "";
}
