/**
 * Which credentials each operation's calls send, from the security schemes the provider's settings name
 * (`credentials:` in switchboard.yaml). An operation sends the first of its security requirements (its own
 * `security`, else the document's) whose every scheme the settings name; the requirement the most
 * operations send is the client's default (`ProviderDefinition.auth`, needed to make a client), and any
 * other an operation sends is one of `otherAuth`, which its row names (App Center: an API token for 346
 * operations, HTTP Basic for its 6 token endpoints). An operation none of whose requirements the settings
 * name sends the default, as a client of one requirement always did (endpoints.ts lists such operations),
 * unless its security also lists `{}`: then it sends nothing.
 */
import { type OpenApiDocument, operationsOf } from "./openapi-document.js";

/**
 * A list the document should hold, or none: suggestions run before the checks, which report a field of the
 * wrong shape at its line, so they read such a field as empty rather than fail on it.
 */
export const listOf = (value: unknown): any[] => (Array.isArray(value) ? value : []);
/** A list of requirements, each an object of scheme names; anything else left to the checks (see listOf). */
export const requirementsOf = (value: unknown): Array<Record<string, unknown>> =>
  listOf(value).filter((r) => r !== null && typeof r === "object" && !Array.isArray(r));

/** A security requirement: the schemes that apply together, in the spec's order. */
export type Requirement = readonly string[];

/** Every distinct non-empty security requirement: the document's first, then the operations' in order. */
export function securityRequirements(doc: OpenApiDocument): Requirement[] {
  const all = [
    ...requirementsOf(doc.security),
    ...[...operationsOf(doc)].flatMap(({ operation }) => requirementsOf(operation.security)),
  ];
  const seen = new Set<string>();
  const out: Requirement[] = [];
  for (const requirement of all) {
    const schemes = Object.keys(requirement ?? {});
    const key = keyOf(schemes);
    if (schemes.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(schemes);
  }
  return out;
}

export interface SecurityPlan {
  /** The requirement most operations send (`ProviderDefinition.auth`); none when no operation sends one. */
  readonly main: Requirement | undefined;
  /** The other requirements some operations send (`ProviderDefinition.otherAuth`), in the spec's order. */
  readonly others: readonly Requirement[];
  /**
   * By operation (`GET /path`, the spec's path): `false` for `security: []` (nothing sent), else the index in
   * `others` of the requirement it sends instead of `main` (`optional` where its security also lists `{}`,
   * which asks for nothing: a client without that requirement's credentials sends none); absent for those
   * that send `main`.
   */
  readonly byOperation: ReadonlyMap<string, OperationAuth>;
  /** Schemes the settings name that no operation sends: another requirement each operation takes first. */
  readonly unused: readonly string[];
  /**
   * By operation: the requirement whose credentials every call of it carries (not one whose security also
   * lists `{}`, where a client without them sends none); absent where none is.
   */
  readonly alwaysSent: ReadonlyMap<string, Requirement>;
}

/** What an operation sends when not the default: nothing, or another requirement. */
export type OperationAuth = false | { readonly other: number; readonly optional?: true };

const keyOf = (requirement: Requirement) => [...requirement].sort().join("\0");

export function securityPlan(doc: OpenApiDocument, declared: ReadonlySet<string>): SecurityPlan {
  const sent = new Map<string, false | { requirement: Requirement; optional: boolean }>();
  const uses = new Map<string, number>();
  // Operations none of whose requirements the settings name: they send the default.
  const defaulted: string[] = [];
  for (const { path, method, operation } of operationsOf(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    if (Array.isArray(operation.security) && operation.security.length === 0) {
      sent.set(at, false);
      continue;
    }
    const requirements: unknown[] = Array.isArray(operation.security)
      ? operation.security
      : Array.isArray(doc.security)
        ? doc.security
        : [];
    const listed = requirements.map((r) => (r !== null && typeof r === "object" ? Object.keys(r) : []));
    // `{}` among them makes credentials optional: those of a requirement named are still sent.
    const chosen = listed.find(
      (schemes) => schemes.length > 0 && schemes.every((name) => declared.has(name)),
    );
    if (!chosen) {
      // `{}` asks for nothing: where no requirement beside it is one the client sends (Telnyx's OAuth token
      // endpoint: its own client credentials, or none), it sends none, rather than the default's key.
      if (listed.some((schemes) => schemes.length === 0)) sent.set(at, false);
      else defaulted.push(at);
      continue;
    }
    sent.set(at, { requirement: chosen, optional: listed.some((schemes) => schemes.length === 0) });
    uses.set(keyOf(chosen), (uses.get(keyOf(chosen)) ?? 0) + 1);
  }
  // The spec's order breaks a tie, so the plan never depends on the order operations happen to be in.
  const requirements = securityRequirements(doc);
  const used = requirements.filter((r) => uses.has(keyOf(r)));
  const main =
    used.reduce<Requirement | undefined>(
      (best, r) => (best && uses.get(keyOf(best))! >= uses.get(keyOf(r))! ? best : r),
      undefined,
    ) ??
    // No operation sends one (a document of webhooks alone, or whose operations are all open): the
    // requirement the settings name is still the client's.
    requirements.find((r) => r.every((name) => declared.has(name)));
  if (main && !used.includes(main)) used.push(main);
  const others = used.filter((r) => r !== main);
  const byOperation = new Map<string, OperationAuth>();
  for (const [at, sends] of sent) {
    if (sends === false) byOperation.set(at, false);
    else if (keyOf(sends.requirement) !== keyOf(main!)) {
      const other = others.findIndex((r) => keyOf(r) === keyOf(sends.requirement));
      byOperation.set(at, sends.optional ? { other, optional: true } : { other });
    }
  }
  const alwaysSent = new Map<string, Requirement>();
  for (const [at, sends] of sent) if (sends && !sends.optional) alwaysSent.set(at, sends.requirement);
  // The default goes with every call of an operation that names none (Trello's, whose operations without
  // `security` take its `key` query parameter like the rest): a parameter where it goes is that credential.
  if (main) for (const at of defaulted) alwaysSent.set(at, main);
  const sends = new Set(used.flat());
  return {
    main,
    others,
    byOperation,
    unused: [...declared].filter((name) => !sends.has(name)),
    alwaysSent,
  };
}
