import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { isValidCertificateNumber, normalizeCertificateNumber } from "@/lib/certificate-number";
import type { Db } from "../db/types";
import { certificateCredentials, certificates, credentialRevocations } from "../db/schema";
import { queryRows } from "../db/rows";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { PLATFORM_NAME } from "../platform/info";
import { OPEN_BADGES_CONTEXT, VC_V2_CONTEXT } from "./documents";
import { issuerDid } from "./keys";
import { signCredential } from "./sign";
import { statusEntry } from "./status-list";

export interface CertificateFacts {
  id: string;
  certificateNumber: string;
  holderName: string;
  courseTitle: string;
  courseId: string;
  courseSlug: string | null;
  issuedAt: Date;
}

/** The issuer as Open Badges 3.0 describes it (a Profile). */
export function issuerProfile(appUrl = getEnv().appUrl) {
  return { id: issuerDid(appUrl), type: ["Profile"], name: PLATFORM_NAME, url: appUrl };
}

/**
 * The unsigned Open Badges 3.0 credential of a certificate: an OpenBadgeCredential whose subject holds the
 * achievement (the course) and names the holder with an IdentityObject (the name printed on the certificate);
 * the certificate's public verification page is its evidence.
 */
export function openBadgeCredential(cert: CertificateFacts, credentialId: string, statusIndex: number) {
  const appUrl = getEnv().appUrl;
  const verificationUrl = `${appUrl}/certificates/${cert.certificateNumber}`;
  const courseUrl = cert.courseSlug ? `${appUrl}/courses/${cert.courseSlug}` : null;
  return {
    "@context": [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id: `urn:uuid:${credentialId}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${cert.courseTitle} — certificate of completion`,
    issuer: issuerProfile(appUrl),
    validFrom: cert.issuedAt.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        { type: "IdentityObject", identityHash: cert.holderName, identityType: "name", hashed: false },
      ],
      activityEndDate: cert.issuedAt.toISOString(),
      achievement: {
        id: `urn:uuid:${cert.courseId}`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: cert.courseTitle,
        description: `Completed every lesson and required assessment of the ${PLATFORM_NAME} course “${cert.courseTitle}”.`,
        criteria: {
          ...(courseUrl ? { id: courseUrl } : {}),
          narrative:
            "Complete every lesson of the course and pass each of its quizzes, assignments and exercises.",
        },
        creator: issuerProfile(appUrl),
      },
    },
    evidence: [
      {
        id: verificationUrl,
        type: ["Evidence"],
        name: `Certificate ${cert.certificateNumber}`,
        description: `The certificate's verification page on ${PLATFORM_NAME}.`,
      },
    ],
    credentialStatus: statusEntry(statusIndex),
  };
}

const unknownCertificate = () =>
  new AppError("NOT_FOUND", {
    userMessage:
      "No certificate has this number. Check it character by character; the last character is a check.",
  });

/**
 * The signed credential of a certificate (public, like verification by number). The credential issued
 * earlier is returned as it was signed; one is signed on first request, under the certificate's row lock so two
 * requests never sign two. A certificate valid again after a refund and a new completion gets a new credential
 * (the old one stays revoked); a revoked certificate that never had one gets none.
 */
export async function certificateCredential(db: Db, rawNumber: string): Promise<Record<string, unknown>> {
  const number = normalizeCertificateNumber(rawNumber.slice(0, 40));
  if (!isValidCertificateNumber(number)) throw unknownCertificate();
  const existing = await latestCredential(db, number);
  if (existing && (!existing.credentialRevoked || existing.certificateRevoked)) return existing.credential;
  return db.transaction(async (tx) => {
    const [cert] = await queryRows<{
      id: string;
      certificate_number: string;
      holder_name: string;
      course_title: string;
      course_id: string;
      issued_at: Date | string;
      revoked_at: Date | string | null;
      slug: string | null;
    }>(
      tx,
      sql`SELECT ce.id, ce.certificate_number, ce.holder_name, ce.course_title, ce.course_id, ce.issued_at,
                 ce.revoked_at, CASE WHEN c.published THEN c.slug END AS slug
          FROM certificates ce JOIN courses c ON c.id = ce.course_id
          WHERE ce.certificate_number = ${number}
          FOR UPDATE OF ce`,
    );
    if (!cert) throw unknownCertificate();
    const again = await latestCredential(tx, number);
    if (again && (!again.credentialRevoked || again.certificateRevoked)) return again.credential;
    if (cert.revoked_at !== null) {
      throw new AppError("CONFLICT", {
        userMessage:
          "This certificate was revoked (its purchase was refunded), so no credential is issued for it.",
      });
    }
    const [{ id, index }] = (await queryRows<{ id: string; index: number }>(
      tx,
      sql`SELECT gen_random_uuid()::varchar AS id, nextval('credential_status_index_seq')::int AS index`,
    )) as [{ id: string; index: number }];
    const facts: CertificateFacts = {
      id: cert.id,
      certificateNumber: cert.certificate_number,
      holderName: cert.holder_name,
      courseTitle: cert.course_title,
      courseId: cert.course_id,
      courseSlug: cert.slug,
      issuedAt: new Date(cert.issued_at),
    };
    const signed = await signCredential(tx, openBadgeCredential(facts, id, index));
    await tx.insert(certificateCredentials).values({
      id,
      certificateId: cert.id,
      statusListIndex: index,
      verificationMethod: signed.proof.verificationMethod,
      credential: signed,
    });
    return signed;
  });
}

async function latestCredential(db: Db, number: string) {
  const [row] = await db
    .select({
      credential: certificateCredentials.credential,
      certificateRevoked: sql<boolean>`(${certificates.revokedAt} IS NOT NULL)`,
      credentialRevoked: sql<boolean>`(${credentialRevocations.statusListIndex} IS NOT NULL)`,
    })
    .from(certificates)
    .innerJoin(certificateCredentials, eq(certificateCredentials.certificateId, certificates.id))
    .leftJoin(
      credentialRevocations,
      eq(credentialRevocations.statusListIndex, certificateCredentials.statusListIndex),
    )
    .where(eq(certificates.certificateNumber, number))
    .orderBy(desc(certificateCredentials.createdAt), desc(certificateCredentials.statusListIndex))
    .limit(1);
  return row;
}
