import { Badge } from "@/components/ui/badge";
import { RatingStars } from "@/components/catalog/rating-stars";
import type { PublicReview } from "@/server/reviews/queries";
import { ReportForm } from "./report-form";

export const formatReviewDate = (d: Date) =>
  d.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** One review. The comment is React text: markup in it shows as typed, never as HTML or Markdown. */
export function ReviewItem({ review, canReport }: { review: PublicReview; canReport: boolean }) {
  const edited = review.updatedAt.getTime() - review.createdAt.getTime() > 1000;
  return (
    <li
      className="rounded-2xl border border-slate-200 bg-white p-5"
      aria-label={`Review by ${review.authorName}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span
          aria-hidden="true"
          className="grid h-9 w-9 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700"
        >
          {review.authorName.slice(0, 1).toUpperCase()}
        </span>
        <span className="font-medium text-slate-900">{review.authorName}</span>
        {review.completedCourse ? <Badge tone="success">Completed the course</Badge> : null}
      </div>
      <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <RatingStars value={review.rating} />
        <span className="sr-only">Rated {review.rating} out of 5.</span>
        <span>
          {formatReviewDate(review.createdAt)}
          {edited ? " · edited" : ""}
        </span>
      </p>
      {review.comment ? (
        <p className="mt-2 whitespace-pre-line break-words text-slate-800" data-testid="review-comment">
          {review.comment}
        </p>
      ) : null}
      {canReport ? <ReportForm reviewId={review.id} authorName={review.authorName} /> : null}
    </li>
  );
}
