"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

/** Hide or remove a reported review, with a reason the author sees (hide) or the audit log keeps (remove). */
export function ModerationForm({
  action: moderate,
  reviewId,
  courseSlug,
}: {
  action: FormAction;
  reviewId: string;
  courseSlug: string;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(moderate, null);
  const id = `moderation-reason-${reviewId}`;
  return (
    <form action={action} className="space-y-2" aria-label="Moderate this review">
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="courseSlug" value={courseSlug} />
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        Reason (the author sees it)
      </label>
      <input
        id={id}
        name="reason"
        required
        maxLength={500}
        className="block w-full min-w-48 rounded-lg border border-slate-300 px-2 py-1 text-sm"
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button name="intent" value="hide" disabled={pending} variant="dark" size="xs">
          Hide
        </Button>
        <Button name="intent" value="remove" disabled={pending} variant="danger" size="xs">
          Remove
        </Button>
      </div>
      <ActionStatus state={state} size="xs" />
    </form>
  );
}
