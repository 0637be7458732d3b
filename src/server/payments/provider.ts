/**
 * What the payments context needs from a payment provider. Two implementations: Stripe (when configured)
 * and the demo provider (demo mode only), which speaks Stripe's event format so both go through one handler.
 */
export interface CheckoutRequest {
  paymentId: string;
  amount: number;
  currency: string;
  courseTitle: string;
  customerEmail: string;
  /** The coupon applied (the amount is already discounted); shown on the provider's page. */
  couponCode?: string | null;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

export interface CheckoutSession {
  id: string;
  url: string;
  expiresAt: Date;
}

/** A provider notification translated into what our state machine understands. */
export type PaymentEvent =
  | {
      kind: "completed";
      eventId: string;
      type: string;
      paymentId: string;
      sessionId: string;
      transactionId: string | null;
      amount: number;
      currency: string;
    }
  | { kind: "failed"; eventId: string; type: string; paymentId: string; sessionId: string }
  | { kind: "declined"; eventId: string; type: string; paymentId: string | null }
  | {
      kind: "refunded";
      eventId: string;
      type: string;
      transactionId: string;
      amount: number;
      amountRefunded: number;
      currency: string;
      paymentId: string | null;
    }
  | {
      /** A dispute (chargeback or inquiry) of the payment's charge opened, or closed with an outcome. */
      kind: "dispute";
      eventId: string;
      type: string;
      transactionId: string;
      disputeId: string;
      amount: number;
      currency: string;
      outcome: "open" | "won" | "lost";
    }
  | { kind: "pending"; eventId: string; type: string; paymentId: string; sessionId: string }
  | { kind: "ignored"; eventId: string; type: string };

export interface PaymentProvider {
  readonly name: "stripe" | "demo";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies the signature on the raw body and translates the event; throws on anything not genuine. */
  parseNotification(rawBody: string, signature: string | null): PaymentEvent;
  /** Asks the provider how a checkout stands (the success page and reconciliation use it). */
  getCheckoutStatus(sessionId: string, paymentId: string): Promise<PaymentEvent | null>;
  /**
   * Closes an open checkout so it can no longer be paid; throws when it cannot be closed (already complete,
   * already expired, or the provider is unreachable).
   */
  expireCheckout(sessionId: string): Promise<void>;
  /**
   * Refunds `amount` (minor units) of the payment's charge. The idempotency key is derived from our payment id
   * and the cumulative amount refunded after this refund, so a retry repeats nothing and each refund differs.
   */
  refund(request: {
    paymentId: string;
    transactionId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<void>;
}

export class InvalidNotificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidNotificationError";
  }
}

/** The idempotency key of the refund that brings a payment's refunded total to `cumulative` (minor units). */
export const refundIdempotencyKey = (paymentId: string, cumulative: number) =>
  `aiw-refund-${paymentId}-${cumulative}`;
