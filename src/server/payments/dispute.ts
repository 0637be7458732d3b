import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, payments, users, type PaymentDisputeStatus } from "../db/schema";
import { actionEmail, sendMail } from "../accounts/mailer";
import { getEnv } from "../env";
import { logger } from "../log";
import { formatPrice } from "@/lib/money";
import { revokeEnrollment, setDisputeHold } from "../learning/enrollment-state";
import type { ApplyOutcome, TransitionContext } from "./fulfil";
import { emitPaymentEvent } from "./events";
import type { PaymentEvent } from "./provider";

type DisputeEvent = Extract<PaymentEvent, { kind: "dispute" }>;

const STATUS: Record<DisputeEvent["outcome"], PaymentDisputeStatus> = {
  open: "OPEN",
  won: "WON",
  lost: "LOST",
};
const TRANSITION: Record<DisputeEvent["outcome"], string> = {
  open: "dispute_opened",
  won: "dispute_won",
  lost: "dispute_lost",
};

/**
 * A dispute of a payment's charge (docs/decisions.md, "Payments"). Opened: the payment's dispute is OPEN and
 * the buyer's enrollment gets a DISPUTE hold (suspended; an admin cannot lift it). Won (or an inquiry closed
 * without a chargeback): the hold is lifted, and the enrollment reopens by the reopen rule unless an admin's
 * hold remains. Lost: the money went back to the buyer, so it is a full refund — REFUNDED, access ended,
 * certificate revoked. On a payment already REFUNDED only the dispute's state is recorded.
 */
export async function applyDispute(
  { tx, payment, now, audit }: TransitionContext,
  event: DisputeEvent,
): Promise<ApplyOutcome> {
  const noChange = { applied: false, reason: "no-change" } as const;
  if (payment.status !== "COMPLETED" && payment.status !== "REFUNDED") return noChange;
  if (event.currency !== payment.currency) {
    logger.error("dispute currency does not match the payment", {
      paymentId: payment.id,
      got: event.currency,
    });
    return { applied: false, reason: "mismatch" } as const;
  }
  const disputeStatus = STATUS[event.outcome];
  if (payment.disputeStatus === disputeStatus) return noChange;
  const lost = event.outcome === "lost" && payment.status === "COMPLETED";
  const [updated] = await tx
    .update(payments)
    .set({
      disputeStatus,
      ...(lost ? { status: "REFUNDED" as const, refundedAmount: payment.amount, processedAt: now } : {}),
    })
    .where(eq(payments.id, payment.id))
    .returning();
  // A lost dispute on a COMPLETED payment is its full refund (announced once: the status is REFUNDED after).
  if (lost) await emitPaymentEvent(tx, "payment.refunded", payment, payment.amount, now);
  let access: string = "unchanged";
  if (payment.status === "COMPLETED" && payment.userId && payment.courseId) {
    if (lost) {
      await revokeEnrollment(tx, payment.userId, payment.courseId, now);
      access = "ended";
    } else {
      const change = await setDisputeHold(tx, payment.userId, payment.courseId, event.outcome === "open");
      access = change ? change.after.toLowerCase() : "none";
    }
  }
  await audit(TRANSITION[event.outcome], {
    status: updated!.status,
    disputeStatus,
    disputeId: event.disputeId,
    disputedAmount: event.amount,
    refundedAmount: updated!.refundedAmount,
    enrollment: access,
  });
  return { applied: true, payment: updated!, transition: TRANSITION[event.outcome] };
}

/** After a dispute transition commits: every admin is told by e-mail. A failed e-mail is logged, never undoes it. */
export async function notifyAdminsOfDispute(db: Db, paymentId: string, event: DisputeEvent) {
  try {
    const [p] = await db
      .select({
        amount: payments.amount,
        currency: payments.currency,
        buyer: users.email,
        title: courses.title,
      })
      .from(payments)
      .leftJoin(users, eq(users.id, payments.userId))
      .leftJoin(courses, eq(courses.id, payments.courseId))
      .where(eq(payments.id, paymentId));
    if (!p) return;
    const admins = await db.select({ email: users.email }).from(users).where(eq(users.role, "ADMIN"));
    const what = `the payment ${paymentId} of ${formatPrice(p.amount, p.currency)} by ${p.buyer ?? "an erased account"} for “${p.title ?? "a deleted course"}”`;
    const [subject, intro] =
      event.outcome === "open"
        ? [
            `Payment disputed: ${p.title ?? paymentId}`,
            `The card issuer opened a dispute (${event.disputeId}, ${formatPrice(event.amount, event.currency)}) of ${what}. The buyer's access is suspended until the dispute is settled; respond to it in the payment provider's dashboard.`,
          ]
        : event.outcome === "won"
          ? [
              `Dispute won: ${p.title ?? paymentId}`,
              `The dispute ${event.disputeId} of ${what} was settled in our favour. The suspension it caused is lifted.`,
            ]
          : [
              `Dispute lost: ${p.title ?? paymentId}`,
              `The dispute ${event.disputeId} of ${what} was lost: the payment counts as refunded, access has ended and any certificate is revoked.`,
            ];
    const env = getEnv();
    for (const admin of admins) {
      await sendMail(
        db,
        actionEmail({
          to: admin.email,
          subject,
          heading: subject,
          intro,
          button: "Open payments",
          url: `${env.appUrl}/admin/payments`,
          footer: "You receive this because you are an administrator of AI Whisperers.",
        }),
      );
    }
  } catch (e) {
    logger.error("dispute e-mail to admins failed", { err: e, paymentId });
  }
}
