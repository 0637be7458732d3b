"use server";

import { isRateLimitedRedirect, signIn, signInMethods } from "@/server/auth/config";
import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { parseSignInRequest, signInRateLimited, ZReturnPath } from "@/server/accounts/sign-in";
import { DEFAULT_RETURN_PATH } from "@/server/accounts/schemas";

export async function requestSignInLink(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ email: formString(f, "email"), callbackUrl: formString(f, "callbackUrl") || undefined }),
    async (input) => {
      const request = parseSignInRequest(input);
      // Auth.js's signIn callback counts the request against the limits (once) before it sends the link.
      const next = await signIn("nodemailer", {
        email: request.email,
        redirectTo: request.callbackUrl ?? DEFAULT_RETURN_PATH,
        redirect: false,
      });
      if (isRateLimitedRedirect(next)) throw signInRateLimited();
      return { redirect: next };
    },
    { unexpectedError: "We could not send the e-mail just now. Please try again in a minute." },
  );
}

export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = String(form.get("provider"));
  const methods = signInMethods();
  if (!(provider === "github" && methods.github) && !(provider === "google" && methods.google)) return;
  await signIn(provider, { redirectTo: ZReturnPath.parse(form.get("callbackUrl") ?? DEFAULT_RETURN_PATH) });
}
