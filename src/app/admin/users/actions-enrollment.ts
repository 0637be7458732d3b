"use server";

import { revalidatePath } from "next/cache";
import { changeEnrollmentStatus } from "@/server/admin/enrollments";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { runAction } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";

export async function enrollmentStatusAction(form: FormData): Promise<void> {
  await runAction(async () => {
    await changeEnrollmentStatus(
      await getDb(),
      await getActor(),
      { enrollmentId: form.get("enrollmentId"), action: form.get("action") },
      await auditContext(),
    );
  });
  revalidatePath(`/admin/users/${String(form.get("userId"))}`);
}
