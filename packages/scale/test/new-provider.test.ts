/**
 * A provider the project has never seen, in one command: for five differently shaped specs written for
 * this test (packages/scale/fixtures/: Twilio-like basic auth with the account in the path and form bodies,
 * an API key in the query, three regional servers, a JWT bearer with Link-header paging, basic auth by an
 * API user with an account number in every path that nothing may fill), a temporary copy of the repository
 * runs `npm run vendor -- <spec> --provider <name>` and then `npm run generate`; the one edit by hand is
 * confirming the callbox fill the vendor step suggests, in the settings file, as the README says. The
 * new packages must be scaffolded from the template, linked into the workspace and the lockfile, registered
 * in the facade, type-check, build, and pass the facade's spec-derived contract tests against Prism.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createScratchRepo, repositoryRoot, type ScratchRepo } from "@switchboard/codegen/scratch-repo";
import { deriveContractCases } from "@switchboard/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, runNode, scaleDir } from "../src/workspace.js";

const FIXTURES = {
  callbox: "callbox.yaml",
  lookupline: "lookupline.yaml",
  voxregion: "voxregion.yaml",
  relaydesk: "relaydesk.yaml",
  seatline: "seatline.yaml",
} as const;
type Name = keyof typeof FIXTURES;
const NAMES = Object.keys(FIXTURES) as Name[];

let root: string;

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
const SUBACCOUNT_SID = `AC${"fedcba9876543210".repeat(2)}`;
const CALL_SID = `CA${"5ef8732a3c497009".repeat(2)}`;
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:auth-token`).toString("base64")}`;

/**
 * A consumer of the generated callbox package that never writes its own account SID. It must type-check:
 * `listCall({ ... })` without `AccountSid` is an error unless the parameter is filled, and the two type
 * assertions fail to compile if `AccountSid` is required or `Sid` is not. Its fetch records each request.
 */
const CALLBOX_CONSUMER = `import { createCallboxClient } from "@switchboard/callbox";

const requests: Array<[string, string, string | null]> = [];
const callbox = createCallboxClient({
  accountSid: "${ACCOUNT_SID}",
  authToken: "auth-token",
  fetch: async (request: Request) => {
    requests.push([request.method, request.url, request.headers.get("authorization")]);
    return Response.json({ sid: "${CALL_SID}" });
  },
});

type FetchCallInput = NonNullable<Parameters<typeof callbox.fetchCall>[0]>;
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;
const accountSidIsOptional: IsOptional<FetchCallInput, "AccountSid"> = true;
const sidIsRequired: IsOptional<FetchCallInput, "Sid"> = false;
void [accountSidIsOptional, sidIsRequired];

for (const result of [
  await callbox.listCall({ PageSize: 20 }),
  await callbox.fetchCall({ Sid: "${CALL_SID}" }),
  await callbox.fetchCall({ Sid: "${CALL_SID}", AccountSid: "${SUBACCOUNT_SID}" }),
]) {
  if (result.error) throw result.error;
}
console.log(JSON.stringify(requests));
`;

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        TURBO_TELEMETRY_DISABLED: "1",
        DO_NOT_TRACK: "1",
        NO_UPDATE_NOTIFIER: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 540_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

async function ok(command: string, args: string[], cwd = root): Promise<string> {
  const { code, output } = await run(command, args, cwd);
  if (code !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${output.slice(-6000)}`);
  return output;
}

let scratch: ScratchRepo | undefined;

beforeAll(() => {
  // Everything git would commit, as the working tree has it; each workspace package links to its copy here,
  // so the scaffold's `npm install` links the new ones beside them.
  scratch = createScratchRepo({
    prefix: "switchboard-new-provider-",
    gitFiles: true,
    // Built before this test (turbo builds scale's dependencies first), so the copy need not build them.
    copy: readdirSync(join(repositoryRoot, "packages"))
      .map((name) => join("packages", name, "dist"))
      .filter((dist) => existsSync(join(repositoryRoot, dist))),
    nodeModules: { localPackages: "copied" },
  });
  root = scratch.root;
});

afterAll(() => {
  scratch?.remove();
});

describe("a new provider in one command", () => {
  it("vendors each spec, then `npm run generate` scaffolds, links and registers the packages", async () => {
    const printed: Partial<Record<Name, string>> = {};
    for (const name of NAMES) {
      printed[name] = await ok("npm", [
        "run",
        "vendor",
        "--",
        join(scaleDir, "fixtures", FIXTURES[name]),
        "--provider",
        name,
      ]);
      expect(existsSync(join(root, "specs", name))).toBe(true);
    }
    // Account-like path parameters are only suggested, with the line to add; nothing is filled until it is.
    for (const [name, parameter, credential] of [
      ["callbox", "AccountSid", "accountSid"],
      ["seatline", "accountId", "username"],
    ] as const) {
      expect(printed[name]).toContain(`suggestion: \`${parameter}\``);
      expect(printed[name]).toContain(`      ${parameter}: ${credential}`);
    }
    // Callbox's account SID is its basic-auth username (Twilio's model, which its scheme's description
    // says, so the credential is called `accountSid`): a person confirms the suggestion.
    const settings = join(root, "specs", "callbox", "switchboard.yaml");
    const text = readFileSync(settings, "utf8");
    expect(text).toContain("  # AccountSid: accountSid\n");
    writeFileSync(settings, text.replace("  # AccountSid: accountSid\n", "  AccountSid: accountSid\n"));
    await ok("npm", ["run", "generate"]);

    const registry = readFileSync(join(root, "packages", "sdk", "src", "generated", "providers.ts"), "utf8");
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
    for (const name of NAMES) {
      const dir = join(root, "packages", name);
      for (const file of [
        "package.json",
        "README.md",
        "src/index.ts",
        "src/generated/client.ts",
        "src/generated/compose.ts",
      ])
        expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true);
      expect(realpathSync(join(root, "node_modules", "@switchboard", name))).toBe(realpathSync(dir));
      expect(lock.packages[`packages/${name}`]?.name).toBe(`@switchboard/${name}`);
      expect(lock.packages[`node_modules/@switchboard/${name}`]).toMatchObject({ link: true });
      expect(registry).toContain(`  ${name}: create${name[0]!.toUpperCase()}${name.slice(1)}Client,`);
    }
  });

  it("derives auth, credentials, servers and regions from each spec", async () => {
    const provider = (name: Name) =>
      readFileSync(join(root, "packages", name, "src", "generated", "provider.ts"), "utf8");
    // `export const provider = {…} as const satisfies ProviderDefinition;` (the spec record follows it).
    const definition = (name: Name) => {
      const text = provider(name);
      const start = text.indexOf("export const provider = {") + "export const provider = ".length;
      return JSON.parse(
        text.slice(start, text.indexOf("} as const satisfies ProviderDefinition", start) + 1),
      );
    };
    expect(definition("callbox")).toMatchObject({
      // Named as the scheme's description names the two halves of basic auth.
      auth: [{ type: "basic", username: "accountSid", password: "authToken" }],
      credentials: {
        accountSid: { env: "CALLBOX_ACCOUNT_SID" },
        authToken: { env: "CALLBOX_AUTH_TOKEN" },
      },
      servers: { default: "https://api.callbox.test/2010-04-01" },
      // The account SID in every path is the basic-auth username: the client fills it, as declared.
      pathCredentials: { AccountSid: "accountSid" },
    });
    expect(definition("lookupline").pathCredentials).toEqual({});
    expect(definition("voxregion").pathCredentials).toEqual({});
    // Seatline's numeric accountId is not the API user's name: suggested at vendoring, never filled.
    expect(definition("seatline")).toMatchObject({
      auth: [{ type: "basic", username: "username", password: "password" }],
      pathCredentials: {},
    });
    // A JWT bearer is a `token`, not an `apiKey`.
    expect(definition("relaydesk")).toMatchObject({
      auth: [{ type: "bearer", credential: "token" }],
      credentials: { token: { env: "RELAYDESK_TOKEN" } },
    });
    const relaydesk = readFileSync(
      join(root, "packages", "relaydesk", "src", "generated", "endpoints.ts"),
      "utf8",
    );
    expect(relaydesk).toMatch(/listRecordings: \["GET", "\/recordings", \{[^\n]*"link"/);
    expect(definition("lookupline")).toMatchObject({
      auth: [{ type: "apiKey", in: "query", name: "access_key", credential: "apiKey" }],
      credentials: { apiKey: { env: "LOOKUPLINE_API_KEY" } },
    });
    expect(definition("voxregion")).toMatchObject({
      auth: [{ type: "bearer", credential: "apiKey" }],
      servers: {
        us: "https://api.us.voxregion.test/v1",
        eu: "https://api.eu.voxregion.test/v1",
        // "Asia Pacific" beside hosts that say `ap`: the region code users type, as they type `us` and `eu`.
        ap: "https://api.ap.voxregion.test/v1",
      },
      defaultServer: "us",
    });
    const endpoints = readFileSync(
      join(root, "packages", "callbox", "src", "generated", "endpoints.ts"),
      "utf8",
    );
    expect(endpoints).toContain(
      'createCall: ["POST", "/Accounts/{AccountSid}/Calls.json", {"body":"application/x-www-form-urlencoded","encode":formBody}]',
    );
    expect(endpoints).toContain('"response":"blob"');
  });

  it("builds, and the facade's contract tests pass for every operation of every new provider", async () => {
    // The existing packages come built (their dist/ copied in); only the new ones and what they need build.
    await ok("npx", [
      "turbo",
      "run",
      "build",
      ...NAMES.map((name) => `--filter=@switchboard/${name}`),
      "--output-logs=errors-only",
    ]);
    const report = join(root, "sdk-tests.json");
    const { code, output } = await run(
      "npx",
      ["vitest", "run", "test/contract.test.ts", "--reporter=json", `--outputFile=${report}`],
      join(root, "packages", "sdk"),
      // The facade's suite for these providers only: the others are tested by the repository's own run.
      { SWITCHBOARD_TEST_PROVIDERS: NAMES.join(",") },
    );
    const results = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    const tests = results.testResults.flatMap((file) => file.assertionResults);
    const failed = tests.filter((t) => t.status === "failed").map((t) => t.fullName);
    expect(failed, output.slice(-3000)).toEqual([]);
    expect(code).toBe(0);
    for (const name of NAMES) {
      const passed = tests.filter((t) => t.fullName.startsWith(`${name} `) && t.status === "passed");
      for (const test of ["has a case for every operation", "passes every case", "gets 401 from the mock"])
        expect(
          passed.some((t) => t.fullName.includes(test)),
          `${name}: ${test}`,
        ).toBe(true);
      const spec = JSON.parse(
        readFileSync(join(root, "packages", name, "src", "generated", "openapi.json"), "utf8"),
      );
      expect(deriveContractCases(spec).cases.length, name).toBeGreaterThanOrEqual(7);
    }
  });

  it("fills callbox's AccountSid from the accountSid credential (the basic-auth username), so callers leave it out (types and requests)", async () => {
    const dir = join(root, "consumers", "callbox");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      `${JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          skipLibCheck: false,
          types: [],
          outDir: "out",
        },
        files: ["app.ts"],
      })}\n`,
    );
    writeFileSync(join(dir, "app.ts"), CALLBOX_CONSUMER);
    const tsc = await runNode([bin.tsc, "-p", "tsconfig.json"], { cwd: dir });
    // Soft, and tsc emits despite type errors: the requests below are checked whatever the types say.
    expect.soft(tsc.stdout + tsc.stderr).toBe("");
    const app = await runNode([join(dir, "out", "app.js")], { cwd: dir });
    expect(app.stderr).toBe("");
    expect(JSON.parse(app.stdout)).toEqual([
      ["GET", `https://api.callbox.test/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json?PageSize=20`, BASIC],
      ["GET", `https://api.callbox.test/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${CALL_SID}.json`, BASIC],
      // A caller's own value still wins: a subaccount's calls, with the parent account's credentials.
      ["GET", `https://api.callbox.test/2010-04-01/Accounts/${SUBACCOUNT_SID}/Calls/${CALL_SID}.json`, BASIC],
    ]);
  });

  it("type-checks each new package once built (strict, skipLibCheck off)", async () => {
    for (const name of NAMES) {
      const result = await runNode([bin.tsc, "--noEmit", "-p", "tsconfig.json"], {
        cwd: join(root, "packages", name),
      });
      expect(result.stdout + result.stderr, name).toBe("");
    }
  });
});
