/**
 * A method's `data` is what the runtime reads: the body of a success that has one, and `undefined` where the
 * status carries none (204, 205), whatever content a document gives such a status.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { CallOptions, OperationData, OperationErrorBody, OperationInput } from "../src/index.js";

type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type Binary<Media extends string> = { headers: { [name: string]: unknown }; content: { [M in Media]: Blob } };
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

describe("binary bodies", () => {
  it("are the Blob the runtime reads, whose methods can be called (not a Blob's shape mapped to {})", () => {
    type Data = OperationData<Operation<{ 200: Binary<"audio/mpeg"> }>>;
    expectTypeOf<Data>().toEqualTypeOf<Blob>();
    expectTypeOf<ReturnType<Data["text"]>>().toEqualTypeOf<Promise<string>>();
    expectTypeOf<
      OperationErrorBody<Operation<{ 200: Empty; 400: Binary<"application/pdf"> }>>
    >().toEqualTypeOf<Blob>();
  });

  it("are a Blob in a request body, and in a multipart field beside readOnly checks", () => {
    type Upload = Omit<Operation<{ 200: Empty }>, "requestBody"> & {
      requestBody: {
        content: {
          "multipart/form-data": { file: Blob; name: string; readonly id?: { readonly $read: string } };
        };
      };
    };
    type Body = OperationInput<Upload>["body"];
    expectTypeOf<Body["file"]>().toEqualTypeOf<Blob>();
    expectTypeOf<{ file: Blob; name: string }>().toExtend<Body>();
    expectTypeOf<{ file: Blob; name: string; id: string }>().not.toExtend<Body>();
  });
});

describe("a request body binary as a whole", () => {
  it("takes a Blob, bytes or text, as rawBody sends them, but no plain object", () => {
    type Put = Omit<Operation<{ 200: Empty }>, "requestBody"> & {
      requestBody: { content: { "application/octet-stream": Blob } };
    };
    type Body = OperationInput<Put>["body"];
    expectTypeOf<Blob>().toExtend<Body>();
    expectTypeOf<Uint8Array>().toExtend<Body>();
    expectTypeOf<ArrayBuffer>().toExtend<Body>();
    expectTypeOf<string>().toExtend<Body>();
    expectTypeOf<{ file: Blob }>().not.toExtend<Body>();
    expectTypeOf<ReadableStream>().not.toExtend<Body>();
  });
});

describe("an operation documenting only a default response", () => {
  it("has its success typed by it: the runtime hands a 200's body over as data", () => {
    expectTypeOf<OperationData<Operation<{ default: Json<{ x: number }> }>>>().toEqualTypeOf<{ x: number }>();
    expectTypeOf<OperationErrorBody<Operation<{ default: Json<{ x: number }> }>>>().toEqualTypeOf<{
      x: number;
    }>();
  });

  it("is an error body only where a success is documented", () => {
    type Both = Operation<{ 200: Json<{ id: string }>; default: Json<{ message: string }> }>;
    expectTypeOf<OperationData<Both>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<OperationErrorBody<Both>>().toEqualTypeOf<{ message: string }>();
  });
});

describe("an operation documenting only a redirect", () => {
  it("has data typed unknown: the runtime follows it and reads the target's body by its type", () => {
    expectTypeOf<OperationData<Operation<{ 302: Empty; 404: Json<{ message: string }> }>>>().toBeUnknown();
    expectTypeOf<OperationData<Operation<{ "3XX": Empty }>>>().toBeUnknown();
    // A documented success still types it; an operation with errors only, or a 304, has no body to give.
    expectTypeOf<OperationData<Operation<{ 200: Json<{ id: string }>; 302: Empty }>>>().toEqualTypeOf<{
      id: string;
    }>();
    expectTypeOf<OperationData<Operation<{ 304: Empty; 404: Empty }>>>().toEqualTypeOf<undefined>();
  });
});

describe("the input of an operation that takes nothing", () => {
  it("takes no key: an empty type would take any object, and the call then threw 'no parameter'", () => {
    type Input = OperationInput<Operation<{ 200: Json<{ ok: boolean }> }>>;
    expectTypeOf<{}>().toMatchTypeOf<Input>();
    expectTypeOf<{ "xi-api-key": string }>().not.toMatchTypeOf<Input>();
  });
});

describe("an Accept header parameter", () => {
  it("is no input: the row sends it, and a call overrides it through headers", () => {
    type Get = Omit<Operation<{ 200: Empty }>, "parameters"> & {
      parameters: {
        query?: never;
        header: { Accept: string; "X-Trace"?: string };
        path: { id: string };
        cookie?: never;
      };
    };
    expectTypeOf<OperationInput<Get>>().toEqualTypeOf<{ id: string; "X-Trace"?: string }>();
  });
});

describe("a call's headers", () => {
  it("take a Headers object and null (which removes one), as the runtime does", () => {
    expectTypeOf<{ headers: Headers }>().toMatchTypeOf<CallOptions>();
    expectTypeOf<{ headers: { "User-Agent": null; "X-Trace": string } }>().toMatchTypeOf<CallOptions>();
    expectTypeOf<{ headers: { "X-Count": number } }>().not.toMatchTypeOf<CallOptions>();
  });
});
