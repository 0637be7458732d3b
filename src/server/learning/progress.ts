import "server-only";
import { lockedUntil, moduleOpensAt, notYetAvailable } from "./lesson-access";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, lessons, modules, type EnrollmentStatus } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { emitWebhookEvent, iso } from "../integrations/events";
import { applyProgress, hasAccess } from "./enrollment-state";
import { ZProgressInput, type TProgressInput } from "./schemas";

export { ZProgressInput };

/** The first heartbeat of a visit counts at most this much (there is no earlier beat to measure from). */
const FIRST_BEAT_MAX_S = 30;

export interface ProgressResult {
  lessonProgress: { completed: boolean; timeSpent: number };
  enrollment: { status: "ACTIVE" | "COMPLETED" | "SUSPENDED" | "REFUNDED"; progressPercentage: number };
  /** This write finished the course (the enrollment became COMPLETED). */
  courseCompletedNow: boolean;
  certificateIssued: boolean;
}

/**
 * Records a lesson's completion and/or time spent, in one transaction that first locks the enrollment row
 * (DESIGN.md convention 4), then writes the lesson's row, keeps the module-level row in step, recounts the
 * percentage from the rows, and — exactly once — completes the enrollment and issues the certificate.
 * A completion is permanent: un-completing a lesson later lowers the percentage, never the status.
 */
export async function setLessonProgress(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  input: TProgressInput,
): Promise<ProgressResult> {
  assertSignedIn(actor);
  const { completed, timeSpentSeconds } = parseInput(ZProgressInput, input);
  let refused = false;
  const result = await db.transaction(async (tx) => {
    const target = await lockProgressTarget(tx, actor.id, lessonId);
    // An assessed lesson's completion follows its assessment (docs/decisions.md, "Quizzes"): asking to change
    // it is refused after the time spent is kept; asking for what it already is changes nothing.
    const c =
      completed !== undefined && target.assessed && completed !== target.done ? null : (completed ?? null);
    refused = c === null && completed !== undefined;
    if (refused && !timeSpentSeconds) return null;
    return writeLessonProgress(tx, actor.id, lessonId, target, {
      completed: c,
      timeSpentSeconds: timeSpentSeconds ?? 0,
    });
  });
  if (refused || !result) {
    throw new AppError("ASSESSMENT_REQUIRED", {
      userMessage:
        "This lesson is completed by passing its assessment (the quiz, the reviewed assignment, or the exercises' checks), not by marking it complete.",
    });
  }
  return result;
}

export interface ProgressTarget {
  moduleId: string;
  courseId: string;
  enrollmentId: string;
  status: EnrollmentStatus;
  /** The lesson has an assessment (a quiz with questions, an assignment, exercises): passing it completes it. */
  assessed: boolean;
  /** The learner's lesson row says completed. */
  done: boolean;
}

/**
 * The lesson's place joined with the learner's enrollment, the enrollment row locked (DESIGN.md convention 4)
 * before anything is counted, in one round trip. NOT_FOUND for no such lesson, FORBIDDEN without access.
 */
export async function lockProgressTarget(
  tx: Db,
  userId: string,
  lessonId: string,
  opts: { release?: "enforce" | "ignore" } = {},
): Promise<ProgressTarget> {
  const [target] = await queryRows<{
    module_id: string;
    course_id: string;
    id: string;
    status: EnrollmentStatus;
    assessed: boolean;
    done: boolean;
    opens_at: Date | string | null;
  }>(
    tx,
    sql`SELECT l.module_id, m.course_id, e.id, e.status, ${moduleOpensAt()} AS opens_at,
               (l.lesson_type = 'QUIZ' AND EXISTS (SELECT 1 FROM quiz_questions q
                 WHERE q.lesson_id = l.id AND q.deleted_at IS NULL)
                OR l.lesson_type = 'ASSIGNMENT' AND EXISTS (SELECT 1 FROM assignments a WHERE a.lesson_id = l.id)
                OR l.lesson_type = 'INTERACTIVE' AND EXISTS (SELECT 1 FROM lesson_exercises x WHERE x.lesson_id = l.id))
                 AS assessed,
               coalesce((SELECT up.completed FROM user_progress up
                         WHERE up.user_id = e.user_id AND up.lesson_id = l.id), false) AS done
        FROM lessons l
        JOIN modules m ON m.id = l.module_id AND m.published
        JOIN courses c ON c.id = m.course_id
        JOIN enrollments e ON e.course_id = m.course_id AND e.user_id = ${userId}
        WHERE l.id = ${lessonId}
        FOR UPDATE OF e`,
  );
  if (!target || !hasAccess(target.status)) {
    if (!target && !(await lessonExists(tx, lessonId))) throw notFound("This lesson");
    throw new AppError("FORBIDDEN", { userMessage: "Enroll in this course to record progress." });
  }
  // A module that opens later takes no progress yet (the same rule as every lesson endpoint). A reviewer
  // passing work handed in before the module's opening moved later still completes it ("ignore").
  if (opts.release !== "ignore") {
    const until = lockedUntil(target.opens_at);
    if (until) throw notYetAvailable(until);
  }
  return {
    moduleId: target.module_id,
    courseId: target.course_id,
    enrollmentId: target.id,
    status: target.status,
    assessed: target.assessed,
    done: target.done,
  };
}

/**
 * Writes a lesson's row (completion and/or time), keeps the module-level row in step, recounts the percentage
 * and — exactly once — completes the enrollment and issues the certificate. The caller holds the enrollment's
 * lock (lockProgressTarget). `completed: null` keeps the lesson's completion as it is.
 */
export async function writeLessonProgress(
  tx: Db,
  userId: string,
  lessonId: string,
  target: ProgressTarget,
  input: { completed: boolean | null; timeSpentSeconds: number },
): Promise<ProgressResult> {
  const { moduleId, courseId } = target;
  const now = new Date();
  // One statement whatever the input: a heartbeat keeps the lesson's completion, and its time is capped by
  // the real time since the last beat on this lesson (or since the last visit), FIRST_BEAT_MAX_S without one.
  const c = input.completed;
  const t = input.timeSpentSeconds;
  // `was_completed`: the lesson's completion before this write, read in the same statement (whose snapshot is
  // taken under the enrollment's lock, unlike the locking read's `target.done`, which a concurrent completion
  // can leave stale), so only the write that completes the lesson announces it; a repeat does not.
  const [row] = await queryRows<{ completed: boolean; time_spent: number; was_completed: boolean }>(
    tx,
    sql`WITH prev AS (
          SELECT completed FROM user_progress WHERE user_id = ${userId} AND lesson_id = ${lessonId}
        )
        INSERT INTO user_progress AS up (user_id, course_id, module_id, lesson_id, completed, completed_at, time_spent)
        VALUES (${userId}, ${courseId}, ${moduleId}, ${lessonId}, coalesce(${c}::boolean, false),
                CASE WHEN ${c}::boolean THEN ${now}::timestamptz END, least(${t}::int, ${FIRST_BEAT_MAX_S}::int))
        ON CONFLICT (user_id, lesson_id) WHERE lesson_id IS NOT NULL DO UPDATE SET
          completed = coalesce(${c}::boolean, up.completed),
          completed_at = CASE WHEN coalesce(${c}::boolean, up.completed)
                              THEN coalesce(up.completed_at, ${now}::timestamptz) END,
          time_spent = up.time_spent + greatest(0, least(${t}::int,
                         floor(extract(epoch FROM ${now}::timestamptz - up.updated_at))::int)),
          updated_at = ${now}::timestamptz
        RETURNING completed, time_spent, coalesce((SELECT completed FROM prev), false) AS was_completed`,
  );

  // The module-level row: complete when all its lessons are.
  await tx.execute(sql`
    INSERT INTO user_progress (user_id, course_id, module_id, completed, completed_at)
    SELECT ${userId}, ${courseId}, ${moduleId}, s.done = s.total, CASE WHEN s.done = s.total THEN ${now}::timestamptz END
    FROM (SELECT count(*) AS total, count(up.id) FILTER (WHERE up.completed) AS done
          FROM lessons l LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = ${userId}
          WHERE l.module_id = ${moduleId}) s
    ON CONFLICT (user_id, module_id) WHERE lesson_id IS NULL AND module_id IS NOT NULL
    DO UPDATE SET completed = EXCLUDED.completed,
                  completed_at = CASE WHEN EXCLUDED.completed THEN coalesce(user_progress.completed_at, EXCLUDED.completed_at) END`);

  const {
    enrollment: updated,
    certificateIssued,
    completedNow,
  } = await applyProgress(tx, { id: target.enrollmentId, userId, courseId, status: target.status }, now);
  if (row!.completed && !row!.was_completed) {
    await emitWebhookEvent(tx, "lesson.completed", {
      userId,
      courseId,
      lessonId,
      completedAt: iso(now),
      progressPercent: updated.progressPercentage,
    });
  }
  return {
    lessonProgress: { completed: row!.completed, timeSpent: row!.time_spent },
    enrollment: updated,
    certificateIssued,
    courseCompletedNow: completedNow,
  };
}

/** Whether a lesson of a published module exists (to tell "no such lesson" from "not enrolled"). */
async function lessonExists(tx: Db, lessonId: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: lessons.id })
    .from(lessons)
    .innerJoin(modules, and(eq(modules.id, lessons.moduleId), eq(modules.published, true)))
    .innerJoin(courses, eq(courses.id, modules.courseId))
    .where(eq(lessons.id, lessonId));
  return Boolean(found);
}

/** A lesson opened again within this time, while it is still the last one opened, is not written again. */
const TOUCH_AGAIN_AFTER_SECONDS = 60;

/**
 * Opening a lesson: remembers it for "continue where you left off" (the enrollment's last access and the
 * lesson row's updated_at, which orders the resume lesson). One statement. Reopening the lesson that is
 * already the last one opened, within a minute, changes nothing that anyone reads, so it writes nothing (no
 * commit to flush): reloads and the player's own navigation cost a read, not a write transaction.
 */
export async function touchLesson(
  db: Db,
  actor: Actor,
  courseId: string,
  lessonId: string,
  moduleId: string,
) {
  const now = new Date();
  await db.execute(sql`
    WITH touched AS (
      UPDATE enrollments e SET last_accessed_at = ${now}
      WHERE e.user_id = ${actor.id} AND e.course_id = ${courseId}
        AND NOT (e.last_accessed_at > ${now}::timestamptz - make_interval(secs => ${TOUCH_AGAIN_AFTER_SECONDS})
                 AND EXISTS (SELECT 1 FROM user_progress up
                             WHERE up.user_id = e.user_id AND up.lesson_id = ${lessonId}
                               AND up.updated_at >= e.last_accessed_at))
      RETURNING e.id)
    INSERT INTO user_progress (user_id, course_id, module_id, lesson_id, updated_at)
    SELECT ${actor.id}, ${courseId}, ${moduleId}, ${lessonId}, ${now} FROM touched
    ON CONFLICT (user_id, lesson_id) WHERE lesson_id IS NOT NULL DO UPDATE SET updated_at = ${now}`);
}
