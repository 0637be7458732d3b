"use server";

import { changeEnrollmentStatus } from "@/server/admin/enrollments";
import { changeUserRole } from "@/server/accounts/roles";
import { ZRoleChange } from "@/server/accounts/schemas";
import { ZSuspension } from "@/server/learning/schemas";
import { formString, handleForm, type ActionResult } from "@/server/http/action";

export async function changeRoleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    ZRoleChange,
    async (input, { db, actor, audit }) => {
      const { changed } = await changeUserRole(db, actor, input, audit);
      return changed ? "Role changed." : "That was already the role.";
    },
    { revalidate: ["/admin/users"] },
  );
}

export async function enrollmentStatusAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const userId = formString(form, "userId");
  return handleForm(
    form,
    ZSuspension,
    async (input, { db, actor, audit }) => {
      await changeEnrollmentStatus(db, actor, input, audit);
      return input.action === "suspend" ? "Enrollment suspended." : "Enrollment reinstated.";
    },
    { revalidate: [`/admin/users/${userId}`] },
  );
}
