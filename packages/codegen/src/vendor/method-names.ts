/**
 * The methods a run adds and where their names come from, so a user can rename one with an overlay before
 * the package is first released. `vendor` derives them from the documents as published (naming.ts), told
 * apart as the bundle tells them, and takes the bundle's where the provider checks; `sync` reports the names of
 * the bundle it generated, overlays applied.
 */
import { basename } from "node:path";
import {
  fallbackOperationName,
  methodName,
  type NameSource,
  nameFromTitle,
  operationName,
} from "../naming.js";
import { type OpenApiDocument, type OperationRef, operationKey } from "../spec/openapi-document.js";
import {
  CLIENT_MEMBERS,
  NAME_SOURCE,
  NameClash,
  nameSourceOf,
  ORIGINAL_OPERATION_ID,
  uniqueOperationNames,
} from "../spec/operation-ids.js";
import { operationPageTitle } from "../spec/page-title.js";
import type { SpecSource } from "./read-input.js";

/** A method a run adds to the provider, and what its name was taken from. */
export interface NewMethod {
  /** `METHOD /path`. */
  operation: string;
  name: string;
  from: NameSource;
  /** The operationId, page title or summary the name was taken from, when known. */
  text?: string;
  /** Why the name is not the one `text` alone gives (another operation has it; every client has it). */
  note?: string;
}

/** The methods of the operations in `source` that no vendored file had (`known`), with their names' sources. */
export function newMethods(source: SpecSource, known: ReadonlySet<string>): NewMethod[] {
  const { operations } = source.spec;
  const pageTitle = operationPageTitle(
    {
      page: basename(source.file),
      title: source.title,
      ...(source.origin
        ? { url: source.origin.url, ...(source.kind === "spec" ? { kind: "document" } : {}) }
        : {}),
    },
    source.spec.title,
    operations.length,
  );
  const named = operations.map((op) => ({
    operation: operationKey(op),
    operationId: op.operationId,
    summary: op.summary,
    title: pageTitle,
    ...methodName(op, op.method, op.path, pageTitle),
  }));
  const fresh = named.filter((entry) => !known.has(entry.operation));
  return toldApart(named, fresh) ?? fresh.map(asNewMethod);
}

/** An operation, the name the documentation alone gives it, and what that name was taken from. */
interface NamedOperation {
  /** `METHOD /path`. */
  operation: string;
  operationId?: string | undefined;
  summary?: string | undefined;
  /** The title of the page about this operation alone. */
  title?: string | undefined;
  name: string;
  from: NameSource;
}

const asNewMethod = ({ operation, name, from, operationId, summary, title }: NamedOperation): NewMethod => {
  const text = { operationId, "page title": title, summary, path: undefined }[from];
  return { operation, name, from, ...(text ? { text } : {}) };
};

/**
 * The names the bundle would give `named`, of `shown` (which are among them): two operations their
 * documentation alone names alike (FastAPI's `Text_to_speech_…_post` on a path and its `/stream`; two pages
 * titled "List rules") are told apart as the bundle tells them (operation-ids.ts), so what `vendor` prints is
 * what the package has even when the provider has problems to fix before it generates. A clash the paths
 * cannot settle is the bundle's to report: then undefined, and the documentation's names stand.
 */
function toldApart(
  named: readonly NamedOperation[],
  shown: readonly NamedOperation[],
): NewMethod[] | undefined {
  const document = { openapi: "3.0.3", info: { title: "", version: "" }, paths: {} } as OpenApiDocument;
  for (const { operation: key, operationId, summary, name, from } of named) {
    const space = key.indexOf(" ");
    const [method, path] = [key.slice(0, space).toLowerCase(), key.slice(space + 1)];
    const operation: Record<string, unknown> = {
      ...(operationId === undefined ? {} : { operationId }),
      ...(summary === undefined ? {} : { summary }),
    };
    // As nameFromDocumentation writes a name it took from documentation, with the operationId it replaced.
    if (from === "page title" || from === "summary") {
      if (operationId !== undefined) operation[ORIGINAL_OPERATION_ID] = operationId;
      Object.assign(operation, { operationId: name, [NAME_SOURCE]: from });
    }
    document.paths![path] = { ...document.paths![path], [method]: operation };
  }
  let names: Map<OperationRef, string>;
  try {
    names = uniqueOperationNames(document, "(the documentation)");
  } catch (error) {
    if (!(error instanceof NameClash)) throw error;
    return undefined;
  }
  const wanted = new Set(shown.map((entry) => entry.operation));
  const methods = [...names].flatMap(([ref, name]) =>
    wanted.has(operationKey(ref)) ? [[name, operationKey(ref)] as const] : [],
  );
  const titles = new Map(
    shown.flatMap((entry) => (entry.title ? [[entry.operation, entry.title] as const] : [])),
  );
  return addedMethods(undefined, Object.fromEntries(methods), document, titles);
}

/**
 * The methods of several documents vendored into one provider in one run (`newMethods` of each), named apart as
 * the bundle names them: for a provider whose check failed, which leaves no bundle to ask.
 */
export function methodsTogether(methods: readonly NewMethod[]): NewMethod[] {
  const named = methods.map(({ operation, name, from, text }) => ({
    operation,
    name,
    from,
    ...(from === "operationId" ? { operationId: text } : {}),
    ...(from === "summary" ? { summary: text } : {}),
    ...(from === "page title" ? { title: text } : {}),
  }));
  const told = toldApart(named, named);
  if (!told) return [...methods];
  // A method named from its path already says why (its operationId names a client member): that survives,
  // where the document built here has no operationId left to say it again.
  const why = new Map(methods.flatMap((m) => (m.from === "path" && m.note ? [[m.operation, m.note]] : [])));
  return told.map((m) => {
    const note = m.from === "path" && !m.note ? why.get(m.operation) : undefined;
    return note ? { ...m, note } : m;
  });
}

/** `METHOD /path` → the title of the page vendored for that operation alone in this sync. */
export function pageTitles(
  vendored: ReadonlyArray<{ provenance: { operations: string[]; title: string | null; nameTitle?: string } }>,
): Map<string, string> {
  const titles = new Map<string, string>();
  for (const { provenance } of vendored) {
    const [only, another] = provenance.operations;
    const title = provenance.nameTitle ?? provenance.title;
    if (only && !another && title) titles.set(only, title);
  }
  return titles;
}

/**
 * The methods of a bundle (`after`: method name → `METHOD /path`) that `before` lacks, with where the bundle
 * took their names from (`titles`: the page titles of this run, by operation).
 */
export function addedMethods(
  before: Readonly<Record<string, string>> | undefined,
  after: Readonly<Record<string, string>>,
  document: OpenApiDocument,
  titles: ReadonlyMap<string, string>,
): NewMethod[] {
  const known = new Set(Object.keys(before ?? {}));
  return Object.entries(after)
    .filter(([name]) => !known.has(name))
    .map(([name, operation]) => {
      const space = operation.indexOf(" ");
      const op =
        document.paths?.[operation.slice(space + 1)]?.[operation.slice(0, space).toLowerCase()] ?? {};
      const from = nameSourceOf(op);
      const texts = {
        operationId: op[ORIGINAL_OPERATION_ID] ?? op.operationId,
        "page title": titles.get(operation),
        summary: op.summary,
        path: undefined,
      };
      const text = texts[from];
      const method: NewMethod = { operation, name, from, ...(typeof text === "string" ? { text } : {}) };
      // Named from its path though it has a title or summary: say which was passed over ("List" names no
      // operation on its own), not "no page title", which its author can see is there.
      const passed = (["page title", "summary"] as const).find(
        (k) => typeof texts[k] === "string" && texts[k],
      );
      if (from === "path" && passed)
        return {
          ...method,
          note: `the ${passed} "${texts[passed]}" is a bare verb or names nothing on its own`,
        };
      return withNote(method, op.operationId === name ? op[ORIGINAL_OPERATION_ID] : undefined);
    });
}

/**
 * A method the bundle named otherwise than its operationId alone would (operation-ids.ts
 * `uniqueOperationNames`), with why: a name every client already has, or one another operation has too.
 */
function withNote(method: NewMethod, original: unknown): NewMethod {
  if ((method.from === "page title" || method.from === "summary") && method.text) {
    // A name from documentation gives way to the provider's operationId (operation-ids.ts).
    const alone = nameFromTitle(method.text);
    if (alone === method.name) return method;
    const space = method.operation.indexOf(" ");
    const byPath = fallbackOperationName(method.operation.slice(0, space), method.operation.slice(space + 1));
    const note = `the ${method.from} "${method.text}" would name it "${alone}", which another operation is named too`;
    return method.name === byPath
      ? { operation: method.operation, name: method.name, from: "path", note }
      : { ...method, note };
  }
  if (method.from !== "operationId" || typeof original !== "string") return method;
  const space = method.operation.indexOf(" ");
  const alone = operationName(original, method.operation.slice(0, space), method.operation.slice(space + 1));
  if (alone === method.name) return method;
  if (CLIENT_MEMBERS.has(alone))
    return {
      operation: method.operation,
      name: method.name,
      from: "path",
      note: `its operationId "${original}" names a member every client has`,
    };
  return { ...method, note: `another operation is "${alone}" too, so the path tells them apart` };
}

const FROM: Record<NameSource, string> = {
  operationId: "its operationId",
  "page title": "the page title",
  summary: "its summary",
  path: "its method and path (no operationId, page title or summary)",
};

/** Above this many new methods, only the guessed names are listed one by one (a complete document has 1,000). */
const LISTED = 25;

/** The lines `vendor` and `sync` print about new methods. */
export function methodLines(methods: readonly NewMethod[]): string[] {
  const guessed = methods.filter((m) => m.from !== "operationId");
  const listed = methods.length > LISTED ? guessed : methods;
  const lines = listed.map(
    (m) =>
      `  new method ${m.name} (${m.operation}), named from ${m.from === "path" && m.note ? "its method and path" : FROM[m.from]}${m.text ? ` "${m.text}"` : ""}${m.note ? `: ${m.note}` : ""}`,
  );
  if (listed.length < methods.length) {
    const fromIds = methods.length - guessed.length;
    lines.unshift(`  ${methods.length} new methods, ${fromIds} named from their operationIds`);
  }
  if (guessed.length > 0)
    lines.push(
      "  to name a method otherwise, set its operationId with an overlay before the first release (README: Fixing a provider's spec)",
    );
  return lines;
}

/** An operation the package already has a method for, which the bundle now names otherwise. */
export interface RenamedMethod {
  operation: string;
  before: string;
  after: string;
}

/**
 * The operations `before` and `after` (method name → `METHOD /path`) both have under different names. A run
 * that adds operations can rename ones it never touched: a page titled "List" names GET /calls `list` until
 * GET /numbers's page is titled "List" too, and then the paths tell them apart (`listCalls`, `listNumbers`).
 */
export function renamedMethods(
  before: Readonly<Record<string, string>> | undefined,
  after: Readonly<Record<string, string>>,
): RenamedMethod[] {
  const nameOf = new Map(Object.entries(after).map(([name, operation]) => [operation, name]));
  return Object.entries(before ?? {}).flatMap(([name, operation]) => {
    const now = nameOf.get(operation);
    return now !== undefined && now !== name ? [{ operation, before: name, after: now }] : [];
  });
}

/** The lines `vendor` prints about methods its run renamed in a package that has been generated. */
export function renameLines(renamed: readonly RenamedMethod[], packageName: string): string[] {
  if (renamed.length === 0) return [];
  return [
    ...renamed.map((m) => `  renamed method ${m.before} → ${m.after} (${m.operation})`),
    `  code calling a renamed method by its old name breaks (a major release, once ${packageName} has been released); to keep a name, set that operation's operationId to it with an overlay (README: Fixing a provider's spec)`,
  ];
}
