/**
 * Every name the generator derives (methods, types, files, environment variables) goes through here, so the
 * same spec always yields the same names.
 */

/**
 * Splits `DeleteIp`, `delete-ip-acl`, `sip_trunks`, `X-Auth-ID`, `10dlc_Error` into lower-case words. An
 * acronym's plural is one word: `listRetellLLMs`, `getIDs`, `URLs` (`llms`, `ids`, `urls`), not `ll ms`.
 */
export function words(input: string): string[] {
  return input
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents off their letters: "Créer" is `creer`, not `crEr`
    .replace(/ß/g, "ss")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z](?!s(?:[^a-z]|$))[a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const upperFirst = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export const camelCase = (input: string) =>
  words(input)
    .map((w, i) => (i === 0 ? w : upperFirst(w)))
    .join("");
export const pascalCase = (input: string) => words(input).map(upperFirst).join("");
export const kebabCase = (input: string) => words(input).join("-");
export const constantCase = (input: string) => words(input).join("_").toUpperCase();

// Words a generated module cannot declare as `export const <name>`.
const RESERVED = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if implements import in instanceof interface let new null package private " +
    "protected public return static super switch this throw true try typeof var void while with yield"
  ).split(" "),
);

/** A JavaScript identifier cannot start with a digit or be a reserved word: `10dlcError` → `_10dlcError`. */
export function identifier(name: string): string {
  return /^[0-9]/.test(name) || RESERVED.has(name) ? `_${name}` : name;
}

/**
 * The method name for an operation without an operationId, page title or summary: the HTTP method followed by
 * the path, with parameters introduced by "By" (`DELETE /sip-trunks/trunks/{trunk_id}` →
 * `deleteSipTrunksTrunksByTrunkId`). Only the method and path go in, so the name is stable for as long as the
 * endpoint exists.
 */
export function fallbackOperationName(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((segment) => segment.replace(/\{([^}]+)\}/g, " by $1 "));
  return identifier(camelCase([method.toLowerCase(), ...parts].join(" ")));
}

/**
 * An operationId without the suffix FastAPI generates. FastAPI's default operationId is the route
 * function's name, then the path with every character that is not a letter, digit or `_` written as `_`,
 * then `_` and the method: `get_voice_v1_voices__voice_id__get` for `get_voice` on
 * `GET /v1/voices/{voice_id}`, which camelCase would make `getVoiceV1VoicesVoiceIdGet`. The path and method
 * are the method's endpoint already, so the route's name is what names it. Only that exact suffix, for the
 * operation's own path and method, is dropped: an operationId that merely ends in `_get`, or one built from
 * another path than the document's, keeps every word.
 */
export function withoutFastApiSuffix(operationId: string, method: string, path: string): string {
  const suffix = `${path.replace(/\W/g, "_")}_${method.toLowerCase()}`;
  if (!operationId.endsWith(suffix)) return operationId;
  const route = operationId.slice(0, -suffix.length);
  return /[A-Za-z0-9]/.test(route) ? route : operationId;
}

/**
 * NestJS's default operationId, `<Class>Controller_<handler>` (`CallController_findAll`): the names of the
 * class and method that serve the route, not a name given to the operation. Where the operation has no title
 * or summary to name it (`methodName`), the handler and the controller's noun do: `findAllCall`.
 */
const NEST_ID = /^([A-Za-z0-9]+?)Controller_([A-Za-z0-9]+)$/;

/** Whether an operationId is one a framework generated from its code (NestJS's), not one the provider chose. */
const isFrameworkId = (operationId: string): boolean => NEST_ID.test(operationId);

/**
 * The method name for an operation: its operationId in camelCase (without FastAPI's generated suffix, and
 * NestJS's handler before its controller's noun), else the method-and-path fallback.
 */
export function operationName(operationId: unknown, method: string, path: string): string {
  // Only a string names the method: a number where it belongs is reported by the checks, at its line.
  const fromId =
    typeof operationId === "string" && operationId
      ? identifier(camelCase(withoutFastApiSuffix(operationId, method, path).replace(NEST_ID, "$2 $1")))
      : "";
  return fromId || fallbackOperationName(method, path);
}

/** Where a method name came from, as `vendor` and `sync` report it. */
export type NameSource = "operationId" | "page title" | "summary" | "path";

const ARTICLES = new Set(["a", "an", "the"]);

/** Verbs API titles start with, in the imperative; "Creates a trunk" names `createTrunk` as "Create a trunk" does. */
const VERBS = (
  "activate add answer assign attach bridge buy cancel check clone connect copy count create " +
  "deactivate delete detach dial disable disconnect download edit enable end export fetch find forward " +
  "generate get hang import initiate invite join leave list lookup make modify move mute order patch " +
  "pause place play port post purchase put query read record redirect refresh reject release remove " +
  "rename replace request reset resume retrieve return revoke search send set show speak start stop " +
  "submit transfer trigger unassign unmute update upload upsert validate verify view"
)
  .split(" ")
  .filter(Boolean);
const thirdPerson = (verb: string) =>
  /(s|sh|ch|x|z)$/.test(verb)
    ? `${verb}es`
    : /[^aeiou]y$/.test(verb)
      ? `${verb.slice(0, -1)}ies`
      : `${verb}s`;
const IMPERATIVE = new Map(VERBS.map((verb) => [thirdPerson(verb), verb]));

/**
 * A method name from a page title or an operation summary, as a user reading the documentation would guess
 * it: "Create SIP Trunk" → `createSipTrunk`, "Remove Phone Number from Trunk" → `removePhoneNumberFromTrunk`,
 * "Deletes an External Connection" → `deleteExternalConnection`. Articles are dropped, a leading verb in the
 * third person is put in the imperative, a possessive's `'s`, other apostrophes and parenthesised asides
 * ("(Beta)") are left out: "List a campaign's contacts" → `listCampaignContacts`.
 * "" when the text has no words.
 */
export function nameFromTitle(title: string): string {
  const text = plainTitle(title)
    .replace(/\s*[([][^)\]]*[)\]]/g, " ")
    // A possessive is its noun ("a campaign's contacts" → `campaignContacts`); other apostrophes join ("don't").
    .replace(/(?<=\w)['’]s\b/gi, "")
    .replace(/['’]/g, "")
    // A letter hyphenated to a word is part of it: "e-mail" is one word, as "email" is.
    .replace(/\b([A-Za-z])-(?=[A-Za-z]{2})/g, "$1");
  const all = words(text);
  const kept = all.filter((word) => !ARTICLES.has(word));
  const chosen = kept.length > 0 ? kept : all;
  if (chosen.length === 0) return "";
  chosen[0] = IMPERATIVE.get(chosen[0]!) ?? chosen[0]!;
  return identifier(camelCase(chosen.join(" ")));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * A title as its reader sees it, from the markup documentation exports leave in it: a component and what it
 * wraps (`<Badge>beta</Badge>`, as a parenthesised aside is), other tags, character references (`&amp;`,
 * `&#39;`), a link's target, and the site's name after a ` | `, ` — `, ` – ` or ` · ` (an HTML page's `<title>`), or
 * after a ` - ` where it names documentation.
 */
export function plainTitle(title: string): string {
  return (
    title
      .replace(/<([A-Z][\w.]*)\b[^>]*>[^<]*<\/\1\s*>|<[A-Z][\w.]*\b[^>]*\/>/g, " ")
      .replace(/<\/?[A-Za-z][^>]*>/g, " ")
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
        if (ref[0] !== "#") return ENTITIES[ref.toLowerCase()] ?? whole;
        const code =
          ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      })
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .split(/\s+[|—–·]\s+/)[0]!
      // ` - ` only before a site's name that says it is one ("Acme Docs", "API Reference"): within a title a
      // hyphen is as likely its own ("Calls - Outbound").
      .replace(/\s+-\s+[^-]*\b(?:docs?|documentation|developers?|reference|help center)\s*$/i, "")
      .trim()
  );
}

/** An operationId that is a verb alone (`list`, `create`: Fern names a method within its namespace). */
export const isBareVerb = (operationId: string, method: string, path: string): boolean =>
  VERBS.includes(camelCase(withoutFastApiSuffix(operationId, method, path)));

/**
 * Whether a title only names the operation's endpoint (`DELETE /conversations/{id}`, `/conversations/:id`),
 * as sites title the page of an operation without a summary: it says no more than the path, and the path's
 * own name (`deleteConversationsById`) keeps the parameter a title's words would lose, so that name is used.
 */
function isEndpoint(title: string, path: string): boolean {
  // `{id}` and `:id` are one parameter however the title spells it.
  const bare = (text: string) =>
    text
      .trim()
      .replace(/\{[^}]*\}|:[A-Za-z_]\w*/g, "{}")
      .replace(/\/+$/, "")
      .toLowerCase();
  const text = plainTitle(title).replace(/^(get|put|post|delete|options|head|patch|trace)\s+/i, "");
  return bare(text) === bare(path);
}

/**
 * The method name of an operation and where it came from: its operationId; else, for an operation that a
 * documentation page is about, the page's title; else its summary; else its method and path. An operationId
 * that is a bare verb (`list`, `get`: Fern names a method within its namespace, `agents.list`) says too little
 * for a client with one method per operation, and one a framework generated (NestJS's
 * `CallController_findAll`) names code, not the operation: a title or summary names such an operation when
 * there is one.
 * Only what the provider wrote about the operation itself goes in, so re-vendoring a page gives the same name.
 */
export function methodName(
  operation: { operationId?: unknown; summary?: unknown },
  method: string,
  path: string,
  pageTitle?: string,
): { name: string; from: NameSource } {
  const id = typeof operation.operationId === "string" ? operation.operationId : "";
  const fromId = id ? { name: operationName(id, method, path), from: "operationId" as const } : undefined;
  if (fromId && !isBareVerb(id, method, path) && !isFrameworkId(id)) return fromId;
  // A title or summary that is a verb alone ("Delete") says as little as such an operationId.
  const named = (text: string) => {
    const name = text && !isEndpoint(text, path) ? nameFromTitle(text) : "";
    return name && !VERBS.includes(name.replace(/^_/, "")) ? name : "";
  };
  const fromTitle = pageTitle ? named(pageTitle) : "";
  if (fromTitle) return { name: fromTitle, from: "page title" };
  const fromSummary = typeof operation.summary === "string" ? named(operation.summary) : "";
  if (fromSummary) return { name: fromSummary, from: "summary" };
  // A bare verb names no operation of a client with one method per operation (`_delete`): the path does.
  return fromId && !isBareVerb(id, method, path)
    ? fromId
    : { name: fallbackOperationName(method, path), from: "path" };
}

/** Prefixes documentation tools put on tags, dropped from module names: Fern's `subpackage_phoneNumbers`. */
const TOOL_TAG_PREFIXES = /(^|[^A-Za-z0-9])subpackage_/g;

/**
 * The subpath module name of a tag. A tag with spaces is a title ("TeXML REST Commands", "IPs") and is
 * lower-cased as written, since splitting "TeXML" or "IPs" into words would mangle them; a tag without
 * spaces is an identifier and is split into its words first ("phoneNumbers", "AutoRechargePreferences" →
 * `phone-numbers`, `auto-recharge-preferences`): a capital after two lower-case letters starts a word when
 * a lower-case letter follows it ("conversationalAi"), or after a word of two letters ("AddOnResult",
 * "IpAccessControlList" → `add-on-result`, `ip-access-control-list`), one after capitals only when two do
 * ("SIPTrunks" → `sip-trunks`), so "IPs", "FQDNs", "eSIM", "iPhone", "OpenAI" stay whole.
 * A documentation tool's prefix (`subpackage_`) is dropped first. "" when nothing is left.
 */
export function moduleNameOfTag(tag: string): string {
  const text = tag.replace(TOOL_TAG_PREFIXES, "$1");
  const split = /\s/.test(text.trim())
    ? text
    : text
        .replace(/([A-Z][a-z]|[a-z]{2,}|[0-9])(?=[A-Z][a-z])/g, "$1-")
        .replace(/([A-Z]+)(?=[A-Z][a-z]{2,})/g, "$1-");
  // Accents off their letters, as `words` takes them: "Téléphonie" is `telephonie`, not `t-l-phonie`.
  return split
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
