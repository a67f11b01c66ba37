import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang detectors, not speed limits: most tests start a Prism, which takes seconds alone and can take
    // minutes while turbo runs every package's suite on two cores. Prism's own ready timeout is 180 s.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
