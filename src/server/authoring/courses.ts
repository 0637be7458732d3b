import "server-only";
import { savePrerequisites } from "../learning/prerequisites";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courseInstructors, courseSlugRedirects, courses } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, isUniqueViolation, notFound } from "../errors";
import { parseInput } from "../validation";
import { recordAudit, type AuditContext } from "../audit/record";
import type { Actor } from "../accounts/actor";
import { SLUG_REGEX } from "@/lib/slug";
import { isCourseStaff } from "./staff";
import { assertAuthor, lockCourseForAuthor, lockCourseForOwner, type LockedCourse } from "./course-access";
import { ZCourseInput, ZCoursePatch, ZSlugCheck, ZUnpublishInput, ZUpdateCourseInput } from "./schemas";
import type { z } from "zod";

const slugTaken = () =>
  new AppError("CONFLICT", {
    userMessage: "That address is already taken by another course.",
    fields: [{ path: "slug", message: "Already taken by another course." }],
  });

/** The audit snapshot of a course's details: small, no long text. */
const snapshot = (c: {
  title: string;
  slug: string;
  price: number;
  difficulty: string;
  published?: boolean;
}) => ({ title: c.title, slug: c.slug, price: c.price, difficulty: c.difficulty, published: c.published });

/** Whether a slug can be used (by `courseId`, when editing): well-formed, not another course's, not an old address. */
export async function checkSlugAvailability(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZSlugCheck>,
): Promise<{ available: boolean; reason?: string }> {
  assertAuthor(actor);
  const valid = parseInput(ZSlugCheck, input);
  const { slug, courseId } = valid;
  // Checking a slug for an existing course is part of editing it: course staff only (others: not found).
  if (courseId && !(await isCourseStaff(db, actor, courseId))) throw notFound("This course");
  if (!SLUG_REGEX.test(slug) || slug.length > 200) {
    return { available: false, reason: "Use lower-case letters and digits joined by single hyphens." };
  }
  const [row] = await queryRows<{ taken: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM courses WHERE slug = ${slug} AND id IS DISTINCT FROM ${courseId ?? null})
            OR EXISTS (SELECT 1 FROM course_slug_redirects WHERE old_slug = ${slug}
                       AND course_id IS DISTINCT FROM ${courseId ?? null}) AS taken`,
  );
  return row?.taken ? { available: false, reason: "Another course uses this address." } : { available: true };
}

/** Creates a draft course; its creator becomes its OWNER. */
export async function createCourse(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZCourseInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZCourseInput, input);
  const { prerequisiteCourseIds, ...data } = valid;
  try {
    return await db.transaction(async (tx) => {
      await assertSlugFree(tx, data.slug, null);
      const [course] = await tx
        .insert(courses)
        .values({ ...data, duration: 0, published: false })
        .returning({ id: courses.id, slug: courses.slug });
      await tx.insert(courseInstructors).values({ courseId: course!.id, userId: actor.id, role: "OWNER" });
      const required = prerequisiteCourseIds?.length
        ? (await savePrerequisites(tx, course!.id, prerequisiteCourseIds)).after
        : [];
      await recordAudit(
        tx,
        actor,
        {
          action: "course.created",
          entityType: "course",
          entityId: course!.id,
          after: { ...snapshot(data), prerequisiteCourseIds: required },
        },
        ctx,
      );
      return course!;
    });
  } catch (e) {
    if (isUniqueViolation(e, "courses_slug_unique")) throw slugTaken();
    throw e;
  }
}

async function assertSlugFree(tx: Db, slug: string, courseId: string | null) {
  const [row] = await queryRows<{ taken: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM course_slug_redirects WHERE old_slug = ${slug}
                       AND course_id IS DISTINCT FROM ${courseId}) AS taken`,
  );
  if (row?.taken) throw slugTaken();
}

type CourseDetails = Omit<z.output<typeof ZCourseInput>, "prerequisiteCourseIds">;

/** The course's own details, as the editor's form edits them (and the editor's view and a PATCH read them). */
export const courseDetailColumns = {
  title: courses.title,
  slug: courses.slug,
  description: courses.description,
  price: courses.price,
  difficulty: courses.difficulty,
  imageUrl: courses.imageUrl,
  metaTitle: courses.metaTitle,
  metaDescription: courses.metaDescription,
  learningObjectives: courses.learningObjectives,
  prerequisites: courses.prerequisites,
};

/**
 * Saves a course's details (the course editor's form: every field). After its first publication a slug change
 * keeps the old address as a redirect, in the same transaction; taking back one of the course's own old slugs
 * removes that redirect.
 */
export async function updateCourse(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZUpdateCourseInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZUpdateCourseInput, input);
  const { courseId, prerequisiteCourseIds, ...data } = valid;
  return saveCourseDetails(db, async (tx) => {
    const locked = await lockCourseForAuthor(tx, actor, courseId);
    return writeCourseDetails(tx, actor, locked, data, prerequisiteCourseIds, ctx);
  });
}

/**
 * Changes some of a course's details (the API's PATCH): the fields sent, each validated as the editor's form
 * validates it; every other field keeps its current value. The current row is read after the course lock is
 * taken and written in the same transaction, by the editor's own code, so a concurrent change to another
 * field (from the editor or another PATCH) is never overwritten with a stale value.
 */
export async function patchCourse(
  db: Db,
  actor: Actor | null,
  courseId: string,
  input: z.input<typeof ZCoursePatch>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { prerequisiteCourseIds, ...changes } = parseInput(ZCoursePatch, input);
  return saveCourseDetails(db, async (tx) => {
    const locked = await lockCourseForAuthor(tx, actor, courseId);
    const [current] = await tx.select(courseDetailColumns).from(courses).where(eq(courses.id, courseId));
    const merged: CourseDetails = { ...current!, ...definedOnly(changes) };
    return writeCourseDetails(tx, actor, locked, merged, prerequisiteCourseIds, ctx);
  });
}

/** The fields of a partial change that were sent (null, "clear it", is sent; undefined is not). */
function definedOnly<T extends Record<string, unknown>>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One transaction around a details write; a slug taken meanwhile (the unique index) is the same 409. */
async function saveCourseDetails<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (e) {
    if (isUniqueViolation(e, "courses_slug_unique")) throw slugTaken();
    throw e;
  }
}

/** Writes a course's details under its lock (taken by the caller): slug redirects, prerequisites, audit. */
async function writeCourseDetails(
  tx: Db,
  actor: Actor,
  locked: LockedCourse,
  data: CourseDetails,
  prerequisiteCourseIds: string[] | undefined,
  ctx: AuditContext,
) {
  const courseId = locked.id;
  const [before] = await tx.select().from(courses).where(eq(courses.id, courseId));
  await assertSlugFree(tx, data.slug, courseId);
  if (data.slug !== locked.slug) {
    await tx
      .delete(courseSlugRedirects)
      .where(and(eq(courseSlugRedirects.oldSlug, data.slug), eq(courseSlugRedirects.courseId, courseId)));
    if (locked.first_published_at) {
      await tx.insert(courseSlugRedirects).values({ oldSlug: locked.slug, courseId }).onConflictDoNothing();
    }
  }
  await tx.update(courses).set(data).where(eq(courses.id, courseId));
  const required = prerequisiteCourseIds
    ? await savePrerequisites(tx, courseId, prerequisiteCourseIds)
    : null;
  await recordAudit(
    tx,
    actor,
    {
      action: "course.updated",
      entityType: "course",
      entityId: courseId,
      before: {
        ...snapshot(before!),
        ...(required?.changed ? { prerequisiteCourseIds: required.before } : {}),
      },
      after: {
        ...snapshot(data),
        ...(required?.changed ? { prerequisiteCourseIds: required.after } : {}),
      },
    },
    ctx,
  );
  return { id: courseId, slug: data.slug };
}

export interface PublishProblem {
  /** What is missing, in words an instructor acts on. */
  message: string;
  lessonId?: string;
  moduleId?: string;
  /** A field of the course details form that needs filling. */
  field?: "learningObjectives";
}

/**
 * Everything that stands between the course and publication; empty when it can be published. The one
 * definition of "complete content": publishing checks it, and every structural write to a published course
 * keeps it (assertPublishedCourseStaysComplete). Blank means no character but white space.
 */
export async function findPublishProblems(tx: Db, courseId: string): Promise<PublishProblem[]> {
  const rows = await queryRows<{
    module_id: string;
    module_title: string;
    module_order: number;
    lesson_id: string | null;
    lesson_title: string | null;
    empty: boolean | null;
    quiz_without_questions: boolean | null;
  }>(
    tx,
    sql`SELECT m.id AS module_id, m.title AS module_title, m."order" AS module_order,
               l.id AS lesson_id, l.title AS lesson_title, l.content !~ '[^[:space:]]' AS empty,
               l.lesson_type = 'QUIZ' AND NOT EXISTS (SELECT 1 FROM quiz_questions q
                                                      WHERE q.lesson_id = l.id AND q.deleted_at IS NULL)
                 AS quiz_without_questions
        FROM modules m LEFT JOIN lessons l ON l.module_id = m.id
        WHERE m.course_id = ${courseId} AND m.published
        ORDER BY m."order", l."order"`,
  );
  if (rows.length === 0) return [{ message: "Add at least one published module." }];
  const problems: PublishProblem[] = [];
  for (const r of rows) {
    if (!r.lesson_id) {
      problems.push({ message: `Module “${r.module_title}” has no lessons.`, moduleId: r.module_id });
    } else if (r.empty) {
      problems.push({
        message: `Lesson “${r.lesson_title}” in “${r.module_title}” has no content.`,
        lessonId: r.lesson_id,
      });
    } else if (r.quiz_without_questions) {
      problems.push({
        message: `Quiz “${r.lesson_title}” in “${r.module_title}” has no questions.`,
        lessonId: r.lesson_id,
      });
    }
  }
  return problems;
}

/**
 * The checklist for publishing: what the course page needs (at least one learning objective: "What you'll
 * learn" is how students judge a course) and then the content (findPublishProblems). A course without a
 * picture gets a generated cover, so a picture is not required. Only publishing asks for the course-level
 * items; changes to an already published course are held to the content rules alone.
 */
export async function findCoursePublishProblems(tx: Db, courseId: string): Promise<PublishProblem[]> {
  const [course] = await tx
    .select({ objectives: courses.learningObjectives })
    .from(courses)
    .where(eq(courses.id, courseId));
  const problems: PublishProblem[] = [];
  if (course && course.objectives.filter((o) => o.trim() !== "").length === 0) {
    problems.push({
      message:
        "Add at least one learning objective (what students will be able to do) in the course details.",
      field: "learningObjectives",
    });
  }
  return [...problems, ...(await findPublishProblems(tx, courseId))];
}

/** Names a problem across a change: titles may change, ids do not. */
const problemKey = (p: PublishProblem) =>
  p.lessonId ? `lesson:${p.lessonId}` : p.moduleId ? `module:${p.moduleId}` : "course";

/** What to do about each kind of problem a change would introduce, in words an instructor acts on. */
const adviceFor = (p: PublishProblem) =>
  p.lessonId
    ? "A lesson in a published module needs content (and a quiz lesson at least one question): write it first, or work on the lesson in a draft module and move it in when it is ready."
    : p.moduleId
      ? "A published module needs at least one lesson: add or move one in first, make the module a draft, or delete the whole module."
      : "A published course needs at least one published module with lessons: publish another module first, or unpublish the course.";

/** The problems a published course had before a change; null for a draft (drafts may be incomplete). */
export interface ContentSnapshot {
  courseId: string;
  before: Set<string>;
}

/**
 * Call under the course lock, before changing a published course's modules or lessons; then, after the
 * change and in the same transaction, assertPublishedCourseStaysComplete. The course lock serializes every
 * authoring write to the course, so nothing changes between the two reads but this change.
 */
export async function snapshotPublishProblems(
  tx: Db,
  course: { id: string; published: boolean },
): Promise<ContentSnapshot | null> {
  if (!course.published) return null;
  const before = await findPublishProblems(tx, course.id);
  return { courseId: course.id, before: new Set(before.map(problemKey)) };
}

/**
 * "Published courses must have complete content" at all times: 409 CONFLICT (rolling the transaction back)
 * when the change made since the snapshot introduced a problem. Problems the course already had (published
 * before the rule was kept, or by raw SQL) are not blamed on the change, so such a course can be repaired
 * one step at a time; the editor lists them.
 */
export async function assertPublishedCourseStaysComplete(
  tx: Db,
  snapshot: ContentSnapshot | null,
  opts: { advice?: string; path?: string } = {},
) {
  if (!snapshot) return;
  const introduced = (await findPublishProblems(tx, snapshot.courseId)).filter(
    (p) => !snapshot.before.has(problemKey(p)),
  );
  if (introduced.length === 0) return;
  const advice = opts.advice ?? [...new Set(introduced.map(adviceFor))].join(" ");
  throw new AppError("CONFLICT", {
    message: `change would leave published course ${snapshot.courseId} incomplete`,
    userMessage: `Not saved: the course is published, and this change would leave it incomplete. ${introduced.map((p) => p.message).join(" ")} ${advice}`,
    fields: introduced.map((p) => ({
      path: opts.path ?? p.lessonId ?? p.moduleId ?? "modules",
      message: p.message,
    })),
  });
}

/** Publishes a course that passes every rule; the first publication is remembered. */
export async function publishCourse(db: Db, actor: Actor | null, courseId: string, ctx: AuditContext = {}) {
  assertAuthor(actor);
  return db.transaction(async (tx) => {
    const locked = await lockCourseForAuthor(tx, actor, courseId);
    if (locked.published) return { changed: false };
    const problems = await findCoursePublishProblems(tx, courseId);
    if (problems.length > 0) {
      throw new AppError("CONFLICT", {
        userMessage: `This course cannot be published yet: ${problems.map((p) => p.message).join(" ")}`,
        fields: problems.map((p) => ({
          path: p.field ?? p.lessonId ?? p.moduleId ?? "modules",
          message: p.message,
        })),
      });
    }
    await tx
      .update(courses)
      .set({ published: true, firstPublishedAt: sql`coalesce(${courses.firstPublishedAt}, now())` })
      .where(eq(courses.id, courseId));
    await recordAudit(
      tx,
      actor,
      {
        action: "course.published",
        entityType: "course",
        entityId: courseId,
        before: { published: false },
        after: { published: true, firstPublication: !locked.first_published_at },
      },
      ctx,
    );
    return { changed: true };
  });
}

/**
 * Takes a course out of the catalog (and off the featured list). Enrolled students keep access; when there
 * are any, the caller must confirm for their current number (409 otherwise, saying how many).
 */
export async function unpublishCourse(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZUnpublishInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const valid = parseInput(ZUnpublishInput, input);
  const { courseId, confirmEnrolled } = valid;
  return db.transaction(async (tx) => {
    const locked = await lockCourseForAuthor(tx, actor, courseId);
    if (!locked.published) return { changed: false };
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM enrollments WHERE course_id = ${courseId} AND status IN ('ACTIVE', 'COMPLETED')`,
    );
    const enrolled = row?.n ?? 0;
    if (enrolled > 0 && confirmEnrolled !== enrolled) {
      throw new AppError("CONFLICT", {
        userMessage: `${enrolled} ${enrolled === 1 ? "student is" : "students are"} enrolled. They keep access to the lessons; new students can no longer find or enroll in the course. Confirm to unpublish.`,
        fields: [{ path: "confirmEnrolled", message: String(enrolled) }],
        errorDetails: { enrolled },
      });
    }
    await tx.update(courses).set({ published: false, featured: false }).where(eq(courses.id, courseId));
    await recordAudit(
      tx,
      actor,
      {
        action: "course.unpublished",
        entityType: "course",
        entityId: courseId,
        before: { published: true },
        after: { published: false, featured: false, enrolledStudents: enrolled },
      },
      ctx,
    );
    return { changed: true };
  });
}

/**
 * The owner or an admin deletes a course nobody enrolled in or paid for; otherwise 409 (unpublish it instead).
 * A co-instructor is FORBIDDEN.
 */
export async function deleteCourse(db: Db, actor: Actor | null, courseId: string, ctx: AuditContext = {}) {
  assertAuthor(actor);
  return db.transaction(async (tx) => {
    const locked = await lockCourseForOwner(
      tx,
      actor,
      courseId,
      "Only the course's owner or an administrator can delete it.",
    );
    const [row] = await queryRows<{ enrollments: number; payments: number; certificates: number }>(
      tx,
      sql`SELECT (SELECT count(*)::int FROM enrollments WHERE course_id = ${courseId}) AS enrollments,
                 (SELECT count(*)::int FROM payments WHERE course_id = ${courseId}) AS payments,
                 (SELECT count(*)::int FROM certificates WHERE course_id = ${courseId}) AS certificates`,
    );
    if (row!.enrollments + row!.payments + row!.certificates > 0) {
      throw new AppError("CONFLICT", {
        userMessage:
          "This course has enrollments or payments, so it cannot be deleted. Unpublish it instead: it leaves the catalog and its students keep access.",
      });
    }
    await tx.delete(courses).where(eq(courses.id, courseId));
    await recordAudit(
      tx,
      actor,
      {
        action: "course.deleted",
        entityType: "course",
        entityId: courseId,
        before: { title: locked.title, slug: locked.slug },
      },
      ctx,
    );
  });
}
