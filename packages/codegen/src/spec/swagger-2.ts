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
import { InputError, throwAll } from "../errors.js";
import { HTTP_METHODS, type OpenApiDocument } from "./openapi-document.js";
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
  Object.assign(copy, swaggerServer(copy));
  return upgrade(copy, "3.0") as unknown as OpenApiDocument;
}

/**
 * A Swagger 2.0 document's `host`, `basePath` and `schemes` as it means them, written as the converter reads
 * them; only the fields it has a host for. Published documents write these loosely, and the converter takes
 * each literally (`https://https://api.example.com`, `https://api.example.comv1`, a string of schemes read as
 * none, so http):
 *
 * - a `host` with a scheme or a path (`https://api.example.com/v1`): its scheme is the document's when it
 *   lists none, and its path goes before `basePath`;
 * - a `basePath` without its leading `/`;
 * - `schemes` written as one string.
 *
 * Without `schemes`, Swagger 2.0 means the scheme the document was fetched with; vendored documents come over
 * https, and the converter would otherwise assume http. Where both are listed, https comes first, so that it is
 * the client's default server. An overlay on `servers` says otherwise.
 */
export function swaggerServer(doc: {
  host?: unknown;
  basePath?: unknown;
  schemes?: unknown;
}): { host: string; basePath?: string; schemes: string[] } | undefined {
  if (typeof doc.host !== "string" || !doc.host.trim()) return undefined;
  const written = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/]*)(.*)$/i.exec(doc.host.trim()) ?? [];
  const [, scheme, hostOnly, hostPath] = written.length
    ? written
    : (/^()([^/]*)(.*)$/.exec(doc.host.trim()) as RegExpExecArray);
  const listed = (
    typeof doc.schemes === "string" ? [doc.schemes] : Array.isArray(doc.schemes) ? doc.schemes : []
  )
    .filter((s): s is string => typeof s === "string" && s.trim() !== "")
    .map((s) => s.trim().toLowerCase());
  const schemes = listed.length ? listed : [scheme?.toLowerCase() || "https"];
  if (schemes.includes("https")) schemes.sort((a, b) => Number(b === "https") - Number(a === "https"));
  const base = typeof doc.basePath === "string" ? doc.basePath : "";
  const joined = `${(hostPath ?? "").replace(/\/+$/, "")}${base && !base.startsWith("/") ? "/" : ""}${base}`;
  return { host: hostOnly!, ...(joined ? { basePath: joined } : {}), schemes };
}

/** The URL of a Swagger 2.0 document's first server once converted, or undefined without a host. */
export function swaggerServerUrl(doc: {
  host?: unknown;
  basePath?: unknown;
  schemes?: unknown;
}): string | undefined {
  const server = swaggerServer(doc);
  if (!server) return undefined;
  const path = server.basePath === "/" ? "" : (server.basePath ?? "");
  return `${server.schemes[0]}://${server.host}${path}`;
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
  throwAll(parameterProblems(file));
  let value: OpenApiDocument;
  try {
    value = asOpenApi3(file.value);
  } catch (error) {
    // The converter's own refusal, which names no place: the checks above catch the ones seen so far.
    throw new InputError(file.file, `cannot be read as Swagger 2.0: ${(error as Error).message}`);
  }
  return { ...file, value, lineOf: (path) => file.lineOf(swaggerPathOf(path)) };
}

const SWAGGER_PLACES = ["body", "query", "path", "header", "formData"];

/**
 * Parameters the converter would refuse without saying where (one without `in`), each at its line: it
 * reads every parameter of the document to convert it, so these stop it before any other check can run.
 */
function parameterProblems(file: ParsedFile): InputError[] {
  const doc = file.value as Record<string, any>;
  const lists: Array<[unknown, Array<string | number>]> = [];
  const shared = doc.parameters;
  if (shared && typeof shared === "object" && !Array.isArray(shared))
    for (const [name, param] of Object.entries(shared)) lists.push([[param], ["parameters", name]]);
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    lists.push([(item as any).parameters, ["paths", route, "parameters"]]);
    for (const method of HTTP_METHODS) {
      const operation = (item as any)[method];
      if (operation && typeof operation === "object")
        lists.push([operation.parameters, ["paths", route, method, "parameters"]]);
    }
  }
  const problems: InputError[] = [];
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((param, i) => {
      const path = at[0] === "parameters" ? at : [...at, i];
      if (param && typeof param === "object" && typeof param.$ref === "string") return;
      const ok =
        param &&
        typeof param === "object" &&
        typeof param.name === "string" &&
        SWAGGER_PLACES.includes(param.in);
      if (ok) return;
      const detail = `a Swagger 2.0 parameter needs a \`name\` and an \`in\` of ${SWAGGER_PLACES.join(", ")} (has name ${JSON.stringify(param?.name) ?? "none"}, in ${JSON.stringify(param?.in) ?? "none"}); overlays apply to the converted document, which this stops, so it takes a corrected document from the provider`;
      problems.push(new InputError(file.file, detail, file.lineOf(path)));
    });
  }
  return problems;
}
