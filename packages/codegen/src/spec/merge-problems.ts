/**
 * The messages of the merge's refusals: each names the file and line it is reported at, the other file and
 * line, where the two definitions first differ, and what to do.
 */
import { InputError } from "../errors.js";
import { PROVENANCE_SUFFIX } from "../repo-layout.js";
import { RENAME_EXTENSION } from "./component-rename.js";
import type { Entry, MergeSource } from "./merge-documents.js";
import { type Difference, firstDifference, pathText, shown } from "./operation-definition.js";

export function operationClash(
  section: string,
  path: string,
  method: string,
  kept: Entry,
  other: Entry,
  difference: Difference,
): InputError {
  const at = [section, path, method];
  const where = `${kept.source.file}:${kept.source.lineOf(at) ?? 1}`;
  const what = section === "paths" ? `${method.toUpperCase()} ${path}` : `webhook ${path} ${method}`;
  const detail =
    `${what} is also defined in ${where}, differently (at ${pathText(difference.at)}: ${shown(difference.left)} there, ` +
    `${shown(difference.right)} here). An operation has one definition per provider: delete the vendored file ` +
    "that is out of date (with its .provenance.json) or vendor the current page again, or make the two agree with an overlay";
  return new InputError(other.source.file, detail, other.source.lineOf(at));
}

export interface Variant {
  readonly value: unknown;
  readonly sources: readonly MergeSource[];
}

/**
 * The older of two vendored files (by the date each was vendored; else the one seen first) with its
 * provenance record, as `git rm` takes them. A provider's two versions of one document (VTEX's Subscriptions
 * API v2 and v3) are often vendored as two files whose components clash: the fix is removing the older.
 */
function older(first: MergeSource, second: MergeSource): string {
  const file =
    second.vendoredAt && first.vendoredAt && second.vendoredAt < first.vendoredAt ? second.file : first.file;
  return `${file} ${file.replace(/\.[^./]+$/, "")}${PROVENANCE_SUFFIX}`;
}

export function componentClash(kind: string, name: string, reference: Variant, other: Variant): InputError {
  const at = ["components", kind, name];
  const place = (source: MergeSource) =>
    `${source.file}:${source.lineOf(at) ?? 1}${source.vendoredAt ? ` (vendored ${source.vendoredAt})` : ""}`;
  const others = (variant: Variant) =>
    variant.sources.length > 1
      ? ` and ${variant.sources.length - 1} other file${variant.sources.length > 2 ? "s" : ""}`
      : "";
  const [here] = other.sources;
  const difference = firstDifference(reference.value, other.value)!;
  const detail =
    `components.${kind}.${name} differs from the one in ${place(reference.sources[0]!)}${others(reference)}: ` +
    `at ${pathText(difference.at)}, ${shown(difference.left)} there, ${shown(difference.right)} here` +
    `${here!.vendoredAt ? ` (vendored ${here!.vendoredAt})` : ""}${others(other) ? `, as in${others(other).slice(4)}` : ""}. ` +
    "Pages of one provider share their components, so one of them is likely from an older version of the documentation: " +
    `sync that page again (\`npm run sync -- <page>\`), or, if one file is a newer version of the other's whole API, remove the older one (\`git rm ${older(reference.sources[0]!, here!)}\`). ` +
    "If they are two different things under one name, rename one " +
    `with an overlay that extends its file: target \`$.components.${kind}['${name}']\`, update \`${RENAME_EXTENSION}: <NewName>\``;
  return new InputError(here!.file, detail, here!.lineOf(at));
}
