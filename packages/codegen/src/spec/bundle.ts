/**
 * One OpenAPI document per provider: every vendored file of `specs/<provider>/`, each with the overlays that
 * `extends` it, merged by openapi-merge (identical components are shared; components that clash by name
 * are prefixed with their file's name), then the provider-wide overlays. The bundle is what both the type
 * generator and the Prism mocks read, so the client and its mocks never disagree about the API.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { isErrorResult, merge } from "openapi-merge";
import { InputError } from "../errors.js";
import { pascalCase } from "../naming.js";
import { isVendoredSpec, PROVENANCE_SUFFIX, RepoLayout } from "../repo-layout.js";
import { type OpenApiDocument, operationsOf } from "./openapi-document.js";
import { applyOverlay, loadOverlays } from "./overlays.js";
import { checkBundledSpec, type JsonPath, locate } from "./spec-checks.js";
import { type ParsedFile, parseYamlFile } from "./yaml-file.js";

export interface SourceFile {
  /** Repository-relative path. */
  readonly file: string;
  readonly sha256: string;
  /** From the file's provenance record, when it has one. */
  readonly vendoredAt?: string;
  readonly source?: string | null;
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

export async function bundleProvider(root: string, provider: string): Promise<Bundle> {
  const dir = new RepoLayout(root).providerSpecs(provider);
  if (!existsSync(dir)) throw new InputError(relative(root, dir), `no such provider folder`);
  const specFiles = readdirSync(dir).filter(isVendoredSpec).sort();
  if (specFiles.length === 0) throw new InputError(relative(root, dir), "no vendored spec files");

  const overlays = loadOverlays(root, provider);
  const parsed = specFiles.map((name) => {
    const file = parseYamlFile(join(dir, name), root);
    checkOpenApi3(file);
    return file;
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

  const inputs = [];
  for (const file of parsed) {
    let doc = structuredClone(file.value) as object;
    for (const overlay of overlays.filter((o) => o.extends === file.path))
      doc = await applyOverlay(doc, overlay);
    inputs.push({ oas: doc as any, dispute: { prefix: `${pascalCase(stem(file.path))}_` } });
  }

  let document: OpenApiDocument;
  if (inputs.length === 1) {
    document = inputs[0]!.oas;
  } else {
    const result = merge(inputs);
    if (isErrorResult(result)) {
      throw new InputError(
        relative(root, dir),
        `cannot merge the vendored specs: ${result.message} (${result.type})`,
      );
    }
    // openapi-merge leaves unset top-level fields as `undefined`; a JSON round trip drops them.
    document = JSON.parse(JSON.stringify(result.output));
  }
  for (const overlay of overlays.filter((o) => !o.extends)) {
    document = (await applyOverlay(document, overlay)) as OpenApiDocument;
  }
  // Structural checks only now, after every overlay, so an overlay can fix whatever they find (spec-checks.ts).
  const label = `${relative(root, dir)} (bundled with overlays)`;
  const sources = { provider, label, files: parsed };
  checkBundledSpec(document, sources);

  return {
    provider,
    document,
    specs: parsed.map((file) => ({
      file: file.file,
      sha256: sha256(file.text),
      ...provenanceOf(root, file.path),
    })),
    overlays: overlays.map((o) => ({ file: o.parsed.file, sha256: sha256(o.parsed.text) })),
    locate: (at) => locate(at, sources),
  };
}

const stem = (path: string) => path.replace(/^.*\//, "").replace(/\.[^.]+$/, "");

function provenanceOf(root: string, specPath: string): { vendoredAt?: string; source?: string | null } {
  const path = specPath.replace(/\.[^.]+$/, PROVENANCE_SUFFIX);
  if (!existsSync(path)) return {};
  const record = parseYamlFile(path, root).value ?? {};
  return { vendoredAt: record.vendoredAt, source: record.source ?? null };
}

function checkOpenApi3(file: ParsedFile): void {
  const version = file.value?.openapi;
  if (typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    throw new InputError(
      file.file,
      `not an OpenAPI 3.0/3.1 document (openapi: ${JSON.stringify(version)})`,
      file.lineOf(["openapi"]),
    );
  }
  if (![...operationsOf(file.value)].length)
    throw new InputError(file.file, "the document has no operations", file.lineOf(["paths"]));
}
