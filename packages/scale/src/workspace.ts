/**
 * Where the scale benchmarks run: a temporary copy of the repository's Telnyx specs (with overlays) for
 * timing the generator on the complete API, and a folder inside the repository's node_modules for apps that
 * use the built packages exactly as an installed app resolves them. Both are removed when done.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatorHeapMb } from "@switchboard/codegen/heap-limit";
import { createScratchRepo, repositoryRoot } from "@switchboard/codegen/scratch-repo";

export const repo = repositoryRoot;
export const scaleDir = join(repo, "packages", "scale");

export interface Workspace {
  readonly root: string;
  /** `packages/<name>` inside the workspace. */
  packageDir(name: string): string;
  remove(): void;
}

export interface WorkspaceOptions {
  /** The temporary folder's name prefix. */
  prefix?: string;
  /**
   * For a provider the repository does not have (a test fixture): its vendored files by name, each the path
   * of the file to link in; without it, the repository's own `specs/<provider>` is copied.
   */
  specs?: Record<string, string>;
  /** With `specs`: a folder of overlays to copy into the workspace's `specs/<provider>/overlays`. */
  overlays?: string;
  /** Leave the copy in place (`remove()` and the process's exit do not delete it), to look into. */
  keep?: boolean;
}

/**
 * A copy of the repository as far as generating `provider` needs: its specs and overlays (the repository's
 * own, or a fixture's given in `options`), and a node_modules in which `@switchboard/<provider>` resolves to
 * the copy's own package (written by the generator, run with SWITCHBOARD_ROOT pointing here) and everything
 * else to the repository's packages.
 */
export function createWorkspace(provider: string, options: WorkspaceOptions = {}): Workspace {
  const specDir = join("specs", provider);
  const { specs, overlays } = options;
  const overlayFiles =
    specs && overlays && existsSync(overlays) ? readdirSync(overlays).filter((f) => /\.ya?ml$/.test(f)) : [];
  const scratch = createScratchRepo({
    prefix: options.prefix ?? "switchboard-scale-",
    keep: options.keep,
    copy: [
      "turbo.json",
      "tsconfig.base.json",
      ...(specs
        ? overlayFiles.map((name) => ({ from: join(overlays!, name), to: join(specDir, "overlays", name) }))
        : [specDir]),
    ],
    link: Object.fromEntries(Object.entries(specs ?? {}).map(([name, path]) => [join(specDir, name), path])),
    nodeModules: { localPackages: [provider] },
  });
  return {
    root: scratch.root,
    packageDir: (name) => scratch.path("packages", name),
    remove: scratch.remove,
  };
}

/**
 * A folder for consumer apps inside the repository's node_modules, where `@switchboard/*` resolve to the
 * built workspace packages and `telnyx` to the official SDK, as they would in an app that installed them.
 */
export function createConsumerDir(prefix: string): { dir: string; remove(): void } {
  const cache = join(repo, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
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
      // The generator's own heap limit, given outright: without it the CLI relaunches itself with it
      // (bin/heap-limit.js), and what this measured would be the relaunching process, not the generator.
      const heap = `--max-old-space-size=${generatorHeapMb()}`;
      const child = spawn(process.execPath, [heap, "--require", preload, ...args], {
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
  tsx: join(repo, "node_modules", "tsx", "dist", "cli.mjs"),
  openapiTypescript: join(repo, "node_modules", "openapi-typescript", "bin", "cli.js"),
};

/** Whether a command's stderr holds a stack (`    at …(file:line:column)`): our CLIs never print one. */
export const crashed = (stderr: string): boolean => /^\s+at .+:\d+:\d+\)?$/m.test(stderr);

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
