import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { ratingAverageOf } from "./refresh-course-stats";
import type { TRatingSummary } from "./schemas";

/**
 * A course's ratings by star, as refreshCourseStats stored them with the course's counters (reviews of
 * students whose enrollment is not REFUNDED, not hidden by a moderator): at most five rows of
 * course_rating_counts by its key, however many reviews the course has. Count and average are derived from
 * them, so they always agree with the histogram.
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
  return sql`SELECT rating, count FROM course_rating_counts WHERE course_id = ${courseId} AND count > 0`;
}
