/**
 * Temporary workspaces for scale runs: a folder shaped like the repository (turbo.json, tsconfig.base.json,
 * specs/<provider>/, packages/) whose node_modules links to the repository's own installed packages, so the
 * real generator (run with SWITCHBOARD_ROOT pointing here), the real runtime and the real toolchain work on
 * it without touching the repository. The corpus is read from ../shared at run time and linked from the
 * temporary folder, never copied (see @switchboard/codegen/scratch-repo).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createScratchRepo, repositoryRoot } from "@switchboard/codegen/scratch-repo";

export const repo = repositoryRoot;
export const scaleDir = join(repo, "packages", "scale");

/** The corpus copy of the complete Telnyx API: `$SWITCHBOARD_CORPUS`, else `../shared/corpus` beside the repository. */
export function corpusSpec(): { path: string; sha256: string } {
  const base = process.env.SWITCHBOARD_CORPUS ?? join(repo, "..", "shared", "corpus");
  const path = join(base, "telnyx", "spec3.yml");
  if (!existsSync(path)) {
    throw new Error(
      `the Telnyx corpus spec is not at ${path}: the scale run reads it from ../shared/corpus (or $SWITCHBOARD_CORPUS)`,
    );
  }
  return { path, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
}

export interface Workspace {
  readonly root: string;
  /** `packages/<name>` inside the workspace. */
  packageDir(name: string): string;
  remove(): void;
}

/**
 * A workspace with the given vendored specs (and overlays) for one provider. The specs are linked, not
 * copied (the corpus stays in ../shared); `@switchboard/core`, `mock` and `codegen` resolve to the
 * repository's packages (built by turbo before tests run); the provider's own package is generated into the
 * workspace.
 */
export function createWorkspace(options: {
  provider: string;
  specs: Record<string, string>;
  overlays?: string;
  prefix?: string;
}): Workspace {
  const specDir = join("specs", options.provider);
  const overlays =
    options.overlays && existsSync(options.overlays)
      ? readdirSync(options.overlays).filter((f) => /\.ya?ml$/.test(f))
      : [];
  const scratch = createScratchRepo({
    prefix: options.prefix ?? "switchboard-scale-",
    copy: [
      "turbo.json",
      "tsconfig.base.json",
      ...overlays.map((name) => ({
        from: join(options.overlays!, name),
        to: join(specDir, "overlays", name),
      })),
    ],
    link: Object.fromEntries(
      Object.entries(options.specs).map(([name, path]) => [join(specDir, name), path]),
    ),
    nodeModules: { localPackages: [options.provider] },
  });
  return {
    root: scratch.root,
    packageDir: (name) => scratch.path("packages", name),
    remove: scratch.remove,
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** User + system CPU time of the process (not its children), from its own resource usage at exit. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

const USAGE_PRELOAD = `process.on("exit", () => {
  const u = process.resourceUsage();
  require("node:fs").writeFileSync(process.env.SWITCHBOARD_USAGE_FILE, JSON.stringify({
    cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }));
});
`;

/**
 * Runs `node <args>` and measures it: wall time, and the CPU time and peak memory the process reports about
 * itself when it exits (a preload writes them), which stay meaningful when other work shares the machine.
 */
export async function runNode(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<RunResult> {
  const scratch = mkdtempSync(join(tmpdir(), "switchboard-usage-"));
  const preload = join(scratch, "usage.cjs");
  const usageFile = join(scratch, "usage.json");
  writeFileSync(preload, USAGE_PRELOAD);
  const started = performance.now();
  try {
    return await new Promise<RunResult>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ["--require", preload, ...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, SWITCHBOARD_USAGE_FILE: usageFile },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
      });
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const wallMs = performance.now() - started;
        const usage = existsSync(usageFile)
          ? (JSON.parse(readFileSync(usageFile, "utf8")) as { cpuMs: number; maxRssMb: number })
          : { cpuMs: Number.NaN, maxRssMb: Number.NaN };
        resolvePromise({ code: code ?? 1, stdout, stderr, wallMs, ...usage });
      });
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const bin = {
  codegen: join(repo, "packages", "codegen", "bin", "switchboard-codegen.js"),
  tsc: join(repo, "node_modules", "typescript", "bin", "tsc"),
  tsup: join(repo, "node_modules", "tsup", "dist", "cli-default.js"),
  openapiTypescript: join(repo, "node_modules", "openapi-typescript", "bin", "cli.js"),
  esbuild: join(repo, "node_modules", "esbuild", "bin", "esbuild"),
};

/** Fails with the command's own output when it did not succeed. */
export function check(result: RunResult, what: string): RunResult {
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

/** Generates `provider`'s package in the workspace with the repository's generator. */
export async function generate(ws: Workspace, provider: string): Promise<RunResult> {
  const result = await runNode([bin.codegen, "generate", provider], {
    cwd: ws.root,
    env: { SWITCHBOARD_ROOT: ws.root },
  });
  return check(result, `switchboard-codegen generate ${provider}`);
}

/** Builds the generated package with its own build script (tsup: ESM, CJS and declarations). */
export async function build(ws: Workspace, provider: string): Promise<RunResult> {
  const manifest = JSON.parse(readFileSync(join(ws.packageDir(provider), "package.json"), "utf8"));
  const script: string = manifest.scripts.build;
  const args = (script.match(/'[^']*'|\S+/g) ?? []).slice(1).map((a) => a.replace(/^'|'$/g, ""));
  return check(await runNode([bin.tsup, ...args], { cwd: ws.packageDir(provider) }), `build ${provider}`);
}
