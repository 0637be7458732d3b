import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { notFound } from "../errors";

export interface CourseStats {
  enrollmentCount: number;
  ratingCount: number;
  /** Mean rating to two decimals, as PostgreSQL's exact numeric text ("4.67"); "0.00" when unrated. */
  ratingAverage: string;
}

/**
 * Recomputes a course's counters from its rows: enrollments that are not REFUNDED, and the ratings of those
 * enrollments' students (a refund withdraws the student's rating too) that a moderator has not hidden. Call
 * it inside the transaction that changed an enrollment or a review, after that change.
 *
 * It locks the course row first (DESIGN.md convention 4): under READ COMMITTED two concurrent transactions
 * would each count without the other's uncommitted row and the last one would store a stale figure. With
 * the lock the second waits for the first to commit, and its count (a new snapshot) sees both rows.
 * The lock is FOR NO KEY UPDATE, the one the UPDATE itself takes: FOR UPDATE would also conflict with the
 * FOR KEY SHARE lock that inserting an enrollment or review takes on the course (its foreign key check),
 * and two such writers would deadlock.
 * The row is written only when a figure changed, so an unchanged course keeps its row version. The ratings by
 * star (course_rating_counts, the course page's histogram) are written in the same statement, from the same
 * rows, so the histogram always agrees with the count and the average.
 */
export async function refreshCourseStats(tx: Db, courseId: string): Promise<CourseStats> {
  const locked = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM courses WHERE id = ${courseId} FOR NO KEY UPDATE`,
  );
  if (locked.length === 0) throw notFound("This course");

  const [stats] = await queryRows<{ enrollment_count: number; rating_count: number; rating_average: string }>(
    tx,
    sql`
      WITH ratings AS (
        SELECT r.rating, count(*)::int AS n
        FROM course_reviews r
        JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id
        WHERE r.course_id = ${courseId} AND e.status <> 'REFUNDED' AND r.hidden_at IS NULL
        GROUP BY r.rating
      ),
      stats AS (
        SELECT
          (SELECT count(*)::int FROM enrollments e
           WHERE e.course_id = ${courseId} AND e.status <> 'REFUNDED') AS enrollment_count,
          coalesce(sum(n), 0)::int AS rating_count,
          coalesce(round(sum(rating * n)::numeric / nullif(sum(n), 0), 2), 0)::numeric(3, 2) AS rating_average
        FROM ratings
      ),
      changed AS (
        UPDATE courses c
        SET enrollment_count = s.enrollment_count,
            rating_count = s.rating_count,
            rating_average = s.rating_average
        FROM stats s
        WHERE c.id = ${courseId}
          AND (c.enrollment_count, c.rating_count, c.rating_average)
              IS DISTINCT FROM (s.enrollment_count, s.rating_count, s.rating_average)
        RETURNING c.id
      ),
      counted AS (
        INSERT INTO course_rating_counts (course_id, rating, count)
        SELECT ${courseId}, g.rating, coalesce(r.n, 0)
        FROM generate_series(1, 5) AS g(rating)
        LEFT JOIN ratings r ON r.rating = g.rating
        ON CONFLICT (course_id, rating) DO UPDATE SET count = EXCLUDED.count
          WHERE course_rating_counts.count IS DISTINCT FROM EXCLUDED.count
        RETURNING course_id
      )
      SELECT enrollment_count, rating_count, rating_average::text AS rating_average FROM stats`,
  );
  return {
    enrollmentCount: stats!.enrollment_count,
    ratingCount: stats!.rating_count,
    ratingAverage: stats!.rating_average,
  };
}

/**
 * The same figures computed from plain numbers, for writers that insert a course with its history in one
 * statement (the demo seed).
 */
export function courseStatsOf(enrollmentCount: number, ratings: number[]): CourseStats {
  const sum = ratings.reduce((a, r) => a + r, 0);
  return {
    enrollmentCount,
    ratingCount: ratings.length,
    ratingAverage: ratingAverageOf(sum, ratings.length),
  };
}

/** sum ÷ count to two decimals, rounded half away from zero as PostgreSQL's round(numeric, 2) does. */
export function ratingAverageOf(sum: number, count: number): string {
  if (count === 0) return "0.00";
  const hundredths = Math.floor((sum * 200 + count) / (2 * count));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}
