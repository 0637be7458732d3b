import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import type { Actor } from "../accounts/actor";

/**
 * The one "is course staff" condition (docs/decisions.md, "Course staff"): an admin, or a member of the
 * course's team (course_instructors) whose current role is still INSTRUCTOR or ADMIN. A demoted instructor's
 * team row grants nothing: the role is checked on the actor and again on the users row, so a stale actor
 * object cannot either. Staff edit the course, preview its lessons without enrolling and see its drafts.
 */
export function isCourseStaffSql(
  actor: Pick<Actor, "id" | "role"> | null | undefined,
  courseId: SQL | AnyColumn,
): SQL {
  if (!actor || actor.role === "STUDENT") return sql`false`;
  if (actor.role === "ADMIN") {
    return sql`EXISTS (SELECT 1 FROM users staff_u WHERE staff_u.id = ${actor.id} AND staff_u.role = 'ADMIN')`;
  }
  return sql`EXISTS (SELECT 1 FROM course_instructors staff_ci JOIN users staff_u ON staff_u.id = staff_ci.user_id
                     WHERE staff_ci.course_id = ${courseId} AND staff_ci.user_id = ${actor.id}
                       AND staff_u.role IN ('INSTRUCTOR', 'ADMIN'))`;
}

/** The same condition for one course, as a boolean. */
export async function isCourseStaff(
  db: Db,
  actor: Pick<Actor, "id" | "role"> | null | undefined,
  courseId: string,
): Promise<boolean> {
  if (!actor || actor.role === "STUDENT") return false;
  const [row] = await queryRows<{ staff: boolean }>(
    db,
    sql`SELECT ${isCourseStaffSql(actor, sql`${courseId}`)} AS staff`,
  );
  return Boolean(row?.staff);
}
