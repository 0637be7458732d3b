import { sql } from "drizzle-orm";
import type { Db } from "../db/types";

/**
 * Every course's ratings by star, counted again from the reviews (migration 0024 runs the same statement):
 * for writers that insert reviews in bulk without refreshCourseStats — the demo seed, bench:data. Inside
 * their transaction; set-based, one statement.
 */
export async function rebuildCourseRatingCounts(db: Db): Promise<void> {
  await db.execute(sql.raw(REBUILD_COURSE_RATING_COUNTS_SQL));
}

/** The statement itself, for a writer on a plain pg client (bench:data). */
export const REBUILD_COURSE_RATING_COUNTS_SQL = `
    INSERT INTO course_rating_counts (course_id, rating, count)
    SELECT c.id, g.rating, count(v.rating)::int
    FROM courses c
    CROSS JOIN generate_series(1, 5) AS g(rating)
    LEFT JOIN (
      SELECT r.course_id, r.rating
      FROM course_reviews r
      JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id
      WHERE e.status <> 'REFUNDED' AND r.hidden_at IS NULL
    ) v ON v.course_id = c.id AND v.rating = g.rating
    GROUP BY c.id, g.rating
    ON CONFLICT (course_id, rating) DO UPDATE SET count = EXCLUDED.count
      WHERE course_rating_counts.count IS DISTINCT FROM EXCLUDED.count`;
