"use server";

import { previewLessonMarkdown, updateLesson } from "@/server/authoring/lessons";
import { deleteLesson, moveLesson } from "@/server/authoring/structure";
import { formString as str, handleForm, runAction, type ActionResult } from "@/server/http/action";
import type { TLessonInput } from "@/server/authoring/schemas";

/** The lesson editor's actions. */

const courseLayout = (form: FormData) =>
  [[`/instructor/courses/${str(form, "courseId")}`, "layout"]] as [string, "layout"][];

export async function saveLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({
      lessonId: str(f, "lessonId"),
      title: str(f, "title"),
      // Validated by the service (ZLessonInput); the form only carries strings.
      lessonType: str(f, "lessonType") as TLessonInput["lessonType"],
      duration: str(f, "duration"),
      content: str(f, "content"),
      videoUrl: str(f, "videoUrl"),
      resourceUrl: str(f, "resourceUrl"),
    }),
    async (input, { db, actor, audit }) => {
      await updateLesson(db, actor, input, audit);
      return "Lesson saved.";
    },
    { revalidate: courseLayout(form) },
  );
}

export async function moveLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ lessonId: str(f, "lessonId"), toModuleId: str(f, "toModuleId") }),
    async (input, { db, actor, audit }) => {
      const { moved } = await moveLesson(db, actor, input, audit);
      return moved ? "Lesson moved to the end of that module." : "The lesson is already in that module.";
    },
    { revalidate: courseLayout(form) },
  );
}

export async function deleteLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  return handleForm(
    form,
    (f) => ({ id: str(f, "id"), confirmAffected: str(f, "confirmAffected") || 0 }),
    async (input, { db, actor, audit }) => {
      await deleteLesson(db, actor, input, audit);
      return form.get("redirect") === "course"
        ? { redirect: `/instructor/courses/${courseId}` }
        : "Lesson deleted.";
    },
    { revalidate: [`/instructor/courses/${courseId}`] },
  );
}

/** The live preview: the player's renderMarkdown on the server. */
export async function previewMarkdownAction(markdown: string): Promise<ActionResult<{ html: string }>> {
  return runAction(async ({ actor }) => ({ data: { html: previewLessonMarkdown(actor, markdown) } }));
}
