import "server-only";
import { and, asc, eq, sql, type Placeholder } from "drizzle-orm";
import { preparedFor } from "../db/statements";
import type { Db } from "../db/types";
import { courseInstructors, courseSlugRedirects, courses, lessons, modules, users } from "../db/schema";
import type { Difficulty, LessonType } from "../db/schema";
import type { Actor } from "../accounts/actor";
import { isCourseStaff } from "../authoring/staff";
import { getRatingSummary } from "./rating-summary";
import type { TRatingSummary } from "./schemas";

export interface CourseOutline {
  id: string;
  slug: string;
  title: string;
  description: string;
  price: number;
  duration: number;
  difficulty: Difficulty;
  published: boolean;
  featured: boolean;
  metaTitle: string | null;
  metaDescription: string | null;
  imageUrl: string | null;
  learningObjectives: string[];
  prerequisites: string[];
  createdAt: Date;
  updatedAt: Date;
  enrollmentCount: number;
  ratingCount: number;
  /** Exact decimal text, "0.00" while unrated (see refreshCourseStats). */
  ratingAverage: string;
  modules: OutlineModule[];
}

export interface OutlineModule {
  id: string;
  title: string;
  description: string;
  order: number;
  duration: number;
  published: boolean;
  /** Scheduled release (migration 0019): when the module opens to an enrolled student. */
  releaseKind: "immediate" | "after_days" | "on_date";
  releaseDays: number | null;
  releaseDate: Date | null;
  lessons: OutlineLesson[];
}

export interface OutlineLesson {
  id: string;
  title: string;
  description: string | null;
  order: number;
  duration: number;
  lessonType: LessonType;
}

/**
 * The document's "course with modules and lessons" query: one round trip (LEFT JOINs ordered by
 * module then lesson order), folded into a tree. Lesson content is never part of an outline.
 * With `publishedModulesOnly`, draft modules are left out (what learners and visitors see).
 */
export async function getCourseOutlineBySlug(
  db: Db,
  slug: string,
  opts: { publishedModulesOnly?: boolean } = {},
): Promise<CourseOutline | null> {
  const rows = await (opts.publishedModulesOnly ? publishedOutline : fullOutline)(db).execute({ slug });
  const first = rows[0];
  if (!first) return null;
  const outline: CourseOutline = { ...first.course, modules: [] };
  let current: OutlineModule | undefined;
  for (const row of rows) {
    if (!row.module) continue;
    if (current?.id !== row.module.id) {
      current = { ...row.module, lessons: [] };
      outline.modules.push(current);
    }
    if (row.lesson) current.lessons.push(row.lesson);
  }
  return outline;
}

const publishedOutline = preparedFor((db) =>
  courseOutlineStatement(db, sql.placeholder("slug"), { publishedModulesOnly: true }).prepare(
    "catalog_outline_published",
  ),
);
const fullOutline = preparedFor((db) =>
  courseOutlineStatement(db, sql.placeholder("slug")).prepare("catalog_outline_all"),
);

/** The outline's one statement (exported so its plan can be examined). */
export function courseOutlineStatement(
  db: Db,
  slug: string | Placeholder,
  opts: { publishedModulesOnly?: boolean } = {},
) {
  const moduleJoin = opts.publishedModulesOnly
    ? and(eq(modules.courseId, courses.id), eq(modules.published, true))
    : eq(modules.courseId, courses.id);
  return db
    .select({
      course: {
        id: courses.id,
        slug: courses.slug,
        title: courses.title,
        description: courses.description,
        price: courses.price,
        duration: courses.duration,
        difficulty: courses.difficulty,
        published: courses.published,
        featured: courses.featured,
        metaTitle: courses.metaTitle,
        metaDescription: courses.metaDescription,
        imageUrl: courses.imageUrl,
        learningObjectives: courses.learningObjectives,
        prerequisites: courses.prerequisites,
        createdAt: courses.createdAt,
        updatedAt: courses.updatedAt,
        enrollmentCount: courses.enrollmentCount,
        ratingCount: courses.ratingCount,
        ratingAverage: sql<string>`${courses.ratingAverage}::text`,
      },
      module: {
        id: modules.id,
        title: modules.title,
        description: modules.description,
        order: modules.order,
        duration: modules.duration,
        published: modules.published,
        releaseKind: modules.releaseKind,
        releaseDays: modules.releaseDays,
        releaseDate: modules.releaseDate,
      },
      lesson: {
        id: lessons.id,
        title: lessons.title,
        description: lessons.description,
        order: lessons.order,
        duration: lessons.duration,
        lessonType: lessons.lessonType,
      },
    })
    .from(courses)
    .leftJoin(modules, moduleJoin)
    .leftJoin(lessons, eq(lessons.moduleId, modules.id))
    .where(eq(courses.slug, slug))
    .orderBy(asc(modules.order), asc(lessons.order));
}

export interface CourseInstructorView {
  id: string;
  name: string;
  image: string | null;
  role: "OWNER" | "INSTRUCTOR";
}

export async function findCourseInstructors(db: Db, courseId: string): Promise<CourseInstructorView[]> {
  const rows = await instructorsOfCourse(db).execute({ courseId });
  // A display name only: instructors without a name are shown by the part of their address before the @.
  return rows.map(({ email, name, ...r }) => ({ ...r, name: name ?? email.split("@")[0]! }));
}

const instructorsOfCourse = preparedFor((db) =>
  courseInstructorsStatement(db, sql.placeholder("courseId")).prepare("catalog_course_instructors"),
);

/** The instructors' one statement (exported so its plan can be examined). */
export function courseInstructorsStatement(db: Db, courseId: string | Placeholder) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      image: users.image,
      role: courseInstructors.role,
    })
    .from(courseInstructors)
    .innerJoin(users, eq(users.id, courseInstructors.userId))
    .where(eq(courseInstructors.courseId, courseId))
    .orderBy(asc(courseInstructors.role), asc(courseInstructors.createdAt));
}

export interface PublicCoursePage {
  course: CourseOutline;
  instructors: CourseInstructorView[];
  lessonCount: number;
  rating: TRatingSummary;
}

/**
 * What a visitor sees of a course: published courses only (anything else is not found), draft modules left
 * out. Three index-backed reads: the outline (one query: course by slug, its modules, their lessons), the
 * instructors, and the rating summary (run side by side).
 */
export async function getPublicCoursePage(db: Db, slug: string): Promise<PublicCoursePage | null> {
  return getCoursePage(db, null, slug);
}

/**
 * The course page for whoever asks: published courses for everyone; an unpublished (draft) course only for
 * admins and the course's own instructors, marked as a draft. Anyone else gets "not found".
 */
export async function getCoursePage(
  db: Db,
  actor: Pick<Actor, "id" | "role"> | null,
  slug: string,
): Promise<(PublicCoursePage & { draft: boolean }) | null> {
  const course = await getCourseOutlineBySlug(db, slug, { publishedModulesOnly: true });
  if (!course) return null;
  if (!course.published) {
    if (!(await isCourseStaff(db, actor, course.id))) return null;
  }
  const [instructors, rating] = await Promise.all([
    findCourseInstructors(db, course.id),
    getRatingSummary(db, course.id),
  ]);
  return {
    course,
    instructors,
    rating,
    lessonCount: course.modules.reduce((n, m) => n + m.lessons.length, 0),
    draft: !course.published,
  };
}

/** Where an old slug of a course now lives (a slug changed after first publication), or null. */
export async function findSlugRedirect(db: Db, oldSlug: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: courses.slug })
    .from(courseSlugRedirects)
    .innerJoin(courses, eq(courses.id, courseSlugRedirects.courseId))
    .where(eq(courseSlugRedirects.oldSlug, oldSlug));
  return row?.slug ?? null;
}
