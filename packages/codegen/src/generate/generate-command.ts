/**
 * `switchboard-codegen generate [<provider>...]`: bundle each provider's specs with their overlays and write
 * its package: the generated sources and the package files the generator owns. `scaffold` creates the
 * packages of providers that have specs but no package yet and refreshes the facade's registry; the root
 * `npm run generate` runs it, then this task per package in turbo. `facade` is the facade's turbo task.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { FileTransaction } from "../file-transaction.js";
import { firstReleaseChangeset } from "../release/sync.js";
import { FOLDER_NAME, FOLDER_NAME_RULE, MODULES_DIR, RepoLayout, repoRoot } from "../repo-layout.js";
import { type Bundle, bundleProvider } from "../spec/bundle.js";
import {
  type ProviderSettings,
  parseProviderSettings,
  readProviderSettings,
} from "../spec/provider-settings.js";
import { requireSettings, settingsForNewProvider } from "../spec/settings-suggestions.js";
import { parseYamlFile } from "../spec/yaml-file.js";
import { writeFacade } from "./facade-registry.js";
import { renderProvider } from "./generated-files.js";
import { linkNewPackages } from "./link-new-packages.js";
import { operationTable, type SkippedOperation } from "./operation-table.js";
import { providerDefinition, serverProblems } from "./provider-definition.js";
import { needsScaffold, versionOf, writeProviderPackage } from "./provider-package.js";
import { readmeExample } from "./provider-readme.js";
import { serverVariables } from "./server-variables.js";

/** A provider's bundled spec and its settings (an error showing the file to write when it has none). */
export async function loadProvider(
  specRoot: string,
  provider: string,
): Promise<{ bundle: Bundle; settings: ProviderSettings }> {
  const bundle = await bundleProvider(specRoot, provider, {
    alsoReport: (document, locate) => serverProblems(document, provider, locate),
  });
  const file = new RepoLayout(specRoot).relative(new RepoLayout(specRoot).providerSettings(provider));
  const settings = requireSettings(readProviderSettings(specRoot, provider), bundle.document, provider, file);
  return { bundle, settings };
}

/** `specRoot` is where the specs are read from: a sync bundles its staged specs from a scratch copy. */
export async function generateProvider(
  root: string,
  provider: string,
  tx: FileTransaction,
  specRoot: string = root,
): Promise<{ operations: number; skipped: SkippedOperation[] }> {
  const { bundle, settings } = await loadProvider(specRoot, provider);
  const { files, operations, skipped, definition } = await renderProvider(
    bundle,
    settings,
    versionOf(root, provider),
  );
  const dir = new RepoLayout(root).generatedDir(provider);
  for (const [name, content] of Object.entries(files)) tx.write(join(dir, name), content);
  // A module whose tag is gone from the spec must not linger as a stale subpath, nor a generated file the
  // spec no longer gives (webhooks.ts once its webhooks are gone), which the build would still ship. The folder
  // is the generator's alone (hand-written code lives in src/lib).
  const modulesDir = join(dir, MODULES_DIR);
  if (existsSync(modulesDir)) {
    for (const name of readdirSync(modulesDir))
      if (!files[`${MODULES_DIR}/${name}`]) tx.remove(join(modulesDir, name));
  }
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isFile() && files[entry.name] === undefined) tx.remove(join(dir, entry.name));
  }
  writeProviderPackage(
    tx,
    root,
    definition,
    readmeExample(operations, definition),
    serverVariables(bundle.document, definition)?.docs,
  );
  return { operations: operations.length, skipped };
}

/**
 * `12 operations`, and how many the spec declares that the client leaves out: each is listed with its reason
 * in the package's `endpoints.ts`, but one nobody hears of is one a user goes looking for.
 */
export function operationCount(operations: number, skipped: readonly SkippedOperation[]): string {
  if (!skipped.length) return `${operations} operations`;
  const named = skipped.slice(0, 3).map((s) => `${s.method} ${s.path}`);
  if (skipped.length > named.length) named.push(`${skipped.length - named.length} more`);
  return `${operations} operations (${skipped.length} left out: ${named.join(", ")}; endpoints.ts says why)`;
}

/** Creates packages for providers that have specs but no package, and refreshes the facade's registry. */
/**
 * Scaffolds the providers named (every provider without names): `npm run generate -- acme` is about acme, so
 * another provider whose spec stops (one vendored and not yet fixed) is neither bundled, nor reported, nor
 * fails the run. The facade's registry is always written from every provider that has a package.
 */
export async function runScaffoldCli(names: readonly string[] = []): Promise<void> {
  const root = repoRoot();
  const layout = new RepoLayout(root);
  const tx = new FileTransaction();
  const named = (provider: string) => names.length === 0 || names.includes(provider);
  // A spec folder named as one of the repository's own packages (`specs/core/`) is no provider: its package
  // would be written over that one, and the facade would register a client the package does not export.
  const own = layout.providers().filter((p) => layout.isOwnPackage(p) && named(p));
  for (const provider of own)
    console.error(
      `error: specs/${provider}/ was not scaffolded: packages/${provider} is the repository's own package, not a provider's; rename the folder (and vendor with --provider <another name>)`,
    );
  const providers = layout.providers().filter((p) => !own.includes(p));
  const created = providers.filter((p) => !existsSync(layout.manifest(p)));
  // Bundling a provider costs seconds at full size: only providers with a missing package file are bundled
  // here, so that turbo finds their package; turbo's generate task then writes every provider's files. Each
  // is scaffolded on its own: a provider whose spec has problems is reported and left out, never blocking
  // the others (nor the facade, which registers only providers that have a package).
  const failed: string[] = [];
  for (const provider of providers.filter((p) => named(p) && needsScaffold(root, p))) {
    try {
      const settingsPath = layout.providerSettings(provider);
      const bundle = await bundleProvider(root, provider);
      const existing = readProviderSettings(root, provider);
      // A provider copied in by hand rather than vendored gets its settings file here, as `vendor` writes it.
      const added = existing
        ? undefined
        : settingsForNewProvider(bundle.document, provider, layout.relative(settingsPath));
      const settings = existing ?? parseProviderSettings(parseYamlFile(settingsPath, root, added!.text));
      const label = `specs/${provider}`;
      const definition = providerDefinition(bundle.document, provider, label, settings, bundle.locate);
      const operations = operationTable(bundle.document, label, settings);
      const staged = new FileTransaction();
      if (added) staged.write(settingsPath, added.text);
      writeProviderPackage(
        staged,
        root,
        definition,
        readmeExample(operations, definition),
        serverVariables(bundle.document, definition)?.docs,
      );
      for (const [path, content] of staged.staged()) if (content !== undefined) tx.write(path, content);
      for (const line of added?.report ?? []) console.log(line);
      // A new provider's package is released by the commit that adds it: its first-release changeset.
      if (created.includes(provider)) {
        const version = bundle.document.info?.version;
        const first = await firstReleaseChangeset(root, provider, {
          ...(typeof version === "string" ? { version } : {}),
          operations: operations.length,
        });
        if (first) tx.write(first.path, first.text);
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed.push(provider);
      console.error(
        `error: ${provider} was not scaffolded (the other providers were):\nerror: ${error.message}`,
      );
    }
  }
  writeFacade(tx, root, providers);
  report(layout, tx.commit());
  await linkNewPackages(
    root,
    created.filter((p) => !failed.includes(p)),
  );
  failed.push(...own);
  if (failed.length) {
    console.error(
      `scaffolding failed for ${failed.join(", ")}: fix the problems above (\`npm run check -- <provider>\`)`,
    );
    process.exitCode = 1;
  }
}

export async function runGenerateCli(args: string[]): Promise<void> {
  const root = repoRoot();
  const layout = new RepoLayout(root);
  const providers = args.length ? args : layout.providers();
  for (const provider of providers) {
    if (!FOLDER_NAME.test(provider))
      throw new InputError("(command line)", `"${provider}" is not a provider name: ${FOLDER_NAME_RULE}`);
  }
  const tx = new FileTransaction();
  const counts: string[] = [];
  for (const provider of providers) {
    const { operations, skipped } = await generateProvider(root, provider, tx);
    counts.push(`${provider}: ${operationCount(operations, skipped)}`);
  }
  if (!args.length) writeFacade(tx, root, providers);
  const changed = tx.commit();
  console.log(`generated ${counts.join(", ")}`);
  report(layout, changed);
}

function report(layout: RepoLayout, changed: string[]): void {
  for (const path of changed) console.log(`  wrote ${layout.relative(path)}`);
}

/** Rewrites only the facade's registry and dependencies: the facade's turbo task, which must not read specs. */
export function runFacadeCli(): void {
  const root = repoRoot();
  const layout = new RepoLayout(root);
  const tx = new FileTransaction();
  writeFacade(tx, root, layout.providers());
  report(layout, tx.commit());
}
