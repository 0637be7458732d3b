"use server";

import { setCourseFeatured } from "@/server/admin/courses";
import { formString, handleForm, type ActionResult } from "@/server/http/action";

export async function featureAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ courseId: formString(f, "courseId"), featured: formString(f, "featured") }),
    async (input, { db, actor, audit }) => {
      await setCourseFeatured(db, actor, input, audit);
      return input.featured === "true" ? "Featured." : "No longer featured.";
    },
    { revalidate: ["/admin/courses", "/"] },
  );
}
