import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/lib/markdown";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";
import { answerAttempt, quizKey, type KeyQuestion } from "./helpers/quiz";
import { exerciseCards, solveExercises } from "./helpers/exercises";

const e2e = setupE2e();

describe("learning a course end to end", () => {
  it("enrolls in the free course, completes every lesson, gets a certificate anyone can verify", async () => {
    const context = await e2e.browser.newContext();
    // A newcomer: a new account has no name yet, so the certificate waits for one.
    const page = await signInViaMailbox(context, e2e.server.url, "noor.haddad@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/dashboard`);
    await page.getByText("You are not enrolled in any course yet").waitFor();

    await page.goto(`${e2e.server.url}/courses/ai-foundations`);
    await page.getByRole("button", { name: /Enroll for free/ }).click();
    await page.waitForURL(new RegExp(`${e2e.server.url}/learn/ai-foundations/`));

    // The first lesson is the shipped video: it plays from the platform.
    const duration = await page.locator("video").evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          if (v.readyState >= 1) resolve(v.duration);
          v.addEventListener("loadedmetadata", () => resolve(v.duration));
          v.load();
        }),
    );
    expect(duration).toBeGreaterThan(5);

    // Ada (the course's instructor) passes the student's assignment, scoring the top level of her rubric.
    const passAsInstructor = async (lessonId: string) => {
      const staff = await e2e.browser.newContext();
      const ada = await signInViaMailbox(staff, e2e.server.url, "ada@example.com");
      const queue = await (await ada.request.get(`${e2e.server.url}/api/v1/instructor/submissions`)).json();
      const item = queue.items.find((i: { lesson: { id: string } }) => i.lesson.id === lessonId);
      const submission = await (
        await ada.request.get(`${e2e.server.url}/api/v1/submissions/${item.id}`)
      ).json();
      const review = await ada.request.post(`${e2e.server.url}/api/v1/submissions/${item.id}/review`, {
        headers: { origin: e2e.server.url },
        data: {
          decision: "PASS",
          feedback: "Clear and well tested.",
          rubricScores: (submission.rubric ?? []).map((c: { id: string; levels: { id: string }[] }) => ({
            criterionId: c.id,
            levelId: c.levels[0]!.id,
          })),
        },
      });
      expect(review.status()).toBe(200);
      await staff.close();
    };
    // The quiz lesson is completed by passing its quiz (its instructor's key answers it).
    let key: KeyQuestion[] | null = null;
    for (let i = 0; i < 40; i++) {
      const start = page.getByRole("button", { name: /Start the quiz|Start another attempt/ });
      if (await start.isVisible()) {
        if (!key) {
          const staff = await e2e.browser.newContext();
          await signInViaMailbox(staff, e2e.server.url, "ada@example.com");
          key = await quizKey(staff.request, e2e.server.url, page.url().split("/").pop()!);
          await staff.close();
        }
        await start.click();
        await answerAttempt(page, key, "right");
        const next = page.getByRole("link", { name: "Continue to the next lesson" });
        const before = page.url();
        await next.click();
        await page.waitForURL((url) => url.toString() !== before);
        continue;
      }
      // The interactive lesson completes when every exercise passes its checks.
      if (await exerciseCards(page).first().isVisible()) {
        await solveExercises(page, e2e.browser, e2e.server.url, "ada@example.com");
        const before = page.url();
        await page.getByRole("link", { name: "Continue to the next lesson" }).click();
        await page.waitForURL((url) => url.toString() !== before);
        continue;
      }
      // The assignment lesson completes when its instructor passes the work handed in.
      const handIn = page.getByRole("button", { name: "Hand in" });
      if (await handIn.isVisible()) {
        await page
          .getByLabel("Your answer (Markdown)")
          .fill("## My use-case brief\n\nTriage of support tickets.");
        await handIn.click();
        await page.getByText("Handed in — waiting for review").waitFor();
        await passAsInstructor(page.url().split("/").pop()!);
        await page.reload();
        break;
      }
      const button = page.getByRole("button", { name: /Complete and continue|Mark complete/ });
      const label = await button.textContent();
      const before = page.url();
      await button.click();
      await page.waitForURL((url) => url.toString() !== before);
      if (label?.includes("Mark complete")) break;
    }
    // The completion moment: congratulations, the one field the certificate waits for, what to learn next.
    await page.getByRole("heading", { name: /Congratulations — you finished AI Foundations/ }).waitFor();
    expect(
      await page.getByRole("progressbar", { name: "Course progress" }).getAttribute("aria-valuenow"),
    ).toBe("100");
    const next = page.getByRole("list", { name: "What to learn next" });
    expect(await next.getByRole("heading").allTextContents()).toHaveLength(3);
    expect(await next.getByText("AI Foundations: How Modern AI Works").count()).toBe(0);
    await page.getByLabel("Your name, as it should appear on the certificate").fill("Noor Haddad");
    await page.getByRole("button", { name: "Issue my certificate" }).click();
    // The panel now shows the certificate that was issued, in place of the field.
    const moment = page.getByRole("region", { name: /Congratulations/ });
    await moment.getByRole("link", { name: "View certificate" }).waitFor();
    const linkedIn = new URL(
      (await moment.getByRole("link", { name: /Add to LinkedIn/ }).getAttribute("href"))!,
    );
    expect(linkedIn.origin + linkedIn.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(linkedIn.searchParams.get("certId")).toMatch(/^AIW-/);
    expect(await moment.getByRole("link", { name: "Download PDF" }).getAttribute("href")).toMatch(/\/pdf$/);

    // The course page and the dashboard say it is done, and offer a review.
    await page.goto(`${e2e.server.url}/courses/ai-foundations`);
    await page
      .getByText(/Completed on /)
      .first()
      .waitFor();
    expect(await page.getByRole("link", { name: /Continue where you left off/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Write a review" }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "Review the material" }).count()).toBe(1);
    await page.goto(`${e2e.server.url}/account`);
    const certs = page.getByRole("region", { name: "Certificates" });
    await certs.getByText("AI Foundations: How Modern AI Works").first().waitFor();
    expect(await certs.getByRole("link", { name: /^View/ }).count()).toBe(1);

    await page.goto(`${e2e.server.url}/dashboard`);
    const card = page.getByRole("listitem").filter({ hasText: "AI Foundations: How Modern AI Works" });
    expect(await card.getByText("100%").isVisible()).toBe(true);
    expect(await card.getByText(/Completed on /).isVisible()).toBe(true);
    await card.getByRole("link", { name: "View certificate" }).click();
    await page.getByText("Valid certificate", { exact: true }).waitFor();
    const number = (await page.locator("p.font-mono").textContent())!.trim();
    expect(number).toMatch(/^AIW-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const pdf = await page.request.get(`${e2e.server.url}/certificates/${number}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    const api = await page.request.get(`${e2e.server.url}/api/v1/me/certificates`);
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/me/certificates", 200, await api.json());
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await context.close();

    // Signed out, anyone can verify it; a mistyped number reveals nothing.
    const visitor = await e2e.browser.newPage();
    await visitor.goto(`${e2e.server.url}/certificates/${number}`);
    await visitor.getByText("Valid certificate", { exact: true }).waitFor();
    expect(await visitor.getByText("Noor Haddad").isVisible()).toBe(true);
    const typo = number.slice(0, -1) + (number.endsWith("0") ? "1" : "0");
    expect((await fetch(`${e2e.server.url}/certificates/${typo}`)).status).toBe(404);
    const publicApi = await fetch(`${e2e.server.url}/api/v1/certificates/${number}`);
    expectMatchesOpenApi(doc, "GET", "/api/v1/certificates/{number}", 200, await publicApi.json());
    await visitor.close();
  });

  it("keeps lessons closed to people who are not enrolled, and answers the API by its document", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "leo@example.com");
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const paid = await page.request.post(
      `${e2e.server.url}/api/v1/courses/building-llm-applications/enrollment`,
      {
        headers: { origin: e2e.server.url },
      },
    );
    expect(paid.status()).toBe(402);
    expectMatchesOpenApi(doc, "POST", "/api/v1/courses/{slug}/enrollment", 402, await paid.json());
    const mine = await page.request.get(`${e2e.server.url}/api/v1/me/enrollments`);
    const body = await mine.json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/me/enrollments", 200, body);
    // Leo's prompt-engineering enrollment is SUSPENDED: its lessons are closed.
    const suspended = body.items.find((e: { courseSlug: string }) => e.courseSlug === "prompt-engineering");
    const lesson = await page.request.get(`${e2e.server.url}/api/v1/lessons/${suspended.resumeLessonId}`);
    expect(lesson.status()).toBe(403);
    const progress = await page.request.put(
      `${e2e.server.url}/api/v1/lessons/${suspended.resumeLessonId}/progress`,
      {
        headers: { origin: e2e.server.url, "content-type": "application/json" },
        data: Buffer.from("{not json"),
      },
    );
    expect(progress.status()).toBe(400);
    const invalid = await page.request.put(
      `${e2e.server.url}/api/v1/lessons/${suspended.resumeLessonId}/progress`,
      {
        headers: { origin: e2e.server.url },
        data: { timeSpentSeconds: 9999 },
      },
    );
    expect(invalid.status()).toBe(422);
    const crossSite = await page.request.put(
      `${e2e.server.url}/api/v1/lessons/${suspended.resumeLessonId}/progress`,
      {
        headers: { origin: "https://evil.example" },
        data: { completed: true },
      },
    );
    expect(crossSite.status()).toBe(403);
    await page.goto(`${e2e.server.url}/learn/prompt-engineering/${suspended.resumeLessonId}`);
    await page.getByText("This lesson is closed to you").waitFor();
    await context.close();
  });
});

describe("the lesson sanitizer, in Chromium", () => {
  it("lets none of the XSS corpus execute", async () => {
    const corpus = [
      "<script>window.__xss = 1</script>",
      '<img src=x onerror="window.__xss = 2">',
      '<svg onload="window.__xss = 3"></svg>',
      "[click](javascript:window.__xss=4)",
      "[x](JaVaScRiPt:window.__xss=5)",
      '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
      '<a href="javascript:window.__xss=7">x</a>',
      "![x](javascript:window.__xss=8)",
      '<details open ontoggle="window.__xss=9">',
      '<math><mi xlink:href="javascript:window.__xss=10">x</mi></math>',
      "&#60;script&#62;window.__xss=11&#60;/script&#62;",
      '<object data="data:text/html,<script>parent.__xss=12</script>"></object>',
    ].join("\n\n");
    const page = await e2e.browser.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.setContent(`<main>${renderMarkdown(corpus)}</main>`);
    for (const link of await page.locator("a").all())
      await link.click({ noWaitAfter: true, timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    await page.close();
  });
});

describe("prerequisites", () => {
  it("tells a newcomer which course to complete first, refuses buying through the API with the reason, and lets an owner require courses without circles", async () => {
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "first-timer@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/courses/building-llm-applications`);
    const card = page.getByRole("complementary", { name: "Price" });
    await card.getByText("Complete this course first:").waitFor();
    await card.getByRole("link", { name: "Prompt Engineering in Practice" }).waitFor();
    expect(await card.getByRole("button", { name: /Buy for/ }).count()).toBe(0);
    await page.getByRole("list", { name: "Required courses" }).getByText("Not started").waitFor();
    const refused = await page.request.post(
      `${e2e.server.url}/api/v1/courses/building-llm-applications/checkout`,
      { data: {}, headers: { origin: e2e.server.url } },
    );
    expect(refused.status()).toBe(409);
    const body = await refused.json();
    expectMatchesOpenApi(doc, "POST", "/api/v1/courses/{slug}/checkout", 409, body);
    expect(body.error).toMatchObject({
      code: "PREREQUISITES_NOT_MET",
      missing: [{ slug: "prompt-engineering", title: "Prompt Engineering in Practice" }],
    });
    expect(body.error.message).toContain("Prompt Engineering in Practice");
    expect(watch.problems).toEqual([]);
    await context.close();

    // Ada owns both of her courses: Prompt Engineering may require AI Foundations, but not the other way round.
    const teacher = await e2e.browser.newContext();
    const ada = await signInViaMailbox(teacher, e2e.server.url, "ada@example.com");
    const edit = async (slug: string) => {
      await ada.goto(`${e2e.server.url}/instructor`);
      await ada
        .getByRole("link", {
          name:
            slug === "prompt-engineering"
              ? "Prompt Engineering in Practice"
              : "AI Foundations: How Modern AI Works",
        })
        .first()
        .click();
      await ada.waitForURL(/\/instructor\/courses\/[^/]+$/);
    };
    await edit("prompt-engineering");
    const required = ada.getByRole("group", { name: "Required courses (optional)" });
    await required.getByLabel("AI Foundations: How Modern AI Works").check();
    await ada.getByRole("button", { name: "Save details" }).click();
    await ada.getByText("Course saved.").waitFor();
    await edit("ai-foundations");
    await ada
      .getByRole("group", { name: "Required courses (optional)" })
      .getByLabel("Prompt Engineering in Practice")
      .check();
    await ada.getByRole("button", { name: "Save details" }).click();
    await ada.getByRole("alert").filter({ hasText: "circle of prerequisites" }).first().waitFor();
    // Nothing was lost: the box stays ticked for another try.
    expect(
      await ada
        .getByRole("group", { name: "Required courses (optional)" })
        .getByLabel("Prompt Engineering in Practice")
        .isChecked(),
    ).toBe(true);
    // Put the demo back as it was.
    await edit("prompt-engineering");
    await ada
      .getByRole("group", { name: "Required courses (optional)" })
      .getByLabel("AI Foundations: How Modern AI Works")
      .uncheck();
    await ada.getByRole("button", { name: "Save details" }).click();
    await ada.getByText("Course saved.").waitFor();
    await teacher.close();
  });
});
