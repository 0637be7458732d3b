"use server";

import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { dismissReviewReports, hideReview, removeReview, restoreReview } from "@/server/reviews/moderation";
import { MODERATION_DONE, type ModerationDone } from "./done";

/**
 * A decision on a reported review. A decision that takes the report out of the list it was in ends on the list
 * with the outcome said at the top (`?done=`), since the item and its form are gone.
 */
export async function moderateReviewAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const slug = formString(form, "courseSlug");
  const view = formString(form, "view") === "handled" ? "handled" : "open";
  const back = (done: ModerationDone) => ({
    message: MODERATION_DONE[done],
    redirect: `/admin/reviews?${view === "handled" ? "view=handled&" : ""}done=${done}`,
  });
  return handleForm(
    form,
    (f) => ({
      intent: formString(f, "intent"),
      input: { reviewId: formString(f, "reviewId"), reason: formString(f, "reason") },
    }),
    async ({ intent, input }, { db, actor, audit }) => {
      if (intent === "dismiss") {
        const { dismissed } = await dismissReviewReports(db, actor, input.reviewId, audit);
        return dismissed > 0 ? back("dismissed") : "Those reports were already handled.";
      }
      if (intent === "restore") {
        const { changed } = await restoreReview(db, actor, input.reviewId, audit);
        return changed ? back("restored") : "That review is not hidden.";
      }
      if (intent === "remove") {
        await removeReview(db, actor, input, audit);
        return back("removed");
      }
      const { changed } = await hideReview(db, actor, input, audit);
      return changed ? back("hidden") : "That review was already hidden.";
    },
    { revalidate: ["/admin/reviews", ...(slug ? [`/courses/${slug}`] : [])] },
  );
}
