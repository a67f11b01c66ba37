/**
 * The hand-written part of the classification: how api-smart-diff's findings map to semver for users who
 * compile against the generated types. Each case edits the committed Vobiz bundle in memory.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { definitionOf } from "../src/release/api-snapshot.js";
import { diffSpecs } from "../src/release/spec-diff.js";
import type { OpenApiDocument } from "../src/spec/openapi-document.js";
import { repo } from "./helpers.js";

const OP = "/api/v1/Account/{auth_id}/ip-acl/{ip_acl_id}";

function vobiz(): OpenApiDocument {
  const { "x-switchboard-generated": _header, ...doc } = JSON.parse(
    readFileSync(join(repo, "packages", "vobiz", "src", "generated", "openapi.json"), "utf8"),
  );
  return doc as OpenApiDocument;
}

/** A copy of the Vobiz spec whose DELETE takes a JSON body with `reason` (string, optional) and `ids` (array). */
function withBody(): OpenApiDocument {
  const doc = vobiz();
  doc.paths![OP]!.delete.requestBody = {
    content: {
      "application/json": {
        schema: {
          type: "object",
          required: ["ids"],
          properties: {
            reason: { type: "string", enum: ["cleanup", "abuse"] },
            ids: { type: "array", items: { type: "string" } },
            note: { type: ["string", "null"] },
          },
        },
      },
    },
  };
  return doc;
}

function change(edit: (doc: any) => void, base: () => OpenApiDocument = vobiz) {
  const before = base();
  const after = base();
  edit(after);
  return diffSpecs(before, after, "vobiz");
}

const body = (doc: any) => doc.paths[OP].delete.requestBody.content["application/json"].schema;
const error = (doc: any) => doc.components.schemas.Error;

describe("diffSpecs", () => {
  it("identical specs: no bump, no changes", () => {
    expect(diffSpecs(vobiz(), vobiz())).toEqual({ bump: "none", changes: [] });
  });

  it("a path parameter renamed is major: callers pass it under its name, though the URL is the same", () => {
    const renamed = change((d) => {
      const item = d.paths[OP];
      delete d.paths[OP];
      d.paths[OP.replace("{ip_acl_id}", "{acl_id}")] = item;
      item.delete.parameters.find((p: any) => p.name === "ip_acl_id").name = "acl_id";
    });
    expect(renamed.bump).toBe("major");
    expect(renamed.changes).toContainEqual(
      expect.objectContaining({ bump: "major", text: "path parameter `ip_acl_id` renamed to `acl_id`" }),
    );
  });

  it("a path parameter's `required` changed is no change a caller makes: it is part of the URL either way", () => {
    // Written `required: false` (a mistake OpenAPI forbids), the changeset said "now optional" (minor).
    const optional = change((d) => {
      d.paths[OP].delete.parameters.find((p: any) => p.name === "ip_acl_id").required = false;
    });
    expect(optional.bump).toBe("patch");
    expect(optional.changes.map((c) => c.text)).toEqual([
      "path parameter `ip_acl_id`'s `required` changed (a path parameter always is)",
    ]);
  });

  it("a field added as required is one major change, and a required response field removed one too", () => {
    const added = change((d) => {
      body(d).properties.gateway_ip = { type: "string" };
      body(d).required.push("gateway_ip");
    }, withBody);
    expect(added.bump).toBe("major");
    const texts = added.changes.map((c) => c.text);
    expect(texts.filter((t) => t.includes("gateway_ip"))).toEqual([
      "request body field `gateway_ip` added (required)",
    ]);
    const removed = change((d) => {
      delete error(d).properties.error;
      error(d).required = (error(d).required ?? []).filter((name: string) => name !== "error");
    });
    const about = removed.changes.map((c) => c.text).filter((t) => t.includes("`error`"));
    expect(about.some((t) => t.endsWith("removed"))).toBe(true);
    expect(about.filter((t) => t.endsWith("may now be absent"))).toEqual([]);
  });

  it("a security scheme added is a patch that says the client sends it once the settings name it", () => {
    const added = change((d) => {
      d.components.securitySchemes.apiKeyHeader = { type: "apiKey", in: "header", name: "X-API-Key" };
    });
    expect(added).toEqual({
      bump: "patch",
      changes: [
        {
          bump: "patch",
          text: "security scheme `apiKeyHeader` added: the client sends it once switchboard.yaml names it under `credentials:`",
        },
      ],
    });
  });

  it("a security scheme renamed, its definition the same, is said as the rename, not as one added", () => {
    const withUnused = () => {
      const doc: any = vobiz();
      doc.components.securitySchemes.partnerKey = { type: "apiKey", in: "header", name: "X-Partner-Key" };
      return doc as OpenApiDocument;
    };
    const renamed = change((d) => {
      const schemes = d.components.securitySchemes;
      schemes.PartnerKey = schemes.partnerKey;
      delete schemes.partnerKey;
    }, withUnused);
    expect(renamed).toEqual({
      bump: "patch",
      changes: [
        {
          bump: "patch",
          text: "security scheme `partnerKey` renamed to `PartnerKey`, its definition unchanged",
        },
      ],
    });
  });

  it("a scheme the client sends renamed is said by its options: which credential is sent where", () => {
    const renamed = change((d) => {
      const schemes = d.components.securitySchemes;
      schemes.VobizAuthId = schemes.AuthID;
      delete schemes.AuthID;
      d.security = [{ VobizAuthId: [], AuthToken: [] }];
    });
    // Before, the third line read "now sent as header X-Auth-ID + header X-Auth-Token (was header X-Auth-ID +
    // header X-Auth-Token)": what changed (the option the header is taken from) was not in it.
    expect(renamed.changes.map((c) => c.text)).toEqual([
      "credential `authId` (VOBIZ_AUTH_ID) removed",
      "new required credential `vobizAuthId` (VOBIZ_VOBIZ_AUTH_ID)",
      "authentication is now sent as header X-Auth-ID (`vobizAuthId`) + header X-Auth-Token (`authToken`) (was header X-Auth-ID (`authId`) + header X-Auth-Token (`authToken`))",
    ]);
  });

  it("info.version alone is no release", () => {
    expect(change((d) => (d.info.version = "2.0"))).toEqual({ bump: "none", changes: [] });
  });

  it.each([
    [
      "a request body field made required",
      (d: any) => body(d).required.push("reason"),
      "major",
      "is now required",
    ],
    [
      "a request body field removed",
      (d: any) => delete body(d).properties.reason,
      "major",
      "field `reason` removed",
    ],
    [
      "an optional request body field added",
      (d: any) => (body(d).properties.tag = { type: "string" }),
      "minor",
      "field `tag` added",
    ],
    [
      "a request type narrowed",
      (d: any) => (body(d).properties.note.type = "string"),
      "major",
      "type string | null → string",
    ],
    [
      "a request type widened",
      (d: any) => (body(d).properties.reason.type = ["string", "null"]),
      "minor",
      "type string → string | null",
    ],
    [
      "a request enum value removed",
      (d: any) => body(d).properties.reason.enum.pop(),
      "major",
      'no longer accepts "abuse"',
    ],
    [
      "a request enum value added",
      (d: any) => body(d).properties.reason.enum.push("other"),
      "minor",
      'accepts "other"',
    ],
    [
      // The type narrows from `string` to the union: a call passing any other string no longer compiles.
      "an enum put on a request field that took any value",
      (d: any) => (body(d).properties.note.enum = ["US", "GB"]),
      "major",
      'field `note` now accepts only "US", "GB" (an enum added)',
    ],
    [
      // GitHub Enterprise Server 3.7 → 3.8's `access_level`: one value gone, another new, in its place.
      "a request enum value replaced by another",
      (d: any) => (body(d).properties.reason.enum = ["spam", "cleanup"]),
      "major",
      'no longer accepts "abuse"; accepts "spam"',
    ],
    [
      "a request length limit added",
      (d: any) => (body(d).properties.reason.maxLength = 10),
      "major",
      "maxLength added",
    ],
    [
      "a body example changed",
      (d: any) => (body(d).properties.reason.example = "cleanup"),
      "patch",
      "example changed",
    ],
  ])("%s", (_name, edit, bump, text) => {
    const result = change(edit, withBody);
    expect(result.bump).toBe(bump);
    expect(result.changes.map((c) => c.text).join("\n")).toContain(text);
  });

  it("a response enum whose values were replaced says which are gone and which are new: major", () => {
    const withKind = () => {
      const doc: any = vobiz();
      error(doc).properties.kind = { type: "string", enum: ["missing", "gone"] };
      return doc as OpenApiDocument;
    };
    const replaced = change((d) => (error(d).properties.kind.enum = ["missing", "expired"]), withKind);
    expect(replaced.bump).toBe("major");
    expect(replaced.changes.map((c) => c.text)).toContain(
      'response 404 field `kind` is no longer "gone"; may now be "expired" (a new enum value)',
    );
  });

  it("an enum put on a response field says the values it may now be, once, not each as a new value", () => {
    const enumOnCode = change((d) => (error(d).properties.code.enum = ["not_found", "gone"]));
    expect(enumOnCode.bump).toBe("major");
    expect(enumOnCode.changes.map((c) => c.text)).toEqual([
      'response 404 field `code` is now one of "not_found", "gone" (an enum added)',
    ]);
  });

  it("readOnly changes a request's type only, writeOnly a response's: elsewhere they are no break", () => {
    const subject = `\`deleteIpAcl\` (DELETE ${OP})`;
    // Error is read only (a 404's body): readOnly there changes no type.
    expect(change((d) => (error(d).properties.code.readOnly = true))).toEqual({
      bump: "patch",
      changes: [
        {
          bump: "patch",
          subject,
          text: "response 404 field `code` readOnly added (the response type is the same)",
        },
      ],
    });
    expect(change((d) => (error(d).properties.code.writeOnly = true)).changes).toEqual([
      {
        bump: "major",
        subject,
        text: "response 404 field `code` is now writeOnly: no longer in the response type",
      },
    ]);
    // The request body: readOnly takes a field out of what a caller may send.
    expect(change((d) => (body(d).properties.reason.readOnly = true), withBody).changes).toEqual([
      {
        bump: "major",
        subject,
        text: "request body field `reason` is now readOnly: no longer in the request type",
      },
    ]);
    const readOnlyIds = () => {
      const doc: any = withBody();
      body(doc).properties.ids.readOnly = true;
      body(doc).properties.reason.readOnly = true;
      return doc as OpenApiDocument;
    };
    const cleared = change((d) => {
      delete body(d).properties.ids.readOnly;
      delete body(d).properties.reason.readOnly;
    }, readOnlyIds);
    expect(cleared.changes).toEqual([
      {
        bump: "minor",
        subject,
        text: "request body field `reason` is no longer readOnly: now in the request type",
      },
      {
        bump: "major",
        subject,
        text: "request body field `ids` is no longer readOnly: now in the request type, and required",
      },
    ]);
  });

  it("a flag whose default is false, written out or left out, is no change of type", () => {
    const subject = `\`deleteIpAcl\` (DELETE ${OP})`;
    for (const flag of ["readOnly", "writeOnly"]) {
      const written = change((d) => (body(d).properties.reason[flag] = false), withBody);
      expect(written, flag).toEqual({
        bump: "patch",
        changes: [
          {
            bump: "patch",
            subject,
            text: `request body field \`reason\` \`${flag}: false\` written out (no change: false is its default)`,
          },
        ],
      });
    }
    const withFalse = () => {
      const doc: any = withBody();
      body(doc).properties.reason.nullable = false;
      return doc as OpenApiDocument;
    };
    // `nullable` is compared as 3.1 writes it (a type list), where `false` is no keyword at all: no change.
    expect(change((d) => (body(d).properties.reason.nullable = false), withBody).changes).toEqual([]);
    expect(change((d) => delete body(d).properties.reason.nullable, withFalse).changes).toEqual([]);
    // From false to true is still judged as the flag set.
    expect(change((d) => (body(d).properties.reason.nullable = true), withFalse).bump).toBe("minor");
  });

  it("says what `security: []` does, and names the headers a response gains all at once", () => {
    const subject = `\`deleteIpAcl\` (DELETE ${OP})`;
    const open = change((d) => (d.paths[OP].delete.security = []));
    expect(open.changes.map((c) => c.text)).toContain(
      "needs no credentials now (`security: []`): the client sends none to it",
    );
    const headers = change((d) => {
      d.paths[OP].delete.responses["204"] ??= { description: "gone" };
      const first = Object.keys(d.paths[OP].delete.responses)[0]!;
      d.paths[OP].delete.responses[first].headers = { "X-Next-Cursor": { schema: { type: "string" } } };
    });
    expect(headers.changes).toContainEqual(
      expect.objectContaining({
        subject,
        text: expect.stringMatching(/^response \w+ header `X-Next-Cursor` added$/),
      }),
    );
  });

  it("a field removed from a response is breaking, though the wire format stays compatible", () => {
    const result = change((d) => delete error(d).properties.code);
    expect(result.bump).toBe("major");
    expect(result.changes).toContainEqual({
      bump: "major",
      subject: `\`deleteIpAcl\` (DELETE ${OP})`,
      text: "response 404 field `code` removed",
    });
  });

  it("a response status removed is breaking, one added is not", () => {
    expect(change((d) => delete d.paths[OP].delete.responses["404"]).bump).toBe("major");
    expect(change((d) => (d.paths[OP].delete.responses["409"] = { description: "in use" })).bump).toBe(
      "minor",
    );
  });

  it("a document moved from OpenAPI 3.0 to 3.1, its API the same, is no breaking change", () => {
    const v30 = (): OpenApiDocument => {
      const doc: any = withBody();
      doc.openapi = "3.0.3";
      body(doc).properties.reason.nullable = true;
      doc["x-webhooks"] = {
        "acl.deleted": {
          post: {
            requestBody: {
              content: {
                "application/json": {
                  schema: { type: "object", properties: { at: { type: "string", nullable: true } } },
                },
              },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      };
      return doc;
    };
    const upgraded = change((d) => {
      d.openapi = "3.1.0";
      delete body(d).properties.reason.nullable;
      body(d).properties.reason.type = [body(d).properties.reason.type, "null"];
      d.webhooks = d["x-webhooks"];
      delete d["x-webhooks"];
      const at = d.webhooks["acl.deleted"].post.requestBody.content["application/json"].schema.properties.at;
      delete at.nullable;
      at.type = ["string", "null"];
    }, v30);
    expect(upgraded.changes.filter((c) => c.bump !== "patch")).toEqual([]);
  });

  it("a success status added is breaking where it widens the result's `data`, not where it repeats a body", () => {
    // deleteIpAcl answers 204 with nothing: `data` is undefined.
    const json = (schema: object) => ({ description: "ok", content: { "application/json": { schema } } });
    const subject = `\`deleteIpAcl\` (DELETE ${OP})`;
    expect(change((d) => (d.paths[OP].delete.responses["202"] = { description: "accepted" })).bump).toBe(
      "minor",
    );
    const job = change((d) => (d.paths[OP].delete.responses["202"] = json({ type: "object" })));
    expect(job).toEqual({
      bump: "major",
      changes: [
        {
          bump: "major",
          subject,
          text: "response 202 added, with a body the other successes do not have: the result's `data` may now be it too",
        },
      ],
    });
    // Beside a 200 with a body: another of the same body repeats it; one with none makes `data` possibly undefined.
    const withBody = () => {
      const doc: any = vobiz();
      doc.paths[OP].delete.responses = {
        "200": json({ type: "string" }),
        "404": doc.paths[OP].delete.responses["404"],
      };
      return doc as OpenApiDocument;
    };
    expect(
      change((d) => (d.paths[OP].delete.responses["201"] = json({ type: "string" })), withBody).bump,
    ).toBe("minor");
    const empty = change((d) => (d.paths[OP].delete.responses["204"] = { description: "gone" }), withBody);
    expect(empty.bump).toBe("major");
    expect(empty.changes[0]).toEqual({
      bump: "major",
      subject,
      text: "response 204 added, with no body: the result's `data` may now be undefined",
    });
  });

  it("an operation removed is breaking by itself, alone on its path or beside others", () => {
    // A second operation on the path shares every component, so the removal is the only breaking change.
    const withGet = () => {
      const doc = vobiz();
      doc.paths![OP]!.get = { ...structuredClone(doc.paths![OP]!.delete), operationId: "get-ip-acl" };
      return doc;
    };
    const beside = diffSpecs(withGet(), vobiz(), "vobiz");
    expect(beside.bump).toBe("major");
    expect(beside.changes).toEqual([
      { bump: "major", subject: `\`getIpAcl\` (GET ${OP})`, text: "operation removed" },
    ]);
    // The whole path gone: every operation on it is reported removed, each breaking.
    const alone = change((d) => delete d.paths[OP]);
    expect(alone.bump).toBe("major");
    expect(alone.changes).toContainEqual({
      bump: "major",
      subject: `\`deleteIpAcl\` (DELETE ${OP})`,
      text: "operation removed",
    });
  });

  it("an operationId that renames the method is breaking", () => {
    const result = change((d) => (d.paths[OP].delete.operationId = "remove-ip-acl"));
    expect(result.bump).toBe("major");
    expect(result.changes).toContainEqual({
      bump: "major",
      subject: `\`deleteIpAcl\` (DELETE ${OP})`,
      text: "method renamed to `removeIpAcl`",
    });
    // Said once, as the rename: not also as a documentation-only "operationId changed".
    expect(result.changes).toHaveLength(1);
    // An operationId change that keeps the method's name is documentation only.
    const same = change((d) => (d.paths[OP].delete.operationId = "delete_ip_acl"));
    expect(same).toEqual({
      bump: "patch",
      changes: [
        { bump: "patch", subject: expect.stringContaining(`(DELETE ${OP})`), text: "operationId changed" },
      ],
    });
  });

  it("regions: a removed one is breaking, a new one is not", () => {
    const added = change((d) => d.servers.push({ url: "https://eu.vobiz.ai", "x-switchboard-region": "eu" }));
    // A second server renames `default` to the servers' own names: said as the rename it is, with the way
    // to keep the name.
    expect(added).toEqual({
      bump: "major",
      changes: [
        {
          bump: "major",
          text: expect.stringMatching(
            /^region `default` is now named `[\w-]+` \(the same https:\/\/api\.vobiz\.ai\/?\S*\): code passing `region: "default"` passes `"[\w-]+"`; to keep the name, give that server `x-switchboard-region: default` with an overlay$/,
          ),
        },
        { bump: "minor", text: "region `eu` added (https://eu.vobiz.ai)" },
      ],
    });
    const named = (doc: any) => {
      doc.servers[0]["x-switchboard-region"] = "global";
    };
    const base = () => {
      const doc = vobiz();
      named(doc);
      return doc;
    };
    const more = change(
      (d) => d.servers.push({ url: "https://eu.vobiz.ai", "x-switchboard-region": "eu" }),
      base,
    );
    expect(more).toEqual({
      bump: "minor",
      changes: [{ bump: "minor", text: "region `eu` added (https://eu.vobiz.ai)" }],
    });
  });

  it("server variables: an option added is minor; one removed, or a value it took no longer allowed, is breaking", () => {
    const withVariables = (tiers: string[]) => () => {
      const doc = vobiz();
      doc.servers = [
        {
          url: "https://{tenant}.{area}.vobiz.ai/{tier}",
          // `area`, the first with values to choose from, makes the regions; `tier` is an option.
          variables: {
            area: { default: "in", enum: ["in", "us"] },
            tenant: { default: "api" },
            tier: { default: "v1", enum: tiers },
          },
        },
      ];
      return doc;
    };
    const before = withVariables(["v1", "v1-beta"]);
    expect(diffSpecs(vobiz(), before(), "vobiz").changes.filter((c) => c.text.startsWith("option"))).toEqual([
      {
        bump: "minor",
        text: "option `tenant` added: `{tenant}` of the server URL, else VOBIZ_TENANT, else `api`",
      },
      { bump: "minor", text: "option `tier` added: `{tier}` of the server URL, else VOBIZ_TIER, else `v1`" },
    ]);
    expect(diffSpecs(before(), withVariables(["v1", "v2"])(), "vobiz")).toEqual({
      bump: "major",
      changes: [
        { bump: "major", text: "option `tier` no longer takes `v1-beta`" },
        { bump: "minor", text: "option `tier` also takes `v2`" },
      ],
    });
    expect(diffSpecs(before(), vobiz(), "vobiz").changes.filter((c) => c.text.startsWith("option"))).toEqual([
      { bump: "major", text: "option `tenant` (`{tenant}` of the server URL, VOBIZ_TENANT) removed" },
      { bump: "major", text: "option `tier` (`{tier}` of the server URL, VOBIZ_TIER) removed" },
    ]);
  });

  it("a new required credential is breaking", () => {
    const result = change((d) => {
      d.components.securitySchemes.Tenant = { type: "apiKey", in: "header", name: "X-Tenant" };
      d.security[0].Tenant = [];
    });
    expect(result.bump).toBe("major");
    expect(result.changes.map((c) => c.text)).toEqual([
      "new required credential `tenant` (VOBIZ_TENANT)",
      "authentication is now sent as header X-Auth-ID (`authId`) + header X-Auth-Token (`authToken`) + header X-Tenant (`tenant`) (was header X-Auth-ID (`authId`) + header X-Auth-Token (`authToken`))",
    ]);
  });

  it("a path parameter no longer filled from a credential is breaking; a newly filled one is not", () => {
    // Fills come from the settings file: the sync compares the packages' own provider definitions.
    const filled = definitionOf(
      readFileSync(join(repo, "packages", "vobiz", "src", "generated", "provider.ts"), "utf8"),
    )!;
    const unfilled = { ...filled, pathCredentials: {} };
    const removed = diffSpecs(vobiz(), vobiz(), "vobiz", { before: filled, after: unfilled });
    expect(removed.bump).toBe("major");
    expect(removed.changes.map((c) => c.text)).toEqual([
      "path parameter `auth_id` is no longer filled from credential `authId`: callers pass it",
    ]);
    const added = diffSpecs(vobiz(), vobiz(), "vobiz", { before: unfilled, after: filled });
    expect(added.changes.map((c) => c.text)).toEqual([
      "path parameter `auth_id` is filled from credential `authId` unless given",
    ]);
    expect(added.bump).toBe("minor");
  });

  it("a schema no operation uses is still part of the exported `components` type", () => {
    const base = () => {
      const doc = vobiz();
      doc.components!.schemas!.Unused = { type: "object", properties: { a: { type: "string" } } };
      return doc;
    };
    expect(change((d) => delete d.components.schemas.Unused, base).changes).toEqual([
      { bump: "major", text: '`components["schemas"]["Unused"]` removed' },
    ]);
    expect(change((d) => (d.components.schemas.Unused.properties.b = { type: "string" }), base).bump).toBe(
      "minor",
    );
  });
});

describe("diffSpecs compares what schemas mean, not how they are written", () => {
  /** Vobiz with a body, and an Error (its 404 response) holding a nested object and a `$ref`-ed array. */
  const base = () => {
    const doc = withBody() as any;
    doc.components.schemas.Tags = { type: "array", items: { type: "string" } };
    Object.assign(error(doc).properties, {
      tags: { $ref: "#/components/schemas/Tags" },
      detail: { type: "object", properties: { field: { type: "string" }, hint: { type: "string" } } },
    });
    return doc as OpenApiDocument;
  };
  const breaking = (result: ReturnType<typeof diffSpecs>) =>
    result.changes.filter((c) => c.bump === "major").map((c) => c.text);

  it("a `$ref` gaining a sibling description is documentation, not a type change or a removal", () => {
    const result = change((d) => (error(d).properties.tags.description = "Labels."), base);
    expect(breaking(result)).toEqual([]);
    expect(["none", "patch"]).toContain(result.bump);
  });

  it.each([
    ["alone", (ref: object) => ref],
    ["with a sibling description", (ref: object) => ({ ...ref, description: "Where it went wrong." })],
    ["wrapped in `allOf`", (ref: object) => ({ allOf: [ref] })],
  ])("an inline schema moved into a component behind a `$ref` (%s) removes nothing", (_name, written) => {
    const result = change((d) => {
      d.components.schemas.Detail = error(d).properties.detail;
      error(d).properties.detail = written({ $ref: "#/components/schemas/Detail" });
    }, base);
    expect(breaking(result)).toEqual([]);
    expect(result.changes.map((c) => c.text).join("\n")).not.toContain("removed");
  });

  it("what changed behind a `$ref` that gained a description is reported as itself", () => {
    const result = change((d) => {
      error(d).properties.tags.description = "Labels.";
      d.components.schemas.Tags.items = { type: "integer" };
    }, base);
    expect(breaking(result)).toEqual(["response 404 field `tags[]` type string → integer"]);
  });

  it("a new `oneOf` in a request body does not make its fields required", () => {
    const result = change((d) => (body(d).oneOf = [{ required: ["reason"] }, { required: ["note"] }]), base);
    const texts = result.changes.map((c) => c.text).join("\n");
    expect(texts).not.toContain("is now required");
    expect(texts).toContain("oneOf added");
  });

  it("a field removed inside a retyped schema is breaking, also in a component no operation uses", () => {
    const unused = () => {
      const doc = base() as any;
      doc.components.responses = {
        Unused: {
          description: "Not used yet.",
          content: { "application/json": { schema: { type: "object", properties: { a: {}, b: {} } } } },
        },
      };
      return doc as OpenApiDocument;
    };
    const result = change((d) => {
      const schema = d.components.responses.Unused.content["application/json"].schema;
      delete schema.type;
      delete schema.properties.b;
    }, unused);
    expect(result.bump).toBe("major");
    expect(result.changes).toContainEqual({
      bump: "major",
      text: '`components["responses"]["Unused"]` (application/json) field `b` removed',
    });
  });

  it("a field removed inside a new `oneOf` that no alternative has is breaking", () => {
    const result = change((d) => {
      const { detail } = error(d).properties;
      error(d).properties.detail = {
        oneOf: [{ type: "object", properties: { field: detail.properties.field } }, { type: "string" }],
      };
    }, base);
    expect(breaking(result)).toContain("response 404 field `detail.hint` removed");
    expect(breaking(result)).not.toContain("response 404 field `detail.field` removed");
  });

  it("component additions and removals are one line per kind, the names below it", () => {
    const withUnused = () => {
      const doc = base();
      for (const name of ["UnusedB", "UnusedA", "UnusedC"])
        doc.components!.schemas![name] = { type: "string" };
      return doc;
    };
    const result = change((d) => {
      for (const name of ["UnusedA", "UnusedB", "UnusedC"]) delete d.components.schemas[name];
    }, withUnused);
    expect(result.changes).toEqual([
      {
        bump: "major",
        text: '3 `components["schemas"]` types removed (code that names them directly no longer compiles)',
        details: ["UnusedA", "UnusedB", "UnusedC"].map((n) => `\`components["schemas"]["${n}"]\``),
      },
    ]);
  });
});

describe("diffSpecs on webhooks: the payload is what a handler reads, the events a union it switches on", () => {
  const event = (durationType = "integer") => ({
    post: {
      summary: "Call completed",
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["call_uuid"],
              properties: { call_uuid: { type: "string" }, duration: { type: durationType } },
            },
          },
        },
      },
      responses: { "200": { description: "Received" } },
    },
  });
  const withWebhooks = (webhooks: Record<string, unknown>) => () => {
    const doc = { ...vobiz(), openapi: "3.1.0" } as OpenApiDocument & { webhooks?: object };
    if (Object.keys(webhooks).length) doc.webhooks = structuredClone(webhooks);
    return doc;
  };
  const one = withWebhooks({ "call.completed": event() });
  const two = withWebhooks({ "call.completed": event(), "call.answered": event() });
  const payload = (doc: any) =>
    doc.webhooks["call.completed"].post.requestBody.content["application/json"].schema;

  it("a package's first webhooks are new exports: minor, one line each", () => {
    expect(diffSpecs(withWebhooks({})(), two(), "vobiz")).toEqual({
      bump: "minor",
      changes: [
        { bump: "minor", subject: "webhook `call.completed`", text: "new webhook" },
        { bump: "minor", subject: "webhook `call.answered`", text: "new webhook" },
      ],
    });
  });

  it("an event added beside others widens the union, as a new enum value does; one removed breaks its `case`", () => {
    const added = diffSpecs(one(), two(), "vobiz");
    expect(added.bump).toBe("major");
    expect(added.changes).toEqual([
      {
        bump: "major",
        subject: "webhook `call.answered`",
        text: "new webhook: the events' union may now be it, so an exhaustive `switch` over events no longer compiles",
      },
    ]);
    expect(diffSpecs(two(), one(), "vobiz").changes).toEqual([
      { bump: "major", subject: "webhook `call.answered`", text: "webhook removed" },
    ]);
  });

  it("a payload field removed or retyped breaks a handler; one added does not; a summary is documentation", () => {
    const removed = change((d) => delete payload(d).properties.duration, one);
    expect(removed.changes).toEqual([
      { bump: "major", subject: "webhook `call.completed`", text: "payload field `duration` removed" },
    ]);
    const added = change((d) => (payload(d).properties.cause = { type: "string" }), one);
    expect(added).toEqual({
      bump: "minor",
      changes: [{ bump: "minor", subject: "webhook `call.completed`", text: "payload field `cause` added" }],
    });
    expect(change((d) => (payload(d).properties.duration.type = "string"), one).bump).toBe("major");
    expect(change((d) => payload(d).required.pop(), one).bump).toBe("major");
    expect(change((d) => (d.webhooks["call.completed"].post.summary = "Call ended"), one).bump).toBe("patch");
  });

  it("a 3.0 document's x-webhooks are judged as webhooks are (GitHub declares its events there)", () => {
    const as30 = (make: () => OpenApiDocument & { webhooks?: object }) => () => {
      const { webhooks, ...doc } = make();
      return { ...doc, openapi: "3.0.3", "x-webhooks": webhooks } as OpenApiDocument;
    };
    expect(diffSpecs(as30(one)(), as30(two)(), "vobiz").changes).toEqual([
      {
        bump: "major",
        subject: "webhook `call.answered`",
        text: "new webhook: the events' union may now be it, so an exhaustive `switch` over events no longer compiles",
      },
    ]);
    const retyped = as30(one)() as any;
    retyped["x-webhooks"]["call.completed"].post.requestBody.content[
      "application/json"
    ].schema.properties.duration.type = "string";
    expect(diffSpecs(as30(one)(), retyped, "vobiz").changes).toEqual([
      expect.objectContaining({ bump: "major", subject: "webhook `call.completed`" }),
    ]);
    // A document without events before: its first x-webhooks are new exports.
    const bare = { ...vobiz(), openapi: "3.0.3" } as OpenApiDocument;
    expect(diffSpecs(bare, as30(one)(), "vobiz").changes).toEqual([
      { bump: "minor", subject: "webhook `call.completed`", text: "new webhook" },
    ]);
  });

  it("an operation's callbacks are events too, judged alike", () => {
    const callback = () => ({ "{$request.body#/callback_url}": event() });
    const withCallbacks = (names: string[]) => () => {
      const doc = vobiz();
      (doc.paths![OP]!.delete as any).callbacks = Object.fromEntries(names.map((n) => [n, callback()]));
      return doc;
    };
    const subject = (name: string) => `callback \`${name}\` of \`deleteIpAcl\` (DELETE ${OP})`;
    expect(diffSpecs(vobiz(), withCallbacks(["deleted"])(), "vobiz")).toEqual({
      bump: "minor",
      changes: [{ bump: "minor", subject: subject("deleted"), text: "new callback" }],
    });
    const [one, two] = [withCallbacks(["deleted"]), withCallbacks(["deleted", "failed"])];
    expect(diffSpecs(one(), two(), "vobiz").changes).toEqual([
      {
        bump: "major",
        subject: subject("failed"),
        text: "new callback: the events' union may now be it, so an exhaustive `switch` over events no longer compiles",
      },
    ]);
    expect(diffSpecs(two(), one(), "vobiz").changes).toEqual([
      { bump: "major", subject: subject("failed"), text: "callback removed" },
    ]);
    const schema = (d: any) =>
      d.paths[OP].delete.callbacks.deleted["{$request.body#/callback_url}"].post.requestBody.content[
        "application/json"
      ].schema;
    expect(change((d) => delete schema(d).properties.duration, one).changes).toEqual([
      { bump: "major", subject: subject("deleted"), text: "payload field `duration` removed" },
    ]);
  });

  it("a payload that is a shared component: its change is reported at each event, as a payload's", () => {
    // The payload a `$ref` to `Call`, which a response uses too: the diff library follows `$ref`s in requests
    // and responses but not into events, so the callback's and the webhook's breaking change went unsaid.
    const shared = () => {
      const doc = one() as any;
      const schema = structuredClone(payload(doc));
      doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Call: schema } };
      doc.webhooks["call.completed"].post.requestBody.content["application/json"].schema = {
        $ref: "#/components/schemas/Call",
      };
      doc.paths[OP].delete.callbacks = {
        deleted: {
          "{$request.body#/callback_url}": {
            post: {
              requestBody: {
                content: { "application/json": { schema: { $ref: "#/components/schemas/Call" } } },
              },
              responses: { "200": { description: "OK" } },
            },
          },
        },
      };
      return doc as OpenApiDocument;
    };
    const without = shared() as any;
    delete without.components.schemas.Call.properties.duration;
    const removed = diffSpecs(shared(), without, "vobiz");
    expect(removed.bump).toBe("major");
    expect(removed.changes).toEqual([
      {
        bump: "major",
        subject: "webhook `call.completed`",
        text: '`components["schemas"]["Call"]` field `duration` removed',
      },
      {
        bump: "major",
        subject: `callback \`deleted\` of \`deleteIpAcl\` (DELETE ${OP})`,
        text: '`components["schemas"]["Call"]` field `duration` removed',
      },
    ]);
  });
});
