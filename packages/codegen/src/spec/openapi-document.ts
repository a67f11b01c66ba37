/**
 * The little of the OpenAPI object model the generator walks by hand: the document type, its operations in
 * order, and local `$ref`s (following one, finding every one).
 */

/**
 * The fixed fields of a Path Item Object that are operations (OpenAPI 3.0 and 3.1), in the order generated
 * tables list them.
 */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: ServerObject[];
  paths?: Record<string, Record<string, any>>;
  components?: Record<string, Record<string, any>>;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
};

/**
 * The sections that declare webhooks: OpenAPI 3.1's `webhooks`, and `x-webhooks`, the extension 3.0 documents
 * declare the same path items in (Redoc's; GitHub's REST description declares its 270 events there).
 */
export const WEBHOOK_SECTIONS = ["webhooks", "x-webhooks"] as const;
export type WebhookSection = (typeof WEBHOOK_SECTIONS)[number];

/**
 * Every webhook a document declares: its name, its path item (a `$ref` left as it is) and its section, in
 * document order; a name `webhooks` declares hides the same name in `x-webhooks`. An `x-` key is a
 * specification extension, no webhook (Apideck's `x-sdk-exclude: true` among its events).
 */
export function webhookItems(doc: object): { name: string; item: unknown; section: WebhookSection }[] {
  const found = new Map<string, { name: string; item: unknown; section: WebhookSection }>();
  for (const section of WEBHOOK_SECTIONS) {
    const items = (doc as Record<string, unknown>)[section];
    if (!isObject(items)) continue;
    for (const [name, item] of Object.entries(items))
      if (!found.has(name) && !name.startsWith("x-")) found.set(name, { name, item, section });
  }
  return [...found.values()];
}

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
  [key: string]: unknown;
}

/**
 * A server URL with its variables set to their defaults. A scheme-relative `//api.example.com` (what
 * converters write for a Swagger 2.0 document without `schemes`) takes the scheme the document was fetched
 * with, which for a provider's published document is https.
 */
export function serverUrl(server: ServerObject): string {
  const url = server.url.startsWith("//") ? `https:${server.url}` : server.url;
  return url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`);
}

/**
 * The servers of an operation served only over WebSocket (its own servers, else its path item's, every one
 * `ws://` or `wss://`), or undefined. Such an operation is no REST call: the client leaves it out, and what
 * it documents as a request body are the frames sent over the socket.
 */
export function webSocketServers(
  operation: Record<string, any>,
  pathItem: Record<string, any>,
): ServerObject[] | undefined {
  const servers: unknown = operation.servers ?? pathItem.servers;
  return Array.isArray(servers) && servers.length > 0 && servers.every(isWebSocketServer)
    ? servers
    : undefined;
}

export const isWebSocketServer = (server: unknown): boolean =>
  isObject(server) && typeof server.url === "string" && /^wss?:/i.test(server.url);

export interface OperationRef {
  readonly path: string;
  readonly method: HttpMethod;
  readonly operation: Record<string, any>;
  readonly pathItem: Record<string, any>;
}

/**
 * The items of the query a path key writes itself (`/search/articles?query={query}#x` → `query={query}`): the
 * part after its `?` and before any `#fragment`.
 */
export const keyQueryItems = (path: string): string[] =>
  path.replace(/#.*$/, "").split("?")[1]?.split("&").filter(Boolean) ?? [];

/** The item of a key's query that writes the query parameter `name` itself (Medium's `query={query}`). */
export const queryParameterItem = (name: string): string => `${name}={${name}}`;

/** `METHOD /path`: how operations are keyed across vendored files, in provenance and in reports. */
export const operationKey = (op: { readonly method: string; readonly path: string }): string =>
  `${op.method.toUpperCase()} ${op.path}`;

/** Every operation in document order. */
export function* operationsOf(doc: OpenApiDocument): Generator<OperationRef> {
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    if (!pathItem || typeof pathItem !== "object") continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && typeof operation === "object") yield { path, method, operation, pathItem };
    }
  }
}

/** A JSON object (a map of the document), not an array, `null` or a scalar: what the walks below step into. */
export const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Follows local `$ref`s (`#/components/...`) until a non-reference object is reached. */
export function deref<T = any>(doc: object, value: T, seen = new Set<string>()): T {
  let current: any = value;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    current = resolvePointer(doc, ref);
    if (current === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return current;
}

/**
 * `deref`, or undefined where a reference dangles or loops: for what reads a document before the checks
 * (a new provider's suggested settings), which leave those to the checks to report at their lines.
 */
export function derefIfResolvable<T = any>(doc: object, value: T): T | undefined {
  try {
    return deref(doc, value);
  } catch {
    return undefined;
  }
}

/** A JSON Pointer segment as the key it stands for (`%7B`, `~1` and `~0` undone). */
export const unescapePointer = (segment: string): string =>
  decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");

export function resolvePointer(doc: object, ref: string): any {
  if (!ref.startsWith("#")) return undefined;
  let node: any = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = unescapePointer(raw);
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** The kinds of the Components Object, in the order the OpenAPI specification lists them. */
export const COMPONENT_KINDS = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
];

/**
 * Maps whose keys are names the document gives (of properties, of components, of media types), not keywords:
 * there a key `example` or `examples` is a property or a component of that name (Oxford Dictionaries'
 * `examples: {$ref: ExamplesList}`, Kubernetes' and Google's), not example values. Their entries are
 * keyword objects again, so a property named `properties` holds keywords, and its own `properties` names.
 */
const NAME_MAPS = new Set([
  ...COMPONENT_KINDS,
  "properties",
  "patternProperties",
  "dependentSchemas",
  "definitions",
  "$defs",
  ...WEBHOOK_SECTIONS,
  "content",
  "encoding",
]);

/**
 * Whether the key `key` of an object holds example values (which may hold anything, `$ref` keys too): an
 * `example` or `examples` keyword, not a name. `namesHere` says the object is a map of names (see `nameMapAt`).
 */
export const holdsExamples = (key: string, namesHere: boolean): boolean =>
  !namesHere && (key === "example" || key === "examples");

/** Whether the value under `key`, in an object that is (`namesHere`) or is not a map of names, is one. */
export const nameMapAt = (key: string, namesHere: boolean): boolean => !namesHere && NAME_MAPS.has(key);

/** Every `$ref` in a document with the path to it, for reporting dangling ones. */
export function refsOf(
  node: unknown,
  at: Array<string | number> = [],
): Array<[string, Array<string | number>]> {
  // One mutable path, copied only for the refs found: a 4 MB spec has millions of nodes and few refs.
  const found: Array<[string, Array<string | number>]> = [];
  const path = [...at];
  const walk = (value: unknown, namesHere: boolean): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], false);
        path.pop();
      }
    } else if (value && typeof value === "object") {
      for (const key in value) {
        const inner = (value as Record<string, unknown>)[key];
        if (key === "$ref" && typeof inner === "string" && !namesHere) found.push([inner, [...path]]);
        else if (!holdsExamples(key, namesHere) && inner && typeof inner === "object") {
          path.push(key);
          walk(inner, nameMapAt(key, namesHere));
          path.pop();
        }
      }
    }
  };
  walk(node, typeof at.at(-1) === "string" && nameMapAt(String(at.at(-1)), false));
  return found;
}

/**
 * Every `$ref` string below `node` (not inside examples), appended to `out`; no paths, no generators. With
 * `mappings`, also the schemas a discriminator's `mapping` names, as refs (a bare name is
 * `#/components/schemas/<name>`): what a schema may turn out to be, which the types of what reaches it hold.
 * With `exampleRefs`, also the Example Objects an `examples` map refers to (`examples: {ok: {$ref:
 * '#/components/examples/Ok'}}`), though never a `$ref` inside an example's value: what a part of a document
 * needs to be whole, where the types need no examples.
 */
export function collectRefs(
  node: unknown,
  out: string[] = [],
  mappings = false,
  exampleRefs = false,
): string[] {
  const stack: Array<[unknown, boolean]> = [[node, false]];
  while (stack.length) {
    const [value, namesHere] = stack.pop()!;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === "object") stack.push([item, false]);
    } else if (value && typeof value === "object") {
      for (const key in value) {
        const inner = (value as Record<string, unknown>)[key];
        if (key === "$ref" && typeof inner === "string" && !namesHere) out.push(inner);
        else if (
          mappings &&
          key === "discriminator" &&
          !namesHere &&
          isObject(inner) &&
          isObject(inner.mapping)
        ) {
          for (const target of Object.values(inner.mapping))
            if (typeof target === "string")
              out.push(
                target.startsWith("#")
                  ? target
                  : `#/components/schemas/${target.replace(/~/g, "~0").replace(/\//g, "~1")}`,
              );
        } else if (!holdsExamples(key, namesHere) && inner && typeof inner === "object")
          stack.push([inner, nameMapAt(key, namesHere)]);
        else if (exampleRefs && key === "examples" && !namesHere && isObject(inner))
          // A map of Example Objects (a schema's `examples` is an array of values, skipped).
          for (const example of Object.values(inner))
            if (isObject(example) && typeof example.$ref === "string") out.push(example.$ref);
      }
    }
  }
  return out;
}

/**
 * Every component (`<kind>/<name>`) the paths refer to, directly or through other components. Unlike
 * `collectRefs`, this looks inside examples too.
 */
export function componentsReachedFromPaths(doc: OpenApiDocument): Set<string> {
  return componentsReachedFrom(doc, doc.paths);
}

/**
 * The components (`schemas/Call`) `node` reaches through `$ref`s, transitively; keys in `skip` (an operation's
 * `callbacks`, say) are not followed.
 */
export function componentsReachedFrom(
  doc: OpenApiDocument,
  node: unknown,
  skip: ReadonlySet<string> = new Set(),
): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (skip.has(key)) continue;
        if (key === "$ref" && typeof value === "string") {
          const match = value.match(/^#\/components\/([^/]+)\/([^/]+)$/);
          if (match) {
            const id = `${match[1]}/${unescapePointer(match[2]!)}`;
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
  visit(node);
  return seen;
}

/**
 * The OpenAPI versions the generator reads, as the vendor step and the bundle both check them: 3.0, 3.1 and 3.2,
 * with or without a patch number (`3.1.0`, `3.1`). Written without quotes, `openapi: 3.1` is the number 3.1 to
 * YAML and `openapi: 3.0` the number 3.
 */
export const READABLE_OPENAPI = /^3\.[012](?:\.\d+)?$/;

/** A readable `openapi` value as the full version the later stages expect (`3.1` → `3.1.0`), else undefined. */
export function fullOpenApiVersion(value: unknown): string | undefined {
  const written =
    typeof value !== "number" ? value : Number.isInteger(value) ? value.toFixed(1) : String(value);
  if (typeof written !== "string" || !READABLE_OPENAPI.test(written)) return undefined;
  return /^3\.\d+$/.test(written) ? `${written}.0` : written;
}
