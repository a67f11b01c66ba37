#!/usr/bin/env node
// Runs the generator's TypeScript sources, bundled by esbuild into a cache folder named by a hash of the
// sources (node_modules/.cache/switchboard-codegen/<hash>/): the generator is a build tool of this
// repository, never published, so it has no build step of its own that could go stale. A run whose sources
// changed bundles them again (about 0.2 s); every other run imports the bundle.
//
// Why not tsx, as this file did before: tsx's loader hooks run in a thread of their own that every import
// (TypeScript's compiler included) goes through, which cost a full Telnyx generation ~0.6 s of CPU, a
// tenth of the whole. Stack traces name the bundle's lines; run with `node --enable-source-maps` for the
// sources' lines.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getHeapStatistics } from "node:v8";
import { generatorHeapMb } from "./heap-limit.js";

// Node's heap stops at about 4 GB whatever the machine has, and a documentation site of hundreds of pages
// that each carry a large API's components (Stripe's 452 pages are 380 MB) is parsed whole to be checked: the
// run peaked at 7.4 GB and died of "heap out of memory", with V8's stack trace. So the generator takes up to
// three quarters of the machine's memory, as a build tool may, by running itself again with that limit; a
// limit the user set (`--max-old-space-size`, in NODE_OPTIONS or on the command line) is left as it is.
const wanted = generatorHeapMb();
const limited = /--max-old-space-size/.test(
  `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`,
);
if (!limited && wanted > getHeapStatistics().heap_size_limit / 2 ** 20 + 1024) {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${wanted}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  // A signal sent to this process alone (`kill`, a supervisor's or `timeout`'s SIGTERM) is passed on: the
  // run is the child, which would otherwise go on and write its files after this process had ended. The
  // child holds such a signal until a commit of its files is over (file-transaction.ts), and this process
  // then ends as the child did.
  const forwarded = ["SIGINT", "SIGTERM", "SIGHUP"].map((signal) => {
    const pass = () => child.kill(signal);
    process.on(signal, pass);
    return [signal, pass];
  });
  const [status, signal] = await new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve([code, signal])),
  );
  for (const [name, pass] of forwarded) process.off(name, pass);
  if (signal) process.kill(process.pid, signal);
  process.exit(status ?? 1);
}

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const sources = join(packageDir, "src");

const hash = createHash("sha256");
// This file and the package manifest (the esbuild version, what stays external) are inputs too.
for (const file of [fileURLToPath(import.meta.url), join(packageDir, "package.json")])
  hash.update(readFileSync(file));
for (const name of readdirSync(sources, { recursive: true }).sort()) {
  if (!/\.[cm]?ts$/.test(name)) continue;
  hash.update(`\0${name}\0`).update(readFileSync(join(sources, name)));
}
const cache = join(packageDir, "node_modules", ".cache", "switchboard-codegen");
const bundle = join(cache, hash.digest("hex").slice(0, 16));
await import(
  pathToFileURL(existsSync(join(bundle, "complete")) ? join(bundle, "cli.js") : await bundled()).href
);

/** Bundles the sources into `bundle` and returns its entry; or, with no cache to write to, the sources. */
async function bundled() {
  // Bundled into a folder of its own, then renamed into place whole: runs started together (turbo runs a
  // generate per provider at once) each bundle, and the first rename wins; no run imports a half-written one.
  const scratch = `${bundle}.${process.pid}`;
  try {
    mkdirSync(scratch, { recursive: true });
  } catch {
    // A read-only node_modules: the sources through tsx's loader, slower but as they are.
    const { register } = await import("tsx/esm/api");
    register();
    return join(sources, "cli.ts");
  }
  const { build } = await import("esbuild");
  const built = await build({
    entryPoints: { cli: join(sources, "cli.ts") },
    outdir: scratch,
    bundle: true,
    // Each command's modules stay in chunks of their own, loaded when it runs (see cli.ts).
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    // esbuild prints what does not compile, at its file and line; nothing more to say, and no stack trace.
    logLevel: "error",
  }).catch(() => undefined);
  if (!built) {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
  writeFileSync(join(scratch, "complete"), "");
  try {
    renameSync(scratch, bundle);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run's bundle of the same sources won
  }
  // Bundles of earlier sources, once no run can still be loading their chunks.
  for (const name of readdirSync(cache)) {
    const old = join(cache, name);
    const made = statSync(old, { throwIfNoEntry: false })?.mtimeMs; // another run may have just removed it
    if (old !== bundle && made !== undefined && Date.now() - made > 3_600_000)
      rmSync(old, { recursive: true, force: true });
  }
  return join(bundle, "cli.js");
}
