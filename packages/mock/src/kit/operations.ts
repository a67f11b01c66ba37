/**
 * The mock's view of a provider: the operation table a client calls by (method name → HTTP method and path
 * template) joined with the spec's operation objects, and a router from a request URL to an operation.
 *
 * Everything is built on first use and per operation, never for the whole document up front: the complete
 * Telnyx API has 1,154 operations, and a test file that calls three of them should not pay for the rest.
 */
import { nearestNames } from "../nearest-names.js";
import { deref, isObj, type Obj } from "../openapi.js";

/** A parameter object of the spec, `$ref`s resolved. */
export interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required?: boolean;
  readonly schema?: unknown;
  readonly style?: string;
  readonly explode?: boolean;
  readonly content?: Obj;
}

export interface Operation {
  /** The method name in the provider package's table (`deleteIp`). */
  readonly name: string;
  /** Upper case, as the table has it. */
  readonly method: string;
  /** The path template (`/ips/{id}`). */
  readonly path: string;
  /**
   * The spec's key for the path: the template, or more where a `#fragment` keeps operations on it apart, or a
   * query item the client sends as a query parameter (Medium's `/search/articles?query={query}`).
   */
  readonly specPath: string;
  /** `DELETE /ips/{id}`. */
  readonly route: string;
  /** The spec's operation object; `{}` when the table names an operation the spec lacks. */
  readonly spec: Obj;
  readonly parameters: readonly Parameter[];
  /** The request body object, `$ref` resolved, when the operation takes one. */
  readonly requestBody: Obj | undefined;
  readonly responses: Obj;
  /** Alternatives (OR) of schemes that must all be present (AND); undefined or an empty one: none needed. */
  readonly security: readonly Obj[] | undefined;
  /**
   * What is worked out once per operation of a parsed document (parameter schemas, default answers): shared
   * by every mock made from that document (source.ts keeps it), so ajv, which keeps what it compiles for
   * the document, compiles a mock per test's schemas once, not once per mock.
   */
  readonly cache: Map<string, unknown>;
}

/** The cache of the spec's operation object, alive as long as its parsed document. */
const caches = new WeakMap<Obj, Map<string, unknown>>();
function cacheOf(operation: Obj): Map<string, unknown> {
  let cache = caches.get(operation);
  if (!cache) {
    cache = new Map();
    caches.set(operation, cache);
  }
  return cache;
}

type TableRow = readonly [string, string, ...unknown[]];
export type OperationTable = Readonly<Record<string, TableRow>>;

/**
 * The spec's path key of a table row: the row's `specPath` where the key says more than the path a call is
 * sent to (a `#fragment` keeping two operations on one path apart: Box's, AWS's `/#X-Amz-Target=…`; an item of
 * the key's query that is a query parameter of the operation: Medium's `/search/articles?query={query}`), else
 * the row's path.
 */
export function specPathOf(row: TableRow): string {
  const meta = row[2];
  return isObj(meta) && typeof meta.specPath === "string" ? meta.specPath : row[1];
}

interface Route {
  readonly name: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Literal segments: `/calls/actions` beats `/calls/{id}` for `/calls/actions`. */
  readonly literals: number;
  /** The query a path key writes itself (`/rest?method=flickr.photos.getInfo`, `/alerts?lat={lat}`). */
  readonly query: readonly QueryItem[];
  /**
   * Where a segment holds two parameters (TomTom's `{maxLat}.{format}`), the pattern that gives the earlier
   * ones all they can take: `71.441.json` is `71.441` and `json`, where `pattern` alone reads `71` and
   * `441.json`. `match` keeps whichever split the parameters' schemas accept.
   */
  readonly greedy?: RegExp;
}

/** One `name=value` of a path key's query: a value the request must have, or a parameter's. */
type QueryItem =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly param: string };

export interface Match {
  readonly operation: Operation;
  /** Path parameters as they appear in the URL, percent-decoded. */
  readonly pathParams: Record<string, string>;
}

export type RouteResult =
  | {
      readonly found: Match;
      /**
       * Other operations of the same method and path template whose key's query the request has (apart in the
       * spec by a `#fragment` or a parameter's name alone).
       */
      readonly sharing: readonly Match[];
    }
  | {
      readonly found?: undefined;
      readonly allowed: readonly string[];
      /** The base URLs of the provider, when the request is under none of them. */
      readonly outside?: readonly string[];
    };

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
};

/**
 * The items of a path key's query (`?method=flickr.photos.getInfo&lat={lat}`). A name a parameter makes
 * (ClickSend's `{search}=1`), or a value that mixes text and a parameter, says nothing a request can be held
 * to, and is left out.
 */
function queryItems(query: string): QueryItem[] {
  return query
    .split("&")
    .filter(Boolean)
    .flatMap((item): QueryItem[] => {
      const at = item.indexOf("=");
      const [name, value] = at < 0 ? [item, ""] : [item.slice(0, at), item.slice(at + 1)];
      if (name.includes("{")) return [];
      const param = /^\{([^}]+)\}$/.exec(value)?.[1];
      if (param) return [{ name: decoded(name), param }];
      return value.includes("{") ? [] : [{ name: decoded(name), value: decoded(value) }];
    });
}

/** Whether a request's query has the values its route's path key writes. */
const queryFits = (route: Route, search: URLSearchParams) =>
  route.query.every((item) => !("value" in item) || search.getAll(item.name).includes(item.value));

function compileRoute(name: string, method: string, path: string): Route {
  const names: string[] = [];
  let literals = 0;
  let shared = false;
  // A path key may carry a query of its own, which the client sends as written (Flickr's `/rest?method=…`,
  // ClickSend's `/sms/history?date_from={date_from}`): the path before it is matched, the query checked.
  const at = path.indexOf("?");
  const template = at < 0 ? path : path.slice(0, at);
  const query = at < 0 ? [] : queryItems(path.slice(at + 1));
  const source = template
    .split("/")
    .map((segment) => {
      if (!segment.includes("{")) {
        if (segment) literals++;
        return escapeRegExp(segment);
      }
      // A segment may mix text and parameters (`{id}.json`, `calls:{action}`).
      if ((segment.match(/\{[^}]+\}/g) ?? []).length > 1) shared = true;
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const param = /^\{([^}]+)\}$/.exec(part);
          if (!param) return escapeRegExp(part);
          names.push(param[1]!);
          return "([^/]+?)";
        })
        .join("");
    })
    .join("/");
  const greedy = shared ? { greedy: new RegExp(`^${source.replaceAll("([^/]+?)", "([^/]+)")}/?$`) } : {};
  return { name, method, pattern: new RegExp(`^${source}/?$`), names, literals, query, ...greedy };
}

/** The path parts of server URLs (`/v2` of `https://api.telnyx.com/v2`), longest first. */
function serverPrefixes(urls: Iterable<string>): string[] {
  const prefixes = new Set<string>();
  for (const url of urls) {
    try {
      // Server variables (`https://{region}.example.com/{version}`) cannot be known; their path part can
      // only be used when it has none.
      const path = new URL(url.replace(/\{[^}]*\}/g, "x"), "http://localhost").pathname.replace(/\/+$/, "");
      if (path && !url.includes("{")) prefixes.add(path);
    } catch {}
  }
  return [...prefixes].sort((a, b) => b.length - a.length);
}

/**
 * A base URL as a pattern matching the start of a request's `origin + pathname`: a server variable matches
 * any text within its segment (`https://{region}.example.com`), and a relative server URL (`/v2`) any
 * origin. Undefined for what names no base (`api.example.com/v2`, no scheme).
 */
function basePattern(template: string): RegExp | undefined {
  let text = template.trim().replace(/\/+$/, "");
  const relative = text.startsWith("/");
  if (!relative && !/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(text)) return undefined;
  // Written as `new URL` writes a request's URL: a lower-case host, no default port.
  if (!relative && !text.includes("{")) {
    try {
      const url = new URL(text);
      text = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      return undefined;
    }
  }
  const source = text
    .split(/\{[^}]*\}/)
    .map(escapeRegExp)
    .join("[^/]*");
  return new RegExp(`^${relative ? "[a-z][a-z0-9+.-]*://[^/]+" : ""}${source}(?=/|$)`);
}

/** Where a request arrived: the mock's own server (any path prefix), or a fetch with a base of its own. */
export interface RouteOptions {
  /** Through `mock.listen()`'s server: its origin, the path with or without a server's path prefix. */
  readonly local?: boolean;
  /** A base URL this request may be under, besides the provider's (mswHandlers' own `baseUrls`). */
  readonly baseUrl?: string;
}

export class OperationIndex {
  private routes: Route[] | undefined;
  /** Routes by method and path template: more than one where the keys differ by a `#fragment`, a query, a name. */
  private readonly byTemplate = new Map<string, Route[]>();
  private prefixes: string[] | undefined;
  /** The base URLs as patterns, computed on the first request: the provider's, and each operation's own. */
  private baseUrls: { common: RegExp[]; own: ReadonlyMap<string, RegExp>; ownBases: RegExp[] } | undefined;
  private readonly operations = new Map<string, Operation>();
  readonly names: readonly string[];

  constructor(
    readonly spec: Obj,
    readonly table: OperationTable,
    private readonly servers: readonly string[],
  ) {
    this.names = Object.keys(table);
  }

  /** The operation of a method name or a `METHOD /path` route; undefined when the table has neither. */
  get(key: string): Operation | undefined {
    if (Object.hasOwn(this.table, key)) return this.operation(key);
    const [method, path] = key.split(" ");
    const name = this.names.find((n) => {
      const row = this.table[n]!;
      return row[0].toUpperCase() === method?.toUpperCase() && (row[1] === path || specPathOf(row) === path);
    });
    return name === undefined ? undefined : this.operation(name);
  }

  /** The method name for `key`, or a TypeError listing what there is. */
  resolve(key: string): Operation {
    const operation = this.get(key);
    if (operation) return operation;
    // A typo (`deletIp`), else names that start alike (`listPhone` → `listPhoneNumbers`, …).
    const typo = nearestNames(key, this.names);
    const close = typo.length
      ? typo
      : this.names.filter((n) => n.toLowerCase().includes(key.toLowerCase().slice(0, 6))).slice(0, 5);
    throw new TypeError(
      `no operation ${JSON.stringify(key)} in this provider's table (${this.names.length} operations)` +
        (close.length ? `; did you mean ${close.join(", ")}?` : ""),
    );
  }

  private operation(name: string): Operation {
    let operation = this.operations.get(name);
    if (operation) return operation;
    const row = this.table[name]!;
    const [method, path] = row;
    const specPath = specPathOf(row);
    const pathItem = deref((this.spec.paths as Obj | undefined)?.[specPath], this.spec);
    const item = isObj(pathItem) ? pathItem : {};
    const raw = item[method.toLowerCase()];
    const spec = isObj(raw) ? raw : {};
    const byKey = new Map<string, Parameter>();
    for (const list of [item.parameters, spec.parameters]) {
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        const parameter = deref(entry, this.spec);
        if (isObj(parameter) && typeof parameter.name === "string" && typeof parameter.in === "string")
          byKey.set(`${parameter.in}:${parameter.name}`, parameter as unknown as Parameter);
      }
    }
    const requestBody = deref(spec.requestBody, this.spec);
    const security = Array.isArray(spec.security)
      ? spec.security
      : Array.isArray(this.spec.security)
        ? this.spec.security
        : undefined;
    operation = {
      name,
      method: method.toUpperCase(),
      path,
      specPath,
      route: `${method.toUpperCase()} ${path}`,
      spec,
      parameters: [...byKey.values()],
      requestBody: isObj(requestBody) ? requestBody : undefined,
      responses: isObj(spec.responses) ? spec.responses : {},
      security: security?.filter(isObj),
      cache: cacheOf(spec),
    };
    this.operations.set(name, operation);
    return operation;
  }

  /**
   * The operation a request is for. The URL may be the provider's own (`https://api.telnyx.com/v2/ips/…`,
   * when the mock is a client's `fetch`), under one of the provider's base URLs, or the mock server's
   * (`http://127.0.0.1:port/ips/…`, `options.local`), whose paths are taken with or without a server's path
   * prefix (`/v2`).
   */
  /** The server an operation's row names for itself, if any. */
  private ownServer(name: string): string | undefined {
    const server = (this.table[name]![2] as { server?: unknown } | undefined)?.server;
    return typeof server === "string" ? server : undefined;
  }

  private compileBaseUrls() {
    const byServer = new Map<string, RegExp | undefined>();
    const own = new Map<string, RegExp>();
    for (const name of this.names) {
      const server = this.ownServer(name);
      if (server === undefined) continue;
      if (!byServer.has(server)) byServer.set(server, basePattern(server));
      const pattern = byServer.get(server);
      if (pattern) own.set(name, pattern);
    }
    const common = this.servers.flatMap((server) => basePattern(server) ?? []);
    return { common, own, ownBases: [...new Set(own.values())] };
  }

  route(method: string, url: URL, options: RouteOptions = {}): RouteResult {
    if (!this.routes) {
      this.routes = this.names
        .map((name) => compileRoute(name, this.table[name]![0].toUpperCase(), this.table[name]![1]))
        // And of routes on one path, the one whose key holds more of the query first (`/rest?method=…`
        // before `/rest`).
        .sort((a, b) => b.literals - a.literals || b.query.length - a.query.length);
      for (const route of this.routes) {
        const key = `${route.method} ${route.pattern.source}`;
        const group = this.byTemplate.get(key);
        if (group) group.push(route);
        else this.byTemplate.set(key, [route]);
      }
    }
    this.prefixes ??= serverPrefixes([
      ...this.servers,
      ...this.names.flatMap((n) => this.ownServer(n) ?? []),
    ]);
    this.baseUrls ??= this.compileBaseUrls();
    const { common: commonBases, own, ownBases } = this.baseUrls;
    const pathname = url.pathname;
    // The path under each base URL the request is under; undefined where any base is taken (the mock's own
    // server, or a provider without absolute server URLs).
    let under: ((route: Route) => ReadonlySet<string>) | undefined;
    // The provider's base URLs, when the request is under none of them (only under an operation's own).
    let outside: string[] | undefined;
    let candidates: string[];
    if (options.local || (commonBases.length === 0 && own.size === 0)) {
      candidates = [...this.prefixes.filter((p) => pathname === p || pathname.startsWith(`${p}/`)), ""].map(
        (prefix) => pathname.slice(prefix.length) || "/",
      );
    } else {
      // A client's own URL is answered only under one of the provider's base URLs: a base URL that leaves
      // out the server's path (`/v2`) or names another host is what a test should catch, as the API would.
      // An operation with servers of its own is under those (and a base URL given for the request) alone.
      const target = `${url.origin}${pathname}`;
      const paths = (bases: readonly (RegExp | undefined)[]) =>
        new Set(
          bases.flatMap((base) => base?.exec(target)?.[0] ?? []).map((at) => target.slice(at.length) || "/"),
        );
      const given = options.baseUrl === undefined ? undefined : basePattern(options.baseUrl);
      const common = paths([...commonBases, given]);
      const byBase = new Map<RegExp, ReadonlySet<string>>();
      under = (route) => {
        const base = own.get(route.name);
        if (!base) return common;
        const found = byBase.get(base) ?? paths([base, given]);
        byBase.set(base, found);
        return found;
      };
      candidates = [...new Set([...common, ...ownBases.flatMap((base) => [...paths([base])])])];
      if (common.size === 0) outside = [...new Set(this.servers)];
      if (candidates.length === 0) return { allowed: [], outside: outside! };
    }
    const allowed = new Set<string>();
    for (const path of candidates) {
      for (const route of this.routes) {
        if (under && !under(route).has(path)) continue;
        const lazy = route.pattern.exec(path);
        if (!lazy) continue;
        const match = route.greedy ? this.bestSplit(route, lazy, route.greedy.exec(path)!) : lazy;
        if (route.method !== method.toUpperCase()) {
          allowed.add(route.method);
          continue;
        }
        if (!queryFits(route, url.searchParams)) continue;
        // Each route of the template by its own parameter names (`/{applicationId}` and
        // `/{applicationDefinitionId}#disambiguation_dummy` are one template).
        const matchOf = (r: Route): Match => {
          const pathParams: Record<string, string> = {};
          r.names.forEach((name, i) => {
            const raw = match[i + 1]!;
            try {
              pathParams[name] = decodeURIComponent(raw);
            } catch {
              pathParams[name] = raw;
            }
          });
          // A path parameter the key writes in its query (`?filename={filename}`) is read from there.
          for (const item of r.query) {
            if (!("param" in item)) continue;
            const value = url.searchParams.get(item.name);
            if (value !== null) pathParams[item.param] = value;
          }
          return { operation: this.operation(r.name), pathParams };
        };
        const sharing = (this.byTemplate.get(`${route.method} ${route.pattern.source}`) ?? [])
          .filter((r) => r !== route && queryFits(r, url.searchParams))
          .map(matchOf);
        return { found: matchOf(route), sharing };
      }
    }
    return outside ? { allowed: [...allowed], outside } : { allowed: [...allowed] };
  }

  /** Of two splits of a segment's parameters, the one whose values more of their schemas accept; `lazy` on a tie. */
  private bestSplit(route: Route, lazy: RegExpExecArray, greedy: RegExpExecArray): RegExpExecArray {
    const { parameters } = this.operation(route.name);
    const misfits = (match: RegExpExecArray) =>
      route.names.filter((name, i) => {
        const parameter = parameters.find((p) => p.in === "path" && p.name === name);
        return !fits(deref(parameter?.schema, this.spec), decoded(match[i + 1]!));
      }).length;
    return misfits(greedy) < misfits(lazy) ? greedy : lazy;
  }
}

/** Whether a path value can be the schema's: its enum or const, an integer or number type, its pattern. */
function fits(schema: unknown, value: string): boolean {
  if (!isObj(schema)) return true;
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => String(v) === value)) return false;
  if ("const" in schema && String(schema.const) !== value) return false;
  const types = [schema.type].flat();
  if (types.includes("integer") && !types.includes("string") && !/^-?\d+$/.test(value)) return false;
  if (types.includes("number") && !types.includes("string") && !Number.isFinite(Number(value))) return false;
  if (typeof schema.pattern === "string") {
    try {
      if (!new RegExp(schema.pattern, "u").test(value)) return false;
    } catch {}
  }
  return true;
}
