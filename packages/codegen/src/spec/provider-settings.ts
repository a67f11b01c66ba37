/**
 * A provider's settings, `specs/<provider>/switchboard.yaml`: what the spec cannot say and a person decides,
 * written by hand, read by every `generate`. A spec change never changes them, so it never changes which
 * options a client takes or which path parameters it fills.
 *
 * ```yaml
 * credentials:                       # each security scheme the client sends → its option name(s)
 *   bearerAuth: token                # bearer, API key, OAuth2: one option
 *   basicAuth: { username: accountSid, password: authToken }   # HTTP basic: one option per half
 * fill:                              # path parameter → the credential the client fills it from
 *   AccountSid: accountSid
 * paging:                            # method name → how its list pages (or `false`: no `.all()`)
 *   listCalls: { style: url, items: calls, next: next_page_uri }
 * ```
 *
 * This module reads the file and checks its own shape (every problem at once, each with its line); whether
 * the names fit the spec is checked where the spec is read (provider-definition.ts, paging.ts). New sections
 * are one more entry in `SECTIONS` and a field here.
 */
import { existsSync } from "node:fs";
import { InputError, throwAll } from "../errors.js";
import { RepoLayout } from "../repo-layout.js";
import { type ParsedFile, parseYamlFile } from "./yaml-file.js";

/** How a security scheme's secret(s) are named among the client's options. */
export type SchemeCredentials =
  | { readonly name: string }
  | { readonly username: string; readonly password: string };

/** The paging styles a declaration can name; see `PagingDeclaration`. */
export const PAGING_STYLES = ["number", "cursor", "offset", "url", "link", "after"] as const;
export type PagingStyle = (typeof PAGING_STYLES)[number];

/**
 * How one list operation pages, as declared (in the settings file or an operation's `x-switchboard-paging`).
 * Inputs are query parameter names as the spec writes them (`page[number]`); response paths are dotted
 * (`meta.total_pages`), `""` for the body itself.
 */
export interface PagingDeclaration {
  readonly style: PagingStyle;
  /** Where the page's items are in the response body. */
  readonly items: string;
  /** number: the page-number parameter; cursor: the cursor parameter; offset: the offset parameter. */
  readonly page?: string;
  readonly cursor?: string;
  readonly offset?: string;
  /** number: total pages, or total items instead; offset: total items (optional). */
  readonly totalPages?: string;
  readonly total?: string;
  /** cursor: the next cursor; url: the next page's URL. */
  readonly next?: string;
  /** after: the dotted path in each item of the id the next page starts after (the last item's). */
  readonly id?: string;
}

export interface ProviderSettings {
  /** The file as shown to the user. */
  readonly file: string;
  /** Security scheme name → option names, in file order. */
  readonly credentials: ReadonlyMap<string, SchemeCredentials>;
  /** Path parameter → the credential that fills it. */
  readonly fill: ReadonlyMap<string, string>;
  /** Method name → its paging, or `false` for none. */
  readonly paging: ReadonlyMap<string, PagingDeclaration | false>;
  /** 1-based line of a node of the file (or of its closest ancestor). */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

/** A JavaScript identifier an option can be named by. */
const OPTION_NAME = /^[A-Za-z_$][\w$]*$/;

/** Options every client already takes: a credential named like one would be shadowed by it. */
export const RESERVED_OPTIONS = new Set([
  "region",
  "baseUrl",
  "fetch",
  "headers",
  "middleware",
  "env",
  "maxRetries",
  "timeout",
  "maxRetryDelay",
  "idempotencyHeader",
  "logLevel",
  "logger",
  "onAttempt",
]);

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

type Problems = InputError[];

interface Reader {
  readonly parsed: ParsedFile;
  readonly problems: Problems;
  fail(path: Array<string | number>, detail: string): void;
}

/** The top-level sections; each has a reader below, which adds to the problems rather than throwing. */
const SECTIONS = ["credentials", "fill", "paging"];

/** The settings of `provider`, or `undefined` when it has no settings file yet. */
export function readProviderSettings(root: string, provider: string): ProviderSettings | undefined {
  const path = new RepoLayout(root).providerSettings(provider);
  if (!existsSync(path)) return undefined;
  return parseProviderSettings(parseYamlFile(path, root));
}

export function parseProviderSettings(parsed: ParsedFile): ProviderSettings {
  const problems: Problems = [];
  const reader: Reader = {
    parsed,
    problems,
    fail: (path, detail) => problems.push(new InputError(parsed.file, detail, parsed.lineOf(path))),
  };
  const doc = parsed.value ?? {};
  if (!isMapping(doc)) {
    reader.fail([], "the settings must be a YAML mapping (credentials:, fill:, paging:)");
    throwAll(problems);
  }
  for (const key of Object.keys(doc)) {
    if (!SECTIONS.includes(key))
      reader.fail([key], `unknown section \`${key}\` (known: ${SECTIONS.join(", ")})`);
  }
  const credentials = readCredentials(reader, doc.credentials);
  const fill = readFill(reader, doc.fill);
  const paging = readPaging(reader, doc.paging);
  // A fill must name a declared credential: checked here, where both sections are known.
  const names = new Set([...credentials.values()].flatMap(credentialNames));
  for (const [param, credential] of fill) {
    if (!names.has(credential)) {
      reader.fail(
        ["fill", param],
        `fill: \`${param}\` is filled from \`${credential}\`, which is not a credential declared under ` +
          `credentials: (${names.size ? [...names].join(", ") : "none is"})`,
      );
    }
  }
  throwAll(problems);
  return { file: parsed.file, credentials, fill, paging, lineOf: (path) => parsed.lineOf(path) };
}

/** The option names a scheme's entry declares. */
export function credentialNames(entry: SchemeCredentials): string[] {
  return "name" in entry ? [entry.name] : [entry.username, entry.password];
}

function checkOptionName(reader: Reader, path: Array<string | number>, name: unknown, seen: Set<string>) {
  if (typeof name !== "string" || !OPTION_NAME.test(name)) {
    reader.fail(
      path,
      `${path.join(".")}: ${JSON.stringify(name)} is not an option name (a JavaScript identifier)`,
    );
    return false;
  }
  // `__proto__`, `constructor`, `toString`…: as keys of the options and credentials objects they read
  // Object.prototype's members, so a missing credential would go unnoticed and `[object Object]` be sent.
  if (name in Object.prototype) {
    reader.fail(
      path,
      `${path.join(".")}: \`${name}\` is a name every JavaScript object has; name the credential otherwise`,
    );
    return false;
  }
  if (RESERVED_OPTIONS.has(name)) {
    reader.fail(
      path,
      `${path.join(".")}: \`${name}\` is already a client option; name the credential otherwise`,
    );
    return false;
  }
  if (seen.has(name)) {
    reader.fail(path, `${path.join(".")}: the credential \`${name}\` is declared twice`);
    return false;
  }
  seen.add(name);
  return true;
}

function readCredentials(reader: Reader, value: unknown): Map<string, SchemeCredentials> {
  const out = new Map<string, SchemeCredentials>();
  if (value === undefined || value === null) return out;
  if (!isMapping(value)) {
    reader.fail(
      ["credentials"],
      "credentials: must map each security scheme of the spec to its option name(s)",
    );
    return out;
  }
  const seen = new Set<string>();
  // A secret several schemes share, one option for all (Google's `Oauth2` and `Oauth2c`, one token): the
  // provider definition checks that they send it alike. A basic half is never shared.
  const secrets = new Set<string>();
  for (const [scheme, entry] of Object.entries(value)) {
    const at = ["credentials", scheme];
    if (typeof entry === "string") {
      // Checked once: a name already another scheme's secret is a valid name.
      if (secrets.has(entry) || checkOptionName(reader, at, entry, seen)) {
        out.set(scheme, { name: entry });
        secrets.add(entry);
      }
    } else if (isMapping(entry) && Object.keys(entry).sort().join() === "password,username") {
      const username = checkOptionName(reader, [...at, "username"], entry.username, seen);
      const password = checkOptionName(reader, [...at, "password"], entry.password, seen);
      if (username && password)
        out.set(scheme, { username: entry.username as string, password: entry.password as string });
    } else {
      reader.fail(
        at,
        `credentials.${scheme}: give one option name (\`${scheme}: apiKey\`), or for HTTP basic ` +
          `\`${scheme}: { username: <name>, password: <name> }\``,
      );
    }
  }
  return out;
}

function readFill(reader: Reader, value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined || value === null) return out;
  if (!isMapping(value)) {
    reader.fail(["fill"], "fill: must map path parameter names to the credential that fills each");
    return out;
  }
  for (const [param, credential] of Object.entries(value)) {
    if (typeof credential !== "string" || credential === "") {
      reader.fail(
        ["fill", param],
        `fill.${param}: name the credential that fills it (a name under credentials:)`,
      );
    } else {
      out.set(param, credential);
    }
  }
  return out;
}

const PAGING_FIELDS: Record<PagingStyle, { required: string[]; optional: string[] }> = {
  // And one of `totalPages` and `total` (checked on its own below).
  number: { required: ["items", "page"], optional: ["totalPages", "total"] },
  cursor: { required: ["items", "cursor", "next"], optional: [] },
  offset: { required: ["items", "offset"], optional: ["total"] },
  url: { required: ["items", "next"], optional: [] },
  link: { required: ["items"], optional: [] },
  after: { required: ["items", "cursor", "id"], optional: [] },
};

function readPaging(reader: Reader, value: unknown): Map<string, PagingDeclaration | false> {
  const out = new Map<string, PagingDeclaration | false>();
  if (value === undefined || value === null) return out;
  if (!isMapping(value)) {
    reader.fail(["paging"], "paging: must map method names to how each pages (or false)");
    return out;
  }
  for (const [method, entry] of Object.entries(value)) {
    const declaration = checkPagingDeclaration(entry, (path, detail) =>
      reader.fail(["paging", method, ...path], `paging.${[method, ...path].join(".")}: ${detail}`),
    );
    if (declaration !== undefined) out.set(method, declaration);
  }
  return out;
}

/**
 * A paging declaration checked for shape (shared by the settings file and `x-switchboard-paging`): `false`,
 * or a style with exactly the fields that style needs. `undefined` (after reporting) when it is not one.
 */
export function checkPagingDeclaration(
  entry: unknown,
  fail: (path: string[], detail: string) => void,
): PagingDeclaration | false | undefined {
  if (entry === false) return false;
  const styles = PAGING_STYLES.join(", ");
  if (
    !isMapping(entry) ||
    typeof entry.style !== "string" ||
    !(PAGING_STYLES as readonly string[]).includes(entry.style)
  ) {
    fail(isMapping(entry) ? ["style"] : [], `give \`false\` or \`{ style: <${styles}>, … }\``);
    return undefined;
  }
  const style = entry.style as PagingStyle;
  const { required, optional } = PAGING_FIELDS[style];
  let ok = true;
  for (const field of required) {
    if (typeof entry[field] !== "string") {
      fail([field], `style ${style} needs \`${field}\` (${fieldMeaning(field)})`);
      ok = false;
    }
  }
  for (const [field, fieldValue] of Object.entries(entry)) {
    if (field === "style" || required.includes(field)) continue;
    if (!optional.includes(field)) {
      fail(
        [field],
        `style ${style} has no field \`${field}\` (it takes ${[...required, ...optional].join(", ")})`,
      );
      ok = false;
    } else if (typeof fieldValue !== "string") {
      fail([field], `\`${field}\` must be a string (${fieldMeaning(field)})`);
      ok = false;
    }
  }
  if (style === "number" && (typeof entry.totalPages === "string") === (typeof entry.total === "string")) {
    const both = entry.totalPages !== undefined && entry.total !== undefined;
    fail(
      both ? ["total"] : [],
      `style number needs one of \`totalPages\` (${fieldMeaning("totalPages")}) and \`total\` (${fieldMeaning("total")})${both ? ", not both" : ""}`,
    );
    ok = false;
  }
  return ok ? (entry as unknown as PagingDeclaration) : undefined;
}

function fieldMeaning(field: string): string {
  switch (field) {
    case "items":
      return 'the dotted path of the list in the response body, "" for the body itself';
    case "page":
      return "the page-number query parameter";
    case "cursor":
      return "the cursor query parameter";
    case "offset":
      return "the offset query parameter";
    case "totalPages":
      return "the dotted path of the page count in the response body";
    case "total":
      return "the dotted path of the item count in the response body";
    case "id":
      return "the dotted path in each item of the id the next page starts after";
    default:
      return "the dotted path in the response body";
  }
}
