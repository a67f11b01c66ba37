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
