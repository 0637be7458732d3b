import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { formatMoney } from "@/lib/money";
import { RevenueTable } from "@/components/payments/revenue-table";
import { getCourseAnalytics } from "@/server/analytics/course-analytics";
import { requireRole } from "@/server/auth/session";
import { getDb, getReadDb } from "@/server/db";
import { orNotFound } from "@/server/http/pages";
import { getAssignmentAnalytics } from "@/server/assessments/assignment-analytics";

export const metadata: Metadata = { title: "Course analytics", robots: { index: false } };

const duration = (s: number | null) =>
  s === null
    ? "—"
    : s < 3600
      ? `${Math.max(1, Math.round(s / 60))} min`
      : s < 172_800
        ? `${Math.round(s / 3600)} h`
        : `${Math.round(s / 86_400)} days`;
const minutes = (s: number) => (s === 0 ? "—" : s < 60 ? `${s} s` : `${Math.round(s / 60)} min`);

export default async function CourseAnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(`/instructor/courses/${id}/analytics`, "INSTRUCTOR", "ADMIN");
  const db = await getDb();
  const a = await orNotFound(getCourseAnalytics(db, actor, id.slice(0, 64), await getReadDb()));
  const assignments = await getAssignmentAnalytics(db, actor, a.course.id);
  return (
    <div>
      <Link href="/instructor" className="text-sm text-brand-700 underline">
        ← My courses
      </Link>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Analytics: {a.course.title}</h1>
      <p className="mt-2 text-sm">
        <a
          href={`/api/v1/instructor/courses/${id}/quiz-scores.csv`}
          className="font-medium text-brand-700 underline"
        >
          Download quiz scores (CSV: every student&apos;s best score and attempts per quiz)
        </a>
      </p>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <BarChart
          id="enrollments"
          title="Enrollments by month (last 12 months)"
          data={a.enrollmentsByMonth}
        />
        <BarChart id="ratings" title="Rating distribution" data={a.ratings} />
        <BarChart
          id="funnel"
          title="Completion funnel: students who completed each lesson"
          data={a.lessons.map((l) => ({
            label: `${l.position} ${l.title}`,
            value: l.completed,
          }))}
        />
        {a.course.price > 0 ? (
          <BarChart
            id="revenue"
            title={`Net revenue by month (${a.currency})`}
            data={a.revenueByMonth}
            format={(n) => formatMoney(n, a.currency)}
          />
        ) : null}
      </div>
      {a.course.price > 0 ? (
        <div className="mt-6">
          <RevenueTable months={a.revenue} currency={a.currency} />
        </div>
      ) : null}
      <section aria-labelledby="lessons" className="mt-8">
        <h2 id="lessons" className="text-xl font-semibold">
          Lessons
        </h2>
        <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">
                  #
                </th>
                <th scope="col" className="px-4 py-2">
                  Lesson
                </th>
                <th scope="col" className="px-4 py-2">
                  Completed by
                </th>
                <th scope="col" className="px-4 py-2">
                  Average time spent
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {a.lessons.map((l) => (
                <tr key={l.position}>
                  <td className="px-4 py-2 text-slate-500">{l.position}</td>
                  <td className="px-4 py-2">{l.title}</td>
                  <td className="px-4 py-2">{l.completed}</td>
                  <td className="px-4 py-2">{minutes(l.averageSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {assignments.length > 0 ? (
        <section aria-labelledby="assignments" className="mt-8">
          <h2 id="assignments" className="text-xl font-semibold">
            Assignments
          </h2>
          <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Per assignment: hand-ins, reviews and lateness</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Assignment
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Students who handed in
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Waiting
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Passed at first hand-in
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Median time to review
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Late hand-ins
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {assignments.map((x) => (
                  <tr key={x.lessonId}>
                    <td className="px-4 py-2">{x.title}</td>
                    <td className="px-4 py-2">{x.students}</td>
                    <td className="px-4 py-2">
                      {x.waiting > 0 ? (
                        <Link
                          href={`/instructor/reviews?courseId=${a.course.id}`}
                          className="text-brand-700 underline"
                        >
                          {x.waiting}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td className="px-4 py-2">
                      {x.passRateFirstHandIn === null ? "—" : `${x.passRateFirstHandIn}%`}
                    </td>
                    <td className="px-4 py-2">{duration(x.medianReviewSeconds)}</td>
                    <td className="px-4 py-2">{x.lateShare === null ? "—" : `${x.lateShare}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
