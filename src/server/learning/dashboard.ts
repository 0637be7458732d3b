import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
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
}

/** The actor's enrollments with their resume lesson and certificate, most recently used first: one query. */
export async function findMyEnrollments(db: Db, actor: Actor | null): Promise<MyEnrollment[]> {
  assertSignedIn(actor);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT e.id, e.course_id, c.slug, c.title, c.image_url, e.status::text AS status, e.progress_percentage,
           e.enrolled_at, e.completed_at, e.last_accessed_at, cert.certificate_number,
           coalesce(
             (SELECT up.lesson_id FROM user_progress up JOIN lessons l ON l.id = up.lesson_id
                JOIN modules m ON m.id = l.module_id AND m.published
              WHERE up.user_id = e.user_id AND up.course_id = e.course_id AND up.lesson_id IS NOT NULL AND NOT up.completed
              ORDER BY up.updated_at DESC LIMIT 1),
             (SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
                LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = e.user_id
              WHERE m.course_id = e.course_id AND coalesce(up.completed, false) = false
              ORDER BY m."order", l."order" LIMIT 1),
             (SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
              WHERE m.course_id = e.course_id ORDER BY m."order", l."order" LIMIT 1)
           ) AS resume_lesson_id
    FROM enrollments e
    JOIN courses c ON c.id = e.course_id
    LEFT JOIN certificates cert ON cert.user_id = e.user_id AND cert.course_id = e.course_id
    WHERE e.user_id = ${actor.id}
    ORDER BY coalesce(e.last_accessed_at, e.enrolled_at) DESC, e.id`,
  );
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  return rows.map((r) => ({
    id: r.id as string,
    courseId: r.course_id as string,
    courseSlug: r.slug as string,
    courseTitle: r.title as string,
    imageUrl: (r.image_url as string) ?? null,
    status: r.status as MyEnrollment["status"],
    progressPercentage: Number(r.progress_percentage),
    enrolledAt: date(r.enrolled_at)!,
    completedAt: date(r.completed_at),
    lastAccessedAt: date(r.last_accessed_at),
    resumeLessonId: (r.resume_lesson_id as string) ?? null,
    certificateNumber: (r.certificate_number as string) ?? null,
  }));
}
