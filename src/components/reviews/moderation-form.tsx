"use client";

import { useActionState } from "react";
import { moderateReviewAction } from "@/app/admin/reviews/actions";
import type { ActionResult } from "@/server/http/action";

/** Hide or remove a reported review, with a reason the author sees (hide) or the audit log keeps (remove). */
export function ModerationForm({ reviewId, courseSlug }: { reviewId: string; courseSlug: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(moderateReviewAction, null);
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
        <button
          name="intent"
          value="hide"
          disabled={pending}
          className="rounded-lg bg-slate-800 px-3 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          Hide
        </button>
        <button
          name="intent"
          value="remove"
          disabled={pending}
          className="rounded-lg border border-red-300 px-3 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
        >
          Remove
        </button>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`text-xs ${state?.ok ? "text-emerald-700" : "text-red-700"}`}
      >
        {state ? (state.ok ? state.message : state.error) : null}
      </p>
    </form>
  );
}
