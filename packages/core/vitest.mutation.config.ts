import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run test:mutation`'s suite: the whole suite but the Deno test, with shorter limits.
// - The Deno test bundles the sources into an app Deno runs, and under Stryker those sources are
//   instrumented: the app then reads Stryker's variables from an environment Deno does not grant, and its
//   mutants could never be switched on in Deno anyway. What it checks (that the verifier runs outside Node)
//   is no logic a mutant changes.
// - Many mutants make a call wait forever (a timer never cleared, a retry never ending). The suite's minute
//   of hang detection would make each cost a minute; 15 s is ample on the quiet machine a mutation run
//   wants (Stryker's own per-mutant timeout is set to match, in stryker.config.json).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["test/webhooks-deno.test.ts", "**/node_modules/**"],
      testTimeout: 15_000,
      hookTimeout: 15_000,
    },
  }),
);
