/**
 * A change inside a schema, for a request (what the caller sends) or a response (what the caller reads), as a
 * bump and a sentence naming the field by its dotted path (`data.tags[]`). Stricter than api-smart-diff where
 * our users compile against the generated types: see spec-diff.ts.
 */
import type { SpecChange } from "./bump.js";
import { DOC_KEYS, type LibraryDiff, libraryBump, requestBump, shownValue, verb } from "./library-diff.js";
import { nodeAt, propertyNames } from "./resolved-schemas.js";

/** Schema flags that mean false when absent: writing `false` out changes nothing. */
const FALSE_BY_DEFAULT = new Set(["nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems"]);

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
  docs?: { before: object; after: object },
): SpecChange | SpecChange[] {
  const { field, leaf, leafIndex, alternative } = fieldOf(schemaPath);
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
    if (alternative) {
      // Inside one `oneOf`/`anyOf` alternative: the field is required only of callers who send that shape.
      const verbText =
        diff.action === "add"
          ? "now requires"
          : diff.action === "remove"
            ? "no longer requires"
            : "changed what it requires:";
      return {
        bump:
          direction === "request" && diff.action === "add"
            ? "major"
            : direction === "response" && diff.action === "remove"
              ? "major"
              : "minor",
        subject,
        text: `${where}: one \`${alternative}\` alternative${field ? ` of \`${field}\`` : ""} ${verbText} \`${name}\``,
      };
    }
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
    const listed = enumAdded(diff, docs);
    if (listed) {
      // Not a value more but a list where any value went: the generated type narrows from `string` to the
      // union, so a call passing any other string no longer compiles (and a read compared with one no longer
      // does). The library reports each value as added, as if a list had grown.
      const values = listed.map((v) => JSON.stringify(v)).join(", ");
      return direction === "request"
        ? { bump: "major", subject, text: `${at} now accepts only ${values} (an enum added)` }
        : { bump: "major", subject, text: `${at} is now one of ${values} (an enum added)` };
    }
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
    // A list replaced whole, or a value in another's place (GitHub's `access_level` lost `enterprise` and
    // gained `user`): what is gone and what is new, each judged as its own removal or addition would be.
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
    const [before, after] = [list(diff.before), list(diff.after)];
    const gone = before.filter((v) => !after.some((w) => JSON.stringify(w) === JSON.stringify(v)));
    const added = after.filter((v) => !before.some((w) => JSON.stringify(w) === JSON.stringify(v)));
    const values = (vs: unknown[]) => vs.map((v) => JSON.stringify(v)).join(", ");
    const parts =
      direction === "response"
        ? [
            gone.length && `is no longer ${values(gone)}`,
            added.length &&
              `may now be ${values(added)} (${added.length > 1 ? "new enum values" : "a new enum value"})`,
          ]
        : [gone.length && `no longer accepts ${values(gone)}`, added.length && `accepts ${values(added)}`];
    const said = parts.filter(Boolean).join("; ");
    const bump = direction === "request" && gone.length === 0 ? "minor" : "major";
    return { bump, subject, text: said ? `${at} ${said}` : `${at} enum values changed` };
  }
  // A flag whose default is false, written out or left out (`nullable: false` added to a field that never was
  // nullable): the same schema, no type changes. It read as "no longer nullable", a major release.
  if (FALSE_BY_DEFAULT.has(leaf) && (diff.before === true) === (diff.after === true))
    return {
      bump: "patch",
      subject,
      text: `${at} \`${leaf}: false\` ${diff.action === "remove" ? "left out" : "written out"} (no change: false is its default)`,
    };
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
    const change: SpecChange = {
      bump: direction === "request" && widened ? "minor" : "major",
      subject,
      text,
    };
    return [change, ...removedWithType(diff, field, subject, where, docs)];
  }
  if (leaf === "deprecated") return { bump: "minor", subject, text: `${at} deprecated` };
  if (DOC_KEYS.has(leaf) || leaf.startsWith("x-")) {
    return { bump: "patch", subject, text: `${at} ${leaf} changed` };
  }
  if (leaf === "readOnly" || leaf === "writeOnly") {
    // A readOnly field is left out of the request types, a writeOnly one out of the response types; on the
    // other side the flag changes no type. Set, the field leaves its side's type (a caller's code that names
    // it breaks); cleared, it joins it (a required one must then be sent, or may be read).
    const side = leaf === "readOnly" ? "request" : "response";
    const set = diff.action !== "remove" && diff.after === true;
    if (direction !== side)
      return {
        bump: "patch",
        subject,
        text: `${at} ${leaf} ${verb(diff)} (the ${direction} type is the same)`,
      };
    if (set) return { bump: "major", subject, text: `${at} is now ${leaf}: no longer in the ${side} type` };
    const mustSend = direction === "request" && requiredInAfter(diff, docs);
    return {
      bump: mustSend ? "major" : "minor",
      subject,
      text: `${at} is no longer ${leaf}: now in the ${side} type${mustSend ? ", and required" : ""}`,
    };
  }
  // Validators (format, pattern, lengths, ranges) and composition keywords.
  return { bump: bumpFromLibrary, subject, text: `${at}: ${leaf} ${verb(diff)}${shownValue(diff)}` };
}

/**
 * Fields gone from a schema whose type changed: api-smart-diff reports the type ("object → (any)") and may
 * stop there, which hid real removals behind a type change. Compared on the resolved schemas; a field that
 * moved into an `allOf` part or a `oneOf`/`anyOf` alternative is still there.
 */
/** The values of an `enum` the schema did not have before (`diff` is one of its values, or the list), if so. */
function enumAdded(
  diff: LibraryDiff,
  docs: { before: object; after: object } | undefined,
): unknown[] | undefined {
  const at = diff.path.lastIndexOf("enum");
  if (!docs || at < 0 || diff.action === "remove") return undefined;
  const schema = diff.path.slice(0, at);
  const before = nodeAt(docs.before, schema) as { enum?: unknown } | undefined;
  const after = nodeAt(docs.after, schema) as { enum?: unknown } | undefined;
  if (before === undefined || Array.isArray(before.enum) || !Array.isArray(after?.enum)) return undefined;
  return after.enum;
}

function removedWithType(
  diff: LibraryDiff,
  field: string,
  subject: string | undefined,
  where: string,
  docs: { before: object; after: object } | undefined,
): SpecChange[] {
  if (!docs) return [];
  const schema = diff.path.slice(0, -1);
  const before = propertyNames(docs.before, nodeAt(docs.before, schema));
  const after = propertyNames(docs.after, nodeAt(docs.after, schema));
  return [...before]
    .filter((name) => !after.has(name))
    .map((name) => ({
      bump: "major" as const,
      subject,
      // Worded as the library's own removals are, so one reported both ways is listed once.
      text: `${where} field \`${field ? `${field}.` : ""}${name}\` removed`,
    }));
}

function fieldOf(schemaPath: string[]): {
  field: string;
  leaf?: string;
  leafIndex?: string;
  alternative?: string;
} {
  const parts: string[] = [];
  let alternative: string | undefined;
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
      if (key !== "allOf") alternative = key;
      i += 2;
    } else {
      break;
    }
  }
  const field = parts.join(".").replace(/\.\[\]/g, "[]");
  return {
    field,
    leaf: schemaPath[i],
    leafIndex: schemaPath[i + 1],
    ...(alternative ? { alternative } : {}),
  };
}

function typesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

/** Whether the field whose keyword `diff` changed is required by its schema in the new document. */
function requiredInAfter(diff: LibraryDiff, docs: { before: object; after: object } | undefined): boolean {
  const at = diff.path.lastIndexOf("properties");
  if (!docs || at < 1 || at !== diff.path.length - 3) return false;
  const schema = nodeAt(docs.after, diff.path.slice(0, at)) as { required?: unknown } | undefined;
  return Array.isArray(schema?.required) && schema.required.includes(diff.path[at + 1]);
}
