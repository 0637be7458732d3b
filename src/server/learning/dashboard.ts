import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { preparedFor } from "../db/statements";
import { certificates, courses, enrollments } from "../db/schema";
import { assertSignedIn, type Actor } from "../accounts/actor";

export interface MyEnrollment {
  id: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  imageUrl: string | null;
  status: "ACTIVE" | "COMPLETED" | "SUSPENDED" | "REFUNDED";
  progressPercentage: number;
  enrolledAt: Date;
  completedAt: Date | null;
  lastAccessedAt: Date | null;
  /** Where to continue: the last lesson opened that is not complete, else the first incomplete in order. */
  resumeLessonId: string | null;
  certificateNumber: string | null;
  /** The certificate was revoked (its purchase refunded). */
  certificateRevoked: boolean;
  /** For a REFUNDED enrollment: when the refund that ended access was settled. */
  refundedAt: Date | null;
}

/** Built once per database handle: the dashboard's and GET /api/v1/me/enrollments' one statement. */
const myEnrollmentsStatement = preparedFor((db) => {
  const resumeLessonId = sql<string | null>`coalesce(
    (SELECT up.lesson_id FROM user_progress up JOIN lessons l ON l.id = up.lesson_id
       JOIN modules m ON m.id = l.module_id AND m.published
     WHERE up.user_id = ${enrollments.userId} AND up.course_id = ${enrollments.courseId}
       AND up.lesson_id IS NOT NULL AND NOT up.completed
     ORDER BY up.updated_at DESC LIMIT 1),
    (SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
       LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = ${enrollments.userId}
     WHERE m.course_id = ${enrollments.courseId} AND coalesce(up.completed, false) = false
     ORDER BY m."order", l."order" LIMIT 1),
    (SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
     WHERE m.course_id = ${enrollments.courseId} ORDER BY m."order", l."order" LIMIT 1))`;
  return db
    .select({
      id: enrollments.id,
      courseId: enrollments.courseId,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      imageUrl: courses.imageUrl,
      status: enrollments.status,
      progressPercentage: enrollments.progressPercentage,
      enrolledAt: enrollments.enrolledAt,
      completedAt: enrollments.completedAt,
      lastAccessedAt: enrollments.lastAccessedAt,
      resumeLessonId,
      certificateNumber: certificates.certificateNumber,
      certificateRevoked: sql<boolean>`(${certificates.revokedAt} IS NOT NULL)`,
      refundedAt: sql<Date | null>`CASE WHEN ${enrollments.status} = 'REFUNDED' THEN
        (SELECT max(p.processed_at) FROM payments p WHERE p.user_id = ${enrollments.userId}
           AND p.course_id = ${enrollments.courseId} AND p.status = 'REFUNDED') END`.mapWith((v) =>
        v === null ? null : new Date(v as string),
      ),
    })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .leftJoin(
      certificates,
      and(eq(certificates.userId, enrollments.userId), eq(certificates.courseId, enrollments.courseId)),
    )
    .where(eq(enrollments.userId, sql.placeholder("userId")))
    .orderBy(
      desc(sql`coalesce(${enrollments.lastAccessedAt}, ${enrollments.enrolledAt})`),
      asc(enrollments.id),
    )
    .prepare("learning_my_enrollments");
});

/** The actor's enrollments with their resume lesson and certificate, most recently used first: one query. */
export async function findMyEnrollments(db: Db, actor: Actor | null): Promise<MyEnrollment[]> {
  assertSignedIn(actor);
  return myEnrollmentsStatement(db).execute({ userId: actor.id });
}
