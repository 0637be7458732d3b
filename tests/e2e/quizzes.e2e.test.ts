import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { answerAttempt, quizKey } from "./helpers/quiz";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

async function quizLessonOf(slug: string) {
  const course = (await (await fetch(`${e2e.server.url}/api/v1/courses/${slug}`)).json()) as {
    id: string;
    modules: { lessons: { id: string; lessonType: string }[] }[];
  };
  const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.lessonType === "QUIZ")!;
  return { courseId: course.id, lessonId: lesson.id };
}

describe("quizzes", () => {
  it("a student fails, reviews, passes and sees the lesson complete; the key is nowhere before submitting", async () => {
    const url = e2e.server.url;
    const { lessonId } = await quizLessonOf("ai-foundations");
    const staff = await e2e.browser.newContext();
    await signInViaMailbox(staff, url, "ada@example.com");
    const key = await quizKey(staff.request, url, lessonId);
    await staff.close();

    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "sam@example.com");
    const watch = watchPage(page, url);
    let collecting = true;
    const bodies: Promise<string>[] = [];
    page.on("response", (res) => {
      const type = res.headers()["content-type"] ?? "";
      if (collecting && res.url().startsWith(url) && /json|html|x-component/.test(type)) {
        bodies.push(res.text().catch(() => ""));
      }
    });
    await page.goto(`${url}/learn/ai-foundations/${lessonId}`);
    const progress = page.getByRole("progressbar", { name: "Course progress" });
    const before = Number(await progress.getAttribute("aria-valuenow"));
    // No hand-made completion on an assessed lesson, in the page or through the API.
    expect(await page.getByRole("button", { name: /Mark complete|Complete and continue/ }).count()).toBe(0);
    const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
    const refused = await page.request.put(`${url}/api/v1/lessons/${lessonId}/progress`, {
      headers: { origin: url },
      data: { completed: true },
    });
    expect(refused.status()).toBe(409);
    const refusal = await refused.json();
    expect(refusal.error.code).toBe("ASSESSMENT_REQUIRED");
    expectMatchesOpenApi(doc, "PUT", "/api/v1/lessons/{id}/progress", 409, refusal);

    // First attempt: one choice made (saved as the student goes), then submitted with the rest blank.
    await page.getByRole("button", { name: /Start the quiz|Start another attempt/ }).click();
    await page.getByText(/of \d+ answered/).waitFor();
    await page.locator("li[data-question-id] input[type=radio]").first().check();
    await page.getByText("Answers saved").waitFor();
    await page.reload();
    expect(await page.locator("li[data-question-id] input[type=radio]").first().isChecked()).toBe(true);
    collecting = false;
    const seen = (await Promise.all(bodies)).join("\n");
    expect(seen.length).toBeGreaterThan(1000);
    for (const q of key) {
      if (q.explanation)
        expect(seen, "an explanation was sent before submission").not.toContain(q.explanation);
      if (q.pattern) expect(seen).not.toContain(q.pattern);
      for (const a of q.acceptedAnswers) expect(seen).not.toContain(`"${a}"`);
    }
    expect(seen).not.toMatch(/correct\\?":\s*true/);
    await answerAttempt(page, key, "blank");
    const result = page.locator("#quiz-result");
    await result.getByText(/not passed/).waitFor();
    expect(await result.getByText(/Review the \d+ questions? marked below/).isVisible()).toBe(true);
    // Explanations show after submitting (one written without Markdown, so its text is the rendered text).
    const withExplanation = key.find((q) => q.explanation && !/[*_`[\]<>#]/.test(q.explanation))!;
    expect(await result.getByText(withExplanation.explanation!.slice(0, 30)).first().isVisible()).toBe(true);
    expect(Number(await progress.getAttribute("aria-valuenow"))).toBe(before);

    // Second attempt: every answer right.
    await page.getByRole("button", { name: "Start another attempt" }).click();
    await answerAttempt(page, key, "right");
    await result.getByText(/100% — passed/).waitFor();
    await page.getByText(/Passed — best score 100%/).waitFor();
    expect(Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(before);
    const syllabusEntry = page.getByRole("link", { name: /\(completed\)/ }).filter({ hasText: "Quiz" });
    expect(await syllabusEntry.count()).toBe(1);
    const history = page.getByRole("table", { name: "Your attempts at this quiz" });
    expect(await history.getByRole("row").count()).toBe(3);

    const attempts = await page.request.get(`${url}/api/v1/lessons/${lessonId}/quiz/attempts`);
    expectMatchesOpenApi(doc, "GET", "/api/v1/lessons/{id}/quiz/attempts", 200, await attempts.json());
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await context.close();
  });

  it("an instructor adds a question with the keyboard only", async () => {
    const url = e2e.server.url;
    const { courseId, lessonId } = await quizLessonOf("machine-learning-with-python");
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "alan@example.com");
    const watch = watchPage(page, url);
    const count = (await quizKey(page.request, url, lessonId)).length;
    await page.goto(`${url}/instructor/courses/${courseId}/lessons/${lessonId}`);
    await page.getByRole("button", { name: "Add a question" }).focus();
    await page.keyboard.press("Enter");
    // Focus is in the new question's text.
    const prompt = page.getByLabel("Question (Markdown)").last();
    await expect.poll(() => prompt.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Is a validation set used to choose hyperparameters?");
    await page.keyboard.press("Tab"); // the first option's "correct" radio (already the correct one)
    await page.keyboard.press("Tab");
    await page.keyboard.type("Yes");
    await page.keyboard.press("Tab"); // the second option's text (its radio is in the first one's group)
    await page.keyboard.type("No");
    for (let i = 0; i < 40; i++) {
      const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (name === "Save quiz") break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await page.getByText(`Quiz saved: ${count + 1} questions.`).waitFor();
    // The message has the focus, so a screen reader reads the outcome.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain("Quiz saved");
    const saved = await quizKey(page.request, url, lessonId);
    expect(saved).toHaveLength(count + 1);
    expect(saved.at(-1)).toMatchObject({
      type: "single",
      prompt: "Is a validation set used to choose hyperparameters?",
      options: [
        expect.objectContaining({ text: "Yes", correct: true }),
        expect.objectContaining({ text: "No", correct: false }),
      ],
    });
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
