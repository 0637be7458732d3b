import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { coursePrerequisites, courses, prerequisiteExceptions, users } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { assertRole, type Actor } from "../accounts/actor";
import { parseInput } from "../validation";

/**
 * Structured prerequisites (docs/decisions.md, "Prerequisites"): a course may require completing other
 * published courses. Checked when a student enrolls in a free course or starts buying a paid one; students
 * already enrolled keep their access; an admin may grant one student an exception.
 */

export interface RequiredCourse {
  id: string;
  slug: string;
  title: string;
}

/** At most this many required courses per course. */
export const MAX_PREREQUISITES = 10;

/** `(a, b, c)` of bound ids for an IN list. */
const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** Any fixed key: every change to the prerequisite graph takes this transaction lock first. */
const GRAPH_LOCK = 720_180_001;

/** The published courses `courseId` requires (unpublished ones cannot be taken, so they do not bind). */
export async function findRequiredCourses(db: Db, courseId: string): Promise<RequiredCourse[]> {
  return db
    .select({ id: courses.id, slug: courses.slug, title: courses.title })
    .from(coursePrerequisites)
    .innerJoin(courses, eq(courses.id, coursePrerequisites.requiredCourseId))
    .where(and(eq(coursePrerequisites.courseId, courseId), eq(courses.published, true)))
    .orderBy(courses.title);
}

/** Every required course of `courseId`, published or not (for its editor). */
export async function findPrerequisiteIds(db: Db, courseId: string): Promise<string[]> {
  const rows = await db
    .select({ id: coursePrerequisites.requiredCourseId })
    .from(coursePrerequisites)
    .where(eq(coursePrerequisites.courseId, courseId));
  return rows.map((r) => r.id);
}

/** The required courses with the student's standing in each (the course page). */
export async function prerequisiteStatus(
  db: Db,
  userId: string | null,
  courseId: string,
): Promise<(RequiredCourse & { completed: boolean; progress: number | null })[]> {
  const rows = await queryRows<{
    id: string;
    slug: string;
    title: string;
    status: string | null;
    progress: number | null;
  }>(
    db,
    sql`SELECT c.id, c.slug, c.title, e.status::text AS status, e.progress_percentage AS progress
          FROM course_prerequisites p JOIN courses c ON c.id = p.required_course_id
          LEFT JOIN enrollments e ON e.course_id = c.id AND e.user_id = ${userId}
         WHERE p.course_id = ${courseId} AND c.published
         ORDER BY c.title`,
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    completed: r.status === "COMPLETED",
    progress: r.status === "ACTIVE" || r.status === "COMPLETED" ? Number(r.progress ?? 0) : null,
  }));
}

/**
 * The required courses the student has not completed, or none when an admin granted them an exception. One
 * indexed query (the course's prerequisites, the student's enrollments in them).
 */
export async function missingPrerequisites(
  db: Db,
  userId: string,
  courseId: string,
): Promise<RequiredCourse[]> {
  return queryRows<RequiredCourse & Record<string, unknown>>(
    db,
    sql`SELECT c.id, c.slug, c.title
          FROM course_prerequisites p JOIN courses c ON c.id = p.required_course_id
         WHERE p.course_id = ${courseId} AND c.published
           AND NOT EXISTS (SELECT 1 FROM enrollments e
                            WHERE e.user_id = ${userId} AND e.course_id = c.id AND e.status = 'COMPLETED')
           AND NOT EXISTS (SELECT 1 FROM prerequisite_exceptions x
                            WHERE x.course_id = p.course_id AND x.user_id = ${userId})
         ORDER BY c.title`,
  );
}

const listTitles = (titles: string[]) =>
  titles.length <= 1 ? (titles[0] ?? "") : `${titles.slice(0, -1).join(", ")} and ${titles.at(-1)}`;

/** 409 PREREQUISITES_NOT_MET naming what to complete first, when anything is missing. */
export async function assertPrerequisitesMet(db: Db, userId: string, courseId: string) {
  const missing = await missingPrerequisites(db, userId, courseId);
  if (missing.length === 0) return;
  throw new AppError("PREREQUISITES_NOT_MET", {
    userMessage: `This course requires completing ${listTitles(missing.map((m) => `“${m.title}”`))} first.`,
    errorDetails: { missing },
  });
}

/**
 * Replaces a course's required courses (inside the course editor's transaction, with the course locked).
 * Every id must be another published course; the new graph must have no cycle — the path back to this course
 * is named (422). All graph changes are serialized by one transaction-level advisory lock, so two editors
 * cannot close a cycle between them.
 */
export async function savePrerequisites(tx: Db, courseId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids)];
  const invalid = (message: string) =>
    new AppError("INVALID_INPUT", {
      userMessage: message,
      fields: [{ path: "prerequisiteCourseIds", message }],
    });
  if (wanted.length > MAX_PREREQUISITES) throw invalid(`Require at most ${MAX_PREREQUISITES} courses.`);
  if (wanted.includes(courseId)) throw invalid("A course cannot require itself.");
  await queryRows(tx, sql`SELECT pg_advisory_xact_lock(${GRAPH_LOCK})`);
  const current = await findPrerequisiteIds(tx, courseId);
  const added = wanted.filter((id) => !current.includes(id));
  if (added.length > 0) {
    const found = await queryRows<{ id: string; published: boolean }>(
      tx,
      sql`SELECT id, published FROM courses WHERE id IN (${idList(added)})`,
    );
    if (found.length !== added.length || found.some((c) => !c.published))
      throw invalid("Only published courses can be required.");
    // A path from a newly required course back to this one would close a cycle.
    const [cycle] = await queryRows<{ path: string[] }>(
      tx,
      sql`WITH RECURSIVE reach(id, path) AS (
            SELECT c.id, ARRAY[c.id]::varchar[] FROM courses c
             WHERE c.id IN (${idList(added)})
            UNION ALL
            SELECT p.required_course_id, reach.path || p.required_course_id
              FROM reach JOIN course_prerequisites p ON p.course_id = reach.id
             WHERE p.course_id <> ${courseId} AND NOT p.required_course_id = ANY(reach.path)
               AND cardinality(reach.path) < 50)
          SELECT path FROM reach WHERE id = ${courseId} LIMIT 1`,
    );
    if (cycle) {
      const ids = [courseId, ...cycle.path];
      const titles = await queryRows<{ id: string; title: string }>(
        tx,
        sql`SELECT id, title FROM courses WHERE id IN (${idList([...new Set(ids)])})`,
      );
      const name = (id: string) => `“${titles.find((t) => t.id === id)?.title ?? id}”`;
      const chain = ids.map(name).join(" requires ");
      throw new AppError("INVALID_INPUT", {
        userMessage: `That would make a circle of prerequisites: ${chain}. Remove one of them.`,
        fields: [{ path: "prerequisiteCourseIds", message: `Circular: ${chain}.` }],
        errorDetails: { cycle: ids },
      });
    }
  }
  const removed = current.filter((id) => !wanted.includes(id));
  if (removed.length > 0) {
    await tx
      .delete(coursePrerequisites)
      .where(
        and(
          eq(coursePrerequisites.courseId, courseId),
          inArray(coursePrerequisites.requiredCourseId, removed),
        ),
      );
  }
  if (added.length > 0) {
    await tx
      .insert(coursePrerequisites)
      .values(added.map((requiredCourseId) => ({ courseId, requiredCourseId })))
      .onConflictDoNothing();
  }
  return { before: current, after: wanted, changed: added.length > 0 || removed.length > 0 };
}

/** Published courses a course may require (its editor's choices): every other published course. */
export async function prerequisiteChoices(db: Db, courseId: string | null) {
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(and(eq(courses.published, true), courseId ? sql`${courses.id} <> ${courseId}` : undefined))
    .orderBy(courses.title)
    .limit(300);
}

export const ZPrerequisiteException = z.object({ userId: z.string().trim().min(1).max(64) });

/**
 * An admin lets a student enroll without the course's prerequisites (idempotent; audited once). The student's
 * other rules still apply (payment, suspension).
 */
export async function grantPrerequisiteException(
  db: Db,
  actor: Actor | null,
  courseId: string,
  input: z.input<typeof ZPrerequisiteException>,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const { userId } = parseInput(ZPrerequisiteException, input);
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: courses.id, title: courses.title })
      .from(courses)
      .where(eq(courses.id, courseId));
    if (!course) throw notFound("This course");
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "There is no user with this id.",
        fields: [{ path: "userId", message: "No such user." }],
      });
    }
    const [row] = await tx
      .insert(prerequisiteExceptions)
      .values({ courseId, userId, grantedBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (row) {
      await recordAudit(
        tx,
        actor,
        {
          action: "course.prerequisite_exception_granted",
          entityType: "course",
          entityId: courseId,
          after: { userId, email: user.email },
        },
        ctx,
      );
    }
    const [saved] = await tx
      .select()
      .from(prerequisiteExceptions)
      .where(and(eq(prerequisiteExceptions.courseId, courseId), eq(prerequisiteExceptions.userId, userId)));
    return { exception: { courseId, userId, grantedAt: saved!.createdAt }, created: Boolean(row), course };
  });
}

/** A user's exceptions and the courses that have prerequisites, for the admin's user page. */
export async function prerequisiteExceptionsForAdmin(db: Db, actor: Actor | null, userId: string) {
  assertRole(actor, "ADMIN");
  const [granted, courseChoices] = await Promise.all([
    db
      .select({ courseId: courses.id, title: courses.title, grantedAt: prerequisiteExceptions.createdAt })
      .from(prerequisiteExceptions)
      .innerJoin(courses, eq(courses.id, prerequisiteExceptions.courseId))
      .where(eq(prerequisiteExceptions.userId, userId))
      .orderBy(courses.title),
    queryRows<{ id: string; title: string }>(
      db,
      sql`SELECT c.id, c.title FROM courses c
           WHERE EXISTS (SELECT 1 FROM course_prerequisites p WHERE p.course_id = c.id)
           ORDER BY c.title LIMIT 300`,
    ),
  ]);
  return { granted, choices: courseChoices.filter((c) => !granted.some((g) => g.courseId === c.id)) };
}
