/**
 * Every name the generator derives (methods, types, files, environment variables) goes through here, so the
 * same spec always yields the same names.
 */

/** Splits `DeleteIp`, `delete-ip-acl`, `sip_trunks`, `X-Auth-ID`, `10dlc_Error` into lower-case words. */
export function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const upperFirst = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export const camelCase = (input: string) =>
  words(input)
    .map((w, i) => (i === 0 ? w : upperFirst(w)))
    .join("");
export const pascalCase = (input: string) => words(input).map(upperFirst).join("");
export const kebabCase = (input: string) => words(input).join("-");
export const constantCase = (input: string) => words(input).join("_").toUpperCase();

/** A JavaScript identifier cannot start with a digit; `10dlcError` becomes `_10dlcError`. */
export function identifier(name: string): string {
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * The method name for an operation without an operationId: the HTTP method followed by the path, with
 * parameters introduced by "By" (`DELETE /sip-trunks/trunks/{trunk_id}` → `deleteSipTrunksTrunksByTrunkId`).
 * Only the method and path go in, so the name is stable for as long as the endpoint exists.
 */
export function fallbackOperationName(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((segment) => segment.replace(/\{([^}]+)\}/g, " by $1 "));
  return identifier(camelCase([method.toLowerCase(), ...parts].join(" ")));
}

/** The method name for an operation: its operationId in camelCase, else the method-and-path fallback. */
export function operationName(operationId: string | undefined, method: string, path: string): string {
  const fromId = operationId ? identifier(camelCase(operationId)) : "";
  return fromId || fallbackOperationName(method, path);
}
