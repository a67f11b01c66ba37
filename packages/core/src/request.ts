/** Merges header sources into `target` with lower-cased names; `null` removes a header, as in openapi-fetch. */
export function mergeHeaders(target: Record<string, string>, ...sources: unknown[]): Record<string, string> {
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of source instanceof Headers ? source : Object.entries(source)) {
      if (value === null) delete target[name.toLowerCase()];
      else if (value !== undefined) target[name.toLowerCase()] = String(value);
    }
  }
  return target;
}
