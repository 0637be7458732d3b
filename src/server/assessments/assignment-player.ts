import "server-only";
import type { Db } from "../db/types";
import { isAppError } from "../errors";
import type { Actor } from "../accounts/actor";
import { lessonHtml } from "../learning/lesson-html";
import { getAssignmentForStudent, type StudentAssignmentView } from "./assignments";

/**
 * What the player shows for an ASSIGNMENT lesson: settings, rubric, the student's state and draft, and every
 * version with its review, the Markdown rendered by the lesson sanitizer. Null when the lesson has no
 * assignment settings (it reads as an ordinary lesson).
 */
export async function getAssignmentPlayerView(db: Db, actor: Actor, lessonId: string) {
  let view: StudentAssignmentView;
  try {
    view = await getAssignmentForStudent(db, actor, lessonId);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
  return {
    state: view.state,
    settings: view.settings,
    rubric: view.rubric,
    draft: view.draft,
    versions: view.versions.map((v) => ({
      id: v.id,
      number: v.number,
      submittedAt: v.submittedAt,
      late: v.late,
      textHtml: v.text.trim() ? lessonHtml(v.text) : null,
      links: v.links,
      files: v.files,
      review: v.review
        ? {
            decision: v.review.decision,
            feedbackHtml: v.review.feedback.trim() ? lessonHtml(v.review.feedback) : null,
            points: v.review.points,
            maxPoints: v.review.maxPoints,
            rubricScores: v.review.rubricScores,
            reviewedAt: v.review.reviewedAt,
            reviewer: v.review.reviewer,
          }
        : null,
    })),
  };
}
