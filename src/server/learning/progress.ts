import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, enrollments, lessons, modules, userProgress } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { applyProgress, hasAccess } from "./enrollment-state";
import { ZProgressInput, type TProgressInput } from "./schemas";

export { ZProgressInput };

/** The first heartbeat of a visit counts at most this much (there is no earlier beat to measure from). */
const FIRST_BEAT_MAX_S = 30;

export interface ProgressResult {
  lessonProgress: { completed: boolean; timeSpent: number };
  enrollment: { status: "ACTIVE" | "COMPLETED" | "SUSPENDED" | "REFUNDED"; progressPercentage: number };
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
  return db.transaction(async (tx) => {
    const [where] = await tx
      .select({ moduleId: lessons.moduleId, courseId: modules.courseId })
      .from(lessons)
      .innerJoin(modules, and(eq(modules.id, lessons.moduleId), eq(modules.published, true)))
      .innerJoin(courses, eq(courses.id, modules.courseId))
      .where(eq(lessons.id, lessonId));
    if (!where) throw notFound("This lesson");
    const [enrollment] = await tx
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, where.courseId)))
      .for("update");
    if (!enrollment || !hasAccess(enrollment.status)) {
      throw new AppError("FORBIDDEN", { userMessage: "Enroll in this course to record progress." });
    }
    const now = new Date();
    const [before] = await tx
      .select({ updatedAt: userProgress.updatedAt, completed: userProgress.completed })
      .from(userProgress)
      .where(and(eq(userProgress.userId, actor.id), eq(userProgress.lessonId, lessonId)));
    // Time is capped by the real time since the last beat on this lesson (or since the last visit).
    let addSeconds = 0;
    if (timeSpentSeconds) {
      const last = before?.updatedAt ?? null;
      const elapsed = last ? Math.floor((now.getTime() - last.getTime()) / 1000) : FIRST_BEAT_MAX_S;
      addSeconds = Math.max(0, Math.min(timeSpentSeconds, elapsed));
    }
    const nextCompleted = completed ?? before?.completed ?? false;
    const [row] = await tx
      .insert(userProgress)
      .values({
        userId: actor.id,
        courseId: where.courseId,
        moduleId: where.moduleId,
        lessonId,
        completed: nextCompleted,
        completedAt: nextCompleted ? now : null,
        timeSpent: addSeconds,
      })
      .onConflictDoUpdate({
        target: [userProgress.userId, userProgress.lessonId],
        targetWhere: sql`lesson_id IS NOT NULL`,
        set: {
          completed: nextCompleted,
          completedAt: nextCompleted ? sql`coalesce(${userProgress.completedAt}, ${now})` : null,
          timeSpent: sql`${userProgress.timeSpent} + ${addSeconds}`,
          updatedAt: now,
        },
      })
      .returning({ completed: userProgress.completed, timeSpent: userProgress.timeSpent });

    // The module-level row: complete when all its lessons are.
    await tx.execute(sql`
      INSERT INTO user_progress (user_id, course_id, module_id, completed, completed_at)
      SELECT ${actor.id}, ${where.courseId}, ${where.moduleId}, s.done = s.total, CASE WHEN s.done = s.total THEN ${now}::timestamptz END
      FROM (SELECT count(*) AS total, count(up.id) FILTER (WHERE up.completed) AS done
            FROM lessons l LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = ${actor.id}
            WHERE l.module_id = ${where.moduleId}) s
      ON CONFLICT (user_id, module_id) WHERE lesson_id IS NULL AND module_id IS NOT NULL
      DO UPDATE SET completed = EXCLUDED.completed,
                    completed_at = CASE WHEN EXCLUDED.completed THEN coalesce(user_progress.completed_at, EXCLUDED.completed_at) END`);

    const { enrollment: updated, certificateIssued } = await applyProgress(tx, enrollment, now);
    return { lessonProgress: row!, enrollment: updated, certificateIssued };
  });
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
