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
import { ZLessonInput, ZPreviewInput } from "./schemas";
import { z } from "zod";
import { getEnv } from "../env";

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

/** The editor's live preview: exactly what the player renders (renderMarkdown), for authors only. */
export function previewLessonMarkdown(actor: Actor | null, markdown: string): string {
  assertAuthor(actor);
  return renderMarkdown(parseInput(ZPreviewInput, markdown, "content"), { imageHosts: getEnv().imageHosts });
}
