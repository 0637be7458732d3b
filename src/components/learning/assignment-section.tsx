import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/dates";
import { AssignmentDraftForm } from "./assignment-draft-form";
import { RubricTable, type RubricView } from "./rubric-table";

export interface AssignmentVersionView {
  id: string;
  number: number;
  submittedAt: Date;
  late: boolean;
  textHtml: string | null;
  links: string[];
  review: {
    decision: "PASS" | "NEEDS_REVISION";
    feedbackHtml: string | null;
    points: number | null;
    maxPoints: number | null;
    rubricScores: { criterionId: string; levelId: string; points: number }[] | null;
    reviewedAt: Date;
    reviewer: string | null;
  } | null;
}

export interface AssignmentView {
  state: "DRAFT" | "SUBMITTED" | "IN_REVIEW" | "NEEDS_REVISION" | "PASSED";
  settings: { textAllowed: boolean; linksAllowed: boolean; dueAt: Date | null };
  rubric: RubricView | null;
  draft: { text: string; links: string[] };
  versions: AssignmentVersionView[];
}

const STATE_TEXT: Record<AssignmentView["state"], string> = {
  DRAFT: "Not handed in yet",
  SUBMITTED: "Handed in — waiting for review",
  IN_REVIEW: "Being reviewed",
  NEEDS_REVISION: "Sent back for revision",
  PASSED: "Passed",
};

/** An ASSIGNMENT lesson's coursework in the player: due date, rubric, state, the draft, every version and its feedback. */
export function AssignmentSection({
  lessonId,
  view,
  preview,
  now,
  courseCompleted = false,
}: {
  lessonId: string;
  view: AssignmentView;
  /** The enrollment is COMPLETED (passing may have been the last step). */
  courseCompleted?: boolean;
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
  now: Date;
}) {
  const editable = view.state === "DRAFT" || view.state === "NEEDS_REVISION";
  const due = view.settings.dueAt;
  const overdue = due !== null && now > due;
  return (
    <section id="assignment" aria-labelledby="assignment-heading" className="mt-8 scroll-mt-4 space-y-6">
      <div className="rounded-2xl border border-slate-200 bg-slate-50 p-5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="assignment-heading" className="text-xl font-semibold">
            Your work
          </h2>
          <p
            role="status"
            className={`text-sm font-medium ${view.state === "PASSED" ? "text-emerald-800" : view.state === "NEEDS_REVISION" ? "text-amber-800" : "text-slate-700"}`}
          >
            {STATE_TEXT[view.state]}
          </p>
        </div>
        <p className="mt-2 text-sm text-slate-700">
          Hand in{" "}
          {view.settings.textAllowed && view.settings.linksAllowed
            ? "a written answer and/or links"
            : view.settings.textAllowed
              ? "a written answer"
              : "links to your work"}
          ; an instructor reviews it{view.rubric ? " against the rubric below" : ""} and either passes it (the
          lesson is then complete) or sends it back with feedback.
          {due ? (
            <>
              {" "}
              Due {formatDateTime(due)}
              {overdue ? " — work handed in now is marked late, and still reviewed." : "."}
            </>
          ) : null}
        </p>
        {view.state === "PASSED" ? (
          <p className="mt-2 text-sm text-emerald-800">
            This lesson is complete. Well done.
            {courseCompleted ? (
              <>
                {" "}
                <strong>Course complete!</strong> Your certificate is ready on{" "}
                <a href="/dashboard" className="underline">
                  your dashboard
                </a>
                .
              </>
            ) : null}
          </p>
        ) : null}
      </div>

      {view.rubric ? <RubricTable rubric={view.rubric} caption="How your work is assessed" /> : null}

      {editable ? (
        <AssignmentDraftForm
          lessonId={lessonId}
          textAllowed={view.settings.textAllowed}
          linksAllowed={view.settings.linksAllowed}
          initialText={view.draft.text}
          initialLinks={view.draft.links}
          revision={view.state === "NEEDS_REVISION"}
          preview={preview}
        />
      ) : null}

      {view.versions.length > 0 ? (
        <div>
          <h3 className="text-lg font-semibold">Handed in</h3>
          <ol className="mt-3 space-y-4">
            {[...view.versions].reverse().map((v) => (
              <li key={v.id} className="rounded-2xl border border-slate-200 bg-white p-4">
                <p className="text-sm text-slate-600">
                  Version {v.number} · {formatDateTime(v.submittedAt)}
                  {v.late ? (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                      late
                    </span>
                  ) : null}
                </p>
                {v.textHtml ? (
                  <div className="lesson-content mt-2" dangerouslySetInnerHTML={{ __html: v.textHtml }} />
                ) : null}
                {v.links.length > 0 ? (
                  <ul className="mt-2 list-disc pl-5 text-sm">
                    {v.links.map((l) => (
                      <li key={l}>
                        <a
                          href={l}
                          rel="noopener noreferrer nofollow"
                          target="_blank"
                          className="break-all text-brand-700 underline"
                        >
                          {l}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {v.review ? (
                  <div
                    className={`mt-3 rounded-xl p-3 ${v.review.decision === "PASS" ? "bg-emerald-50" : "bg-amber-50"}`}
                  >
                    <p className="text-sm font-medium">
                      {v.review.decision === "PASS" ? "Passed" : "Needs revision"}
                      {v.review.points !== null
                        ? ` · ${v.review.points}/${v.review.maxPoints} points`
                        : ""} · {v.review.reviewer ?? "Reviewer"}, {formatDateTime(v.review.reviewedAt)}
                    </p>
                    {v.review.feedbackHtml ? (
                      <div
                        className="lesson-content mt-1 text-sm"
                        dangerouslySetInnerHTML={{ __html: v.review.feedbackHtml }}
                      />
                    ) : null}
                    {view.rubric && v.review.rubricScores ? (
                      <RubricTable
                        rubric={view.rubric}
                        scores={v.review.rubricScores}
                        caption={`Rubric scores for version ${v.number}`}
                      />
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
