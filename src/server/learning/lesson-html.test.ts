import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown";
import { getEnv, loadEnv } from "../env";
import { lessonHtml, lessonHtmlCacheStats } from "./lesson-html";

describe("lesson HTML cache", () => {
  it("renders each lesson version once and answers repeats from memory", () => {
    const before = lessonHtmlCacheStats().entries;
    const a = `# Lesson A ${Math.random()}\n\n\`\`\`python\nprint("a")\n\`\`\``;
    const b = `# Lesson B ${Math.random()}`;
    const html = lessonHtml(a);
    expect(html).toBe(renderMarkdown(a, { imageHosts: getEnv().imageHosts }));
    expect(lessonHtml(b)).toContain("Lesson B");
    expect(lessonHtmlCacheStats().entries).toBe(before + 2);
    expect(lessonHtml(a)).toBe(html);
    expect(lessonHtmlCacheStats().entries).toBe(before + 2);
    // An edit is a new key: the new text is what learners see.
    expect(lessonHtml(`${a}\n\nEdited.`)).toContain("Edited.");
    expect(lessonHtmlCacheStats().bytes).toBeLessThanOrEqual(getEnv().lessonHtmlCacheBytes);
  });

  it("is bounded by LESSON_HTML_CACHE_MAX_MB (64 MB by default, 0 turns it off)", () => {
    expect(loadEnv({ APP_MODE: "demo" }).lessonHtmlCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadEnv({ APP_MODE: "demo", LESSON_HTML_CACHE_MAX_MB: "0" }).lessonHtmlCacheBytes).toBe(0);
    expect(() => loadEnv({ APP_MODE: "demo", LESSON_HTML_CACHE_MAX_MB: "-1" })).toThrow(
      /LESSON_HTML_CACHE_MAX_MB/,
    );
  });
});
