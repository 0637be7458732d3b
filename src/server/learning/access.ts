import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, enrollments, lessons, modules, userProgress } from "../db/schema";
import { isCourseStaffSql } from "../authoring/staff";
import type { LessonType } from "../db/schema";
import { AppError, notFound } from "../errors";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { lockedUntil, moduleOpensAt, notYetAvailable } from "./lesson-access";

export interface PlayerLesson {
  id: string;
  title: string;
  description: string | null;
  content: string;
  lessonType: LessonType;
  duration: number;
  videoUrl: string | null;
  resourceUrl: string | null;
  moduleId: string;
}

export interface PlayerSyllabusLesson {
  id: string;
  title: string;
  lessonType: LessonType;
  duration: number;
  completed: boolean;
}

export interface PlayerModule {
  id: string;
  title: string;
  order: number;
  lessons: PlayerSyllabusLesson[];
  /** When the module opens for this learner, if that is still to come (scheduled release); null: open. */
  opensAt: Date | null;
}

export interface PlayerView {
  course: { id: string; slug: string; title: string };
  lesson: PlayerLesson;
  modules: PlayerModule[];
  enrollment: { status: string; progressPercentage: number } | null;
  /** Staff (admin, the course's instructors) preview without an enrollment: nothing is tracked. */
  preview: boolean;
  previousLessonId: string | null;
  nextLessonId: string | null;
  /** The lesson's module opens later for this student: its content is withheld until then. */
  lockedUntil: Date | null;
}

/**
 * A lesson as a learner may see it: resolved lesson → module → course (a lesson id under another course's
 * slug is not found), in a published module, for an ACTIVE or COMPLETED enrollment (an unpublished course
 * stays open to its enrolled students), or for the course's staff as a preview.
 */
export async function getLessonForLearner(
  db: Db,
  actor: Actor | null,
  slug: string,
  lessonId: string,
  opts: { whenLocked?: "refuse" | "withhold" } = {},
): Promise<PlayerView> {
  assertSignedIn(actor);
  const [found] = await db
    .select({
      course: { id: courses.id, slug: courses.slug, title: courses.title, published: courses.published },
      lesson: {
        id: lessons.id,
        title: lessons.title,
        description: lessons.description,
        content: lessons.content,
        lessonType: lessons.lessonType,
        duration: lessons.duration,
        videoUrl: lessons.videoUrl,
        resourceUrl: lessons.resourceUrl,
        moduleId: lessons.moduleId,
      },
      enrollment: { status: enrollments.status, progressPercentage: enrollments.progressPercentage },
      staff: sql<boolean>`${isCourseStaffSql(actor, courses.id)}`,
      opensAt: sql<Date | string | null>`${moduleOpensAt(sql.raw('"modules"'), sql.raw('"enrollments"'))}`,
    })
    .from(lessons)
    .innerJoin(modules, and(eq(modules.id, lessons.moduleId), eq(modules.published, true)))
    .innerJoin(courses, eq(courses.id, modules.courseId))
    .leftJoin(enrollments, and(eq(enrollments.courseId, courses.id), eq(enrollments.userId, actor.id)))
    .where(and(eq(lessons.id, lessonId), eq(courses.slug, slug)));
  if (!found) throw notFound("This lesson");
  const enrolled = found.enrollment && ["ACTIVE", "COMPLETED"].includes(found.enrollment.status);
  const staff = found.staff;
  if (!enrolled && !staff) {
    if (!found.course.published) throw notFound("This lesson");
    const status = found.enrollment?.status;
    throw new AppError("FORBIDDEN", {
      userMessage:
        status === "SUSPENDED"
          ? "Your enrollment in this course is suspended, so its lessons are closed to you."
          : status === "REFUNDED"
            ? "This course was refunded, so its lessons are closed. Buy it again to continue."
            : "Enroll in this course to open its lessons.",
    });
  }
  // The one lesson-access rule (lesson-access.ts): staff see everything; a student's module must be open. The
  // player shows the syllabus with when it opens ("withhold"); the API refuses (403 NOT_YET_AVAILABLE).
  const lockedUntilAt = staff ? null : lockedUntil(found.opensAt);
  if (lockedUntilAt && opts.whenLocked !== "withhold") throw notYetAvailable(lockedUntilAt);
  const lesson = lockedUntilAt
    ? { ...found.lesson, content: "", videoUrl: null, resourceUrl: null }
    : found.lesson;
  const modulesView = await findSyllabusWithProgress(db, found.course.id, actor.id);
  const order = modulesView.flatMap((m) => m.lessons.map((l) => l.id));
  const i = order.indexOf(lessonId);
  return {
    course: { id: found.course.id, slug: found.course.slug, title: found.course.title },
    lesson,
    modules: modulesView,
    enrollment: enrolled ? found.enrollment : null,
    preview: !enrolled,
    previousLessonId: i > 0 ? order[i - 1]! : null,
    nextLessonId: i >= 0 && i + 1 < order.length ? order[i + 1]! : null,
    lockedUntil: lockedUntilAt,
  };
}

/** The published syllabus of a course with the user's completion marks: one round trip. */
export async function findSyllabusWithProgress(
  db: Db,
  courseId: string,
  userId: string,
): Promise<PlayerModule[]> {
  const rows = await db
    .select({
      moduleId: modules.id,
      moduleTitle: modules.title,
      moduleOrder: modules.order,
      lessonId: lessons.id,
      lessonTitle: lessons.title,
      lessonType: lessons.lessonType,
      duration: lessons.duration,
      completed: sql<boolean>`coalesce(${userProgress.completed}, false)`,
      opensAt: sql<Date | string | null>`${moduleOpensAt(sql.raw('"modules"'), sql.raw('"enrollments"'))}`,
    })
    .from(modules)
    .innerJoin(lessons, eq(lessons.moduleId, modules.id))
    .leftJoin(userProgress, and(eq(userProgress.lessonId, lessons.id), eq(userProgress.userId, userId)))
    .leftJoin(enrollments, and(eq(enrollments.courseId, modules.courseId), eq(enrollments.userId, userId)))
    .where(and(eq(modules.courseId, courseId), eq(modules.published, true)))
    .orderBy(asc(modules.order), asc(lessons.order));
  const out: PlayerModule[] = [];
  for (const r of rows) {
    let m = out.at(-1);
    if (m?.id !== r.moduleId) {
      m = {
        id: r.moduleId,
        title: r.moduleTitle,
        order: r.moduleOrder,
        lessons: [],
        opensAt: lockedUntil(r.opensAt),
      };
      out.push(m);
    }
    m.lessons.push({
      id: r.lessonId,
      title: r.lessonTitle,
      lessonType: r.lessonType,
      duration: r.duration,
      completed: r.completed,
    });
  }
  return out;
}

/** The same, for the JSON API, which addresses lessons by id alone. */
export async function getLessonForLearnerById(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<PlayerView> {
  assertSignedIn(actor);
  const [row] = await db
    .select({ slug: courses.slug })
    .from(lessons)
    .innerJoin(modules, eq(modules.id, lessons.moduleId))
    .innerJoin(courses, eq(courses.id, modules.courseId))
    .where(eq(lessons.id, lessonId));
  if (!row) throw notFound("This lesson");
  return getLessonForLearner(db, actor, row.slug, lessonId);
}
