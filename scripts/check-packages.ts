/**
 * `npm run check:packages`: every publishable package is what a user can install and import. Builds (turbo,
 * cached), then per package:
 * - the manifest: ES modules only, an entry with types, `sideEffects: false`,
 *   `engines.node`, public access;
 * - `npm pack --dry-run`: only the built files, the bundled spec, README/CHANGELOG/LICENSE and package.json,
 *   and every file the manifest points at is in it;
 * - publint (packaging mistakes), strict: warnings fail;
 * - @arethetypeswrong/cli (types resolve for node16 and for bundlers); the `./openapi.json` subpath is a
 *   data file for `require.resolve`, not a typed module, so it is left out. Its `node16` profile leaves out
 *   TypeScript's legacy `node10` resolution, which ignores `exports`: the packages need Node >= 20.19
 *   (`engines`), and subpath modules (`@switchboard/telnyx/ips`) cannot exist without `exports`. ESM-only
 *   packages (the provider packages) are checked with its `esm-only` profile, which also leaves out
 *   node16's CommonJS mode: attw's TypeScript (5.6) predates `require()` of ES modules;
 * - what CommonJS callers of the packages get, checked for real: every package is ESM only (a CommonJS
 *   build of core beside the ES module the others import would be a second copy of the runtime, whose
 *   `SwitchboardError` an error from the other is no instance of), `require()` loads each one in Node
 *   (>= 20.19 loads ES modules that way), each exports the one `SwitchboardError`, and a `.cts` file
 *   importing each with `require` type-checks under TypeScript 5.9's `module: nodenext`;
 * - the runtime's declarations need no DOM lib (a Node app's `lib: ["es2022"]`, `types: ["node"]`).
 * Exits non-zero naming the package and the problem.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const attwCli = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist", "index.js");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** What a published package may contain. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/[\w./-]+\.(js|cjs|d\.ts|d\.cts)$/,
  /^dist\/openapi\.json$/,
];

interface Manifest {
  name: string;
  type?: string;
  version: string;
  private?: boolean;
  sideEffects?: unknown;
  engines?: { node?: string };
  main?: string;
  module?: string;
  types?: string;
  exports?: Record<string, unknown>;
  publishConfig?: { access?: string };
  files?: string[];
}

/** Whether the package ships ES modules only: no `require` condition anywhere in its exports. */
const isEsmOnly = (manifest: Manifest) => !JSON.stringify(manifest.exports ?? {}).includes('"require"');

function manifestProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  if (manifest.sideEffects !== false) problems.push('"sideEffects" must be false');
  if (!manifest.engines?.node) problems.push('"engines.node" must say which Node versions are supported');
  if (manifest.publishConfig?.access !== "public") problems.push('"publishConfig.access" must be "public"');
  const main = manifest.exports?.["."] as Record<string, any> | undefined;
  if (!isEsmOnly(manifest))
    problems.push(
      "a `require` build beside the ES module is a second copy of the runtime for a caller that also loads " +
        "another package (whose errors are then no instance of its SwitchboardError): ship ES modules only, " +
        "which Node 20.19+ `require()`s",
    );
  if (manifest.type !== "module") problems.push('an ESM-only package must be "type": "module"');
  const entry = main?.import ?? main;
  if (!entry?.types || !entry?.default) problems.push('exports["."] must give both "types" and "default"');
  return problems;
}

/** Every file the manifest points at (entry points, types, export targets). */
function referencedFiles(manifest: Manifest): string[] {
  const out = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === "string") out.add(value.replace(/^\.\//, ""));
    else if (value && typeof value === "object") for (const v of Object.values(value)) add(v);
  };
  add(manifest.main);
  add(manifest.module);
  add(manifest.types);
  add(manifest.exports);
  return [...out].sort();
}

function packProblems(dir: string, manifest: Manifest): { problems: string[]; summary: string } {
  const output = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [packed] = JSON.parse(output) as Array<{
    files: Array<{ path: string }>;
    size: number;
    unpackedSize: number;
  }>;
  const files = packed!.files.map((f) => f.path);
  const problems = [
    ...(files.includes("README.md") ? [] : ["the tarball has no README.md"]),
    ...files
      .filter((f) => !ALLOWED.some((re) => re.test(f)))
      .map((f) => `the tarball should not contain ${f}`),
    ...referencedFiles(manifest)
      .filter((f) => !(f.includes("*") ? files.some((file) => matchesPattern(f, file)) : files.includes(f)))
      .map((f) => `package.json points at ${f}, which is not in the tarball`),
  ];
  const summary = `${files.length} files, ${(packed!.size / 1024).toFixed(1)} kB packed, ${(packed!.unpackedSize / 1024).toFixed(1)} kB unpacked`;
  return { problems, summary };
}

/** A pattern export target (`dist/generated/modules/*.js`) is packed when some file fills its `*`. */
function matchesPattern(pattern: string, file: string): boolean {
  const [prefix, suffix = ""] = pattern.split("*");
  return file.length > prefix!.length + suffix.length && file.startsWith(prefix!) && file.endsWith(suffix);
}

async function publintProblems(dir: string): Promise<string[]> {
  const { messages, pkg } = await publint({ pkgDir: dir, level: "warning", strict: true, pack: "npm" });
  return messages.map((message) => `publint ${message.code}: ${formatMessage(message, pkg) ?? ""}`);
}

function attwProblems(dir: string, manifest: Manifest): string[] {
  const exclude = Object.keys(manifest.exports ?? {}).filter((subpath) => subpath.endsWith(".json"));
  const args = [
    attwCli,
    "--pack",
    dir,
    "--format",
    "ascii",
    "--no-definitely-typed",
    "--no-color",
    "--no-emoji",
    "--profile",
    isEsmOnly(manifest) ? "esm-only" : "node16",
  ];
  if (exclude.length) args.push("--exclude-entrypoints", ...exclude);
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (result.status === 0) return [];
  return [`@arethetypeswrong/cli found problems:\n${result.stdout}${result.stderr}`];
}

/**
 * A CommonJS caller of each ESM-only package, for real: Node `require()`s it, and a `.cts` file that
 * imports it with `require` type-checks under `module: nodenext` (TypeScript 5.8 and later). Run from a
 * folder inside node_modules, so the packages resolve as they would for an installed app.
 */
function cjsConsumerProblems(packages: Manifest[]): string[] {
  if (packages.length === 0) return [];
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "switchboard-cjs-consumer-"));
  try {
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "commonjs" })}\n`);
    const names = packages.map((p) => p.name);
    writeFileSync(
      join(dir, "consumer.cts"),
      `${names.map((name, i) => `import p${i} = require(${JSON.stringify(name)});`).join("\n")}\n` +
        `export const loaded = [${names.map((_, i) => `Object.keys(p${i}).length`).join(", ")}];\n`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      `${JSON.stringify({
        compilerOptions: { module: "nodenext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["consumer.cts"],
      })}\n`,
    );
    const problems: string[] = [];
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", dir], {
      encoding: "utf8",
    });
    if (tsc.status !== 0) problems.push(`a CommonJS .cts importing them does not type-check:\n${tsc.stdout}`);
    for (const name of names) {
      const node = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(name)})`], {
        cwd: dir,
        encoding: "utf8",
      });
      if (node.status !== 0) problems.push(`require(${JSON.stringify(name)}) fails in Node:\n${node.stderr}`);
    }
    // One copy of the runtime for every package a CommonJS caller requires: with a CommonJS build of core
    // beside the ES module the provider packages import, `error instanceof SwitchboardError` was false
    // for an error from a client made through another package (the dual-package hazard).
    const copies = spawnSync(
      process.execPath,
      [
        "-e",
        `const names = ${JSON.stringify(names)};
         const classes = names.map((n) => require(n).SwitchboardError).filter(Boolean);
         if (new Set(classes).size > 1) { console.error(names.filter((n) => require(n).SwitchboardError).join(", ") + " export " + new Set(classes).size + " different SwitchboardError classes"); process.exit(1); }
         if (classes.length < 2) { console.error("fewer than two packages export SwitchboardError"); process.exit(1); }`,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    if (copies.status !== 0) problems.push(`one runtime for CommonJS callers: ${copies.stderr.trim()}`);
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The runtime's declarations need no DOM: a Node project's `lib: ["es2022"]` with `types: ["node"]` and
 * `skipLibCheck: false` type-checks an app importing them (core's declarations named `BodyInit` and the mock's
 * `RequestInfo`, which only the `dom` lib declares). Core, the mock and Vobiz's package (every provider
 * package is that shape) stand for all: the facade's would check Telnyx's whole declarations too.
 */
function withoutDomProblems(names: string[]): string[] {
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "switchboard-node-consumer-"));
  try {
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
    writeFileSync(
      join(dir, "consumer.ts"),
      `${names.map((name, i) => `import * as p${i} from ${JSON.stringify(name)};`).join("\n")}\n` +
        `export const loaded = [${names.map((_, i) => `p${i}`).join(", ")}];\n`,
    );
    const compilerOptions = {
      module: "nodenext",
      target: "es2022",
      lib: ["es2022"],
      types: ["node"],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    };
    writeFileSync(
      join(dir, "tsconfig.json"),
      `${JSON.stringify({ compilerOptions, files: ["consumer.ts"] })}\n`,
    );
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", dir], {
      encoding: "utf8",
    });
    return tsc.status === 0
      ? []
      : [`their declarations need the DOM lib (lib es2022, types node):\n${tsc.stdout}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  execFileSync(npm, ["exec", "--", "turbo", "run", "build", "--output-logs=errors-only"], {
    cwd: root,
    stdio: "inherit",
  });
  const packages = readdirSync(join(root, "packages"))
    .map((name) => ({ name, dir: join(root, "packages", name) }))
    .map((p) => ({
      ...p,
      manifest: JSON.parse(readFileSync(join(p.dir, "package.json"), "utf8")) as Manifest,
    }))
    .filter((p) => p.manifest.private !== true)
    .sort((a, b) => a.name.localeCompare(b.name));
  let failures = 0;
  for (const { dir, manifest } of packages) {
    const pack = packProblems(dir, manifest);
    const problems = [
      ...manifestProblems(manifest),
      ...pack.problems,
      ...(await publintProblems(dir)),
      ...attwProblems(dir, manifest),
    ];
    console.log(`${problems.length ? "✗" : "✓"} ${manifest.name}@${manifest.version}: ${pack.summary}`);
    for (const problem of problems) console.log(`    ${problem}`);
    if (problems.length) failures++;
  }
  const esmOnly = packages.filter((p) => isEsmOnly(p.manifest)).map((p) => p.manifest);
  const cjs = cjsConsumerProblems(esmOnly);
  console.log(
    `${cjs.length ? "✗" : "✓"} CommonJS callers of the ESM-only packages (${esmOnly.map((m) => m.name).join(", ")}): ` +
      "require() in Node, import = require() in TypeScript (module nodenext)",
  );
  for (const problem of cjs) console.log(`    ${problem}`);
  const representative = ["@switchboard/core", "@switchboard/mock", "@switchboard/vobiz"];
  const dom = withoutDomProblems(representative);
  console.log(
    `${dom.length ? "✗" : "✓"} a Node app without the DOM lib (${representative.join(", ")}): ` +
      "lib es2022, types node, skipLibCheck false",
  );
  for (const problem of dom) console.log(`    ${problem}`);
  console.log(`packages: ${packages.length - failures} ready to publish, ${failures} with problems`);
  if (failures || cjs.length || dom.length) process.exitCode = 1;
}

await main();
