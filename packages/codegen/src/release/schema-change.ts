/**
 * A change inside a schema, for a request (what the caller sends) or a response (what the caller reads), as a
 * bump and a sentence naming the field by its dotted path (`data.tags[]`). Stricter than api-smart-diff where
 * our users compile against the generated types: see spec-diff.ts.
 */
import type { SpecChange } from "./bump.js";
import { DOC_KEYS, type LibraryDiff, libraryBump, requestBump, shownValue, verb } from "./library-diff.js";

/**
 * A change inside a schema, at `schemaPath` below its root, for a request (caller sends it) or a response
 * (caller reads it). The field is named by its dotted path (`data.tags[]`).
 */
export function schemaChange(
  diff: LibraryDiff,
  schemaPath: string[],
  direction: "request" | "response",
  subject: string | undefined,
  where: string,
): SpecChange {
  const { field, leaf, leafIndex } = fieldOf(schemaPath);
  const at = field ? `${where} field \`${field}\`` : where;
  const value = diff.action === "remove" ? diff.before : diff.after;
  const bumpFromLibrary = direction === "request" ? requestBump(diff) : libraryBump(diff);

  if (leaf === undefined) {
    return {
      bump: diff.action === "add" ? bumpFromLibrary : "major",
      subject,
      text: `${at} schema ${verb(diff)}`,
    };
  }
  if (leaf === "properties" && leafIndex !== undefined) {
    if (diff.action === "remove") return { bump: "major", subject, text: `${at} removed` };
    if (diff.action === "add") return { bump: bumpFromLibrary, subject, text: `${at} added` };
    return { bump: "major", subject, text: `${at} replaced` };
  }
  if (leaf === "required") {
    const name = String(value);
    const target = `${where} field \`${field ? `${field}.` : ""}${name}\``;
    if (diff.action === "add") {
      return direction === "request"
        ? { bump: "major", subject, text: `${target} is now required` }
        : { bump: "minor", subject, text: `${target} is now always present` };
    }
    if (diff.action === "remove") {
      return direction === "request"
        ? { bump: "minor", subject, text: `${target} is now optional` }
        : { bump: "major", subject, text: `${target} may now be absent` };
    }
    return { bump: "major", subject, text: `${where}: required fields changed` };
  }
  if (leaf === "enum") {
    const shown = JSON.stringify(value);
    if (diff.action === "add") {
      return direction === "response"
        ? { bump: "major", subject, text: `${at} may now be ${shown} (a new enum value)` }
        : { bump: "minor", subject, text: `${at} accepts ${shown}` };
    }
    if (diff.action === "remove") {
      return direction === "response"
        ? { bump: "major", subject, text: `${at} is no longer ${shown}` }
        : { bump: "major", subject, text: `${at} no longer accepts ${shown}` };
    }
    return { bump: "major", subject, text: `${at} enum values changed` };
  }
  if (leaf === "type" || leaf === "nullable") {
    const from = typesOf(diff.before);
    const to = typesOf(diff.after);
    const text = `${at} type ${from.join(" | ") || "(any)"} → ${to.join(" | ") || "(any)"}`;
    if (leaf === "nullable") {
      const widened = diff.after === true;
      return {
        bump: direction === "request" && widened ? "minor" : "major",
        subject,
        text: `${at} ${widened ? "may now be null" : "is no longer nullable"}`,
      };
    }
    const widened = from.length > 0 && from.every((t) => to.includes(t));
    if (direction === "request") return { bump: widened ? "minor" : "major", subject, text };
    return { bump: "major", subject, text };
  }
  if (leaf === "deprecated") return { bump: "minor", subject, text: `${at} deprecated` };
  if (DOC_KEYS.has(leaf) || leaf.startsWith("x-")) {
    return { bump: "patch", subject, text: `${at} ${leaf} changed` };
  }
  if (leaf === "readOnly" || leaf === "writeOnly") {
    return { bump: "major", subject, text: `${at} ${leaf} ${verb(diff)}` };
  }
  // Validators (format, pattern, lengths, ranges) and composition keywords.
  return { bump: bumpFromLibrary, subject, text: `${at}: ${leaf} ${verb(diff)}${shownValue(diff)}` };
}

function fieldOf(schemaPath: string[]): { field: string; leaf?: string; leafIndex?: string } {
  const parts: string[] = [];
  let i = 0;
  while (i < schemaPath.length) {
    const key = schemaPath[i]!;
    const next = schemaPath[i + 1];
    if (key === "properties" && next !== undefined) {
      if (i + 2 === schemaPath.length) {
        parts.push(next);
        return { field: parts.join(".").replace(/\.\[\]/g, "[]"), leaf: "properties", leafIndex: next };
      }
      parts.push(next);
      i += 2;
    } else if (key === "items") {
      parts.push("[]");
      i += 1;
    } else if (key === "additionalProperties") {
      parts.push("*");
      i += 1;
    } else if ((key === "allOf" || key === "oneOf" || key === "anyOf") && next !== undefined) {
      if (i + 2 === schemaPath.length) break;
      i += 2;
    } else {
      break;
    }
  }
  const field = parts.join(".").replace(/\.\[\]/g, "[]");
  return { field, leaf: schemaPath[i], leafIndex: schemaPath[i + 1] };
}

function typesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}
