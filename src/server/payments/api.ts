import { z } from "zod";
import { defineOperation } from "../http/operation";
import { notFound } from "../errors";
import { getPaymentProvider } from "./providers";
import { findMyPayments } from "./queries";
import { handleNotification } from "./webhook";
import { ZApiError } from "../http/problem";

export const myPaymentsOperation = defineOperation({
  operationId: "listMyPayments",
  method: "GET",
  path: "/api/v1/me/payments",
  summary: "The signed-in user's purchases",
  tags: ["payments"],
  auth: "user",
  scopes: ["learn:read"],
  responses: {
    200: {
      description: "Purchases, newest first",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            courseSlug: z.string().nullable(),
            courseTitle: z.string().nullable(),
            amount: z.number().int(),
            currency: z.string(),
            status: z.enum(["PENDING", "COMPLETED", "FAILED", "REFUNDED"]),
            provider: z.string(),
            createdAt: z.iso.datetime({ offset: true }),
            processedAt: z.iso.datetime({ offset: true }).nullable(),
            discount: z
              .number()
              .int()
              .describe("Cents a coupon took off the price (amount + discount = price)"),
            couponCode: z.string().nullable(),
          }),
        ),
      }),
    },
    401: { description: "Not signed in", schema: ZApiError },
  },
  handler: async (_input, { db, actor }) => ({ items: await findMyPayments(db, actor) }),
});

/** Stripe's webhook: the signature is verified on the raw body; events are applied idempotently. */
export const stripeWebhookOperation = defineOperation({
  operationId: "receiveStripeWebhook",
  method: "POST",
  path: "/api/webhooks/stripe",
  summary: "Stripe's signed notifications",
  tags: ["payments"],
  auth: "public",
  internal: true,
  rawBody: true,
  responses: {
    200: {
      description: "Received",
      schema: z.object({ received: z.literal(true), applied: z.boolean() }),
    },
  },
  handler: async ({ rawBody }, { db, request }) => {
    const provider = getPaymentProvider();
    if (!provider || provider.name !== "stripe") throw notFound("This endpoint");
    const outcome = await handleNotification(db, provider, rawBody ?? "", request.header("stripe-signature"));
    return { received: true, applied: outcome.applied };
  },
});
