import { and, eq, inArray } from "drizzle-orm";
import {
  ZQuestionInput,
  ZQuizSettings,
  type ServedQuestion,
  type TQuizSettings,
} from "../../assessments/quiz-schemas";
import { enrollments, lessons, quizAttempts, quizQuestions, quizzes, userProgress } from "../schema";
import type { Db } from "../types";
import { demoCatalogue } from "./catalogue";
import { demoQuizzes } from "./catalogue/quizzes";
import { demoId } from "./ids";
import { demoEnrollments } from "./people";
import { planDemoAttempts, type QuizLessonState } from "./quiz-history";

export interface SeededQuiz {
  slug: string;
  lessonId: string;
  settings: TQuizSettings;
  questions: ServedQuestion[];
}

/** The demo quizzes with their stable ids, validated as an author's save would be. */
export function demoQuizList(): SeededQuiz[] {
  return demoCatalogue.map((course) => {
    const quiz = demoQuizzes[course.slug];
    const quizLessons = course.modules.flatMap((m, mi) =>
      m.lessons.flatMap((l, li) => (l.lessonType === "QUIZ" ? [[mi + 1, li + 1]] : [])),
    );
    if (
      !quiz ||
      quizLessons.length !== 1 ||
      quizLessons[0]![0] !== quiz.module ||
      quizLessons[0]![1] !== quiz.lesson
    ) {
      throw new Error(`The demo quiz of ${course.slug} is not at its QUIZ lesson`);
    }
    const lessonId = demoId("lesson", course.slug, String(quiz.module), String(quiz.lesson));
    const questions = quiz.questions.map((input, qi): ServedQuestion => {
      const q = ZQuestionInput.parse(input);
      const order = String(qi + 1);
      return {
        id: demoId("quiz-question", lessonId, order),
        type: q.type,
        prompt: q.prompt,
        points: q.points,
        explanation: q.explanation,
        options: q.options.map((o, oi) => ({
          id: demoId("quiz-option", lessonId, order, String(oi + 1)),
          text: o.text,
          correct: o.correct,
        })),
        acceptedAnswers: q.acceptedAnswers,
        pattern: q.pattern,
        value: q.value,
        tolerance: q.tolerance,
      };
    });
    return { slug: course.slug, lessonId, settings: ZQuizSettings.parse(quiz.settings), questions };
  });
}

/**
 * Loads the demo quizzes (settings and questions) and the demo students' attempt history, placed in time by the
 * progress already stored for each quiz lesson. Idempotent like the rest of the seed: stable ids, ON CONFLICT
 * DO NOTHING. Runs inside seedDemo's transaction, after lessons, enrollments and progress.
 */
export async function seedDemoQuizzes(tx: Db): Promise<Record<string, number>> {
  const list = demoQuizList();
  const lessonIds = list.map((q) => q.lessonId);
  const created = new Map(
    (
      await tx
        .select({ id: lessons.id, createdAt: lessons.createdAt })
        .from(lessons)
        .where(inArray(lessons.id, lessonIds))
    ).map((l) => [l.id, l.createdAt]),
  );
  const createdAt = (lessonId: string) => {
    const at = created.get(lessonId);
    if (!at) throw new Error(`Demo quiz lesson ${lessonId} is missing`);
    return at;
  };

  const keyOf = new Map(
    demoEnrollments.map((e) => [demoId("enrollment", e.person, e.course), `${e.person}/${e.course}`]),
  );
  const states = await tx
    .select({
      id: enrollments.id,
      enrolledAt: enrollments.enrolledAt,
      lastAccessedAt: enrollments.lastAccessedAt,
      completed: userProgress.completed,
      completedAt: userProgress.completedAt,
      progressAt: userProgress.updatedAt,
    })
    .from(enrollments)
    .leftJoin(
      userProgress,
      and(
        eq(userProgress.userId, enrollments.userId),
        eq(userProgress.courseId, enrollments.courseId),
        inArray(userProgress.lessonId, lessonIds),
      ),
    )
    .where(inArray(enrollments.id, [...keyOf.keys()]));
  const stateOf = new Map<string, QuizLessonState>(states.map((s) => [keyOf.get(s.id)!, s]));

  const attemptRows = planDemoAttempts(list, stateOf);

  const inserted: Record<string, number> = {};
  inserted.quizzes = (
    await tx
      .insert(quizzes)
      .values(
        list.map((q) => ({
          lessonId: q.lessonId,
          ...q.settings,
          createdAt: createdAt(q.lessonId),
          updatedAt: createdAt(q.lessonId),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: quizzes.lessonId })
  ).length;
  inserted.quiz_questions = (
    await tx
      .insert(quizQuestions)
      .values(
        list.flatMap((quiz) =>
          quiz.questions.map((q, qi) => ({
            id: q.id,
            lessonId: quiz.lessonId,
            order: qi + 1,
            type: q.type,
            prompt: q.prompt,
            points: q.points,
            explanation: q.explanation,
            options: q.options,
            acceptedAnswers: q.acceptedAnswers,
            pattern: q.pattern,
            numericValue: q.value,
            tolerance: q.tolerance,
            createdAt: createdAt(quiz.lessonId),
            updatedAt: createdAt(quiz.lessonId),
          })),
        ),
      )
      .onConflictDoNothing()
      .returning({ id: quizQuestions.id })
  ).length;
  inserted.quiz_attempts =
    attemptRows.length === 0
      ? 0
      : (
          await tx
            .insert(quizAttempts)
            .values(attemptRows)
            .onConflictDoNothing()
            .returning({ id: quizAttempts.id })
        ).length;
  return inserted;
}
