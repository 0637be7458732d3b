import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache";
import { splitBuffer } from "./lean-server";

const page = (body: string) => ({
  status: 200,
  headers: { "content-type": "text/html" },
  parts: [Buffer.from(body)],
});

describe("the page cache", () => {
  it("keeps at most maxEntries pages, dropping the least recently used", () => {
    const cache = new PageCache({ maxEntries: 2, maxBytes: 1e6, ttlMs: 60_000 });
    cache.set("/a", page("a"), cache.generation);
    cache.set("/b", page("b"), cache.generation);
    cache.get("/a");
    cache.set("/c", page("c"), cache.generation);
    expect(cache.get("/b")).toBeUndefined();
    expect(cache.get("/a")?.parts).toEqual([Buffer.from("a")]);
    expect(cache.get("/c")?.parts).toEqual([Buffer.from("c")]);
    expect(cache.size.entries).toBe(2);
  });

  it("keeps at most maxBytes, and never stores a page bigger than a quarter of it", () => {
    const cache = new PageCache({ maxEntries: 100, maxBytes: 4000, ttlMs: 60_000 });
    expect(cache.set("/huge", page("x".repeat(1001)), cache.generation)).toBe(false);
    for (let i = 0; i < 10; i++) cache.set(`/p${i}`, page("y".repeat(900)), cache.generation);
    expect(cache.size.bytes).toBeLessThanOrEqual(4000);
    expect(cache.size.entries).toBe(4);
    expect(cache.get("/p9")).toBeDefined();
    expect(cache.get("/p0")).toBeUndefined();
  });

  it("forgets pages older than the time to live", () => {
    let now = 1_000;
    const cache = new PageCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 5_000 }, () => now);
    cache.set("/a", page("a"), cache.generation);
    now += 4_999;
    expect(cache.get("/a")).toBeDefined();
    now += 2;
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("does not store a page whose rendering began before the cache was emptied", () => {
    const cache = new PageCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    const started = cache.generation;
    cache.clear();
    expect(cache.set("/a", page("rendered from old data"), started)).toBe(false);
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.set("/a", page("fresh"), cache.generation)).toBe(true);
  });

  it("gives a page an ETag that changes with its content only", () => {
    const cache = new PageCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    cache.set("/a", page("one"), cache.generation);
    const first = cache.get("/a")!.etag;
    cache.set("/a", page("one"), cache.generation);
    expect(cache.get("/a")!.etag).toBe(first);
    cache.set("/a", page("two"), cache.generation);
    expect(cache.get("/a")!.etag).not.toBe(first);
  });

  it("cuts a stored body at every placeholder, multi-byte text included", () => {
    const cut = (body: string) => splitBuffer(Buffer.from(body), Buffer.from("PH")).map((b) => b.toString());
    expect(cut("a PH b PH")).toEqual(["a ", " b ", ""]);
    expect(cut("PHPH")).toEqual(["", "", ""]);
    expect(cut("Łukasz Żółć — no placeholder")).toEqual(["Łukasz Żółć — no placeholder"]);
  });
});
