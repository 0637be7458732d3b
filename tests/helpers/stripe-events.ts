import Stripe from "stripe";

/** The webhook secret the payments tests configure their Stripe provider with. */
export const TEST_WEBHOOK_SECRET = "whsec_test_secret";

const signer = new Stripe("sk_test_signer");
let n = 0;

/** A Stripe event as Stripe sends it: the JSON body and its Stripe-Signature header. */
export function signedStripeEvent(
  type: string,
  object: Record<string, unknown>,
  opts: { id?: string; timestamp?: number; secret?: string } = {},
) {
  const body = JSON.stringify({
    id: opts.id ?? `evt_${++n}_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const signature = signer.webhooks.generateTestHeaderString({
    payload: body,
    secret: opts.secret ?? TEST_WEBHOOK_SECRET,
    timestamp: opts.timestamp,
  });
  return { body, signature };
}
