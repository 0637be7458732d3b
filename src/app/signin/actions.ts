"use server";

import { headers } from "next/headers";
import { signIn, signInMethods } from "@/server/auth/config";
import { clientIp } from "@/server/http/client-ip";
import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { prepareSignInRequest, ZReturnPath } from "@/server/accounts/sign-in";

export async function requestSignInLink(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ email: formString(f, "email"), callbackUrl: formString(f, "callbackUrl") || undefined }),
    async (input, { db }) => {
      const request = await prepareSignInRequest(db, input, clientIp(await headers()));
      // Sends the link and redirects to /signin/check-email (Next.js's redirect passes through the helper).
      await signIn("nodemailer", { email: request.email, redirectTo: request.callbackUrl ?? "/account" });
    },
    { unexpectedError: "We could not send the e-mail just now. Please try again in a minute." },
  );
}

export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = String(form.get("provider"));
  const methods = signInMethods();
  if (!(provider === "github" && methods.github) && !(provider === "google" && methods.google)) return;
  await signIn(provider, { redirectTo: ZReturnPath.parse(form.get("callbackUrl") ?? "/account") });
}
