/**
 * The name a document is vendored under, `specs/<provider>/<name>.<yaml|json>`, chosen so that the next
 * revision of the same page lands on the same file.
 */
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { InputError } from "../errors.js";
import { isBareVerb, kebabCase } from "../naming.js";
import { SETTINGS_FILE } from "../repo-layout.js";
import type { SpecSource } from "./read-input.js";

/** What names a document: a page's title is optional (a document has none but its info.title). */
type NameInput = Pick<SpecSource, "file" | "kind" | "spec" | "source"> & Partial<Pick<SpecSource, "title">>;

function urlFileStem(url: string | null): string {
  if (!url) return "";
  let segment: string;
  try {
    segment = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
    segment = decodeURIComponent(segment);
  } catch {
    return "";
  }
  return kebabCase(segment.replace(/\.[A-Za-z0-9]+$/, ""));
}

/**
 * The file name (without extension) a document is vendored under. A single-operation page is named after
 * its operation, so the same operation keeps its file across page revisions, and a page of one webhook
 * after the webhook (`webhook-call-completed`); a multi-operation document after the file it was published as
 * (a page's, after the document its fence names, else its own title).
 */
export function specName(source: NameInput): string {
  return specNames(source)[0]!;
}

/**
 * The names a document may be vendored under, best first (`specName`'s, then the others a page of one
 * operation falls back on): where another file already holds other operations under the first (two pages whose
 * operationIds kebab-case alike, ClickSend's "List Rules" and "List rules"), the next names it. At least one,
 * or an error.
 */
export function specNames(source: NameInput): string[] {
  const { spec } = source;
  const [only, another] = spec.operations;
  // A page about one webhook (and no operation) is named after it, so two such pages never share a file.
  const [event, otherEvent] = spec.webhooks;
  const candidates =
    only && !another
      ? [
          // A bare verb (Fern's `create`) names no operation: every resource's page would share the file.
          only.operationId && !isBareVerb(only.operationId, only.method, only.path)
            ? kebabCase(only.operationId)
            : "",
          kebabCase(`${only.method} ${only.path}`),
          // Two paths alike but for what kebab-case drops (DaniWeb's `/users` and `/users/~`): the exact
          // operation's digest tells them apart, the same in every run.
          `${kebabCase(`${only.method} ${only.path}`)}-${createHash("sha256").update(`${only.method.toUpperCase()} ${only.path}`).digest("hex").slice(0, 8)}`,
        ]
      : !only && event && !otherEvent
        ? [kebabCase(`webhook ${event}`)]
        : [
            urlFileStem(source.source),
            source.kind === "spec" ? kebabCase(basename(source.file, extname(source.file))) : "",
            // A page's own title: several pages whose fences all name the site's one document (`openapi.json`)
            // each hold other operations of it, and would all want its name.
            source.kind === "page" ? kebabCase(source.title ?? "") : "",
            kebabCase(spec.title ?? ""),
          ];
  // `switchboard.yaml` is the provider's settings file, never a vendored document.
  const names = candidates
    .filter((candidate) => candidate !== "")
    .map((found) => (`${found}.yaml` === SETTINGS_FILE ? `${found}-spec` : found));
  if (names.length === 0) {
    const detail =
      "cannot name the vendored file: no operationId, source URL or info.title to derive it from";
    throw new InputError(source.file, detail, spec.openapiLine);
  }
  // A page falls back on the others; a document of several operations keeps its one name, and one whose name
  // another file holds with none of its operations is refused: it may be that file's replacement.
  return (only && !another) || source.kind === "page" ? [...new Set(names)] : names.slice(0, 1);
}
