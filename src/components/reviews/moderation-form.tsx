"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

/**
 * Decide on a reported review: hide it (the author is e-mailed the reason), remove it (the audit log keeps the
 * reason), dismiss the reports (the review breaks no rule), or restore a hidden review.
 */
export function ModerationForm({
  action: moderate,
  reviewId,
  courseSlug,
  hidden,
  open,
  view,
}: {
  action: FormAction;
  reviewId: string;
  courseSlug: string;
  /** The review is hidden: it can be restored (or removed), not hidden again. */
  hidden: boolean;
  /** Its reports wait for a decision: they can be dismissed. */
  open: boolean;
  /** The list the form is in, to come back to. */
  view: "open" | "handled";
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(moderate, null);
  const id = `moderation-reason-${reviewId}`;
  return (
    <form action={action} className="space-y-2" aria-label="Moderate this review">
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="courseSlug" value={courseSlug} />
      <input type="hidden" name="view" value={view} />
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {hidden
          ? "Reason for removing (kept in the audit log)"
          : "Reason (the author is e-mailed it when you hide the review)"}
      </label>
      <input
        id={id}
        name="reason"
        defaultValue={keptValue(state, "reason", "")}
        required
        maxLength={500}
        className="block w-full min-w-48 rounded-lg border border-slate-300 px-2 py-1 text-sm"
      />
      <div className="flex flex-wrap items-center gap-2">
        {hidden ? (
          <Button
            name="intent"
            value="restore"
            formNoValidate
            disabled={pending}
            variant="secondary"
            size="xs"
          >
            Restore
          </Button>
        ) : (
          <Button name="intent" value="hide" disabled={pending} variant="dark" size="xs">
            Hide
          </Button>
        )}
        <Button name="intent" value="remove" disabled={pending} variant="danger" size="xs">
          Remove
        </Button>
        {open && !hidden ? (
          <Button
            name="intent"
            value="dismiss"
            formNoValidate
            disabled={pending}
            variant="secondary"
            size="xs"
          >
            Dismiss report
          </Button>
        ) : null}
      </div>
      <ActionStatus state={state} size="xs" />
    </form>
  );
}
