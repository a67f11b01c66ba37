import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The sample app's tests run inside the app, installed from tarballs (test/sample-app.test.ts).
    exclude: [...configDefaults.exclude, "test/sample-app/**"],
    // Hang detectors, not speed limits: most tests start a Prism, which takes seconds alone and can take
    // minutes while turbo runs every package's suite on two cores. Prism's own ready timeout is 180 s.
    // The sample app installs packages from the npm registry (or its cache) and runs its own vitest.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
