import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    // A limit is a hang detector, not a speed check: beside turbo's other tasks on two cores, or beside
    // `npm run test:stress`'s CPU hogs, a test that takes 0.1 s alone can take ten times as long. Tests over
    // real sockets get a minute; nothing here should come near it on any machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
