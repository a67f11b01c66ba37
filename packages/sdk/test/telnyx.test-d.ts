import type {
  components,
  DeleteIpResult,
  DialCallResult,
  Page,
  Readable,
  TelnyxClient,
} from "@switchboard/telnyx";
import { dialCall } from "@switchboard/telnyx/call-commands";
import { composeTelnyxClient } from "@switchboard/telnyx/compose";
import type { DeleteIpResult as ModuleDeleteIpResult } from "@switchboard/telnyx/ips";
import { listPhoneNumbers } from "@switchboard/telnyx/phone-number-configurations";
import { describe, expectTypeOf, it } from "vitest";

type DialBody = Parameters<TelnyxClient["dialCall"]>[0]["body"];

describe("@switchboard/telnyx types", () => {
  it("methods resolve to the named result types the package exports, at the root and per module", () => {
    expectTypeOf<ReturnType<TelnyxClient["deleteIp"]>>().toEqualTypeOf<Promise<DeleteIpResult>>();
    expectTypeOf<ModuleDeleteIpResult>().toEqualTypeOf<DeleteIpResult>();
    const composed = composeTelnyxClient({ dialCall, listPhoneNumbers }, { apiKey: "KEY" });
    expectTypeOf(composed.dialCall).returns.toEqualTypeOf<Promise<DialCallResult>>();
  });

  it("keeps POST /calls fields that have defaults optional: connection_id, to and from are required", () => {
    expectTypeOf({ connection_id: "c", to: "+18005550199", from: "+18005550100" }).toMatchTypeOf<DialBody>();
    // @ts-expect-error `to` is required
    const missing: DialBody = { connection_id: "c", from: "+18005550100" };
    void missing;
  });

  it("types the items of .all() from the list's data", () => {
    const composed = composeTelnyxClient({ listPhoneNumbers }, { apiKey: "KEY" });
    const iterator = composed.listPhoneNumbers.all({ page: { size: 250 } });
    expectTypeOf(iterator).toMatchTypeOf<AsyncIterableIterator<{ phone_number?: string }>>();
  });

  it("types the pages of .pages() as the list's whole body, with its totals", async () => {
    const composed = composeTelnyxClient({ listPhoneNumbers }, { apiKey: "KEY" });
    for await (const page of composed.listPhoneNumbers.pages({ page: { size: 250 } })) {
      expectTypeOf(page.response).toEqualTypeOf<Response>();
      expectTypeOf(page.data.meta?.total_pages).toEqualTypeOf<number | undefined>();
      expectTypeOf(page).toMatchTypeOf<Page<{ data?: Array<{ phone_number?: string }> }>>();
    }
    // Only a paged list has them.
    // @ts-expect-error dialCall does not page
    void composeTelnyxClient({ dialCall }, { apiKey: "KEY" }).dialCall.pages;
  });
});

describe("a schema named as a response gives it", () => {
  type Update = components["schemas"]["BulkMessagingSettingsUpdatePhoneNumbers"];
  it("is plain through Readable: its readOnly fields are strings, not openapi-typescript's markers", () => {
    expectTypeOf<Readable<Update>["order_id"]>().toEqualTypeOf<string | undefined>();
    const update = {} as Readable<Update>;
    expectTypeOf(update.order_id?.toUpperCase()).toEqualTypeOf<string | undefined>();
    // As the package exports it, the field keeps the marker, which no string method reaches.
    expectTypeOf<Update["order_id"]>().not.toEqualTypeOf<string | undefined>();
  });
});
