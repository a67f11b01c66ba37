/**
 * A provider module for the contract fixture (test/fixtures/contract.json), shaped like a generated
 * package's exports, and a client for it on the real runtime. The fixture has what the real providers'
 * vendored specs lack: header, query and body parameters, forms, a `4XX` range, a `default` response.
 */
import { createProviderClient, type ProviderClientOptions, serializeQuery } from "@switchboard/core";
import { createMock, type MockOptions } from "../../src/index.js";
import { fixture, readFixture } from "../support/helpers.js";

export const provider = {
  name: "acme",
  title: "Acme",
  servers: { default: "https://api.example.test/v2" },
  defaultServer: "default",
  credentials: { apiKey: { env: "ACME_API_KEY" } },
  auth: [{ type: "bearer", credential: "apiKey" }],
  pathCredentials: {},
} as const;

export const endpoints = {
  getIp: ["GET", "/ips/{id}", { header: ["X-Tenant"] }],
  updateIp: ["PATCH", "/ips/{id}", { header: ["X-Tenant", "X-Idempotency-Key"], body: "application/json" }],
  deleteIp: ["DELETE", "/ips/{id}", { header: ["X-Tenant"] }],
  // As generated rows do: an operation with query parameters names the query writer.
  listIps: ["GET", "/ips", { writeQuery: serializeQuery }],
  createIp: ["POST", "/ips", { body: "application/json" }],
} as const;

export const acme = { provider, endpoints };
export const spec = readFixture("contract.json");
export const specPath = fixture("contract.json");
export const IP = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

export function acmeMock(options: MockOptions = {}) {
  return createMock(acme, { spec: specPath, ...options });
}

/** A client of the fixture API on @switchboard/core, no retries unless asked. */
export function acmeClient(
  fetch: (request: Request) => Promise<Response>,
  options: Partial<ProviderClientOptions<typeof provider>> = {},
): Record<string, (input?: Record<string, unknown>, options?: Record<string, unknown>) => Promise<any>> {
  return createProviderClient(provider, endpoints, {
    apiKey: "test-key",
    fetch,
    maxRetries: 0,
    ...options,
  }) as never;
}
