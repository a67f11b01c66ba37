/**
 * `switchboard-codegen vendor <page|spec>... [--provider <name>]`: copies the OpenAPI document a provider
 * publishes into `specs/<provider>/<name>.yaml`, byte for byte, with a provenance file beside it. The
 * command line only: reading inputs is read-input.ts, placing them plan-vendor.ts.
 */
import { InputError } from "../errors.js";
import { repoRoot } from "../repo-layout.js";
import { planVendor } from "./plan-vendor.js";
import { assertProviderName } from "./provider-name.js";

const usage =
  "usage: switchboard-codegen vendor <page.md|page.txt|spec.yaml|spec.json>... [--provider <name>]";

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
  help: boolean;
}

export function parseVendorArgs(args: readonly string[]): VendorArgs {
  const files: string[] = [];
  let provider: string | undefined;
  let help = false;
  let onlyFiles = false;
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
        throw new InputError("--provider", `needs a provider name; ${usage}`);
      assertProviderName(value);
      provider = value;
    } else {
      throw new InputError(arg, `unknown flag; ${usage}`);
    }
  }
  if (!help && files.length === 0) throw new InputError("vendor", `no input files; ${usage}`);
  return { files, provider, help };
}

/** Vendors the inputs; returns the providers whose specs changed (for the CLI to check them). */
export async function runVendorCli(args: string[]): Promise<string[]> {
  const { files, provider, help } = parseVendorArgs(args);
  if (help) {
    console.log(usage);
    return [];
  }
  const plan = planVendor(files, { root: repoRoot(), provider, date: vendorDate() });
  plan.transaction.commit();
  for (const line of plan.report) console.log(line);
  return [...new Set(plan.results.filter((r) => r.status === "vendored").map((r) => r.provider))].sort();
}
