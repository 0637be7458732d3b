import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { enrollments, userProgress } from "../db/schema";
import type { Actor } from "../accounts/actor";
import { AppError } from "../errors";

export type IneligibleReason =
  "sign-in" | "not-enrolled" | "refunded" | "suspended" | "email-unconfirmed" | "no-lesson-completed";

export type ReviewEligibility = { eligible: true } | { eligible: false; reason: IneligibleReason };

export const INELIGIBLE_MESSAGES: Record<IneligibleReason, string> = {
  "sign-in": "Sign in to review this course.",
  "not-enrolled": "Only students enrolled in this course can review it.",
  refunded: "This course was refunded, so you cannot review it.",
  suspended: "Your enrollment in this course is suspended, so you cannot review it.",
  "email-unconfirmed": "Confirm your e-mail address to review courses.",
  "no-lesson-completed": "Complete at least one lesson of this course to review it.",
};

/**
 * Who may write or edit a review: a student with an ACTIVE or COMPLETED enrollment in the course, a
 * confirmed e-mail address, and at least one completed lesson. With `lock`, the enrollment row is held
 * FOR SHARE until the caller's transaction ends, so a concurrent refund waits for the review to commit.
 */
export async function getReviewEligibility(
  db: Db,
  actor: Actor | null,
  courseId: string,
  opts: { lock?: boolean } = {},
): Promise<ReviewEligibility> {
  if (!actor) return { eligible: false, reason: "sign-in" };
  const query = db
    .select({
      status: enrollments.status,
      hasCompletedLesson: sql<boolean>`EXISTS (
        SELECT 1 FROM ${userProgress} up
        WHERE up.user_id = ${actor.id} AND up.course_id = ${courseId}
          AND up.lesson_id IS NOT NULL AND up.completed)`,
    })
    .from(enrollments)
    .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, courseId)));
  const [enrollment] = opts.lock ? await query.for("share") : await query;
  if (!enrollment) return { eligible: false, reason: "not-enrolled" };
  if (enrollment.status === "REFUNDED") return { eligible: false, reason: "refunded" };
  if (enrollment.status === "SUSPENDED") return { eligible: false, reason: "suspended" };
  if (!actor.emailVerified) return { eligible: false, reason: "email-unconfirmed" };
  if (!enrollment.hasCompletedLesson) return { eligible: false, reason: "no-lesson-completed" };
  return { eligible: true };
}

export function assertEligible(e: ReviewEligibility): void {
  if (e.eligible) return;
  if (e.reason === "sign-in")
    throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in to continue." });
  throw new AppError("FORBIDDEN", {
    message: `review: ${e.reason}`,
    userMessage: INELIGIBLE_MESSAGES[e.reason],
  });
}
