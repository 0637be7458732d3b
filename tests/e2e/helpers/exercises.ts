import type { APIRequestContext, Browser, Locator, Page } from "playwright-core";
import { signInViaMailbox } from "./auth";

export interface AuthorExercise {
  id: string;
  language: "python" | "javascript";
  instructions: string;
  starterCode: string;
  setupCode: string;
  checks: { name: string; code: string }[];
  solution: string | null;
  timeLimitSeconds: number;
}

/** The exercise cards of the lesson in the player, in order. */
export const exerciseCards = (page: Page) =>
  page.locator("section[aria-labelledby=exercises-heading] > ol > li");

/** Replaces an exercise editor's text as a paste would (no auto-indent on the way in). */
export async function setCode(page: Page, exercise: Locator, code: string, name = "Code") {
  await exercise.getByRole("textbox", { name }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

/** A lesson's exercises with their solutions, as its course staff read them. */
export async function authorExercises(
  request: APIRequestContext,
  baseUrl: string,
  lessonId: string,
): Promise<AuthorExercise[]> {
  const res = await request.get(`${baseUrl}/api/v1/instructor/lessons/${lessonId}/exercises`);
  if (res.status() !== 200) throw new Error(`exercises of ${lessonId}: ${res.status()}`);
  return ((await res.json()) as { items: AuthorExercise[] }).items;
}

/**
 * Passes every exercise of the lesson open in `page` with the reference solutions (read as `staffEmail`), the
 * way a student would: the code typed in, "Check", every check passed.
 */
export async function solveExercises(page: Page, browser: Browser, baseUrl: string, staffEmail: string) {
  const lessonId = new URL(page.url()).pathname.split("/").pop()!;
  const staff = await browser.newContext();
  await signInViaMailbox(staff, baseUrl, staffEmail);
  const exercises = await authorExercises(staff.request, baseUrl, lessonId);
  await staff.close();
  const cards = exerciseCards(page);
  for (const [i, x] of exercises.entries()) {
    const card = cards.nth(i);
    await setCode(page, card, x.solution!);
    await card.getByRole("button", { name: "Check", exact: true }).click();
    await card.getByText(`All ${x.checks.length} checks passed.`).waitFor({ timeout: 60_000 });
  }
  return exercises;
}
