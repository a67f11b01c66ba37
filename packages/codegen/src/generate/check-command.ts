/**
 * `switchboard-codegen check [<provider>...]`: everything `generate` does to a provider's specs (overlays,
 * merging, the structural checks, the settings file, the operation table, the types), short of writing its
 * package; every problem is listed at once, each at its file and line. `vendor` runs it on the providers it
 * vendored into, so a broken document is reported when it arrives, with the overlays that fix it. Each
 * provider is checked on its own: one's problems never hide another's.
 */
import { InputError, InputErrors, problemCount } from "../errors.js";
import { FOLDER_NAME, FOLDER_NAME_RULE, RepoLayout, repoRoot } from "../repo-layout.js";
import { deref, type OpenApiDocument, operationKey, operationsOf } from "../spec/openapi-document.js";
import { securityRequirements } from "../spec/security-plan.js";
import {
  requirementCanApply,
  unauthenticatedOperations,
  unauthenticatedSummary,
} from "../spec/settings-suggestions.js";
import { loadProvider } from "./generate-command.js";
import { type GeneratedFiles, renderProvider } from "./generated-files.js";
import type { SkippedOperation } from "./operation-table.js";

export interface CheckResult {
  readonly provider: string;
  readonly operations?: number;
  /** What the spec declares that the client leaves out, with why (a WebSocket endpoint, a TRACE). */
  readonly skipped?: SkippedOperation[];
  /** Method name → `METHOD /path`, with the bundled document that named them (for `vendor`'s report). */
  readonly methods?: Readonly<Record<string, string>>;
  readonly document?: OpenApiDocument;
  /** Its webhooks' events, and why there is no verifier where there is none. */
  readonly webhooks?: GeneratedFiles["webhooks"];
  /** Operations none of whose security requirements the settings' credentials meet, by what they need. */
  readonly unauthenticated?: string[];
  /** The document declares no security scheme at all: its client sends no credentials. */
  readonly declaresNoSecurity?: true;
  /** The schemes the document declares where no operation requires any: its client sends no credentials. */
  readonly unrequiredSchemes?: string[];
  /** What the types leave loose (operations answering by examples alone; cookie parameters), as notes. */
  readonly loose?: string[];
  readonly error?: InputError;
}

export async function checkProvider(root: string, provider: string): Promise<CheckResult> {
  try {
    const { bundle, settings } = await loadProvider(root, provider);
    const { operations, skipped, webhooks } = await renderProvider(bundle, settings);
    const methods = Object.fromEntries(operations.map((op) => [op.name, operationKey(op)]));
    // A page added later may bring a scheme the settings do not name (they are written once, when the
    // provider is added): the client would send its own credential to those operations, and be refused.
    const unauthenticated = unauthenticatedSummary(
      unauthenticatedOperations(bundle.document, new Set(settings.credentials.keys())).filter(({ needs }) =>
        requirementCanApply(bundle.document, needs),
      ),
    );
    // GitHub's published document declares none, though most of its API needs a token: said, not silent.
    const schemes = (bundle.document.components as { securitySchemes?: object } | undefined)?.securitySchemes;
    const declaresNoSecurity = Object.keys(schemes ?? {}).length === 0 && operations.length > 0;
    // ZoomConnect's declares its `email` and `token` headers, and no `security` applies them: as silent.
    const unrequiredSchemes =
      !declaresNoSecurity && operations.length > 0 && securityRequirements(bundle.document).length === 0
        ? Object.keys(schemes ?? {})
        : [];
    const loose = looselyTyped(bundle.document);
    return {
      provider,
      unauthenticated,
      ...(declaresNoSecurity ? { declaresNoSecurity } : {}),
      ...(unrequiredSchemes.length ? { unrequiredSchemes } : {}),
      ...(loose.length ? { loose } : {}),
      operations: operations.length,
      skipped,
      methods,
      document: bundle.document,
      ...(webhooks ? { webhooks } : {}),
    };
  } catch (error) {
    if (error instanceof InputError) return { provider, error };
    throw error;
  }
}

/**
 * What generates cleanly and is still typed loosely, said where `vendor` and `check` report (ClickSend's 205
 * operations and Stoplight's answer by examples alone, and every `data` was `unknown` without a word):
 * - operations whose JSON answers have examples and no schema: `data` is `unknown`;
 * - cookie parameters, which a method takes no input for (the client sends the cookies of its credentials only).
 */
function looselyTyped(doc: OpenApiDocument): string[] {
  const exampleOnly: string[] = [];
  const cookies = new Map<string, string[]>();
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    const answers = Object.entries<any>(operation.responses ?? {})
      .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
      .flatMap(([, response]) => Object.entries<any>(deref(doc, response)?.content ?? {}))
      .filter(([type]) => /[/+]json\b/i.test(type));
    if (
      answers.length > 0 &&
      answers.every(([, media]) => !media?.schema && (media?.example ?? media?.examples))
    )
      exampleOnly.push(at);
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const param = deref(doc, raw);
      if (param?.in === "cookie")
        cookies.set(String(param.name), [...(cookies.get(String(param.name)) ?? []), at]);
    }
  }
  const some = (list: string[]) =>
    `${list.length} operation${list.length === 1 ? "" : "s"} (${list.slice(0, 3).join(", ")}${list.length > 3 ? `, and ${list.length - 3} more` : ""})`;
  const notes: string[] = [];
  if (exampleOnly.length) {
    const one = exampleOnly.length === 1;
    notes.push(
      `${some(exampleOnly)} ${one ? "documents its answer" : "document their answers"} by examples alone, with no schema: ` +
        `${one ? "its" : "their"} \`data\` is typed \`unknown\`; an overlay can give each answer its schema`,
    );
  }
  for (const [name, list] of cookies)
    notes.push(
      `${some(list)} ${list.length === 1 ? "takes" : "take"} the cookie parameter \`${name}\`, which no method has an input for: ` +
        `send it in a call's \`headers: { Cookie: "${name}=…" }\``,
    );
  return notes;
}

/** Checks each provider, prints the outcome, and sets a failing exit code when any has problems. */
export async function runChecks(root: string, providers: readonly string[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const provider of providers) {
    const result = await checkProvider(root, provider);
    results.push(result);
    printCheckResult(result);
  }
  return results;
}

/** What a check found, as `check` (and `vendor`, after it) prints it; problems set a failing exit code. */
export function printCheckResult(result: CheckResult): void {
  const { provider } = result;
  if (result.error) {
    const count = result.error instanceof InputErrors ? problemCount(result.error.errors) : 1;
    console.error(
      `${provider}: ${count} problem${count === 1 ? "" : "s"} to fix before it generates ` +
        `(overlays in specs/${provider}/overlays/, settings in specs/${provider}/switchboard.yaml):`,
    );
    console.error(`error: ${result.error.message}`);
    process.exitCode = 1;
  } else {
    const one = result.operations === 1;
    console.log(
      `${provider}: checked, ${result.operations} operation${one ? " generates" : "s generate"} cleanly`,
    );
    for (const s of result.skipped ?? []) console.log(`  left out: ${s.method} ${s.path}: ${s.reason}`);
    for (const line of result.unauthenticated ?? [])
      console.log(
        `  note: ${line}, which specs/${provider}/switchboard.yaml does not name under \`credentials:\`: ` +
          "the client would send its own credential to them, and be refused; name the scheme there with its option",
      );
    if (result.declaresNoSecurity)
      console.log(
        "  note: the document declares no security scheme, so the client sends no credentials; if the API " +
          "needs them (most do), declare its scheme with an overlay (components.securitySchemes and security) " +
          `and name it under \`credentials:\` in specs/${provider}/switchboard.yaml (README: Fixing a provider's spec)`,
      );
    if (result.unrequiredSchemes) {
      const schemes = result.unrequiredSchemes;
      const requirement = `{ ${schemes.map((name) => `${/^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name)}: []`).join(", ")} }`;
      console.log(
        `  note: the document declares ${schemes.length === 1 ? "the security scheme" : "the security schemes"} ` +
          `${schemes.join(", ")} but no \`security\` applies ${schemes.length === 1 ? "it" : "any"}, so the client ` +
          "sends no credentials; if the API needs them, apply them with an overlay (target `$`, " +
          `\`update: { security: [${requirement}] }\`, naming the schemes each call sends) and name them under ` +
          `\`credentials:\` in specs/${provider}/switchboard.yaml (README: Fixing a provider's spec)`,
      );
    }
    for (const line of result.loose ?? []) console.log(`  note: ${line}`);
    const { webhooks } = result;
    if (webhooks) {
      const events = `${webhooks.events} webhook event${webhooks.events === 1 ? "" : "s"}`;
      console.log(
        webhooks.verified
          ? `  ${events}, verified as the spec says they are signed`
          : `  ${events}, no verifier${webhooks.noteAt ? ` (${webhooks.noteAt})` : ""}: ${webhooks.note}`,
      );
    }
  }
}

export async function runCheckCli(args: string[]): Promise<void> {
  const root = repoRoot();
  for (const provider of args) {
    if (!FOLDER_NAME.test(provider))
      throw new InputError("(command line)", `"${provider}" is not a provider name: ${FOLDER_NAME_RULE}`);
  }
  await runChecks(root, args.length ? args : new RepoLayout(root).providers());
}
