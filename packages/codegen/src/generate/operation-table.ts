/**
 * The operation table of a provider package, derived from the bundled spec: method name → HTTP method, path,
 * where each parameter goes, how the body is sent and the response read, how a list pages. Each row is typed
 * by the runtime's own `OperationMeta` (from @switchboard/core), which turns the table into methods; nothing
 * here is provider-specific code.
 */
import type { OperationMeta, QueryStyle, HttpMethod as UpperCaseMethod } from "@switchboard/core";
import { InputError, throwAll } from "../errors.js";
import { moduleNameOfTag, operationName, words } from "../naming.js";
import {
  deref,
  isObject,
  isWebSocketServer,
  keyQueryItems,
  type OpenApiDocument,
  operationsOf,
  queryParameterItem,
  type ServerObject,
  serverUrl,
  webSocketServers,
} from "../spec/openapi-document.js";
import type { ProviderSettings } from "../spec/provider-settings.js";
import { type OperationAuth, securityPlan } from "../spec/security-plan.js";
import { pagingOf } from "./paging.js";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A row's metadata as the generator derives it: the runtime's `OperationMeta` without the parameter lists
 * (kept in `inputs`, see there) and without the functions a row names (`encode`, `all`, `writeQuery`), which
 * the emitted row refers to by name, following from `body`, `page` and the query parameters. `auth` is
 * `false`, or which of the provider's other security requirements the operation sends, which the emitted row
 * names as `otherAuth(provider, index)`.
 */
export type RowMeta = Writable<Omit<OperationMeta, "path" | "encode" | "all" | "writeQuery" | "auth">> & {
  auth?: OperationAuth;
};

/** The functions of @switchboard/core a row may name, by the `OperationMeta` field that holds them. */
export type RowFunctions = {
  -readonly [K in keyof Pick<OperationMeta, "encode" | "all" | "writeQuery">]?: string;
};

export interface OperationEntry {
  readonly name: string;
  readonly method: UpperCaseMethod;
  readonly path: string;
  /** The subpath module the operation is exported from: its first tag (or first path segment), kebab-case. */
  readonly module: string;
  readonly summary?: string;
  /**
   * Path and query parameter names (`OperationMeta`'s `path` and `query`). Not in the runtime table: the
   * path's `{names}` are its path parameters and every other input but headers and `body` goes to the query,
   * which keeps the table of a 1,000-operation API (and the bundle of a client with all of it) a few
   * kilobytes smaller. A row whose query has a parameter named `body` lists its query in `meta` instead.
   */
  readonly inputs: { -readonly [K in keyof Pick<OperationMeta, "path" | "query">]-?: string[] };
  /** Path parameters of the label or matrix style, which the row's path writes (see `wirePath`). */
  readonly pathStyles?: PathStyles;
  readonly meta: RowMeta;
  /**
   * Whether a call needs only its path parameters, each of which has a value to show (`pathExamples`), and
   * the operation is not deprecated: what the README's example calls, so that it type-checks.
   */
  readonly plainCall: boolean;
  /** A TypeScript literal for each path parameter: `"…"` for a string, its first value for an enum, `1`. */
  readonly pathExamples?: Readonly<Record<string, string>>;
  /**
   * The operation takes JSON or multipart (Telnyx's faxes and media: a file's URL, or the file itself): a
   * body holding a file goes out as multipart (core's jsonOrMultipartBody), any other as JSON.
   */
  readonly filesAsMultipart?: true;
  /** The operation takes JSON or bytes (bytesBesideJson): bytes go out as they are (core's jsonOrRawBody). */
  readonly bytesAsRaw?: true;
  /**
   * A form body whose `encoding` declares `style: deepObject` for a field (Stripe's `items`, `expand`): its
   * arrays go out under their indexes (`items[0][price]`, core's deepFormBody), not repeated.
   */
  readonly deepForm?: true;
}

/**
 * A value the README's example can pass for a path parameter, as TypeScript source: an enum's (or const's)
 * first value, `"…"` for any string, `1` for a number. Undefined for what has none (an object, an array).
 */
function pathExample(doc: OpenApiDocument, schema: unknown): string | undefined {
  const resolved = deref(doc, (schema ?? {}) as any) ?? {};
  const listed = Array.isArray(resolved.enum)
    ? resolved.enum
    : "const" in resolved
      ? [resolved.const]
      : undefined;
  if (listed) {
    const first = listed.find((v: unknown) => typeof v === "string" || typeof v === "number");
    return first === undefined ? undefined : JSON.stringify(first);
  }
  const types = [resolved.type ?? "string"].flat();
  if (types.includes("string")) return '"…"';
  return types.includes("integer") || types.includes("number") ? "1" : undefined;
}

/** Path parameters written in the label (`.value`) or matrix (`;name=value`) style, by name. */
export type PathStyles = Readonly<Record<string, "label" | "matrix">>;

/** An operation the REST client leaves out, and why (a WebSocket endpoint, a TRACE). */
export interface SkippedOperation {
  readonly method: string;
  readonly path: string;
  readonly reason: string;
}

/** Header parameters the client owns; a spec that declares them (Synthflow's `Authorization`) is not asking the caller. */
const CLIENT_HEADERS = new Set(["authorization", "content-type", "accept"]);

/**
 * The path a call is sent to, the row's: the spec's path without a `#fragment`, which some providers add to
 * keep two operations on one path apart (Box's `/oauth2/token#refresh`). A client never sends a fragment, and
 * a query written after one would be lost with it. A query the key writes itself is sent as written
 * (Flickr's `/rest?method=…`), but for an item `name={name}` of one of the operation's query parameters
 * (Medium's `/search/articles?query={query}`), which the client sends with the rest of its query. The types
 * keep the spec's key, and so does the row's `specPath`, for the mocks.
 *
 * A label or matrix path parameter (`style: label`, `style: matrix`) is written by the row's path, its
 * prefix a literal before the value: `/items/{id}` is sent as `/items/.{id}` or `/items/;id={id}`, as
 * OpenAPI (RFC 6570's `{.id}`, `{;id}`) writes a value. The runtime fills a path the same way whatever it
 * is, so no app pays for styles it does not call.
 */
export function wirePath(
  path: string,
  queryParameters: readonly string[] = [],
  pathStyles: PathStyles = {},
): string {
  // The styles are the path's: a key's own query or fragment after it is left as written.
  const end = path.search(/[?#]/);
  const [route, rest] = end < 0 ? [path, ""] : [path.slice(0, end), path.slice(end)];
  const styled = route.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
    pathStyles[name] === "label" ? `.${whole}` : pathStyles[name] === "matrix" ? `;${name}=${whole}` : whole,
  );
  const sent = (styled + rest).replace(/#.*$/, "");
  const at = sent.indexOf("?");
  if (at < 0 || queryParameters.length === 0) return sent;
  const written = new Set(queryParameters.map(queryParameterItem));
  const items = keyQueryItems(sent).filter((item) => !written.has(item));
  return items.length > 0 ? `${sent.slice(0, at)}?${items.join("&")}` : sent.slice(0, at);
}

/**
 * The style a path parameter is written in where it is label or matrix and the row's path can write it: a
 * value that is no array or object, or an array not exploded, whose items the runtime joins with commas
 * (`.a,b`, `;id=a,b`). An exploded array (`.a.b`, `;id=a;id=b`) or an object is left as a simple one.
 */
function styledPath(doc: OpenApiDocument, param: any): "label" | "matrix" | undefined {
  if (param.style !== "label" && param.style !== "matrix") return undefined;
  const schema = deref(doc, param.schema ?? {});
  const types = [schema?.type ?? []].flat();
  if (types.includes("object") || (param.explode === true && types.includes("array"))) return undefined;
  return param.style;
}

export function operationTable(
  doc: OpenApiDocument,
  file: string,
  settings?: ProviderSettings,
): OperationEntry[] {
  return operationSurface(doc, file, settings).operations;
}

/**
 * An operation's or path item's own server as the base URL its calls go to. A relative one (`url: /v2`, the
 * same API under another base path) is resolved against the document's first server, the API's: left as it
 * was, every call failed to parse its URL, as a `connection` error, retried.
 */
function operationServer(doc: OpenApiDocument, server: ServerObject): string {
  const url = serverUrl(server);
  const root = doc.servers?.[0];
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || !root) return url;
  try {
    return new URL(url, serverUrl(root)).href.replace(/\/$/, "");
  } catch {
    return url; // a relative document server: reported with its fix as the client's servers are
  }
}

/** Subpath names the package itself exports, which a tag module must not shadow. */
const RESERVED_MODULES = new Set(["compose", "openapi.json", "package.json", "index", "webhooks"]);

/**
 * The table's rows and the operations left out of it. `settings` (the provider's settings file) adds the
 * paging it declares; without it, paging is what the spec's shapes show.
 */
export function operationSurface(
  doc: OpenApiDocument,
  file: string,
  settings?: ProviderSettings,
): { operations: OperationEntry[]; skipped: SkippedOperation[] } {
  const entries: OperationEntry[] = [];
  const skipped: SkippedOperation[] = [];
  const byName = new Map<string, OperationEntry>();
  const pagingErrors: InputError[] = [];
  // Without settings (comparing two specs' method names) no credentials are named: only `security: []` shows.
  const security = securityPlan(doc, new Set(settings?.credentials.keys()));
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    if (method === "trace") {
      // The Fetch standard forbids the method: `fetch` and `new Request` refuse it, whatever the server says.
      skipped.push({
        method: "TRACE",
        path,
        reason: "fetch refuses to send the TRACE method, so no client made with it can",
      });
      continue;
    }
    const afterFragment = path.slice(wirePath(path).length).match(/\{[^}]+\}/g);
    if (afterFragment) {
      // Mastercard's `/send/#env/v1/partners/{partnerId}/…`: the `#` ends what a request sends, parameters too.
      skipped.push({
        method: method.toUpperCase(),
        path,
        reason: `its path parameters ${afterFragment.join(", ")} come after its \`#\`, and a request sends nothing after one`,
      });
      continue;
    }
    const getBody = (method === "get" || method === "head") && operation.requestBody;
    if (getBody && deref(doc, operation.requestBody)?.required === true) {
      skipped.push({
        method: method.toUpperCase(),
        path,
        reason: `it requires a request body, which fetch cannot send with ${method.toUpperCase()}`,
      });
      continue;
    }
    const webSocket = webSocketServers(operation, pathItem);
    if (webSocket) {
      skipped.push({
        method: method.toUpperCase(),
        path,
        reason: `served only over ${webSocket.map((s) => s.url).join(", ")}: a WebSocket endpoint, not a REST call`,
      });
      continue;
    }
    // An empty list is none: the path item's servers, else the document's, apply (OpenAPI's own fallback).
    const listed = (value: unknown) => (Array.isArray(value) && value.length > 0 ? value : undefined);
    const servers = (listed(operation.servers) ?? listed(pathItem.servers)) as ServerObject[] | undefined;
    const httpServers = servers?.filter((s) => !isWebSocketServer(s));
    const name = operationName(operation.operationId, method, path);
    const meta: RowMeta = {};
    const params = new Map<string, any>();
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      params.set(`${param.in}:${param.name}`, param);
    }
    const json = preferredJson(doc, operation);
    if (json) meta.accept = json;
    const seen = new Map<string, string>();
    const queryParams: any[] = [];
    const inputs: OperationEntry["inputs"] = { path: [], query: [] };
    const pathStyles: Record<string, "label" | "matrix"> = {};
    let plainCall = operation.deprecated !== true;
    const pathExamples: Record<string, string> = {};
    for (const param of params.values()) {
      const where = param.in as "path" | "query" | "header" | "cookie";
      const accept =
        where === "header" && String(param.name).toLowerCase() === "accept"
          ? acceptOf(doc, param, operation)
          : undefined;
      if (accept) meta.accept = accept;
      if (where === "cookie" || (where === "header" && CLIENT_HEADERS.has(String(param.name).toLowerCase())))
        continue;
      const other = seen.get(param.name);
      if (other) {
        throw new InputError(
          file,
          `${method.toUpperCase()} ${path}: parameter "${param.name}" is both a ${other} and a ${where} parameter`,
        );
      }
      seen.set(param.name, where);
      if (where === "path") {
        const example = pathExample(doc, param.schema);
        if (example === undefined) plainCall = false;
        else pathExamples[param.name] = example;
      } else if (param.required === true) plainCall = false;
      if (where === "header") meta.header = [...(meta.header ?? []), param.name];
      else inputs[where].push(param.name);
      const pathStyle = where === "path" ? styledPath(doc, param) : undefined;
      if (pathStyle) pathStyles[param.name] = pathStyle;
      if (where === "query") {
        queryParams.push(param);
        const style = queryStyle(doc, param);
        if (style) meta.style = { ...meta.style, [param.name]: style };
      }
    }
    if (inputs.query.includes("body")) {
      // A method's `body` input is its request body, so a query parameter of that name is one only where the
      // row names its query parameters (SMS APIs' `?to=…&body=…`): else the runtime would leave it out.
      if (operation.requestBody) {
        throw new InputError(
          file,
          `${method.toUpperCase()} ${path}: the query parameter "body" and the request body would both be the method's \`body\` input; ` +
            "send one of them another way with an overlay (the parameter as a body field, say)",
        );
      }
      meta.query = [...inputs.query];
    }
    let filesAsMultipart = false;
    let bytesAsRaw = false;
    let deepForm = false;
    // An optional body of a GET or HEAD is none to send (fetch cannot): its type is `never` (openapi-types.ts).
    if (operation.requestBody && !getBody) {
      const content = deref(doc, operation.requestBody).content ?? {};
      const keys = Object.keys(content);
      meta.body = requestMediaKey(keys) ?? "application/json";
      filesAsMultipart = multipartBesideJson(keys);
      bytesAsRaw = !filesAsMultipart && bytesBesideJson(content) !== undefined;
      const encoding = (content[meta.body] as { encoding?: Record<string, { style?: unknown }> } | undefined)
        ?.encoding;
      deepForm =
        /^application\/x-www-form-urlencoded$/i.test(meta.body.split(";")[0]!.trim()) &&
        Object.values(encoding ?? {}).some((field) => field?.style === "deepObject");
    }
    const response = responseKind(doc, operation);
    if (response) meta.response = response;
    const auth = security.byOperation.get(`${method.toUpperCase()} ${path}`);
    if (auth !== undefined) meta.auth = auth;
    if (httpServers?.[0]) meta.server = operationServer(doc, httpServers[0]);
    if (wirePath(path, inputs.query, pathStyles) !== path) meta.specPath = path;
    const declared = settings?.paging.get(name);
    const page = pagingOf(
      doc,
      { name, method, path, operation },
      queryParams,
      declared === undefined
        ? undefined
        : { value: declared, file: settings!.file, line: settings!.lineOf(["paging", name]) },
      file,
      pagingErrors,
    );
    if (page) meta.page = page;

    const entry: OperationEntry = {
      name,
      method: method.toUpperCase() as UpperCaseMethod,
      path,
      module: moduleName(operation, path, file),
      inputs,
      plainCall,
      ...(plainCall && Object.keys(pathExamples).length ? { pathExamples } : {}),
      ...(filesAsMultipart ? { filesAsMultipart } : {}),
      ...(bytesAsRaw ? { bytesAsRaw } : {}),
      ...(deepForm ? { deepForm } : {}),
      ...(Object.keys(pathStyles).length ? { pathStyles } : {}),
      ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
      meta,
    };
    const clash = byName.get(name);
    if (clash) {
      throw new InputError(
        file,
        `operations ${clash.method} ${clash.path} and ${entry.method} ${entry.path} would both be named "${name}"; ` +
          "give one of them another operationId with an overlay",
      );
    }
    byName.set(name, entry);
    entries.push(entry);
  }
  for (const name of settings?.paging.keys() ?? []) {
    if (byName.has(name)) continue;
    const near = [...byName.keys()].filter(
      (n) => n.toLowerCase() === name.toLowerCase() || n.startsWith(name) || name.startsWith(n),
    );
    pagingErrors.push(
      new InputError(
        settings!.file,
        `paging: there is no method \`${name}\`${near.length ? ` (did you mean ${near.slice(0, 3).join(", ")}?)` : ""}`,
        settings!.lineOf(["paging", name]),
      ),
    );
  }
  throwAll(pagingErrors);
  return {
    operations: withoutSharedVersionPrefix(entries),
    skipped: [...skipped, ...openApi32Operations(doc)],
  };
}

/**
 * OpenAPI 3.2's operations beyond the eight methods: `query` (the QUERY method) and `additionalOperations`
 * (any other). openapi-typescript 7 gives them no types, so they are listed as skipped rather than
 * generated untyped or dropped unseen.
 */
function openApi32Operations(doc: OpenApiDocument): SkippedOperation[] {
  const skipped: SkippedOperation[] = [];
  const reason =
    "an OpenAPI 3.2 method beyond the eight that openapi-typescript 7 types, so no method is made";
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    if (item.query && typeof item.query === "object") skipped.push({ method: "QUERY", path, reason });
    for (const method of Object.keys(item.additionalOperations ?? {}))
      skipped.push({ method: method.toUpperCase(), path, reason });
  }
  return skipped;
}

/** Set on an operation (by an overlay) to choose the subpath module it is exported from. */
export const MODULE_EXTENSION = "x-switchboard-module";

/**
 * The subpath module of an operation: the one an overlay names with `x-switchboard-module`, else its first
 * tag's, else its path's first literal segment's (naming.ts has the rule for tags). A tag given as a list
 * (Fern's `[subpackage_agents, subpackage_agents/calls]`) counts by its most specific, last entry.
 */
function moduleName(operation: any, path: string, file: string): string {
  const chosen = operation[MODULE_EXTENSION];
  if (chosen !== undefined && (typeof chosen !== "string" || moduleNameOfTag(chosen) !== chosen)) {
    const detail = `${MODULE_EXTENSION} must be a module name in kebab-case, found ${JSON.stringify(chosen)}`;
    throw new InputError(file, detail);
  }
  const [first] = Array.isArray(operation.tags) ? operation.tags : [];
  const tag = Array.isArray(first) ? first.filter((t) => typeof t === "string").at(-1) : first;
  // A version segment names no resource: Stripe's untagged `/v1/customers` is in `customers`, where every
  // operation was in one module, `v1`.
  const segment = path
    .split("/")
    .find((s) => s && !s.includes("{") && words(s).length > 0 && !/^v\d+(?:\.\d+)*$/i.test(s));
  const name =
    chosen ||
    (typeof tag === "string" ? moduleNameOfTag(tag) : "") ||
    moduleNameOfTag(segment ?? "") ||
    "operations";
  return RESERVED_MODULES.has(name) ? `${name}-operations` : name;
}

/**
 * The modules without the product-and-version words every one of them starts with. Twilio tags each of its
 * APIs' operations with the API and its version (`Api20100401Account`, `VoiceV1ByocTrunk`), which would
 * make every import `@switchboard/twilio/api20100401-account`; the package already is that API, so the
 * modules are `account` and `byoc-trunk`. Only a prefix whose last word ends in a number (a version or a
 * date) is dropped, and only where every module has it and none is left empty: words all modules share that
 * are not a version ("phone-numbers", "phone-calls") are part of each name.
 */
function withoutSharedVersionPrefix(entries: OperationEntry[]): OperationEntry[] {
  const modules = [...new Set(entries.map((e) => e.module))];
  if (modules.length < 2) return entries;
  const split = modules.map((m) => m.split("-"));
  let shared = 0;
  while (split.every((w) => w.length > shared + 1 && w[shared] === split[0]![shared])) shared++;
  while (shared > 0 && !/[0-9]$/.test(split[0]![shared - 1]!)) shared--;
  if (shared === 0) return entries;
  const renamed = new Map(
    split.map((w) => {
      const name = w.slice(shared).join("-");
      return [w.join("-"), RESERVED_MODULES.has(name) ? `${name}-operations` : name];
    }),
  );
  if (new Set(renamed.values()).size < modules.length) return entries;
  return entries.map((e) => ({ ...e, module: renamed.get(e.module)! }));
}

/**
 * The `Accept` an operation's `Accept` parameter asks for: its default, else a JSON value of its enum, else the
 * enum's first; but only a value that admits one of the success types the operation documents. A spec whose
 * parameter's default contradicts its responses (VTEX's policies: `Accept` defaulting to JSON, answers only
 * `application/octet-stream`) gets none, so fetch's own (any type) lets the server answer as it documents, where
 * sending the default would earn a 406. An `enum` (or `const`) is another matter: it says which values the
 * server takes, so one of them is sent even where the responses say otherwise (AWS MediaLive's thumbnail:
 * `Accept` must be `image/jpeg`, the answer documented as JSON); any other value breaks the request's own
 * contract. Where the responses cannot tell (none with content, a wildcard, a key that is no media type), the
 * parameter is all the document says, and it is sent.
 */
function acceptOf(doc: OpenApiDocument, param: any, operation: any): string | undefined {
  const schema = deref(doc, param.schema ?? {});
  const values: unknown[] = Array.isArray(schema?.enum)
    ? schema.enum
    : schema && typeof schema === "object" && "const" in schema
      ? [schema.const]
      : [];
  const candidates = [
    schema?.default,
    ...values.filter((v) => typeof v === "string" && /[/+]json\b/.test(v)),
    ...values,
  ].filter((v): v is string => typeof v === "string");
  const keys = successMediaKeys(doc, operation);
  const types = keys.map(mediaTypeOf).filter((t): t is string => t !== undefined && !t.includes("*"));
  if (types.length === 0 || types.length < keys.length) return candidates[0];
  const admits = (accept: string) =>
    accept.split(",").some((part) => {
      const range = part.split(";")[0]!.trim().toLowerCase();
      return types.some(
        (t) => range === "*/*" || range === t || (range.endsWith("/*") && t.startsWith(range.slice(0, -1))),
      );
    });
  return candidates.find(admits) ?? candidates.find((accept) => values.includes(accept));
}

/**
 * The JSON media type to ask for where every success response with a body offers JSON and some offer XML
 * too (Zoom's `application/json` and `application/xml`): the row sends it as `Accept`, and `data` is
 * typed as the JSON alone (openapi-types.ts), not as `string | object` a caller must narrow before every
 * field. Undefined where a success response offers no JSON, or one offers anything but JSON and XML.
 */
export function preferredJson(doc: OpenApiDocument, operation: any): string | undefined {
  const contents = Object.entries<any>(operation.responses ?? {})
    .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
    .map(([, response]) => (deref(doc, response)?.content ?? {}) as Record<string, unknown>)
    .filter((content) => Object.keys(content).length > 0);
  const json = contents.map(jsonContentKey);
  if (contents.length === 0 || json.some((key) => key === undefined)) return undefined;
  // Only XML beside it: the same data in another notation. An event stream or audio beside JSON is another
  // answer the request chooses (`stream: true`), which an `Accept` of JSON would refuse.
  const others = contents.flatMap((content, i) => Object.keys(content).filter((key) => key !== json[i]));
  if (others.length === 0 || !others.every((key) => isXmlMediaType(mediaTypeOf(key) ?? ""))) return undefined;
  return mediaTypeOf(json[0]!);
}

/** The `content` keys of an operation's success responses (2XX too), as the document writes them. */
function successMediaKeys(doc: OpenApiDocument, operation: any): string[] {
  return Object.entries<any>(operation.responses ?? {})
    .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
    .flatMap(([, response]) => Object.keys(deref(doc, response)?.content ?? {}));
}

/** What kinds of value a schema allows, looking through `oneOf`/`anyOf`/`allOf`. */
function valueKinds(doc: OpenApiDocument, schema: unknown, depth = 0): Set<string> {
  const kinds = new Set<string>();
  const resolved = deref(doc, schema as any);
  if (!resolved || typeof resolved !== "object" || depth > 8) return kinds;
  for (const t of [resolved.type].flat()) if (typeof t === "string") kinds.add(t);
  if (resolved.properties || resolved.additionalProperties) kinds.add("object");
  if (resolved.items) kinds.add("array");
  for (const alt of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])])
    for (const k of valueKinds(doc, alt, depth + 1)) kinds.add(k);
  return kinds;
}

/**
 * A query parameter's serialisation by OpenAPI's rules (style `form` and explode by default), recorded only
 * where the runtime's default for the value (deepObject objects, repeated arrays) would differ.
 */
function queryStyle(doc: OpenApiDocument, param: any): QueryStyle | undefined {
  // A `content` parameter is its media type's text: JSON written from the value; any other is sent as given.
  if (isObject(param.content)) return jsonContentKey(param.content) === undefined ? undefined : "json";
  const style = param.style ?? "form";
  const explode = param.explode ?? style === "form";
  const kinds = valueKinds(doc, param.schema);
  if (style === "spaceDelimited") return "space";
  if (style === "pipeDelimited") return "pipe";
  if (style !== "form") return undefined;
  if (explode) return kinds.has("object") ? "form" : undefined;
  return kinds.has("array") || kinds.has("object") ? "comma" : undefined;
}

/**
 * The media type a `content` key names, lower-cased and without parameters (`application/json` of
 * `application/json; charset=utf-8`, and of Snyk's `application/json, charset=utf-8`); undefined for a key
 * that names none: Telnyx's `*`, Akeneo's property names written where the media type belongs.
 */
export function mediaTypeOf(key: string): string | undefined {
  const type = key.split(/[;,]/)[0]!.trim().toLowerCase();
  return /^[\w!#$&^.+-]+\/[\w!#$&^.+*-]+$/.test(type) ? type : undefined;
}

/** The key of a parameter's `content` that is JSON (`application/json`, `application/vnd.x+json`), if one is. */
export const jsonContentKey = (content: Record<string, unknown>): string | undefined =>
  Object.keys(content).find((key) => /[/+]json$/.test(mediaTypeOf(key) ?? ""));

/** An XML media type (`application/xml`, `text/xml`, `application/atom+xml`): a body the runtime cannot write from a value. */
export const isXmlMediaType = (type: string): boolean => /^[^/]+\/(?:[^;]+\+)?xml\b/i.test(type.trim());

/**
 * The `content` key of a request body the client sends, as its Content-Type: the first the document lists
 * that names a type, and not XML where it lists anything else. A range is none to send (ASP.NET's
 * Swashbuckle lists `application/*+json` first for every body, then `application/json`), and servers, Prism
 * among them, read a body sent under it as no JSON. XML is text the caller writes (the runtime has no XML
 * writer: its body type is a string or Blob, openapi-types.ts), so where JSON, a form or text is offered
 * too (`application/xml` listed before `application/json`), the value is sent that way.
 */
export function requestMediaKey(keys: readonly string[]): string | undefined {
  const named = keys.filter((key) => !key.includes("*"));
  return named.find((key) => !isXmlMediaType(key)) ?? named[0] ?? keys[0];
}

/** Media types whose body is bytes as they are (audio, images, video, documents), whatever their schema says. */
const BYTES_MEDIA = /^(?:audio|image|video)\/|^application\/(?:octet-stream|pdf|zip|gzip)$/;

/**
 * The media type of a request body the client sends as JSON that the operation also takes as bytes (Deepgram's
 * `/v1/listen`: `{ url }` as JSON, or the audio itself as `audio/*`): then a Blob, an ArrayBuffer or bytes are
 * sent as they are (core's jsonOrRawBody), not as JSON (`JSON.stringify(blob)` is `{}`). Undefined otherwise.
 */
export function bytesBesideJson(content: Readonly<Record<string, any>>): string | undefined {
  const keys = Object.keys(content);
  if (!/[/+]json$/.test(mediaTypeOf(requestMediaKey(keys) ?? "") ?? "")) return undefined;
  return keys.find((key) => {
    const type = mediaTypeOf(key);
    if (!type || type === "multipart/form-data" || /[/+]json$/.test(type)) return false;
    const format = content[key]?.schema?.format;
    return BYTES_MEDIA.test(type) || format === "binary" || format === "byte";
  });
}

/** Whether a request body the client sends as JSON may also be multipart: then one holding a file is sent so. */
export const multipartBesideJson = (keys: readonly string[]): boolean =>
  /[/+]json$/.test(mediaTypeOf(requestMediaKey(keys) ?? "") ?? "") &&
  keys.some((key) => mediaTypeOf(key) === "multipart/form-data");

/**
 * How the runtime should read a success body: JSON unless every documented success type is something else.
 * A type it cannot tell from the document (a wildcard, a key that is no media type) leaves the body to be
 * read by the Content-Type it arrives with, as JSON is, and as its type says (openapi-types.ts).
 */
export function responseKind(doc: OpenApiDocument, operation: any): "text" | "blob" | "stream" | undefined {
  const keys = successMediaKeys(doc, operation);
  const types = keys.map(mediaTypeOf).filter((t): t is string => t !== undefined && !t.includes("*"));
  if (types.length === 0 || types.length < keys.length || types.some((t) => /[/+]json$/.test(t)))
    return undefined;
  if (types.every((t) => t === "text/event-stream")) return "stream";
  if (types.every((t) => t.startsWith("text/") || /\/(xml|csv|yaml)$/.test(t))) return "text";
  return "blob";
}
