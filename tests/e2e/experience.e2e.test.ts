import { describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { setupE2e } from "./helpers/setup";

/** Issue 21 (the experience, finished): one browser test per item fixed so far. */
const e2e = setupE2e();

describe("the learner's pages", () => {
  it("draw lesson-type icons and check marks as the platform's own SVG, never as emoji the fonts may lack (item 4)", async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.server.url}/courses/ai-foundations`);
    const syllabus = page.getByRole("region", { name: "Syllabus" });
    await syllabus.locator("svg[data-lesson-type]").first().waitFor();
    expect(await syllabus.locator("svg[data-lesson-type='TEXT']").count()).toBeGreaterThan(0);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/[\u{1F300}-\u{1FAFF}✓⌨✎]/u);
    expect(text).not.toMatch(/\b1 lessons\b/);
    await page.close();
  });

  it("title a lesson's page with the lesson and its course (item 3)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "sam@example.com");
    await page.goto(`${e2e.server.url}/dashboard`);
    await page
      .getByRole("link", { name: /Continue/ })
      .first()
      .click();
    await page.waitForURL(/\/learn\//);
    const lesson = (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
    const course = (
      await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").nth(1).textContent()
    )?.trim();
    // Next.js streams metadata after the page's first bytes: the title may arrive a moment after the heading.
    await expect.poll(() => page.title()).toBe(`${lesson} · ${course} · AI Whisperers`);
    // Completed lessons in the player's syllabus are marked with the platform's check mark.
    expect(
      await page.getByRole("complementary", { name: "Syllabus" }).locator("svg").count(),
    ).toBeGreaterThan(0);
    await context.close();
  });
});
