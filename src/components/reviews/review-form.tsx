"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import type { ReviewActions } from "./course-reviews";

const COMMENT_MAX = 2000;
const STARS = [1, 2, 3, 4, 5] as const;
const starLabel = (n: number) => `${n} ${n === 1 ? "star" : "stars"}`;

/** Write or edit one's review: 1–5 stars as a native radio group (arrow keys work), an optional comment. */
export function ReviewForm({
  slug,
  initial,
  canWrite,
  actions,
}: {
  slug: string;
  initial: { rating: number; comment: string | null } | null;
  canWrite: boolean;
  actions: Pick<ReviewActions, "save" | "delete">;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(actions.save, null);
  const [rating, setRating] = useState(initial?.rating ?? 0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState(initial?.comment ?? "");
  const [confirming, setConfirming] = useState(false);
  const [delState, delAction, deleting] = useActionState<ActionResult | null, FormData>(
    async (prev, form) => {
      const result = await actions.delete(prev, form);
      if (result.ok) {
        setRating(0);
        setComment("");
        setConfirming(false);
      }
      return result;
    },
    null,
  );
  const keepRef = useRef<HTMLButtonElement>(null);
  // Asked to confirm: the focus goes to the safe answer, so Enter never deletes by surprise.
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);
  const shown = hover || rating;
  const left = COMMENT_MAX - comment.length;
  const fieldError = state && !state.ok ? state.fields : undefined;

  return (
    <div className="space-y-4">
      {canWrite ? (
        <form
          action={action}
          className="space-y-4"
          aria-label={initial ? "Edit your review" : "Write a review"}
        >
          <input type="hidden" name="slug" value={slug} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Your rating (required)</legend>
            <div className="mt-1 flex gap-1" onMouseLeave={() => setHover(0)}>
              {STARS.map((n) => (
                <label key={n} className="relative cursor-pointer" onMouseEnter={() => setHover(n)}>
                  <input
                    type="radio"
                    name="rating"
                    value={n}
                    checked={rating === n}
                    onChange={() => setRating(n)}
                    required
                    className="peer absolute inset-0 h-full w-full cursor-pointer opacity-0"
                    aria-describedby={fieldError?.rating ? "rating-error" : undefined}
                  />
                  <span className="sr-only">{starLabel(n)}</span>
                  <span
                    aria-hidden="true"
                    className={`block rounded px-0.5 text-3xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 ${
                      n <= shown ? "text-amber-500" : "text-slate-500"
                    }`}
                  >
                    ★
                  </span>
                </label>
              ))}
              <span className="ml-2 self-center text-sm text-slate-600" aria-hidden="true">
                {shown ? starLabel(shown) : "Choose 1 to 5 stars"}
              </span>
            </div>
            {fieldError?.rating ? (
              <p id="rating-error" className="mt-1 text-sm text-red-700">
                Rating: {fieldError.rating}
              </p>
            ) : null}
          </fieldset>
          <div>
            <label htmlFor="review-comment" className="text-sm font-medium text-slate-800">
              Your comment (optional)
            </label>
            <textarea
              id="review-comment"
              name="comment"
              rows={5}
              maxLength={COMMENT_MAX}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              aria-describedby="review-comment-count"
              className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900"
              placeholder="What did you learn? What could be better?"
            />
            <p
              id="review-comment-count"
              className={`mt-1 text-right text-xs tabular-nums ${left < 100 ? "text-amber-700" : "text-slate-500"}`}
            >
              {comment.length.toLocaleString("en-US")} / {COMMENT_MAX.toLocaleString("en-US")} characters
            </p>
            <p className="sr-only" aria-live="polite">
              {left <= 100 ? `${left} characters left` : ""}
            </p>
            {fieldError?.comment ? (
              <p className="text-sm text-red-700">Comment: {fieldError.comment}</p>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button disabled={pending}>
              {pending ? "Saving…" : initial ? "Save changes" : "Publish review"}
            </Button>
            <ActionStatus state={state} />
          </div>
        </form>
      ) : null}
      {initial ? (
        confirming ? (
          <form
            action={delAction}
            className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-3"
            aria-labelledby="review-delete-question"
          >
            <input type="hidden" name="slug" value={slug} />
            <p id="review-delete-question" className="text-sm text-red-900">
              Delete your review? Its stars leave the course’s rating and its comment goes for good.
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <Button variant="danger-solid" size="sm" disabled={deleting}>
                {deleting ? "Deleting…" : "Yes, delete my review"}
              </Button>
              <Button
                ref={keepRef}
                type="button"
                variant="secondary"
                size="sm"
                disabled={deleting}
                onClick={() => setConfirming(false)}
              >
                Keep it
              </Button>
              <ActionStatus state={delState} />
            </div>
          </form>
        ) : (
          <Button variant="danger" size="sm" type="button" onClick={() => setConfirming(true)}>
            Delete my review
          </Button>
        )
      ) : delState?.ok ? (
        <ActionStatus state={delState} />
      ) : null}
    </div>
  );
}
