/**
 * One difference as api-smart-diff reports it, and the words and bumps every describer of the spec diff
 * shares (spec-diff.ts, schema-change.ts).
 */
import type { Bump } from "./bump.js";

type Path = ReadonlyArray<string | number>;
export interface LibraryDiff {
  type: "breaking" | "non-breaking" | "annotation" | "unclassified" | "deprecated";
  action: "add" | "remove" | "replace" | "rename";
  path: Path;
  before?: unknown;
  after?: unknown;
}

/** Keys whose change only touches documentation (doc comments, `openapi.json`): a patch. */
export const DOC_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "tags",
  "default",
  "x-codeSamples",
]);

export function verb(diff: LibraryDiff): string {
  return diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
}

export function shownValue(diff: LibraryDiff): string {
  const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
  if (diff.action === "replace" && typeof diff.before !== "object" && typeof diff.after !== "object") {
    return ` (${show(diff.before)} → ${show(diff.after)})`;
  }
  const value = diff.action === "remove" ? diff.before : diff.after;
  return typeof value === "object" || value === undefined ? "" : ` (${show(value)})`;
}

/** api-smart-diff's class as a bump: its "breaking" is ours, additions are minor, annotations patch. */
export function libraryBump(diff: LibraryDiff): Exclude<Bump, "none"> {
  switch (diff.type) {
    case "breaking":
      return "major";
    case "non-breaking":
    case "deprecated":
      return "minor";
    case "annotation":
      return "patch";
    default:
      // Unclassified: the library cannot tell; a minor release at least makes users look.
      return diff.path.some((p) => String(p).startsWith("x-")) ? "patch" : "minor";
  }
}

/** For what a caller sends, removals are always breaking (the old call no longer type-checks). */
export function requestBump(diff: LibraryDiff): Exclude<Bump, "none"> {
  return diff.action === "remove" && diff.type !== "annotation" ? "major" : libraryBump(diff);
}
