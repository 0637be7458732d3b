import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import type { FormAction } from "@/lib/action-result";
import { formatPrice } from "@/lib/money";
import { formatLongDate } from "@/lib/dates";
import type { CourseCta } from "@/server/learning/course-cta";
import { CouponForm } from "@/components/catalog/coupon-form";
import type { PriceQuote } from "@/server/payments/coupons";
import { CourseActionButton } from "./course-action-button";

/** The course page's call to action: sign in, enroll, buy, continue, or see the certificate. */
export function CourseCallToAction({
  course,
  cta,
  currency,
  canBuy,
  actions,
  quote,
  missing = [],
}: {
  course: { slug: string; price: number };
  cta: CourseCta;
  currency: string;
  /** A payment provider is configured. */
  canBuy: boolean;
  actions: { enroll: FormAction; buy: FormAction };
  /** The price with the coupon the buyer entered, if any (a paid course's buy button). */
  quote?: PriceQuote;
  /** Required courses the signed-in student has not completed: no enroll or buy button until they have. */
  missing?: { id: string; slug: string; title: string }[];
}) {
  if (missing.length > 0 && (cta.kind === "buy" || cta.kind === "enroll-free")) {
    return (
      <div role="status" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
        <p>
          <strong>Complete {missing.length === 1 ? "this course" : "these courses"} first:</strong>
        </p>
        <ul className="mt-1 list-disc pl-5">
          {missing.map((m) => (
            <li key={m.id}>
              <Link href={`/courses/${m.slug}`} className="underline">
                {m.title}
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-1">Then you can {cta.kind === "buy" ? "buy" : "enroll in"} this one.</p>
      </div>
    );
  }
  const primary = { size: "lg", block: true, className: "mt-4" } as const;
  switch (cta.kind) {
    case "sign-in":
      return (
        <ButtonLink
          {...primary}
          href={`/signin?callbackUrl=${encodeURIComponent(`/courses/${course.slug}`)}`}
        >
          {course.price === 0 ? "Sign in to enroll for free" : "Sign in to get this course"}
        </ButtonLink>
      );
    case "enroll-free":
      return (
        <CourseActionButton
          action={actions.enroll}
          slug={course.slug}
          label="Enroll for free"
          pendingLabel="Enrolling…"
        />
      );
    case "buy": {
      const accepted = quote?.coupon?.valid ? quote : null;
      return (
        <>
          {quote ? <CouponForm slug={course.slug} quote={quote} /> : null}
          {!canBuy && accepted?.finalPrice !== 0 ? (
            <p className="mt-4 text-sm text-slate-600">Purchases are not available on this instance.</p>
          ) : (
            <CourseActionButton
              action={actions.buy}
              slug={course.slug}
              fields={accepted ? { couponCode: accepted.coupon!.code } : {}}
              label={
                accepted?.finalPrice === 0
                  ? "Enroll with the coupon"
                  : `Buy for ${formatPrice(accepted ? accepted.finalPrice : course.price, currency)}`
              }
              pendingLabel={accepted?.finalPrice === 0 ? "Enrolling…" : "Opening the checkout…"}
            />
          )}
        </>
      );
    }
    case "teach":
      return (
        <>
          <p role="status" className="mt-4 rounded-lg bg-brand-50 p-3 text-sm text-brand-900">
            <strong>You teach this course.</strong> Learners see the button to{" "}
            {course.price === 0 ? "enroll" : "buy it"} here.
          </p>
          <ButtonLink {...primary} href={`/instructor/courses/${cta.courseId}`}>
            Edit the course
          </ButtonLink>
          {cta.previewLessonId ? (
            <ButtonLink
              variant="secondary"
              size="lg"
              block
              className="mt-2"
              href={`/learn/${course.slug}/${cta.previewLessonId}`}
            >
              Preview as a learner
            </ButtonLink>
          ) : null}
        </>
      );
    case "closed":
      return (
        <p role="status" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {cta.status === "SUSPENDED"
            ? "Your enrollment is suspended. Please contact support."
            : "This course was refunded."}
        </p>
      );
    case "continue":
      return cta.lessonId ? (
        <ButtonLink {...primary} href={`/learn/${course.slug}/${cta.lessonId}`}>
          {cta.progress === 0 ? "Start learning" : `Continue where you left off (${cta.progress}%)`}
        </ButtonLink>
      ) : null;
    case "completed":
      return (
        <>
          <p role="status" className="mt-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
            <strong>Completed{cta.completedAt ? ` on ${formatLongDate(cta.completedAt)}` : ""}.</strong>
            {cta.certificateNumber
              ? null
              : " Your certificate is waiting: open the material below to get it."}
          </p>
          {cta.certificateNumber ? (
            <ButtonLink {...primary} href={`/certificates/${cta.certificateNumber}`}>
              View your certificate
            </ButtonLink>
          ) : null}
          {cta.lessonId ? (
            <ButtonLink
              variant="secondary"
              size="lg"
              block
              className="mt-2"
              href={`/learn/${course.slug}/${cta.lessonId}`}
            >
              Review the material
            </ButtonLink>
          ) : null}
          {cta.reviewed ? null : (
            <ButtonLink variant="link" block className="mt-3 text-center" href="#reviews">
              Write a review
            </ButtonLink>
          )}
        </>
      );
  }
}
