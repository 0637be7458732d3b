import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { lessons } from "../db/schema";
import { invalidInput } from "../http/problem";
import { recordAudit, type AuditContext } from "../audit/record";
import type { Actor } from "../accounts/actor";
import { renderMarkdown } from "@/lib/markdown";
import { assertAuthor, lockLessonForAuthor, refreshDurations } from "./course-access";
import { assertPublishedCourseStaysComplete, snapshotPublishProblems } from "./courses";
import { ZLessonInput } from "./schemas";
import { z } from "zod";

/**
 * Saves the lesson editor; a changed duration is summed into its module and course in the same transaction.
 * In a published module of a published course the content cannot be emptied (409 on `content`).
 */
export async function updateLesson(db: Db, actor: Actor | null, input: unknown, ctx: AuditContext = {}) {
  assertAuthor(actor);
  const parsed = ZLessonInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { lessonId, ...data } = parsed.data;
  return db.transaction(async (tx) => {
    const { course, lesson } = await lockLessonForAuthor(tx, actor, lessonId);
    const snapshot = await snapshotPublishProblems(tx, course);
    await tx.update(lessons).set(data).where(eq(lessons.id, lessonId));
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
        entityId: lessonId,
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
  });
}

const ZPreviewInput = z.string().max(200_000);

/** The editor's live preview: exactly what the player renders (renderMarkdown), for authors only. */
export function previewLessonMarkdown(actor: Actor | null, markdown: unknown): string {
  assertAuthor(actor);
  const parsed = ZPreviewInput.safeParse(markdown);
  if (!parsed.success) throw invalidInput(parsed.error, "content");
  return renderMarkdown(parsed.data);
}
