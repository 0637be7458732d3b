import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { courses, enrollments, payments, users } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { invalidInput } from "../http/problem";
import { assertRole, type Actor } from "../accounts/actor";
import { refreshCourseStats } from "../catalog/refresh-course-stats";

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

export const ZEnrollmentStatusChange = z.object({
  enrollmentId: z.string().min(1).max(64),
  action: z.enum(["suspend", "reinstate"]),
});

/**
 * Suspends an enrollment (lessons close at once) or reinstates it: COMPLETED again when it had been
 * completed, ACTIVE otherwise. REFUNDED enrollments are the payments' business and are refused here.
 */
export async function changeEnrollmentStatus(
  db: Db,
  actor: Actor | null,
  input: unknown,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const parsed = ZEnrollmentStatusChange.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { enrollmentId, action } = parsed.data;
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(enrollments).where(eq(enrollments.id, enrollmentId)).for("update");
    if (!e) throw notFound("That enrollment");
    if (e.status === "REFUNDED")
      throw new AppError("CONFLICT", {
        userMessage: "A refunded enrollment is reopened by buying the course again.",
      });
    const next = action === "suspend" ? "SUSPENDED" : e.completedAt ? "COMPLETED" : "ACTIVE";
    if (next === e.status) return { status: e.status, changed: false };
    if (action === "suspend" && e.status === "SUSPENDED") return { status: e.status, changed: false };
    await tx
      .update(enrollments)
      .set({ status: next })
      .where(and(eq(enrollments.id, e.id)));
    await refreshCourseStats(tx, e.courseId);
    await recordAudit(
      tx,
      actor,
      {
        action: `enrollment.${action === "suspend" ? "suspended" : "reinstated"}`,
        entityType: "enrollment",
        entityId: e.id,
        before: { status: e.status },
        after: { status: next },
      },
      ctx,
    );
    return { status: next, changed: true };
  });
}
