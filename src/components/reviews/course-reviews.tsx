import Link from "next/link";
import type { FormAction } from "@/lib/action-result";
import { formatDate } from "@/lib/dates";
import { asSentence } from "@/lib/sentence";
import { INELIGIBLE_MESSAGES } from "@/server/reviews/eligibility";
import type { CourseReviewsView } from "@/server/reviews/queries";
import { ReviewForm } from "./review-form";
import { ReviewItem } from "./review-list";

export interface ReviewActions {
  save: FormAction;
  delete: FormAction;
  report: FormAction;
}

/**
 * The course page's reviews: the visitor's own review (write, edit, delete; or why they cannot yet), then
 * everyone's, newest first, one page at a time (?reviews=<cursor>).
 */
export function CourseReviews({
  course,
  cursor,
  view,
  signedIn,
  actions,
}: {
  course: { id: string; slug: string };
  cursor?: string;
  view: CourseReviewsView;
  signedIn: boolean;
  actions: ReviewActions;
}) {
  const { mine, eligibility } = view;
  const signInHref = `/signin?callbackUrl=${encodeURIComponent(`/courses/${course.slug}`)}`;

  return (
    <div className="mt-4 space-y-6">
      <section aria-labelledby="your-review" className="rounded-2xl border border-slate-200 bg-slate-50 p-5">
        <h3 id="your-review" className="text-lg font-semibold">
          {mine ? "Your review" : "Review this course"}
        </h3>
        {!signedIn ? (
          <p className="mt-2 text-slate-700">
            <Link href={signInHref} className="font-medium text-brand-700 underline">
              Sign in
            </Link>{" "}
            to review this course once you have completed a lesson.
          </p>
        ) : (
          <div className="mt-3 space-y-3">
            {mine?.hiddenAt ? (
              <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                <strong>Hidden by a moderator</strong> on {formatDate(mine.hiddenAt)}:{" "}
                {asSentence(mine.hiddenReason ?? "no reason given")} Only you can see this review; it does not
                count in the course’s rating. Editing it keeps it hidden until a moderator restores it.
              </p>
            ) : null}
            {!eligibility.eligible ? (
              <p role="status" className="text-slate-700">
                {INELIGIBLE_MESSAGES[eligibility.reason]}
                {eligibility.reason === "email-unconfirmed" ? (
                  <>
                    {" "}
                    <Link href="/account" className="font-medium text-brand-700 underline">
                      Confirm it from your account page
                    </Link>
                    .
                  </>
                ) : null}
                {mine ? " You can still delete the review you wrote." : ""}
              </p>
            ) : null}
            {mine && !eligibility.eligible ? (
              <blockquote className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
                <p>
                  {mine.rating} out of 5{mine.comment ? ":" : ""}
                </p>
                {mine.comment ? <p className="mt-1 whitespace-pre-line break-words">{mine.comment}</p> : null}
              </blockquote>
            ) : null}
            {eligibility.eligible || mine ? (
              <ReviewForm
                slug={course.slug}
                initial={mine ? { rating: mine.rating, comment: mine.comment } : null}
                canWrite={eligibility.eligible}
                actions={actions}
              />
            ) : null}
          </div>
        )}
      </section>

      {view.cursorIgnored ? (
        <p role="status" className="text-sm text-slate-600">
          That page of reviews is no longer available; here are the newest.
        </p>
      ) : null}
      {view.items.length === 0 ? (
        <p className="text-slate-600">{cursor ? "No more reviews." : "No written reviews yet."}</p>
      ) : (
        <ol className="space-y-4" aria-label="Reviews, newest first">
          {view.items.map((r) => (
            <ReviewItem
              key={r.id}
              review={r}
              report={signedIn && r.id !== mine?.id ? actions.report : undefined}
            />
          ))}
        </ol>
      )}
      <div className="flex gap-4 text-sm font-medium">
        {view.nextCursor ? (
          <Link
            href={`/courses/${course.slug}?reviews=${encodeURIComponent(view.nextCursor)}#reviews`}
            className="text-brand-700 underline"
          >
            More reviews
          </Link>
        ) : null}
        {cursor ? (
          <Link href={`/courses/${course.slug}#reviews`} className="text-brand-700 underline">
            Newest reviews
          </Link>
        ) : null}
      </div>
    </div>
  );
}
