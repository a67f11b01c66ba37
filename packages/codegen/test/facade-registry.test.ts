/** The facade's registry of providers (`packages/sdk/src/generated/providers.ts`), as `generate` writes it. */
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { FileTransaction } from "../src/file-transaction.js";
import { writeFacade } from "../src/generate/facade-registry.js";
import { RepoLayout } from "../src/repo-layout.js";
import { removedAfterEach, tempRepo } from "./helpers.js";

const temp = removedAfterEach(tempRepo);

describe("the facade's registry", () => {
  it("quotes a provider name with a hyphen where it is a key, so the facade still compiles", () => {
    const root = temp([]);
    const layout = new RepoLayout(root);
    const tx = new FileTransaction();
    for (const name of ["voice-ai", "vobiz"])
      tx.write(layout.manifest(name), JSON.stringify({ name: `@switchboard/${name}`, version: "0.1.0" }));
    writeFacade(tx, root, ["voice-ai", "vobiz"]);
    const registry = tx.read(join(root, "packages", "sdk", "src", "generated", "providers.ts"))!;
    const { diagnostics } = ts.transpileModule(registry, { reportDiagnostics: true });
    expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
    expect(registry).toContain('  "voice-ai": createVoiceAiClient,');
    expect(registry).toContain('  "voice-ai": VoiceAiClientOptions;');
    expect(registry).toContain("  vobiz: createVobizClient,");
  });
});
