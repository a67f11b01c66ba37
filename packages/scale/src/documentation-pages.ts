/**
 * A provider's OpenAPI document as its documentation site publishes it, one page per operation: what the
 * page-by-page route (`vendor --index`) meets on a site we have not seen. Each page is a Markdown rendering
 * of an API reference page as Mintlify exports it (the seeds' shape): the operation's summary as its title,
 * its description, and under `## OpenAPI` a four-backtick YAML block whose info line names the source
 * document and the operation (`yaml <url> get /calls/{id}`), holding a document of its own: the source's
 * `openapi`, `info`, `servers` and `security`, the entries of `tags` its operation has, the one path with only
 * this operation (and the path's own
 * parameters and servers), and only the components the operation reaches, followed through every `$ref`
 * (discriminator mappings too), and the security schemes its own and the document's `security` name. A
 * webhook (OpenAPI 3.1) gets a page the same way, its block's info line `yaml <url> webhook <name>`. The
 * index is an `llms.txt` listing every page, saved where `vendor --index <folder>` looks for it.
 *
 * With `style: "fern"`, each page is what Fern exports instead (the Synthflow seed's shape, and the sites of
 * ElevenLabs, Deepgram, Cartesia…): the title, a `DELETE https://<server><path>` line, the description and a
 * `Reference:` line, then under `## OpenAPI Specification` a three-backtick block with no info string, whose
 * document has its `servers` after `paths`; then examples in other languages' blocks. Fern writes the
 * security an operation needs as its parameters (`Authorization: Bearer authentication`, an API key's header
 * or query parameter) and keeps the document's schemes, numbered `sec0`, `sec1`…, which nothing requires:
 * the client generated from such a page takes the credential as an argument of every method until the user
 * writes the overlay the generator suggests.
 *
 * Why by hand: the split is what documentation generators do, not a library's job; the YAML is written by
 * the `yaml` package.
 */
import {
  collectRefs,
  isObject,
  resolvePointer,
  unescapePointer,
} from "@switchboard/codegen/openapi-document";
import { HTTP_METHODS } from "@switchboard/mock";
import { stringify } from "yaml";

type Json = Record<string, unknown>;

export interface DocumentationSite {
  /** The index: `llms.txt` text. */
  index: string;
  /** Each page's path under the site's root (`api-reference/<slug>.md`) → its Markdown. */
  pages: Map<string, string>;
}

/** The components a part of `document` reaches, each kept whole, in the source's order. */
function componentsFor(document: Json, parts: unknown[], securityNames: Set<string>): Json | undefined {
  const components = isObject(document.components) ? document.components : {};
  const wanted = new Map<string, Set<string>>();
  const queue: unknown[] = [...parts];
  const seen = new Set<string>();
  while (queue.length > 0) {
    // The generator's own walk: `$ref`s, discriminator mappings and the Example Objects an `examples` map
    // refers to, never inside an example's value or a name map.
    for (const ref of new Set(collectRefs(queue.shift(), [], true, true))) {
      const match = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
      if (!match || seen.has(`${match[1]}/${match[2]}`)) continue;
      seen.add(`${match[1]}/${match[2]}`);
      const kind = unescapePointer(match[1] ?? "");
      const name = unescapePointer(match[2] ?? "");
      const group = components[kind];
      if (!isObject(group) || !(name in group)) continue;
      if (!wanted.has(kind)) wanted.set(kind, new Set());
      wanted.get(kind)?.add(name);
      // An example's value is data, whatever keys it holds: only the example's own `$ref` goes on.
      const component = group[name];
      queue.push(kind === "examples" ? (isObject(component) ? { $ref: component.$ref } : {}) : component);
    }
  }
  const schemes = components.securitySchemes;
  if (isObject(schemes))
    for (const name of securityNames)
      if (name in schemes) {
        if (!wanted.has("securitySchemes")) wanted.set("securitySchemes", new Set());
        wanted.get("securitySchemes")?.add(name);
      }
  if (wanted.size === 0) return undefined;
  const out: Json = {};
  for (const [kind, group] of Object.entries(components)) {
    const names = wanted.get(kind);
    if (!names || !isObject(group)) continue;
    out[kind] = Object.fromEntries(Object.entries(group).filter(([name]) => names.has(name)));
  }
  return out;
}

/** The document's `tags` entries (descriptions, display names) of the tags an operation has, as its page shows them. */
function tagsOf(document: Json, operation: Json): Json {
  const names = Array.isArray(operation.tags) ? operation.tags : [];
  if (!Array.isArray(document.tags)) return {};
  const tags = document.tags.filter((tag) => isObject(tag) && names.includes(tag.name));
  return tags.length > 0 ? { tags } : {};
}

const securityNamesOf = (...requirements: unknown[]) =>
  new Set(
    requirements.flatMap((list) =>
      Array.isArray(list) ? list.flatMap((item) => (isObject(item) ? Object.keys(item) : [])) : [],
    ),
  );

/** A page's slug: its title's words, made unique within the site. */
function slugger() {
  const used = new Set<string>();
  return (title: string) => {
    const base =
      title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 60)
        .replace(/-+$/, "") || "operation";
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  };
}

/** How a site renders its pages: Mintlify's (the default) or Fern's. */
export type PageStyle = "mintlify" | "fern";

/**
 * The parameters Fern writes for the first alternative of an operation's `security`: each scheme the
 * alternative names, as a client sends it. An alternative that needs nothing (`{}`) gives none.
 */
function fernCredentialParameters(document: Json, security: unknown): Json[] {
  const schemes =
    isObject(document.components) && isObject(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {};
  const [first] = Array.isArray(security) ? security : [];
  if (!isObject(first)) return [];
  const parameters = Object.keys(first).flatMap((name): Json[] => {
    const scheme = schemes[name];
    if (!isObject(scheme)) return [];
    if (scheme.type === "apiKey" && typeof scheme.name === "string" && typeof scheme.in === "string")
      return [{ name: scheme.name, in: scheme.in, required: true, schema: { type: "string" } }];
    // A client certificate (`mutualTLS`) travels in TLS, not in any parameter.
    if (scheme.type === "mutualTLS") return [];
    // An HTTP scheme in its own form ("Basic", "Digest"), a token of OAuth 2 or OpenID Connect as Bearer.
    const http = scheme.type === "http" ? String(scheme.scheme ?? "").toLowerCase() : "";
    const form = http && http !== "bearer" ? http[0]!.toUpperCase() + http.slice(1) : "Bearer";
    return [
      {
        name: "Authorization",
        in: "header",
        description: `${form} authentication`,
        required: true,
        schema: { type: "string" },
      },
    ];
  });
  // One parameter for schemes that send the same (Google's two OAuth2 flows, each an `Authorization`).
  return parameters.filter(
    (parameter, i) => parameters.findIndex((p) => p.in === parameter.in && p.name === parameter.name) === i,
  );
}

/** `document`'s security schemes as Fern names them: `sec0`, `sec1`… in the document's order. */
function fernSchemes(document: Json): Json | undefined {
  const schemes = isObject(document.components) ? document.components.securitySchemes : undefined;
  if (!isObject(schemes)) return undefined;
  return Object.fromEntries(Object.values(schemes).map((scheme, i) => [`sec${i}`, scheme]));
}

/**
 * A page's document as Fern writes it: the operation's security as its parameters, no `security` anywhere,
 * the schemes renamed, and `servers` after `paths`.
 */
function fernDocument(document: Json, pageDocument: Json): Json {
  const { servers, security: _, components, ...rest } = pageDocument;
  const paths = isObject(rest.paths) ? rest.paths : {};
  const fernPaths = Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      if (!isObject(item)) return [path, item];
      const fernItem: Json = {};
      for (const [key, value] of Object.entries(item)) {
        if (!(HTTP_METHODS as readonly string[]).includes(key) || !isObject(value)) {
          fernItem[key] = value;
          continue;
        }
        const { security, ...operation } = value;
        const own: unknown[] = Array.isArray(operation.parameters) ? operation.parameters : [];
        // Not again where the operation already takes it (a document that lists its `Authorization` too).
        const taken = (p: Json) =>
          own.some(
            (o) =>
              isObject(o) && o.in === p.in && String(o.name).toLowerCase() === String(p.name).toLowerCase(),
          );
        const credentials = fernCredentialParameters(document, security ?? document.security).filter(
          (p) => !taken(p),
        );
        const parameters = [...own, ...credentials];
        fernItem[key] = { ...operation, ...(parameters.length > 0 ? { parameters } : {}) };
      }
      return [path, fernItem];
    }),
  );
  const { securitySchemes: _schemes, ...otherComponents } = isObject(components) ? components : {};
  const schemes = fernSchemes(document);
  const fernComponents = { ...otherComponents, ...(schemes ? { securitySchemes: schemes } : {}) };
  return {
    ...rest,
    paths: fernPaths,
    ...(servers !== undefined ? { servers } : {}),
    ...(Object.keys(fernComponents).length > 0 ? { components: fernComponents } : {}),
  };
}

/** The first server's URL, as Fern's endpoint line shows it, without a trailing slash. */
function firstServer(document: Json): string {
  const [server] = Array.isArray(document.servers) ? document.servers : [];
  return isObject(server) && typeof server.url === "string" ? server.url.replace(/\/+$/, "") : "";
}

function fernPage(
  title: string,
  description: unknown,
  endpoint: string | undefined,
  path: string,
  pageDocument: Json,
): string {
  const yaml = stringify(pageDocument, { lineWidth: 0, aliasDuplicateObjects: false });
  const text = typeof description === "string" && description.trim() ? `${description.trim()}\n\n` : "";
  const line = endpoint ? `${endpoint}\n\n` : "";
  const [method, url] = endpoint?.split(" ") ?? [];
  // Fern's examples: other languages' blocks after the document's, which the reader must pass over.
  const sdk = method
    ? `\n## Examples\n\n**SDK Code**\n\n\`\`\`python ${slugOf(title)}_example\nimport requests\n\nurl = "${url}"\n\nheaders = {"Authorization": "Bearer <token>"}\n\nresponse = requests.${method.toLowerCase()}(url, headers=headers)\n\nprint(response.json())\n\`\`\`\n`
    : "";
  return `> For a complete page index, fetch https://docs.example.com/llms.txt. For full documentation content, fetch https://docs.example.com/llms-full.txt.\n\n# ${title}\n\n${line}${text}Reference: https://docs.example.com/${path}\n\n## OpenAPI Specification\n\n\`\`\`yaml\n${yaml}\n\`\`\`\n${sdk}`;
}

const slugOf = (title: string) => title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");

function page(title: string, description: unknown, fenceInfo: string, pageDocument: Json): string {
  const yaml = stringify(pageDocument, { lineWidth: 0, aliasDuplicateObjects: false });
  const lead =
    typeof description === "string" && description.trim() ? `\n> ${description.trim().split("\n")[0]}\n` : "";
  return `> ## Documentation Index\n> Fetch the complete documentation index at: https://docs.example.com/llms.txt\n\n# ${title}\n${lead}\n\n## OpenAPI\n\n\`\`\`\`yaml ${fenceInfo}\n${yaml}\`\`\`\`\n`;
}

/** The pages of `document` (OpenAPI 3.x, already parsed) as its documentation site would publish them. */
export function documentationSite(
  document: Json,
  sourceUrl: string,
  options: { style?: PageStyle } = {},
): DocumentationSite {
  const { style = "mintlify" } = options;
  const head: Json = { openapi: document.openapi, info: document.info };
  if (document.servers !== undefined) head.servers = document.servers;
  if (document.security !== undefined) head.security = document.security;
  const slug = slugger();
  const pages = new Map<string, string>();
  const links: string[] = [];
  const add = (title: string, description: unknown, fenceInfo: string, body: Json, endpoint?: string) => {
    const path = `api-reference/${slug(title)}.md`;
    pages.set(
      path,
      style === "fern"
        ? fernPage(title, description, endpoint, path, fernDocument(document, body))
        : page(title, description, fenceInfo, body),
    );
    links.push(`- [${title}](https://docs.example.com/${path})`);
  };
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, written] of Object.entries(paths)) {
    // A path item that refers to another (SureVoIP's `/support/ip-address` → `/ip-address`) is published as
    // what it refers to: the site renders that operation's page at this path too.
    const item =
      isObject(written) && typeof written.$ref === "string"
        ? {
            ...resolvePointer(document, written.$ref),
            ...Object.fromEntries(Object.entries(written).filter(([key]) => key !== "$ref")),
          }
        : written;
    if (!isObject(item)) continue;
    const shared = Object.fromEntries(
      Object.entries(item).filter(([key]) => !(HTTP_METHODS as readonly string[]).includes(key)),
    );
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const title =
        (typeof operation.summary === "string" && operation.summary.trim()) ||
        (typeof operation.operationId === "string" && operation.operationId) ||
        `${method.toUpperCase()} ${path}`;
      const pathItem = { ...shared, [method]: operation };
      const body: Json = { ...head, ...tagsOf(document, operation), paths: { [path]: pathItem } };
      const components = componentsFor(
        document,
        [pathItem],
        securityNamesOf(operation.security, document.security),
      );
      if (components) body.components = components;
      const server = firstServer({ servers: pathItem.servers ?? operation.servers ?? document.servers });
      add(
        title.replace(/\s+/g, " "),
        operation.description,
        `${sourceUrl} ${method} ${path}`,
        body,
        `${method.toUpperCase()} ${server}${path}`,
      );
    }
  }
  const webhooks = isObject(document.webhooks) ? document.webhooks : {};
  for (const [name, item] of Object.entries(webhooks)) {
    if (!isObject(item)) continue;
    const body: Json = { ...head, paths: {}, webhooks: { [name]: item } };
    const components = componentsFor(document, [item], securityNamesOf(document.security));
    if (components) body.components = components;
    add(`Webhook ${name}`, undefined, `${sourceUrl} webhook ${name}`, body);
  }
  const info = isObject(document.info) ? document.info : {};
  const title = (typeof info.title === "string" && info.title.trim()) || "API";
  return { index: `# ${title}\n\n## API Reference\n\n${links.join("\n")}\n`, pages };
}
