import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { getActor } from "@/server/auth/session";
import { findMyCourses } from "@/server/authoring/queries";
import { getDb } from "@/server/db";
import { countWaitingByCourse } from "@/server/assessments/assignment-reviews";
import { OutcomeNotice } from "@/components/ui/outcome-notice";
import { formatRating } from "@/components/catalog/rating-stars";

export const metadata: Metadata = { title: "Teach", robots: { index: false } };

export default async function InstructorPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string }>;
}) {
  const actor = await getActor();
  const db = await getDb();
  const courses = await findMyCourses(db, actor);
  const waiting = new Map(
    actor ? (await countWaitingByCourse(db, actor)).map((w) => [w.course_id, w.waiting]) : [],
  );
  const waitingTotal = [...waiting.values()].reduce((a, b) => a + b, 0);
  const { deleted } = await searchParams;
  const newCourse = (
    <Link href="/instructor/courses/new" className={buttonClass()}>
      New course
    </Link>
  );
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">
            {actor?.role === "ADMIN" ? "All courses" : "My courses"}
          </h1>
          <p className="mt-2 text-slate-600">
            Drafts and published courses, with how students are doing in them.
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link href="/instructor/reviews" className={buttonClass({ variant: "secondary" })}>
            Reviews{waitingTotal > 0 ? ` (${waitingTotal} waiting)` : ""}
          </Link>
          {courses.length > 0 ? newCourse : null}
        </div>
      </div>
      {deleted ? (
        <OutcomeNotice className="mt-4 text-emerald-700">The course was deleted.</OutcomeNotice>
      ) : null}
      <div className="mt-6">
        {courses.length === 0 ? (
          <EmptyState title="No courses yet" action={newCourse}>
            Create your first course: give it a title and a description, add modules and lessons, then publish
            it.
          </EmptyState>
        ) : (
          <ul className="grid gap-4">
            {courses.map((c) => (
              <li key={c.id} className="rounded-2xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="text-lg font-semibold">
                      <Link
                        href={`/instructor/courses/${c.id}`}
                        className="text-slate-900 hover:text-brand-700"
                      >
                        {c.title}
                      </Link>
                    </h2>
                    <p className="mt-1 font-mono text-xs text-slate-500">/courses/{c.slug}</p>
                  </div>
                  {c.published ? (
                    <Badge tone="success">Published</Badge>
                  ) : (
                    <Badge tone="warning">Draft</Badge>
                  )}
                </div>
                {waiting.get(c.id) ? (
                  <p className="mt-2 text-sm">
                    <Link
                      href={`/instructor/reviews?courseId=${c.id}`}
                      className="font-medium text-brand-700 underline"
                    >
                      {waiting.get(c.id)} assignment{waiting.get(c.id) === 1 ? "" : "s"} waiting for review
                    </Link>
                  </p>
                ) : null}
                <dl className="mt-4 grid grid-cols-3 gap-3 text-sm">
                  <div>
                    <dt className="text-slate-500">Enrollments</dt>
                    <dd className="font-semibold text-slate-900">{c.enrollmentCount}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Completion rate</dt>
                    <dd className="font-semibold text-slate-900">
                      {c.completionRate === null ? "—" : `${c.completionRate}%`}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Average rating</dt>
                    <dd className="font-semibold text-slate-900">
                      {c.ratingAverage === null
                        ? "—"
                        : `${formatRating(Number(c.ratingAverage))} (${c.ratingCount})`}
                    </dd>
                  </div>
                </dl>
                <p className="mt-3 text-sm">
                  <Link
                    href={`/instructor/courses/${c.id}/analytics`}
                    className="font-medium text-brand-700 underline"
                  >
                    Analytics<span className="sr-only"> of {c.title}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
