"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { auditContext } from "@/server/http/request-context";
import { logger } from "@/server/log";
import { startCheckout } from "@/server/payments/checkout";
import { completeDemoCheckout } from "@/server/payments/demo-checkout";
import { getDemoProvider, getPaymentProvider } from "@/server/payments/providers";

export interface BuyState {
  error?: string;
}

export async function buyAction(_prev: BuyState, form: FormData): Promise<BuyState> {
  const slug = String(form.get("slug") ?? "").slice(0, 200);
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/courses/${slug}`)}`);
  let url: string;
  try {
    ({ url } = await startCheckout(await getDb(), actor, slug, getPaymentProvider(), await auditContext()));
  } catch (e) {
    if (isAppError(e)) return { error: e.userMessage };
    logger.error("checkout failed", { err: e });
    return { error: "The payment provider could not be reached. Nothing was charged; please try again." };
  }
  redirect(url);
}

const ZDemoChoice = z.object({
  sessionId: z.string().min(1).max(100),
  choice: z.enum(["pay", "decline", "cancel"]),
});

export async function demoCheckoutAction(form: FormData): Promise<void> {
  const parsed = ZDemoChoice.safeParse(Object.fromEntries(form));
  const provider = getDemoProvider();
  if (!parsed.success || !provider) redirect("/dashboard");
  const { sessionId, choice } = parsed.data;
  const actor = await getActor();
  const db = await getDb();
  if (choice === "cancel") {
    const { getDemoCheckout } = await import("@/server/payments/demo-checkout");
    const checkout = await getDemoCheckout(db, actor, sessionId);
    redirect(`/courses/${checkout.courseSlug}?checkout=cancelled`);
  }
  let paymentId: string | null = null;
  try {
    const { getDemoCheckout } = await import("@/server/payments/demo-checkout");
    paymentId = (await getDemoCheckout(db, actor, sessionId)).paymentId;
    await completeDemoCheckout(db, actor, provider, sessionId, choice);
  } catch (e) {
    logger.error("demo checkout failed", { err: e });
    redirect(`/checkout/demo/${sessionId}?error=1`);
  }
  redirect(
    choice === "pay" ? `/checkout/return?payment=${paymentId}` : `/checkout/demo/${sessionId}?declined=1`,
  );
}
