import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, paymentEvents, payments, users, type Payment } from "../db/schema";
import { recordAudit, SYSTEM, type AuditActor } from "../audit/record";
import { grantEnrollment, revokeEnrollment } from "../learning/enrollment-state";
import { logger } from "../log";
import type { PaymentEvent } from "./provider";

export type ApplyOutcome =
  | { applied: false; reason: "duplicate" | "ignored" | "unknown-payment" | "no-change" | "mismatch" }
  | {
      applied: true;
      payment: Pick<Payment, "id" | "status" | "userId" | "courseId" | "amount" | "currency">;
      transition: string;
    };

/**
 * The payment state machine (docs/decisions.md, "Payments"). One transaction: record the event id (a repeat is
 * a no-op), lock the payment row, check the transition is allowed and the amount and currency match, change
 * the payment, the enrollment and the course's counters together, and audit it.
 *
 *   PENDING  → COMPLETED  checkout completed and paid, or async payment succeeded
 *   FAILED   → COMPLETED  a late success
 *   PENDING  → FAILED     checkout expired, or async payment failed
 *   COMPLETED→ REFUNDED   full refund (partial refunds are recorded, nothing else changes)
 *   REFUNDED              final
 */
export async function applyPaymentEvent(
  db: Db,
  provider: string,
  event: PaymentEvent,
  actor: AuditActor = SYSTEM,
): Promise<ApplyOutcome> {
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(paymentEvents)
      .values({ provider, eventId: event.eventId, type: event.type })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.eventId });
    if (fresh.length === 0) return { applied: false, reason: "duplicate" } as const;
    if (event.kind === "ignored") return { applied: false, reason: "ignored" } as const;
    if (event.kind === "declined") {
      logger.info("payment declined; the buyer may retry in the same checkout", {
        provider,
        paymentId: event.paymentId,
      });
      return { applied: false, reason: "no-change" } as const;
    }

    const [payment] =
      event.kind === "refunded"
        ? await tx
            .select()
            .from(payments)
            .where(
              and(eq(payments.provider, provider), eq(payments.providerTransactionId, event.transactionId)),
            )
            .for("update")
        : await tx
            .select()
            .from(payments)
            .where(and(eq(payments.id, event.paymentId), eq(payments.provider, provider)))
            .for("update");
    if (!payment) {
      logger.warn("payment event for an unknown payment", { provider, type: event.type });
      return { applied: false, reason: "unknown-payment" } as const;
    }
    await tx
      .update(paymentEvents)
      .set({ paymentId: payment.id })
      .where(and(eq(paymentEvents.provider, provider), eq(paymentEvents.eventId, event.eventId)));
    const now = new Date();
    const audit = (transition: string, after: Record<string, unknown>) =>
      recordAudit(tx, actor, {
        action: `payment.${transition}`,
        entityType: "payment",
        entityId: payment.id,
        before: { status: payment.status },
        after,
      });

    if (event.kind === "completed") {
      if (payment.status !== "PENDING" && payment.status !== "FAILED")
        return { applied: false, reason: "no-change" } as const;
      if (event.amount !== payment.amount || event.currency !== payment.currency) {
        logger.error("payment amount or currency mismatch: not fulfilled", {
          paymentId: payment.id,
          expected: [payment.amount, payment.currency],
          got: [event.amount, event.currency],
        });
        return { applied: false, reason: "mismatch" } as const;
      }
      const [updated] = await tx
        .update(payments)
        .set({
          status: "COMPLETED",
          processedAt: now,
          providerTransactionId: event.transactionId ?? payment.providerTransactionId,
        })
        .where(eq(payments.id, payment.id))
        .returning();
      if (payment.userId && payment.courseId) await grantEnrollment(tx, payment.userId, payment.courseId);
      await audit("completed", { status: "COMPLETED", amount: payment.amount, currency: payment.currency });
      return { applied: true, payment: updated!, transition: "completed" };
    }
    if (event.kind === "failed") {
      if (payment.status !== "PENDING") return { applied: false, reason: "no-change" } as const;
      const [updated] = await tx
        .update(payments)
        .set({ status: "FAILED", processedAt: now })
        .where(eq(payments.id, payment.id))
        .returning();
      await audit("failed", { status: "FAILED", reason: event.type });
      return { applied: true, payment: updated!, transition: "failed" };
    }
    if (event.kind === "refunded") {
      if (payment.status !== "COMPLETED") return { applied: false, reason: "no-change" } as const;
      if (event.currency !== payment.currency) return { applied: false, reason: "mismatch" } as const;
      const refunded = Math.min(event.amountRefunded, payment.amount);
      const full = refunded >= payment.amount;
      const [updated] = await tx
        .update(payments)
        .set({ refundedAmount: refunded, ...(full ? { status: "REFUNDED" as const, processedAt: now } : {}) })
        .where(eq(payments.id, payment.id))
        .returning();
      if (full && payment.userId && payment.courseId)
        await revokeEnrollment(tx, payment.userId, payment.courseId, now);
      await audit(full ? "refunded" : "partially_refunded", {
        status: updated!.status,
        refundedAmount: refunded,
      });
      return { applied: true, payment: updated!, transition: full ? "refunded" : "partially_refunded" };
    }
    return { applied: false, reason: "no-change" } as const;
  });
}

/** For the receipt e-mail after a completion commits. */
export async function receiptDetails(db: Db, paymentId: string) {
  const [row] = await db
    .select({
      email: users.email,
      name: users.name,
      title: courses.title,
      slug: courses.slug,
      amount: payments.amount,
      currency: payments.currency,
      processedAt: payments.processedAt,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .innerJoin(courses, eq(courses.id, payments.courseId))
    .where(eq(payments.id, paymentId));
  return row ?? null;
}
