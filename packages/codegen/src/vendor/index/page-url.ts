/**
 * Page URLs as an index run compares them, and which hosts it may fetch from. A page is the same page
 * whether it is linked as its Markdown rendering (`…/delete-ip-acl.md`, Mintlify's llms.txt) or by its own
 * URL (`…/delete-ip-acl`, Mintlify's llms-full.txt `Source:` line), so pages are keyed without that suffix.
 */
import { extname } from "node:path";
import { publicUrl } from "../../public-url.js";

/** The identity of a page: its URL without fragment, trailing slash or `.md`/`.mdx`/`.markdown` suffix. */
export function pageKey(url: string): string {
  try {
    // A page linked with a token in its query is the page its provenance (which keeps no token) names.
    const parsed = new URL(publicUrl(url));
    parsed.hash = "";
    parsed.pathname = parsed.pathname.replace(/\.(?:md|mdx|markdown)$/i, "").replace(/(.)\/+$/, "$1");
    return parsed.href;
  } catch {
    return url;
  }
}

const SPEC_DOCUMENT = /\.(?:json|ya?ml)$/i;

/** A link to an OpenAPI (or other data) document rather than a page: `…/openapi.json`, `…/spec.yaml`. */
export const isDocumentUrl = (url: string): boolean => SPEC_DOCUMENT.test(new URL(url).pathname);

/** The Markdown rendering of a page linked without an extension (`…/page` → `…/page.md`); else undefined. */
export function markdownUrl(url: string): string | undefined {
  const parsed = new URL(url);
  if (extname(parsed.pathname) !== "" || parsed.pathname.endsWith("/")) return undefined;
  parsed.pathname += ".md";
  parsed.hash = "";
  return parsed.href;
}

/** The hosts a run may fetch from: the index's own site, and those given with `--allow-host`. */
export class SitePolicy {
  readonly siteHosts: readonly string[];
  private readonly allowed: readonly string[];

  constructor(siteHosts: readonly string[], allowHosts: readonly string[]) {
    this.siteHosts = siteHosts.map((h) => h.toLowerCase());
    this.allowed = allowHosts.map((h) => h.toLowerCase());
  }

  /** The index's site: `host[:port]` of the index URL (or of most links of an index read from disk). */
  describe(): string {
    return this.siteHosts.join(", ");
  }

  onSite(url: string | URL): boolean {
    const { host } = typeof url === "string" ? new URL(url) : url;
    return this.siteHosts.includes(host);
  }

  allows(url: string | URL): boolean {
    const parsed = typeof url === "string" ? new URL(url) : url;
    return (
      this.onSite(parsed) || this.allowed.includes(parsed.host) || this.allowed.includes(parsed.hostname)
    );
  }

  /** For the fetcher: why a redirect to `url` is not followed, or undefined when it may be. */
  refusal(url: URL): string | undefined {
    if (this.allows(url)) return undefined;
    return `outside the index's site (${this.describe()}); pass --allow-host ${url.host} to follow it`;
  }
}

/** The host most of `urls` share (the first of a tie), for an index read from disk, which has no URL. */
export function mostCommonHost(urls: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const url of urls) {
    const { host } = new URL(url);
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [host, count] of counts) if (best === undefined || count > counts.get(best)!) best = host;
  return best;
}
