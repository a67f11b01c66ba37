/**
 * One `sync` at a time per repository. Two at once each vendored their pages, regenerated from the specs as
 * they found them and committed: both said "wrote …" and left a changeset, while the package held the
 * operations of one and the specs those of both. A lock file (`.switchboard/sync.lock`, ignored by git) made
 * with the `wx` flag, which the file system grants to one process only, holds the run's pid; a lock whose
 * process is gone (killed, the machine restarted) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError } from "../errors.js";

export const LOCK_DIR = ".switchboard";

/** Whether a process of this pid is running (ours to signal or not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock named `name` in `root`, or refuses naming the run that holds it. Returns its release, which
 * also runs when the process exits (a signal ends a run with `process.exit`).
 */
export function takeRunLock(root: string, name: string, what: string): () => void {
  const path = join(root, LOCK_DIR, `${name}.lock`);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      let holder = Number.NaN;
      try {
        holder = Number.parseInt(readFileSync(path, "utf8"), 10);
      } catch {}
      // A lock being written this instant has no pid yet: another run has it.
      if (Number.isNaN(holder) || running(holder))
        throw new InputError(
          path,
          `another ${what} is running in this repository${Number.isNaN(holder) ? "" : ` (process ${holder})`}: wait for it to finish, then run this one (two at once would each regenerate from the specs as they found them). If no such run is going on, delete this file`,
        );
      rmSync(path, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    rmSync(path, { force: true });
    // The folder too, when no other lock is in it: nothing is left behind in a checkout.
    try {
      rmdirSync(dirname(path));
    } catch {}
  };
  process.once("exit", release);
  return () => {
    process.off("exit", release);
    release();
  };
}
