import { Badge } from "@/components/ui/badge";
import { RatingStars } from "@/components/catalog/rating-stars";
import type { FormAction } from "@/lib/action-result";
import { formatDate } from "@/lib/dates";
import type { PublicReview } from "@/server/reviews/queries";
import { ReportForm } from "./report-form";

/** One review. The comment is React text: markup in it shows as typed, never as HTML or Markdown. */
/** `report` is given when the reader may report this review. */
export function ReviewItem({ review, report }: { review: PublicReview; report?: FormAction }) {
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
          {formatDate(review.createdAt)}
          {edited ? " · edited" : ""}
        </span>
      </p>
      {review.comment ? (
        <p className="mt-2 whitespace-pre-line break-words text-slate-800" data-testid="review-comment">
          {review.comment}
        </p>
      ) : null}
      {report ? <ReportForm action={report} reviewId={review.id} authorName={review.authorName} /> : null}
    </li>
  );
}
