import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { courseInstructors, users } from "../db/schema";
import { queryRows } from "../db/rows";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import type { Actor } from "../accounts/actor";
import { assertAuthor, lockCourseForAuthor, mayEdit } from "./course-access";
import { ZAddInstructor, ZRemoveInstructor } from "./schemas";

export interface TeamMember {
  userId: string;
  name: string | null;
  email: string;
  role: "OWNER" | "INSTRUCTOR";
}

/** Who teaches a course the actor may edit (not found otherwise). */
export async function findCourseTeam(db: Db, actor: Actor | null, courseId: string): Promise<TeamMember[]> {
  assertAuthor(actor);
  const allowed = await queryRows(
    db,
    sql`SELECT 1 FROM courses c WHERE c.id = ${courseId} AND ${mayEdit(actor)}`,
  );
  if (allowed.length === 0) throw notFound("This course");
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: courseInstructors.role })
    .from(courseInstructors)
    .innerJoin(users, eq(users.id, courseInstructors.userId))
    .where(eq(courseInstructors.courseId, courseId))
    .orderBy(asc(courseInstructors.role), asc(courseInstructors.createdAt));
}

/** Adds a co-instructor by the address of an instructor (or admin) account. Audited. */
export async function addCoInstructor(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZAddInstructor>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZAddInstructor, input);
  return db.transaction(async (tx) => {
    const course = await lockCourseForAuthor(tx, actor, valid.courseId);
    const [person] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(sql`lower(${users.email}) = ${valid.email}`);
    if (!person || person.role === "STUDENT") {
      throw new AppError("INVALID_INPUT", {
        userMessage:
          "No instructor account has this address. An admin can make the person an instructor first.",
        fields: [{ path: "email", message: "not an instructor's address" }],
      });
    }
    const added = await tx
      .insert(courseInstructors)
      .values({ courseId: course.id, userId: person.id, role: "INSTRUCTOR" })
      .onConflictDoNothing()
      .returning({ userId: courseInstructors.userId });
    if (added.length > 0) {
      await recordAudit(
        tx,
        actor,
        {
          action: "course.instructor_added",
          entityType: "course",
          entityId: course.id,
          after: { userId: person.id },
        },
        ctx,
      );
    }
    return { added: added.length > 0 };
  });
}

/** Removes someone from a course's team, never the last instructor. Audited. */
export async function removeCoInstructor(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZRemoveInstructor>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZRemoveInstructor, input);
  return db.transaction(async (tx) => {
    const course = await lockCourseForAuthor(tx, actor, valid.courseId);
    const team = await tx
      .select({ userId: courseInstructors.userId })
      .from(courseInstructors)
      .where(eq(courseInstructors.courseId, course.id));
    if (!team.some((t) => t.userId === valid.userId)) throw notFound("That instructor");
    if (team.length <= 1) {
      throw new AppError("CONFLICT", {
        userMessage: "A course always keeps at least one instructor; add another one first.",
      });
    }
    await tx
      .delete(courseInstructors)
      .where(and(eq(courseInstructors.courseId, course.id), eq(courseInstructors.userId, valid.userId)));
    await recordAudit(
      tx,
      actor,
      {
        action: "course.instructor_removed",
        entityType: "course",
        entityId: course.id,
        before: { userId: valid.userId },
      },
      ctx,
    );
  });
}
