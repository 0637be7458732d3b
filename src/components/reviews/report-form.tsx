"use client";

import { useActionState } from "react";
import { keptValue, type ActionResult, type FormAction } from "@/lib/action-result";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";

/** "Report" behind a disclosure: a reason (1–1000 characters) for the moderators. */
export function ReportForm({
  action: report,
  reviewId,
  authorName,
}: {
  action: FormAction;
  reviewId: string;
  authorName: string;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(report, null);
  if (state?.ok) return <ActionStatus state={state} size="xs" className="mt-2" />;
  return (
    <details className="mt-2 text-sm">
      <summary className="inline-flex min-h-6 min-w-6 cursor-pointer items-center rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-800">
        Report<span className="sr-only"> {authorName}’s review</span>
      </summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="reviewId" value={reviewId} />
        <label htmlFor={`report-${reviewId}`} className="block text-xs font-medium text-slate-700">
          Why should the moderators look at {authorName}’s review?
        </label>
        <textarea
          id={`report-${reviewId}`}
          name="reason"
          defaultValue={keptValue(state, "reason", "")}
          required
          maxLength={1000}
          rows={2}
          className="block w-full rounded-lg border border-slate-300 px-2 py-1 text-sm"
        />
        <div className="flex items-center gap-3">
          <Button variant="secondary" size="xs" disabled={pending}>
            {pending ? "Sending…" : "Send report"}
          </Button>
          <ActionStatus state={state} size="xs" />
        </div>
      </form>
    </details>
  );
}
