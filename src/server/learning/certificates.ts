import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  generateCertificateNumber,
  isValidCertificateNumber,
  normalizeCertificateNumber,
} from "@/lib/certificate-number";
import type { Db } from "../db/types";
import { certificates, courses, enrollments, users } from "../db/schema";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { isUniqueViolation } from "../errors";
import { emitWebhookEvent, iso, type WebhookEventData } from "../integrations/events";

/**
 * Issues the certificates a user has earned and not yet received: COMPLETED enrollments without one, once the
 * user has a confirmed address and a name to print (never the e-mail). Called in the completion transaction,
 * and again when the address is confirmed or the name set. Idempotent: one certificate per user per course.
 */
export async function issuePendingCertificates(tx: Db, userId: string): Promise<number> {
  const [user] = await tx
    .select({ name: users.name, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.emailVerified || !user.name?.trim()) return 0;
  const pending = await tx
    .select({ courseId: enrollments.courseId, completedAt: enrollments.completedAt, title: courses.title })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .leftJoin(
      certificates,
      and(eq(certificates.userId, userId), eq(certificates.courseId, enrollments.courseId)),
    )
    .where(and(eq(enrollments.userId, userId), eq(enrollments.status, "COMPLETED"), isNull(certificates.id)));
  let issued = 0;
  for (const p of pending) {
    const now = new Date();
    for (let attempt = 0; attempt < 5; attempt++) {
      const number = generateCertificateNumber(now.getUTCFullYear());
      try {
        const rows = await tx
          .insert(certificates)
          .values({
            userId,
            courseId: p.courseId,
            issuedAt: now,
            certificateNumber: number,
            verificationUrl: `${getEnv().appUrl}/certificates/${number}`,
            holderName: user.name.trim(),
            courseTitle: p.title,
          })
          .onConflictDoNothing({ target: [certificates.userId, certificates.courseId] })
          .returning({ id: certificates.id });
        issued += rows.length;
        // Announced by the transaction that inserted it: a concurrent issuer's conflict returns no row.
        for (const row of rows) {
          await emitWebhookEvent(tx, "certificate.issued", {
            certificateId: row.id,
            certificateNumber: number,
            userId,
            courseId: p.courseId,
            issuedAt: iso(now),
          });
        }
        break;
      } catch (e) {
        // A number collision (55 random bits: practically never) draws again.
        if (!isUniqueViolation(e, "idx_certificates_number") || attempt === 4) throw e;
      }
    }
  }
  // A course bought again after a refund and complete again: its certificate is valid again.
  await tx.execute(sql`
    UPDATE certificates c SET revoked_at = NULL
    FROM enrollments e
    WHERE e.user_id = c.user_id AND e.course_id = c.course_id AND e.status = 'COMPLETED'
      AND c.user_id = ${userId} AND c.revoked_at IS NOT NULL`);
  return issued;
}

/**
 * `certificate.revoked`, in the transaction that revokes it; the caller announces only a certificate that was
 * valid until then. `reason` is a fixed code: REFUNDED (a full refund or a lost dispute) or ACCOUNT_ERASED.
 */
export async function emitCertificateRevoked(
  tx: Db,
  c: Omit<WebhookEventData<"certificate.revoked">, "revokedAt" | "reason"> & {
    revokedAt: Date;
    reason: "REFUNDED" | "ACCOUNT_ERASED";
  },
): Promise<void> {
  await emitWebhookEvent(tx, "certificate.revoked", { ...c, revokedAt: iso(c.revokedAt) });
}

export interface PublicCertificate {
  certificateNumber: string;
  holderName: string;
  courseTitle: string;
  courseSlug: string | null;
  issuedAt: Date;
  status: "valid" | "revoked";
  /** When it was revoked (its purchase refunded); null or absent while valid. */
  revokedAt?: Date | null;
}

/** Public verification by number. A malformed number is rejected before any lookup. */
export async function verifyCertificate(db: Db, rawNumber: string): Promise<PublicCertificate> {
  const number = normalizeCertificateNumber(rawNumber.slice(0, 40));
  const unknown = new AppError("NOT_FOUND", {
    userMessage:
      "No certificate has this number. Check it character by character; the last character is a check.",
  });
  if (!isValidCertificateNumber(number)) throw unknown;
  const [row] = await db
    .select({
      certificateNumber: certificates.certificateNumber,
      holderName: certificates.holderName,
      courseTitle: certificates.courseTitle,
      courseSlug: courses.slug,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .leftJoin(courses, and(eq(courses.id, certificates.courseId), eq(courses.published, true)))
    .where(eq(certificates.certificateNumber, number));
  if (!row) throw unknown;
  return { ...row, status: row.revokedAt ? "revoked" : "valid" };
}

export interface MyCertificate extends PublicCertificate {
  courseId: string;
  verificationUrl: string;
}

export async function findMyCertificates(db: Db, actor: Actor | null): Promise<MyCertificate[]> {
  assertSignedIn(actor);
  const rows = await db
    .select({
      certificateNumber: certificates.certificateNumber,
      holderName: certificates.holderName,
      courseTitle: certificates.courseTitle,
      courseId: certificates.courseId,
      courseSlug: courses.slug,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      verificationUrl: certificates.verificationUrl,
    })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.userId, actor.id))
    .orderBy(desc(certificates.issuedAt));
  const appUrl = getEnv().appUrl;
  return rows.map(({ revokedAt, verificationUrl, ...r }) => ({
    ...r,
    verificationUrl: verificationUrl ?? `${appUrl}/certificates/${r.certificateNumber}`,
    status: revokedAt ? ("revoked" as const) : ("valid" as const),
  }));
}
