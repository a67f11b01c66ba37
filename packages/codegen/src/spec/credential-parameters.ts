/**
 * Parameters that are an operation's credential: a query, header or cookie parameter named as an API-key
 * scheme of the security requirement every call of the operation carries (FEC's `api_key` on each of its
 * operations, SoundCloud's `client_id` on `GET /connect`). The client sends that credential itself
 * (core's `authorize`), so the parameter would go out twice (`?client_id=a&client_id=b`, which a server reads
 * as a list) and be typed as an input the caller must repeat. They are taken out of the document the package
 * is generated from (its types, its table and the mocks' `openapi.json`), as client-owned headers are; which
 * requirement an operation sends depends on the provider's settings, so this runs where they are known. An
 * operation whose security names no scheme the settings name sends the client's default, so its parameter
 * where that default goes is one too; a parameter of an operation that may go without the credential (`{}`
 * among its security, or `security: []`) stays an input.
 */
import {
  deref,
  derefIfResolvable,
  HTTP_METHODS,
  type OpenApiDocument,
  operationsOf,
} from "./openapi-document.js";
import { securityPlan } from "./security-plan.js";

/** `doc` without its operations' credential parameters: a copy when there are any, else `doc` itself. */
export function withoutCredentialParameters(
  doc: OpenApiDocument,
  declared: ReadonlySet<string>,
): OpenApiDocument {
  const { alwaysSent } = securityPlan(doc, declared);
  // Where each operation's credential goes: `query client_id`, `header x-api-key` (header names lower-case).
  const keyOf = (where: unknown, name: unknown) =>
    `${where} ${where === "header" ? String(name).toLowerCase() : name}`;
  const credentialsOf = (at: string) =>
    new Set(
      (alwaysSent.get(at) ?? []).flatMap((name) => {
        const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
        return scheme?.type === "apiKey" ? [keyOf(scheme.in, scheme.name)] : [];
      }),
    );
  // A dangling reference is the checks' to report, before this runs: such a parameter is no credential.
  const paramKey = (raw: unknown) => {
    const param = derefIfResolvable<any>(doc, raw);
    return param ? keyOf(param.in, param.name) : undefined;
  };
  const isCredential = (raw: unknown, credentials: ReadonlySet<string>) =>
    credentials.has(paramKey(raw) ?? "");
  const dropped = new Map<string, ReadonlySet<string>>();
  for (const { path, method, operation, pathItem } of operationsOf(doc)) {
    const credentials = credentialsOf(`${method.toUpperCase()} ${path}`);
    const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
    if (params.some((p) => isCredential(p, credentials))) dropped.set(`${method} ${path}`, credentials);
  }
  if (dropped.size === 0) return doc;

  const copy = structuredClone(doc);
  for (const [path, item] of Object.entries(copy.paths ?? {})) {
    if (!item || typeof item !== "object" || typeof (item as any).$ref === "string") continue;
    const pathItem = item as Record<string, any>;
    const methods = HTTP_METHODS.filter((m) => pathItem[m] && typeof pathItem[m] === "object");
    if (!methods.some((m) => dropped.has(`${m} ${path}`))) continue;
    // The path item's parameters go down into each of its operations (an operation's own parameter of the
    // same place and name wins, as OpenAPI says), so that one operation's credential is taken from it alone.
    const shared: unknown[] = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of methods) {
      const operation = pathItem[method];
      const own: unknown[] = Array.isArray(operation.parameters) ? operation.parameters : [];
      const overridden = new Set(own.map((p) => paramKey(p)));
      const parameters = [...shared.filter((p) => !overridden.has(paramKey(p))), ...own];
      const credentials = dropped.get(`${method} ${path}`) ?? new Set<string>();
      operation.parameters = parameters.filter((p) => !isCredential(p, credentials));
    }
    delete pathItem.parameters;
  }
  return copy;
}
