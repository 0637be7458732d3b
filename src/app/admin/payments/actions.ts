"use server";

import { AppError } from "@/server/errors";
import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { refundPayment } from "@/server/payments/refund";
import { getPaymentProvider } from "@/server/payments/providers";

export async function refundAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ paymentId: formString(f, "paymentId"), confirmed: f.get("confirm") === "yes" }),
    async ({ paymentId, confirmed }, { db, actor }) => {
      if (!confirmed)
        throw new AppError("INVALID_INPUT", { userMessage: "Tick the confirmation box to refund." });
      await refundPayment(db, actor, paymentId, getPaymentProvider());
      return { redirect: "/admin/payments?refunded=1" };
    },
    { revalidate: ["/admin/payments"] },
  );
}
