/**
 * Checks that go through a whole provider's specs, run by `offload` in a child process (see offload.ts):
 * each returns what its test compares, as JSON.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";
import { FileTransaction } from "../src/file-transaction.js";
import { generateProvider } from "../src/generate/generate-command.js";
import { generateTypes, typeOptions, typesInput } from "../src/generate/openapi-types.js";
import { PROVIDER_FILES } from "../src/generate/provider-package.js";
import { computeSnapshot, renderSnapshot } from "../src/release/api-snapshot.js";
import { bundleProvider } from "../src/spec/bundle.js";
import { parseYamlFile } from "../src/spec/yaml-file.js";
import { snapshotTree } from "./snapshot-tree.js";

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Generates `provider` in `root` twice: the files the second run would change (none, if generation is
 * deterministic), and the sha256 of every generated file.
 */
export async function generateTwice(root: string, provider: string) {
  const first = new FileTransaction();
  await generateProvider(root, provider, first);
  first.commit();
  const second = new FileTransaction();
  await generateProvider(root, provider, second);
  const tree = snapshotTree(join(root, "packages", provider, "src", "generated"));
  return {
    changes: second.changes(),
    digests: Object.fromEntries(Object.entries(tree).map(([file, text]) => [file, digest(text)])),
  };
}

/** Whether `generateTypes` prints exactly what `openapiTS()` does on `provider`'s bundle. */
export async function typesMatchOpenapiTs(root: string, provider: string): Promise<boolean> {
  const { document } = await bundleProvider(root, provider);
  // Given the same input: typesInput's rewrites are ours, the transform after them openapi-typescript's.
  const expected = astToString(await openapiTS(typesInput(document) as any, typeOptions(document)));
  return astToString(generateTypes(document)) === expected;
}

/** The files `parseYamlFile` reads differently from the `yaml` library or js-yaml. */
export function yamlMismatches(files: string[], root: string): string[] {
  return files.filter((file) => {
    const parsed = parseYamlFile(file, root);
    const same = (value: unknown) => JSON.stringify(value) === JSON.stringify(parsed.value);
    return !same(parse(parsed.text, { maxAliasCount: -1 })) || !same(load(parsed.text));
  });
}

/** The package files the generator writes for `provider` in `root`, besides src/generated/. */
export async function templateFiles(root: string, provider: string): Promise<Record<string, string>> {
  const tx = new FileTransaction();
  await generateProvider(root, provider, tx);
  tx.commit();
  return Object.fromEntries(
    PROVIDER_FILES.map((file) => [file, readFileSync(join(root, "packages", provider, file), "utf8")]),
  );
}

/** `pkg`'s API snapshot as `npm run generate` writes it from the sources in `root`. */
export function snapshotText(root: string, pkg: string): string {
  return renderSnapshot(computeSnapshot(root, pkg));
}
