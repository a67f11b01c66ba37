/**
 * The changes a spec diff cannot see in the document's own structure: methods renamed because an operationId
 * changed, and the client options the spec's servers and security define (regions, credentials, how they are
 * sent, which path parameters a credential fills), compared as the generator derives them.
 */
import type { ProviderDefinition } from "@switchboard/core";
import { operationTable } from "../generate/operation-table.js";
import { providerDefinition } from "../generate/provider-definition.js";
import { serverVariables } from "../generate/server-variables.js";
import type { OpenApiDocument } from "../spec/openapi-document.js";
import { suggestedSettings } from "../spec/settings-suggestions.js";
import type { SpecChange } from "./bump.js";

/** Operations whose generated method name changed while the endpoint stayed: a rename for callers. */
export function operationRenames(before: OpenApiDocument, after: OpenApiDocument): SpecChange[] {
  const old = new Map(
    operationTable(before, "(previous spec)").map((op) => [`${op.method} ${op.path}`, op.name]),
  );
  const changes: SpecChange[] = [];
  for (const op of operationTable(after, "(new spec)")) {
    const previous = old.get(`${op.method} ${op.path}`);
    if (previous && previous !== op.name) {
      changes.push({
        bump: "major",
        subject: `\`${previous}\` (${op.method} ${op.path})`,
        text: `method renamed to \`${op.name}\``,
      });
    }
  }
  return changes;
}

/**
 * Regions, credentials, how they are sent and the path parameters they fill: the client options of two
 * provider definitions (the committed one and the regenerated one, when a sync compares packages).
 */
export function definitionChanges(a: ProviderDefinition, b: ProviderDefinition): SpecChange[] {
  const changes: SpecChange[] = [];
  // A region gone whose URL a new region has is a rename: a lone server is `default`, and a second server
  // names both by their descriptions (provider-definition.ts).
  const renamed = new Map<string, string>();
  for (const [region, url] of Object.entries(a.servers)) {
    if (region in b.servers) continue;
    const now = Object.entries(b.servers).find(
      ([name, next]) => next === url && !(name in a.servers) && ![...renamed.values()].includes(name),
    )?.[0];
    if (now) renamed.set(region, now);
  }
  for (const [region, url] of Object.entries(a.servers)) {
    const next = b.servers[region];
    const now = renamed.get(region);
    if (now)
      changes.push({
        bump: "major",
        text:
          `region \`${region}\` is now named \`${now}\` (the same ${url}): code passing \`region: "${region}"\` ` +
          `passes \`"${now}"\`; to keep the name, give that server \`x-switchboard-region: ${region}\` with an overlay`,
      });
    else if (next === undefined)
      changes.push({ bump: "major", text: `region \`${region}\` removed (was ${url})` });
    else if (next !== url)
      changes.push({ bump: "minor", text: `region \`${region}\` now uses ${next} (was ${url})` });
  }
  for (const [region, url] of Object.entries(b.servers)) {
    if (!(region in a.servers) && ![...renamed.values()].includes(region))
      changes.push({ bump: "minor", text: `region \`${region}\` added (${url})` });
  }
  if (a.defaultServer !== b.defaultServer && b.defaultServer in a.servers) {
    changes.push({
      bump: "major",
      text: `default region is now \`${b.defaultServer}\` (was \`${a.defaultServer}\`)`,
    });
  }
  for (const [name, { env }] of Object.entries(a.credentials)) {
    if (!(name in b.credentials))
      changes.push({ bump: "major", text: `credential \`${name}\` (${env}) removed` });
  }
  for (const [name, { env, optional }] of Object.entries(b.credentials)) {
    const before = a.credentials[name];
    // An optional credential is needed only by the calls of operations that send it (`otherAuth`).
    if (!before)
      changes.push(
        optional
          ? {
              bump: "minor",
              text: `new optional credential \`${name}\` (${env}), for the operations that send it`,
            }
          : { bump: "major", text: `new required credential \`${name}\` (${env})` },
      );
    else if (before.optional && !optional)
      changes.push({
        bump: "major",
        text: `credential \`${name}\` (${env}) is now required to make a client`,
      });
    else if (!before.optional && optional)
      changes.push({ bump: "minor", text: `credential \`${name}\` (${env}) is now optional` });
  }
  // A path parameter that stops being filled from a credential becomes required again in every method that
  // has it, so code that left it out stops compiling.
  for (const [param, credential] of Object.entries(a.pathCredentials)) {
    const next = b.pathCredentials[param];
    if (next === undefined)
      changes.push({
        bump: "major",
        text: `path parameter \`${param}\` is no longer filled from credential \`${credential}\`: callers pass it`,
      });
    else if (next !== credential)
      changes.push({
        bump: "major",
        text: `path parameter \`${param}\` is now filled from credential \`${next}\` (was \`${credential}\`)`,
      });
  }
  for (const [param, credential] of Object.entries(b.pathCredentials)) {
    if (!(param in a.pathCredentials))
      changes.push({
        bump: "minor",
        text: `path parameter \`${param}\` is filled from credential \`${credential}\` unless given`,
      });
  }
  // Each way of sending with the credential options it sends, so that the text changes whenever what is sent
  // does: a rename of the option alone read "now sent as header X-Auth-ID (was header X-Auth-ID)".
  const describeAuth = (auth: typeof a.auth) =>
    auth
      .map((s) =>
        s.type === "apiKey"
          ? `${s.in} ${s.name} (\`${s.credential}\`)`
          : s.type === "basic"
            ? `basic (\`${s.username}\`, \`${s.password}\`)`
            : `${s.scheme ?? "bearer"} (\`${s.credential}\`)`,
      )
      .join(" + ") || "none";
  if (describeAuth(a.auth) !== describeAuth(b.auth)) {
    changes.push({
      bump: "minor",
      text: `authentication is now sent as ${describeAuth(b.auth)} (was ${describeAuth(a.auth)})`,
    });
  }
  const describeOthers = (others: typeof a.otherAuth = []) => others.map(describeAuth).join("; ") || "none";
  if (describeOthers(a.otherAuth) !== describeOthers(b.otherAuth)) {
    changes.push({
      bump: "minor",
      text: `the other authentication some operations send is now ${describeOthers(b.otherAuth)} (was ${describeOthers(a.otherAuth)})`,
    });
  }
  return changes;
}

/**
 * A spec's provider definition as a provider without a settings file would get it: for comparing two specs
 * when the packages' own definitions are not at hand (each spec judged with its own suggested names).
 */
export function suggestedDefinition(
  doc: OpenApiDocument,
  provider: string,
  label: string,
): ProviderDefinition {
  return providerDefinition(doc, provider, label, suggestedSettings(doc));
}

/**
 * The options a provider's server variables are (server-variables.ts), compared: one gone, or a value it took
 * no longer allowed, breaks a caller that sets it; a new one, or a new value, is an addition.
 */
export function serverVariableChanges(
  before: OpenApiDocument,
  after: OpenApiDocument,
  a: ProviderDefinition,
  b: ProviderDefinition,
): SpecChange[] {
  const old = new Map((serverVariables(before, a)?.docs ?? []).map((v) => [v.option, v]));
  const now = new Map((serverVariables(after, b)?.docs ?? []).map((v) => [v.option, v]));
  const changes: SpecChange[] = [];
  for (const [option, v] of old) {
    const next = now.get(option);
    if (!next) {
      changes.push({
        bump: "major",
        text: `option \`${option}\` (\`{${v.name}}\` of the server URL, ${v.env}) removed`,
      });
      continue;
    }
    const gone = next.values ? (v.values ?? []).filter((value) => !next.values!.includes(value)) : [];
    if (next.values && !v.values)
      changes.push({
        bump: "major",
        text: `option \`${option}\` now takes only ${next.values.map((x) => `\`${x}\``).join(", ")}`,
      });
    else if (gone.length)
      changes.push({
        bump: "major",
        text: `option \`${option}\` no longer takes ${gone.map((x) => `\`${x}\``).join(", ")}`,
      });
    const added = v.values ? (next.values ?? []).filter((value) => !v.values!.includes(value)) : [];
    if (added.length)
      changes.push({
        bump: "minor",
        text: `option \`${option}\` also takes ${added.map((x) => `\`${x}\``).join(", ")}`,
      });
  }
  for (const [option, v] of now)
    if (!old.has(option))
      changes.push({
        bump: "minor",
        text: `option \`${option}\` added: \`{${v.name}}\` of the server URL, else ${v.env}, else \`${v.default}\``,
      });
  return changes;
}
