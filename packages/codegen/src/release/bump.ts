/**
 * Semver bumps and the changes that call for them: what the spec diff, the API snapshot comparison, the
 * changesets and the release check all speak.
 */
export type Bump = "major" | "minor" | "patch" | "none";
export type Section = "breaking" | "added" | "changed" | "documentation";

export interface SpecChange {
  bump: Exclude<Bump, "none">;
  /** `deleteIp (DELETE /ips/{id})`, or undefined for changes to the API as a whole. */
  subject?: string;
  text: string;
  /** What a summary line stands for, one item each (a changeset lists them below it). */
  details?: string[];
}

const ORDER: Bump[] = ["none", "patch", "minor", "major"];
/** A bump's rank: none < patch < minor < major. */
export const bumpOrder = (bump: Bump): number => ORDER.indexOf(bump);
export const maxBump = (...bumps: Bump[]): Bump =>
  bumps.reduce((a, b) => (bumpOrder(b) > bumpOrder(a) ? b : a), "none");

export function sectionOf(change: SpecChange): Section {
  if (change.bump === "major") return "breaking";
  if (change.bump === "patch") return "documentation";
  return /\badded\b|^new /.test(change.text) ? "added" : "changed";
}
