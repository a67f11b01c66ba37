import {
  composeProviderClient,
  createProviderClient,
  type Endpoint,
  type ProviderDefinition,
  paginate,
} from "@switchboard/core";
import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import { deleteExternalConnection } from "@switchboard/telnyx/external-connections";
import { deleteIp as telnyxDeleteIp } from "@switchboard/telnyx/ips";
import { describe, expectTypeOf, it } from "vitest";

const regionalProvider = {
  name: "regional",
  title: "Regional",
  servers: { global: "https://api.regional.test/v2" },
  defaultServer: "global",
  credentials: { apiKey: { env: "REGIONAL_API_KEY" } },
  auth: [{ type: "bearer", credential: "apiKey" }],
  pathCredentials: {},
} as const satisfies ProviderDefinition;

/** A slice of what openapi-typescript writes for a paged list and a delete. */
interface paths {
  "/numbers": {
    get: {
      parameters: { query?: { page?: { number?: number; size?: number }; filter?: { status?: string } } };
      responses: {
        200: {
          content: {
            "application/json": {
              data?: Array<{ id: string; phone_number: string }>;
              meta?: { total_pages?: number };
            };
          };
        };
      };
    };
  };
  "/ips/{id}": {
    delete: {
      parameters: { path: { id: string } };
      responses: { 204: { content?: never } };
    };
  };
}

const listNumbersRow = [
  "GET",
  "/numbers",
  { page: ["number", ["page", "number"], ["data"], ["meta", "total_pages"]], all: paginate },
] as const;
const listNumbers: Endpoint<typeof listNumbersRow, paths["/numbers"]["get"]> = listNumbersRow;
const deleteIpRow = ["DELETE", "/ips/{id}"] as const;
const deleteIp: Endpoint<typeof deleteIpRow, paths["/ips/{id}"]["delete"]> = deleteIpRow;

describe("composed clients", () => {
  const client = composeProviderClient(regionalProvider, { listNumbers, deleteIp });

  it("have exactly the methods given, typed from their operations", () => {
    expectTypeOf(client.deleteIp).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf<keyof typeof client>().toEqualTypeOf<
      "listNumbers" | "deleteIp" | "baseUrl" | "provider" | "operations" | "use" | "eject"
    >();
  });

  it("give paged list methods a typed .all() iterator, and other methods none", () => {
    expectTypeOf(client.listNumbers.all).returns.toEqualTypeOf<
      AsyncIterableIterator<{ id: string; phone_number: string }>
    >();
    expectTypeOf(client.listNumbers.all)
      .parameter(0)
      .toEqualTypeOf<
        { page?: { number?: number; size?: number }; filter?: { status?: string } } | undefined
      >();
    // @ts-expect-error deleteIp does not page
    client.deleteIp.all;
    // A row that says how it pages but names no pager gets no iterator at run time, so none in its type.
    const unpagedRow = ["GET", "/numbers", { page: listNumbersRow[2].page }] as const;
    const unpaged: Endpoint<typeof unpagedRow, paths["/numbers"]["get"]> = unpagedRow;
    // @ts-expect-error no `all: paginate` in the row
    composeProviderClient(regionalProvider, { unpaged }).unpaged.all;
  });

  it("compose a provider's operations imported one by one from its subpath modules", () => {
    const telnyx = composeTelnyxClient({ deleteIp: telnyxDeleteIp, deleteExternalConnection });
    expectTypeOf(telnyx.deleteIp).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf(telnyx.deleteExternalConnection).parameter(0).toEqualTypeOf<{ id: string }>();
    // @ts-expect-error only the operations given are there
    telnyx.listPhoneNumbers;
  });

  it("type full clients' paged methods the same way", () => {
    const table = { listNumbers: listNumbersRow } as const;
    const full = createProviderClient<paths, typeof table, typeof regionalProvider>(regionalProvider, table);
    expectTypeOf(full.listNumbers.all).returns.toEqualTypeOf<
      AsyncIterableIterator<{ id: string; phone_number: string }>
    >();
  });
});
