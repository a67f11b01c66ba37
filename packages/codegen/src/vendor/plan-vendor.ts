/**
 * Planning a vendoring run: every input is read, named and compared with what is already vendored, and the
 * writes and removals are staged in one `FileTransaction` without touching the disk. Vendored files are never
 * edited afterwards (fixes go into overlays), so everything here is about placing the exact published text
 * predictably and refusing anything ambiguous before a single file changes.
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { InputError, InputErrors, throwAll } from "../errors.js";
import { FileTransaction, readIfExists } from "../file-transaction.js";
import { PROVENANCE_SUFFIX, RepoLayout } from "../repo-layout.js";
import { HTTP_METHODS, isObject, type OpenApiDocument, serverUrl } from "../spec/openapi-document.js";
import { operationDifference, pathText, shown } from "../spec/operation-definition.js";
import { servedBaseUrl } from "../spec/served-servers.js";
import { settingsForNewProvider } from "../spec/settings-suggestions.js";
import { asOpenApi3 } from "../spec/swagger-2.js";
import { readYamlValue } from "../spec/yaml-file.js";
import { type NewMethod, newMethods } from "./method-names.js";
import { assertProviderName, resolveProvider } from "./provider-name.js";
import { loadSource, type SpecSource, unreadOperations, type VendorInput } from "./read-input.js";
import {
  DocumentCache,
  differentDefinition,
  keptDefinition,
  replacedDefinition,
  sharedDifferences,
  type VendoredText,
} from "./shared-operations.js";
import { specNames } from "./spec-file-name.js";
import { isWebhookKey, operationKey, webhookKey } from "./spec-summary.js";
import { runReport } from "./vendor-report.js";
import {
  formatProvenance,
  loadVendoredFiles,
  overlaysExtending,
  type Provenance,
  sha256,
  type VendoredFile,
  vendoredWebhooks,
} from "./vendored-files.js";

export interface VendorResult {
  file: string;
  provider: string;
  name: string;
  /** Spec path relative to the repository root, with `/` separators. */
  specPath: string;
  /**
   * `covered`: every operation of the input is already vendored, identically, in other files (a page after
   * the complete document): nothing is written.
   */
  status: "vendored" | "unchanged" | "covered";
  /** Spec paths (relative) of files this input replaced. */
  removed: string[];
  /** For `covered`: the vendored files (relative) that hold the input's operations. */
  coveredBy?: string[];
  provenance: Provenance;
  /** The document's webhooks, as keys (`webhook call.completed`), as its provenance records them. */
  webhooks: string[];
  /** Methods for operations the provider did not have before this input. */
  methods: NewMethod[];
  /** What the user should know about the files this input replaced. */
  notes: string[];
}

export interface VendorPlan {
  transaction: FileTransaction;
  results: VendorResult[];
  /** The lines the CLI prints. */
  report: string[];
  /** What the report says about new providers' settings files (written, suggested fills): a part of `report`. */
  settings: string[];
}

export interface PlanOptions {
  root: string;
  provider?: string | undefined;
  /** `YYYY-MM-DD`, recorded as `vendoredAt` for new or changed specs. */
  date: string;
  /** The URL the (single) input was published at, recorded as its `source` over what the input says. */
  source?: string | undefined;
  /** Base for relative input paths; defaults to the process's working directory. */
  cwd?: string;
  /**
   * Whether a page this run will remove the files of (an index that no longer lists it, or whose page no
   * longer embeds a document): a file downloaded from it gives its name up to a page that takes it.
   */
  retired?: (url: string) => boolean;
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

interface Planner {
  layout: RepoLayout;
  options: PlanOptions;
  staged: StagedFiles;
  providers: Map<string, Map<string, VendoredFile>>;
  documents: DocumentCache;
  /** New providers (no vendored file, no settings file yet) and every document this run vendors for each. */
  added: Map<string, SpecSource[]>;
  /** The input each spec path of this run was staged from (`specs/acme/get-thing.yaml` → its page). */
  stagedFrom: Map<string, SpecSource>;
}

interface Overlaps {
  /** Vendored files all of whose operations the new document holds: it replaces them. */
  superseded: VendoredFile[];
  /** Vendored files that share some operations with the new document and have others too. */
  partial: Array<{ file: VendoredFile; shared: string[] }>;
  /** The refusal when a file of the document's name holds none of its operations (another name may do). */
  clash?: InputError;
}

/**
 * How the new document relates to what is vendored. A file whose operations it all holds is replaced (a new
 * revision of a page; the complete document absorbing a page). A file that shares some operations and has
 * others (the complete document, when a page arrives after it) stays, and the shared operations must be the
 * same (shared-operations.ts). A file that shares operations with a document that also has operations it
 * lacks would split one API over two files: refused in a few lines with the remedy. A file downloaded from
 * the address the document comes from is its previous revision, whatever operations either holds: it is
 * replaced. The file of the document's own name is its previous revision (even in another format: `.json` →
 * `.yaml`) when they share operations: it is replaced, and what the revision drops is reported by `sync` as
 * removed operations. A file of the same name with none of its operations would be clobbered: refused in a few
 * lines with the remedy.
 */
function overlaps(
  planner: Planner,
  source: SpecSource,
  target: { provider: string; name: string; specPath: string },
  operations: string[],
  vendored: Map<string, VendoredFile>,
): Overlaps {
  // One operation whatever its path parameters are called: OpenAPI holds `/numbers/{slug}` and
  // `/numbers/{number}` to be the same path, so a page that renames one is the operation's next revision.
  // Webhooks count as operations do (`webhook call.completed`): one file defines each.
  const webhooks = source.spec.webhooks.map(webhookKey);
  const incoming = new Set([...operations, ...webhooks].map(samePath));
  const result: Overlaps = { superseded: [], partial: [] };
  const { layout } = planner;
  const dir = layout.providerSpecs(target.provider);
  const shownFiles = (file: VendoredFile) =>
    [file.specFile, file.name + PROVENANCE_SUFFIX].flatMap((f) =>
      f && existsSync(join(dir, f)) ? [layout.relative(join(dir, f))] : [],
    );
  // A file an earlier input of this run stages is not on disk yet: there is nothing to `git rm`.
  const removal = (file: VendoredFile) => {
    const files = shownFiles(file);
    return files.length
      ? `git rm ${files.join(" ")}`
      : "it comes from an earlier input of this run: vendor one of the two";
  };
  for (const file of vendored.values()) {
    // What was downloaded from this address before is this page's previous revision, whatever it held: a
    // page that now documents its operation at another path (Twilio Studio's v1 → v2, each page at its
    // address) replaces it, and sync reports the operations it drops. It was refused as a name clash.
    if (file.url !== undefined && file.url === source.origin?.url) {
      result.superseded.push(file);
      continue;
    }
    const sharedOperations = file.operations.filter((op) => incoming.has(samePath(op)));
    const extraOperations = file.operations.filter((op) => !incoming.has(samePath(op)));
    // The file's webhooks, where they can change the outcome: shared with this document, or kept from being
    // replaced by one that holds all its operations but not them.
    const fileWebhooks =
      webhooks.length > 0 || (sharedOperations.length > 0 && extraOperations.length === 0)
        ? webhooksOf(planner, target.provider, file)
        : [];
    const shared = [...sharedOperations, ...fileWebhooks.filter((key) => incoming.has(key))];
    const extra = [...extraOperations, ...fileWebhooks.filter((key) => !incoming.has(key))];
    // The same method and path on another server is another API's operation (Vonage's SMS and Verify both
    // `POST /{format}`, under /sms and /verify): never a revision to replace, which silently deleted one.
    const servers =
      sharedOperations.length > 0 && file.name !== target.name && file.specFile
        ? bothServers(planner, source, target.provider, file)
        : undefined;
    if (servers && servers.theirs !== servers.ours) {
      const line = source.spec.operations.find(
        (op) => samePath(operationKey(op)) === samePath(shared[0]!),
      )?.line;
      const detail =
        `${listed(shared)} of this document ${shared.length === 1 ? "is" : "are"} also in ${shownSpec(planner, target.provider, file)}, ` +
        `on another server (${servers.theirs}; this document's: ${servers.ours}). An operation is known by its ` +
        "method and path, so one would replace the other. Vendor this document as a provider of its own " +
        `(--provider ${target.provider}-<product>), or, if both are one API, give them one server and paths ` +
        "that tell them apart with overlays";
      throw new InputError(source.file, detail, line);
    }
    // A provenance record whose spec is gone holds nothing to keep.
    if (
      ((extra.length === 0 || !file.specFile) && (shared.length > 0 || file.name === target.name)) ||
      (file.name === target.name && shared.length > 0)
    ) {
      result.superseded.push(file);
    } else if (shared.length > 0 && shared.length === incoming.size) {
      // Every operation of the new document is in this file (a page after the complete document). A whole
      // document of several operations that lacks some of the file's is more likely its newer version under
      // another name (`ghes-3.5.json` after `ghes-3.4.json`) that drops them: taken as a part, the dropped
      // operations would stay unsaid, so which it is is asked.
      if (source.kind === "spec" && incoming.size > 1) {
        const detail =
          `holds ${shared.length} of the ${shared.length + extra.length} ${kinds([...shared, ...extra])} of ${shownSpec(planner, target.provider, file)}, and not ${listed(extra)}. ` +
          `If it is a newer version of that document, remove the old one first (${removal(file)}) and vendor or sync it again: ` +
          "the changeset then releases the operations it drops. If it is one part of the API, there is nothing to vendor from it";
        throw new InputError(source.file, detail, source.spec.openapiLine);
      }
      result.partial.push({ file, shared });
    } else if (shared.length > 0) {
      // Each holds operations the other lacks: vendoring it beside would split one API over two files.
      const line = source.spec.operations.find(
        (op) => samePath(operationKey(op)) === samePath(shared[0]!),
      )?.line;
      const detail =
        `partial overlap: ${shownSpec(planner, target.provider, file)} already holds ${listed(shared)} of this document's, and ` +
        `${listed(extra)} it lacks; vendoring it as ${target.specPath} would split them over two files.\n` +
        `If this document replaces it, remove the old one first (${removal(file)}) ` +
        "and vendor again; `sync` then reports the operations it drops. Otherwise vendor a document that " +
        "covers all of them";
      throw new InputError(source.file, detail, line);
    } else if (file.name === target.name && file.url !== undefined && planner.options.retired?.(file.url)) {
      // The index no longer documents the page this file came from, and the run removes it: a page under a
      // new address that is named alike (Vonage's application API v2: `update-an-application.md`, whose
      // operationId names the file the retired `update-application.md` gave) takes its place.
      result.superseded.push(file);
    } else if (file.name === target.name) {
      const detail =
        `name clash: ${shownSpec(planner, target.provider, file)} already holds ${listed(file.operations)}, none of them in this document; ` +
        `remove it first (${removal(file)}) if this document replaces it`;
      result.clash = new InputError(source.file, detail, source.spec.openapiLine);
    }
  }
  return result;
}

/** An operation's key with its path parameters unnamed (`DELETE /numbers/{}`). */
const samePath = (key: string) => key.replace(/\{[^}]*\}/g, "{}");

const shownSpec = (planner: Planner, provider: string, file: VendoredFile) =>
  planner.layout.relative(
    join(planner.layout.providerSpecs(provider), file.specFile ?? file.name + PROVENANCE_SUFFIX),
  );

/** A document's first server, absolute and without a trailing slash; undefined when it has no such one. */
function absoluteServer(doc: OpenApiDocument | undefined): string | undefined {
  const server = doc?.servers?.[0];
  if (!server || typeof server.url !== "string") return undefined;
  try {
    const url = new URL(serverUrl(server));
    return /^https?:$/.test(url.protocol) ? `${url.origin}${url.pathname.replace(/\/+$/, "")}` : undefined;
  } catch {
    return undefined;
  }
}

/** The servers of a vendored file and of the new document, where both name an absolute one. */
function bothServers(
  planner: Planner,
  source: SpecSource,
  provider: string,
  file: VendoredFile,
): { theirs: string; ours: string } | undefined {
  const theirs = absoluteServer(planner.documents.vendored(vendoredText(planner, provider, file)).value);
  const ours = absoluteServer(planner.documents.source(source));
  return theirs && ours ? { theirs, ours } : undefined;
}

function vendoredText(planner: Planner, provider: string, file: VendoredFile): VendoredText {
  const path = join(planner.layout.providerSpecs(provider), file.specFile!);
  return { path, text: planner.staged.read(path) ?? "", operations: file.operations.length };
}

/** A vendored file's webhooks (`webhook call.completed`), as staged. */
function webhooksOf(planner: Planner, provider: string, file: VendoredFile): string[] {
  if (!file.specFile) return file.webhooks ?? [];
  const path = join(planner.layout.providerSpecs(provider), file.specFile);
  return vendoredWebhooks(file, planner.layout.relative(path), planner.staged.read(path));
}

/** Everything a vendored file defines: its operations, then its webhooks as far as they are known. */
const keysOf = (file: VendoredFile) => [...file.operations, ...(file.webhooks ?? [])];

/** What a list of keys is: `operations`, `webhooks`, or `operations and webhooks` (`operation` for one). */
function kinds(keys: readonly string[], count = keys.length): string {
  const hooks = keys.filter(isWebhookKey).length;
  if (hooks > 0 && hooks < keys.length) return "operations and webhooks";
  const kind = hooks > 0 ? "webhook" : "operation";
  return count === 1 ? kind : `${kind}s`;
}

/** `3 operations (GET /a, GET /b, GET /c)`, or the first few and how many more: errors stay a few lines. */
function listed(operations: string[], shown = 3): string {
  const count = `${operations.length} ${kinds(operations)}`;
  const more = operations.length > shown ? `, and ${operations.length - shown} more` : "";
  return `${count} (${operations.slice(0, shown).join(", ")}${more})`;
}

/**
 * The title a one-operation page's method was named from, when the page is vendored again under another
 * title: the name stays (operation-ids.ts names from `nameTitle ?? title`).
 */
function earlierNameTitle(
  planner: Planner,
  dir: string,
  earlier: ReadonlyArray<VendoredFile | undefined>,
  operations: readonly string[],
  title: string,
  infoTitle: string | undefined,
): string | undefined {
  if (operations.length !== 1) return undefined;
  for (const file of earlier) {
    if (file?.operations.length !== 1 || file.operations[0] !== operations[0]) continue;
    let record: Partial<Provenance> | undefined;
    try {
      record =
        JSON.parse(planner.staged.read(join(dir, file.name + PROVENANCE_SUFFIX)) ?? "null") ?? undefined;
    } catch {
      continue; // an unreadable record names nothing; loadVendoredFiles reports what it must
    }
    const named = record?.nameTitle ?? record?.title;
    if (typeof named === "string" && named !== "" && named !== title && named !== infoTitle) return named;
  }
  return undefined;
}

/**
 * A note when the document replacing a vendored file says it is an older version of the API than that file
 * does (a page of the documentation's previous version, saved by mistake): it still replaces it, as asked.
 */
function olderVersion(
  planner: Planner,
  provider: string,
  file: VendoredFile,
  source: SpecSource,
): string | undefined {
  const versionOf = (doc: OpenApiDocument | undefined) =>
    typeof doc?.info?.version === "string" ? doc.info.version : undefined;
  const incoming = versionOf(planner.documents.source(source));
  if (!file.specFile || !incoming || !/\d/.test(incoming)) return undefined;
  const vendoredVersion = versionOf(planner.documents.vendored(vendoredText(planner, provider, file)).value);
  if (!vendoredVersion || !/\d/.test(vendoredVersion)) return undefined;
  if (new Intl.Collator("en", { numeric: true }).compare(incoming, vendoredVersion) >= 0) return undefined;
  return (
    `  note: ${source.file} says it is version ${incoming} of the API, older than the ${vendoredVersion} of ` +
    `${shownSpec(planner, provider, file)}, which it replaces; if that is not meant, vendor the newer page again`
  );
}

/**
 * The source a replaced file recorded, for a document given as a local file that names none (a download saved
 * and vendored again, without `--source`): the address it came from is still known, and not lost.
 */
function keptSource(
  planner: Planner,
  dir: string,
  source: SpecSource,
  earlier: ReadonlyArray<VendoredFile | undefined>,
): string | null {
  if (source.origin) return null;
  for (const file of earlier) {
    if (!file) continue;
    try {
      const record = JSON.parse(planner.staged.read(join(dir, file.name + PROVENANCE_SUFFIX)) ?? "null");
      if (typeof record?.source === "string" && record.source !== "") return record.source;
    } catch {
      // an unreadable record keeps nothing; loadVendoredFiles reports what it must
    }
  }
  return null;
}

function planOne(planner: Planner, source: SpecSource): VendorResult {
  const { layout, staged } = planner;
  const root = layout.root;
  const provider = resolveProvider(source, root, planner.options.provider);
  const dir = layout.providerSpecs(provider);
  let vendored = planner.providers.get(provider);
  if (!vendored) {
    vendored = loadVendoredFiles(root, provider);
    planner.providers.set(provider, vendored);
    if (vendored.size === 0 && !existsSync(layout.providerSettings(provider)))
      planner.added.set(provider, []);
  }
  const operations = [...new Set(source.spec.operations.map(operationKey))].sort();
  const known = new Set([...vendored.values()].flatMap((file) => file.operations));
  // The first name no file holding other operations has: a page whose operationId names the file of another
  // operation's page (the two operationIds alike once kebab-cased) is named by its method and path.
  const candidates = specNames(source);
  let firstClash: InputError | undefined;
  let chosen: { name: string; target: { provider: string; name: string; specPath: string }; found: Overlaps };
  for (const name of candidates) {
    const target = { provider, name, specPath: layout.relative(join(dir, `${name}.${source.format}`)) };
    const found = overlaps(planner, source, target, operations, vendored);
    chosen = { name, target, found };
    firstClash ??= found.clash;
    if (!found.clash) break;
  }
  // Refused with the first name's clash, the one the user expects: the others are only fallbacks.
  if (chosen!.found.clash) throw firstClash;
  const { name, target } = chosen!;
  const { superseded, partial } = chosen!.found;
  planner.added.get(provider)?.push(source);
  const specFile = `${name}.${source.format}`;
  const specPath = join(dir, specFile);
  const provenancePath = join(dir, name + PROVENANCE_SUFFIX);
  const previous = vendored.get(name);
  if (!previous && staged.read(specPath) !== undefined) {
    const detail = `${target.specPath} exists but is not a vendored OpenAPI document; move it away first`;
    throw new InputError(source.file, detail);
  }

  // Only a page's own heading names a method: a title that is the document's `info.title` never does.
  const pageHeading = source.kind === "page" && source.title !== source.spec.title ? source.title : null;
  const nameTitle =
    pageHeading &&
    earlierNameTitle(planner, dir, [previous, ...superseded], operations, pageHeading, source.spec.title);
  const provenance: Provenance = {
    title: source.title,
    ...(nameTitle ? { nameTitle } : {}),
    page: basename(source.file),
    source:
      planner.options.source ?? source.source ?? keptSource(planner, dir, source, [previous, ...superseded]),
    ...source.origin,
    ...(source.origin && source.kind === "spec" ? { kind: "document" as const } : {}),
    operations,
    webhooks: source.spec.webhooks.map(webhookKey).sort(),
    sha256: sha256(source.text),
    vendoredAt: planner.options.date,
  };
  const common = {
    file: source.file,
    provider,
    name,
    specPath: target.specPath,
    provenance,
    webhooks: source.spec.webhooks.map(webhookKey),
    notes: [] as string[],
  };
  const served =
    source.kind === "spec" && source.origin
      ? servedBaseUrl(source.spec.serverUrl, source.origin.url)
      : undefined;
  if (served !== undefined && operations.length > 0) {
    const written =
      source.spec.serverUrl === undefined
        ? "names no server"
        : `names the relative server "${source.spec.serverUrl}"`;
    common.notes.push(
      `  note: the document ${written}, so by OpenAPI's rule its API is where it was served: the client ` +
        `calls ${served}. If the API is elsewhere, give its URL with an overlay on $.servers`,
    );
  }

  const keys = [...operations, ...common.webhooks];
  if (partial.length > 0) {
    const covered = keys.every((key) => partial.some(({ shared }) => shared.includes(key)));
    // Held whole by larger documents: as a larger document replaces a smaller file whatever their
    // definitions say (below), a smaller one arriving after it is left out, its differences noted, so the
    // folder is the same in either order. Otherwise the differences are refused.
    const smaller = covered && partial.every(({ file }) => keysOf(file).length > keys.length);
    const differences = partial.flatMap(({ file, shared }) => {
      const text = vendoredText(planner, provider, file);
      return sharedDifferences(planner.documents, source, text, shared).map((found) => ({
        file,
        text,
        found,
      }));
    });
    if (!smaller)
      throwAll(
        differences.map(({ text, found }) => differentDefinition(planner.documents, source, text, found)),
      );
    for (const { file, found } of differences)
      common.notes.push(keptDefinition(shownSpec(planner, provider, file), found));
    if (covered) {
      const coveredBy = partial.map(({ file }) => shownSpec(planner, provider, file));
      return { ...common, status: "covered", removed: [], coveredBy, methods: [] };
    }
  }

  // Two inputs of one run for one file (two revisions of a page, say) leave it to their order which is kept:
  // refused unless they are the same bytes.
  const earlier = planner.stagedFrom.get(specPath);
  if (earlier && earlier.text !== source.text) {
    // Where they differ, as for a vendored file: the first operation defined otherwise.
    const [left, right] = [planner.documents.source(earlier), planner.documents.source(source)];
    const differing = operations.flatMap((operation) => {
      const space = operation.indexOf(" ");
      const found = operationDifference(
        left,
        right,
        operation.slice(space + 1),
        operation.slice(0, space).toLowerCase(),
      );
      return found
        ? [`${operation} at ${pathText(found.at)}: ${shown(found.left)} there, ${shown(found.right)} here`]
        : [];
    })[0];
    const detail =
      `defines ${listed(operations)} as ${target.specPath}, as ${earlier.file} in this run does, differently` +
      `${differing ? ` (${differing})` : ""}; vendor one of them`;
    throw new InputError(source.file, detail, source.spec.openapiLine);
  }
  planner.stagedFrom.set(specPath, source);
  const specUnchanged = previous?.specFile === specFile && staged.read(specPath) === source.text;
  // The date records when these bytes arrived, so re-vendoring identical bytes keeps it.
  if (specUnchanged && previous?.vendoredAt) provenance.vendoredAt = previous.vendoredAt;
  const provenanceText = formatProvenance(provenance);
  const unchanged = specUnchanged && staged.read(provenancePath) === provenanceText;

  const removed: string[] = [];
  for (const file of superseded) {
    const absorbed = file.name !== name && file.specFile && keys.length > keysOf(file).length;
    if (absorbed) {
      const text = vendoredText(planner, provider, file);
      for (const found of sharedDifferences(planner.documents, source, text, keysOf(file)))
        common.notes.push(replacedDefinition(shownSpec(planner, provider, file), found));
    }
    const older = olderVersion(planner, provider, file, source);
    if (older) common.notes.push(older);
    if (file.specFile && file.specFile !== specFile) {
      staged.remove(join(dir, file.specFile));
      removed.push(layout.relative(join(dir, file.specFile)));
      for (const overlay of overlaysExtending(root, provider, file.specFile)) {
        common.notes.push(
          `  note: ${overlay} extends ${file.specFile}, which is gone: point its \`extends\` at ../${specFile} ` +
            "if the fix still applies there, or delete it (generation fails until then)",
        );
      }
    }
    if (file.name !== name) staged.remove(join(dir, file.name + PROVENANCE_SUFFIX));
    vendored.delete(file.name);
  }
  staged.write(specPath, source.text);
  staged.write(provenancePath, provenanceText);
  vendored.set(name, {
    name,
    specFile,
    operations,
    webhooks: common.webhooks,
    vendoredAt: provenance.vendoredAt,
    url: provenance.url,
  });

  const status = unchanged && removed.length === 0 ? "unchanged" : "vendored";
  return { ...common, status, removed, methods: newMethods(source, known) };
}

/**
 * A document with neither operations nor webhooks is refused before anything is written: the bundle refuses
 * it (there is nothing to call or receive), and vendored it would stop the provider's generation until removed.
 */
function refuseEmpty(source: SpecSource): void {
  if (source.spec.operations.length > 0 || source.spec.webhooks.length > 0) return;
  throw (
    unreadOperations(source) ??
    new InputError(
      source.file,
      "defines no operations or webhooks (a page about schemas?): there is nothing to call or receive, so nothing is vendored; the schemas come with the documents of the operations that use them",
      source.spec.openapiLine,
    )
  );
}

/**
 * Reads every input and stages the resulting writes and removals without touching the disk. Inputs are
 * planned in order against the state the earlier ones leave, so two pages of one provider in a single
 * invocation accumulate (or replace each other) exactly as in two invocations.
 */
export function planVendor(inputs: ReadonlyArray<string | VendorInput>, options: PlanOptions): VendorPlan {
  if (options.provider !== undefined) {
    assertProviderName(options.provider);
    if (new RepoLayout(options.root).isOwnPackage(options.provider))
      throw new InputError(
        "--provider",
        `"${options.provider}" is the name of the repository's own packages/${options.provider} (not a provider's package, which the generator would write over it): choose another name`,
      );
  }
  if (options.source !== undefined && inputs.length !== 1)
    throw new InputError("--source", `names where one document was published; got ${inputs.length} inputs`);
  const planner: Planner = {
    layout: new RepoLayout(options.root),
    options,
    staged: new StagedFiles(),
    providers: new Map(),
    documents: new DocumentCache(options.root),
    added: new Map(),
    stagedFrom: new Map(),
  };
  const cwd = options.cwd ?? process.cwd();
  // Every input is planned even after one fails, so all problems are reported at once; a failed input
  // stages nothing.
  const results: VendorResult[] = [];
  const problems: InputError[] = [];
  // In the order of their names, not as given: which of two pages of one operation names its method, which
  // of two documents is kept, is then the same whatever order a shell or an index listed them in.
  const key = (input: string | VendorInput) => (typeof input === "string" ? input : input.file);
  const ordered = [...inputs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const input of ordered) {
    try {
      const source = loadSource(input, cwd);
      refuseEmpty(source);
      results.push(planOne(planner, source));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...(error instanceof InputErrors ? error.errors : [error]));
    }
  }
  throwAll(problems);
  const settings = [...planner.added].flatMap(([provider, sources]) =>
    stageSettings(planner, provider, sources),
  );
  const report = [...runReport(results), ...settings];
  return { transaction: planner.staged.transaction, results, report, settings };
}

/**
 * A new provider's settings file (specs/<provider>/switchboard.yaml), from the documents this run vendors for
 * it: its credentials named by the naming scheme, nothing filled; fills the documents suggest are printed
 * with the line to add, for a person to confirm. All of them, not the first alone: pages come one operation
 * each, and the first (Twilio's `GET /Accounts.json`) may lack the path parameter most others share.
 */
function stageSettings(planner: Planner, provider: string, sources: readonly SpecSource[]): string[] {
  const path = planner.layout.providerSettings(provider);
  // Suggestions only: a document the converter cannot read is left out here, and the check after vendoring
  // reports what is wrong with it at its line. Each is parsed as it is combined, and let go: a site's pages
  // each carry the components their operation reaches, hundreds of times the same (Stripe's 452 pages are
  // 380 MB), and all of them parsed at once ran out of memory.
  function* documents() {
    for (const source of sources) {
      let document: OpenApiDocument;
      try {
        document = asOpenApi3(readYamlValue(source.text));
      } catch {
        continue;
      }
      yield document;
    }
  }
  const { text, report } = settingsForNewProvider(
    combined(documents()),
    provider,
    planner.layout.relative(path),
  );
  planner.staged.write(path, text);
  return report;
}

/**
 * The operations and components of several documents of one provider in one document, for suggestions
 * only: the first document's other fields, a path's operations from whichever documents have them, and a
 * component from the first document that defines it (`generate`'s merge decides the rest).
 */
function combined(documents: Iterable<OpenApiDocument>): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  let first: OpenApiDocument | undefined;
  // Each document's top-level `security` is its own operations' (a page of another scheme says so for its
  // operation only), and the bundle's is the one declared by the documents holding the most operations, as
  // `generate`'s merge settles it (merge-documents.ts): taken from the first document alone, the suggested
  // credentials depended on the order the pages were given, and could leave a scheme out.
  const securityWeight = new Map<string, { security: unknown; operations: number }>();
  for (const doc of documents) {
    first ??= doc;
    const own = doc.security;
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (own !== undefined && isObject(item)) {
        for (const method of HTTP_METHODS) {
          const operation = item[method];
          if (!isObject(operation)) continue;
          if (operation.security === undefined) operation.security = own;
          const key = JSON.stringify(own);
          const weight = securityWeight.get(key) ?? { security: own, operations: 0 };
          weight.operations++;
          securityWeight.set(key, weight);
        }
      }
      paths[path] = { ...paths[path], ...item };
    }
    for (const [section, members] of Object.entries(doc.components ?? {}))
      components[section] = { ...members, ...components[section] };
  }
  const heaviest = [...securityWeight.values()].reduce<{ security: unknown; operations: number } | undefined>(
    (best, next) => (!best || next.operations > best.operations ? next : best),
    undefined,
  );
  const { security: _, ...rest } = first ?? ({} as OpenApiDocument);
  return {
    ...rest,
    ...(heaviest ? { security: heaviest.security } : {}),
    paths,
    components,
  } as OpenApiDocument;
}
