"use server";

import { changeEnrollmentStatus } from "@/server/admin/enrollments";
import { changeUserRole } from "@/server/accounts/roles";
import { ZRoleChange } from "@/server/accounts/schemas";
import { ZSuspension } from "@/server/learning/schemas";
import { grantPrerequisiteException } from "@/server/learning/prerequisites";
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

export async function prerequisiteExceptionAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const userId = formString(form, "userId");
  return handleForm(
    form,
    (f) => ({ userId: formString(f, "userId"), courseId: formString(f, "courseId").slice(0, 64) }),
    async ({ userId, courseId }, { db, actor, audit }) => {
      if (!courseId) return "Choose a course first.";
      const { created, course } = await grantPrerequisiteException(db, actor, courseId, { userId }, audit);
      return created
        ? `They can now enroll in “${course.title}” without its prerequisites.`
        : `They could already skip the prerequisites of “${course.title}”.`;
    },
    { revalidate: [`/admin/users/${userId}`] },
  );
}
