import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Container } from "@/components/ui/container";
import { formatPrice } from "@/lib/money";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { syncCheckout } from "@/server/payments/checkout";
import { getPaymentProvider } from "@/server/payments/providers";
import { orNotFound } from "@/server/http/pages";
import { findMyEnrollments } from "@/server/learning/dashboard";

export const metadata: Metadata = { title: "Your purchase", robots: { index: false } };

export default async function CheckoutReturnPage({
  searchParams,
}: {
  searchParams: Promise<{ payment?: string }>;
}) {
  const { payment = "" } = await searchParams;
  const actor = await requireUser(`/checkout/return?payment=${encodeURIComponent(payment)}`);
  const db = await getDb();
  const status = await orNotFound(syncCheckout(db, actor, payment.slice(0, 64), getPaymentProvider()));
  // "Start learning" opens the course where the learner stands (its first lesson, for a new purchase).
  const resume =
    status.status === "COMPLETED" && status.courseSlug
      ? (await findMyEnrollments(db, actor)).find((e) => e.courseSlug === status.courseSlug)?.resumeLessonId
      : undefined;
  const messages = {
    COMPLETED: {
      title: "Payment received — the course is yours",
      body: "A receipt is on its way to your inbox.",
    },
    PENDING: {
      title: "Your payment is being confirmed",
      body: "This can take a moment. Reload this page, or find the course on your dashboard once it is confirmed.",
    },
    FAILED: {
      title: "The payment did not go through",
      body: "Nothing was charged. You can try again from the course page.",
    },
    REFUNDED: { title: "This payment was refunded", body: "Access to the course ended with the refund." },
  } as const;
  const free = status.status === "COMPLETED" && status.amount === 0 && status.couponCode;
  const m = free
    ? {
        title: "Enrolled — the course is yours",
        body: `Coupon ${status.couponCode} covered the whole price: nothing was charged.`,
      }
    : messages[status.status];
  return (
    <Container className="py-16">
      <div
        role="status"
        className="mx-auto max-w-lg rounded-2xl border border-slate-200 bg-white p-8 text-center"
      >
        <h1 className="text-2xl font-bold">{m.title}</h1>
        <p className="mt-3 text-slate-600">
          {status.courseTitle} · {formatPrice(status.amount, status.currency)}
        </p>
        {status.couponCode && status.discount > 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            Coupon {status.couponCode}: {formatPrice(status.discount, status.currency)} off the price of{" "}
            {formatPrice(status.amount + status.discount, status.currency)}.
          </p>
        ) : null}
        <p className="mt-2 text-slate-600">{m.body}</p>
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          {status.status === "COMPLETED" ? (
            <Link
              href={resume && status.courseSlug ? `/learn/${status.courseSlug}/${resume}` : "/dashboard"}
              className={buttonClass()}
            >
              Start learning
            </Link>
          ) : status.courseSlug ? (
            <Link href={`/courses/${status.courseSlug}`} className={buttonClass()}>
              Back to the course
            </Link>
          ) : null}
        </div>
      </div>
    </Container>
  );
}
