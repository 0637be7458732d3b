import "server-only";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courseReviews, enrollments, users } from "../db/schema";
import type { Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { parseInput } from "../validation";
import { isAppError } from "../errors";
import { getRatingSummary } from "../catalog/rating-summary";
import type { TRatingSummary } from "../catalog/schemas";
import { getReviewEligibility, type ReviewEligibility } from "./eligibility";
import { displayName, getMyReview, getPublishedCourseId, type MyReview } from "./write-review";
import { ZPageInput, type TPageInput } from "./schemas";

export interface PublicReview {
  id: string;
  rating: number;
  comment: string | null;
  authorName: string;
  completedCourse: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewPage {
  items: PublicReview[];
  nextCursor: string | null;
}

/**
 * A course's public reviews, newest first, keyset-paginated on (created_at, id) through
 * idx_course_reviews_course_created. The rule of the counters: not hidden, and the author's enrollment in
 * the course is not REFUNDED (a review without an enrollment is not shown either).
 */
export async function findCourseReviews(
  db: Db,
  courseId: string,
  input: TPageInput = {},
): Promise<ReviewPage> {
  const { cursor, limit } = parseInput(ZPageInput, input);
  const after = decodeCursor(cursor, ZTimeIdKey);
  const rows = await db
    .select({
      id: courseReviews.id,
      rating: courseReviews.rating,
      comment: courseReviews.comment,
      name: users.name,
      status: enrollments.status,
      createdAt: courseReviews.createdAt,
      updatedAt: courseReviews.updatedAt,
      key: timestampKey(courseReviews.createdAt),
    })
    .from(courseReviews)
    .innerJoin(
      enrollments,
      and(eq(enrollments.userId, courseReviews.userId), eq(enrollments.courseId, courseReviews.courseId)),
    )
    .innerJoin(users, eq(users.id, courseReviews.userId))
    .where(
      and(
        eq(courseReviews.courseId, courseId),
        isNull(courseReviews.hiddenAt),
        ne(enrollments.status, "REFUNDED"),
        after ? olderThan(courseReviews.createdAt, courseReviews.id, after) : undefined,
      ),
    )
    .orderBy(desc(courseReviews.createdAt), desc(courseReviews.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.key, r.id], {
    map: (row) => {
      const { name, status, ...r } = withoutKey(row);
      return { ...r, authorName: displayName(name), completedCourse: status === "COMPLETED" };
    },
  });
}

/** The JSON API's list: a published course's page of reviews with its rating summary. */
export async function findReviewsBySlug(
  db: Db,
  slug: string,
  input: TPageInput,
): Promise<ReviewPage & { summary: TRatingSummary }> {
  const courseId = await getPublishedCourseId(db, slug);
  const [page, summary] = await Promise.all([
    findCourseReviews(db, courseId, input),
    getRatingSummary(db, courseId),
  ]);
  return { ...page, summary };
}

export interface CourseReviewsView extends ReviewPage {
  mine: MyReview | null;
  eligibility: ReviewEligibility;
  /** The cursor was not readable: the first page is shown instead. */
  cursorIgnored: boolean;
}

/** What the course page shows: a page of reviews, the visitor's own review and whether they may write one. */
export async function getCourseReviewsView(
  db: Db,
  actor: Actor | null,
  courseId: string,
  cursor: string | undefined,
  /** Where the public list is read (the read replica); the reader's own review and standing come from `db`. */
  readDb: Db = db,
): Promise<CourseReviewsView> {
  const [page, mine, eligibility] = await Promise.all([
    findCourseReviews(readDb, courseId, { cursor }).then(
      (p) => ({ ...p, cursorIgnored: false }),
      async (e: unknown) => {
        if (!isAppError(e) || e.code !== "INVALID_INPUT") throw e;
        return { ...(await findCourseReviews(readDb, courseId)), cursorIgnored: true };
      },
    ),
    getMyReview(db, actor, courseId),
    getReviewEligibility(db, actor, courseId),
  ]);
  return { ...page, mine, eligibility };
}

/** A review shows on its course page: not hidden, and its author's enrollment is not REFUNDED. */
export const isPubliclyVisible = sql`${courseReviews.hiddenAt} IS NULL AND EXISTS (
  SELECT 1 FROM ${enrollments} e
  WHERE e.user_id = ${courseReviews.userId} AND e.course_id = ${courseReviews.courseId} AND e.status <> 'REFUNDED')`;
