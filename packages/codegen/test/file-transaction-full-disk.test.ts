/**
 * A commit on a full disk: the write that fails part way leaves its half-written temporary file, which the
 * commit removes with the others, and the run ends in one line naming the file. In a file of its own, since
 * it replaces `node:fs`'s writeFileSync for the module under test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const writeFileSync: typeof fs.writeFileSync = (path, data, options) => {
    // A disk that fills up inside the second staged file: some bytes land, then the write fails.
    if (String(path).includes("two.yaml") && String(path).endsWith(".tmp")) {
      fs.writeFileSync(path, String(data).slice(0, 3));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
        code: "ENOSPC",
        syscall: "write",
      });
    }
    fs.writeFileSync(path, data, options);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const { FileTransaction } = await import("../src/file-transaction.js");

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a commit on a full disk", () => {
  it("keeps the old files, removes every temporary file, and names the file it could not write", () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-full-"));
    dirs.push(dir);
    writeFileSync(join(dir, "one.yaml"), "old one\n");
    writeFileSync(join(dir, "two.yaml"), "old two\n");
    const commit = () =>
      new FileTransaction()
        .write(join(dir, "one.yaml"), "new one\n")
        .write(join(dir, "two.yaml"), "new two\n")
        .commit();
    expect(commit).toThrow(
      `${join(dir, "two.yaml")}: cannot be written (no space left on the device): nothing was changed`,
    );
    expect(readdirSync(dir).sort()).toEqual(["one.yaml", "two.yaml"]);
    expect(readFileSync(join(dir, "one.yaml"), "utf8")).toBe("old one\n");
    expect(readFileSync(join(dir, "two.yaml"), "utf8")).toBe("old two\n");
  });
});
