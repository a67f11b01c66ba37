import { relative, resolve } from "node:path";
import * as jsYaml from "js-yaml";
import { CORE_SCHEMA, load } from "js-yaml";
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { InputError, throwAll } from "../errors.js";
import { readExisting } from "../file-transaction.js";

/**
 * YAML 1.2's core schema, as both parsers read it, and YAML 1.1's merge key (`<<: *base`, an anchored map's
 * entries under this one's): documents written by hand use it, and the tools around them (Prism, Redocly,
 * swagger-parser) read it so, so a `<<` key would be a schema the mock and the generator disagree on.
 */
const SCHEMA = CORE_SCHEMA.extend({
  // js-yaml exports its built-in types as `types`, which @types/js-yaml does not declare.
  implicit: [(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge],
});
/** `yaml`'s options to the same effect. */
export const YAML_OPTIONS = { uniqueKeys: true, merge: true } as const;

/**
 * What is wrong with a file meant as JSON (its text opens with `{` or `[`) that YAML could not read, said in
 * JSON's terms: `yaml`'s account of a missing comma talks of flow maps and block collections. The offset is
 * JSON's where it gives one (`at position 92`), else `yamlOffset`. Nothing for text that is not meant as JSON,
 * or that JSON reads (YAML's complaint then stands).
 */
export function jsonSyntaxError(
  text: string,
  yamlOffset: number,
): { detail: string; offset: number } | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = / in JSON at position (\d+)/.exec(message);
    // V8 words it "Unexpected token '}', "{"a":}" is not valid JSON" (no position) or "… in JSON at position
    // 6 (line 1 column 7)": the excerpt and the position are said by the file:line:column instead.
    const detail = message
      .replace(/, ".*" is not valid JSON$/s, "")
      .replace(/ in JSON at position \d+.*$/s, "");
    const end = /end of JSON input/.test(message) ? text.length : undefined;
    return {
      detail: `invalid JSON: ${detail}`,
      offset: position ? Number(position[1]) : (end ?? yamlOffset),
    };
  }
}

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
export function parseYamlFile(path: string, root: string, text = readExisting(path)): ParsedFile {
  const file = relative(root, path) || path;
  let positions: { doc: Document; lineCounter: LineCounter } | undefined;
  const withPositions = () => {
    if (positions) return positions;
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter, prettyErrors: false });
    const [firstError] = doc.errors;
    if (firstError) {
      const json = jsonSyntaxError(text, firstError.pos[0]);
      if (json) {
        const pos = lineCounter.linePos(json.offset);
        throw new InputError(file, json.detail, pos.line, pos.col);
      }
      throwAll(yamlProblems(doc, lineCounter, file));
    }
    positions = { doc, lineCounter };
    return positions;
  };

  let value: unknown;
  try {
    value = load(text, { schema: SCHEMA, filename: file });
  } catch {
    value = toJS(withPositions().doc, file);
  }
  const expansion = aliasExpansionProblem(value, text);
  if (expansion) throw new InputError(file, expansion, firstAnchorLine(text));
  versionAsWritten(value, text);
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
 * Every problem `yaml` found in a file, the first on each line: a file with duplicate keys in three places
 * is mended in one go, while one mistake that `yaml` reports twice at one place (a mis-indented key is both
 * "nested mappings are not allowed in compact mappings" and "implicit keys need to be on a single line")
 * is said once. JSON's parser stops at the first, so a JSON file gets one (above).
 */
function yamlProblems(doc: Document, lineCounter: LineCounter, file: string): InputError[] {
  const lines = new Set<number>();
  const problems: InputError[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    if (lines.has(pos.line)) continue;
    lines.add(pos.line);
    problems.push(new InputError(file, `not valid YAML: ${error.message.split("\n")[0]}`, pos.line, pos.col));
  }
  return problems;
}

/**
 * The value of a YAML (or JSON) text already known to parse (vendoring checked it with `yaml`), read as
 * `parseYamlFile` reads it: js-yaml for speed, and `yaml` where js-yaml refuses what `yaml` accepts (more than
 * 100 levels of nesting, say).
 */
export function readYamlValue(text: string, file = "(document)"): any {
  let value: unknown;
  try {
    value = load(text, { schema: SCHEMA });
  } catch {
    value = toJS(parseDocument(text, YAML_OPTIONS), file);
  }
  const expansion = aliasExpansionProblem(value, text);
  if (expansion) throw new InputError(file, expansion, firstAnchorLine(text));
  versionAsWritten(value, text);
  return value;
}

/**
 * `info.version` as it is written. OpenAPI's version is a string, which YAML and JSON both read as a number
 * where it looks like one (`version: 1.10` is 1.1, `1.0` is 1): the package's `specInfo` and the changelog
 * would name a version the provider never gave. So a number is replaced by the text it was written as.
 */
function versionAsWritten(value: unknown, text: string): void {
  const info = (value as { info?: { version?: unknown } } | null)?.info;
  if (typeof info?.version !== "number") return;
  const node = parseDocument(text, YAML_OPTIONS).getIn(["info", "version"], true);
  if (isScalar(node) && typeof node.source === "string") info.version = node.source;
}

/** Values an aliased document may expand to before it is refused, however small the file: see below. */
const MAX_EXPANDED_VALUES = 2_000_000;

/** `yaml`'s own guard against the same, past its default of 100 (which real documents with anchors exceed). */
const MAX_ALIAS_COUNT = 10_000;

function toJS(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new InputError(file, `not readable YAML: ${(error as Error).message}`);
  }
}

/**
 * Why a document is refused for what its YAML aliases expand to, if it is. Both parsers give an alias the
 * anchored value itself, so parsing is cheap; but everything after (structuredClone, JSON.stringify, the
 * mocks) writes each use out, and a few hundred bytes of aliases of aliases (the "billion laughs") expand to
 * gigabytes: a 684-byte file ran out of memory with a stack trace. So the expanded size is counted, each value
 * once with its subtree's size remembered, and refused past a bound no real document comes near (the complete
 * Telnyx document, 4 MB, is about 0.4 million values), unless the document is itself that large.
 */
export function aliasExpansionProblem(value: unknown, text: string): string | undefined {
  if (!/(?:^|[\s[{,:-])&[^\s,[\]{}]/m.test(text)) return undefined;
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let selfReferring = false;
  let shared = false;
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== "object") return 1;
    const known = sizes.get(node);
    if (known !== undefined) {
      shared = true;
      return known;
    }
    if (open.has(node)) {
      selfReferring = true;
      return Number.POSITIVE_INFINITY;
    }
    open.add(node);
    let size = 1;
    for (const child of Object.values(node)) size += sizeOf(child);
    open.delete(node);
    sizes.set(node, size);
    return size;
  };
  const expanded = sizeOf(value);
  if (selfReferring) return "a YAML alias refers to a value that contains it, so the document never ends";
  if (!shared || expanded <= Math.max(MAX_EXPANDED_VALUES, 10 * sizes.size)) return undefined;
  return `its YAML aliases expand to ${expanded.toExponential(1)} values from ${sizes.size} written objects and lists: refused as an entity-expansion ("billion laughs") document, which would exhaust memory`;
}

/** The line of the document's first anchor (`&name`), where a chain of aliases starts. */
function firstAnchorLine(text: string): number | undefined {
  const match = /(?:^|[\s[{,:-])&[^\s,[\]{}]/m.exec(text);
  return match ? text.slice(0, match.index + 1).split("\n").length : undefined;
}
