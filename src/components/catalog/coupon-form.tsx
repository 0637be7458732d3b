import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { formatPrice } from "@/lib/money";
import type { PriceQuote } from "@/server/payments/coupons";

/**
 * The course page's coupon field: a plain GET form back to the page (works without JavaScript), which then
 * shows the discounted price or why the code cannot be used. The buy button carries an accepted code.
 */
export function CouponForm({ slug, quote }: { slug: string; quote: PriceQuote }) {
  const coupon = quote.coupon;
  const refused = Boolean(coupon && !coupon.valid);
  return (
    <form method="get" action={`/courses/${slug}`} className="mt-4" aria-label="Coupon">
      <div className="flex items-end gap-2">
        <Field id="coupon" label="Coupon code" className="min-w-0 flex-1">
          <Input
            name="coupon"
            defaultValue={coupon?.code ?? ""}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
            placeholder="SPRING-25"
            aria-invalid={refused ? true : undefined}
            aria-describedby={refused ? "coupon-error" : undefined}
          />
        </Field>
        <Button variant="secondary" type="submit">
          Apply
        </Button>
      </div>
      {refused ? (
        <p id="coupon-error" className="mt-1 text-sm text-red-700">
          {coupon?.message}
        </p>
      ) : null}
      {coupon?.valid ? (
        <p role="status" className="mt-2 rounded-lg bg-emerald-50 p-2 text-sm text-emerald-900">
          <strong>Coupon {coupon.code} applied:</strong> {formatPrice(quote.discount, quote.currency)} off
          {quote.finalPrice === 0 ? " — the course is free with it." : "."}
        </p>
      ) : null}
    </form>
  );
}
