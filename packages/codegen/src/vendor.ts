/**
 * `switchboard-codegen vendor <page|spec>... [--provider <name>]`: copies the OpenAPI document a
 * provider publishes into `specs/<provider>/<name>.yaml`, byte for byte, with a provenance file beside it.
 * Vendored files are never edited afterwards (fixes go into overlays), so everything here is about
 * finding the exact published text, naming it predictably, and refusing anything ambiguous before a
 * single file changes.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { InputError } from "./errors.js";
import { FileTransaction, readIfExists } from "./fs-atomic.js";
import {
  blockText,
  type FencedBlock,
  infoStringUrl,
  pageTitle,
  referenceUrl,
  type ScannedPage,
  scanPage,
} from "./markdown.js";
import { kebabCase } from "./naming.js";
import { classifyDocument, mentionsOpenApiKey, type OpenApiSummary, operationKey } from "./openapi-doc.js";
import { providerSpecDir, repoRoot } from "./paths.js";

export const PROVIDER_NAME = /^[a-z][a-z0-9-]*$/;
const PROVENANCE_SUFFIX = ".provenance.json";
const PAGE_EXTENSIONS = new Set([".md", ".markdown", ".mdx", ".txt"]);
const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
// Blocks tagged with these languages are examined even when no `openapi:` line is visible, so that a
// broken or mislabelled spec block is reported instead of silently skipped.
const SPEC_LANGUAGES = new Set(["yaml", "yml", "json"]);

const usage =
  "usage: switchboard-codegen vendor <page.md|page.txt|spec.yaml|spec.json>... [--provider <name>]";

/** An OpenAPI document found in one input, with everything provenance needs. */
export interface SpecSource {
  /** The input path exactly as the user gave it (error messages use it). */
  file: string;
  kind: "page" | "spec";
  /** The bytes to vendor. */
  text: string;
  format: "yaml" | "json";
  spec: OpenApiSummary;
  title: string | null;
  source: string | null;
}

export interface SpecBlock {
  block: FencedBlock;
  text: string;
  spec: OpenApiSummary;
}

export interface Provenance {
  title: string | null;
  page: string;
  source: string | null;
  operations: string[];
  sha256: string;
  vendoredAt: string;
}

export interface VendorResult {
  file: string;
  provider: string;
  name: string;
  /** Spec path relative to the repository root, with `/` separators. */
  specPath: string;
  status: "vendored" | "unchanged";
  /** Spec paths (relative) of files this input replaced. */
  removed: string[];
  provenance: Provenance;
}

export interface VendorPlan {
  transaction: FileTransaction;
  results: VendorResult[];
  /** The lines the CLI prints. */
  report: string[];
}

export interface PlanOptions {
  root: string;
  provider?: string | undefined;
  /** `YYYY-MM-DD`, recorded as `vendoredAt` for new or changed specs. */
  date: string;
  /** Base for relative input paths; defaults to the process's working directory. */
  cwd?: string;
}

/** An input given as text, for tests and callers that already hold the page. */
export interface VendorInput {
  file: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------------
// Finding the spec

/**
 * The one fenced block of a documentation page that holds an OpenAPI 3.x document. Blocks that clearly
 * try to be one (an `openapi:`/`swagger:` key) but fail are errors even when another block succeeds:
 * picking the "good" one of two would be guessing which the provider meant.
 */
export function extractSpecBlock(pageText: string, file: string): SpecBlock {
  return pickSpecBlock(scanPage(pageText), file);
}

function pickSpecBlock(page: ScannedPage, file: string): SpecBlock {
  const found: SpecBlock[] = [];
  const claimed: InputError[] = [];
  const doubtful: InputError[] = [];
  for (const block of page.blocks) {
    const text = blockText(block);
    const claims = mentionsOpenApiKey(text);
    if (!claims && !SPEC_LANGUAGES.has(block.lang)) continue;
    const result = classifyDocument({
      file,
      text,
      lineOffset: block.contentLine - 1,
      columnOffset: block.indent,
    });
    if (result.kind === "spec") found.push({ block, text, spec: result.spec });
    else if (result.kind === "problem") (claims ? claimed : doubtful).push(result.error);
  }
  if (claimed[0]) throw claimed[0];
  const [first, second] = found;
  if (second) {
    const lines = found.map((b) => b.block.openLine).join(", ");
    const detail = `${found.length} fenced blocks hold an OpenAPI document (lines ${lines}); a page must embed exactly one`;
    throw new InputError(file, detail, second.block.openLine);
  }
  if (first) return first;
  if (doubtful[0]) throw doubtful[0];
  throw new InputError(file, "no OpenAPI block: no fenced code block holds a document with `openapi: 3.x`");
}

export function readPage(pageText: string, file: string): SpecSource {
  const page = scanPage(pageText);
  const { block, text, spec } = pickSpecBlock(page, file);
  return {
    file,
    kind: "page",
    text,
    format: block.lang === "json" ? "json" : "yaml",
    spec,
    title: pageTitle(page) ?? spec.title ?? null,
    source: infoStringUrl(block) ?? referenceUrl(page) ?? null,
  };
}

export function readBareSpec(text: string, file: string): SpecSource {
  const result = classifyDocument({ file, text, lineOffset: 0, columnOffset: 0 });
  if (result.kind === "problem") throw result.error;
  if (result.kind === "other") {
    throw new InputError(
      file,
      "not an OpenAPI document: it has no top-level `openapi: 3.x` key",
      result.line,
    );
  }
  return {
    file,
    kind: "spec",
    text,
    format: extname(file).toLowerCase() === ".json" ? "json" : "yaml",
    spec: result.spec,
    title: result.spec.title ?? null,
    source: null,
  };
}

function readInput(file: string, cwd: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(file, "file not found");
    if (code === "EISDIR") throw new InputError(file, "is a directory, not a page or a spec file");
    throw error;
  }
  try {
    // Keep a byte order mark: a bare spec is vendored byte for byte.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(file, "is not UTF-8 text");
  }
}

export function loadSource(input: string | VendorInput, cwd: string = process.cwd()): SpecSource {
  const file = typeof input === "string" ? input : input.file;
  const text = typeof input === "string" ? readInput(file, cwd) : input.text;
  const extension = extname(file).toLowerCase();
  if (PAGE_EXTENSIONS.has(extension)) return readPage(text, file);
  if (SPEC_EXTENSIONS.has(extension)) return readBareSpec(text, file);
  const expected = [...PAGE_EXTENSIONS, ...SPEC_EXTENSIONS].join(", ");
  throw new InputError(file, `unsupported file type "${extension}": expected one of ${expected}`);
}

// ---------------------------------------------------------------------------------------------------
// Provider and file name

export type ProviderGuess = { provider: string } | { reason: string };

// Second-level labels under two-letter country codes that act as public suffixes (api.acme.co.uk).
// A full public suffix list is not worth a dependency for provider hosts, which are nearly all .com/.ai.
const SECOND_LEVEL_SUFFIXES = new Set([
  "ac",
  "co",
  "com",
  "edu",
  "gob",
  "go",
  "gov",
  "ltd",
  "ne",
  "net",
  "or",
  "org",
]);

/** The provider name a server URL implies: the host label just before the public suffix. */
export function deriveProvider(serverUrl: string | undefined): ProviderGuess {
  if (serverUrl === undefined) return { reason: "the document lists no servers" };
  let host: string;
  try {
    host = new URL(serverUrl).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return { reason: `server URL "${serverUrl}" is not an absolute URL` };
  }
  if (host === "") return { reason: `server URL "${serverUrl}" has no host` };
  if (host.startsWith("[") || /^\d+(?:\.\d+){3}$/.test(host)) {
    return { reason: `server URL "${serverUrl}" names an IP address` };
  }
  if (host === "localhost" || host.endsWith(".localhost"))
    return { reason: `server URL "${serverUrl}" is local` };
  const labels = host.split(".");
  if (labels.length < 2) return { reason: `server host "${host}" has no domain` };
  const tld = labels[labels.length - 1] ?? "";
  const secondLevel = labels[labels.length - 2] ?? "";
  const suffixLength =
    labels.length >= 3 && tld.length === 2 && SECOND_LEVEL_SUFFIXES.has(secondLevel) ? 2 : 1;
  const label = labels[labels.length - 1 - suffixLength] ?? "";
  if (!PROVIDER_NAME.test(label)) return { reason: `"${label}" (from ${host}) is not a valid provider name` };
  return { provider: label };
}

export function assertProviderName(name: string): void {
  if (!PROVIDER_NAME.test(name)) {
    const detail = `"${name}" is not a valid provider name: use lowercase letters, digits and "-", starting with a letter`;
    throw new InputError("--provider", detail);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function resolveProvider(source: SpecSource, root: string, explicit: string | undefined): string {
  if (explicit !== undefined) return explicit;
  const { serverUrl, serversLine, openapiLine } = source.spec;
  const line = serversLine ?? openapiLine;
  const guess = deriveProvider(serverUrl);
  if ("reason" in guess) {
    throw new InputError(
      source.file,
      `cannot tell the provider: ${guess.reason}; pass --provider <name>`,
      line,
    );
  }
  const { provider } = guess;
  // A typo in a server URL must not silently start a new provider folder.
  if (!isDirectory(providerSpecDir(root, provider))) {
    const detail = `unknown provider "${provider}" (from ${serverUrl}): there is no specs/${provider}/ yet; pass --provider ${provider} to add a new provider`;
    throw new InputError(source.file, detail, line);
  }
  return provider;
}

function urlFileStem(url: string | null): string {
  if (!url) return "";
  let segment: string;
  try {
    segment = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
    segment = decodeURIComponent(segment);
  } catch {
    return "";
  }
  return kebabCase(segment.replace(/\.[A-Za-z0-9]+$/, ""));
}

/**
 * The file name (without extension) a document is vendored under. A single-operation page is named after
 * its operation, so the same operation keeps its file across page revisions; a multi-operation document
 * after the file it was published as.
 */
export function specName(source: Pick<SpecSource, "file" | "kind" | "spec" | "source">): string {
  const { spec } = source;
  const [only, another] = spec.operations;
  const candidates =
    only && !another
      ? [kebabCase(only.operationId ?? ""), kebabCase(`${only.method} ${only.path}`)]
      : [
          urlFileStem(source.source),
          source.kind === "spec" ? kebabCase(basename(source.file, extname(source.file))) : "",
          kebabCase(spec.title ?? ""),
        ];
  const name = candidates.find((candidate) => candidate !== "");
  if (!name) {
    const detail =
      "cannot name the vendored file: no operationId, source URL or info.title to derive it from";
    throw new InputError(source.file, detail, spec.openapiLine);
  }
  return name;
}

// ---------------------------------------------------------------------------------------------------
// Planning the writes

/** A document already vendored for a provider (on disk, or staged earlier in this invocation). */
interface VendoredFile {
  name: string;
  /** Basename of the spec; undefined when only the provenance file is left. */
  specFile: string | undefined;
  operations: string[];
  vendoredAt: string | undefined;
}

/** The transaction plus a view of what the files will contain once it commits. */
class StagedFiles {
  readonly transaction = new FileTransaction();
  private readonly pending = new Map<string, string | undefined>();

  read(path: string): string | undefined {
    return this.pending.has(path) ? this.pending.get(path) : readIfExists(path);
  }

  write(path: string, content: string): void {
    this.pending.set(path, content);
    this.transaction.write(path, content);
  }

  remove(path: string): void {
    this.pending.set(path, undefined);
    this.transaction.remove(path);
  }
}

function parseProvenance(text: string): Partial<Provenance> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return undefined;
    const { operations, vendoredAt } = value as Record<string, unknown>;
    return {
      operations:
        Array.isArray(operations) && operations.every((op) => typeof op === "string")
          ? operations
          : undefined,
      vendoredAt: typeof vendoredAt === "string" ? vendoredAt : undefined,
    };
  } catch {
    return undefined;
  }
}

function operationsInSpecFile(path: string, shownAs: string): string[] | undefined {
  const text = readIfExists(path);
  if (text === undefined) return undefined;
  const result = classifyDocument({ file: shownAs, text, lineOffset: 0, columnOffset: 0 });
  return result.kind === "spec" ? result.spec.operations.map(operationKey).sort() : undefined;
}

function vendoredName(entry: string): string | undefined {
  if (entry.endsWith(PROVENANCE_SUFFIX)) return entry.slice(0, -PROVENANCE_SUFFIX.length);
  const extension = extname(entry);
  return SPEC_EXTENSIONS.has(extension) ? entry.slice(0, -extension.length) : undefined;
}

/**
 * What is vendored for a provider, keyed by name: every top-level spec or provenance file of
 * `specs/<provider>/` (overlays live in subfolders). Operations come from the provenance file, else from
 * parsing the spec, so a spec copied in by hand is still replaced rather than duplicated.
 */
function loadVendoredFiles(root: string, provider: string): Map<string, VendoredFile> {
  const dir = providerSpecDir(root, provider);
  const files = new Map<string, VendoredFile>();
  if (!isDirectory(dir)) return files;
  const names = new Set(readdirSync(dir).flatMap((entry) => vendoredName(entry) ?? []));
  for (const name of [...names].sort()) {
    const specFile = [".yaml", ".yml", ".json"]
      .map((ext) => name + ext)
      .find((f) => existsSync(join(dir, f)));
    const provenancePath = join(dir, name + PROVENANCE_SUFFIX);
    const provenanceText = readIfExists(provenancePath);
    const provenance = provenanceText === undefined ? undefined : parseProvenance(provenanceText);
    const operations =
      provenance?.operations ??
      (specFile ? operationsInSpecFile(join(dir, specFile), relPath(root, join(dir, specFile))) : undefined);
    if (!operations) {
      // A stray non-OpenAPI file is not ours to judge (the target-path check still keeps us off it), but
      // a provenance file we cannot use means the folder is damaged.
      if (provenanceText === undefined) continue;
      const detail =
        "cannot tell which operations this vendored file holds: its provenance and its spec are unreadable";
      throw new InputError(relPath(root, provenancePath), detail);
    }
    files.set(name, { name, specFile, operations, vendoredAt: provenance?.vendoredAt });
  }
  return files;
}

function relPath(root: string, path: string): string {
  return relative(root, path).split(sep).join("/");
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function formatProvenance(provenance: Provenance): string {
  // Spelled out so the key order is fixed by this code, not by how the object was built.
  const { title, page, source, operations, sha256, vendoredAt } = provenance;
  return `${JSON.stringify({ title, page, source, operations, sha256, vendoredAt }, null, 2)}\n`;
}

interface Planner {
  root: string;
  options: PlanOptions;
  staged: StagedFiles;
  providers: Map<string, Map<string, VendoredFile>>;
}

/**
 * The vendored files the new document supersedes: every file whose operations it all covers. A file it
 * covers only in part would lose operations, and a file of the same name with other operations would be
 * clobbered; both need a human decision.
 */
function supersededFiles(
  planner: Planner,
  source: SpecSource,
  target: { provider: string; name: string; specPath: string },
  operations: string[],
  vendored: Map<string, VendoredFile>,
): VendoredFile[] {
  const incoming = new Set(operations);
  const dir = providerSpecDir(planner.root, target.provider);
  const shown = (file: VendoredFile) =>
    relPath(planner.root, join(dir, file.specFile ?? file.name + PROVENANCE_SUFFIX));
  const superseded: VendoredFile[] = [];
  for (const file of vendored.values()) {
    const shared = file.operations.filter((op) => incoming.has(op));
    const extra = file.operations.filter((op) => !incoming.has(op));
    if (extra.length === 0 && (shared.length > 0 || file.name === target.name)) {
      superseded.push(file);
    } else if (shared.length > 0) {
      const line = source.spec.operations.find((op) => operationKey(op) === shared[0])?.line;
      const detail =
        `partial overlap: ${shown(file)} already holds ${shared.join(", ")} together with ${extra.join(", ")}, ` +
        `which this document lacks; vendoring it as ${target.specPath} would split that file. ` +
        `Vendor a document that covers all of them, or remove ${shown(file)} first`;
      throw new InputError(source.file, detail, line);
    } else if (file.name === target.name) {
      const detail =
        `name clash: ${shown(file)} already holds other operations (${file.operations.join(", ")}); ` +
        "remove it first if this document replaces it";
      throw new InputError(source.file, detail, source.spec.openapiLine);
    }
  }
  return superseded;
}

function planOne(planner: Planner, source: SpecSource): VendorResult {
  const { root, staged } = planner;
  const provider = resolveProvider(source, root, planner.options.provider);
  const name = specName(source);
  const dir = providerSpecDir(root, provider);
  const specFile = `${name}.${source.format}`;
  const specPath = join(dir, specFile);
  const provenancePath = join(dir, name + PROVENANCE_SUFFIX);
  const target = { provider, name, specPath: relPath(root, specPath) };

  let vendored = planner.providers.get(provider);
  if (!vendored) {
    vendored = loadVendoredFiles(root, provider);
    planner.providers.set(provider, vendored);
  }
  const operations = [...new Set(source.spec.operations.map(operationKey))].sort();
  const superseded = supersededFiles(planner, source, target, operations, vendored);
  const previous = vendored.get(name);
  if (!previous && staged.read(specPath) !== undefined) {
    const detail = `${target.specPath} exists but is not a vendored OpenAPI document; move it away first`;
    throw new InputError(source.file, detail);
  }

  const specUnchanged = previous?.specFile === specFile && staged.read(specPath) === source.text;
  const provenance: Provenance = {
    title: source.title,
    page: basename(source.file),
    source: source.source,
    operations,
    sha256: sha256(source.text),
    // The date records when these bytes arrived, so re-vendoring identical bytes keeps it.
    vendoredAt: (specUnchanged ? previous?.vendoredAt : undefined) ?? planner.options.date,
  };
  const provenanceText = formatProvenance(provenance);
  const unchanged = specUnchanged && staged.read(provenancePath) === provenanceText;

  const removed: string[] = [];
  for (const file of superseded) {
    if (file.specFile && file.specFile !== specFile) {
      staged.remove(join(dir, file.specFile));
      removed.push(relPath(root, join(dir, file.specFile)));
    }
    if (file.name !== name) staged.remove(join(dir, file.name + PROVENANCE_SUFFIX));
    vendored.delete(file.name);
  }
  staged.write(specPath, source.text);
  staged.write(provenancePath, provenanceText);
  vendored.set(name, { name, specFile, operations, vendoredAt: provenance.vendoredAt });

  const status = unchanged && removed.length === 0 ? "unchanged" : "vendored";
  return { file: source.file, provider, name, specPath: target.specPath, status, removed, provenance };
}

function reportLines(result: VendorResult): string[] {
  const removed = result.removed.map((path) => `removed ${path}`);
  if (result.status === "unchanged") return [...removed, `unchanged ${result.specPath}`];
  const count = result.provenance.operations.length;
  const operations = `${count} operation${count === 1 ? "" : "s"}`;
  return [
    ...removed,
    `vendored ${result.specPath} (${operations}, sha256 ${result.provenance.sha256.slice(0, 12)})`,
  ];
}

/**
 * Reads every input and stages the resulting writes and removals without touching the disk. Inputs are
 * planned in order against the state the earlier ones leave, so two pages of one provider in a single
 * invocation accumulate (or replace each other) exactly as in two invocations.
 */
export function planVendor(inputs: ReadonlyArray<string | VendorInput>, options: PlanOptions): VendorPlan {
  if (options.provider !== undefined) assertProviderName(options.provider);
  const planner: Planner = { root: options.root, options, staged: new StagedFiles(), providers: new Map() };
  const cwd = options.cwd ?? process.cwd();
  const results = inputs.map((input) => planOne(planner, loadSource(input, cwd)));
  return { transaction: planner.staged.transaction, results, report: results.flatMap(reportLines) };
}

// ---------------------------------------------------------------------------------------------------
// Command line

/** `SWITCHBOARD_VENDOR_DATE` (so runs are reproducible), else today in UTC. */
export function vendorDate(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const fromEnv = env.SWITCHBOARD_VENDOR_DATE;
  if (fromEnv === undefined || fromEnv === "") return now.toISOString().slice(0, 10);
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(fromEnv) && new Date(`${fromEnv}T00:00:00Z`).toISOString().startsWith(fromEnv);
  if (!valid)
    throw new InputError("$SWITCHBOARD_VENDOR_DATE", `"${fromEnv}" is not a date of the form YYYY-MM-DD`);
  return fromEnv;
}

export interface VendorArgs {
  files: string[];
  provider: string | undefined;
  help: boolean;
}

export function parseVendorArgs(args: readonly string[]): VendorArgs {
  const files: string[] = [];
  let provider: string | undefined;
  let help = false;
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (onlyFiles || !arg.startsWith("-") || arg === "-") {
      files.push(arg);
    } else if (arg === "--") {
      onlyFiles = true;
    } else if (arg === "--help" || arg === "-h") {
      help = true;
    } else if (arg === "--provider" || arg.startsWith("--provider=")) {
      if (provider !== undefined) throw new InputError("--provider", "given more than once");
      const value = arg === "--provider" ? args[++i] : arg.slice("--provider=".length);
      if (value === undefined || value === "")
        throw new InputError("--provider", `needs a provider name; ${usage}`);
      assertProviderName(value);
      provider = value;
    } else {
      throw new InputError(arg, `unknown flag; ${usage}`);
    }
  }
  if (!help && files.length === 0) throw new InputError("vendor", `no input files; ${usage}`);
  return { files, provider, help };
}

export async function runVendorCli(args: string[]): Promise<void> {
  const { files, provider, help } = parseVendorArgs(args);
  if (help) {
    console.log(usage);
    return;
  }
  const plan = planVendor(files, { root: repoRoot(), provider, date: vendorDate() });
  plan.transaction.commit();
  for (const line of plan.report) console.log(line);
}
