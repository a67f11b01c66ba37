import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createScratchRepo, repositoryRoot, withScratchRepo } from "../src/workspace/scratch-repo.js";

// A prefix of this run's own, so that "nothing is left behind" looks only at copies these tests made.
const prefix = `switchboard-scratch-test-${process.pid}-`;
const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));

// Stands in for the ../shared corpus: a file outside the repository.
const outside = mkdtempSync(join(tmpdir(), "switchboard-scratch-outside-"));
const corpus = join(outside, "spec3.yml");
writeFileSync(corpus, "openapi: 3.1.0\n");

afterAll(() => {
  for (const name of leftovers()) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("createScratchRepo", () => {
  it("copies the named repository files, writes and links, and removes everything on remove()", () => {
    const scratch = createScratchRepo({
      prefix,
      copy: ["turbo.json", { from: "specs/vobiz", to: "specs/other" }, "packages/sdk"],
      skip: ["test"],
      write: { "notes/hello.txt": "hi\n" },
      link: { "specs/corpus/spec3.yml": corpus },
    });
    expect(readFileSync(scratch.path("turbo.json"), "utf8")).toBe(
      readFileSync(join(repositoryRoot, "turbo.json"), "utf8"),
    );
    expect(readdirSync(scratch.path("specs", "other")).sort()).toEqual(
      readdirSync(join(repositoryRoot, "specs", "vobiz")).sort(),
    );
    expect(existsSync(scratch.path("packages", "sdk", "package.json"))).toBe(true);
    expect(existsSync(scratch.path("packages", "sdk", "test"))).toBe(false);
    expect(existsSync(scratch.path("packages", "sdk", "node_modules"))).toBe(false);
    expect(readFileSync(scratch.path("notes", "hello.txt"), "utf8")).toBe("hi\n");
    // The input outside the repository is a link to it, not a second copy.
    const linked = scratch.path("specs", "corpus", "spec3.yml");
    expect(lstatSync(linked).isSymbolicLink()).toBe(true);
    expect(readlinkSync(linked)).toBe(corpus);
    expect(existsSync(scratch.path("node_modules"))).toBe(false);

    scratch.remove();
    expect(existsSync(scratch.root)).toBe(false);
    expect(existsSync(corpus)).toBe(true);
    scratch.remove();
  });

  it("refuses to copy a file from outside the repository, and leaves nothing behind", () => {
    expect(() => createScratchRepo({ prefix, copy: [corpus] })).toThrow(/outside the repository/);
    expect(() => createScratchRepo({ prefix, copy: ["../shared/corpus/telnyx/spec3.yml"] })).toThrow(
      /outside the repository|does not exist/,
    );
    expect(() => createScratchRepo({ prefix, write: { "../escape.txt": "x" } })).toThrow(
      /not a relative path inside the copy/,
    );
    expect(leftovers()).toEqual([]);
  });

  it("copies what git would commit and commits it when asked", () => {
    const scratch = createScratchRepo({
      prefix,
      gitFiles: true,
      git: { author: "scratch test", email: "scratch@switchboard.invalid", message: "everything" },
    });
    try {
      expect(existsSync(scratch.path("package.json"))).toBe(true);
      expect(existsSync(scratch.path("packages", "codegen", "src", "workspace", "scratch-repo.ts"))).toBe(
        true,
      );
      expect(existsSync(scratch.path("node_modules"))).toBe(false);
      expect(readdirSync(scratch.path("packages", "mock"))).not.toContain("dist");
      const log = () => git(["log", "--format=%an <%ae> %s"], scratch.root).trim().split("\n");
      expect(log()).toEqual(["scratch test <scratch@switchboard.invalid> everything"]);
      expect(git(["status", "--porcelain"], scratch.root)).toBe("");
      writeFileSync(scratch.path("new.txt"), "new\n");
      scratch.commitAll("more");
      expect(log()[0]).toBe("scratch test <scratch@switchboard.invalid> more");
    } finally {
      scratch.remove();
    }
    expect(leftovers()).toEqual([]);
  });

  it("links node_modules as one folder, or entry by entry with chosen packages local to the copy", () => {
    const whole = createScratchRepo({ prefix, nodeModules: "link-folder" });
    const each = createScratchRepo({ prefix, nodeModules: { localPackages: ["telnyx"] } });
    try {
      expect(realpathSync(whole.path("node_modules"))).toBe(
        realpathSync(join(repositoryRoot, "node_modules")),
      );
      expect(lstatSync(each.path("node_modules")).isSymbolicLink()).toBe(false);
      expect(readlinkSync(each.path("node_modules", "@switchboard", "telnyx"))).toBe(
        each.path("packages", "telnyx"),
      );
      expect(realpathSync(each.path("node_modules", "@switchboard", "core"))).toBe(
        realpathSync(join(repositoryRoot, "packages", "core")),
      );
      expect(realpathSync(each.path("node_modules", "typescript"))).toBe(
        realpathSync(join(repositoryRoot, "node_modules", "typescript")),
      );
    } finally {
      whole.remove();
      each.remove();
    }
  });

  it("keeps the copy only when asked", () => {
    const kept = createScratchRepo({ prefix, copy: ["turbo.json"], keep: true });
    kept.remove();
    expect(existsSync(kept.root)).toBe(true);
    rmSync(kept.root, { recursive: true, force: true });
  });
});

describe("withScratchRepo", () => {
  it("removes the copy when the work fails", async () => {
    let root = "";
    await expect(
      withScratchRepo({ prefix, copy: ["turbo.json"] }, (scratch) => {
        root = scratch.root;
        expect(existsSync(scratch.path("turbo.json"))).toBe(true);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(root).not.toBe("");
    expect(existsSync(root)).toBe(false);
  });
});

describe("a copy its maker never removed", () => {
  it("is removed when the process is interrupted, or exits without cleaning up", async () => {
    for (const ending of ["SIGINT", "exit"] as const) {
      const { root, code, signal } = await childMakingACopy(ending);
      expect(root, ending).toContain(prefix);
      expect(existsSync(root), `${ending}: ${root} left behind`).toBe(false);
      if (ending === "exit") expect(code).toBe(3);
      else expect(signal).toBe(ending);
    }
  });
});

const git = (args: string[], cwd: string) => execFileSync("git", args, { cwd, encoding: "utf8" });

/**
 * A child process (the module run through tsx, as scripts run it) that makes a copy, prints its path and
 * then either waits to be signalled or calls process.exit(3) without removing it.
 */
function childMakingACopy(
  ending: "SIGINT" | "exit",
): Promise<{ root: string; code: number | null; signal: NodeJS.Signals | null }> {
  const module = join(repositoryRoot, "packages", "codegen", "src", "workspace", "scratch-repo.ts");
  const script = `
    const { createScratchRepo } = await import(${JSON.stringify(module)});
    const scratch = createScratchRepo({ prefix: ${JSON.stringify(prefix)}, copy: ["turbo.json"] });
    console.log(scratch.root);
    if (${JSON.stringify(ending)} === "exit") process.exit(3);
    setTimeout(() => process.exit(4), 120_000); // only if the signal never comes
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
      cwd: repositoryRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (ending !== "exit" && out.includes("\n")) child.kill(ending);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ root: out.trim(), code, signal }));
  });
}
