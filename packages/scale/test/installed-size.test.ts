import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dependencyTree, treeBytes } from "../src/installed-size.js";
import { repo } from "../src/workspace.js";

describe("dependencyTree", () => {
  it("finds a package whose exports leave out its package.json (the telnyx SDK's do)", () => {
    const tree = dependencyTree("telnyx", join(repo, "packages", "scale"));
    expect([...tree.keys()]).toEqual(["telnyx"]);
    expect(() => createRequire(import.meta.url).resolve("telnyx/package.json")).toThrow(
      /not defined by "exports"/,
    );
    expect(treeBytes(tree.get("telnyx")!)).toBeGreaterThan(1_000_000);
  });

  it("follows dependencies once each, and names a package that is not installed", () => {
    const tree = dependencyTree("openapi-fetch", join(repo, "packages", "core"));
    expect([...tree.keys()].sort()).toEqual(["openapi-fetch", "openapi-typescript-helpers"]);
    expect(() => dependencyTree("no-such-package-here", repo)).toThrow(
      `no-such-package-here is not installed where ${repo} can see it`,
    );
  });
});
