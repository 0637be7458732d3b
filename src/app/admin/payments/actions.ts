"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { runAction, type ActionResult } from "@/server/http/action";
import { refundPayment } from "@/server/payments/refund";
import { getPaymentProvider } from "@/server/payments/providers";

export async function refundAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    if (form.get("confirm") !== "yes") {
      throw new AppError("INVALID_INPUT", { userMessage: "Tick the confirmation box to refund." });
    }
    await refundPayment(await getDb(), await getActor(), String(form.get("paymentId")), getPaymentProvider());
  });
  if (result.ok) {
    revalidatePath("/admin/payments");
    redirect("/admin/payments?refunded=1");
  }
  return result;
}
