import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courseReviews, courses, enrollments, users } from "../db/schema";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { refreshCourseStats } from "../catalog/refresh-course-stats";
import { emitWebhookEvent, iso } from "../integrations/events";
import { notFound } from "../errors";
import { parseInput } from "../validation";
import { consumeRateLimit, type RateLimitRule } from "../platform/rate-limit";
import { assertEligible, getReviewEligibility } from "./eligibility";
import { ZReviewInput } from "./schemas";
import type { z } from "zod";

export const REVIEW_WRITES: RateLimitRule = { name: "review:write", limit: 20, windowSeconds: 3600 };

/** What the author sees of their own review, hidden or not. */
export interface MyReview {
  id: string;
  rating: number;
  comment: string | null;
  authorName: string;
  completedCourse: boolean;
  createdAt: Date;
  updatedAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

/** A display name for reviews: the person's name, never their address. */
export const displayName = (name: string | null | undefined) => name?.trim() || "A student";

/** Reviews are written on published courses; anything else is not found. */
export async function getPublishedCourseId(db: Db, slug: string): Promise<string> {
  const [course] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.slug, slug), eq(courses.published, true)));
  if (!course) throw notFound("This course");
  return course.id;
}

export async function getMyReview(db: Db, actor: Actor | null, courseId: string): Promise<MyReview | null> {
  if (!actor) return null;
  const [row] = await db
    .select({
      id: courseReviews.id,
      rating: courseReviews.rating,
      comment: courseReviews.comment,
      name: users.name,
      status: enrollments.status,
      createdAt: courseReviews.createdAt,
      updatedAt: courseReviews.updatedAt,
      hiddenAt: courseReviews.hiddenAt,
      hiddenReason: courseReviews.hiddenReason,
    })
    .from(courseReviews)
    .innerJoin(users, eq(users.id, courseReviews.userId))
    .leftJoin(
      enrollments,
      and(eq(enrollments.userId, courseReviews.userId), eq(enrollments.courseId, courseReviews.courseId)),
    )
    .where(and(eq(courseReviews.userId, actor.id), eq(courseReviews.courseId, courseId)));
  if (!row) return null;
  const { name, status, ...review } = row;
  return { ...review, authorName: displayName(name), completedCourse: status === "COMPLETED" };
}

/**
 * Writes the actor's review of a course, or replaces their rating and comment (one review per student and
 * course: the unique constraint decides, ON CONFLICT DO UPDATE). In one transaction: the eligibility check
 * (holding the enrollment row), the write, and the course's counters recomputed under the course row lock
 * (refreshCourseStats). Editing a hidden review keeps it hidden.
 */
export async function saveReview(
  db: Db,
  actor: Actor | null,
  slug: string,
  input: z.input<typeof ZReviewInput>,
): Promise<{ review: MyReview; created: boolean }> {
  assertSignedIn(actor);
  const valid = parseInput(ZReviewInput, input);
  const { rating, comment } = valid;
  const courseId = await getPublishedCourseId(db, slug);
  assertEligible(await getReviewEligibility(db, actor, courseId));
  await consumeRateLimit(db, REVIEW_WRITES, actor.id);
  const created = await db.transaction(async (tx) => {
    assertEligible(await getReviewEligibility(tx, actor, courseId, { lock: true }));
    const [row] = await tx
      .insert(courseReviews)
      .values({ userId: actor.id, courseId, rating, comment })
      .onConflictDoUpdate({
        target: [courseReviews.userId, courseReviews.courseId],
        set: { rating, comment, updatedAt: sql`now()` },
      })
      .returning({
        id: courseReviews.id,
        createdAt: courseReviews.createdAt,
        created: sql<boolean>`(xmax = 0)`,
      });
    // Only a new row is announced: an edit (or a concurrent duplicate, which becomes an update) is not.
    if (row!.created) {
      await emitWebhookEvent(tx, "review.created", {
        reviewId: row!.id,
        userId: actor.id,
        courseId,
        rating,
        createdAt: iso(row!.createdAt),
      });
    }
    await refreshCourseStats(tx, courseId);
    return row!.created;
  });
  return { review: (await getMyReview(db, actor, courseId))!, created };
}

/** The author deletes their review (whatever their enrollment has become since); counters follow. */
export async function deleteReview(db: Db, actor: Actor | null, slug: string): Promise<void> {
  assertSignedIn(actor);
  const courseId = await getPublishedCourseId(db, slug);
  await consumeRateLimit(db, REVIEW_WRITES, actor.id);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(courseReviews)
      .where(and(eq(courseReviews.userId, actor.id), eq(courseReviews.courseId, courseId)))
      .returning({ id: courseReviews.id });
    if (deleted.length === 0) throw notFound("Your review");
    await refreshCourseStats(tx, courseId);
  });
}
