import Stripe from "stripe";
import {
  InvalidNotificationError,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentProvider,
} from "./provider";
import { translateStripeEvent } from "./stripe-events";

export function stripeClient(secretKey: string, apiBase?: string): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
}

/** Stripe Checkout in payment mode; our payment id rides in the session's and the payment intent's metadata. */
export class StripeProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
    apiBase?: string,
  ) {
    this.stripe = stripeClient(secretKey, apiBase);
  }

  async createCheckout(r: CheckoutRequest) {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: r.currency.toLowerCase(),
              unit_amount: r.amount,
              product_data: {
                name: r.courseTitle,
                ...(r.couponCode ? { description: `Coupon ${r.couponCode} applied` } : {}),
              },
            },
          },
        ],
        customer_email: r.customerEmail,
        client_reference_id: r.paymentId,
        metadata: { paymentId: r.paymentId, ...(r.couponCode ? { coupon: r.couponCode } : {}) },
        payment_intent_data: { metadata: { paymentId: r.paymentId } },
        success_url: r.successUrl,
        cancel_url: r.cancelUrl,
        expires_at: Math.floor(r.expiresAt.getTime() / 1000),
      },
      { idempotencyKey: `aiw-checkout-${r.paymentId}` },
    );
    if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
    return { id: session.id, url: session.url, expiresAt: new Date((session.expires_at ?? 0) * 1000) };
  }

  parseNotification(rawBody: string, signature: string | null): PaymentEvent {
    if (!signature) throw new InvalidNotificationError("missing Stripe-Signature header");
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret, 300);
    } catch (e) {
      throw new InvalidNotificationError(e instanceof Error ? e.message : "invalid signature");
    }
    return translateStripeEvent(event);
  }

  async getCheckoutStatus(sessionId: string): Promise<PaymentEvent | null> {
    const s = await this.stripe.checkout.sessions.retrieve(sessionId);
    const type =
      s.status === "complete" && s.payment_status === "paid"
        ? "checkout.session.completed"
        : s.status === "expired"
          ? "checkout.session.expired"
          : null;
    if (!type) return null;
    // The same translation as a webhook; the event id marks it as our own lookup (applied once per session).
    return translateStripeEvent({
      id: `lookup_${s.id}_${type}`,
      type,
      data: { object: s },
    } as unknown as Stripe.Event);
  }

  async expireCheckout(sessionId: string) {
    await this.stripe.checkout.sessions.expire(sessionId);
  }

  async refund(r: { paymentId: string; transactionId: string; amount: number; idempotencyKey: string }) {
    await this.stripe.refunds.create(
      { payment_intent: r.transactionId, amount: r.amount, metadata: { paymentId: r.paymentId } },
      { idempotencyKey: r.idempotencyKey },
    );
  }
}
