import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { forbidden, notFound } from "../errors";
import { assertRole, type Actor } from "../accounts/actor";
import { isCourseStaffSql } from "./staff";

/** Authoring is for instructors and admins; a student is refused outright (FORBIDDEN). */
export function assertAuthor(actor: Actor | null | undefined): asserts actor is Actor {
  assertRole(actor, "INSTRUCTOR", "ADMIN");
}

/** SQL condition: the actor may edit course `courseIdExpr` — course staff (./staff.ts), nobody else. */
export function mayEdit(actor: Actor, courseIdExpr: SQL | AnyColumn = sql`c.id`) {
  return isCourseStaffSql(actor, courseIdExpr);
}

export interface LockedCourse {
  id: string;
  slug: string;
  title: string;
  published: boolean;
  first_published_at: Date | string | null;
}

/**
 * Locks the course row (FOR NO KEY UPDATE: inserting a module, enrollment or review takes FOR KEY SHARE on
 * it, which this does not block; see refresh-course-stats.ts) after checking the actor may edit it. Every
 * authoring write starts here, so writes to one course are serialized and always lock course → module →
 * lesson in that order. A course the actor may not edit is not found.
 */
export async function lockCourseForAuthor(tx: Db, actor: Actor, courseId: string): Promise<LockedCourse> {
  const [row] = await queryRows<LockedCourse & Record<string, unknown>>(
    tx,
    sql`SELECT c.id, c.slug, c.title, c.published, c.first_published_at FROM courses c
        WHERE c.id = ${courseId} AND ${mayEdit(actor)} FOR NO KEY UPDATE`,
  );
  if (!row) throw notFound("This course");
  return row;
}

/**
 * SQL condition: the actor is the OWNER of course `courseIdExpr` (in course_instructors) and still an instructor
 * or admin, or an admin. Team changes and deletion are theirs; co-instructors (role INSTRUCTOR) only edit.
 */
export function isCourseOwnerOrAdminSql(actor: Actor, courseIdExpr: SQL | AnyColumn = sql`c.id`) {
  if (actor.role === "ADMIN") return isCourseStaffSql(actor, courseIdExpr);
  return sql`(${isCourseStaffSql(actor, courseIdExpr)} AND EXISTS (SELECT 1 FROM course_instructors own_ci
               WHERE own_ci.course_id = ${courseIdExpr} AND own_ci.user_id = ${actor.id} AND own_ci.role = 'OWNER'))`;
}

/**
 * lockCourseForAuthor, then the owner's rule: NOT_FOUND for someone who is not staff at all (as everywhere),
 * FORBIDDEN with `message` for a co-instructor. Checked under the course lock, so an ownership transfer
 * committed meanwhile is seen.
 */
export async function lockCourseForOwner(
  tx: Db,
  actor: Actor,
  courseId: string,
  message = "Only the course's owner or an administrator can change its team.",
): Promise<LockedCourse> {
  const course = await lockCourseForAuthor(tx, actor, courseId);
  const [row] = await queryRows<{ allowed: boolean }>(
    tx,
    sql`SELECT ${isCourseOwnerOrAdminSql(actor, sql`${course.id}`)} AS allowed`,
  );
  if (!row?.allowed) throw forbidden(message);
  return course;
}

/** The course of a module the actor may edit (not found otherwise); locks the course, then the module. */
export async function lockModuleForAuthor(tx: Db, actor: Actor, moduleId: string) {
  const [m] = await queryRows<{ course_id: string }>(
    tx,
    sql`SELECT course_id FROM modules WHERE id = ${moduleId}`,
  );
  if (!m) throw notFound("This module");
  const course = await lockCourseForAuthor(tx, actor, m.course_id).catch(() => {
    throw notFound("This module");
  });
  const [locked] = await queryRows<{ id: string; course_id: string; title: string }>(
    tx,
    sql`SELECT id, course_id, title FROM modules WHERE id = ${moduleId} AND course_id = ${course.id} FOR NO KEY UPDATE`,
  );
  // Moved to another course between the two reads: impossible today, but never edit the wrong course.
  if (!locked) throw notFound("This module");
  return { course, module: locked };
}

/** A lesson's module and course, locked in the same order. */
export async function lockLessonForAuthor(tx: Db, actor: Actor, lessonId: string) {
  const [l] = await queryRows<{ module_id: string }>(
    tx,
    sql`SELECT module_id FROM lessons WHERE id = ${lessonId}`,
  );
  if (!l) throw notFound("This lesson");
  const { course, module } = await lockModuleForAuthor(tx, actor, l.module_id).catch(() => {
    throw notFound("This lesson");
  });
  const [lesson] = await queryRows<{
    id: string;
    module_id: string;
    title: string;
    order: number;
    duration: number;
    lesson_type: string;
  }>(
    tx,
    sql`SELECT id, module_id, title, "order", duration, lesson_type FROM lessons
        WHERE id = ${lessonId} AND module_id = ${module.id} FOR UPDATE`,
  );
  if (!lesson) throw notFound("This lesson");
  return { course, module, lesson };
}

/**
 * Locks the course's enrollments before a structural change. A learner's progress write locks their
 * enrollment first and then takes FOR KEY SHARE on the lesson; a structural change that deleted or moved
 * that lesson first and updated the enrollments after would take the two in the opposite order (deadlock).
 */
export async function lockEnrollments(tx: Db, courseId: string) {
  await tx.execute(sql`SELECT id FROM enrollments WHERE course_id = ${courseId} ORDER BY id FOR UPDATE`);
}

/** Module durations = the sum of their lessons; the course's = the sum over its published modules. */
export async function refreshDurations(tx: Db, courseId: string) {
  await tx.execute(sql`
    UPDATE modules m SET duration = s.total
    FROM (SELECT m2.id, coalesce(sum(l.duration), 0)::int AS total
          FROM modules m2 LEFT JOIN lessons l ON l.module_id = m2.id
          WHERE m2.course_id = ${courseId} GROUP BY m2.id) s
    WHERE m.id = s.id AND m.duration <> s.total`);
  await tx.execute(sql`
    UPDATE courses c SET duration = s.total
    FROM (SELECT coalesce(sum(l.duration), 0)::int AS total
          FROM modules m JOIN lessons l ON l.module_id = m.id
          WHERE m.course_id = ${courseId} AND m.published) s
    WHERE c.id = ${courseId} AND c.duration <> s.total`);
}

/** Recomputing percentages is learning's (the completion rule has one owner). */
export { recomputeEnrollmentProgress } from "../learning/enrollment-state";

/** Students with a completed or started lesson among `lessonIds`. */
export async function countStudentsWithProgress(tx: Db, lessonIdsSql: ReturnType<typeof sql>) {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(DISTINCT up.user_id)::int AS n FROM user_progress up WHERE up.lesson_id IN (${lessonIdsSql})`,
  );
  return row?.n ?? 0;
}
