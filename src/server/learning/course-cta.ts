import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { certificates, enrollments } from "../db/schema";
import type { Actor } from "../accounts/actor";
import { findMyEnrollments } from "./dashboard";

export type CourseCta =
  | { kind: "sign-in" }
  | { kind: "enroll-free" }
  | { kind: "buy" }
  | { kind: "continue"; lessonId: string | null; progress: number }
  | { kind: "certificate"; certificateNumber: string; lessonId: string | null }
  | { kind: "closed"; status: "SUSPENDED" | "REFUNDED" };

/** The one call to action that fits this visitor on a course page. */
export async function getCourseCta(
  db: Db,
  actor: Actor | null,
  course: { id: string; price: number },
): Promise<CourseCta> {
  if (!actor) return { kind: "sign-in" };
  const [enrollment] = await db
    .select({ status: enrollments.status, certificateNumber: certificates.certificateNumber })
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
  if (enrollment.certificateNumber) {
    return {
      kind: "certificate",
      certificateNumber: enrollment.certificateNumber,
      lessonId: mine?.resumeLessonId ?? null,
    };
  }
  return {
    kind: "continue",
    lessonId: mine?.resumeLessonId ?? null,
    progress: mine?.progressPercentage ?? 0,
  };
}
