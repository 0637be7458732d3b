"use server";

import { revalidatePath } from "next/cache";
import { setCourseFeatured } from "@/server/admin/courses";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { runAction } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";

export async function featureAction(form: FormData): Promise<void> {
  await runAction(async () => {
    await setCourseFeatured(
      await getDb(),
      await getActor(),
      { courseId: form.get("courseId"), featured: form.get("featured") },
      await auditContext(),
    );
  });
  revalidatePath("/admin/courses");
  revalidatePath("/");
}
