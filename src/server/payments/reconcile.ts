import "server-only";
import type { Db } from "../db/types";
import { logger } from "../log";
import { applyAndNotify } from "./apply-and-notify";
import { findStalePending } from "./checkout";
import { DemoProvider } from "./demo-provider";
import { expireDemoCheckout } from "./demo-checkout";
import type { PaymentProvider } from "./provider";

/** Asks the provider about PENDING payments whose checkout should have ended, and settles them. Idempotent. */
export async function reconcilePayments(db: Db, provider: PaymentProvider | null, now = new Date()) {
  const stale = await findStalePending(db, now);
  let settled = 0;
  for (const p of stale) {
    if (!provider || p.provider !== provider.name || !p.sessionId) continue;
    try {
      if (provider instanceof DemoProvider) {
        if ((await expireDemoCheckout(db, provider, p.id, p.sessionId)).applied) settled++;
        continue;
      }
      const event = await provider.getCheckoutStatus(p.sessionId, p.id);
      if (event && (await applyAndNotify(db, provider, event)).applied) settled++;
    } catch (e) {
      logger.error("reconciliation failed for a payment", { paymentId: p.id, err: e });
    }
  }
  return { checked: stale.length, settled };
}
