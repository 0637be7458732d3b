import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { getEnv } from "../env";
import { assertSignedIn, type Actor } from "../accounts/actor";
import type { CourseCardView } from "@/components/catalog/course-card";

export interface CompletionView {
  courseTitle: string;
  courseSlug: string;
  completedAt: Date | null;
  /** Finished in the last 15 minutes: the moment is still celebrated (a quiz passed or work reviewed just now). */
  recent: boolean;
  certificate: {
    number: string;
    issuedAt: Date;
    revoked: boolean;
    verificationUrl: string;
  } | null;
  /** Why no certificate has been issued yet: a name to print, or an address to confirm. */
  waitingFor: "name" | "email" | null;
  /** The learner has written a review of the course. */
  reviewed: boolean;
}

/**
 * A finished course as its learner sees it: when, the certificate (or what it waits for), and whether they have
 * reviewed it. Null unless the actor's enrollment in the course is COMPLETED. One statement.
 */
export async function getCompletion(
  db: Db,
  actor: Actor | null,
  courseId: string,
): Promise<CompletionView | null> {
  assertSignedIn(actor);
  const [row] = await queryRows<{
    title: string;
    slug: string;
    completed_at: Date | string | null;
    number: string | null;
    issued_at: Date | string | null;
    revoked_at: Date | string | null;
    verification_url: string | null;
    name: string | null;
    email_verified: Date | string | null;
    reviewed: boolean;
    recent: boolean;
  }>(
    db,
    sql`SELECT c.title, c.slug, e.completed_at, ce.certificate_number AS number, ce.issued_at, ce.revoked_at,
               ce.verification_url, u.name, u.email_verified,
               coalesce(e.completed_at > now() - interval '15 minutes', false) AS recent,
               EXISTS (SELECT 1 FROM course_reviews r WHERE r.user_id = e.user_id AND r.course_id = e.course_id)
                 AS reviewed
        FROM enrollments e
        JOIN courses c ON c.id = e.course_id
        JOIN users u ON u.id = e.user_id
        LEFT JOIN certificates ce ON ce.user_id = e.user_id AND ce.course_id = e.course_id
        WHERE e.user_id = ${actor.id} AND e.course_id = ${courseId} AND e.status = 'COMPLETED'`,
  );
  if (!row) return null;
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    courseTitle: row.title,
    courseSlug: row.slug,
    completedAt: date(row.completed_at),
    recent: row.recent,
    certificate: row.number
      ? {
          number: row.number,
          issuedAt: date(row.issued_at)!,
          revoked: row.revoked_at !== null,
          verificationUrl: row.verification_url ?? `${getEnv().appUrl}/certificates/${row.number}`,
        }
      : null,
    waitingFor: row.number ? null : !row.name?.trim() ? "name" : row.email_verified ? null : "email",
    reviewed: row.reviewed,
  };
}

/**
 * What to learn next: the most popular published courses the learner is not enrolled in (the catalog's popular
 * index, read backwards; the anti-join only skips the learner's few enrollments).
 */
export async function findNextCourses(db: Db, actor: Actor | null, limit = 3): Promise<CourseCardView[]> {
  assertSignedIn(actor);
  const rows = await queryRows<{
    slug: string;
    title: string;
    description: string;
    image_url: string | null;
    difficulty: string;
    duration: number;
    price: number;
    featured: boolean;
  }>(
    db,
    sql`SELECT c.slug, c.title, c.description, c.image_url, c.difficulty, c.duration, c.price, c.featured
        FROM courses c
        WHERE c.published
          AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.user_id = ${actor.id})
        ORDER BY c.enrollment_count DESC, c.id DESC
        LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    description: r.description,
    imageUrl: r.image_url,
    difficulty: r.difficulty,
    duration: r.duration,
    price: r.price,
    featured: r.featured,
  }));
}

/** LinkedIn's "Add to profile" address for a certificate (the learner chooses to open it; nothing is sent). */
export function linkedInAddToProfileUrl(c: {
  courseTitle: string;
  number: string;
  issuedAt: Date;
  verificationUrl: string;
}) {
  const u = new URL("https://www.linkedin.com/profile/add");
  u.searchParams.set("startTask", "CERTIFICATION_NAME");
  u.searchParams.set("name", c.courseTitle);
  u.searchParams.set("organizationName", "AI Whisperers");
  u.searchParams.set("issueYear", String(c.issuedAt.getUTCFullYear()));
  u.searchParams.set("issueMonth", String(c.issuedAt.getUTCMonth() + 1));
  u.searchParams.set("certUrl", c.verificationUrl);
  u.searchParams.set("certId", c.number);
  return u.toString();
}
