/** The JSON Schema dialect examples and requests are checked in (src/validate.ts), by the document's version. */
import { describe, expect, it } from "vitest";
import { conforms } from "../src/validate.js";

// `prefixItems` is a 2020-12 keyword: a dialect that knows it refuses a number as the first item; draft-07
// ignores the keyword and accepts anything.
const tuple = { type: "array", prefixItems: [{ type: "string" }] };
const spec = (openapi: string) => ({ openapi, info: { title: "t", version: "1" }, paths: {} });

describe("the schema dialect", () => {
  it("is JSON Schema 2020-12 for OpenAPI 3.1 and 3.2 documents", () => {
    expect(conforms([1], tuple, spec("3.1.0"))).toBe(false);
    expect(conforms([1], tuple, spec("3.2.0"))).toBe(false);
    expect(conforms(["a"], tuple, spec("3.2.0"))).toBe(true);
  });

  it("is draft-07 for OpenAPI 3.0 documents (Swagger 2.0 ones are read as 3.0)", () => {
    expect(conforms([1], tuple, spec("3.0.3"))).toBe(true);
  });
});
