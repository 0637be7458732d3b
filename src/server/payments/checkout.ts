import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import {
  couponRedemptions,
  coupons,
  courses,
  enrollments,
  payments,
  users,
  type Enrollment,
} from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { getEnv } from "../env";
import { logger } from "../log";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { consumeRateLimit } from "../platform/rate-limit";
import { grantEnrollment } from "../learning/enrollment-state";
import { assertPrerequisitesMet } from "../learning/prerequisites";
import { applyAndNotify } from "./apply-and-notify";
import { couponInvalid, evaluateCoupon, normalizeCouponCode, settleRedemption } from "./coupons";
import { emitPaymentEvent } from "./events";
import type { PaymentProvider } from "./provider";

const CHECKOUT_LIFETIME_MS = 30 * 60_000; // Stripe's minimum session lifetime
/** `payments.provider` of an enrollment a coupon paid for in full: no provider was involved. */
export const COUPON_PROVIDER = "coupon";

export type CheckoutOutcome =
  | { kind: "checkout"; url: string; paymentId: string }
  | { kind: "enrolled"; enrollment: Enrollment; paymentId: string };

/**
 * Starts (or resumes) buying a paid course, with an optional coupon. The buyer's row is locked first, so two
 * clicks or two tabs at once create one PENDING payment (the partial unique index enforces it too); an open
 * checkout is reused until it expires when it was opened with the same coupon. A coupon is checked and its
 * use reserved with the coupon's row locked (after the buyer's: every checkout takes them in that order), so
 * concurrent buyers never take more uses than it has; a refused coupon changes nothing (422 COUPON_INVALID).
 * A coupon that takes the whole price enrolls at once, with a zero-amount COMPLETED payment and no provider.
 * The provider is asked for a checkout inside the transaction with an idempotency key derived from our payment
 * id, so a retry never creates a second session for the same payment.
 */
export async function startCheckout(
  db: Db,
  actor: Actor | null,
  slug: string,
  provider: PaymentProvider | null,
  ctx: AuditContext = {},
  couponCode?: string | null,
): Promise<CheckoutOutcome> {
  assertSignedIn(actor);
  if (!actor.emailVerified) {
    throw new AppError("FORBIDDEN", {
      userMessage: "Confirm your e-mail address (on your account page) before buying a course.",
    });
  }
  const code = couponCode?.trim() ? normalizeCouponCode(couponCode) : null;
  if (!provider && !code)
    throw new AppError("UNAVAILABLE", { userMessage: "Purchases are not available on this instance yet." });
  await consumeRateLimit(db, { name: "checkout", limit: 20, windowSeconds: 3600 }, actor.id);
  const env = getEnv();
  return db.transaction(async (tx) => {
    const [buyer] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!buyer) throw notFound("Your account");
    const [course] = await tx
      .select({ id: courses.id, title: courses.title, price: courses.price, published: courses.published })
      .from(courses)
      .where(eq(courses.slug, slug));
    if (!course || !course.published) throw notFound("This course");
    if (course.price === 0)
      throw new AppError("CONFLICT", { userMessage: "This course is free: enroll from its page." });
    const [enrollment] = await tx
      .select({ status: enrollments.status })
      .from(enrollments)
      .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, course.id)));
    if (enrollment && enrollment.status !== "REFUNDED") {
      throw new AppError("CONFLICT", {
        userMessage: "You already have this course: find it on your dashboard.",
      });
    }
    await assertPrerequisitesMet(tx, actor.id, course.id);
    const now = new Date();
    const [open] = await tx
      .select({
        id: payments.id,
        url: payments.checkoutUrl,
        expiresAt: payments.expiresAt,
        sessionId: payments.checkoutSessionId,
        couponCode: coupons.code,
      })
      .from(payments)
      .leftJoin(coupons, eq(coupons.id, payments.couponId))
      .where(
        and(eq(payments.userId, actor.id), eq(payments.courseId, course.id), eq(payments.status, "PENDING")),
      );
    if (
      open?.url &&
      open.expiresAt &&
      open.expiresAt.getTime() > now.getTime() + 60_000 &&
      (open.couponCode ?? null) === code
    )
      return { kind: "checkout", url: open.url, paymentId: open.id };

    let discount = 0;
    let couponId: string | null = null;
    if (code) {
      const evaluation = await evaluateCoupon(tx, code, course, {
        userId: actor.id,
        now,
        lock: true,
        excludePaymentId: open?.id ?? null,
      });
      if (!evaluation.valid) throw couponInvalid(evaluation);
      discount = evaluation.discount;
      couponId = evaluation.coupon.id;
    }
    const amount = course.price - discount;
    if (amount > 0 && !provider)
      throw new AppError("UNAVAILABLE", { userMessage: "Purchases are not available on this instance yet." });

    if (open) {
      // An expired, unfinished or differently discounted checkout is closed at the provider before a new one
      // opens, so it can no longer be paid; then here. If it was paid meanwhile, the buyer is sent to its
      // return page instead.
      const paid =
        open.sessionId && provider ? await closeCheckout(provider, open.sessionId, open.id) : false;
      if (paid)
        return {
          kind: "checkout",
          url: `${env.appUrl}/checkout/return?payment=${open.id}`,
          paymentId: open.id,
        };
      await tx.update(payments).set({ status: "FAILED", processedAt: now }).where(eq(payments.id, open.id));
      await settleRedemption(tx, open.id, "RELEASED");
    }

    if (amount === 0) {
      // The coupon takes the whole price: enrolled now, with a zero-amount payment that records the coupon.
      const [payment] = await tx
        .insert(payments)
        .values({
          userId: actor.id,
          courseId: course.id,
          amount: 0,
          currency: env.currency,
          provider: COUPON_PROVIDER,
          status: "COMPLETED",
          processedAt: now,
          couponId,
          discountAmount: discount,
        })
        .returning({ id: payments.id });
      await tx.insert(couponRedemptions).values({
        couponId: couponId!,
        userId: actor.id,
        paymentId: payment!.id,
        status: "COMPLETED",
        discount,
      });
      // A payment of 0 that records the coupon, COMPLETED as it is created: announced like any completion.
      await emitPaymentEvent(
        tx,
        "payment.completed",
        { id: payment!.id, userId: actor.id, courseId: course.id, currency: env.currency },
        0,
        now,
      );
      const granted = await grantEnrollment(tx, actor.id, course.id);
      await recordAudit(
        tx,
        actor,
        {
          action: "payment.completed",
          entityType: "payment",
          entityId: payment!.id,
          after: {
            amount: 0,
            discount,
            coupon: code,
            currency: env.currency,
            provider: COUPON_PROVIDER,
            course: slug,
          },
        },
        ctx,
      );
      return { kind: "enrolled", enrollment: granted.enrollment, paymentId: payment!.id };
    }

    const [payment] = await tx
      .insert(payments)
      .values({
        userId: actor.id,
        courseId: course.id,
        amount,
        currency: env.currency,
        provider: provider!.name,
        couponId,
        discountAmount: discount,
      })
      .returning({ id: payments.id });
    if (couponId) {
      await tx
        .insert(couponRedemptions)
        .values({ couponId, userId: actor.id, paymentId: payment!.id, status: "RESERVED", discount });
    }
    const expiresAt = new Date(now.getTime() + CHECKOUT_LIFETIME_MS);
    const session = await provider!.createCheckout({
      paymentId: payment!.id,
      amount,
      currency: env.currency,
      courseTitle: course.title,
      customerEmail: buyer.email,
      couponCode: code,
      successUrl: `${env.appUrl}/checkout/return?payment=${payment!.id}`,
      cancelUrl: `${env.appUrl}/courses/${slug}?checkout=cancelled`,
      expiresAt,
    });
    await tx
      .update(payments)
      .set({ checkoutSessionId: session.id, checkoutUrl: session.url, expiresAt: session.expiresAt })
      .where(eq(payments.id, payment!.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "payment.started",
        entityType: "payment",
        entityId: payment!.id,
        after: {
          amount,
          currency: env.currency,
          provider: provider!.name,
          course: slug,
          ...(code ? { coupon: code, discount } : {}),
        },
      },
      ctx,
    );
    return { kind: "checkout", url: session.url, paymentId: payment!.id };
  });
}

/**
 * Expires an open checkout at the provider. Returns true when it cannot be expired because it was paid (the
 * completion is applied by the return page or the notification); refuses (409) when it can be neither
 * expired nor found settled, e.g. a bank payment still processing.
 */
async function closeCheckout(provider: PaymentProvider, sessionId: string, paymentId: string) {
  try {
    await provider.expireCheckout(sessionId);
    return false;
  } catch (e) {
    const status = await provider.getCheckoutStatus(sessionId, paymentId).catch(() => null);
    if (status?.kind === "completed") return true;
    if (status?.kind === "failed") return false;
    logger.warn("an open checkout could not be expired", { paymentId, err: e });
    throw new AppError("CONFLICT", {
      userMessage:
        "Your previous checkout for this course could not be closed (a payment may still be processing). Try again in a few minutes.",
    });
  }
}

export interface CheckoutStatus {
  paymentId: string;
  status: "PENDING" | "COMPLETED" | "FAILED" | "REFUNDED";
  courseSlug: string | null;
  courseTitle: string | null;
  amount: number;
  currency: string;
  /** Cents the coupon took off (0 without one), and its code. */
  discount: number;
  couponCode: string | null;
}

/**
 * The return page: the payment's real status. A PENDING payment is looked up at the provider and settled by
 * the same idempotent fulfilment as the webhook, so a lost webhook never leaves a buyer charged without access.
 */
export async function syncCheckout(
  db: Db,
  actor: Actor | null,
  paymentId: string,
  provider: PaymentProvider | null,
): Promise<CheckoutStatus> {
  assertSignedIn(actor);
  const load = async () => {
    const [row] = await db
      .select({
        paymentId: payments.id,
        status: payments.status,
        sessionId: payments.checkoutSessionId,
        courseSlug: courses.slug,
        courseTitle: courses.title,
        amount: payments.amount,
        currency: payments.currency,
        provider: payments.provider,
        discount: payments.discountAmount,
        couponCode: coupons.code,
      })
      .from(payments)
      .leftJoin(courses, eq(courses.id, payments.courseId))
      .leftJoin(coupons, eq(coupons.id, payments.couponId))
      .where(and(eq(payments.id, paymentId), eq(payments.userId, actor.id)));
    return row;
  };
  let row = await load();
  if (!row) throw notFound("That payment");
  if (row.status === "PENDING" && row.sessionId && provider && provider.name === row.provider) {
    const event = await provider.getCheckoutStatus(row.sessionId, row.paymentId);
    if (event) {
      await applyAndNotify(db, provider, event);
      row = (await load())!;
    }
  }
  const { sessionId: _s, provider: _p, ...status } = row;
  void _s;
  void _p;
  return status;
}

/** Stale PENDING payments, for reconciliation: their checkout should have ended by now. */
export async function findStalePending(db: Db, now = new Date()) {
  return db
    .select({
      id: payments.id,
      sessionId: payments.checkoutSessionId,
      provider: payments.provider,
      expiresAt: payments.expiresAt,
    })
    .from(payments)
    .where(
      and(
        eq(payments.status, "PENDING"),
        sql`coalesce(${payments.expiresAt}, ${payments.createdAt} + interval '1 day') < ${now}`,
      ),
    )
    .limit(500);
}
