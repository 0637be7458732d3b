"use server";

import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { reportReview } from "@/server/reviews/moderation";
import { deleteReview, saveReview } from "@/server/reviews/write-review";

const coursePage = (form: FormData) => [`/courses/${formString(form, "slug")}`];

export async function saveReviewAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => {
      const rating = formString(f, "rating");
      return {
        slug: formString(f, "slug"),
        // The service validates: an empty choice reaches it as "no rating" and is refused with its message.
        review: {
          rating: (rating === "" ? undefined : Number(rating)) as number,
          comment: formString(f, "comment"),
        },
      };
    },
    async ({ slug, review }, { db, actor }) => {
      const { created } = await saveReview(db, actor, slug, review);
      return created ? "Thank you: your review is published." : "Your review is updated.";
    },
    { revalidate: coursePage(form) },
  );
}

export async function deleteReviewAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => formString(f, "slug"),
    async (slug, { db, actor }) => {
      await deleteReview(db, actor, slug);
      return "Your review is deleted.";
    },
    { revalidate: coursePage(form) },
  );
}

export async function reportReviewAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ reviewId: formString(f, "reviewId"), reason: formString(f, "reason") }),
    async ({ reviewId, reason }, { db, actor }) => {
      const { created } = await reportReview(db, actor, reviewId, { reason });
      return created
        ? "Thank you: the moderators will look at this review."
        : "You already reported this review; the moderators have it.";
    },
  );
}
