import { clock } from "./clock.js";

/**
 * The signal one attempt runs under: aborted when the attempt's own timeout fires or when the caller's
 * signal aborts, whichever comes first. A fresh one per attempt, so a retry gets the full timeout again.
 * Done by hand instead of `AbortSignal.any([caller, AbortSignal.timeout(ms)])`: that allocates two more
 * signals per attempt, cannot tell the caller's abort from our timeout, and keeps its timer until it fires.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #timer: unknown;
  timedOut = false;

  constructor(timeout: number, caller: AbortSignal | undefined) {
    this.#caller = caller;
    // 0 or Infinity means no limit; setTimeout would fire at once for anything above 2^31 - 1 ms.
    if (timeout > 0 && timeout < 2 ** 31) {
      this.#timer = clock.setTimeout(() => {
        this.timedOut = true;
        this.#controller.abort();
      }, timeout);
    }
    if (caller) {
      if (caller.aborted) this.#controller.abort(caller.reason);
      else caller.addEventListener("abort", this);
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The caller's signal aborted (an `EventListener` object, so no closure is made per attempt). */
  handleEvent(): void {
    this.#controller.abort(this.#caller?.reason);
  }

  /** Stops the timer and lets go of the caller's signal; the attempt keeps what it has already read. */
  done(): void {
    if (this.#timer !== undefined) clock.clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this);
  }
}
