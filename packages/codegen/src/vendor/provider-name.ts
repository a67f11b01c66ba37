/**
 * Which provider a vendored document belongs to: the one named with `--provider`, else the one its first
 * server's host names (`api.telnyx.com` → `telnyx`), which must already have a folder in `specs/`, so a typo
 * in a server URL cannot silently start a new provider.
 */

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { isDirectory, readIfExists } from "../file-transaction.js";
import { FOLDER_NAME, FOLDER_NAME_RULE, PROVENANCE_SUFFIX, RepoLayout } from "../repo-layout.js";
import { servedBaseUrl } from "../spec/served-servers.js";
import type { SpecSource } from "./read-input.js";

/**
 * The first server's URL; for a document downloaded as itself that names none, or a relative one, where it was
 * served says (OpenAPI's rule, spec/served-servers.ts).
 */
export function baseUrlOf(source: SpecSource): string | undefined {
  const written = source.spec.serverUrl;
  const served =
    source.kind === "spec" && source.origin ? servedBaseUrl(written, source.origin.url) : undefined;
  return served ?? written;
}

export type ProviderGuess = { provider: string } | { reason: string };

// Second-level labels under two-letter country codes that act as public suffixes (api.acme.co.uk).
// A full public suffix list is not worth a dependency for provider hosts, which are nearly all .com/.ai.
const SECOND_LEVEL_SUFFIXES = new Set([
  "ac",
  "co",
  "com",
  "edu",
  "gob",
  "go",
  "gov",
  "ltd",
  "ne",
  "net",
  "or",
  "org",
]);

/** The provider name a server URL implies: the host label just before the public suffix. */
export function deriveProvider(serverUrl: string | undefined): ProviderGuess {
  if (serverUrl === undefined) return { reason: "the document lists no servers" };
  let host: string;
  try {
    // A scheme-relative `//host` names its host as well as an absolute URL does.
    const absolute = serverUrl.startsWith("//") ? `https:${serverUrl}` : serverUrl;
    host = new URL(absolute).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return { reason: `server URL "${serverUrl}" is not an absolute URL` };
  }
  if (host === "") return { reason: `server URL "${serverUrl}" has no host` };
  if (host.startsWith("[") || /^\d+(?:\.\d+){3}$/.test(host)) {
    return { reason: `server URL "${serverUrl}" names an IP address` };
  }
  if (host === "localhost" || host.endsWith(".localhost"))
    return { reason: `server URL "${serverUrl}" is local` };
  const labels = host.split(".");
  if (labels.length < 2) return { reason: `server host "${host}" has no domain` };
  const tld = labels[labels.length - 1] ?? "";
  const secondLevel = labels[labels.length - 2] ?? "";
  const suffixLength =
    labels.length >= 3 && tld.length === 2 && SECOND_LEVEL_SUFFIXES.has(secondLevel) ? 2 : 1;
  const label = labels[labels.length - 1 - suffixLength] ?? "";
  if (!FOLDER_NAME.test(label)) return { reason: `"${label}" (from ${host}) is not a valid provider name` };
  return { provider: label };
}

export function assertProviderName(name: string): void {
  if (!FOLDER_NAME.test(name)) {
    const detail = `"${name}" is not a valid provider name: ${FOLDER_NAME_RULE}`;
    throw new InputError("--provider", detail);
  }
}

/** The provider `source` is vendored for: `explicit` (`--provider`), else the one its server names. */
export function resolveProvider(source: SpecSource, root: string, explicit: string | undefined): string {
  if (explicit !== undefined) return explicit;
  if (source.provider !== undefined) return source.provider;
  const { serversLine, openapiLine } = source.spec;
  const serverUrl = baseUrlOf(source);
  const line = serversLine ?? openapiLine;
  const guess = deriveProvider(serverUrl);
  if ("reason" in guess) {
    throw new InputError(
      source.file,
      `cannot tell the provider: ${guess.reason}; pass --provider <name>`,
      line,
    );
  }
  const { provider } = guess;
  const layout = new RepoLayout(root);
  if (isDirectory(layout.providerSpecs(provider))) return provider;
  // A provider vendored under a name of its own (`--provider acme` for api.acme-voice.example) is known by
  // the servers its documents declare: this document is its next revision, not a second package of it.
  const host = new URL(serverUrl!.startsWith("//") ? `https:${serverUrl}` : serverUrl!).host;
  const serving = layout.providers().filter((name) => declaresServer(layout.providerSpecs(name), host));
  if (serving.length === 1) return serving[0]!;
  // A typo in a server URL must not silently start a new provider folder.
  const detail = serving.length
    ? `the server ${serverUrl} is declared by ${serving.map((p) => `specs/${p}/`).join(" and ")}: pass --provider with the one this document belongs to`
    : `unknown provider "${provider}" (from ${serverUrl}): there is no specs/${provider}/ yet, and no vendored document declares this server; pass --provider ${provider} to add a new provider`;
  throw new InputError(source.file, detail, line);
}

/** Whether a spec folder's documents declare a server on `host` (as a server's `url`, in YAML or JSON). */
function declaresServer(dir: string, host: string): boolean {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const url = new RegExp(`["']?url["']?\\s*:\\s*["']?(?:https?:)?//${escaped}(?:[/:"'\\s]|$)`, "im");
  return readdirSync(dir).some(
    (file) =>
      /\.(?:ya?ml|json)$/i.test(file) &&
      !file.endsWith(PROVENANCE_SUFFIX) &&
      url.test(readIfExists(join(dir, file)) ?? ""),
  );
}
