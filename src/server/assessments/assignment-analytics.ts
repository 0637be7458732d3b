import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { notFound } from "../errors";
import type { Actor } from "../accounts/actor";
import { assertAuthor, mayEdit } from "../authoring/course-access";

export interface AssignmentStats {
  lessonId: string;
  title: string;
  /** Students who handed in at least once. */
  students: number;
  versions: number;
  waiting: number;
  /** Of first hand-ins already reviewed, the share passed (0–100, rounded down); null: none reviewed yet. */
  passRateFirstHandIn: number | null;
  /** Median time from hand-in to decision, in seconds; null: no decision yet. */
  medianReviewSeconds: number | null;
  /** Share of hand-ins that were late (0–100, rounded down); null: none yet. */
  lateShare: number | null;
}

/**
 * Per assignment of a course, for its staff: submissions, pass rate at first hand-in, median time to review and
 * the late share. One grouped statement over the course's assignments (no per-assignment queries).
 */
export async function getAssignmentAnalytics(
  db: Db,
  actor: Actor | null,
  courseId: string,
): Promise<AssignmentStats[]> {
  assertAuthor(actor);
  const [course] = await queryRows<{ id: string }>(
    db,
    sql`SELECT c.id FROM courses c WHERE c.id = ${courseId} AND ${mayEdit(actor, sql`c.id`)}`,
  );
  if (!course) throw notFound("This course");
  const rows = await queryRows<{
    lesson_id: string;
    title: string;
    students: number;
    versions: number;
    late: number;
    waiting: number;
    first_reviewed: number;
    first_passed: number;
    median_review_s: number | string | null;
  }>(
    db,
    sql`SELECT a.lesson_id, l.title,
               count(DISTINCT s.id) FILTER (WHERE s.submitted_at IS NOT NULL)::int AS students,
               count(v.id)::int AS versions,
               count(v.id) FILTER (WHERE v.late)::int AS late,
               count(DISTINCT s.id) FILTER (WHERE s.state IN ('SUBMITTED', 'IN_REVIEW'))::int AS waiting,
               count(r.id) FILTER (WHERE v.number = 1)::int AS first_reviewed,
               count(r.id) FILTER (WHERE v.number = 1 AND r.decision = 'PASS')::int AS first_passed,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - v.submitted_at))
                 AS median_review_s
        FROM assignments a
        JOIN lessons l ON l.id = a.lesson_id AND l.lesson_type = 'ASSIGNMENT'
        JOIN modules m ON m.id = l.module_id
        LEFT JOIN assignment_submissions s ON s.lesson_id = a.lesson_id
        LEFT JOIN assignment_versions v ON v.submission_id = s.id
        LEFT JOIN assignment_reviews r ON r.version_id = v.id
        WHERE m.course_id = ${courseId}
        GROUP BY a.lesson_id, l.title, m."order", l."order"
        ORDER BY m."order", l."order"`,
  );
  return rows.map((r) => ({
    lessonId: r.lesson_id,
    title: r.title,
    students: r.students,
    versions: r.versions,
    waiting: r.waiting,
    passRateFirstHandIn:
      r.first_reviewed === 0 ? null : Math.floor((r.first_passed * 100) / r.first_reviewed),
    medianReviewSeconds: r.median_review_s === null ? null : Math.round(Number(r.median_review_s)),
    lateShare: r.versions === 0 ? null : Math.floor((r.late * 100) / r.versions),
  }));
}
