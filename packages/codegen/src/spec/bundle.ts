/**
 * One OpenAPI document per provider: every vendored file of `specs/<provider>/`, each with the overlays that
 * `extends` it, combined per operation (merge-documents.ts states the rules), then the provider-wide
 * overlays; operations the provider gave no operationId are named from their page's title or summary. The
 * bundle is what both the type generator and the Prism mocks read, so the client and its mocks never
 * disagree about the API.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { InputError, InputErrors, throwAll } from "../errors.js";
import { isVendoredSpec, PROVENANCE_SUFFIX, RepoLayout } from "../repo-layout.js";
import { isDocumentUrl } from "../vendor/index/page-url.js";
import { dropClientOwnedHeaders } from "./client-owned-headers.js";
import { renameComponents } from "./component-rename.js";
import { hoistDeepRefs } from "./deep-refs.js";
import { type MergeSource, mergeDocuments } from "./merge-documents.js";
import {
  fullOpenApiVersion,
  type OpenApiDocument,
  operationKey,
  operationsOf,
  WEBHOOK_SECTIONS,
  webhookItems,
} from "./openapi-document.js";
import { nameFromDocumentation } from "./operation-ids.js";
import { applyOverlay, loadOverlays, overlayWriting } from "./overlays.js";
import { operationPageTitle } from "./page-title.js";
import { inlinePathItemRefs } from "./path-item-refs.js";
import { dropEmptyPathValues } from "./path-parameter-values.js";
import { resolveServedServers } from "./served-servers.js";
import { checkBundledSpec, type JsonPath, locate } from "./spec-checks.js";
import { readAsOpenApi3 } from "./swagger-2.js";
import { type ParsedFile, parseYamlFile } from "./yaml-file.js";

export interface SourceFile {
  /** Repository-relative path. */
  readonly file: string;
  readonly sha256: string;
  /** From the file's provenance record, when it has one. */
  readonly vendoredAt?: string;
  readonly source?: string | null;
  /** The documentation page the file was cut from, when it was fetched from one (provenance `url`). */
  readonly page?: string;
  /** `METHOD /path` of each operation the file holds, from its provenance record. */
  readonly operations?: readonly string[];
}

export interface Bundle {
  readonly provider: string;
  readonly document: OpenApiDocument;
  readonly specs: SourceFile[];
  readonly overlays: SourceFile[];
  /** The vendored file and line a node of `document` comes from, for errors found later (spec-checks.ts). */
  readonly locate?: (at: JsonPath) => { file: string; line?: number };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function bundleProvider(
  root: string,
  provider: string,
  options: {
    /** Problems of a later stage (the servers') to report with the structural checks' when those fail. */
    alsoReport?: (document: OpenApiDocument, locate: NonNullable<Bundle["locate"]>) => InputError[];
  } = {},
): Promise<Bundle> {
  const layout = new RepoLayout(root);
  const dir = layout.providerSpecs(provider);
  if (!existsSync(dir))
    throw new InputError(
      relative(root, dir),
      existsSync(layout.manifest(provider))
        ? `no such provider folder, but packages/${provider} is there: to remove the provider, delete packages/${provider} too, then run \`npm install\` (the lockfile) and \`npm run generate\` (the facade)`
        : "no such provider folder",
    );
  const specFiles = readdirSync(dir).filter(isVendoredSpec).sort();
  if (specFiles.length === 0) throw new InputError(relative(root, dir), "no vendored spec files");

  // Overlays whose only problem is an action without its reason are applied still: what else is wrong with
  // them (an action that matches nothing) is reported in the same run.
  const overlayProblems: InputError[] = [];
  const overlays = loadOverlays(root, provider, overlayProblems);
  const reasonless = overlayProblems.length;
  const parsed = specFiles.map((name) => {
    return checkOpenApi3(readAsOpenApi3(parseYamlFile(join(dir, name), root)));
  });

  for (const overlay of overlays) {
    if (overlay.extends && !parsed.some((p) => p.path === overlay.extends)) {
      throw new InputError(
        overlay.parsed.file,
        `extends ${relative(root, overlay.extends)}, which is not a vendored spec of ${provider}`,
        overlay.parsed.lineOf(["extends"]),
      );
    }
  }

  const sources: MergeSource[] = [];
  const pageTitles = new Map<string, string>();
  const provenances = parsed.map((file) => provenanceOf(root, file.path));
  for (const [i, file] of parsed.entries()) {
    let doc = structuredClone(file.value) as object;
    for (const overlay of overlays.filter((o) => o.extends === file.path))
      doc = await applyOverlay(doc, overlay, overlayProblems);
    dropPathsExtensions(doc as OpenApiDocument);
    inlinePathItemRefs(doc as OpenApiDocument);
    const provenance = provenances[i]!;
    sources.push({ file: file.file, document: doc as OpenApiDocument, lineOf: file.lineOf, ...provenance });
    const operations = [...operationsOf(file.value)];
    const title = operationPageTitle(provenance, file.value.info?.title, operations.length);
    if (title && !pageTitles.has(operationKey(operations[0]!)))
      pageTitles.set(operationKey(operations[0]!), title);
  }

  // An action of a file's overlay that matched nothing may explain what merging would refuse: said first.
  if (overlayProblems.length > reasonless) throwAll(overlayProblems);
  let document = mergeDocuments(sources, provider);
  const label = `${relative(root, dir)} (bundled with overlays)`;
  const specSources = {
    provider,
    label,
    files: parsed,
    overlayAt: (at: JsonPath) => overlayWriting(at, overlays),
  };
  const providerWide = overlays.filter((o) => !o.extends);
  for (const overlay of providerWide) {
    document = (await applyOverlay(document, overlay, overlayProblems)) as OpenApiDocument;
  }
  throwAll(overlayProblems);
  // A provider-wide overlay may rename a component too (no clash to settle then, a better name to give):
  // the whole bundle's references follow, and a problem is shown where the component is declared.
  if (providerWide.length) {
    const problems: InputError[] = [];
    renameComponents({ file: label, document, lineOf: () => undefined }, problems, (at) =>
      locate(at, specSources),
    );
    throwAll(problems);
  }
  // After the overlays, so that one giving the servers outright is what counts.
  resolveServedServers(
    document,
    provenances.flatMap((p) => (p.kind === "document" && p.url ? [p.url] : [])),
  );
  // Structural checks only now, after every overlay, so an overlay can fix whatever they find (spec-checks.ts).
  nameFromDocumentation(document, pageTitles);
  try {
    checkBundledSpec(document, specSources);
  } catch (error) {
    if (!(error instanceof InputError) || !options.alsoReport) throw error;
    const later = options.alsoReport(document, (at) => locate(at, specSources));
    throwAll([...later, ...(error instanceof InputErrors ? error.errors : [error])]);
  }
  // After the checks, which report problems where the vendored file has them (and where an overlay reaches
  // them), not in the components this makes.
  hoistDeepRefs(document);
  dropClientOwnedHeaders(document);
  dropEmptyPathValues(document);

  return {
    provider,
    document,
    specs: parsed.map((file, i) => ({
      file: file.file,
      sha256: sha256(file.text),
      ...(provenances[i]!.vendoredAt ? { vendoredAt: provenances[i]!.vendoredAt } : {}),
      ...(provenances[i]!.source !== undefined ? { source: provenances[i]!.source } : {}),
      ...(provenances[i]!.url && provenances[i]!.kind !== "document" && !isDocumentUrl(provenances[i]!.url!)
        ? { page: provenances[i]!.url }
        : {}),
      ...(provenances[i]!.operations ? { operations: provenances[i]!.operations } : {}),
    })),
    overlays: overlays.map((o) => ({ file: o.parsed.file, sha256: sha256(o.parsed.text) })),
    locate: (at) => locate(at, specSources),
  };
}

interface ProvenanceFacts {
  vendoredAt?: string;
  source?: string | null;
  title?: string;
  /** The title the method was named from, when the page was retitled since (vendor/vendored-files.ts). */
  nameTitle?: string;
  page?: string;
  /** Where a document downloaded as itself (`kind: document`) was served. */
  url?: string;
  kind?: string;
  operations?: readonly string[];
}

function provenanceOf(root: string, specPath: string): ProvenanceFacts {
  const path = specPath.replace(/\.[^.]+$/, PROVENANCE_SUFFIX);
  if (!existsSync(path)) return {};
  const record = parseYamlFile(path, root).value ?? {};
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    ...(text(record.vendoredAt) ? { vendoredAt: record.vendoredAt } : {}),
    source: text(record.source) ?? null,
    ...(text(record.title) ? { title: record.title } : {}),
    ...(text(record.nameTitle) ? { nameTitle: record.nameTitle } : {}),
    ...(text(record.page) ? { page: record.page } : {}),
    ...(text(record.url) ? { url: record.url } : {}),
    ...(text(record.kind) ? { kind: record.kind } : {}),
    ...(Array.isArray(record.operations)
      ? { operations: record.operations.filter((op: unknown): op is string => typeof op === "string") }
      : {}),
  };
}

/**
 * The Paths Object's specification extensions (Apicurio's `x-codegen-contextRoot: /apis/registry/v2`) left
 * out: OpenAPI allows them there, and they are no paths, while every stage after this one reads each entry of
 * `paths` as a path item. The same of the webhooks' sections (Apideck's `x-webhooks` holds
 * `x-sdk-exclude: true` beside its events).
 */
function dropPathsExtensions(doc: OpenApiDocument): void {
  for (const section of ["paths", ...WEBHOOK_SECTIONS]) {
    const items = doc[section];
    if (!items || typeof items !== "object") continue;
    for (const key of Object.keys(items))
      if (key.startsWith("x-")) delete (items as Record<string, unknown>)[key];
  }
}

/** The file, checked, its version read in full (`openapi: 3.1`, which the vendor step takes, as 3.1.0). */
function checkOpenApi3(file: ParsedFile): ParsedFile {
  const version = file.value?.openapi;
  const full = fullOpenApiVersion(version);
  if (full === undefined) {
    throw new InputError(
      file.file,
      `not an OpenAPI 3.0, 3.1 or 3.2 document (openapi: ${JSON.stringify(version)})`,
      file.lineOf(["openapi"]),
    );
  }
  // A document of webhooks alone is one: providers publish their events apart from their API (Adyen's
  // notification documents), and a provider's files combine into one package (merge-documents.ts).
  const hasWebhooks = webhookItems(file.value ?? {}).length > 0;
  // Counted as the bundle will see them: a path that is a `$ref` to a path item has its operations.
  const paths = file.value?.paths;
  const counted = { ...file.value, paths: paths && typeof paths === "object" ? { ...paths } : paths };
  inlinePathItemRefs(counted);
  if (![...operationsOf(counted)].length && !hasWebhooks)
    throw new InputError(file.file, "the document has no operations or webhooks", file.lineOf(["paths"]));
  return full === version ? file : { ...file, value: { ...file.value, openapi: full } };
}
