import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { payments } from "../db/schema";
import { AppError, notFound } from "../errors";
import { assertRole, type Actor } from "../accounts/actor";
import { applyPaymentEvent } from "./fulfil";
import type { PaymentProvider } from "./provider";

/**
 * An admin's full refund. The provider is called first, with an idempotency key derived from our payment id
 * (DESIGN.md convention 11); then our rows change in one transaction, by the same state machine as the
 * webhook (which, when it follows, is a no-op). If our commit failed, the provider's charge.refunded
 * notification repairs it.
 */
export async function refundPayment(
  db: Db,
  actor: Actor | null,
  paymentId: string,
  provider: PaymentProvider | null,
) {
  assertRole(actor, "ADMIN");
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw notFound("That payment");
  if (payment.status !== "COMPLETED") {
    throw new AppError("CONFLICT", {
      userMessage: `Only a completed payment can be refunded; this one is ${payment.status.toLowerCase()}.`,
    });
  }
  if (!provider || provider.name !== payment.provider) {
    throw new AppError("UNAVAILABLE", {
      userMessage: `The ${payment.provider} provider is not configured here; refund it in its own dashboard.`,
    });
  }
  if (!payment.providerTransactionId)
    throw new AppError("CONFLICT", { userMessage: "This payment has no provider transaction to refund." });
  await provider.refund({
    paymentId: payment.id,
    transactionId: payment.providerTransactionId,
    amount: payment.amount,
  });
  return applyPaymentEvent(
    db,
    payment.provider,
    {
      kind: "refunded",
      eventId: `admin_refund_${payment.id}`,
      type: "admin.refund",
      transactionId: payment.providerTransactionId,
      amount: payment.amount,
      amountRefunded: payment.amount,
      currency: payment.currency,
      paymentId: payment.id,
    },
    actor,
  );
}
