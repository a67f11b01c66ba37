/**
 * Swagger 2.0 documents are vendored as published and read as OpenAPI 3.0 from here on: every later stage
 * (overlays, merging, checks, types, mocks, release diffs) sees only OpenAPI 3.x. Overlays therefore address
 * the converted document (`$.components.schemas.Pet`, not `$.definitions.Pet`), as the checks' suggested
 * fixes do; problems are still reported at the line of the vendored file they come from.
 *
 * The conversion is Scalar's `@scalar/openapi-upgrader` (maintained, pure, no network), not by hand:
 * body and formData parameters become request bodies, `produces`/`consumes` media types, `collectionFormat`
 * styles, `x-nullable`, `securityDefinitions`, `definitions` → `components`.
 */
import { upgrade } from "@scalar/openapi-upgrader";
import type { OpenApiDocument } from "./openapi-document.js";
import type { ParsedFile } from "./yaml-file.js";

/** A parsed document is Swagger 2.0 (`swagger: "2.0"`, or unquoted `2.0`, which YAML reads as 2; no `openapi`). */
export function isSwagger2(value: unknown): value is { swagger: "2.0" | 2 } {
  const doc = value as { swagger?: unknown; openapi?: unknown } | null;
  return (
    typeof doc === "object" &&
    doc !== null &&
    (doc.swagger === "2.0" || doc.swagger === 2) &&
    doc.openapi === undefined
  );
}

/**
 * The OpenAPI 3.0 form of a Swagger 2.0 document (a new object; the argument is left as it was), or the
 * document itself when it is not Swagger 2.0.
 */
export function asOpenApi3(value: unknown): OpenApiDocument {
  if (!isSwagger2(value)) return value as OpenApiDocument;
  // The converter knows the version by the string.
  const copy: Record<string, unknown> = { ...(structuredClone(value) as object), swagger: "2.0" };
  // Without `schemes`, Swagger 2.0 means the scheme the document was fetched with; vendored documents come
  // over https, and the converter would otherwise assume http. An overlay on `servers` says otherwise.
  if (copy.host !== undefined && copy.schemes === undefined) copy.schemes = ["https"];
  return upgrade(copy, "3.0") as unknown as OpenApiDocument;
}

// Where the converted document's nodes were in the Swagger 2.0 file, by the first segments of their path.
const COMPONENTS: Record<string, string> = {
  schemas: "definitions",
  parameters: "parameters",
  responses: "responses",
  securitySchemes: "securityDefinitions",
};

/** The path in a Swagger 2.0 file of a node of its OpenAPI 3.0 form, as near as the file has one. */
export function swaggerPathOf(path: ReadonlyArray<string | number>): Array<string | number> {
  const [first, second, ...rest] = path;
  if (first === "components" && typeof second === "string" && COMPONENTS[second])
    return [COMPONENTS[second]!, ...rest];
  if (first === "servers") return ["host"];
  if (first === "paths" && path.length > 3) {
    const [, route, method, part, ...below] = path;
    if (part === "requestBody") return ["paths", route!, method!, "parameters"];
    // `responses.200.content.<type>.schema…` was `responses.200.schema…`.
    if (part === "responses" && below[1] === "content")
      return ["paths", route!, method!, "responses", below[0]!, ...below.slice(3)];
  }
  return [...path];
}

/**
 * A parsed vendored file as the bundle reads it: its OpenAPI 3.0 form when it is Swagger 2.0, with lines
 * still found in the file as published. Other files are returned as they are.
 */
export function readAsOpenApi3(file: ParsedFile): ParsedFile {
  if (!isSwagger2(file.value)) return file;
  return {
    ...file,
    value: asOpenApi3(file.value),
    lineOf: (path) => file.lineOf(swaggerPathOf(path)),
  };
}
