/**
 * `--index`: a whole documentation site vendored in one run. Every page the index lists is read (index.ts
 * modules above this one), the operation pages go through `planVendor` exactly as pages named on the command
 * line do, and, because the index is the site's complete list, a file vendored from the site whose page is no
 * longer listed, no longer embeds a spec or now documents other operations is removed.
 *
 * All or nothing: nothing is staged for writing unless every page was read and planned; with `keepGoing` the
 * pages that succeeded are planned and the failures reported. A page that failed, or that names an endpoint
 * without embedding its spec, never costs a vendored file: what cannot be read is not known to be gone.
 */

import { join } from "node:path";
import { InputError, InputErrors } from "../../errors.js";
import { type FetcherOptions, type FetchStats, PoliteFetcher } from "../../fetch/polite-fetcher.js";
import { type FileTransaction, isDirectory, readIfExists } from "../../file-transaction.js";
import { RepoLayout } from "../../repo-layout.js";
import { loadOverlays, type Overlay } from "../../spec/overlays.js";
import { type PlanOptions, planVendor, type VendorResult } from "../plan-vendor.js";
import { deriveProvider } from "../provider-name.js";
import { definitionKeys } from "../spec-summary.js";
import { type LoadedIndex, loadIndex, type PageRef } from "./index-source.js";
import { PageCache } from "./page-cache.js";
import { pageKey, type SitePolicy } from "./page-url.js";
import { type PageEvent, type PageResult, readPages, settleSharedOperations } from "./read-pages.js";
import { byPageKey, definitionsOf, loadVendoredPages, type VendoredPage } from "./vendored-pages.js";

export interface IndexArgs {
  /** URL, file or folder. */
  index: string;
  keepGoing: boolean;
  allowHosts: string[];
  /** Where an index file or folder was saved from: its relative links resolve against it. */
  site?: string | undefined;
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
}

export interface IndexRunOptions extends PlanOptions {
  args: IndexArgs;
  /** Fetcher settings beyond the command line's (tests shorten the backoff). */
  fetcher?: FetcherOptions;
  progress?: ProgressSink;
}

export interface ProgressSink {
  start(total: number): void;
  page(event: PageEvent): void;
  end(): void;
}

export interface IndexFailure {
  page: string;
  listedAt: string;
  reason: string;
}

export interface RemovedFile {
  specPath: string;
  /** What it defined: operations (`GET /calls`) and webhooks (`webhook call.completed`). */
  operations: string[];
  reason: string;
}

export interface IndexCounts {
  seen: number;
  vendored: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface IndexPlan {
  index: LoadedIndex;
  transaction: FileTransaction;
  vendored: VendorResult[];
  /** Providers whose vendored specs the plan changes, sorted. */
  providers: string[];
  pages: PageResult[];
  removed: RemovedFile[];
  notes: string[];
  /** New providers' settings files, written from their first page, with the fills to confirm (planVendor's). */
  settings: string[];
  failures: IndexFailure[];
  counts: IndexCounts;
  /** Spec paths (repository-relative) whose bytes the plan writes: vendored, not just re-recorded. */
  changedSpecs: ReadonlySet<string>;
  requests: FetchStats;
  /** Remembers the validators of pages nothing was vendored from; call once the plan is applied. */
  saveCache(): void;
}

const nameOf = (page: PageRef) => page.url ?? page.listedAt;
const list = (ops: readonly string[]) => ops.join(", ");

function fail(results: PageResult[], i: number, reason: string): void {
  results[i] = { page: results[i]!.page, kind: "failed", reason };
}

/**
 * Pages whose servers name a provider without a `specs/` folder, refused together: each page would fail the
 * same way, and the remedy (`--provider`) is one decision about the whole index. A webhook page often names
 * no server (the provider calls you; there is nothing to call): it belongs to the provider the site's other
 * pages name, when they name one.
 */
function checkProviders(results: PageResult[], options: IndexRunOptions): void {
  if (options.provider !== undefined) return;
  const layout = new RepoLayout(options.root);
  const unknown = new Map<string, { server: string; page: string }>();
  const named = new Set<string>();
  const serverless: Array<{ i: number; reason: string }> = [];
  results.forEach((result, i) => {
    if (result.kind !== "spec") return;
    const { serverUrl, operations } = result.source.spec;
    const guess = deriveProvider(serverUrl);
    if ("reason" in guess) {
      if (serverUrl === undefined && operations.length === 0) serverless.push({ i, reason: guess.reason });
      else fail(results, i, `cannot tell the provider: ${guess.reason}; pass --provider <name>`);
      return;
    }
    named.add(guess.provider);
    if (!isDirectory(layout.providerSpecs(guess.provider)) && !unknown.has(guess.provider)) {
      unknown.set(guess.provider, { server: result.source.spec.serverUrl ?? "", page: nameOf(result.page) });
    }
  });
  const [only, another] = named;
  for (const { i, reason } of serverless) {
    const result = results[i] as Extract<PageResult, { kind: "spec" }>;
    if (only !== undefined && another === undefined) {
      results[i] = { ...result, input: { ...result.input, provider: only } };
    } else {
      const others = named.size
        ? `the index's other pages are for ${[...named].join(", ")}`
        : "no other page names one";
      fail(results, i, `cannot tell the provider: ${reason}, and ${others}; pass --provider <name>`);
    }
  }
  if (unknown.size) {
    const names = [...unknown.keys()];
    const known = [...named].filter((name) => !unknown.has(name));
    const pages = [...unknown]
      .map(([name, { server, page }]) => `${name} (server ${server}, e.g. ${page})`)
      .join("; ");
    // Beside pages of a provider the project has, a page of another API is not a reason to file the whole
    // index under that API's name: say both ways through.
    const detail = known.length
      ? `most of the index's pages are for ${known.join(", ")}, but some name another API's server, for ` +
        `${names.length === 1 ? "a provider" : "providers"} without a specs/ folder: ${pages}. ` +
        `If they are ${known[0]}'s, pass --provider ${known[0]} to vendor every page under it; if they are another ` +
        `provider's, vendor those pages on their own (\`npm run vendor -- <page> --provider ${names[0]}\`) and the ` +
        `index with --provider ${known[0]}`
      : `the index's pages are for ${names.length === 1 ? "a provider" : "providers"} without a specs/ folder yet: ` +
        `${pages}; pass --provider ${names[0]} to vendor the index as a new provider`;
    throw new InputError(options.args.index, detail);
  }
}

/** The index's pages by page key (pageKey): what `planPages` and `removeGone` look a vendored file's page up in. */
const listedPages = (results: readonly PageResult[]) =>
  new Map(
    results.flatMap((result) => (result.page.url ? [[pageKey(result.page.url), result] as const] : [])),
  );

/**
 * `planVendor` over the operation pages. A page it refuses (a name clash, a partial overlap with a file
 * vendored by hand) is marked failed and the rest planned again, so every such page is reported, not only
 * the first.
 */
function planPages(
  results: PageResult[],
  options: IndexRunOptions,
  index: { complete: boolean; policy: SitePolicy },
) {
  const inputs = results.flatMap((result, i) => (result.kind === "spec" ? [{ i, input: result.input }] : []));
  // The pages whose files `removeGone` takes away (as it decides): not listed by a complete index, or listed
  // without a document. A file of such a page does not stop a page that takes its name.
  const listed = listedPages(results);
  const retired = (url: string) => {
    if (!index.complete || !/^https?:/i.test(url) || !index.policy.allows(url)) return false;
    const result = listed.get(pageKey(url));
    return !result || result.kind === "no-spec" || result.kind === "schema-only";
  };
  for (;;) {
    try {
      return planVendor(
        inputs.map((entry) => entry.input),
        {
          root: options.root,
          provider: options.provider,
          date: options.date,
          ...(options.cwd ? { cwd: options.cwd } : {}),
          retired,
        },
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // Each page failed with its own problems: one run's refusal may list several pages'.
      const byPage = new Map<number, InputError[]>();
      for (const problem of error instanceof InputErrors ? error.errors : [error]) {
        const at = inputs.findIndex((entry) => entry.input.file === problem.file);
        if (at < 0) throw error;
        byPage.set(at, [...(byPage.get(at) ?? []), problem]);
      }
      for (const [at, problems] of [...byPage].sort(([a], [b]) => b - a)) {
        fail(
          results,
          inputs[at]!.i,
          (problems.length === 1 ? problems[0]! : new InputErrors(problems)).message,
        );
        inputs.splice(at, 1);
      }
    }
  }
}

/** Removes what the site no longer documents; returns the removals and notes on what moved or stays. */
function removeGone(
  plan: ReturnType<typeof planVendor>,
  results: readonly PageResult[],
  prior: readonly VendoredPage[],
  policy: SitePolicy,
  options: Pick<IndexRunOptions, "root" | "provider">,
): { removed: RemovedFile[]; notes: string[] } {
  const { root } = options;
  const layout = new RepoLayout(root);
  const tx = plan.transaction;
  const listed = listedPages(results);
  const written = new Set(plan.results.map((r) => r.specPath));
  const removed: RemovedFile[] = [];
  const notes: string[] = [];

  // Files planVendor replaced with another page's document: say where their operations come from now.
  const priorBySpec = new Map(prior.flatMap((p) => (p.specPath ? [[layout.relative(p.specPath), p]] : [])));
  for (const result of plan.results) {
    for (const path of [result.specPath, ...result.removed]) {
      const old = priorBySpec.get(path);
      const now = result.provenance.url;
      if (!old?.pageUrl || !now || pageKey(old.pageUrl) === pageKey(now)) continue;
      // Only what the new page documents moved; a file it took the name of (its page retired) held other
      // operations, which the changeset reports as removed.
      const documented = new Set(
        definitionsOf({ operations: result.provenance.operations, webhooks: result.webhooks }),
      );
      const held = definitionsOf(old).filter((definition) => documented.has(definition));
      if (held.length === 0) continue;
      const gone = !listed.has(pageKey(old.pageUrl));
      notes.push(
        `${list(held)}: ${gone ? `${old.pageUrl} is no longer listed, but` : `besides ${old.pageUrl},`} ` +
          `${now} documents ${held.length === 1 ? "it" : "them"}; now vendored from there (${result.specPath})`,
      );
    }
  }

  const resultsByPage = new Map(
    plan.results.flatMap((r) => (r.provenance.url ? [[pageKey(r.provenance.url), r]] : [])),
  );
  for (const file of prior) {
    if (!file.specPath || !file.pageUrl || !/^https?:/i.test(file.pageUrl) || !policy.allows(file.pageUrl))
      continue;
    // `--provider` vendors the site into that provider: what other providers hold is not this run's to remove.
    if (options.provider !== undefined && file.provider !== options.provider) continue;
    if (tx.read(file.specPath) === undefined || written.has(layout.relative(file.specPath))) continue;
    const result = listed.get(pageKey(file.pageUrl));
    // A page saved and vendored by hand was never listed by an index (indexes leave pages out): not listed is
    // no sign that it is gone, so it is kept and said below. One the index or `vendor <url>` downloaded is.
    if (!result && file.fetchedUrl === null) continue;
    let reason: string;
    if (!result) reason = `${file.pageUrl} is no longer listed in the index`;
    else if (result.kind === "no-spec") reason = `${file.pageUrl} no longer embeds an OpenAPI block`;
    else if (result.kind === "schema-only")
      reason = `${file.pageUrl} no longer documents an operation or a webhook`;
    else if (result.kind === "duplicate") reason = `${nameOf(result.of)} defines ${result.same} alike`;
    else if (result.kind === "spec") {
      const now = definitionKeys(result.source.spec);
      const target = resultsByPage.get(pageKey(file.pageUrl));
      reason =
        target && target.provider !== file.provider
          ? `${file.pageUrl} is now vendored for ${target.provider} (${target.specPath})`
          : `${file.pageUrl} now documents ${list(now)} instead`;
    } else continue; // read-failed, unchanged or endpoint-only: the page still stands
    tx.remove(file.specPath);
    tx.remove(file.provenancePath);
    removed.push({
      specPath: layout.relative(file.specPath),
      operations: definitionsOf(file),
      reason,
    });
  }

  // Files of the same providers that did not come from this site: kept, but said, if this run did not
  // vendor their operations (the index is the complete list of the site, not of every file).
  const vendoredOps = new Set(plan.results.flatMap((r) => [...r.provenance.operations, ...r.webhooks]));
  const providers = new Set(plan.results.map((r) => r.provider));
  for (const file of prior) {
    if (!file.specPath || !providers.has(file.provider) || tx.read(file.specPath) === undefined) continue;
    const ofSite = !!file.pageUrl && /^https?:/i.test(file.pageUrl) && policy.allows(file.pageUrl);
    const savedByHand = ofSite && file.fetchedUrl === null && !listed.has(pageKey(file.pageUrl!));
    if (ofSite && !savedByHand) continue;
    const defined = definitionsOf(file);
    if (defined.some((op) => vendoredOps.has(op))) continue;
    notes.push(
      savedByHand
        ? `kept ${layout.relative(file.specPath)} (${list(defined)}): vendored by hand from a saved page, ${file.pageUrl}, which the index does not list; remove it if the API no longer has it`
        : `kept ${layout.relative(file.specPath)} (${list(defined)}): not vendored from ${policy.describe()}` +
            `${(file.source ?? file.pageUrl) ? ` (its source is ${file.source ?? file.pageUrl})` : ""}; remove it if the API no longer has it`,
    );
  }
  notes.push(...orphanedOverlays(root, removed));
  return { removed, notes };
}

/**
 * The overlays that `extends` a file this run removes: the provider no longer builds with them (their base is
 * gone), so each is named with what to do, rather than left for `generate` to stop on without the reason.
 */
function orphanedOverlays(root: string, removed: readonly RemovedFile[]): string[] {
  const layout = new RepoLayout(root);
  const notes: string[] = [];
  const providerOf = (file: RemovedFile) => layout.specProviderOf(join(root, file.specPath));
  for (const provider of new Set(removed.map(providerOf))) {
    if (provider === undefined) continue;
    const files = removed.filter((file) => providerOf(file) === provider);
    let overlays: Overlay[];
    try {
      overlays = loadOverlays(root, provider);
    } catch {
      continue; // an overlay that does not load is reported by the generate that follows, with its line
    }
    for (const file of files) {
      for (const overlay of overlays) {
        if (overlay.extends !== join(root, file.specPath)) continue;
        notes.push(
          `${layout.relative(overlay.parsed.path)} extends ${file.specPath}, removed: delete the overlay, or move the actions still needed to an overlay of the file that documents the operation now`,
        );
      }
    }
  }
  return notes;
}

export async function planIndex(options: IndexRunOptions): Promise<IndexPlan> {
  const { args, root } = options;
  let policy: SitePolicy | undefined;
  const fetcher = new PoliteFetcher({
    ...options.fetcher,
    ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
    ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
    mayFollow: (url) => policy?.refusal(url),
  });
  const index = await loadIndex(args.index, {
    cwd: options.cwd ?? process.cwd(),
    allowHosts: args.allowHosts,
    ...(args.site === undefined ? {} : { site: args.site }),
    fetcher,
  });
  policy = index.policy;
  const prior = loadVendoredPages(root);
  const cache = PageCache.load(root);

  options.progress?.start(index.pages.length);
  let results: PageResult[];
  try {
    results = await readPages(index.pages, {
      fetcher,
      mayFetch: index.mayFetch,
      // With --provider, only that provider's files count as the pages' earlier downloads.
      prior: byPageKey(
        options.provider === undefined ? prior : prior.filter((p) => p.provider === options.provider),
      ),
      cache,
      ...(options.progress ? { onPage: (event: PageEvent) => options.progress!.page(event) } : {}),
    });
  } finally {
    options.progress?.end();
  }

  checkProviders(results, options);
  settleSharedOperations(results);
  const plan = planPages(results, options, index);
  const { removed, notes } = index.complete
    ? removeGone(plan, results, prior, index.policy, options)
    : {
        removed: [],
        notes: [`${index.label} is a folder of pages without an index, so no vendored file is removed`],
      };

  const layout = new RepoLayout(root);
  // Vendored: the spec's bytes are new (a refreshed ETag alone rewrites only the provenance: unchanged).
  const changedSpecs = new Set(
    plan.results
      .filter((r) => {
        const path = join(root, r.specPath);
        return r.removed.length > 0 || readIfExists(path) !== plan.transaction.read(path);
      })
      .map((r) => r.specPath),
  );
  const failures = results.flatMap((r) =>
    r.kind === "failed" ? [{ page: nameOf(r.page), listedAt: r.page.listedAt, reason: r.reason }] : [],
  );
  const skipped = results.filter((r) =>
    ["no-spec", "schema-only", "endpoint-only", "duplicate"].includes(r.kind),
  );
  const counts: IndexCounts = {
    seen: index.pages.length + index.skipped.length,
    vendored: changedSpecs.size,
    unchanged: results.filter((r) => r.kind === "unchanged").length + plan.results.length - changedSpecs.size,
    skipped: skipped.length + index.skipped.length,
    failed: failures.length,
  };
  const providers = [
    ...new Set(plan.transaction.changes().flatMap((path) => layout.specProviderOf(path) ?? [])),
  ].sort();
  return {
    index,
    transaction: plan.transaction,
    vendored: plan.results,
    providers,
    pages: results,
    removed,
    notes,
    settings: plan.settings,
    failures,
    counts,
    changedSpecs,
    requests: fetcher.stats,
    saveCache: () => cache.save(),
  };
}
