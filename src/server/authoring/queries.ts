import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, enrollments, lessons, modules, userProgress } from "../db/schema";
import type { Difficulty, LessonType } from "../db/schema";
import { notFound } from "../errors";
import type { Actor } from "../accounts/actor";
import { assertAuthor, mayEdit } from "./course-access";
import { courseDetailColumns, findCoursePublishProblems, type PublishProblem } from "./courses";

export interface MyCourseRow {
  id: string;
  title: string;
  slug: string;
  published: boolean;
  enrollmentCount: number;
  /** Completed ÷ enrollments that count (not REFUNDED), in whole percent; null without enrollments. */
  completionRate: number | null;
  ratingAverage: string | null;
  ratingCount: number;
  updatedAt: Date;
}

/** An instructor's courses (an admin's: every course), drafts included, most recently edited first. */
export async function findMyCourses(db: Db, actor: Actor | null): Promise<MyCourseRow[]> {
  assertAuthor(actor);
  // Correlated subqueries name the outer table in full: in a one-table select Drizzle writes `${courses.id}`
  // as a bare "id", which inside the subquery would mean the subquery's own column.
  const completed = sql<number>`(SELECT count(*)::int FROM ${enrollments} e WHERE e.course_id = courses.id AND e.status = 'COMPLETED')`;
  const rows = await db
    .select({
      id: courses.id,
      title: courses.title,
      slug: courses.slug,
      published: courses.published,
      enrollmentCount: courses.enrollmentCount,
      completed,
      ratingAverage: sql<string>`${courses.ratingAverage}::text`,
      ratingCount: courses.ratingCount,
      updatedAt: courses.updatedAt,
    })
    .from(courses)
    .where(actor.role === "ADMIN" ? undefined : mayEdit(actor, courses.id))
    .orderBy(desc(courses.updatedAt), asc(courses.id))
    .limit(500);
  return rows.map(({ completed: done, ...r }) => ({
    ...r,
    completionRate: r.enrollmentCount > 0 ? Math.floor((done * 100) / r.enrollmentCount) : null,
    ratingAverage: r.ratingCount > 0 ? r.ratingAverage : null,
  }));
}

export interface EditorLesson {
  id: string;
  title: string;
  lessonType: LessonType;
  duration: number;
  hasContent: boolean;
  /** Students with progress recorded in this lesson (what deleting it would touch). */
  studentsWithProgress: number;
}

export interface EditorModule {
  id: string;
  title: string;
  description: string;
  published: boolean;
  duration: number;
  lessons: EditorLesson[];
  studentsWithProgress: number;
  /** Scheduled release: when the module opens to an enrolled student. */
  releaseKind: "immediate" | "after_days" | "on_date";
  releaseDays: number | null;
  releaseDate: Date | null;
}

export interface CourseEditorView {
  course: {
    id: string;
    title: string;
    slug: string;
    description: string;
    price: number;
    difficulty: Difficulty;
    imageUrl: string | null;
    metaTitle: string | null;
    metaDescription: string | null;
    learningObjectives: string[];
    prerequisites: string[];
    published: boolean;
    featured: boolean;
    firstPublishedAt: Date | null;
    duration: number;
  };
  modules: EditorModule[];
  /** Students who may open the lessons (ACTIVE or COMPLETED). */
  enrolledStudents: number;
  publishProblems: PublishProblem[];
}

/** Everything the course editor shows; not found for a course the actor may not edit. */
export async function getCourseForEditing(
  db: Db,
  actor: Actor | null,
  courseId: string,
): Promise<CourseEditorView> {
  assertAuthor(actor);
  const [course] = await db
    .select({
      id: courses.id,
      ...courseDetailColumns,
      published: courses.published,
      featured: courses.featured,
      firstPublishedAt: courses.firstPublishedAt,
      duration: courses.duration,
      enrolled: sql<number>`(SELECT count(*)::int FROM ${enrollments} e WHERE e.course_id = courses.id AND e.status IN ('ACTIVE', 'COMPLETED'))`,
    })
    .from(courses)
    .where(and(eq(courses.id, courseId), mayEdit(actor, courses.id)));
  if (!course) throw notFound("This course");
  const studentsIn = (lessonIds: SQL) =>
    sql<number>`(SELECT count(DISTINCT up.user_id)::int FROM ${userProgress} up WHERE up.lesson_id IN (${lessonIds}))`;
  const [rows, moduleRows] = await Promise.all([
    db
      .select({
        moduleId: modules.id,
        lessonId: lessons.id,
        title: lessons.title,
        lessonType: lessons.lessonType,
        duration: lessons.duration,
        hasContent: sql<boolean>`btrim(${lessons.content}) <> ''`,
        students: studentsIn(sql`${lessons.id}`),
      })
      .from(modules)
      .innerJoin(lessons, eq(lessons.moduleId, modules.id))
      .where(eq(modules.courseId, courseId))
      .orderBy(asc(modules.order), asc(lessons.order)),
    db
      .select({
        id: modules.id,
        title: modules.title,
        description: modules.description,
        published: modules.published,
        duration: modules.duration,
        releaseKind: modules.releaseKind,
        releaseDays: modules.releaseDays,
        releaseDate: modules.releaseDate,
        studentsWithProgress: studentsIn(sql`SELECT l.id FROM ${lessons} l WHERE l.module_id = modules.id`),
      })
      .from(modules)
      .where(eq(modules.courseId, courseId))
      .orderBy(asc(modules.order)),
  ]);
  const editorModules: EditorModule[] = moduleRows.map((m) => ({
    ...m,
    lessons: rows
      .filter((r) => r.moduleId === m.id)
      .map((r) => ({
        id: r.lessonId,
        title: r.title,
        lessonType: r.lessonType,
        duration: r.duration,
        hasContent: r.hasContent,
        studentsWithProgress: r.students,
      })),
  }));
  const { enrolled, ...details } = course;
  return {
    course: details,
    modules: editorModules,
    enrolledStudents: enrolled,
    publishProblems: await findCoursePublishProblems(db, courseId),
  };
}

/** One module as the course editor shows it, with its course's id; not found for a module the actor may not edit. */
export async function getModuleForEditing(
  db: Db,
  actor: Actor | null,
  moduleId: string,
): Promise<{ courseId: string; module: EditorModule; order: number }> {
  assertAuthor(actor);
  const [row] = await db
    .select({ courseId: modules.courseId })
    .from(modules)
    .innerJoin(courses, eq(courses.id, modules.courseId))
    .where(and(eq(modules.id, moduleId), mayEdit(actor, courses.id)));
  if (!row) throw notFound("This module");
  const view = await getCourseForEditing(db, actor, row.courseId);
  const index = view.modules.findIndex((m) => m.id === moduleId);
  // Deleted between the two reads.
  if (index < 0) throw notFound("This module");
  return { courseId: row.courseId, module: view.modules[index]!, order: index + 1 };
}

export interface LessonEditorView {
  course: { id: string; slug: string; title: string };
  module: { id: string; title: string; published: boolean };
  modules: { id: string; title: string }[];
  lesson: {
    id: string;
    /** Its position in its module, 1..n. */
    order: number;
    title: string;
    lessonType: LessonType;
    duration: number;
    content: string;
    videoUrl: string | null;
    resourceUrl: string | null;
  };
  /** Students with progress recorded in this lesson (what deleting it would touch). */
  studentsWithProgress: number;
}

export async function getLessonForEditing(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<LessonEditorView> {
  assertAuthor(actor);
  const [row] = await db
    .select({
      course: { id: courses.id, slug: courses.slug, title: courses.title },
      module: { id: modules.id, title: modules.title, published: modules.published },
      lesson: {
        id: lessons.id,
        order: lessons.order,
        title: lessons.title,
        lessonType: lessons.lessonType,
        duration: lessons.duration,
        content: lessons.content,
        videoUrl: lessons.videoUrl,
        resourceUrl: lessons.resourceUrl,
      },
      students: sql<number>`(SELECT count(DISTINCT up.user_id)::int FROM ${userProgress} up WHERE up.lesson_id = ${lessons.id})`,
    })
    .from(lessons)
    .innerJoin(modules, eq(modules.id, lessons.moduleId))
    .innerJoin(courses, eq(courses.id, modules.courseId))
    .where(and(eq(lessons.id, lessonId), mayEdit(actor, courses.id)));
  if (!row) throw notFound("This lesson");
  const siblings = await db
    .select({ id: modules.id, title: modules.title })
    .from(modules)
    .where(eq(modules.courseId, row.course.id))
    .orderBy(asc(modules.order));
  const { students, ...view } = row;
  return { ...view, modules: siblings, studentsWithProgress: students };
}
