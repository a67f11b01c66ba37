/**
 * The spec diff at full size: the complete Telnyx API (../shared/corpus, 1,156 operations) against a copy
 * mutated the ways a real Feb→Jul update was: `$ref`s that gain a sibling `description`, inline schemas
 * moved into components behind a `$ref`, new `oneOf`s in request bodies, new components, and real field
 * removals, some inside a schema whose type changed. No false breaking entry, every real one found, and the
 * component noise grouped into one line.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { SpecChange } from "../src/release/bump.js";
import { diffSpecs } from "../src/release/spec-diff.js";
import { bundleProvider } from "../src/spec/bundle.js";
import { createScratchRepo } from "../src/workspace/scratch-repo.js";
import { removedAfterEach } from "./helpers.js";
import { mutate } from "./support/spec-mutations.js";

const corpus = resolve(import.meta.dirname, "../../../../shared/corpus/telnyx/spec3.yml");
const temp = removedAfterEach(() =>
  createScratchRepo({ prefix: "switchboard-diff-scale-", write: { "turbo.json": "{}\n" } }),
);

describe("the spec diff on the complete Telnyx API", () => {
  it.skipIf(!existsSync(corpus))(
    "reports no false breaking change for rewritten schemas, and every real removal",
    async () => {
      const root = temp();
      mkdirSync(join(root, "specs", "telnyx"), { recursive: true });
      symlinkSync(corpus, join(root, "specs", "telnyx", "spec3.yml"));
      writeFileSync(
        join(root, "specs", "telnyx", "switchboard.yaml"),
        "credentials:\n  bearerAuth: apiKey\n",
      );
      const before = (await bundleProvider(root, "telnyx")).document;
      const { after, expectedBreaking, counts } = mutate(before);
      expect(counts).toEqual({ described: 30, moved: 20, oneOf: 5, removed: 5, retyped: 5 });
      const { changes, bump } = diffSpecs(before, after, "telnyx");
      const line = (c: SpecChange) => `${c.subject ? `${c.subject}: ` : ""}${c.text}`;
      const breaking = changes.filter((c) => c.bump === "major").map(line);
      expect(bump).toBe("major");
      expect(breaking.sort()).toEqual(expectedBreaking.sort());
      const grouped = changes.filter((c) => c.details);
      expect(grouped.map((c) => [c.bump, c.text, c.details!.length])).toEqual([
        ["minor", '60 `components["schemas"]` types added', 60],
      ]);
      expect(changes.filter((c) => c.text.includes("oneOf added"))).toHaveLength(5);
    },
    600_000,
  );
});
