import "server-only";
import { everyMonth, lastMonths } from "@/lib/dates";
import { revenueByMonth, type RevenueMonth } from "../payments/revenue";
import { and, asc, eq, isNull, ne, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "../db/types";
import { courseReviews, courses, enrollments, lessons, modules, userProgress } from "../db/schema";
import { isCourseStaffSql } from "../authoring/staff";
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
  /** Gross, coupon discounts, refunds and net by month. */
  revenue: RevenueMonth[];
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
  /** Where the aggregates are read (the read replica); who may see them is always decided on `db`. */
  readDb: Db = db,
): Promise<CourseAnalytics> {
  assertRole(actor, "INSTRUCTOR", "ADMIN");
  const [course] = await db
    .select({ id: courses.id, slug: courses.slug, title: courses.title, price: courses.price })
    .from(courses)
    .where(and(eq(courses.id, courseId), isCourseStaffSql(actor, courses.id)));
  if (!course) throw notFound("This course");
  const currency = getEnv().currency;
  const months = lastMonths(12);
  const month = (column: AnyColumn) => sql<string>`to_char(date_trunc('month', ${column}), 'YYYY-MM')`;
  const lastYear = (column: AnyColumn) => sql`${column} >= date_trunc('month', now()) - interval '11 months'`;
  const [enrolled, lessonRows, ratings, revenue] = await Promise.all([
    readDb
      .select({ k: month(enrollments.enrolledAt), n: sql<number>`count(*)::int` })
      .from(enrollments)
      .where(and(eq(enrollments.courseId, course.id), lastYear(enrollments.enrolledAt)))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    readDb
      .select({
        m: modules.order,
        o: lessons.order,
        title: lessons.title,
        done: sql<number>`count(${userProgress.id}) FILTER (WHERE ${userProgress.completed})::int`,
        avg: sql<number>`coalesce(round(avg(${userProgress.timeSpent}) FILTER (WHERE ${userProgress.timeSpent} > 0)), 0)::int`,
      })
      .from(modules)
      .innerJoin(lessons, eq(lessons.moduleId, modules.id))
      .leftJoin(userProgress, eq(userProgress.lessonId, lessons.id))
      .where(and(eq(modules.courseId, course.id), eq(modules.published, true)))
      .groupBy(modules.order, lessons.order, lessons.title)
      .orderBy(asc(modules.order), asc(lessons.order)),
    readDb
      .select({ r: courseReviews.rating, n: sql<number>`count(*)::int` })
      .from(courseReviews)
      .innerJoin(
        enrollments,
        and(
          eq(enrollments.userId, courseReviews.userId),
          eq(enrollments.courseId, courseReviews.courseId),
          ne(enrollments.status, "REFUNDED"),
        ),
      )
      .where(and(eq(courseReviews.courseId, course.id), isNull(courseReviews.hiddenAt)))
      .groupBy(courseReviews.rating),
    revenueByMonth(readDb, { currency, courseId: course.id }),
  ]);
  return {
    course,
    currency,
    enrollmentsByMonth: everyMonth(
      enrolled.map((r) => ({ label: r.k, value: r.n })),
      months,
    ),
    lessons: lessonRows.map((l) => ({
      position: `${l.m}.${l.o}`,
      title: l.title,
      completed: l.done,
      averageSeconds: l.avg,
    })),
    ratings: [5, 4, 3, 2, 1].map((stars) => ({
      label: `${stars} star${stars === 1 ? "" : "s"}`,
      value: ratings.find((r) => r.r === stars)?.n ?? 0,
    })),
    revenueByMonth: everyMonth(
      revenue.map((r) => ({ label: r.month, value: r.net })),
      months,
    ),
    revenue,
  };
}
