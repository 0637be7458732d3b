"use server";

import { addCoInstructor, removeCoInstructor, transferCourseOwnership } from "@/server/authoring/instructors";
import {
  checkSlugAvailability,
  createCourse,
  deleteCourse,
  publishCourse,
  unpublishCourse,
  updateCourse,
} from "@/server/authoring/courses";
import {
  createLesson,
  createModule,
  deleteModule,
  reorderLessons,
  reorderModules,
  updateModule,
} from "@/server/authoring/structure";
import { formString as str, handleForm, runAction, type ActionResult } from "@/server/http/action";
import type { TCourseInput, TModuleReleaseInput } from "@/server/authoring/schemas";

/** The authoring actions of a course and its structure; the lesson editor's are beside its page. */

const coursePath = (courseId: string) => `/instructor/courses/${courseId}`;

const courseFields = (form: FormData) => ({
  courseId: str(form, "courseId"),
  title: str(form, "title"),
  slug: str(form, "slug"),
  description: str(form, "description"),
  price: str(form, "price"),
  // Validated by the service (ZCourseInput); the form only carries strings.
  difficulty: str(form, "difficulty") as TCourseInput["difficulty"],
  imageUrl: str(form, "imageUrl"),
  metaTitle: str(form, "metaTitle"),
  metaDescription: str(form, "metaDescription"),
  learningObjectives: form.getAll("learningObjectives").map(String),
  prerequisites: form.getAll("prerequisites").map(String),
  // The form lists the required courses whenever there are courses to choose from; unchecked means none.
  ...(str(form, "prerequisiteCoursesShown")
    ? { prerequisiteCourseIds: form.getAll("prerequisiteCourseIds").map(String) }
    : {}),
});

export async function saveCourseAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  // Checked boxes come back as one value, so a refused save keeps them ticked.
  form.set("__required", form.getAll("prerequisiteCourseIds").map(String).join(","));
  return handleForm(
    form,
    courseFields,
    async ({ courseId, ...fields }, { db, actor, audit }) => {
      if (!courseId) {
        const { id } = await createCourse(db, actor, fields, audit);
        return { redirect: coursePath(id) };
      }
      await updateCourse(db, actor, { ...fields, courseId }, audit);
      return "Course saved.";
    },
    { revalidate: courseId ? [coursePath(courseId)] : [] },
  );
}

export async function checkSlugAction(
  slug: string,
  courseId?: string,
): Promise<ActionResult<{ available: boolean; reason?: string }>> {
  return runAction(async ({ db, actor }) => ({
    data: await checkSlugAvailability(db, actor, { slug, courseId }),
  }));
}

export async function publishAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  return handleForm(
    form,
    (f) => ({ intent: str(f, "intent"), confirmEnrolled: str(f, "confirmEnrolled") || 0 }),
    async ({ intent, confirmEnrolled }, { db, actor, audit }) => {
      if (intent === "unpublish") {
        await unpublishCourse(db, actor, { courseId, confirmEnrolled }, audit);
        return "Unpublished: the course has left the catalog.";
      }
      await publishCourse(db, actor, courseId, audit);
      return "Published: the course is in the catalog.";
    },
    { revalidate: [coursePath(courseId)] },
  );
}

export async function deleteCourseAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => str(f, "id"),
    async (id, { db, actor, audit }) => {
      await deleteCourse(db, actor, id, audit);
      return { redirect: "/instructor?deleted=1" };
    },
  );
}

/** The module form's release fields as the service takes them (a date typed in the form is UTC). */
function moduleRelease(form: FormData): { release?: TModuleReleaseInput } {
  const kind = str(form, "releaseKind");
  // The days are checked (a whole number from 1) by the service's schema, which coerces the text.
  if (kind === "after_days") return { release: { kind, days: str(form, "releaseDays") } };
  if (kind === "on_date") {
    const typed = str(form, "releaseDate").trim();
    return { release: { kind, date: typed.length === 16 ? `${typed}:00Z` : typed } };
  }
  if (kind === "immediate") return { release: { kind } };
  return {};
}

export async function saveModuleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  return handleForm(
    form,
    (f) => ({
      moduleId: str(f, "moduleId"),
      title: str(f, "title"),
      description: str(f, "description"),
      published: f.get("published") === "on",
      ...moduleRelease(f),
    }),
    async ({ moduleId, ...fields }, { db, actor, audit }) => {
      if (moduleId) {
        await updateModule(db, actor, { moduleId, ...fields }, audit);
        return "Module saved.";
      }
      await createModule(db, actor, { courseId, ...fields }, audit);
      return "Module added.";
    },
    { revalidate: [coursePath(courseId)] },
  );
}

export async function deleteModuleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ id: str(f, "id"), confirmAffected: str(f, "confirmAffected") || 0 }),
    async (input, { db, actor, audit }) => {
      await deleteModule(db, actor, input, audit);
      return "Module deleted.";
    },
    { revalidate: [coursePath(str(form, "courseId"))] },
  );
}

export async function createLessonAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  return handleForm(
    form,
    (f) => ({ moduleId: str(f, "moduleId"), title: str(f, "title") }),
    async (input, { db, actor, audit }) => {
      const { id } = await createLesson(db, actor, input, audit);
      return { redirect: `${coursePath(courseId)}/lessons/${id}` };
    },
  );
}

export async function reorderAction(input: {
  kind: "modules" | "lessons";
  courseId: string;
  parentId: string;
  ids: string[];
  previousIds: string[];
}): Promise<ActionResult> {
  return runAction(
    async ({ db, actor, audit }) => {
      const body = { parentId: input.parentId, ids: input.ids, previousIds: input.previousIds };
      if (input.kind === "modules") await reorderModules(db, actor, body, audit);
      else await reorderLessons(db, actor, body, audit);
    },
    // Also after a refused move: the editor then shows the order someone else saved.
    { revalidate: [coursePath(input.courseId)] },
  );
}

export async function addInstructorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const courseId = str(form, "courseId");
  return handleForm(
    form,
    (f) => ({ courseId, email: str(f, "email") }),
    async (input, { db, actor, audit }) => {
      const { added } = await addCoInstructor(db, actor, input, audit);
      return added ? "Instructor added." : "Already on this course.";
    },
    { revalidate: [coursePath(courseId)] },
  );
}

/** A team change on one member (remove, leave, make owner): the course and the member from the form. */
function memberAction(
  service: typeof removeCoInstructor | typeof transferCourseOwnership,
  message: string,
): (prev: ActionResult | null, form: FormData) => Promise<ActionResult> {
  return async (_prev, form) => {
    const courseId = str(form, "courseId");
    return handleForm(
      form,
      (f) => ({ courseId, userId: str(f, "userId") }),
      async (input, { db, actor, audit }) => {
        await service(db, actor, input, audit);
        return message;
      },
      { revalidate: [coursePath(courseId)] },
    );
  };
}

export async function removeInstructorAction(prev: ActionResult | null, form: FormData) {
  return memberAction(removeCoInstructor, "Removed from the course.")(prev, form);
}

export async function transferOwnershipAction(prev: ActionResult | null, form: FormData) {
  return memberAction(
    transferCourseOwnership,
    "Ownership transferred: the former owner stays as a co-instructor.",
  )(prev, form);
}
