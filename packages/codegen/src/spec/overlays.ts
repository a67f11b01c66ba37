/**
 * OpenAPI Overlay 1.0 documents (specs/<provider>/overlays/*.yaml, or .json): the only way we change a provider's spec.
 * Applying them is openapi-format's job; ours is to insist that every action says why, and to fail when an
 * action no longer matches anything, because that usually means the provider fixed its spec and the overlay
 * should go.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { openapiOverlay, resolveJsonPath } from "openapi-format";
import { InputError, nearestName, throwAll } from "../errors.js";
import { isOverlayFile, RepoLayout } from "../repo-layout.js";
import { HTTP_METHODS, type OpenApiDocument, resolvePointer } from "./openapi-document.js";
import { type JsonPath, jsonPathOf } from "./spec-checks.js";
import { type ParsedFile, parseYamlFile } from "./yaml-file.js";

export interface Overlay {
  readonly parsed: ParsedFile;
  /** Absolute path of the vendored file this overlay `extends`, or undefined for the bundled document. */
  readonly extends?: string;
}

/**
 * The overlays of `specs/<provider>/overlays/`, in file name order, each checked. Where the only problems are
 * actions that do not say why (each still a valid action), those go to `deferred` and the overlays are
 * returned to be applied, so that an action that matches nothing is reported in the same run
 * (`applyOverlay`); any other problem stops here.
 */
export function loadOverlays(root: string, provider: string, deferred: InputError[] = []): Overlay[] {
  const dir = new RepoLayout(root).overlaysDir(provider);
  if (!existsSync(dir)) return [];
  // Every problem of every overlay at once: a file that does not parse, and each bad field of the others.
  const problems: InputError[] = [];
  let blocking = false;
  const overlays: Overlay[] = [];
  for (const name of readdirSync(dir).filter(isOverlayFile).sort()) {
    try {
      const parsed = parseYamlFile(join(dir, name), root);
      const found = overlayProblems(parsed);
      problems.push(...found.problems);
      blocking ||= found.blocking;
      overlays.push(overlayOf(parsed));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error);
      blocking = true;
    }
  }
  if (blocking) throwAll(problems);
  deferred.push(...problems);
  return overlays;
}

/** An Overlay 1.0 action's fields (and `x-` extensions). */
const ACTION_FIELDS = ["target", "description", "update", "remove"];

/** An overlay's problems, and whether any keeps it from being applied (all but a missing reason do). */
function overlayProblems(parsed: ParsedFile): { problems: InputError[]; blocking: boolean } {
  const doc = parsed.value;
  const problems: InputError[] = [];
  let blocking = false;
  const fail = (detail: string, path: Array<string | number> = [], applicable = false) => {
    problems.push(new InputError(parsed.file, detail, parsed.lineOf(path)));
    blocking ||= !applicable;
  };
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    fail(
      doc === null || doc === undefined
        ? "is empty (or only comments): an overlay must be a YAML mapping with `overlay: 1.0.0`, `info` and `actions`; delete the file if it has nothing to fix"
        : "an overlay must be a YAML mapping",
    );
    return { problems, blocking };
  }
  if (typeof doc.overlay !== "string" || !/^1\.0\.\d+$/.test(doc.overlay)) {
    fail(
      doc.overlay === undefined
        ? "has no `overlay:` field: expected `overlay: 1.0.x`"
        : `expected \`overlay: 1.0.x\`, found ${JSON.stringify(doc.overlay)}`,
      ["overlay"],
    );
  }
  if (doc.extends !== undefined && typeof doc.extends !== "string")
    fail("`extends` must be a path to a vendored spec file", ["extends"]);
  if (!Array.isArray(doc.actions) || doc.actions.length === 0) {
    fail("an overlay needs a non-empty `actions` list");
    return { problems, blocking };
  }
  doc.actions.forEach((action: any, i: number) => {
    const at = ["actions", i];
    if (typeof action?.target !== "string" || !action.target.startsWith("$")) {
      fail(`action ${i + 1}: \`target\` must be a JSONPath starting with $`, at);
    } else {
      const syntax = jsonPathSyntaxError(action.target);
      if (syntax)
        fail(`action ${i + 1}: \`target\` is no JSONPath that can be read (${syntax})`, [...at, "target"]);
    }
    if (typeof action?.description !== "string" || action.description.trim().length < 10) {
      const short = typeof action?.description === "string" && action.description.trim() !== "";
      fail(
        `action ${i + 1}: \`description\` must say why the provider's spec is being changed` +
          (short
            ? ` (${JSON.stringify(action.description.trim())} is too short: say why, in 10 characters at least)`
            : ""),
        at,
        true,
      );
    }
    // A misspelt field (`udpate`) is named as such, beside what its absence leaves wrong.
    const strays = Object.keys(typeof action === "object" && action !== null ? action : {}).filter(
      (key) => !ACTION_FIELDS.includes(key) && !key.startsWith("x-"),
    );
    for (const key of strays) {
      const near = nearestName(key, ACTION_FIELDS);
      fail(
        `action ${i + 1}: \`${key}\` is not a field of an action (${near ? `did you mean \`${near}\`?` : `known: ${ACTION_FIELDS.join(", ")}`})`,
        [...at, key],
      );
    }
    const hasUpdate = action !== null && typeof action === "object" && Object.hasOwn(action, "update");
    if (hasUpdate === (action?.remove === true)) {
      fail(`action ${i + 1}: give exactly one of \`update\` or \`remove: true\``, at);
    }
  });
  return { problems, blocking };
}

/** A checked overlay, its `extends` resolved against the overlays folder, as Overlay 1.0 resolves it. */
function overlayOf(parsed: ParsedFile): Overlay {
  // An empty file parses to nothing: reported by overlayProblems as no mapping, never destructured here.
  const base = (parsed.value as { extends?: unknown } | null | undefined)?.extends;
  return { parsed, extends: typeof base === "string" ? resolve(dirname(parsed.path), base) : undefined };
}

/**
 * Applies `overlay` to `document` (in place and returned); every action must match at least one node. All
 * the actions that match nothing are reported together; one whose target filters parameters that the
 * document holds as `$ref`s says how to target them instead.
 */
export async function applyOverlay(
  document: object,
  overlay: Overlay,
  /** Where the actions that matched nothing go, to be reported with others; thrown when not given. */
  problems?: InputError[],
): Promise<object> {
  // openapi-format types its document with openapi-types, which it does not depend on: typed loosely
  // where that package is missing, strictly where something else installs it. Any document goes here.
  const input = document as Parameters<typeof openapiOverlay>[0];
  // Before applying: what a target selects is what the update must fit.
  const misfits = updatesThatDoNotFit(document, overlay);
  if (misfits.length) {
    if (problems) problems.push(...misfits);
    else throwAll(misfits);
    return document;
  }
  const { data, resultData } = await openapiOverlay(input, { overlaySet: overlay.parsed.value });
  const unused = resultData.unusedActions as Array<{ target: string }>;
  if (unused.length > 0) {
    const actions = overlay.parsed.value.actions as unknown[];
    const unmatched = unused.map((action) => {
      const index = actions.indexOf(action);
      const hint = refHint(data as OpenApiDocument, action.target);
      return new InputError(
        overlay.parsed.file,
        `action ${index + 1} (${JSON.stringify(action.target)}) matched nothing in the spec; ` +
          (hint ?? "if the provider fixed its document, delete the action"),
        overlay.parsed.lineOf(["actions", index]),
      );
    });
    if (problems) problems.push(...unmatched);
    else throwAll(unmatched);
  }
  const repeated = repeatedByAppend(data, overlay);
  if (repeated.length) {
    if (problems) problems.push(...repeated);
    else throwAll(repeated);
  }
  return data as object;
}

/**
 * An `update` whose array lands on an array the target has is appended to it (Overlay 1.0's merge, as
 * openapi-format does it), not put in its place: `update: { enum: [completed] }` on `[queued, completd]` gives
 * `[queued, completd, completed]`. Where that repeats a value already there, the action meant to replace the
 * array, and the spec would silently keep the values it meant to drop (an enum's wrong value, a `oneOf`
 * branch's other events): said with the action that removes the array first. An append of new values alone
 * is what `update` is for, and passes.
 */
/** The nodes a JSONPath selects (a target it cannot read was reported by the overlay's checks, quietly here). */
function selected(data: unknown, target: string): Array<{ value: unknown }> {
  const log = console.error;
  console.error = () => {};
  try {
    return resolveJsonPath(data as Record<string, unknown>, target) as Array<{ value: unknown }>;
  } catch {
    return [];
  } finally {
    console.error = log;
  }
}

const kindOf = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "a mapping"
        : `a ${typeof value}`;

/**
 * Updates that cannot apply to what their target selects (Overlay 1.0: an object's update is a mapping of
 * the fields to set; an array's is an entry appended): `update: "hello"` on `$.info` replaced the whole
 * object, and the error then blamed the vendored file; `update: 42` on `$.info.title` was "matched nothing".
 * Each is said at the overlay's line, with the update that does what was meant.
 */
function updatesThatDoNotFit(document: unknown, overlay: Overlay): InputError[] {
  const actions: any[] = overlay.parsed.value?.actions ?? [];
  const problems: InputError[] = [];
  actions.forEach((action, index) => {
    if (typeof action?.target !== "string" || !Object.hasOwn(action, "update")) return;
    const update = action.update;
    const mapping = update !== null && typeof update === "object" && !Array.isArray(update);
    // A mapping fits what targets select but for a plain value: not looked up (a lookup per action costs).
    if (mapping) return;
    const line =
      overlay.parsed.lineOf(["actions", index, "update"]) ?? overlay.parsed.lineOf(["actions", index]);
    for (const { value } of selected(document, action.target)) {
      if (Array.isArray(value)) continue; // any entry may be appended
      const isObject = value !== null && typeof value === "object";
      const parent = /^(.*)(?:\.([A-Za-z_$][\w$-]*)|\[['"]([^'"]+)['"]\])$/.exec(action.target);
      const field = parent?.[2] ?? parent?.[3];
      problems.push(
        new InputError(
          overlay.parsed.file,
          isObject
            ? `action ${index + 1}: \`update\` is ${kindOf(update)}, but ${action.target} selects a mapping: an update of a mapping is a mapping of the fields to set (\`update: { field: value }\`)`
            : `action ${index + 1}: ${action.target} selects ${kindOf(value)}, which an update cannot change (it merges into a mapping or appends to a list)` +
                (parent && field
                  ? `: update its parent instead, { target: "${parent[1]}", update: { ${JSON.stringify(field)}: ${JSON.stringify(update)} } }`
                  : ""),
          line,
        ),
      );
      break;
    }
  });
  return problems;
}

function repeatedByAppend(data: unknown, overlay: Overlay): InputError[] {
  const actions: any[] = overlay.parsed.value?.actions ?? [];
  const problems: InputError[] = [];
  actions.forEach((action, index) => {
    if (typeof action?.target !== "string" || action.update === null || typeof action.update !== "object")
      return;
    const nodes = selected(data, action.target);
    const found = new Set<string>();
    const walk = (update: unknown, node: unknown, path: string[]) => {
      if (Array.isArray(update)) {
        if (!Array.isArray(node)) return;
        const texts = node.map((item) => JSON.stringify(item));
        const repeats = update.some((item) => texts.filter((t) => t === JSON.stringify(item)).length > 1);
        if (repeats) found.add(path.join("."));
        return;
      }
      if (update === null || typeof update !== "object" || node === null || typeof node !== "object") return;
      for (const [key, value] of Object.entries(update))
        walk(value, (node as Record<string, unknown>)[key], [...path, key]);
    };
    for (const { value } of nodes) walk(action.update, value, []);
    for (const key of found) {
      const [first, ...rest] = key.split(".");
      const target = `${action.target}${[first, ...rest].map((k) => (/^[A-Za-z_$][\w$]*$/.test(k!) ? `.${k}` : `[${JSON.stringify(k)}]`)).join("")}`;
      problems.push(
        new InputError(
          overlay.parsed.file,
          `action ${index + 1}: its \`update\` of \`${key}\` is appended to the array there, which then holds a value twice: ` +
            `an update adds to an array rather than replacing it. To replace it, remove it first with an action before this one: ` +
            `{ target: "${target}", description: …, remove: true }`,
          overlay.parsed.lineOf(["actions", index, "update", ...key.split(".")]) ??
            overlay.parsed.lineOf(["actions", index]),
        ),
      );
    }
  });
  return problems;
}

/**
 * Where the last of `overlays`' actions that writes the node at `path` writes it: its `update`'s line for that
 * node, in its file. Only targets that name one place (`$`, `$.info`, `$.paths['/calls'].get`) are followed;
 * a filter or a wildcard could match anywhere, and its action is left out rather than guessed at.
 */
export function overlayWriting(
  path: JsonPath,
  overlays: readonly Overlay[],
): { file: string; line?: number } | undefined {
  for (const overlay of [...overlays].reverse()) {
    const actions: any[] = overlay.parsed.value?.actions ?? [];
    for (let i = actions.length - 1; i >= 0; i--) {
      const { target, update } = actions[i] ?? {};
      const at = typeof target === "string" ? placeOf(target) : undefined;
      if (!at || at.length > path.length || at.some((key, j) => String(key) !== String(path[j]))) continue;
      const rest = path.slice(at.length);
      let node = update;
      if (rest.length === 0 || node === undefined) continue;
      for (const key of rest) node = node !== null && typeof node === "object" ? node[key] : undefined;
      if (node === undefined) continue;
      const line = overlay.parsed.lineOf(["actions", i, "update", ...rest]);
      return line === undefined ? { file: overlay.parsed.file } : { file: overlay.parsed.file, line };
    }
  }
  return undefined;
}

/**
 * Why openapi-format cannot read a JSONPath, if it cannot. It logs a syntax error to the console and finds
 * nothing, so the action was reported as matching nothing ("delete the action") after a line of the parser's
 * own; asked here once, on an empty document, its message is kept for the action's problem instead.
 */
function jsonPathSyntaxError(target: string): string | undefined {
  const log = console.error;
  let message: string | undefined;
  console.error = (text: unknown) => {
    message = String(text).replace(/^Error resolving JSONPath: /, "");
  };
  try {
    resolveJsonPath({ openapi: "3.1.0" }, target);
  } finally {
    console.error = log;
  }
  return message && (message.length > 120 ? `${message.slice(0, 117)}…` : message);
}

/** The one place a JSONPath names (`$`, `$.a.b`, `$['a']["b"][0]`), or undefined for any other JSONPath. */
function placeOf(target: string): JsonPath | undefined {
  const place: JsonPath = [];
  const step = /\.([A-Za-z_$][\w$-]*)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]/y;
  step.lastIndex = 1;
  if (!target.startsWith("$")) return undefined;
  while (step.lastIndex < target.length) {
    const match = step.exec(target);
    if (!match) return undefined;
    place.push(match[4] !== undefined ? Number(match[4]) : (match[1] ?? match[2] ?? match[3])!);
  }
  return place;
}

/**
 * Why a target matched nothing when it would match with the document's `$ref`-ed parameters written out in
 * place (a filter on `@.name` sees only `{ $ref }`): the advice to target the component, or the reference.
 * Overlays stay literal (OpenAPI Overlay 1.0 targets the document as written); only the message looks through.
 */
function refHint(document: OpenApiDocument, target: string): string | undefined {
  const resolved = structuredClone(document);
  const origin = new Map<object, { ref: string; list: JsonPath }>();
  for (const [path, item] of Object.entries(resolved.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    for (const key of ["parameters", ...HTTP_METHODS]) {
      const holder = key === "parameters" ? item : item[key];
      const list = holder?.parameters;
      if (!Array.isArray(list)) continue;
      list.forEach((raw, i) => {
        if (typeof raw?.$ref !== "string") return;
        const param = resolvePointer(resolved, raw.$ref);
        if (!param || typeof param !== "object") return;
        const copy = structuredClone(param);
        list[i] = copy;
        origin.set(copy, {
          ref: raw.$ref,
          list: ["paths", path, ...(key === "parameters" ? [] : [key]), "parameters"],
        });
      });
    }
  }
  if (origin.size === 0) return undefined;
  const refs = new Map<string, JsonPath>();
  for (const node of resolveJsonPath(resolved, target) as Array<{ value: unknown; parent: unknown }>) {
    const hit = origin.get(node.value as object) ?? origin.get(node.parent as object);
    if (hit) refs.set(hit.ref, hit.list);
  }
  if (refs.size === 0) return undefined;
  const ways = [...refs].map(([ref, list]) => {
    const component = ref
      .replace(/^#\//, "")
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    return (
      `${ref}: target the component, \`${jsonPathOf(component)}\` (every operation that refers to it changes), ` +
      `or the reference, \`${jsonPathOf(list)}[?(@['$ref'] == '${ref}')]\``
    );
  });
  return `the parameters it filters are $refs in the spec, which a target sees as \`{ $ref }\` only. ${ways.join("; ")}`;
}
