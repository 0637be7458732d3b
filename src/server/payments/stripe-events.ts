import type Stripe from "stripe";
import type { PaymentEvent } from "./provider";

/** Stripe's event → our event. Anything we do not act on is "ignored" (and still recorded once). */
export function translateStripeEvent(event: Stripe.Event): PaymentEvent {
  const base = { eventId: event.id, type: event.type };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const s = event.data.object as Stripe.Checkout.Session;
      const paymentId = s.metadata?.paymentId ?? s.client_reference_id;
      if (!paymentId) return { kind: "ignored", ...base };
      if (event.type === "checkout.session.completed" && s.payment_status !== "paid") {
        return { kind: "pending", ...base, paymentId, sessionId: s.id };
      }
      return {
        kind: "completed",
        ...base,
        paymentId,
        sessionId: s.id,
        transactionId:
          typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null),
        amount: s.amount_total ?? -1,
        currency: (s.currency ?? "").toUpperCase(),
      };
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const s = event.data.object as Stripe.Checkout.Session;
      const paymentId = s.metadata?.paymentId ?? s.client_reference_id;
      return paymentId
        ? { kind: "failed", ...base, paymentId, sessionId: s.id }
        : { kind: "ignored", ...base };
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object as Stripe.PaymentIntent;
      return { kind: "declined", ...base, paymentId: pi.metadata?.paymentId ?? null };
    }
    case "charge.refunded": {
      const c = event.data.object as Stripe.Charge;
      const transactionId = typeof c.payment_intent === "string" ? c.payment_intent : c.payment_intent?.id;
      if (!transactionId) return { kind: "ignored", ...base };
      return {
        kind: "refunded",
        ...base,
        transactionId,
        amount: c.amount,
        amountRefunded: c.amount_refunded,
        currency: c.currency.toUpperCase(),
        paymentId: c.metadata?.paymentId ?? null,
      };
    }
    case "charge.dispute.created":
    case "charge.dispute.closed": {
      const d = event.data.object as Stripe.Dispute;
      const transactionId = typeof d.payment_intent === "string" ? d.payment_intent : d.payment_intent?.id;
      const outcome =
        event.type === "charge.dispute.created"
          ? "open"
          : d.status === "lost"
            ? "lost"
            : d.status === "won" || d.status === "warning_closed"
              ? "won"
              : null;
      if (!transactionId || !outcome) return { kind: "ignored", ...base };
      return {
        kind: "dispute",
        ...base,
        transactionId,
        disputeId: d.id,
        amount: d.amount,
        currency: d.currency.toUpperCase(),
        outcome,
      };
    }
    default:
      return { kind: "ignored", ...base };
  }
}
