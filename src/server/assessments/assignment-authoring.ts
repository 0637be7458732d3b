import "server-only";
import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { assignmentSubmissions, assignments } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import type { Actor } from "../accounts/actor";
import { recordAudit, type AuditContext } from "../audit/record";
import { assertAuthor, lockLessonForAuthor, mayEdit } from "../authoring/course-access";
import {
  DEFAULT_MAX_FILE_MB,
  DEFAULT_MAX_FILES,
  MB,
  ZAssignmentSave,
  type RubricCriterion,
  type TAssignmentSave,
} from "./assignment-schemas";
import { FILE_TYPE_KEYS, type FileTypeKey } from "@/lib/file-types";

export interface AuthorAssignment {
  /** 0 before the first save: the lesson is then an ordinary lesson ("Mark as complete"). */
  version: number;
  textAllowed: boolean;
  linksAllowed: boolean;
  filesAllowed: boolean;
  allowedTypes: FileTypeKey[];
  /** Whole or fractional megabytes (1 MB = 1,048,576 bytes). */
  maxFileMb: number;
  maxFiles: number;
  dueAt: Date | null;
  rubric: RubricCriterion[] | null;
  submissionCount: number;
}

async function assertAssignmentLesson(db: Db, actor: Actor, lessonId: string) {
  const [row] = await queryRows<{ lesson_type: string }>(
    db,
    sql`SELECT l.lesson_type FROM lessons l JOIN modules m ON m.id = l.module_id
        WHERE l.id = ${lessonId} AND ${mayEdit(actor, sql`m.course_id`)}`,
  );
  if (!row) throw notFound("This lesson");
  if (row.lesson_type !== "ASSIGNMENT")
    throw notFound("This lesson's assignment (it is not an assignment lesson)");
}

/** The assignment's settings and rubric, for the course's staff. */
export async function getAssignmentForAuthor(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<AuthorAssignment> {
  assertAuthor(actor);
  await assertAssignmentLesson(db, actor, lessonId);
  const [[row], [subs]] = await Promise.all([
    db.select().from(assignments).where(eq(assignments.lessonId, lessonId)),
    db.select({ n: count() }).from(assignmentSubmissions).where(eq(assignmentSubmissions.lessonId, lessonId)),
  ]);
  return {
    version: row?.version ?? 0,
    textAllowed: row?.textAllowed ?? true,
    linksAllowed: row?.linksAllowed ?? false,
    filesAllowed: row?.filesAllowed ?? false,
    allowedTypes: row ? FILE_TYPE_KEYS.filter((t) => row.fileTypes.includes(t)) : FILE_TYPE_KEYS,
    maxFileMb: row ? Math.round((row.maxFileBytes / MB) * 100) / 100 : DEFAULT_MAX_FILE_MB,
    maxFiles: row?.maxFiles ?? DEFAULT_MAX_FILES,
    dueAt: row?.dueAt ?? null,
    rubric: row?.rubric ?? null,
    submissionCount: subs?.n ?? 0,
  };
}

/**
 * Saves the settings and rubric based on `version` (409 on an older one). Criteria and levels keep their ids
 * when given (reviews refer to them); new ones get fresh ids.
 */
export async function saveAssignment(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  input: TAssignmentSave,
  ctx: AuditContext = {},
): Promise<AuthorAssignment> {
  assertAuthor(actor);
  const data = parseInput(ZAssignmentSave, input);
  await db.transaction(async (tx) => {
    const { lesson } = await lockLessonForAuthor(tx, actor, lessonId);
    if (lesson.lesson_type !== "ASSIGNMENT")
      throw notFound("This lesson's assignment (it is not an assignment lesson)");
    const [current] = await tx.select().from(assignments).where(eq(assignments.lessonId, lessonId));
    if (data.version !== (current?.version ?? 0)) {
      throw new AppError("CONFLICT", {
        userMessage:
          "Someone saved this assignment after you opened it. Reload to see their changes, then edit again.",
      });
    }
    const rubric: RubricCriterion[] | null = data.rubric
      ? data.rubric.map((c) => ({
          id: c.id ?? randomUUID(),
          title: c.title,
          description: c.description,
          levels: c.levels.map((l) => ({ id: l.id ?? randomUUID(), title: l.title, points: l.points })),
        }))
      : null;
    const values = {
      textAllowed: data.textAllowed,
      linksAllowed: data.linksAllowed,
      filesAllowed: data.filesAllowed,
      fileTypes: data.allowedTypes.length > 0 ? data.allowedTypes : FILE_TYPE_KEYS,
      maxFileBytes: Math.round(data.maxFileMb * MB),
      maxFiles: data.maxFiles,
      dueAt: data.dueAt ? new Date(data.dueAt) : null,
      rubric,
    };
    if (current) {
      await tx
        .update(assignments)
        .set({ ...values, version: sql`${assignments.version} + 1` })
        .where(eq(assignments.lessonId, lessonId));
    } else {
      await tx.insert(assignments).values({ lessonId, ...values, version: 1 });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "assignment.updated",
        entityType: "lesson",
        entityId: lessonId,
        after: { ...values, rubric: rubric ? rubric.length : 0 },
      },
      ctx,
    );
  });
  return getAssignmentForAuthor(db, actor, lessonId);
}
