"use server";

import { AppError } from "@/server/errors";
import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { refundPayment } from "@/server/payments/refund";
import { getPaymentProvider } from "@/server/payments/providers";
import { notifyBuyer } from "@/server/payments/receipts";

export async function refundAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({
      paymentId: formString(f, "paymentId"),
      amount: formString(f, "amount"),
      confirmed: f.get("confirm") === "yes",
    }),
    async ({ paymentId, amount, confirmed }, { db, actor }) => {
      if (!confirmed)
        throw new AppError("INVALID_INPUT", { userMessage: "Tick the confirmation box to refund." });
      const outcome = await refundPayment(db, actor, { paymentId, amount }, getPaymentProvider());
      const partial = outcome.applied && outcome.transition === "partially_refunded";
      // The webhook's echo of this refund changes nothing, so the buyer is told here, after the commit.
      if (outcome.applied) await notifyBuyer(db, paymentId, "refund");
      return { redirect: `/admin/payments?refunded=${partial ? "partial" : "full"}` };
    },
    { revalidate: ["/admin/payments"] },
  );
}
