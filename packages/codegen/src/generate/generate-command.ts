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
import { FOLDER_NAME, MODULES_DIR, RepoLayout, repoRoot } from "../repo-layout.js";
import { bundleProvider } from "../spec/bundle.js";
import { writeFacade } from "./facade-registry.js";
import { renderProvider } from "./generated-files.js";
import { linkNewPackages } from "./link-new-packages.js";
import { operationTable } from "./operation-table.js";
import { providerDefinition } from "./provider-definition.js";
import { needsScaffold, versionOf, writeProviderPackage } from "./provider-package.js";
import { readmeExample } from "./provider-readme.js";

/** `specRoot` is where the specs are read from: a sync bundles its staged specs from a scratch copy. */
export async function generateProvider(
  root: string,
  provider: string,
  tx: FileTransaction,
  specRoot: string = root,
): Promise<number> {
  const bundle = await bundleProvider(specRoot, provider);
  const { files, operations, definition } = await renderProvider(bundle, versionOf(root, provider));
  const dir = new RepoLayout(root).generatedDir(provider);
  for (const [name, content] of Object.entries(files)) tx.write(join(dir, name), content);
  // A module whose tag is gone from the spec must not linger as a stale subpath.
  const modulesDir = join(dir, MODULES_DIR);
  if (existsSync(modulesDir)) {
    for (const name of readdirSync(modulesDir))
      if (!files[`${MODULES_DIR}/${name}`]) tx.remove(join(modulesDir, name));
  }
  writeProviderPackage(tx, root, definition, readmeExample(operations, definition));
  return operations.length;
}

/** Creates packages for providers that have specs but no package, and refreshes the facade's registry. */
export async function runScaffoldCli(): Promise<void> {
  const root = repoRoot();
  const layout = new RepoLayout(root);
  const tx = new FileTransaction();
  const providers = layout.providers();
  const created = providers.filter((p) => !existsSync(layout.manifest(p)));
  // Bundling a provider costs seconds at full size: only providers with a missing package file are bundled
  // here, so that turbo finds their package; turbo's generate task then writes every provider's files.
  for (const provider of providers.filter((p) => needsScaffold(root, p))) {
    const bundle = await bundleProvider(root, provider);
    const label = `specs/${provider}`;
    const definition = providerDefinition(bundle.document, provider, label);
    const operations = operationTable(bundle.document, label);
    writeProviderPackage(tx, root, definition, readmeExample(operations, definition));
  }
  writeFacade(tx, root, providers);
  report(layout, tx.commit());
  linkNewPackages(root, created);
}

export async function runGenerateCli(args: string[]): Promise<void> {
  const root = repoRoot();
  const layout = new RepoLayout(root);
  const providers = args.length ? args : layout.providers();
  for (const provider of providers) {
    if (!FOLDER_NAME.test(provider))
      throw new InputError("(command line)", `"${provider}" is not a provider name`);
  }
  const tx = new FileTransaction();
  const counts: string[] = [];
  for (const provider of providers)
    counts.push(`${provider}: ${await generateProvider(root, provider, tx)} operations`);
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
