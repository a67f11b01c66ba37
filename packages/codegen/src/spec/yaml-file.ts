import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { InputError } from "../errors.js";

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
 * Parses YAML (a superset of JSON), and turns syntax errors into `InputError`s that name the file and line.
 * Duplicate keys are errors: a spec with two `paths` entries for one route is ambiguous.
 *
 * Two parsers, for speed: js-yaml (YAML 1.2 core schema, as `yaml` uses) reads a 4 MB provider document
 * about eight times faster than `yaml`, whose document model keeps the source positions. So js-yaml reads
 * every file, and `yaml` only runs when positions are needed: to report an error, or when `lineOf` is
 * first called. When js-yaml rejects a file, `yaml` has the last word, so both the messages and what is
 * accepted stay those of `yaml`.
 */
export function parseYamlFile(path: string, root: string, text = readFileSync(path, "utf8")): ParsedFile {
  const file = relative(root, path) || path;
  let positions: { doc: Document; lineCounter: LineCounter } | undefined;
  const withPositions = () => {
    if (positions) return positions;
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    const [firstError] = doc.errors;
    if (firstError) {
      const pos = lineCounter.linePos(firstError.pos[0]);
      throw new InputError(file, `not valid YAML: ${firstError.message.split("\n")[0]}`, pos.line, pos.col);
    }
    positions = { doc, lineCounter };
    return positions;
  };

  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, filename: file });
  } catch {
    value = withPositions().doc.toJS({ maxAliasCount: -1 });
  }
  return {
    path: resolve(path),
    file,
    text,
    value,
    lineOf(nodePath) {
      const { doc, lineCounter } = withPositions();
      for (let n = nodePath.length; n >= 0; n--) {
        // A mapping's entry is shown at its key (`allOf:`), not at its value, which may start lines below.
        const parent = n > 0 ? doc.getIn(nodePath.slice(0, n - 1), true) : undefined;
        const key = nodePath[n - 1];
        const pair = isMap(parent)
          ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key))
          : undefined;
        const node = ((pair?.key as { range?: [number, number, number] } | undefined) ??
          doc.getIn(nodePath.slice(0, n), true)) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/**
 * The value of a YAML (or JSON) text already known to parse (vendoring checked it with `yaml`), read as
 * `parseYamlFile` reads it: js-yaml for speed, and `yaml` where js-yaml refuses what `yaml` accepts (more than
 * 100 levels of nesting, say).
 */
export function readYamlValue(text: string): any {
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch {
    return parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: -1 });
  }
}
