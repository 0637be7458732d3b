"use client";

import { useActionState, useState } from "react";
import { publishAction } from "@/app/instructor/actions";
import type { ActionResult } from "@/server/http/action";
import { ActionStatus } from "./action-status";
import { primaryButton, secondaryButton } from "./styles";

/** Publish (when nothing is missing) or unpublish (confirming when students are enrolled). */
export function PublishPanel({
  courseId,
  published,
  canPublish,
  enrolledStudents,
}: {
  courseId: string;
  published: boolean;
  canPublish: boolean;
  enrolledStudents: number;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(publishAction, null);
  const [confirming, setConfirming] = useState(false);
  if (!published) {
    return (
      <form action={action} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="courseId" value={courseId} />
        <button name="intent" value="publish" disabled={pending || !canPublish} className={primaryButton}>
          {pending ? "Publishing…" : "Publish course"}
        </button>
        <ActionStatus state={state} />
      </form>
    );
  }
  const needsConfirmation = enrolledStudents > 0 && !confirming;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="confirmEnrolled" value={confirming ? enrolledStudents : 0} />
      {confirming ? (
        <p className="rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {enrolledStudents} {enrolledStudents === 1 ? "student is" : "students are"} enrolled. They keep
          access to the lessons; the course leaves the catalog (and the featured list) and nobody new can
          enroll.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {needsConfirmation ? (
          <button type="button" className={secondaryButton} onClick={() => setConfirming(true)}>
            Unpublish…
          </button>
        ) : (
          <button name="intent" value="unpublish" disabled={pending} className={secondaryButton}>
            {pending ? "Unpublishing…" : confirming ? "Unpublish anyway" : "Unpublish"}
          </button>
        )}
        {confirming ? (
          <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
            Keep it published
          </button>
        ) : null}
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
