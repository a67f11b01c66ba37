/**
 * End-to-end syncs on temporary copies of the repository, with the real seed pages edited the way a provider
 * would edit them. Each scenario checks the changeset (bump for the provider and the facade, and the lines a
 * user must read), the regenerated code, the API snapshot, and that nothing outside the provider changed.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import parseChangesetModule from "@changesets/parse";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { FileTransaction } from "../src/file-transaction.js";
import { generateProvider } from "../src/generate/generate-command.js";
import { type ApiSnapshot, parseSnapshot } from "../src/release/api-snapshot.js";
import { writeSnapshots } from "../src/release/release-check.js";
import { runSync, type SyncPlan } from "../src/release/sync.js";
import { planVendor } from "../src/vendor/plan-vendor.js";
import { commitAll, removedAfterEach, repo, snapshotTree, syncRepo, useTelnyxPages } from "./helpers.js";

const parseChangeset = ((parseChangesetModule as any).default ?? parseChangesetModule) as (text: string) => {
  summary: string;
  releases: Array<{ name: string; type: string }>;
};

const SEEDS = join(repo, "..", "shared", "seeds");
const TELNYX_IPS = "000_e6a32f9002d60fb8.txt";
const VOBIZ = "001_e835aef7ab3f319a.txt";
const TELNYX_CONNECTIONS = "002_080df2c076670818.txt";
const DATE = "2026-12-01";

const seed = (name: string) => readFileSync(join(SEEDS, name), "utf8");
/** The seed page with one exact edit; fails if the text to replace is not there exactly once. */
function edited(name: string, find: string, replace: string): { file: string; text: string } {
  const text = seed(name);
  expect(text.split(find).length - 1, `"${find}" occurs once in ${name}`).toBe(1);
  return { file: name, text: text.replace(find, replace) };
}

const scratch = removedAfterEach(syncRepo);
/** A copy of the repository in which Telnyx is the two seed pages the scenarios edit. */
async function temp(): Promise<string> {
  const root = scratch();
  await useTelnyxPages(root);
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");
const snapshotOf = (root: string, provider: string): ApiSnapshot =>
  parseSnapshot(read(root, `packages/${provider}/api-snapshot.json`));

/** Files that differ between two tree snapshots, relative to the root. */
function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...paths].filter((p) => before[p] !== after[p]).sort();
}

interface Outcome {
  plan: SyncPlan;
  changed: string[];
  changeset?: { summary: string; releases: Record<string, string> };
  before: ApiSnapshot;
  after: ApiSnapshot;
}

async function sync(
  root: string,
  provider: string,
  inputs: Array<{ file: string; text: string }>,
  options: { provider?: string } = {},
): Promise<Outcome> {
  const beforeTree = snapshotTree(root);
  const before = snapshotOf(root, provider);
  const plan = await runSync(inputs, { root, date: DATE, ...options });
  const changed = changedFiles(beforeTree, snapshotTree(root));
  const outside = changed.filter(
    (p) =>
      !p.startsWith(`specs/${provider}/`) &&
      !p.startsWith(`packages/${provider}/`) &&
      !p.startsWith(".changeset/"),
  );
  expect(outside, "files changed outside the provider and .changeset").toEqual([]);
  const result = plan.providers.find((p) => p.provider === provider);
  const outcome: Outcome = { plan, changed, before, after: snapshotOf(root, provider) };
  if (result?.changeset) {
    const parsed = parseChangeset(read(root, result.changeset));
    outcome.changeset = {
      summary: parsed.summary,
      releases: Object.fromEntries(parsed.releases.map((r) => [r.name, r.type])),
    };
  }
  return outcome;
}

function expectRelease(outcome: Outcome, provider: string, bump: string): string {
  expect(outcome.plan.providers.find((p) => p.provider === provider)?.bump).toBe(bump);
  expect(outcome.changeset?.releases).toEqual({
    [`@switchboard/${provider}`]: bump,
    "@switchboard/sdk": bump,
  });
  return outcome.changeset!.summary;
}

describe("sync: a changed page becomes a classified release", () => {
  it("an added operation is a minor release with a new method", async () => {
    const root = await temp();
    // The page now documents two operations, so it is vendored under its source URL's name and replaces
    // delete-external-connection.yaml.
    const page = edited(
      TELNYX_CONNECTIONS,
      "paths:\n  /external_connections/{id}:\n",
      [
        "paths:",
        "  /external_connections/{id}:",
        "    get:",
        "      summary: Retrieves an External Connection",
        "      operationId: GetExternalConnection",
        "      parameters:",
        "        - $ref: '#/components/parameters/external-voice-integrations_id'",
        "      responses:",
        "        '200':",
        "          $ref: '#/components/responses/ExternalConnectionResponse'",
        "",
      ].join("\n"),
    );
    const outcome = await sync(root, "telnyx", [page]);
    const summary = expectRelease(outcome, "telnyx", "minor");
    expect(summary).toMatch(
      /^Telnyx API update: 1 addition, .*Generated from spec version 2\.0\.0, vendored 2026-12-01, sha256 [0-9a-f]{12}\./,
    );
    // The operation, with the subpath module exporting it; its types, exported with it, are not listed apart.
    expect(summary).toContain(
      "Additions (not breaking):\n\n- `getExternalConnection` (GET /external_connections/{id}): new operation, " +
        "exported from `@switchboard/telnyx/external-connections`\n\nDocumentation only:",
    );
    expect(summary).not.toContain("Breaking");
    expect(read(root, "packages/telnyx/src/generated/endpoints.ts")).toContain(
      'getExternalConnection: ["GET", "/external_connections/{id}"',
    );
    expect(outcome.after.operations).toEqual({
      ...outcome.before.operations,
      getExternalConnection: "GET /external_connections/{id}",
    });
    expect(outcome.after.entryPoints).toEqual({
      ...outcome.before.entryPoints,
      ".": {
        ...(outcome.before.entryPoints["."] as Record<string, string>),
        GetExternalConnectionResult: "type",
      },
      "./external-connections": {
        ...(outcome.before.entryPoints["./external-connections"] as Record<string, string>),
        getExternalConnection: "const",
        GetExternalConnectionEndpoint: "type",
        GetExternalConnectionOperation: "interface",
        GetExternalConnectionResult: "type",
      },
    });
    expect(outcome.changed).toEqual(
      expect.arrayContaining([
        "specs/telnyx/delete-external-connection.yaml",
        "specs/telnyx/external-connects.yaml",
        "packages/telnyx/src/generated/schema.ts",
        "packages/telnyx/api-snapshot.json",
        outcome.plan.providers[0]!.changeset!,
      ]),
    );
  });

  it("a removed operation is a major release without the method", async () => {
    const root = await temp();
    for (const file of ["delete-external-connection.yaml", "delete-external-connection.provenance.json"]) {
      rmSync(join(root, "specs", "telnyx", file));
    }
    const outcome = await sync(root, "telnyx", [], { provider: "telnyx" });
    const summary = expectRelease(outcome, "telnyx", "major");
    expect(summary).toMatch(/^Telnyx API update: \d+ breaking changes?/);
    expect(summary).toContain(
      "Breaking changes (major: code written for the previous version may not compile or work):\n\n" +
        "- `deleteExternalConnection` (DELETE /external_connections/{id}): operation removed",
    );
    // Its method and types went with it: said by that line, not once more per export.
    expect(summary).not.toMatch(/export `(deleteExternalConnection|DeleteExternalConnection\w+)` removed/);
    expect(summary).toContain("entry point `@switchboard/telnyx/external-connections` removed");
    // Component types that went with it: one line per kind, the names below it.
    expect(summary).toContain(
      '- 6 `components["schemas"]` types removed (code that names them directly no longer compiles)\n' +
        '  - `components["schemas"]["ConnectionActive"]`\n',
    );
    expect(summary).toContain('  - `components["schemas"]["ExternalConnection"]`\n');
    expect(summary).toContain('- `components["responses"]["ExternalConnectionResponse"]` removed');
    expect(read(root, "packages/telnyx/src/generated/endpoints.ts")).not.toContain(
      "deleteExternalConnection",
    );
    expect(Object.keys(outcome.after.operations ?? {})).toEqual(["deleteIp"]);
    expect(Object.keys(outcome.before.operations ?? {})).toEqual(["deleteExternalConnection", "deleteIp"]);
  });

  it("an optional parameter made required is a major release", async () => {
    const root = await temp();
    const param = (required: boolean) =>
      [
        "            type: string",
        "        - name: force",
        "          in: query",
        `          required: ${required}`,
        "          description: Delete the ACL even while calls use it.",
        "          schema:",
        "            type: boolean",
        "      responses:",
        "",
      ].join("\n");
    const first = await sync(root, "vobiz", [
      edited(VOBIZ, "            type: string\n      responses:\n", param(false)),
    ]);
    expect(expectRelease(first, "vobiz", "minor")).toContain(
      "- `deleteIpAcl` (DELETE /api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}): query parameter `force` added (optional)",
    );
    expect(read(root, "packages/vobiz/src/generated/schema.ts")).toMatch(/force\?: boolean/);

    const second = await sync(root, "vobiz", [
      edited(VOBIZ, "            type: string\n      responses:\n", param(true)),
    ]);
    const summary = expectRelease(second, "vobiz", "major");
    expect(summary).toContain(
      "Breaking changes (major: code written for the previous version may not compile or work):\n\n" +
        "- `deleteIpAcl` (DELETE /api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}): query parameter `force` is now required",
    );
    expect(read(root, "packages/vobiz/src/generated/schema.ts")).toMatch(/force: boolean/);
    expect(second.after.operations).toEqual(second.before.operations);
    expect(second.after.spec?.fingerprint).not.toBe(second.before.spec?.fingerprint);
    // Both spec updates stay pending until the next release, each in its own changeset.
    expect(second.plan.providers[0]!.changeset).not.toBe(first.plan.providers[0]!.changeset);
    expect(existsSync(join(root, first.plan.providers[0]!.changeset!))).toBe(true);
  });

  it("keeps each pending step's changeset when a later sync comes back to a spec already synced to", async () => {
    // A → B (a required parameter: major) → C (a description) → B (undone). Named by the spec synced to, the
    // step back to B wrote over B's pending changeset: the release became a patch without the parameter.
    const root = await temp();
    const B = edited(
      VOBIZ,
      "            type: string\n      responses:\n",
      "            type: string\n        - name: force\n          in: query\n          required: true\n          schema:\n            type: boolean\n      responses:\n",
    );
    const toB = await sync(root, "vobiz", [B]);
    expectRelease(toB, "vobiz", "major");
    const C = {
      ...B,
      text: B.text.replace(
        "          in: query\n",
        "          in: query\n          description: Even while in use.\n",
      ),
    };
    expect(C.text).not.toBe(B.text);
    const toC = await sync(root, "vobiz", [C]);
    const backToB = await sync(root, "vobiz", [B]);
    const written = [toB, toC, backToB].map((outcome) => outcome.plan.providers[0]!.changeset!);
    expect(new Set(written).size).toBe(3);
    expect(read(root, written[0]!)).toContain("query parameter `force` added (required)");
    expect(parseChangeset(read(root, written[0]!)).releases).toContainEqual({
      name: "@switchboard/vobiz",
      type: "major",
    });
  });

  it("an optional response field is a minor release", async () => {
    const root = await temp();
    const page = edited(
      TELNYX_IPS,
      "        ip_address:\n          type: string\n",
      "        region:\n          type: string\n          description: Where the IP is announced.\n        ip_address:\n          type: string\n",
    );
    const outcome = await sync(root, "telnyx", [page]);
    const summary = expectRelease(outcome, "telnyx", "minor");
    expect(summary).toContain("- `deleteIp` (DELETE /ips/{id}): response 200 field `data.region` added");
    expect(read(root, "packages/telnyx/src/generated/schema.ts")).toMatch(/region\?: string/);
    expect(outcome.after.operations).toEqual(outcome.before.operations);
  });

  it("a new enum value in a response is a major release (exhaustive switches break)", async () => {
    const root = await temp();
    const page = edited(
      TELNYX_CONNECTIONS,
      "        - zoom\n        - operator_connect\n",
      "        - zoom\n        - operator_connect\n        - teams\n",
    );
    const outcome = await sync(root, "telnyx", [page]);
    const summary = expectRelease(outcome, "telnyx", "major");
    expect(summary).toContain(
      '- `deleteExternalConnection` (DELETE /external_connections/{id}): response 200 field `data.external_sip_connection` may now be "teams" (a new enum value)',
    );
    expect(read(root, "packages/telnyx/src/generated/schema.ts")).toMatch(
      /"zoom" \| "operator_connect" \| "teams"/,
    );
  });

  it("a description change alone is a patch release", async () => {
    const root = await temp();
    const page = edited(
      VOBIZ,
      "description: Remove an IP access control rule.",
      "description: Remove one IP access control rule from a trunk.",
    );
    const outcome = await sync(root, "vobiz", [page]);
    const summary = expectRelease(outcome, "vobiz", "patch");
    expect(summary).toContain(
      "Documentation only:\n\n- `deleteIpAcl` (DELETE /api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}): description changed",
    );
    expect(summary).not.toMatch(/Breaking|Additions/);
    expect(read(root, "packages/vobiz/src/generated/schema.ts")).toContain(
      "Remove one IP access control rule from a trunk.",
    );
    expect(outcome.after.operations).toEqual(outcome.before.operations);
    expect(outcome.after.entryPoints).toEqual(outcome.before.entryPoints);
    expect(outcome.after.spec?.fingerprint).not.toBe(outcome.before.spec?.fingerprint);
  });

  it("a page identical to the vendored one changes nothing and writes no changeset", async () => {
    const root = await temp();
    const before = snapshotTree(root);
    const plan = await runSync([{ file: VOBIZ, text: seed(VOBIZ) }], { root, date: DATE });
    expect(plan.vendored.map((r) => r.status)).toEqual(["unchanged"]);
    expect(plan.providers).toEqual([]);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("a new info.version alone regenerates but writes no changeset", async () => {
    const root = await temp();
    const outcome = await sync(root, "vobiz", [edited(VOBIZ, "  version: '1.0'\n", "  version: '1.1'\n")]);
    expect(outcome.plan.providers[0]).toMatchObject({ provider: "vobiz", bump: "none" });
    expect(outcome.plan.providers[0]!.changeset).toBeUndefined();
    expect(outcome.changed.filter((p) => p.startsWith(".changeset/"))).toEqual([]);
    expect(read(root, "packages/vobiz/src/generated/provider.ts")).toContain('"version": "1.1"');
    expect(outcome.after.spec?.version).toBe("1.1");
    expect(outcome.after.spec?.fingerprint).toBe(outcome.before.spec?.fingerprint);
  });
});

describe("sync after `generate` already regenerated the package", () => {
  /** The scratch copy as a git repository with everything committed, as a user's checkout is. */
  const committed = (root: string) => commitAll(root, "release");
  const requiredForce = () =>
    edited(
      VOBIZ,
      "            type: string\n      responses:\n",
      "            type: string\n        - name: force\n          in: query\n          required: true\n          schema:\n            type: boolean\n      responses:\n",
    );
  const vendorAndGenerate = async (root: string) => {
    planVendor([requiredForce()], { root, provider: "vobiz", date: DATE }).transaction.commit();
    const tx = new FileTransaction();
    await generateProvider(root, "vobiz", tx);
    tx.commit();
    writeSnapshots(root, ["vobiz"]);
  };

  it("classifies the change against the committed package, not against itself", async () => {
    const root = await temp();
    committed(root);
    await vendorAndGenerate(root);
    const plan = await runSync([], { root, date: DATE, provider: "vobiz" });
    expect(plan.providers[0]).toMatchObject({ provider: "vobiz", bump: "major" });
    expect(read(root, plan.providers[0]!.changeset!)).toContain("query parameter `force` added (required)");
    // Once a changeset releases it, a sync again has nothing new to say.
    const again = await runSync([], { root, date: DATE, provider: "vobiz" });
    expect(again.providers[0]).toMatchObject({ provider: "vobiz", bump: "none" });
  });

  it("classifies it also while another change's changeset is pending: that one released the earlier change", async () => {
    const root = await temp();
    writeFileSync(
      join(root, ".changeset", "vobiz-api-earlier.md"),
      '---\n"@switchboard/vobiz": minor\n---\n\nVobiz API update: an earlier operation added.\n',
    );
    committed(root);
    await vendorAndGenerate(root);
    const plan = await runSync([], { root, date: DATE, provider: "vobiz" });
    expect(plan.providers[0]).toMatchObject({ provider: "vobiz", bump: "major" });
  });

  it("without a repository, compares with the package as it is (as before)", async () => {
    const root = await temp();
    await vendorAndGenerate(root);
    const plan = await runSync([], { root, date: DATE, provider: "vobiz" });
    expect(plan.providers[0]).toMatchObject({ provider: "vobiz", bump: "none" });
  });
});

describe("sync: a new provider", () => {
  it("gets a package, a snapshot, a place in the facade and a first-release changeset", async () => {
    const root = await temp();
    const spec = readFileSync(join(repo, "specs", "bolna", "delete-sip-trunks-trunks-trunk-id.yaml"), "utf8")
      .replace("title: Bolna API", "title: Acme Voice API")
      .replace("https://api.bolna.ai", "https://api.acme.example");
    const plan = await runSync([{ file: "acme-openapi.yaml", text: spec }], {
      root,
      date: DATE,
      provider: "acme",
    });
    expect(plan.providers).toMatchObject([{ provider: "acme", bump: "minor" }]);
    const changeset = parseChangeset(read(root, plan.providers[0]!.changeset!));
    expect(changeset.releases).toEqual([
      { name: "@switchboard/acme", type: "minor" },
      { name: "@switchboard/sdk", type: "minor" },
    ]);
    expect(changeset.summary).toMatch(
      /^New provider package for the Acme API \(spec version 1\.0\.0, vendored 2026-12-01, sha256 [0-9a-f]{12}\): 1 operation\./,
    );
    expect(JSON.parse(read(root, "packages/acme/package.json"))).toMatchObject({
      name: "@switchboard/acme",
      sideEffects: false,
      scripts: { snapshot: "switchboard-codegen snapshot acme" },
    });
    expect(snapshotOf(root, "acme").operations).toEqual({
      deleteSipTrunksTrunksByTrunkId: "DELETE /sip-trunks/trunks/{trunk_id}",
    });
    expect(snapshotOf(root, "acme").entryPoints["."]).toMatchObject({
      createAcmeClient: "function",
      specInfo: "const",
    });
    expect(read(root, "packages/sdk/src/generated/providers.ts")).toContain('from "@switchboard/acme"');
    expect(JSON.parse(read(root, "packages/sdk/package.json")).dependencies["@switchboard/acme"]).toBe(
      "^0.0.0",
    );
  });
});

describe("sync: a spec that gets worse changes nothing", () => {
  const broken: Array<[string, () => { file: string; text: string }, RegExp | (() => RegExp)]> = [
    [
      "unparseable YAML",
      () => edited(VOBIZ, "operationId: delete-ip-acl", "operationId: [delete-ip-acl"),
      new RegExp(`^${VOBIZ}:\\d+:\\d+: `),
    ],
    [
      "a dangling $ref",
      () =>
        edited(VOBIZ, "$ref: '#/components/parameters/AuthId'", "$ref: '#/components/parameters/AccountId'"),
      // Said at the page given, at the line of the edit: the vendored path is no file yet, or the older one.
      () => {
        const { text } = edited(
          VOBIZ,
          "$ref: '#/components/parameters/AuthId'",
          "$ref: '#/components/parameters/AccountId'",
        );
        const line = text.split("\n").findIndex((l) => l.includes("parameters/AccountId")) + 1;
        return new RegExp(`^${VOBIZ}:${line}: dangling \\$ref #\\/components\\/parameters\\/AccountId`, "m");
      },
    ],
    [
      // Duplicate operationIds are resolved from their paths (operation-ids.ts); this one cannot be: the GET's
      // fallback name is already another operation's operationId.
      "two operations with one name",
      () =>
        edited(
          TELNYX_CONNECTIONS,
          "paths:\n  /external_connections/{id}:\n",
          "paths:\n  /external_connections_x:\n    post:\n      operationId: getExternalConnectionsById\n      responses:\n        '204':\n          description: made\n  /external_connections/{id}:\n    get:\n      operationId: deleteExternalConnection\n      responses:\n        '204':\n          description: gone\n",
        ),
      /would both be named "getExternalConnectionsById"/,
    ],
    [
      "an overlay that no longer applies",
      () =>
        edited(
          VOBIZ,
          "        '200':\n          description: Success\n",
          "        '201':\n          description: Success\n",
        ),
      /overlays\/delete-ip-acl-responses\.yaml/,
    ],
  ];

  it.each(broken)(
    "%s: a clear error, and the tree is byte-for-byte as before",
    async (_name, page, message) => {
      const root = await temp();
      const before = snapshotTree(root);
      const error = await runSync([page()], { root, date: DATE }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(typeof message === "function" ? message() : message);
      expect(snapshotTree(root)).toEqual(before);
    },
  );
});
