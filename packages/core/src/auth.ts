import type { ProviderDefinition } from "./contract.js";
import { ConfigurationError } from "./errors.js";

export type Credentials = Readonly<Record<string, string>>;
type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment variable `name`, from `env` or else `process.env`; undefined where reading it is not
 * allowed: Deno without `--allow-env` throws on any access to `process.env`, and a client given its
 * credentials needs no environment at all.
 */
export const envValue = (name: string, env?: Env): string | undefined => {
  try {
    return (env ?? (globalThis as { process?: { env?: Env } }).process?.env)?.[name];
  } catch {}
};

/**
 * Every credential the provider needs, from the options or else from its environment variable. Missing
 * ones fail here, when the client is made, so no request ever leaves without them; an `optional` one (which
 * only the operations of another security requirement send, `otherAuth`) is taken when there is one.
 */
export function resolveCredentials(
  provider: ProviderDefinition,
  given: Readonly<Record<string, unknown>>,
  env?: Env,
): Credentials {
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, { env: variable, optional }] of Object.entries(provider.credentials)) {
    const value = given[name] ?? envValue(variable, env);
    if (typeof value === "string" && value) resolved[name] = value;
    else if (!optional) missing.push(`\`${name}\` (or ${variable})`);
  }
  // "Telnyx: missing `apiKey` (or TELNYX_API_KEY)": the option and the variable, either of which works.
  if (missing.length > 0) throw new ConfigurationError(`${provider.title}: missing ${missing.join(" and ")}`);
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
    // What fetch sends as it is: tabs, spaces, visible ASCII and Latin-1's upper half, and no whitespace at
    // either end. fetch's Headers refuses a line break, a NUL or anything beyond Latin-1 and trims spaces at
    // either end; Node's fetch refuses to send any other control character. A pattern, not `new Headers()`:
    // making a client must not load Node's fetch implementation (about 40 ms the first request pays instead).
    if (!/[^\t -~\x80-\xff]|^\s|\s$/.test(value)) return value;
    throw new ConfigurationError(`${provider.title}: \`${name}\` is no valid header value`);
  };
  for (const scheme of provider.auth) {
    if (scheme.type === "bearer") {
      headers.authorization = `${scheme.scheme ?? "Bearer"} ${header(scheme.credential)}`;
    } else if (scheme.type === "basic") {
      headers.authorization = `Basic ${btoa(`${header(scheme.username)}:${header(scheme.password)}`)}`;
    } else if (scheme.in === "header") headers[scheme.name.toLowerCase()] = header(scheme.credential);
    else if (scheme.in === "query")
      query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(credentials[scheme.credential]!)}`);
    else cookies.push(`${scheme.name}=${encodeURIComponent(credentials[scheme.credential]!)}`);
  }
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  return { headers, query: query.join("&") };
}

/**
 * A pattern matching `char` however a server may echo it (the pattern is case-insensitive): as is, after a
 * JSON backslash (`\/`), as JSON `\u00e9` escapes (one per UTF-16 code unit: a surrogate pair is two), or
 * percent-encoded (`%2F`, `%C3%A9`). The char itself is written as `\uXXXX` too, so no regex syntax needs
 * escaping.
 */
const anyForm = (char: string) => {
  const units = char.split("").map((unit) => unit.charCodeAt(0).toString(16).padStart(4, "0"));
  const bytes = Array.from(new TextEncoder().encode(char), (byte) => byte.toString(16).padStart(2, "0"));
  return `(?:\\\\?\\u${units.join("\\u")}|\\\\u${units.join("\\\\u")}|%${bytes.join("%")})`;
};

/**
 * Replaces every credential, and the token of every header value derived from one (`headerValues`: the base64
 * of `Basic <base64>`), with `***`, in any of the forms a server may echo it in (see `anyForm`): applied to each log line,
 * error message and error body before it is parsed, since a server may echo a token back ("invalid key
 * sk_live\/…") or a URL may carry one. Values shorter than 4 characters are left alone: replacing them
 * would garble everything.
 */
export function redactor(
  headerValues: readonly string[],
  credentials: Credentials,
): (text: string) => string {
  // A header value's last word: the token of `Bearer …`, the base64 of `Basic …`, or a credential as is.
  const secrets = [...Object.values(credentials), ...headerValues.map((value) => value.split(" ").pop()!)]
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length)
    .map((secret) => [...secret].map(anyForm).join(""));
  // Case-insensitive for the hex digits of escapes; a secret's other case is redacted too, harmlessly.
  // `(?!)` matches nothing: a client without credentials redacts nothing.
  const pattern = new RegExp(secrets.join("|") || "(?!)", "gi");
  return (text) => text.replace(pattern, "***");
}
