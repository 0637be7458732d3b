"use server";

import { cookies } from "next/headers";
import { SESSION_COOKIES } from "@/server/auth/session-lookup";

import { createApiToken, revokeMyApiToken, type ApiTokenScope } from "@/server/accounts/api-tokens";
import { eraseMyAccount } from "@/server/accounts/erase";
import { updateMyProfile } from "@/server/accounts/profile";
import { revokeOtherSessions, revokeSession } from "@/server/accounts/sessions";
import { unlinkAccount } from "@/server/accounts/connected";
import { requestEmailConfirmation } from "@/server/accounts/email-confirmation";
import { signOut } from "@/server/auth/config";
import { formString, handleForm, runAction, type ActionResult } from "@/server/http/action";

const ACCOUNT = ["/account"];

export async function saveProfile(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ name: formString(f, "name"), image: formString(f, "image") }),
    async (input, { db, actor, audit }) => {
      await updateMyProfile(db, actor, input, audit);
      return "Profile saved.";
    },
    { revalidate: ACCOUNT },
  );
}

export async function revokeSessionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => formString(f, "sessionId"),
    async (sessionId, { db, actor, audit }) => {
      await revokeSession(db, actor, sessionId, audit);
      // Its row leaves the list (and its form with it): the list itself says what happened.
      return { redirect: "/account?session=signed-out#sessions" };
    },
    { revalidate: ACCOUNT },
  );
}

export async function revokeOthersAction(): Promise<ActionResult> {
  return runAction(
    async ({ db, actor, audit }) => {
      await revokeOtherSessions(db, actor, audit);
      return "Signed out everywhere else.";
    },
    { revalidate: ACCOUNT },
  );
}

export async function unlinkAccountAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => formString(f, "provider"),
    async (provider, { db, actor, audit }) => {
      await unlinkAccount(db, actor, provider, audit);
      return "Disconnected.";
    },
    { revalidate: ACCOUNT },
  );
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

export async function deleteAccount(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ confirmEmail: formString(f, "confirmEmail") }),
    async (input, { db, actor, audit }) => {
      await eraseMyAccount(db, actor, input, audit);
      // The session row went with the account; dropping its cookie too makes the whole page (the header
      // included) render signed out at once on the way to the goodbye page.
      const jar = await cookies();
      for (const name of SESSION_COOKIES) jar.delete(name);
      return { redirect: "/goodbye" };
    },
  );
}

export async function requestConfirmationAction(): Promise<ActionResult> {
  return runAction(async ({ db, actor, audit }) => {
    await requestEmailConfirmation(db, actor, audit);
    return { redirect: "/account?confirmation=sent" };
  });
}

export async function createTokenAction(
  _prev: ActionResult<{ secret: string; name: string }> | null,
  form: FormData,
): Promise<ActionResult<{ secret: string; name: string }>> {
  return handleForm(
    form,
    (f) => {
      const days = formString(f, "expiresInDays");
      return {
        name: formString(f, "name"),
        scopes: f.getAll("scopes").filter((s): s is string => typeof s === "string") as ApiTokenScope[],
        expiresInDays: days === "" ? null : Number(days),
      };
    },
    async (input, { db, actor, audit }) => {
      const { token, secret } = await createApiToken(db, actor, input, audit);
      return {
        message: `Token “${token.name}” created. Copy it now: it is shown only this once.`,
        data: { secret, name: token.name },
      };
    },
    { revalidate: ACCOUNT },
  );
}

export async function revokeTokenAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => formString(f, "tokenId"),
    async (tokenId, { db, actor, audit }) => {
      await revokeMyApiToken(db, actor, tokenId, audit);
      return { redirect: "/account?token=revoked#api-tokens" };
    },
    { revalidate: ACCOUNT },
  );
}
