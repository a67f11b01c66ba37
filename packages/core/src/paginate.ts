/**
 * `client.listPhoneNumbers.all({...})`: every item of a paged list, fetched a page at a time as the loop
 * asks for more. Each page is one call of the operation's own method, so retries, middleware and errors
 * are exactly those of a single call; a failed page throws its `SwitchboardError` out of the loop. The
 * generator records how an operation pages (see `Paging`); the iterator stops at the last page (page
 * number ≥ total pages, or no next cursor), on an empty page, or when a cursor repeats.
 */
import type { CallOptions, PagedMethod, Paging } from "./contract.js";

const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
    value,
  );

function withValue(
  input: Record<string, unknown>,
  [key, ...rest]: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const inner = input[key!];
  return {
    ...input,
    [key!]: rest.length
      ? withValue(
          inner !== null && typeof inner === "object" ? (inner as Record<string, unknown>) : {},
          rest,
          value,
        )
      : value,
  };
}

export async function* paginate(
  method: PagedMethod,
  [kind, where, items, progress]: Paging,
  input: Record<string, unknown> = {},
  options?: CallOptions,
): AsyncGenerator<unknown, void, undefined> {
  let page = Number(at(input, where) ?? 1);
  let cursor = at(input, where);
  for (;;) {
    const request =
      kind === "number"
        ? withValue(input, where, page)
        : cursor === undefined
          ? input
          : withValue(input, where, cursor);
    const { data, error } = await method(request, options);
    if (error) throw error;
    const list = at(data, items);
    if (!Array.isArray(list) || list.length === 0) return;
    yield* list;
    const next = at(data, progress);
    if (kind === "number") {
      if (typeof next !== "number" || page >= next) return;
      page += 1;
    } else {
      if (typeof next !== "string" || next === "" || next === cursor) return;
      cursor = next;
    }
  }
}
