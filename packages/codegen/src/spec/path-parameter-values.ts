/**
 * The empty string taken out of a path parameter's `enum` in the bundle, before anything is generated from it.
 * A path segment cannot be empty (`/jobs/{state}` with "" is `/jobs/`: another route, or none), so the runtime
 * refuses "" as a missing parameter; a type that offered it would compile a call that always fails, and a mock
 * that sampled it would send one. PeerTube's `GET /jobs/{state}` lists "" to mean any state.
 *
 * The parameter's own schema changes, never a schema it refers to (a `$ref`'d enum may type a response body,
 * where "" is a value like any other): a referenced schema is copied into the parameter first.
 */
import { deref, HTTP_METHODS, isObject, type OpenApiDocument } from "./openapi-document.js";

/** Returns how many parameters it changed. */
export function dropEmptyPathValues(doc: OpenApiDocument): number {
  let changed = 0;
  const visit = (holder: Record<string, any>) => {
    if (!Array.isArray(holder.parameters)) return;
    for (const raw of holder.parameters) {
      let param: unknown;
      let schema: unknown;
      try {
        param = deref(doc, raw);
        schema = isObject(param) ? deref(doc, param.schema) : undefined;
      } catch {
        continue; // a dangling or looping reference is the checks' to report, before this runs
      }
      if (!isObject(param) || param.in !== "path" || !isObject(schema) || !Array.isArray(schema.enum))
        continue;
      const values = schema.enum.filter((value: unknown) => value !== "");
      if (values.length === schema.enum.length || values.length === 0) continue;
      param.schema = { ...schema, enum: values };
      changed++;
    }
  };
  for (const item of Object.values(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    visit(item);
    for (const method of HTTP_METHODS) if (isObject(item[method])) visit(item[method]);
  }
  return changed;
}
