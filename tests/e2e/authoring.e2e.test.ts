import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

const TITLE = "Zephyrology for Curious Minds";

async function addModule(page: Page, title: string, position: number) {
  const form = page.getByRole("form", { name: "Add a module" });
  await form.getByLabel("New module title").fill(title);
  await form.getByRole("button", { name: "Add module" }).click();
  await page.getByRole("heading", { name: `${position}. ${title}` }).waitFor();
}

async function addLesson(
  page: Page,
  courseUrl: string,
  moduleTitle: string,
  title: string,
  markdown: string,
) {
  const form = page.getByRole("form", { name: `Add a lesson to ${moduleTitle}` });
  await form.getByLabel("New lesson title").fill(title);
  await form.getByRole("button", { name: "Add lesson" }).click();
  await page.waitForURL(/\/instructor\/courses\/[^/]+\/lessons\/[^/]+$/);
  const lessonId = page.url().split("/").at(-1)!;
  await page.getByLabel("Duration").fill("12");
  await page.getByLabel(/^Content/).fill(markdown);
  await page.getByRole("button", { name: "Save lesson" }).click();
  await page.getByText("Lesson saved.").waitFor();
  await page.goto(courseUrl);
  return lessonId;
}

describe("authoring a course end to end", () => {
  it("an instructor builds, reorders, previews and publishes a course; a student finds it and enrolls", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "ada@example.com");
    const watch = watchPage(page, e2e.server.url);

    await page.getByRole("link", { name: "Teach" }).click();
    await page.getByRole("heading", { name: "My courses" }).waitFor();
    await page.getByRole("link", { name: "New course" }).click();
    await page.getByLabel("Title", { exact: true }).fill(TITLE);
    // The address follows the title and is checked as it is typed.
    expect(await page.getByLabel(/^Address/).inputValue()).toBe("zephyrology-for-curious-minds");
    await page.getByText("/courses/zephyrology-for-curious-minds is available").waitFor();
    await page
      .getByLabel("Description", { exact: true })
      .fill("Winds, breezes and the science of gentle air.");
    await page.getByLabel(/^Price/).fill("0");
    await page.getByRole("button", { name: "Add objective" }).click();
    await page.getByLabel("Objective 1").fill("Tell a zephyr from a gale");
    await page.getByRole("button", { name: "Create course" }).click();
    await page.waitForURL(/\/instructor\/courses\/(?!new$)[^/]+$/);
    const courseUrl = page.url();
    await page.getByRole("heading", { name: TITLE }).waitFor();
    expect(await page.getByRole("list", { name: "What is missing" }).textContent()).toContain(
      "Add at least one published module.",
    );

    await addModule(page, "Getting started", 1);
    await addModule(page, "Going further", 2);
    const first = await addLesson(
      page,
      courseUrl,
      "Getting started",
      "What a zephyr is",
      "## Zephyrs\n\nA *gentle* wind.",
    );
    await addLesson(
      page,
      courseUrl,
      "Getting started",
      "Measuring wind",
      "## Anemometers\n\n- cups\n- vanes",
    );
    await addLesson(page, courseUrl, "Going further", "Winds of the world", "## Mistral and Sirocco");

    // The live preview is the player's renderer: raw HTML is dropped, Markdown is rendered.
    await page.goto(`${courseUrl}/lessons/${first}`);
    await page.getByLabel(/^Content/).fill("## Zephyrs\n\nA **gentle** wind.<script>alert(1)</script>");
    const preview = page.getByTestId("lesson-preview");
    await preview.locator("strong", { hasText: "gentle" }).waitFor();
    expect(await preview.innerHTML()).not.toContain("<script");
    await page.getByLabel(/^Content/).fill("## Zephyrs\n\nA **gentle** west wind.");
    await preview.getByText("west wind").waitFor();
    await page.getByRole("button", { name: "Save lesson" }).click();
    await page.getByText("Lesson saved.").waitFor();
    await page.goto(courseUrl);

    // Reorder by keyboard: focus "Move down" on the first lesson and press Enter, then Space back up.
    const lessons = page.getByRole("list", { name: "Lessons of Getting started" }).getByRole("link", {
      name: /^(What a zephyr is|Measuring wind)$/,
    });
    expect(await lessons.allTextContents()).toEqual(["What a zephyr is", "Measuring wind"]);
    const down = page.getByRole("button", { name: "Move down What a zephyr is" });
    await down.focus();
    await page.keyboard.press("Enter");
    await page.getByText("Moved “What a zephyr is” to position 2 of 2 in Getting started.").waitFor();
    expect(await lessons.allTextContents()).toEqual(["Measuring wind", "What a zephyr is"]);
    // At the bottom its "Move down" is disabled; the focus moved to its "Move up".
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Move up");
    await page.keyboard.press("Space");
    await page.getByText("Moved “What a zephyr is” to position 1 of 2 in Getting started.").waitFor();
    await down.focus();
    await page.keyboard.press("Enter");
    await page.getByText("Moved “What a zephyr is” to position 2 of 2 in Getting started.").waitFor();
    await page.reload();
    expect(await lessons.allTextContents()).toEqual(["Measuring wind", "What a zephyr is"]);

    // Preview a lesson in the player without enrolling.
    await page.getByRole("link", { name: "Preview What a zephyr is" }).click();
    await page.waitForURL(new RegExp(`/learn/zephyrology-for-curious-minds/${first}$`));
    await page.getByRole("heading", { name: "Zephyrs" }).waitFor();
    expect(await page.getByText("west wind").isVisible()).toBe(true);

    await page.goto(courseUrl);
    await page.getByText("Everything needed is in place").waitFor();
    await page.getByRole("button", { name: "Publish course" }).click();
    await page.getByText("Published: the course is in the catalog.").waitFor();
    await page.getByRole("button", { name: "Unpublish" }).waitFor();
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await context.close();

    const studentContext = await e2e.browser.newContext();
    const student = await signInViaMailbox(studentContext, e2e.server.url, "nia@example.com");
    expect(await student.getByRole("link", { name: "Teach" }).count()).toBe(0);
    await student.goto(`${e2e.server.url}/courses?q=zephyrology`);
    // No picture was given: the card shows a cover drawn from the title (issue 21, item 13).
    const card = student.getByRole("article").filter({ hasText: TITLE });
    expect(await card.locator("svg[data-generated-cover]").textContent()).toBe("ZF");
    await student.getByRole("link", { name: TITLE }).first().click();
    await student.waitForURL(`${e2e.server.url}/courses/zephyrology-for-curious-minds`);
    await student.getByRole("button", { name: /Enroll for free/ }).click();
    await student.waitForURL(new RegExp(`/learn/zephyrology-for-curious-minds/`));
    await student.getByRole("heading", { name: "Anemometers" }).waitFor();
    // Students cannot reach authoring.
    await student.goto(`${courseUrl}`);
    expect(new URL(student.url()).pathname).toBe("/account");
    await studentContext.close();

    // Unpublishing a course with a student asks first and says what happens to them (issue 21, item 14).
    const again = await e2e.browser.newContext();
    const owner = await signInViaMailbox(again, e2e.server.url, "ada@example.com");
    await owner.goto(courseUrl);
    await owner.getByRole("button", { name: "Unpublish…" }).click();
    await owner.getByText("1 student is enrolled. They keep access to the lessons").waitFor();
    // The clicked button is gone: the focus is on its counterpart, each way.
    const anyway = owner.getByRole("button", { name: "Unpublish anyway" });
    await expect.poll(() => anyway.evaluate((el) => el === document.activeElement)).toBe(true);
    await owner.getByRole("button", { name: "Keep it published" }).click();
    const ask = owner.getByRole("button", { name: "Unpublish…" });
    await ask.waitFor();
    await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await owner.getByText("1 student is enrolled.").count()).toBe(0);
    await again.close();
  });
});

describe("scheduled release in the module form", () => {
  it("shows a module's schedule, says what is wrong with one and keeps it, and saves a new one", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "ada@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/instructor`);
    await page.getByRole("link", { name: "Prompt Engineering in Practice" }).first().click();
    await page.waitForURL(/\/instructor\/courses\/[^/]+$/);
    const form = page.getByRole("form", { name: "Edit module Practice and Assessment" });
    await page.getByText("Edit module").last().click();
    const schedule = form.getByRole("group", { name: "Opens to students" });
    expect(await schedule.getByLabel("A number of days after they enroll:").isChecked()).toBe(true);
    expect(await schedule.getByLabel("Days after enrolling").inputValue()).toBe("7");
    await schedule.getByLabel("On a date (UTC):").check();
    await form.getByRole("button", { name: "Save module" }).click();
    await form.getByRole("alert").filter({ hasText: "Give a date and time" }).waitFor();
    expect(await form.getByText("Give a date and time").count()).toBe(2); // the status line and the field's
    expect(await schedule.getByLabel("On a date (UTC):").isChecked()).toBe(true);
    await schedule.getByLabel("Opening date and time (UTC)").fill("2030-01-15T09:00");
    await form.getByRole("button", { name: "Save module" }).click();
    await form.getByText("Module saved.").waitFor();
    const outline = await (await fetch(`${e2e.server.url}/api/v1/courses/prompt-engineering`)).json();
    expect(outline.modules.at(-1).release).toEqual({ kind: "on_date", date: "2030-01-15T09:00:00.000Z" });
    // Back as the demo has it.
    await schedule.getByLabel("A number of days after they enroll:").check();
    await schedule.getByLabel("Days after enrolling").fill("7");
    await form.getByRole("button", { name: "Save module" }).click();
    await form.getByText("Module saved.").waitFor();
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
