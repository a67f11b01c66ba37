import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generation, builds, type-checks and Prism runs of a 1,156-operation API: minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // One workspace per file; files run one after the other so two Prisms and two tsc runs do not compete.
    fileParallelism: false,
  },
});
