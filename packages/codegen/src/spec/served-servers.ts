/**
 * Where a document without an absolute server says its API is. OpenAPI 3: "If the servers property is not
 * provided, or is an empty array, the default value would be a Server Object with a url value of /", and a
 * relative server URL means "the host location is relative to the location where the OpenAPI document is
 * being served" (Swagger 2.0 says the same of a missing `host`). Frameworks publish their document from the
 * API itself and leave servers out (FastAPI's `/openapi.json`, ElevenLabs'; NestJS's `/api-json`), so a
 * document vendored from its URL names its base URL by that URL.
 *
 * Only a document downloaded as itself counts: a documentation page's URL, or the URL its fence names, is the
 * documentation site's, not the API's. Nor do code hosts, CDNs and documentation platforms, which serve files
 * about an API, never the API: there the document's gap stays a problem a person fixes with an overlay.
 */
import { type OpenApiDocument, operationsOf, type ServerObject } from "./openapi-document.js";

/**
 * Hosts (and their subdomains) that serve copies of documents, never the API a document describes: code hosts,
 * package CDNs, API directories, documentation platforms and object storage (Telnyx's pages name documents in
 * an S3 bucket).
 */
const FILE_HOSTS = [
  "githubusercontent.com",
  "github.com",
  "github.io",
  "gitlab.com",
  "gitlab.io",
  "bitbucket.org",
  "jsdelivr.net",
  "unpkg.com",
  "apis.guru",
  "swaggerhub.com",
  "readme.io",
  "stoplight.io",
  "gitbook.io",
  "mintlify.app",
  "postman.com",
  "storage.googleapis.com",
  "blob.core.windows.net",
  "r2.cloudflarestorage.com",
  "r2.dev",
];
/** S3 in all its spellings: `bucket.s3.amazonaws.com`, `bucket.s3.us-east-1.amazonaws.com`, `s3-eu-west-1…`. */
const S3 = /(?:^|\.)s3(?:[.-][a-z\d-]+)?\.amazonaws\.com$/;

const isAbsolute = (url: string) => /^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith("//");

/** True when `url` is on a host that serves files about APIs rather than an API (see FILE_HOSTS). */
export function onFileHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return S3.test(host) || FILE_HOSTS.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/**
 * `server` (missing: `/`) resolved against the URL the document was served from. Braces survive, so that server
 * variables (`/{version}`) still name their variable; a trailing slash goes, as it does from written URLs.
 */
export function resolveServerUrl(server: string | undefined, documentUrl: string): string {
  const resolved = new URL(server ?? "/", documentUrl).href.replace(/%7B/gi, "{").replace(/%7D/gi, "}");
  return resolved.replace(/\/+$/, "");
}

/**
 * The base URL a document downloaded from `documentUrl` gets by OpenAPI's rule when its first server is
 * missing or relative (`firstServer`, as written); undefined when it names an absolute one, or when the URL is
 * on a file host.
 */
export function servedBaseUrl(firstServer: string | undefined, documentUrl: string): string | undefined {
  if (firstServer !== undefined && isAbsolute(firstServer)) return undefined;
  if (onFileHost(documentUrl)) return undefined;
  return resolveServerUrl(firstServer, documentUrl);
}

/**
 * Gives `document` (the bundle, after every overlay) absolute servers where it has none or relative ones, by
 * where it was served: `documentUrls` are the URLs of the provider's vendored documents that were downloaded
 * as themselves. Done only when they all agree on the result, so a provider assembled from documents served
 * in different places keeps the problem, for a person to settle with an overlay. A document of webhooks alone
 * is left as it is: nothing calls its servers.
 */
export function resolveServedServers(document: OpenApiDocument, documentUrls: readonly string[]): void {
  const urls = documentUrls.filter((url) => !onFileHost(url));
  if (urls.length === 0 || urls.length < documentUrls.length) return;
  if (operationsOf(document).next().done) return;
  const servers: ServerObject[] = Array.isArray(document.servers) ? document.servers : [];
  if (servers.length > 0 && servers.every((server) => isAbsolute(server.url))) return;
  const resolve = (url: string): ServerObject[] =>
    servers.length === 0
      ? [{ url: resolveServerUrl(undefined, url) }]
      : servers.map((server) =>
          isAbsolute(server.url) ? server : { ...server, url: resolveServerUrl(server.url, url) },
        );
  const candidates = urls.map(resolve);
  const first = JSON.stringify(candidates[0]);
  if (candidates.some((candidate) => JSON.stringify(candidate) !== first)) return;
  document.servers = candidates[0]!;
}
