"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { setLessonProgress } from "@/server/learning/progress";
import { enrollInCourse } from "@/server/learning/enroll";
import { formString, handleForm, runAction, type ActionResult } from "@/server/http/action";
import { previewAnswerMarkdown } from "@/server/assessments/assignments";
import { setMyName } from "@/server/accounts/profile";
import { logger } from "@/server/log";

const ZCompletionForm = z.object({
  slug: z.string().min(1).max(200),
  lessonId: z.string().min(1).max(64),
  completed: z.enum(["true", "false"]),
  next: z.string().max(64).optional(),
});

export async function setCompletionAction(form: FormData): Promise<void> {
  const parsed = ZCompletionForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) redirect("/dashboard");
  const { slug, lessonId, completed, next } = parsed.data;
  let notice = "";
  try {
    const result = await setLessonProgress(await getDb(), await getActor(), lessonId, {
      completed: completed === "true",
    });
    // This completion finished the course (with its certificate, or one waiting for a name).
    if (result.courseCompletedNow) notice = "?completed=1";
  } catch (e) {
    if (!isAppError(e)) logger.error("progress failed", { err: e });
    notice = "?error=progress";
  }
  revalidatePath(`/learn/${slug}`, "layout");
  const target = next && completed === "true" && !notice.includes("error") ? next : lessonId;
  redirect(`/learn/${encodeURIComponent(slug)}/${encodeURIComponent(target)}${notice}`);
}

export async function enrollAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => formString(f, "slug"),
    async (slug, { db, actor }) => {
      if (!actor) return { redirect: `/signin?callbackUrl=${encodeURIComponent(`/courses/${slug}`)}` };
      await enrollInCourse(db, actor, slug);
      const { findMyEnrollments } = await import("@/server/learning/dashboard");
      const resume = (await findMyEnrollments(db, actor)).find((e) => e.courseSlug === slug)?.resumeLessonId;
      return { redirect: resume ? `/learn/${slug}/${resume}` : "/dashboard" };
    },
    { unexpectedError: "We could not enroll you just now. Please try again." },
  );
}

/** The completion panel's one field: the name to print on the certificate (issued on submit). */
export async function setCertificateNameAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ name: formString(f, "name"), path: formString(f, "path") }),
    async ({ name, path }, { db, actor, audit }) => {
      await setMyName(db, actor, name, audit);
      if (/^\/learn\/[^/]+\/[^/?#]+$/.test(path)) revalidatePath(path);
      return "Your certificate is issued.";
    },
    { revalidate: ["/dashboard", "/account"] },
  );
}

/** Renders a learner's Markdown answer for its preview, exactly as staff will see it. */
export async function previewAnswerAction(markdown: string): Promise<ActionResult<{ html: string }>> {
  return runAction(async ({ actor }) => ({ data: { html: previewAnswerMarkdown(actor, markdown) } }));
}
