/**
 * public-url.ts: a URL as the generator writes it down (provenance, generated links, reports, errors), without
 * the token or password a private documentation site was fetched with, and otherwise exactly as given.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { isSecretParameter, publicUrl, withPublicUrls } from "../src/public-url.js";

describe("a URL as it is written down", () => {
  it("drops a user, a password and the query parameters that carry credentials, and keeps the rest", () => {
    expect(publicUrl("https://alice:s3cret@docs.acme.test/api/openapi.yaml")).toBe(
      "https://docs.acme.test/api/openapi.yaml",
    );
    expect(publicUrl("https://docs.acme.test/llms.txt?lang=en&token=abc&v=2")).toBe(
      "https://docs.acme.test/llms.txt?lang=en&v=2",
    );
    // A presigned S3 link: its credential, signature and session token.
    expect(
      publicUrl(
        "https://b.s3.amazonaws.com/o.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA&X-Amz-Signature=ff&X-Amz-Security-Token=tt",
      ),
    ).toBe("https://b.s3.amazonaws.com/o.json?X-Amz-Algorithm=AWS4-HMAC-SHA256");
    // Written exactly as given when there is nothing to drop (no normalising of its case or encoding).
    for (const url of ["https://Docs.Acme.test/a%2fb?q=1#x", "specs/acme/openapi.yaml", "not a url"])
      expect(publicUrl(url)).toBe(url);
  });

  it("tells a credential's name by its words, not by letters inside another word", () => {
    for (const name of [
      "token",
      "access_token",
      "apiKey",
      "api-key",
      "API_KEY",
      "sig",
      "client_secret",
      "password",
      "auth",
      "code",
      "X-Amz-Signature",
      "sessionId",
    ])
      expect(isSecretParameter(name), name).toBe(true);
    for (const name of [
      "monkey",
      "signup",
      "keyboard_layout",
      "lang",
      "version",
      "page",
      "authors",
      "barcode",
    ])
      expect(isSecretParameter(name), name).toBe(false);
  });

  it("rewrites every URL in a text, leaving the sentence's punctuation and everything else", () => {
    expect(
      withPublicUrls("could not fetch https://u:p@a.test/x.md?key=k, then (https://b.test/y?token=t)."),
    ).toBe("could not fetch https://a.test/x.md, then (https://b.test/y).");
    // An input error says its file and detail so, wherever it is printed or kept.
    const error = new InputError("https://a.test/x.md?token=t", "redirects to https://u:p@b.test/y");
    expect([error.file, error.detail, error.message]).toEqual([
      "https://a.test/x.md",
      "redirects to https://b.test/y",
      "https://a.test/x.md: redirects to https://b.test/y",
    ]);
  });
});
