"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { runAction, type ActionResult } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";
import { hideReview, removeReview } from "@/server/reviews/moderation";

export async function moderateReviewAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const intent = form.get("intent");
  const input = { reviewId: form.get("reviewId"), reason: form.get("reason") };
  const result = await runAction(async () => {
    const [db, actor, ctx] = await Promise.all([getDb(), getActor(), auditContext()]);
    if (intent === "remove") {
      await removeReview(db, actor, input, ctx);
      return "Review removed.";
    }
    const { changed } = await hideReview(db, actor, input, ctx);
    return changed ? "Review hidden." : "That review was already hidden.";
  });
  if (result.ok) {
    revalidatePath("/admin/reviews");
    const slug = form.get("courseSlug");
    if (typeof slug === "string" && slug) revalidatePath(`/courses/${slug}`);
  }
  return result;
}
