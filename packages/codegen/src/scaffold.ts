/**
 * Keeps the workspace in the shape `specs/` says: a package per provider (created from one template the
 * first time its spec appears, never overwritten afterwards, so hand edits survive) and the facade's
 * provider registry and dependencies (rewritten every time, since they are derived data).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FileTransaction } from "./fs-atomic.js";
import { camelCase, pascalCase } from "./naming.js";
import type { ProviderDefinition } from "./surface.js";

const camel = (provider: string) => `${camelCase(provider)}Provider`;

const SCOPE = "@switchboard";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const entry = (path: string) => ({
  import: { types: `./dist/${path}.d.ts`, default: `./dist/${path}.js` },
  require: { types: `./dist/${path}.d.cts`, default: `./dist/${path}.cjs` },
});

/**
 * The root client, `./compose` (a client of chosen operations) and one subpath per module of
 * operations (`@switchboard/telnyx/call-commands`): importing a module loads its operations' types and
 * rows only, so consumers of a 1,000-operation API type-check and bundle what they use.
 */
export const PROVIDER_EXPORTS = {
  ".": entry("index"),
  "./compose": entry("generated/compose"),
  "./openapi.json": "./src/generated/openapi.json",
  "./package.json": "./package.json",
  "./*": entry("generated/modules/*"),
};

/** No code splitting: a chunk shared by the entries would be one more module to load at start-up. */
export const PROVIDER_BUILD =
  "tsup src/index.ts src/generated/compose.ts 'src/generated/modules/*.ts' --format esm,cjs --dts --no-splitting --clean --silent";

/** The files `scaffoldProvider` creates when they are missing (and never rewrites). */
export const SCAFFOLD_FILES = [
  "package.json",
  "tsconfig.json",
  "turbo.json",
  "biome.json",
  "src/index.ts",
  "README.md",
];

/** Whether a provider's package lacks any scaffolded file, i.e. whether scaffolding it would write anything. */
export function needsScaffold(root: string, provider: string): boolean {
  return SCAFFOLD_FILES.some((file) => !existsSync(join(root, "packages", provider, file)));
}

export function scaffoldProvider(
  tx: FileTransaction,
  root: string,
  definition: ProviderDefinition,
  example: { name: string; input: string },
): void {
  const { name, title } = definition;
  const dir = join(root, "packages", name);
  const create = (file: string, content: string) => {
    if (!existsSync(join(dir, file))) tx.write(join(dir, file), content);
  };
  const coreVersion = versionOf(root, "core");
  create(
    "package.json",
    json({
      name: `${SCOPE}/${name}`,
      version: "0.0.0",
      description: `Typed client for the ${title} API, generated from ${title}'s OpenAPI documents.`,
      license: "MIT",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20.19.0" },
      main: "./dist/index.cjs",
      module: "./dist/index.js",
      types: "./dist/index.d.ts",
      exports: PROVIDER_EXPORTS,
      files: ["dist", "src/generated/openapi.json", "CHANGELOG.md"],
      scripts: {
        generate: `switchboard-codegen generate ${name}`,
        snapshot: `switchboard-codegen snapshot ${name}`,
        build: PROVIDER_BUILD,
        typecheck: "tsc --noEmit",
      },
      dependencies: { [`${SCOPE}/core`]: `^${coreVersion}` },
      devDependencies: { [`${SCOPE}/codegen`]: "0.0.0" },
      publishConfig: { access: "public" },
    }),
  );
  create(
    "tsconfig.json",
    json({ extends: "../../tsconfig.base.json", compilerOptions: { noEmit: true }, include: ["src"] }),
  );
  create(
    "turbo.json",
    json({
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        // The generator's code and tool versions come in through the root task's dependency on
        // @switchboard/codegen#generator, so a spec change regenerates only this provider.
        generate: {
          inputs: [`$TURBO_ROOT$/specs/${name}/**`],
          outputs: ["src/generated/**"],
        },
      },
    }),
  );
  create("biome.json", json({ root: false, extends: "//" }));
  create(
    "src/index.ts",
    [
      `// The public surface of ${SCOPE}/${name}. Everything under ./generated is written by \`npm run generate\`;`,
      "// hand-written additions belong in ./lib and are exported from here.",
      'import { provider } from "./generated/provider.js";',
      "",
      'export * from "./generated/client.js";',
      "",
      "/** The spec this package was generated from: the bundled spec's sha256, the provider's version, the vendoring date. */",
      "export const specInfo = provider.spec;",
      "",
    ].join("\n"),
  );
  create("README.md", providerReadme(definition, example));
}

function providerReadme(definition: ProviderDefinition, example: { name: string; input: string }): string {
  const { name, title } = definition;
  const credentials = Object.entries(definition.credentials);
  const regions = Object.keys(definition.servers);
  return `# ${SCOPE}/${name}

A typed client for the ${title} API, generated from ${title}'s own OpenAPI documents (\`specs/${name}/\` in the
Switchboard repository) with [openapi-typescript](https://openapi-ts.dev) and built on
[openapi-fetch](https://openapi-ts.dev/openapi-fetch/).

\`\`\`sh
npm install ${SCOPE}/${name}
\`\`\`

## Usage

\`\`\`ts
import { create${title}Client } from "${SCOPE}/${name}";

const ${name} = create${title}Client(); // ${credentials.length ? `reads ${credentials.map(([, c]) => c.env).join(" and ")}` : "no credentials needed"}

const { data, error } = await ${name}.${example.name}(${example.input});
if (error) {
  console.error(error.kind, error.status, error.message); // a SwitchboardError
} else {
  console.log(data);
}
\`\`\`

Every operation is a method named after its operationId. \`error\` is set on every failure, so one check
narrows \`data\`. The raw typed openapi-fetch methods are there too: \`${name}.GET("/path", { params })\`.

## Options

| option | meaning |
| --- | --- |
${credentials.map(([key, c]) => `| \`${key}\` | defaults to \`${c.env}\`${fills(definition, key)} |`).join("\n")}
| \`region\` | ${regions.map((r) => `\`${r}\``).join(", ")} (default \`${definition.defaultServer}\`) |
| \`baseUrl\` | any other base URL (a proxy, a mock server) |
| \`fetch\`, \`headers\`, \`middleware\` | a custom fetch, headers on every request, openapi-fetch middleware |

## Which API version you have

\`specInfo\` says which spec this package was generated from: the sha256 of the bundled spec, the version the
provider gave it, and the date it was vendored. The CHANGELOG lists what each release changed in the API.

\`\`\`ts
import { specInfo } from "${SCOPE}/${name}";
console.log(specInfo); // { sha256: "…", version: "…", vendoredAt: "YYYY-MM-DD" }
\`\`\`

## Mocks

\`${SCOPE}/mock\` starts a Prism mock server from the same spec this client was generated from
(\`${SCOPE}/${name}/openapi.json\`).
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

function versionOf(root: string, pkg: string): string {
  const path = join(root, "packages", pkg, "package.json");
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")).version : "0.0.0";
}

/** The facade's registry of providers and its dependencies on their packages. */
export function scaffoldFacade(tx: FileTransaction, root: string, providers: string[]): void {
  const dir = join(root, "packages", "sdk");
  const manifestPath = join(dir, "package.json");
  if (!existsSync(manifestPath)) return;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const dependencies: Record<string, string> = { ...manifest.dependencies };
  for (const key of Object.keys(dependencies)) {
    if (key.startsWith(`${SCOPE}/`) && key !== `${SCOPE}/core`) delete dependencies[key];
  }
  for (const provider of providers) dependencies[`${SCOPE}/${provider}`] = `^${versionOf(root, provider)}`;
  manifest.dependencies = Object.fromEntries(
    Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)),
  );
  tx.write(manifestPath, json(manifest));

  const lines = [
    "// Generated by @switchboard/codegen from the provider folders in specs/.",
    "// Do not edit: add a provider with `npm run vendor -- <page> --provider <name>`, then `npm run generate`.",
    ...providers.map((p) => {
      const t = pascalCase(p);
      return `import { type ${t}Client, type ${t}ClientOptions, create${t}Client, provider as ${camel(p)} } from "${SCOPE}/${p}";`;
    }),
    "",
    "/** Each provider's client factory, by provider name. */",
    "export const providerFactories = {",
    ...providers.map((p) => `  ${p}: create${pascalCase(p)}Client,`),
    "} as const;",
    "",
    "/** Each provider's definition: servers, regions, credentials and their environment variables. */",
    "export const providerDefinitions = {",
    ...providers.map((p) => `  ${p}: ${camel(p)},`),
    "} as const;",
    "",
    "/** Each provider's client type; kept apart so no provider's path types are merged with another's. */",
    "export interface ProviderClients {",
    ...providers.map((p) => `  ${p}: ${pascalCase(p)}Client;`),
    "}",
    "",
    "export interface ProviderOptions {",
    ...providers.map((p) => `  ${p}: ${pascalCase(p)}ClientOptions;`),
    "}",
    "",
  ];
  tx.write(join(dir, "src", "generated", "providers.ts"), lines.join("\n"));
}
