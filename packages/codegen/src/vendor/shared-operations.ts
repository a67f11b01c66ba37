/**
 * A document that shares operations with a vendored file it does not replace: typically a documentation page
 * vendored after the provider's complete document, whose operation that document already holds. An operation
 * has one definition per provider, so each shared operation is compared (with what its path item gives it and
 * the components it reaches, operation-definition.ts):
 *
 * - identical everywhere: the new document adds nothing it shares, and when it has no other operation it is
 *   not written at all ("already vendored"), so nothing is duplicated;
 * - different: refused, naming both places, where they differ, and what to do. The vendored document stands.
 *   Where the new document holds nothing but operations of larger vendored documents, it is left out with a
 *   note instead (`keptDefinition`), as a larger document arriving later replaces it with a note.
 *
 * Together with the replacement rule of plan-vendor.ts (a document that holds every operation of a vendored
 * file replaces that file), a page and the complete document give the same folder in either order: the
 * complete document, and the page only for operations the document lacks.
 */
import { basename } from "node:path";
import { InputError } from "../errors.js";
import type { OpenApiDocument } from "../spec/openapi-document.js";
import {
  type Difference,
  operationDifference,
  pathText,
  shown,
  webhookDifference,
} from "../spec/operation-definition.js";
import { asOpenApi3, readAsOpenApi3 } from "../spec/swagger-2.js";
import { type ParsedFile, parseYamlFile, readYamlValue } from "../spec/yaml-file.js";
import type { SpecSource } from "./read-input.js";
import { isWebhookKey } from "./spec-summary.js";

/** A vendored file as the comparison needs it: where it is and what it holds (staged or on disk). */
export interface VendoredText {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
  /** How many operations it holds, for the message. */
  readonly operations: number;
}

/** Parses documents once per plan: a complete provider document is megabytes. */
export class DocumentCache {
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly sources = new Map<SpecSource, OpenApiDocument>();

  constructor(private readonly root: string) {}

  vendored(file: VendoredText): ParsedFile {
    const key = `${file.path}\0${file.text.length}`;
    let parsed = this.parsed.get(key);
    if (!parsed) {
      parsed = readAsOpenApi3(parseYamlFile(file.path, this.root, file.text));
      this.parsed.set(key, parsed);
    }
    return parsed;
  }

  source(source: SpecSource): OpenApiDocument {
    let document = this.sources.get(source);
    if (!document) {
      document = asOpenApi3(readYamlValue(source.text, source.file));
      this.sources.set(source, document);
    }
    return document;
  }
}

const splitKey = (key: string) => {
  const space = key.indexOf(" ");
  return { method: key.slice(0, space).toLowerCase(), path: key.slice(space + 1) };
};

/** How each shared operation's definition in `source` differs from the one in `file`; empty when none does. */
export function sharedDifferences(
  cache: DocumentCache,
  source: SpecSource,
  file: VendoredText,
  shared: readonly string[],
): Array<{ operation: string; difference: Difference }> {
  const existing = cache.vendored(file).value as OpenApiDocument;
  const incoming = cache.source(source);
  return shared.flatMap((operation) => {
    const { method, path } = splitKey(operation);
    const difference = isWebhookKey(operation)
      ? webhookDifference(existing, incoming, path)
      : operationDifference(existing, incoming, path, method);
    return difference ? [{ operation, difference }] : [];
  });
}

/** The refusal for one operation the new document defines otherwise than a vendored file. */
export function differentDefinition(
  cache: DocumentCache,
  source: SpecSource,
  file: VendoredText,
  found: { operation: string; difference: Difference },
): InputError {
  const { operation, difference } = found;
  const parsed = cache.vendored(file);
  const { method, path } = splitKey(operation);
  const webhook = isWebhookKey(operation);
  const line = webhook
    ? source.spec.openapiLine
    : source.spec.operations.find((op) => op.method === method && op.path === path)?.line;
  // A webhook's place is its section (`webhooks` or `x-webhooks`) and name, the first two steps of its difference.
  const at = webhook ? difference.at.slice(0, 2) : ["paths", path, method];
  const where = `${parsed.file}:${parsed.lineOf(at) ?? 1}`;
  const size = `${file.operations} operation${file.operations === 1 ? "" : "s"}`;
  const detail =
    `${operation} is already vendored in ${where} (a document of ${size}), and this one defines it differently ` +
    `(at ${pathText(difference.at)}: ${shown(difference.left)} there, ${shown(difference.right)} here). ` +
    `${webhook ? "A webhook" : "An operation"} has one definition per provider and the vendored one stands: to take this one, vendor a newer ` +
    `version of ${basename(file.path)}, or change it with an overlay (\`extends: ../${basename(file.path)}\`)`;
  return new InputError(source.file, detail, line);
}

/** The note for a file the new document replaces although it defined one of its operations otherwise. */
export function replacedDefinition(
  file: string,
  found: { operation: string; difference: Difference },
): string {
  const { operation, difference } = found;
  return (
    `  note: ${file} defined ${operation} otherwise (at ${pathText(difference.at)}: ` +
    `${shown(difference.left)} there, ${shown(difference.right)} in the new document); the new definition is kept`
  );
}

/** The note for a smaller document left out, although it defined an operation otherwise than a larger one. */
export function keptDefinition(file: string, found: { operation: string; difference: Difference }): string {
  const { operation, difference } = found;
  return (
    `  note: ${file}, a larger document, defines ${operation} otherwise (at ${pathText(difference.at)}: ` +
    `${shown(difference.left)} there, ${shown(difference.right)} here); its definition is kept, as it would be ` +
    `if it came after this one. To take this one, change it with an overlay (\`extends: ../${basename(file)}\`)`
  );
}
