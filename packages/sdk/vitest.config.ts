import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism per provider for the whole run, started and always stopped by the global setup.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
