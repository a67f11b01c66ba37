/**
 * The fixes the generator prints, taken as a user takes them (`real-documents --mend`): every overlay a
 * message shows under the file to save it as (`say specs/acme/overlays/servers.yaml:`, `specs/acme/overlays/
 * spec-fixes.yaml: every fix above as one overlay`), and the settings lines it says to write (`then name it
 * in specs/acme/switchboard.yaml:`), with the placeholders a person fills from the provider's documentation
 * (`https://<the API's base URL>`, `<where the provider's documentation gives the base URL>`) filled with
 * stand-ins. A document the generator stopped on is then generated again: a printed fix that does not fix
 * what it was printed for, or breaks something else, shows as a document still stopped or FAILED.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse, stringify } from "yaml";
import { bin, crashed, type RunResult, runNode } from "./workspace.js";

/** Stand-ins for what a person would read in the provider's documentation. */
const PLACEHOLDERS: Array<[RegExp, string]> = [
  [/https:\/\/<the API's base URL>/g, "https://api.example.test"],
  [/<the API's host>/g, "api.example.test"],
  [/<[^<>\n]+>/g, "as the sweep fills it in"],
];

/** A fix as printed: the file it goes into (relative to the repository) and its text. */
export interface PrintedFixes {
  /** Overlay file → its text; two messages naming one file have their actions in it together. */
  overlays: Map<string, string>;
  /** Settings file → the `credentials:` block it should hold. */
  credentials: Map<string, string>;
}

/** The indented block after line `at`: its lines while they are indented at least as its first is. */
function blockAfter(lines: readonly string[], at: number): string[] {
  const first = lines[at + 1] ?? "";
  const indent = /^ */.exec(first)![0].length;
  if (indent === 0) return [];
  const block: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() !== "" && !line.startsWith(" ".repeat(indent))) break;
    block.push(line.slice(indent));
  }
  while (block.length > 0 && block[block.length - 1]!.trim() === "") block.pop();
  return block;
}

const fill = (text: string) => PLACEHOLDERS.reduce((out, [from, to]) => out.replace(from, to), text);

/** The overlays and settings a command's output tells the user to write. */
export function printedFixes(output: string): PrintedFixes {
  const lines = output.split("\n");
  const overlays = new Map<string, { actions: unknown[]; head: Record<string, unknown> }>();
  const credentials = new Map<string, string>();
  for (const [i, line] of lines.entries()) {
    const overlayFile = /(specs\/[^/\s]+\/overlays\/[\w.-]+\.ya?ml)(?::|\s|$)/.exec(line)?.[1];
    const settingsFile = /then name (?:it|them) in (specs\/[^/\s]+\/switchboard\.yaml):\s*$/.exec(line)?.[1];
    const block = blockAfter(lines, i);
    if (overlayFile && block[0]?.trim() === "overlay: 1.0.0") {
      const overlay = parse(fill(block.join("\n"))) as { actions: unknown[] } & Record<string, unknown>;
      const known = overlays.get(overlayFile);
      if (known) known.actions.push(...overlay.actions);
      else overlays.set(overlayFile, { head: overlay, actions: [...overlay.actions] });
    } else if (settingsFile && block[0]?.startsWith("credentials:")) {
      credentials.set(settingsFile, `${block.join("\n")}\n`);
    }
  }
  return {
    overlays: new Map(
      [...overlays].map(([file, { head, actions }]) => [
        file,
        stringify({ ...head, actions }, { lineWidth: 0 }),
      ]),
    ),
    credentials,
  };
}

/** A settings file's text with its `credentials:` entry (one line, or a block) replaced by `block`. */
export function withCredentials(settings: string, block: string): string {
  const lines = settings.split("\n");
  const start = lines.findIndex((line) => /^credentials:/.test(line));
  if (start < 0) return `${block}${settings}`;
  let end = start + 1;
  while (end < lines.length && /^\s+\S/.test(lines[end]!)) end++;
  return [...lines.slice(0, start), ...block.trimEnd().split("\n"), ...lines.slice(end)].join("\n");
}

/**
 * Writes the overlays and settings an output of the generator says to write (printed-fixes.ts), as a user
 * pastes them: which files that changed, and how many fixes were printed.
 */
export function applyPrintedFixes(root: string, output: string): { changed: string[]; printed: number } {
  const { overlays, credentials } = printedFixes(output);
  const changed: string[] = [];
  const write = (file: string, text: string) => {
    const path = join(root, file);
    if (existsSync(path) && readFileSync(path, "utf8") === text) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    changed.push(basename(file));
  };
  // An overlay written in an earlier round keeps its actions: a later round's fixes are for other problems.
  for (const [file, text] of overlays) write(file, withEarlierActions(join(root, file), text));
  for (const [file, block] of credentials)
    if (existsSync(join(root, file)))
      write(file, withCredentials(readFileSync(join(root, file), "utf8"), block));
  return { changed, printed: overlays.size + credentials.size };
}

/** `text`, an overlay, with the actions of the overlay already at `path` that it lacks, first. */
function withEarlierActions(path: string, text: string): string {
  if (!existsSync(path)) return text;
  const earlier = parse(readFileSync(path, "utf8")) as { actions?: unknown[] } | null;
  const overlay = parse(text) as { actions: unknown[] } & Record<string, unknown>;
  const known = new Set(overlay.actions.map((action) => JSON.stringify(action)));
  const kept = (earlier?.actions ?? []).filter((action) => !known.has(JSON.stringify(action)));
  if (kept.length === 0) return text;
  return stringify({ ...overlay, actions: [...kept, ...overlay.actions] }, { lineWidth: 0 });
}

/**
 * `generate` in the scratch repository at `root`, and, while it stops on problems it prints fixes for, those
 * fixes written (as a user pastes them) and `generate` again, for at most three more rounds: the last run,
 * the files each round changed, and whether the fixes printed last were already in place (so did not fix
 * what they were printed for).
 */
export async function generateWithPrintedFixes(
  root: string,
  provider: string,
  env: Record<string, string>,
): Promise<{ generated: RunResult; mended: string[]; unfixed: boolean }> {
  const mended: string[] = [];
  let generated = await runNode([bin.codegen, "generate", provider], { cwd: root, env });
  // Fixes printed only once the first are in (a problem the bundle finds after the servers are given).
  let unfixed = false;
  for (let round = 0; generated.code !== 0 && !crashed(generated.stderr) && round < 3; round++) {
    const { changed, printed } = applyPrintedFixes(root, generated.stdout + generated.stderr);
    // The fixes printed again, already in place, did not fix what they were printed for.
    unfixed = printed > 0 && changed.length === 0;
    if (changed.length === 0) break;
    mended.push(...changed);
    generated = await runNode([bin.codegen, "generate", provider], { cwd: root, env });
  }
  return { generated, mended, unfixed };
}
