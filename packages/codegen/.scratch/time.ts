import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runSync } from "../src/release/sync.ts";
import { createScratchRepo, repositoryRoot } from "../src/workspace/scratch-repo.ts";
const scratch = createScratchRepo({ prefix: "t-", write: { "turbo.json": "{}\n" }, copy: ["specs", ".changeset/config.json", ...readdirSync(join(repositoryRoot, "packages")).filter((p) => p !== "codegen" && p !== "mock").map((p) => join("packages", p))], skip: ["dist", "test"] });
const dir = join(repositoryRoot, "packages/codegen/test/fixtures/ringly/pages");
try {
  for (const page of readdirSync(dir).slice(0, 5)) {
    const t = Date.now();
    const plan = await runSync([join(dir, page)], { root: scratch.root, provider: "ringly", date: "2026-12-01" });
    console.log(page, Date.now() - t, "ms");
    console.log(plan.report.filter((l) => !l.startsWith("  wrote")).join("\n"));
  }
} finally { scratch.remove(); }
