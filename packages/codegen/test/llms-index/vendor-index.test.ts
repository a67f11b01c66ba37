/**
 * `vendor --index` end to end on temporary copies of the repository's specs, against the fixture site served
 * on 127.0.0.1 (or read from disk): what is vendored, with which provenance, what a re-sync downloads, and
 * every kind of bad input refused with nothing written.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { downloadInputs } from "../../src/vendor/download-inputs.js";
import { indexReport } from "../../src/vendor/index/index-report.js";
import { PageCache } from "../../src/vendor/index/page-cache.js";
import { type IndexPlan, planIndex } from "../../src/vendor/index/plan-index.js";
import { planVendor } from "../../src/vendor/plan-vendor.js";
import { extractSpecBlock } from "../../src/vendor/read-input.js";
import { sha256 } from "../../src/vendor/vendored-files.js";
import { removedAfterEach, repo, snapshotTree, tempRepo } from "../helpers.js";
import { docServers } from "./doc-server.js";
import {
  DATE,
  indexOptions,
  LAST_MODIFIED,
  publish,
  REAL_ORIGIN,
  SITE,
  seedPage,
  sitePage,
  sitePages,
  siteWithWebhooks,
  WEBHOOKS,
  webhookPage,
} from "./site.js";

const SEEDS = join(repo, "..", "shared", "seeds");
const temp = removedAfterEach(tempRepo);
const serve = docServers();
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "switchboard-llms-index-"));
  folders.push(folder);
  return folder;
}

const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");
const provenanceOf = (root: string, name: string) =>
  JSON.parse(read(root, `specs/vobiz/${name}.provenance.json`));

const OPERATIONS = {
  "get-account": [
    "/api-reference/account/get-account.md",
    "GET /api/v1/Account/{auth_id}",
    "Get account details",
  ],
  "get-balance": [
    "/api-reference/balance/get-balance.md",
    "GET /api/v1/Account/{auth_id}/balance/{currency}",
    "Get balance",
  ],
  "list-calls": ["/api-reference/calls/list-calls.md", "GET /api/v1/Account/{auth_id}/Call/", "List calls"],
} as const;

async function applied(plan: Promise<IndexPlan>): Promise<IndexPlan> {
  const done = await plan;
  expect(done.failures).toEqual([]);
  done.transaction.commit();
  done.saveCache();
  return done;
}

/** The plan's failures, and proof that nothing was written. */
async function refused(root: string, run: () => Promise<IndexPlan>): Promise<IndexPlan> {
  const before = snapshotTree(root);
  const plan = await run();
  expect(plan.failures.length).toBeGreaterThan(0);
  expect(snapshotTree(root)).toEqual(before);
  return plan;
}

async function rejected(root: string, run: () => Promise<unknown>): Promise<InputError> {
  const before = snapshotTree(root);
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect(snapshotTree(root)).toEqual(before);
  return error as InputError;
}

describe("vendor --index: an llms.txt with .md links", () => {
  it("vendors every operation page with its provenance, and skips and counts the rest", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));

    expect(plan.counts).toEqual({ seen: 8, vendored: 3, unchanged: 1, skipped: 4, failed: 0 });
    for (const [name, [path, operation, title]] of Object.entries(OPERATIONS)) {
      const spec = read(root, `specs/vobiz/${name}.yaml`);
      expect(spec).toBe(extractSpecBlock(sitePage(path.slice(1)), path).text);
      expect(provenanceOf(root, name)).toEqual({
        title,
        page: `${name}.md`,
        source: null,
        url: server.url(path),
        etag: expect.stringMatching(/^"[0-9a-f]{16}"$/),
        lastModified: LAST_MODIFIED,
        operations: [operation],
        sha256: sha256(spec),
        vendoredAt: DATE,
      });
    }
    // The seed page vendored by hand is the same bytes: unchanged, its date kept, its page now known.
    expect(read(root, "specs/vobiz/delete-ip-acl.yaml")).toBe(extractSpecBlock(seedPage(), "seed").text);
    expect(provenanceOf(root, "delete-ip-acl")).toMatchObject({
      url: server.url("/api-reference/ip-acl/delete-ip-acl.md"),
      vendoredAt: "2026-11-24",
    });

    const report = indexReport(plan);
    expect(report[0]).toBe(
      `index ${server.url("/llms.txt")} (llms.txt, 7 pages on ${new URL(server.origin).host})`,
    );
    expect(report).toContain(
      `vendored specs/vobiz/get-balance.yaml (1 operation, sha256 ${sha256(read(root, "specs/vobiz/get-balance.yaml")).slice(0, 12)}) from ${server.url(OPERATIONS["get-balance"][0])}`,
    );
    expect(report).toContainEqual(
      expect.stringMatching(
        /^skipped 3 pages without an OpenAPI block \(guides, changelogs, overviews\): http:\/\/127\.0\.0\.1:\d+\/\S+\.md, http:\/\/\S+, http:\/\/\S+$/,
      ),
    );
    expect(report).toContain(
      `skipped ${server.url("/api-reference/openapi.json")} (${server.url("/llms.txt")}:24): a link to an OpenAPI or data document, not a page (vendor a published document with \`npm run vendor -- ${server.url("/api-reference/openapi.json")}\`)`,
    );
    expect(report.at(-1)).toBe(
      "pages: 8 seen, 3 vendored, 1 unchanged, 4 skipped, 0 failed; 8 requests (0 not modified, 0 retried)",
    );
    expect(server.count("/api-reference/openapi.json")).toBe(0);
  });

  it("downloads only the page that changed on a re-sync: every other page answers 304", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    publish(server, pages);
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    const before = provenanceOf(root, "get-balance");

    const balance = OPERATIONS["get-balance"][0];
    pages.set(
      balance,
      pages
        .get(balance)!
        .replace("Retrieve the balance of the account in one currency.", "The balance held in one currency."),
    );
    publish(server, pages);
    server.requests.length = 0;
    const again = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));

    expect(again.counts).toEqual({ seen: 8, vendored: 1, unchanged: 3, skipped: 4, failed: 0 });
    const pageRequests = server.requests.filter((r) => r.path !== "/llms.txt");
    expect(pageRequests.every((r) => r.conditional)).toBe(true);
    expect(pageRequests.filter((r) => r.status === 200).map((r) => r.path)).toEqual([balance]);
    expect(server.count(undefined, 304)).toBe(6); // two operation pages, the IP ACL page, three guides
    expect(again.requests).toMatchObject({ requests: 8, notModified: 6 });
    expect(indexReport(again).at(-1)).toBe(
      "pages: 8 seen, 1 vendored, 3 unchanged, 4 skipped, 0 failed; 8 requests (6 not modified, 0 retried)",
    );
    const after = provenanceOf(root, "get-balance");
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.etag).not.toBe(before.etag);
    expect(read(root, "specs/vobiz/get-balance.yaml")).toContain("The balance held in one currency.");
  });

  it("reads a private site whose index links carry a token: kept out of the provenance, and the same pages next run", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    const tokened = (token: string) =>
      pages.get("/llms.txt")!.replace(/(\]\(https:\/\/docs\.vobiz\.ai\/[^)]+\.md)\)/g, `$1?token=${token})`);
    pages.set("/llms.txt", tokened("TOKEN-SECRET-1"));
    publish(server, pages);
    await applied(planIndex(indexOptions(root, `${server.url("/llms.txt")}?access_token=TOKEN-SECRET-0`)));
    const provenance = provenanceOf(root, "get-balance");
    expect(provenance.url).toBe(server.url(OPERATIONS["get-balance"][0]));
    const specs = join(root, "specs", "vobiz");
    for (const entry of readdirSync(specs, { withFileTypes: true, recursive: true }))
      if (entry.isFile())
        expect(readFileSync(join(entry.parentPath, entry.name), "utf8")).not.toContain("SECRET");
    // A new token next time (they expire): the same pages, unchanged, none removed and added again.
    pages.set("/llms.txt", tokened("TOKEN-SECRET-2"));
    publish(server, pages);
    server.requests.length = 0;
    const again = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(again.counts).toMatchObject({ vendored: 0, unchanged: 4, failed: 0 });
    // Asked for conditionally, as any page already vendored: the validators are the page's, not the token's.
    const vendoredPages = Object.values(OPERATIONS).map(([path]) => path);
    const asked = server.requests.filter((r) => (vendoredPages as string[]).includes(r.path));
    expect(asked.map((r) => [r.conditional, r.status])).toEqual(vendoredPages.map(() => [true, 304]));
    expect(again.removed).toEqual([]);
    expect(indexReport(again).join("\n")).not.toContain("SECRET");
  });

  it("follows an llms.txt the index links to (a site's index per product): its pages are listed, none removed", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    publish(server, pages);
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    // The calls section moves to its own index, which links back to the top one (followed once).
    const top = pages.get("/llms.txt")!;
    const calls = top.slice(top.indexOf("- [List calls]"), top.indexOf("\n## SIP Trunking"));
    pages.set(
      "/llms.txt",
      top.replace(calls, "- [Calls API](https://docs.vobiz.ai/calls/llms.txt): the calls pages\n"),
    );
    pages.set("/calls/llms.txt", `# Vobiz calls\n\n${calls}- [Everything](https://docs.vobiz.ai/llms.txt)\n`);
    publish(server, pages);
    const again = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(again.counts).toMatchObject({ vendored: 0, unchanged: 4, failed: 0 });
    expect(existsSync(join(root, "specs/vobiz/list-calls.yaml"))).toBe(true);
    expect(indexReport(again).join("\n")).not.toMatch(/removed/);
    expect(server.count("/calls/llms.txt")).toBe(1);
  });

  it("keeps what it vendored from a page that answers empty, and fails the run naming it", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    publish(server, pages);
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    pages.set(OPERATIONS["list-calls"][0], "\n");
    publish(server, pages);
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.failures.map((f) => f.reason)).toEqual([
      `${server.url(OPERATIONS["list-calls"][0])}: is empty: no page to read (what was vendored from it stays)`,
    ]);
  });

  it("follows an index that moved to another host, and reads its pages there", async () => {
    const root = temp();
    const moved = await serve();
    publish(moved, sitePages());
    const old = await serve({
      "/llms.txt": { script: [{ status: 301, headers: { location: moved.url("/llms.txt") } }] },
    });
    const plan = await applied(planIndex(indexOptions(root, old.url("/llms.txt"))));
    expect(plan.counts).toMatchObject({ vendored: 3, unchanged: 1, failed: 0 });
    expect(provenanceOf(root, "get-balance").url).toBe(moved.url(OPERATIONS["get-balance"][0]));
  });

  it("downloads a page again when its vendored file was edited by hand", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    writeFileSync(join(root, "specs/vobiz/list-calls.yaml"), "openapi: 3.0.3\n");
    server.requests.length = 0;
    const again = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(server.requests.find((r) => r.path === OPERATIONS["list-calls"][0])).toMatchObject({
      status: 200,
      conditional: false,
    });
    expect(again.counts.vendored).toBe(1);
    expect(read(root, "specs/vobiz/list-calls.yaml")).toContain("operationId: list-calls");
  });

  it("vendors a page defined alike on two pages once, and says so", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    pages.set(
      "/api-reference/balance/balance-inr.md",
      pages.get(OPERATIONS["get-balance"][0])!.replace("# Get balance", "# Balance in rupees"),
    );
    pages.set(
      "/llms.txt",
      `${pages.get("/llms.txt")!}- [Balance in rupees](${REAL_ORIGIN}/api-reference/balance/balance-inr.md)\n`,
    );
    publish(server, pages);
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.counts).toMatchObject({ vendored: 3, skipped: 5, failed: 0 });
    expect(indexReport(plan)).toContain(
      `skipped ${server.url("/api-reference/balance/balance-inr.md")}: ${server.url(OPERATIONS["get-balance"][0])} defines the same operation alike`,
    );
  });

  it("vendors two pages whose operationIds name one file apart: the second under its method and path", async () => {
    // ClickSend's operationIds are titles, alike but for case on other resources ("List Rules", "List rules").
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    const calls = pages.get(OPERATIONS["list-calls"][0])!;
    const alike = (path: string, operationId: string) =>
      calls
        .replace("  /api/v1/Account/{auth_id}/Call/:", `  ${path}:`)
        .replace("operationId: list-calls", `operationId: ${operationId}`);
    pages.set("/api-reference/rules/fax-rules.md", alike("/api/v1/Account/{auth_id}/FaxRule/", "List Rules"));
    pages.set("/api-reference/rules/sms-rules.md", alike("/api/v1/Account/{auth_id}/SmsRule/", "List rules"));
    pages.set(
      "/llms.txt",
      `${pages.get("/llms.txt")!}- [Fax rules](${REAL_ORIGIN}/api-reference/rules/fax-rules.md)\n- [SMS rules](${REAL_ORIGIN}/api-reference/rules/sms-rules.md)\n`,
    );
    publish(server, pages);
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(provenanceOf(root, "list-rules").operations).toEqual(["GET /api/v1/Account/{auth_id}/FaxRule/"]);
    expect(provenanceOf(root, "get-api-v1-account-auth-id-sms-rule").operations).toEqual([
      "GET /api/v1/Account/{auth_id}/SmsRule/",
    ]);
    // A new revision of the second page lands on its file again, and the first page's stays.
    const files = readdirSync(join(root, "specs/vobiz")).sort();
    pages.set(
      "/api-reference/rules/sms-rules.md",
      pages
        .get("/api-reference/rules/sms-rules.md")!
        .replace("operationId: List rules", "operationId: List rules\n      deprecated: true"),
    );
    publish(server, pages);
    const again = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(again.counts).toMatchObject({ vendored: 1, failed: 0 });
    expect(readdirSync(join(root, "specs/vobiz")).sort()).toEqual(files);
    expect(read(root, "specs/vobiz/get-api-v1-account-auth-id-sms-rule.yaml")).toContain("deprecated: true");
  });

  it("refuses an index of a known provider with one page of another API, saying both ways through", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    const balance = OPERATIONS["get-balance"][0];
    pages.set(balance, pages.get(balance)!.replaceAll("api.vobiz.ai", "api.acmepay.example"));
    publish(server, pages);
    const error = await rejected(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(error.message).toBe(
      `${server.url("/llms.txt")}: most of the index's pages are for vobiz, but some name another API's server, for a provider without a specs/ folder: ` +
        `acmepay (server https://api.acmepay.example, e.g. ${server.url(balance)}). If they are vobiz's, pass --provider vobiz to vendor every page under it; ` +
        "if they are another provider's, vendor those pages on their own (`npm run vendor -- <page> --provider acmepay`) and the index with --provider vobiz",
    );
  });

  it("vendors a new provider's index with --provider, and refuses it without", async () => {
    const root = temp();
    const server = await serve();
    const pages = new Map(
      [...sitePages()].map(([path, text]) => [path, text.replaceAll("api.vobiz.ai", "api.acme.example")]),
    );
    publish(server, pages);
    const error = await rejected(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(error.message).toBe(
      `${server.url("/llms.txt")}: the index's pages are for a provider without a specs/ folder yet: acme (server https://api.acme.example, e.g. ${server.url(OPERATIONS["get-account"][0])}); pass --provider acme to vendor the index as a new provider`,
    );
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"), { provider: "acme" })));
    expect(plan.counts).toMatchObject({ vendored: 4, failed: 0 });
    expect(plan.providers).toEqual(["acme"]);
    expect(read(root, "specs/acme/delete-ip-acl.yaml")).toContain("https://api.acme.example");
  });
  it("leaves other providers' files alone when --provider vendors the site elsewhere", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    const vobiz = Object.fromEntries(
      Object.entries(snapshotTree(root)).filter(([path]) => path.startsWith("specs/vobiz/")),
    );
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"), { provider: "acme" })));
    expect(plan.removed).toEqual([]);
    expect(plan.providers).toEqual(["acme"]);
    const after = snapshotTree(root);
    for (const [path, text] of Object.entries(vobiz)) expect(after[path], path).toBe(text);
  });
});

describe("vendor --index: pages that show an operation without embedding its document", () => {
  it("are skipped with their endpoint, and a GitBook page with where its document is", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    const src = "https://petstore3.swagger.io/api/v3/openapi.json";
    const gitbook = "/api-reference/pets/find-pet.md";
    pages.set(
      gitbook,
      `# Find a pet\n\n{% openapi src="${src}" path="/pet/{petId}" method="get" %}\n{% endopenapi %}\n`,
    );
    const notice = "/api-reference/calls/hangup.md";
    pages.set(
      notice,
      "# Hang up\n\nPOST /api/v1/Account/{auth_id}/Call/{call_uuid}/hangup\n\nEnds a call.\n",
    );
    pages.set(
      "/llms.txt",
      `${pages.get("/llms.txt")!}- [Find a pet](${REAL_ORIGIN}${gitbook})\n- [Hang up](${REAL_ORIGIN}${notice})\n`,
    );
    publish(server, pages);
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    const report = indexReport(plan);
    expect(report).toContain(
      `skipped ${server.url(gitbook)}: it documents GET /pet/{petId} from the OpenAPI document at ${src}, which it does not embed: vendor that document (npm run vendor -- ${src} --provider <name>)`,
    );
    expect(report).toContain(
      `skipped ${server.url(notice)}: it documents POST /api/v1/Account/{auth_id}/Call/{call_uuid}/hangup but embeds no OpenAPI block (what was vendored from it is kept)`,
    );
    expect(plan.counts).toMatchObject({ vendored: 3, failed: 0 });
  });
});

describe("vendor --index: a Fern llms.txt", () => {
  it("vendors the .mdx pages its breadcrumbed links name", async () => {
    const root = temp();
    const server = await serve();
    const page = "/api-reference/platform-api/phone-numbers/delete-phone-number.mdx";
    const index = [
      "# Synthflow",
      "",
      "> Build and deploy voice AI agents for phone calls.",
      "",
      "## Docs",
      "",
      `- Get Started [Welcome](${server.url("/welcome.mdx")}): What Synthflow does`,
      "",
      "## API Docs",
      "",
      `- API Reference > Platform API > Phone Numbers [Delete a phone number](${server.url(page)}): Deletes a phone number from your workspace.`,
    ].join("\n");
    publish(
      server,
      new Map([
        ["/llms.txt", index],
        ["/welcome.mdx", "# Welcome\n\nSynthflow lets you build voice agents without code.\n"],
        [page, readFileSync(join(SEEDS, "004_5a92bb60447c97b2.txt"), "utf8")],
      ]),
    );
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.counts).toEqual({ seen: 2, vendored: 0, unchanged: 1, skipped: 1, failed: 0 });
    expect(JSON.parse(read(root, "specs/synthflow/delete-phone-number.provenance.json"))).toMatchObject({
      page: "delete-phone-number.mdx",
      source: "https://docs.synthflow.ai/api-reference/platform-api/phone-numbers/delete-phone-number",
      url: server.url(page),
    });
  });
});

describe("vendor --index: an llms-full.txt", () => {
  it("vendors the pages it holds when fetched, each under its Source URL", async () => {
    const root = temp();
    const server = await serve();
    publish(server, new Map([["/llms-full.txt", sitePage("llms-full.txt")]]));
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms-full.txt"))));
    expect(plan.counts).toEqual({ seen: 6, vendored: 3, unchanged: 0, skipped: 3, failed: 0 });
    expect(plan.requests.requests).toBe(1);
    expect(provenanceOf(root, "get-balance")).toMatchObject({
      page: "get-balance",
      url: server.url("/api-reference/balance/get-balance"),
      etag: null,
      lastModified: null,
    });
    // Not in this index and vendored by hand: kept, and said.
    expect(indexReport(plan)).toContain(
      `note: kept specs/vobiz/delete-ip-acl.yaml (DELETE /api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}): not vendored from ${new URL(server.origin).host}; remove it if the API no longer has it`,
    );
  });

  it("fetches the .md page of an operation whose llms-full.txt entry gives only its endpoint", async () => {
    const root = temp();
    const server = await serve();
    const full = sitePage("llms-full.txt");
    const start = full.indexOf("# List calls\n");
    const trimmed = `${full.slice(0, start)}# List calls\nSource: ${REAL_ORIGIN}/api-reference/calls/list-calls\n\nGET /api/v1/Account/{auth_id}/Call/\nList the calls of your account, newest first, a page at a time.\n`;
    publish(
      server,
      new Map([
        ["/llms-full.txt", trimmed],
        [OPERATIONS["list-calls"][0], sitePage("api-reference/calls/list-calls.md")],
      ]),
    );
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms-full.txt"))));
    expect(plan.counts).toMatchObject({ vendored: 3, failed: 0 });
    expect(server.count(OPERATIONS["list-calls"][0], 200)).toBe(1);
    expect(provenanceOf(root, "list-calls").url).toBe(server.url(OPERATIONS["list-calls"][0]));
  });

  it("reads an llms-full.txt on disk without any network", async () => {
    const root = temp();
    const plan = await applied(planIndex(indexOptions(root, join(SITE, "llms-full.txt"))));
    expect(plan.counts).toEqual({ seen: 6, vendored: 3, unchanged: 0, skipped: 3, failed: 0 });
    expect(plan.requests.requests).toBe(0);
    expect(provenanceOf(root, "get-account").url).toBe(`${REAL_ORIGIN}/api-reference/account/get-account`);
  });
});

describe("vendor --index: a folder downloaded by hand", () => {
  it("reads an llms.txt and the pages saved at their URL paths", async () => {
    const root = temp();
    const folder = tempFolder();
    cpSync(SITE, folder, { recursive: true });
    rmSync(join(folder, "llms-full.txt"));
    writeFileSync(join(folder, "api-reference", "ip-acl.md"), "not this one");
    cpSync(join(SITE, "..", "vobiz", "introduction.md"), join(folder, "introduction.md"));
    const ipAcl = join(folder, "api-reference", "ip-acl");
    cpSync(SITE, ipAcl, { recursive: false, filter: () => false });
    writeFileSync(join(folder, "delete-ip-acl.md"), seedPage()); // a shorter tail of the URL's path
    const plan = await applied(planIndex(indexOptions(root, folder)));
    expect(plan.counts).toEqual({ seen: 8, vendored: 3, unchanged: 1, skipped: 4, failed: 0 });
    expect(plan.requests.requests).toBe(0);
    expect(provenanceOf(root, "list-calls")).toMatchObject({
      url: `${REAL_ORIGIN}/api-reference/calls/list-calls.md`,
      etag: null,
    });
  });

  it("fails a page the folder lacks, naming the file it looked for", async () => {
    const root = temp();
    const folder = tempFolder();
    cpSync(SITE, folder, { recursive: true });
    rmSync(join(folder, "llms-full.txt"));
    const plan = await refused(root, () => planIndex(indexOptions(root, folder)));
    expect(plan.failures).toEqual([
      {
        page: `${REAL_ORIGIN}/api-reference/ip-acl/delete-ip-acl.md`,
        listedAt: expect.stringMatching(/llms\.txt:20$/),
        reason: expect.stringMatching(
          /^not in the folder: expected .*\/api-reference\/ip-acl\/delete-ip-acl\.md \(save each page/,
        ),
      },
    ]);
  });

  it("finds a page linked without an extension saved as .md, .mdx or its folder's index.md, and names the .md it lacks", async () => {
    const root = temp([]);
    const folder = tempFolder();
    const spec = (path: string) =>
      `# Op\n\n\`\`\`yaml\nopenapi: 3.1.0\ninfo: {title: Acme, version: "1"}\nservers: [{url: "https://api.acme.example"}]\npaths: {${path}: {get: {responses: {"200": {description: OK}}}}}\n\`\`\`\n`;
    mkdirSync(join(folder, "api", "calls"), { recursive: true });
    writeFileSync(join(folder, "api", "calls", "index.md"), spec("/calls"));
    writeFileSync(join(folder, "api", "numbers.mdx"), spec("/numbers"));
    writeFileSync(join(folder, "index.md"), "# Acme docs\n"); // the site's home page is no other page's
    writeFileSync(
      join(folder, "llms.txt"),
      [
        "# Acme",
        "",
        "- [Calls](https://docs.acme.example/api/calls/)",
        "- [Numbers](https://docs.acme.example/api/numbers)",
        "- [Gone](https://docs.acme.example/api/gone/)",
        "",
      ].join("\n"),
    );
    const plan = await planIndex(indexOptions(root, folder, { provider: "acme", keepGoing: true }));
    expect(plan.vendored.map((r) => r.provenance.operations)).toEqual([["GET /calls"], ["GET /numbers"]]);
    expect(plan.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/^not in the folder: expected .*\/api\/gone\.md \(save each page/),
    ]);
  });

  it("resolves an index's relative links against --site, and reads the pages from the folder", async () => {
    const root = temp([]);
    const folder = tempFolder();
    const spec = (path: string) =>
      `# Op\n\n\`\`\`yaml\nopenapi: 3.1.0\ninfo: {title: Acme, version: "1"}\nservers: [{url: "https://api.acme.example"}]\npaths: {${path}: {get: {responses: {"200": {description: OK}}}}}\n\`\`\`\n`;
    mkdirSync(join(folder, "api"), { recursive: true });
    writeFileSync(join(folder, "api", "calls.md"), spec("/calls"));
    writeFileSync(join(folder, "api", "numbers.md"), spec("/numbers"));
    // Root-relative links, as Mintlify's llms.txt writes them: the folder alone has nothing to resolve them.
    writeFileSync(
      join(folder, "llms.txt"),
      ["# Acme", "", "- [Calls](/api/calls.md)", "- [Numbers](api/numbers.md)", ""].join("\n"),
    );
    const refusedPlan = planIndex(indexOptions(root, folder, { provider: "acme" }));
    await expect(refusedPlan).rejects.toThrow(
      /give --index the index's URL, or with the folder it was saved in, --site <the URL it was saved from>/,
    );
    const plan = await applied(
      planIndex(indexOptions(root, folder, { provider: "acme", site: "https://docs.acme.example/llms.txt" })),
    );
    expect(plan.requests.requests).toBe(0);
    expect(plan.vendored.map((r) => [r.provenance.url, r.provenance.operations])).toEqual([
      ["https://docs.acme.example/api/calls.md", ["GET /calls"]],
      ["https://docs.acme.example/api/numbers.md", ["GET /numbers"]],
    ]);
  });

  it("resolves a saved HTML page's relative document URL against the page's URL the index gives", async () => {
    const root = temp([]);
    const folder = tempFolder();
    mkdirSync(join(folder, "api"), { recursive: true });
    writeFileSync(
      join(folder, "api", "calls.md"),
      '<!DOCTYPE html><html><body><redoc spec-url="/openapi.yaml"></redoc><script src="redoc.js"></script></body></html>\n',
    );
    writeFileSync(join(folder, "llms.txt"), "# Acme\n\n- [Calls](https://docs.acme.example/api/calls.md)\n");
    const plan = await planIndex(indexOptions(root, folder, { provider: "acme", keepGoing: true }));
    expect(plan.failures.map((f) => f.reason)).toEqual([
      expect.stringContaining(
        "it loads its OpenAPI document from https://docs.acme.example/openapi.yaml: vendor that instead (npm run vendor -- https://docs.acme.example/openapi.yaml)",
      ),
    ]);
  });

  it("vendors a folder of pages without an index, removing nothing", async () => {
    const root = temp();
    const folder = tempFolder();
    cpSync(join(SITE, "api-reference"), join(folder, "api-reference"), { recursive: true });
    cpSync(join(SITE, "changelog.md"), join(folder, "changelog.md"));
    const plan = await applied(planIndex(indexOptions(root, folder)));
    expect(plan.counts).toEqual({ seen: 4, vendored: 3, unchanged: 0, skipped: 1, failed: 0 });
    expect(plan.removed).toEqual([]);
    expect(plan.notes).toContain(
      `${folder} is a folder of pages without an index, so no vendored file is removed`,
    );
    expect(provenanceOf(root, "get-account")).not.toHaveProperty("url");
  });
});

describe("vendor --index: bad input is refused with a clear message and nothing written", () => {
  it("an index that is not an llms.txt", async () => {
    const root = temp();
    const server = await serve({
      "/llms.txt": { page: "<!doctype html><title>Docs</title>", contentType: "text/html" },
      "/openapi.txt": { page: "openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n" },
      "/notes.txt": { page: "Release notes\n\nNothing to see.\n" },
    });
    expect((await rejected(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))))).message).toBe(
      `${server.url("/llms.txt")}: is an HTML page (Content-Type: text/html), not an llms.txt index`,
    );
    expect(
      (await rejected(root, () => planIndex(indexOptions(root, server.url("/openapi.txt"))))).message,
    ).toBe(
      `${server.url("/openapi.txt")}: is an OpenAPI document, not a documentation index: vendor it with \`npm run vendor -- ${server.url("/openapi.txt")}\``,
    );
    expect(
      (await rejected(root, () => planIndex(indexOptions(root, server.url("/notes.txt"))))).message,
    ).toMatch(/notes\.txt:1: not an llms\.txt index: it starts with `Release notes`/);
    const page = join(tempFolder(), "delete-ip-acl.md");
    writeFileSync(page, seedPage());
    expect((await rejected(root, () => planIndex(indexOptions(root, page)))).message).toBe(
      `${page}: is a single documentation page, not an index: vendor it with \`npm run vendor -- <page>\`, or vendor its whole site with --index https://docs.vobiz.ai/llms.txt`,
    );
  });

  it("links outside the index's site, unless --allow-host names their host", async () => {
    const root = temp();
    const server = await serve();
    const other = await serve();
    const pages = sitePages();
    const offSite = other.url("/api-reference/balance/get-balance.md");
    pages.delete(OPERATIONS["get-balance"][0]);
    pages.set(
      "/llms.txt",
      pages.get("/llms.txt")!.replace(`${REAL_ORIGIN}${OPERATIONS["get-balance"][0]}`, offSite),
    );
    publish(server, pages);
    publish(
      other,
      new Map([[OPERATIONS["get-balance"][0], sitePage("api-reference/balance/get-balance.md")]]),
    );
    const error = await rejected(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    const host = new URL(other.origin).host;
    expect(error.message).toBe(
      `${server.url("/llms.txt")}:12: 1 link leads outside the index's site (${new URL(server.origin).host}), and pages are only fetched from there: pass --allow-host ${host} to follow it\n  ${server.url("/llms.txt")}:12: ${offSite}`,
    );
    expect(other.count()).toBe(0);
    const plan = await applied(
      planIndex(indexOptions(root, server.url("/llms.txt"), { allowHosts: [host] })),
    );
    expect(plan.counts).toMatchObject({ vendored: 3, failed: 0 });
    expect(provenanceOf(root, "get-balance").url).toBe(offSite);
  });

  it("a redirect loop, and a redirect off the site", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    server.routes.set(OPERATIONS["get-balance"][0], {
      script: [{ status: 302, headers: { location: "/b.md" } }],
    });
    server.routes.set("/b.md", {
      script: [{ status: 301, headers: { location: OPERATIONS["get-balance"][0] } }],
    });
    server.routes.set(OPERATIONS["list-calls"][0], {
      script: [{ status: 302, headers: { location: "https://mirror.example/calls.md" } }],
    });
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    const balance = server.url(OPERATIONS["get-balance"][0]);
    expect(plan.failures).toEqual([
      {
        page: balance,
        listedAt: `${server.url("/llms.txt")}:12`,
        reason: `redirect loop: ${balance} → ${server.url("/b.md")} → ${balance}`,
      },
      {
        page: server.url(OPERATIONS["list-calls"][0]),
        listedAt: `${server.url("/llms.txt")}:16`,
        reason: `redirects to https://mirror.example/calls.md, outside the index's site (${new URL(server.origin).host}); pass --allow-host mirror.example to follow it`,
      },
    ]);
  });

  it("an HTML error page served with status 200", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    server.routes.set(OPERATIONS["get-account"][0], {
      page: "<!DOCTYPE html><html><body><h1>Something went wrong</h1></body></html>",
      contentType: "text/html; charset=utf-8",
    });
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/api-reference\/account\/get-account\.md: is an HTML page \(Content-Type: text\/html\), not Markdown/,
      ),
    ]);
  });

  it("a page over 5 MB", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    pages.set(OPERATIONS["list-calls"][0], `# List calls\n\n${"x".repeat(5 * 1024 * 1024)}\n`);
    publish(server, pages);
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.failures).toEqual([
      expect.objectContaining({
        page: server.url(OPERATIONS["list-calls"][0]),
        reason: "is 5.0 MB, over the 5.0 MB limit for a page",
      }),
    ]);
  });

  it("two pages defining the same operation differently", async () => {
    const root = temp();
    const server = await serve();
    const pages = sitePages();
    const v2 = "/api-reference/balance/get-balance-v2.md";
    pages.set(
      v2,
      pages
        .get(OPERATIONS["get-balance"][0])!
        .replace(
          "                  is_postpaid:\n                    type: boolean\n",
          "                  is_postpaid:\n                    type: string\n",
        ),
    );
    pages.set("/llms.txt", `${pages.get("/llms.txt")!}- [Get balance (v2)](${REAL_ORIGIN}${v2})\n`);
    publish(server, pages);
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    const where = 'responses["200"].content["application/json"].schema.properties.is_postpaid.type';
    expect(plan.failures.map((f) => [f.page, f.reason])).toEqual([
      [
        server.url(OPERATIONS["get-balance"][0]),
        `defines GET /api/v1/Account/{auth_id}/balance/{currency} differently from ${server.url(v2)} (they differ at ${where}); vendor one of them by hand, or fix the documentation`,
      ],
      [
        server.url(v2),
        `defines GET /api/v1/Account/{auth_id}/balance/{currency} differently from ${server.url(OPERATIONS["get-balance"][0])} (they differ at ${where}); vendor one of them by hand, or fix the documentation`,
      ],
    ]);
  });

  it("two pages each refused: each with its own problem, not the other's too", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    // Files no page vendored stand where two pages' files would go.
    for (const name of ["get-account", "get-balance"])
      writeFileSync(join(root, `specs/vobiz/${name}.yaml`), "a: note\n");
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.failures.map((f) => [f.page, f.reason])).toEqual(
      ["get-account", "get-balance"].map((name) => [
        server.url(OPERATIONS[name as keyof typeof OPERATIONS][0]),
        expect.stringMatching(
          new RegExp(
            `^[^\\n]*specs/vobiz/${name}\\.yaml exists but is not a vendored OpenAPI document; move it away first$`,
          ),
        ),
      ]),
    );
  });

  it("an llms-full.txt whose page boundaries are ambiguous", async () => {
    const root = temp();
    const file = join(tempFolder(), "llms-full.txt");
    // The Authentication page's YAML example loses its closing fence: it runs over the Changelog page
    // until a fence in that page closes it.
    const lines = sitePage("llms-full.txt").split("\n");
    const closing = lines.findIndex(
      (line, i) => line === "```" && lines[i - 1]?.includes("VOBIZ_AUTH_TOKEN: ["),
    );
    expect(closing).toBeGreaterThan(0);
    const full = [...lines.slice(0, closing), ...lines.slice(closing + 1)].join("\n");
    writeFileSync(file, full);
    const lineOf = (text: string) => full.split("\n").indexOf(text) + 1;
    const error = await rejected(root, () => planIndex(indexOptions(root, file)));
    expect(error.message).toBe(
      `${file}:${lineOf("# Changelog")}: ambiguous page boundaries in this llms-full.txt, so nothing was vendored: this looks like the start of a page, but it is inside the code block opened at line ${lineOf("```yaml docker-compose.yml theme={null}")}, a \`yaml\` block: where does the page before it end?`,
    );
  });

  it("a spec block that does not parse, at its line in the llms-full.txt", async () => {
    const root = temp();
    const file = join(tempFolder(), "llms-full.txt");
    writeFileSync(
      file,
      sitePage("llms-full.txt").replace("operationId: get-balance", "operationId: [get-balance"),
    );
    const plan = await refused(root, () => planIndex(indexOptions(root, file)));
    const line =
      sitePage("llms-full.txt")
        .split("\n")
        .findIndex((l) => l.includes("operationId: get-balance")) + 1;
    expect(plan.failures.map((f) => f.reason)).toEqual([
      // The YAML parser places this error on the line after the broken one.
      expect.stringMatching(
        new RegExp(
          `^${file}:${line + 1}:\\d+: invalid YAML: .* \\(page https://docs\\.vobiz\\.ai/api-reference/balance/get-balance\\)$`,
        ),
      ),
    ]);
  });
});

describe("vendor --index: --keep-going", () => {
  it("vendors the pages that succeeded and reports the rest", async () => {
    const root = temp();
    const server = await serve();
    publish(server, sitePages());
    server.routes.set(OPERATIONS["get-account"][0], { script: [{ status: 503 }] });
    const plan = await planIndex(indexOptions(root, server.url("/llms.txt"), { keepGoing: true }));
    plan.transaction.commit();
    expect(plan.counts).toEqual({ seen: 8, vendored: 2, unchanged: 1, skipped: 4, failed: 1 });
    expect(indexReport(plan)).toContain(
      `failed ${server.url(OPERATIONS["get-account"][0])} (listed at ${server.url("/llms.txt")}:11): HTTP 503 Service Unavailable (2 attempts)`,
    );
    expect(read(root, "specs/vobiz/list-calls.yaml")).toContain("list-calls");
  });
});

describe("vendor --index: webhook pages", () => {
  it("vendors each webhook page under its webhook's name, beside the operation pages", async () => {
    const root = temp();
    const server = await serve();
    publish(server, siteWithWebhooks());
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));

    expect(plan.counts).toEqual({ seen: 11, vendored: 5, unchanged: 1, skipped: 5, failed: 0 });
    for (const [path, [event, title]] of Object.entries(WEBHOOKS)) {
      const name = `webhook-${event.replace(".", "-")}`;
      const spec = read(root, `specs/vobiz/${name}.yaml`);
      expect(spec).toBe(
        extractSpecBlock(webhookPage(event, title, { servers: event === "call.completed" }), path).text,
      );
      // A page without servers is the provider's that the site's other pages name.
      expect(provenanceOf(root, name)).toMatchObject({
        url: server.url(path),
        operations: [],
        sha256: sha256(spec),
      });
    }
    const report = indexReport(plan);
    expect(report).toContain(
      `vendored specs/vobiz/webhook-call-answered.yaml (1 webhook, sha256 ${sha256(read(root, "specs/vobiz/webhook-call-answered.yaml")).slice(0, 12)}) from ${server.url("/api-reference/webhooks/call-answered.md")}`,
    );
    expect(report).toContain(
      `skipped ${server.url("/api-reference/schemas/call.md")}: its OpenAPI block defines no operations or webhooks (a page about schemas)`,
    );

    // A re-sync: every webhook page answers 304 and stays.
    const again = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(again.counts).toMatchObject({ vendored: 0, unchanged: 6, failed: 0 });
    expect(again.removed).toEqual([]);
  });

  it("removes a webhook page's file when the index no longer lists it, naming its webhook", async () => {
    const root = temp();
    const server = await serve();
    const pages = siteWithWebhooks();
    publish(server, pages);
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    pages.set(
      "/llms.txt",
      pages
        .get("/llms.txt")!
        .split("\n")
        .filter((line) => !line.includes("call-answered"))
        .join("\n"),
    );
    publish(server, pages);
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(indexReport(plan)).toContain(
      `removed specs/vobiz/webhook-call-answered.yaml (webhook call.answered): ${server.url("/api-reference/webhooks/call-answered.md")} is no longer listed in the index`,
    );
    expect(existsSync(join(root, "specs/vobiz/webhook-call-answered.yaml"))).toBe(false);
    expect(existsSync(join(root, "specs/vobiz/webhook-call-completed.yaml"))).toBe(true);
  });

  it("settles two pages of one webhook: alike, the later is a duplicate; different, both fail", async () => {
    const root = temp();
    const server = await serve();
    const pages = siteWithWebhooks();
    const again = "/api-reference/events/call-completed.md";
    pages.set(
      again,
      webhookPage("call.completed", "Call completed", { servers: true }).replace("# Call", "# When a call"),
    );
    pages.set("/llms.txt", `${pages.get("/llms.txt")!}- [When a call completes](${REAL_ORIGIN}${again})\n`);
    publish(server, pages);
    const alike = await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(indexReport(alike)).toContain(
      `skipped ${server.url(again)}: ${server.url("/api-reference/webhooks/call-completed.md")} defines the same webhook alike`,
    );

    const fresh = temp();
    pages.set(
      again,
      webhookPage("call.completed", "Call completed", { servers: true, durationType: "string" }),
    );
    publish(server, pages);
    const plan = await refused(fresh, () => planIndex(indexOptions(fresh, server.url("/llms.txt"))));
    expect(plan.failures.map((f) => f.reason)).toEqual([
      `defines webhook call.completed differently from ${server.url(again)} (they differ at post.requestBody.content["application/json"].schema.properties.duration.type); vendor one of them by hand, or fix the documentation`,
      `defines webhook call.completed differently from ${server.url("/api-reference/webhooks/call-completed.md")} (they differ at post.requestBody.content["application/json"].schema.properties.duration.type); vendor one of them by hand, or fix the documentation`,
    ]);
  });

  it("downloads a webhook page an older version cached as a page without operations", async () => {
    const root = temp();
    const server = await serve();
    publish(server, siteWithWebhooks());
    const page = server.url("/api-reference/webhooks/call-answered.md");
    const cache = PageCache.file(root);
    mkdirSync(dirname(cache), { recursive: true });
    const entry = { etag: null, lastModified: LAST_MODIFIED, kind: "no-operations" };
    writeFileSync(cache, JSON.stringify({ [page]: entry }));
    await applied(planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(server.requests.find((r) => server.url(r.path) === page)).toMatchObject({
      status: 200,
      conditional: false,
    });
    expect(existsSync(join(root, "specs/vobiz/webhook-call-answered.yaml"))).toBe(true);
  });

  it("fetches the .md page of a webhook whose llms-full.txt entry gives only its name", async () => {
    const root = temp();
    const server = await serve();
    const path = "/api-reference/webhooks/call-answered.md";
    const entry = `# Call answered\nSource: ${REAL_ORIGIN}${path.replace(/\.md$/, "")}\n\nwebhook call.answered\nSent when a call is answered.\n`;
    publish(
      server,
      new Map([
        ["/llms-full.txt", `${sitePage("llms-full.txt")}\n${entry}`],
        [path, webhookPage("call.answered", "Call answered", { servers: true })],
      ]),
    );
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms-full.txt"))));
    expect(server.count(path, 200)).toBe(1);
    expect(plan.counts).toMatchObject({ failed: 0 });
    expect(provenanceOf(root, "webhook-call-answered").url).toBe(server.url(path));
  });

  it("refuses a webhook page without servers when the site's pages name no provider", async () => {
    const root = temp();
    const server = await serve();
    const path = "/api-reference/webhooks/call-answered.md";
    publish(
      server,
      new Map([
        ["/llms.txt", `# Vobiz\n\n- [Call answered](${REAL_ORIGIN}${path})\n`],
        [path, webhookPage("call.answered", "Call answered")],
      ]),
    );
    const plan = await refused(root, () => planIndex(indexOptions(root, server.url("/llms.txt"))));
    expect(plan.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(
        /^cannot tell the provider: .*, and no other page names one; pass --provider <name>$/,
      ),
    ]);
  });
});

describe("vendor --index after pages vendored by hand", () => {
  const spec = (path: string) =>
    [
      "openapi: 3.1.0",
      'info: {title: Acme, version: "1"}',
      'servers: [{url: "https://api.acme.example"}]',
      `paths: {${path}: {post: {responses: {"200": {description: OK}}}}}`,
    ].join("\n");
  // Fern's page: its own URL on a `Reference:` line, the document in a plain fence.
  const fern = (title: string, slug: string, path: string) =>
    `# ${title}\n\nPOST https://api.acme.example${path}\n\nReference: https://docs.acme.example/api/${slug}\n\n\`\`\`yaml\n${spec(path)}\n\`\`\`\n`;
  /** A site saved as a folder: each page at `api/<slug>.md`, and an llms.txt listing them all. */
  const site = (pages: Record<string, string>) => {
    const folder = tempFolder();
    mkdirSync(join(folder, "api"));
    for (const [slug, text] of Object.entries(pages)) writeFileSync(join(folder, "api", `${slug}.md`), text);
    list(folder, Object.keys(pages));
    return folder;
  };
  /** The site's llms.txt, listing only the pages of `slugs`. */
  const list = (folder: string, slugs: string[]) =>
    writeFileSync(
      join(folder, "llms.txt"),
      `# Acme\n\n## API\n\n${slugs.map((slug) => `- [${slug}](https://docs.acme.example/api/${slug}.md)\n`).join("")}`,
    );

  it("keeps a Mintlify page's file the index does not list: the document its fence names is no page of the site", async () => {
    const root = temp([]);
    const mintlify = (title: string, path: string) =>
      `# ${title}\n\n\`\`\`\`yaml https://docs.acme.example/openapi.yaml post ${path}\n${spec(path)}\n\`\`\`\`\n`;
    const folder = tempFolder();
    writeFileSync(join(folder, "create-call.md"), mintlify("Create call", "/calls"));
    writeFileSync(join(folder, "hangup.md"), mintlify("Hang up", "/calls/hangup"));
    // Vendored by hand, both: provenance records the fence's document as their source, and no page URL.
    planVendor([join(folder, "create-call.md"), join(folder, "hangup.md")], {
      root,
      provider: "acme",
      date: DATE,
    }).transaction.commit();
    const docs = site({ "create-call": mintlify("Create call", "/calls") });
    const plan = await applied(planIndex(indexOptions(root, docs, { provider: "acme" })));
    expect(plan.removed).toEqual([]);
    expect(plan.notes).toEqual([
      "kept specs/acme/post-calls-hangup.yaml (POST /calls/hangup): not vendored from docs.acme.example (its source is https://docs.acme.example/openapi.yaml); remove it if the API no longer has it",
    ]);
    expect(existsSync(join(root, "specs/acme/post-calls-hangup.yaml"))).toBe(true);
  });

  it("keeps a whole document vendored from its URL on the site: no index lists one, so it is never gone", async () => {
    // A provider that publishes its openapi.yaml and its llms.txt on one docs host, as many do.
    const root = temp([]);
    const document = [
      "openapi: 3.1.0",
      'info: {title: Acme, version: "1"}',
      'servers: [{url: "https://api.acme.example"}]',
      "paths:",
      '  /gadgets: {get: {operationId: listGadgets, responses: {"200": {description: OK}}}}',
      '  /gadgets/{id}: {delete: {operationId: deleteGadget, parameters: [{name: id, in: path, required: true, schema: {type: string}}], responses: {"204": {description: Gone}}}}',
    ].join("\n");
    const server = await serve({});
    publish(
      server,
      new Map([
        ["/openapi.yaml", document],
        ["/llms.txt", "# Acme\n\n- [Create call](/api/create-call.md)\n"],
        ["/api/create-call.md", `# Create call\n\n\`\`\`yaml\n${spec("/calls")}\n\`\`\`\n`],
      ]),
    );
    const inputs = await downloadInputs([server.url("/openapi.yaml")], { retries: 0, timeoutMs: 10_000 });
    planVendor(inputs, { root, provider: "acme", date: DATE }).transaction.commit();
    const plan = await applied(planIndex(indexOptions(root, server.url("/llms.txt"), { provider: "acme" })));
    expect(plan.removed).toEqual([]);
    expect(existsSync(join(root, "specs/acme/openapi.yaml"))).toBe(true);
    expect(plan.notes).toEqual([
      `kept specs/acme/openapi.yaml (DELETE /gadgets/{id}, GET /gadgets): not vendored from ${new URL(server.url("/")).host} (its source is ${server.url("/openapi.yaml")}); remove it if the API no longer has it`,
    ]);
  });

  it("keeps a page saved and vendored by hand that the index never listed, and says so", async () => {
    const root = temp([]);
    const folder = tempFolder();
    writeFileSync(join(folder, "pause.md"), fern("Pause campaign", "pause", "/campaigns/pause"));
    planVendor([join(folder, "pause.md")], { root, provider: "acme", date: DATE }).transaction.commit();
    const docs = site({ "create-call": fern("Create call", "create-call", "/calls") });
    const plan = await applied(planIndex(indexOptions(root, docs, { provider: "acme" })));
    expect(plan.removed).toEqual([]);
    expect(plan.notes).toEqual([
      "kept specs/acme/post-campaigns-pause.yaml (POST /campaigns/pause): vendored by hand from a saved page, https://docs.acme.example/api/pause, which the index does not list; remove it if the API no longer has it",
    ]);
    expect(existsSync(join(root, "specs/acme/post-campaigns-pause.yaml"))).toBe(true);
  });

  it("names the overlays of a file it removes: the provider no longer builds with them", async () => {
    const root = temp([]);
    const docs = site({
      "create-call": fern("Create call", "create-call", "/calls"),
      pause: fern("Pause campaign", "pause", "/campaigns/pause"),
    });
    await applied(planIndex(indexOptions(root, docs, { provider: "acme" })));
    mkdirSync(join(root, "specs/acme/overlays"));
    writeFileSync(
      join(root, "specs/acme/overlays/pause.yaml"),
      [
        "overlay: 1.0.0",
        "info: {title: Pausing answers 202, version: 1.0.0}",
        "extends: ../post-campaigns-pause.yaml",
        "actions:",
        "  - target: \"$.paths['/campaigns/pause'].post\"",
        "    description: The page documents 200; the API answers 202.",
        "    update: {summary: Pause}",
        "",
      ].join("\n"),
    );
    list(docs, ["create-call"]);
    const plan = await applied(planIndex(indexOptions(root, docs, { provider: "acme" })));
    expect(plan.removed.map((r) => r.specPath)).toEqual(["specs/acme/post-campaigns-pause.yaml"]);
    expect(plan.notes).toEqual([
      "specs/acme/overlays/pause.yaml extends specs/acme/post-campaigns-pause.yaml, removed: delete the overlay, or move the actions still needed to an overlay of the file that documents the operation now",
    ]);
  });
});
