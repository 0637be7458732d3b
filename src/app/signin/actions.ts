"use server";

import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { signIn, signInMethods } from "@/server/auth/config";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { logger } from "@/server/log";
import { prepareSignInRequest, ZReturnPath } from "@/server/accounts/sign-in";

export interface SignInFormState {
  error?: string;
  email?: string;
}

export async function requestSignInLink(_prev: SignInFormState, form: FormData): Promise<SignInFormState> {
  const email = String(form.get("email") ?? "");
  try {
    const request = await prepareSignInRequest(
      await getDb(),
      { email, callbackUrl: form.get("callbackUrl") ?? undefined },
      clientIp(await headers()),
    );
    // Sends the link and redirects to /signin/check-email.
    await signIn("nodemailer", { email: request.email, redirectTo: request.callbackUrl ?? "/account" });
    return {};
  } catch (e) {
    unstable_rethrow(e);
    if (isAppError(e)) return { error: e.userMessage, email };
    logger.error("sign-in link failed", { err: e });
    return { error: "We could not send the e-mail just now. Please try again in a minute.", email };
  }
}

export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = String(form.get("provider"));
  const methods = signInMethods();
  if (!(provider === "github" && methods.github) && !(provider === "google" && methods.google)) return;
  await signIn(provider, { redirectTo: ZReturnPath.parse(form.get("callbackUrl") ?? "/account") });
}
