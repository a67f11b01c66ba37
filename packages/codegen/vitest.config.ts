import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Worker threads rather than forked processes: a fork reports each test over an IPC pipe, and on a
    // loaded machine (`npm run test:stress`, CI running every package at once) a report could wait past
    // vitest's fixed 60 s RPC limit while every test passed, failing the run with "Timeout calling
    // onTaskUpdate". The long synchronous stretches that block a worker itself are in child processes
    // (test/offload.ts). No test changes directory, which threads would not allow.
    pool: "threads",
    // A limit is a hang detector, not a speed check. Syncs, generation and scratch copies of the repository
    // take a second alone; beside turbo's other tasks on two cores, or `npm run test:stress`'s CPU hogs, ten
    // times that. Tests that do more (a 4 MB spec, child processes) set their own budget from this one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
