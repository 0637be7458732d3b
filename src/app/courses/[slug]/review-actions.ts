"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { runAction, type ActionResult } from "@/server/http/action";
import { reportReview } from "@/server/reviews/moderation";
import { deleteReview, saveReview } from "@/server/reviews/write-review";

const slugOf = (form: FormData) => String(form.get("slug") ?? "");

export async function saveReviewAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const slug = slugOf(form);
  const rating = form.get("rating");
  const result = await runAction(async () => {
    const { created } = await saveReview(await getDb(), await getActor(), slug, {
      rating: rating === null || rating === "" ? undefined : Number(rating),
      comment: String(form.get("comment") ?? ""),
    });
    return created ? "Thank you: your review is published." : "Your review is updated.";
  });
  if (result.ok) revalidatePath(`/courses/${slug}`);
  return result;
}

export async function deleteReviewAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const slug = slugOf(form);
  const result = await runAction(async () => {
    await deleteReview(await getDb(), await getActor(), slug);
    return "Your review is deleted.";
  });
  if (result.ok) revalidatePath(`/courses/${slug}`);
  return result;
}

export async function reportReviewAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { created } = await reportReview(
      await getDb(),
      await getActor(),
      String(form.get("reviewId") ?? ""),
      {
        reason: String(form.get("reason") ?? ""),
      },
    );
    return created
      ? "Thank you: the moderators will look at this review."
      : "You already reported this review; the moderators have it.";
  });
}
