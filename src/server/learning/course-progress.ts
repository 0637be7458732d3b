import "server-only";
import { and, asc, eq } from "drizzle-orm";
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

export { getCompletion, type Completion } from "./enrollment-state";
