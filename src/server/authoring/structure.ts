import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/types";
import { lessons, modules } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError } from "../errors";
import { parseInput } from "../validation";
import { recordAudit, type AuditContext } from "../audit/record";
import type { Actor } from "../accounts/actor";
import {
  assertAuthor,
  countStudentsWithProgress,
  lockCourseForAuthor,
  lockEnrollments,
  lockLessonForAuthor,
  lockModuleForAuthor,
  recomputeEnrollmentProgress,
  refreshDurations,
  type LockedCourse,
} from "./course-access";
import { assertPublishedCourseStaysComplete, snapshotPublishProblems } from "./courses";
import {
  ZConfirmedDelete,
  ZModuleInput,
  ZModulePatch,
  ZMoveLessonInput,
  ZNewLessonInput,
  ZReorderInput,
  ZUpdateModuleInput,
  type TModulePatch,
  type TModuleRelease,
} from "./schemas";

/** Orders are shifted past this before being renumbered, so no step meets the unique (parent, order). */
const ORDER_OFFSET = 1_000_000;

const confirmationNeeded = (affected: number, what: string) =>
  new AppError("CONFLICT", {
    userMessage: `${affected} ${affected === 1 ? "student has" : "students have"} progress in this ${what}. Deleting it removes that progress and recomputes their percentages (completions and certificates stay). Confirm to delete.`,
    fields: [{ path: "confirmAffected", message: String(affected) }],
    errorDetails: { affected },
  });

/** Renumbers a parent's children densely 1..n in the given order (two statements, never a duplicate). */
async function renumber(
  tx: Db,
  table: "modules" | "lessons",
  parentColumn: string,
  parentId: string,
  ids: string[],
) {
  const t = sql.raw(table);
  const parent = sql.raw(parentColumn);
  await tx.execute(sql`UPDATE ${t} SET "order" = "order" + ${ORDER_OFFSET} WHERE ${parent} = ${parentId}`);
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE ${t} SET "order" = x.ord
    FROM unnest(ARRAY[${list}]::varchar[]) WITH ORDINALITY AS x(id, ord)
    WHERE ${t}.id = x.id AND ${t}.${parent} = ${parentId}`);
}

async function childIds(tx: Db, table: "modules" | "lessons", parentColumn: string, parentId: string) {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM ${sql.raw(table)} WHERE ${sql.raw(parentColumn)} = ${parentId} ORDER BY "order", id`,
  );
  return rows.map((r) => r.id);
}

/**
 * Adds a module at the end of a course. In a published course it is always a draft (whatever `published`
 * says): an empty published module would make the course incomplete. It is published with updateModule
 * once it has lessons with content. `published` in the answer says which it became.
 */
export async function createModule(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZModuleInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { release, ...data } = parseInput(ZModuleInput, input);
  return db.transaction(async (tx) => {
    const course = await lockCourseForAuthor(tx, actor, data.courseId);
    const published = data.published && !course.published;
    const [next] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT coalesce(max("order"), 0)::int + 1 AS n FROM modules WHERE course_id = ${data.courseId}`,
    );
    const [row] = await tx
      .insert(modules)
      .values({ ...data, ...releaseColumns(release), published, order: next!.n, duration: 0 })
      .returning({ id: modules.id, published: modules.published });
    // A new module has no lessons yet: the percentages do not change.
    await recordAudit(
      tx,
      actor,
      {
        action: "module.created",
        entityType: "module",
        entityId: row!.id,
        after: {
          title: data.title,
          courseId: data.courseId,
          published,
          release: release ?? { kind: "immediate" },
        },
      },
      ctx,
    );
    return row!;
  });
}

/**
 * Title, description and whether the module is published (which changes durations and percentages). In a
 * published course, a module is published only complete, and the last published module stays published.
 */
export async function updateModule(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZUpdateModuleInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { moduleId, release, ...data } = parseInput(ZUpdateModuleInput, input);
  return db.transaction(async (tx) => {
    const { course } = await lockModuleForAuthor(tx, actor, moduleId);
    await writeModule(tx, actor, course, moduleId, await moduleBefore(tx, moduleId), data, release, ctx);
  });
}

/**
 * Changes some of a module's fields (the API's PATCH), with updateModule's rules: the current row is read
 * under the course and module locks and written by the same code in the same transaction, so a concurrent
 * change to another field is never overwritten. An absent `release` keeps the schedule.
 */
export async function patchModule(
  db: Db,
  actor: Actor | null,
  moduleId: string,
  input: TModulePatch,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { release, ...changes } = parseInput(ZModulePatch, input);
  return db.transaction(async (tx) => {
    const { course } = await lockModuleForAuthor(tx, actor, moduleId);
    const before = await moduleBefore(tx, moduleId);
    const data = {
      title: changes.title ?? before.title,
      description: changes.description ?? before.description,
      published: changes.published ?? before.published,
    };
    await writeModule(tx, actor, course, moduleId, before, data, release, ctx);
  });
}

async function moduleBefore(tx: Db, moduleId: string) {
  const [before] = await tx
    .select({
      title: modules.title,
      description: modules.description,
      published: modules.published,
      releaseKind: modules.releaseKind,
      releaseDays: modules.releaseDays,
      releaseDate: modules.releaseDate,
    })
    .from(modules)
    .where(eq(modules.id, moduleId));
  return before!;
}

/** Writes a module under the course and module locks (taken by the caller). */
async function writeModule(
  tx: Db,
  actor: Actor,
  course: LockedCourse,
  moduleId: string,
  before: Awaited<ReturnType<typeof moduleBefore>>,
  data: { title: string; description: string; published: boolean },
  release: TModuleRelease | undefined,
  ctx: AuditContext,
) {
  const toggled = before.published !== data.published;
  const snapshot = toggled ? await snapshotPublishProblems(tx, course) : null;
  await lockEnrollments(tx, course.id);
  await tx
    .update(modules)
    .set({ ...data, ...(release ? releaseColumns(release) : {}) })
    .where(eq(modules.id, moduleId));
  await assertPublishedCourseStaysComplete(tx, snapshot, {
    advice: data.published
      ? "Give the module lessons with content while it is a draft, then publish it."
      : undefined,
  });
  if (toggled) {
    await refreshDurations(tx, course.id);
    await recomputeEnrollmentProgress(tx, course.id);
  }
  await recordAudit(
    tx,
    actor,
    {
      action: "module.updated",
      entityType: "module",
      entityId: moduleId,
      before: {
        title: before.title,
        published: before.published,
        releaseKind: before.releaseKind,
        releaseDays: before.releaseDays,
        releaseDate: before.releaseDate,
      },
      after: { title: data.title, published: data.published, ...(release ? { release } : {}) },
    },
    ctx,
  );
}

export async function deleteModule(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZConfirmedDelete>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { id: moduleId, confirmAffected } = parseInput(ZConfirmedDelete, input);
  return db.transaction(async (tx) => {
    const { course, module } = await lockModuleForAuthor(tx, actor, moduleId);
    const snapshot = await snapshotPublishProblems(tx, course);
    await lockEnrollments(tx, course.id);
    const affected = await countStudentsWithProgress(
      tx,
      sql`SELECT id FROM lessons WHERE module_id = ${moduleId}`,
    );
    await tx.delete(modules).where(eq(modules.id, moduleId));
    await afterDeletion(tx, actor, ctx, {
      what: "module",
      courseId: course.id,
      snapshot,
      affected,
      confirmAffected,
      siblings: ["modules", "course_id", course.id],
      audit: { entityId: moduleId, before: { title: module.title, courseId: course.id } },
    });
    return { affected };
  });
}

/** Reorders a course's modules (parentId: the course). 409 when the editor's view is out of date. */
export async function reorderModules(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZReorderInput>,
  ctx: AuditContext = {},
) {
  return reorder(db, actor, input, ctx, "modules");
}

/** Reorders a module's lessons (parentId: the module), under the module's lock. */
export async function reorderLessons(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZReorderInput>,
  ctx: AuditContext = {},
) {
  return reorder(db, actor, input, ctx, "lessons");
}

async function reorder(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZReorderInput>,
  ctx: AuditContext,
  kind: "modules" | "lessons",
) {
  assertAuthor(actor);
  const { parentId, ids, previousIds } = parseInput(ZReorderInput, input);
  return db.transaction(async (tx) => {
    if (kind === "modules") await lockCourseForAuthor(tx, actor, parentId);
    else await lockModuleForAuthor(tx, actor, parentId);
    await applyReorder(tx, kind, kind === "modules" ? "course_id" : "module_id", parentId, ids, previousIds);
    await recordAudit(
      tx,
      actor,
      {
        action: kind === "modules" ? "module.reordered" : "lesson.reordered",
        entityType: kind === "modules" ? "course" : "module",
        entityId: parentId,
        before: previousIds,
        after: ids,
      },
      ctx,
    );
  });
}

/**
 * What every deletion does after removing its row, in its transaction: keep a published course complete
 * (refused before any confirmation is asked for: confirming for the students would not make it possible; the
 * throw rolls the deletion back), require the confirmation for the students with progress, renumber the
 * siblings, sum the durations, recompute every percentage and audit.
 */
async function afterDeletion(
  tx: Db,
  actor: Actor,
  ctx: AuditContext,
  d: {
    what: "module" | "lesson";
    courseId: string;
    snapshot: Awaited<ReturnType<typeof snapshotPublishProblems>>;
    affected: number;
    confirmAffected: number;
    siblings: ["modules" | "lessons", string, string];
    audit: { entityId: string; before: Record<string, unknown> };
  },
) {
  await assertPublishedCourseStaysComplete(tx, d.snapshot);
  if (d.affected > 0 && d.confirmAffected !== d.affected) throw confirmationNeeded(d.affected, d.what);
  const [table, parentColumn, parentId] = d.siblings;
  await renumber(tx, table, parentColumn, parentId, await childIds(tx, table, parentColumn, parentId));
  await refreshDurations(tx, d.courseId);
  const recomputed = await recomputeEnrollmentProgress(tx, d.courseId);
  await recordAudit(
    tx,
    actor,
    {
      action: `${d.what}.deleted`,
      entityType: d.what,
      entityId: d.audit.entityId,
      before: d.audit.before,
      after: { studentsAffected: d.affected, enrollmentsRecomputed: recomputed },
    },
    ctx,
  );
}

async function applyReorder(
  tx: Db,
  table: "modules" | "lessons",
  parentColumn: string,
  parentId: string,
  ids: string[],
  previousIds: string[],
) {
  const current = await childIds(tx, table, parentColumn, parentId);
  if (current.join() !== previousIds.join()) {
    throw new AppError("CONFLICT", {
      userMessage: `The ${table} changed since this page was loaded (someone else edited the course). Reload to see the current order.`,
    });
  }
  await renumber(tx, table, parentColumn, parentId, ids);
}

/**
 * Adds an empty lesson at the end of a module (its content is written in the lesson editor). Refused (409)
 * in a published module of a published course, where students would meet it empty: new lessons of a
 * published course are written in a draft module and moved in, or published with it.
 */
export async function createLesson(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZNewLessonInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const data = parseInput(ZNewLessonInput, input);
  return db.transaction(async (tx) => {
    const { course, module } = await lockModuleForAuthor(tx, actor, data.moduleId);
    const snapshot = await snapshotPublishProblems(tx, course);
    await lockEnrollments(tx, course.id);
    const [next] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT coalesce(max("order"), 0)::int + 1 AS n FROM lessons WHERE module_id = ${data.moduleId}`,
    );
    const [row] = await tx
      .insert(lessons)
      .values({ moduleId: data.moduleId, title: data.title, content: "", order: next!.n, duration: 0 })
      .returning({ id: lessons.id });
    await assertPublishedCourseStaysComplete(tx, snapshot, {
      advice: `New lessons start empty, and students can open every lesson of “${module.title}”. Add the lesson to a draft module (a new module of a published course starts as a draft), write it there, then move it into “${module.title}” or publish that module.`,
    });
    await refreshDurations(tx, course.id);
    // One more lesson to do: every percentage in the course may drop (statuses stay).
    await recomputeEnrollmentProgress(tx, course.id);
    await recordAudit(
      tx,
      actor,
      {
        action: "lesson.created",
        entityType: "lesson",
        entityId: row!.id,
        after: { title: data.title, moduleId: data.moduleId },
      },
      ctx,
    );
    return row!;
  });
}

export async function deleteLesson(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZConfirmedDelete>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { id: lessonId, confirmAffected } = parseInput(ZConfirmedDelete, input);
  return db.transaction(async (tx) => {
    const { course, module, lesson } = await lockLessonForAuthor(tx, actor, lessonId);
    const snapshot = await snapshotPublishProblems(tx, course);
    await lockEnrollments(tx, course.id);
    const affected = await countStudentsWithProgress(tx, sql`${lessonId}`);
    await tx.delete(lessons).where(eq(lessons.id, lessonId));
    await afterDeletion(tx, actor, ctx, {
      what: "lesson",
      courseId: course.id,
      snapshot,
      affected,
      confirmAffected,
      siblings: ["lessons", "module_id", module.id],
      audit: { entityId: lessonId, before: { title: lesson.title, moduleId: module.id } },
    });
    return { affected, moduleId: module.id };
  });
}

/**
 * Moves a lesson to the end of another module of the same course (in a published course, not leaving a
 * published module empty nor bringing a lesson without content into one). Its progress rows follow through
 * user_progress's ON UPDATE CASCADE foreign key (lesson_id, module_id); both modules are renumbered.
 */
export async function moveLesson(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZMoveLessonInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { lessonId, toModuleId } = parseInput(ZMoveLessonInput, input);
  return db.transaction((tx) => moveLessonInTransaction(tx, actor, lessonId, toModuleId, ctx));
}

/** moveLesson's work inside a caller's transaction (the API's PATCH moves and edits a lesson at once). */
export async function moveLessonInTransaction(
  tx: Db,
  actor: Actor,
  lessonId: string,
  toModuleId: string,
  ctx: AuditContext,
) {
  const { course, module: from, lesson } = await lockLessonForAuthor(tx, actor, lessonId);
  if (from.id === toModuleId) return { moved: false };
  const [target] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM modules WHERE id = ${toModuleId} AND course_id = ${course.id} FOR NO KEY UPDATE`,
  );
  if (!target) throw new AppError("NOT_FOUND", { userMessage: "That module is not part of this course." });
  const snapshot = await snapshotPublishProblems(tx, course);
  await lockEnrollments(tx, course.id);
  const [next] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT coalesce(max("order"), 0)::int + 1 AS n FROM lessons WHERE module_id = ${toModuleId}`,
  );
  await tx.update(lessons).set({ moduleId: toModuleId, order: next!.n }).where(eq(lessons.id, lessonId));
  await renumber(tx, "lessons", "module_id", from.id, await childIds(tx, "lessons", "module_id", from.id));
  // Neither emptying a published module nor bringing an empty lesson into one.
  await assertPublishedCourseStaysComplete(tx, snapshot);
  await refreshDurations(tx, course.id);
  const recomputed = await recomputeEnrollmentProgress(tx, course.id);
  await recordAudit(
    tx,
    actor,
    {
      action: "lesson.moved",
      entityType: "lesson",
      entityId: lessonId,
      before: { moduleId: from.id, order: lesson.order },
      after: { moduleId: toModuleId, order: next!.n, enrollmentsRecomputed: recomputed },
    },
    ctx,
  );
  return { moved: true };
}

/** The module columns of a scheduled release (absent: immediate). */
function releaseColumns(release: TModuleRelease | undefined) {
  if (!release || release.kind === "immediate")
    return { releaseKind: "immediate" as const, releaseDays: null, releaseDate: null };
  if (release.kind === "after_days")
    return { releaseKind: "after_days" as const, releaseDays: release.days, releaseDate: null };
  return { releaseKind: "on_date" as const, releaseDays: null, releaseDate: new Date(release.date) };
}
