import { pathToFileURL } from "node:url";

/**
 * This module's URL, for `createRequire`: the package ships an ES module build, where `import.meta.url` is
 * it, and a CommonJS build, where `import.meta` is empty and `__filename` is the way.
 */
export function moduleUrl(): string {
  return typeof import.meta?.url === "string" ? import.meta.url : pathToFileURL(__filename).href;
}
