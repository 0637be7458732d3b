import { createHash } from "node:crypto";
import { renderMarkdown } from "@/lib/markdown";
import { getEnv } from "../env";

/**
 * A lesson's Markdown rendered to sanitized, highlighted HTML, cached by the content itself (a SHA-256 of the
 * text and the image hosts): an edited lesson is a new key, so nothing needs invalidating, and every learner
 * of a lesson version shares one rendering. Rendering and highlighting were the biggest part of a lesson
 * page's server time. Bounded by bytes (`LESSON_HTML_CACHE_MAX_MB`, 64 MB by default: about 10,000 lessons of a
 * typical length) and by entries; least recently used go first. The bound must hold a platform's working set:
 * learners spread over a few thousand lessons made a 500-entry cache miss on almost every request.
 */
const MAX_ENTRIES = 50_000;
const cache = new Map<string, string>();
let bytes = 0;

export function lessonHtml(markdown: string): string {
  const { imageHosts, lessonHtmlCacheBytes: maxBytes } = getEnv();
  const key = createHash("sha256")
    .update(imageHosts.join(","))
    .update("\0")
    .update(markdown)
    .digest("base64");
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const html = renderMarkdown(markdown, { imageHosts });
  if (html.length * 2 > maxBytes / 8) return html;
  cache.set(key, html);
  bytes += html.length * 2;
  for (const [oldest, value] of cache) {
    if (cache.size <= MAX_ENTRIES && bytes <= maxBytes) break;
    cache.delete(oldest);
    bytes -= value.length * 2;
  }
  return html;
}

/** What the cache holds now (tests, diagnostics). */
export function lessonHtmlCacheStats(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes };
}
