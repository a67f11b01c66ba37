/**
 * The page-by-page route, with documentation pages written to look like real ones (test/fixtures/ringly/:
 * Mintlify-style pages of a provider the project has not seen, one operation each). A resource's create,
 * list, get, update and delete pages must combine into one package whatever order they arrive in; method names
 * come from the pages; a stale page or a clashing component is refused with both files and lines; and a
 * sync leaves nothing for `generate` to do.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import parseChangesetModule from "@changesets/parse";
import { afterEach, describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../src/errors.js";
import { FileTransaction } from "../src/file-transaction.js";
import { writeFacade } from "../src/generate/facade-registry.js";
import { generateProvider } from "../src/generate/generate-command.js";
import { computeSnapshot, parseSnapshot, renderSnapshot } from "../src/release/api-snapshot.js";
import { runSync } from "../src/release/sync.js";
import { RepoLayout } from "../src/repo-layout.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { removedAfterEach, snapshotTree, syncRepo } from "./helpers.js";

const parseChangeset = ((parseChangesetModule as any).default ?? parseChangesetModule) as (text: string) => {
  summary: string;
};

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "ringly");
const page = (name: string) => join(FIXTURES, "pages", name);
const CRUD = [
  "create-sip-trunk.md",
  "list-sip-trunks.md",
  "get-sip-trunk.md",
  "update-sip-trunk.md",
  "delete-sip-trunk.md",
];
const NUMBERS = [
  "add-phone-number-to-trunk.md",
  "list-trunk-phone-numbers.md",
  "remove-phone-number-from-trunk.md",
];
const DATE = "2026-12-01";

const temp = removedAfterEach(syncRepo);
const bare: string[] = [];
afterEach(() => {
  for (const root of bare.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository with nothing but `specs/`, for vendoring alone. */
function specsOnly(): string {
  const root = mkdtempSync(join(tmpdir(), "switchboard-pages-"));
  bare.push(root);
  writeFileSync(join(root, "turbo.json"), "{}\n");
  mkdirSync(join(root, "specs"));
  return root;
}

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, i) =>
        permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
      );

const sync = (root: string, pages: string[], provider = "ringly") =>
  runSync(pages, { root, date: DATE, provider });

/** Everything of the provider and the facade a sync writes, besides the changesets (which record history). */
function packageTrees(root: string): Record<string, string> {
  const tree = snapshotTree(root);
  return Object.fromEntries(
    Object.entries(tree).filter(([path]) => /^(specs\/ringly|packages\/(ringly|sdk))\//.test(path)),
  );
}

/**
 * What `npm run generate` would change right now in the provider's package and the facade: the provider
 * regenerated, the facade's registry, both API snapshots.
 */
async function generateChanges(root: string, provider = "ringly"): Promise<string[]> {
  const layout = new RepoLayout(root);
  const tx = new FileTransaction();
  await generateProvider(root, provider, tx);
  writeFacade(tx, root, layout.providers());
  for (const pkg of [provider, "sdk"]) {
    const snapshot = computeSnapshot(
      root,
      pkg,
      (p) => tx.read(p),
      (d) => tx.list(d),
    );
    tx.write(layout.apiSnapshot(pkg), renderSnapshot(snapshot));
  }
  return tx.changes().map((path) => layout.relative(path));
}

function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  return promise.then(
    () => {
      throw new Error("expected an InputError");
    },
    (error: unknown) => {
      if (error instanceof InputError) return error;
      throw error;
    },
  );
}

describe("a resource documented one operation per page", () => {
  it("vendored one page at a time in every order (120), gives byte-identical specs", () => {
    const trees = new Set<string>();
    for (const order of permutations(CRUD)) {
      const root = specsOnly();
      for (const name of order)
        planVendor([page(name)], { root, provider: "ringly", date: DATE }).transaction.commit();
      trees.add(JSON.stringify(snapshotTree(join(root, "specs"))));
      rmSync(root, { recursive: true, force: true });
    }
    expect(trees.size).toBe(1);
    expect(Object.keys(JSON.parse([...trees][0]!))).toHaveLength(11); // five pages, their provenance, the settings file
  });

  it("synced one page at a time, forwards and backwards, gives byte-identical packages, and generate then changes nothing", async () => {
    const forward = temp();
    for (const name of CRUD) {
      await sync(forward, [page(name)]);
      expect(await generateChanges(forward), `generate after syncing ${name}`).toEqual([]);
    }
    const backward = temp();
    for (const name of [...CRUD].reverse()) await sync(backward, [page(name)]);
    expect(packageTrees(backward)).toEqual(packageTrees(forward));

    const snapshot = parseSnapshot(readFileSync(join(forward, "packages/ringly/api-snapshot.json"), "utf8"));
    expect(snapshot.operations).toEqual({
      createSipTrunk: "POST /sip-trunks/trunks",
      deleteSipTrunk: "DELETE /sip-trunks/trunks/{trunk_id}",
      getSipTrunk: "GET /sip-trunks/trunks/{trunk_id}",
      listSipTrunks: "GET /sip-trunks/trunks",
      updateSipTrunk: "PATCH /sip-trunks/trunks/{trunk_id}",
    });
    expect(Object.keys(snapshot.entryPoints)).toContain("./sip-trunks");
  }, 240_000);

  it("names methods from operationIds, page titles and summaries, and says where each name came from", async () => {
    const root = temp();
    const plan = await sync(
      root,
      [...NUMBERS, page("update-sip-trunk.md")].map((n) => (n.includes("/") ? n : page(n))),
    );
    const lines = plan.report.filter((line) => line.startsWith("  new method"));
    expect(lines).toEqual([
      '  new method addPhoneNumberToTrunk (POST /sip-trunks/trunks/{trunk_id}/numbers), named from the page title "Add Phone Number to Trunk"',
      '  new method listTrunkPhoneNumbers (GET /sip-trunks/trunks/{trunk_id}/numbers), named from its operationId "list-trunk-phone-numbers"',
      '  new method removePhoneNumberFromTrunk (DELETE /sip-trunks/trunks/{trunk_id}/numbers/{phone_number_id}), named from the page title "Remove Phone Number from Trunk"',
      '  new method updateSipTrunk (PATCH /sip-trunks/trunks/{trunk_id}), named from its operationId "update-sip-trunk"',
    ]);
    expect(plan.report).toContain(
      "  to name a method otherwise, set its operationId with an overlay before the first release (README: Fixing a provider's spec)",
    );
    // Re-vendoring the same pages keeps the names and changes nothing.
    const again = await sync(root, NUMBERS.map(page));
    expect(again.report).toEqual([
      "unchanged specs/ringly/post-sip-trunks-trunks-trunk-id-numbers.yaml",
      "unchanged specs/ringly/list-trunk-phone-numbers.yaml",
      "unchanged specs/ringly/delete-sip-trunks-trunks-trunk-id-numbers-phone-number-id.yaml",
      "nothing to release: every input is already vendored as it is",
    ]);
  }, 120_000);

  it("a sync that adds a module records it in the snapshot and the changeset in the same run", async () => {
    const root = temp();
    await sync(root, [page("create-sip-trunk.md")]);
    const plan = await sync(root, [page("add-phone-number-to-trunk.md")]);
    const snapshot = parseSnapshot(readFileSync(join(root, "packages/ringly/api-snapshot.json"), "utf8"));
    expect(Object.keys(snapshot.entryPoints)).toEqual(
      expect.arrayContaining(["./sip-trunks", "./sip-trunk-numbers"]),
    );
    const changeset = parseChangeset(readFileSync(join(root, plan.providers[0]!.changeset!), "utf8"));
    expect(changeset.summary).toContain("entry point `./sip-trunk-numbers` added");
    expect(await generateChanges(root)).toEqual([]);
  }, 120_000);
});

describe("pages that do not fit together are refused, and nothing changes", () => {
  it("a stale page whose component differs: both files and lines, what differs, and what to do", async () => {
    const root = temp();
    await sync(root, CRUD.map(page));
    const before = snapshotTree(root);
    const error = await inputErrorOf(sync(root, [join(FIXTURES, "stale", "get-sip-trunk.md")]));
    // Reported at the odd one out: the stale page (as given, at its own line), against the three files that agree.
    expect(error.message).toMatch(
      /^\S*stale\/get-sip-trunk\.md:\d+: components\.schemas\.Trunk differs from the one in specs\/ringly\/list-sip-trunks\.yaml:\d+ \(vendored 2026-12-01\) and 2 other files: at properties\.max_channels, \{.*? there, absent here \(vendored 2026-12-01\)\. .*sync that page again/,
    );
    expect(snapshotTree(root)).toEqual(before);
  }, 120_000);

  it("two different things under one name: refused, then kept apart with an overlay that renames one", async () => {
    const root = temp();
    await sync(root, [page("get-sip-trunk.md")]);
    const usage = join(FIXTURES, "get-trunk-usage.md");
    const error = await inputErrorOf(sync(root, [usage]));
    // One file each: both are named, whichever the message is reported at.
    expect(error.message).toMatch(
      /^specs\/ringly\/get-sip-trunks-trunks-trunk-id(-usage)?\.yaml:\d+: components\.schemas\.Error differs from the one in specs\/ringly\/get-sip-trunks-trunks-trunk-id(-usage)?\.yaml:\d+ .*: at required\[0\], /,
    );
    expect(error.message).toContain("x-switchboard-rename");

    // The remedy the message names: an overlay on the usage page's file (named in the message) renames its Error.
    mkdirSync(join(root, "specs/ringly/overlays"));
    writeFileSync(
      join(root, "specs/ringly/overlays/usage-error.yaml"),
      [
        "overlay: 1.0.0",
        "info:",
        "  title: The usage API's error is its own",
        "  version: 1.0.0",
        "extends: ../get-sip-trunks-trunks-trunk-id-usage.yaml",
        "actions:",
        "  - target: $.components.schemas.Error",
        "    description: The usage API reports errors as {code, detail}, unlike the rest of the API.",
        "    update:",
        "      x-switchboard-rename: UsageError",
        "",
      ].join("\n"),
    );
    const plan = await sync(root, [usage]);
    expect(plan.providers[0]!.bump).toBe("minor");
    const bundle = JSON.parse(readFileSync(join(root, "packages/ringly/src/generated/openapi.json"), "utf8"));
    expect(Object.keys(bundle.components.schemas)).toEqual(["Error", "Trunk", "TrunkUsage", "UsageError"]);
    const usage404 = bundle.paths["/sip-trunks/trunks/{trunk_id}/usage"].get.responses["404"];
    expect(usage404.content["application/json"].schema.$ref).toBe("#/components/schemas/UsageError");
  }, 120_000);
});

describe("a complete document and pages of the same provider", () => {
  const complete = join(FIXTURES, "ringly-openapi.yaml");
  const pages = [...CRUD, ...NUMBERS];
  const vendor = (root: string, inputs: string[]) => {
    const plan = planVendor(inputs, { root, provider: "ringly", date: DATE });
    plan.transaction.commit();
    return plan;
  };

  it("give the same folder in either order: the document, and pages only for operations it lacks", () => {
    const documentFirst = specsOnly();
    vendor(documentFirst, [complete]);
    const outcomes = pages.map((name) => {
      try {
        return vendor(documentFirst, [page(name)]).report;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return [`refused: ${error.message}`];
      }
    });
    // Identical operations: nothing to vendor, said so. "Identical" follows $refs (the document writes out
    // the trunk_id parameter that the delete page refers to) and leaves the provider's x- extensions aside
    // (the document's list operation has one the page lacks).
    expect(outcomes[0]).toEqual([
      `unchanged: specs/ringly/ringly-openapi.yaml already has POST /sip-trunks/trunks exactly as ${page("create-sip-trunk.md")} defines it; nothing to vendor`,
    ]);
    for (const i of [1, 2, 4, 5, 6])
      expect(outcomes[i]![0], pages[i]).toMatch(/^unchanged: .* nothing to vendor$/);
    // The page of an operation the document defines otherwise: left out, as the document arriving after it
    // would replace it, with both places, where they differ and the remedy.
    expect(outcomes[3]).toEqual([
      "unchanged: specs/ringly/ringly-openapi.yaml already has PATCH /sip-trunks/trunks/{trunk_id}; nothing to vendor",
      expect.stringMatching(
        /^ {2}note: specs\/ringly\/ringly-openapi\.yaml, a larger document, defines PATCH \/sip-trunks\/trunks\/\{trunk_id\} otherwise \(at paths\["\/sip-trunks\/trunks\/\{trunk_id\}"\]\.patch\.requestBody\.content\["application\/json"\]\.schema\.properties\.recording: \{.*? there, absent here\); its definition is kept, as it would be if it came after this one\. To take this one, change it with an overlay \(`extends: \.\.\/ringly-openapi\.yaml`\)$/,
      ),
    ]);
    // The one operation the document lacks is vendored beside it.
    expect(outcomes[7]![0]).toMatch(
      /^vendored specs\/ringly\/delete-sip-trunks-trunks-trunk-id-numbers-phone-number-id\.yaml/,
    );

    const pagesFirst = specsOnly();
    vendor(pagesFirst, pages.map(page));
    mkdirSync(join(pagesFirst, "specs/ringly/overlays"));
    const overlay = "overlay: 1.0.0\nextends: ../update-sip-trunk.yaml\nactions: []\n";
    writeFileSync(join(pagesFirst, "specs/ringly/overlays/update-fix.yaml"), overlay);
    const absorbed = vendor(pagesFirst, [complete]);
    expect(absorbed.report).toContain(
      "  note: specs/ringly/overlays/update-fix.yaml extends update-sip-trunk.yaml, which is gone: point its `extends` at ../ringly-openapi.yaml if the fix still applies there, or delete it (generation fails until then)",
    );
    rmSync(join(pagesFirst, "specs/ringly/overlays"), { recursive: true });
    expect(absorbed.report.filter((line) => line.startsWith("removed"))).toHaveLength(7);
    expect(absorbed.report).toContainEqual(
      expect.stringMatching(
        /^ {2}note: specs\/ringly\/update-sip-trunk\.yaml defined PATCH \/sip-trunks\/trunks\/\{trunk_id\} otherwise \(at paths\["\/sip-trunks\/trunks\/\{trunk_id\}"\]\.patch\.requestBody\.content\["application\/json"\]\.schema\.properties\.recording: absent there, .* in the new document\); the new definition is kept$/,
      ),
    );
    expect(snapshotTree(join(pagesFirst, "specs"))).toEqual(snapshotTree(join(documentFirst, "specs")));
    expect(readdirSync(join(pagesFirst, "specs/ringly")).sort()).toEqual([
      "delete-sip-trunks-trunks-trunk-id-numbers-phone-number-id.provenance.json",
      "delete-sip-trunks-trunks-trunk-id-numbers-phone-number-id.yaml",
      "ringly-openapi.provenance.json",
      "ringly-openapi.yaml",
      "switchboard.yaml",
    ]);
  });

  it("bundle into one package: the page's operation beside the document's", async () => {
    const root = temp();
    await sync(root, [complete, page("remove-phone-number-from-trunk.md")]);
    const snapshot = parseSnapshot(readFileSync(join(root, "packages/ringly/api-snapshot.json"), "utf8"));
    expect(Object.keys(snapshot.operations ?? {})).toHaveLength(8);
    expect(snapshot.operations?.removePhoneNumberFromTrunk).toBe(
      "DELETE /sip-trunks/trunks/{trunk_id}/numbers/{phone_number_id}",
    );
    // Without operationIds in the document, its summaries name the methods; the page's title names its own.
    expect(snapshot.operations?.createSipTrunk).toBe("POST /sip-trunks/trunks");
    expect(await generateChanges(root)).toEqual([]);
  }, 120_000);

  it("report every problem of a run at once", () => {
    const root = specsOnly();
    vendor(root, [complete]);
    // Two pages whose blocks are cut short, beside two the document defines otherwise (left out, noted).
    const cut = (name: string) => {
      const file = join(root, name);
      const text = readFileSync(page("update-sip-trunk.md"), "utf8");
      writeFileSync(file, text.slice(0, text.lastIndexOf("```")));
      return file;
    };
    const stale = join(FIXTURES, "stale", "get-sip-trunk.md");
    const broken = [cut("first.md"), cut("second.md")];
    let error: unknown;
    try {
      planVendor([page("update-sip-trunk.md"), broken[0]!, stale, broken[1]!], {
        root,
        provider: "ringly",
        date: DATE,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputErrors);
    expect((error as InputErrors).errors.map((p) => p.file)).toEqual(broken);
  });
});
