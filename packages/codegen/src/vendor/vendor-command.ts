/**
 * `switchboard-codegen vendor <page|spec>... [--provider <name>]`: copies the OpenAPI document a provider
 * publishes into `specs/<provider>/<name>.yaml`, byte for byte, with a provenance file beside it. The
 * command line only: reading inputs is read-input.ts, placing them plan-vendor.ts.
 */
import { InputError } from "../errors.js";
import { type CheckResult, checkProvider, printCheckResult } from "../generate/check-command.js";
import { packageSnapshot } from "../release/api-snapshot.js";
import { repoRoot, SCOPE } from "../repo-layout.js";
import { downloadInputs } from "./download-inputs.js";
import {
  INDEX_HELP,
  indexArgsOf,
  indexUsage,
  isIndexFlag,
  noIndexFlags,
  readIndexFlag,
  runIndexCli,
} from "./index/index-command.js";
import type { IndexArgs } from "./index/plan-index.js";
import {
  addedMethods,
  methodLines,
  methodsTogether,
  type NewMethod,
  pageTitles,
  renamedMethods,
  renameLines,
} from "./method-names.js";
import { planVendor, type VendorResult } from "./plan-vendor.js";
import { assertProviderName } from "./provider-name.js";

const usage =
  "usage: switchboard-codegen vendor <page.md|page.txt|spec.yaml|spec.json|https://…>... [--provider <name>] [--source <url>]\n" +
  indexUsage("vendor");

/** `SWITCHBOARD_VENDOR_DATE` (so runs are reproducible), else today in UTC. */
export function vendorDate(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const fromEnv = env.SWITCHBOARD_VENDOR_DATE;
  if (fromEnv === undefined || fromEnv === "") return now.toISOString().slice(0, 10);
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(fromEnv) && new Date(`${fromEnv}T00:00:00Z`).toISOString().startsWith(fromEnv);
  if (!valid)
    throw new InputError("$SWITCHBOARD_VENDOR_DATE", `"${fromEnv}" is not a date of the form YYYY-MM-DD`);
  return fromEnv;
}

export interface VendorArgs {
  files: string[];
  provider: string | undefined;
  /**
   * Where the one input was published (its provenance `source`): a bare spec file carries no URL of its
   * own, unlike a documentation page's fence or `Reference:` line.
   */
  source?: string;
  help: boolean;
  /** `--index` and its options: a whole documentation site instead of files. */
  index?: IndexArgs | undefined;
}

export function parseVendorArgs(args: readonly string[], usageText: string = usage): VendorArgs {
  const files: string[] = [];
  let provider: string | undefined;
  let source: string | undefined;
  let help = false;
  let onlyFiles = false;
  const indexFlags = noIndexFlags();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (onlyFiles || !arg.startsWith("-") || arg === "-") {
      files.push(arg);
    } else if (arg === "--") {
      onlyFiles = true;
    } else if (arg === "--help" || arg === "-h") {
      help = true;
    } else if (arg === "--provider" || arg.startsWith("--provider=")) {
      if (provider !== undefined) throw new InputError("--provider", "given more than once");
      const value = arg === "--provider" ? args[++i] : arg.slice("--provider=".length);
      if (value === undefined || value === "")
        throw new InputError("--provider", `needs a provider name; ${usageText}`);
      assertProviderName(value);
      provider = value;
    } else if (arg === "--source" || arg.startsWith("--source=")) {
      if (source !== undefined) throw new InputError("--source", "given more than once");
      const value = arg === "--source" ? args[++i] : arg.slice("--source=".length);
      if (value === undefined || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
        throw new InputError("--source", `needs the http(s) URL the document was published at; ${usageText}`);
      source = value;
    } else if (isIndexFlag(arg)) {
      i = readIndexFlag(args, i, indexFlags, usageText);
    } else {
      throw new InputError(arg, `unknown flag; ${usageText}`);
    }
  }
  const index = indexArgsOf(indexFlags, files);
  if (!help && files.length === 0 && !index) throw new InputError("vendor", `no input files; ${usageText}`);
  if (source !== undefined && (index || files.length > 1))
    throw new InputError(
      "--source",
      `names where one document was published; got ${index ? "an index" : `${files.length} inputs`}`,
    );
  return { files, provider, ...(source === undefined ? {} : { source }), help, index };
}

/**
 * Vendors the inputs, then runs every check `generate` would on the providers it touched (after their
 * overlays), so a broken document is reported when it arrives.
 */
export async function runVendorCli(args: string[]): Promise<string[]> {
  const { files, provider, source, help, index } = parseVendorArgs(args);
  if (help) {
    console.log(usage + INDEX_HELP);
    return [];
  }
  const root = repoRoot();
  if (index) {
    let checks: CheckResult[] = [];
    await runIndexCli({
      root,
      provider,
      date: vendorDate(),
      args: index,
      finish: async (plan) => {
        plan.transaction.commit();
        const checked = await checkVendored(root, plan.providers, plan.vendored);
        checks = checked.checks;
        return [...methodLines(checked.methods), ...checked.renamed];
      },
    });
    for (const check of checks) printCheckResult(check);
    return checks.map((c) => c.provider);
  }
  const options = { root, provider, source, date: vendorDate() };
  const inputs = await downloadInputs(files, { alsoCheck: (others) => planVendor(others, options) });
  const plan = planVendor(inputs, options);
  plan.transaction.commit();
  for (const line of plan.report) console.log(line);
  const providers = plan.results.filter((r) => r.status === "vendored").map((r) => r.provider);
  const { methods, renamed, checks } = await checkVendored(root, providers, plan.results);
  for (const line of [...methodLines(methods), ...renamed]) console.log(line);
  for (const check of checks) printCheckResult(check);
  return checks.map((c) => c.provider);
}

/**
 * Checks each provider the run vendored into, and names its new methods as the bundle does. The document
 * alone suggests a name (method-names.ts `newMethods`); the bundle has the last word: two files' `listThings`
 * are told apart by their paths, a `then` is named from its method and path, and an overlay may rename.
 * A provider with problems has no bundle: its documents' names are told apart as the bundle would tell them
 * (`methodsTogether`), and its problems are what the run reports about it.
 * `renamed` names the methods of a generated package that the run renamed without vendoring their operations.
 */
async function checkVendored(
  root: string,
  providers: readonly string[],
  results: readonly VendorResult[],
): Promise<{ methods: NewMethod[]; renamed: string[]; checks: CheckResult[] }> {
  const checks: CheckResult[] = [];
  const renamed: string[] = [];
  for (const provider of [...new Set(providers)].sort()) {
    const check = await checkProvider(root, provider);
    checks.push(check);
    if (check.methods)
      renamed.push(
        ...renameLines(
          renamedMethods(packageSnapshot(root, provider)?.operations, check.methods),
          `${SCOPE}/${provider}`,
        ),
      );
  }
  const titles = pageTitles(results);
  // A provider with problems has no bundle to name its methods: its documents' are named apart together.
  const unchecked = new Map<string, NewMethod[]>();
  for (const result of results) {
    const check = checks.find((c) => c.provider === result.provider);
    if (check?.methods && check.document) continue;
    unchecked.set(result.provider, [...(unchecked.get(result.provider) ?? []), ...result.methods]);
  }
  const together = new Map([...unchecked].map(([provider, methods]) => [provider, methodsTogether(methods)]));
  const methods = results.flatMap((result) => {
    const check = checks.find((c) => c.provider === result.provider);
    if (!check?.methods || !check.document) {
      // Once per provider, in the order its documents came.
      const named = together.get(result.provider) ?? [];
      together.delete(result.provider);
      return named;
    }
    if (!result.methods.length) return result.methods;
    // In the document's order, as announced before the bundle named them.
    const order = result.methods.map((m) => m.operation);
    const bundled = Object.entries(check.methods)
      .filter(([, op]) => order.includes(op))
      .sort(([, a], [, b]) => order.indexOf(a) - order.indexOf(b));
    return addedMethods(undefined, Object.fromEntries(bundled), check.document, titles);
  });
  return { methods, renamed, checks };
}
