"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { runAction, type ActionResult } from "@/server/http/action";
import { auditContext } from "@/server/http/request-context";
import {
  checkSlugAvailability,
  createCourse,
  deleteCourse,
  publishCourse,
  unpublishCourse,
  updateCourse,
} from "@/server/authoring/courses";
import { previewLessonMarkdown, updateLesson } from "@/server/authoring/lessons";
import {
  createLesson,
  createModule,
  deleteLesson,
  deleteModule,
  moveLesson,
  reorderLessons,
  reorderModules,
  updateModule,
} from "@/server/authoring/structure";

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};
const ctx = async () => {
  const [db, actor, audit] = await Promise.all([getDb(), getActor(), auditContext()]);
  return { db, actor, audit };
};
const courseFields = (form: FormData) => ({
  title: str(form, "title"),
  slug: str(form, "slug"),
  description: str(form, "description"),
  price: str(form, "price"),
  difficulty: str(form, "difficulty"),
  imageUrl: str(form, "imageUrl"),
  metaTitle: str(form, "metaTitle"),
  metaDescription: str(form, "metaDescription"),
  learningObjectives: form.getAll("learningObjectives").map(String),
  prerequisites: form.getAll("prerequisites").map(String),
});

export async function saveCourseAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  let created: string | null = null;
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    if (!courseId) {
      created = (await createCourse(db, actor, courseFields(form), audit)).id;
      return;
    }
    await updateCourse(db, actor, { ...courseFields(form), courseId }, audit);
    return "Course saved.";
  });
  if (created) redirect(`/instructor/courses/${created}`);
  if (result.ok) revalidatePath(`/instructor/courses/${courseId}`);
  return result;
}

export async function checkSlugAction(slug: string, courseId?: string) {
  try {
    const { db, actor } = await ctx();
    return await checkSlugAvailability(db, actor, { slug, courseId });
  } catch (e) {
    if (isAppError(e)) return { available: false, reason: e.userMessage };
    throw e;
  }
}

export async function publishAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    if (str(form, "intent") === "unpublish") {
      await unpublishCourse(
        db,
        actor,
        { courseId, confirmEnrolled: str(form, "confirmEnrolled") || 0 },
        audit,
      );
      return "Unpublished: the course has left the catalog.";
    }
    await publishCourse(db, actor, courseId, audit);
    return "Published: the course is in the catalog.";
  });
  revalidatePath(`/instructor/courses/${courseId}`);
  return result;
}

export async function deleteCourseAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let deleted = false;
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    await deleteCourse(db, actor, str(form, "id"), audit);
    deleted = true;
  });
  if (deleted) redirect("/instructor?deleted=1");
  return result;
}

export async function saveModuleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  const moduleId = str(form, "moduleId");
  const fields = {
    title: str(form, "title"),
    description: str(form, "description"),
    published: form.get("published") === "on",
  };
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    if (moduleId) {
      await updateModule(db, actor, { moduleId, ...fields }, audit);
      return "Module saved.";
    }
    await createModule(db, actor, { courseId, ...fields }, audit);
    return "Module added.";
  });
  revalidatePath(`/instructor/courses/${courseId}`);
  return result;
}

export async function deleteModuleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    await deleteModule(
      db,
      actor,
      { id: str(form, "id"), confirmAffected: str(form, "confirmAffected") || 0 },
      audit,
    );
    return "Module deleted.";
  });
  revalidatePath(`/instructor/courses/${str(form, "courseId")}`);
  return result;
}

export async function createLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  let created: string | null = null;
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    created = (
      await createLesson(db, actor, { moduleId: str(form, "moduleId"), title: str(form, "title") }, audit)
    ).id;
  });
  if (created) redirect(`/instructor/courses/${courseId}/lessons/${created}`);
  return result;
}

export async function reorderAction(input: {
  kind: "modules" | "lessons";
  courseId: string;
  parentId: string;
  ids: string[];
  previousIds: string[];
}): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    const body = { parentId: input.parentId, ids: input.ids, previousIds: input.previousIds };
    if (input.kind === "modules") await reorderModules(db, actor, body, audit);
    else await reorderLessons(db, actor, body, audit);
  });
  revalidatePath(`/instructor/courses/${input.courseId}`);
  return result;
}

export async function saveLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    await updateLesson(
      db,
      actor,
      {
        lessonId: str(form, "lessonId"),
        title: str(form, "title"),
        lessonType: str(form, "lessonType"),
        duration: str(form, "duration"),
        content: str(form, "content"),
        videoUrl: str(form, "videoUrl"),
        resourceUrl: str(form, "resourceUrl"),
      },
      audit,
    );
    return "Lesson saved.";
  });
  revalidatePath(`/instructor/courses/${str(form, "courseId")}`, "layout");
  return result;
}

export async function moveLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    const { moved } = await moveLesson(
      db,
      actor,
      { lessonId: str(form, "lessonId"), toModuleId: str(form, "toModuleId") },
      audit,
    );
    return moved ? "Lesson moved to the end of that module." : "The lesson is already in that module.";
  });
  revalidatePath(`/instructor/courses/${str(form, "courseId")}`, "layout");
  return result;
}

export async function deleteLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  let deleted = false;
  const result = await runAction(async () => {
    const { db, actor, audit } = await ctx();
    await deleteLesson(
      db,
      actor,
      { id: str(form, "id"), confirmAffected: str(form, "confirmAffected") || 0 },
      audit,
    );
    deleted = true;
    return "Lesson deleted.";
  });
  revalidatePath(`/instructor/courses/${courseId}`);
  if (deleted && form.get("redirect") === "course") redirect(`/instructor/courses/${courseId}`);
  return result;
}

/** The lesson editor's live preview: the player's renderMarkdown on the server. */
export async function previewMarkdownAction(markdown: string): Promise<{ html: string } | { error: string }> {
  try {
    return { html: previewLessonMarkdown(await getActor(), markdown) };
  } catch (e) {
    if (isAppError(e)) return { error: e.userMessage };
    throw e;
  }
}
