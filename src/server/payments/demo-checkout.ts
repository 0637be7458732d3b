import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { coupons, courses, payments } from "../db/schema";
import { getEnv } from "../env";
import { notFound } from "../errors";
import { assertSignedIn, type Actor } from "../accounts/actor";
import type { DemoProvider } from "./demo-provider";
import { handleNotification } from "./webhook";

export interface DemoCheckoutView {
  sessionId: string;
  paymentId: string;
  status: string;
  courseTitle: string;
  courseSlug: string;
  amount: number;
  currency: string;
  expiresAt: Date | null;
  discount: number;
  couponCode: string | null;
}

/** The demo checkout page's data: the buyer's own open checkout only. Demo mode only. */
export async function getDemoCheckout(
  db: Db,
  actor: Actor | null,
  sessionId: string,
): Promise<DemoCheckoutView> {
  assertSignedIn(actor);
  if (!getEnv().isDemo) throw notFound("This checkout");
  const [row] = await db
    .select({
      sessionId: payments.checkoutSessionId,
      paymentId: payments.id,
      status: payments.status,
      courseTitle: courses.title,
      courseSlug: courses.slug,
      amount: payments.amount,
      currency: payments.currency,
      expiresAt: payments.expiresAt,
      discount: payments.discountAmount,
      couponCode: coupons.code,
    })
    .from(payments)
    .innerJoin(courses, eq(courses.id, payments.courseId))
    .leftJoin(coupons, eq(coupons.id, payments.couponId))
    .where(
      and(
        eq(payments.checkoutSessionId, sessionId),
        eq(payments.provider, "demo"),
        eq(payments.userId, actor.id),
      ),
    );
  if (!row) throw notFound("This checkout");
  return { ...row, sessionId };
}

/**
 * The buyer's choice on the demo checkout. "pay" and "decline" send exactly the notifications Stripe would
 * (checkout.session.completed / payment_intent.payment_failed), signed, through the webhook handler.
 */
export async function completeDemoCheckout(
  db: Db,
  actor: Actor | null,
  provider: DemoProvider,
  sessionId: string,
  choice: "pay" | "decline",
) {
  const checkout = await getDemoCheckout(db, actor, sessionId);
  if (choice === "pay") {
    const { body, signature } = provider.signedEvent("checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      mode: "payment",
      status: "complete",
      payment_status: "paid",
      amount_total: checkout.amount,
      currency: checkout.currency.toLowerCase(),
      client_reference_id: checkout.paymentId,
      metadata: { paymentId: checkout.paymentId },
      payment_intent: `pi_demo_${randomBytes(10).toString("hex")}`,
    });
    return handleNotification(db, provider, body, signature);
  }
  const { body, signature } = provider.signedEvent("payment_intent.payment_failed", {
    id: `pi_demo_${randomBytes(10).toString("hex")}`,
    object: "payment_intent",
    status: "requires_payment_method",
    metadata: { paymentId: checkout.paymentId },
    last_payment_error: { code: "card_declined", message: "Your card was declined." },
  });
  return handleNotification(db, provider, body, signature);
}

/** Reconciliation for the demo provider: checkouts nobody finished expire, as Stripe's do. */
export async function expireDemoCheckout(
  db: Db,
  provider: DemoProvider,
  paymentId: string,
  sessionId: string,
) {
  const { body, signature } = provider.signedEvent("checkout.session.expired", {
    id: sessionId,
    object: "checkout.session",
    status: "expired",
    payment_status: "unpaid",
    client_reference_id: paymentId,
    metadata: { paymentId },
  });
  return handleNotification(db, provider, body, signature);
}
