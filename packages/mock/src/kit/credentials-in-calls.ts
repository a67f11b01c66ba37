/**
 * A recorded call as it may be written down: a snapshot file (`expect(mock.lastCall(…)).toMatchSnapshot()`,
 * committed), a failure message, a CI log. Tests often run with real credentials from the environment, and a
 * call holds them in its headers, its URL and its input (a key in the query, an account id in the path). So a
 * call written out, by `JSON.stringify`, a snapshot (which writes `toJSON()`'s value) or `util.inspect`, shows
 * `[credential]` in their place; its properties stay as sent, for assertions on what the client sent. The
 * client's `User-Agent` is written without its versions, so that a snapshot outlives an upgrade.
 */
import type { AuthScheme } from "@switchboard/core";
import type { MockCall } from "./types.js";

/** How a provider sends its credentials: its package's `provider`, read for these fields alone. */
export interface CredentialPlaces {
  readonly auth?: readonly AuthScheme[];
  readonly otherAuth?: readonly (readonly AuthScheme[])[];
  readonly pathCredentials?: Readonly<Record<string, string>>;
}

const SHOWN = "[credential]";

/**
 * The credential values a call carried, as the provider's schemes send them: a header's value and, for
 * `Authorization`, the token after its scheme word and a Basic pair's user and password; a query parameter's
 * or a cookie's value; a path parameter the client fills from a credential (Vobiz's `auth_id`).
 */
export function credentialsOf(places: CredentialPlaces, call: MockCall): string[] {
  const found = new Set<string>();
  const add = (value: string | null | undefined) => {
    // A real credential is long; a test's placeholder (`apiKey: "test"`) is not, and replaced everywhere it
    // would garble the rest of the call (`https://api.test/…`).
    if (value && value.length >= 8) found.add(value);
  };
  const authorization = call.headers.authorization;
  const url = URL.canParse(call.url) ? new URL(call.url) : undefined;
  for (const scheme of [...(places.auth ?? []), ...(places.otherAuth ?? []).flat()]) {
    if (scheme.type !== "apiKey" || scheme.in === "header") {
      const value = scheme.type === "apiKey" ? call.headers[scheme.name.toLowerCase()] : authorization;
      add(value);
      const token = value?.replace(/^\S+\s+/, "");
      if (token !== value) add(token);
      if (scheme.type === "basic" && token) {
        const pair = decodeBase64(token);
        const colon = pair?.indexOf(":") ?? -1;
        if (pair && colon >= 0) [pair, pair.slice(0, colon), pair.slice(colon + 1)].forEach(add);
      }
    } else if (scheme.in === "query") {
      add(url?.searchParams.get(scheme.name));
    } else {
      const cookie = call.headers.cookie ?? "";
      for (const part of cookie.split(/;\s*/))
        if (part.startsWith(`${scheme.name}=`)) add(safeDecode(part.slice(scheme.name.length + 1)));
    }
  }
  const input = call.input as Record<string, unknown>;
  for (const param of Object.keys(places.pathCredentials ?? {}))
    if (typeof input[param] === "string") add(input[param] as string);
  return [...found];
}

/** `value` with every string's credentials, as given or as a URL writes them, shown as `[credential]`. */
export function withoutCredentials<T>(value: T, credentials: readonly string[]): T {
  if (credentials.length === 0) return value;
  // Longest first, so that a whole `Basic …` value goes before the token inside it.
  const forms = [...credentials, ...credentials.map(encodeURIComponent)]
    .filter((form, i, all) => all.indexOf(form) === i)
    .sort((a, b) => b.length - a.length);
  const text = (s: string) => forms.reduce((out, form) => out.split(form).join(SHOWN), s);
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return text(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object" && Object.getPrototypeOf(node) === Object.prototype)
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    return node;
  };
  return walk(value) as T;
}

/**
 * Gives a recorded call its written-out form: a `toJSON` (JSON, and snapshots, which print what it returns)
 * and Node's `util.inspect` hook, neither enumerable, so `toEqual` on a call compares what it recorded.
 */
export function writtenWithoutCredentials(call: MockCall, places: CredentialPlaces): void {
  const written = () => withoutVersions(withoutCredentials({ ...call }, credentialsOf(places, call)));
  Object.defineProperty(call, "toJSON", { value: written, enumerable: false });
  Object.defineProperty(call, Symbol.for("nodejs.util.inspect.custom"), {
    // Node passes its `inspect` third; vitest's and chai's messages (loupe) call the hook with two arguments
    // and print the string it returns, so without one the call is written as JSON.
    value: (_depth: number, options: object, inspect?: (value: unknown, options: object) => string) =>
      typeof inspect === "function" ? inspect(written(), options) : JSON.stringify(written()),
    enumerable: false,
  });
}

/**
 * The call with its client's `User-Agent` (`switchboard-telnyx/0.4.1 node/22.11.0`) written without versions
 * (`switchboard-telnyx/[version] node/[version]`): a committed snapshot would otherwise break with every
 * upgrade of Node or of the package, though the call is the same.
 */
function withoutVersions(call: MockCall): MockCall {
  const agent = call.headers["user-agent"];
  if (typeof agent !== "string" || !/^switchboard-/.test(agent)) return call;
  const versionless = agent.replace(/([\w.-]+)\/[^\s/]+/g, "$1/[version]");
  return { ...call, headers: { ...call.headers, "user-agent": versionless } };
}

/** A call as it is written out: credentials shown as `[credential]` (a call the mock did not record as it is). */
export function writtenCall(call: MockCall): MockCall {
  const { toJSON } = call as { toJSON?: () => MockCall };
  return typeof toJSON === "function" ? toJSON.call(call) : call;
}

function decodeBase64(text: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
