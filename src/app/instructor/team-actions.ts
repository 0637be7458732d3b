"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/server/auth/session";
import { addCoInstructor, removeCoInstructor } from "@/server/authoring/instructors";
import { getDb } from "@/server/db";
import { runAction, type ActionResult } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";

export async function addInstructorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = String(form.get("courseId") ?? "");
  const result = await runAction(async () => {
    const { added } = await addCoInstructor(
      await getDb(),
      await getActor(),
      { courseId, email: form.get("email") ?? "" },
      await auditContext(),
    );
    return added ? "Instructor added." : "Already on this course.";
  });
  revalidatePath(`/instructor/courses/${courseId}`);
  return result;
}

export async function removeInstructorAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const courseId = String(form.get("courseId") ?? "");
  const result = await runAction(async () => {
    await removeCoInstructor(
      await getDb(),
      await getActor(),
      { courseId, userId: form.get("userId") ?? "" },
      await auditContext(),
    );
    return "Removed from the course.";
  });
  revalidatePath(`/instructor/courses/${courseId}`);
  return result;
}
