/**
 * The four ways of calling `DELETE /v2/ips/{id}` that the latency and throughput benchmarks compare. Each
 * returns the parsed body and fails loudly on anything but a 200, so no subject can win by doing less.
 */
import { createTelnyxClient } from "@switchboard/telnyx";
import createClient from "openapi-fetch";
import Telnyx from "telnyx";
import { IP_ID } from "./apps.js";

const API_KEY = "bench-key";

export type Subject = () => Promise<unknown>;

export function subjects(baseUrl: string): Record<string, Subject> {
  const rawHeaders = { Authorization: `Bearer ${API_KEY}` };
  const openapiFetch = createClient<any>({ baseUrl, headers: rawHeaders });
  const ours = createTelnyxClient({ apiKey: API_KEY, baseUrl });
  const official = new Telnyx({ apiKey: API_KEY, baseURL: baseUrl, maxRetries: 0 });
  return {
    "raw fetch": async () => {
      const response = await fetch(`${baseUrl}/ips/${encodeURIComponent(IP_ID)}`, {
        method: "DELETE",
        headers: rawHeaders,
      });
      if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
      return response.json();
    },
    "openapi-fetch": async () => {
      const { data, error, response } = await openapiFetch.DELETE("/ips/{id}", {
        params: { path: { id: IP_ID } },
      });
      if (error || !response.ok) throw new Error(`openapi-fetch: ${response.status}`);
      return data;
    },
    "@switchboard/telnyx": async () => {
      const { data, error } = await ours.deleteIp({ id: IP_ID });
      if (error) throw error;
      return data;
    },
    "telnyx SDK": () => official.ips.delete(IP_ID),
  };
}
