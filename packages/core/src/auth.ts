import type { ProviderDefinition } from "./contract.js";
import { ConfigurationError } from "./errors.js";

export type Credentials = Readonly<Record<string, string>>;
type Env = Readonly<Record<string, string | undefined>>;

export const processEnv = (): Env => (globalThis as { process?: { env?: Env } }).process?.env ?? {};

/**
 * Every credential the provider needs, from the options or else from its environment variable. Missing
 * ones fail here, when the client is made, so no request ever leaves without them.
 */
export function resolveCredentials(
  provider: ProviderDefinition,
  given: Readonly<Record<string, unknown>>,
  env: Env = processEnv(),
): Credentials {
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, { env: variable }] of Object.entries(provider.credentials)) {
    const value = given[name] ?? env[variable];
    if (typeof value === "string" && value !== "") resolved[name] = value;
    else missing.push(`\`${name}\` (or ${variable})`);
  }
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${provider.title}: missing ${missing.join(" and ")}. Pass ${missing.length > 1 ? "them" : "it"} to ` +
        `create${provider.title}Client({ ... }) or set the environment variable.`,
    );
  }
  return resolved;
}

/** What a request carries for authentication, computed once per client since credentials never change. */
export interface Authorization {
  /** Lower-cased header names → values (`authorization`, `x-auth-token`, `cookie`, …). */
  readonly headers: Readonly<Record<string, string>>;
  /** `name=value` pairs for credentials sent in the query string, already encoded; "" for none. */
  readonly query: string;
}

/**
 * The headers and query parameters that carry the provider's credentials. They are kept by the client's
 * request pipeline, never on the client object, so `console.log(client)` or an error cannot show them.
 * A credential sent in a header must be a valid header value (no line break or other control character,
 * nothing beyond Latin-1, no space at either end): checked here, when the client is made, since fetch would
 * otherwise refuse every call (a `connection` error, retried) or silently trim the credential.
 */
export function authorize(provider: ProviderDefinition, credentials: Credentials): Authorization {
  const headers: Record<string, string> = {};
  const query: string[] = [];
  const cookies: string[] = [];
  const header = (name: string) => {
    const value = credentials[name]!;
    const at = value.search(/[^\t\x20-\x7e\x80-\xff]|^\s|\s$/);
    if (at < 0) return value;
    // Which character and where, never the credential itself.
    const code = value.codePointAt(at)!.toString(16).toUpperCase().padStart(4, "0");
    throw new ConfigurationError(
      `${provider.title}: \`${name}\` (or ${provider.credentials[name]!.env}) cannot be sent in an HTTP header: ` +
        `character ${at + 1} is U+${code} (a line break, control character, surrounding space or non-Latin-1 character)`,
    );
  };
  for (const scheme of provider.auth) {
    if (scheme.type === "bearer") {
      headers.authorization = `Bearer ${header(scheme.credential)}`;
    } else if (scheme.type === "basic") {
      headers.authorization = `Basic ${btoa(`${header(scheme.username)}:${header(scheme.password)}`)}`;
    } else {
      const value = credentials[scheme.credential]!;
      if (scheme.in === "header") headers[scheme.name.toLowerCase()] = header(scheme.credential);
      else if (scheme.in === "query")
        query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(value)}`);
      else cookies.push(`${scheme.name}=${encodeURIComponent(value)}`);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  return { headers, query: query.join("&") };
}

/** A hex number as a pattern matching it in either case (`2f` → `2[fF]`). */
const hex = (value: number, digits: number) =>
  value
    .toString(16)
    .padStart(digits, "0")
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

/**
 * A pattern matching `char` however a server may echo it: as is, JSON-escaped (`\/`, `\u00e9`, `\u002F`),
 * percent-encoded in either case (`%2F`, `%2f`, the UTF-8 bytes of `é`), or `+` for a space (forms).
 */
const anyForm = (char: string) => {
  // As is, or with a JSON backslash before it (`\/`, `\"`, `\\`).
  const literal = `\\\\?${char.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")}`;
  // One \uXXXX per UTF-16 code unit, as JSON writes them: a surrogate pair is two escapes.
  const json = char
    .split("")
    .map((unit) => `\\\\u${hex(unit.charCodeAt(0), 4)}`)
    .join("");
  const percent = [...new TextEncoder().encode(char)].map((byte) => `%${hex(byte, 2)}`).join("");
  return `(?:${literal}|${json}|${percent}${char === " " ? "|\\+" : ""})`;
};

/**
 * Replaces every credential, and every header value derived from one (`Basic <base64>` and its base64 token
 * alone), with `***`, in any of the forms a server may echo it in (see `anyForm`): applied to each log line,
 * error message and error body before it is parsed, since a server may echo a token back ("invalid key
 * sk_live\/…") or a URL may carry one. Values shorter than 4 characters are left alone: replacing them
 * would garble everything.
 */
export function redactor(authorization: Authorization, credentials: Credentials): (text: string) => string {
  const secrets = [...Object.values(authorization.headers), ...Object.values(credentials)];
  for (const value of Object.values(authorization.headers)) secrets.push(value.replace(/^\S+ /, ""));
  const patterns = [...new Set(secrets)]
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length)
    .map((secret) => [...secret].map(anyForm).join(""));
  if (!patterns.length) return (text) => text;
  const pattern = new RegExp(patterns.join("|"), "g");
  return (text) => text.replace(pattern, "***");
}
