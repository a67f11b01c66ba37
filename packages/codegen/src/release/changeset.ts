/**
 * The changeset a sync writes for one provider: which packages it releases with which bump, and the text that
 * becomes their CHANGELOG entry. The name depends only on the provider and the new spec, so running a sync
 * twice writes the same file, and two different spec updates before a release keep two entries.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import { RepoLayout } from "../repo-layout.js";
import type { SpecInfo } from "./api-snapshot.js";
import { type Bump, type SpecChange, sectionOf } from "./bump.js";

export interface ProviderChangeset {
  provider: string;
  title: string;
  bump: Exclude<Bump, "none">;
  changes: SpecChange[];
  /** Package names the changeset releases, the provider's first. */
  packages: string[];
  previous?: SpecInfo;
  next: SpecInfo;
  /** First release of a provider package. */
  initial?: { operations: number };
  /** Why the facade is in the changeset, if it is. */
  facade?: string;
}

/** What a sync's changeset says of the facade (sync.ts), which `check-release` holds it to. */
export const FACADE_SAME_BUMP = "takes the same bump: `createSwitchboard().";

export const HEADINGS = {
  breaking: "Breaking changes (major: code written for the previous version may not compile or work)",
  added: "Additions (not breaking)",
  changed: "Other changes (not breaking)",
  documentation: "Documentation only",
} as const;
/**
 * Documentation changes are summarised per operation, each line capped at its first few changes (the API
 * as a whole gathers every component's: over 500 in a GitHub release), and their lines capped; everything
 * else is listed in full.
 */
const MAX_DOCUMENTATION_LINES = 25;
const MAX_DOCUMENTATION_TEXTS = 8;

/**
 * The changeset of a sync from the spec `from` (none for a first release) to `to`, named by both: each step
 * of several syncs before one release has its own. Named by `to` alone, a step back to a spec already synced
 * to (a change undone, A → B → C → B) wrote over that spec's pending changeset, and B's breaking change
 * left the release.
 */
export function changesetPath(root: string, provider: string, to: string, from?: string): string {
  const step = from === undefined ? to.slice(0, 10) : `${from.slice(0, 10)}-${to.slice(0, 10)}`;
  return new RepoLayout(root).changeset(`${provider}-api-${step}.md`);
}

/** Is a changeset of a sync to the spec `to` pending (named by it alone, as earlier syncs named them, or by both)? */
export function changesetPendingFor(root: string, provider: string, to: string): boolean {
  const dir = dirname(changesetPath(root, provider, to));
  const name = new RegExp(`^${provider}-api-(?:[0-9a-f]{10}-)?${to.slice(0, 10)}\\.md$`);
  return existsSync(dir) && readdirSync(dir).some((file) => name.test(file));
}

export function renderChangeset(changeset: ProviderChangeset): string {
  const front = ["---", ...changeset.packages.map((name) => `"${name}": ${changeset.bump}`), "---", ""];
  return `${[...front, ...body(changeset)].join("\n")}\n`;
}

function body(changeset: ProviderChangeset): string[] {
  const { title, next, previous } = changeset;
  const spec = describeSpec(next);
  if (changeset.initial) {
    const count = changeset.initial.operations;
    return [
      `New provider package for the ${title} API (${spec}): ${count} operation${count === 1 ? "" : "s"}.`,
      ...facadeNote(changeset),
    ];
  }
  const counts = countSections(changeset.changes);
  const summary = [
    counts.breaking && plural(counts.breaking, "breaking change"),
    counts.added && plural(counts.added, "addition"),
    counts.changed && plural(counts.changed, "other change"),
    counts.documentation && plural(counts.documentation, "documentation change"),
  ]
    .filter(Boolean)
    .join(", ");
  const versionNote =
    previous?.version && previous.version !== next.version
      ? ` (provider version ${previous.version} → ${next.version})`
      : "";
  const lines = [
    `${title} API update${versionNote}: ${summary || "spec metadata changed"}. Generated from ${spec}.`,
  ];
  for (const section of ["breaking", "added", "changed", "documentation"] as const) {
    const items = changeset.changes.filter((c) => sectionOf(c) === section);
    if (!items.length) continue;
    lines.push("", `${HEADINGS[section]}:`, "");
    lines.push(...(section === "documentation" ? documentationLines(items) : items.map(line)));
  }
  lines.push(...facadeNote(changeset));
  return lines;
}

function facadeNote(changeset: ProviderChangeset): string[] {
  return changeset.facade ? ["", changeset.facade] : [];
}

function line(change: SpecChange): string {
  const head = `- ${change.subject ? `${change.subject}: ` : ""}${change.text}`;
  return change.details?.length ? [head, ...change.details.map((d) => `  - ${d}`)].join("\n") : head;
}

function documentationLines(items: SpecChange[]): string[] {
  const bySubject = new Map<string, string[]>();
  for (const item of items) {
    const key = item.subject ?? "the API";
    bySubject.set(key, [...(bySubject.get(key) ?? []), item.text]);
  }
  const lines = [...bySubject].map(([subject, texts]) => {
    const distinct = [...new Set(texts)];
    const rest = distinct.length - MAX_DOCUMENTATION_TEXTS;
    const shown = rest > 0 ? [...distinct.slice(0, MAX_DOCUMENTATION_TEXTS), `and ${rest} more`] : distinct;
    return `- ${subject}: ${shown.join("; ")}`;
  });
  if (lines.length <= MAX_DOCUMENTATION_LINES) return lines;
  const rest = lines.length - MAX_DOCUMENTATION_LINES;
  return [...lines.slice(0, MAX_DOCUMENTATION_LINES), `- … and documentation of ${rest} more`];
}

function countSections(
  changes: SpecChange[],
): Record<"breaking" | "added" | "changed" | "documentation", number> {
  const counts = { breaking: 0, added: 0, changed: 0, documentation: 0 };
  for (const change of changes) counts[sectionOf(change)]++;
  return counts;
}

function describeSpec(spec: SpecInfo): string {
  return [
    spec.version && `spec version ${spec.version}`,
    spec.vendoredAt && `vendored ${spec.vendoredAt}`,
    spec.sha256 && `sha256 ${spec.sha256.slice(0, 12)}`,
  ]
    .filter(Boolean)
    .join(", ");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
