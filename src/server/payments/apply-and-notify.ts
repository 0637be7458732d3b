import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, payments, users } from "../db/schema";
import { getEnv } from "../env";
import { logger } from "../log";
import { formatPrice } from "@/lib/format";
import { actionEmail, sendMail } from "../accounts/mailer";
import { notifyAdminsOfDispute } from "./dispute";
import { applyPaymentEvent } from "./fulfil";
import type { PaymentProvider } from "./provider";

/**
 * Applies a notification, then (after the commit) sends the receipt when it completed a payment and tells the
 * admins about a dispute.
 */
export async function applyAndNotify(
  db: Db,
  provider: PaymentProvider,
  event: Parameters<typeof applyPaymentEvent>[2],
) {
  const outcome = await applyPaymentEvent(db, provider, event);
  if (outcome.applied && event.kind === "dispute") await notifyAdminsOfDispute(db, outcome.payment.id, event);
  if (outcome.applied && outcome.transition === "completed") {
    try {
      const r = await receiptDetails(db, outcome.payment.id);
      if (r) {
        const env = getEnv();
        await sendMail(
          db,
          actionEmail({
            to: r.email,
            subject: `Receipt: ${r.title}`,
            heading: "Thank you for your purchase",
            intro: `You paid ${formatPrice(r.amount, r.currency)} for “${r.title}” on ${r.processedAt?.toUTCString()}. Payment reference ${outcome.payment.id}.`,
            button: "Start learning",
            url: `${env.appUrl}/courses/${r.slug}`,
            expires: new Date(Date.now() + 365 * 86_400_000),
            footer: "Keep this e-mail as your receipt. Your purchases are also listed on your account page.",
          }),
        );
      }
    } catch (e) {
      logger.error("receipt e-mail failed", { err: e, paymentId: outcome.payment.id });
    }
  }
  return outcome;
}

/** For the receipt e-mail after a completion commits. */
async function receiptDetails(db: Db, paymentId: string) {
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
