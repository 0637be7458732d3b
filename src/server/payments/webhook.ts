import "server-only";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { logger } from "../log";
import { applyAndNotify } from "./apply-and-notify";
import { InvalidNotificationError, type PaymentProvider } from "./provider";

/**
 * One handler for every provider notification (Stripe's webhook and the demo provider's): verify the
 * signature on the raw body, translate, apply idempotently. Anything not genuine changes nothing.
 */
export async function handleNotification(
  db: Db,
  provider: PaymentProvider,
  rawBody: string,
  signature: string | null,
) {
  let event;
  try {
    event = provider.parseNotification(rawBody, signature);
  } catch (e) {
    if (e instanceof InvalidNotificationError) {
      logger.warn("payment notification refused", { provider: provider.name, reason: e.message });
      throw new AppError("MALFORMED_REQUEST", { userMessage: "Invalid or unsigned notification." });
    }
    throw e;
  }
  const outcome = await applyAndNotify(db, provider, event);
  logger.info("payment notification", {
    provider: provider.name,
    type: event.type,
    outcome: outcome.applied ? outcome.transition : outcome.reason,
  });
  return outcome;
}
