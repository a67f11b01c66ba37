#!/usr/bin/env node
// Runs the TypeScript sources directly: the generator is a build tool of this repository, never published,
// so it has no build step of its own that could go stale.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
