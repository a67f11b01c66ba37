/**
 * One method name per operation, unique across the provider, and operationIds made unique to match.
 *
 * Real specs repeat operationIds (Telnyx's `ListPhoneNumbers` names both `GET /phone_numbers` and
 * `GET /v2/whatsapp/phone_numbers`) or differ only in case (`getMdrUsageReports`, `GetMdrUsageReports`),
 * which openapi-typescript turns into a duplicate `operations` member (TS2300) and we would turn into one
 * method for two endpoints. A clashing name is qualified by what its own path has that the name does not
 * say (`listPhoneNumbersWhatsapp`); an operation whose path adds nothing keeps the plain name. Each
 * qualifier depends only on the operation's own path, never on the order of the document or on the other
 * operations in the clash, so a later version of the spec that adds or moves operations does not rename
 * the methods people already call.
 */
import { InputError } from "../errors.js";
import {
  fallbackOperationName,
  methodName,
  type NameSource,
  operationName,
  pascalCase,
  words,
} from "../naming.js";
import { type OpenApiDocument, type OperationRef, operationKey, operationsOf } from "./openapi-document.js";

/**
 * Names a client already has, which no method may take: @switchboard/core's own members (`baseUrl`,
 * `provider`, `operations`, `use`, `eject`, openapi-fetch's `request`, the verifier `webhooks`); `then`, which
 * would make every client a thenable that `await` calls; and Object.prototype's. A method of such a name
 * would be hidden by the member, or break it: it is named from its method and path instead
 * (`then` on `POST /then` → `postThen`). A test in test/surface.test.ts keeps this list in step with a real client.
 */
export const CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  "baseUrl",
  "provider",
  "operations",
  "use",
  "eject",
  "request",
  "webhooks",
  "then",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
]);

/** Two operations nothing in their documents or paths names apart (DaniWeb's `GET /users` and `GET /users/~`). */
export class NameClash extends InputError {
  constructor(
    file: string,
    readonly first: OperationRef,
    readonly second: OperationRef,
    readonly name: string,
  ) {
    super(
      file,
      `operations ${first.method.toUpperCase()} ${first.path} and ${second.method.toUpperCase()} ${second.path} would both be named "${name}"; ` +
        "give one of them another operationId with an overlay",
    );
  }
}

/** Records the operationId a renamed operation had in the provider's document. */
export const ORIGINAL_OPERATION_ID = "x-switchboard-operation-id";
/** Records where the generator took the name of an operation from, when not from the provider's operationId. */
export const NAME_SOURCE = "x-switchboard-name-from";

/**
 * Names the operations the provider gave no usable operationId (none, or a bare verb such as Fern's `list`)
 * from the title of the page about them, else from their summary (naming.ts, `methodName`), by writing that
 * name as their operationId, so the types, the table and the modules all use it. `pageTitles` maps
 * `METHOD /path` to the title of the page that documents that operation alone. Idempotent.
 */
export function nameFromDocumentation(doc: OpenApiDocument, pageTitles: ReadonlyMap<string, string>): void {
  for (const op of operationsOf(doc)) {
    const { operation } = op;
    const { name, from } = methodName(operation, op.method, op.path, pageTitles.get(operationKey(op)));
    if (from !== "page title" && from !== "summary") continue;
    if (operation.operationId !== undefined && operation[ORIGINAL_OPERATION_ID] === undefined)
      operation[ORIGINAL_OPERATION_ID] = operation.operationId;
    operation.operationId = name;
    operation[NAME_SOURCE] = from;
  }
}

/** Where an operation of a bundled document got its method name. */
export function nameSourceOf(operation: Record<string, unknown>): NameSource {
  const recorded = operation[NAME_SOURCE];
  if (recorded === "page title" || recorded === "summary" || recorded === "path") return recorded;
  return typeof operation.operationId === "string" ? "operationId" : "path";
}

const VERSION_SEGMENT = /^v\d+$/i;

/** A word and what it would be without a plural ending: paths say `connections` where names say `Connection`. */
const forms = (word: string) => [word, word.replace(/s$/, ""), word.replace(/es$/, "")];

/** The words of `path`'s literal segments that the method name does not already contain (in any number). */
function qualifier(name: string, path: string): string {
  const known = new Set(words(name).flatMap(forms));
  const isKnown = (w: string) => forms(w).some((form) => known.has(form));
  const extra: string[] = [];
  for (const segment of path.split("/")) {
    const literal = segment.replace(/\{[^}]*\}/g, " ");
    const segmentWords = words(literal);
    if (segmentWords.length === 0 || VERSION_SEGMENT.test(literal.trim())) continue;
    if (segmentWords.every(isKnown)) continue;
    for (const w of segmentWords) if (!extra.includes(w) && !isKnown(w)) extra.push(w);
  }
  return pascalCase(extra.join(" "));
}

/**
 * Names for operations whose paths differ by their version segments alone (`DELETE /numbers/{slug}` and
 * `DELETE /v3/numbers/{slug}`, one operationId): the earliest version (none before `v1`) keeps `name`, each
 * later one is named by its version (`deletePhoneNumberV3`). A provider adding a version of an operation
 * beside one already released does not rename the released method, as path-based names for both did.
 * Undefined unless there are several and their versions all differ.
 */
function versionNames(
  name: string,
  operations: readonly OperationRef[],
): Map<OperationRef, string> | undefined {
  if (operations.length < 2) return undefined;
  const versionOf = (op: OperationRef) =>
    op.path
      .split("/")
      .filter((segment) => VERSION_SEGMENT.test(segment))
      .map((segment) => segment.toLowerCase());
  const versions = operations.map(versionOf);
  if (new Set(versions.map((v) => v.join("/"))).size < operations.length) return undefined;
  const rank = (version: string[]) => (version.length ? Number(version.at(-1)!.slice(1)) : -1);
  const earliest = versions.reduce((best, version) => (rank(version) < rank(best) ? version : best));
  return new Map(
    operations.map((op, i) => [
      op,
      versions[i] === earliest ? name : `${name}${pascalCase(versions[i]!.join(" "))}`,
    ]),
  );
}

/**
 * The unique method name of every operation (in document order), after rewriting, in place, the
 * operationId of each operation whose name had to be qualified. Idempotent: a document it has already
 * rewritten yields the same names and is not changed again.
 */
export function uniqueOperationNames(doc: OpenApiDocument, file: string): Map<OperationRef, string> {
  const operations = [...operationsOf(doc)];
  const base = new Map(
    operations.map((op) => [op, operationName(op.operation.operationId, op.method, op.path)]),
  );
  const groups = new Map<string, OperationRef[]>();
  for (const op of operations) groups.set(base.get(op)!, [...(groups.get(base.get(op)!) ?? []), op]);

  const names = new Map<OperationRef, string>();
  for (const [name, group] of groups) {
    if (group.length === 1) {
      names.set(group[0]!, name);
      continue;
    }
    // The provider's own operationId keeps its name against names the generator took from a page title or a
    // summary: a page added later must not rename a method already released.
    const own = group.filter((op) => nameSourceOf(op.operation) === "operationId");
    if (own.length === 1) {
      for (const op of group) names.set(op, op === own[0] ? name : fallbackOperationName(op.method, op.path));
      continue;
    }
    const qualified = group.map((op) => [op, qualifier(name, op.path)] as const);
    const plain = qualified.filter(([, q]) => q === "");
    const byVersion = versionNames(
      name,
      plain.map(([op]) => op),
    );
    for (const [op, q] of qualified) {
      const sameQualifier = qualified.filter(([, other]) => other === q).length > 1;
      // Two operations whose paths add the same words (or nothing, both) are told apart by method and path,
      // unless only their versions differ.
      names.set(
        op,
        (q === "" && byVersion?.get(op)) ||
          (sameQualifier || (q === "" && plain.length > 1)
            ? fallbackOperationName(op.method, op.path)
            : `${name}${q}`),
      );
    }
  }

  const owner = new Map<string, OperationRef>();
  for (const op of operations) {
    let name = names.get(op)!;
    if ((owner.has(name) && name !== base.get(op)) || CLIENT_MEMBERS.has(name))
      name = fallbackOperationName(op.method, op.path);
    const clash = owner.get(name);
    if (clash) throw new NameClash(file, clash, op, name);
    owner.set(name, op);
    names.set(op, name);
  }

  for (const op of operations) {
    const name = names.get(op)!;
    if (name === base.get(op)) continue;
    const { operation } = op;
    if (operation.operationId === undefined) operation[NAME_SOURCE] ??= "path";
    else if (operation[ORIGINAL_OPERATION_ID] === undefined)
      operation[ORIGINAL_OPERATION_ID] = operation.operationId;
    operation.operationId = name;
  }
  return names;
}
