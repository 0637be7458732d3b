import type { Metadata } from "next";
import Link from "next/link";
import { ReviewForm } from "@/components/authoring/review-form";
import { RubricTable } from "@/components/learning/rubric-table";
import { AssignmentVersion } from "@/components/learning/assignment-version";
import { formatDateTime } from "@/lib/dates";
import { requireRole } from "@/server/auth/session";
import { getSubmission } from "@/server/assessments/assignment-reviews";
import { getDb } from "@/server/db";
import { orNotFound } from "@/server/http/pages";
import { lessonHtml } from "@/server/learning/lesson-html";
import { previewMarkdownAction } from "../../courses/[id]/lessons/[lessonId]/actions";

export const metadata: Metadata = { title: "Review a submission", robots: { index: false } };

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(`/instructor/reviews/${id}`, "INSTRUCTOR", "ADMIN");
  const s = await orNotFound(getSubmission(await getDb(), actor, id.slice(0, 64)));
  const waiting = s.state === "SUBMITTED" || s.state === "IN_REVIEW";
  const latest = s.versions.at(-1);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/instructor/reviews" className="text-sm font-medium text-brand-700 hover:underline">
          ← Reviews
        </Link>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">{s.lesson.title}</h1>
        <p className="mt-2 text-slate-600">
          {s.student.name ?? "A student"}
          {s.student.email ? ` (${s.student.email})` : ""} · {s.course.title}
          {s.dueAt ? ` · due ${formatDateTime(s.dueAt)}` : ""}
        </p>
      </div>
      <details className="rounded-2xl border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">The assignment&apos;s instructions</summary>
        <div
          className="lesson-content mt-3"
          dangerouslySetInnerHTML={{ __html: lessonHtml(s.lesson.content) }}
        />
      </details>
      {s.rubric ? (
        <details className="rounded-2xl border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium">The rubric, with what each level means</summary>
          <div className="mt-3">
            <RubricTable rubric={s.rubric} caption="Rubric" />
          </div>
        </details>
      ) : null}
      <section aria-labelledby="versions" className="space-y-4">
        <h2 id="versions" className="text-xl font-semibold">
          Handed in
        </h2>
        {[...s.versions].reverse().map((v) => (
          <AssignmentVersion
            key={v.id}
            rubric={s.rubric}
            current={v.id === latest?.id}
            note={v.id === latest?.id && waiting ? "to review" : undefined}
            version={{
              ...v,
              textHtml: v.text.trim() ? lessonHtml(v.text) : null,
              review: v.review
                ? {
                    ...v.review,
                    feedbackHtml: v.review.feedback.trim() ? lessonHtml(v.review.feedback) : null,
                  }
                : null,
            }}
          />
        ))}
      </section>
      {s.reviewer && waiting ? (
        <ReviewForm submissionId={s.id} rubric={s.rubric} claim={s.claim} preview={previewMarkdownAction} />
      ) : (
        <p role="status" className="rounded-lg bg-slate-100 p-3 text-sm text-slate-700">
          {s.state === "PASSED"
            ? "Passed. The student is told by e-mail, and the lesson is complete for them."
            : s.state === "NEEDS_REVISION"
              ? "Sent back for revision. The student is told by e-mail; the work returns to the queue when they hand it in again."
              : "The student has not handed this in yet."}
        </p>
      )}
    </div>
  );
}
