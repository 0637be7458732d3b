import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { ratingAverageOf } from "./refresh-course-stats";
import type { TRatingSummary } from "./schemas";

/**
 * A course's ratings by star, counted by the rule of the stored counters (refreshCourseStats): reviews of
 * students whose enrollment is not REFUNDED, and not hidden by a moderator. One grouped read through idx_course_reviews_course_id and the
 * enrollments' (user_id, course_id) key; count and average are derived from it, so they always agree.
 */
export async function getRatingSummary(db: Db, courseId: string): Promise<TRatingSummary> {
  const rows = await queryRows<{ rating: number; count: number }>(db, ratingSummaryStatement(courseId));
  const byRating = new Map(rows.map((r) => [r.rating, r.count]));
  const histogram = [5, 4, 3, 2, 1].map((rating) => ({ rating, count: byRating.get(rating) ?? 0 }));
  const count = histogram.reduce((n, h) => n + h.count, 0);
  const sum = histogram.reduce((n, h) => n + h.rating * h.count, 0);
  return { average: count > 0 ? Number(ratingAverageOf(sum, count)) : null, count, histogram };
}

/** The summary's one statement (exported so its plan can be examined). */
export function ratingSummaryStatement(courseId: string): SQL {
  return sql`SELECT r.rating, count(*)::int AS count
             FROM course_reviews r
             JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id
             WHERE r.course_id = ${courseId} AND e.status <> 'REFUNDED' AND r.hidden_at IS NULL
             GROUP BY r.rating`;
}
