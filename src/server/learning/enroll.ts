import "server-only";
import { assertPrerequisitesMet } from "./prerequisites";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, enrollments, payments, type Enrollment } from "../db/schema";
import { AppError, notFound } from "../errors";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { grantEnrollment, hasAccess } from "./enrollment-state";

export interface EnrollmentView {
  id: string;
  courseId: string;
  status: Enrollment["status"];
  progressPercentage: number;
  enrolledAt: Date;
  completedAt: Date | null;
}

const view = (e: Enrollment): EnrollmentView => ({
  id: e.id,
  courseId: e.courseId,
  status: e.status,
  progressPercentage: e.progressPercentage,
  enrolledAt: e.enrolledAt,
  completedAt: e.completedAt,
});

/**
 * Enrolls the actor. Idempotent: a repeat (or twenty at once) returns the one enrollment (grantEnrollment:
 * the unique (user_id, course_id) constraint decides). A paid course needs a completed payment (402
 * otherwise); fulfilling the payment grants access, and reopens a REFUNDED enrollment.
 */
export async function enrollInCourse(
  db: Db,
  actor: Actor | null,
  slug: string,
): Promise<{ enrollment: EnrollmentView; created: boolean }> {
  assertSignedIn(actor);
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: courses.id, price: courses.price, published: courses.published, title: courses.title })
      .from(courses)
      .where(eq(courses.slug, slug));
    if (!course) throw notFound("This course");
    const [existing] = await tx
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, course.id)));
    if (existing) {
      if (hasAccess(existing.status)) return { enrollment: view(existing), created: false };
      if (existing.status === "SUSPENDED") {
        throw new AppError("FORBIDDEN", {
          userMessage: "Your enrollment in this course is suspended. Please contact support.",
        });
      }
    }
    if (!course.published) throw notFound("This course");
    if (course.price > 0) {
      const [paid] = await tx
        .select({ id: payments.id })
        .from(payments)
        .where(
          and(
            eq(payments.userId, actor.id),
            eq(payments.courseId, course.id),
            inArray(payments.status, ["COMPLETED"]),
          ),
        )
        .limit(1);
      if (!paid || existing?.status === "REFUNDED") {
        throw new AppError("PAYMENT_REQUIRED", {
          userMessage: `“${course.title}” is a paid course: buy it to enroll.`,
        });
      }
    }
    // A paid course checks its prerequisites when the purchase starts (startCheckout); a free one here. A
    // student enrolled before a prerequisite was added returned above: they keep their access.
    if (course.price === 0) await assertPrerequisitesMet(tx, actor.id, course.id);
    const { enrollment, created } = await grantEnrollment(tx, actor.id, course.id);
    return { enrollment: view(enrollment), created };
  });
}
