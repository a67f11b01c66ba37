/**
 * Every TypeScript block of the README and of each package's README type-checks against the packages as
 * built (their `dist/` types, resolved as an installed app resolves them, strict), so a README cannot
 * promise an export, a subpath or a method the packages lack.
 *
 * Each block is its own module. A block that uses values of the reader's own program (an `id`, a metrics
 * client) or a client made in an earlier block says so in an HTML comment right before its fence, which
 * renders as nothing:
 *
 *     <!-- ts-prelude: import { createTelnyxClient } from "@switchboard/telnyx"; declare const id: string; -->
 *
 * A prelude may only import and `declare`: it names what the block assumes, and can never supply behaviour
 * the packages do not have.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { tsc } from "./tsc.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));

interface ReadmeBlock {
  /** Repository-relative path of the README. */
  readonly readme: string;
  /** 1-based line of the block's first code line in the README. */
  readonly line: number;
  readonly code: string;
  readonly prelude: string;
}

const FENCE = /^(`{3,}|~{3,})\s*(ts|typescript)\s*$/;
/** The comment right before a fence (nothing but blanks after it), holding no other comment's end. */
const PRELUDE = /<!--\s*ts-prelude:((?:(?!-->)[\s\S])*)-->\s*$/;

/** The TypeScript blocks of a Markdown file, each with the prelude comment right before it. */
function typescriptBlocks(readme: string, text: string): ReadmeBlock[] {
  const lines = text.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.trim() === open[1]);
    if (close < 0) throw new Error(`${readme}:${i + 1}: a \`\`\`${open[2]} block is never closed`);
    const before = lines.slice(0, i).join("\n").trimEnd();
    blocks.push({
      readme,
      line: i + 2,
      code: lines.slice(i + 1, close).join("\n"),
      // On one line: the block's own lines keep their numbers.
      prelude: (PRELUDE.exec(before)?.[1] ?? "").trim().replace(/\s*\n\s*/g, " "),
    });
    i = close;
  }
  return blocks;
}

/** The READMEs users read: the repository's and every package's. */
function readmes(): string[] {
  const packages = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join("packages", entry.name, "README.md"));
  return ["README.md", ...packages].filter((file) => {
    try {
      readFileSync(join(root, file));
      return true;
    } catch {
      return false;
    }
  });
}

/** Statements of a prelude that neither import nor `declare`. */
function preludeProblems(prelude: string): string[] {
  const file = ts.createSourceFile("prelude.ts", prelude, ts.ScriptTarget.ES2022, true);
  return file.statements
    .filter(
      (statement) =>
        !ts.isImportDeclaration(statement) &&
        !(
          ts.canHaveModifiers(statement) &&
          ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
        ),
    )
    .map((statement) => statement.getText(file));
}

// Inside the repository's node_modules, so the blocks resolve `@switchboard/*` as an installed app would.
const cacheDir = join(root, "node_modules", ".cache");
mkdirSync(cacheDir, { recursive: true });
const scratch = mkdtempSync(join(cacheDir, "switchboard-readme-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const blocks = readmes().flatMap((readme) =>
  typescriptBlocks(readme, readFileSync(join(root, readme), "utf8")),
);

describe("README TypeScript blocks", () => {
  it("finds the blocks of the README and the package READMEs", () => {
    expect(blocks.filter((b) => b.readme === "README.md").length).toBeGreaterThanOrEqual(8);
    expect(new Set(blocks.map((b) => b.readme)).size).toBeGreaterThan(3);
  });

  it("preludes only import and declare", () => {
    const problems = blocks.flatMap((b) =>
      preludeProblems(b.prelude).map((s) => `${b.readme}:${b.line - 1}: ts-prelude runs code: ${s}`),
    );
    expect(problems).toEqual([]);
  });

  it("type-check against the built packages (strict, exactOptionalPropertyTypes)", async () => {
    writeFileSync(join(scratch, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    const files = blocks.map((block, i) => {
      const file = `block-${i}.ts`;
      // `export {}` makes every block a module, so top-level await and block-local names are fine.
      writeFileSync(join(scratch, file), `${block.prelude}\n${block.code}\nexport {};\n`);
      return { file, block };
    });
    // Library types are not re-checked here (skipLibCheck): each package's own build checks its types with
    // skipLibCheck off, and checking the complete Telnyx API's declarations again would only cost minutes.
    // As strict as users' strictest settings: `exactOptionalPropertyTypes` refuses `{ apiKey: process.env.X }`
    // unless an option's type admits `undefined`, and many apps turn it on.
    const compilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
    };
    writeFileSync(
      join(scratch, "tsconfig.json"),
      `${JSON.stringify({ compilerOptions, files: files.map((f) => f.file) }, null, 2)}\n`,
    );
    // In a child process: a compiler run blocks its event loop for as long as it takes, which would starve
    // the test runner's own messages.
    const output = await tsc(scratch);
    const byFile = new Map(files.map((f) => [f.file, f.block]));
    const problems = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map(
      ([, file, line, code, message]) => {
        const block = byFile.get(file!);
        if (!block) return `${file}:${line}: ${code} ${message}`;
        const inBlock = Number(line) - 2; // line 1 is the prelude
        const where = inBlock < 0 ? `${block.line - 1} (ts-prelude)` : `${block.line + inBlock}`;
        return `${block.readme}:${where}: ${code} ${message}`;
      },
    );
    expect(problems).toEqual([]);
    expect(output).not.toMatch(/error TS/);
  }, 300_000);
});
