/**
 * How a provider signs its webhooks, read from its spec: the header parameters of its webhook operations,
 * told apart by `x-webhook-equivalent` (`webhook-signature`, `webhook-timestamp`, `webhook-id`: Telnyx's
 * declaration of Standard Webhooks compatibility) or by their names, and what their descriptions say about
 * the algorithm (`Ed25519`, `HMAC-SHA256`, `SHA-1`) and the signed content (`timestamp|payload`). Headers named as
 * Standard Webhooks names them (or Svix, its origin) are that scheme. Where the spec does not say enough, an overlay declares the
 * scheme in the document's `x-switchboard-webhooks.signature`:
 *
 *   signature: { standard: v1 }            # Standard Webhooks, v1 (HMAC-SHA256) or v1a (Ed25519)
 *   signature: { algorithm: ed25519, headers: { signature: x-sig, timestamp: x-ts }, content: "{timestamp}.{body}" }
 *   signature: { algorithm: hmac-sha256, headers: { signature: x-hub-signature-256 }, content: "{body}",
 *                prefix: "sha256=", encoding: hex, keyFormat: text }            # GitHub's
 *   signature: { algorithm: hmac-sha256, headers: { signature: stripe-signature }, content: "{timestamp}.{body}",
 *                pairs: { signature: v1, timestamp: t }, encoding: hex, keyFormat: text }   # Stripe's
 *   signature: { algorithm: hmac-sha256, headers: { signature: x-retell-signature }, content: "{body}{timestamp}",
 *                pairs: { signature: d, timestamp: v }, timestampUnit: milliseconds, encoding: hex,
 *                keyFormat: text }                                            # Retell's
 *   signature: { algorithm: token, headers: { signature: x-gitlab-token } }   # the secret itself, sent
 *   signature: false                       # deliveries are not signed
 */
import type { WebhookSignatureScheme } from "@switchboard/core";
import { InputError, nearestName } from "../errors.js";
import { constantCase } from "../naming.js";
import { deref, type OpenApiDocument } from "../spec/openapi-document.js";
import type { JsonPath, Locate } from "../spec/spec-checks.js";
import { WEBHOOKS_EXTENSION, type WebhookEvent } from "./webhook-events.js";

type Role = "signature" | "timestamp" | "id";

const ALGORITHMS: readonly unknown[] = [
  "ed25519",
  "hmac-sha256",
  "hmac-sha512",
  "hmac-sha1",
  "token",
] satisfies WebhookSignatureScheme["algorithm"][];
const TIMESTAMP_UNITS: readonly unknown[] = ["seconds", "milliseconds"];

const STANDARD = {
  headers: { signature: "webhook-signature", timestamp: "webhook-timestamp", id: "webhook-id" },
  content: "{id}.{timestamp}.{body}",
} as const;

/** Standard Webhooks' two signature versions and the key prefixes its libraries use. */
const STANDARD_VERSIONS = {
  v1: { algorithm: "hmac-sha256", keyPrefix: "whsec_" },
  v1a: { algorithm: "ed25519", keyPrefix: "whpk_" },
} as const;

export interface SignatureFinding {
  readonly signature?: WebhookSignatureScheme;
  /** Why there is no verifier, for the generated module's comment and `check`. */
  readonly note?: string;
  /** Where in the document the note is about: the signature header's parameter, else the first webhook. */
  readonly at?: JsonPath;
}

export function webhookSignature(
  doc: OpenApiDocument,
  events: readonly WebhookEvent[],
  provider: string,
  where: Locate,
): SignatureFinding {
  const extension = doc[WEBHOOKS_EXTENSION] as Record<string, unknown> | undefined;
  const strays = Object.keys(extension ?? {}).filter((key) => key !== "signature" && key !== "discriminator");
  if (strays.length) {
    const { file, line } = where([WEBHOOKS_EXTENSION, strays[0]!]);
    throw new InputError(
      file,
      `${WEBHOOKS_EXTENSION}: ${strays.join(", ")} ${strays.length > 1 ? "are" : "is"} not one of its fields (signature, discriminator)`,
      line,
    );
  }
  const declared = extension?.signature;
  if (declared === false)
    return {
      note: `${WEBHOOKS_EXTENSION}.signature is false: deliveries are not signed`,
      at: [WEBHOOKS_EXTENSION, "signature"],
    };
  if (declared !== undefined)
    return { signature: declaredScheme(declared, provider, where([WEBHOOKS_EXTENSION, "signature"])) };
  return foundScheme(doc, events, provider);
}

const keyEnv = (provider: string, algorithm: WebhookSignatureScheme["algorithm"]) =>
  `${constantCase(provider)}_${algorithm === "ed25519" ? "PUBLIC_KEY" : "WEBHOOK_SECRET"}`;

/** Standard Webhooks' scheme for `provider` (its key in `<PROVIDER>_WEBHOOK_SECRET`), under its header names. */
export function standardScheme(
  version: keyof typeof STANDARD_VERSIONS,
  provider: string,
  headers: WebhookSignatureScheme["headers"] = STANDARD.headers,
): WebhookSignatureScheme {
  const { algorithm, keyPrefix } = STANDARD_VERSIONS[version];
  return { algorithm, ...STANDARD, headers, version, keyEnv: keyEnv(provider, algorithm), keyPrefix };
}

/** The scheme an overlay declares, every field checked; all problems reported at once. */
function declaredScheme(
  value: unknown,
  provider: string,
  { file, line }: { file: string; line?: number },
): WebhookSignatureScheme {
  const at = `${WEBHOOKS_EXTENSION}.signature`;
  const fail = (problems: string[]) => {
    throw new InputError(file, `${at}: ${problems.join("; ")}`, line);
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) fail(["must be an object (or false)"]);
  const given = { ...(value as Record<string, any>) };
  // A misspelt field (`keyformat`) would otherwise be left out without a word, and the verifier it leaves
  // refuses every real delivery while the mock's, signing by the same scheme, passes.
  const problems = unknownFields(given);
  if ("standard" in given) {
    if (!(given.standard in STANDARD_VERSIONS))
      problems.push(
        `standard must be "v1" (HMAC-SHA256) or "v1a" (Ed25519), not ${JSON.stringify(given.standard)}`,
      );
    const others = Object.keys(given).filter((field) => field !== "standard" && field !== "keyEnv");
    if (others.length)
      problems.push(
        `standard gives the whole scheme: ${others.join(", ")} cannot apply beside it (keyEnv can)`,
      );
    if (problems.length) fail(problems);
    const scheme = standardScheme(given.standard, provider);
    return typeof given.keyEnv === "string" ? { ...scheme, keyEnv: given.keyEnv } : scheme;
  }
  if (given.algorithm === "token") {
    // The secret itself in a header: nothing is signed, so nothing else of a signature applies.
    const signing = ["version", "pairs", "encoding", "timestampUnit", "keyPrefix"].filter(
      (field) => given[field] !== undefined,
    );
    if (given.headers?.timestamp !== undefined) signing.unshift("headers.timestamp");
    if (given.headers?.id !== undefined) signing.unshift("headers.id");
    if (signing.length)
      problems.push(`a token is the secret itself, sent as it is: ${signing.join(", ")} cannot apply`);
    if (given.keyFormat !== undefined && given.keyFormat !== "text")
      problems.push('a token is the secret\'s text: keyFormat must be "text" or left out');
    if (given.content !== undefined && given.content !== "{body}")
      problems.push('a token signs nothing: content must be "{body}" or left out');
    given.content = "{body}";
    given.keyFormat = "text";
  }
  if (!ALGORITHMS.includes(given.algorithm))
    problems.push(
      `algorithm must be one of ${ALGORITHMS.map((a) => `"${a}"`).join(", ")}, not ${JSON.stringify(given.algorithm)}`,
    );
  const named = (name: unknown) => typeof name === "string" && name !== "";
  const headers = given.headers ?? {};
  if (!named(headers.signature)) problems.push("headers.signature must name a header");
  for (const role of ["timestamp", "id"] as const)
    if (headers[role] !== undefined && !named(headers[role]))
      problems.push(`headers.${role} must name a header`);
  const pairs = given.pairs;
  if (
    pairs !== undefined &&
    (!pairs || !named(pairs.signature) || !(pairs.timestamp === undefined || named(pairs.timestamp)))
  )
    problems.push(
      "pairs must name the signatures' key (and the timestamp's, where it is there), e.g. { signature: v1, timestamp: t }",
    );
  else if (pairs?.timestamp && headers.timestamp)
    problems.push("the timestamp is sent in headers.timestamp or in pairs.timestamp, not both");
  const forms = ["version", "pairs", "prefix"].filter((field) => given[field] !== undefined);
  if (forms.length > 1)
    problems.push(`${forms.join(" and ")} are other forms of the signature header: give one`);
  const content = given.content;
  if (typeof content !== "string" || content.split("{body}").length !== 2)
    problems.push(
      'content must lay out what is signed, with "{body}" once (and {timestamp}, {id}), e.g. "{timestamp}.{body}"',
    );
  else {
    if (content.includes("{id}") && !headers.id)
      problems.push("content signs {id}, so headers.id must name its header");
    if (content.includes("{timestamp}") && !headers.timestamp && !pairs?.timestamp)
      problems.push(
        "content signs {timestamp}, so headers.timestamp (or pairs.timestamp) must say where it is sent",
      );
  }
  if (given.encoding !== undefined && given.encoding !== "base64" && given.encoding !== "hex")
    problems.push(`encoding must be "base64" or "hex", not ${JSON.stringify(given.encoding)}`);
  if (given.timestampUnit !== undefined && !TIMESTAMP_UNITS.includes(given.timestampUnit))
    problems.push(
      `timestampUnit must be "seconds" or "milliseconds", not ${JSON.stringify(given.timestampUnit)}`,
    );
  else if (given.timestampUnit && typeof content === "string" && !content.includes("{timestamp}"))
    problems.push("timestampUnit is the unit of a signed timestamp, and content signs none");
  if (given.keyFormat !== undefined && given.keyFormat !== "base64" && given.keyFormat !== "text")
    problems.push(`keyFormat must be "base64" or "text", not ${JSON.stringify(given.keyFormat)}`);
  else if (given.keyFormat === "text" && given.algorithm === "ed25519")
    problems.push('keyFormat "text" is for an HMAC secret; an Ed25519 public key is base64');
  for (const field of ["version", "prefix", "keyEnv", "keyPrefix"])
    if (given[field] !== undefined && typeof given[field] !== "string")
      problems.push(`${field} must be a string`);
  if (problems.length) fail(problems);
  const lower = (name: string) => name.toLowerCase();
  return {
    algorithm: given.algorithm,
    headers: {
      signature: lower(headers.signature),
      ...(headers.timestamp ? { timestamp: lower(headers.timestamp) } : {}),
      ...(headers.id ? { id: lower(headers.id) } : {}),
    },
    ...(given.timestampUnit === "milliseconds" ? { timestampUnit: "milliseconds" as const } : {}),
    content,
    ...(given.version ? { version: given.version } : {}),
    ...(pairs
      ? { pairs: { signature: pairs.signature, ...(pairs.timestamp ? { timestamp: pairs.timestamp } : {}) } }
      : {}),
    ...(given.prefix ? { prefix: given.prefix } : {}),
    ...(given.encoding === "hex" ? { encoding: "hex" as const } : {}),
    ...(given.keyFormat === "text" ? { keyFormat: "text" as const } : {}),
    keyEnv: given.keyEnv ?? keyEnv(provider, given.algorithm),
    ...(given.keyPrefix ? { keyPrefix: given.keyPrefix } : {}),
  };
}

const FIELDS = {
  "": [
    "standard",
    "algorithm",
    "headers",
    "content",
    "version",
    "pairs",
    "prefix",
    "encoding",
    "timestampUnit",
    "keyFormat",
    "keyEnv",
    "keyPrefix",
  ],
  headers: ["signature", "timestamp", "id"],
  pairs: ["signature", "timestamp"],
} as const;

/** Fields a declared scheme does not have, at its top, in `headers` and in `pairs`, each with the nearest known one. */
function unknownFields(given: Record<string, any>): string[] {
  const problems: string[] = [];
  for (const [at, known] of Object.entries(FIELDS)) {
    const fields = at ? given[at] : given;
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) continue;
    for (const field of Object.keys(fields)) {
      if ((known as readonly string[]).includes(field)) continue;
      const near = nearestName(field, known);
      problems.push(
        `${at ? `${at}.` : ""}${field} is not a field of a signature scheme (${near ? `did you mean ${near}?` : `known: ${known.join(", ")}`})`,
      );
    }
  }
  return problems;
}

const EQUIVALENTS: Record<string, Role> = {
  "webhook-signature": "signature",
  "webhook-timestamp": "timestamp",
  "webhook-id": "id",
};

function roleOf(param: any): Role | undefined {
  const name = String(param.name).toLowerCase();
  const equivalent = param["x-webhook-equivalent"];
  if (typeof equivalent === "string" && EQUIVALENTS[equivalent.toLowerCase()])
    return EQUIVALENTS[equivalent.toLowerCase()];
  if (EQUIVALENTS[name]) return EQUIVALENTS[name];
  if (name.includes("signature")) return "signature";
  if (name.includes("timestamp")) return "timestamp";
  // A short name (`X-Sig`, `X-Acme-Sig`): a signature all the same.
  if (/(?:^|[-_])sig$/.test(name)) return "signature";
  return undefined;
}

/** A parameter's example values: `example`, its schema's, and each of `examples`. */
function examplesOf(doc: OpenApiDocument, param: any): string[] {
  const schema = deref(doc, param.schema ?? {});
  const named = Object.values((param.examples ?? {}) as Record<string, unknown>).map(
    (e) => deref<{ value?: unknown } | undefined>(doc, e as { value?: unknown })?.value,
  );
  return [param.example, schema?.example, ...named].filter((v): v is string => typeof v === "string");
}

/**
 * How the signature header writes its signature, read from its example and what the spec says of it:
 * `key=value` pairs with the timestamp among them (Stripe's `t=1492774577,v1=5257a8…`), or one signature
 * after a prefix (GitHub's `sha256=`), in hex or base64.
 */
function signatureForm(text: string, examples: readonly string[]) {
  const pairs = examples
    .map((example) => /^([A-Za-z]\w*)=(\d{9,13}),\s*([A-Za-z]\w*)=[0-9A-Za-z+/=]+/.exec(example))
    .find(Boolean);
  const single = examples
    .map((example) => /^(?:([A-Za-z][A-Za-z0-9]*=)(?=[0-9A-Za-z+/]))?([0-9A-Za-z+/]+=*)$/.exec(example))
    .find(Boolean);
  const written = pairs ? pairs[0].split(/,\s*/)[1]!.replace(/^\w+=/, "") : single?.[2];
  const encoding = /\bhex(?:adecimal)?\b/i.test(text)
    ? "hex"
    : /\bbase-?64\b/i.test(text)
      ? "base64"
      : // A digest is 16 bytes or more; a shorter example (`abc123`, `signature`) is a placeholder.
        written && /^(?:[0-9a-f]{2}){16,}$/i.test(written)
        ? "hex"
        : written && written.length >= 22 && !/^[0-9a-f]+$/i.test(written)
          ? "base64"
          : undefined;
  return {
    encoding,
    ...(pairs ? { pairs: { signature: pairs[3]!, timestamp: pairs[1]! }, stamp: pairs[2] } : {}),
    ...(!pairs && single?.[1] ? { prefix: single[1] } : {}),
  };
}

/**
 * What a scheme signs, as a spec's words lay it out: `timestamp.payload` (Telnyx's `timestamp|payload`), as
 * a template (`{timestamp}.{body}`, `${timestamp}.${rawBody}`, `<timestamp>.<raw_body>`), as code
 * (`timestamp + "." + payload`), or the body first (`body + timestamp`: Retell's, where a bare `+` joins the
 * two with nothing between). `{id}` leads where the scheme signs an id.
 */
export function signedLayout(text: string, signsId: boolean): string | undefined {
  const said = text
    // Placeholders unwrapped: `${x}`, `{x}`, `<x>`.
    .replace(/\$?\{\s*([\w-]+)\s*\}|<\s*([\w-]+)\s*>/g, "$1$2")
    // A concatenation of a short literal: `a + "." + b` is `a.b`.
    .replace(/\s*\+\s*(["'`])([^"'`\w\s]{1,3})\1\s*\+\s*/g, "$2")
    .replace(/\b(?:raw[\s_-]?)?(?:request[\s_-]?)?(?:payload|body)\b/gi, "body")
    .replace(/\b(?:webhook[_-]?)?timestamp\b/gi, "timestamp");
  if (signsId) {
    const layout = /\bid([.|:])timestamp\1body\b/i.exec(said.replace(/\s*\|\s*/g, "|"));
    return layout ? `{id}${layout[1]}{timestamp}${layout[1]}{body}` : undefined;
  }
  // A separator: `|` or `+` (nothing between) spaced or not; `.`, `:` or `,` unspaced, since "the body.
  // Timestamps…" is two sentences.
  const separator = String.raw`(?:\s*([|+])\s*|([.:,]))`;
  const found = (first: string, second: string) => {
    const match = new RegExp(String.raw`\b${first}${separator}${second}\b`, "i").exec(said);
    const between = match && (match[1] ?? match[2]!);
    return match ? { at: match.index, between: between === "+" ? "" : between! } : undefined;
  };
  const timestampFirst = found("timestamp", "body");
  const bodyFirst = found("body", "timestamp");
  // Whichever the words say first, where they say both.
  if (timestampFirst && !(bodyFirst && bodyFirst.at < timestampFirst.at))
    return `{timestamp}${timestampFirst.between}{body}`;
  return bodyFirst ? `{body}${bodyFirst.between}{timestamp}` : undefined;
}

/** The scheme the webhooks' header parameters describe, if they describe one. */
function foundScheme(
  doc: OpenApiDocument,
  events: readonly WebhookEvent[],
  provider: string,
): SignatureFinding {
  const names: Record<Role, Set<string>> = { signature: new Set(), timestamp: new Set(), id: new Set() };
  const bySignature = new Map<string, { texts: Set<string>; examples: Set<string> }>();
  const stamps = new Set<string>();
  const sentHeaders = new Set<string>();
  const tokens = new Set<string>();
  // Where each header is first declared, for the file and line of a note about it.
  const declaredAt = new Map<string, JsonPath>();
  for (const event of events) {
    const declared = [
      ...(event.pathItem.parameters ?? []).map((raw: unknown, i: number) => ({
        raw,
        at: [...event.at.slice(0, -1), "parameters", i],
      })),
      ...(event.operation.parameters ?? []).map((raw: unknown, i: number) => ({
        raw,
        at: [...event.at, "parameters", i],
      })),
    ];
    for (const { raw, at } of declared) {
      const param = deref(doc, raw);
      if (param?.in !== "header") continue;
      if (!declaredAt.has(String(param.name).toLowerCase()))
        declaredAt.set(String(param.name).toLowerCase(), at);
      sentHeaders.add(String(param.name).toLowerCase());
      if (/(?:^|[-_])(?:secret|token)$/i.test(String(param.name)))
        tokens.add(String(param.name).toLowerCase());
      const role = roleOf(param);
      if (!role) continue;
      names[role].add(String(param.name).toLowerCase());
      if (role === "signature") {
        const schema = deref(doc, param.schema ?? {});
        const said = bySignature.get(String(param.name).toLowerCase()) ?? {
          texts: new Set(),
          examples: new Set(),
        };
        bySignature.set(String(param.name).toLowerCase(), said);
        said.texts.add([param.name, param.description, schema?.description].filter(Boolean).join(" "));
        for (const example of examplesOf(doc, param)) said.examples.add(example);
      } else if (role === "timestamp") {
        const schema = deref(doc, param.schema ?? {});
        stamps.add([param.description, schema?.description].filter(Boolean).join(" "));
        for (const example of examplesOf(doc, param)) stamps.add(example);
        for (const value of [param.example, schema?.example])
          if (typeof value === "number") stamps.add(String(value));
      }
    }
  }
  // Several signature headers of one scheme in different hashes (GitHub's older `X-Hub-Signature: sha1=…`
  // beside `X-Hub-Signature-256`): the strongest, where each says its hash and one is strongest.
  const strength = (name: string) => {
    const { texts, examples } = bySignature.get(name)!;
    const said = [...texts, ...[...examples].map((e) => e.replace(/=.*/, "="))].join(" ");
    return /sha-?512/i.test(said) ? 3 : /sha-?256|-256\b/i.test(said) ? 2 : /sha-?1\b/i.test(said) ? 1 : 0;
  };
  const ranked = [...names.signature].sort((a, b) => strength(b) - strength(a));
  if (
    ranked.length > 1 &&
    ranked.every((name) => strength(name) > 0) &&
    strength(ranked[0]!) > strength(ranked[1]!)
  )
    names.signature = new Set([ranked[0]!]);
  const [signature, ...others] = names.signature;
  const [timestamp] = names.timestamp;
  const at = (signature && declaredAt.get(signature)) || events[0]?.at;
  const texts = new Set(signature ? bySignature.get(signature)!.texts : []);
  const examples = new Set(signature ? bySignature.get(signature)!.examples : []);
  const declare = `declare the scheme in ${WEBHOOKS_EXTENSION}.signature with an overlay`;
  if (!signature) {
    // No signature, but one header named as a shared secret (Vapi's `X-Vapi-Secret`, GitLab's
    // `X-Gitlab-Token`): the secret itself is sent, and checked as a token.
    const [token, ...more] = tokens;
    if (token && !more.length)
      return {
        signature: {
          algorithm: "token",
          headers: { signature: token },
          content: "{body}",
          keyFormat: "text",
          keyEnv: keyEnv(provider, "token"),
        },
      };
    return { at, note: "the spec declares no signature header on its webhooks" };
  }
  if (others.length || names.timestamp.size > 1 || names.id.size > 1)
    return {
      at,
      note: `the webhooks name different signature headers (${[...names.signature, ...names.timestamp].join(", ")}); ${declare}`,
    };
  const text = [...texts].join(" ");
  // Standard Webhooks' three headers, as its spec names them or under a brand (Svix's `svix-id`,
  // `svix-timestamp`, `svix-signature`, which Clerk and Resend send): one prefix before `-id`, `-timestamp`
  // and `-signature`. Another brand's only where the spec shows the signature list (`v1,<base64>`) or names
  // the scheme: three such headers alone may be signed any other way.
  const brand = signature.endsWith("-signature") ? signature.slice(0, -"-signature".length) : undefined;
  const listed =
    /^(?:webhook|svix)$/.test(brand ?? "") ||
    /standard[- ]?webhooks|svix/i.test(text) ||
    [...examples].some((example) => /^v1a?,[0-9A-Za-z+/]{22,}=*(?:\s|$)/.test(example));
  const standard =
    listed &&
    brand !== undefined &&
    timestamp === `${brand}-timestamp` &&
    (names.id.has(`${brand}-id`) || (!names.id.size && sentHeaders.has(`${brand}-id`)));
  if (standard)
    return {
      signature: standardScheme(/ed25519|v1a|asymmetric/i.test(text) ? "v1a" : "v1", provider, {
        signature,
        timestamp,
        id: `${brand}-id`,
      }),
    };
  // What the verifier is not given: the URL the provider called (Twilio's `X-Twilio-Signature` and Plivo's
  // sign it with the form's parameters). Verifying the body alone instead would refuse every real delivery
  // while the mock, signing the same wrong way, passed.
  if (
    /^x-(?:twilio|plivo)-signature/.test(signature) ||
    /\b(?:url|uri)\b[^.]*\b(?:param|sort|concatenat|append|query|form)|\b(?:param|sort)\w*\b[^.]*\b(?:url|uri)\b/i.test(
      text,
    )
  )
    return {
      at,
      note: `the spec signs ${signature} over the request's URL (with its parameters), which the verifier does not support: it is given the body and headers, not the URL the provider called; verify these deliveries with the provider's own library`,
    };
  const form = signatureForm(text, [...examples]);
  // The example's prefix says the algorithm too (GitHub's `sha256=`, its only word on it).
  const said = `${text} ${form.prefix ?? ""}`;
  // A signature by a key pair other than Ed25519 (RSA, ECDSA; "verify with our public certificate"): its
  // hash (`RSA-SHA256`) is no HMAC's, and an HMAC verifier would take the public key for a secret.
  const asymmetric =
    !/ed25519/i.test(said) &&
    /\b(?:rsa|ecdsa|es256|es384|es512|rs256|rs384|rs512|ps256|pkcs\W?\d*|p-?256|secp\w+|x\.?509)\b|public (?:key|certificate)|certificate/i.exec(
      said,
    )?.[0];
  if (asymmetric)
    return {
      at,
      note: `the spec signs ${signature} with ${asymmetric}, which the verifier does not support (Ed25519, HMAC-SHA256, HMAC-SHA512, HMAC-SHA1); ${declare} if it is one of those`,
    };
  // SHA-1 only where the spec names it and not SHA-256 (Twilio's, GitHub's legacy `sha1=`); a hash the
  // verifier has not (SHA-384, MD5, SHA-3) is said, not taken for SHA-256; an HMAC of no named hash is SHA-256.
  const named = /ed25519/i.test(said)
    ? "ed25519"
    : /sha-?256/i.test(said)
      ? "hmac-sha256"
      : /sha-?512/i.test(said)
        ? "hmac-sha512"
        : /sha-?1\b/i.test(said)
          ? "hmac-sha1"
          : undefined;
  const other = /\b(?:sha-?384|sha-?224|sha-?3|md5|blake2?\w*|rsa|ecdsa|es256|rs256)\b/i.exec(said)?.[0];
  if (!named && other)
    return {
      at,
      note: `the spec signs ${signature} with ${other}, which the verifier does not support (Ed25519, HMAC-SHA256, HMAC-SHA512, HMAC-SHA1); ${declare} if it is one of those`,
    };
  if (!named && !/hmac/i.test(said))
    return { at, note: `the spec does not say which algorithm signs ${signature}; ${declare}` };
  const algorithm = named ?? "hmac-sha256";
  // An HMAC secret outside Standard Webhooks is text the provider shows, used as it is (GitHub's, Stripe's).
  const written = {
    ...(form.prefix ? { prefix: form.prefix } : {}),
    ...(form.encoding === "hex" ? { encoding: "hex" as const } : {}),
    ...(algorithm !== "ed25519" ? { keyFormat: "text" as const } : {}),
    keyEnv: keyEnv(provider, algorithm),
  };
  const sentAt = timestamp ?? form.pairs?.timestamp;
  if (!sentAt) {
    // No timestamp anywhere: the body alone is signed (GitHub's), unless the spec says a timestamp is.
    if (/timestamp/i.test(text) || !form.encoding)
      return {
        at,
        note: `the spec names the signature header ${signature} but ${form.encoding ? "no timestamp header" : "neither a timestamp header nor how the signature is written"}; ${declare}`,
      };
    return { signature: { algorithm, headers: { signature }, content: "{body}", ...written } };
  }
  const [id] = names.id;
  const content = signedLayout(text, id !== undefined);
  if (!content)
    return {
      at,
      note: `the spec does not say what ${signature} signs (such as "timestamp|payload"); ${declare}`,
    };
  // Milliseconds where an example has thirteen digits (Retell's `v=1729000000000`) or the spec says so.
  const milliseconds = [...stamps, form.stamp ?? "", text].some(
    (said) => /^\d{13}$/.test(said) || /\bmilli-?seconds?\b/i.test(said),
  );
  return {
    signature: {
      algorithm,
      headers: { signature, ...(timestamp ? { timestamp } : {}), ...(id ? { id } : {}) },
      ...(milliseconds ? { timestampUnit: "milliseconds" as const } : {}),
      content,
      ...(form.pairs ? { pairs: form.pairs } : {}),
      ...written,
    },
  };
}
