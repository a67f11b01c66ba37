/**
 * Release bookkeeping that makes drift between the specs and the published versions impossible to miss.
 *
 * "Last release" is concrete and committed: `packages/<p>/released-api.json` is the package's API snapshot
 * (exports, operations, spec fingerprint) as it was when `npm run release:version` (`changeset version`
 * followed by `switchboard-codegen record-release`) gave the package its current version. Git tags are not
 * used: CI works on fresh clones, and a tag says nothing about a package that was versioned but not yet
 * published.
 *
 * `check-release` (run by CI) fails when a package's current snapshot differs from that record and no
 * pending changeset in `.changeset/` releases the package with at least the bump the difference needs: a
 * removed or renamed export or operation needs a major, an addition a minor. A provider's spec is diffed with
 * the spec it was released with (`released-openapi.json`, written beside the record; the same bytes as the
 * released `openapi.json`, so one blob in git) by the rules `npm run sync` classifies with: a new required
 * parameter needs a major whatever the changesets say, so deleting a sync's changeset, or writing a patch by
 * hand in its place, is refused. The facade needs at least what each provider it composes needs. It also
 * fails when a package's version moved without its record (`changeset version` run on its own).
 */
import readChangesets from "@changesets/read";
import { InputError } from "../errors.js";
import { FileTransaction, readIfExists } from "../file-transaction.js";
import { FACADE, FOLDER_NAME, RELEASED_API_FILE, RepoLayout, repoRoot, SCOPE } from "../repo-layout.js";
import {
  type ApiSnapshot,
  compareSnapshots,
  computeSnapshot,
  parseSnapshot,
  publishablePackages,
  renderSnapshot,
  specFingerprint,
  withoutGeneratedHeader,
} from "./api-snapshot.js";
import { type Bump, bumpOrder, maxBump, type SpecChange } from "./bump.js";
import { HEADINGS as CHANGESET_HEADINGS, FACADE_SAME_BUMP } from "./changeset.js";
import { diffSpecs } from "./spec-diff.js";

export interface PendingRelease {
  changeset: string;
  type: Bump;
  /** The bump the changeset's own text calls for (a sync's "Breaking changes" list: major), if it says. */
  listed?: Bump;
  /** A sync wrote it for a provider, and its text says the facade takes the same bump. */
  facadeSameBump?: true;
}

/**
 * The bump a changeset's summary calls for by the lists a sync writes (changeset.ts): breaking changes need a
 * major, additions a minor. Editing the prose is fine; granting less than the changes it lists is not.
 */
export function listedBump(summary: string): Bump | undefined {
  if (summary.includes(`${CHANGESET_HEADINGS.breaking}:`)) return "major";
  if (summary.includes(`${CHANGESET_HEADINGS.added}:`)) return "minor";
  return undefined;
}

export interface PackageStatus {
  pkg: string;
  name: string;
  version: string;
  releasedVersion?: string;
  /** Differences from the released snapshot, each with the bump it needs. */
  changes: SpecChange[];
  needed: Bump;
  /** The bump the changes of the client itself need (operations and spec, not the package's other exports). */
  clientNeeded: Bump;
  pending: PendingRelease[];
  problems: string[];
}

/** Writes `api-snapshot.json` for the given packages (default: every publishable one). */
export function writeSnapshots(root: string, packages: string[] = publishablePackages(root)): string[] {
  const layout = new RepoLayout(root);
  const tx = new FileTransaction();
  for (const pkg of packages) tx.write(layout.apiSnapshot(pkg), renderSnapshot(computeSnapshot(root, pkg)));
  return tx.commit();
}

/** Pending changesets by package name. */
export async function pendingReleases(root: string): Promise<Map<string, PendingRelease[]>> {
  const byPackage = new Map<string, PendingRelease[]>();
  const read = (readChangesets as unknown as { default?: typeof readChangesets }).default ?? readChangesets;
  for (const changeset of await read(root)) {
    for (const release of changeset.releases) {
      const list = byPackage.get(release.name) ?? [];
      const listed = listedBump(changeset.summary);
      list.push({
        changeset: `.changeset/${changeset.id}.md`,
        type: release.type as Bump,
        ...(listed ? { listed } : {}),
        ...(changeset.summary.includes(FACADE_SAME_BUMP) ? { facadeSameBump: true as const } : {}),
      });
      byPackage.set(release.name, list);
    }
  }
  return byPackage;
}

export async function releaseStatus(root: string): Promise<PackageStatus[]> {
  const layout = new RepoLayout(root);
  const pending = await pendingReleases(root);
  const providers = new Set(layout.providers().map((p) => `${SCOPE}/${p}`));
  const statuses: PackageStatus[] = [];
  for (const pkg of publishablePackages(root)) {
    const manifest = JSON.parse(readIfExists(layout.manifest(pkg))!);
    const problems: string[] = [];
    const currentText = readIfExists(layout.apiSnapshot(pkg));
    const current: ApiSnapshot = currentText ? parseSnapshot(currentText) : computeSnapshot(root, pkg);
    if (!currentText)
      problems.push(`${layout.relative(layout.apiSnapshot(pkg))} is missing: run \`npm run generate\``);
    const recordText = readIfExists(layout.releasedApi(pkg));
    const record = recordText ? JSON.parse(recordText) : undefined;
    const releasedVersion: string | undefined = record?.version;
    let changes: SpecChange[];
    // What changed of the client itself (its operations and their spec), which the facade composes.
    let clientChanges: SpecChange[];
    if (!record) {
      changes = [
        {
          bump: "minor",
          text: `no release record (${layout.relative(layout.releasedApi(pkg))}): first release`,
        },
      ];
      clientChanges = changes;
    } else {
      const releasedSpec = readIfExists(layout.releasedSpec(pkg));
      const currentSpec = readIfExists(layout.bundledSpec(pkg));
      const recorded = parseSnapshot(recordText!);
      const diffed = releasedSpec !== undefined && currentSpec !== undefined;
      const specs = diffed ? specChanges(pkg, releasedSpec, currentSpec) : [];
      changes = [...compareSnapshots(recorded, current, { spec: !diffed }), ...specs];
      clientChanges = [...compareSnapshots(recorded, current, { exports: false, spec: !diffed }), ...specs];
      if (releasedVersion !== manifest.version) {
        problems.push(
          `package.json says ${manifest.version} but ${RELEASED_API_FILE} records ${releasedVersion}: ` +
            "version packages with `npm run release:version` (changeset version + record-release), not `changeset version` alone",
        );
      }
    }
    const needed = maxBump(...changes.map((c) => c.bump));
    const forPackage = pending.get(manifest.name) ?? [];
    for (const release of forPackage) {
      if (release.listed && bumpOrder(release.type) < bumpOrder(release.listed))
        problems.push(
          `${release.changeset} lists ${release.listed === "major" ? "breaking changes" : "additions"} but releases ` +
            `${manifest.name} as ${release.type}: they need a ${release.listed} release (edit the prose if you like, not the bump)`,
        );
    }
    // A sync's changeset says the facade takes the provider's bump (`createSwitchboard().<provider>` is the
    // provider's client): a facade line removed or lowered would ship a breaking change in a patch.
    if (pkg === FACADE) {
      for (const [name, releases] of pending) {
        if (name === manifest.name || !providers.has(name)) continue;
        for (const release of releases) {
          const own = forPackage.find((p) => p.changeset === release.changeset);
          if (release.facadeSameBump && bumpOrder(own?.type ?? "none") < bumpOrder(release.type))
            problems.push(
              `${release.changeset} releases ${name} as ${release.type} but ${manifest.name} as ${own?.type ?? "nothing"}: ` +
                `\`createSwitchboard().${name.slice(name.indexOf("/") + 1)}\` is that client, so ${manifest.name} takes the same bump (add \`"${manifest.name}": ${release.type}\`)`,
            );
        }
      }
    }
    const granted = maxBump(...forPackage.map((p) => p.type));
    if (needed !== "none" && bumpOrder(granted) < bumpOrder(needed)) {
      const since = releasedVersion ? `since ${releasedVersion}` : "and it was never released";
      const have = forPackage.length
        ? `the pending changesets (${forPackage.map((p) => `${p.changeset}: ${p.type}`).join(", ")}) grant only ${granted}`
        : "no changeset in .changeset/ releases it";
      problems.push(
        `${manifest.name} changed ${since}, which needs a ${needed} release, but ${have}:\n` +
          changes.map((c) => `      ${c.bump}: ${c.subject ? `${c.subject}: ` : ""}${c.text}`).join("\n") +
          "\n    run `npm run sync` for a spec change, or `npm run changeset` for a hand-written one",
      );
    }
    statuses.push({
      pkg,
      name: manifest.name,
      version: manifest.version,
      ...(releasedVersion ? { releasedVersion } : {}),
      changes,
      needed,
      clientNeeded: maxBump(...clientChanges.map((c) => c.bump)),
      pending: forPackage,
      problems,
    });
  }
  // `createSwitchboard().<provider>` is each provider's client: a provider's breaking change breaks the
  // facade's users as much, whatever a changeset's text says (a hand-written one says nothing).
  const facade = statuses.find((status) => status.pkg === FACADE);
  if (facade) {
    const granted = maxBump(...facade.pending.map((p) => p.type));
    for (const status of statuses) {
      if (!providers.has(status.name) || bumpOrder(granted) >= bumpOrder(status.clientNeeded)) continue;
      facade.problems.push(
        `${status.name}'s client needs a ${status.clientNeeded} release, and \`createSwitchboard().${status.pkg}\` is its client, ` +
          `so ${facade.name} needs one too, but ${granted === "none" ? "no changeset releases it" : `the pending changesets grant only ${granted}`} ` +
          `(add \`"${facade.name}": ${status.clientNeeded}\` to the provider's changeset)`,
      );
    }
  }
  return statuses;
}

/**
 * What changed between the spec a provider was released with and its current one, as a sync classifies it;
 * a change no rule names still needs a patch (it ships, in the types' doc comments and `openapi.json`).
 */
function specChanges(provider: string, releasedText: string, currentText: string): SpecChange[] {
  const released = withoutGeneratedHeader(JSON.parse(releasedText));
  const current = withoutGeneratedHeader(JSON.parse(currentText));
  const [from, to] = [specFingerprint(released), specFingerprint(current)];
  if (from === to) return [];
  const { changes } = diffSpecs(released, current, provider);
  if (maxBump(...changes.map((c) => c.bump)) !== "none") return changes;
  return [{ bump: "patch", text: `spec changed (fingerprint ${from.slice(0, 12)} → ${to.slice(0, 12)})` }];
}

/**
 * After `changeset version`: records the snapshot of every package whose version changed (or that has no
 * record yet) as its released API, and a provider's bundled spec as the one it was released with.
 */
export function recordReleases(root: string): string[] {
  const layout = new RepoLayout(root);
  const tx = new FileTransaction();
  for (const pkg of publishablePackages(root)) {
    const manifest = JSON.parse(readIfExists(layout.manifest(pkg))!);
    const record = readIfExists(layout.releasedApi(pkg));
    if (record && JSON.parse(record).version === manifest.version) continue;
    const snapshotText = readIfExists(layout.apiSnapshot(pkg));
    const snapshot = snapshotText ? parseSnapshot(snapshotText) : computeSnapshot(root, pkg);
    tx.write(layout.releasedApi(pkg), renderRecord(manifest.version, snapshot));
    const spec = readIfExists(layout.bundledSpec(pkg));
    if (spec !== undefined) tx.write(layout.releasedSpec(pkg), spec);
  }
  return tx.commit();
}

export function renderRecord(version: string, snapshot: ApiSnapshot): string {
  const comment =
    "The API snapshot of this package at the version below, written by `npm run release:version`. " +
    "CI compares api-snapshot.json with it and demands a changeset for any difference. Do not edit.";
  return `${JSON.stringify({ $comment: comment, version, ...snapshot }, null, 2)}\n`;
}

export async function runCheckReleaseCli(): Promise<void> {
  const root = repoRoot();
  const statuses = await releaseStatus(root);
  const failing = statuses.filter((s) => s.problems.length);
  for (const status of statuses) {
    const state =
      status.needed === "none"
        ? `unchanged since ${status.releasedVersion}`
        : `needs a ${status.needed} release (${status.releasedVersion ? `changed since ${status.releasedVersion}` : "never released"}), ` +
          `pending: ${status.pending.map((p) => `${p.changeset} (${p.type})`).join(", ") || "none"}`;
    console.log(`${failing.includes(status) ? "✗" : "✓"} ${status.name}@${status.version}: ${state}`);
  }
  if (failing.length) {
    for (const status of failing) for (const problem of status.problems) console.error(`  ${problem}`);
    throw new InputError(
      ".changeset",
      `${failing.length} package(s) would be released without a matching changeset`,
    );
  }
}

export function runRecordReleaseCli(): void {
  const layout = new RepoLayout(repoRoot());
  const written = recordReleases(layout.root);
  console.log(
    written.length
      ? written.map((p) => `recorded ${layout.relative(p)}`).join("\n")
      : "every release record is current",
  );
}

export function runSnapshotCli(args: string[]): void {
  const layout = new RepoLayout(repoRoot());
  for (const pkg of args) {
    if (!FOLDER_NAME.test(pkg))
      throw new InputError("(command line)", `"${pkg}" is not a package folder name`);
  }
  const written = writeSnapshots(layout.root, args.length ? args : undefined);
  for (const path of written) console.log(`wrote ${layout.relative(path)}`);
}
