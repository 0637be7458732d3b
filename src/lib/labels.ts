/** An enum value as words in sentence case: "IN_PROGRESS" → "In progress", "ADMIN" → "Admin". */
export function sentenceCase(value: string): string {
  const words = value.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PROVIDERS: Record<string, string> = {
  stripe: "card (Stripe)",
  demo: "demo payment",
  coupon: "coupon",
};

/** How a payment was made, in words ("card (Stripe)"); an unknown provider is shown as it is. */
export const paymentMethodLabel = (provider: string): string => PROVIDERS[provider] ?? provider;
