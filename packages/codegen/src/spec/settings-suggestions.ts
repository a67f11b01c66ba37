/**
 * What a new provider's settings file starts with: its credentials named by scheme, and suggestions for
 * the path parameters a credential might fill, and for the scheme a document without security leaves its
 * credential parameter to (`credentialSchemes`). Only ever a starting point, written into
 * `specs/<provider>/switchboard.yaml` once (when the provider is added) and printed with the exact line to
 * add; generation reads the file, never these guesses, so a later spec cannot change what a client takes or
 * fills.
 *
 * Names: one secret is `apiKey` (an OAuth2 or OpenID Connect one `accessToken`), a bearer JWT `token`;
 * several are told apart by their scheme names (Vobiz's `authId`, `authToken`); HTTP basic is
 * `username`/`password` unless the spec names the two halves, in the scheme's description ("your Account SID
 * as the username and your Auth Token as the password") or its name (`accountSid_authToken`).
 */
import { dirname } from "node:path";
import { stringify } from "yaml";
import { InputError } from "../errors.js";
import { camelCase, words } from "../naming.js";
import { derefIfResolvable, type OpenApiDocument, operationsOf } from "./openapi-document.js";
import { type ProviderSettings, RESERVED_OPTIONS, type SchemeCredentials } from "./provider-settings.js";
import {
  listOf,
  type Requirement,
  requirementsOf,
  securityPlan,
  securityRequirements,
} from "./security-plan.js";
import { jsonPathOf } from "./spec-checks.js";

/**
 * HTTP authentication schemes that are no credential sent as it is: a challenge and answer (Digest,
 * Negotiate, SCRAM), a signature of each request (AWS's, OAuth 1.0's, HOBA, DPoP's proof). Any other scheme
 * word (`Bearer`, Deepgram's `Token`, Okta's `SSWS`) is sent before the credential: `Authorization: Token <key>`.
 */
const CHALLENGE_SCHEMES =
  /^(?:digest|negotiate|ntlm|hoba|mutual|scram-sha-\d+|vapid|oauth|aws4-hmac-sha256|dpop|concealed|privatetoken)$/i;

/** The HTTP scheme word a client sends before its credential, if it can send the scheme at all (not basic). */
export function httpSchemeWord(scheme: any): string | undefined {
  const word = String(scheme?.scheme ?? "");
  // An RFC 9110 token: the scheme's name as a header carries it.
  if (scheme?.type !== "http" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(word)) return undefined;
  if (CHALLENGE_SCHEMES.test(word) || word.toLowerCase() === "basic") return undefined;
  return word;
}

/**
 * An `apiKey` scheme that is in truth a signature of each request: API Gateway's `x-amazon-apigateway-authtype:
 * awsSigv4` on an `Authorization` key (APIs.guru's AWS documents): sent as it is, the key would be refused.
 */
export const signsEachRequest = (scheme: any): boolean =>
  /^awsSigv4$/i.test(String(scheme?.["x-amazon-apigateway-authtype"] ?? ""));

/**
 * Whether the client can send a scheme's credential: an API key (header, query or cookie), HTTP Basic, a
 * bearer token (HTTP Bearer, OAuth2, OpenID Connect: the caller brings the token), or a credential under
 * another HTTP scheme word (`Token`). HTTP Digest and the like need a challenge and answer, and mutual TLS a
 * client certificate, which fetch itself sets up.
 */
export function clientCanApply(scheme: any): boolean {
  if (signsEachRequest(scheme)) return false;
  if (scheme?.type === "http")
    return String(scheme.scheme).toLowerCase() === "basic" || httpSchemeWord(scheme) !== undefined;
  return ["apiKey", "oauth2", "openIdConnect"].includes(scheme?.type);
}

/** Whether the client can apply every scheme of a requirement. */
export const requirementCanApply = (doc: OpenApiDocument, requirement: Requirement): boolean =>
  requirement.every((name) =>
    clientCanApply(derefIfResolvable(doc, doc.components?.securitySchemes?.[name])),
  );

/**
 * The requirement a new client suggests: of those whose every scheme it can apply, the one that authenticates
 * the most operations; on a tie, the one sending the fewest keys as cookies, then the one asking the fewest
 * credentials, then the first listed (else the first
 * requirement). The client sends one requirement on every call, so the first listed is not always the best:
 * Linqr's operations each accept its RapidAPI key, and ten of its fourteen also the Byvalue token it lists
 * first. Stripe lists HTTP Basic (its key as the user, no password) before a bearer token for every
 * operation: the token is one option, `apiKey`, where Basic asked for a username and a password.
 */
export function suggestedRequirement(doc: OpenApiDocument): Requirement {
  const requirements = securityRequirements(doc);
  const credentialCount = (requirement: Requirement) =>
    requirement.reduce((n, name) => {
      const scheme = derefIfResolvable(doc, doc.components?.securitySchemes?.[name]) as
        | { type?: unknown; scheme?: unknown }
        | undefined;
      return n + (scheme?.type === "http" && String(scheme.scheme).toLowerCase() === "basic" ? 2 : 1);
    }, 0);
  // A key sent as a cookie is most often a browser session's (Zapier's `sessionid` listed before its
  // `X-API-Key`), which an API client has none of.
  const cookieCount = (requirement: Requirement) =>
    requirement.filter((name) => {
      const scheme = derefIfResolvable(doc, doc.components?.securitySchemes?.[name]) as
        | { type?: unknown; in?: unknown }
        | undefined;
      return scheme?.type === "apiKey" && scheme.in === "cookie";
    }).length;
  let best: { requirement: Requirement; rank: number[] } | undefined;
  for (const requirement of requirements.filter((r) => requirementCanApply(doc, r))) {
    const rank = [
      unauthenticatedOperations(doc, new Set(requirement)).length,
      cookieCount(requirement),
      credentialCount(requirement),
    ];
    if (!best || ranksBefore(rank, best.rank)) best = { requirement, rank };
  }
  return best?.requirement ?? requirements[0] ?? [];
}

/** Whether `a` comes before `b`: the first place they differ decides; equal ranks keep the first listed. */
function ranksBefore(a: readonly number[], b: readonly number[]): boolean {
  const at = a.findIndex((value, i) => value !== b[i]);
  return at >= 0 && a[at]! < b[at]!;
}

/**
 * The schemes a new client suggests naming, with their option names: those of the suggested requirement
 * (the client's default), then, while an operation is left that none of them authenticates, the first
 * requirement of that operation's the client can send (which it sends to such operations: App Center's
 * token endpoints, HTTP Basic beside its API token). Their credentials are optional when the client is made.
 */
export function suggestedSchemes(doc: OpenApiDocument): Map<string, SchemeCredentials> {
  const credentials = suggestedCredentials(doc, suggestedRequirement(doc));
  for (;;) {
    const needed = unauthenticatedOperations(doc, new Set(credentials.keys())).find(({ needs }) =>
      requirementCanApply(doc, needs),
    );
    if (!needed) {
      // A scheme added for one operation that, with schemes added later, takes an earlier requirement of
      // its own instead, is sent by none: named, it would be refused.
      for (const name of securityPlan(doc, new Set(credentials.keys())).unused) credentials.delete(name);
      return credentials;
    }
    const taken = new Set(
      [...credentials.values()].flatMap((c) => ("name" in c ? [c.name] : [c.username, c.password])),
    );
    const added = needed.needs.filter((name) => !credentials.has(name));
    for (const [name, names] of suggestedCredentials(doc, added, taken)) credentials.set(name, names);
  }
}

/** An operation none of whose security requirements the client's credentials meet, and what it needs. */
export interface UnauthenticatedOperation {
  /** `GET /pets/{id}` */
  readonly operation: string;
  /** The requirement to add: the operation's first the client can send, else its first. */
  readonly needs: Requirement;
}

/**
 * The operations a client sending the credentials of `configured` schemes cannot authenticate: each has
 * requirements (its own `security`, else the document's), none empty and none met by those schemes. The
 * client sends its one configured requirement on every call, so the provider would refuse these calls unless
 * the caller adds the credential they need.
 */
export function unauthenticatedOperations(
  doc: OpenApiDocument,
  configured: ReadonlySet<string>,
): UnauthenticatedOperation[] {
  const out: UnauthenticatedOperation[] = [];
  for (const { path, method, operation } of operationsOf(doc)) {
    const requirements: Array<Record<string, unknown>> = Array.isArray(operation.security)
      ? operation.security
      : requirementsOf(doc.security);
    const schemes = requirements.map((r) => Object.keys(r ?? {}));
    if (schemes.length === 0 || schemes.some((r) => r.every((name) => configured.has(name)))) continue;
    const needs = schemes.find((r) => requirementCanApply(doc, r)) ?? schemes[0]!;
    out.push({ operation: `${method.toUpperCase()} ${path}`, needs });
  }
  return out;
}

/** One line per requirement missing from the settings: which operations need it (the first few named). */
export function unauthenticatedSummary(operations: readonly UnauthenticatedOperation[]): string[] {
  const byNeed = new Map<string, string[]>();
  for (const { operation, needs } of operations) {
    const key = needs.map((n) => `\`${n}\``).join(" + ");
    byNeed.set(key, [...(byNeed.get(key) ?? []), operation]);
  }
  return [...byNeed].map(([needs, ops]) => {
    const named = ops.slice(0, 3).join(", ") + (ops.length > 3 ? `, and ${ops.length - 3} more` : "");
    return `${ops.length} operation${ops.length === 1 ? "" : "s"} (${named}) need${ops.length === 1 ? "s" : ""} ${needs}`;
  });
}

const isJwtBearer = (scheme: any) =>
  scheme?.type === "http" &&
  String(scheme.scheme).toLowerCase() === "bearer" &&
  String(scheme.bearerFormat ?? "").toUpperCase() === "JWT";
const isBasic = (scheme: any) => scheme?.type === "http" && String(scheme.scheme).toLowerCase() === "basic";

/**
 * The option names the naming scheme gives the schemes of `requirement`, none of them one of `taken` (the
 * names of schemes suggested before; one secret alone is `apiKey` only when it is the client's first).
 */
export function suggestedCredentials(
  doc: OpenApiDocument,
  requirement: Requirement,
  taken = new Set<string>(),
): Map<string, SchemeCredentials> {
  const kinds = requirement.map((name) => {
    const scheme = derefIfResolvable(doc, doc.components?.securitySchemes?.[name]);
    return sentAlike(scheme) ?? name;
  });
  // One secret, however many schemes send it: named as one scheme's would be.
  const single = new Set(kinds).size === 1 && taken.size === 0;
  const out = new Map<string, SchemeCredentials>();
  const unique = (name: string, scheme: string) => {
    let candidate = RESERVED_OPTIONS.has(name) ? `${name}Credential` : name;
    if (taken.has(candidate)) candidate = camelCase(`${scheme} ${name}`);
    for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`;
    taken.add(candidate);
    return candidate;
  };
  // Schemes of the requirement that send one secret alike share its option (Google's `Oauth2` and `Oauth2c`).
  const given = new Map<string, string>();
  for (const name of requirement) {
    const scheme = derefIfResolvable(doc, doc.components?.securitySchemes?.[name]);
    const sent = sentAlike(scheme);
    const same = sent === undefined ? undefined : given.get(sent);
    if (same !== undefined) {
      out.set(name, { name: same });
      continue;
    }
    if (isBasic(scheme)) {
      const [username, password] = basicNames(name, scheme);
      out.set(name, { username: unique(username, name), password: unique(password, name) });
    } else if (isJwtBearer(scheme)) {
      out.set(name, { name: unique("token", name) });
    } else if (single) {
      const oauth = scheme?.type === "oauth2" || scheme?.type === "openIdConnect";
      out.set(name, { name: unique(oauth ? "accessToken" : "apiKey", name) });
    } else {
      out.set(name, { name: unique(camelCase(name) || "credential", name) });
    }
    const named = out.get(name);
    if (sent !== undefined && named && "name" in named) given.set(sent, named.name);
  }
  return out;
}

/**
 * How a scheme sends its secret, where another scheme may send the same one: a bearer token (HTTP bearer,
 * OAuth2, OpenID Connect) in `Authorization`, or an API key at its place and name. Undefined for HTTP basic
 * (two halves) and what the client cannot send.
 */
function sentAlike(scheme: any): string | undefined {
  if (scheme?.type === "apiKey")
    return `${scheme.in} ${scheme.in === "header" ? String(scheme.name).toLowerCase() : scheme.name}`;
  if (scheme?.type === "oauth2" || scheme?.type === "openIdConnect") return "bearer";
  if (scheme?.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") return "bearer";
  const word = httpSchemeWord(scheme);
  return word === undefined ? undefined : `authorization ${word.toLowerCase()}`;
}

/** Words that lead into a credential's name in prose ("use your Account SID …"), not part of it. */
const LEAD_WORDS = new Set([
  "use",
  "using",
  "your",
  "the",
  "a",
  "an",
  "with",
  "and",
  "pass",
  "provide",
  "send",
  "set",
  "enter",
  "as",
  "is",
  "be",
  "should",
  "must",
  "of",
]);
/** Scheme-name parts that describe the mechanism rather than name a credential. */
const GENERIC_PARTS = new Set([
  "basic",
  "auth",
  "authentication",
  "http",
  "security",
  "scheme",
  "credentials",
  "basicauth",
]);

/** The credential `role` ("username" or "password") is called in a scheme description, if it says. */
function namedInProse(description: string, role: "username" | "password"): string | undefined {
  const term = role === "username" ? "user\\s?name" : "pass(?:word|phrase)";
  const phrase = "([A-Za-z][\\w]*(?:[ -][A-Za-z][\\w]*){0,4})";
  const patterns = [
    new RegExp(
      `${phrase}\\s+as\\s+(?:the\\s+|your\\s+)?(?:http\\s+)?(?:basic[- ]auth\\w*\\s+)?${term}\\b`,
      "i",
    ),
    new RegExp(`\\b${term}\\s+(?:is|=|:|should be|must be)\\s+${phrase}`, "i"),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(description);
    if (!match?.[1]) continue;
    let kept = match[1].split(/[ -]+/);
    const lead = (w: string) => LEAD_WORDS.has(w.toLowerCase());
    if (pattern === patterns[0]) {
      // "… and your Auth Token as the password": the name is what follows the last lead-in word.
      let last = kept.length - 1;
      while (last >= 0 && !lead(kept[last]!)) last--;
      kept = kept.slice(last + 1);
    } else {
      // "the password is your API secret and …": the name runs up to the next lead-in word.
      while (kept.length && lead(kept[0]!)) kept.shift();
      const stop = kept.findIndex(lead);
      if (stop > 0) kept.splice(stop);
    }
    const name = camelCase(kept.join(" "));
    if (name && name !== role && kept.length <= 3) return name;
  }
  return undefined;
}

function basicNames(schemeName: string, scheme: any): [string, string] {
  const description = typeof scheme?.description === "string" ? scheme.description : "";
  const fromProse = [namedInProse(description, "username"), namedInProse(description, "password")] as const;
  if (fromProse[0] && fromProse[1] && fromProse[0] !== fromProse[1]) return [fromProse[0], fromProse[1]];
  const parts = schemeName.split(/_+/).filter(Boolean);
  if (parts.length === 2 && parts.every((p) => !words(p).every((w) => GENERIC_PARTS.has(w)))) {
    const [a, b] = parts.map((p) => camelCase(p));
    if (a && b && a !== b) return [a, b];
  }
  return ["username", "password"];
}

/**
 * Names that say a path parameter is the authenticated account itself: Twilio's `AccountSid`, `account_id`,
 * Plivo's `auth_id`. Deliberately narrow, and only ever a suggestion.
 */
const ACCOUNT_PARAMETER = /^(account|auth)[_-]?(sid|id)$/i;

export interface FillSuggestion {
  readonly parameter: string;
  readonly credential: string;
  readonly reason: string;
}

/**
 * Path parameters that may repeat a credential: one named like a credential (Vobiz's `auth_id` and `authId`),
 * and, with HTTP basic, an account-like parameter in the paths of most authenticated operations (Twilio's
 * `/Accounts/{AccountSid}/…`, whose account SID is the username). Suggestions for a person to confirm.
 */
export function suggestedFills(
  doc: OpenApiDocument,
  credentials: ReadonlyMap<string, SchemeCredentials>,
): FillSuggestion[] {
  const names = [...credentials.values()].flatMap((c) => ("name" in c ? [c.name] : [c.username, c.password]));
  const basic = [...credentials.values()].find(
    (c): c is { username: string; password: string } => "username" in c,
  );
  const accountLike = new Map<string, number>();
  const named = new Set<string>();
  let authenticated = 0;
  for (const { operation, pathItem } of operationsOf(doc)) {
    const secured = !(Array.isArray(operation.security) && operation.security.length === 0);
    if (secured) authenticated++;
    const seen = new Set<string>();
    for (const raw of [...listOf(pathItem.parameters), ...listOf(operation.parameters)]) {
      const param = derefIfResolvable(doc, raw);
      if (param?.in !== "path" || typeof param.name !== "string" || seen.has(param.name)) continue;
      seen.add(param.name);
      if (names.includes(camelCase(param.name))) named.add(param.name);
      if (secured && ACCOUNT_PARAMETER.test(param.name))
        accountLike.set(param.name, (accountLike.get(param.name) ?? 0) + 1);
    }
  }
  const out: FillSuggestion[] = [...named].map((parameter) => ({
    parameter,
    credential: camelCase(parameter),
    reason: `the path parameter is named like the credential \`${camelCase(parameter)}\``,
  }));
  const accounts = [...accountLike].filter(([name, count]) => !named.has(name) && count * 2 >= authenticated);
  if (basic && accounts.length === 1) {
    const [parameter, count] = accounts[0]!;
    out.push({
      parameter,
      credential: basic.username,
      reason:
        `in the paths of ${count} of ${authenticated} authenticated operations and named like an account; ` +
        `fill it only if the basic-auth username (\`${basic.username}\`) is that account`,
    });
  }
  return out;
}

/** A parameter that carries a credential in an API whose document declares no security scheme for it. */
export interface CredentialParameter {
  /** Where and what it is (`credentialKey`): an `Authorization` header with the form it names. */
  readonly key: string;
  readonly in: "header" | "query" | "cookie";
  readonly name: string;
  /** How many of the document's `total` operations take it. */
  readonly count: number;
  readonly total: number;
  /** The first description an operation gives it ("Bearer authentication", as Fern writes one). */
  readonly description?: string;
}

/** Words that, ending a `…token` parameter's name, make it no credential: a page's or a sync's position. */
const POSITION_TOKENS = new Set([
  "page",
  "continuation",
  "next",
  "sync",
  "cursor",
  "resume",
  "skip",
  "csrf",
  "xsrf",
]);

/**
 * Whether a header, query or cookie parameter's name says it is a credential: `Authorization`, an API,
 * access, secret or subscription key (`xi-api-key`, `Ocp-Apim-Subscription-Key`, Google's `key`), a secret,
 * or a token that is not a position in a list (`access_token`, `X-Auth-Token`; not `pageToken`).
 */
export function namedLikeCredential(name: string): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  const before = w[w.length - 2];
  if (w.includes("authorization") || w.includes("apikey") || w.includes("secret")) return true;
  if (last === "key")
    return w.length === 1 || ["api", "access", "secret", "subscription", "auth", "app"].includes(before!);
  if (last === "token") return !POSITION_TOKENS.has(before ?? "");
  return false;
}

/** Where and under what name an operation's parameter is: header names in any case are one. */
const parameterKey = (where: string, name: string) =>
  `${where} ${where === "header" ? name.toLowerCase() : name}`;

/** The places and names (`parameterKey`) of the API keys the document's schemes send. */
/** The forms an `Authorization` parameter's description may name, as Fern writes them ("Basic authentication"). */
const AUTHORIZATION_FORMS = ["basic", "bearer", "digest"];

/** What telling a document's credential parameters apart needs, worked out once per document. */
interface CredentialContext {
  /** The `parameterKey`s its API key schemes send. */
  readonly apiKeys: ReadonlySet<string>;
  /** The form most of its `Authorization` parameters name, for those that name none (none beside an API key). */
  readonly authorizationForm: string | undefined;
}

const isAuthorization = (param: any) =>
  param?.in === "header" && typeof param.name === "string" && param.name.toLowerCase() === "authorization";

const formOf = (param: any) =>
  AUTHORIZATION_FORMS.find((form) => words(String(param.description ?? "")).includes(form));

function credentialContextOf(doc: OpenApiDocument): CredentialContext {
  const apiKeys = new Set<string>();
  for (const raw of Object.values(doc.components?.securitySchemes ?? {})) {
    const scheme = derefIfResolvable<any>(doc, raw);
    if (scheme?.type === "apiKey" && typeof scheme.in === "string" && typeof scheme.name === "string")
      apiKeys.add(parameterKey(scheme.in, scheme.name));
  }
  const forms = new Map<string, number>();
  for (const { operation, pathItem } of operationsOf(doc))
    for (const raw of [...listOf(pathItem.parameters), ...listOf(operation.parameters)]) {
      const param = derefIfResolvable<any>(doc, raw);
      const form = isAuthorization(param) ? formOf(param) : undefined;
      if (form) forms.set(form, (forms.get(form) ?? 0) + 1);
    }
  // An `Authorization` that names no form is an API key's where a scheme sends one there (Fern writes an
  // API key's parameter without a description: Authentiq's registration token), else in the form most take.
  const [authorizationForm] = apiKeys.has(parameterKey("header", "Authorization"))
    ? []
    : [...forms].sort((a, b) => b[1] - a[1]).map(([form]) => form);
  return { apiKeys, authorizationForm };
}

/** Where and what a credential parameter is, whatever form it takes. */
const credentialName = (p: CredentialParameter) => parameterKey(p.in, p.name);

/**
 * A credential parameter's key: `parameterKey`, and for an `Authorization` header the form its description
 * names (else the form most of the document's name), so that operations taking different forms are sent by
 * different schemes: a token endpoint's Basic beside everything else's Bearer, as Fern writes each.
 */
function credentialKey(param: any, context: CredentialContext): string {
  const key = parameterKey(param.in, param.name);
  if (!isAuthorization(param)) return key;
  const form = formOf(param) ?? context.authorizationForm;
  return form ? `${key}#${form}` : key;
}

/**
 * The credential parameters an operation takes (its path item's too), by `parameterKey`: those named like a
 * credential, and those an API key scheme of the document sends whatever their names (Fern writes API
 * Setu's `clientId` scheme as an `X-APISETU-CLIENTID` parameter).
 */
function credentialParametersOf(
  doc: OpenApiDocument,
  context: CredentialContext,
  pathItem: any,
  operation: any,
): Map<string, any> {
  const found = new Map<string, any>();
  for (const raw of [...listOf(pathItem.parameters), ...listOf(operation.parameters)]) {
    const param = derefIfResolvable(doc, raw);
    const where = param?.in;
    if ((where !== "header" && where !== "query" && where !== "cookie") || typeof param.name !== "string")
      continue;
    if (namedLikeCredential(param.name) || context.apiKeys.has(parameterKey(where, param.name)))
      found.set(credentialKey(param, context), param);
  }
  return found;
}

/**
 * Every credential parameter (`credentialParametersOf`) a document's operations take, the most taken first
 * (on a tie a header, then the name first in order). Asked of a document without security requirements.
 */
function credentialParameters(doc: OpenApiDocument, context: CredentialContext): CredentialParameter[] {
  const counts = new Map<string, CredentialParameter>();
  let total = 0;
  for (const { operation, pathItem } of operationsOf(doc)) {
    total++;
    for (const [key, param] of credentialParametersOf(doc, context, pathItem, operation)) {
      const known = counts.get(key);
      const description =
        known?.description ?? (typeof param.description === "string" ? param.description : undefined);
      counts.set(key, {
        key,
        in: param.in,
        name: known?.name ?? param.name,
        count: (known?.count ?? 0) + 1,
        total: 0,
        ...(description !== undefined ? { description } : {}),
      });
    }
  }
  const order = ["header", "query", "cookie"];
  return [...counts.values()]
    .map((p) => ({ ...p, total }))
    .sort(
      (a, b) => b.count - a.count || order.indexOf(a.in) - order.indexOf(b.in) || (a.name < b.name ? -1 : 1),
    );
}

/**
 * The scheme a document declares, though no operation requires it, that sends what the parameter carries:
 * an API key of the same place and name, or for `Authorization` an HTTP, OAuth2 or OpenID Connect one
 * (Synthflow's page declares `sec0`, a bearer token, and takes the token as an `Authorization` parameter).
 */
function declaredSchemeFor(doc: OpenApiDocument, parameter: CredentialParameter): string | undefined {
  const authorization = parameter.in === "header" && parameter.name.toLowerCase() === "authorization";
  const same = (name: unknown) =>
    parameter.in === "header"
      ? String(name).toLowerCase() === parameter.name.toLowerCase()
      : name === parameter.name;
  const candidates = Object.entries(doc.components?.securitySchemes ?? {}).filter(([, raw]) => {
    const scheme = derefIfResolvable<any>(doc, raw);
    if (!clientCanApply(scheme)) return false;
    if (scheme.type === "apiKey") return scheme.in === parameter.in && same(scheme.name);
    return authorization;
  });
  // Of several that would send an `Authorization`, one that sends it in the form the parameter names ("Basic
  // authentication", as Fern writes the parameter of a basic scheme; Bearer for a token, which OAuth 2 and
  // OpenID Connect send too), and an API key's where it names none.
  const form = parameter.key.includes("#") ? parameter.key.slice(parameter.key.indexOf("#") + 1) : undefined;
  const fits = (raw: unknown) => {
    const scheme = derefIfResolvable<any>(doc, raw);
    const http = scheme.type === "http" ? String(scheme.scheme).toLowerCase() : undefined;
    if (form === undefined) return scheme.type === "apiKey";
    if (form === "bearer")
      return http === "bearer" || scheme.type === "oauth2" || scheme.type === "openIdConnect";
    return http === form;
  };
  return (candidates.find(([, raw]) => fits(raw)) ?? candidates[0])?.[0];
}

/** A credential parameter and the scheme the client is to send it by. */
interface CredentialScheme {
  readonly parameter: CredentialParameter;
  /** The `credentialKey`s it sends: its parameter's, and those of others the same scheme sends. */
  readonly keys: readonly string[];
  readonly name: string;
  readonly scheme: any;
  /** Whether the document declares the scheme (else the overlay does). */
  readonly declared: boolean;
}

/**
 * The scheme each credential parameter is to be sent by, when the document requires none. Where the document
 * declares a scheme that sends one of them (Synthflow's page: a bearer `sec0`, the token an `Authorization`
 * parameter; Fern's pages: each operation's credentials as its parameters beside the document's schemes,
 * `sec0`, `sec1`…), each such parameter is sent by its scheme, and the others are no credentials (VTEX's
 * `X-PROVIDER-API-AppKey`, the key a merchant gives a payment provider, beside its own `X-VTEX-API-AppKey`).
 * Where it declares none, the parameter most operations take is sent by a new scheme (ElevenLabs's first
 * document has every operation take an `xi-api-key` header, as FastAPI writes a `Header()` argument): half
 * the operations at least, so that one endpoint's token (a webhook's verification token) is not taken for
 * it. A new scheme for `Authorization` is a bearer token (the form most APIs take it in), with the apiKey
 * form for one that takes it otherwise. The most taken first.
 */
function credentialSchemes(doc: OpenApiDocument, context: CredentialContext): CredentialScheme[] {
  const parameters = credentialParameters(doc, context);
  const declared: CredentialScheme[] = [];
  for (const parameter of parameters) {
    const name = declaredSchemeFor(doc, parameter);
    if (name === undefined) continue;
    // Two forms of one parameter the same scheme sends (no scheme of the other form) are both its.
    const same = declared.findIndex((s) => s.name === name);
    if (same >= 0) declared[same] = { ...declared[same]!, keys: [...declared[same]!.keys, parameter.key] };
    else
      declared.push({
        parameter,
        keys: [parameter.key],
        name,
        scheme: doc.components!.securitySchemes![name],
        declared: true,
      });
  }
  if (declared.length > 0) return declared;
  const [parameter] = parameters;
  if (!parameter || parameter.count * 2 < parameter.total) return [];
  const bearer = parameter.in === "header" && parameter.name.toLowerCase() === "authorization";
  const scheme = bearer
    ? { type: "http", scheme: "bearer" }
    : { type: "apiKey", in: parameter.in, name: parameter.name };
  return [
    { parameter, keys: [parameter.key], name: bearer ? "bearerAuth" : "apiKey", scheme, declared: false },
  ];
}

/**
 * What to print about credential parameters: the overlay that has the operations that take them send them
 * by security schemes (the ones the document declares for them, else a new one), and the settings lines
 * that then name the client's options. The document-wide requirement is what most operations take; an
 * operation that takes other credential parameters, or none, requires those alone.
 */
function credentialParameterSuggestion(doc: OpenApiDocument, settingsFile: string): string[] {
  // A document that requires security says how its credentials go: nothing to suggest, nothing to walk.
  if (securityRequirements(doc).length > 0) return [];
  const context = credentialContextOf(doc);
  const schemes = credentialSchemes(doc, context);
  const [first] = schemes;
  if (!first) return [];
  // Each operation's schemes (in `schemes`' order), and how many operations need each set.
  const needs: Array<{ path: string; method: string; names: string[] }> = [];
  const counts = new Map<string, number>();
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    const keys = new Set(credentialParametersOf(doc, context, pathItem, operation).keys());
    const names = schemes.filter((s) => s.keys.some((key) => keys.has(key))).map((s) => s.name);
    needs.push({ path, method, names });
    counts.set(names.join(" "), (counts.get(names.join(" ")) ?? 0) + 1);
  }
  const common = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const requirementOf = (names: readonly string[]) =>
    names.length > 0 ? [Object.fromEntries(names.map((name) => [name, []]))] : [];
  // A parameter two schemes send (an `Authorization` in Basic and in Bearer form) is named with its form.
  const shown = (p: CredentialParameter) =>
    schemes.filter((s) => credentialName(s.parameter) === credentialName(p)).length > 1 && p.key.includes("#")
      ? `${p.name} (${p.key.slice(p.key.indexOf("#") + 1)})`
      : p.name;
  const phrase = (s: CredentialScheme) => `the ${s.parameter.in} parameter ${shown(s.parameter)}`;
  const takes = (p: CredentialParameter) =>
    `${p.count} of ${p.total} operation${p.total === 1 ? "" : "s"} ${p.count === 1 ? "takes" : "take"}`;
  const taken = schemes.map((s) => `${takes(s.parameter)} the credential as ${phrase(s)}`).join("; ");
  const declaredNames = schemes.filter((s) => s.declared).map((s) => s.name);
  const newSchemes = schemes.filter((s) => !s.declared);
  const unrequired =
    declaredNames.length > 0
      ? `The document declares the scheme${declaredNames.length === 1 ? "" : "s"} ${declaredNames.join(", ")}, but no operation requires ${declaredNames.length === 1 ? "it" : "them"}`
      : "The document declares no security scheme";
  const overlay = {
    overlay: "1.0.0",
    info: { title: "The API's credential", version: "1.0.0" },
    actions: [
      {
        target: "$",
        description: `${unrequired}; ${taken}.`,
        update: {
          ...(newSchemes.length > 0
            ? {
                components: {
                  securitySchemes: Object.fromEntries(newSchemes.map((s) => [s.name, s.scheme])),
                },
              }
            : {}),
          ...(common ? { security: requirementOf(common.split(" ")) } : {}),
        },
      },
      // The operations that take other credential parameters than most, or none: theirs alone.
      ...needs
        .filter(({ names }) => names.join(" ") !== common)
        .map(({ path, method, names }) => ({
          target: jsonPathOf(["paths", path, method]),
          description:
            names.length > 0
              ? `${method.toUpperCase()} ${path} takes ${names.map((n) => phrase(schemes.find((s) => s.name === n)!)).join(" and ")}.`
              : `${method.toUpperCase()} ${path} takes no credential parameter: it is called without credentials.`,
          update: { security: requirementOf(names) },
        })),
    ],
  };
  // The options: the most taken parameter's as a client's only secret would be, the others by their
  // schemes' names, or by the parameter's where the name says nothing (Fern's `sec1`).
  const settings = new Map<string, SchemeCredentials>();
  const options = new Set<string>();
  for (const s of schemes) {
    const named = suggestedCredentials(
      {
        openapi: "3.0.3",
        info: { title: "", version: "" },
        paths: {},
        components: { securitySchemes: { [s.name]: s.scheme } },
      } as OpenApiDocument,
      [s.name],
      options,
    ).get(s.name);
    if (named && "name" in named && /^sec\d+$/i.test(named.name) && s !== first) {
      options.delete(named.name);
      let option = camelCase(s.parameter.name) || "credential";
      for (let n = 2; options.has(option) || RESERVED_OPTIONS.has(option); n++)
        option = `${camelCase(s.parameter.name)}${n}`;
      options.add(option);
      settings.set(s.name, { name: option });
    } else if (named) settings.set(s.name, named);
  }
  const indent = (text: string) =>
    text
      .trimEnd()
      .split("\n")
      .map((line) => `      ${line}`);
  const others = schemes.slice(1);
  const bearer = first.parameter.in === "header" && first.parameter.name.toLowerCase() === "authorization";
  return [
    `  suggestion: no operation declares security, but ${takes(first.parameter)} the ${first.parameter.in} parameter ` +
      `\`${first.parameter.name}\`, named like a credential` +
      (others.length > 0
        ? ` (and ${others.map((s) => `${takes(s.parameter)} \`${shown(s.parameter)}\`, which the document's scheme \`${s.name}\` sends`).join(", ")})`
        : "") +
      `. For the client to send ${others.length > 0 ? "them" : "it"} from an option (or an environment ` +
      `variable) rather than every call passing ${others.length > 0 ? "them" : "it"}, ${first.declared ? `have the operations that take it require the scheme \`${first.name}\` the document declares for it` : "declare it"} with an overlay, say ${dirname(settingsFile)}/overlays/credentials.yaml:`,
    ...indent(stringify(overlay, { lineWidth: 0 })),
    ...(bearer && !first.declared
      ? [
          "    (if the API takes `Authorization` as another word and the key, `Token <key>`, declare `type: http, scheme: Token` instead; as the key alone, `type: apiKey, in: header, name: Authorization`)",
        ]
      : []),
    `    then name ${settings.size > 1 ? "them" : "it"} in ${settingsFile}:`,
    ...indent(
      stringify({
        credentials: Object.fromEntries(
          [...settings].map(([scheme, option]) => [scheme, "name" in option ? option.name : { ...option }]),
        ),
      }),
    ),
  ];
}

/** The settings file a new provider starts with: its credentials, and the suggested fills commented out. */
export function renderSettingsFile(
  provider: string,
  credentials: ReadonlyMap<string, SchemeCredentials>,
  fills: readonly FillSuggestion[],
): string {
  const entry = (c: SchemeCredentials) =>
    "name" in c ? c.name : `{ username: ${c.username}, password: ${c.password} }`;
  const lines = [
    `# How Switchboard builds the ${provider} client: yours to edit, read by \`npm run generate\`.`,
    "# A spec change never changes these; see the README (Adding a provider from a real document).",
    "",
    "# Each security scheme the client sends → the client option (and environment variable) for its secret.",
    "# Each operation sends the first of its security requirements whose schemes are all named here; the one",
    "# most operations send is needed to make a client, the others only by the calls that send them.",
    credentials.size ? "credentials:" : "credentials: {}",
    ...[...credentials].map(([scheme, c]) => `  ${scheme}: ${entry(c)}`),
    "",
    "# Path parameters the client fills from a credential unless the caller passes one. Nothing is filled",
    "# unless it is listed here.",
    fills.length ? "fill:" : "fill: {}",
    ...fills.flatMap((f) => [`  # suggested: ${f.reason}`, `  # ${f.parameter}: ${f.credential}`]),
    "",
    "# How list methods page, where the spec's shapes do not say it (method name → declaration, or false).",
    "paging: {}",
    "",
  ];
  return lines.join("\n");
}

/** The settings a provider would start with, and the lines to print about them. */
export function settingsForNewProvider(
  doc: OpenApiDocument,
  provider: string,
  file: string,
): { text: string; report: string[] } {
  const credentials = suggestedSchemes(doc);
  const fills = suggestedFills(doc, credentials);
  const names = [
    ...new Set([...credentials.values()].flatMap((c) => ("name" in c ? [c.name] : [c.username, c.password]))),
  ];
  const unauthenticated = unauthenticatedSummary(unauthenticatedOperations(doc, new Set(credentials.keys())));
  const report = [
    `wrote ${file}: credentials ${names.length ? names.map((n) => `\`${n}\``).join(", ") : "none"}; nothing filled`,
    // Requirements the client cannot send (HTTP Digest, mutual TLS): operations asking only for one of them
    // would be refused as they are.
    ...unauthenticated.map(
      (line) =>
        `  note: ${line}, which the client cannot send: give those calls the credential themselves (\`{ headers: {…} }\`), or declare another scheme the provider accepts with an overlay`,
    ),
    ...(Object.values(doc.components?.securitySchemes ?? {}).some((s) =>
      signsEachRequest(derefIfResolvable(doc, s)),
    )
      ? [
          "  note: AWS Signature Version 4 signs each request: sign the client's calls in a `middleware` (e.g. with `@smithy/signature-v4`); no key is sent as it is",
        ]
      : []),
    ...fills.flatMap((f) => [
      `  suggestion: \`${f.parameter}\`: ${f.reason}. If so, add under \`fill:\` in ${file}:`,
      `      ${f.parameter}: ${f.credential}`,
    ]),
    ...credentialParameterSuggestion(doc, file),
  ];
  return { text: renderSettingsFile(provider, credentials, fills), report };
}

/** The provider's settings, or an error that shows the file to create. */
export function requireSettings(
  settings: ProviderSettings | undefined,
  doc: OpenApiDocument,
  provider: string,
  file: string,
): ProviderSettings {
  if (settings) return settings;
  const { text } = settingsForNewProvider(doc, provider, file);
  throw new InputError(
    file,
    `missing: every provider declares its credentials (and the path parameters they fill) here. ` +
      `Create it with what the spec suggests, then check it:\n${text}`,
  );
}

/**
 * The settings a provider would start with, as settings: what tools comparing two specs without a settings
 * file use (credentials named by the scheme, nothing filled, no paging declared).
 */
export function suggestedSettings(doc: OpenApiDocument): ProviderSettings {
  return {
    file: "(suggested settings)",
    credentials: suggestedSchemes(doc),
    fill: new Map(),
    paging: new Map(),
    lineOf: () => undefined,
  };
}
