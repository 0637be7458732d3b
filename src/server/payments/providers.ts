import "server-only";
import { createHmac } from "node:crypto";
import { getEnv } from "../env";
import { getAuthSecret } from "../secrets";
import { DemoProvider } from "./demo-provider";
import type { PaymentProvider } from "./provider";
import { StripeProvider } from "./stripe-provider";

let cached: PaymentProvider | null | undefined;

/** Stripe when configured; otherwise, in demo mode only, the demo provider; otherwise none (no purchases). */
export function getPaymentProvider(): PaymentProvider | null {
  if (cached !== undefined) return cached;
  const env = getEnv();
  if (env.stripe)
    cached = new StripeProvider(env.stripe.secretKey, env.stripe.webhookSecret, env.stripe.apiBase);
  else if (env.isDemo) cached = new DemoProvider(env.appUrl, demoWebhookSecret());
  else cached = null;
  return cached;
}

export function getDemoProvider(): DemoProvider | null {
  const p = getPaymentProvider();
  return p instanceof DemoProvider ? p : null;
}

/** The demo provider signs its notifications with a secret derived from this instance's own secret. */
function demoWebhookSecret(): string {
  return "whsec_" + createHmac("sha256", getAuthSecret()).update("demo-payments").digest("base64url");
}
