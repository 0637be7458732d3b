import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { quizAttempts, quizQuestions, quizzes } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import type { Actor } from "../accounts/actor";
import { recordAudit, type AuditContext } from "../audit/record";
import { assertAuthor, lockLessonForAuthor, mayEdit } from "../authoring/course-access";
import { assertPublishedCourseStaysComplete, snapshotPublishProblems } from "../authoring/courses";
import { loadQuestions, loadQuiz } from "./quiz-store";
import {
  ZQuizSave,
  ZQuizSettings,
  type ServedQuestion,
  type TQuizSave,
  type TQuizSettings,
} from "./quiz-schemas";

/** A question with its answer data, as the course's staff edit it (the same shape an attempt serves). */
export type AuthorQuestion = ServedQuestion;

export interface AuthorQuiz {
  version: number;
  settings: TQuizSettings;
  questions: AuthorQuestion[];
  attemptCount: number;
}

const DEFAULT_SETTINGS = ZQuizSettings.parse({});

/** A QUIZ lesson the actor may edit (course staff), or not found — for everyone else as for a missing one. */
async function assertQuizLesson(db: Db, actor: Actor, lessonId: string) {
  const [row] = await queryRows<{ lesson_type: string }>(
    db,
    sql`SELECT l.lesson_type FROM lessons l JOIN modules m ON m.id = l.module_id
        WHERE l.id = ${lessonId} AND ${mayEdit(actor, sql`m.course_id`)}`,
  );
  if (!row) throw notFound("This lesson");
  if (row.lesson_type !== "QUIZ") throw notFound("This lesson's quiz (it is not a quiz lesson)");
}

/** The quiz with its answer data, for the course's staff; version 0 and defaults before the first save. */
export async function getQuizForAuthor(db: Db, actor: Actor | null, lessonId: string): Promise<AuthorQuiz> {
  assertAuthor(actor);
  await assertQuizLesson(db, actor, lessonId);
  const [quiz, questions, [attempts]] = await Promise.all([
    loadQuiz(db, lessonId),
    loadQuestions(db, lessonId),
    db.select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.lessonId, lessonId)),
  ]);
  const { version = 0, ...settings } = quiz ?? { ...DEFAULT_SETTINGS, version: 0 };
  return { version, settings, questions, attemptCount: attempts?.n ?? 0 };
}

/**
 * Saves the whole quiz (settings and questions in order) based on `version`: a save from an older version is
 * refused (409), so two editors never overwrite each other. Questions keep their ids; a question left out is
 * soft-deleted (attempts that were served it keep their statistics); option ids are kept when given.
 */
export async function saveQuiz(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  input: TQuizSave,
  ctx: AuditContext = {},
): Promise<AuthorQuiz> {
  assertAuthor(actor);
  const save = parseInput(ZQuizSave, input);
  await db.transaction(async (tx) => {
    const { course, lesson } = await lockLessonForAuthor(tx, actor, lessonId);
    if (lesson.lesson_type !== "QUIZ") throw notFound("This lesson's quiz (it is not a quiz lesson)");
    const snapshot = await snapshotPublishProblems(tx, course);
    // The lesson's lock (above) serializes saves of one quiz, the first one (which creates the row) included.
    const current = await loadQuiz(tx, lessonId);
    const currentVersion = current?.version ?? 0;
    if (save.version !== currentVersion) {
      throw new AppError("CONFLICT", {
        userMessage:
          "Someone saved this quiz after you opened it. Reload to see their changes, then edit again.",
      });
    }
    if (current) {
      await tx
        .update(quizzes)
        .set({ ...save.settings, version: sql`${quizzes.version} + 1` })
        .where(eq(quizzes.lessonId, lessonId));
    } else {
      await tx.insert(quizzes).values({ lessonId, ...save.settings, version: 1 });
    }
    const before = await loadQuestions(tx, lessonId);
    const live = new Map(before.map((q) => [q.id, q]));
    const unknown = save.questions.findIndex((q) => q.id !== undefined && !live.has(q.id));
    if (unknown >= 0) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "A question does not belong to this quiz (reload the editor).",
        fields: [{ path: `questions.${unknown}.id`, message: "Not a question of this quiz" }],
      });
    }
    const kept = new Set(save.questions.map((q) => q.id).filter(Boolean));
    const removed = before.filter((q) => !kept.has(q.id)).map((q) => q.id);
    if (removed.length > 0) {
      await tx.update(quizQuestions).set({ deletedAt: new Date() }).where(inArray(quizQuestions.id, removed));
    }
    // Out of the way first: the live order is unique, and the new order may swap two questions.
    await tx
      .update(quizQuestions)
      .set({ order: sql`${quizQuestions.order} + 1000000` })
      .where(and(eq(quizQuestions.lessonId, lessonId), isNull(quizQuestions.deletedAt)));
    for (const [i, q] of save.questions.entries()) {
      const previous = q.id ? live.get(q.id) : undefined;
      const knownOptions = new Set(previous?.options.map((o) => o.id));
      const options = q.options.map((o, oi) => ({
        id: o.id && knownOptions.has(o.id) ? o.id : randomUUID(),
        text: q.type === "true_false" ? (oi === 0 ? "True" : "False") : o.text,
        correct: o.correct,
      }));
      const values = {
        order: i + 1,
        type: q.type,
        prompt: q.prompt,
        points: q.points,
        explanation: q.explanation,
        options,
        acceptedAnswers: q.acceptedAnswers,
        pattern: q.pattern,
        numericValue: q.value,
        tolerance: q.type === "numeric" ? (q.tolerance ?? 0) : null,
      };
      if (previous) await tx.update(quizQuestions).set(values).where(eq(quizQuestions.id, previous.id));
      else await tx.insert(quizQuestions).values({ lessonId, ...values });
    }
    // A published course's quiz keeps at least one question (the publish rule holds at all times).
    await assertPublishedCourseStaysComplete(tx, snapshot, { path: "questions" });
    await recordAudit(
      tx,
      actor,
      {
        action: "quiz.updated",
        entityType: "lesson",
        entityId: lessonId,
        before: { version: currentVersion, questions: before.length },
        after: { settings: save.settings, questions: save.questions.length, removed: removed.length },
      },
      ctx,
    );
  });
  return getQuizForAuthor(db, actor, lessonId);
}
