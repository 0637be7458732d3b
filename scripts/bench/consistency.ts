import type pg from "pg";

/**
 * Every enrollment's progress_percentage against its rows, by the platform's rule
 * (src/server/learning/enrollment-state.ts): floor(completed lessons × 100 ÷ lessons) over the lessons of
 * published modules, 0 for a course without any. One statement over the whole database.
 */
export const PERCENTAGE_MISMATCHES_SQL = `
  WITH total AS (
    SELECT m.course_id, count(*)::int AS n
    FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
    GROUP BY m.course_id
  ),
  done AS (
    SELECT up.user_id, up.course_id, count(*)::int AS n
    FROM user_progress up
    JOIN lessons l ON l.id = up.lesson_id
    JOIN modules m ON m.id = l.module_id AND m.published AND m.course_id = up.course_id
    WHERE up.lesson_id IS NOT NULL AND up.completed
    GROUP BY up.user_id, up.course_id
  ),
  checked AS (
    SELECT e.id, e.user_id, e.course_id, e.status, e.progress_percentage,
           coalesce(d.n, 0) AS done, coalesce(t.n, 0) AS total,
           CASE WHEN coalesce(t.n, 0) = 0 THEN 0 ELSE least(100, coalesce(d.n, 0) * 100 / t.n) END AS expected
    FROM enrollments e
    LEFT JOIN total t ON t.course_id = e.course_id
    LEFT JOIN done d ON d.user_id = e.user_id AND d.course_id = e.course_id
  )
  SELECT (SELECT count(*)::int FROM checked) AS checked,
         (SELECT count(*)::int FROM checked WHERE progress_percentage <> expected) AS mismatched,
         coalesce((SELECT json_agg(x) FROM (
           SELECT id, user_id AS "userId", course_id AS "courseId", status,
                  progress_percentage AS "stored", expected, done, total
           FROM checked WHERE progress_percentage <> expected ORDER BY id LIMIT 20) x), '[]'::json) AS sample`;

export interface ConsistencyReport {
  checked: number;
  mismatched: number;
  sample: {
    id: string;
    userId: string;
    courseId: string;
    status: string;
    stored: number;
    expected: number;
    done: number;
    total: number;
  }[];
}

export async function checkPercentages(
  client: pg.Pool | pg.Client | pg.PoolClient,
): Promise<ConsistencyReport> {
  const { rows } = await client.query<ConsistencyReport>(PERCENTAGE_MISMATCHES_SQL);
  return rows[0]!;
}

export function describeConsistency(report: ConsistencyReport): string {
  if (report.mismatched === 0) {
    return `OK: all ${report.checked.toLocaleString("en")} enrollments' percentages match their progress rows`;
  }
  const lines = report.sample.map(
    (m) =>
      `    enrollment ${m.id} (${m.status}): stored ${m.stored} %, rows say ${m.expected} % (${m.done}/${m.total})`,
  );
  return [
    `MISMATCH: ${report.mismatched.toLocaleString("en")} of ${report.checked.toLocaleString("en")} enrollments`,
    ...lines,
  ].join("\n");
}
