/**
 * The complete Telnyx API (../shared/corpus/telnyx/spec3.yml, 1,156 operations) through the whole pipeline
 * in a temporary workspace: generated with the scale overlays, type-checked (strict, skipLibCheck off) as a
 * package and from a consumer, built, and contract-tested operation by operation against one Prism loaded
 * with the bundled spec. The classified report is committed as packages/scale/CONTRACT-REPORT.md.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type MockServer, startMock } from "@switchboard/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTypecheckProject } from "../src/consumers.js";
import { contractReport, runContract } from "../src/contract.js";
import {
  bin,
  build,
  corpusSpec,
  createWorkspace,
  generate,
  runNode,
  scaleDir,
  type Workspace,
} from "../src/workspace.js";

const REPORT = join(scaleDir, "CONTRACT-REPORT.md");
const corpus = corpusSpec();

let ws: Workspace;
let pkg: string;
let generatedSpec: any;
let telnyxModule: any;
const mocks: MockServer[] = [];

beforeAll(async () => {
  ws = createWorkspace({
    provider: "telnyx",
    specs: { "spec3.yml": corpus.path },
    overlays: join(scaleDir, "overlays"),
  });
  pkg = ws.packageDir("telnyx");
  await generate(ws, "telnyx");
  generatedSpec = JSON.parse(readFileSync(join(pkg, "src", "generated", "openapi.json"), "utf8"));
});

afterAll(async () => {
  await Promise.all(mocks.map((m) => m.stop()));
  ws?.remove();
});

const endpoints = () => readFileSync(join(pkg, "src", "generated", "endpoints.ts"), "utf8");

describe("generation of the complete Telnyx API", () => {
  it("has a method for every REST operation, with unique names that qualify duplicate operationIds", () => {
    const rows = endpoints().match(/^ {2}\w+: \["/gm) ?? [];
    expect(rows.length).toBe(1154);
    expect(endpoints()).toContain('listPhoneNumbers: ["GET", "/phone_numbers"');
    expect(endpoints()).toContain('listPhoneNumbersWhatsapp: ["GET", "/v2/whatsapp/phone_numbers"');
    expect(endpoints()).toMatch(/\/\/ - GET \/speech-to-text\/transcription: served only over wss:/);
    const schema = readFileSync(join(pkg, "src", "generated", "schema.ts"), "utf8");
    expect(schema.match(/^ {4}ListPhoneNumbers: \{/gm)).toHaveLength(1);
    expect(schema).toMatch(/^ {4}listPhoneNumbersWhatsapp: \{/m);
  });

  it("keeps optional fields with defaults optional in POST /calls", () => {
    const module = readFileSync(join(pkg, "src", "generated", "modules", "call-commands.ts"), "utf8");
    const callRequest = module.slice(module.indexOf("        CallRequest: {"));
    const body = callRequest.slice(0, callRequest.indexOf("\n        };"));
    const required = [...body.matchAll(/^ {12}(\w+): /gm)].map((m) => m[1]);
    expect(required.sort()).toEqual(["connection_id", "from", "to"]);
    expect(body).toMatch(/^ {12}answering_machine_detection\?: /m);
  });

  it("records paging, query styles and non-JSON bodies in the operation table", () => {
    expect(endpoints()).toMatch(
      /listPhoneNumbers: \["GET", "\/phone_numbers", \{.*"page":\["number",\["page","number"\],\["data"\],\["meta","total_pages"\]\].*"all":paginate\}/,
    );
    // Form encoders and the pager are named by the rows that need them, so apps bundle them only then.
    expect(endpoints()).toMatch(/"body":"multipart\/form-data".*"encode":multipartBody[,}]/);
    expect(endpoints()).toMatch(/"body":"application\/x-www-form-urlencoded".*"encode":formBody[,}]/);
    const coreImport = endpoints().match(/^import \{(.*)\} from "@switchboard\/core";$/m)?.[1];
    for (const name of ["formBody", "multipartBody", "paginate"]) expect(coreImport).toContain(` ${name},`);
    expect(endpoints()).toMatch(/"response":"blob"/);
    expect(endpoints()).toMatch(/"auth":false/);
    expect(endpoints()).toMatch(/"server":"https:\/\/api\.telnyx\.com"/);
  });

  it("type-checks as a package: strict, noUncheckedIndexedAccess, skipLibCheck off", async () => {
    const result = await runNode([bin.tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: pkg });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("the built package", () => {
  beforeAll(async () => {
    await build(ws, "telnyx");
    telnyxModule = await import(pathToFileURL(join(pkg, "dist", "index.js")).href);
  });

  it("exports a module per tag, each importable on its own", async () => {
    expect(existsSync(join(pkg, "dist", "generated", "modules", "call-commands.d.ts"))).toBe(true);
    const ips = await import(pathToFileURL(join(pkg, "dist", "generated", "modules", "ips.js")).href);
    expect(ips.deleteIp).toEqual(["DELETE", "/ips/{id}"]);
    expect(Object.keys(ips.endpoints).sort()).toEqual(
      Object.keys(ips)
        .filter((k) => k !== "endpoints")
        .sort(),
    );
  });

  it("type-checks a consumer of three subpath modules with skipLibCheck off", async () => {
    const dir = writeTypecheckProject(join(ws.root, "consumer"), "composed", false);
    const result = await runNode([bin.tsc, "-p", "tsconfig.json"], { cwd: dir });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("sends Telnyx's nested filters, pages and bodies as the API reads them", async () => {
    const seen: Request[] = [];
    const telnyx = telnyxModule.createTelnyxClient({
      apiKey: "KEY",
      fetch: async (request: Request) => {
        seen.push(request);
        return Response.json({ data: [], meta: { total_pages: 1 } });
      },
    });
    await telnyx.listPhoneNumbers({
      page: { number: 2, size: 50 },
      filter: { number_type: { eq: "local" }, tag: "a" },
    });
    const url = new URL(seen[0]!.url);
    expect(decodeURIComponent(url.search)).toBe(
      "?page[number]=2&page[size]=50&filter[number_type][eq]=local&filter[tag]=a",
    );
    expect(url.origin + url.pathname).toBe("https://api.telnyx.com/v2/phone_numbers");
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer KEY");
  });

  it("sends `security: []` operations without credentials and per-operation servers to their own base URL", async () => {
    const seen: Request[] = [];
    const telnyx = telnyxModule.createTelnyxClient({
      apiKey: "KEY",
      fetch: async (request: Request) => {
        seen.push(request);
        return Response.json({});
      },
    });
    const [name] = Object.entries(telnyx.operations as Record<string, [string, string]>).find(
      ([, [method, path]]) => method === "GET" && path === "/.well-known/oauth-authorization-server",
    )!;
    await telnyx[name]();
    expect(seen[0]!.url).toBe("https://api.telnyx.com/.well-known/oauth-authorization-server");
    expect(seen[0]!.headers.get("authorization")).toBeNull();
  });
});

describe("contract tests against one Prism with the full spec", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ spec: join(pkg, "src", "generated", "openapi.json"), readyTimeoutMs: 180_000 });
    mocks.push(mock);
  });

  it("passes every case but the classified ones, ≥ 95% of operations, and the committed report is current", async () => {
    const client = telnyxModule.createTelnyxClient({ apiKey: "test", baseUrl: mock.url });
    const run = await runContract(generatedSpec, client);
    const report = contractReport(run, {
      specFile: "../shared/corpus/telnyx/spec3.yml",
      sha256: corpus.sha256,
      version: String(generatedSpec.info.version),
      overlaysDir: join(scaleDir, "overlays"),
    });
    if (process.env.UPDATE_CONTRACT_REPORT) writeFileSync(REPORT, report);

    const failures = run.results
      .filter((r) => r.problems.length > 0)
      .map((r) => `${r.case.title}: ${r.problems.join("; ")}`);
    expect(failures).toEqual([]);
    const operations = new Set(run.results.map((r) => `${r.case.method} ${r.case.path}`));
    const failing = new Set(
      run.results.filter((r) => r.skipped).map((r) => `${r.case.method} ${r.case.path}`),
    );
    expect((operations.size - failing.size) / operations.size).toBeGreaterThanOrEqual(0.95);
    expect(
      readFileSync(REPORT, "utf8"),
      "CONTRACT-REPORT.md is stale: rerun with UPDATE_CONTRACT_REPORT=1",
    ).toBe(report);
  });

  it("iterates listPhoneNumbers page by page with .all(), lazily, against the mock", async () => {
    const requests: string[] = [];
    const telnyx = telnyxModule.createTelnyxClient({
      apiKey: "test",
      baseUrl: mock.url,
      middleware: [{ onRequest: ({ request }: { request: Request }) => void requests.push(request.url) }],
    });
    const first = await telnyx.listPhoneNumbers({ page: { size: 1 } });
    const totalPages: number = first.data.meta.total_pages;
    expect(totalPages).toBeGreaterThanOrEqual(1);
    requests.length = 0;
    const items: unknown[] = [];
    for await (const number of telnyx.listPhoneNumbers.all({ page: { size: 1 } })) items.push(number);
    expect(requests).toHaveLength(totalPages);
    expect(requests.map((u) => new URL(u).searchParams.get("page[number]"))).toEqual(
      Array.from({ length: totalPages }, (_, i) => String(i + 1)),
    );
    expect(items.length).toBe(first.data.data.length * totalPages);
  });
});
