import { formatDateTime } from "@/lib/dates";
import { FileLink, type FileItem } from "./file-link";
import { RubricTable, type RubricView } from "./rubric-table";

export interface AssignmentVersionView {
  id: string;
  number: number;
  submittedAt: Date;
  late: boolean;
  /** Sanitized HTML of the Markdown answer (rendered on the server); null when there is none. */
  textHtml: string | null;
  links: string[];
  files: FileItem[];
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

/** One handed-in version with its review, as its student and the course's staff both see it. */
export function AssignmentVersion({
  version: v,
  rubric,
  current = false,
  note,
}: {
  version: AssignmentVersionView;
  rubric: RubricView | null;
  /** The version a reviewer is deciding on (highlighted). */
  current?: boolean;
  note?: string;
}) {
  return (
    <article
      className={`rounded-2xl border bg-white p-4 ${current ? "border-brand-300" : "border-slate-200"}`}
    >
      <h3 className="text-sm font-medium text-slate-700">
        Version {v.number} · {formatDateTime(v.submittedAt)}
        {v.late ? (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">late</span>
        ) : null}
        {note ? ` · ${note}` : ""}
      </h3>
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
      {v.files.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm" aria-label={`Files of version ${v.number}`}>
          {v.files.map((f) => (
            <li key={f.id} className="flex">
              <FileLink file={f} />
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
            {v.review.points !== null ? ` · ${v.review.points}/${v.review.maxPoints} points` : ""} ·{" "}
            {v.review.reviewer ?? "Reviewer"}, {formatDateTime(v.review.reviewedAt)}
          </p>
          {v.review.feedbackHtml ? (
            <div
              className="lesson-content mt-1 text-sm"
              dangerouslySetInnerHTML={{ __html: v.review.feedbackHtml }}
            />
          ) : null}
          {rubric && v.review.rubricScores ? (
            <RubricTable
              rubric={rubric}
              scores={v.review.rubricScores}
              caption={`Rubric scores for version ${v.number}`}
            />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
