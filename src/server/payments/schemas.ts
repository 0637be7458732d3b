import { z } from "zod";
import { paymentStatus } from "../db/schema/enums";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
export const ZPaymentFilter = z.object({
  /** Part of the buyer's e-mail address or name. */
  buyer: z.preprocess(blankToUndefined, z.string().trim().max(254).optional()),
  status: z.preprocess(blankToUndefined, z.enum(paymentStatus.enumValues).optional()),
  provider: z.preprocess(blankToUndefined, z.enum(["stripe", "demo", "coupon"]).optional()),
  from: z.preprocess(blankToUndefined, z.iso.date().optional()),
  to: z.preprocess(blankToUndefined, z.iso.date().optional()),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** An admin's refund: the whole remainder without an amount, else that amount in the currency's units. */
export const ZRefundInput = z.object({
  paymentId: z.string().trim().min(1).max(64),
  amount: z.string().trim().max(20).optional(),
});
export type TRefundInput = z.input<typeof ZRefundInput>;
