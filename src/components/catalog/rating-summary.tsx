import type { TRatingSummary } from "@/server/catalog/schemas";
import { RatingStars, formatRating } from "./rating-stars";

/** Average, count and a 5-to-1 histogram. Bars are decorative; each row says its figures in text. */
export function RatingSummary({ rating }: { rating: TRatingSummary }) {
  if (rating.count === 0 || rating.average === null) {
    return (
      <p className="mt-4 text-slate-600">No ratings yet: students rate a course once they have started it.</p>
    );
  }
  return (
    <div className="mt-4 grid gap-6 rounded-2xl border border-slate-200 bg-white p-5 sm:grid-cols-[auto_1fr] sm:items-center">
      <div className="text-center sm:pr-6">
        <p className="text-5xl font-bold text-slate-900">{formatRating(rating.average)}</p>
        <p className="mt-1">
          <RatingStars value={rating.average} size="text-xl" />
        </p>
        <p className="mt-1 text-sm text-slate-600">
          <span className="sr-only">Average {formatRating(rating.average)} out of 5, </span>
          {rating.count} {rating.count === 1 ? "rating" : "ratings"}
        </p>
      </div>
      <ul className="space-y-2" aria-label="Ratings by stars">
        {rating.histogram.map((h) => {
          const percent = Math.round((h.count / rating.count) * 100);
          return (
            <li key={h.rating} className="grid grid-cols-[4.5rem_1fr_3rem] items-center gap-3 text-sm">
              <span className="text-slate-700">
                {h.rating} {h.rating === 1 ? "star" : "stars"}
              </span>
              <span aria-hidden="true" className="h-2.5 overflow-hidden rounded-full bg-slate-100">
                <span className="block h-full rounded-full bg-amber-400" style={{ width: `${percent}%` }} />
              </span>
              <span className="text-right tabular-nums text-slate-600">
                {h.count}
                <span className="sr-only">
                  {" "}
                  {h.count === 1 ? "rating" : "ratings"} ({percent}%)
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
