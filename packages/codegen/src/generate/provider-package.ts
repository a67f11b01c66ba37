/**
 * The files of `packages/<provider>/` besides `src/generated/`, which the generator owns as much as the
 * generated sources: written on every `npm run generate` (and drift-checked by CI like the rest), so a change
 * to this template reaches every provider, not only the next new one.
 *
 * - `package.json`: the fields below are the template's and are rewritten; `version` and `description`
 *   (written once), the ranges of dependencies it already has (`changeset version` moves them) and any field
 *   or script it does not name are kept; a field it sets to `undefined` (one an earlier template wrote) is
 *   removed. Keys come in the template's order, then the others in theirs.
 * - `src/index.ts`: the package entry, generated whole; it re-exports `src/lib/index.ts` when that exists.
 * - `README.md`: the block between the `generated:usage` markers (provider-readme.ts); the prose around it is
 *   written once and kept.
 * - `tsconfig.json`, `tsconfig.build.json` (what `npm run build` compiles), `turbo.json`, `biome.json`,
 *   `LICENSE` (license.ts): generated whole.
 *
 * Hand-written code goes in `src/lib/` (exported from `src/lib/index.ts`), which the generator never
 * touches, as in Stainless-generated SDKs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { ProviderDefinition } from "@switchboard/core";
import type { FileTransaction } from "../file-transaction.js";
import { RepoLayout, SCOPE } from "../repo-layout.js";
import { BUILD_CONFIG } from "./build-package.js";
import { LICENSE_TEXT } from "./license.js";
import { type ReadmeExample, renderReadme } from "./provider-readme.js";
import type { ServerVariableDocs } from "./server-variables.js";

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * ESM only, with one `.d.ts` per module. The package needs Node 20.19 or later (`engines`), where
 * `require()` loads ES modules, so CommonJS callers still `require("@switchboard/telnyx")`; TypeScript
 * 5.8+ types that under `module: nodenext`. A CommonJS build would double the package for nothing: the
 * complete Telnyx API's types are 10 MB, and dual builds emitted them twice (`.d.ts` and `.d.cts`), bundled
 * into each entry on top. Measured on Telnyx: 30.4 MB unpacked dual, ESM only about half
 * (`npm run bench:scale` prints the figures against the official SDK's).
 */
const entry = (path: string) => ({ types: `./dist/${path}.d.ts`, default: `./dist/${path}.js` });

/**
 * The root client, `./compose` (a client of chosen operations) and one subpath per module of
 * operations (`@switchboard/telnyx/call-commands`): importing a module loads its operations' types and
 * rows only, so consumers of a 1,000-operation API type-check and bundle what they use.
 */
export const PROVIDER_EXPORTS = {
  ".": entry("index"),
  "./compose": entry("generated/compose"),
  "./openapi.json": "./dist/openapi.json",
  "./package.json": "./package.json",
  "./*": entry("generated/modules/*"),
};

/** `switchboard-codegen build-package` (build-package.ts): tsc per file, and the spec without whitespace. */
export const PROVIDER_BUILD = "switchboard-codegen build-package";

/**
 * A provider whose spec declares webhooks also exports `./webhooks` (its events' types and verifier:
 * webhooks-module.ts), an entry of its own so an app that only receives webhooks bundles nothing else.
 */
const withWebhooks = (exports: Record<string, unknown>, build: string) => ({
  exports: { ...exports, "./webhooks": entry("generated/webhooks") },
  // build-package compiles every file of src/, src/generated/webhooks.ts included.
  build,
});

/** The files of a provider package the generator writes besides `src/generated/`. */
export const PROVIDER_FILES = [
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "turbo.json",
  "biome.json",
  "src/index.ts",
  "README.md",
  "LICENSE",
];

/** package.json fields written only when missing: after that they are the maintainers' (or changesets'). */
const WRITTEN_ONCE = new Set(["version", "description"]);
/** package.json maps merged entry by entry: the template's entries are added, the others kept. */
const MERGED = new Set(["scripts", "dependencies", "devDependencies"]);
/** Dependency maps keep an entry's existing range (`changeset version` moves it) and stay sorted, as npm keeps them. */
const DEPENDENCY_MAPS = new Set(["dependencies", "devDependencies"]);

/** Whether a provider's package lacks a file the generator writes, i.e. whether it is new. */
export function needsScaffold(root: string, provider: string): boolean {
  const dir = new RepoLayout(root).packageDir(provider);
  return PROVIDER_FILES.some((file) => !existsSync(join(dir, file)));
}

/** Stages every file of the provider's package the generator owns (see the top of this file). */
export function writeProviderPackage(
  tx: FileTransaction,
  root: string,
  definition: ProviderDefinition,
  example: ReadmeExample | undefined,
  serverOptions: readonly ServerVariableDocs[] = [],
): void {
  const { name, title } = definition;
  const layout = new RepoLayout(root);
  const dir = layout.packageDir(name);
  const manifestPath = layout.manifest(name);
  const manifest = tx.read(manifestPath);
  tx.write(
    manifestPath,
    json(
      mergeManifest(
        manifest === undefined ? {} : JSON.parse(manifest),
        manifestTemplate(root, name, title, definition.webhooks !== undefined),
      ),
    ),
  );
  tx.write(
    join(dir, "tsconfig.json"),
    json({ extends: "../../tsconfig.base.json", compilerOptions: { noEmit: true }, include: ["src"] }),
  );
  tx.write(
    join(dir, BUILD_CONFIG),
    json({ extends: "./tsconfig.json", compilerOptions: { noEmit: false, rootDir: "src", outDir: "dist" } }),
  );
  tx.write(join(dir, "turbo.json"), json(turboConfig(name)));
  tx.write(join(dir, "biome.json"), json({ root: false, extends: "//" }));
  tx.write(layout.sourceIndex(name), indexSource(name, existsSync(layout.libIndex(name))));
  const readmePath = join(dir, "README.md");
  tx.write(
    readmePath,
    renderReadme(tx.read(readmePath), relative(root, readmePath), definition, example, serverOptions),
  );
  tx.write(join(dir, "LICENSE"), LICENSE_TEXT);
}

function manifestTemplate(
  root: string,
  name: string,
  title: string,
  webhooks: boolean,
): Record<string, unknown> {
  const { exports, build } = webhooks
    ? withWebhooks(PROVIDER_EXPORTS, PROVIDER_BUILD)
    : // `./webhooks` is no module of a provider without webhooks (the name is reserved: operation-table.ts):
      // `null` keeps `./*` from mapping it to a file that is not there, so an import says the subpath is not
      // exported rather than naming a missing dist/generated/modules/webhooks.js.
      { exports: { ...PROVIDER_EXPORTS, "./webhooks": null }, build: PROVIDER_BUILD };
  return {
    name: `${SCOPE}/${name}`,
    version: "0.0.0",
    description: `Typed client for the ${title} API, generated from ${title}'s OpenAPI documents.`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    engines: { node: ">=20.19.0" },
    // Written by earlier templates (the CommonJS entry); `undefined` removes them.
    main: undefined,
    module: undefined,
    types: "./dist/index.d.ts",
    exports,
    files: ["dist", "CHANGELOG.md"],
    scripts: {
      generate: `switchboard-codegen generate ${name}`,
      snapshot: `switchboard-codegen snapshot ${name}`,
      build,
      typecheck: "tsc --noEmit",
    },
    dependencies: { [`${SCOPE}/core`]: `^${versionOf(root, "core")}` },
    devDependencies: { [`${SCOPE}/codegen`]: "0.0.0" },
    publishConfig: { access: "public" },
  };
}

/** The template's fields over `existing`, by the rules at the top of this file; deterministic key order. */
export function mergeManifest(
  existing: Record<string, unknown>,
  template: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    const current = existing[key];
    if (value === undefined) continue;
    if (WRITTEN_ONCE.has(key) && current !== undefined) merged[key] = current;
    else if (MERGED.has(key) && isObject(current) && isObject(value)) {
      merged[key] = mergeMap(current, value, DEPENDENCY_MAPS.has(key));
    } else merged[key] = value;
  }
  for (const [key, value] of Object.entries(existing))
    if (!(key in merged || key in template)) merged[key] = value;
  return merged;
}

function mergeMap(
  existing: Record<string, unknown>,
  template: Record<string, unknown>,
  dependencies: boolean,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template))
    merged[key] = dependencies ? (existing[key] ?? value) : value;
  for (const [key, value] of Object.entries(existing)) if (!(key in merged)) merged[key] = value;
  if (!dependencies) return merged;
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function turboConfig(name: string): Record<string, unknown> {
  return {
    $schema: "https://turborepo.com/schema.json",
    extends: ["//"],
    tasks: {
      // The generator's code and tool versions come in through the root task's dependency on
      // @switchboard/codegen#generator, so a spec change regenerates only this provider. Besides the spec,
      // the task reads whether src/lib/index.ts exists (the index re-exports it) and the README (it keeps
      // the prose around the generated block); package.json is always an input of a turbo task.
      generate: {
        inputs: [`$TURBO_ROOT$/specs/${name}/**`, "src/lib/index.ts", "README.md"],
        outputs: [
          "src/generated/**",
          "src/index.ts",
          "README.md",
          "package.json",
          "tsconfig.json",
          "tsconfig.build.json",
          "biome.json",
        ],
      },
    },
  };
}

/**
 * What users of a provider package name from the runtime, re-exported by its entry: the error classes and
 * kinds, the result, options and hook types. Under pnpm's strict layout `@switchboard/core` itself is not
 * importable from an app that depends only on the provider package.
 */
const CORE_REEXPORTS = [
  "export {",
  "  type AttemptInfo,",
  "  type CallOptions,",
  "  type ClientOptions,",
  "  ConfigurationError,",
  "  type ErrorKind,",
  "  type Logger,",
  "  type LogLevel,",
  "  type Middleware,",
  "  type OperationInput,",
  "  type OperationResult,",
  "  type Page,",
  "  type ParseAs,",
  "  type RawClientOptions,",
  "  type Readable,",
  "  type Result,",
  "  SwitchboardError,",
  "  type Writable,",
  '} from "@switchboard/core";',
];

function indexSource(name: string, hasLib: boolean): string {
  return [
    "// Generated by @switchboard/codegen from its provider package template. Do not edit: run `npm run generate`.",
    `// The public surface of ${SCOPE}/${name}: the generated client${hasLib ? " and the hand-written additions of ./lib" : ""}.`,
    "// Hand-written code belongs in ./lib (exported from ./lib/index.ts, which this file then re-exports);",
    "// the generator never touches ./lib.",
    'import { spec } from "./generated/provider.js";',
    "",
    ...CORE_REEXPORTS,
    'export * from "./generated/client.js";',
    ...(hasLib ? ['export * from "./lib/index.js";'] : []),
    "",
    "/** The spec this package was generated from: the bundled spec's sha256, the provider's version, the vendoring date. */",
    "export const specInfo = spec;",
    "",
  ].join("\n");
}

/** A package's version, `0.0.0` before it exists. */
export function versionOf(root: string, pkg: string): string {
  const path = new RepoLayout(root).manifest(pkg);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")).version : "0.0.0";
}
