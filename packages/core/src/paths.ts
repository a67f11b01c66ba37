/**
 * Path parameters are percent-encoded whole (`encodeURIComponent`), so `/`, `?`, `#`, `%` and `+` in an id
 * stay inside its segment: `a/b` → `a%2Fb`, `%2F` → `%252F`, `+14155550100` → `%2B14155550100`. A value
 * that is exactly `.` or `..` cannot be sent at all: URL parsers (WHATWG's, and so fetch's) treat it, and
 * its encoded forms `%2E`/`%2e%2e`, as a dot segment and would resolve the request to another path, so it
 * is refused before any request is made. A generated method fills its path itself (client.ts) from the
 * template parsed here.
 */

const templates = new Map<string, Template>();

/**
 * A path template split into `[text, name, text, name, …, text]`, and its parameters' names (the odd items,
 * the `{names}`), once per template: this runs on every call, and filling one is then a loop of
 * concatenations.
 */
export type Template = readonly [parts: readonly string[], names: readonly string[]];

export function templateOf(template: string): Template {
  let parsed = templates.get(template);
  if (!parsed) {
    const parts = template.split(/\{([^{}]+)\}/);
    parsed = [parts, parts.filter((_, i) => i % 2)];
    templates.set(template, parsed);
  }
  return parsed;
}
