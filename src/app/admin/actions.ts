"use server";

import { revalidatePath } from "next/cache";
import { changeUserRole } from "@/server/accounts/roles";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { runAction, type ActionResult } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";

export async function changeRoleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { changed } = await changeUserRole(
      await getDb(),
      await getActor(),
      { userId: form.get("userId"), role: form.get("role") },
      await auditContext(),
    );
    return changed ? "Role changed." : "That was already the role.";
  });
  revalidatePath("/admin/users");
  return result;
}
