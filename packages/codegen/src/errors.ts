/**
 * An error in the user's input (a page, a spec, an overlay), reported as `file:line:column: message`
 * so editors and terminals can jump to it. Anything else that escapes the CLI is a bug in the generator.
 */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ""}` : ""}: ${detail}`);
  }
}

/**
 * Several input errors found in one pass, reported together so the user fixes them all in one round: each
 * problem stays an `InputError` with its own file and line, and the message lists them one per line.
 */
export class InputErrors extends InputError {
  override name = "InputErrors";
  constructor(readonly problems: readonly InputError[]) {
    const [first] = problems;
    if (!first) throw new Error("InputErrors needs at least one problem");
    super(first.file, first.detail, first.line, first.column);
    this.message = problems.map((problem) => problem.message).join("\n");
  }
}

/** Throws the one problem itself, or all of them as `InputErrors`; returns when there are none. */
export function throwProblems(problems: readonly InputError[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new InputErrors(problems);
}
