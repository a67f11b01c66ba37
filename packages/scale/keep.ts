import { join } from "node:path";
import { build, corpusSpec, createWorkspace, generate } from "./src/workspace.js";

const ws = createWorkspace({
  provider: "telnyx",
  specs: { "spec3.yml": corpusSpec().path },
  overlays: join(import.meta.dirname, "overlays"),
  prefix: "sb5-keep-",
});
await generate(ws, "telnyx");
await build(ws, "telnyx");
console.log(ws.root);
