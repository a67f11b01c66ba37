import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A scratch copy of the repository generated, built and contract-tested against Prism: minutes, not
    // seconds, on a loaded machine. These are hang detectors, not speed limits.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
