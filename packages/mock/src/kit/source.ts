/**
 * Finding the spec a provider package was generated from, with no path from the user: every provider
 * package ships it as `@switchboard/<provider>/openapi.json`, and its `provider.spec.sha256` says which
 * document it is (the sha256 of the bundled document without the generator's header). The package is
 * looked up from the project (the working directory) and from this package; where the two find different
 * copies, the one whose hash matches the module the test imported is used, so two installed versions
 * cannot be confused.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { moduleUrl } from "../module-url.js";
import { isObj, type Obj } from "../openapi.js";
import { specPathOf } from "./operations.js";
import type { ProviderModule } from "./types.js";

/** The key the generator heads `openapi.json` with, left out of the hash. */
const GENERATED_HEADER = "x-switchboard-generated";

/**
 * Documents read, by path, while the file is unchanged: mocks made one per test (as concurrent tests need)
 * share one parsed document, and so the schemas ajv compiled for it (validate.ts keeps them per document),
 * where each mock compiled them again: 0.15–0.5 s on the first call of each operation, per mock. The mock
 * kit never changes a document (it clones what it hands out).
 */
const documents = new Map<string, { readonly stamp: string; readonly document: Obj }>();

function readJson(path: string): Obj {
  let text: string;
  let stamp: string;
  try {
    const stats = statSync(path);
    stamp = `${stats.mtimeMs}:${stats.size}`;
    const known = documents.get(path);
    if (known?.stamp === stamp) return known.document;
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(
      `cannot read the spec ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `the spec ${path} is not JSON (${(error as Error).message}): pass a bundled openapi.json`,
    );
  }
  // 3.1 lets a document hold webhooks alone, without `paths`.
  if (
    !isObj(parsed) ||
    typeof parsed.openapi !== "string" ||
    !(isObj(parsed.paths) || isObj(parsed.webhooks))
  ) {
    throw new Error(
      `the spec ${path} is not an OpenAPI 3 document (no "openapi" version, or neither "paths" nor "webhooks")`,
    );
  }
  documents.set(path, { stamp, document: parsed });
  return parsed;
}

function specHash(spec: Obj): string {
  const { [GENERATED_HEADER]: _header, ...document } = spec;
  return createHash("sha256").update(JSON.stringify(document)).digest("hex");
}

/** The provider's bundled spec: `spec` when given (a path or the document), else found by package name. */
export function loadSpec(module: ProviderModule, spec?: string | object): Obj {
  if (isObj(spec)) return spec;
  if (typeof spec === "string") return readJson(spec);
  const id = `@switchboard/${module.provider.name}/openapi.json`;
  const bases = [join(process.cwd(), "package.json"), moduleUrl()];
  const found = new Set<string>();
  for (const base of bases) {
    try {
      found.add(createRequire(base).resolve(id));
    } catch {}
  }
  if (found.size === 0) {
    throw new Error(
      `cannot find ${id} from ${process.cwd()} or from @switchboard/mock: install @switchboard/${module.provider.name}, or pass { spec: "path/to/openapi.json" }`,
    );
  }
  const expected = module.provider.spec?.sha256;
  const paths = [...found];
  if (paths.length === 1 || expected === undefined) {
    // One copy: it is the installed package's. Hashing 5 MB (the complete Telnyx API) costs a test file
    // ~0.15 s of CPU, so only the operations are compared, which catches a copy of another version in
    // nearly every case; the hash settles it where two copies could be confused.
    const document = readJson(paths[0]!);
    // By the spec's key, which a row sent without its `#fragment` keeps as `specPath`.
    const missing = Object.values(module.endpoints).find((row) => {
      const item = (document.paths as Obj)[specPathOf(row)];
      return !isObj(item) || !isObj(item[row[0].toLowerCase()]);
    });
    if (!missing) return document;
    throw new Error(
      `${paths[0]} has no ${missing[0]} ${specPathOf(missing)}, which the ${module.provider.title} module calls: is it another version of @switchboard/${module.provider.name}? Pass { spec } to choose the file`,
    );
  }
  const seen: string[] = [];
  for (const path of paths) {
    const document = readJson(path);
    const sha = specHash(document);
    if (sha === expected) return document;
    seen.push(`${path} (sha256 ${sha.slice(0, 12)})`);
  }
  throw new Error(
    `the ${module.provider.title} module was generated from the spec with sha256 ${expected.slice(0, 12)}, but ${seen.join(" and ")} are others: are two versions of @switchboard/${module.provider.name} installed? Pass { spec } to choose the file`,
  );
}
