import { z } from "zod";
import { defineEndpoint } from "../http/api";
import { ZApiError } from "../http/problem";

export const myPaymentsEndpoint = defineEndpoint({
  operationId: "listMyPayments",
  method: "GET",
  path: "/api/v1/me/payments",
  summary: "The signed-in user's purchases",
  tags: ["payments"],
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
          }),
        ),
      }),
    },
    401: { description: "Not signed in", schema: ZApiError },
  },
});
