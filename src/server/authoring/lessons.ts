import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { lessons } from "../db/schema";
import { parseInput } from "../validation";
import { recordAudit, type AuditContext } from "../audit/record";
import type { Actor } from "../accounts/actor";
import { renderMarkdown } from "@/lib/markdown";
import { assertAuthor, lockLessonForAuthor, refreshDurations } from "./course-access";
import { assertPublishedCourseStaysComplete, snapshotPublishProblems } from "./courses";
import { moveLessonInTransaction } from "./structure";
import { ZLessonInput, ZLessonPatch, ZPreviewInput, type TLessonPatch } from "./schemas";
import { z } from "zod";
import { getEnv } from "../env";

type LessonFields = Omit<z.output<typeof ZLessonInput>, "lessonId">;

/**
 * Saves the lesson editor; a changed duration is summed into its module and course in the same transaction.
 * In a published module of a published course the content cannot be emptied (409 on `content`).
 */
export async function updateLesson(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZLessonInput>,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { lessonId, ...data } = parseInput(ZLessonInput, input);
  return db.transaction(async (tx) => {
    const locked = await lockLessonForAuthor(tx, actor, lessonId);
    return writeLesson(tx, actor, locked, data, ctx);
  });
}

/**
 * Changes some of a lesson's fields and/or moves it (`moduleId`, another module of its course) — the API's
 * PATCH — in one transaction. The fields are merged into the row read under the lesson's locks and written by
 * the editor's code, so a concurrent change to another field is never overwritten; then the move, with
 * moveLesson's rules (so a lesson given content in a draft module can be moved into a published one at once).
 */
export async function patchLesson(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  input: TLessonPatch,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const { moduleId, ...changes } = parseInput(ZLessonPatch, input);
  return db.transaction(async (tx) => {
    const locked = await lockLessonForAuthor(tx, actor, lessonId);
    const sent = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(sent).length > 0) {
      const [current] = await tx
        .select({
          title: lessons.title,
          lessonType: lessons.lessonType,
          duration: lessons.duration,
          content: lessons.content,
          videoUrl: lessons.videoUrl,
          resourceUrl: lessons.resourceUrl,
        })
        .from(lessons)
        .where(eq(lessons.id, lessonId));
      await writeLesson(tx, actor, locked, { ...current!, ...sent }, ctx);
    }
    const moved = moduleId ? await moveLessonInTransaction(tx, actor, lessonId, moduleId, ctx) : null;
    return { courseId: locked.course.id, moved: moved?.moved ?? false };
  });
}

/** Writes a lesson under its locks (taken by the caller: course, module, lesson). */
async function writeLesson(
  tx: Db,
  actor: Actor,
  { course, lesson }: Awaited<ReturnType<typeof lockLessonForAuthor>>,
  data: LessonFields,
  ctx: AuditContext,
) {
  const snapshot = await snapshotPublishProblems(tx, course);
  await tx.update(lessons).set(data).where(eq(lessons.id, lesson.id));
  await assertPublishedCourseStaysComplete(tx, snapshot, {
    path: "content",
    advice:
      "Students can open this lesson, so it needs content. To work on it as a draft, move it to a draft module first.",
  });
  if (lesson.duration !== data.duration) await refreshDurations(tx, course.id);
  // The audit entry keeps the content's length, not its body: the JSON stays small.
  await recordAudit(
    tx,
    actor,
    {
      action: "lesson.updated",
      entityType: "lesson",
      entityId: lesson.id,
      before: { title: lesson.title, lessonType: lesson.lesson_type, duration: lesson.duration },
      after: {
        title: data.title,
        lessonType: data.lessonType,
        duration: data.duration,
        contentLength: data.content.length,
        videoUrl: data.videoUrl ?? null,
        resourceUrl: data.resourceUrl ?? null,
      },
    },
    ctx,
  );
  return { courseId: course.id, courseSlug: course.slug };
}

/** The editor's live preview: exactly what the player renders (renderMarkdown), for authors only. */
export function previewLessonMarkdown(actor: Actor | null, markdown: string): string {
  assertAuthor(actor);
  return renderMarkdown(parseInput(ZPreviewInput, markdown, "content"), { imageHosts: getEnv().imageHosts });
}
