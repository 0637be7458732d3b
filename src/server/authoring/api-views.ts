import "server-only";
import { z } from "zod";
import type { Db } from "../db/types";
import type { Actor } from "../accounts/actor";
import type { RequestInfo } from "../http/operation";
import { difficultyEnum, lessonTypeEnum } from "../db/schema/enums";
import { getEnv } from "../env";
import { apiErrorWith, ZApiError } from "../http/problem";
import { findPrerequisiteIds } from "../learning/prerequisites";
import {
  getCourseForEditing,
  getLessonForEditing,
  type CourseEditorView,
  type EditorModule,
} from "./queries";

/*
 * The public shapes of the authoring API (src/server/authoring/api.ts): what the course editor shows, as JSON.
 * Positions (`order`) are 1..n within the parent, as the services keep them.
 */

const ts = z.iso.datetime({ offset: true });
const minutes = z.number().int().describe("Minutes");
const students = z
  .number()
  .int()
  .describe("Students with progress recorded here (what deleting it would touch)");

export const err = (description: string) => ({ description, schema: ZApiError });

/* What every authoring operation shares. */
export const tags = ["authoring"];
export const read = ["author:read"] as const;
export const write = ["author:write"] as const;
export const id = z.object({ id: z.string().min(1).max(64) });
export const audit = (r: RequestInfo) => ({ requestId: r.requestId, ip: r.ip });

export const refused = {
  401: err("Not signed in"),
  403: err("Not an instructor, a token without the scope, or a cross-site request"),
};
export const notYours = (what: string) => err(`No such ${what}, or not one of your courses`);
export const invalid = err("Invalid fields (`fields` names each one)");

export const ZRelease = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("immediate") }),
    z.object({ kind: z.literal("after_days"), days: z.number().int() }),
    z.object({ kind: z.literal("on_date"), date: ts }),
  ])
  .describe("When the module opens to an enrolled student");

export const ZLessonSummary = z.object({
  id: z.string(),
  order: z.number().int(),
  title: z.string(),
  lessonType: z.enum(lessonTypeEnum.enumValues),
  duration: minutes,
  hasContent: z.boolean(),
  studentsWithProgress: students,
});

export const ZModuleView = z.object({
  id: z.string(),
  courseId: z.string(),
  order: z.number().int(),
  title: z.string(),
  description: z.string(),
  published: z.boolean(),
  duration: minutes.describe("The sum of its lessons' durations, in minutes"),
  release: ZRelease,
  studentsWithProgress: students,
  lessons: z.array(ZLessonSummary),
});

export const ZPublishProblem = z.object({
  message: z.string(),
  lessonId: z.string().optional(),
  moduleId: z.string().optional(),
  field: z.enum(["learningObjectives"]).optional(),
});

export const ZCourseView = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  price: z.number().int().describe("In minor units of `currency` (4999 is 49.99 USD); 0 is free"),
  currency: z.string(),
  difficulty: z.enum(difficultyEnum.enumValues),
  imageUrl: z.string().nullable(),
  metaTitle: z.string().nullable(),
  metaDescription: z.string().nullable(),
  learningObjectives: z.array(z.string()),
  prerequisites: z.array(z.string()).describe("What students should know first, in words"),
  prerequisiteCourseIds: z.array(z.string()).describe("Courses a student must complete first"),
  published: z.boolean(),
  featured: z.boolean(),
  firstPublishedAt: ts.nullable(),
  duration: minutes.describe("The sum over its published modules, in minutes"),
  enrolledStudents: z.number().int().describe("Students who may open the lessons (active or completed)"),
  publishProblems: z
    .array(ZPublishProblem)
    .describe("What stands between the course and publication (empty: it can be published)"),
  modules: z.array(ZModuleView),
});

export const ZCourseListItem = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  published: z.boolean(),
  enrollmentCount: z.number().int(),
  completionRate: z.number().int().nullable().describe("Whole percent; null without enrollments"),
  ratingAverage: z.string().nullable(),
  ratingCount: z.number().int(),
  updatedAt: ts,
});

export const ZLessonView = z.object({
  id: z.string(),
  courseId: z.string(),
  moduleId: z.string(),
  order: z.number().int(),
  title: z.string(),
  lessonType: z.enum(lessonTypeEnum.enumValues),
  duration: minutes,
  content: z.string().describe("Markdown"),
  videoUrl: z.string().nullable(),
  resourceUrl: z.string().nullable(),
  studentsWithProgress: students,
});

export const ZTeam = z.object({
  canManage: z
    .boolean()
    .describe("The caller is the owner or an admin: may add and remove instructors, delete the course"),
  members: z.array(
    z.object({
      userId: z.string(),
      name: z.string().nullable(),
      email: z.string(),
      role: z.enum(["OWNER", "INSTRUCTOR"]),
      canRemove: z.boolean().describe("The caller may remove this member (a co-instructor: only themselves)"),
      isViewer: z.boolean(),
    }),
  ),
});

/** 409 on a delete: the students whose progress it would remove (repeat with ?confirmAffected=N). */
export const ZAffectedConflict = apiErrorWith({
  affected: z
    .number()
    .int()
    .optional()
    .describe("Students with progress here: send ?confirmAffected= with this number to delete"),
});

/** 409 on unpublishing: the enrolled students (repeat with confirmEnrolled). */
export const ZEnrolledConflict = apiErrorWith({
  enrolled: z
    .number()
    .int()
    .optional()
    .describe("Enrolled students: send confirmEnrolled with this number to unpublish"),
});

export const releaseOf = (m: Pick<EditorModule, "releaseKind" | "releaseDays" | "releaseDate">) =>
  m.releaseKind === "after_days"
    ? { kind: "after_days" as const, days: m.releaseDays ?? 0 }
    : m.releaseKind === "on_date" && m.releaseDate
      ? { kind: "on_date" as const, date: new Date(m.releaseDate).toISOString() }
      : { kind: "immediate" as const };

export const moduleOf = (courseId: string, m: EditorModule, order: number): z.input<typeof ZModuleView> => ({
  id: m.id,
  courseId,
  order,
  title: m.title,
  description: m.description,
  published: m.published,
  duration: m.duration,
  release: releaseOf(m),
  studentsWithProgress: m.studentsWithProgress,
  lessons: m.lessons.map((l, i) => ({ ...l, order: i + 1 })),
});

const courseOf = (view: CourseEditorView, prerequisiteCourseIds: string[]) => ({
  ...view.course,
  firstPublishedAt: view.course.firstPublishedAt
    ? new Date(view.course.firstPublishedAt).toISOString()
    : null,
  currency: getEnv().currency,
  prerequisiteCourseIds,
  enrolledStudents: view.enrolledStudents,
  publishProblems: view.publishProblems,
  modules: view.modules.map((m, i) => moduleOf(view.course.id, m, i + 1)),
});

/** A course as its editor sees it (not found for a course the actor may not edit). */
export async function courseView(db: Db, actor: Actor | null, courseId: string) {
  const view = await getCourseForEditing(db, actor, courseId);
  return courseOf(view, await findPrerequisiteIds(db, courseId));
}

/** A lesson as its editor sees it (not found for a lesson the actor may not edit). */
export async function lessonView(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<z.input<typeof ZLessonView>> {
  const view = await getLessonForEditing(db, actor, lessonId);
  return {
    ...view.lesson,
    courseId: view.course.id,
    moduleId: view.module.id,
    studentsWithProgress: view.studentsWithProgress,
  };
}
