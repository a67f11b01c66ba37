import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Syncs, generation and scratch copies of the repository take a second alone but several while turbo
    // runs every package's tests at once on two cores; the 5 s default made them fail for want of CPU.
    testTimeout: 30_000,
  },
});
