import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { exerciseCode, exerciseResults, lessonExercises, type EnrollmentStatus } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { isCourseStaffSql } from "../authoring/staff";
import { checkLessonAccess, moduleOpensAt, type LessonAccessRow } from "../learning/lesson-access";
import { lockProgressTarget, writeLessonProgress } from "../learning/progress";
import {
  MAX_CODE_BYTES,
  ZCodeInput,
  ZResultInput,
  type ExerciseLanguage,
  type TCodeInput,
  type TResultInput,
} from "./exercise-schemas";

export interface StudentExercise {
  id: string;
  language: ExerciseLanguage;
  instructions: string;
  starterCode: string;
  setupCode: string;
  checks: { name: string; code: string }[];
  timeLimitSeconds: number;
  /** The student's saved code, null before they typed anything. */
  savedCode: string | null;
  /** A recorded "Check" passed every check. */
  passed: boolean;
  /** "Show solution" may be offered: there is one, and the student recorded a failing result (or is staff). */
  solutionAvailable: boolean;
}

interface Place {
  lessonId: string;
  courseId: string;
  enrolled: boolean;
  staff: boolean;
}

const NOT_ENROLLED = "Enroll in this course to work on its exercises.";

/**
 * An INTERACTIVE lesson in a published module, for an enrolled student (any status with access) or the
 * course's staff; NOT_FOUND for no such lesson, FORBIDDEN for everyone else.
 */
async function getLessonPlace(db: Db, actor: Actor, lessonId: string): Promise<Place> {
  const [row] = await queryRows<{ course_id: string } & LessonAccessRow>(
    db,
    sql`SELECT m.course_id, e.status, ${isCourseStaffSql(actor, sql`m.course_id`)} AS staff,
               ${moduleOpensAt()} AS opens_at
        FROM lessons l
        JOIN modules m ON m.id = l.module_id AND m.published
        LEFT JOIN enrollments e ON e.course_id = m.course_id AND e.user_id = ${actor.id}
        WHERE l.id = ${lessonId} AND l.lesson_type = 'INTERACTIVE'`,
  );
  if (!row) throw notFound("This interactive lesson");
  const { enrolled, staff } = checkLessonAccess(row, NOT_ENROLLED);
  return { lessonId, courseId: row.course_id, enrolled, staff };
}

/** The exercise's lesson and place (as getLessonPlace), with its check names and solution. */
async function getExercisePlace(db: Db, actor: Actor, exerciseId: string) {
  const [x] = await db
    .select({
      lessonId: lessonExercises.lessonId,
      checks: lessonExercises.checks,
      solution: lessonExercises.solution,
    })
    .from(lessonExercises)
    .where(eq(lessonExercises.id, exerciseId));
  if (!x) throw notFound("This exercise");
  const place = await getLessonPlace(db, actor, x.lessonId).catch((e: unknown) => {
    // An exercise of an unpublished module (or a lesson that changed type) is not there for learners.
    if (e instanceof AppError && e.code === "NOT_FOUND") throw notFound("This exercise");
    throw e;
  });
  return { ...place, exercise: x };
}

/** Whether the lesson's exercises are the way it completes (it has at least one). */
export async function lessonHasExercises(db: Db, lessonId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lessonExercises.id })
    .from(lessonExercises)
    .where(eq(lessonExercises.lessonId, lessonId))
    .limit(1);
  return Boolean(row);
}

/** The lesson's exercises in order, with this student's saved code and state; everything but solutions. */
export async function listExercisesForStudent(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<{ items: StudentExercise[]; staff: boolean }> {
  assertSignedIn(actor);
  const place = await getLessonPlace(db, actor, lessonId);
  const rows = await queryRows<{
    id: string;
    language: ExerciseLanguage;
    instructions: string;
    starter_code: string;
    setup_code: string;
    checks: { name: string; code: string }[];
    time_limit_seconds: number;
    has_solution: boolean;
    saved_code: string | null;
    passed: boolean;
    failed: boolean;
  }>(
    db,
    sql`SELECT x.id, x.language, x.instructions, x.starter_code, x.setup_code, x.checks, x.time_limit_seconds,
               x.solution IS NOT NULL AS has_solution, c.code AS saved_code,
               EXISTS (SELECT 1 FROM exercise_results r WHERE r.user_id = ${actor.id}
                       AND r.exercise_id = x.id AND r.passed) AS passed,
               EXISTS (SELECT 1 FROM exercise_results r WHERE r.user_id = ${actor.id}
                       AND r.exercise_id = x.id AND NOT r.passed) AS failed
        FROM lesson_exercises x
        LEFT JOIN exercise_code c ON c.exercise_id = x.id AND c.user_id = ${actor.id}
        WHERE x.lesson_id = ${lessonId}
        ORDER BY x.position`,
  );
  return {
    staff: place.staff,
    items: rows.map((r) => ({
      id: r.id,
      language: r.language,
      instructions: r.instructions,
      starterCode: r.starter_code,
      setupCode: r.setup_code,
      checks: r.checks.map((c) => ({ name: c.name, code: c.code })),
      timeLimitSeconds: r.time_limit_seconds,
      savedCode: r.saved_code,
      passed: r.passed,
      solutionAvailable: r.has_solution && (place.staff || r.failed),
    })),
  };
}

function assertCodeSize(code: string) {
  if (Buffer.byteLength(code, "utf8") > MAX_CODE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      userMessage: `Your code is larger than ${MAX_CODE_BYTES / 1024} KB. Shorten it and try again; the version saved before is kept.`,
    });
  }
}

/** Saves the student's code for an exercise (as they type); the last save wins. */
export async function saveExerciseCode(
  db: Db,
  actor: Actor | null,
  exerciseId: string,
  input: TCodeInput,
): Promise<{ savedAt: Date }> {
  assertSignedIn(actor);
  const { code } = parseInput(ZCodeInput, input);
  assertCodeSize(code);
  await getExercisePlace(db, actor, exerciseId);
  const now = new Date();
  await db
    .insert(exerciseCode)
    .values({ userId: actor.id, exerciseId, code, updatedAt: now })
    .onConflictDoUpdate({
      target: [exerciseCode.userId, exerciseCode.exerciseId],
      set: { code, updatedAt: now },
    });
  return { savedAt: now };
}

export interface ResultOutcome {
  passed: boolean;
  lesson: { completed: boolean };
  enrollment: { status: EnrollmentStatus; progressPercentage: number } | null;
  /** The solution may be shown now (there is one and this result failed, or an earlier one did). */
  solutionAvailable: boolean;
  courseCompletedNow: boolean;
}

/**
 * Records one "Check" (the code and what the student's browser reported for each check). The check names must
 * be exactly the exercise's. In one transaction that first locks the enrollment (the progress path's lock),
 * it stores the result and the code, then — when every exercise of the lesson has a passing result — completes
 * the lesson through the one completion path. Self-assessed: see docs/decisions.md, "Exercises".
 * Course staff previewing get the outcome without anything being recorded.
 */
export async function recordExerciseResult(
  db: Db,
  actor: Actor | null,
  exerciseId: string,
  input: TResultInput,
): Promise<ResultOutcome> {
  assertSignedIn(actor);
  const result = parseInput(ZResultInput, input);
  assertCodeSize(result.code);
  const place = await getExercisePlace(db, actor, exerciseId);
  const expected = place.exercise.checks.map((c) => c.name);
  const reported = result.checks.map((c) => c.name);
  if (
    reported.length !== expected.length ||
    new Set(reported).size !== reported.length ||
    !expected.every((name) => reported.includes(name))
  ) {
    throw new AppError("INVALID_INPUT", {
      userMessage:
        "The checks reported are not this exercise's checks. Reload the lesson and run them again.",
      fields: [{ path: "checks", message: `Expected exactly: ${expected.join(", ")}` }],
    });
  }
  const passed = result.checks.every((c) => c.passed);
  const hasSolution = place.exercise.solution !== null;
  if (!place.enrolled) {
    return {
      passed,
      lesson: { completed: false },
      enrollment: null,
      solutionAvailable: hasSolution,
      courseCompletedNow: false,
    };
  }
  return db.transaction(async (tx) => {
    const target = await lockProgressTarget(tx, actor.id, place.lessonId);
    // The lesson before its exercises (an author's save locks them in that order), so a check that completes
    // the lesson and a save of its exercises never wait on each other in opposite orders.
    await tx.execute(sql`SELECT 1 FROM lessons WHERE id = ${place.lessonId} FOR KEY SHARE`);
    await tx.insert(exerciseResults).values({
      userId: actor.id,
      exerciseId,
      code: result.code,
      checks: result.checks,
      passed,
    });
    await tx
      .insert(exerciseCode)
      .values({ userId: actor.id, exerciseId, code: result.code })
      .onConflictDoUpdate({
        target: [exerciseCode.userId, exerciseCode.exerciseId],
        set: { code: result.code, updatedAt: new Date() },
      });
    // Counted under the enrollment's lock: two exercises passed at once still complete the lesson.
    const [counts] = await queryRows<{ total: number; passed: number; failed: boolean }>(
      tx,
      sql`SELECT count(*)::int AS total,
                 count(*) FILTER (WHERE EXISTS (SELECT 1 FROM exercise_results r WHERE r.user_id = ${actor.id}
                                                AND r.exercise_id = x.id AND r.passed))::int AS passed,
                 EXISTS (SELECT 1 FROM exercise_results r WHERE r.user_id = ${actor.id}
                         AND r.exercise_id = ${exerciseId} AND NOT r.passed) AS failed
          FROM lesson_exercises x WHERE x.lesson_id = ${place.lessonId}`,
    );
    const solutionAvailable = hasSolution && Boolean(counts?.failed);
    if (counts && counts.total > 0 && counts.passed === counts.total && !target.done) {
      const progress = await writeLessonProgress(tx, actor.id, place.lessonId, target, {
        completed: true,
        timeSpentSeconds: 0,
      });
      return {
        passed,
        lesson: { completed: true },
        enrollment: progress.enrollment,
        solutionAvailable,
        courseCompletedNow: progress.courseCompletedNow,
      };
    }
    const [enrollment] = await queryRows<{ status: EnrollmentStatus; progress_percentage: number }>(
      tx,
      sql`SELECT status, progress_percentage FROM enrollments WHERE id = ${target.enrollmentId}`,
    );
    return {
      passed,
      lesson: { completed: target.done },
      enrollment: enrollment
        ? { status: enrollment.status, progressPercentage: Number(enrollment.progress_percentage) }
        : null,
      solutionAvailable,
      courseCompletedNow: false,
    };
  });
}

/** The reference solution: for course staff, or for a student who recorded a failing result. */
export async function getExerciseSolution(
  db: Db,
  actor: Actor | null,
  exerciseId: string,
): Promise<{ solution: string }> {
  assertSignedIn(actor);
  const place = await getExercisePlace(db, actor, exerciseId);
  if (place.exercise.solution === null) throw notFound("This exercise's solution (it has none)");
  if (!place.staff) {
    const [failed] = await db
      .select({ id: exerciseResults.id })
      .from(exerciseResults)
      .where(
        and(
          eq(exerciseResults.userId, actor.id),
          eq(exerciseResults.exerciseId, exerciseId),
          eq(exerciseResults.passed, false),
        ),
      )
      .limit(1);
    if (!failed) {
      throw new AppError("FORBIDDEN", {
        userMessage: "The solution opens after you have run the checks and one has failed. Try it first.",
      });
    }
  }
  return { solution: place.exercise.solution };
}
