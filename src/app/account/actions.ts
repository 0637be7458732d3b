"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { eraseMyAccount } from "@/server/accounts/erase";
import { updateMyProfile } from "@/server/accounts/profile";
import { revokeOtherSessions, revokeSession } from "@/server/accounts/sessions";
import { unlinkAccount } from "@/server/accounts/connected";
import { requestEmailConfirmation } from "@/server/accounts/email-confirmation";
import { signOut } from "@/server/auth/config";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { runAction, type ActionResult } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";

export async function saveProfile(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updateMyProfile(
      await getDb(),
      await getActor(),
      { name: form.get("name") ?? "", image: form.get("image") ?? "" },
      await auditContext(),
    );
    return "Profile saved.";
  });
  revalidatePath("/account");
  return result;
}

export async function revokeSessionAction(form: FormData): Promise<void> {
  await runAction(async () =>
    revokeSession(await getDb(), await getActor(), String(form.get("sessionId")), await auditContext()),
  );
  revalidatePath("/account");
}

export async function revokeOthersAction(): Promise<void> {
  await runAction(async () => {
    await revokeOtherSessions(await getDb(), await getActor(), await auditContext());
  });
  revalidatePath("/account");
}

export async function unlinkAccountAction(form: FormData): Promise<void> {
  await runAction(async () =>
    unlinkAccount(await getDb(), await getActor(), String(form.get("provider")), await auditContext()),
  );
  revalidatePath("/account");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

export async function deleteAccount(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let erased = false;
  const result = await runAction(async () => {
    await eraseMyAccount(
      await getDb(),
      await getActor(),
      { confirmEmail: form.get("confirmEmail") ?? "" },
      await auditContext(),
    );
    erased = true;
  });
  if (erased) {
    try {
      redirect("/?account=deleted");
    } catch (e) {
      unstable_rethrow(e);
    }
  }
  return result;
}

export async function requestConfirmationAction(): Promise<void> {
  await runAction(async () => {
    await requestEmailConfirmation(await getDb(), await getActor(), await auditContext());
  });
  redirect("/account?confirmation=sent");
}
