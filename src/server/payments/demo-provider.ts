import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import {
  InvalidNotificationError,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentProvider,
} from "./provider";
import { translateStripeEvent } from "./stripe-events";

const signer = new Stripe("sk_demo_offline");

/**
 * The demo provider (demo mode only): a checkout page inside the platform (/checkout/demo/<session>) where
 * the buyer chooses to pay, decline or cancel. It then sends itself exactly the notifications Stripe would,
 * signed with a secret of its own, through the same handler as Stripe's webhook.
 */
export class DemoProvider implements PaymentProvider {
  readonly name = "demo" as const;

  constructor(
    private readonly appUrl: string,
    private readonly secret: string,
  ) {}

  async createCheckout(r: CheckoutRequest) {
    const id = `cs_demo_${randomBytes(12).toString("hex")}`;
    return { id, url: `${this.appUrl}/checkout/demo/${id}`, expiresAt: r.expiresAt };
  }

  /** A Stripe-shaped event, signed as Stripe signs: what the demo checkout page "sends". */
  signedEvent(type: string, object: Record<string, unknown>): { body: string; signature: string } {
    const body = JSON.stringify({
      id: `evt_demo_${randomBytes(12).toString("hex")}`,
      object: "event",
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    return {
      body,
      signature: signer.webhooks.generateTestHeaderString({ payload: body, secret: this.secret }),
    };
  }

  parseNotification(rawBody: string, signature: string | null): PaymentEvent {
    if (!signature) throw new InvalidNotificationError("missing signature");
    try {
      return translateStripeEvent(signer.webhooks.constructEvent(rawBody, signature, this.secret, 300));
    } catch (e) {
      throw new InvalidNotificationError(e instanceof Error ? e.message : "invalid signature");
    }
  }

  /** The demo applies its notifications as the buyer clicks; nothing is pending at the "provider". */
  async getCheckoutStatus(): Promise<PaymentEvent | null> {
    return null;
  }

  /** Nothing to close outside the platform; a late payment of an old demo checkout is refunded as Stripe's is. */
  async expireCheckout(): Promise<void> {}

  async refund(): Promise<void> {
    // Nothing leaves the machine; the caller records the refund like any other.
  }
}
