/**
 * The vendored files of one provider, combined per operation into one document. Every rule depends only on
 * the set of files (never on the order they were vendored in), so pages synced in any order give the same
 * bundle; and adding a page changes what it adds, not what others defined.
 *
 * - Operations combine by method and path: any number on one path, from any number of files. One operation
 *   in several files (with what its path item gives it) is kept once when the definitions are identical, and
 *   is an error naming both files and lines otherwise. Path-level fields the files agree on stay on the path;
 *   where they differ, `parameters` and `servers` move into each file's own operations (where OpenAPI
 *   applies them anyway) and descriptions are left out. `webhooks` combine the same way.
 * - Components with one name and identical content are shared; with different content they are an error
 *   naming both files and lines and where they differ. An overlay on one file can set
 *   `x-switchboard-rename: <NewName>` on a component to keep both.
 * - `info`: a field the files agree on is kept; `version` is the highest (a re-vendored page brings the
 *   provider's current one, an older page cannot take it back); `title` is the words the titles share at
 *   the start and the end ("Telnyx SIP Connections API" + "Telnyx External Connects API" → "Telnyx API"), else
 *   the preferred one (below), else "<Provider> API"; any other field they disagree on is the preferred value.
 * - The preferred value of a field the files disagree on is the one declared by files holding the most
 *   operations together (a complete document outweighs the pages beside it); on a tie, the field is left
 *   out, since no file speaks for the whole API. `tags` (by name), `externalDocs` and extensions follow it.
 * - `servers` and `security` are those declared by files holding the most operations together (on a tie,
 *   the first such file by name); a file that declares other ones keeps them on its own operations. A file
 *   without top-level `security` states nothing and inherits the bundle's.
 *
 * openapi-merge did this until the page-by-page route outgrew it: it merges whole paths, so a second
 * operation on a path failed `duplicate-paths` with an input number for a message; it takes `info`, servers
 * and security from the first input; and it renames a clashing component after the later file, so adding
 * a page could rename a type people use. Per-operation identity, deep comparison with file and line for
 * both sides, and rules that depend only on the set of files are ours to state, over plain objects.
 */
import { isDeepStrictEqual } from "node:util";
import { InputError, throwAll } from "../errors.js";
import { pascalCase } from "../naming.js";
import { renameComponents } from "./component-rename.js";
import { componentClash, operationClash } from "./merge-problems.js";
import {
  COMPONENT_KINDS,
  HTTP_METHODS,
  isObject,
  type OpenApiDocument,
  operationsOf,
  WEBHOOK_SECTIONS,
  type WebhookSection,
} from "./openapi-document.js";
import { pathLevelFields, resolvedDifference, withPathLevelFields } from "./operation-definition.js";

export { RENAME_EXTENSION } from "./component-rename.js";

export interface MergeSource {
  /** Repository-relative path, as messages show it. */
  readonly file: string;
  /** The file's document with the overlays that extend it applied; the merge may change it. */
  readonly document: OpenApiDocument;
  /** Line of the node at `path` in the vendored file (of its closest ancestor when an overlay added it). */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
  /** From the file's provenance: tells the user which of two clashing pages is older. */
  readonly vendoredAt?: string | undefined;
}

type Json = Record<string, any>;
export interface Entry<T = unknown> {
  readonly source: MergeSource;
  readonly value: T;
}

/** One document from the sources (in file name order); every problem found is thrown at once. */
export function mergeDocuments(sources: readonly MergeSource[], provider: string): OpenApiDocument {
  const problems: InputError[] = [];
  for (const source of sources) renameComponents(source, problems);
  if (sources.length === 1) {
    throwAll(problems);
    return sources[0]!.document;
  }
  const merge = new Merge(sources, problems);
  const servers = merge.settle("servers");
  const security = merge.settle("security");

  const keys = [...new Set(sources.flatMap((s) => Object.keys(s.document)))];
  const document: Json = {};
  for (const key of keys) {
    const entries = merge.entries(key);
    let value: unknown;
    if (key === "openapi") value = highest(entries.map((e) => String(e.value)));
    else if (key === "info") value = merge.info(entries as Entry<Json>[], provider);
    else if (key === "servers") value = servers;
    else if (key === "security") value = security;
    else if (key === "paths" || key === "webhooks" || key === "x-webhooks") value = merge.pathItems(key);
    else if (key === "components") value = merge.components();
    else if (key === "tags") value = merge.tags();
    else value = merge.preferred(entries);
    if (value !== undefined) document[key] = value;
  }
  throwAll(problems);
  return document as OpenApiDocument;
}

/** Servers as a request sees them: each URL and its variables' values, without descriptions. */
function serversWithoutProse(servers: unknown): unknown {
  if (!Array.isArray(servers)) return servers;
  return servers.map((server) => {
    if (!isObject(server)) return server;
    const { description: _, variables, ...rest } = server;
    if (!isObject(variables)) return { ...rest, ...(variables === undefined ? {} : { variables }) };
    const bare = Object.fromEntries(
      Object.entries(variables).map(([name, v]) => {
        if (!isObject(v)) return [name, v];
        const { description: __, ...values } = v;
        return [name, values];
      }),
    );
    return { ...rest, variables: bare };
  });
}

class Merge {
  /** Operations per file: a file's weight when files disagree. */
  private readonly weights: Map<MergeSource, number>;

  constructor(
    private readonly sources: readonly MergeSource[],
    private readonly problems: InputError[],
  ) {
    this.weights = new Map(sources.map((s) => [s, [...operationsOf(s.document)].length]));
  }

  entries(key: string): Entry[] {
    return this.sources
      .filter((source) => source.document[key] !== undefined)
      .map((source) => ({ source, value: source.document[key] }));
  }

  /** The distinct values among `entries`, each with the files declaring it and their operations together. */
  private groups<T>(entries: readonly Entry<T>[], sameAs: (value: T) => unknown = (value) => value) {
    const groups: Array<{ value: T; sources: MergeSource[]; weight: number }> = [];
    for (const { source, value } of entries) {
      let group = groups.find((g) => isDeepStrictEqual(sameAs(g.value), sameAs(value)));
      if (!group) {
        group = { value, sources: [], weight: 0 };
        groups.push(group);
      } else if (JSON.stringify(value).length > JSON.stringify(group.value).length) {
        group.value = value; // the same servers, one with their descriptions: the bundle keeps those
      }
      group.sources.push(source);
      group.weight += this.weights.get(source)!;
    }
    return groups;
  }

  /** The value all files agree on, else the one of the files with the most operations; undefined on a tie. */
  preferred<T>(entries: readonly Entry<T>[]): T | undefined {
    const groups = this.groups(entries).sort((a, b) => b.weight - a.weight);
    const [best, next] = groups;
    return best && (!next || best.weight > next.weight) ? best.value : undefined;
  }

  /**
   * `servers` or `security` of the bundle: the files holding the most operations decide (the first file by
   * name on a tie); a file that declares another value keeps it on each of its operations without one.
   */
  settle(key: "servers" | "security"): unknown {
    // Servers are the same servers whatever their descriptions say ("Production" on one page, none on the
    // next): only their URLs and variables decide where a request goes.
    const groups = this.groups(this.entries(key), key === "servers" ? serversWithoutProse : undefined);
    if (groups.length === 0) return undefined;
    const main = groups.reduce((best, group) => (group.weight > best.weight ? group : best));
    for (const group of groups) {
      if (group === main) continue;
      for (const source of group.sources) {
        for (const section of ["paths", ...WEBHOOK_SECTIONS] as const) {
          for (const { operation, pathItem } of operationsIn(source.document[section])) {
            if (operation[key] !== undefined || (key === "servers" && pathItem.servers !== undefined))
              continue;
            operation[key] = structuredClone(group.value);
          }
        }
      }
    }
    return main.value;
  }

  info(entries: readonly Entry<Json>[], provider: string): Json {
    const infos = entries.filter((e) => isObject(e.value));
    const keys = [...new Set(infos.flatMap((e) => Object.keys(e.value)))];
    const info: Json = {};
    for (const key of keys) {
      const values = infos
        .filter((e) => e.value[key] !== undefined)
        .map((e) => ({ source: e.source, value: e.value[key] }));
      if (key === "version") info.version = highest(values.map((e) => String(e.value)));
      else if (key === "title") {
        const titles = [...new Set(values.map((e) => String(e.value)))];
        info.title =
          (titles.length === 1 ? titles[0] : sharedWords(titles)) ||
          this.preferred(values) ||
          `${pascalCase(provider)} API`;
      } else {
        const value = this.preferred(values);
        if (value !== undefined) info[key] = value;
      }
    }
    return info;
  }

  tags(): Json[] {
    const byName = new Map<string, Entry<Json>[]>();
    for (const { source, value } of this.entries("tags")) {
      if (!Array.isArray(value)) continue;
      for (const tag of value) {
        if (!isObject(tag) || typeof tag.name !== "string") continue;
        byName.set(tag.name, [...(byName.get(tag.name) ?? []), { source, value: tag }]);
      }
    }
    return [...byName.values()].map((entries) => {
      const tag: Json = {};
      for (const key of new Set(entries.flatMap((e) => Object.keys(e.value)))) {
        const value = this.preferred(
          entries.filter((e) => e.value[key] !== undefined).map((e) => ({ ...e, value: e.value[key] })),
        );
        if (value !== undefined) tag[key] = value;
      }
      return tag;
    });
  }

  components(): Json | undefined {
    const merged: Json = {};
    const variants = new Map<string, Entry[]>();
    for (const { source, value: components } of this.entries("components")) {
      if (!isObject(components)) continue;
      for (const [kind, map] of Object.entries(components)) {
        // A section of the provider's own (Spotify's `x-spotify-policy`, whose entries schemas `$ref`) is merged
        // by name as the others are: each page carries the entries its operation reaches, so the pages differ
        // on it, and taking one page's would leave the others' references dangling.
        if (!isObject(map)) continue;
        for (const [name, value] of Object.entries(map)) {
          const key = `${kind}/${name}`;
          if (!variants.has(key)) {
            merged[kind] ??= {};
            merged[kind][name] = value;
          }
          variants.set(key, [...(variants.get(key) ?? []), { source, value }]);
        }
      }
    }
    for (const [key, entries] of variants) {
      const groups = this.groups(entries);
      if (groups.length < 2) continue;
      // The variant most files (by operations) agree on is the reference; each other one is reported at its
      // own files, which are the likely stale ones.
      const reference = groups.reduce((best, group) => (group.weight > best.weight ? group : best));
      const [kind, name] = [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)];
      // Pages that word a component's descriptions or examples differently (each page edited on its own day)
      // define the same types: the reference's words are kept, and nothing is refused.
      const bare = withoutDocumentation(reference.value);
      if (groups.every((group) => isDeepStrictEqual(withoutDocumentation(group.value), bare))) {
        merged[kind][name] = reference.value;
        continue;
      }
      for (const group of groups) {
        if (group !== reference) this.problems.push(componentClash(kind, name, reference, group));
      }
    }
    const kinds = Object.keys(merged).sort((a, b) => rank(a) - rank(b) || byCodePoint(a, b));
    const sorted: Json = {};
    for (const kind of kinds) {
      sorted[kind] = Object.fromEntries(Object.entries(merged[kind]).sort(([a], [b]) => byCodePoint(a, b)));
    }
    const extensions = this.preferred(
      this.entries("components").map((e) => ({
        ...e,
        value: Object.fromEntries(
          Object.entries(e.value as Json).filter(([k, v]) => k.startsWith("x-") && !isObject(v)),
        ),
      })),
    );
    Object.assign(sorted, extensions);
    return Object.keys(sorted).length > 0 ? sorted : undefined;
  }

  pathItems(section: "paths" | WebhookSection): Json {
    const byPath = new Map<string, Entry<Json>[]>();
    for (const { source, value } of this.entries(section)) {
      if (!isObject(value)) continue;
      for (const [path, item] of Object.entries(value))
        if (isObject(item)) byPath.set(path, [...(byPath.get(path) ?? []), { source, value: item }]);
    }
    const merged: Json = {};
    for (const path of [...byPath.keys()].sort(byCodePoint))
      merged[path] = this.pathItem(section, path, byPath.get(path)!);
    return merged;
  }

  private pathItem(section: string, path: string, entries: Entry<Json>[]): Json {
    const [first, ...others] = entries;
    if (others.length === 0) return first!.value;
    if (entries.some((e) => typeof e.value.$ref === "string")) {
      for (const other of others) {
        if (isDeepStrictEqual(other.value, first!.value)) continue;
        const detail = `${section}["${path}"] is a $ref in one of ${first!.source.file} and ${other.source.file}, so their operations cannot be combined; vendor them as one document`;
        this.problems.push(new InputError(other.source.file, detail, other.source.lineOf([section, path])));
      }
      return first!.value;
    }
    // Path-level fields every file agrees on stay on the path; differing parameters and servers move into
    // each file's operations, and differing descriptions are left out (each operation keeps its own).
    const levels = entries.map((e) => pathLevelFields(e.value, HTTP_METHODS));
    const item: Json = {};
    const movedDown: string[] = [];
    for (const key of new Set(levels.flatMap((level) => Object.keys(level)))) {
      if (levels.every((level) => isDeepStrictEqual(level[key], levels[0]![key])))
        item[key] = levels[0]![key];
      else if (key === "parameters" || key === "servers") movedDown.push(key);
    }
    const byMethod = new Map<string, Array<Entry<Json> & { effective: Json }>>();
    for (const { source, value: pathItem } of entries) {
      const moved = Object.fromEntries(movedDown.map((key) => [key, pathItem[key]]));
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method];
        if (!isObject(operation)) continue;
        const value = movedDown.length ? withPathLevelFields(source.document, operation, moved) : operation;
        const effective = withPathLevelFields(source.document, operation, pathItem);
        byMethod.set(method, [...(byMethod.get(method) ?? []), { source, value, effective }]);
      }
    }
    for (const method of HTTP_METHODS.filter((m) => byMethod.has(m))) {
      const [kept, ...again] = byMethod.get(method)!;
      item[method] = kept!.value;
      for (const other of again) {
        const difference = resolvedDifference(
          { doc: kept!.source.document, value: kept!.effective },
          { doc: other.source.document, value: other.effective },
        );
        if (difference) this.problems.push(operationClash(section, path, method, kept!, other, difference));
      }
    }
    return item;
  }
}

/** The order of a bundle of several files: by code point, so it depends on no locale and no file name. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Component kinds ranked in the order the OpenAPI specification lists them; others follow by name. */
const rank = (kind: string) => {
  const index = COMPONENT_KINDS.indexOf(kind);
  return index === -1 ? COMPONENT_KINDS.length : index;
};

/** The operations of a `paths` or `webhooks` object. */
const operationsIn = (section: unknown) =>
  operationsOf({ paths: isObject(section) ? section : {} } as OpenApiDocument);

/** The highest of some version strings, comparing digit runs as numbers ("1.10.0" > "1.9.2", "3.1.0" > "3.0.3"). */
function highest(versions: string[]): string | undefined {
  const collator = new Intl.Collator("en", { numeric: true });
  return [...versions].sort(collator.compare).at(-1);
}

/**
 * The words all titles start with, followed by the words they all end with, or "" when they share no first
 * word ("Telnyx SIP Connections API", "Telnyx External Connects API" → "Telnyx API").
 */
function sharedWords(titles: string[]): string {
  const lists = titles.map((title) => title.split(/\s+/).filter(Boolean));
  const shortest = Math.min(...lists.map((list) => list.length));
  const same = (pick: (list: string[]) => string | undefined) =>
    lists.every((l) => pick(l) === pick(lists[0]!));
  let lead = 0;
  while (lead < shortest && same((l) => l[lead])) lead++;
  if (lead === 0) return "";
  let trail = 0;
  while (lead + trail < shortest && same((l) => l[l.length - 1 - trail])) trail++;
  return [...lists[0]!.slice(0, lead), ...lists[0]!.slice(lists[0]!.length - trail)].join(" ");
}

/** What a schema says for readers only: no type, no check, no generated name depends on it. */
const DOCUMENTATION = new Set(["description", "summary", "title", "example", "examples", "externalDocs"]);
/** Maps whose keys are names (a property called `description`), not keywords. */
const NAMED = new Set(["properties", "patternProperties", "$defs", "definitions"]);

/** `value` without its documentation keywords, at any depth; names in name maps are kept. */
function withoutDocumentation(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutDocumentation(item));
  if (!isObject(value)) return value;
  const named = parentKey !== undefined && NAMED.has(parentKey);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => named || !DOCUMENTATION.has(key))
      .map(([key, inner]) => [key, withoutDocumentation(inner, named ? undefined : key)]),
  );
}
