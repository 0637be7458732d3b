import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import {
  accounts,
  auditLog,
  certificates,
  courseInstructors,
  courseReviews,
  courses,
  enrollments,
  mailOutbox,
  payments,
  reviewReports,
  sessions,
  userProgress,
  quizAttempts,
  quizAccommodations,
  users,
  verificationTokens,
} from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { queryRows } from "../db/rows";
import { notFound } from "../errors";
import { getEnv } from "../env";
import { assertRole, assertBrowserSession, assertSignedIn, type Actor } from "./actor";

/**
 * Every place the platform keeps data about a user, and the export section that carries it. The export test
 * derives the foreign keys to users from the live schema and fails if one is missing here; references without
 * a foreign key are listed by hand (the second group).
 */
export const USER_DATA_REGISTRY = {
  "users.id": "profile",
  "accounts.user_id": "connectedAccounts",
  "sessions.user_id": "sessions",
  "enrollments.user_id": "enrollments",
  "user_progress.user_id": "progress",
  "certificates.user_id": "certificates",
  "payments.user_id": "payments",
  "course_reviews.user_id": "reviews",
  "course_instructors.user_id": "teaching",
  "course_reviews.hidden_by": "moderation",
  "review_reports.reporter_id": "reviewReports",
  "quiz_attempts.user_id": "quizAttempts",
  "quiz_accommodations.user_id": "quizAccommodations",
  "quiz_accommodations.granted_by": "quizAccommodationsGranted",
  "assignment_submissions.user_id": "assignments",
  "assignment_submissions.claimed_by": "assignmentReviewsGiven",
  "assignment_reviews.reviewer_id": "assignmentReviewsGiven",
  "stored_files.user_id": "files",
  "exercise_code.user_id": "exercises",
  "exercise_results.user_id": "exercises",
  "coupon_redemptions.user_id": "couponRedemptions",
  "coupons.created_by": "couponsCreated",
  "prerequisite_exceptions.user_id": "prerequisiteExceptions",
  "prerequisite_exceptions.granted_by": "prerequisiteExceptionsGranted",
  "module_release_notices.user_id": "moduleReleaseNotices",
  "api_tokens.user_id": "apiTokens",
  // No foreign key:
  "audit_log.actor_id": "auditEntries",
  "audit_log.entity_id": "auditEntries",
  "verification_tokens.identifier": "pendingSignInLinks",
  "mail_outbox.to": "emails",
  "webhook_events.payload": "webhookEvents",
} as const;

/** GDPR Art. 20: everything the platform holds about the actor, as JSON. Tokens and secrets never leave. */
export async function exportMyData(db: Db, actor: Actor | null, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  const data = await buildExport(db, actor.id, actor.sessionId);
  await recordAudit(db, actor, { action: "user.data_exported", entityType: "user", entityId: actor.id }, ctx);
  return data;
}

/** An admin fulfils a data-access request for someone else: the same export, audited as the admin's act. */
export async function exportUserDataForAdmin(
  db: Db,
  actor: Actor | null,
  userId: string,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const data = await buildExport(db, userId, undefined);
  await recordAudit(
    db,
    actor,
    { action: "user.data_exported_by_admin", entityType: "user", entityId: userId },
    ctx,
  );
  return data;
}

async function buildExport(db: Db, uid: string, currentSessionId: string | undefined) {
  const [profile] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      image: users.image,
      role: users.role,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, uid));
  if (!profile) throw notFound("Your account");
  const email = profile.email.toLowerCase();
  const courseTitle = { courseSlug: courses.slug, courseTitle: courses.title };

  const [
    connectedAccounts,
    mySessions,
    myEnrollments,
    progress,
    myCertificates,
    myPayments,
    reviews,
    teaching,
    audit,
    pending,
    emails,
  ] = await Promise.all([
    db
      .select({
        provider: accounts.provider,
        providerAccountId: accounts.providerAccountId,
        type: accounts.type,
        scope: accounts.scope,
      })
      .from(accounts)
      .where(eq(accounts.userId, uid)),
    db
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expires: sessions.expires,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
      })
      .from(sessions)
      .where(eq(sessions.userId, uid))
      .orderBy(asc(sessions.createdAt)),
    db
      .select({
        id: enrollments.id,
        ...courseTitle,
        status: enrollments.status,
        enrolledAt: enrollments.enrolledAt,
        completedAt: enrollments.completedAt,
        progressPercentage: enrollments.progressPercentage,
        lastAccessedAt: enrollments.lastAccessedAt,
      })
      .from(enrollments)
      .innerJoin(courses, eq(courses.id, enrollments.courseId))
      .where(eq(enrollments.userId, uid))
      .orderBy(asc(enrollments.enrolledAt)),
    db
      .select({
        id: userProgress.id,
        courseId: userProgress.courseId,
        moduleId: userProgress.moduleId,
        lessonId: userProgress.lessonId,
        completed: userProgress.completed,
        completedAt: userProgress.completedAt,
        timeSpentSeconds: userProgress.timeSpent,
        createdAt: userProgress.createdAt,
        updatedAt: userProgress.updatedAt,
      })
      .from(userProgress)
      .where(eq(userProgress.userId, uid))
      .orderBy(asc(userProgress.createdAt)),
    db
      .select({
        id: certificates.id,
        ...courseTitle,
        certificateNumber: certificates.certificateNumber,
        issuedAt: certificates.issuedAt,
        verificationUrl: certificates.verificationUrl,
        // The signed credentials issued for it (Open Badges 3.0), as they were signed.
        credentials: sql<
          unknown[]
        >`(SELECT coalesce(json_agg(cc.credential ORDER BY cc.created_at), '[]'::json)
          FROM certificate_credentials cc WHERE cc.certificate_id = ${certificates.id})`,
      })
      .from(certificates)
      .innerJoin(courses, eq(courses.id, certificates.courseId))
      .where(eq(certificates.userId, uid)),
    db
      .select({
        id: payments.id,
        courseId: payments.courseId,
        amount: payments.amount,
        currency: payments.currency,
        status: payments.status,
        provider: payments.provider,
        providerTransactionId: payments.providerTransactionId,
        discount: payments.discountAmount,
        createdAt: payments.createdAt,
        processedAt: payments.processedAt,
      })
      .from(payments)
      .where(eq(payments.userId, uid))
      .orderBy(asc(payments.createdAt)),
    db
      .select({
        id: courseReviews.id,
        ...courseTitle,
        rating: courseReviews.rating,
        comment: courseReviews.comment,
        createdAt: courseReviews.createdAt,
        updatedAt: courseReviews.updatedAt,
      })
      .from(courseReviews)
      .innerJoin(courses, eq(courses.id, courseReviews.courseId))
      .where(eq(courseReviews.userId, uid)),
    db
      .select({ ...courseTitle, role: courseInstructors.role, since: courseInstructors.createdAt })
      .from(courseInstructors)
      .innerJoin(courses, eq(courses.id, courseInstructors.courseId))
      .where(eq(courseInstructors.userId, uid)),
    db
      .select({
        id: auditLog.id,
        at: auditLog.createdAt,
        actorId: auditLog.actorId,
        actorRole: auditLog.actorRole,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .where(or(eq(auditLog.actorId, uid), and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, uid))))
      .orderBy(asc(auditLog.createdAt)),
    db
      .select({ expires: verificationTokens.expires })
      .from(verificationTokens)
      .where(sql`lower(${verificationTokens.identifier}) = ${email}`),
    db
      .select({ id: mailOutbox.id, subject: mailOutbox.subject, createdAt: mailOutbox.createdAt })
      .from(mailOutbox)
      .where(sql`lower(${mailOutbox.to}) = ${email}`),
  ]);

  const fileUrl = `${getEnv().appUrl}/api/v1/files/`;
  const [
    moderation,
    myReports,
    quizAttemptRows,
    accommodations,
    granted,
    assignmentWork,
    reviewsGiven,
    files,
    exercises,
    couponRedemptions,
    couponsCreated,
    myPrerequisiteExceptions,
    prerequisiteExceptionsGranted,
    moduleReleaseNotices,
    apiTokenRows,
    webhookEventRows,
  ] = await Promise.all([
    db
      .select({
        reviewId: courseReviews.id,
        hiddenAt: courseReviews.hiddenAt,
        hiddenReason: courseReviews.hiddenReason,
      })
      .from(courseReviews)
      .where(eq(courseReviews.hiddenBy, uid)),
    db
      .select({
        reviewId: reviewReports.reviewId,
        reason: reviewReports.reason,
        createdAt: reviewReports.createdAt,
      })
      .from(reviewReports)
      .where(eq(reviewReports.reporterId, uid)),
    db
      .select({
        id: quizAttempts.id,
        ...courseTitle,
        lessonId: quizAttempts.lessonId,
        number: quizAttempts.number,
        startedAt: quizAttempts.startedAt,
        deadline: quizAttempts.deadline,
        submittedAt: quizAttempts.submittedAt,
        // The questions as served and the student's own answers and results: all of it is about them.
        questions: quizAttempts.questions,
        answers: quizAttempts.answers,
        pointsAwarded: quizAttempts.pointsAwarded,
        pointsTotal: quizAttempts.pointsTotal,
        scorePercentage: quizAttempts.scorePercentage,
        passed: quizAttempts.passed,
        results: quizAttempts.results,
      })
      .from(quizAttempts)
      .innerJoin(courses, eq(courses.id, quizAttempts.courseId))
      .where(eq(quizAttempts.userId, uid))
      .orderBy(asc(quizAttempts.startedAt)),
    db
      .select({
        lessonId: quizAccommodations.lessonId,
        extraTimePercent: quizAccommodations.extraTimePercent,
        extraAttempts: quizAccommodations.extraAttempts,
        createdAt: quizAccommodations.createdAt,
        updatedAt: quizAccommodations.updatedAt,
      })
      .from(quizAccommodations)
      .where(eq(quizAccommodations.userId, uid)),
    // Accommodations this user granted as course staff: which quiz and when, the student by role only.
    db
      .select({ lessonId: quizAccommodations.lessonId, updatedAt: quizAccommodations.updatedAt })
      .from(quizAccommodations)
      .where(eq(quizAccommodations.grantedBy, uid)),
    // The student's assignment work: the draft, every version handed in and its review.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT s.id, c.slug AS "courseSlug", s.lesson_id AS "lessonId", s.state, s.draft_text AS "draftText",
                 s.draft_links AS "draftLinks",
                 coalesce((SELECT json_agg(d.file_id ORDER BY d.added_at) FROM assignment_draft_files d
                           WHERE d.submission_id = s.id), '[]'::json) AS "draftFiles",
                 coalesce((SELECT json_agg(json_build_object('number', v.number, 'submittedAt', v.submitted_at,
                   'late', v.late, 'text', v.text, 'links', v.links,
                   'files', coalesce((SELECT json_agg(vf.file_id ORDER BY vf.position)
                                      FROM assignment_version_files vf WHERE vf.version_id = v.id), '[]'::json),
                   'review',
                   (SELECT json_build_object('decision', r.decision, 'feedback', r.feedback, 'points', r.points,
                                             'maxPoints', r.max_points, 'reviewedAt', r.created_at)
                    FROM assignment_reviews r WHERE r.version_id = v.id)) ORDER BY v.number)
                   FROM assignment_versions v WHERE v.submission_id = s.id), '[]'::json) AS versions
          FROM assignment_submissions s JOIN courses c ON c.id = s.course_id
          WHERE s.user_id = ${uid} ORDER BY s.created_at`,
    ),
    // Reviews this user gave (and claims held) as course staff: the students by role only.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT r.created_at AS "reviewedAt", r.decision::text AS decision, r.feedback, s.lesson_id AS "lessonId",
                 'a student' AS student
          FROM assignment_reviews r JOIN assignment_versions v ON v.id = r.version_id
          JOIN assignment_submissions s ON s.id = v.submission_id
          WHERE r.reviewer_id = ${uid}
          UNION ALL
          SELECT s.claimed_until, 'CLAIMED', '', s.lesson_id, 'a student'
          FROM assignment_submissions s WHERE s.claimed_by = ${uid}`,
    ),
    // Every file this user uploaded (assignments refer to them by id), with a link that downloads it for the
    // signed-in owner.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT f.id, f.name, f.file_type AS "fileType", f.content_type AS "contentType",
                 f.byte_size AS size, f.sha256, f.created_at AS "uploadedAt",
                 ${fileUrl} || f.id AS download
          FROM stored_files f WHERE f.user_id = ${uid} ORDER BY f.created_at, f.id`,
    ),
    // The student's exercise work: the code they saved, and every check they ran with its outcome.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT x.id AS "exerciseId", x.lesson_id AS "lessonId", c.slug AS "courseSlug",
                 (SELECT ec.code FROM exercise_code ec WHERE ec.exercise_id = x.id AND ec.user_id = ${uid})
                   AS "savedCode",
                 (SELECT ec.updated_at FROM exercise_code ec WHERE ec.exercise_id = x.id AND ec.user_id = ${uid})
                   AS "savedAt",
                 coalesce((SELECT json_agg(json_build_object('code', r.code, 'checks', r.checks,
                                                             'passed', r.passed, 'at', r.created_at)
                                           ORDER BY r.created_at)
                           FROM exercise_results r WHERE r.exercise_id = x.id AND r.user_id = ${uid}), '[]'::json)
                   AS results
          FROM lesson_exercises x
          JOIN lessons l ON l.id = x.lesson_id JOIN modules m ON m.id = l.module_id JOIN courses c ON c.id = m.course_id
          WHERE x.id IN (SELECT exercise_id FROM exercise_code WHERE user_id = ${uid}
                         UNION SELECT exercise_id FROM exercise_results WHERE user_id = ${uid})
          ORDER BY c.slug, x.lesson_id, x.position`,
    ),
    // The coupons this user used (a redemption outlives an erased account without its user).
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT cp.code AS "couponCode", p.course_id AS "courseId", r.payment_id AS "paymentId",
                 r.status::text AS status, r.discount, r.created_at AS "createdAt"
          FROM coupon_redemptions r JOIN coupons cp ON cp.id = r.coupon_id JOIN payments p ON p.id = r.payment_id
          WHERE r.user_id = ${uid} ORDER BY r.created_at`,
    ),
    // Coupons this user made as an admin or course owner.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT code, course_id AS "courseId", percent_off AS "percentOff", amount_off AS "amountOff",
                 active, created_at AS "createdAt"
          FROM coupons WHERE created_by = ${uid} ORDER BY created_at`,
    ),
    // Courses this user may take without their prerequisites (granted by an admin, named by role only).
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT x.course_id AS "courseId", c.slug AS "courseSlug", x.created_at AS "grantedAt", 'ADMIN' AS "grantedBy"
          FROM prerequisite_exceptions x JOIN courses c ON c.id = x.course_id
          WHERE x.user_id = ${uid} ORDER BY x.created_at`,
    ),
    // Exceptions this user granted as an admin: the course and when, the student by role only.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT course_id AS "courseId", created_at AS "grantedAt", 'a student' AS student
          FROM prerequisite_exceptions WHERE granted_by = ${uid} ORDER BY created_at`,
    ),
    // The "a module is open" e-mails sent to this user.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT n.module_id AS "moduleId", m.title AS "moduleTitle", n.sent_at AS "sentAt"
          FROM module_release_notices n JOIN modules m ON m.id = n.module_id
          WHERE n.user_id = ${uid} ORDER BY n.sent_at`,
    ),
    // Personal API tokens: names, scopes and dates; never the secret or its hash.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT id, name, display_prefix AS "displayPrefix", scopes, created_at AS "createdAt",
                 last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
                 revoked_reason AS "revokedReason"
          FROM api_tokens WHERE user_id = ${uid} ORDER BY created_at`,
    ),
    // Webhook events about this user still in the outbox (kept 30 days): what the school's systems were told.
    queryRows<Record<string, unknown>>(
      db,
      sql`SELECT id, type, created_at AS "createdAt", payload AS data
          FROM webhook_events WHERE payload ->> 'userId' = ${uid} ORDER BY created_at`,
    ),
  ]);
  const data = {
    format: "ai-whisperers-export/1",
    exportedAt: new Date().toISOString(),
    profile,
    connectedAccounts,
    sessions: mySessions.map((s) => ({ ...s, current: s.id === currentSessionId })),
    enrollments: myEnrollments,
    progress,
    certificates: myCertificates,
    payments: myPayments,
    reviews,
    teaching,
    moderation,
    reviewReports: myReports,
    quizAttempts: quizAttemptRows,
    quizAccommodations: accommodations,
    quizAccommodationsGranted: granted.map((g) => ({ ...g, student: "a student" })),
    assignments: assignmentWork,
    assignmentReviewsGiven: reviewsGiven,
    files,
    exercises,
    couponRedemptions,
    couponsCreated,
    prerequisiteExceptions: myPrerequisiteExceptions,
    prerequisiteExceptionsGranted,
    moduleReleaseNotices,
    apiTokens: apiTokenRows,
    webhookEvents: webhookEventRows,
    // Other people appear by their role only, never by id or IP address (an admin's IP is theirs, not the user's).
    auditEntries: audit.map(({ actorId, ...e }) => ({
      ...e,
      actor: actorId === uid ? "you" : (e.actorRole ?? "system"),
      ip: actorId === uid ? e.ip : null,
    })),
    pendingSignInLinks: pending,
    emails,
  };
  return data;
}
export type TUserExport = Awaited<ReturnType<typeof exportMyData>>;
