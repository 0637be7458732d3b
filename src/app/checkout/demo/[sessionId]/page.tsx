import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Container } from "@/components/ui/container";
import { formatPrice } from "@/lib/money";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getDemoCheckout } from "@/server/payments/demo-checkout";
import { demoCheckoutAction } from "../../actions";
import { orNotFound } from "@/server/http/pages";

export const metadata: Metadata = { title: "Demo checkout", robots: { index: false } };

type Props = {
  params: Promise<{ sessionId: string }>;
  searchParams: Promise<{ declined?: string; error?: string }>;
};

export default async function DemoCheckoutPage({ params, searchParams }: Props) {
  const { sessionId } = await params;
  const { declined, error } = await searchParams;
  const actor = await requireUser(`/checkout/demo/${sessionId}`);
  const checkout = await orNotFound(getDemoCheckout(await getDb(), actor, sessionId.slice(0, 100)));
  const open = checkout.status === "PENDING";
  const button = "rounded-lg px-4 py-2.5 font-medium";
  return (
    <Container className="py-12">
      <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-xs font-semibold uppercase tracking-widest text-amber-700">
          Demo payment provider
        </p>
        <h1 className="mt-2 text-2xl font-bold">Checkout</h1>
        <dl className="mt-4 space-y-1 text-slate-700">
          <div className="flex justify-between gap-4">
            <dt>Course</dt>
            <dd className="text-right font-medium">{checkout.courseTitle}</dd>
          </div>
          {checkout.couponCode ? (
            <div className="flex justify-between gap-4">
              <dt>Coupon {checkout.couponCode}</dt>
              <dd>−{formatPrice(checkout.discount, checkout.currency)}</dd>
            </div>
          ) : null}
          <div className="flex justify-between gap-4">
            <dt>Total</dt>
            <dd className="font-semibold">{formatPrice(checkout.amount, checkout.currency)}</dd>
          </div>
        </dl>
        <p className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          No card and no money are involved: this page stands in for a real provider and sends the platform
          the same notifications Stripe would.
        </p>
        {declined ? (
          <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">
            Your card was declined. Nothing was charged; you can try again.
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">
            Something went wrong. Nothing was charged; please try again.
          </p>
        ) : null}
        {open ? (
          <form action={demoCheckoutAction} className="mt-6 grid gap-2">
            <input type="hidden" name="sessionId" value={checkout.sessionId} />
            <Button name="choice" value="pay" size="lg">
              Pay {formatPrice(checkout.amount, checkout.currency)}
            </Button>
            <Button name="choice" value="decline" size="lg" variant="secondary">
              Simulate a declined card
            </Button>
            <button
              name="choice"
              value="cancel"
              className={`${button} text-slate-600 underline hover:text-slate-900`}
            >
              Cancel and go back
            </button>
          </form>
        ) : (
          <p role="status" className="mt-6 text-slate-700">
            This checkout is closed ({checkout.status.toLowerCase()}).
          </p>
        )}
      </div>
    </Container>
  );
}
