/**
 * What a package exports, read from the sources its build bundles: every entry point of its `exports` map
 * (a pattern export such as `./*` gives one per source module), each exported name with its kind. Read with
 * the TypeScript compiler, bound but not type-checked, so hand-written additions count as much as generated
 * ones and nothing needs building.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import ts from "typescript";
import { InputError } from "../errors.js";
import { RepoLayout } from "../repo-layout.js";

export type ExportKind =
  | "function"
  | "class"
  | "const"
  | "variable"
  | "interface"
  | "type"
  | "enum"
  | "namespace"
  | "value"
  | "unknown";

/** Reads a file as it is or will be (a sync reads staged files through this). */
export type FileReader = (path: string) => string | undefined;
/** Lists a folder's file names as it is or will be (a sync lists staged files through this). */
export type FolderLister = (dir: string) => string[];

const listFolder: FolderLister = (dir) => (existsSync(dir) ? readdirSync(dir) : []);

/** `exports` subpath → exported name → kind; `"json"` for a JSON file. */
export type EntryPoints = Record<string, Record<string, string> | "json">;

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every entry point of the package's `exports` map with what it exports. */
export function entryPoints(
  root: string,
  pkg: string,
  manifest: any,
  read: FileReader,
  list: FolderLister = listFolder,
): EntryPoints {
  const layout = new RepoLayout(root);
  const dir = layout.packageDir(pkg);
  const manifestFile = layout.relative(layout.manifest(pkg));
  const out: EntryPoints = {};
  for (const [subpath, target] of Object.entries(exportTargets(manifest, manifestFile))) {
    if (target.endsWith(".json")) {
      out[subpath] = "json";
      continue;
    }
    if (subpath.includes("*")) {
      // A pattern export (`./*` → one module per resource): each source module it builds is an entry point.
      for (const [name, source] of patternSources(dir, target, list)) {
        out[subpath.replace("*", name)] = exportsOf(layout, source, read);
      }
      continue;
    }
    const source = sourceOf(dir, target, read);
    if (!source) {
      throw new InputError(
        manifestFile,
        `exports["${subpath}"] points at ${target}, and no src/ file builds it`,
      );
    }
    out[subpath] = exportsOf(layout, source, read);
  }
  return out;
}

/** `exports` subpath → the file users get through it (types for code, the file itself for JSON). */
function exportTargets(manifest: any, file: string): Record<string, string> {
  const exports = manifest.exports;
  if (!exports || typeof exports !== "object") throw new InputError(file, "has no `exports` map");
  const out: Record<string, string> = {};
  for (const [subpath, value] of Object.entries(exports)) {
    // `null` exports nothing: it keeps a pattern (`./*`) from a subpath the package has no module for.
    if (value === null) continue;
    const target = typeof value === "string" ? value : pickTarget(value);
    if (!target) throw new InputError(file, `exports["${subpath}"] names no file`);
    out[subpath] = target;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compare(a, b)));
}

function pickTarget(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!value || typeof value !== "object") return undefined;
  const conditions = value as Record<string, unknown>;
  for (const key of ["import", "types", "default", "require"]) {
    if (key in conditions) {
      const found = pickTarget(conditions[key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The sources a pattern target such as `./dist/generated/modules/*.d.ts` is built from, by the `*` they fill. */
function patternSources(
  dir: string,
  target: string,
  list: FolderLister,
): Array<[name: string, source: string]> {
  const stem = target.replace(/^\.\//, "").replace(/\.(d\.ts|d\.cts|d\.mts|js|cjs|mjs)$/, "");
  const [prefix, suffix = ""] = stem.replace(/^dist\//, "src/").split("*");
  const folder = join(dir, dirname(`${prefix}x`));
  const head = basename(`${prefix}x`).slice(0, -1);
  return list(folder)
    .filter((file) => file.startsWith(head) && file.endsWith(`${suffix}.ts`))
    .sort()
    .map((file) => [file.slice(head.length, file.length - suffix.length - 3), join(folder, file)]);
}

/** `./dist/index.d.ts` or `./dist/index.js` → `src/index.ts` (tsup keeps entry names). */
function sourceOf(dir: string, target: string, read: FileReader): string | undefined {
  const stem = target.replace(/^\.\//, "").replace(/\.(d\.ts|d\.cts|d\.mts|js|cjs|mjs)$/, "");
  const candidates = [stem.replace(/^dist\//, "src/"), stem].flatMap((s) => [`${s}.ts`, `${s}.tsx`]);
  return candidates.map((c) => join(dir, c)).find((path) => read(path) !== undefined);
}

/**
 * Every name a module exports, with its kind. Relative imports and `@switchboard/*` packages (to their
 * sources) are followed; anything else is left unresolved, and its re-exports are typed by their syntax.
 */
function exportsOf(layout: RepoLayout, entry: string, read: FileReader): Record<string, string> {
  const options: ts.CompilerOptions = {
    noLib: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowJs: false,
    types: [],
  };
  const host = ts.createCompilerHost(options, true);
  host.fileExists = (path) => read(resolve(path)) !== undefined;
  host.readFile = (path) => read(resolve(path));
  host.getSourceFile = (path, languageVersion) => {
    const text = read(resolve(path));
    return text === undefined ? undefined : ts.createSourceFile(path, text, languageVersion, true);
  };
  host.resolveModuleNames = (names, containingFile) =>
    names.map((name) => {
      const resolved = resolveImport(layout, name, containingFile, read);
      return resolved ? { resolvedFileName: resolved, extension: ts.Extension.Ts } : undefined;
    });
  const program = ts.createProgram({ rootNames: [entry], options, host });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return {};
  const out: Record<string, string> = {};
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    out[symbol.getName()] = kindOf(checker, symbol);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compare(a, b)));
}

function resolveImport(layout: RepoLayout, name: string, from: string, read: FileReader): string | undefined {
  let base: string | undefined;
  if (name.startsWith(".")) base = resolve(dirname(from), name);
  else {
    const scoped = name.match(/^@switchboard\/([a-z0-9-]+)$/);
    if (scoped) base = layout.sourceIndex(scoped[1]!).replace(/\.ts$/, ".js");
  }
  if (!base) return undefined;
  const stem = base.replace(/\.(js|mjs|cjs|ts)$/, "");
  return [`${stem}.ts`, `${stem}.tsx`, join(stem, "index.ts")].find((path) => read(path) !== undefined);
}

function kindOf(checker: ts.TypeChecker, exported: ts.Symbol): ExportKind {
  let symbol = exported;
  if (symbol.flags & ts.SymbolFlags.Alias) {
    const target = checker.getAliasedSymbol(symbol);
    if (target.flags & ts.SymbolFlags.Alias || target === symbol || !target.declarations?.length) {
      return syntacticKind(symbol);
    }
    symbol = target;
  }
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return "class";
  if (f & ts.SymbolFlags.Enum) return "enum";
  if (f & ts.SymbolFlags.Function) return "function";
  if (f & ts.SymbolFlags.BlockScopedVariable) {
    const declaration = symbol.valueDeclaration;
    const list = declaration?.parent;
    return list && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const
      ? "const"
      : "variable";
  }
  if (f & ts.SymbolFlags.Variable) return "variable";
  if (f & ts.SymbolFlags.Interface) return "interface";
  if (f & ts.SymbolFlags.TypeAlias) return "type";
  if (f & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) return "namespace";
  return "unknown";
}

/** A re-export from outside the repository: `export type { X }` is a type, anything else a value. */
function syntacticKind(symbol: ts.Symbol): ExportKind {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return "unknown";
  const typeOnly =
    (ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly)) ||
    (ts.isImportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly));
  return typeOnly ? "type" : "value";
}
