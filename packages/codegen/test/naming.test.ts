import { describe, expect, it } from "vitest";
import {
  camelCase,
  constantCase,
  fallbackOperationName,
  kebabCase,
  operationName,
  pascalCase,
} from "../src/naming.js";

describe("names", () => {
  it.each([
    ["DeleteIp", "deleteIp"],
    ["delete-ip-acl", "deleteIpAcl"],
    ["delete-phone-number", "deletePhoneNumber"],
    ["ListPhoneNumbers", "listPhoneNumbers"],
    ["getHTTPStatus", "getHttpStatus"],
  ])("operationId %s becomes method %s", (id, name) => {
    expect(operationName(id, "delete", "/x")).toBe(name);
  });

  it("names an operation without operationId from its method and path, as on Bolna's page", () => {
    expect(fallbackOperationName("delete", "/sip-trunks/trunks/{trunk_id}")).toBe(
      "deleteSipTrunksTrunksByTrunkId",
    );
    expect(operationName(undefined, "get", "/v2/{recording_sid}.json")).toBe("getV2ByRecordingSidJson");
    expect(operationName(undefined, "get", "/")).toBe("get");
  });

  it("never produces an identifier starting with a digit", () => {
    expect(operationName("10dlc-brands", "get", "/x")).toBe("_10dlcBrands");
  });

  it("derives the other cases used for packages, files and environment variables", () => {
    expect(pascalCase("synthflow")).toBe("Synthflow");
    expect(constantCase("authToken")).toBe("AUTH_TOKEN");
    expect(kebabCase("DeleteExternalConnection")).toBe("delete-external-connection");
    expect(camelCase("AuthID")).toBe("authId");
  });
});
