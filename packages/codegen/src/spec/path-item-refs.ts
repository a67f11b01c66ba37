/**
 * Paths given as a `$ref` to a path item (`/widgets: {$ref: "#/components/pathItems/Widgets"}`, as OpenAPI
 * 3.1's `components.pathItems` invites, or to another path's item), made into the path items they name.
 *
 * Everything that reads operations (the table, the checks, the merge of a provider's files, the release
 * diff) walks `paths[path][method]`; a path that is only a reference has no methods there, so its operations
 * were left out without a word. Each such path gets its own copy, so that naming an operation of one path
 * (operation-ids.ts) never renames the same operation under another path that refers to the same item. The
 * fields written beside the `$ref` win over the referenced item's, as OpenAPI 3.1 says of `summary` and
 * `description`. Webhooks and callbacks are left as they are: they are read through `deref` already.
 *
 * A reference to another document, one that dangles or one that loops is left in place for the checks to
 * report at its line (spec-checks.ts), as is one that names something other than an object.
 */
import { isObject, type OpenApiDocument, resolvePointer } from "./openapi-document.js";

export function inlinePathItemRefs(doc: OpenApiDocument): void {
  const paths = doc.paths;
  if (!isObject(paths)) return;
  for (const [path, item] of Object.entries(paths)) {
    const target = referencedPathItem(doc, item);
    if (!target) continue;
    const { $ref: _, ...beside } = item;
    paths[path] = { ...structuredClone(target), ...beside };
  }
}

/** The object a path item's chain of local `$ref`s ends at; undefined for anything the checks report. */
function referencedPathItem(doc: OpenApiDocument, item: unknown): Record<string, any> | undefined {
  const seen = new Set<string>();
  let current = item;
  while (isObject(current) && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#") || seen.has(ref)) return undefined;
    seen.add(ref);
    current = resolvePointer(doc, ref);
  }
  return current === item || !isObject(current) ? undefined : current;
}
