import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { formatDateTime } from "@/lib/dates";
import { requireRole } from "@/server/auth/session";
import { findMyCourses } from "@/server/authoring/queries";
import { findReviewQueue } from "@/server/assessments/assignment-reviews";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";

export const metadata: Metadata = { title: "Reviews", robots: { index: false } };

const STATE_LABEL: Record<string, string> = {
  SUBMITTED: "Waiting",
  IN_REVIEW: "Being reviewed",
  NEEDS_REVISION: "Sent back",
  PASSED: "Passed",
  DRAFT: "Draft",
};
const STATUS_CHOICES = [
  { value: "", label: "Waiting for review" },
  { value: "NEEDS_REVISION", label: "Sent back for revision" },
  { value: "PASSED", label: "Passed" },
];

export default async function ReviewsPage({
  searchParams,
}: {
  searchParams: Promise<{ courseId?: string; status?: string; late?: string; cursor?: string }>;
}) {
  const actor = await requireRole("/instructor/reviews", "INSTRUCTOR", "ADMIN");
  const sp = await searchParams;
  const db = await getDb();
  const query = {
    ...(sp.courseId ? { courseId: String(sp.courseId).slice(0, 64) } : {}),
    ...(sp.status ? { status: String(sp.status).slice(0, 100) } : {}),
    ...(sp.late === "true" || sp.late === "false" ? { late: sp.late as "true" | "false" } : {}),
    ...(sp.cursor ? { cursor: String(sp.cursor).slice(0, 1000) } : {}),
  };
  const [courses, page] = await Promise.all([
    findMyCourses(db, actor),
    findReviewQueue(db, actor, query).catch((e: unknown) => {
      if (isAppError(e) && e.code === "INVALID_INPUT") return null;
      throw e;
    }),
  ]);
  const next = (cursor: string) =>
    `/instructor/reviews?${new URLSearchParams({ ...query, cursor }).toString()}`;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/instructor" className="text-sm font-medium text-brand-700 hover:underline">
          ← My courses
        </Link>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">Reviews</h1>
        <p className="mt-2 text-slate-600">
          Assignments handed in to your courses, oldest first. Open one to claim it, score it against its
          rubric and pass it or send it back with feedback.
        </p>
      </div>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4"
      >
        <label className="text-sm font-medium text-slate-800">
          Course
          <select
            name="courseId"
            defaultValue={query.courseId ?? ""}
            className="mt-1 block rounded-lg border border-slate-300 px-3 py-2"
          >
            <option value="">All my courses</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          State
          <select
            name="status"
            defaultValue={query.status ?? ""}
            className="mt-1 block rounded-lg border border-slate-300 px-3 py-2"
          >
            {STATUS_CHOICES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          Late
          <select
            name="late"
            defaultValue={query.late ?? ""}
            className="mt-1 block rounded-lg border border-slate-300 px-3 py-2"
          >
            <option value="">Late or on time</option>
            <option value="true">Late only</option>
            <option value="false">On time only</option>
          </select>
        </label>
        <button className={buttonClass({ variant: "secondary" })}>Show</button>
      </form>
      {page === null ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900">
          That page of results no longer exists.{" "}
          <Link href="/instructor/reviews" className="underline">
            Start from the first page
          </Link>
          .
        </p>
      ) : page.items.length === 0 ? (
        <EmptyState title="Nothing to review">
          {query.status || query.late || query.courseId
            ? "No submission matches these filters."
            : "When students hand in assignments in your courses, they appear here."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            stackOnPhone
            caption="Submissions"
            rows={page.items}
            rowKey={(r) => r.id}
            columns={[
              {
                header: "Student",
                cell: (r) => (
                  <Link href={`/instructor/reviews/${r.id}`} className="font-medium text-brand-700 underline">
                    {r.student.name ?? "A student"}
                  </Link>
                ),
              },
              { header: "Assignment", cell: (r) => `${r.lesson.title} · ${r.course.title}` },
              { header: "Version", cell: (r) => `#${r.versionNumber}` },
              {
                header: "Handed in",
                className: "whitespace-nowrap",
                cell: (r) => (
                  <>
                    {formatDateTime(r.submittedAt)}
                    {r.late ? (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                        late
                      </span>
                    ) : null}
                  </>
                ),
              },
              {
                header: "State",
                cell: (r) =>
                  r.state === "IN_REVIEW" && r.claimedBy
                    ? `Being reviewed by ${r.claimedBy}`
                    : (STATE_LABEL[r.state] ?? r.state),
              },
            ]}
          />
          {page.nextCursor ? (
            <Link href={next(page.nextCursor)} className={buttonClass({ variant: "secondary" })}>
              Next page
            </Link>
          ) : null}
        </>
      )}
    </div>
  );
}
