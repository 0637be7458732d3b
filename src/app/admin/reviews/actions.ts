"use server";

import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { hideReview, removeReview } from "@/server/reviews/moderation";

export async function moderateReviewAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const slug = formString(form, "courseSlug");
  return handleForm(
    form,
    (f) => ({
      intent: formString(f, "intent"),
      input: { reviewId: formString(f, "reviewId"), reason: formString(f, "reason") },
    }),
    async ({ intent, input }, { db, actor, audit }) => {
      if (intent === "remove") {
        await removeReview(db, actor, input, audit);
        return "Review removed.";
      }
      const { changed } = await hideReview(db, actor, input, audit);
      return changed ? "Review hidden." : "That review was already hidden.";
    },
    { revalidate: ["/admin/reviews", ...(slug ? [`/courses/${slug}`] : [])] },
  );
}
