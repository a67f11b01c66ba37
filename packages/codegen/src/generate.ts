/**
 * `switchboard-codegen generate [<provider>...]`: bundle each provider's specs with their overlays and write
 * its generated files. `scaffold` creates the packages of providers that have specs but no package yet and
 * refreshes the facade's registry; the root `npm run generate` runs it, then this task per package in turbo.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { bundleProvider, listProviders } from "./bundle.js";
import { MODULES_DIR, renderProvider } from "./emit.js";
import { InputError } from "./errors.js";
import { FileTransaction } from "./fs-atomic.js";
import { linkNewPackages } from "./link.js";
import { repoRoot } from "./paths.js";
import { needsScaffold, scaffoldFacade, scaffoldProvider } from "./scaffold.js";
import { operationTable, providerDefinition } from "./surface.js";

/** `specRoot` is where the specs are read from: a sync bundles its staged specs from a scratch copy. */
export async function generateProvider(
  root: string,
  provider: string,
  tx: FileTransaction,
  specRoot: string = root,
): Promise<number> {
  const bundle = await bundleProvider(specRoot, provider);
  const { files, operations, definition } = await renderProvider(bundle);
  const dir = join(root, "packages", provider, "src", "generated");
  for (const [name, content] of Object.entries(files)) tx.write(join(dir, name), content);
  // A module whose tag is gone from the spec must not linger as a stale subpath.
  const modulesDir = join(dir, MODULES_DIR);
  if (existsSync(modulesDir)) {
    for (const name of readdirSync(modulesDir))
      if (!files[`${MODULES_DIR}/${name}`]) tx.remove(join(modulesDir, name));
  }
  const first = operations[0]!;
  scaffoldProvider(tx, root, definition, {
    name: first.name,
    input: exampleInput(first.inputs.path, definition.pathCredentials),
  });
  return operations.length;
}

function exampleInput(path: string[] | undefined, filled: Record<string, string>): string {
  const keys = (path ?? []).filter((k) => !filled[k]);
  return keys.length
    ? `{ ${keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: "…"`).join(", ")} }`
    : "";
}

/** Creates packages for providers that have specs but no package, and refreshes the facade's registry. */
export async function runScaffoldCli(): Promise<void> {
  const root = repoRoot();
  const tx = new FileTransaction();
  const providers = listProviders(root);
  const created = providers.filter((p) => !existsSync(join(root, "packages", p, "package.json")));
  // Bundling a provider costs seconds at full size, and scaffolding never rewrites a file: only providers
  // with a missing package file are bundled here (turbo's generate task bundles every provider anyway).
  for (const provider of providers.filter((p) => needsScaffold(root, p))) {
    const bundle = await bundleProvider(root, provider);
    const label = `specs/${provider}`;
    const definition = providerDefinition(bundle.document, provider, label);
    const op = operationTable(bundle.document, label)[0]!;
    scaffoldProvider(tx, root, definition, {
      name: op.name,
      input: exampleInput(op.inputs.path, definition.pathCredentials),
    });
  }
  scaffoldFacade(tx, root, providers);
  report(root, tx.commit());
  linkNewPackages(root, created);
}

export async function runGenerateCli(args: string[]): Promise<void> {
  const root = repoRoot();
  const providers = args.length ? args : listProviders(root);
  for (const provider of providers) {
    if (!/^[a-z][a-z0-9-]*$/.test(provider))
      throw new InputError("(command line)", `"${provider}" is not a provider name`);
  }
  const tx = new FileTransaction();
  const counts: string[] = [];
  for (const provider of providers)
    counts.push(`${provider}: ${await generateProvider(root, provider, tx)} operations`);
  if (!args.length) scaffoldFacade(tx, root, providers);
  const changed = tx.commit();
  console.log(`generated ${counts.join(", ")}`);
  report(root, changed);
}

function report(root: string, changed: string[]): void {
  for (const path of changed) console.log(`  wrote ${relative(root, path)}`);
}

/** Rewrites only the facade's registry and dependencies: the facade's turbo task, which must not read specs. */
export function runFacadeCli(): void {
  const root = repoRoot();
  const tx = new FileTransaction();
  scaffoldFacade(tx, root, listProviders(root));
  report(root, tx.commit());
}
