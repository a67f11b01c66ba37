/**
 * An app's own declarations (`declaration: true`, a library wrapping a client) name our types by the packages
 * the app depends on. Under pnpm an app depends on `@switchboard/telnyx`, not on `@switchboard/core`, and a
 * declaration that needs a core type there fails with TS2742 ("cannot be named without a reference to
 * .pnpm/@switchboard+core…"). So whatever an app may export (a composed client, a whole client, a call's
 * result) must print as a provider package's own named type.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchApp, tsc } from "./tsc.js";

const scratch = scratchApp("declarations");

describe("an app's declarations", () => {
  it("name a composed client, its operations and results by the provider package, never by core", async () => {
    writeFileSync(
      join(scratch, "app.ts"),
      [
        'import { createTelnyxClient } from "@switchboard/telnyx";',
        'import { composeTelnyxClient } from "@switchboard/telnyx/compose";',
        'import { deleteIp } from "@switchboard/telnyx/ips";',
        'export const composed = composeTelnyxClient({ deleteIp }, { apiKey: "k" });',
        'export const whole = createTelnyxClient({ apiKey: "k" });',
        'export const call = () => composed.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });',
        'export const callWhole = () => whole.deleteIp({ id: "6a09cdc3-8948-47f0-aa62-74ac943d6c58" });',
        // A webhook verifier, made on its own or the client's.
        'import { createTelnyxWebhookVerifier } from "@switchboard/telnyx/webhooks";',
        'export const verifier = createTelnyxWebhookVerifier({ key: "k" });',
        "export const clientVerifier = whole.webhooks;",
        "",
      ].join("\n"),
    );
    const compilerOptions = {
      strict: true,
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      declaration: true,
      emitDeclarationOnly: true,
      outDir: "out",
      skipLibCheck: true,
      types: [],
    };
    writeFileSync(
      join(scratch, "tsconfig.json"),
      `${JSON.stringify({ compilerOptions, files: ["app.ts"] })}\n`,
    );
    expect(await tsc(scratch)).toBe("");
    const declarations = readFileSync(join(scratch, "out", "app.d.ts"), "utf8");
    expect(declarations).not.toContain("@switchboard/core");
    expect(declarations).toContain('import("@switchboard/telnyx/compose").TelnyxComposedClient<{');
    expect(declarations).toContain('import("@switchboard/telnyx/ips").DeleteIpEndpoint');
    expect(declarations).toContain('import("@switchboard/telnyx/ips").DeleteIpResult');
    expect(declarations).toContain('verifier: import("@switchboard/telnyx").TelnyxWebhookVerifier;');
    expect(declarations).toContain('clientVerifier: import("@switchboard/telnyx").TelnyxWebhookVerifier;');
  });
});
