import { describe, expect, it } from "vitest";
import {
  camelCase,
  constantCase,
  fallbackOperationName,
  kebabCase,
  methodName,
  moduleNameOfTag,
  nameFromTitle,
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
    // An acronym's plural is one word (Retell's `listRetellLLMs`), wherever it stands.
    ["listRetellLLMs", "listRetellLlms"],
    ["getIDs", "getIds"],
    ["listURLsForCall", "listUrlsForCall"],
    ["getURLSigner", "getUrlSigner"],
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

  it("names an operation by its FastAPI route, without the path and method FastAPI appends to the operationId", () => {
    // ElevenLabs' documents, as FastAPI writes them by default.
    expect(
      operationName(
        "Get_audio_from_sample_v1_voices__voice_id__samples__sample_id__audio_get",
        "get",
        "/v1/voices/{voice_id}/samples/{sample_id}/audio",
      ),
    ).toBe("getAudioFromSample");
    expect(
      operationName(
        "Get_default_voice_settings__v1_voices_settings_default_get",
        "get",
        "/v1/voices/settings/default",
      ),
    ).toBe("getDefaultVoiceSettings");
    expect(operationName("create_agent_agents_post", "POST", "/agents")).toBe("createAgent");
    // Only FastAPI's exact suffix for this operation's own path and method: Telnyx's ids were generated
    // from other paths than the ones it publishes, and another method, or nothing left, keeps the whole id.
    expect(operationName("get_assistants_public_assistants_get", "get", "/ai/assistants")).toBe(
      "getAssistantsPublicAssistantsGet",
    );
    expect(operationName("create_agent_agents_post", "put", "/agents")).toBe("createAgentAgentsPost");
    expect(operationName("_agents_get", "get", "/agents")).toBe("agentsGet");
  });

  it("names a FastAPI route that is a bare verb from its summary, like any bare-verb operationId", () => {
    const operation = { operationId: "list_agents_get", summary: "List voice agents" };
    expect(methodName(operation, "get", "/agents")).toEqual({
      name: "listVoiceAgents",
      from: "summary",
    });
  });

  it("names an operation whose operationId NestJS generated from its summary, else its handler and controller", () => {
    // Vapi's documents, as @nestjs/swagger writes them by default: `<Class>Controller_<handler>`.
    expect(
      methodName({ operationId: "CallController_findAll", summary: "List Calls" }, "get", "/call"),
    ).toEqual({ name: "listCalls", from: "summary" });
    expect(methodName({ operationId: "AssistantController_remove" }, "delete", "/assistant/{id}")).toEqual({
      name: "removeAssistant",
      from: "operationId",
    });
    expect(operationName("PhoneNumberController_findOne", "get", "/phone-number/{id}")).toBe(
      "findOnePhoneNumber",
    );
    // A chosen operationId that merely mentions a controller keeps every word.
    expect(operationName("getCallController", "get", "/x")).toBe("getCallController");
    expect(operationName("Controller_list", "get", "/x")).toBe("controllerList");
  });

  it("names an operation whose operationId, title and summary are each a verb alone from its method and path", () => {
    // `_delete` (the reserved word made an identifier) named nothing a caller could tell apart.
    expect(
      methodName({ operationId: "delete", summary: "Delete" }, "delete", "/calls/{id}", "Delete"),
    ).toEqual({
      name: "deleteCallsById",
      from: "path",
    });
    expect(methodName({ operationId: "list" }, "get", "/calls")).toEqual({ name: "getCalls", from: "path" });
    // A title with more than the verb still names it.
    expect(methodName({ operationId: "delete" }, "delete", "/calls/{id}", "Delete a call")).toEqual({
      name: "deleteCall",
      from: "page title",
    });
  });

  it("never produces an identifier starting with a digit, or a reserved word", () => {
    expect(operationName("10dlc-brands", "get", "/x")).toBe("_10dlcBrands");
    expect(operationName("delete", "delete", "/x")).toBe("_delete");
  });

  it.each([
    ["Create SIP Trunk", "createSipTrunk"],
    ["Remove Phone Number from Trunk", "removePhoneNumberFromTrunk"],
    ["Add Phone Number to Trunk", "addPhoneNumberToTrunk"],
    ["Delete a phone number", "deletePhoneNumber"],
    ["Deletes an External Connection", "deleteExternalConnection"],
    ["Retrieves the list of SIP trunks", "retrieveListOfSipTrunks"],
    ["List Calls (Beta)", "listCalls"],
    ["Get a trunk's numbers", "getTrunkNumbers"],
    ["List a campaign’s contacts", "listCampaignContacts"],
    ["Remove the users' roles", "removeUsersRoles"],
    ["Don't record a call", "dontRecordCall"],
    ["Delete IP ACL", "deleteIpAcl"],
    // A site's name after the title, as an HTML page's <title> gives it.
    ["Create agent | Cadence", "createAgent"],
    ["Supprimer un agent — Cadence", "supprimerUnAgent"],
    ["Create agent – Cadence Voice", "createAgent"],
    ["Create agent · Cadence Docs", "createAgent"],
    ["Create agent - Cadence Docs", "createAgent"],
    ["Create agent - Cadence API Reference", "createAgent"],
    // A hyphen of the title's own stays.
    ["Create Call - Outbound", "createCallOutbound"],
    ["The", "the"],
    ["", ""],
  ])("the title %j names the method %j", (title, name) => {
    expect(nameFromTitle(title)).toBe(name);
  });

  it("takes a method name from the operationId, else the page title, else the summary, else method and path", () => {
    const op = (operationId?: string, summary?: string) => ({ operationId, summary });
    const path = "/sip-trunks/trunks";
    expect(methodName(op("create-trunk", "Create a trunk"), "post", path, "Create SIP Trunk")).toEqual({
      name: "createTrunk",
      from: "operationId",
    });
    expect(methodName(op(undefined, "Create a trunk"), "post", path, "Create SIP Trunk")).toEqual({
      name: "createSipTrunk",
      from: "page title",
    });
    expect(methodName(op(undefined, "Create a trunk"), "post", path)).toEqual({
      name: "createTrunk",
      from: "summary",
    });
    expect(methodName(op(), "post", path)).toEqual({ name: "postSipTrunksTrunks", from: "path" });
    // A bare verb (Fern's `list` within its namespace) gives way to the title, else the method and path, as
    // the README says: alone, `list` would say nothing of what it lists.
    expect(methodName(op("list"), "get", "/v1/convai/agents", "List Agents")).toEqual({
      name: "listAgents",
      from: "page title",
    });
    expect(methodName(op("list"), "get", "/v1/convai/agents")).toEqual({
      name: "getV1ConvaiAgents",
      from: "path",
    });
  });

  it.each([
    ["DELETE /conversations/{id}", undefined],
    ["delete /conversations/:id/", undefined],
    ["/conversations/{id}", undefined],
    [undefined, "DELETE /conversations/{conversation_id}"],
  ])(
    "names an operation whose page title (%s) or summary (%s) is only its endpoint from its path",
    (title, summary) => {
      expect(methodName({ summary }, "delete", "/conversations/{id}", title)).toEqual({
        name: "deleteConversationsById",
        from: "path",
      });
    },
  );

  it("still names an operation from a title that says more than its endpoint", () => {
    expect(methodName({}, "delete", "/conversations/{id}", "Remove a conversation")).toEqual({
      name: "removeConversation",
      from: "page title",
    });
  });

  it.each([
    ["subpackage_phoneNumbers", "phone-numbers"],
    ["subpackage_conversationalAi/agents", "conversational-ai-agents"],
    ["AutoRechargePreferences", "auto-recharge-preferences"],
    ["SIPTrunks", "sip-trunks"],
    ["sip_trunks", "sip-trunks"],
    ["IPs", "ips"],
    ["FQDNs", "fqdns"],
    ["eSIM", "esim"],
    ["iPhoneDevices", "iphone-devices"],
    // Twilio's: a word of two letters is a word ("add-onresult", "machine-tomachine", "ipaccess-…" before).
    ["Api20100401AddOnResult", "api20100401-add-on-result"],
    ["Api20100401MachineToMachine", "api20100401-machine-to-machine"],
    ["IpAccessControlList", "ip-access-control-list"],
    ["TeXML REST Commands", "texml-rest-commands"],
    ["WireGuard Interfaces", "wireguard-interfaces"],
    ["Phone Numbers", "phone-numbers"],
    // Accents off their letters, as in method names ("t-l-phonie" before).
    ["Téléphonie", "telephonie"],
    ["Größe", "grosse"],
  ])("the tag %j is the module %j", (tag, module) => {
    expect(moduleNameOfTag(tag)).toBe(module);
  });

  it("derives the other cases used for packages, files and environment variables", () => {
    expect(pascalCase("synthflow")).toBe("Synthflow");
    expect(constantCase("authToken")).toBe("AUTH_TOKEN");
    expect(kebabCase("DeleteExternalConnection")).toBe("delete-external-connection");
    expect(camelCase("AuthID")).toBe("authId");
  });
});
