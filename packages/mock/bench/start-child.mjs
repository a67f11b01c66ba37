// One engine, started the way a test file would start it, in a fresh process: prints the milliseconds
// from process start until the first call of `deleteIp` was answered, and the CPU time spent.
// argv: engine (kit | kit-server | msw | prism), provider module file, spec file, @switchboard/mock entry.
const [engine, providerFile, specFile, mockEntry] = process.argv.slice(2);
const ID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
const telnyx = await import(providerFile);
let client;
let stop = async () => {};
/** CPU milliseconds of a process the engine runs apart (Prism), read from /proc (Linux; 100 ticks a second). */
let childCpuMs = () => 0;
if (engine === "kit" || engine === "kit-server") {
  const { createMock } = await import(mockEntry);
  const mock = createMock(telnyx, { spec: specFile });
  if (engine === "kit") client = telnyx.createTelnyxClient({ apiKey: "k", fetch: mock.fetch });
  else client = telnyx.createTelnyxClient({ apiKey: "k", baseUrl: await mock.listen() });
  stop = () => mock.close();
} else if (engine === "msw") {
  const { readFileSync } = await import("node:fs");
  const { fromOpenApi } = await import("@mswjs/source/open-api");
  const { setupServer } = await import("msw/node");
  const server = setupServer(...(await fromOpenApi(JSON.parse(readFileSync(specFile, "utf8")))));
  server.listen({ onUnhandledRequest: "error" });
  client = telnyx.createTelnyxClient({ apiKey: "k" });
  stop = async () => server.close();
} else if (engine === "prism") {
  const { startMock } = await import(mockEntry);
  const server = await startMock({ spec: specFile });
  client = telnyx.createTelnyxClient({ apiKey: "k", baseUrl: server.url });
  stop = () => server.stop();
  const { readFileSync } = await import("node:fs");
  childCpuMs = () => {
    try {
      const stat = readFileSync(`/proc/${server.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return Number.NaN;
    }
  };
}
const { response, error } = await client.deleteIp({ id: ID }, { maxRetries: 0 });
const readyMs = performance.now();
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000 + childCpuMs();
await stop();
console.log(JSON.stringify({ readyMs, cpuMs, status: response?.status, error: error?.message }));
process.exit(0);
