import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/dates";
import { AssignmentVersion, type AssignmentVersionView } from "./assignment-version";

export type { AssignmentVersionView };
import { AssignmentDraftForm } from "./assignment-draft-form";
import { RubricTable, type RubricView } from "./rubric-table";
import type { FileItem } from "./file-link";
import type { FileTypeKey } from "@/lib/file-types";

export interface AssignmentView {
  state: "DRAFT" | "SUBMITTED" | "IN_REVIEW" | "NEEDS_REVISION" | "PASSED";
  settings: {
    textAllowed: boolean;
    linksAllowed: boolean;
    filesAllowed: boolean;
    allowedTypes: FileTypeKey[];
    maxFileBytes: number;
    maxFiles: number;
    dueAt: Date | null;
  };
  rubric: RubricView | null;
  draft: { text: string; links: string[]; files: FileItem[] };
  versions: AssignmentVersionView[];
}

const STATE_TEXT: Record<AssignmentView["state"], string> = {
  DRAFT: "Not handed in yet",
  SUBMITTED: "Handed in — waiting for review",
  IN_REVIEW: "Being reviewed",
  NEEDS_REVISION: "Sent back for revision",
  PASSED: "Passed",
};

/** "a written answer, links or files" — what this assignment takes. */
function whatToHandIn(s: AssignmentView["settings"]): string {
  const parts = [
    s.textAllowed ? "a written answer" : null,
    s.linksAllowed ? "links to your work" : null,
    s.filesAllowed ? "files" : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and/or ${parts.at(-1)}` : (parts[0] ?? "");
}

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
          Hand in {whatToHandIn(view.settings)}; an instructor reviews it
          {view.rubric ? " against the rubric below" : ""} and either passes it (the lesson is then complete)
          or sends it back with feedback.
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
                <strong>Course complete!</strong>{" "}
                <a href="#completion-heading" className="underline">
                  See your certificate
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
          files={
            view.settings.filesAllowed
              ? {
                  allowedTypes: view.settings.allowedTypes,
                  maxFileBytes: view.settings.maxFileBytes,
                  maxFiles: view.settings.maxFiles,
                }
              : null
          }
          initialText={view.draft.text}
          initialLinks={view.draft.links}
          initialFiles={view.draft.files}
          revision={view.state === "NEEDS_REVISION"}
          preview={preview}
        />
      ) : null}

      {view.versions.length > 0 ? (
        <div>
          <h3 className="text-lg font-semibold">Handed in</h3>
          <ol className="mt-3 space-y-4">
            {[...view.versions].reverse().map((v) => (
              <li key={v.id}>
                <AssignmentVersion version={v} rubric={view.rubric} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
