import "server-only";
import type { Db } from "../db/types";
import type { Payment } from "../db/schema";
import { emitWebhookEvent, iso } from "../integrations/events";

type Announced = Pick<Payment, "id" | "userId" | "courseId" | "currency">;

/**
 * `payment.completed` / `payment.refunded`, in the transaction of the payment's transition into COMPLETED or
 * REFUNDED. The state machine makes each transition happen once per payment (the row is locked, a repeated
 * provider event is a no-op), so each is announced once. A payment whose payer was erased, or whose course
 * was deleted, has no user or course id to carry and is not announced.
 */
export async function emitPaymentEvent(
  tx: Db,
  type: "payment.completed" | "payment.refunded",
  payment: Announced,
  amount: number,
  at: Date,
): Promise<void> {
  if (!payment.userId || !payment.courseId) return;
  const common = {
    paymentId: payment.id,
    userId: payment.userId,
    courseId: payment.courseId,
    amount,
    currency: payment.currency,
  };
  if (type === "payment.completed")
    await emitWebhookEvent(tx, "payment.completed", { ...common, completedAt: iso(at) });
  else await emitWebhookEvent(tx, "payment.refunded", { ...common, refundedAt: iso(at) });
}
