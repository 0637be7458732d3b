import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { payments } from "../db/schema";
import { AppError, notFound } from "../errors";
import { assertRole, type Actor } from "../accounts/actor";
import { parseInput } from "../validation";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import { applyPaymentEvent } from "./fulfil";
import { refundIdempotencyKey, type PaymentProvider } from "./provider";
import { ZRefundInput, type TRefundInput } from "./schemas";

const invalidAmount = (message: string) =>
  new AppError("INVALID_INPUT", { userMessage: message, fields: [{ path: "amount", message }] });

/**
 * An admin's refund, in full (no amount) or in part (an amount in the payment currency's units, "12.50").
 * Partial refunds accumulate in `refunded_amount`; access ends only when the whole amount has been refunded.
 * The payment row is locked for the whole use case, so two admins refunding at once each see the other's
 * refund and neither can exceed the remainder (422). The provider is called first (DESIGN.md convention 11),
 * keyed on our payment id and the new cumulative amount, so a retry repeats nothing and each refund differs;
 * then our rows change by the same state machine as the webhook (whose echo is then a no-op). If our commit
 * failed, the provider's charge.refunded notification repairs it.
 */
export async function refundPayment(
  db: Db,
  actor: Actor | null,
  input: TRefundInput,
  provider: PaymentProvider | null,
) {
  assertRole(actor, "ADMIN");
  const { paymentId, amount: amountText } = parseInput(ZRefundInput, input);
  return db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!payment) throw notFound("That payment");
    if (payment.status !== "COMPLETED") {
      throw new AppError("CONFLICT", {
        userMessage: `Only a completed payment can be refunded; this one is ${payment.status.toLowerCase()}.`,
      });
    }
    if (payment.amount === 0) {
      throw new AppError("CONFLICT", {
        userMessage:
          "Nothing was paid for this enrollment (a coupon covered the whole price), so there is nothing to refund.",
      });
    }
    if (payment.disputeStatus === "OPEN") {
      throw new AppError("CONFLICT", {
        userMessage:
          "This payment is disputed with the card issuer: it cannot be refunded until the dispute is settled.",
      });
    }
    if (!provider || provider.name !== payment.provider) {
      throw new AppError("UNAVAILABLE", {
        userMessage: `The ${payment.provider} provider is not configured here; refund it in its own dashboard.`,
      });
    }
    if (!payment.providerTransactionId)
      throw new AppError("CONFLICT", { userMessage: "This payment has no provider transaction to refund." });
    const remainder = payment.amount - payment.refundedAmount;
    let amount = remainder;
    if (amountText) {
      const parsed = parseMoneyInput(amountText, payment.currency);
      if (!parsed.ok) throw invalidAmount(parsed.message);
      amount = parsed.minor;
    }
    if (amount <= 0) throw invalidAmount("Enter an amount above zero.");
    if (amount > remainder) {
      throw invalidAmount(
        `At most ${formatMoney(remainder, payment.currency)} of this payment can still be refunded.`,
      );
    }
    const cumulative = payment.refundedAmount + amount;
    await provider.refund({
      paymentId: payment.id,
      transactionId: payment.providerTransactionId,
      amount,
      idempotencyKey: refundIdempotencyKey(payment.id, cumulative),
    });
    return applyPaymentEvent(
      tx,
      provider,
      {
        kind: "refunded",
        eventId: `admin_refund_${payment.id}_${cumulative}`,
        type: "admin.refund",
        transactionId: payment.providerTransactionId,
        amount: payment.amount,
        amountRefunded: cumulative,
        currency: payment.currency,
        paymentId: payment.id,
      },
      actor,
    );
  });
}
