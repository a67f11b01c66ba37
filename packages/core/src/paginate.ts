/**
 * `client.listPhoneNumbers.all({...})`: every item of a paged list, fetched a page at a time as the loop
 * asks for more (`.pages()`: every page). Each page is one call of the operation's own method, so retries, middleware and errors
 * are exactly those of a single call; a failed page throws its `SwitchboardError` out of the loop. The
 * generator records how an operation pages (see `Paging`): by page number, cursor or page token, offset,
 * a next-page URL in the body or in a `Link` header, or the last item's id. The iterator stops at the last
 * page (page number ≥ total pages, the items through this page or offset ≥ total items, no next cursor or
 * URL, `has_more: false` beside the cursor or the list), on an empty page, or when a cursor or URL repeats.
 *
 * A next-page URL is followed through the method too: its query becomes the next call's query (keys it
 * carries replace the caller's, the rest of the input stays), and the method's own path is kept, so the
 * request still goes through the client's base URL, credentials and middleware.
 */
import type { CallOptions, PagedMethod, Paging } from "./contract.js";

type Input = Record<string, unknown>;

const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === "object" ? (node as Input)[key] : undefined),
    value,
  );

function withValue(input: Input, [key, ...rest]: readonly string[], value: unknown): Input {
  const inner = input[key!];
  return {
    ...input,
    [key!]: rest.length
      ? withValue(inner !== null && typeof inner === "object" ? (inner as Input) : {}, rest, value)
      : value,
  };
}

/** `<https://…?page=2>; rel="next", <…>; rel="last"` → the `next` URL. */
function linkNext(header: string | null | undefined): string | undefined {
  for (const part of header?.split(/,(?=\s*<)/) ?? []) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    // `next` as a whole token of the rel list (`rel=next`, `rel="prev next"`), not a prefix (`next-archive`).
    if (match && /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?=[\s";]|$)/i.test(match[2]!)) return match[1];
  }
  return undefined;
}

/**
 * The input of the call for a next-page URL: each query parameter of the URL replaces the input's value of
 * that name; a bracketed one (`page[after]`) goes into the object input it belongs to (`{ page: { size } }`
 * keeps its `size`), as a deepObject parameter is written.
 */
function inputFromUrl(input: Input, url: URL): Input {
  let next = { ...input };
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    const value = values.length > 1 ? values : values[0];
    const path = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
    const base = path && next[path[1]!];
    if (path && base !== null && typeof base === "object" && !Array.isArray(base)) {
      next = withValue(
        next,
        [path[1]!, ...[...path[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)],
        value,
      );
    } else {
      next[key] = value;
    }
  }
  return next;
}

/**
 * Every item (`.all()`), or every page as `{ data, response }` (`.pages()`, when `pages`): the page's whole
 * body, with its totals and cursors, and its response's headers. An empty first page is yielded too, so a
 * caller sees the totals of an empty list; an empty page after it only ends the list.
 */
export async function* paginate(
  method: PagedMethod,
  paging: Paging,
  pages: boolean,
  input: Input = {},
  options?: CallOptions,
): AsyncGenerator<unknown, void, undefined> {
  const [style, where, items] = paging;
  let request = style === "number" ? withValue(input, where, Number(at(input, where) ?? 1)) : input;
  const seen = new Set<unknown>();
  // The page size, for page numbers counted against a total of items: the longest page so far (a full one).
  let size = 0;
  for (;;) {
    const { data, error, response } = await method(request, options);
    if (error) throw error;
    const list = at(data, items);
    const empty = !Array.isArray(list) || list.length === 0;
    if (pages && (!empty || !seen.size)) yield { data, response };
    if (empty) return;
    if (!pages) yield* list;
    size = Math.max(size, list.length);
    const next = nextRequest(paging, request, data, response, list, size);
    if (next === undefined) return;
    const [key, nextInput] = next;
    if (seen.has(key)) return;
    seen.add(key);
    request = nextInput;
  }
}

/** The input of the next page's call, with what identifies that page; undefined after the last page. */
function nextRequest(
  paging: Paging,
  request: Input,
  data: unknown,
  response: Response | undefined,
  list: unknown[],
  size: number,
): [unknown, Input] | undefined {
  const count = list.length;
  // `has_more: false` (Stripe's, ElevenLabs') beside `where`: the last page, whatever cursor it names.
  const noMore = (where: readonly string[]) =>
    (at(data, [...where, "has_more"]) ?? at(data, [...where, "hasMore"])) === false;
  switch (paging[0]) {
    case "number": {
      const page = Number(at(request, paging[1]));
      const total = at(data, paging[3]);
      if (typeof total !== "number") return undefined;
      // Counted in items, a page shorter than the longest so far is the last whatever the total says.
      const last = paging[4] ? count < size || (page - 1) * size + count >= total : page >= total;
      return last ? undefined : [page + 1, withValue(request, paging[1], page + 1)];
    }
    case "cursor":
    case "after": {
      // A cursor the body names, or the last item's id. ElevenLabs' history still names one on its last
      // page, which `has_more: false` beside it says is the last, saving a call.
      const after = paging[0] === "after";
      const cursor = after ? at(list[count - 1], paging[3]) : at(data, paging[3]);
      const usable = (typeof cursor === "string" && cursor !== "") || (after && typeof cursor === "number");
      if (!usable || noMore((after ? paging[2] : paging[3]).slice(0, -1))) return undefined;
      return [cursor, withValue(request, paging[1], cursor)];
    }
    case "offset": {
      const offset = Number(at(request, paging[1]) ?? 0) + count;
      const total = paging[3] && at(data, paging[3]);
      if (typeof total === "number" && offset >= total) return undefined;
      return [offset, withValue(request, paging[1], offset)];
    }
    default: {
      const link = paging[0] === "url" ? at(data, paging[1]) : linkNext(response?.headers.get("link"));
      if (typeof link !== "string" || link === "") return undefined;
      const url = new URL(link, response?.url || "http://relative.invalid/");
      // Only the query is followed, so it is what tells one page from another.
      const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return [JSON.stringify(query), inputFromUrl(request, url)];
    }
  }
}
