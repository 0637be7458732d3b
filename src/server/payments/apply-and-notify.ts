import "server-only";
import type { Db } from "../db/types";
import { notifyAdminsOfDispute } from "./dispute";
import { applyPaymentEvent } from "./fulfil";
import type { PaymentProvider } from "./provider";
import { notifyBuyer } from "./receipts";

/**
 * Applies a notification, then (after the commit) sends the receipt when it completed a payment, the refund
 * e-mail when it refunded one, and tells the admins about a dispute.
 */
export async function applyAndNotify(
  db: Db,
  provider: PaymentProvider,
  event: Parameters<typeof applyPaymentEvent>[2],
) {
  const outcome = await applyPaymentEvent(db, provider, event);
  if (outcome.applied && event.kind === "dispute") await notifyAdminsOfDispute(db, outcome.payment.id, event);
  if (outcome.applied && outcome.transition === "completed")
    await notifyBuyer(db, outcome.payment.id, "receipt");
  if (outcome.applied && (outcome.transition === "refunded" || outcome.transition === "partially_refunded"))
    await notifyBuyer(db, outcome.payment.id, "refund");
  return outcome;
}
