import { pathToFileURL } from "node:url";

/**
 * This module's URL, for `createRequire`: in the ES module the package ships, `import.meta.url`. Where a test
 * runner compiles the package to CommonJS (Jest with babel-jest and babel-plugin-transform-import-meta),
 * `import.meta.url` is rewritten to this file's URL, or is missing and `__filename` is the way. Written
 * `import.meta.url`, never `import.meta?.url`: the plugin rewrites only the plain form, and the optional one
 * was left as a syntax error in CommonJS.
 */
export function moduleUrl(): string {
  const url: unknown = import.meta.url;
  return typeof url === "string" ? url : pathToFileURL(__filename).href;
}
