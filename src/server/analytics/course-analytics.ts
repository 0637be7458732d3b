import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses } from "../db/schema";
import { isCourseStaffSql } from "../authoring/staff";
import { queryRows } from "../db/rows";
import { getEnv } from "../env";
import { notFound } from "../errors";
import { assertRole, type Actor } from "../accounts/actor";

export interface CourseAnalytics {
  course: { id: string; slug: string; title: string; price: number };
  currency: string;
  enrollmentsByMonth: { label: string; value: number }[];
  lessons: { position: string; title: string; completed: number; averageSeconds: number }[];
  ratings: { label: string; value: number }[];
  revenueByMonth: { label: string; value: number }[];
}

/**
 * A course's analytics for its instructors and admins (anyone else: not found): enrollments over the last 12
 * months, the completion funnel and average time per lesson, the rating distribution, net revenue by month.
 * Five aggregate queries, each on indexed foreign keys.
 */
export async function getCourseAnalytics(
  db: Db,
  actor: Actor | null,
  courseId: string,
): Promise<CourseAnalytics> {
  assertRole(actor, "INSTRUCTOR", "ADMIN");
  const [course] = await db
    .select({ id: courses.id, slug: courses.slug, title: courses.title, price: courses.price })
    .from(courses)
    .where(and(eq(courses.id, courseId), isCourseStaffSql(actor, courses.id)));
  if (!course) throw notFound("This course");
  const currency = getEnv().currency;
  const [enrolled, lessons, ratings, revenue] = await Promise.all([
    queryRows<{ k: string; n: number }>(
      db,
      sql`SELECT to_char(date_trunc('month', enrolled_at), 'YYYY-MM') AS k, count(*)::int AS n
          FROM enrollments WHERE course_id = ${course.id} AND enrolled_at >= date_trunc('month', now()) - interval '11 months'
          GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<{ m: number; o: number; title: string; done: number; avg: number }>(
      db,
      sql`SELECT m."order" AS m, l."order" AS o, l.title,
                 count(up.id) FILTER (WHERE up.completed)::int AS done,
                 coalesce(round(avg(up.time_spent) FILTER (WHERE up.time_spent > 0)), 0)::int AS avg
          FROM modules m JOIN lessons l ON l.module_id = m.id
          LEFT JOIN user_progress up ON up.lesson_id = l.id
          WHERE m.course_id = ${course.id} AND m.published
          GROUP BY m."order", l."order", l.title ORDER BY m."order", l."order"`,
    ),
    queryRows<{ r: number; n: number }>(
      db,
      sql`SELECT r.rating AS r, count(*)::int AS n FROM course_reviews r
          JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id AND e.status <> 'REFUNDED'
          WHERE r.course_id = ${course.id} AND r.hidden_at IS NULL GROUP BY r.rating`,
    ),
    queryRows<{ k: string; n: number }>(
      db,
      sql`SELECT to_char(date_trunc('month', processed_at), 'YYYY-MM') AS k, sum(amount - refunded_amount)::int AS n
          FROM payments WHERE course_id = ${course.id} AND status IN ('COMPLETED', 'REFUNDED') AND currency = ${currency}
            AND processed_at >= date_trunc('month', now()) - interval '11 months'
          GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  return {
    course,
    currency,
    enrollmentsByMonth: enrolled.map((r) => ({ label: r.k, value: r.n })),
    lessons: lessons.map((l) => ({
      position: `${l.m}.${l.o}`,
      title: l.title,
      completed: l.done,
      averageSeconds: l.avg,
    })),
    ratings: [5, 4, 3, 2, 1].map((stars) => ({
      label: `${stars} star${stars === 1 ? "" : "s"}`,
      value: ratings.find((r) => r.r === stars)?.n ?? 0,
    })),
    revenueByMonth: revenue.map((r) => ({ label: r.k, value: r.n })),
  };
}
