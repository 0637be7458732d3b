import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { quizAccommodations, quizQuestions, quizzes } from "../db/schema";
import { queryRows } from "../db/rows";
import { notFound } from "../errors";
import type { Actor } from "../accounts/actor";
import { isCourseStaffSql } from "../authoring/staff";
import { checkLessonAccess, moduleOpensAt, type LessonAccessRow } from "../learning/lesson-access";
import type { ServedQuestion, TQuizSettings } from "./quiz-schemas";

/** Saves and submissions are accepted this long after the deadline (network, a slow device). */
export const GRACE_MS = 30_000;

export interface QuizPlace {
  lessonId: string;
  courseId: string;
  /** The actor's enrollment allows taking the quiz (ACTIVE or COMPLETED). */
  enrolled: boolean;
  staff: boolean;
}

/**
 * A QUIZ lesson with a quiz, in a published module, as the actor may see it: enrolled students and the
 * course's staff. No such quiz (or not a QUIZ lesson): NOT_FOUND; anyone else: FORBIDDEN.
 */
export async function getQuizPlace(db: Db, actor: Actor, lessonId: string): Promise<QuizPlace> {
  const [row] = await queryRows<{ course_id: string } & LessonAccessRow>(
    db,
    sql`SELECT m.course_id, e.status, ${isCourseStaffSql(actor, sql`m.course_id`)} AS staff,
               ${moduleOpensAt()} AS opens_at
        FROM quizzes qz
        JOIN lessons l ON l.id = qz.lesson_id AND l.lesson_type = 'QUIZ'
        JOIN modules m ON m.id = l.module_id AND m.published
        LEFT JOIN enrollments e ON e.course_id = m.course_id AND e.user_id = ${actor.id}
        WHERE qz.lesson_id = ${lessonId}`,
  );
  if (!row) throw notFound("This quiz");
  const { enrolled, staff } = checkLessonAccess(row, "Enroll in this course to take its quiz.");
  return { lessonId, courseId: row.course_id, enrolled, staff };
}

export type QuizSettingsRow = TQuizSettings & { version: number };

export async function loadQuiz(db: Db, lessonId: string, lock = false): Promise<QuizSettingsRow | null> {
  const q = db
    .select({
      passPercentage: quizzes.passPercentage,
      maxAttempts: quizzes.maxAttempts,
      timeLimitMinutes: quizzes.timeLimitMinutes,
      poolSize: quizzes.poolSize,
      shuffleOptions: quizzes.shuffleOptions,
      partialCredit: quizzes.partialCredit,
      revealAnswers: quizzes.revealAnswers,
      version: quizzes.version,
    })
    .from(quizzes)
    .where(eq(quizzes.lessonId, lessonId));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** The quiz's live questions in authored order, answer data included (server side only). */
export async function loadQuestions(db: Db, lessonId: string): Promise<ServedQuestion[]> {
  const rows = await db
    .select({
      id: quizQuestions.id,
      type: quizQuestions.type,
      prompt: quizQuestions.prompt,
      points: quizQuestions.points,
      explanation: quizQuestions.explanation,
      options: quizQuestions.options,
      acceptedAnswers: quizQuestions.acceptedAnswers,
      pattern: quizQuestions.pattern,
      value: quizQuestions.numericValue,
      tolerance: quizQuestions.tolerance,
    })
    .from(quizQuestions)
    .where(and(eq(quizQuestions.lessonId, lessonId), isNull(quizQuestions.deletedAt)))
    .orderBy(asc(quizQuestions.order));
  return rows;
}

export async function loadAccommodation(db: Db, lessonId: string, userId: string) {
  const [row] = await db
    .select({
      extraTimePercent: quizAccommodations.extraTimePercent,
      extraAttempts: quizAccommodations.extraAttempts,
    })
    .from(quizAccommodations)
    .where(and(eq(quizAccommodations.lessonId, lessonId), eq(quizAccommodations.userId, userId)));
  return row ?? { extraTimePercent: 0, extraAttempts: 0 };
}

/** A question as a student sees it before submitting: no correctness, accepted answers or explanation. */
export function publicQuestion(q: ServedQuestion) {
  return {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    points: q.points,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
  };
}
export type PublicQuestion = ReturnType<typeof publicQuestion>;
