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
});
