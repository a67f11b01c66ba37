/**
 * A method's `data` is what the runtime reads: the body of a success that has one, and `undefined` where the
 * status carries none (204, 205), whatever content a document gives such a status.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { OperationData } from "../src/index.js";

type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type Empty = { headers: { [name: string]: unknown }; content?: never };
type Operation<Responses> = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: Responses;
};

describe("OperationData", () => {
  it("is the body of a success that has one", () => {
    expectTypeOf<OperationData<Operation<{ 200: Json<{ id: string }> }>>>().toEqualTypeOf<{ id: string }>();
  });

  it("is undefined for a 204, also where the document gives it content (Visual Studio's secrets)", () => {
    expectTypeOf<OperationData<Operation<{ 204: Empty }>>>().toEqualTypeOf<undefined>();
    // Before: `{ billableOwnerType: number }`, which the runtime never returns.
    expectTypeOf<
      OperationData<Operation<{ 204: Json<{ billableOwnerType: number }> }>>
    >().toEqualTypeOf<undefined>();
    expectTypeOf<OperationData<Operation<{ 205: Json<{ reset: true }> }>>>().toEqualTypeOf<undefined>();
  });

  it("may be either where an operation answers with a body or with a 204", () => {
    expectTypeOf<OperationData<Operation<{ 200: Json<{ id: string }>; 204: Empty }>>>().toEqualTypeOf<
      { id: string } | undefined
    >();
    expectTypeOf<
      OperationData<Operation<{ 201: Json<{ id: string }>; 204: Json<{ id: string; ignored: true }> }>>
    >().toEqualTypeOf<{ id: string } | undefined>();
  });
});
