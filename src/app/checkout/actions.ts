"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { logger } from "@/server/log";
import { startCheckout } from "@/server/payments/checkout";
import { completeDemoCheckout, expireDemoCheckout } from "@/server/payments/demo-checkout";
import { getDemoProvider, getPaymentProvider } from "@/server/payments/providers";

export async function buyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({
      slug: formString(f, "slug").slice(0, 200),
      couponCode: formString(f, "couponCode").slice(0, 64),
    }),
    async ({ slug, couponCode }, { db, actor, audit }) => {
      if (!actor) return { redirect: `/signin?callbackUrl=${encodeURIComponent(`/courses/${slug}`)}` };
      const outcome = await startCheckout(db, actor, slug, getPaymentProvider(), audit, couponCode);
      // A coupon that paid for everything: enrolled already, the return page says so.
      return {
        redirect: outcome.kind === "checkout" ? outcome.url : `/checkout/return?payment=${outcome.paymentId}`,
      };
    },
    { unexpectedError: "The payment provider could not be reached. Nothing was charged; please try again." },
  );
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
    // Someone else's (or no) checkout: nothing to cancel, and nothing to say about it.
    const checkout = await getDemoCheckout(db, actor, sessionId).catch(() => null);
    if (checkout?.status === "PENDING") {
      // Cancelling ends the checkout, as it would at a provider that closes a cancelled session: a reserved
      // coupon use is given back at once.
      try {
        await expireDemoCheckout(db, provider, checkout.paymentId, sessionId);
      } catch (e) {
        logger.error("cancelling a demo checkout failed", { err: e });
      }
    }
    redirect(checkout ? `/courses/${checkout.courseSlug}?checkout=cancelled` : "/dashboard");
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
