import { createHash } from "node:crypto";

/**
 * The anonymous HTML cache of the lean server (docs/decisions.md, "Anonymous pages from a cache"): public pages
 * rendered once by Next.js with a placeholder nonce, stored split at the placeholder, and joined with a fresh
 * nonce for every response. Bounded by entries and bytes (least recently used go first) and by age. `clear()`
 * empties it and starts a new generation: a render that began before the clear is not stored after it, so a
 * page rendered from data older than a change can never outlive the change's notification.
 */
export interface CachedPage {
  status: number;
  /** Response headers to replay (no CSP, cache-control, cookies or hop-by-hop headers). */
  headers: Record<string, string>;
  /**
   * The body split at the placeholder nonce, encoded once: a hit only copies bytes around the fresh nonce
   * (joining strings and encoding ~100 KB per response was most of a hit's time).
   */
  parts: Buffer[];
  bytes: number;
  etag: string;
  storedAt: number;
}

export interface PageCacheLimits {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  private gen = 0;
  hits = 0;
  misses = 0;
  clears = 0;

  constructor(
    readonly limits: PageCacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (!page) return undefined;
    if (this.now() - page.storedAt > this.limits.ttlMs) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  /** Stores a page rendered from a request that started in `generation`; false when it is stale or too big. */
  set(key: string, page: Omit<CachedPage, "bytes" | "etag" | "storedAt">, generation: number): boolean {
    if (generation !== this.gen || this.limits.maxEntries <= 0) return false;
    const bytes = page.parts.reduce((n, p) => n + p.byteLength, 0) + key.length;
    if (bytes > this.limits.maxBytes / 4) return false;
    this.delete(key);
    const hash = createHash("sha256");
    for (const part of page.parts) hash.update(part).update("\0");
    const etag = `"${hash.digest("base64url").slice(0, 27)}"`;
    this.entries.set(key, { ...page, bytes, etag, storedAt: this.now() });
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.delete(oldest);
    }
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.gen++;
    this.clears++;
  }

  private delete(key: string) {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= page.bytes;
  }
}
