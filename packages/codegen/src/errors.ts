import { distance } from "fastest-levenshtein";
import { withPublicUrls } from "./public-url.js";

/**
 * An error in the user's input (a page, a spec, an overlay), reported as `file:line:column: message`
 * so editors and terminals can jump to it. Anything else that escapes the CLI is a bug in the generator.
 */
export class InputError extends Error {
  override name = "InputError";
  /** The file, or the URL without the token or password it was fetched with (public-url.ts). */
  readonly file: string;
  readonly detail: string;
  constructor(
    file: string,
    detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const [at, what] = [withPublicUrls(file), withPublicUrls(detail)];
    super(`${at}${line ? `:${line}${column ? `:${column}` : ""}` : ""}: ${visible(what)}`);
    this.file = at;
    this.detail = what;
  }
}

/**
 * The text with every character a terminal shows as nothing (a zero-width space or joiner, a direction mark, a
 * byte order mark, a soft hyphen: Unicode's format characters) written as `<U+200B>`, so that a message about
 * `"\u200b/calls"` shows what is wrong with it. Pages converted from HTML carry them.
 */
export function visible(text: string): string {
  return text.replace(
    /\p{Cf}/gu,
    (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}

/**
 * Every input error one pass found, reported together (one per line), so a user fixes them all in one go
 * rather than one run at a time. An `InputError` itself, so every caller that handles one handles this.
 */
export class InputErrors extends InputError {
  override name = "InputErrors";
  constructor(readonly errors: readonly InputError[]) {
    const [first] = errors;
    if (!first) throw new Error("InputErrors needs at least one error");
    super(first.file, first.detail, first.line, first.column);
    const count = problemCount(errors);
    this.message =
      errors.length === 1
        ? first.message
        : `${count} problem${count === 1 ? "" : "s"}:\n${errors.map((e) => e.message).join("\n")}`;
  }
}

/** Not a problem but the fix of those before it (every suggested overlay action as one file): not counted. */
export class FixSuggestion extends InputError {
  override name = "FixSuggestion";
  constructor(file: string, detail: string) {
    super(file, detail);
    // An overlay to save as it is: its keys exactly as the document has them, invisible characters included.
    this.message = `${file}: ${detail}`;
  }
}

/** How many problems an error reports: each of several, less the suggested fix that follows them. */
export function problemCount(errors: readonly InputError[]): number {
  return errors.filter((error) => !(error instanceof FixSuggestion)).length;
}

/**
 * `run()`'s result, or undefined with the input errors it threw added to `problems`: one stage's problems
 * kept, so that an independent stage after it can add its own and both are reported in one run.
 */
export function collecting<T>(run: () => T, problems: InputError[]): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...(error instanceof InputErrors ? error.errors : [error]));
    return undefined;
  }
}

/** Throws the errors found, if any: one as itself, several as `InputErrors`. */
export function throwAll(errors: readonly InputError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InputErrors(errors);
}

/**
 * The one of `known` a misspelt or shortened `name` most likely meant (`keyformat`, `udpate`, `bearer` for
 * `bearerAuth`): the nearest within two edits, letter case aside, else the only one it starts or ends, for a
 * "did you mean", by edit distance (fastest-levenshtein, as the mock's "did you mean" measures it).
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 300;
  for (const candidate of known) {
    // Letter case counts only between names equally near otherwise (`bearerAuth` before `BearerAuth`).
    const edits = distance(candidate.toLowerCase(), lower) * 100 + distance(candidate, name);
    if (edits < bestDistance) [best, bestDistance] = [candidate, edits];
  }
  if (best !== undefined || lower.length < 3) return best;
  const part = known.filter((candidate) => {
    const other = candidate.toLowerCase();
    return other.startsWith(lower) || lower.startsWith(other) || other.endsWith(lower);
  });
  return part.length === 1 ? part[0] : undefined;
}
