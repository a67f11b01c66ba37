/**
 * Validators of the pages an index lists but nothing is vendored from (guides, changelogs), so that a re-sync
 * asks for those conditionally too and downloads only what changed. Vendored pages keep their validators in
 * their provenance, which is committed; these are only a cache, local to the checkout
 * (`node_modules/.cache/switchboard-codegen/`), and losing it costs one full download of those pages.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface CachedPage {
  etag: string | null;
  lastModified: string | null;
  kind: "no-spec" | "schema-only" | "endpoint-only";
  endpoint?: string;
  /** An endpoint-only page's OpenAPI document, when it names where it is published. */
  document?: string;
}

const KINDS = new Set<unknown>(["no-spec", "schema-only", "endpoint-only"] satisfies CachedPage["kind"][]);

export class PageCache {
  private readonly entries: Map<string, CachedPage>;
  private changed = false;

  private constructor(
    private readonly path: string,
    entries: Record<string, CachedPage>,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  static file(root: string): string {
    return join(root, "node_modules", ".cache", "switchboard-codegen", "llms-index-pages.json");
  }

  static load(root: string): PageCache {
    const path = PageCache.file(root);
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        // Entries of kinds this version does not write are dropped: an older one cached webhook pages as
        // `no-operations`, skipped then, vendored now, so they must be downloaded again.
        const entries = Object.entries(parsed as Record<string, CachedPage>).filter(([, entry]) =>
          KINDS.has(entry?.kind),
        );
        return new PageCache(path, Object.fromEntries(entries));
      }
    } catch {
      // missing or unreadable: start over
    }
    return new PageCache(path, {});
  }

  get(url: string): CachedPage | undefined {
    return this.entries.get(url);
  }

  set(url: string, entry: CachedPage): void {
    this.entries.set(url, entry);
    this.changed = true;
  }

  delete(url: string): void {
    this.changed = this.entries.delete(url) || this.changed;
  }

  /** Writes the cache if it changed; a cache that cannot be written is not worth failing a run for. */
  save(): void {
    if (!this.changed) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(Object.fromEntries([...this.entries].sort()), null, 2)}\n`);
      renameSync(tmp, this.path);
      this.changed = false;
    } catch {
      // read-only checkout: the next run downloads those pages again
    }
  }
}
