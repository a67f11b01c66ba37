/**
 * `switchboard-codegen sync [<page|spec>...] [--provider <name>]`: brings a provider's changed documentation
 * into the repository as a release. It vendors the inputs, regenerates the providers they belong to, compares
 * each provider's new bundled spec with the committed one (`packages/<p>/src/generated/openapi.json`), and
 * writes a changeset whose bump follows from that comparison (spec-diff.ts) and from the package's API
 * snapshot (api-snapshot.ts).
 *
 * Everything (vendored specs, generated code, snapshots, changesets) is staged in one FileTransaction and
 * written only once every provider has bundled and generated: a page that makes a spec worse (unparseable,
 * a dangling `$ref`, two operations with one name, an overlay that no longer applies) stops the sync with the
 * generator's `file:line: message` and leaves the repository exactly as it was.
 *
 * Without inputs it regenerates every provider (or the one given with --provider) against its specs as they
 * are, which is how an overlay edit becomes a changeset.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { FixSuggestion, InputError, InputErrors } from "../errors.js";
import { FileTransaction, readIfExists } from "../file-transaction.js";
import { writeFacade } from "../generate/facade-registry.js";
import { generateProvider } from "../generate/generate-command.js";
import { linkNewPackages } from "../generate/link-new-packages.js";
import { endpointTypeName, operationTypeName, resultTypeName } from "../generate/operation-docs.js";
import { pascalCase } from "../naming.js";
import { FACADE, RepoLayout, repoRoot, SCOPE } from "../repo-layout.js";
import { downloadInputs } from "../vendor/download-inputs.js";
import { INDEX_HELP, indexUsage, isIndexFlag, runIndexCli } from "../vendor/index/index-command.js";
import type { IndexArgs } from "../vendor/index/plan-index.js";
import { addedMethods, methodLines, type NewMethod, pageTitles } from "../vendor/method-names.js";
import { type PlanOptions, planVendor, type VendorResult } from "../vendor/plan-vendor.js";
import { assertProviderName } from "../vendor/provider-name.js";
import type { VendorInput } from "../vendor/read-input.js";
import { parseVendorArgs, vendorDate } from "../vendor/vendor-command.js";
import { takeRunLock } from "../workspace/run-lock.js";
import {
  type ApiSnapshot,
  compareSnapshots,
  computeSnapshot,
  definitionOf,
  packageSnapshot,
  parseSnapshot,
  renderSnapshot,
  type SpecInfo,
  specFingerprint,
  specInfoOf,
  withoutGeneratedHeader,
} from "./api-snapshot.js";
import { type Bump, maxBump, type SpecChange } from "./bump.js";
import {
  changesetPath,
  changesetPendingFor,
  FACADE_SAME_BUMP,
  type ProviderChangeset,
  renderChangeset,
} from "./changeset.js";
import { pendingReleases } from "./release-check.js";
import { diffSpecs } from "./spec-diff.js";

/** The vendoring options: a sync vendors its inputs exactly as `vendor` does. */
export type SyncOptions = PlanOptions;

export interface ProviderSync {
  provider: string;
  bump: Bump;
  changes: SpecChange[];
  /** Repository-relative path of the changeset written, if any. */
  changeset?: string;
  previous?: SpecInfo;
  next: SpecInfo;
  /** Methods the package did not have before, with where their names come from. */
  methods: NewMethod[];
}

export interface SyncPlan {
  transaction: FileTransaction;
  vendored: VendorResult[];
  providers: ProviderSync[];
  /** Providers that get a package in this sync: linked into node_modules and the lockfile after the commit. */
  created: string[];
  report: string[];
}

const usage =
  "usage: switchboard-codegen sync [<page.md|page.txt|spec.yaml|spec.json|https://…>...] [--provider <name>]\n" +
  indexUsage("sync");

/** Vendoring already planned (from a documentation index): its writes, results and changed providers. */
export interface PreparedVendor {
  transaction: FileTransaction;
  results: VendorResult[];
  providers: string[];
}

/** Plans a sync without touching the disk; `transaction.commit()` applies it. */
export async function planSync(
  inputs: ReadonlyArray<string | VendorInput>,
  options: SyncOptions,
  prepared?: PreparedVendor,
): Promise<SyncPlan> {
  const { root } = options;
  const layout = new RepoLayout(root);
  let transaction = new FileTransaction();
  let vendored: VendorResult[] = [];
  let providers: string[];
  const report: string[] = [];
  if (prepared) {
    ({ transaction, results: vendored, providers } = prepared);
  } else if (inputs.length) {
    const plan = planVendor(inputs, {
      root,
      provider: options.provider,
      date: options.date,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    transaction = plan.transaction;
    vendored = plan.results;
    report.push(...plan.report);
    providers = [...new Set(vendored.filter((r) => r.status === "vendored").map((r) => r.provider))].sort();
  } else {
    providers = options.provider ? [options.provider] : layout.providers();
  }
  if (!providers.length) {
    report.push("nothing to release: every input is already vendored as it is");
    return { transaction, vendored, providers: [], created: [], report };
  }
  const created = providers.filter((provider) => !existsSync(layout.manifest(provider)));

  const scratch = mkdtempSync(join(tmpdir(), "switchboard-sync-"));
  try {
    stageSpecs(root, scratch, providers, transaction);
    const synced: ProviderSync[] = [];
    const titles = pageTitles(vendored);
    try {
      for (const provider of providers) {
        synced.push(await syncProvider(root, scratch, provider, transaction, titles));
      }
    } catch (error) {
      throw atInputs(error, vendored, (result) => {
        // The vendored text is the input's, or a page's block: where it starts in the input, in lines.
        const given = inputs.find(
          (input) => (typeof input === "string" ? input : input.file) === result.file,
        );
        const text =
          typeof given === "string"
            ? readIfExists(resolve(options.cwd ?? process.cwd(), given))
            : given?.text;
        const copy = transaction.read(join(root, result.specPath));
        const at = text === undefined || copy === undefined ? -1 : text.indexOf(copy);
        return at < 0 ? undefined : text!.slice(0, at).split("\n").length - 1;
      });
    }
    const allProviders = [...new Set([...layout.providers(), ...new RepoLayout(scratch).providers()])].sort();
    writeFacade(transaction, root, allProviders);
    refreshSnapshots(root, transaction, providers);
    for (const result of synced) report.push(providerLine(result), ...methodLines(result.methods));
    return { transaction, vendored, providers: synced, created, report };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A problem found in a document this sync vendors is the input's: said at the file the user gave, at its line
 * there (vendoring copies the document, or a page's block, byte for byte), since the vendored path named a
 * file that is not on disk yet, or is the older version. What to run again is `sync`, not `generate`.
 */
function atInputs(
  error: unknown,
  vendored: readonly VendorResult[],
  /** How many lines of the input come before its vendored text (a page's block), if it is found there. */
  linesBefore: (result: VendorResult) => number | undefined,
): unknown {
  if (!(error instanceof InputError)) return error;
  const inputOf = new Map(
    vendored.flatMap((r) => {
      const before = r.status === "vendored" ? linesBefore(r) : undefined;
      return before === undefined ? [] : [[r.specPath, { file: r.file, before }] as const];
    }),
  );
  const again = (detail: string) => detail.replace(/\bthen generate again\b/, "then sync again");
  const moved = (problem: InputError): InputError => {
    const input = inputOf.get(problem.file);
    if (problem instanceof FixSuggestion) return new FixSuggestion(problem.file, again(problem.detail));
    return input === undefined
      ? problem
      : new InputError(
          input.file,
          again(problem.detail),
          problem.line === undefined ? undefined : problem.line + input.before,
          problem.column,
        );
  };
  const problems = error instanceof InputErrors ? error.errors : [error];
  if (!problems.some((problem) => inputOf.has(problem.file))) return error;
  const remapped = problems.map(moved);
  return remapped.length === 1 ? remapped[0] : new InputErrors(remapped);
}

export async function runSync(
  inputs: ReadonlyArray<string | VendorInput>,
  options: SyncOptions,
  prepared?: PreparedVendor,
): Promise<SyncPlan> {
  const plan = await planSync(inputs, options, prepared);
  const written = plan.transaction.commit();
  const layout = new RepoLayout(options.root);
  plan.report.push(
    ...written.map((path) => `  ${existsSync(path) ? "wrote" : "removed"} ${layout.relative(path)}`),
  );
  // As `npm run generate` does for a new package: linked into node_modules, recorded in the lockfile.
  await linkNewPackages(options.root, plan.created, (line) => plan.report.push(line));
  return plan;
}

/** A scratch copy of the providers' spec folders as they will be once the transaction commits. */
function stageSpecs(root: string, scratch: string, providers: string[], tx: FileTransaction): void {
  const layout = new RepoLayout(root);
  const copy = new RepoLayout(scratch);
  for (const provider of providers) {
    const from = layout.providerSpecs(provider);
    const to = copy.providerSpecs(provider);
    if (existsSync(from)) cpSync(from, to, { recursive: true });
    else mkdirSync(to, { recursive: true });
  }
  for (const [path, content] of tx.staged()) {
    const provider = layout.specProviderOf(path);
    if (!provider || !providers.includes(provider)) continue;
    const target = join(scratch, relative(root, path));
    if (content === undefined) rmSync(target, { force: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

async function syncProvider(
  root: string,
  scratch: string,
  provider: string,
  tx: FileTransaction,
  titles: ReadonlyMap<string, string>,
): Promise<ProviderSync> {
  const layout = new RepoLayout(root);
  const specPath = layout.bundledSpec(provider);
  const providerTsPath = layout.providerDefinition(provider);
  let previousText = readIfExists(specPath);
  let previousSnapshot = packageSnapshot(root, provider);
  let previousProviderTs = readIfExists(providerTsPath);

  await generateProvider(root, provider, tx, scratch);

  const nextText = tx.read(specPath);
  if (nextText === undefined) throw new Error(`generation of ${provider} wrote no openapi.json`);
  // `npm run generate` (or `vendor`, then `generate`) before the sync has already written the new package:
  // compared with itself the spec is unchanged, and the change would go unreleased. Unless the changeset of
  // this very spec is pending (an earlier sync's, named by the spec's fingerprint), the package is compared as
  // committed. Any pending changeset would not do: one released an earlier change, not this one.
  const next = withoutGeneratedHeader(JSON.parse(nextText));
  const fingerprint = specFingerprint(next);
  const released = changesetPendingFor(root, provider, fingerprint);
  if (previousText === nextText && !released) {
    const committed = committedFile(root, layout.relative(specPath));
    const releasedSpec = readIfExists(layout.releasedSpec(provider));
    if (committed !== "no-repository" && committed !== previousText) {
      previousText = committed;
      previousProviderTs = orUndefined(committedFile(root, layout.relative(providerTsPath)));
      const snapshot = orUndefined(committedFile(root, layout.relative(layout.apiSnapshot(provider))));
      previousSnapshot = snapshot === undefined ? undefined : parseSnapshot(snapshot);
    } else if (
      releasedSpec !== undefined &&
      specFingerprint(withoutGeneratedHeader(JSON.parse(releasedSpec))) !== fingerprint &&
      !(await pendingReleases(root)).has(`${SCOPE}/${provider}`)
    ) {
      // The new spec generated and committed without a sync: compared with itself, and with the commit, it is
      // unchanged, and the release check asks for a changeset no sync would write. Compared with the spec the
      // package was released with, when no changeset of it is pending (one would have released part of it).
      previousText = releasedSpec;
      previousProviderTs = undefined;
      previousSnapshot = parseSnapshot(readIfExists(layout.releasedApi(provider)) ?? "{}");
    }
  }
  const previousInfo = specInfoOf(previousProviderTs);
  const nextInfo = specInfoOf(tx.read(providerTsPath));
  const snapshot = writeStagedSnapshot(root, provider, tx);
  const methods = addedMethods(previousSnapshot?.operations, snapshot.operations ?? {}, next, titles);

  const title = pascalCase(provider);
  const packageName = `${SCOPE}/${provider}`;
  let changes: SpecChange[];
  let initial: ProviderChangeset["initial"];
  let from: string | undefined;
  if (previousText === undefined) {
    // `generate` wrote its first-release changeset when it scaffolded the package (scaffold below): one is
    // enough in the CHANGELOG.
    if (existsSync(firstReleasePath(root, provider)))
      return {
        provider,
        bump: "minor",
        changes: [{ bump: "minor", text: "new provider package" }],
        changeset: layout.relative(firstReleasePath(root, provider)),
        next: nextInfo,
        methods,
      };
    changes = [{ bump: "minor", text: "new provider package" }];
    initial = { operations: Object.keys(snapshot.operations ?? {}).length };
  } else {
    const previous = withoutGeneratedHeader(JSON.parse(previousText));
    from = specFingerprint(previous);
    const before = definitionOf(previousProviderTs);
    const after = definitionOf(tx.read(providerTsPath));
    changes = diffSpecs(previous, next, provider, before && after ? { before, after } : undefined).changes;
    if (previousSnapshot)
      changes = withOperationExports(
        changes,
        compareSnapshots(previousSnapshot, snapshot, { operations: false, spec: false }),
      );
    if (from !== fingerprint && maxBump(...changes.map((c) => c.bump)) === "none") {
      // The spec changed in a way no rule names (a keyword outside what the diff inspects): still a release.
      changes.push({
        bump: "patch",
        text: "spec changed without a change to operations, parameters or fields",
      });
    }
  }
  const bump = maxBump(...changes.map((c) => c.bump));
  const result: ProviderSync = { provider, bump, changes, previous: previousInfo, next: nextInfo, methods };
  if (bump === "none") return result;

  const facade = facadePackage(root);
  const changeset: ProviderChangeset = {
    provider,
    title,
    bump,
    changes,
    packages: facade ? [packageName, facade] : [packageName],
    previous: previousInfo,
    next: nextInfo,
    ...(initial ? { initial } : {}),
    ...(facade
      ? {
          facade: `${facade} ${FACADE_SAME_BUMP}${provider}\` is this package's client.`,
        }
      : {}),
  };
  const path = changesetPath(root, provider, fingerprint, from);
  tx.write(path, renderChangeset(changeset));
  result.changeset = layout.relative(path);
  return result;
}

/**
 * A file as the repository's last commit has it: undefined when that commit has no such file (a provider never
 * committed), "no-repository" when `root` is no git repository or has no commit.
 */
function committedFile(root: string, path: string): string | undefined | "no-repository" {
  const git = (args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 1 << 28,
    });
  try {
    git(["rev-parse", "--verify", "--quiet", "HEAD"]);
  } catch {
    return "no-repository";
  }
  try {
    return git(["show", `HEAD:${path}`]);
  } catch {
    return undefined;
  }
}

const orUndefined = (text: string | undefined | "no-repository") =>
  text === "no-repository" ? undefined : text;

/** The facade, when it is a publishable package of this repository. */
export function facadePackage(root: string): string | undefined {
  const manifest = readIfExists(new RepoLayout(root).manifest(FACADE));
  if (manifest === undefined) return undefined;
  const parsed = JSON.parse(manifest);
  return parsed.private === true ? undefined : parsed.name;
}

/** Packages other than the synced providers whose sources the sync changed (the facade's registry). */
function refreshSnapshots(root: string, tx: FileTransaction, providers: string[]): void {
  const layout = new RepoLayout(root);
  const touched = new Set<string>();
  for (const path of tx.changes()) {
    const pkg = layout.packageOf(path);
    if (pkg && !providers.includes(pkg)) touched.add(pkg);
  }
  for (const pkg of touched) {
    const manifest = tx.read(layout.manifest(pkg));
    if (manifest === undefined || JSON.parse(manifest).private === true) continue;
    if (tx.read(layout.apiSnapshot(pkg)) !== undefined) writeStagedSnapshot(root, pkg, tx);
  }
}

/** Stages a package's API snapshot as its staged files (new modules included) will make it. */
function writeStagedSnapshot(root: string, pkg: string, tx: FileTransaction): ApiSnapshot {
  const snapshot = computeSnapshot(
    root,
    pkg,
    (path) => tx.read(path),
    (dir) => tx.list(dir),
  );
  tx.write(new RepoLayout(root).apiSnapshot(pkg), renderSnapshot(snapshot));
  return snapshot;
}

/**
 * The spec's changes, then the exports' that say more than they do. An export line that only restates an
 * operation the spec diff reports as added, removed or renamed (its method and its `…Result`, `…Operation`
 * and `…Endpoint` types, in the client and in its module) is left out: listed, each method change came with
 * five more lines, which buried it and inflated the breaking count. A new method's line says its module.
 */
function withOperationExports(specChanges: readonly SpecChange[], exports: SpecChange[]): SpecChange[] {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const change of specChanges) {
    const method = /^`([^`]+)`/.exec(change.subject ?? "")?.[1];
    if (method === undefined) continue;
    const renamed = /^method renamed to `([^`]+)`$/.exec(change.text)?.[1];
    if (change.text === "new operation") added.add(method);
    else if (change.text === "operation removed") removed.add(method);
    else if (renamed) {
      removed.add(method);
      added.add(renamed);
    }
  }
  const derived = (methods: Set<string>) =>
    new Set([...methods].flatMap((m) => [m, resultTypeName(m), operationTypeName(m), endpointTypeName(m)]));
  const [gained, lost] = [derived(added), derived(removed)];
  const moduleOf = new Map<string, string>();
  const kept = exports.filter((change) => {
    const match = /^export `([^`]+)` (added to|removed from) `([^`]+)`$/.exec(change.text);
    if (!match) return true;
    const [, name, verb, at] = match;
    if (verb === "added to" && added.has(name!) && at!.includes("/")) moduleOf.set(name!, at!);
    return !(verb === "added to" ? gained : lost).has(name!);
  });
  const said = specChanges.map((change) => {
    const method = /^`([^`]+)`/.exec(change.subject ?? "")?.[1];
    const renamed = /^method renamed to `([^`]+)`$/.exec(change.text)?.[1];
    const at = moduleOf.get(renamed ?? (change.text === "new operation" ? (method ?? "") : ""));
    return at ? { ...change, text: `${change.text}, exported from \`${at}\`` } : change;
  });
  return [...said, ...kept];
}

/** Where a provider's first-release changeset goes when `generate` scaffolds its package. */
export const firstReleasePath = (root: string, provider: string) =>
  new RepoLayout(root).changeset(`${provider}-new-provider.md`);

/**
 * The first-release changeset of a provider whose package `generate` has just scaffolded (vendor, then
 * generate: the route the README gives for a new provider), so that the release check passes on the commit
 * that adds it; `sync` writes the same where it makes the package. Undefined where a pending changeset already
 * releases the package, or where the checkout has no `.changeset/` folder.
 */
export async function firstReleaseChangeset(
  root: string,
  provider: string,
  info: { version?: string; operations: number },
): Promise<{ path: string; text: string } | undefined> {
  // A checkout without changesets set up (no `.changeset/`) releases nothing this way.
  if (!existsSync(dirname(firstReleasePath(root, provider)))) return undefined;
  if ((await pendingReleases(root)).has(`${SCOPE}/${provider}`)) return undefined;
  const facade = facadePackage(root);
  const text = renderChangeset({
    provider,
    title: pascalCase(provider),
    bump: "minor",
    changes: [{ bump: "minor", text: "new provider package" }],
    packages: facade ? [`${SCOPE}/${provider}`, facade] : [`${SCOPE}/${provider}`],
    next: info.version ? { version: info.version } : {},
    initial: { operations: info.operations },
    ...(facade ? { facade: `${facade} ${FACADE_SAME_BUMP}${provider}\` is this package's client.` } : {}),
  });
  return { path: firstReleasePath(root, provider), text };
}

function providerLine(result: ProviderSync): string {
  const { provider, bump, changes } = result;
  if (bump === "none") {
    if (result.previous?.version === result.next.version)
      return `${provider}: the bundled spec is unchanged; nothing to release`;
    const versions = `info.version ${result.previous?.version ?? "?"} → ${result.next.version ?? "?"}`;
    return `${provider}: only ${versions} changed; regenerated, nothing to release, so no changeset`;
  }
  const breaking = changes.filter((c) => c.bump === "major").length;
  const detail = `${changes.length} change${changes.length === 1 ? "" : "s"}${breaking ? `, ${breaking} breaking` : ""}`;
  return `${provider}: ${bump} (${detail}) → ${result.changeset}`;
}

export function parseSyncArgs(args: readonly string[]): {
  files: string[];
  provider: string | undefined;
  help: boolean;
  index?: IndexArgs | undefined;
} {
  const hasFiles =
    args.some((arg, i) => !arg.startsWith("-") && args[i - 1] !== "--provider") || args.includes("--");
  if (hasFiles || args.some(isIndexFlag)) return parseVendorArgs(args, usage);
  let provider: string | undefined;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--provider" || arg.startsWith("--provider=")) {
      const value = arg === "--provider" ? args[++i] : arg.slice("--provider=".length);
      // Missing, it would sync every provider; given twice, which one was meant cannot be told.
      if (value === undefined || value === "" || value.startsWith("-"))
        throw new InputError("--provider", "needs a provider name (`--provider telnyx`)");
      if (provider !== undefined && provider !== value)
        throw new InputError(
          "--provider",
          `given twice (${provider}, ${value}): sync one provider at a time, or every one without it`,
        );
      provider = value;
    } else throw new InputError(arg, `unknown flag; ${usage}`);
  }
  if (provider !== undefined) assertProviderName(provider);
  return { files: [], provider, help };
}

export async function runSyncCli(args: string[]): Promise<void> {
  const { files, provider, help, index } = parseSyncArgs(args);
  if (help) {
    console.log(usage + INDEX_HELP);
    return;
  }
  const options = { root: repoRoot(), provider, date: vendorDate() };
  // One sync at a time (workspace/run-lock.ts): two at once left a package without the other's operations.
  const release = takeRunLock(options.root, "sync", "sync");
  try {
    if (index) {
      await runIndexCli({
        ...options,
        args: index,
        finish: async (plan) => (await runSync([], options, { ...plan, results: plan.vendored })).report,
      });
      return;
    }
    const inputs = await downloadInputs(files, { alsoCheck: (others) => planVendor(others, options) });
    const plan = await runSync(inputs, options);
    for (const line of plan.report) console.log(line);
  } finally {
    release();
  }
}
