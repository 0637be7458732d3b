import { createHash } from "node:crypto";
import { renderMarkdown } from "@/lib/markdown";
import { getEnv } from "../env";

/**
 * A lesson's Markdown rendered to sanitized, highlighted HTML, cached by the content itself (a SHA-256 of the
 * text and the image hosts): an edited lesson is a new key, so nothing needs invalidating, and every learner
 * of a lesson version shares one rendering. Rendering and highlighting were the biggest part of a lesson
 * page's server time. Bounded by entries and bytes; least recently used go first.
 */
const MAX_ENTRIES = 500;
const MAX_BYTES = 32 * 1024 * 1024;
const cache = new Map<string, string>();
let bytes = 0;

export function lessonHtml(markdown: string): string {
  const imageHosts = getEnv().imageHosts;
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
  if (html.length * 2 > MAX_BYTES / 8) return html;
  cache.set(key, html);
  bytes += html.length * 2;
  for (const [oldest, value] of cache) {
    if (cache.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    cache.delete(oldest);
    bytes -= value.length * 2;
  }
  return html;
}
