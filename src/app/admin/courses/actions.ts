"use server";

import { setCourseFeatured } from "@/server/admin/courses";
import { ZFeatureForm } from "@/server/admin/schemas";
import { handleForm, type ActionResult } from "@/server/http/action";

export async function featureAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    ZFeatureForm,
    async (input, { db, actor, audit }) => {
      await setCourseFeatured(db, actor, input, audit);
      return input.featured ? "Featured." : "No longer featured.";
    },
    { revalidate: ["/admin/courses", "/"] },
  );
}
