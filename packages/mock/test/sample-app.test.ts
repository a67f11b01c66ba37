/**
 * The mock kit as a user gets it: `npm pack` tarballs of @switchboard/core, @switchboard/telnyx and
 * @switchboard/mock installed into an app outside the workspace (a temporary folder), with the lockfile's
 * versions of everything else (from the npm registry, or its local cache), then that app's own tests
 * (test/sample-app/) type-checked and run with its own vitest: happy path, 503 then 200, 429 with
 * Retry-After, a timeout, an undocumented 500, a request the spec refuses, a custom body, what was sent,
 * and the served mock.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..", "..");
const execFileAsync = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as {
  packages: Record<
    string,
    { version?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }
  >;
};
const locked = (name: string) => {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
};

/** Every package the app's dependencies bring in, pinned to the version the lockfile has at the top level. */
function overrides(roots: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (name: string) => {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry?.version || name in out) return;
    out[name] = entry.version;
    for (const dependency of Object.keys({ ...entry.dependencies })) visit(dependency);
  };
  for (const root of roots) visit(root);
  return out;
}

let dir: string;
/** Runs a command without blocking the test worker (a blocked worker misses vitest's own messages). */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, CI: "true", NO_COLOR: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-mock-app-"));
  const tarballs = join(dir, "tarballs");
  mkdirSync(tarballs);
  const pack = async (name: string) => {
    const output = await run(
      npm,
      ["pack", "--json", "--ignore-scripts", "--pack-destination", tarballs],
      join(repo, "packages", name),
    );
    const [packed] = JSON.parse(output) as [{ filename: string }];
    return `file:${join(tarballs, packed.filename)}`;
  };
  const core = await pack("core");
  const telnyx = await pack("telnyx");
  const mock = await pack("mock");
  const app = join(dir, "app");
  cpSync(join(import.meta.dirname, "sample-app"), app, { recursive: true });
  const mockManifest = JSON.parse(readFileSync(join(repo, "packages", "mock", "package.json"), "utf8"));
  const coreManifest = JSON.parse(readFileSync(join(repo, "packages", "core", "package.json"), "utf8"));
  const tools = {
    vitest: locked("vitest"),
    typescript: locked("typescript"),
    "@types/node": locked("@types/node"),
  };
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify(
      {
        name: "switchboard-mock-sample-app",
        private: true,
        type: "module",
        dependencies: { "@switchboard/telnyx": telnyx },
        devDependencies: { "@switchboard/mock": mock, ...tools },
        overrides: {
          ...overrides([
            ...Object.keys(mockManifest.dependencies),
            ...Object.keys(coreManifest.dependencies),
            ...Object.keys(tools),
          ]),
          "@switchboard/core": core,
        },
      },
      null,
      2,
    ),
  );
  await run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], app);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("installs from the tarballs without Prism, an optional peer dependency only startMock needs", () => {
  const app = join(dir, "app");
  expect(existsSync(join(app, "node_modules", "@switchboard", "mock", "dist", "vitest.js"))).toBe(true);
  expect(existsSync(join(app, "node_modules", "@stoplight", "prism-cli"))).toBe(false);
});

it("type-checks the app's tests against the packed types", async () => {
  const app = join(dir, "app");
  await run(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", app], app);
});

it("passes the app's own tests", async () => {
  const app = join(dir, "app");
  const output = await run(
    process.execPath,
    [join(app, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=verbose"],
    app,
  );
  expect(output).toMatch(/Tests {2}9 passed \(9\)/);
  for (const title of [
    "releases an IP: the mock answers from the spec with no setup",
    "retries a 503 twice and succeeds on the third attempt",
    "waits as long as a 429's Retry-After asks, then succeeds",
    "asks to try later when Telnyx does not answer in time",
    "an undocumented 500 is a server error that says so, not the provider's not_found",
    "a request Telnyx would refuse is caught, naming the field",
    "reports the address from a custom body",
    "sends what Telnyx expects",
    "answers over HTTP, a dropped connection included",
  ]) {
    expect(output).toContain(title);
  }
});
