import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { courseInstructors, users } from "../db/schema";
import { queryRows } from "../db/rows";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { getEnv } from "../env";
import { logger } from "../log";
import { parseInput } from "../validation";
import type { Actor } from "../accounts/actor";
import { escapeHtml, sendMail, type OutgoingMail } from "../accounts/mailer";
import {
  assertAuthor,
  isCourseOwnerOrAdminSql,
  lockCourseForAuthor,
  lockCourseForOwner,
  mayEdit,
} from "./course-access";
import { ZAddInstructor, ZRemoveInstructor, ZTransferOwnership } from "./schemas";

/*
 * Team rules (docs/decisions.md, "Course team"): the OWNER and admins change the team and delete the course;
 * a co-instructor (role INSTRUCTOR) edits the course and may leave it; a course keeps exactly one OWNER, which
 * nobody removes: ownership is transferred to another member first.
 */

export interface TeamMember {
  userId: string;
  name: string | null;
  email: string;
  role: "OWNER" | "INSTRUCTOR";
  /** The viewer may remove this member (for a co-instructor: only themselves, "leave the course"). */
  canRemove: boolean;
  isViewer: boolean;
}

export interface CourseTeam {
  members: TeamMember[];
  /** The viewer is the course's owner or an admin: may add, remove, transfer ownership, delete the course. */
  canManage: boolean;
}

/** Who teaches a course the actor may edit (not found otherwise), and what the actor may change. */
export async function findCourseTeam(db: Db, actor: Actor | null, courseId: string): Promise<CourseTeam> {
  assertAuthor(actor);
  const [allowed] = await queryRows<{ manage: boolean }>(
    db,
    sql`SELECT ${isCourseOwnerOrAdminSql(actor)} AS manage FROM courses c WHERE c.id = ${courseId} AND ${mayEdit(actor)}`,
  );
  if (!allowed) throw notFound("This course");
  const canManage = Boolean(allowed.manage);
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: courseInstructors.role })
    .from(courseInstructors)
    .innerJoin(users, eq(users.id, courseInstructors.userId))
    .where(eq(courseInstructors.courseId, courseId))
    .orderBy(asc(courseInstructors.role), asc(courseInstructors.createdAt));
  return {
    canManage,
    members: rows.map((m) => ({
      ...m,
      isViewer: m.userId === actor.id,
      canRemove: m.role !== "OWNER" && rows.length > 1 && (canManage || m.userId === actor.id),
    })),
  };
}

/** The same answer for an unknown address, a student's, or a demoted instructor's: it reveals no account. */
const cannotAdd = () =>
  new AppError("INVALID_INPUT", {
    userMessage:
      "We could not add this address. Ask the person to check it is the e-mail of their instructor account; an administrator can make someone an instructor.",
    fields: [{ path: "email", message: "could not be added" }],
  });

/**
 * The owner (or an admin) adds a co-instructor by the address of an instructor (or admin) account. Audited; the
 * added person is told by e-mail after the commit and can leave the course.
 */
export async function addCoInstructor(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZAddInstructor>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZAddInstructor, input);
  const result = await db.transaction(async (tx) => {
    // The owner check comes before the address is looked up: a co-instructor learns nothing about it.
    const course = await lockCourseForOwner(tx, actor, valid.courseId);
    const [person] = await tx
      .select({ id: users.id, role: users.role, email: users.email })
      .from(users)
      .where(sql`lower(${users.email}) = ${valid.email}`);
    if (!person || person.role === "STUDENT") throw cannotAdd();
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
    return { added: added.length > 0, course, person };
  });
  if (result.added) {
    try {
      await sendMail(db, addedEmail(result.person.email, actor.email, result.course));
    } catch (e) {
      logger.error("co-instructor e-mail failed", { err: e, courseId: result.course.id });
    }
  }
  return { added: result.added };
}

/**
 * Removes someone from a course's team: the owner or an admin removes a co-instructor; a co-instructor may
 * remove only themselves (leave). The OWNER is never removed (transfer ownership first), nor the last member.
 * Audited.
 */
export async function removeCoInstructor(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZRemoveInstructor>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZRemoveInstructor, input);
  const leaving = valid.userId === actor.id;
  return db.transaction(async (tx) => {
    const course = leaving
      ? await lockCourseForAuthor(tx, actor, valid.courseId)
      : await lockCourseForOwner(tx, actor, valid.courseId);
    const team = await tx
      .select({ userId: courseInstructors.userId, role: courseInstructors.role })
      .from(courseInstructors)
      .where(eq(courseInstructors.courseId, course.id));
    const member = team.find((t) => t.userId === valid.userId);
    if (!member) throw notFound("That instructor");
    if (member.role === "OWNER") {
      throw new AppError("CONFLICT", {
        userMessage: leaving
          ? "You own this course: make another instructor its owner before you leave it."
          : "The owner cannot be removed. Make another instructor the course's owner first; then remove them.",
      });
    }
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
        action: leaving ? "course.instructor_left" : "course.instructor_removed",
        entityType: "course",
        entityId: course.id,
        before: { userId: valid.userId },
      },
      ctx,
    );
  });
}

/**
 * "Make owner": the owner or an admin hands the course to another member of its team, whose account must still
 * be an instructor's or admin's. The former owner stays as a co-instructor. One OWNER before and after.
 * Audited.
 */
export async function transferCourseOwnership(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZTransferOwnership>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZTransferOwnership, input);
  return db.transaction(async (tx) => {
    // The course lock serializes transfers: two at once would otherwise each promote their own owner.
    const course = await lockCourseForOwner(tx, actor, valid.courseId);
    const [member] = await tx
      .select({ role: courseInstructors.role, accountRole: users.role })
      .from(courseInstructors)
      .innerJoin(users, eq(users.id, courseInstructors.userId))
      .where(and(eq(courseInstructors.courseId, course.id), eq(courseInstructors.userId, valid.userId)));
    if (!member) throw notFound("That instructor");
    if (member.role === "OWNER") return { changed: false };
    if (member.accountRole === "STUDENT") {
      throw new AppError("CONFLICT", {
        userMessage: "This person's account is no longer an instructor's, so they cannot own the course.",
      });
    }
    const previous = await tx
      .update(courseInstructors)
      .set({ role: "INSTRUCTOR" })
      .where(and(eq(courseInstructors.courseId, course.id), eq(courseInstructors.role, "OWNER")))
      .returning({ userId: courseInstructors.userId });
    await tx
      .update(courseInstructors)
      .set({ role: "OWNER" })
      .where(and(eq(courseInstructors.courseId, course.id), eq(courseInstructors.userId, valid.userId)));
    await recordAudit(
      tx,
      actor,
      {
        action: "course.owner_transferred",
        entityType: "course",
        entityId: course.id,
        before: { ownerId: previous[0]?.userId ?? null },
        after: { ownerId: valid.userId },
      },
      ctx,
    );
    return { changed: true };
  });
}

/** Tells an instructor they were added to a course, and how to leave it. */
function addedEmail(to: string, by: string, course: { id: string; title: string }): OutgoingMail {
  const url = `${getEnv().appUrl}/instructor/courses/${course.id}`;
  const lines = [
    `${by} added you as a co-instructor of “${course.title}” on AI Whisperers. You can now edit the course.`,
    `Open it: ${url}`,
    "If you do not want to teach this course, open it and choose Leave under Instructors.",
  ];
  return {
    to,
    subject: `You were added to “${course.title}”`,
    text: ["AI Whisperers — you were added to a course", "", ...lines].join("\n"),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join("")}</body></html>`,
  };
}
