import { createTelnyxClient } from "@switchboard/telnyx";
import createClient from "openapi-fetch";

const body = JSON.stringify({ data: { id: "x", ip_address: "1.2.3.4", port: 5060 } });
const mk = () =>
  new Response(body, {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(body.length) },
  });
globalThis.fetch = (async () => mk()) as any;
const base = "http://127.0.0.1:1/v2";
const id = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
const of = createClient<any>({ baseUrl: base, headers: { Authorization: "Bearer k" } });
const ours = createTelnyxClient({ apiKey: "k", baseUrl: base });
const oursNoT = createTelnyxClient({ apiKey: "k", baseUrl: base, timeout: 0 });
const s: Record<string, () => Promise<unknown>> = {
  raw: async () => {
    const r = await fetch(`${base}/ips/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: { Authorization: "Bearer k" },
    });
    return r.json();
  },
  of: async () => (await of.DELETE("/ips/{id}", { params: { path: { id } } })).data,
  ours: async () => (await ours.deleteIp({ id })).data,
  oursNoTimeout: async () => (await oursNoT.deleteIp({ id })).data,
};
const N = 20000;
const res: Record<string, number[]> = {};
for (let r = 0; r < 8; r++)
  for (const [k, f] of Object.entries(s)) {
    const t = performance.now();
    for (let i = 0; i < N; i++) await f();
    (res[k] ??= []).push(((performance.now() - t) * 1000) / N);
  }
for (const [k, v] of Object.entries(res)) {
  v.sort((a, b) => a - b);
  console.log(k.padEnd(15), v[v.length >> 1]!.toFixed(2), "µs");
}
