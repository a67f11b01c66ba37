/**
 * The provider definition of a provider package: servers as named regions (from the bundled spec), and
 * credentials with their environment variables, how they are sent (auth schemes) and which path parameters
 * a credential fills, as the provider's settings file (`specs/<provider>/switchboard.yaml`) declares them.
 * Typed by the runtime's own `ProviderDefinition` (from @switchboard/core), which turns it into a client's
 * configuration. Kept a plain object of named sections so later sections (webhook signing, say) slot in.
 */
import { isDeepStrictEqual } from "node:util";
import type { AuthScheme, ProviderDefinition } from "@switchboard/core";
import { InputError, nearestName, throwAll } from "../errors.js";
import { constantCase, kebabCase, pascalCase } from "../naming.js";
import type { Bundle } from "../spec/bundle.js";
import {
  deref,
  type OpenApiDocument,
  operationsOf,
  type ServerObject,
  serverUrl,
} from "../spec/openapi-document.js";
import type { ProviderSettings } from "../spec/provider-settings.js";
import { type Requirement, securityPlan, securityRequirements } from "../spec/security-plan.js";
import {
  clientCanApply,
  httpSchemeWord,
  requirementCanApply,
  signsEachRequest,
  suggestedCredentials,
} from "../spec/settings-suggestions.js";
import type { Locate } from "../spec/spec-checks.js";
import { webhookDefinition } from "./webhooks-module.js";

type Credentials = Record<string, { env: string; optional?: true }>;

/** Where a node of the bundled document was vendored: its file, and its line when known. */

/** A host name (`api.example.com`, `localhost`), a port perhaps, and then nothing or a path. */
const HOST_FIRST = /^(?:localhost|(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+[a-z]{2,})(?::\d+)?(?:[/?#].*)?$/i;

/**
 * What is wrong with the bundled spec's servers (none, a relative URL, two named one region), with the overlay
 * that fixes each: reported beside the structural checks' problems when those stop generation, so that a
 * document's problems are listed at once rather than the servers' only once the others are fixed.
 */
export function serverProblems(doc: OpenApiDocument, provider: string, locate: Locate): InputError[] {
  const problems: InputError[] = [];
  serverMap(doc.servers ?? [], !operationsOf(doc).next().done, provider, locate, problems);
  return problems;
}

/**
 * The definition of `provider`'s client from its bundled spec and its settings file: servers from the spec;
 * credentials, how they are sent and the path parameters they fill as the settings declare them (checked
 * against the spec: every problem at once, with the settings file's lines).
 */
export function providerDefinition(
  doc: OpenApiDocument,
  provider: string,
  file: string,
  settings: ProviderSettings,
  /** The vendored file and line of a node of `doc` (the bundle's), to report a server's problem there. */
  locate?: Bundle["locate"],
): ProviderDefinition {
  const problems: InputError[] = [];
  const calls = !operationsOf(doc).next().done;
  const at: Locate = (path) => locate?.(path) ?? { file };
  const { servers, defaultServer } = serverMap(doc.servers ?? [], calls, provider, at, problems);
  const { auth, otherAuth } = authSchemes(doc, provider, file, settings, problems);
  // The default requirement's credentials first, each needed to make a client; those only another
  // requirement sends are optional: only the calls that send them need them.
  const credentials: Credentials = {};
  for (const schemes of [auth, ...otherAuth]) {
    for (const scheme of schemes) {
      const names = scheme.type === "basic" ? [scheme.username, scheme.password] : [scheme.credential];
      for (const name of names) {
        const env = `${constantCase(provider)}_${constantCase(name)}`;
        credentials[name] ??= schemes === auth ? { env } : { env, optional: true };
      }
    }
  }
  envCollisions(provider, credentials, settings, problems);
  const pathCredentials = filledPathParameters(doc, file, settings, problems);
  throwAll(problems);
  return {
    name: provider,
    title: pascalCase(provider),
    servers,
    defaultServer,
    credentials,
    auth,
    ...(otherAuth.length > 0 ? { otherAuth } : {}),
    pathCredentials,
    ...withWebhooks(webhookDefinition(doc, provider, at)),
  };
}

/**
 * Two options whose names differ only in case or separators (`apiKey`, `api_key`) would be read from one
 * environment variable, so the client would send one secret as both: reported at the second's line.
 */
function envCollisions(
  provider: string,
  credentials: Credentials,
  settings: ProviderSettings,
  problems: InputError[],
): void {
  const byEnv = new Map<string, string[]>();
  for (const [name, { env }] of Object.entries(credentials))
    byEnv.set(env, [...(byEnv.get(env) ?? []), name]);
  const schemeOf = (option: string) =>
    [...settings.credentials].find(([, c]) =>
      ("name" in c ? [c.name] : [c.username, c.password]).includes(option),
    )?.[0];
  for (const [env, names] of byEnv) {
    if (names.length < 2) continue;
    const scheme = schemeOf(names[1]!);
    problems.push(
      new InputError(
        settings.file,
        `credentials: ${names.map((n) => `\`${n}\``).join(" and ")} would both be read from ${env}, so ${pascalCase(provider)}'s ` +
          "client would send one secret as each: name them so they differ in more than case and separators",
        scheme === undefined ? undefined : settings.lineOf(["credentials", scheme]),
      ),
    );
  }
}

const withWebhooks = (webhooks: ProviderDefinition["webhooks"]) => (webhooks ? { webhooks } : {});

/**
 * Retired: the vendor extension that once said which credential fills a path parameter. Fills are declared
 * in the settings file now, so a spec or overlay can no longer change them; a parameter that still carries
 * it stops generation with the line to write instead.
 */
export const CREDENTIAL_EXTENSION = "x-switchboard-credential";

/**
 * Path parameters the client fills from a credential (parameter name → credential name), exactly as the
 * settings' `fill:` declares them, so callers do not repeat a value the client already has. A caller's own
 * value still wins (a Twilio subaccount's SID), and the types make these parameters optional. Each must be a
 * path parameter of some operation; filling is per name, as the runtime applies it to every operation with
 * that name in its path.
 */
function filledPathParameters(
  doc: OpenApiDocument,
  file: string,
  settings: ProviderSettings,
  problems: InputError[],
): Record<string, string> {
  const pathParameters = new Set<string>();
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      if (param?.in === "path" && typeof param.name === "string") pathParameters.add(param.name);
      if (param && Object.hasOwn(param, CREDENTIAL_EXTENSION)) {
        const value = param[CREDENTIAL_EXTENSION];
        const ref = typeof raw?.$ref === "string" ? ` (${raw.$ref})` : "";
        problems.push(
          new InputError(
            file,
            `${method.toUpperCase()} ${path}: ${param.in} parameter "${param.name}"${ref} sets ${CREDENTIAL_EXTENSION}, ` +
              `which is retired: fills are declared in ${settings.file}. ` +
              (typeof value === "string"
                ? `Add under \`fill:\` there the line \`  ${param.name}: ${value}\``
                : "Nothing is filled unless that file says so") +
              `, and delete the overlay action that sets ${CREDENTIAL_EXTENSION}.`,
          ),
        );
      }
    }
  }
  const filled: Record<string, string> = {};
  for (const [param, credential] of settings.fill) {
    if (!pathParameters.has(param)) {
      const known = [...pathParameters].sort();
      problems.push(
        new InputError(
          settings.file,
          `fill: \`${param}\` is not a path parameter of any operation ` +
            `(${known.length ? `path parameters: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}` : "the spec has none"})`,
          settings.lineOf(["fill", param]),
        ),
      );
    } else {
      filled[param] = credential;
    }
  }
  return filled;
}

/**
 * Servers become named regions. The name is the server's `x-switchboard-region` when an overlay gave it one;
 * `default` for the one server; else what tells its host apart from the others' when that is a region code
 * (`eu` in `api.eu.deepgram.com` beside `api.deepgram.com`, `us-east-1`); else its description in kebab-case
 * when that is a name of up to three words ("Sandbox", "Global"); else the host's part; `default` for the
 * first server when the others' hosts extend its own; a long description; or `server-<n>`. A server whose
 * URL has a variable with several values (`https://api.{region}.example.com`, region one of `us-east-1`,
 * `eu-west-1`…) is a region per value, named by the value, its `default` the client's default. A plain `http://` twin of an
 * `https://` server (AWS lists both) is left out: the client never needs to send credentials in clear text.
 */
function serverMap(
  servers: ServerObject[],
  calls: boolean,
  provider: string,
  locate: Locate,
  problems: InputError[],
): { servers: Record<string, string>; defaultServer: string } {
  const urlOf = (server: ServerObject) => locate(["servers", servers.indexOf(server), "url"]);
  // A provider whose documents hold webhooks alone is called by the provider, never calls it: no base URL.
  if (servers.length === 0 && !calls) return { servers: { default: "" }, defaultServer: "default" };
  if (servers.length === 0) {
    // Documents generated from a framework (ElevenLabs', Credas') often leave servers out: the base URL is
    // in the provider's prose, so the fix is an overlay a person writes from it.
    problems.push(
      new InputError(
        // The vendored file that would hold them, when one document is the bundle's.
        locate(["openapi"]).file,
        "the spec declares no servers, so the client would have no base URL. If the API serves the document " +
          "itself, vendor it from that URL (`npm run vendor -- <its URL>`): it is then where it was served, as " +
          "OpenAPI says. Otherwise add the base URL the provider's " +
          `documentation names with an overlay, say specs/${provider}/overlays/servers.yaml:\n` +
          "    overlay: 1.0.0\n    info:\n      title: The API's base URL\n      version: 1.0.0\n    actions:\n" +
          "      - target: $\n        description: >-\n          The document names no server; <where the provider's documentation gives the base URL>.\n" +
          "        update:\n          servers:\n            - url: https://<the API's base URL>",
      ),
    );
    return { servers: { default: "" }, defaultServer: "default" };
  }
  // Twins are dropped before regions are named, so that an https server whose only sibling was its http
  // twin is the one server, `default`; and again after variables are filled in, for twins spelt differently.
  const secure = withoutHttpTwins(servers, (server) => server.url);
  const parts = hostParts(secure);
  const regions = secure.flatMap((server, i) => regionsOf(server, i, secure.length, parts));
  const kept = withoutHttpTwins(regions, (region) => region.url).filter(
    (region, i, all) => all.findIndex((other) => other.url === region.url) === i,
  );
  // `/v1` or `api/v1` is relative to wherever the document was served from (OpenAPI's rule; Swagger 2.0's
  // `basePath` without `host` converts to one), which a client made from it cannot know.
  const relative = kept.filter((region) => !/^[a-z][a-z\d+.-]*:\/\//i.test(region.url));
  if (relative.length > 0) {
    // Shown as written: `/` has lost its slash to the trimming above. A URL that starts with a variable
    // (`{Endpoint}/luis/v3`) has it stand for the scheme and host: its default (`none`, `localhost`) is what
    // made it relative, so the message names the variable and the URL to give keeps only what follows it.
    // A URL that starts with a host name (`api.calorieninjas.com`) is a host whose scheme was left out.
    const bareHost = (region: (typeof relative)[number]) =>
      !region.hostVariable && HOST_FIRST.test(region.url);
    const urls = relative
      .map((region) =>
        region.hostVariable
          ? `"${region.written}" (its variable \`${region.hostVariable.name}\`, which stands for the scheme and host, defaults to "${region.hostVariable.value}", not an absolute URL)`
          : bareHost(region)
            ? `"${region.written}" (a host without its scheme, it seems)`
            : `"${region.written}"`,
      )
      .filter((text, i, all) => all.indexOf(text) === i)
      .join(", ");
    const absolute = relative.map((region) => {
      if (bareHost(region)) return `            - url: https://${region.url}\n`;
      const path = region.hostVariable ? region.url.slice(region.hostVariable.value.length) : region.url;
      return `            - url: https://<the API's host>${path.startsWith("/") || path === "" ? "" : "/"}${path}\n`;
    });
    const first = urlOf(relative[0]!.server);
    problems.push(
      new InputError(
        first.file,
        `the server URL ${urls} is relative (to wherever the document is served from), so the client would have ` +
          "no host to call. If the API serves the document itself, vendor it from that URL (`npm run vendor -- <its " +
          "URL>`). Otherwise give the absolute URL the provider's documentation names (for an API every user hosts " +
          "themselves, a typical install's: each user passes their own as `baseUrl`) with an overlay, say " +
          `specs/${provider}/overlays/servers.yaml:\n` +
          "    overlay: 1.0.0\n    info:\n      title: The API's base URL\n      version: 1.0.0\n    actions:\n" +
          "      - target: $.servers\n        description: The document's server URL is relative.\n        remove: true\n" +
          "      - target: $\n        description: >-\n          <where the provider's documentation gives the base URL>.\n" +
          `        update:\n          servers:\n${absolute.join("")}`.trimEnd(),
        first.line,
      ),
    );
    return { servers: { default: "" }, defaultServer: "default" };
  }
  // The first server's (default) region first: the client's default region is the first one.
  const first = kept.find((region) => region.isDefault) ?? kept[0]!;
  const ordered = [first, ...kept.filter((region) => region !== first)];
  const map: Record<string, string> = {};
  const reported = new Set<string>();
  for (const { name, url } of ordered) {
    if (map[name] === undefined) map[name] = url;
    else if (!reported.has(name)) {
      reported.add(name);
      const same = ordered.filter((other) => other.name === name);
      problems.push(sameRegionName(same, servers, provider, urlOf(same[0]!.server)));
    }
  }
  // Named, not taken as the map's first key: keys that look like integers (a port's or a version's values,
  // `8443`) come first in any object, whatever order they were added in.
  return { servers: map, defaultServer: first.name };
}

/**
 * Two servers (eBay's `api.ebay.com` and `apiz.ebay.com`, both described "Production") would be one region:
 * which they are, where, and the overlay that names each, the first keeping the name.
 */
function sameRegionName(
  same: Region[],
  servers: ServerObject[],
  provider: string,
  where: { file: string; line?: number },
): InputError {
  const name = same[0]!.name;
  const at = (region: Region) => `$.servers[${servers.indexOf(region.server)}]`;
  // The others by their host's first label where it tells them apart (`production-apiz`), else by position.
  const label = (region: Region) => kebabCase(/^[a-z][a-z\d+.-]*:\/\/([^./:]+)/i.exec(region.url)?.[1] ?? "");
  const labels = same.map(label);
  const suggested = labels.map((host, i) =>
    i === 0 ? name : host && labels.indexOf(host) === i ? `${name}-${host}` : `${name}-${i + 1}`,
  );
  const actions = same.map(
    (region, i) =>
      `      - target: ${at(region)}\n        description: ${JSON.stringify(`${region.url} (${region.named})`)}\n` +
      `        update:\n          x-switchboard-region: ${suggested[i]}\n`,
  );
  return new InputError(
    where.file,
    `${same.length === 2 ? "two servers are both" : `${same.length} servers are all`} named region "${name}": ${same.map((region) => `${at(region)} ${region.url} (${region.named})`).join(", ")}. ` +
      `Name each with x-switchboard-region in an overlay, say specs/${provider}/overlays/regions.yaml:\n` +
      "    overlay: 1.0.0\n    info:\n      title: Region names\n      version: 1.0.0\n    actions:\n" +
      actions.join("").trimEnd(),
    where.line,
  );
}

/** Leaves out each `http://` item whose `https://` twin is in the list too. */
function withoutHttpTwins<T>(items: T[], urlOf: (item: T) => string): T[] {
  const urls = new Set(items.map(urlOf));
  return items.filter((item) => {
    const url = urlOf(item);
    return !(/^http:/i.test(url) && urls.has(url.replace(/^http:/i, "https:")));
  });
}

interface Region {
  name: string;
  url: string;
  /** A server's own URL, or the value its variable defaults to: the first such region is the client's default. */
  isDefault: boolean;
  /** The server it is (or a value of whose variable it is), and where its name came from. */
  server: ServerObject;
  named: string;
  /** The server's URL as written, variables and all. */
  written: string;
  /** The variable a URL starts with (`{Endpoint}/v1`), and the value it was given: it stands for the host. */
  hostVariable?: { name: string; value: string };
}

/**
 * The variable whose values are a server's regions: the first its `variables` declare with several values
 * (`enum`) that its URL uses; none when an overlay named the server's region (`x-switchboard-region`).
 */
export function regionVariable(server: ServerObject): string | undefined {
  if (typeof server["x-switchboard-region"] === "string") return undefined;
  return Object.entries(server.variables ?? {}).find(
    ([name, v]) => (v.enum?.length ?? 0) > 1 && server.url.includes(`{${name}}`),
  )?.[0];
}

/**
 * What tells each server's host apart from the others': its labels without those every host shares at the
 * start and at the end (`eu` for `api.eu.synthflow.ai` beside `api.synthflow.ai` and `api.us.synthflow.ai`;
 * empty for `api.synthflow.ai` itself, and for every server when all share one host).
 */
function hostParts(servers: ServerObject[]): string[] {
  const hosts = servers.map(
    (server) =>
      /^[a-z][a-z\d+.-]*:\/\/([^/:?#]+)/i.exec(serverUrl(server))?.[1]?.toLowerCase().split(".") ?? [],
  );
  // One server (or none: Math.min of nothing is Infinity, and the loop below would never end) has no other
  // host to differ from.
  if (hosts.length < 2) return hosts.map(() => "");
  const shortest = Math.min(...hosts.map((labels) => labels.length));
  const shared = (at: (labels: string[], n: number) => string | undefined, limit: number) => {
    let n = 0;
    while (n < limit && hosts.every((labels) => at(labels, n) === at(hosts[0]!, n))) n++;
    return n;
  };
  const start = shared((labels, n) => labels[n], shortest);
  const end = shared((labels, n) => labels[labels.length - 1 - n], shortest - start);
  // One label is a name (`eu`, `sandbox`); several (`cn-north-1.example.test.cn` beside `.example.test`) are
  // a different domain, which names nothing.
  return hosts.map((labels) => {
    const own = labels.slice(start, labels.length - end);
    return own.length === 1 ? kebabCase(own[0]!) : "";
  });
}

/** A host part that names a place: `us`, `eu`, `au1`, `us-east-1`, `ap-southeast-2`, `emea`. */
const REGION_CODE = /^(?:[a-z]{2}\d{0,2}|[a-z]{2,4}(?:-[a-z]+)+-?\d+|emea|apac|amer|latam)$/;

function regionsOf(server: ServerObject, i: number, count: number, parts: string[]): Region[] {
  const hostPart = parts[i]!;
  const explicit = server["x-switchboard-region"];
  const url = (s: ServerObject) => serverUrl(s).replace(/\/+$/, "");
  const written = server.url;
  const leading = /^\{([^}]+)\}/.exec(written)?.[1];
  const hostVariable = (s: ServerObject) => {
    const value = leading === undefined ? undefined : s.variables?.[leading]?.default;
    return leading !== undefined && value !== undefined ? { name: leading, value } : undefined;
  };
  const variable = regionVariable(server);
  const values = variable === undefined ? undefined : server.variables![variable];
  if (variable && values?.enum) {
    return values.enum.map((value) => {
      const filled = {
        ...server,
        variables: { ...server.variables, [variable]: { ...values, default: value } },
      };
      return {
        name: kebabCase(value) || value,
        url: url(filled),
        isDefault: value === values.default,
        server,
        named: `a value of its variable \`${variable}\``,
        written,
        hostVariable: hostVariable(filled),
      };
    });
  }
  const described = kebabCase(server.description ?? "");
  const byDescription = [described, `described "${server.description}"`] as const;
  const byHost = [hostPart, `its host's \`${hostPart}\``] as const;
  // A description that is a sentence ("Deepgram EU endpoint (data processed in the European Union)") makes a
  // name nobody types; the host says the same in two letters.
  const [name, named] =
    typeof explicit === "string"
      ? [explicit, "its x-switchboard-region"]
      : count === 1
        ? ["default", "the one server"]
        : REGION_CODE.test(hostPart)
          ? byHost
          : described && described.split("-").length <= 3
            ? byDescription
            : hostPart
              ? byHost
              : i === 0 && parts.some(Boolean)
                ? ["default", "the first server, whose host the others' extend"]
                : described
                  ? byDescription
                  : [`server-${i + 1}`, "by its position"];
  return [
    { name, url: url(server), isDefault: true, server, named, written, hostVariable: hostVariable(server) },
  ];
}

/** Why the client cannot send a scheme's credential, and the ways through. */
function unsupportedScheme(
  doc: OpenApiDocument,
  name: string,
  scheme: any,
  requirements: Requirement[],
): string {
  const what = signsEachRequest(scheme)
    ? "AWS Signature Version 4, a signature of each request (sign calls in a `middleware`, e.g. with `@smithy/signature-v4`)"
    : scheme.type === "http"
      ? `HTTP ${scheme.scheme} authentication`
      : `a ${scheme.type} scheme`;
  const others = requirements.filter((r) => requirementCanApply(doc, r));
  const instead = others.length
    ? `declare one of the spec's other requirements instead (${others.map((r) => r.join(" + ")).join("; ")})`
    : "if the provider also accepts an API key or a token, declare that scheme with an overlay " +
      "(components.securitySchemes) and name it here";
  const tls =
    scheme.type === "mutualTLS"
      ? "; mutual TLS is fetch's to set up: pass your certificate in an undici Agent as the client option `requestInitExt: { dispatcher }`, " +
        "and declare `credentials: {}` once an overlay has removed this requirement"
      : signsEachRequest(scheme)
        ? "; or declare `credentials: {}` once an overlay has removed this requirement, and sign each call in your middleware"
        : "";
  return (
    `credentials.${name}: "${name}" is ${what}, which the client cannot send (it sends API keys, HTTP Basic, ` +
    `and tokens after a word such as Bearer); ${instead}${tls}`
  );
}

/**
 * How credentials are sent: the schemes of the security requirement most operations send (`auth`) and of
 * the others some send (`otherAuth`), as `securityPlan` chooses them from the schemes the settings name, each
 * scheme's secret(s) under the option name(s) declared for it. The spec may offer several requirements; the
 * settings choose by naming their schemes.
 */
function authSchemes(
  doc: OpenApiDocument,
  provider: string,
  file: string,
  settings: ProviderSettings,
  problems: InputError[],
): { auth: AuthScheme[]; otherAuth: AuthScheme[][] } {
  const requirements = securityRequirements(doc);
  const declared = [...settings.credentials.keys()];
  const plan = securityPlan(doc, new Set(declared));
  if (!plan.main) {
    if (requirements.length === 0 && declared.length === 0) return { auth: [], otherAuth: [] };
    // A scheme already declared keeps the option it has (renaming it would break every caller's code).
    const lines = (r: Requirement) =>
      [...suggestedCredentials(doc, r)]
        .map(([scheme, suggested]) => {
          const c = settings.credentials.get(scheme) ?? suggested;
          return `  ${scheme}: ${"name" in c ? c.name : `{ username: ${c.username}, password: ${c.password} }`}`;
        })
        .join("\n");
    // What was declared is part of a requirement that needs more (a scheme the spec added beside it).
    const wider = requirements.find((r) => declared.length > 0 && declared.every((name) => r.includes(name)));
    const offered = wider
      ? `the spec's requirement ${wider.join(" + ")} also needs ${wider.filter((name) => !declared.includes(name)).join(" + ")}: ` +
        `declare it beside what is there, e.g.\ncredentials:\n${lines(wider)}`
      : requirements.length
        ? `the spec's security requirements are ${requirements.map((r) => r.join(" + ")).join("; ")}. ` +
          `Declare the one the client uses, e.g.\ncredentials:\n${lines(requirements[0]!)}`
        : "the spec applies no security scheme: use `credentials: {}`";
    // A name the spec has no scheme of (a typo, most often) is where the problem is, and what it meant.
    const schemes = Object.keys(doc.components?.securitySchemes ?? {});
    const unknown = declared.find((name) => !schemes.includes(name));
    const near = unknown === undefined ? undefined : nearestName(unknown, schemes);
    problems.push(
      new InputError(
        settings.file,
        (declared.length
          ? `credentials: declares ${declared.join(" + ")}, which is not ${wider ? "a whole" : "a"} security requirement of ${provider}'s spec` +
            (unknown === undefined
              ? "; "
              : ` (it has no scheme ${unknown}${near ? `: did you mean ${near}?` : ""}); `)
          : // `credentials: {}`, written when the spec had no security: a newer version now requires some.
            `credentials: {} says the API takes no credentials, but ${provider}'s spec requires some (a newer version of it may have added them); `) +
          offered,
        settings.lineOf(unknown === undefined ? ["credentials"] : ["credentials", unknown]),
      ),
    );
    return { auth: [], otherAuth: [] };
  }
  for (const name of plan.unused) {
    problems.push(
      new InputError(
        settings.file,
        `credentials.${name}: no operation sends this scheme: each operation sends the first of its security ` +
          `requirements whose schemes are all named here, and none sends one with ${name}. Remove it, or also ` +
          "name the schemes it goes with",
        settings.lineOf(["credentials", name]),
      ),
    );
  }
  const converted = new Map<string, AuthScheme[]>();
  // Each way of sending once: schemes that send one secret alike (sharedSecretProblems) are one header.
  const schemesOf = (requirement: Requirement) =>
    requirement
      .flatMap((name) => {
        if (!converted.has(name)) converted.set(name, convert(name));
        return converted.get(name)!;
      })
      .filter((scheme, i, all) => all.findIndex((other) => isDeepStrictEqual(other, scheme)) === i);
  const convert = (name: string): AuthScheme[] => {
    const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
    const names = settings.credentials.get(name)!;
    const at = settings.lineOf(["credentials", name]);
    if (!scheme) {
      problems.push(new InputError(file, `security requirement names an undeclared scheme "${name}"`));
      return [];
    }
    const basic = scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic";
    if (basic !== "username" in names) {
      problems.push(
        new InputError(
          settings.file,
          basic
            ? `credentials.${name}: an HTTP basic scheme has two halves: \`${name}: { username: <name>, password: <name> }\``
            : `credentials.${name}: a ${scheme.type} scheme has one secret: \`${name}: <name>\``,
          at,
        ),
      );
      return [];
    }
    if (!clientCanApply(scheme)) {
      problems.push(new InputError(settings.file, unsupportedScheme(doc, name, scheme, requirements), at));
      return [];
    }
    if ("username" in names) return [{ type: "basic", username: names.username, password: names.password }];
    // A scheme word before the credential: an HTTP scheme's own (`Token`), or the one an API key in
    // `Authorization` is documented with ("Authorization: Token <API_KEY>"), without which every call is refused.
    const word =
      scheme.type === "apiKey"
        ? scheme.in === "header" && /^authorization$/i.test(String(scheme.name))
          ? documentedSchemeWord(scheme.description)
          : undefined
        : httpSchemeWord(scheme);
    if (scheme.type === "apiKey" && word === undefined)
      return [{ type: "apiKey", in: scheme.in, name: scheme.name, credential: names.name }];
    return [
      {
        type: "bearer",
        credential: names.name,
        ...(word && word.toLowerCase() !== "bearer" ? { scheme: word } : {}),
      },
    ];
  };
  const auth = schemesOf(plan.main);
  const otherAuth = plan.others.map(schemesOf);
  sharedSecretProblems(converted, settings, problems);
  return { auth, otherAuth };
}

/**
 * The scheme word an API key sent in `Authorization` is documented with: "Authorization: Token <API_KEY>",
 * "Format: `Bearer {token}`", "ApiKey YOUR_KEY". A capitalised word (or bearer, token, key in any case)
 * directly before a placeholder for the secret; undefined where the description shows none, and for
 * `Basic` (a key already encoded as Basic's is sent as it is).
 */
function documentedSchemeWord(description: unknown): string | undefined {
  if (typeof description !== "string") return undefined;
  const placeholder =
    /(?:^|[\s"'`:(])([A-Za-z][\w-]*) +(?:<[^<>\n]+>|\{\{?[^{}\n]+\}\}?|\[[^[\]\n]+\]|\$\{?[A-Z_]+\}?|YOUR[\w -]*?(?:KEY|TOKEN|SECRET)\b|(?:your|the|my)[_ -](?:api[_ -])?(?:key|token|secret)\b|api[_-]?key\b|x{3,})/gi;
  for (const [, word] of description.matchAll(placeholder)) {
    if (/^(?:bearer|token|key)$/i.test(word!)) return word;
    if (!/^[A-Z]/.test(word!) || SCHEMELESS_WORDS.has(word!.toLowerCase())) continue;
    return word!.toLowerCase() === "basic" ? undefined : word;
  }
  return undefined;
}

/** Capitalised words a description puts before a placeholder that are no scheme ("Authorization: <key>"). */
const SCHEMELESS_WORDS = new Set(
  "authorization header headers format example e.g use set pass send include provide replace with your the value is as a an and or in of for to".split(
    " ",
  ),
);

/** How a scheme sends its secret: one option may serve several schemes only where this is the same. */
const sentAs = (scheme: AuthScheme) =>
  scheme.type === "apiKey"
    ? `${scheme.in} ${scheme.in === "header" ? scheme.name.toLowerCase() : scheme.name}`
    : scheme.type === "bearer"
      ? `header authorization (${scheme.scheme ?? "Bearer"})`
      : "header authorization (Basic)";

/**
 * One option named for several schemes sends one secret for all: right where they send it alike (Google's
 * `Oauth2` and `Oauth2c`, two OAuth2 flows every operation requires together, one bearer token), a mistake
 * where they send it differently (an API key in a header and in the query are most likely two keys).
 */
function sharedSecretProblems(
  converted: ReadonlyMap<string, AuthScheme[]>,
  settings: ProviderSettings,
  problems: InputError[],
): void {
  const byOption = new Map<string, Array<[scheme: string, sent: string]>>();
  for (const [name, schemes] of converted)
    for (const scheme of schemes)
      if (scheme.type !== "basic")
        byOption.set(scheme.credential, [...(byOption.get(scheme.credential) ?? []), [name, sentAs(scheme)]]);
  for (const [option, schemes] of byOption) {
    if (new Set(schemes.map(([, sent]) => sent)).size <= 1) continue;
    const [, [second] = []] = schemes;
    problems.push(
      new InputError(
        settings.file,
        `credentials: \`${option}\` is named for ${schemes.map(([name, sent]) => `${name} (sent as the ${sent})`).join(" and ")}, ` +
          "which send it differently: one option serves several schemes only where they send one secret alike; name each its own",
        second === undefined ? undefined : settings.lineOf(["credentials", second]),
      ),
    );
  }
}
