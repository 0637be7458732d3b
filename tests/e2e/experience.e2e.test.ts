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

describe("the lesson page's layout", () => {
  it("keeps the outline in reach: sticky beside the lesson, one tap away at the top on a phone; a skip link; previous and next on one row (item 3)", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await signInViaMailbox(context, e2e.server.url, "sam@example.com");
    const course = await (await page.request.get(`${e2e.server.url}/api/v1/courses/ai-foundations`)).json();
    const lessons: { id: string }[] = course.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons);
    // A lesson with a previous and a next one.
    await page.goto(`${e2e.server.url}/learn/ai-foundations/${lessons[1]!.id}`);
    const outline = page.getByRole("complementary", { name: "Syllabus" });
    await outline.waitFor();
    // Desktop: the outline stays at the top of the window while the lesson scrolls past.
    expect(await outline.evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
    expect(await page.getByRole("button", { name: /Course outline/ }).isVisible()).toBe(false);
    // Scrolled down to the end of the lesson (its navigation at the bottom of the window).
    await page.evaluate(() => document.getElementById("lesson-navigation")!.scrollIntoView({ block: "end" }));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    const box = (await outline.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(60);
    // A skip link leads the keyboard to the lesson navigation.
    await page.evaluate(() => window.scrollTo(0, 0));
    const skip = page.getByRole("link", { name: "Skip to lesson navigation" });
    await skip.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Lesson navigation");
    // From there the keyboard meets the navigation in the order it is shown: completion, previous, next.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/complete/i);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Previous/);

    // Phone: the lesson comes first, the outline behind a control above it.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const toggle = page.getByRole("button", { name: /Course outline/ });
    await toggle.waitFor();
    const heading = page.getByRole("heading", { level: 1 });
    expect((await toggle.boundingBox())!.y).toBeLessThan((await heading.boundingBox())!.y);
    const firstLesson = outline.getByRole("link").first();
    expect(await firstLesson.isVisible()).toBe(false);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("true");
    await firstLesson.waitFor({ state: "visible" });
    // Escape folds it; a focus inside goes back to the button.
    await firstLesson.focus();
    await page.keyboard.press("Escape");
    await firstLesson.waitFor({ state: "hidden" });
    await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    // Previous and next share one row under the completion button.
    const nav = page.getByRole("navigation", { name: "Lesson navigation" });
    const previous = (await nav.getByRole("link", { name: /Previous/ }).boundingBox())!;
    const next = (await nav.getByRole("link", { name: /Next/ }).boundingBox())!;
    expect(Math.abs(previous.y - next.y)).toBeLessThan(2);
    expect(next.x).toBeGreaterThan(previous.x + previous.width);
    expect(next.x + next.width).toBeLessThanOrEqual(390);
    await context.close();
  });
});

describe("the demo content", () => {
  it("tells the truth: no discussion area that does not exist, media durations as they play (item 6)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "sam@example.com");
    const course = await (await page.request.get(`${e2e.server.url}/api/v1/courses/ai-foundations`)).json();
    const lessons = course.modules.flatMap(
      (m: { lessons: { id: string; title: string; duration: number; lessonType: string }[] }) => m.lessons,
    );
    for (const l of lessons) {
      const lesson = await (await page.request.get(`${e2e.server.url}/api/v1/lessons/${l.id}`)).json();
      const text = JSON.stringify(lesson);
      expect(text, l.title).not.toMatch(/discussion area|runs entirely in your browser/i);
    }
    const welcome = lessons.find((l: { lessonType: string }) => l.lessonType === "VIDEO")!;
    await page.goto(`${e2e.server.url}/learn/ai-foundations/${welcome.id}`);
    const seconds = await page.locator("video").evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          if (v.readyState >= 1) resolve(v.duration);
          v.addEventListener("loadedmetadata", () => resolve(v.duration));
          v.load();
        }),
    );
    expect(Math.round(seconds)).toBe(12);
    // The lesson is the 12-second video and its notes: labelled as long as reading them takes, and saying so.
    expect(welcome.duration).toBe(3);
    expect(await page.getByText(/12-second welcome video/).count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("an instructor's own course page", () => {
  it("offers to edit or preview it, never to buy it; other courses still sell (item 14)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "ada@example.com");
    await page.goto(`${e2e.server.url}/courses/prompt-engineering`);
    await page.getByText("You teach this course.").waitFor();
    expect(await page.getByRole("button", { name: /Buy for|Enroll/ }).count()).toBe(0);
    await page.getByRole("link", { name: "Preview as a learner" }).click();
    await page.waitForURL(/\/learn\/prompt-engineering\//);
    await page.goto(`${e2e.server.url}/courses/prompt-engineering`);
    await page.getByRole("link", { name: "Edit the course" }).click();
    await page.waitForURL(/\/instructor\/courses\/[^/]+$/);
    // Alan's course: Ada is a learner there like anyone else.
    await page.goto(`${e2e.server.url}/courses/machine-learning-with-python`);
    expect(await page.getByText("You teach this course.").count()).toBe(0);
    expect(await page.getByRole("button", { name: /Buy for/ }).count()).toBe(1);
    await context.close();
  });
});

describe("the lesson editor", () => {
  it("asks before leaving with unsaved changes, says it has them, and lets go once saved (item 11)", async () => {
    const url = e2e.server.url;
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "ada@example.com");
    await page.goto(`${url}/instructor`);
    await page.getByRole("link", { name: "Prompt Engineering" }).first().click();
    await page.waitForURL(/\/instructor\/courses\/[^/]+$/);
    const coursePath = new URL(page.url()).pathname;
    await page.locator(`a[href^="${coursePath}/lessons/"]`).first().click();
    await page.waitForURL(/\/lessons\//);
    const lessonPath = new URL(page.url()).pathname;
    const title = page.getByLabel("Title");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Nothing changed: leaving asks nothing.
    await page.getByRole("link", { name: /← / }).first().click();
    await page.waitForURL(`${url}${coursePath}`);
    expect(dialogs).toEqual([]);
    await page.goBack();
    await page.waitForURL(`${url}${lessonPath}`);

    await title.fill(`${await title.inputValue()} (edited)`);
    await page.getByText("Unsaved changes").first().waitFor();
    await page.getByRole("link", { name: /← / }).first().click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toMatch(/unsaved changes/i);
    expect(new URL(page.url()).pathname).toBe(lessonPath);
    expect(await title.inputValue()).toMatch(/\(edited\)$/);

    // Saved: the note goes, and leaving no longer asks.
    await page.getByRole("button", { name: "Save lesson" }).click();
    await page.getByRole("status").filter({ hasText: /saved/i }).first().waitFor();
    await expect.poll(() => page.getByText("Unsaved changes").count()).toBe(0);
    await page.getByRole("link", { name: /← / }).first().click();
    await page.waitForURL(`${url}${coursePath}`);
    expect(dialogs).toHaveLength(1);
    await context.close();
  });
});

describe("prices", () => {
  it("says what is wrong with a price in words and keeps what was typed (item 13)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "ada@example.com");
    await page.goto(`${e2e.server.url}/instructor/courses/new`);
    await page.getByLabel("Title", { exact: true }).fill("Prices in words");
    await page.getByLabel("Description", { exact: true }).fill("A course whose price is mistyped.");
    await page.getByLabel(/^Price/).fill("49,999");
    await page.getByRole("button", { name: "Create course" }).click();
    await page.getByText("Enter a price like 49 or 49.99").first().waitFor();
    expect(await page.getByLabel(/^Price/).inputValue()).toBe("49,999");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Prices in words");
    expect(page.url()).toMatch(/\/instructor\/courses\/new$/);
    await context.close();
  });

  it("puts the focus where the person is working after each in-page action (item 12)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "ada@example.com");
    await page.goto(`${e2e.server.url}/instructor/courses/new`);
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.id
          ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? el.id)
          : el?.textContent;
      });
    // Adding an objective puts the cursor in it; removing one moves to the next, or to "Add".
    await page.getByRole("button", { name: "Add objective" }).click();
    expect(await focusedName()).toBe("Objective 1");
    await page.keyboard.type("Read a loss curve");
    await page.getByRole("button", { name: "Add objective" }).click();
    expect(await focusedName()).toBe("Objective 2");
    await page.keyboard.type("Pick a learning rate");
    await page.getByRole("button", { name: "Remove objective 1" }).click();
    expect(await page.getByLabel("Objective 1").inputValue()).toBe("Pick a learning rate");
    expect(await focusedName()).toBe("Objective 1");
    await page.getByRole("button", { name: "Remove objective 1" }).click();
    expect(await focusedName()).toBe("Add objective");
    // After a submission, the outcome message has the focus (here: what is wrong).
    await page.getByLabel("Title", { exact: true }).fill("Focus where it helps");
    await page.getByLabel("Description", { exact: true }).fill("A course whose price is mistyped.");
    await page.getByLabel(/^Price/).fill("49,999");
    await page.getByRole("button", { name: "Create course" }).click();
    const alert = page
      .getByRole("alert")
      .filter({ hasText: /Enter a price like 49 or 49\.99/ })
      .first();
    await alert.waitFor();
    await expect.poll(() => alert.evaluate((el) => el === document.activeElement)).toBe(true);
    // A module added: the cursor is on it, where its lessons are added next.
    await page.getByLabel(/^Price/).fill("49.99");
    await page.getByRole("button", { name: "Create course" }).click();
    await page.waitForURL(/\/instructor\/courses\/(?!new$)[^/]+$/);
    const addModule = page.getByRole("form", { name: "Add a module" });
    await addModule.getByLabel("New module title").fill("Where focus goes");
    await addModule.getByRole("button", { name: "Add module" }).click();
    const added = page.getByRole("heading", { name: "1. Where focus goes" });
    await added.waitFor();
    await expect.poll(() => added.evaluate((el) => el === document.activeElement)).toBe(true);
    // An action that ends on another page: its outcome there has the focus.
    await page.getByRole("button", { name: "Delete Focus where it helps" }).click();
    await page.getByRole("button", { name: "Delete course" }).click();
    await page.waitForURL(/\/instructor\?deleted=1$/);
    const notice = page.getByRole("status").filter({ hasText: "The course was deleted." });
    await notice.waitFor();
    await expect.poll(() => notice.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });

  it("keeps what was typed when adding an instructor fails (item 2)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "alan@example.com");
    await page.goto(`${e2e.server.url}/instructor`);
    await page
      .getByRole("link", { name: /Machine Learning with Python/ })
      .first()
      .click();
    await page.waitForURL(/\/instructor\/courses\/[^/]+$/);
    const email = page.getByLabel("Add an instructor by e-mail");
    await email.fill("nobody-here@example.com");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "We could not add this address." }).waitFor();
    expect(await email.inputValue()).toBe("nobody-here@example.com");
    await context.close();
  });
});

describe("the audit log", () => {
  it("shows people by name and e-mail, 'deleted user' once erased, and filters by e-mail (item 18)", async () => {
    const url = e2e.server.url;
    // Someone leaves: their entries stay, under a pseudonym.
    const leaving = await e2e.browser.newContext();
    const gone = await signInViaMailbox(leaving, url, "nia@example.com");
    const erased = await gone.request.delete(`${url}/api/v1/me`, {
      headers: { origin: url },
      data: { confirmEmail: "nia@example.com" },
    });
    expect(erased.status()).toBeLessThan(300);
    await leaving.close();

    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "admin@example.com");
    await page.goto(`${url}/admin/audit`);
    const table = page.getByRole("table");
    await table.getByText("deleted user").first().waitFor();
    expect(await table.getByText("nia@example.com").count()).toBe(0);
    expect(await table.getByText("Avery Morgan").count()).toBeGreaterThan(0);

    await page.getByLabel("Actor (e-mail or id)").fill("ada@example.com");
    await page
      .getByRole("button", { name: /Filter|Apply/ })
      .first()
      .click();
    await page.waitForURL(/actor=ada%40example\.com/);
    const actors = await table.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(actors.length).toBeGreaterThan(0);
    for (const a of actors) expect(a).toContain("ada@example.com");
    await context.close();
  });
});

describe("admin payments", () => {
  it("finds payments by the buyer's name or e-mail, in one case of labels, and a refund names buyer and course (item 17)", async () => {
    const url = e2e.server.url;
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "admin@example.com");
    await page.goto(`${url}/admin/payments`);
    await page.getByLabel("Buyer (e-mail or name)").fill("maya");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/buyer=maya/);
    const rows = page.getByRole("table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain("maya@example.com");
    for (const status of await rows.locator("td:nth-child(5)").allTextContents()) {
      expect(status).toMatch(/^(Completed|Pending|Failed|Refunded) ?(Stripe|Demo)/);
    }
    const confirm = rows.first().getByRole("checkbox");
    const label = await confirm.evaluate((el) => el.closest("label")?.textContent ?? "");
    expect(label).toMatch(/Maya .*\(maya@example\.com\) for “.+”/);
    // By name, in any case.
    await page.goto(`${url}/admin/payments?buyer=${encodeURIComponent("MAYA")}`);
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // On a phone each payment is a card of labelled lines: nothing is cut off at the right.
    await page.setViewportSize({ width: 390, height: 844 });
    const amount = rows.first().locator("td[data-label='Amount']");
    await expect
      .poll(() => amount.evaluate((el) => getComputedStyle(el, "::before").content))
      .toMatch(/^"Amount"/);
    // Each value sits beside its label, never under it in the label's column.
    for (const label of ["Buyer", "Status"]) {
      const cell = rows.first().locator(`td[data-label='${label}']`);
      const [cellBox, valueBox] = [await cell.boundingBox(), await cell.locator("> div").boundingBox()];
      expect(valueBox!.x - cellBox!.x, label).toBeGreaterThan(80);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const table = page.getByRole("table");
    expect(await table.evaluate((el) => el.parentElement!.scrollWidth <= el.parentElement!.clientWidth)).toBe(
      true,
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${url}/admin/payments?buyer=${encodeURIComponent("no such buyer%")}`);
    await page.getByText("No payments match these filters").waitFor();
    await context.close();
  });
});

describe("analytics", () => {
  it("shows every month, full labels, revenue with coupons and refunds apart, a table first on a phone (item 15)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "alan@example.com");
    await page.goto(`${e2e.server.url}/instructor`);
    await page.getByRole("link", { name: "Analytics of Machine Learning with Python" }).click();
    await page.waitForURL(/\/instructor\/courses\/[^/]+\/analytics$/);
    // Twelve months, quiet ones at zero.
    const enrollments = page.getByRole("figure", { name: "Enrollments by month (last 12 months)" });
    await expect.poll(() => enrollments.locator("details tbody tr").count()).toBe(12);
    // A lesson title too long for the chart's label column is shortened there, in full on hover and in the table.
    const funnel = page.getByRole("figure", { name: /Completion funnel/ });
    const full = "1.1 Setting Up a Reproducible ML Environment";
    expect(await funnel.locator("svg text title").filter({ hasText: full }).count()).toBe(1);
    expect(await funnel.locator("details td").filter({ hasText: full }).count()).toBe(1);
    // Revenue of a paid course with purchases: gross, discounts, refunds and net, with a total.
    const revenue = page.getByRole("table", { name: /Revenue by month/ });
    await revenue.getByRole("row").filter({ hasText: "Total" }).waitFor();
    expect(await revenue.getByRole("columnheader").allTextContents()).toEqual([
      "Month",
      "Gross",
      "Discounts",
      "Refunds",
      "Net",
    ]);
    // On a phone the figures come first as a visible table.
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await enrollments.locator("div table").isVisible()).toBe(true);
    await context.close();
  });
});

describe("buying", () => {
  it("says a cancelled checkout charged nothing, and a bought course leads with owning it (item 7)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "maya@example.com");
    await page.goto(`${e2e.server.url}/courses/building-llm-applications`);
    await page.getByRole("button", { name: "Buy for $99.00" }).click();
    await page.waitForURL(/\/checkout\/demo\//);
    await page.getByRole("button", { name: "Cancel and go back" }).click();
    await page.waitForURL(/\/courses\/building-llm-applications\?checkout=cancelled/);
    await page.getByText("Checkout cancelled — you were not charged.").waitFor();
    // The way back is the buy button, right there.
    await page.getByRole("button", { name: "Buy for $99.00" }).click();
    await page.waitForURL(/\/checkout\/demo\//);
    await page.getByRole("button", { name: "Pay $99.00" }).click();
    await page.waitForURL(/\/checkout\/return/);
    await page.getByRole("link", { name: "Start learning" }).click();
    await page.waitForURL(/\/learn\/building-llm-applications\/[^/?]+$/);
    await page.goto(`${e2e.server.url}/courses/building-llm-applications`);
    const card = page.getByRole("complementary", { name: "Price" });
    await card.getByText("You own this course").waitFor();
    expect(await card.getByText("$99.00").count()).toBe(0);
    expect(await card.getByRole("link", { name: "Start learning" }).count()).toBe(1);
    await context.close();
  });
});

describe("the header on a phone", () => {
  it("folds the navigation into a Menu that opens, leads somewhere and closes again (item 16)", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await signInViaMailbox(context, e2e.server.url, "ada@example.com");
    await page.goto(`${e2e.server.url}/courses`);
    const header = page.getByRole("banner");
    // Closed: one control, no row of links squeezed beside the name.
    expect(await header.getByRole("link", { name: "My learning" }).isVisible()).toBe(false);
    const menu = header.getByText("Menu", { exact: true });
    await menu.click();
    const nav = header.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Teach" }).waitFor();
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Courses",
      "My learning",
      "Teach",
      "Account",
    ]);
    await nav.getByRole("link", { name: "My learning" }).click();
    await page.waitForURL(`${e2e.server.url}/dashboard`);
    await expect.poll(() => header.getByRole("link", { name: "Teach" }).isVisible()).toBe(false);
    // By keyboard: Enter opens it, Escape closes it and leaves the focus on it.
    await menu.focus();
    await page.keyboard.press("Enter");
    await nav.getByRole("link", { name: "Courses" }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => header.getByRole("link", { name: "Courses" }).isVisible()).toBe(false);
    // Wide screens keep the links in the header.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await header.getByRole("link", { name: "My learning" }).isVisible()).toBe(true);
    expect(await header.getByText("Menu", { exact: true }).isVisible()).toBe(false);
    await context.close();
  });
});

describe("the footer's pages", () => {
  it("opens a readable API reference and a status page; the raw JSON stays at its address (item 20)", async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.server.url}/courses`);
    const footer = page.getByRole("contentinfo");
    await footer.getByRole("link", { name: "API" }).click();
    await page.waitForURL(`${e2e.server.url}/developers/api`);
    await page.getByRole("heading", { level: 1, name: "API reference" }).waitFor();
    // Every operation of the document is there, by area, with what it takes and answers.
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const operations = Object.values(doc.paths as Record<string, object>).flatMap((m) => Object.keys(m));
    expect(await page.locator("article[id]:not([id^='event-'])").count()).toBe(operations.length);
    // … and every webhook event the platform sends, with its data.
    const events = Object.keys(doc.webhooks as Record<string, object>);
    expect(events.length).toBeGreaterThan(0);
    expect(await page.locator("article[id^='event-']").count()).toBe(events.length);
    const enroll = page.locator("article#enrollInCourse");
    expect(await enroll.getByRole("heading", { level: 3 }).textContent()).toContain(
      "/api/v1/courses/{slug}/enrollment",
    );
    expect(await enroll.getByText("Signed in", { exact: true }).isVisible()).toBe(true);
    const progress = page.locator("article#setLessonProgress");
    await progress
      .getByRole("table", { name: /Request body/ })
      .getByText("completed", { exact: true })
      .waitFor();
    await page
      .getByRole("navigation", { name: "API areas", exact: true })
      .getByRole("link", { name: "Coupons", exact: true })
      .click();
    await page.waitForURL(/#area-coupons$/);
    await page.getByRole("link", { name: "/api/v1/openapi.json" }).first().waitFor();
    expect((await fetch(`${e2e.server.url}/api/v1/openapi.json`)).headers.get("content-type")).toContain(
      "json",
    );

    await page.goto(`${e2e.server.url}/courses`);
    await page.getByRole("contentinfo").getByRole("link", { name: "Status" }).click();
    await page.waitForURL(`${e2e.server.url}/status`);
    await page.getByRole("status").getByText("All systems are working.").waitFor();
    const rows = page.getByRole("table", { name: /Each part of the platform/ }).getByRole("row");
    expect(await rows.filter({ hasText: "Database" }).getByText("Working").isVisible()).toBe(true);
    expect((await fetch(`${e2e.server.url}/api/health`)).status).toBe(200);
    await page.close();
  });
});
