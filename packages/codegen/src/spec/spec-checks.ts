/**
 * The structural checks of a provider's bundled spec, run after every overlay is applied (so an overlay can
 * fix anything they find) by `generate` and `vendor` alike. Each problem is reported at once with the others,
 * at the line of the vendored file it comes from, with its JSON pointer and an overlay action that fixes it
 * (or says how), so a broken document has a way through.
 *
 * Checked: `$ref`s (local, resolvable, not looping among themselves), security requirements (lists of objects,
 * each naming a declared scheme; API-key schemes the client can send), the shapes openapi-typescript and the
 * generator rely on (`info`; servers with a string `url` whose variables are declared; path keys that are
 * templates; string operationIds; objects where OpenAPI has objects; schemas that are schemas: `allOf` lists
 * of schemas, `properties` of schemas, `required` lists, `type`s JSON Schema names), in `paths` and
 * `webhooks` alike, parameters (one location per name, parameter `$ref`s that land on parameters, every path
 * template variable declared and every path parameter in the template), no request body on a GET or HEAD
 * (fetch cannot send one), and unique method names. Hand-written rather than Redocly's `struct`
 * rule (which openapi-typescript's own validation runs): that takes 2.8 s on Telnyx's 4 MB document, a second
 * generation, and flags 106 harmless `nullable`s of a 3.1 document there, while this pass takes a fraction of
 * that and reports only what breaks a client.
 */
import { dump } from "js-yaml";
import { FixSuggestion, InputError, throwAll } from "../errors.js";
import { isClientHeader } from "./client-owned-headers.js";
import {
  derefIfResolvable,
  HTTP_METHODS,
  type HttpMethod,
  isObject,
  keyQueryItems,
  type OpenApiDocument,
  operationsOf,
  queryParameterItem,
  refsOf,
  resolvePointer,
  type WebhookSection,
  webhookItems,
  webSocketServers,
} from "./openapi-document.js";
import { NameClash, uniqueOperationNames } from "./operation-ids.js";
import type { ParsedFile } from "./yaml-file.js";

export type JsonPath = Array<string | number>;

/** An OpenAPI Overlay 1.0 action, as a fix is printed. */
export interface OverlayAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
}

export interface SpecProblem {
  /** Where, in the bundled document. */
  readonly at: JsonPath;
  readonly message: string;
  /** Overlay actions that fix it, in order; or advice when no action can. */
  readonly fix?: OverlayAction[] | string;
}

/** Where the bundle's nodes came from: the vendored files as parsed (lines), in bundle order. */
export interface SpecSources {
  readonly provider: string;
  /** Shown when a node is in no vendored file (an overlay added it). */
  readonly label: string;
  readonly files: readonly Pick<ParsedFile, "file" | "value" | "lineOf">[];
  /** Where an overlay's action writes exactly this path (overlays.ts `overlayWriting`), if one does. */
  readonly overlayAt?: (path: JsonPath) => { file: string; line?: number } | undefined;
}

/** A JSON pointer (`#/paths/~1calls/get`) for a path. */
export const pointerOf = (path: JsonPath): string =>
  `#/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

/** A JSONPath an overlay can target (`$.paths['/calls'].get`) for a path. */
export function jsonPathOf(path: JsonPath): string {
  return `$${path
    .map((p) =>
      typeof p === "number"
        ? `[${p}]`
        : /^[A-Za-z_][\w]*$/.test(p)
          ? `.${p}`
          : `['${p.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`,
    )
    .join("")}`;
}

const kind = (value: unknown) =>
  Array.isArray(value) ? "a list" : value === null ? "null" : `a ${typeof value}`;
const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** Every problem of the document, in document order. */
export function specProblems(doc: OpenApiDocument): SpecProblem[] {
  const problems: SpecProblem[] = [];
  checkRefs(doc, problems);
  checkSchemasContainingThemselves(doc, problems);
  checkSecurity(doc, problems);
  if (!isObject(doc.info)) {
    problems.push({
      at: ["info"],
      message: `\`info\` must be an object with the API's \`title\` and \`version\`${doc.info === undefined ? ", and the document has none" : `, not ${kind(doc.info)}`}`,
      fix: [
        {
          target: "$",
          description: "The document has no info object.",
          update: { info: { title: "<the API's name>", version: "<its version>" } },
        },
      ],
    });
  }
  const walker = new ShapeWalker(problems, doc);
  walker.servers(doc.servers, ["servers"]);
  for (const [path, item] of Object.entries(doc.paths ?? {})) walker.pathItem(path, item);
  for (const { name, item, section } of webhookItems(doc)) walker.pathItem(name, item, section);
  const components = doc.components ?? {};
  for (const [name, schema] of Object.entries(components.schemas ?? {}))
    walker.schema(schema, ["components", "schemas", name]);
  for (const [name, param] of Object.entries(components.parameters ?? {}))
    walker.parameter(param, ["components", "parameters", name]);
  for (const [name, body] of Object.entries(components.requestBodies ?? {}))
    walker.content(body, ["components", "requestBodies", name]);
  for (const [name, response] of Object.entries(components.responses ?? {}))
    walker.response(response, ["components", "responses", name]);
  for (const [name, header] of Object.entries(components.headers ?? {}))
    walker.header(header, ["components", "headers", name]);
  return problems;
}

/**
 * Checks the bundled document and makes its method names unique (rewriting operationIds, see
 * operation-ids.ts); throws every problem found, each at its vendored file's line, with the overlay that
 * fixes them all at the end.
 */
export function checkBundledSpec(doc: OpenApiDocument, sources: SpecSources): void {
  const problems = specProblems(doc);
  try {
    uniqueOperationNames(doc, sources.label);
  } catch (error) {
    if (!(error instanceof NameClash)) throw error;
    problems.push(nameClashProblem(doc, error));
  }
  const errors = problems.map((p) => problemError(p, sources));
  const seen = new Set<string>();
  const actions = problems
    .flatMap((p) => (Array.isArray(p.fix) ? p.fix : []))
    .filter((action) => !seen.has(JSON.stringify(action)) && Boolean(seen.add(JSON.stringify(action))));
  if (actions.length && errors.length) errors.push(overlayTemplate(sources, actions));
  throwAll(errors);
}

/**
 * Two operations that would be one method: the fix names the second otherwise, by its method and path with a
 * number no other operation has, for a person to rename as the provider's documentation names it.
 */
function nameClashProblem(doc: OpenApiDocument, clash: NameClash): SpecProblem {
  const { second, name } = clash;
  const taken = new Set(
    [...operationsOf(doc)].map((op) =>
      typeof op.operation.operationId === "string" ? op.operation.operationId : "",
    ),
  );
  let n = 2;
  while (taken.has(`${name}${n}`)) n++;
  const at: JsonPath = ["paths", second.path, second.method];
  return {
    at,
    message: clash.detail,
    fix: [
      {
        target: jsonPathOf(at),
        description: `${second.method.toUpperCase()} ${second.path} would be named "${name}" as ${clash.first.method.toUpperCase()} ${clash.first.path} is; rename it as the provider's documentation names it`,
        update: { operationId: `${name}${n}` },
      },
    ],
  };
}

/** A problem as an error at its vendored file's line: message, pointer, and the fix. */
export function problemError(problem: SpecProblem, sources: SpecSources): InputError {
  const { file, line } = locate(problem.at, sources);
  const lines = [problem.message, `    at ${pointerOf(problem.at)}`];
  if (typeof problem.fix === "string") lines.push(`    fix: ${problem.fix}`);
  else if (problem.fix?.length) {
    lines.push("    fix (overlay action):", ...indent(dump(problem.fix, { lineWidth: -1, noRefs: true }), 6));
  }
  return new InputError(file, lines.join("\n"), line);
}

/** The overlay holding every suggested action, ready to save and review. */
function overlayTemplate(sources: SpecSources, actions: OverlayAction[]): FixSuggestion {
  const file = `specs/${sources.provider}/overlays/spec-fixes.yaml`;
  const overlay = {
    overlay: "1.0.0",
    info: { title: `Fixes for ${sources.provider}'s spec`, version: "1.0.0" },
    actions,
  };
  return new FixSuggestion(
    file,
    "every fix above as one overlay: save it there, check each action (and its description), then generate again:\n" +
      indent(dump(overlay, { lineWidth: -1, noRefs: true }), 4).join("\n"),
  );
}

const indent = (text: string, n: number) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => `${" ".repeat(n)}${l}`);

/** Where a node of the bundled document is written: its file and line (see `locate`). */
export type Locate = (at: JsonPath) => { file: string; line?: number };

/**
 * The file and line a bundle path comes from, its deepest part that one has: the overlay action that writes
 * it (the last word on it), else the first vendored file that has a node there (a component that merging
 * prefixed with its file's name is looked up under its own name), else the bundle.
 */
export function locate(at: JsonPath, sources: SpecSources): { file: string; line?: number } {
  for (let depth = at.length; depth > 0; depth--) {
    const path = at.slice(0, depth);
    const written = sources.overlayAt?.(path);
    if (written) return written;
    for (const source of sources.files) {
      const candidates = [path];
      if (path[0] === "components" && typeof path[2] === "string" && path[2].includes("_"))
        candidates.push([path[0], path[1]!, path[2].slice(path[2].indexOf("_") + 1), ...path.slice(3)]);
      for (const candidate of candidates) {
        if (resolvePointer(source.value ?? {}, pointerOf(candidate)) !== undefined) {
          const line = source.lineOf(candidate);
          return line === undefined ? { file: source.file } : { file: source.file, line };
        }
      }
    }
  }
  return { file: sources.label };
}

/**
 * A component schema that is one of its own `allOf`/`anyOf`/`oneOf` parts, directly or through others (`A:
 * {allOf: [{$ref: A}, …]}`, `U: {oneOf: [{$ref: U}, {type: string}]}`), with no property or array item in
 * between: no TypeScript type can be written for it (`type A = A & {…}` is error TS2456), so the package
 * would not compile, and a validator checking a value against it recurses for ever. A schema that holds
 * itself in a property or an item (a tree, a JSON value) is fine. Reported once per loop, at the reference
 * that closes it.
 */
function checkSchemasContainingThemselves(doc: OpenApiDocument, problems: SpecProblem[]): void {
  const schemas = doc.components?.schemas;
  if (!isObject(schemas)) return;
  const parts = new Map<string, Array<[ref: string, at: JsonPath]>>();
  const collect = (node: unknown, at: JsonPath, out: Array<[string, JsonPath]>) => {
    if (!isObject(node)) return;
    if (typeof node.$ref === "string") out.push([node.$ref, [...at, "$ref"]]);
    for (const keyword of ["allOf", "anyOf", "oneOf"])
      if (Array.isArray(node[keyword]))
        for (const [i, part] of (node[keyword] as unknown[]).entries())
          collect(part, [...at, keyword, i], out);
  };
  for (const name of Object.keys(schemas)) {
    const out: Array<[string, JsonPath]> = [];
    collect(schemas[name], ["components", "schemas", name], out);
    parts.set(pointerOf(["components", "schemas", name]), out);
  }
  // A variant that extends the union it is one of (`Pet: {oneOf: [Cat]}`, `Cat: {allOf: [Pet]}`) takes
  // only the union's own keywords from it, and is typed so (openapi-types.ts variantsExtendingTheirUnion).
  for (const key of parts.keys()) {
    const union = resolvePointer(doc, key) as Record<string, unknown>;
    const variants = new Set(
      [union.oneOf, union.anyOf].flatMap((list) => (Array.isArray(list) ? list : [])).map((v) => v?.$ref),
    );
    for (const variant of variants) {
      const extending = parts.get(variant);
      if (extending)
        parts.set(
          variant,
          extending.filter(([ref, at]) => !(ref === key && at.length === 6 && at[3] === "allOf")),
        );
    }
  }
  const state = new Map<string, "open" | "done">();
  const stack: Array<{ key: string; via?: JsonPath }> = [];
  const throughParts = (at: JsonPath) => at.some((p) => p === "allOf" || p === "anyOf" || p === "oneOf");
  const visit = (key: string, via?: JsonPath) => {
    state.set(key, "open");
    stack.push({ key, via });
    for (const [ref, at] of parts.get(key) ?? []) {
      if (!parts.has(ref)) continue;
      if (state.get(ref) === "open") {
        const on = stack.slice(stack.findIndex((entry) => entry.key === ref));
        // A loop of references alone is checkRefs' "goes round in a loop of references".
        if (![...on.slice(1).map((entry) => entry.via!), at].some(throughParts)) continue;
        const loop = [...on.map((entry) => entry.key), ref].map((k) =>
          k.slice("#/components/schemas/".length),
        );
        problems.push({
          at,
          message:
            `schema ${loop[0]} is one of its own allOf/anyOf/oneOf parts (${loop.join(" → ")}), with no property or ` +
            "array item in between: no type can be written for it, and no value can be checked against it",
          fix: "remove the reference that closes the loop with an overlay (`remove: true` on it), or put what it means in a property",
        });
      } else if (!state.has(ref)) visit(ref, at);
    }
    stack.pop();
    state.set(key, "done");
  };
  for (const key of parts.keys()) if (!state.has(key)) visit(key);
}

function checkRefs(doc: OpenApiDocument, problems: SpecProblem[]): void {
  const missing = new Map<string, JsonPath[]>();
  for (const [ref, at] of refsOf(doc)) {
    if (!ref.startsWith("#")) {
      problems.push({
        at,
        message: `external $ref ${ref} is not supported: the documents of a provider are read as they are, each on its own`,
        // Vendoring the other file did not help: its references stay external, and a file of schemas alone is
        // refused (it has nothing to call).
        fix:
          "bundle the document with the files it references into one (`npx @redocly/cli bundle <document> -o bundled.yaml`) " +
          "and vendor that, or replace the reference with an overlay (`update` the object holding it with the schema itself)",
      });
    } else if (resolvePointer(doc, ref) === undefined) {
      missing.set(ref, [...(missing.get(ref) ?? []), at]);
    }
  }
  // A reference whose target is only another reference, round and round (`A: {$ref: B}`, `B: {$ref: A}`),
  // names nothing: reported once per loop, at the first reference found that leads into it.
  const looping = new Set<string>();
  for (const [ref, at] of refsOf(doc)) {
    const seen: string[] = [];
    let current: string | undefined = ref;
    while (current?.startsWith("#") && !seen.includes(current)) {
      seen.push(current);
      const target = resolvePointer(doc, current);
      current = isObject(target) && typeof target.$ref === "string" ? target.$ref : undefined;
    }
    if (current === undefined || !seen.includes(current)) continue;
    const loop = seen.slice(seen.indexOf(current));
    const key = [...loop].sort().join(" ");
    if (looping.has(key)) continue;
    looping.add(key);
    problems.push({
      at,
      message: `$ref ${ref} goes round in a loop of references (${[...loop, current].join(" → ")}) that never reaches a definition`,
      fix: `define one of them with an overlay \`update\` (a schema, say), so the loop ends there`,
    });
  }
  for (const [ref, uses] of missing) {
    const match = ref.match(/^#\/components\/([^/]+)\/([^/]+)$/);
    const similar = match
      ? similarName(Object.keys(doc.components?.[match[1]!] ?? {}), match[2]!)
      : undefined;
    for (const at of uses) {
      const holder = at.slice(0, -1);
      const fix: OverlayAction[] | string = similar
        ? [
            {
              target: jsonPathOf(holder),
              description: `${ref} does not exist; the component it means is ${similar}`,
              update: { $ref: `#/components/${match![1]}/${similar}` },
            },
          ]
        : match && match[1] === "schemas"
          ? [
              {
                target: "$.components.schemas",
                description: `${ref} is referenced but never defined; until the provider publishes it, any JSON value`,
                update: { [match[2]!]: {} },
              },
            ]
          : `point the reference at a component that exists (target ${jsonPathOf(holder)}), or remove what holds it`;
      problems.push({ at, message: `dangling $ref ${ref}: no such component`, fix });
    }
  }
}

/**
 * Security requirements name schemes of `components.securitySchemes`; one that is not declared (a document
 * cut from a larger one, as ReadMe's examples are) leaves the client not knowing how to send the credential.
 * Reported once per name, at its first use, with an overlay that declares it: the type and header are
 * placeholders to fill from the provider's documentation, since nothing in the document says them.
 */
function checkSecurity(doc: OpenApiDocument, problems: SpecProblem[]): void {
  const declared = Object.keys(doc.components?.securitySchemes ?? {});
  const uses = new Map<string, JsonPath[]>();
  const requirements: Array<[Record<string, unknown>, JsonPath]> = [];
  const visit = (list: unknown, at: JsonPath) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      problems.push({
        at,
        message: `\`security\` must be a list of requirements (\`- {scheme: []}\`), not ${kind(list)} (${shown(list)})`,
        fix: [{ target: jsonPathOf(at), description: "security that is not a list", remove: true }],
      });
      return;
    }
    list.forEach((requirement, i) => {
      if (!isObject(requirement)) {
        problems.push({
          at: [...at, i],
          message: `a security requirement must be an object of scheme names (\`{${typeof requirement === "string" ? requirement : "scheme"}: []}\`), not ${kind(requirement)} (${shown(requirement)})`,
          fix:
            typeof requirement === "string"
              ? [
                  {
                    target: jsonPathOf(at.slice(0, -1)),
                    description: `the requirement ${requirement} written as a name`,
                    update: { security: list.map((r) => (typeof r === "string" ? { [r]: [] } : r)) },
                  },
                ]
              : "remove it with an overlay",
        });
        return;
      }
      requirements.push([requirement, [...at, i]]);
      for (const name of Object.keys(requirement))
        if (!declared.includes(name)) uses.set(name, [...(uses.get(name) ?? []), [...at, i, name]]);
    });
  };
  visit(doc.security, ["security"]);
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of HTTP_METHODS)
      if (isObject(item?.[method])) visit(item[method].security, ["paths", path, method, "security"]);
  checkApiKeySchemes(doc, requirements, problems);
  for (const [name, [at, ...more]] of uses) {
    const others = more.length
      ? ` (so do ${more.length} more requirement${more.length === 1 ? "" : "s"})`
      : "";
    const similar = similarName(declared, name);
    problems.push({
      at: at!,
      message: `security requirement names "${name}", which components.securitySchemes does not declare${others}`,
      fix: similar
        ? `the declared scheme is "${similar}": rename the requirements with an overlay, or declare "${name}"`
        : [
            {
              target: "$",
              description: `Requirements name ${name}, which the document never declares; <how the provider's documentation says to send the credential>`,
              update: {
                components: {
                  securitySchemes: {
                    [name]: { type: "apiKey", in: "header", name: "<the header the documentation names>" },
                  },
                },
              },
            },
          ],
    });
  }
}

/** An HTTP header name (RFC 9110's token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The API-key schemes a requirement uses, as the client sends them: a `name` and an `in` of header, query or
 * cookie (anything else makes a package that does not compile), a header name fetch accepts (else every call
 * fails), and no two schemes of one requirement on one header (else one credential silently replaces the other).
 */
function checkApiKeySchemes(
  doc: OpenApiDocument,
  requirements: ReadonlyArray<[Record<string, unknown>, JsonPath]>,
  problems: SpecProblem[],
): void {
  const schemes: Record<string, unknown> = isObject(doc.components?.securitySchemes)
    ? doc.components.securitySchemes
    : {};
  const checked = new Set<string>();
  // Each pair of schemes that cannot go together, once, at its first requirement.
  const clashes = new Map<string, { problem: SpecProblem; more: number }>();
  for (const [requirement, at] of requirements) {
    const headers = new Map<string, string>();
    // Schemes the client sends in `Authorization` (HTTP basic, a bearer token) beside one that sends another
    // form there (Azure Container Registry's basic beside an API key named Authorization): one request carries
    // one such header, so every call would send one and lack the other.
    const authorization = new Map<string, string>();
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name];
      const form = authorizationForm(scheme);
      if (form !== undefined) {
        const other = [...authorization].find(([otherForm]) => otherForm !== form);
        const pair = other && `${other[1]}\n${name}`;
        if (other && pair && !clashes.has(pair)) {
          const problem = {
            at,
            message: `the requirement uses schemes "${other[1]}" and "${name}", which both send the Authorization header (${other[0]}, and ${form}): one request cannot carry both`,
            fix: `if the API takes either, list them as two requirements (\`- {${other[1]}: []}\` and \`- {${name}: []}\`) with an overlay on this one`,
          };
          clashes.set(pair, { problem, more: 0 });
          problems.push(problem);
        } else if (pair) clashes.get(pair)!.more++;
        if (!authorization.has(form)) authorization.set(form, name);
      }
      if (!isObject(scheme) || scheme.type !== "apiKey") continue;
      const schemeAt = ["components", "securitySchemes", name];
      const valid =
        typeof scheme.name === "string" &&
        scheme.name !== "" &&
        ["header", "query", "cookie"].includes(scheme.in);
      if (!valid || (scheme.in === "header" && !HEADER_NAME.test(scheme.name))) {
        if (checked.has(name)) continue;
        checked.add(name);
        problems.push({
          at: schemeAt,
          message: valid
            ? `API-key scheme "${name}" sends its key in the header ${JSON.stringify(scheme.name)}, which is no valid header name`
            : `API-key scheme "${name}" needs a \`name\` and an \`in\` of header, query or cookie (has name ${shown(scheme.name)}, in ${shown(scheme.in)})`,
          fix: "give it the header or parameter the provider's documentation names with an overlay `update`",
        });
        continue;
      }
      if (scheme.in !== "header") continue;
      const header = (scheme.name as string).toLowerCase();
      const other = headers.get(header);
      headers.set(header, name);
      if (other === undefined) continue;
      problems.push({
        at,
        message: `the requirement uses schemes "${other}" and "${name}", which both send the header ${scheme.name}: one credential would replace the other`,
        fix: "keep the one the provider's documentation describes, with an overlay on the requirement",
      });
    }
  }
  for (const { problem, more } of clashes.values())
    if (more > 0)
      Object.assign(problem, {
        message: `${problem.message} (so do ${more} more requirement${more === 1 ? "" : "s"})`,
      });
}

/**
 * What a scheme the client sends in the `Authorization` header puts there: `HTTP basic`, `a bearer token`
 * (HTTP bearer, OAuth2, OpenID Connect: one token, however many such schemes), or `an API key` named so.
 */
function authorizationForm(scheme: unknown): string | undefined {
  if (!isObject(scheme)) return undefined;
  if (scheme.type === "http") {
    const kind = String(scheme.scheme).toLowerCase();
    return kind === "basic" ? "HTTP basic" : kind === "bearer" ? "a bearer token" : undefined;
  }
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return "a bearer token";
  if (
    scheme.type === "apiKey" &&
    scheme.in === "header" &&
    String(scheme.name).toLowerCase() === "authorization"
  )
    return "an API key";
  return undefined;
}

/** The existing name that differs from `name` only in case or separators, if exactly one does. */
function similarName(names: string[], name: string): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const found = names.filter((n) => squash(n) === squash(name));
  return found.length === 1 ? found[0] : undefined;
}

/** Keywords whose value is one schema. */
const ONE_SCHEMA = [
  "not",
  "additionalItems",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
];
const SCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"];
// `definitions` is `$defs` before JSON Schema 2019-09; providers use both (Codat's schemas keep theirs there).
const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
/** Schema keywords a provider may have indented one level too deep, under `properties`. */
const MISPLACED_KEYWORDS = new Set([
  "allOf",
  "oneOf",
  "anyOf",
  "items",
  "type",
  "required",
  "properties",
  "enum",
  "$ref",
  "additionalProperties",
  "description",
  "nullable",
  "format",
]);

/** Walks the parts of the document that are objects in OpenAPI, reporting the ones that are not. */
class ShapeWalker {
  private readonly duplicatesReported = new Set<string>();

  constructor(
    private readonly problems: SpecProblem[],
    private readonly doc: OpenApiDocument,
  ) {}

  /** `servers` (of the document, a path item or an operation): a list of objects with a string `url`, each
   * `{variable}` of which its `variables` declare with a default. */
  servers(list: unknown, at: JsonPath): void {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      this.problems.push({
        at,
        message: `\`servers\` must be a list of server objects, not ${kind(list)} (${shown(list)})`,
        fix:
          typeof list === "string"
            ? [
                { target: jsonPathOf(at), description: "servers was written as one URL", remove: true },
                {
                  target: jsonPathOf(at.slice(0, -1)),
                  description: "that URL as a server object",
                  update: { servers: [{ url: list }] },
                },
              ]
            : [{ target: jsonPathOf(at), description: "servers that are not a list", remove: true }],
      });
      return;
    }
    list.forEach((server, i) => {
      const serverAt = [...at, i];
      if (!isObject(server)) {
        this.notAnObject(serverAt, "a server", server);
        return;
      }
      if (typeof server.url !== "string") {
        this.problems.push({
          at: serverAt,
          message: `a server needs a \`url\` string (has ${shown(server.url)})`,
          fix: "give it the URL the provider's documentation names with an overlay `update`, or remove it",
        });
        return;
      }
      const variables = isObject(server.variables) ? server.variables : {};
      for (const [, name] of server.url.matchAll(/\{([^}]*)\}/g)) {
        if (typeof variables[name!]?.default === "string") continue;
        this.problems.push({
          at: [...serverAt, "url"],
          message: `the server URL ${server.url} has {${name}}, which its \`variables\` do not declare with a default`,
          fix: [
            {
              target: jsonPathOf(serverAt),
              description: `{${name}} of the server URL; <its value, from the provider's documentation>`,
              update: { variables: { [name!]: { default: "<value>" } } },
            },
          ],
        });
      }
    });
  }

  /**
   * Text a doc comment is written from: openapi-typescript trims a `title` or `summary` that is set, so any
   * other value (a list, a number, an object) stops the types with its internal `….trim is not a function`.
   */
  private texts(node: Record<string, unknown>, at: JsonPath, keys: readonly string[]): void {
    for (const key of keys) {
      const value = node[key];
      if (!value || typeof value === "string") continue;
      this.problems.push({
        at: [...at, key],
        message: `\`${key}\` must be text, not ${kind(value)} (${shown(value)})`,
        fix: [{ target: jsonPathOf([...at, key]), description: `a ${key} that is not text`, remove: true }],
      });
    }
  }

  private notAnObject(at: JsonPath, what: string, value: unknown): void {
    this.problems.push({
      at,
      message: `${what} must be an object, not ${kind(value)} (${shown(value)})`,
      fix: [
        {
          target: jsonPathOf(at),
          description: `the provider's document has ${kind(value)} where ${what} belongs`,
          remove: true,
        },
      ],
    });
  }

  /** A path item of `paths`, or (`area` webhooks) one of `webhooks`, whose key is a name, not a path. */
  pathItem(path: string, item: unknown, area: "paths" | WebhookSection = "paths"): void {
    const { doc } = this;
    const at = [area, path];
    if (!isObject(item)) {
      this.notAnObject(at, "a path item", item);
      return;
    }
    const route = area === "paths";
    // What a path's `$ref` leads to is inlined by the bundle (path-item-refs.ts); one still here is external,
    // dangling or looping (checkRefs reports those), or names something that is not a path item.
    if (route && typeof item.$ref === "string") {
      const target = resolvePointer(doc, item.$ref);
      if (target !== undefined && !isObject(target))
        this.problems.push({
          at: [...at, "$ref"],
          message: `the path's $ref ${item.$ref} names ${kind(target)}, not a path item, so the path has no operations`,
        });
    }
    if (route && (!path.startsWith("/") || /\{[^}]*(?:\{|$)|^[^{]*\}|\}[^{]*\}/.test(path))) {
      this.problems.push({
        at,
        message: `the path ${JSON.stringify(path)} is no path template: it must start with "/" and close every "{" with a "}"`,
        fix: "paths are keys, which an overlay cannot rename: move its operations under the right key with an overlay (add the path, remove this one)",
      });
    }
    for (const key of Object.keys(item)) {
      const lower = key.toLowerCase() as HttpMethod;
      if (key !== lower && HTTP_METHODS.includes(lower) && item[lower] === undefined)
        this.problems.push({
          at: [...at, key],
          message: `\`${key}\` is no operation: OpenAPI's method keys are lower case (\`${lower}\`), so it is not generated`,
          fix: [
            {
              target: jsonPathOf(at),
              description: `the operation written as ${key}, under the lower-case key OpenAPI reads`,
              update: { [lower]: item[key] },
            },
          ],
        });
    }
    this.texts(item, at, ["summary"]);
    this.servers(item.servers, [...at, "servers"]);
    this.parameters(item.parameters, [...at, "parameters"]);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const opAt = [...at, method];
      if (!isObject(operation)) {
        this.notAnObject(opAt, "an operation", operation);
        continue;
      }
      if (operation.operationId !== undefined && typeof operation.operationId !== "string") {
        this.problems.push({
          at: [...opAt, "operationId"],
          message: `\`operationId\` must be a string, not ${kind(operation.operationId)} (${shown(operation.operationId)})`,
          fix: [
            {
              target: jsonPathOf(opAt),
              description: "operationId as a string",
              update: { operationId: String(operation.operationId) },
            },
          ],
        });
      }
      this.texts(operation, opAt, ["summary"]);
      this.servers(operation.servers, [...opAt, "servers"]);
      this.parameters(operation.parameters, [...opAt, "parameters"]);
      if (route) this.parameterPlaces(doc, path, method, item, operation);
      if (operation.requestBody !== undefined) {
        this.content(operation.requestBody, [...opAt, "requestBody"]);
        if (route && (method === "get" || method === "head") && !webSocketServers(operation, item))
          this.bodyOnGet(path, method, operation, opAt);
      }
      if (operation.responses !== undefined) {
        if (!isObject(operation.responses))
          this.notAnObject([...opAt, "responses"], "`responses`", operation.responses);
        else
          for (const [status, response] of Object.entries(operation.responses))
            this.response(response, [...opAt, "responses", status]);
      }
    }
  }

  private parameters(list: unknown, at: JsonPath): void {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      this.problems.push({
        at,
        message: `\`parameters\` must be a list, not ${kind(list)}`,
        fix: [{ target: jsonPathOf(at), description: "parameters that are not a list", remove: true }],
      });
      return;
    }
    for (const [i, param] of list.entries()) this.parameter(param, [...at, i]);
  }

  parameter(param: unknown, at: JsonPath): void {
    if (!isObject(param)) {
      this.notAnObject(at, "a parameter", param);
      return;
    }
    if (param.$ref !== undefined) {
      // Dangling and looping references are checkRefs' to report; one that lands on a schema (or anything
      // without `name` and `in`) is this check's.
      const target = typeof param.$ref === "string" ? resolvePointer(this.doc, param.$ref) : undefined;
      if (
        isObject(target) &&
        target.$ref === undefined &&
        (typeof target.name !== "string" || typeof target.in !== "string")
      ) {
        this.problems.push({
          at: [...at, "$ref"],
          message: `the parameter's $ref ${param.$ref} points at something that is not a parameter (it has no \`name\` and \`in\`)`,
          fix: "point it at a parameter, say one of #/components/parameters, with an overlay `update`, or remove it",
        });
      }
      return;
    }
    if (typeof param.name !== "string" || !["path", "query", "header", "cookie"].includes(param.in)) {
      this.problems.push({
        at,
        message: `a parameter needs a \`name\` and an \`in\` of path, query, header or cookie (has name ${shown(param.name)}, in ${shown(param.in)})`,
        fix: "give it both with an overlay `update`, or remove it",
      });
    }
    if (param.schema !== undefined) this.schema(param.schema, [...at, "schema"]);
    this.mediaTypes(param.content, [...at, "content"]);
  }

  /** One location per parameter name, and every `{variable}` of the path declared as a path parameter. */
  private parameterPlaces(
    doc: OpenApiDocument,
    path: string,
    method: string,
    item: any,
    operation: any,
  ): void {
    const opAt: JsonPath = ["paths", path, method];
    const declared = new Map<string, { in: string; at: JsonPath; ref?: string }>();
    const lists: Array<[unknown, JsonPath]> = [
      [item.parameters, ["paths", path, "parameters"]],
      [operation.parameters, [...opAt, "parameters"]],
    ];
    const byName = new Map<string, Array<{ in: string; at: JsonPath; ref?: string }>>();
    let unresolved = false;
    for (const [list, listAt] of lists) {
      if (!Array.isArray(list)) continue;
      // OpenAPI: "The list MUST NOT include duplicated parameters", a name and location each (header names
      // case-insensitively); a second one would silently replace the first in the method's input.
      const inList = new Map<string, number>();
      list.forEach((raw, i) => {
        const ref = isObject(raw) && typeof raw.$ref === "string" ? raw.$ref : undefined;
        const param = ref ? resolvePointer(doc, ref) : raw;
        // A dangling reference is reported once, by checkRefs; what it would have declared is unknown.
        if (ref && param === undefined) unresolved = true;
        if (!isObject(param) || typeof param.name !== "string" || typeof param.in !== "string") return;
        const key = `${param.in}:${param.in === "header" ? param.name.toLowerCase() : param.name}`;
        const first = inList.get(key);
        if (first !== undefined) {
          // The path item's list is read once per operation and reported once.
          const where = pointerOf([...listAt, i]);
          if (this.duplicatesReported.has(where)) return;
          this.duplicatesReported.add(where);
          const owner = listAt.length === 3 ? path : `${method.toUpperCase()} ${path}`;
          this.problems.push({
            at: [...listAt, i],
            message: `${owner}: ${param.in} parameter "${param.name}" is declared twice in one list (at ${first} and ${i}); a method has one input per name`,
            fix: [
              {
                target: jsonPathOf([...listAt, i]),
                description: `a second declaration of the ${param.in} parameter "${param.name}" (the one at ${first} stays: keep whichever the provider's documentation describes)`,
                remove: true,
              },
            ],
          });
          return;
        }
        inList.set(key, i);
        // A cookie is no input of a method, nor is a header the client writes itself.
        if (param.in === "cookie" || (param.in === "header" && isClientHeader(param.name))) return;
        const entry = { in: param.in, at: [...listAt, i], ...(ref ? { ref } : {}) };
        // An operation's parameter overrides the path item's of the same name and location.
        const others = (byName.get(param.name) ?? []).filter((e) => e.in !== param.in);
        byName.set(param.name, [...others, entry]);
        if (param.in === "path") declared.set(param.name, entry);
      });
    }
    const inTemplate = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
    for (const [name, entries] of byName) {
      if (entries.length < 2) continue;
      // Which one goes: not the path's, where the template has it; else a path parameter the template lacks;
      // else (a query and a header of one name: Mercure's `Last-Event-ID`) the header, which the query can say.
      const wrong = entries.filter((e) =>
        inTemplate.has(name)
          ? e.in !== "path"
          : entries.some((o) => o.in === "path")
            ? e.in === "path"
            : e.in === "header",
      );
      for (const entry of wrong) {
        const list = entry.at.slice(0, -1);
        const filter = entry.ref
          ? `[?(@['$ref'] == '${entry.ref}')]`
          : `[?(@.name == '${name}' && @.in == '${entry.in}')]`;
        this.problems.push({
          at: entry.at,
          message:
            `${method.toUpperCase()} ${path}: parameter "${name}" is declared both as ${entries.map((e) => e.in).join(" and ")}; ` +
            `a method has one input per name`,
          fix: [
            {
              target: `${jsonPathOf(list)}${filter}`,
              description: `"${name}" is a ${inTemplate.has(name) ? "path" : entries.find((e) => e.in !== "path" && e.in !== entry.in)?.in} parameter${inTemplate.has(name) ? " (it is in the path template)" : ""}; the ${entry.in} one is a duplicate`,
              remove: true,
            },
          ],
        });
      }
    }
    for (const [name, entry] of declared) {
      if (inTemplate.has(name)) continue;
      const list = entry.at.slice(0, -1);
      const filter = entry.ref
        ? `[?(@['$ref'] == '${entry.ref}')]`
        : `[?(@.name == '${name}' && @.in == 'path')]`;
      this.problems.push({
        at: entry.at,
        message: `${method.toUpperCase()} ${path}: path parameter "${name}" is not in the path template, so no call could send it`,
        fix: [
          {
            target: `${jsonPathOf(list)}${filter}`,
            description: `{${name}} is not in the path ${path}`,
            remove: true,
          },
        ],
      });
    }
    const query = keyQueryItems(path);
    for (const name of inTemplate) {
      if (declared.has(name) || unresolved) continue;
      // A query parameter the key writes into its own query (Medium's `/search/articles?query={query}`): the
      // client sends it with the rest of the query.
      if (byName.get(name)?.some((e) => e.in === "query") && query.includes(queryParameterItem(name)))
        continue;
      this.problems.push({
        at: opAt,
        message: `${method.toUpperCase()} ${path}: the path variable {${name}} is not declared as a path parameter`,
        fix: [
          {
            target: jsonPathOf(opAt),
            description: `{${name}} is in the path but the operation does not declare it`,
            update: { parameters: [{ name, in: "path", required: true, schema: { type: "string" } }] },
          },
        ],
      });
    }
  }

  /**
   * A GET or HEAD that declares a request body: fetch refuses to build such a request (in Node, Deno and
   * browsers alike), so a call that passed the body would throw before anything is sent. A body that holds
   * nothing (optional, and every schema an object with no properties, as Stripe writes 213 of its GETs) is no
   * problem: no call passes one.
   */
  private bodyOnGet(path: string, method: string, operation: Record<string, unknown>, opAt: JsonPath): void {
    const body = derefIfResolvable(this.doc, operation.requestBody);
    if (!isObject(body)) return; // reported by `content` or checkRefs
    const holdsNothing = (media: unknown) => {
      const schema = derefIfResolvable(this.doc, isObject(media) ? media.schema : undefined);
      return (
        isObject(schema) &&
        (schema.type === undefined || schema.type === "object") &&
        Object.keys(schema).every((key) =>
          key === "properties"
            ? isObject(schema.properties) && Object.keys(schema.properties).length === 0
            : key === "additionalProperties"
              ? schema.additionalProperties === false
              : !["items", "allOf", "anyOf", "oneOf", "patternProperties", "$ref"].includes(key),
        )
      );
    };
    const content = isObject(body.content) ? Object.values(body.content) : [];
    if (body.required !== true && content.every(holdsNothing)) return;
    const METHOD = method.toUpperCase();
    this.problems.push({
      at: [...opAt, "requestBody"],
      message:
        `${METHOD} ${path} declares a request body, which fetch cannot send: it refuses a ${METHOD} with a body, ` +
        "so a call that passed one would fail before reaching the server",
      fix: [
        {
          target: jsonPathOf([...opAt, "requestBody"]),
          description:
            `fetch cannot send a body with a ${METHOD}; if the provider reads these fields from the query too, ` +
            "declare them as query parameters instead",
          remove: true,
        },
      ],
    });
  }

  /** A request body (or a `$ref` to one). */
  content(body: unknown, at: JsonPath): void {
    if (!isObject(body)) {
      this.notAnObject(at, "a request body", body);
      return;
    }
    if (body.$ref !== undefined) return;
    this.mediaTypes(body.content, [...at, "content"]);
  }

  response(response: unknown, at: JsonPath): void {
    if (!isObject(response)) {
      this.notAnObject(at, "a response", response);
      return;
    }
    if (response.$ref !== undefined) return;
    this.mediaTypes(response.content, [...at, "content"]);
    if (response.headers !== undefined) {
      if (!isObject(response.headers)) {
        this.notAnObject([...at, "headers"], "`headers`", response.headers);
        return;
      }
      for (const [name, header] of Object.entries(response.headers))
        this.header(header, [...at, "headers", name]);
    }
  }

  header(header: unknown, at: JsonPath): void {
    if (!isObject(header)) {
      this.notAnObject(at, "a header", header);
      return;
    }
    if (header.$ref !== undefined) return;
    if (header.schema !== undefined) this.schema(header.schema, [...at, "schema"]);
    this.mediaTypes(header.content, [...at, "content"]);
  }

  private mediaTypes(content: unknown, at: JsonPath): void {
    if (content === undefined) return;
    if (!isObject(content)) {
      this.notAnObject(at, "`content`", content);
      return;
    }
    for (const [type, media] of Object.entries(content)) {
      const mediaAt = [...at, type];
      if (typeof media === "string" && media.startsWith("#/")) {
        this.refWhereObjectBelongs(mediaAt, media, "a media type object (`schema:` and examples)", {
          schema: { $ref: media },
        });
      } else if (!isObject(media)) this.notAnObject(mediaAt, "a media type object", media);
      else if (media.schema !== undefined) this.schema(media.schema, [...mediaAt, "schema"]);
    }
  }

  private refWhereObjectBelongs(at: JsonPath, ref: string, what: string, replacement: object): void {
    const key = at.at(-1)!;
    this.problems.push({
      at,
      message: `a bare reference "${ref}" where ${what} belongs (a $ref is written \`$ref: '${ref}'\`)`,
      fix: [
        {
          target: jsonPathOf(at),
          description: `the reference ${ref} was written as a plain string`,
          remove: true,
        },
        {
          target: jsonPathOf(at.slice(0, -1)),
          description: `the reference ${ref} as a $ref`,
          update: { [key]: replacement },
        },
      ],
    });
  }

  schema(schema: unknown, at: JsonPath): void {
    if (typeof schema === "boolean") return;
    if (!isObject(schema)) {
      if (typeof schema === "string" && /^#\//.test(schema)) {
        this.refWhereObjectBelongs(at, schema, "a schema", { $ref: schema });
        return;
      }
      this.notAnObject(at, "a schema", schema);
      return;
    }
    if (schema.$ref !== undefined) {
      if (typeof schema.$ref !== "string")
        this.notAnObject([...at, "$ref"], "`$ref` (a string)", schema.$ref);
      return;
    }
    this.texts(schema, at, ["title"]);
    for (const keyword of SCHEMA_LISTS) {
      const list = schema[keyword];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        this.problems.push({
          at: [...at, keyword],
          message: `\`${keyword}\` must be a list of schemas, not ${kind(list)}`,
          fix: isObject(list)
            ? [
                {
                  target: jsonPathOf([...at, keyword]),
                  description: `${keyword} held one schema, not a list`,
                  remove: true,
                },
                {
                  target: jsonPathOf(at),
                  description: `${keyword} as a list of that one schema`,
                  update: { [keyword]: [list] },
                },
              ]
            : "remove it with an overlay",
        });
        continue;
      }
      const nested = list.some(Array.isArray);
      if (nested) {
        this.problems.push({
          at: [...at, keyword],
          message: `\`${keyword}\` holds a list inside its list; its items must be schemas`,
          fix: [
            {
              target: jsonPathOf([...at, keyword]),
              description: `${keyword} held a nested list`,
              remove: true,
            },
            {
              target: jsonPathOf(at),
              description: `${keyword} with the nested list flattened`,
              update: { [keyword]: list.flat() },
            },
          ],
        });
      }
      list.forEach((item, i) => {
        if (!Array.isArray(item)) this.schema(item, [...at, keyword, i]);
      });
    }
    for (const keyword of SCHEMA_MAPS) {
      const map = schema[keyword];
      if (map === undefined) continue;
      if (!isObject(map)) {
        this.notAnObject([...at, keyword], `\`${keyword}\` (a map of schemas)`, map);
        continue;
      }
      for (const [name, inner] of Object.entries(map)) {
        if (
          keyword === "properties" &&
          !isObject(inner) &&
          typeof inner !== "boolean" &&
          MISPLACED_KEYWORDS.has(name)
        )
          this.misplacedKeyword(at, name, inner);
        else this.schema(inner, [...at, keyword, name]);
      }
    }
    for (const keyword of ONE_SCHEMA)
      if (schema[keyword] !== undefined) this.schema(schema[keyword], [...at, keyword]);
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items))
        for (const [i, item] of (schema.items as unknown[]).entries()) this.schema(item, [...at, "items", i]);
      else this.schema(schema.items, [...at, "items"]);
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && typeof extra !== "boolean")
      this.schema(extra, [...at, "additionalProperties"]);
    this.scalars(schema, at);
  }

  /** `properties: { allOf: [...] }`: a keyword indented one level too deep. */
  private misplacedKeyword(at: JsonPath, name: string, value: unknown): void {
    this.problems.push({
      at: [...at, "properties", name],
      message: `property "${name}" is ${kind(value)}, not a schema: the keyword \`${name}\` looks indented one level too deep`,
      fix: [
        {
          target: jsonPathOf([...at, "properties", name]),
          description: `\`${name}\` is a keyword of the schema, not a property`,
          remove: true,
        },
        {
          target: jsonPathOf(at),
          description: `\`${name}\` moved up to the schema it belongs to`,
          update: { [name]: value },
        },
      ],
    });
  }

  /** `required`, `enum` and `type`, whose wrong shapes crash the type generator. */
  private scalars(schema: Record<string, any>, at: JsonPath): void {
    const { required } = schema;
    // Only where it is read (a schema with properties or parts): elsewhere a stray `required: true` is inert.
    const read = schema.properties !== undefined || schema.allOf !== undefined;
    if (
      read &&
      required !== undefined &&
      !(Array.isArray(required) && required.every((r) => typeof r === "string"))
    ) {
      const parent = at.at(-2) === "properties" ? at.slice(0, -2) : undefined;
      const name = at.at(-1);
      this.problems.push({
        at: [...at, "required"],
        message:
          typeof required === "boolean"
            ? "`required: true|false` on a schema: OpenAPI lists a schema's required properties in its `required` list"
            : `\`required\` must be a list of property names, not ${kind(required)}`,
        fix: [
          {
            target: jsonPathOf([...at, "required"]),
            description: "`required` must list property names",
            remove: true,
          },
          ...(required === true && parent
            ? [
                {
                  target: jsonPathOf(parent),
                  description: `"${name}" is required (it said \`required: true\`)`,
                  update: { required: [name] },
                },
              ]
            : []),
        ],
      });
    }
    if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
      this.problems.push({
        at: [...at, "enum"],
        message: `\`enum\` must be a list of values, not ${kind(schema.enum)}`,
        fix: [
          { target: jsonPathOf([...at, "enum"]), description: "`enum` must list values", remove: true },
          {
            target: jsonPathOf(at),
            description: "`enum` as a list of its one value",
            update: { enum: [schema.enum] },
          },
        ],
      });
    }
    const { type } = schema;
    if (
      type !== undefined &&
      typeof type !== "string" &&
      !(Array.isArray(type) && type.every((t) => typeof t === "string"))
    ) {
      this.problems.push({
        at: [...at, "type"],
        message: `\`type\` must be a type name or a list of them, not ${kind(type)} (${shown(type)})`,
        fix: [
          { target: jsonPathOf([...at, "type"]), description: "`type` is not a type name", remove: true },
        ],
      });
      return;
    }
    if (type === undefined) return;
    const unknown = (Array.isArray(type) ? type : [type]).filter((t) => !TYPE_NAMES.has(t));
    if (unknown.length === 0) return;
    // A name from another language (`int`, `float`, `datetime`): what the provider meant, when that is clear.
    const meant = typeof type === "string" ? MEANT_TYPES[type.toLowerCase()] : undefined;
    this.problems.push({
      at: [...at, "type"],
      message: `\`type: ${unknown.join(", ")}\` is no JSON Schema type (${[...TYPE_NAMES].join(", ")}), so the client would type it as an object${meant ? `: ${shown(type)} means ${shown(meant)}` : ""}`,
      fix: meant
        ? [{ target: jsonPathOf(at), description: `${shown(type)} means ${shown(meant)}`, update: meant }]
        : "set the type the provider means with an overlay (`update` the schema's `type`)",
    });
  }
}

/** JSON Schema's type names, all that `type` may say. */
const TYPE_NAMES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);

/** Type names of other languages that documents use for JSON Schema's, and the schema each means. */
const MEANT_TYPES: Record<string, Record<string, string>> = {
  ...Object.fromEntries(
    ["string", "number", "integer", "boolean", "array", "object", "null"].map((t) => [t, { type: t }]),
  ),
  int: { type: "integer" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  long: { type: "integer", format: "int64" },
  float: { type: "number", format: "float" },
  double: { type: "number", format: "double" },
  decimal: { type: "number" },
  bool: { type: "boolean" },
  str: { type: "string" },
  text: { type: "string" },
  date: { type: "string", format: "date" },
  datetime: { type: "string", format: "date-time" },
  "date-time": { type: "string", format: "date-time" },
  uuid: { type: "string", format: "uuid" },
  file: { type: "string", format: "binary" },
  list: { type: "array" },
  dict: { type: "object" },
  map: { type: "object" },
};
