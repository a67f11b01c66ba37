/**
 * Jest in CommonJS mode runs the package compiled by babel-jest, whose babel-plugin-transform-import-meta
 * rewrites `import.meta.url` (and only that form) to the file's URL. Any other use of `import.meta` left in
 * the build (`import.meta?.url` was one) is a syntax error there, and the mock cannot be loaded at all.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "..", "dist");

describe("the build, compiled to CommonJS as Jest's babel does", () => {
  it("uses import.meta only as import.meta.url, the form babel-plugin-transform-import-meta rewrites", () => {
    const files = readdirSync(dist).filter((file) => file.endsWith(".js"));
    expect(files.length).toBeGreaterThan(0);
    const left = files.flatMap((file) => {
      const rewritten = readFileSync(join(dist, file), "utf8").replace(
        /\bimport\.meta\.url\b/g,
        'require("url").pathToFileURL(__filename).toString()',
      );
      return [...rewritten.matchAll(/\bimport\s*\.\s*meta\b.{0,12}/g)].map((m) => `${file}: ${m[0]}`);
    });
    expect(left).toEqual([]);
  });
});
