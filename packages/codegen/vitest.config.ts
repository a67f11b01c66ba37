import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generation, sync and release cases bundle real specs in temporary repositories: about a second each
    // alone, but `npm test` runs them beside the scale tests' builds and Prism on two cores, where vitest's
    // 5 s default failed them for the machine's load, not for what they check.
    testTimeout: 30_000,
  },
});
