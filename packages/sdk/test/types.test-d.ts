import { assertType, describe, expectTypeOf, it } from "vitest";
import { createSwitchboard, type SwitchboardError } from "../src/index.js";

const switchboard = createSwitchboard();

describe("generated method types", () => {
  it("require the path parameters, except those filled from credentials", () => {
    expectTypeOf(switchboard.telnyx.deleteIp).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf(switchboard.vobiz.deleteIpAcl)
      .parameter(0)
      .toEqualTypeOf<{ auth_id?: string; ip_acl_id: string }>();
    // @ts-expect-error id is required
    assertType(switchboard.telnyx.deleteIp({}));
    // @ts-expect-error Synthflow's Authorization header is a credential, not a parameter
    assertType(switchboard.synthflow.deletePhoneNumber({ phone_number_slug: "1", Authorization: "x" }));
  });

  it("type data on success and the documented error body on failure", async () => {
    const { data, error } = await switchboard.bolna.deleteSipTrunk({ trunk_id: "t" });
    if (error) {
      expectTypeOf(error).toEqualTypeOf<SwitchboardError<{ error: number; message: string }>>();
      expectTypeOf(data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(data).toEqualTypeOf<{ message: string }>();
    }
  });

  it("type a 204 as no data", async () => {
    const { data, error } = await switchboard.vobiz.deleteIpAcl({ ip_acl_id: "x" });
    if (!error) expectTypeOf(data).toEqualTypeOf<undefined>();
    else expectTypeOf(error.body).toEqualTypeOf<{ code: number; error: string } | undefined>();
  });

  it("offer only the provider's regions", () => {
    createSwitchboard({ synthflow: { region: "eu" } });
    // @ts-expect-error Synthflow has no region "mars"
    createSwitchboard({ synthflow: { region: "mars" } });
  });

  it("keep the raw openapi-fetch methods typed per provider", () => {
    assertType(switchboard.telnyx.DELETE("/ips/{id}", { params: { path: { id: "x" } } }));
    // @ts-expect-error a Vobiz path is not a Telnyx path
    assertType(switchboard.telnyx.DELETE("/api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}", {}));
  });

  it("take the runtime's per-call options", () => {
    assertType(
      switchboard.telnyx.deleteIp(
        { id: "x" },
        {
          maxRetries: 0,
          timeout: 5_000,
          idempotencyKey: true,
          signal: AbortSignal.timeout(1),
          headers: { a: "b" },
        },
      ),
    );
    assertType(switchboard.telnyx.deleteIp({ id: "x" }, { idempotencyKey: "order-42" }));
    // @ts-expect-error an idempotency key is a string, or true to generate one
    assertType(switchboard.telnyx.deleteIp({ id: "x" }, { idempotencyKey: 42 }));
    createSwitchboard({ maxRetries: 1, timeout: 1_000, logLevel: "debug", telnyx: { maxRetries: 3 } });
    // @ts-expect-error no such log level
    createSwitchboard({ logLevel: "verbose" });
  });

  it("make error kinds a closed set to switch on", async () => {
    const { error } = await switchboard.telnyx.deleteIp({ id: "x" });
    if (error) {
      expectTypeOf(error.kind).toEqualTypeOf<
        | "bad_request"
        | "authentication"
        | "permission"
        | "not_found"
        | "conflict"
        | "unprocessable"
        | "rate_limited"
        | "client"
        | "server"
        | "connection"
        | "timeout"
        | "aborted"
        | "invalid_response"
      >();
      expectTypeOf(error.attempts).toEqualTypeOf<number>();
      expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    }
  });
});
