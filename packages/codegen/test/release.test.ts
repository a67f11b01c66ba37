/**
 * The drift checks: committed API snapshots are what the sources give, and `check-release` demands a
 * changeset (of the right size) for every difference from the release record.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileTransaction } from "../src/file-transaction.js";
import { generateProvider } from "../src/generate/generate-command.js";
import { computeSnapshot, parseSnapshot, publishablePackages } from "../src/release/api-snapshot.js";
import { renderChangeset } from "../src/release/changeset.js";
import { recordReleases, releaseStatus, writeSnapshots } from "../src/release/release-check.js";
import { runSync } from "../src/release/sync.js";
import {
  RELEASED_API_FILE as RELEASED_FILE,
  RELEASED_SPEC_FILE,
  API_SNAPSHOT_FILE as SNAPSHOT_FILE,
} from "../src/repo-layout.js";
import { commitAll, removedAfterEach, repo, syncRepo } from "./helpers.js";
import { offload } from "./offload.js";

const FULL_SIZE = new URL("./full-size.ts", import.meta.url);

const temp = removedAfterEach(syncRepo);

const manifestPath = (root: string, pkg: string) => join(root, "packages", pkg, "package.json");
function setVersion(root: string, pkg: string, version: string): void {
  const manifest = JSON.parse(readFileSync(manifestPath(root, pkg), "utf8"));
  writeFileSync(manifestPath(root, pkg), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
}
function writeChangeset(root: string, name: string, releases: Record<string, string>): void {
  const front = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(root, ".changeset", `${name}.md`), `---\n${front.join("\n")}\n---\n\nA change.\n`);
}
/** A repository copy in which every package was released at 1.0.0 and nothing is pending. */
function released(): string {
  const root = temp();
  for (const pkg of publishablePackages(root)) setVersion(root, pkg, "1.0.0");
  recordReleases(root);
  return root;
}
/** A new required query parameter on Vobiz's DELETE: a breaking change the API snapshot cannot see. */
function requireForce(root: string): void {
  const spec = join(root, "specs", "vobiz", "delete-ip-acl.yaml");
  writeFileSync(
    spec,
    readFileSync(spec, "utf8").replace(
      "      responses:\n",
      "        - name: force\n          in: query\n          required: true\n          schema:\n            type: boolean\n      responses:\n",
    ),
  );
}
const problems = async (root: string) =>
  Object.fromEntries(
    (await releaseStatus(root)).filter((s) => s.problems.length).map((s) => [s.pkg, s.problems.join("\n")]),
  );

describe("API snapshots", () => {
  it.each(publishablePackages(repo))("%s: the committed snapshot is what the sources give", async (pkg) => {
    const committed = readFileSync(join(repo, "packages", pkg, SNAPSHOT_FILE), "utf8");
    // In a child process (offload.ts): reading the complete Telnyx API's exports is one long stretch.
    expect(await offload(FULL_SIZE, "snapshotText", repo, pkg)).toBe(committed);
  });

  it("a provider's snapshot lists its exports with their kinds, its operations and its spec", () => {
    const snapshot = parseSnapshot(readFileSync(join(repo, "packages", "telnyx", SNAPSHOT_FILE), "utf8"));
    expect(snapshot.entryPoints["."]).toMatchObject({
      createTelnyxClient: "function",
      TelnyxClient: "type",
      endpoints: "const",
      paths: "interface",
      specInfo: "const",
      // The runtime's error classes, re-exported: users of the package need not reach @switchboard/core.
      SwitchboardError: "class",
      ConfigurationError: "class",
    });
    expect(snapshot.entryPoints["./openapi.json"]).toBe("json");
    expect(snapshot.operations).toMatchObject({
      deleteExternalConnection: "DELETE /external_connections/{id}",
      deleteIp: "DELETE /ips/{id}",
    });
    expect(Object.keys(snapshot.operations ?? {}).length).toBeGreaterThan(1000);
    expect(snapshot.entryPoints["./ips"]).toMatchObject({
      deleteIp: "const",
      DeleteIpOperation: "interface",
      DeleteIpResult: "type",
    });
    expect(snapshot.spec).toMatchObject({
      version: "2.0.0",
      vendoredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it("re-exports keep the kind of what they re-export, across workspace packages", () => {
    const sdk = computeSnapshot(repo, "sdk");
    expect(sdk.entryPoints["."]).toMatchObject({ SwitchboardError: "class", createSwitchboard: "function" });
  });
});

describe("check-release", () => {
  it("a package that was never released needs a changeset", async () => {
    const root = temp();
    expect(Object.keys(await problems(root)).sort()).toEqual(publishablePackages(root));
    writeChangeset(
      root,
      "first",
      Object.fromEntries(publishablePackages(root).map((pkg) => [`@switchboard/${pkg}`, "minor"])),
    );
    expect(await problems(root)).toEqual({});
  });

  it("nothing changed since the release: nothing is needed", async () => {
    expect(await problems(released())).toEqual({});
  });

  it("a spec change since the release needs a changeset, and a sync writes one", async () => {
    const root = released();
    const plan = await runSync([], { root, provider: "vobiz", date: "2026-12-01" });
    expect(plan.providers[0]!.bump).toBe("none"); // same specs: nothing to release yet

    const spec = join(root, "specs", "vobiz", "delete-ip-acl.yaml");
    writeFileSync(
      spec,
      readFileSync(spec, "utf8").replace("Remove an IP access control rule.", "Remove an ACL."),
    );
    // Regenerated by hand (as `npm run generate` would), without a changeset: CI must refuse it.
    const regenerate = new FileTransaction();
    await generateProvider(root, "vobiz", regenerate);
    regenerate.commit();
    writeSnapshots(root, ["vobiz"]);
    expect(await problems(root)).toEqual({
      vobiz: expect.stringMatching(
        /^@switchboard\/vobiz changed since 1\.0\.0, which needs a patch release, but no changeset in \.changeset\/ releases it:\n {6}patch: `deleteIpAcl` .*description changed/,
      ),
      sdk: expect.stringMatching(/^@switchboard\/vobiz's client needs a patch release/),
    });

    // The same change through `npm run sync`: the changeset is written with the code.
    const root2 = released();
    const spec2 = join(root2, "specs", "vobiz", "delete-ip-acl.yaml");
    writeFileSync(
      spec2,
      readFileSync(spec2, "utf8").replace("Remove an IP access control rule.", "Remove an ACL."),
    );
    const synced = await runSync([], { root: root2, provider: "vobiz", date: "2026-12-01" });
    expect(synced.providers[0]!.bump).toBe("patch");
    expect(await problems(root2)).toEqual({});
  });

  it("a sync's changeset deleted, or a hand-written patch in its place, is refused: the spec is diffed with the released one", async () => {
    const root = released();
    // The release recorded the spec it shipped, byte for byte (one blob in git with the package's own).
    expect(readFileSync(join(root, "packages", "vobiz", RELEASED_SPEC_FILE), "utf8")).toBe(
      readFileSync(join(root, "packages", "vobiz", "src", "generated", "openapi.json"), "utf8"),
    );
    requireForce(root);
    const synced = await runSync([], { root, provider: "vobiz", date: "2026-12-01" });
    expect(synced.providers[0]!.bump).toBe("major");
    expect(await problems(root)).toEqual({});
    // The API snapshot (exports, operations) is the same: only the spec says the new parameter is required.
    rmSync(join(root, synced.providers[0]!.changeset!));
    writeChangeset(root, "by-hand", { "@switchboard/vobiz": "patch", "@switchboard/sdk": "patch" });
    const found = await problems(root);
    expect(found.vobiz).toMatch(
      /^@switchboard\/vobiz changed since 1\.0\.0, which needs a major release, but the pending changesets \(\.changeset\/by-hand\.md: patch\) grant only patch:\n {6}major: `deleteIpAcl` .*query parameter `force` added \(required\)/,
    );
    expect(found.sdk).toBe(
      "@switchboard/vobiz's client needs a major release, and `createSwitchboard().vobiz` is its client, so @switchboard/sdk needs one too, but the pending changesets grant only patch (add `\"@switchboard/sdk\": major` to the provider's changeset)",
    );
    writeChangeset(root, "by-hand", { "@switchboard/vobiz": "major", "@switchboard/sdk": "major" });
    expect(await problems(root)).toEqual({});
  });

  it("a sync after the new spec was generated and committed without one classifies it against the released spec", async () => {
    // Compared with the working tree and with the commit, the spec was unchanged: "nothing to release", while
    // the release check asked for a changeset no sync would write.
    const root = released();
    requireForce(root);
    const regenerate = new FileTransaction();
    await generateProvider(root, "vobiz", regenerate);
    regenerate.commit();
    writeSnapshots(root, ["vobiz"]);
    commitAll(root, "generated without a sync");
    const synced = await runSync([], { root, provider: "vobiz", date: "2026-12-01" });
    expect(synced.providers[0]).toMatchObject({ provider: "vobiz", bump: "major" });
    expect(readFileSync(join(root, synced.providers[0]!.changeset!), "utf8")).toContain(
      "query parameter `force` added (required)",
    );
    expect(await problems(root)).toEqual({});
  });

  it("a sync's changeset is held to the changes it lists: a lowered bump, or the facade's line dropped, is refused", async () => {
    const root = released();
    requireForce(root);
    const synced = await runSync([], { root, provider: "vobiz", date: "2026-12-01" });
    expect(synced.providers[0]!.bump).toBe("major");
    expect(await problems(root)).toEqual({});
    const path = join(root, synced.providers[0]!.changeset!);
    const text = readFileSync(path, "utf8");
    writeFileSync(
      path,
      text
        .replace('"@switchboard/vobiz": major', '"@switchboard/vobiz": patch')
        .replace('"@switchboard/sdk": major\n', ""),
    );
    const name = synced.providers[0]!.changeset!;
    const found = await problems(root);
    expect(found.vobiz?.split("\n")[0]).toBe(
      `${name} lists breaking changes but releases @switchboard/vobiz as patch: they need a major release (edit the prose if you like, not the bump)`,
    );
    expect(found.sdk?.split("\n")[0]).toBe(
      `${name} releases @switchboard/vobiz as patch but @switchboard/sdk as nothing: \`createSwitchboard().vobiz\` is that client, so @switchboard/sdk takes the same bump (add \`"@switchboard/sdk": patch\`)`,
    );
  });

  it("a removed export needs a major changeset; a minor one is refused", async () => {
    const root = released();
    const index = join(root, "packages", "vobiz", "src", "index.ts");
    writeFileSync(
      index,
      readFileSync(index, "utf8").replace(/\n\/\*\*[^\n]*\*\/\nexport const specInfo[^\n]*\n/, "\n"),
    );
    writeSnapshots(root, ["vobiz"]);
    expect((await problems(root)).vobiz).toContain("export `specInfo` removed from `@switchboard/vobiz`");

    writeChangeset(root, "small", { "@switchboard/vobiz": "minor" });
    expect((await problems(root)).vobiz).toMatch(
      /needs a major release, but the pending changesets \(\.changeset\/small\.md: minor\) grant only minor/,
    );
    writeChangeset(root, "big", { "@switchboard/vobiz": "major" });
    expect(await problems(root)).toEqual({});
  });

  it("a provider the facade no longer composes needs a major release of it; one more, a minor", async () => {
    // `createSwitchboard().bolna` and the `ProviderName` union lose it, which the facade's exports do not show.
    const root = released();
    const manifest = JSON.parse(readFileSync(manifestPath(root, "sdk"), "utf8"));
    delete manifest.dependencies["@switchboard/bolna"];
    writeFileSync(manifestPath(root, "sdk"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeSnapshots(root, ["sdk"]);
    expect((await problems(root)).sdk).toMatch(
      /needs a major release, but no changeset in \.changeset\/ releases it:\n {6}major: provider `@switchboard\/bolna` no longer composed/,
    );
    writeChangeset(root, "drop-bolna", { "@switchboard/sdk": "major" });
    expect(await problems(root)).toEqual({});
  });

  it("a version moved by `changeset version` alone is refused until the release is recorded", async () => {
    const root = released();
    setVersion(root, "bolna", "1.1.0");
    expect((await problems(root)).bolna).toMatch(
      /package\.json says 1\.1\.0 but released-api\.json records 1\.0\.0/,
    );
    expect(recordReleases(root)).toEqual([join(root, "packages", "bolna", RELEASED_FILE)]);
    expect(await problems(root)).toEqual({});
    expect(JSON.parse(readFileSync(join(root, "packages", "bolna", RELEASED_FILE), "utf8")).version).toBe(
      "1.1.0",
    );
  });

  it("a package without a snapshot is reported", async () => {
    const root = released();
    rmSync(join(root, "packages", "core", SNAPSHOT_FILE));
    expect((await problems(root)).core).toContain("api-snapshot.json is missing");
  });
});

describe("renderChangeset", () => {
  it("caps documentation: a subject's line at its first eight changes, the lines at 25; the rest in full", () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({
      bump: "patch" as const,
      subject: `\`op${i}\` (GET /op${i})`,
      text: "description changed",
    }));
    // The API as a whole gathers every component's documentation: a GitHub release has over 500.
    const api = Array.from({ length: 12 }, (_, i) => ({
      bump: "patch" as const,
      text: `\`components["schemas"]["s${i}"]\` description changed`,
    }));
    const breaking = Array.from({ length: 40 }, (_, i) => ({
      bump: "major" as const,
      subject: `\`op${i}\` (GET /op${i})`,
      text: "response 200 field `id` removed",
    }));
    const text = renderChangeset({
      provider: "acme",
      title: "Acme",
      bump: "major",
      packages: ["@switchboard/acme"],
      next: { version: "2" },
      previous: { version: "1" },
      changes: [...breaking, ...api, ...docs],
    });
    const documentation = text.slice(text.indexOf("Documentation only:")).trim().split("\n").slice(2);
    expect(documentation[0]).toBe(
      `- the API: ${api
        .slice(0, 8)
        .map((c) => c.text)
        .join("; ")}; and 4 more`,
    );
    expect(documentation).toHaveLength(26);
    expect(documentation.at(-1)).toBe("- … and documentation of 6 more");
    // Breaking changes are never cut.
    expect(text.match(/field `id` removed/g)).toHaveLength(40);
  });
});
