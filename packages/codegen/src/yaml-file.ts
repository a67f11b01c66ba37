import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { InputError } from "./errors.js";

/** A parsed YAML or JSON file that can still point at lines of its source. */
export interface ParsedFile<T = any> {
  /** Absolute path. */
  readonly path: string;
  /** Path as shown to the user (relative to the repository root). */
  readonly file: string;
  readonly text: string;
  readonly value: T;
  /** 1-based line of the node at `path`, or of the closest ancestor that exists. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

/**
 * Parses YAML (a superset of JSON) keeping positions, and turns syntax errors into `InputError`s that name the
 * file and line. Duplicate keys are errors: a spec with two `paths` entries for one route is ambiguous.
 */
export function parseYamlFile(path: string, root: string, text = readFileSync(path, "utf8")): ParsedFile {
  const file = relative(root, path) || path;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const [firstError] = doc.errors;
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    throw new InputError(file, `not valid YAML: ${firstError.message.split("\n")[0]}`, pos.line, pos.col);
  }
  return {
    path: resolve(path),
    file,
    text,
    value: doc.toJS({ maxAliasCount: -1 }),
    lineOf(nodePath) {
      for (let n = nodePath.length; n >= 0; n--) {
        const node = doc.getIn(nodePath.slice(0, n), true) as
          | { range?: [number, number, number] }
          | undefined;
        if (node?.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}
