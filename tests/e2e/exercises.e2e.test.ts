import type { APIRequestContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { authorExercises as authorExercisesOf, exerciseCards, setCode } from "./helpers/exercises";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

async function interactiveLessonOf(slug: string) {
  const course = (await (await fetch(`${e2e.server.url}/api/v1/courses/${slug}`)).json()) as {
    modules: { lessons: { id: string; lessonType: string }[] }[];
  };
  return course.modules.flatMap((m) => m.lessons).find((l) => l.lessonType === "INTERACTIVE")!.id;
}

const authorExercises = (request: APIRequestContext, lessonId: string) =>
  authorExercisesOf(request, e2e.server.url, lessonId);

describe("exercises", () => {
  it("a student passes every exercise of a lesson with code that runs in the page, offline, and the lesson completes", async () => {
    const url = e2e.server.url;
    const lessonId = await interactiveLessonOf("ai-foundations");
    const staff = await e2e.browser.newContext();
    await signInViaMailbox(staff, url, "ada@example.com");
    const exercises = await authorExercises(staff.request, lessonId);
    await staff.close();
    expect(exercises.length).toBeGreaterThan(0);

    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "sam@example.com");
    const watch = watchPage(page, url);
    const opened = Date.now();
    await page.goto(`${url}/learn/ai-foundations/${lessonId}`);
    // No hand-made completion on a lesson with exercises.
    expect(await page.getByRole("button", { name: /Mark complete|Complete and continue/ }).count()).toBe(0);
    const progress = page.getByRole("progressbar", { name: "Course progress" });
    const before = Number(await progress.getAttribute("aria-valuenow"));
    const cards = exerciseCards(page);
    await expect.poll(() => cards.count()).toBe(exercises.length);

    // The first exercise: the starter code fails its checks (the solution opens), then the solution passes.
    const first = cards.nth(0);
    await first.getByRole("button", { name: "Check", exact: true }).click();
    const checks = first.getByRole("list", { name: "Checks" });
    await checks.waitFor({ timeout: 60_000 });
    const firstResult = Date.now() - opened;
    expect(await checks.getByText("failed").count()).toBeGreaterThan(0);
    await first.getByRole("button", { name: "Show solution" }).click();
    await first.getByRole("textbox", { name: "Solution" }).waitFor();
    for (const [i, x] of exercises.entries()) {
      const card = cards.nth(i);
      await setCode(page, card, x.solution!);
      await card.getByRole("button", { name: "Check", exact: true }).click();
      await card.getByText(`All ${x.checks.length} checks passed.`).waitFor({ timeout: 30_000 });
      for (const c of x.checks) {
        expect(await card.getByRole("list", { name: "Checks" }).getByText(c.name).isVisible()).toBe(true);
      }
    }
    await page.getByText("Every exercise passed: lesson complete!").waitFor();
    await expect
      .poll(async () => Number(await progress.getAttribute("aria-valuenow")))
      .toBeGreaterThan(before);
    // The code comes back after a reload, and the lesson stays complete.
    await page.reload();
    await page.getByText("Lesson complete.").waitFor();
    await expect
      .poll(() => exerciseCards(page).nth(0).getByRole("textbox", { name: "Code" }).textContent())
      .toContain(
        exercises[0]!
          .solution!.split("\n")
          .find((l) => l.trim())!
          .trim(),
      );
    const api = await page.request.get(`${url}/api/v1/lessons/${lessonId}/exercises`);
    const body = await api.json();
    expectMatchesOpenApi(
      await (await fetch(`${url}/api/v1/openapi.json`)).json(),
      "GET",
      "/api/v1/lessons/{id}/exercises",
      200,
      body,
    );
    expect(body.items.every((x: { passed: boolean }) => x.passed)).toBe(true);
    expect(JSON.stringify(body)).not.toContain('"solution"');
    expect(watch.external, "requests left the platform").toEqual([]);
    expect(watch.problems).toEqual([]);
    console.log(`exercises: first result ${firstResult} ms after opening the lesson (fresh browser context)`);
    await context.close();
  }, 180_000);

  it("stops an endless loop at the time limit while the page stays responsive; errors show their line; code survives a reload", async () => {
    const url = e2e.server.url;
    const lessonId = await interactiveLessonOf("prompt-engineering");
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "priya@example.com");
    const watch = watchPage(page, url);
    await page.goto(`${url}/learn/prompt-engineering/${lessonId}`);
    const cards = exerciseCards(page);
    await cards.first().waitFor();
    const count = await cards.count();
    const python = cards.filter({ hasText: "Python" }).first();
    const javascript = cards.filter({ hasText: "JavaScript" }).first();
    expect(count).toBeGreaterThan(1);

    for (const [card, loop, syntax, line] of [
      [python, "while True:\n    pass\n", "x = 1\ny = (\n", 2],
      [javascript, "while (true) {}\n", "let a = 1;\nlet b = ;\n", 2],
    ] as const) {
      await setCode(page, card, loop);
      const started = Date.now();
      await card.getByRole("button", { name: "Run" }).click();
      // The page answers while the loop runs: the editor takes typing, other controls respond.
      await card
        .getByText(/Running…|Loading/)
        .first()
        .waitFor();
      const t0 = Date.now();
      await page.evaluate(() => document.title);
      expect(Date.now() - t0).toBeLessThan(1000);
      const output = card.getByRole("log", { name: "Output" });
      await output.getByText(/Stopped: time limit \(\d+ s\)/).waitFor({ timeout: 60_000 });
      expect(Date.now() - started).toBeLessThan(45_000);
      await setCode(page, card, syntax);
      await card.getByRole("button", { name: "Run" }).click();
      await output.getByText(new RegExp(`Error on line ${line}: SyntaxError`)).waitFor({ timeout: 30_000 });
    }

    // Saved as typed: the syntax error is still there after a reload, in both exercises.
    await page.waitForTimeout(1500);
    await page.reload();
    await expect
      .poll(() =>
        cards.filter({ hasText: "JavaScript" }).first().getByRole("textbox", { name: "Code" }).textContent(),
      )
      .toContain("let b = ;");
    expect(watch.external).toEqual([]);
    await context.close();
  }, 240_000);

  it("hostile check code can read or change nothing of the student's or an admin's account", async () => {
    const url = e2e.server.url;
    const lessonId = await interactiveLessonOf("ai-foundations");
    const staff = await e2e.browser.newContext();
    await signInViaMailbox(staff, url, "ada@example.com");
    const steal = (how: string) =>
      `${how}\nif (leaked) throw new Error("LEAKED " + leaked);\nthrow new Error("blocked");`;
    const js = [
      `let leaked = "";`,
      `for (const [m, p] of [["GET", "/api/v1/me/export"], ["DELETE", "/api/v1/me"]]) {`,
      `  try { const x = new XMLHttpRequest(); x.open(m, ${JSON.stringify(url)} + p, false);`,
      `    x.setRequestHeader("content-type", "application/json"); x.withCredentials = true;`,
      `    x.send(m === "DELETE" ? JSON.stringify({ confirm: "DELETE" }) : null);`,
      `    if (x.status < 400) leaked += x.status + " " + x.responseText.slice(0, 80); } catch (e) {}`,
      `}`,
      `try { if (self.parent && self.parent.document) leaked += "the page's document"; } catch (e) {}`,
      `try { localStorage.setItem("x", "1"); leaked += "storage"; } catch (e) {}`,
      `try { if (self.origin !== "null") leaked += "origin " + self.origin; } catch (e) {}`,
    ].join("\n");
    const py = [
      "import js",
      "leaked = ''",
      "for method, path in (('GET', '/api/v1/me/export'), ('DELETE', '/api/v1/me')):",
      "    try:",
      "        x = js.XMLHttpRequest.new()",
      `        x.open(method, ${JSON.stringify(url)} + path, False)`,
      "        x.withCredentials = True",
      "        x.send('{\"confirm\": \"DELETE\"}' if method == 'DELETE' else None)",
      "        if x.status < 400:",
      "            leaked += str(x.status) + x.responseText[:80]",
      "    except Exception:",
      "        pass",
      "assert not leaked, 'LEAKED ' + leaked",
      "raise AssertionError('blocked')",
    ].join("\n");
    const saved = await staff.request.put(`${url}/api/v1/instructor/lessons/${lessonId}/exercises`, {
      headers: { origin: url },
      data: {
        items: [
          {
            language: "javascript",
            instructions: "Hostile",
            starterCode: "1 + 1",
            checks: [{ name: "Steals in JavaScript", code: steal(js) }],
            solution: null,
            timeLimitSeconds: 10,
          },
          {
            language: "python",
            instructions: "Hostile",
            starterCode: "1 + 1",
            checks: [{ name: "Steals in Python", code: py }],
            solution: null,
            timeLimitSeconds: 10,
          },
        ],
      },
    });
    expect(saved.status()).toBe(200);
    await staff.close();

    for (const email of ["sam@example.com", "admin@example.com"]) {
      const context = await e2e.browser.newContext();
      const page = await signInViaMailbox(context, url, email);
      const watch = watchPage(page, url);
      // The server's own record: every export is audited ("user.data_exported").
      const exports = async () => {
        const res = await page.request.get(`${url}/api/v1/me/export`);
        expect(res.status()).toBe(200);
        const data = (await res.json()) as { profile: { email: string }; auditEntries: { action: string }[] };
        expect(data.profile.email).toBe(email);
        return data.auditEntries.filter((e) => e.action === "user.data_exported").length;
      };
      const exportsBefore = await exports();
      await page.goto(`${url}/learn/ai-foundations/${lessonId}`);
      const cards = exerciseCards(page);
      for (const i of [0, 1]) {
        const card = cards.nth(i);
        await card.getByRole("button", { name: "Check", exact: true }).click();
        const checks = card.getByRole("list", { name: "Checks" });
        await checks.waitFor({ timeout: 60_000 });
        expect(await checks.textContent()).toContain("blocked");
        expect(await checks.textContent()).not.toContain("LEAKED");
      }
      // Nothing reached the account: the person is still there, and the only export is the test's own (each export
      // sees the audit entries before its own).
      expect(await exports()).toBe(exportsBefore + 1);
      expect(watch.external).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it("Try it in the lesson editor catches a wrong reference solution, and saving waits for a right one", async () => {
    const url = e2e.server.url;
    const lessonId = await interactiveLessonOf("prompt-engineering");
    const course = (await (await fetch(`${url}/api/v1/courses/prompt-engineering`)).json()) as { id: string };
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, url, "ada@example.com");
    const watch = watchPage(page, url);
    const before = await authorExercises(page.request, lessonId);
    await page.goto(`${url}/instructor/courses/${course.id}/lessons/${lessonId}`);
    const expand = page.getByRole("button", { name: "Expand exercise 1" });
    if (await expand.isVisible()) await expand.click();
    const solution = page.getByRole("textbox", { name: "Exercise 1 reference solution" });
    await solution.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(before[0]!.starterCode);
    await page.getByRole("button", { name: "Try it: exercise 1" }).click();
    await page
      .getByText(/The reference solution fails/)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(
      await page
        .getByText("Saving is blocked until the reference solution of exercise 1 passes every check.")
        .isVisible(),
    ).toBe(true);
    // Saving is refused in the page (the button says so to assistive technology), and nothing was sent.
    const save = page.getByRole("button", { name: "Save exercises" });
    expect(await save.getAttribute("aria-disabled")).toBe("true");
    await save.click({ force: true });
    await page.waitForTimeout(500);
    expect((await authorExercises(page.request, lessonId))[0]!.solution).toBe(before[0]!.solution);

    // The right solution again: Try it passes, and the save goes through.
    await solution.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(before[0]!.solution!);
    await page.getByRole("button", { name: "Try it: exercise 1" }).click();
    await page
      .getByText(/Reference solution: (\d+) of \1 checks passed/)
      .first()
      .waitFor({ timeout: 60_000 });
    await save.click();
    await page.getByText(/Saved: \d+ exercises?\./).waitFor();
    expect((await authorExercises(page.request, lessonId))[0]!.solution).toBe(before[0]!.solution);
    expect(watch.external).toEqual([]);
    await context.close();
  }, 180_000);
});
