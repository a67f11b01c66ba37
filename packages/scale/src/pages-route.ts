/**
 * The page-by-page route over a real document (`real-documents --pages`, and this package's pages-route
 * test): the document is split into the pages its documentation site would publish (documentation-pages.ts),
 * vendored from that site's index into a scratch repository of its own as a user following the route would
 * (`vendor --index <folder>`), generated and type-checked; then its package is compared with the one the
 * whole document gave. A merge of pages that loses, adds or changes anything shows as a difference.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { isObject, resolvePointer } from "@switchboard/codegen/openapi-document";
import { HTTP_METHODS } from "@switchboard/mock";
import { parse } from "yaml";
import { documentationSite, type PageStyle } from "./documentation-pages.js";
import { applyPrintedFixes, generateWithPrintedFixes } from "./printed-fixes.js";
import { bin, crashed, createWorkspace, runNode } from "./workspace.js";

/** What a generated package says its operations are. */
export interface GeneratedPackage {
  /** The rows of its `endpoints.ts`: method name → `[HTTP method, path, …]`, one line each, sorted. */
  rows: string[];
  /** Its bundled document, `src/generated/openapi.json`. */
  bundle: Record<string, unknown>;
  /** Its subpath modules (`src/generated/modules/<name>.ts`), sorted. */
  modules: string[];
  /** What its client is told about the provider (`provider.ts`): servers, credentials, auth, fills. */
  provider: string;
}

export function generatedPackage(packageDir: string): GeneratedPackage {
  const generated = join(packageDir, "src", "generated");
  const endpoints = readFileSync(join(generated, "endpoints.ts"), "utf8");
  const rows = /const rows = \{\n([\s\S]*?)\n\} as const/.exec(endpoints)?.[1] ?? "";
  return {
    rows: rows.split("\n").sort(),
    bundle: JSON.parse(readFileSync(join(generated, "openapi.json"), "utf8")) as Record<string, unknown>,
    modules: existsSync(join(generated, "modules")) ? readdirSync(join(generated, "modules")).sort() : [],
    provider:
      /export const provider = [\s\S]*?satisfies ProviderDefinition;/.exec(
        readFileSync(join(generated, "provider.ts"), "utf8"),
      )?.[0] ?? "",
  };
}

/**
 * An operation (of a path item whose references are followed) as OpenAPI applies it: the path item's other
 * fields under it, and its parameters after the path item's that it does not override (by name and place),
 * so a merge that moves path-level parameters into the operations is not a difference.
 */
function effective(item: any, method: string): unknown {
  const operation = item?.[method] ?? {};
  const own: any[] = Array.isArray(operation.parameters) ? operation.parameters : [];
  const shared: any[] = Array.isArray(item?.parameters) ? item.parameters : [];
  const key = (parameter: any) => `${parameter?.in}:${parameter?.name}`;
  const parameters = [...shared.filter((p) => !own.some((o) => key(o) === key(p))), ...own].sort((a, b) =>
    key(a).localeCompare(key(b)),
  );
  const fields = Object.fromEntries(
    Object.entries(item ?? {}).filter(
      ([name]) => !(HTTP_METHODS as readonly string[]).includes(name) && name !== "parameters",
    ),
  );
  // An empty list is none (an overlay that removes a page's one credential parameter leaves `[]`).
  const { parameters: _, ...rest } = operation;
  return { ...fields, ...rest, ...(parameters.length > 0 ? { parameters } : {}) };
}

/** An OpenAPI document file, parsed (JSON is YAML). */
export const readDocument = (file: string) => parse(readFileSync(file, "utf8")) as Record<string, unknown>;

/**
 * The documentation site of an OpenAPI 3 `document` read from `file` (documentation-pages.ts), saved in
 * `siteDir` as `vendor --index <folder>` reads a downloaded site: `llms.txt` and each page at its URL's path.
 */
export function writeDocumentationSite(
  document: Record<string, unknown>,
  file: string,
  siteDir: string,
  style: PageStyle = "mintlify",
) {
  const site = documentationSite(document, `https://api.example.com/${basename(file)}`, { style });
  for (const [path, text] of site.pages) {
    mkdirSync(dirname(join(siteDir, path)), { recursive: true });
    writeFileSync(join(siteDir, path), text);
  }
  writeFileSync(join(siteDir, "llms.txt"), site.index);
  return site;
}

/** A failed command's story: a crash's message and first frames, else the last lines it printed. */
function failure(stdout: string, stderr: string): string {
  const stack = stderr.search(/^\S*(Error|error)\b/m);
  if (crashed(stderr) && stack >= 0) return stderr.slice(stack).split("\n").slice(0, 8).join("\n");
  return (stdout + stderr).split("\n").slice(-12).join("\n");
}

/**
 * `--pages`: the document split into the pages its documentation site would publish (documentation-pages.ts)
 * and vendored from that site's index into a second scratch repository, as a user following the page-by-page
 * route would; its package must compile and have the same operations, each the same once every `$ref` is
 * followed, as the package generated from the whole document. Undefined when it does; else what differs.
 *
 * Where `vendor` or `generate` stops on the pages (a document without servers; Fern's pages, `style: "fern"`,
 * which carry each operation's credentials as its parameters), the route takes the fixes they print, as a
 * user on that route would; the package must then send each operation's credentials as the whole
 * document's does (schemes that send them alike, under names of their own), with the same operations and
 * inputs.
 */
export async function throughPages(
  file: string,
  provider: string,
  wholePackage: string,
  options: { keep?: boolean; style?: PageStyle; wholeMended?: boolean } = {},
): Promise<string | undefined> {
  // `wholeMended`: the whole document needed the fixes the generator printed; pages that need some where
  // it did not (Fern's apart) show what the route adds.
  const { keep = false, style = "mintlify", wholeMended = false } = options;
  const document = readDocument(file);
  if (typeof document.openapi !== "string") return "pages: skipped, not OpenAPI 3 (sites publish 3.x pages)";
  const ws = createWorkspace(provider, { prefix: "switchboard-pages-", specs: {}, keep });
  try {
    mkdirSync(join(ws.root, "specs"), { recursive: true });
    const siteDir = join(ws.root, "site");
    const site = writeDocumentationSite(document, file, siteDir, style);
    const env = { SWITCHBOARD_ROOT: ws.root, SWITCHBOARD_VENDOR_DATE: "2026-01-01" };
    const vendored = await runNode([bin.codegen, "vendor", "--index", siteDir, "--provider", provider], {
      cwd: ws.root,
      env,
    });
    // What stops the pages' vendor (its check: no servers, credentials as parameters) is what stopped the
    // whole document's, and is mended alike: only a crash or no page vendored says the route failed.
    if (vendored.code !== 0 && (!existsSync(join(ws.root, "specs", provider)) || crashed(vendored.stderr)))
      return `pages: vendor --index of ${site.pages.size} pages failed:\n${failure(vendored.stdout, vendored.stderr)}`;
    const { changed } = applyPrintedFixes(ws.root, vendored.stdout + vendored.stderr);
    const { generated, mended } = await generateWithPrintedFixes(ws.root, provider, env);
    const fixed = [...new Set([...changed, ...mended])];
    if (fixed.length > 0 && !wholeMended && style !== "fern")
      return `pages: stopped where the whole document did not, and took ${fixed.join(", ")}:\n${failure(vendored.stdout, vendored.stderr)}`;
    if (generated.code !== 0)
      return `pages: generate failed:\n${failure(generated.stdout, generated.stderr)}`;
    const pagesPackage = ws.packageDir(provider);
    const tsc = await runNode([bin.tsc, "--noEmit", "-p", "."], { cwd: pagesPackage });
    if (tsc.code !== 0)
      return `pages: the package does not type-check:\n${(tsc.stdout + tsc.stderr).split("\n").slice(0, 6).join("\n")}`;
    const differences = compareOperations(generatedPackage(wholePackage), generatedPackage(pagesPackage), {
      // Where a printed overlay declared the schemes (Fern's pages; NPR's, whose `oauth2` no page carries),
      // they are named otherwise than the document's; any other fix (servers) leaves the names alike.
      schemesAsSent: style === "fern" || fixed.includes("credentials.yaml"),
    });
    return differences.length === 0
      ? undefined
      : `pages: ${differences.length} differences from the whole document:\n${differences.slice(0, 6).join("\n")}`;
  } finally {
    if (keep) console.log(`         kept ${ws.packageDir(provider)} (pages)`);
    ws.remove();
  }
}

/**
 * What differs between two packages' operations: their rows (names, methods, paths, where inputs go), their
 * modules, what the client is told about the provider (`provider.ts`), and each operation, the servers, the
 * security and the schemes and tags operations use, once every `$ref` is followed (so a component
 * the merge renamed is the same component).
 */
export function compareOperations(
  whole: GeneratedPackage,
  pages: GeneratedPackage,
  options: { schemesAsSent?: boolean } = {},
): string[] {
  // With `schemesAsSent` (pages whose schemes a printed overlay declared: Fern's, or a document's without
  // any), the schemes an operation needs are compared by how they send their credentials, not by their
  // names, and the client's provider.ts, which names its options after them, not at all.
  const { schemesAsSent = false } = options;
  const differences: string[] = [];
  // Which of the client's requirements a row sends is its `auth`; compared by what they send, it goes.
  const rowsOf = (side: GeneratedPackage) => (schemesAsSent ? side.rows.map(withoutAuth) : side.rows);
  const [pageRows, wholeRows] = [new Set(rowsOf(pages)), new Set(rowsOf(whole))];
  for (const row of rowsOf(whole))
    if (!pageRows.has(row)) differences.push(`only in the whole document's: ${row.trim()}`);
  for (const row of rowsOf(pages))
    if (!wholeRows.has(row)) differences.push(`only in the pages': ${row.trim()}`);
  if (!schemesAsSent && whole.provider !== pages.provider) {
    const [a, b] = [whole.provider.split("\n"), pages.provider.split("\n")];
    const line = a.findIndex((text, i) => text !== b[i]);
    differences.push(
      `provider.ts: line ${line + 1} is ${a[line]?.trim()} from the whole document, ${b[line]?.trim()} from the pages`,
    );
  }
  if (whole.modules.join() !== pages.modules.join())
    differences.push(
      `modules: ${whole.modules.join(", ")} from the whole document, ${pages.modules.join(", ")} from the pages`,
    );
  const parts = (doc: Record<string, unknown>) => {
    const found = new Map<string, unknown>();
    // Only the tags and security schemes an operation uses: a page carries no others.
    const operations = Object.values((doc.paths ?? {}) as Record<string, Record<string, any>>).flatMap(
      (item) =>
        Object.values(item).filter(
          (value) => typeof value === "object" && value !== null && !Array.isArray(value),
        ),
    );
    const used = new Set(
      operations.flatMap((operation) => (Array.isArray(operation.tags) ? operation.tags : [])),
    );
    // By name (the merge lists them in an order of its own); none used is none at all.
    const tags = Object.fromEntries(
      (Array.isArray(doc.tags) ? doc.tags : [])
        .filter((tag: { name?: unknown }) => used.has(tag.name))
        .map((tag: { name?: unknown }) => [String(tag.name), tag]),
    );
    const named = new Set(
      [doc.security, ...operations.map((operation) => operation.security)].flatMap((list) =>
        Array.isArray(list) ? list.flatMap((requirement) => Object.keys(requirement ?? {})) : [],
      ),
    );
    const allSchemes = (doc.components as Record<string, any> | undefined)?.securitySchemes ?? {};
    const schemes = Object.fromEntries(Object.entries(allSchemes).filter(([name]) => named.has(name)));
    for (const [key, value] of Object.entries(
      schemesAsSent
        ? { servers: doc.servers, tags }
        : { servers: doc.servers, security: doc.security, schemes, tags },
    ))
      found.set(key, resolved(doc, value, []));
    // Each operation as OpenAPI applies it (`effective`); a path item without operations is nothing a page
    // shows.
    for (const group of ["paths", "webhooks"] as const)
      for (const [path, item] of Object.entries(
        (doc[group] ?? {}) as Record<string, Record<string, unknown>>,
      ))
        for (const method of Object.keys(item).filter((key) =>
          (HTTP_METHODS as readonly string[]).includes(key),
        ))
          found.set(
            `${group} ${method} ${path}`,
            schemesAsSent
              ? withSchemesAsSent(effective(resolved(doc, item, []), method), doc, allSchemes)
              : effective(resolved(doc, item, []), method),
          );
    return found;
  };
  const [wholeParts, pageParts] = [parts(whole.bundle), parts(pages.bundle)];
  for (const [key, part] of wholeParts) {
    if (!pageParts.has(key)) differences.push(`${key}: only in the whole document's bundle`);
    else {
      const where = firstDifference(part, pageParts.get(key), "");
      if (where !== undefined) differences.push(`${key}: differs at ${where}`);
    }
  }
  for (const key of pageParts.keys())
    if (!wholeParts.has(key)) differences.push(`${key}: only in the pages' bundle`);
  return differences;
}

/**
 * A row of `endpoints.ts` without its `auth` (`"auth":false`, `"auth":otherAuth(provider, 0)`): which of the
 * client's requirements an operation sends, which the schemes' names decide (Telnyx's `BearerAuth` and
 * `bearerAuth`, two requirements that send one token alike); `withSchemesAsSent` compares what they send.
 */
export function withoutAuth(row: string): string {
  return row
    .replace(/"auth":(?:false|otherAuth\(provider, \d+(?:, \{ optional: true \})?\)),?/, "")
    .replace(/,(\})/, "$1")
    .replace(/, \{\}\]/, "]");
}

/**
 * An operation with its `security` (its own, else the document's) as how the schemes of its first
 * alternative send their credentials, which is all a page of Fern's says: an API key by its place and name,
 * a token (HTTP bearer, OAuth2, OpenID Connect) as `Authorization: Bearer`, HTTP basic as such, any other
 * scheme as it is written, less its description.
 */
function withSchemesAsSent(
  operation: unknown,
  doc: Record<string, unknown>,
  schemes: Record<string, unknown>,
): unknown {
  const { security, ...rest } = (isObject(operation) ? operation : {}) as Record<string, unknown>;
  const alternatives = Array.isArray(security) ? security : Array.isArray(doc.security) ? doc.security : [];
  const first: unknown = alternatives[0];
  const kinds = Object.keys(isObject(first) ? first : {})
    // A client certificate (`mutualTLS`) travels in TLS: no request carries it, as no page writes it.
    .filter((name) => !(isObject(schemes[name]) && schemes[name].type === "mutualTLS"))
    .map((name) => {
      const scheme = (isObject(schemes[name]) ? schemes[name] : {}) as Record<string, unknown>;
      const http = scheme.type === "http" ? String(scheme.scheme).toLowerCase() : undefined;
      if (scheme.type === "apiKey")
        return `apiKey ${scheme.in} ${scheme.in === "header" ? String(scheme.name).toLowerCase() : scheme.name}`;
      if (http === "bearer" || scheme.type === "oauth2" || scheme.type === "openIdConnect") return "bearer";
      if (http === "basic" || http === "digest") return http;
      const { description: _, ...written } = scheme;
      return JSON.stringify(written, Object.keys(written).sort());
    })
    // Two schemes that send one token alike (Google's `Oauth2` and `Oauth2c`) send it once.
    .filter((kind, i, all) => all.indexOf(kind) === i)
    .sort();
  return { ...rest, security: kinds };
}

/**
 * Where the generator records how it named an operation: a page's title or the summary when the operationId
 * is missing or a bare verb. The names themselves are compared as the rows, and an operationId the
 * generator replaced as the one the document gave (`x-switchboard-operation-id`): AWS's `Search`, named
 * `search` from its page's title on the page route only.
 */
const ORIGINAL_OPERATION_ID = "x-switchboard-operation-id";
const NAMING_RECORDS = new Set([ORIGINAL_OPERATION_ID, "x-switchboard-name-from"]);

/** `value` with its local `$ref`s replaced by what they name, to a depth of 6 refs; a ref within itself is `{$cycle}`. */
function resolved(doc: unknown, value: unknown, stack: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => resolved(doc, item, stack));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$ref === "string" && record.$ref.startsWith("#/")) {
    const ref = record.$ref;
    if (stack.includes(ref)) return { $cycle: stack.length - stack.indexOf(ref) };
    if (stack.length >= 6) return { $deep: true };
    const target: unknown = resolvePointer(doc as object, ref);
    const { $ref: _, ...siblings } = record;
    return {
      ...(resolved(doc, target, [...stack, ref]) as object),
      ...(resolved(doc, siblings, stack) as object),
    };
  }
  // A discriminator's mapping names components, which a merge may rename: its tags stay, via the schemas.
  const { mapping: _, ...discriminator } = (
    isObject(record.discriminator) ? record.discriminator : {}
  ) as Record<string, unknown>;
  const given = ORIGINAL_OPERATION_ID in record ? { operationId: record[ORIGINAL_OPERATION_ID] } : {};
  return Object.fromEntries(
    Object.entries({ ...(isObject(record.discriminator) ? { ...record, discriminator } : record), ...given })
      .filter(([key]) => !NAMING_RECORDS.has(key))
      .map(([key, child]) => [key, resolved(doc, child, stack)]),
  );
}

/** The JSON pointer of the first place `a` and `b` differ (object keys in any order), or undefined. */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return Object.is(a, b)
      ? undefined
      : `${at || "/"} (${JSON.stringify(a)?.slice(0, 60)} ≠ ${JSON.stringify(b)?.slice(0, 60)})`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at || "/"} (a list and an object)`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const where = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${at}/${key}`,
    );
    if (where !== undefined) return where;
  }
  return undefined;
}
