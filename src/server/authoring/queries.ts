import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import type { Difficulty, LessonType } from "../db/schema";
import { queryRows } from "../db/rows";
import { notFound } from "../errors";
import type { Actor } from "../accounts/actor";
import { assertAuthor, mayEdit } from "./course-access";
import { findPublishProblems, type PublishProblem } from "./courses";

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
  const scope = actor.role === "ADMIN" ? sql`true` : mayEdit(actor);
  const rows = await queryRows<{
    id: string;
    title: string;
    slug: string;
    published: boolean;
    enrollment_count: number;
    completed: number;
    rating_average: string;
    rating_count: number;
    updated_at: Date | string;
  }>(
    db,
    sql`SELECT c.id, c.title, c.slug, c.published, c.enrollment_count, c.rating_average::text AS rating_average,
               c.rating_count, c.updated_at,
               (SELECT count(*)::int FROM enrollments e WHERE e.course_id = c.id AND e.status = 'COMPLETED') AS completed
        FROM courses c WHERE ${scope}
        ORDER BY c.updated_at DESC, c.id LIMIT 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    slug: r.slug,
    published: r.published,
    enrollmentCount: r.enrollment_count,
    completionRate: r.enrollment_count > 0 ? Math.floor((r.completed * 100) / r.enrollment_count) : null,
    ratingAverage: r.rating_count > 0 ? r.rating_average : null,
    ratingCount: r.rating_count,
    updatedAt: new Date(r.updated_at),
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
  const [c] = await queryRows<{
    id: string;
    title: string;
    slug: string;
    description: string;
    price: number;
    difficulty: Difficulty;
    image_url: string | null;
    meta_title: string | null;
    meta_description: string | null;
    learning_objectives: string[];
    prerequisites: string[];
    published: boolean;
    featured: boolean;
    first_published_at: Date | string | null;
    duration: number;
    enrolled: number;
  }>(
    db,
    sql`SELECT c.id, c.title, c.slug, c.description, c.price, c.difficulty, c.image_url, c.meta_title,
               c.meta_description, c.learning_objectives, c.prerequisites, c.published, c.featured,
               c.first_published_at, c.duration,
               (SELECT count(*)::int FROM enrollments e WHERE e.course_id = c.id AND e.status IN ('ACTIVE', 'COMPLETED')) AS enrolled
        FROM courses c WHERE c.id = ${courseId} AND ${mayEdit(actor)}`,
  );
  if (!c) throw notFound("This course");
  const rows = await queryRows<{
    module_id: string;
    module_title: string;
    module_description: string;
    module_published: boolean;
    module_duration: number;
    lesson_id: string | null;
    lesson_title: string | null;
    lesson_type: LessonType | null;
    lesson_duration: number | null;
    has_content: boolean | null;
    students: number | null;
  }>(
    db,
    sql`SELECT m.id AS module_id, m.title AS module_title, m.description AS module_description,
               m.published AS module_published, m.duration AS module_duration,
               l.id AS lesson_id, l.title AS lesson_title, l.lesson_type, l.duration AS lesson_duration,
               btrim(l.content) <> '' AS has_content,
               (SELECT count(DISTINCT up.user_id)::int FROM user_progress up WHERE up.lesson_id = l.id) AS students
        FROM modules m LEFT JOIN lessons l ON l.module_id = m.id
        WHERE m.course_id = ${courseId}
        ORDER BY m."order", l."order"`,
  );
  const modules: EditorModule[] = [];
  for (const r of rows) {
    let m = modules.at(-1);
    if (m?.id !== r.module_id) {
      m = {
        id: r.module_id,
        title: r.module_title,
        description: r.module_description,
        published: r.module_published,
        duration: r.module_duration,
        lessons: [],
        studentsWithProgress: 0,
      };
      modules.push(m);
    }
    if (r.lesson_id) {
      m.lessons.push({
        id: r.lesson_id,
        title: r.lesson_title!,
        lessonType: r.lesson_type!,
        duration: r.lesson_duration!,
        hasContent: Boolean(r.has_content),
        studentsWithProgress: r.students ?? 0,
      });
    }
  }
  const moduleStudents = await queryRows<{ module_id: string; n: number }>(
    db,
    sql`SELECT l.module_id, count(DISTINCT up.user_id)::int AS n
        FROM user_progress up JOIN lessons l ON l.id = up.lesson_id JOIN modules m ON m.id = l.module_id
        WHERE m.course_id = ${courseId} GROUP BY l.module_id`,
  );
  for (const s of moduleStudents) {
    const m = modules.find((x) => x.id === s.module_id);
    if (m) m.studentsWithProgress = s.n;
  }
  return {
    course: {
      id: c.id,
      title: c.title,
      slug: c.slug,
      description: c.description,
      price: c.price,
      difficulty: c.difficulty,
      imageUrl: c.image_url,
      metaTitle: c.meta_title,
      metaDescription: c.meta_description,
      learningObjectives: c.learning_objectives,
      prerequisites: c.prerequisites,
      published: c.published,
      featured: c.featured,
      firstPublishedAt: c.first_published_at ? new Date(c.first_published_at) : null,
      duration: c.duration,
    },
    modules,
    enrolledStudents: c.enrolled,
    publishProblems: await findPublishProblems(db, courseId),
  };
}

export interface LessonEditorView {
  course: { id: string; slug: string; title: string };
  module: { id: string; title: string; published: boolean };
  modules: { id: string; title: string }[];
  lesson: {
    id: string;
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
  const [r] = await queryRows<{
    course_id: string;
    slug: string;
    course_title: string;
    module_id: string;
    module_title: string;
    module_published: boolean;
    id: string;
    title: string;
    lesson_type: LessonType;
    duration: number;
    content: string;
    video_url: string | null;
    resource_url: string | null;
    students: number;
  }>(
    db,
    sql`SELECT (SELECT count(DISTINCT up.user_id)::int FROM user_progress up WHERE up.lesson_id = l.id) AS students,
               c.id AS course_id, c.slug, c.title AS course_title, m.id AS module_id, m.title AS module_title,
               m.published AS module_published, l.id, l.title, l.lesson_type, l.duration, l.content,
               l.video_url, l.resource_url
        FROM lessons l JOIN modules m ON m.id = l.module_id JOIN courses c ON c.id = m.course_id
        WHERE l.id = ${lessonId} AND ${mayEdit(actor)}`,
  );
  if (!r) throw notFound("This lesson");
  const modules = await queryRows<{ id: string; title: string }>(
    db,
    sql`SELECT id, title FROM modules WHERE course_id = ${r.course_id} ORDER BY "order"`,
  );
  return {
    course: { id: r.course_id, slug: r.slug, title: r.course_title },
    module: { id: r.module_id, title: r.module_title, published: r.module_published },
    modules,
    lesson: {
      id: r.id,
      title: r.title,
      lessonType: r.lesson_type,
      duration: r.duration,
      content: r.content,
      videoUrl: r.video_url,
      resourceUrl: r.resource_url,
    },
    studentsWithProgress: r.students,
  };
}
