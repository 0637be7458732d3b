import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../tests/helpers/db";
import { gradeAttempt } from "../../assessments/grading";
import {
  QUESTION_TYPES,
  ZQuestionInput,
  ZQuizSave,
  ZQuizSettings,
  type AttemptSettings,
  type ServedQuestion,
  type TAnswer,
} from "../../assessments/quiz-schemas";
import type { Database } from "../client";
import { queryRows } from "../rows";
import { quizAttempts, quizQuestions, quizzes } from "../schema";
import { demoCatalogue } from "./catalogue";
import { demoQuizzes } from "./catalogue/quizzes";
import { seedDemo } from "./demo";

const OPTS = { appUrl: "http://localhost:3000", currency: "USD" };

let database: Database;
const db = () => database.db;
const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(db(), q);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(db(), OPTS);
});
afterAll(async () => {
  await database?.close();
});

/** Each demo enrollment with its quiz lesson's state and its attempts, in order. */
async function enrollmentsWithAttempts() {
  const list = await rows<{
    user_id: string;
    course_id: string;
    enrolled_at: Date;
    quiz_done: boolean;
    quiz_completed_at: Date | null;
  }>(sql`
    SELECT e.user_id, e.course_id, e.enrolled_at, coalesce(up.completed, false) AS quiz_done,
           up.completed_at AS quiz_completed_at
    FROM enrollments e
    JOIN modules m ON m.course_id = e.course_id
    JOIN lessons l ON l.module_id = m.id AND l.lesson_type = 'QUIZ'
    LEFT JOIN user_progress up ON up.user_id = e.user_id AND up.lesson_id = l.id`);
  const attempts = await db().select().from(quizAttempts).orderBy(asc(quizAttempts.number));
  return list.map((e) => ({
    ...e,
    attempts: attempts.filter((a) => a.userId === e.user_id && a.courseId === e.course_id),
  }));
}

describe("the demo quizzes", () => {
  it("are valid as an author would save them: every question and the settings", () => {
    for (const [slug, quiz] of Object.entries(demoQuizzes)) {
      expect(ZQuizSettings.safeParse(quiz.settings).success, slug).toBe(true);
      quiz.questions.forEach((q, i) => {
        const parsed = ZQuestionInput.safeParse(q);
        expect(parsed.error?.issues ?? [], `${slug} question ${i + 1}`).toEqual([]);
      });
      expect(
        ZQuizSave.safeParse({ version: 0, settings: quiz.settings, questions: quiz.questions }).success,
      ).toBe(true);
    }
  });

  it("give every QUIZ lesson of the catalogue a quiz with questions, and no lesson prints an answer key", async () => {
    const quizLessons = await rows<{ id: string; content: string; questions: number; has_quiz: boolean }>(sql`
      SELECT l.id, l.content, (q.lesson_id IS NOT NULL) AS has_quiz,
             (SELECT count(*)::int FROM quiz_questions qq WHERE qq.lesson_id = l.id AND qq.deleted_at IS NULL) AS questions
      FROM lessons l LEFT JOIN quizzes q ON q.lesson_id = l.id
      WHERE l.lesson_type = 'QUIZ'`);
    const inCatalogue = demoCatalogue
      .flatMap((c) => c.modules.flatMap((m) => m.lessons))
      .filter((l) => l.lessonType === "QUIZ");
    expect(quizLessons).toHaveLength(inCatalogue.length);
    for (const l of quizLessons) {
      expect(l.has_quiz).toBe(true);
      expect(l.questions).toBeGreaterThanOrEqual(1);
      expect(l.content).not.toMatch(/answer key/i);
    }
    const other = await rows(
      sql`SELECT q.lesson_id FROM quizzes q JOIN lessons l ON l.id = q.lesson_id WHERE l.lesson_type <> 'QUIZ'`,
    );
    expect(other).toEqual([]);
  });

  it("use every question type, with an accepted answer for every short-text question", async () => {
    const questions = await db().select().from(quizQuestions);
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
    for (const q of questions.filter((q) => q.type === "short_text")) {
      expect(q.acceptedAnswers.length, q.prompt).toBeGreaterThanOrEqual(1);
    }
    for (const q of questions.filter((q) => q.type === "numeric")) {
      expect(q.numericValue, q.prompt).not.toBeNull();
      expect(q.tolerance, q.prompt).not.toBeNull();
    }
  });

  it("let the free course's learners try at least three times, with no time limit", async () => {
    const [free] = await rows<{ max_attempts: number | null; time_limit_minutes: number | null }>(sql`
      SELECT q.max_attempts, q.time_limit_minutes FROM quizzes q
      JOIN lessons l ON l.id = q.lesson_id JOIN modules m ON m.id = l.module_id JOIN courses c ON c.id = m.course_id
      WHERE c.price = 0`);
    expect(free).toBeDefined();
    expect(free!.max_attempts === null || free!.max_attempts >= 3).toBe(true);
    expect(free!.time_limit_minutes).toBeNull();
  });
});

describe("the demo attempt history", () => {
  it("stores exactly what grading the attempt gives, by the quiz's questions and settings, at consistent times", async () => {
    const attempts = await db().select().from(quizAttempts);
    const settingsOf = new Map((await db().select().from(quizzes)).map((q) => [q.lessonId, q]));
    const questions = await db().select().from(quizQuestions).orderBy(asc(quizQuestions.order));
    expect(attempts.length).toBeGreaterThanOrEqual(5);
    for (const a of attempts) {
      const served = a.questions as ServedQuestion[];
      const settings = a.settings as AttemptSettings;
      const graded = gradeAttempt(served, a.answers as TAnswer[], settings);
      expect(a.pointsTotal).toBe(graded.pointsTotal);
      expect(a.pointsAwarded).toBe(graded.pointsAwarded.toFixed(2));
      expect(a.scorePercentage).toBe(graded.scorePercentage);
      expect(a.passed).toBe(graded.passed);
      expect(a.results).toEqual(graded.results);

      const quiz = settingsOf.get(a.lessonId)!;
      expect(settings).toEqual({
        passPercentage: quiz.passPercentage,
        partialCredit: quiz.partialCredit,
        revealAnswers: quiz.revealAnswers,
      });
      const live = questions.filter((q) => q.lessonId === a.lessonId && q.deletedAt === null);
      expect(served).toEqual(
        live.map((q) => ({
          id: q.id,
          type: q.type,
          prompt: q.prompt,
          points: q.points,
          explanation: q.explanation,
          options: q.options,
          acceptedAnswers: q.acceptedAnswers,
          pattern: q.pattern,
          value: q.numericValue,
          tolerance: q.tolerance,
        })),
      );

      expect(a.submittedAt).not.toBeNull();
      expect(a.expired).toBe(false);
      expect(a.submittedAt!.getTime()).toBeGreaterThan(a.startedAt.getTime());
      expect(a.submittedAt!.getTime()).toBeLessThan(Date.now());
      if (quiz.timeLimitMinutes === null) expect(a.deadline).toBeNull();
      else {
        expect(a.deadline!.getTime()).toBe(a.startedAt.getTime() + quiz.timeLimitMinutes * 60_000);
        expect(a.submittedAt!.getTime()).toBeLessThanOrEqual(a.deadline!.getTime());
      }
    }
  });

  it("has a passed attempt, submitted before the lesson's completion, for every enrollment whose quiz lesson is complete, and none for others", async () => {
    const list = await enrollmentsWithAttempts();
    expect(list.filter((e) => e.quiz_done).length).toBeGreaterThanOrEqual(3);
    for (const e of list) {
      const numbers = e.attempts.map((a) => a.number);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      for (let i = 1; i < e.attempts.length; i++) {
        expect(e.attempts[i]!.startedAt.getTime()).toBeGreaterThan(e.attempts[i - 1]!.submittedAt!.getTime());
      }
      if (e.attempts.length > 0)
        expect(e.attempts[0]!.startedAt.getTime()).toBeGreaterThan(new Date(e.enrolled_at).getTime());
      const passed = e.attempts.filter((a) => a.passed);
      if (e.quiz_done) {
        // The first pass completes the lesson; nobody retakes a passed quiz in the demo.
        expect(passed).toHaveLength(1);
        expect(e.attempts.at(-1)!.passed).toBe(true);
        expect(passed[0]!.submittedAt!.getTime()).toBeLessThanOrEqual(
          new Date(e.quiz_completed_at!).getTime(),
        );
      } else {
        expect(passed).toEqual([]);
      }
      expect(e.attempts.every((a) => a.submittedAt !== null)).toBe(true);
    }
  });

  it("shows a learner who failed and then passed, and one still learning who failed with no attempt left open", async () => {
    const list = await enrollmentsWithAttempts();
    expect(list.some((e) => e.quiz_done && e.attempts.length >= 2 && e.attempts[0]!.passed === false)).toBe(
      true,
    );
    const stillLearning = list.filter((e) => !e.quiz_done && e.attempts.some((a) => a.passed === false));
    expect(stillLearning.length).toBeGreaterThanOrEqual(1);
    const open = await rows(sql`SELECT id FROM quiz_attempts WHERE submitted_at IS NULL`);
    expect(open).toEqual([]);
  });

  it("is seeded once: a second run inserts no quiz, question or attempt", async () => {
    const count = async () =>
      (
        await rows<{ n: string }>(sql`
          SELECT ((SELECT count(*) FROM quizzes) + (SELECT count(*) FROM quiz_questions)
                  + (SELECT count(*) FROM quiz_attempts))::text AS n`)
      )[0]!.n;
    const before = await count();
    const second = await seedDemo(db(), { ...OPTS, now: new Date(Date.now() + 3 * 86_400_000) });
    expect([second.inserted.quizzes, second.inserted.quiz_questions, second.inserted.quiz_attempts]).toEqual([
      0, 0, 0,
    ]);
    expect(await count()).toBe(before);
  });
});
