/**
 * What is already vendored for a provider (`specs/<provider>/*.yaml` with their provenance records), which
 * the vendoring plan compares each new document with, and the provenance record it writes.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { InputError } from "../errors.js";
import { isDirectory, readIfExists } from "../file-transaction.js";
import { publicUrl, withPublicUrls } from "../public-url.js";
import {
  isOverlayFile,
  PROVENANCE_SUFFIX,
  RepoLayout,
  SETTINGS_FILE,
  SPEC_EXTENSIONS,
} from "../repo-layout.js";
import { classifyDocument, operationKey, webhookKey } from "./spec-summary.js";

export interface Provenance {
  title: string | null;
  /**
   * The title the operation's method was named from, when the page has been retitled since: a method keeps
   * its name whatever the documentation calls its page later (a rename is a breaking change).
   */
  nameTitle?: string;
  page: string;
  source: string | null;
  /**
   * What was downloaded, a page or (`vendor <url>`) the document itself: its URL and its HTTP validators.
   * Only a document's own URL says where its API is, for one that names no absolute server
   * (spec/served-servers.ts); `kind` tells the two apart, and is absent for pages.
   */
  url?: string;
  kind?: "document";
  etag?: string | null;
  lastModified?: string | null;
  operations: string[];
  /**
   * Its webhooks' keys (`webhook call.completed`), when it has any: a webhook, like an operation, has one file,
   * so a webhook page beside the complete document that holds it is that document's to replace or leave out.
   */
  webhooks?: string[];
  sha256: string;
  vendoredAt: string;
}

/** A document already vendored for a provider (on disk, or staged earlier in this invocation). */
export interface VendoredFile {
  name: string;
  /** Basename of the spec; undefined when only the provenance file is left. */
  specFile: string | undefined;
  operations: string[];
  /**
   * Its webhooks' keys: from its provenance, or read from its spec the first time a run needs them
   * (`vendoredWebhooks`), as records written before webhooks were recorded have none.
   */
  webhooks?: string[] | undefined;
  vendoredAt: string | undefined;
  /** The address it was downloaded from (a page of an index, or `vendor <url>`), from its provenance. */
  url?: string | undefined;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function formatProvenance(provenance: Provenance): string {
  // Spelled out so the key order is fixed by this code, not by how the object was built.
  const {
    title,
    nameTitle,
    page,
    source,
    url,
    kind,
    etag,
    lastModified,
    operations,
    webhooks,
    sha256,
    vendoredAt,
  } = provenance;
  const fetched =
    url === undefined
      ? {}
      : {
          url: publicUrl(url),
          ...(kind ? { kind } : {}),
          etag: etag ?? null,
          lastModified: lastModified ?? null,
        };
  const named = nameTitle === undefined ? {} : { nameTitle };
  // `--source <url>` as given: the page it names is linked from the package, so without a token in it.
  const shown = source === null ? null : withPublicUrls(source);
  const received = webhooks?.length ? { webhooks } : {};
  return `${JSON.stringify({ title, ...named, page, source: shown, ...fetched, operations, ...received, sha256, vendoredAt }, null, 2)}\n`;
}

function parseProvenance(text: string): Partial<Provenance> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return undefined;
    const { operations, webhooks, vendoredAt, url } = value as Record<string, unknown>;
    const strings = (list: unknown) =>
      Array.isArray(list) && list.every((item) => typeof item === "string") ? list : undefined;
    return {
      url: typeof url === "string" ? url : undefined,
      operations: strings(operations),
      webhooks: strings(webhooks),
      vendoredAt: typeof vendoredAt === "string" ? vendoredAt : undefined,
    };
  } catch {
    return undefined;
  }
}

function summaryOfSpecFile(
  path: string,
  shownAs: string,
  text = readIfExists(path),
): { operations: string[]; webhooks: string[] } | undefined {
  if (text === undefined) return undefined;
  const result = classifyDocument({ file: shownAs, text, lineOffset: 0, columnOffset: 0 });
  return result.kind === "spec"
    ? {
        operations: result.spec.operations.map(operationKey).sort(),
        webhooks: result.spec.webhooks.map(webhookKey).sort(),
      }
    : undefined;
}

/**
 * A vendored file's webhooks: as recorded, else read from its spec (`text`, as staged) once and kept. A spec
 * that names no webhooks (`webhooks:`, `x-webhooks:`) is not parsed: a provider's complete document is
 * megabytes, and most runs compare pages with it.
 */
export function vendoredWebhooks(file: VendoredFile, path: string, text: string | undefined): string[] {
  if (!file.webhooks)
    file.webhooks =
      text !== undefined && /webhooks/.test(text)
        ? (summaryOfSpecFile(path, path, text)?.webhooks ?? [])
        : [];
  return file.webhooks;
}

function vendoredName(entry: string): string | undefined {
  if (entry === SETTINGS_FILE) return undefined;
  if (entry.endsWith(PROVENANCE_SUFFIX)) return entry.slice(0, -PROVENANCE_SUFFIX.length);
  const extension = extname(entry);
  return (SPEC_EXTENSIONS as readonly string[]).includes(extension)
    ? entry.slice(0, -extension.length)
    : undefined;
}

/**
 * What is vendored for a provider, keyed by name: every top-level spec or provenance file of
 * `specs/<provider>/` (overlays live in subfolders). Operations come from the provenance file, else from
 * parsing the spec, so a spec copied in by hand is still replaced rather than duplicated.
 */
export function loadVendoredFiles(root: string, provider: string): Map<string, VendoredFile> {
  const layout = new RepoLayout(root);
  const dir = layout.providerSpecs(provider);
  const files = new Map<string, VendoredFile>();
  if (!isDirectory(dir)) return files;
  const names = new Set(readdirSync(dir).flatMap((entry) => vendoredName(entry) ?? []));
  for (const name of [...names].sort()) {
    const specFile = SPEC_EXTENSIONS.map((ext) => name + ext).find((f) => existsSync(join(dir, f)));
    const provenancePath = join(dir, name + PROVENANCE_SUFFIX);
    const provenanceText = readIfExists(provenancePath);
    const provenance = provenanceText === undefined ? undefined : parseProvenance(provenanceText);
    const summary =
      provenance?.operations === undefined && specFile
        ? summaryOfSpecFile(join(dir, specFile), layout.relative(join(dir, specFile)))
        : undefined;
    const operations = provenance?.operations ?? summary?.operations;
    if (!operations) {
      // A stray non-OpenAPI file is not ours to judge (the target-path check still keeps us off it), but
      // a provenance file we cannot use means the folder is damaged.
      if (provenanceText === undefined) continue;
      const detail =
        "cannot tell which operations this vendored file holds: its provenance and its spec are unreadable";
      throw new InputError(layout.relative(provenancePath), detail);
    }
    const webhooks = provenance?.webhooks ?? summary?.webhooks;
    files.set(name, {
      name,
      specFile,
      operations,
      webhooks,
      vendoredAt: provenance?.vendoredAt,
      url: provenance?.url,
    });
  }
  return files;
}

/**
 * The overlays of a provider that `extends` the given spec file (by its basename), for the warning that a run
 * removed a file an overlay still points at. Overlays that cannot be read are left to the bundle to report.
 */
export function overlaysExtending(root: string, provider: string, specFile: string): string[] {
  const layout = new RepoLayout(root);
  const dir = layout.overlaysDir(provider);
  if (!isDirectory(dir)) return [];
  return readdirSync(dir)
    .filter(isOverlayFile)
    .sort()
    .filter((name) => {
      try {
        const overlay = load(readIfExists(join(dir, name)) ?? "", { schema: CORE_SCHEMA }) as {
          extends?: unknown;
        };
        return (
          typeof overlay?.extends === "string" && join(dir, overlay.extends) === join(dir, "..", specFile)
        );
      } catch {
        return false;
      }
    })
    .map((name) => layout.relative(join(dir, name)));
}
