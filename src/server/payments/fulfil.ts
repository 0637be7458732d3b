import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../db/types";
import { paymentEvents, payments, users, type Payment } from "../db/schema";
import { recordAudit, SYSTEM, type AuditActor } from "../audit/record";
import { grantEnrollment, revokeEnrollment } from "../learning/enrollment-state";
import { logger } from "../log";
import { settleRedemption } from "./coupons";
import { applyDispute } from "./dispute";
import { emitPaymentEvent } from "./events";
import { refundIdempotencyKey, type PaymentEvent, type PaymentProvider } from "./provider";

export type ApplyOutcome =
  | { applied: false; reason: "duplicate" | "ignored" | "unknown-payment" | "no-change" | "mismatch" }
  | {
      applied: true;
      payment: Pick<Payment, "id" | "status" | "userId" | "courseId" | "amount" | "currency">;
      transition: string;
    };

export const NO_CHANGE = { applied: false, reason: "no-change" } as const;

/** What one transition works with, inside applyPaymentEvent's transaction with the payment row locked. */
export interface TransitionContext {
  tx: Db;
  payment: Payment;
  provider: PaymentProvider | string;
  now: Date;
  audit: (transition: string, after: Record<string, unknown>) => Promise<void>;
}

/**
 * The payment state machine (docs/decisions.md, "Payments", where the table is). One transaction: record the
 * event id (a repeat is a no-op), lock the payment row (for a completion, the buyer's row first, as checkout
 * does), check the transition is allowed and the amount and currency match, change the payment, the
 * enrollment and the course's counters together, and audit it.
 *
 *   PENDING  → COMPLETED  checkout completed and paid, or async payment succeeded
 *   FAILED   → COMPLETED  a late success (REFUNDED at once when the buyer already paid for the course)
 *   PENDING  → FAILED     checkout expired, or async payment failed
 *   COMPLETED→ REFUNDED   full refund, or a lost dispute (partial refunds accumulate, nothing else changes)
 *   COMPLETED             a dispute suspends access until it is won
 *   REFUNDED              final
 *
 * `provider` is the provider itself where a transition may need to call it (refunding a second payment for a
 * course already paid); its name is enough for the rest.
 */
export async function applyPaymentEvent(
  db: Db,
  provider: PaymentProvider | string,
  event: PaymentEvent,
  actor: AuditActor = SYSTEM,
): Promise<ApplyOutcome> {
  const providerName = typeof provider === "string" ? provider : provider.name;
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(paymentEvents)
      .values({ provider: providerName, eventId: event.eventId, type: event.type })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.eventId });
    if (fresh.length === 0) return { applied: false, reason: "duplicate" } as const;
    if (event.kind === "ignored") return { applied: false, reason: "ignored" } as const;
    if (event.kind === "declined") {
      logger.info("payment declined; the buyer may retry in the same checkout", {
        provider: providerName,
        paymentId: event.paymentId,
      });
      return NO_CHANGE;
    }

    const target =
      event.kind === "refunded" || event.kind === "dispute"
        ? and(eq(payments.provider, providerName), eq(payments.providerTransactionId, event.transactionId))
        : and(eq(payments.id, event.paymentId), eq(payments.provider, providerName));
    if (event.kind === "completed") {
      // Whether the buyer already paid for the course is counted under the buyer's lock (DESIGN.md 4), taken
      // before the payment's, in the order startCheckout takes them.
      const [owner] = await tx.select({ userId: payments.userId }).from(payments).where(target);
      if (owner?.userId)
        await tx.select({ id: users.id }).from(users).where(eq(users.id, owner.userId)).for("update");
    }
    const [payment] = await tx.select().from(payments).where(target).for("update");
    if (!payment) {
      logger.warn("payment event for an unknown payment", { provider: providerName, type: event.type });
      return { applied: false, reason: "unknown-payment" } as const;
    }
    await tx
      .update(paymentEvents)
      .set({ paymentId: payment.id })
      .where(and(eq(paymentEvents.provider, providerName), eq(paymentEvents.eventId, event.eventId)));
    const ctx: TransitionContext = {
      tx,
      payment,
      provider,
      now: new Date(),
      audit: (transition, after) =>
        recordAudit(tx, actor, {
          action: `payment.${transition}`,
          entityType: "payment",
          entityId: payment.id,
          before: { status: payment.status, refundedAmount: payment.refundedAmount },
          after,
        }),
    };
    switch (event.kind) {
      case "completed":
        return complete(ctx, event);
      case "failed":
        return fail(ctx, event);
      case "refunded":
        return refund(ctx, event);
      case "dispute":
        return applyDispute(ctx, event);
      default:
        return NO_CHANGE;
    }
  });
}

async function complete(
  { tx, payment, provider, now, audit }: TransitionContext,
  event: Extract<PaymentEvent, { kind: "completed" }>,
): Promise<ApplyOutcome> {
  if (payment.status !== "PENDING" && payment.status !== "FAILED") return NO_CHANGE;
  if (event.amount !== payment.amount || event.currency !== payment.currency) {
    logger.error("payment amount or currency mismatch: not fulfilled", {
      paymentId: payment.id,
      expected: [payment.amount, payment.currency],
      got: [event.amount, event.currency],
    });
    return { applied: false, reason: "mismatch" } as const;
  }
  const transactionId = event.transactionId ?? payment.providerTransactionId;
  const [kept] =
    payment.userId && payment.courseId
      ? await tx
          .select({ id: payments.id })
          .from(payments)
          .where(
            and(
              eq(payments.userId, payment.userId),
              eq(payments.courseId, payment.courseId),
              eq(payments.status, "COMPLETED"),
              ne(payments.id, payment.id),
            ),
          )
          .limit(1)
      : [];
  if (kept) {
    // An old checkout paid after a newer one: the buyer has the course already. The provider refunds first
    // (DESIGN.md 11); if our commit then fails, the provider's redelivery repeats the same keyed refund.
    if (typeof provider === "string" || !transactionId)
      throw new Error(`payment ${payment.id} paid twice for a course and cannot be refunded here`);
    await provider.refund({
      paymentId: payment.id,
      transactionId,
      amount: payment.amount,
      idempotencyKey: refundIdempotencyKey(payment.id, payment.amount),
    });
    const [updated] = await tx
      .update(payments)
      .set({
        status: "REFUNDED",
        processedAt: now,
        providerTransactionId: transactionId,
        refundedAmount: payment.amount,
      })
      .where(eq(payments.id, payment.id))
      .returning();
    await settleRedemption(tx, payment.id, "RELEASED");
    // The charge went through and was given back at once: announced as refunded (never as completed, and the
    // enrollment is not touched).
    await emitPaymentEvent(tx, "payment.refunded", payment, payment.amount, now);
    await audit("duplicate_refunded", {
      status: "REFUNDED",
      refundedAmount: payment.amount,
      reason: "the buyer had already paid for the course",
      keptPaymentId: kept.id,
    });
    logger.warn("a second payment for a course already paid was refunded", {
      paymentId: payment.id,
      keptPaymentId: kept.id,
    });
    return { applied: true, payment: updated!, transition: "duplicate_refunded" };
  }
  const [updated] = await tx
    .update(payments)
    .set({ status: "COMPLETED", processedAt: now, providerTransactionId: transactionId })
    .where(eq(payments.id, payment.id))
    .returning();
  await emitPaymentEvent(tx, "payment.completed", payment, payment.amount, now);
  if (payment.userId && payment.courseId) await grantEnrollment(tx, payment.userId, payment.courseId);
  await settleRedemption(tx, payment.id, "COMPLETED");
  await audit("completed", { status: "COMPLETED", amount: payment.amount, currency: payment.currency });
  return { applied: true, payment: updated!, transition: "completed" };
}

async function fail(
  { tx, payment, now, audit }: TransitionContext,
  event: Extract<PaymentEvent, { kind: "failed" }>,
): Promise<ApplyOutcome> {
  if (payment.status !== "PENDING") return NO_CHANGE;
  const [updated] = await tx
    .update(payments)
    .set({ status: "FAILED", processedAt: now })
    .where(eq(payments.id, payment.id))
    .returning();
  await settleRedemption(tx, payment.id, "RELEASED");
  await audit("failed", { status: "FAILED", reason: event.type });
  return { applied: true, payment: updated!, transition: "failed" };
}

/**
 * A refund's cumulative total (the provider reports `amount_refunded` so far). It only ever grows: a late or
 * repeated notification of an earlier refund changes nothing. The whole amount ends access.
 */
async function refund(
  { tx, payment, now, audit }: TransitionContext,
  event: Extract<PaymentEvent, { kind: "refunded" }>,
): Promise<ApplyOutcome> {
  if (payment.status !== "COMPLETED") return NO_CHANGE;
  if (event.currency !== payment.currency) return { applied: false, reason: "mismatch" } as const;
  const refunded = Math.min(event.amountRefunded, payment.amount);
  if (refunded <= payment.refundedAmount) return NO_CHANGE;
  const full = refunded >= payment.amount;
  const [updated] = await tx
    .update(payments)
    .set({ refundedAmount: refunded, ...(full ? { status: "REFUNDED" as const, processedAt: now } : {}) })
    .where(eq(payments.id, payment.id))
    .returning();
  // Announced when the whole amount is refunded (the payment becomes REFUNDED), once: a later notification of
  // the same total changes nothing above. Partial refunds are not announced.
  if (full) await emitPaymentEvent(tx, "payment.refunded", payment, refunded, now);
  if (full && payment.userId && payment.courseId)
    await revokeEnrollment(tx, payment.userId, payment.courseId, now);
  await audit(full ? "refunded" : "partially_refunded", {
    status: updated!.status,
    refundedAmount: refunded,
  });
  return { applied: true, payment: updated!, transition: full ? "refunded" : "partially_refunded" };
}
