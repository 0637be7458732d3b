import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { courses, enrollments, lessons, modules, userProgress } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { invalidInput } from "../http/problem";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { completionPercentage } from "../progress/completion";
import { issuePendingCertificates } from "./certificates";

export const ZProgressInput = z
  .object({
    completed: z.boolean().optional(),
    timeSpentSeconds: z.number().int().min(1).max(300).optional(),
  })
  .refine((v) => v.completed !== undefined || v.timeSpentSeconds !== undefined, {
    message: "Send completed, timeSpentSeconds, or both.",
  });
export type TProgressInput = z.infer<typeof ZProgressInput>;

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
  input: unknown,
): Promise<ProgressResult> {
  assertSignedIn(actor);
  const parsed = ZProgressInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { completed, timeSpentSeconds } = parsed.data;
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
    if (!enrollment || (enrollment.status !== "ACTIVE" && enrollment.status !== "COMPLETED")) {
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

    const [counts] = await queryRows<{ total: number; done: number }>(
      tx,
      sql`SELECT count(l.id)::int AS total, count(up.id) FILTER (WHERE up.completed)::int AS done
          FROM modules m JOIN lessons l ON l.module_id = m.id
          LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = ${actor.id}
          WHERE m.course_id = ${where.courseId} AND m.published`,
    );
    const percentage = completionPercentage(counts?.done ?? 0, counts?.total ?? 0);
    const completesNow = enrollment.status === "ACTIVE" && percentage === 100;
    const [updated] = await tx
      .update(enrollments)
      .set({
        progressPercentage: percentage,
        lastAccessedAt: now,
        ...(completesNow ? { status: "COMPLETED" as const, completedAt: now } : {}),
      })
      .where(eq(enrollments.id, enrollment.id))
      .returning({ status: enrollments.status, progressPercentage: enrollments.progressPercentage });
    const certificateIssued = completesNow ? (await issuePendingCertificates(tx, actor.id)) > 0 : false;
    return { lessonProgress: row!, enrollment: updated!, certificateIssued };
  });
}

/** Opening a lesson: remembers it for "continue where you left off". */
export async function touchLesson(
  db: Db,
  actor: Actor,
  courseId: string,
  lessonId: string,
  moduleId: string,
) {
  const now = new Date();
  await db.transaction(async (tx) => {
    const [enrollment] = await tx
      .update(enrollments)
      .set({ lastAccessedAt: now })
      .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, courseId)))
      .returning({ id: enrollments.id });
    if (!enrollment) return;
    await tx
      .insert(userProgress)
      .values({ userId: actor.id, courseId, moduleId, lessonId })
      .onConflictDoUpdate({
        target: [userProgress.userId, userProgress.lessonId],
        targetWhere: sql`lesson_id IS NOT NULL`,
        set: { updatedAt: now },
      });
  });
}
