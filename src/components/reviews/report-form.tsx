"use client";

import { useActionState } from "react";
import { reportReviewAction } from "@/app/courses/[slug]/review-actions";
import type { ActionResult } from "@/server/http/action";

/** "Report" behind a disclosure: a reason (1–1000 characters) for the moderators. */
export function ReportForm({ reviewId, authorName }: { reviewId: string; authorName: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(reportReviewAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="mt-2 text-xs text-emerald-700">
        {state.message}
      </p>
    );
  }
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-700">Report</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="reviewId" value={reviewId} />
        <label htmlFor={`report-${reviewId}`} className="block text-xs font-medium text-slate-700">
          Why should the moderators look at {authorName}’s review?
        </label>
        <textarea
          id={`report-${reviewId}`}
          name="reason"
          required
          maxLength={1000}
          rows={2}
          className="block w-full rounded-lg border border-slate-300 px-2 py-1 text-sm"
        />
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-lg border border-slate-300 px-3 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60"
          >
            {pending ? "Sending…" : "Send report"}
          </button>
          {state && !state.ok ? (
            <span role="alert" className="text-xs text-red-700">
              {state.error}
            </span>
          ) : null}
        </div>
      </form>
    </details>
  );
}
