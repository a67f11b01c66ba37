/**
 * What a spec change means for users of the generated client, as a semver bump and a list of changes they
 * must read. api-smart-diff finds and classifies the differences (it resolves `$ref`s, so a change to a shared
 * schema shows up at every operation that uses it); this file only maps its classes to semver and writes the
 * sentences. Why that library: packages/codegen/DIFF.md.
 *
 * The mapping is stricter than api-smart-diff's wire-compatibility view in three places, because our users
 * compile against the generated types: a field removed from a response or a request body breaks code that
 * names it; a value added to a response enum breaks an exhaustive `switch`; any type change of a request
 * field or parameter that does not only widen it breaks callers that pass the old type.
 */
import { apiCompare } from "api-smart-diff";
import { type OpenApiDocument, resolvePointer } from "./openapi.js";
import { operationTable, providerDefinition } from "./surface.js";

export type Bump = "major" | "minor" | "patch" | "none";
export type Section = "breaking" | "added" | "changed" | "documentation";

export interface SpecChange {
  bump: Exclude<Bump, "none">;
  /** `deleteIp (DELETE /ips/{id})`, or undefined for changes to the API as a whole. */
  subject?: string;
  text: string;
}

export interface SpecDiff {
  bump: Bump;
  changes: SpecChange[];
}

const ORDER: Bump[] = ["none", "patch", "minor", "major"];
export const maxBump = (...bumps: Bump[]): Bump =>
  bumps.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), "none");

export function sectionOf(change: SpecChange): Section {
  if (change.bump === "major") return "breaking";
  if (change.bump === "patch") return "documentation";
  return /\badded\b|^new /.test(change.text) ? "added" : "changed";
}

type Path = ReadonlyArray<string | number>;
interface LibraryDiff {
  type: "breaking" | "non-breaking" | "annotation" | "unclassified" | "deprecated";
  action: "add" | "remove" | "replace" | "rename";
  path: Path;
  before?: unknown;
  after?: unknown;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const DOC_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "tags",
  "default",
  "x-codeSamples",
]);
/** Component kinds openapi-typescript turns into `components[kind][name]` types. */
const TYPED_COMPONENTS = new Set([
  "schemas",
  "parameters",
  "responses",
  "requestBodies",
  "headers",
  "pathItems",
]);

/** Compares two bundled specs (header-free documents) of `provider` (which names its environment variables). */
export function diffSpecs(before: OpenApiDocument, after: OpenApiDocument, provider = "provider"): SpecDiff {
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after)) as { diffs: LibraryDiff[] };
  const names = operationNames(before, after);
  const unreachable = unreachableComponents(before, after);
  const changes: SpecChange[] = [];
  for (const diff of diffs) {
    const change = describe(diff, { before, after, names, unreachable });
    if (change) changes.push(...[change].flat());
  }
  changes.push(...operationRenames(before, after), ...definitionChanges(before, after, provider));
  const unique = dedupe(changes);
  return { bump: maxBump(...unique.map((c) => c.bump)), changes: unique };
}

interface Context {
  before: OpenApiDocument;
  after: OpenApiDocument;
  /** `METHOD path` → method name, from the new spec, else the old one. */
  names: Map<string, string>;
  unreachable: Set<string>;
}

type Described = SpecChange | SpecChange[] | undefined;

function describe(diff: LibraryDiff, ctx: Context): Described {
  const [root, ...rest] = diff.path.map(String);
  if (root === "info") {
    if (rest[0] === "version") return undefined;
    return { bump: "patch", text: `info.${rest.join(".")} changed` };
  }
  if (root === "paths") return describePathChange(diff, rest, ctx);
  if (root === "components") return describeComponentChange(diff, rest, ctx);
  // Servers, security and security schemes are judged by what they do to the client's options, below.
  if (root === "servers" || root === "security") return undefined;
  if (root?.startsWith("x-") || root === "tags" || root === "externalDocs") {
    return { bump: "patch", text: `${root} changed` };
  }
  return { bump: libraryBump(diff), text: `${root} ${verb(diff)}` };
}

function describePathChange(diff: LibraryDiff, rest: string[], ctx: Context): Described {
  const [path, method, ...inner] = rest;
  if (path === undefined) return undefined;
  if (method === undefined) {
    // A whole path item appeared or went away: one change per operation in it.
    const item = (diff.action === "remove" ? diff.before : diff.after) as Record<string, unknown> | undefined;
    const methods = Object.keys(item ?? {}).filter((m) => METHODS.has(m));
    return methods.map((m) => operationPresence(diff.action === "remove" ? "remove" : "add", m, path, ctx));
  }
  if (!METHODS.has(method)) {
    // Path-level keys: shared parameters (they belong to every operation of the path) or documentation.
    if (method === "parameters") {
      const subject = `every operation on \`${path}\``;
      return parameterChange(diff, inner, subject, ctx, ["paths", path, "parameters"]);
    }
    if (DOC_KEYS.has(method)) return { bump: "patch", subject: `\`${path}\``, text: `${method} changed` };
    return { bump: libraryBump(diff), subject: `\`${path}\``, text: `${method} ${verb(diff)}` };
  }
  if (!inner.length) return operationPresence(diff.action === "remove" ? "remove" : "add", method, path, ctx);
  const subject = subjectOf(method, path, ctx);
  const [part, ...more] = inner;
  switch (part) {
    case "parameters":
      return parameterChange(diff, more, subject, ctx, ["paths", path, method, "parameters"]);
    case "requestBody":
      return bodyChange(diff, more, subject);
    case "responses":
      return responseChange(diff, more, subject);
    case "operationId":
      // The method name follows the operationId; a rename is reported by `operationRenames`.
      return { bump: "patch", subject, text: "operationId changed" };
    case "deprecated":
      return {
        bump: "minor",
        subject,
        text: diff.action === "remove" ? "no longer deprecated" : "deprecated",
      };
    case "security":
      return { bump: libraryBump(diff), subject, text: `security requirements ${verb(diff)}` };
    case "servers":
      return { bump: "minor", subject, text: "server URL changed" };
    default:
      if (part && (DOC_KEYS.has(part) || part.startsWith("x-"))) {
        return { bump: "patch", subject, text: `${part} changed` };
      }
      return { bump: libraryBump(diff), subject, text: `${[part, ...more].join(".")} ${verb(diff)}` };
  }
}

function operationPresence(action: "add" | "remove", method: string, path: string, ctx: Context): SpecChange {
  const subject = subjectOf(method, path, ctx);
  return action === "add"
    ? { bump: "minor", subject, text: "new operation" }
    : { bump: "major", subject, text: "operation removed" };
}

function parameterChange(
  diff: LibraryDiff,
  rest: string[],
  subject: string,
  ctx: Context,
  listPath: string[],
): SpecChange {
  const [index, field, ...schemaPath] = rest;
  const parameter = parameterAt(diff, ctx, [...listPath, index ?? ""]);
  const label = parameter ? `${parameter.in} parameter \`${parameter.name}\`` : "a parameter";
  if (field === undefined) {
    if (diff.action === "add") {
      const required = parameter?.required === true;
      return {
        bump: required ? "major" : "minor",
        subject,
        text: `${label} added (${required ? "required" : "optional"})`,
      };
    }
    if (diff.action === "remove") return { bump: "major", subject, text: `${label} removed` };
    return { bump: "major", subject, text: `${label} replaced` };
  }
  if (field === "required") {
    const nowRequired = diff.action !== "remove" && diff.after === true;
    return nowRequired
      ? { bump: "major", subject, text: `${label} is now required` }
      : { bump: "minor", subject, text: `${label} is now optional` };
  }
  if (field === "schema" || field === "content") {
    const path = field === "content" ? schemaPath.slice(2) : schemaPath;
    return schemaChange(diff, path, "request", subject, label);
  }
  if (field === "deprecated") return { bump: "minor", subject, text: `${label} deprecated` };
  if (DOC_KEYS.has(field) || field.startsWith("x-")) {
    return { bump: "patch", subject, text: `${label}: ${field} changed` };
  }
  return { bump: requestBump(diff), subject, text: `${label}: ${field} ${verb(diff)}` };
}

function bodyChange(diff: LibraryDiff, rest: string[], subject: string): SpecChange {
  const [part, mediaType, schemaKey, ...schemaPath] = rest;
  if (part === undefined) {
    if (diff.action === "add") {
      const required = (diff.after as { required?: boolean } | undefined)?.required === true;
      return {
        bump: required ? "major" : "minor",
        subject,
        text: `request body added (${required ? "required" : "optional"})`,
      };
    }
    return {
      bump: "major",
      subject,
      text: diff.action === "remove" ? "request body removed" : "request body replaced",
    };
  }
  if (part === "required") {
    return diff.after === true
      ? { bump: "major", subject, text: "request body is now required" }
      : { bump: "minor", subject, text: "request body is now optional" };
  }
  if (part === "content") {
    if (schemaKey === undefined) {
      return diff.action === "add"
        ? { bump: "minor", subject, text: `request body accepts ${mediaType ?? "a new media type"}` }
        : { bump: "major", subject, text: `request body ${mediaType ?? "media type"} ${verb(diff)}` };
    }
    if (schemaKey === "schema") return schemaChange(diff, schemaPath, "request", subject, "request body");
    if (DOC_KEYS.has(schemaKey)) return { bump: "patch", subject, text: `request body ${schemaKey} changed` };
  }
  if (part && (DOC_KEYS.has(part) || part.startsWith("x-"))) {
    return { bump: "patch", subject, text: `request body ${part} changed` };
  }
  return { bump: requestBump(diff), subject, text: `request body ${rest.join(".")} ${verb(diff)}` };
}

function responseChange(diff: LibraryDiff, rest: string[], subject: string): SpecChange {
  const [status, part, mediaType, schemaKey, ...schemaPath] = rest;
  const label = `response ${status}`;
  if (part === undefined) {
    return diff.action === "add"
      ? { bump: "minor", subject, text: `${label} added` }
      : { bump: "major", subject, text: `${label} ${verb(diff)}` };
  }
  if (part === "content") {
    if (schemaKey === undefined) {
      return diff.action === "add"
        ? { bump: "minor", subject, text: `${label} may now be ${mediaType ?? "a new media type"}` }
        : { bump: "major", subject, text: `${label} ${mediaType ?? "media type"} ${verb(diff)}` };
    }
    if (schemaKey === "schema") return schemaChange(diff, schemaPath, "response", subject, label);
    if (DOC_KEYS.has(schemaKey)) return { bump: "patch", subject, text: `${label} ${schemaKey} changed` };
  }
  if (part === "headers") {
    const header = mediaType ?? "";
    return {
      bump: diff.action === "remove" ? "major" : libraryBump(diff),
      subject,
      text: `${label} header \`${header}\` ${verb(diff)}`,
    };
  }
  if (part && (DOC_KEYS.has(part) || part.startsWith("x-"))) {
    return { bump: "patch", subject, text: `${label} ${part} changed` };
  }
  return {
    bump: libraryBump(diff),
    subject,
    text: `${label} ${[part, ...rest.slice(2)].join(".")} ${verb(diff)}`,
  };
}

/**
 * A change inside a schema, at `schemaPath` below its root, for a request (caller sends it) or a response
 * (caller reads it). The field is named by its dotted path (`data.tags[]`).
 */
function schemaChange(
  diff: LibraryDiff,
  schemaPath: string[],
  direction: "request" | "response",
  subject: string | undefined,
  where: string,
): SpecChange {
  const { field, leaf, leafIndex } = fieldOf(schemaPath);
  const at = field ? `${where} field \`${field}\`` : where;
  const value = diff.action === "remove" ? diff.before : diff.after;
  const bumpFromLibrary = direction === "request" ? requestBump(diff) : libraryBump(diff);

  if (leaf === undefined) {
    return {
      bump: diff.action === "add" ? bumpFromLibrary : "major",
      subject,
      text: `${at} schema ${verb(diff)}`,
    };
  }
  if (leaf === "properties" && leafIndex !== undefined) {
    if (diff.action === "remove") return { bump: "major", subject, text: `${at} removed` };
    if (diff.action === "add") return { bump: bumpFromLibrary, subject, text: `${at} added` };
    return { bump: "major", subject, text: `${at} replaced` };
  }
  if (leaf === "required") {
    const name = String(value);
    const target = `${where} field \`${field ? `${field}.` : ""}${name}\``;
    if (diff.action === "add") {
      return direction === "request"
        ? { bump: "major", subject, text: `${target} is now required` }
        : { bump: "minor", subject, text: `${target} is now always present` };
    }
    if (diff.action === "remove") {
      return direction === "request"
        ? { bump: "minor", subject, text: `${target} is now optional` }
        : { bump: "major", subject, text: `${target} may now be absent` };
    }
    return { bump: "major", subject, text: `${where}: required fields changed` };
  }
  if (leaf === "enum") {
    const shown = JSON.stringify(value);
    if (diff.action === "add") {
      return direction === "response"
        ? { bump: "major", subject, text: `${at} may now be ${shown} (a new enum value)` }
        : { bump: "minor", subject, text: `${at} accepts ${shown}` };
    }
    if (diff.action === "remove") {
      return direction === "response"
        ? { bump: "major", subject, text: `${at} is no longer ${shown}` }
        : { bump: "major", subject, text: `${at} no longer accepts ${shown}` };
    }
    return { bump: "major", subject, text: `${at} enum values changed` };
  }
  if (leaf === "type" || leaf === "nullable") {
    const from = typesOf(diff.before);
    const to = typesOf(diff.after);
    const text = `${at} type ${from.join(" | ") || "(any)"} → ${to.join(" | ") || "(any)"}`;
    if (leaf === "nullable") {
      const widened = diff.after === true;
      return {
        bump: direction === "request" && widened ? "minor" : "major",
        subject,
        text: `${at} ${widened ? "may now be null" : "is no longer nullable"}`,
      };
    }
    const widened = from.length > 0 && from.every((t) => to.includes(t));
    if (direction === "request") return { bump: widened ? "minor" : "major", subject, text };
    return { bump: "major", subject, text };
  }
  if (leaf === "deprecated") return { bump: "minor", subject, text: `${at} deprecated` };
  if (DOC_KEYS.has(leaf) || leaf.startsWith("x-")) {
    return { bump: "patch", subject, text: `${at} ${leaf} changed` };
  }
  if (leaf === "readOnly" || leaf === "writeOnly") {
    return { bump: "major", subject, text: `${at} ${leaf} ${verb(diff)}` };
  }
  // Validators (format, pattern, lengths, ranges) and composition keywords.
  return { bump: bumpFromLibrary, subject, text: `${at}: ${leaf} ${verb(diff)}${shownValue(diff)}` };
}

function fieldOf(schemaPath: string[]): { field: string; leaf?: string; leafIndex?: string } {
  const parts: string[] = [];
  let i = 0;
  while (i < schemaPath.length) {
    const key = schemaPath[i]!;
    const next = schemaPath[i + 1];
    if (key === "properties" && next !== undefined) {
      if (i + 2 === schemaPath.length) {
        parts.push(next);
        return { field: parts.join(".").replace(/\.\[\]/g, "[]"), leaf: "properties", leafIndex: next };
      }
      parts.push(next);
      i += 2;
    } else if (key === "items") {
      parts.push("[]");
      i += 1;
    } else if (key === "additionalProperties") {
      parts.push("*");
      i += 1;
    } else if ((key === "allOf" || key === "oneOf" || key === "anyOf") && next !== undefined) {
      if (i + 2 === schemaPath.length) break;
      i += 2;
    } else {
      break;
    }
  }
  const field = parts.join(".").replace(/\.\[\]/g, "[]");
  return { field, leaf: schemaPath[i], leafIndex: schemaPath[i + 1] };
}

function describeComponentChange(diff: LibraryDiff, rest: string[], ctx: Context): SpecChange | undefined {
  const [kind, name, ...inner] = rest;
  if (kind === undefined || name === undefined) return undefined;
  if (kind === "securitySchemes") return undefined;
  if (!TYPED_COMPONENTS.has(kind)) {
    return { bump: "patch", text: `components.${kind}.${name} ${verb(diff)}` };
  }
  const label = `\`components["${kind}"]["${name}"]\``;
  if (!inner.length) {
    // The exported `components` type gains or loses a member that users may name directly.
    if (diff.action === "add") return { bump: "minor", text: `${label} added` };
    if (diff.action === "remove") return { bump: "major", text: `${label} removed` };
  }
  // Changes to a component that operations use are reported at each operation (the library follows
  // `$ref`s); only components no operation reaches are reported here, as changes to that type.
  if (!ctx.unreachable.has(`${kind}/${name}`)) return undefined;
  const change =
    kind === "schemas"
      ? schemaChange(diff, inner, "response", undefined, label)
      : { bump: libraryBump(diff), text: `${label} ${inner.join(".")} ${verb(diff)}` };
  return change;
}

/** Components that no operation refers to, directly or through other components, in either spec. */
function unreachableComponents(before: OpenApiDocument, after: OpenApiDocument): Set<string> {
  const reached = new Set([...reachable(before), ...reachable(after)]);
  const all = new Set<string>();
  for (const doc of [before, after]) {
    for (const [kind, entries] of Object.entries(doc.components ?? {})) {
      for (const name of Object.keys(entries ?? {})) all.add(`${kind}/${name}`);
    }
  }
  return new Set([...all].filter((key) => !reached.has(key)));
}

function reachable(doc: OpenApiDocument): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string") {
          const match = value.match(/^#\/components\/([^/]+)\/([^/]+)$/);
          if (match) {
            const id = `${match[1]}/${decodeURIComponent(match[2]!).replace(/~1/g, "/").replace(/~0/g, "~")}`;
            if (!seen.has(id)) {
              seen.add(id);
              visit(resolvePointer(doc, value));
            }
          }
        } else {
          visit(value);
        }
      }
    }
  };
  visit(doc.paths);
  return seen;
}

/** Operations whose generated method name changed while the endpoint stayed: a rename for callers. */
function operationRenames(before: OpenApiDocument, after: OpenApiDocument): SpecChange[] {
  const old = new Map(
    operationTable(before, "(previous spec)").map((op) => [`${op.method} ${op.path}`, op.name]),
  );
  const changes: SpecChange[] = [];
  for (const op of operationTable(after, "(new spec)")) {
    const previous = old.get(`${op.method} ${op.path}`);
    if (previous && previous !== op.name) {
      changes.push({
        bump: "major",
        subject: `\`${previous}\` (${op.method} ${op.path})`,
        text: `method renamed to \`${op.name}\``,
      });
    }
  }
  return changes;
}

/** Regions, credentials and how they are sent: the client options the spec's servers and security define. */
function definitionChanges(before: OpenApiDocument, after: OpenApiDocument, provider: string): SpecChange[] {
  const a = providerDefinition(before, provider, "(previous spec)");
  const b = providerDefinition(after, provider, "(new spec)");
  const changes: SpecChange[] = [];
  for (const [region, url] of Object.entries(a.servers)) {
    const next = b.servers[region];
    if (next === undefined)
      changes.push({ bump: "major", text: `region \`${region}\` removed (was ${url})` });
    else if (next !== url)
      changes.push({ bump: "minor", text: `region \`${region}\` now uses ${next} (was ${url})` });
  }
  for (const [region, url] of Object.entries(b.servers)) {
    if (!(region in a.servers)) changes.push({ bump: "minor", text: `region \`${region}\` added (${url})` });
  }
  if (a.defaultServer !== b.defaultServer && b.defaultServer in a.servers) {
    changes.push({
      bump: "major",
      text: `default region is now \`${b.defaultServer}\` (was \`${a.defaultServer}\`)`,
    });
  }
  for (const [name, { env }] of Object.entries(a.credentials)) {
    if (!(name in b.credentials))
      changes.push({ bump: "major", text: `credential \`${name}\` (${env}) removed` });
  }
  for (const [name, { env }] of Object.entries(b.credentials)) {
    if (!(name in a.credentials)) {
      changes.push({ bump: "major", text: `new required credential \`${name}\` (${env})` });
    }
  }
  // A path parameter that stops being filled from a credential becomes required again in every method that
  // has it, so code that left it out stops compiling.
  for (const [param, credential] of Object.entries(a.pathCredentials)) {
    const next = b.pathCredentials[param];
    if (next === undefined)
      changes.push({
        bump: "major",
        text: `path parameter \`${param}\` is no longer filled from credential \`${credential}\`: callers pass it`,
      });
    else if (next !== credential)
      changes.push({
        bump: "major",
        text: `path parameter \`${param}\` is now filled from credential \`${next}\` (was \`${credential}\`)`,
      });
  }
  for (const [param, credential] of Object.entries(b.pathCredentials)) {
    if (!(param in a.pathCredentials))
      changes.push({
        bump: "minor",
        text: `path parameter \`${param}\` is filled from credential \`${credential}\` unless given`,
      });
  }
  if (JSON.stringify(a.auth) !== JSON.stringify(b.auth)) {
    const describeAuth = (auth: typeof a.auth) =>
      auth.map((s) => (s.type === "apiKey" ? `${s.in} ${s.name}` : s.type)).join(" + ") || "none";
    changes.push({
      bump: "minor",
      text: `authentication is now sent as ${describeAuth(b.auth)} (was ${describeAuth(a.auth)})`,
    });
  }
  return changes;
}

function operationNames(before: OpenApiDocument, after: OpenApiDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const doc of [before, after]) {
    for (const op of operationTable(doc, "(spec)")) names.set(`${op.method} ${op.path}`, op.name);
  }
  return names;
}

function subjectOf(method: string, path: string, ctx: Context): string {
  const key = `${method.toUpperCase()} ${path}`;
  const name = ctx.names.get(key);
  return name ? `\`${name}\` (${key})` : `${key}`;
}

function parameterAt(
  diff: LibraryDiff,
  ctx: Context,
  path: string[],
): { name: string; in: string; required?: boolean } | undefined {
  const fromValue = (value: unknown, doc: OpenApiDocument) => {
    let param = value as any;
    if (param && typeof param.$ref === "string") param = resolvePointer(doc, param.$ref);
    return param && typeof param.name === "string" ? param : undefined;
  };
  if (path.length === diff.path.length) {
    const value = diff.action === "remove" ? diff.before : diff.after;
    const direct = fromValue(value, diff.action === "remove" ? ctx.before : ctx.after);
    if (direct) return direct;
  }
  const pointer = `#/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
  return (
    fromValue(resolvePointer(ctx.after, pointer), ctx.after) ??
    fromValue(resolvePointer(ctx.before, pointer), ctx.before)
  );
}

function typesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

function verb(diff: LibraryDiff): string {
  return diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
}

function shownValue(diff: LibraryDiff): string {
  const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
  if (diff.action === "replace" && typeof diff.before !== "object" && typeof diff.after !== "object") {
    return ` (${show(diff.before)} → ${show(diff.after)})`;
  }
  const value = diff.action === "remove" ? diff.before : diff.after;
  return typeof value === "object" || value === undefined ? "" : ` (${show(value)})`;
}

/** api-smart-diff's class as a bump: its "breaking" is ours, additions are minor, annotations patch. */
function libraryBump(diff: LibraryDiff): Exclude<Bump, "none"> {
  switch (diff.type) {
    case "breaking":
      return "major";
    case "non-breaking":
    case "deprecated":
      return "minor";
    case "annotation":
      return "patch";
    default:
      // Unclassified: the library cannot tell; a minor release at least makes users look.
      return diff.path.some((p) => String(p).startsWith("x-")) ? "patch" : "minor";
  }
}

/** For what a caller sends, removals are always breaking (the old call no longer type-checks). */
function requestBump(diff: LibraryDiff): Exclude<Bump, "none"> {
  return diff.action === "remove" && diff.type !== "annotation" ? "major" : libraryBump(diff);
}

function dedupe(changes: SpecChange[]): SpecChange[] {
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = `${change.bump}|${change.subject ?? ""}|${change.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
