import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A limit is a hang detector, not a speed check. Syncs, generation and scratch copies of the repository
    // take a second alone; beside turbo's other tasks on two cores, or `npm run test:stress`'s CPU hogs, ten
    // times that. Tests that do more (a 4 MB spec, child processes) set their own budget from this one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
