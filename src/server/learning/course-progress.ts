import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows } from "../db/rows";
import { completionPercentage } from "./completion";
import type { Db } from "../db/types";
import { lessons, modules, userProgress } from "../db/schema";

export interface ProgressEntry {
  id: string;
  moduleId: string | null;
  lessonId: string | null;
  moduleTitle: string | null;
  lessonTitle: string | null;
  completed: boolean;
  completedAt: Date | null;
  timeSpent: number;
  updatedAt: Date;
}

/** The document's "user progress for a course": one round trip, ordered by module then lesson. */
export async function findUserCourseProgress(
  db: Db,
  userId: string,
  courseId: string,
): Promise<ProgressEntry[]> {
  return db
    .select({
      id: userProgress.id,
      moduleId: userProgress.moduleId,
      lessonId: userProgress.lessonId,
      moduleTitle: modules.title,
      lessonTitle: lessons.title,
      completed: userProgress.completed,
      completedAt: userProgress.completedAt,
      timeSpent: userProgress.timeSpent,
      updatedAt: userProgress.updatedAt,
    })
    .from(userProgress)
    .leftJoin(lessons, eq(userProgress.lessonId, lessons.id))
    .leftJoin(modules, eq(userProgress.moduleId, modules.id))
    .where(and(eq(userProgress.userId, userId), eq(userProgress.courseId, courseId)))
    .orderBy(asc(modules.order), asc(lessons.order));
}

export { completionPercentage };

export interface Completion {
  completedLessons: number;
  totalLessons: number;
  /** floor(completed × 100 / total); 0 for a course without lessons (docs/decisions.md). */
  percentage: number;
}

/**
 * The document's completion query, made total: lessons of published modules only, an empty course is
 * 0 %, and the figure is rounded down to an integer so that 100 means every lesson is done.
 */
export async function getCompletion(db: Db, userId: string, courseId: string): Promise<Completion> {
  const [row] = await queryRows<{ total: number; completed: number }>(
    db,
    sql`
    SELECT count(l.id)::int AS total,
           count(up.id)::int AS completed
    FROM ${modules} m
    JOIN ${lessons} l ON l.module_id = m.id
    LEFT JOIN ${userProgress} up
      ON up.lesson_id = l.id AND up.user_id = ${userId} AND up.completed
    WHERE m.course_id = ${courseId} AND m.published
  `,
  );
  const total = row?.total ?? 0;
  const completed = row?.completed ?? 0;
  return {
    totalLessons: total,
    completedLessons: completed,
    percentage: completionPercentage(completed, total),
  };
}
