/**
 * The ways of calling `DELETE /v2/ips/{id}` that the latency and throughput benchmarks compare. Each
 * returns the parsed body and fails loudly on anything but a 200, so no subject can win by doing less.
 *
 * Besides raw fetch, openapi-fetch, ours with its defaults and the official SDK, two subjects split our cost
 * in two: raw fetch with the timeout ours applies by default (an AbortController and a timer per call, the
 * least a timeout that really aborts the request can cost), and ours with the timeout off (`timeout: 0`;
 * retries and redaction still on), which gives fetch no signal at all.
 */
import { createTelnyxClient } from "@switchboard/telnyx";
import createClient from "openapi-fetch";
import Telnyx from "telnyx";
import { IP_ID } from "./apps.js";

const API_KEY = "bench-key";
/** The attempt timeout ours applies unless told otherwise (`createProviderClient`'s default). */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const RAW_WITH_TIMEOUT = "raw fetch + timeout";
export const OURS = "@switchboard/telnyx";
export const OURS_NO_TIMEOUT = "@switchboard/telnyx, timeout: 0";

export type Subject = () => Promise<unknown>;

export function subjects(baseUrl: string): Record<string, Subject> {
  const rawHeaders = { Authorization: `Bearer ${API_KEY}` };
  const openapiFetch = createClient<any>({ baseUrl, headers: rawHeaders });
  const ours = createTelnyxClient({ apiKey: API_KEY, baseUrl });
  const oursNoTimeout = createTelnyxClient({ apiKey: API_KEY, baseUrl, timeout: 0 });
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
    [RAW_WITH_TIMEOUT]: async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), DEFAULT_TIMEOUT_MS);
      try {
        const response = await fetch(`${baseUrl}/ips/${encodeURIComponent(IP_ID)}`, {
          method: "DELETE",
          headers: rawHeaders,
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
        return await response.json();
      } finally {
        clearTimeout(timer);
      }
    },
    "openapi-fetch": async () => {
      const { data, error, response } = await openapiFetch.DELETE("/ips/{id}", {
        params: { path: { id: IP_ID } },
      });
      if (error || !response.ok) throw new Error(`openapi-fetch: ${response.status}`);
      return data;
    },
    [OURS]: async () => {
      const { data, error } = await ours.deleteIp({ id: IP_ID });
      if (error) throw error;
      return data;
    },
    [OURS_NO_TIMEOUT]: async () => {
      const { data, error } = await oursNoTimeout.deleteIp({ id: IP_ID });
      if (error) throw error;
      return data;
    },
    "telnyx SDK": () => official.ips.delete(IP_ID),
  };
}
