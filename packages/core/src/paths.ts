/**
 * Path parameters are percent-encoded whole (`encodeURIComponent`), so `/`, `?`, `#`, `%` and `+` in an id
 * stay inside its segment: `a/b` → `a%2Fb`, `%2F` → `%252F`, `+14155550100` → `%2B14155550100`. A value
 * that is exactly `.` or `..` cannot be sent at all: URL parsers (WHATWG's, and so fetch's) treat it, and
 * its encoded forms `%2E`/`%2e%2e`, as a dot segment and would resolve the request to another path, so it
 * is refused before any request is made.
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

export function fillPath(
  template: string,
  values: Readonly<Record<string, unknown>>,
  provider: string,
  operation: string,
): string {
  const [parts] = templateOf(template);
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = values[name];
    if (value === undefined || value === null || value === "") {
      throw new TypeError(`${provider}.${operation}: missing path parameter "${name}"`);
    }
    const text = String(value);
    if (text === "." || text === "..") {
      throw new TypeError(`${provider}.${operation}: path parameter "${name}" cannot be "${text}"`);
    }
    path += encodeURIComponent(text) + parts[i + 1];
  }
  return path;
}
