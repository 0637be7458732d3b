"use server";

import { z } from "zod";
import { changeEnrollmentStatus } from "@/server/admin/enrollments";
import { changeUserRole } from "@/server/accounts/roles";
import { formString, handleForm, type ActionResult } from "@/server/http/action";

export async function changeRoleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ userId: formString(f, "userId"), role: formString(f, "role") }),
    async (input, { db, actor, audit }) => {
      const { changed } = await changeUserRole(db, actor, input, audit);
      return changed ? "Role changed." : "That was already the role.";
    },
    { revalidate: ["/admin/users"] },
  );
}

const ZEnrollmentStatusForm = z.object({
  enrollmentId: z.string().min(1).max(64),
  action: z.enum(["suspend", "reinstate"]),
});

export async function enrollmentStatusAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const userId = formString(form, "userId");
  return handleForm(
    form,
    ZEnrollmentStatusForm,
    async (input, { db, actor, audit }) => {
      await changeEnrollmentStatus(db, actor, input, audit);
      return input.action === "suspend" ? "Enrollment suspended." : "Enrollment reinstated.";
    },
    { revalidate: [`/admin/users/${userId}`] },
  );
}
