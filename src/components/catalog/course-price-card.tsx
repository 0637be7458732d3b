import { GeneratedCover } from "./generated-cover";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { displayableImageSrc } from "@/lib/markdown";
import { formatPrice } from "@/lib/money";
import { getEnv } from "@/server/env";

/** The course page's price card: cover, price, what it includes, and the call to action (children). */
export function CoursePriceCard({
  course,
  currency,
  children,
  owned = false,
  finalPrice,
}: {
  course: { title: string; price: number; imageUrl: string | null; featured: boolean };
  currency: string;
  children: ReactNode;
  /** The visitor is enrolled: the card leads with that, not with the price. */
  owned?: boolean;
  /** The price after an accepted coupon: shown with the list price struck through. */
  finalPrice?: number;
}) {
  // Platform covers and https images from IMAGE_HOSTS (what the CSP allows); anything else: the gradient tile.
  const image = displayableImageSrc(course.imageUrl, getEnv().imageHosts);
  return (
    <aside
      aria-label="Price"
      className="self-start overflow-hidden rounded-2xl bg-white text-slate-900 shadow-lg"
    >
      <div className="aspect-[16/9] bg-gradient-to-br from-brand-600 to-violet-700">
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element -- local SVG cover or an allow-listed host
          <img src={image} alt="" className="h-full w-full object-cover" referrerPolicy="no-referrer" />
        ) : (
          <GeneratedCover title={course.title} />
        )}
      </div>
      <div className="p-5">
        {owned ? (
          <>
            <p className="text-2xl font-bold">
              {course.price === 0 ? "You are enrolled" : "You own this course"}
            </p>
            <p className="mt-1 text-sm text-slate-600">
              Every lesson, your progress and a verifiable certificate when you finish.
            </p>
          </>
        ) : (
          <>
            {finalPrice !== undefined && finalPrice !== course.price ? (
              <p className="text-3xl font-bold">
                {formatPrice(finalPrice, currency)}{" "}
                <s className="text-lg font-normal text-slate-500">
                  <span className="sr-only">instead of </span>
                  {formatPrice(course.price, currency)}
                </s>
              </p>
            ) : (
              <p className="text-3xl font-bold">{formatPrice(course.price, currency)}</p>
            )}
            <p className="mt-1 text-sm text-slate-600">
              {course.price === 0
                ? "Free for everyone: every lesson, progress tracking and a certificate."
                : "One payment: lifetime access to every lesson and a verifiable certificate."}
            </p>
          </>
        )}
        {children}
        {course.featured ? (
          <p className="mt-3">
            <Badge tone="warning">Featured course</Badge>
          </p>
        ) : null}
      </div>
    </aside>
  );
}
