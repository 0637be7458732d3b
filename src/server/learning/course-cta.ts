import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { certificates, courseReviews, enrollments } from "../db/schema";
import type { Actor } from "../accounts/actor";
import { findMyEnrollments } from "./dashboard";
import { isCourseStaff } from "../authoring/staff";
import { queryRows } from "../db/rows";

export type CourseCta =
  | { kind: "sign-in" }
  | { kind: "enroll-free" }
  | { kind: "buy" }
  | { kind: "continue"; lessonId: string | null; progress: number }
  | {
      kind: "completed";
      completedAt: Date | null;
      /** Null while the certificate waits for a name or a confirmed address. */
      certificateNumber: string | null;
      lessonId: string | null;
      reviewed: boolean;
    }
  | { kind: "closed"; status: "SUSPENDED" | "REFUNDED" }
  /** The course's own staff (and admins): edit it or preview it, never buy it. */
  | { kind: "teach"; courseId: string; previewLessonId: string | null };

/** The one call to action that fits this visitor on a course page. */
export async function getCourseCta(
  db: Db,
  actor: Actor | null,
  course: { id: string; price: number },
): Promise<CourseCta> {
  if (!actor) return { kind: "sign-in" };
  if (actor.role !== "STUDENT" && (await isCourseStaff(db, actor, course.id))) {
    const [first] = await queryRows<{ id: string }>(
      db,
      sql`SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id
          WHERE m.course_id = ${course.id} AND m.published
          ORDER BY m."order", l."order" LIMIT 1`,
    );
    return { kind: "teach", courseId: course.id, previewLessonId: first?.id ?? null };
  }
  const [enrollment] = await db
    .select({
      status: enrollments.status,
      completedAt: enrollments.completedAt,
      certificateNumber: certificates.certificateNumber,
      reviewed: sql<boolean>`EXISTS (SELECT 1 FROM ${courseReviews} r
                                     WHERE r.user_id = ${enrollments.userId} AND r.course_id = ${enrollments.courseId})`,
    })
    .from(enrollments)
    .leftJoin(
      certificates,
      and(eq(certificates.userId, enrollments.userId), eq(certificates.courseId, enrollments.courseId)),
    )
    .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, course.id)));
  if (!enrollment) return course.price === 0 ? { kind: "enroll-free" } : { kind: "buy" };
  if (enrollment.status === "SUSPENDED" || enrollment.status === "REFUNDED") {
    return enrollment.status === "REFUNDED" && course.price > 0
      ? { kind: "buy" }
      : { kind: "closed", status: enrollment.status };
  }
  const mine = (await findMyEnrollments(db, actor)).find((e) => e.courseId === course.id);
  if (enrollment.status === "COMPLETED") {
    return {
      kind: "completed",
      completedAt: enrollment.completedAt,
      certificateNumber: enrollment.certificateNumber,
      lessonId: mine?.resumeLessonId ?? null,
      reviewed: enrollment.reviewed,
    };
  }
  return {
    kind: "continue",
    lessonId: mine?.resumeLessonId ?? null,
    progress: mine?.progressPercentage ?? 0,
  };
}
