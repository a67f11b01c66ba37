/**
 * Every write of the generator goes through a `FileTransaction`, so a run that fails leaves every file as it
 * was; and the two small file-system helpers the stages share.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./errors.js";

/**
 * Reads a file as UTF-8, or `undefined` when it does not exist. A file the repository holds but that cannot be
 * read (a folder where a file belongs, a file without read permission) is an input error naming it.
 */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "EISDIR") throw new InputError(path, "is a folder where a file belongs: move it away");
    if (code === "EACCES" || code === "EPERM")
      throw new InputError(path, "cannot be read: permission denied");
    throw error;
  }
}

/** Reads a file the caller knows is there as UTF-8; where it cannot be read, an input error naming it. */
export function readExisting(path: string): string {
  const text = readIfExists(path);
  if (text === undefined) throw new InputError(path, "file not found");
  return text;
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A set of file writes and removals that is prepared in full before anything on disk changes, then
 * committed with one rename per file. Each file is either its old bytes or its new bytes, never half
 * written, and when preparing fails nothing at all has changed. Files whose content is unchanged are
 * not touched, so their mtimes (and tools that watch them) stay quiet.
 */
export class FileTransaction {
  private readonly writes = new Map<string, string>();
  private readonly removals = new Set<string>();

  write(path: string, content: string): this {
    this.removals.delete(path);
    this.writes.set(path, content);
    return this;
  }

  remove(path: string): this {
    this.writes.delete(path);
    this.removals.add(path);
    return this;
  }

  /** What `path` will hold once committed: the staged content, `undefined` if staged for removal or absent. */
  read(path: string): string | undefined {
    if (this.writes.has(path)) return this.writes.get(path);
    if (this.removals.has(path)) return undefined;
    return readIfExists(path);
  }

  /**
   * The file names `dir` will hold once committed: what it holds now, plus staged writes into it, without
   * staged removals. Sorted.
   */
  list(dir: string): string[] {
    const names = new Set(isDirectory(dir) ? readdirSync(dir) : []);
    for (const path of this.writes.keys()) if (dirname(path) === dir) names.add(basename(path));
    for (const path of this.removals) if (dirname(path) === dir) names.delete(basename(path));
    return [...names].sort();
  }

  /** Every staged path with its new content (`undefined` for a removal), in no particular order. */
  staged(): Array<[path: string, content: string | undefined]> {
    return [...this.writes, ...[...this.removals].map((path): [string, undefined] => [path, undefined])];
  }

  /** Paths whose content would change if committed now. */
  changes(): string[] {
    return [...this.previous().keys()].sort();
  }

  /** Each path whose content would change, with what it holds now (undefined: not there); one read each. */
  private previous(): Map<string, string | undefined> {
    const previous = new Map<string, string | undefined>();
    for (const [path, content] of this.writes) {
      const now = readIfExists(path);
      if (now !== content) previous.set(path, now);
    }
    for (const path of this.removals) {
      const now = readIfExists(path);
      if (now !== undefined) previous.set(path, now);
    }
    return previous;
  }

  /**
   * Writes every change, or none: a file that cannot be replaced (read-only, locked, a folder in its place)
   * puts back the ones already replaced, and is reported as an input error naming it.
   */
  commit(): string[] {
    const previous = this.previous();
    const changed = [...previous.keys()].sort();
    const release = holdSignals();
    const staged: Array<[tmp: string, path: string]> = [];
    const done: string[] = [];
    let at = "";
    try {
      for (const dir of new Set(changed.map(dirname))) removeStaleTemporaries(dir);
      for (const path of changed) {
        const content = this.writes.get(path);
        if (content === undefined) continue;
        at = path;
        mkdirSync(dirname(path), { recursive: true });
        const tmp = join(
          dirname(path),
          `.${basename(path)}.${process.pid}-${randomBytes(6).toString("hex")}${TMP_SUFFIX}`,
        );
        // Listed before it is written: a write that fails part way (a full disk) leaves a file to remove too.
        staged.push([tmp, path]);
        writeFileSync(tmp, content);
      }
      for (const [tmp, path] of staged) {
        at = path;
        renameSync(tmp, path);
        done.push(path);
      }
      for (const path of changed) {
        if (this.writes.has(path)) continue;
        at = path;
        rmSync(path, { force: true });
        done.push(path);
      }
      return changed;
    } catch (error) {
      for (const [tmp] of staged) rmSync(tmp, { force: true });
      for (const path of done) restore(path, previous.get(path));
      const code = (error as NodeJS.ErrnoException).code;
      const why = code && Object.hasOwn(UNWRITABLE, code) ? UNWRITABLE[code] : undefined;
      if (why) throw new InputError(at, `cannot be written (${why}): nothing was changed`);
      throw error;
    } finally {
      release();
    }
  }
}

/** Why a file could not be written, by the system's code: said in a line, after everything is put back. */
const UNWRITABLE: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "a read-only file system",
  EISDIR: "a folder is in its place",
  ENOTDIR: "a file is where its folder belongs",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EIO: "an input/output error of the device",
  EFBIG: "too large for the file system",
};

/** Puts a file back as it was before a commit that failed part way: its old bytes, or not there at all. */
function restore(path: string, content: string | undefined): void {
  if (content === undefined) rmSync(path, { force: true });
  else writeFileSync(path, content);
}

const TMP_SUFFIX = ".tmp";
/** `.<name>.<pid>-<12 hex>.tmp` (or `.<name>.<12 hex>.tmp`, as earlier versions named it): what `commit` stages. */
const STAGED_FILE = /^\..+\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/;

/**
 * Removes what a commit staged and never renamed: a process killed outright (SIGKILL, a power cut) leaves
 * its temporary files beside the ones it meant to replace, and nothing else would ever remove them. Only a
 * dead process's: another run committing into the same folder now (two `generate`s at once) has its own
 * staged there, and removing them made its rename fail half way (ENOENT).
 */
function removeStaleTemporaries(dir: string): void {
  if (!isDirectory(dir)) return;
  for (const name of readdirSync(dir)) {
    const staged = STAGED_FILE.exec(name);
    if (staged && !isRunning(Number(staged[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** Whether a process of this id runs (signal 0 tests, sends nothing); false for none given (NaN). */
function isRunning(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // another user's: running
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Holds the signals that stop a command (Ctrl-C, a CI timeout's SIGTERM, a closed terminal) until a commit
 * is over, then delivers them as they came. Without a listener, Node lets such a signal kill the process at
 * once, between two renames, leaving a package half old and half new. With one, the signal waits for the
 * event loop, which a commit, being synchronous, does not yield to: so every file is renamed first. The
 * listener then stands aside and raises the signal again, which does what it would have done (the default:
 * end the process; or the command's own listeners). It stays until the event loop has delivered what arrived
 * meanwhile: a signal is delivered in the poll phase, which a commit made during one has already passed, so
 * the listener leaves only after a whole turn of the loop (an immediate that queues another).
 */
function holdSignals(): () => void {
  holders++;
  listen(true);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    setImmediate(() =>
      setImmediate(() => {
        if (--holders === 0) listen(false);
      }),
    );
  };
}

/** Commits holding the signals now, or whose signals may not have been delivered yet: one listener for all. */
let holders = 0;
let listening = false;

function listen(on: boolean): void {
  if (on === listening) return;
  listening = on;
  for (const name of SIGNALS) {
    if (on) process.on(name, raiseAgain);
    else process.removeListener(name, raiseAgain);
  }
}

function raiseAgain(signal: NodeJS.Signals): void {
  listen(false);
  process.kill(process.pid, signal);
}
