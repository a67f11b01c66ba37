/**
 * Where everything lives in a Switchboard repository, in one place: the vendored specs and their overlays,
 * the packages, what the generator writes into them (src/generated/, api-snapshot.json), the release
 * records and the changesets. Every other module asks a `RepoLayout` for a path instead of joining folder
 * names by hand, so the layout can only change here.
 *
 * ```
 * specs/<provider>/<name>.yaml            vendored document (+ <name>.provenance.json)
 * specs/<provider>/overlays/*.yaml        OpenAPI Overlay fixes
 * specs/<provider>/switchboard.yaml       the provider's settings: credentials, filled path parameters, paging
 * packages/<pkg>/package.json             a package (provider, core, sdk, mock, …)
 * packages/<pkg>/src/index.ts             its entry (generated for providers)
 * packages/<pkg>/src/lib/                 hand-written additions of a provider (never touched)
 * packages/<pkg>/src/generated/           generated sources (openapi.json, provider.ts, modules/, …)
 * packages/<pkg>/api-snapshot.json        what the package exports (generated)
 * packages/<pkg>/released-api.json       the same, at the package's released version
 * packages/sdk/src/generated/providers.ts the facade's provider registry
 * .changeset/                             pending releases
 * ```
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "./errors.js";

/** The npm scope of every package. */
export const SCOPE = "@switchboard";
/** The facade's package folder. */
export const FACADE = "sdk";
export const API_SNAPSHOT_FILE = "api-snapshot.json";
export const RELEASED_API_FILE = "released-api.json";
/** A provider's bundled spec as it was released, beside its record: the spec `check-release` diffs against. */
export const RELEASED_SPEC_FILE = "released-openapi.json";
/** A vendored spec's provenance record: `<name>.provenance.json` beside `<name>.yaml`. */
export const PROVENANCE_SUFFIX = ".provenance.json";
/**
 * A provider's settings (`specs/<provider>/switchboard.yaml`): written by people, never vendored, so never
 * taken for a spec even though it is YAML beside the specs.
 */
export const SETTINGS_FILE = "switchboard.yaml";
/** File types a vendored spec may have. */
export const SPEC_EXTENSIONS = [".yaml", ".yml", ".json"] as const;
/** Where the per-tag modules go, below `src/generated/`; the package exports each as `./<module>`. */
export const MODULES_DIR = "modules";

/**
 * A provider's or package's folder name: lowercase words of letters and digits joined by single `-`s, starting
 * with a letter. It becomes the package's name (`@switchboard/<name>`, which npm caps at 214 characters), its
 * identifiers (`createVoiceAiClient`, `VOICE_AI_API_KEY`: a doubled or trailing `-` would name them oddly) and
 * file names; 64 characters is room for any provider's name.
 */
export const FOLDER_NAME = /^(?=.{1,64}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `FOLDER_NAME` in words, for the errors that refuse a name. */
export const FOLDER_NAME_RULE =
  'use lowercase letters and digits, starting with a letter, with single "-"s between words, at most 64 characters';

/** Is this file name an overlay of `specs/<provider>/overlays/`? The Overlay standard allows YAML and JSON. */
export const isOverlayFile = (name: string): boolean => SPEC_EXTENSIONS.some((ext) => name.endsWith(ext));

/** Is this file name a vendored spec (not its provenance record)? */
export const isVendoredSpec = (name: string): boolean =>
  SPEC_EXTENSIONS.some((ext) => name.endsWith(ext)) &&
  !name.endsWith(PROVENANCE_SUFFIX) &&
  name !== SETTINGS_FILE;

/**
 * This checkout: the nearest folder above this module holding packages/codegen/, wherever the module runs
 * from (its source in packages/codegen/src/, or the bundle bin/switchboard-codegen.js makes in
 * packages/codegen/node_modules/.cache/).
 */
export const repositoryRoot = ((): string => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "packages", "codegen", "package.json"))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`no Switchboard checkout above ${fileURLToPath(import.meta.url)}`);
  }
})();

/**
 * The repository root: `$SWITCHBOARD_ROOT` when set (tests run the generator on temporary copies of the
 * repository), otherwise the nearest folder above `from` that holds both `turbo.json` and `specs/`.
 */
export function repoRoot(from: string = process.cwd()): string {
  const fromEnv = process.env.SWITCHBOARD_ROOT;
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "turbo.json")) && existsSync(join(dir, "specs"))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new InputError(
        from,
        "is in no Switchboard repository (no folder above it holds turbo.json and specs/): run the command inside your clone",
      );
    dir = parent;
  }
}

export class RepoLayout {
  readonly specsDir: string;
  readonly packagesDir: string;
  readonly changesetsDir: string;
  readonly lockfile: string;
  /** `node_modules/@switchboard`, where npm links the workspace packages. */
  readonly scopeModules: string;

  constructor(readonly root: string) {
    this.specsDir = join(root, "specs");
    this.packagesDir = join(root, "packages");
    this.changesetsDir = join(root, ".changeset");
    this.lockfile = join(root, "package-lock.json");
    this.scopeModules = join(root, "node_modules", SCOPE);
  }

  /** A path relative to the root with `/` separators, as messages and reports show it. */
  relative(path: string): string {
    return relative(this.root, path).split(sep).join("/");
  }

  // ---- specs/

  providerSpecs(provider: string): string {
    return join(this.specsDir, provider);
  }

  overlaysDir(provider: string): string {
    return join(this.providerSpecs(provider), "overlays");
  }

  /** `specs/<provider>/switchboard.yaml`: credentials, the path parameters they fill, paging. */
  providerSettings(provider: string): string {
    return join(this.providerSpecs(provider), SETTINGS_FILE);
  }

  /** Providers with at least one vendored spec in `specs/<provider>/`, sorted. */
  providers(): string[] {
    if (!existsSync(this.specsDir)) return [];
    return readdirSync(this.specsDir, { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && readdirSync(join(this.specsDir, entry.name)).some(isVendoredSpec),
      )
      .map((entry) => entry.name)
      .sort();
  }

  /** The provider whose spec folder holds `path`, if it is in one. */
  specProviderOf(path: string): string | undefined {
    const [top, provider] = relative(this.root, path).split(sep);
    return top === "specs" && provider ? provider : undefined;
  }

  // ---- packages/

  /** Every folder in `packages/`, sorted. */
  packageFolders(): string[] {
    if (!existsSync(this.packagesDir)) return [];
    return readdirSync(this.packagesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  }

  packageDir(pkg: string): string {
    return join(this.packagesDir, pkg);
  }

  /**
   * Whether `packages/<name>` is one of the repository's own packages (the runtime, the generator, the mock,
   * the facade…) rather than a provider's, which the generator writes: a provider of that name would have its
   * package written over the other's. A provider's package is the one whose `generate` script generates it.
   */
  isOwnPackage(name: string): boolean {
    try {
      const manifest = JSON.parse(readFileSync(join(this.packageDir(name), "package.json"), "utf8"));
      return manifest?.scripts?.generate !== `switchboard-codegen generate ${name}`;
    } catch {
      return false; // no package there (or none a tool could read as one)
    }
  }

  manifest(pkg: string): string {
    return join(this.packageDir(pkg), "package.json");
  }

  apiSnapshot(pkg: string): string {
    return join(this.packageDir(pkg), API_SNAPSHOT_FILE);
  }

  releasedApi(pkg: string): string {
    return join(this.packageDir(pkg), RELEASED_API_FILE);
  }

  releasedSpec(pkg: string): string {
    return join(this.packageDir(pkg), RELEASED_SPEC_FILE);
  }

  /** `packages/<pkg>/src/index.ts`: the source of a package's root entry. */
  sourceIndex(pkg: string): string {
    return join(this.packageDir(pkg), "src", "index.ts");
  }

  /** `packages/<pkg>/src/lib/index.ts`: a provider's hand-written additions, re-exported by its index. */
  libIndex(pkg: string): string {
    return join(this.packageDir(pkg), "src", "lib", "index.ts");
  }

  generatedDir(pkg: string): string {
    return join(this.packageDir(pkg), "src", "generated");
  }

  /** The bundled spec a provider package was generated from (and ships). */
  bundledSpec(pkg: string): string {
    return join(this.generatedDir(pkg), "openapi.json");
  }

  /** The generated provider definition, which records the spec's hash, version and vendoring date. */
  providerDefinition(pkg: string): string {
    return join(this.generatedDir(pkg), "provider.ts");
  }

  /** The facade's generated registry of providers. */
  facadeRegistry(): string {
    return join(this.generatedDir(FACADE), "providers.ts");
  }

  /** The package folder `path` is in, if it is in one. */
  packageOf(path: string): string | undefined {
    const [top, pkg] = relative(this.root, path).split(sep);
    return top === "packages" && pkg ? pkg : undefined;
  }

  // ---- the rest

  changeset(name: string): string {
    return join(this.changesetsDir, name);
  }
}
