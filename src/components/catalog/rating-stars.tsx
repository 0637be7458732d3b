/** Five stars filled to `value` (0–5). Decorative: say the rating in text beside it. */
export function RatingStars({ value, size = "text-base" }: { value: number; size?: string }) {
  const percent = Math.max(0, Math.min(100, (value / 5) * 100));
  return (
    <span aria-hidden="true" className={`relative inline-block leading-none tracking-tight ${size}`}>
      <span className="text-slate-500">★★★★★</span>
      <span
        className="absolute inset-y-0 left-0 overflow-hidden text-amber-500"
        style={{ width: `${percent}%` }}
      >
        ★★★★★
      </span>
    </span>
  );
}

export const formatRating = (average: number) => average.toFixed(1);

/** "4.7 out of 5 from 12 ratings", for screen readers and titles. */
export function ratingSentence(average: number, count: number): string {
  return `Rated ${formatRating(average)} out of 5 from ${count} ${count === 1 ? "rating" : "ratings"}`;
}
