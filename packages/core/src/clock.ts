/**
 * Every timer the runtime sets (an attempt's timeout, the pause before a retry) goes through this object.
 * Tests swap its members to control time without waiting and without faking the timers fetch itself
 * relies on (jitter and the current time come from `Math.random` and `Date.now`, which tests can stub).
 * Not exported from the package.
 */
export const clock = {
  setTimeout: (run: () => void, ms: number): unknown => setTimeout(run, ms),
  clearTimeout: (timer: unknown): void => clearTimeout(timer as ReturnType<typeof setTimeout>),
};
