/**
 * `x-switchboard-rename`: the way to keep two different components that two vendored files give one name.
 * An overlay that `extends` one file sets it on the component; the merge then moves the component to its new
 * name and points every `$ref` of that file to it (or into it) there, and the extension itself goes. A
 * provider-wide overlay may set it too, to give a component a better name: the bundle is renamed the same way.
 */
import { InputError } from "../errors.js";
import type { MergeSource } from "./merge-documents.js";
import { isObject, nameMapAt } from "./openapi-document.js";
import { shown } from "./operation-definition.js";

/** Set (by an overlay) on a component to give it another name in the bundle, with every `$ref` to it. */
export const RENAME_EXTENSION = "x-switchboard-rename";

type Json = Record<string, any>;

/**
 * Applies the `x-switchboard-rename` of each component of one file (or of the bundle, for a provider-wide
 * overlay): the component moves to its new name and every `$ref` to it (or into it) in that document
 * follows; the extension itself goes. `place` says where a problem is shown: by default in the source file.
 */
export function renameComponents(
  source: MergeSource,
  problems: InputError[],
  place: (at: string[]) => { file: string; line?: number | undefined } = (at) => ({
    file: source.file,
    line: source.lineOf(at),
  }),
): void {
  const components = source.document.components;
  if (!isObject(components)) return;
  const renames = new Map<string, string>();
  for (const [kind, map] of Object.entries(components)) {
    if (!isObject(map)) continue;
    const renamed: Json = {};
    for (const [name, value] of Object.entries(map)) {
      const to = isObject(value) ? value[RENAME_EXTENSION] : undefined;
      if (to === undefined) {
        renamed[name] = value;
        continue;
      }
      const { [RENAME_EXTENSION]: _, ...rest } = value as Json;
      const at = ["components", kind, name];
      let problem: string | undefined;
      if (typeof to !== "string" || !/^[A-Za-z0-9._-]+$/.test(to))
        problem = `${RENAME_EXTENSION} must be a component name (letters, digits, ".", "_", "-"), found ${shown(to)}`;
      else if (to !== name && Object.hasOwn(map, to))
        problem = `${RENAME_EXTENSION}: components.${kind} already has a component named ${to}`;
      if (problem) {
        const { file, line } = place(at);
        problems.push(new InputError(file, problem, line));
        renamed[name] = rest;
        continue;
      }
      renamed[to as string] = rest;
      renames.set(`#/components/${kind}/${name}`, `#/components/${kind}/${to}`);
    }
    components[kind] = renamed;
  }
  if (renames.size > 0) rewriteRefs(source.document, renames);
}

/** `ref` pointing to the renamed component (or into it), or undefined when it names none of them. */
function renamedRef(ref: string, renames: Map<string, string>): string | undefined {
  for (const [from, to] of renames)
    if (ref === from || ref.startsWith(`${from}/`)) return to + ref.slice(from.length);
  return undefined;
}

const SCHEMAS = "#/components/schemas/";

function rewriteRefs(node: unknown, renames: Map<string, string>, namesHere = false): void {
  if (Array.isArray(node)) for (const item of node) rewriteRefs(item, renames);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && !namesHere) {
        node.$ref = renamedRef(value, renames) ?? value;
      } else if (key === "discriminator" && !namesHere && isObject(value) && isObject(value.mapping)) {
        // A discriminator's mapping names schemas too, by reference or by bare name (`Dog` for
        // `#/components/schemas/Dog`), and openapi-typescript writes a subtype's discriminator value from
        // it: a mapping left pointing at the old name made the renamed subtype's `type` its own new name.
        const mapping = value.mapping;
        for (const [tag, target] of Object.entries(mapping)) {
          if (typeof target !== "string") continue;
          if (target.startsWith("#")) mapping[tag] = renamedRef(target, renames) ?? target;
          else if (renames.has(SCHEMAS + target))
            mapping[tag] = renames.get(SCHEMAS + target)!.slice(SCHEMAS.length);
        }
        // An example value is the provider's data; a property or component named `example` is not one.
      } else if (key !== "example" || namesHere) rewriteRefs(value, renames, nameMapAt(key, namesHere));
    }
  }
}
