/**
 * `switchboard-codegen vendor <page|spec>... [--provider <name>]`: copies the OpenAPI document a provider
 * publishes into `specs/<provider>/<name>.yaml`, byte for byte, with a provenance file beside it. The
 * command line only: reading inputs is read-input.ts, placing them plan-vendor.ts.
 */
import { InputError } from "../errors.js";
import { repoRoot } from "../repo-layout.js";
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
import { methodLines } from "./method-names.js";
import { planVendor } from "./plan-vendor.js";
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

/** Vendors the inputs; returns the providers whose specs changed (for the CLI to check them). */
export async function runVendorCli(args: string[]): Promise<string[]> {
  const { files, provider, source, help, index } = parseVendorArgs(args);
  if (help) {
    console.log(usage + INDEX_HELP);
    return [];
  }
  if (index) {
    let changed: string[] = [];
    await runIndexCli({
      root: repoRoot(),
      provider,
      date: vendorDate(),
      args: index,
      finish: async (plan) => {
        plan.transaction.commit();
        changed = plan.providers;
        return methodLines(plan.vendored.flatMap((result) => result.methods));
      },
    });
    return changed;
  }
  const inputs = await downloadInputs(files);
  const plan = planVendor(inputs, { root: repoRoot(), provider, source, date: vendorDate() });
  plan.transaction.commit();
  for (const line of plan.report) console.log(line);
  for (const line of methodLines(plan.results.flatMap((result) => result.methods))) console.log(line);
  return [...new Set(plan.results.filter((r) => r.status === "vendored").map((r) => r.provider))].sort();
}
