import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, enrollments, payments, users } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { notFound } from "../errors";
import { parseInput } from "../validation";
import { assertRole, type Actor } from "../accounts/actor";
import { setEnrollmentSuspended } from "../learning/enrollment-state";
import { ZSuspension, type TSuspension } from "../learning/schemas";

/** One user as an admin sees them: profile, enrollments and payments. */
export async function getUserForAdmin(db: Db, actor: Actor | null, userId: string) {
  assertRole(actor, "ADMIN");
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound("That user");
  const [myEnrollments, myPayments] = await Promise.all([
    db
      .select({
        id: enrollments.id,
        courseTitle: courses.title,
        courseSlug: courses.slug,
        status: enrollments.status,
        progressPercentage: enrollments.progressPercentage,
        enrolledAt: enrollments.enrolledAt,
        completedAt: enrollments.completedAt,
      })
      .from(enrollments)
      .innerJoin(courses, eq(courses.id, enrollments.courseId))
      .where(eq(enrollments.userId, userId))
      .orderBy(desc(enrollments.enrolledAt)),
    db
      .select({
        id: payments.id,
        courseTitle: courses.title,
        amount: payments.amount,
        currency: payments.currency,
        status: payments.status,
        provider: payments.provider,
        createdAt: payments.createdAt,
      })
      .from(payments)
      .leftJoin(courses, eq(courses.id, payments.courseId))
      .where(eq(payments.userId, userId))
      .orderBy(desc(payments.createdAt)),
  ]);
  return { user, enrollments: myEnrollments, payments: myPayments };
}

/**
 * Suspends an enrollment (lessons close at once) or reinstates it by the reopen rule (COMPLETED again when it
 * had been completed): the state change is learning's (setEnrollmentSuspended); the admin's act is audited.
 */
export async function changeEnrollmentStatus(
  db: Db,
  actor: Actor | null,
  input: TSuspension,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const { enrollmentId, action } = parseInput(ZSuspension, input);
  return db.transaction(async (tx) => {
    const { before, after, changed } = await setEnrollmentSuspended(tx, enrollmentId, action === "suspend");
    if (!changed) return { status: after, changed: false };
    await recordAudit(
      tx,
      actor,
      {
        action: `enrollment.${action === "suspend" ? "suspended" : "reinstated"}`,
        entityType: "enrollment",
        entityId: enrollmentId,
        before: { status: before },
        after: { status: after },
      },
      ctx,
    );
    return { status: after, changed: true };
  });
}
