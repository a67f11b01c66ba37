/**
 * Reads the few facts the vendoring step needs from an OpenAPI document (version, title, first server,
 * operations), with the line of each in the file the user named, so every complaint can point at it.
 * The document is walked as a YAML node tree rather than converted to plain objects: that keeps key
 * positions and avoids materialising a multi-megabyte spec we only skim.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type YAMLMap,
} from "yaml";
import { InputError } from "../errors.js";
import {
  HTTP_METHODS,
  operationKey,
  READABLE_OPENAPI,
  unescapePointer,
  WEBHOOK_SECTIONS,
} from "../spec/openapi-document.js";
import { swaggerServerUrl } from "../spec/swagger-2.js";
import { jsonSyntaxError, YAML_OPTIONS } from "../spec/yaml-file.js";

/** YAML text cut from a larger file: where its first line and column sit in that file. */
export interface SourceText {
  file: string;
  text: string;
  /** Added to the YAML parser's 1-based line numbers to get the line in `file`. */
  lineOffset: number;
  /** Added to the YAML parser's 1-based column numbers (the indentation removed from the block). */
  columnOffset: number;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string | undefined;
  summary?: string | undefined;
  /** Line in the user's file of the method key. */
  line: number;
}

export interface OpenApiSummary {
  version: string;
  title: string | undefined;
  serverUrl: string | undefined;
  operations: Operation[];
  /** The names under `webhooks` (OpenAPI 3.1), and `x-webhooks` (3.0 documents' extension). */
  webhooks: string[];
  openapiLine: number;
  serversLine: number | undefined;
}

export type Classified =
  | { kind: "spec"; spec: OpenApiSummary }
  | { kind: "problem"; error: InputError }
  | { kind: "other"; line: number };

export { operationKey };

/** A webhook's key beside operations' (`GET /calls`): `webhook call.completed`. */
export const webhookKey = (name: string): string => `webhook ${name}`;

/** Whether a key is a webhook's (`webhook call.completed`), not an operation's (`GET /calls`). */
export const isWebhookKey = (key: string): boolean => key.startsWith("webhook ");

/**
 * What a document defines, as an index run keys pages (which page repeats which, which file a page replaces):
 * its operations, then its webhooks, each once.
 */
export function definitionKeys(spec: Pick<OpenApiSummary, "operations" | "webhooks">): string[] {
  return [...new Set([...spec.operations.map(operationKey), ...spec.webhooks.map(webhookKey)])];
}

/**
 * Does the text have an `openapi:` or `swagger:` key at the top level (YAML) or anywhere (JSON), a document
 * minified onto one line (`{"openapi":"3.1.0",…`) included?
 */
export function mentionsOpenApiKey(text: string): boolean {
  return /^(?:(["']?)(?:openapi|swagger)\1|\s*"(?:openapi|swagger)"|\s*\{\s*"(?:openapi|swagger)")[ \t]*:/m.test(
    text,
  );
}

class Located {
  constructor(
    private readonly src: SourceText,
    private readonly counter: LineCounter,
  ) {}

  line(offset: number): number {
    return this.counter.linePos(offset).line + this.src.lineOffset;
  }

  column(offset: number): number {
    return this.counter.linePos(offset).col + this.src.columnOffset;
  }

  error(detail: string, offset: number | undefined): InputError {
    if (offset === undefined) return new InputError(this.src.file, detail, this.src.lineOffset + 1);
    return new InputError(this.src.file, detail, this.line(offset), this.column(offset));
  }
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function entry(map: YAMLMap, key: string): { keyOffset: number; value: unknown } | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) {
      return { keyOffset: pair.key.range?.[0] ?? 0, value: pair.value };
    }
  }
  return undefined;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  // Unquoted `openapi: 3.0` is the number 3 to YAML; the source text keeps what the author wrote.
  return typeof node.value === "string" ? node.value : (node.source ?? String(node.value));
}

function stringAt(doc: Document, map: unknown, key: string): string | undefined {
  const node = resolve(doc, map);
  if (!isMap(node)) return undefined;
  const value = resolve(doc, entry(node, key)?.value);
  return isScalar(value) && typeof value.value === "string" ? value.value : undefined;
}

function webhookNames(node: unknown): string[] {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) =>
    isScalar(pair.key) && !String(pair.key.value).startsWith("x-") ? [String(pair.key.value)] : [],
  );
}

function operationsOf(doc: Document, paths: unknown, at: Located): Operation[] {
  const node = resolve(doc, paths);
  if (!isMap(node)) return [];
  const operations: Operation[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const item = pathItemOf(doc, pair.value);
    if (!isMap(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = entry(item, method);
      // `post: 42` is no operation: not counted or named here; the check after vendoring says what it is.
      if (!op || !isMap(resolve(doc, op.value))) continue;
      operations.push({
        method,
        path: String(pair.key.value),
        operationId: stringAt(doc, op.value, "operationId"),
        summary: stringAt(doc, op.value, "summary"),
        line: at.line(op.keyOffset),
      });
    }
  }
  return operations;
}

/**
 * A path item, through the local `$ref`s the bundle inlines (spec/path-item-refs.ts): OpenAPI 3.1's
 * `components.pathItems`. Its operations are counted where they are declared.
 */
function pathItemOf(doc: Document, node: unknown): unknown {
  const seen = new Set<string>();
  let item = resolve(doc, node);
  for (let ref = isMap(item) ? stringAt(doc, item, "$ref") : undefined; ref; ) {
    if (!ref.startsWith("#/") || seen.has(ref)) return undefined;
    seen.add(ref);
    item = resolve(doc, doc.getIn(ref.slice(2).split("/").map(unescapePointer), true));
    ref = isMap(item) ? stringAt(doc, item, "$ref") : undefined;
  }
  return item;
}

/**
 * A Swagger 2.0 document's server, as the converted document's first (spec/swagger-2.ts says how loosely
 * written fields are read). Undefined without a host: the API is wherever the document is served from,
 * which names no provider.
 */
function swaggerServerOf(doc: Document, root: YAMLMap): string | undefined {
  const field = (key: string) => resolve(doc, entry(root, key)?.value);
  const schemes = field("schemes");
  return swaggerServerUrl({
    host: scalarText(field("host")),
    basePath: scalarText(field("basePath")),
    schemes: isSeq(schemes)
      ? schemes.items.map((item) => scalarText(resolve(doc, item)))
      : scalarText(schemes),
  });
}

/**
 * The first server's URL with its variables at their defaults (`{region}.api.acme.example`, a `{baseUrl}` of
 * `https://api.acme.example`), as the client calls it; a variable without a default stays as written.
 */
function firstServerUrl(doc: Document, servers: unknown): string | undefined {
  const node = resolve(doc, servers);
  if (!node || typeof node !== "object" || !("items" in node) || !Array.isArray(node.items)) return undefined;
  const server = resolve(doc, node.items[0]);
  const url = stringAt(doc, server, "url");
  const variables = isMap(server) ? resolve(doc, entry(server, "variables")?.value) : undefined;
  if (url === undefined || !isMap(variables)) return url;
  return url.replace(/\{([^}]+)\}/g, (written, name: string) => {
    const variable = resolve(doc, entry(variables, name)?.value);
    return (
      scalarText(isMap(variable) ? resolve(doc, entry(variable, "default")?.value) : undefined) ?? written
    );
  });
}

const isOperation = (doc: Document, node: unknown): boolean =>
  isMap(resolve(doc, node)) &&
  ["responses", "operationId", "requestBody"].some((key) => entry(resolve(doc, node) as YAMLMap, key));

/**
 * What a page shows of a document without the document (Redocly's and Docusaurus's snippets): a path item
 * under its path (`/calls: {post: …}`), or an operation under its method (`post: {responses: …}`).
 */
function fragmentKey(doc: Document, root: YAMLMap): { what: string; offset: number } | undefined {
  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const offset = pair.key.range?.[0] ?? 0;
    const value = resolve(doc, pair.value);
    if (
      key.startsWith("/") &&
      isMap(value) &&
      HTTP_METHODS.some((m) => isOperation(doc, entry(value, m)?.value))
    )
      return { what: `the path \`${key}\``, offset };
    if ((HTTP_METHODS as readonly string[]).includes(key) && isOperation(doc, value))
      return { what: `a \`${key}\` operation`, offset };
  }
  return undefined;
}

/**
 * Parses YAML (or JSON) and sorts it into: an OpenAPI 3.x or Swagger 2.0 document (`spec`), something that
 * claims to be an API description but is not usable (`problem`: invalid YAML, `openapi: 2.0`, an AsyncAPI
 * document, `info` or `paths` without `openapi`), or unrelated data (`other`).
 */
export function classifyDocument(src: SourceText): Classified {
  const counter = new LineCounter();
  const doc = parseDocument(src.text, { ...YAML_OPTIONS, lineCounter: counter, prettyErrors: false });
  const at = new Located(src, counter);
  const [syntax] = doc.errors;
  if (syntax) {
    // `yaml`'s own words name its API ("please use YAML.parseAllDocuments()"): said as what is wrong here.
    const json = jsonSyntaxError(src.text, syntax.pos[0]);
    if (json) return { kind: "problem", error: at.error(json.detail, json.offset) };
    const detail = /multiple documents/i.test(syntax.message)
      ? "holds more than one YAML document (a `---` line starts another): an OpenAPI document is one"
      : `invalid YAML: ${syntax.message}`;
    return { kind: "problem", error: at.error(detail, syntax.pos[0]) };
  }
  const root = doc.contents;
  if (!isMap(root)) return { kind: "other", line: src.lineOffset + 1 };

  const openapi = entry(root, "openapi");
  const swagger = entry(root, "swagger");
  // A configuration's `swagger:` section (`swagger: {enabled: true}`, Spring's and NestJS's settings) names no
  // version, and so claims nothing.
  if (!openapi && swagger && isMap(resolve(doc, swagger.value)))
    return { kind: "other", line: src.lineOffset + 1 };
  if (!openapi && swagger) {
    const version = scalarText(resolve(doc, swagger.value)) ?? "";
    if (version !== "2.0") {
      const detail = `swagger: ${version || "(empty)"} is not Swagger 2.0 or OpenAPI 3.x, the versions that can be vendored`;
      return { kind: "problem", error: at.error(detail, swagger.keyOffset) };
    }
    // Vendored as published; the bundle converts it to OpenAPI 3.0 (spec/swagger-2.ts).
    const host = entry(root, "host");
    return {
      kind: "spec",
      spec: {
        version,
        title: stringAt(doc, entry(root, "info")?.value, "title"),
        serverUrl: swaggerServerOf(doc, root),
        operations: operationsOf(doc, entry(root, "paths")?.value, at),
        webhooks: [],
        openapiLine: at.line(swagger.keyOffset),
        serversLine: host ? at.line(host.keyOffset) : undefined,
      },
    };
  }
  if (!openapi) {
    const asyncapi = entry(root, "asyncapi");
    if (asyncapi) {
      const detail =
        "an AsyncAPI document (messages over WebSocket, MQTT, Kafka…), not OpenAPI: Switchboard makes clients of HTTP APIs that OpenAPI 3.x or Swagger 2.0 describes";
      return { kind: "problem", error: at.error(detail, asyncapi.keyOffset) };
    }
    if (entry(root, "paths") || entry(root, "info")) {
      // The missing key belongs at the top, so point there rather than at whichever key was found.
      const detail = 'not an OpenAPI document: it has no top-level `openapi: 3.x` (or `swagger: "2.0"`) key';
      return { kind: "problem", error: at.error(detail, root.range?.[0]) };
    }
    const fragment = fragmentKey(doc, root);
    if (fragment) {
      const detail = `holds a fragment of an OpenAPI document (${fragment.what}), not a document: without \`openapi: 3.x\` and the rest of its document it cannot be vendored. Vendor the provider's complete document, or a page that embeds one`;
      return { kind: "problem", error: at.error(detail, fragment.offset) };
    }
    return { kind: "other", line: src.lineOffset + 1 };
  }

  const version = scalarText(resolve(doc, openapi.value)) ?? "";
  // A configuration naming where a document is (Mintlify's `docs.json`: `"openapi": "https://…/openapi.json"`)
  // is no document: nothing but the key says so, and its value is no version.
  const looksLikeDocument = ["info", "paths", "components", ...WEBHOOK_SECTIONS].some((key) =>
    entry(root, key),
  );
  if (!/^\d/.test(version) && !looksLikeDocument) return { kind: "other", line: src.lineOffset + 1 };
  if (!READABLE_OPENAPI.test(version)) {
    const detail = /^3\./.test(version)
      ? `openapi: ${version} is not a version of OpenAPI 3.x the generator reads (3.0, 3.1 or 3.2, as \`3.1.0\` or \`3.1\`)`
      : `openapi: ${version || "(empty)"} is not OpenAPI 3.x; only OpenAPI 3.x can be vendored`;
    return { kind: "problem", error: at.error(detail, openapi.keyOffset) };
  }
  const servers = entry(root, "servers");
  return {
    kind: "spec",
    spec: {
      version,
      title: stringAt(doc, entry(root, "info")?.value, "title"),
      serverUrl: firstServerUrl(doc, servers?.value),
      operations: operationsOf(doc, entry(root, "paths")?.value, at),
      webhooks: [
        ...new Set(
          WEBHOOK_SECTIONS.flatMap((section) => webhookNames(resolve(doc, entry(root, section)?.value))),
        ),
      ],
      openapiLine: at.line(openapi.keyOffset),
      serversLine: servers ? at.line(servers.keyOffset) : undefined,
    },
  };
}
