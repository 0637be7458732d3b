import "server-only";
import { revokeCredentialsOf } from "../credentials/status-list";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import {
  enrollments,
  suspensionReason,
  type Enrollment,
  type EnrollmentStatus,
  type SuspensionReason,
} from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { refreshCourseStats } from "../catalog/refresh-course-stats";
import { emitWebhookEvent, iso } from "../integrations/events";
import { emitCertificateRevoked, issuePendingCertificates } from "./certificates";

/**
 * The one owner of enrollment state (docs/decisions.md, "Enrollment state"). Every change of an enrollment's
 * status or percentage goes through here: grant (create or reopen), revoke (refund), suspend, reinstate, and
 * the completion rule. Callers run these inside their transaction; what counts, locks first.
 *
 * The rules:
 * - percentage = floor(completed lessons × 100 ÷ lessons), over lessons of published modules; 0 without lessons,
 *   so 100 means every lesson is done;
 * - completion is permanent: an enrollment that reached 100 % became COMPLETED with `completed_at`, and keeps
 *   both when lessons are added or un-completed later (only the percentage drops);
 * - reopening (buying again after a refund, reinstating a suspension) restores COMPLETED exactly when the
 *   enrollment had been completed (`completed_at` is set), ACTIVE otherwise — never from the percentage;
 * - a suspension has holds (`suspension_reasons`): an admin's (ADMIN) and a payment dispute's (DISPUTE), each
 *   put and lifted by its own owner; the enrollment is SUSPENDED while any hold remains and reopens by the
 *   reopen rule when the last one is lifted. An admin cannot lift a dispute's hold.
 */

export function completionPercentage(completed: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((completed * 100) / total));
}

/** The same rule in SQL, for set-based recomputes. */
export const completionPercentageSql = (done: SQL, total: SQL) =>
  sql`CASE WHEN ${total} = 0 THEN 0 ELSE least(100, (${done} * 100) / ${total}) END`;

/** The status an enrollment returns to when access is given back (SQL over the enrollments row). */
const REOPENED_STATUS = sql`CASE WHEN enrollments.completed_at IS NOT NULL THEN 'COMPLETED'::enrollment_status ELSE 'ACTIVE'::enrollment_status END`;

export const reopenedStatus = (e: Pick<Enrollment, "completedAt">): EnrollmentStatus =>
  e.completedAt ? "COMPLETED" : "ACTIVE";

/** Statuses that open a course's lessons. */
export const hasAccess = (status: EnrollmentStatus | null | undefined) =>
  status === "ACTIVE" || status === "COMPLETED";

export interface Completion {
  completedLessons: number;
  totalLessons: number;
  percentage: number;
}

/** A user's completion of a course by the rule: lessons of published modules, rounded down. */
export async function getCompletion(db: Db, userId: string, courseId: string): Promise<Completion> {
  const [row] = await queryRows<{ total: number; done: number }>(
    db,
    sql`SELECT count(l.id)::int AS total, count(up.id)::int AS done
        FROM modules m
        JOIN lessons l ON l.module_id = m.id
        LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = ${userId} AND up.completed
        WHERE m.course_id = ${courseId} AND m.published`,
  );
  const total = row?.total ?? 0;
  const done = row?.done ?? 0;
  return { totalLessons: total, completedLessons: done, percentage: completionPercentage(done, total) };
}

/**
 * After a learner's progress changed: recounts the percentage and completes the enrollment when it reaches
 * 100 % for the first time (issuing the certificate). The caller holds the enrollment row's lock
 * (`SELECT … FOR UPDATE`), so two completions at once cannot both miss "all done" or store a stale figure.
 */
export async function applyProgress(
  tx: Db,
  enrollment: Pick<Enrollment, "id" | "userId" | "courseId" | "status">,
  now: Date,
) {
  // One statement: the count by the rule (getCompletion's, in SQL) and the enrollment's update from it.
  const [updated] = await queryRows<{ status: EnrollmentStatus; progress_percentage: number }>(
    tx,
    sql`WITH c AS (
          SELECT count(l.id)::int AS total, count(up.id)::int AS done
          FROM modules m
          JOIN lessons l ON l.module_id = m.id
          LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = ${enrollment.userId} AND up.completed
          WHERE m.course_id = ${enrollment.courseId} AND m.published
        ), p AS (SELECT ${completionPercentageSql(sql`c.done`, sql`c.total`)} AS pct FROM c)
        UPDATE enrollments SET
          progress_percentage = p.pct,
          last_accessed_at = ${now}::timestamptz,
          status = CASE WHEN enrollments.status = 'ACTIVE' AND p.pct = 100
                        THEN 'COMPLETED'::enrollment_status ELSE enrollments.status END,
          completed_at = CASE WHEN enrollments.status = 'ACTIVE' AND p.pct = 100
                              THEN ${now}::timestamptz ELSE enrollments.completed_at END
        FROM p
        WHERE enrollments.id = ${enrollment.id}
        RETURNING enrollments.status, enrollments.progress_percentage`,
  );
  if (!updated) throw new Error(`enrollment ${enrollment.id} vanished while locked`);
  const completesNow = enrollment.status === "ACTIVE" && updated.status === "COMPLETED";
  // Once per enrollment: only this write moves ACTIVE to COMPLETED, under the caller's lock of the row.
  if (completesNow) {
    await emitWebhookEvent(tx, "course.completed", {
      enrollmentId: enrollment.id,
      userId: enrollment.userId,
      courseId: enrollment.courseId,
      completedAt: iso(now),
    });
  }
  const certificateIssued = completesNow
    ? (await issuePendingCertificates(tx, enrollment.userId)) > 0
    : false;
  return {
    enrollment: { status: updated.status, progressPercentage: updated.progress_percentage },
    certificateIssued,
    completedNow: completesNow,
  };
}

/**
 * Every enrollment's percentage in a course from the rows, in one statement (after a structural change:
 * lessons added, deleted or moved, a module published or not). Statuses are never touched: a completion is
 * never taken away, and an ACTIVE enrollment that reaches 100 % this way completes on its next progress
 * write. The caller has locked the course's enrollments. Returns how many changed.
 */
export async function recomputeEnrollmentProgress(tx: Db, courseId: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`
      WITH total AS (
        SELECT count(*)::int AS n FROM lessons l JOIN modules m ON m.id = l.module_id
        WHERE m.course_id = ${courseId} AND m.published
      ),
      done AS (
        SELECT up.user_id, count(*)::int AS n
        FROM user_progress up
        JOIN lessons l ON l.id = up.lesson_id
        JOIN modules m ON m.id = l.module_id AND m.published AND m.course_id = ${courseId}
        WHERE up.course_id = ${courseId} AND up.completed
        GROUP BY up.user_id
      ),
      computed AS (
        SELECT e.id, ${completionPercentageSql(sql`coalesce(d.n, 0)`, sql`t.n`)} AS pct
        FROM enrollments e CROSS JOIN total t LEFT JOIN done d ON d.user_id = e.user_id
        WHERE e.course_id = ${courseId}
      )
      UPDATE enrollments e SET progress_percentage = computed.pct
      FROM computed
      WHERE e.id = computed.id AND e.progress_percentage <> computed.pct
      RETURNING e.id`,
  );
  return rows.length;
}

/**
 * Gives a learner access: creates an ACTIVE enrollment, or reopens a REFUNDED one by the reopen rule
 * (progress kept; COMPLETED again with a valid certificate if it had been completed). ACTIVE, COMPLETED and
 * SUSPENDED enrollments are left as they are (`changed: false`). Idempotent under concurrency: the unique
 * (user_id, course_id) constraint decides (INSERT … ON CONFLICT). Counters follow in the same transaction.
 */
export async function grantEnrollment(
  tx: Db,
  userId: string,
  courseId: string,
): Promise<{ enrollment: Enrollment; created: boolean; changed: boolean }> {
  const [written] = await queryRows<{ id: string; created: boolean }>(
    tx,
    sql`INSERT INTO enrollments (user_id, course_id, status) VALUES (${userId}, ${courseId}, 'ACTIVE')
        ON CONFLICT (user_id, course_id) DO UPDATE SET status = ${REOPENED_STATUS}, access_started_at = now()
        WHERE enrollments.status = 'REFUNDED'
        RETURNING id, (xmax = 0) AS created`,
  );
  const [enrollment] = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)));
  if (!enrollment) throw notFound("This enrollment");
  if (written) {
    // `enrollment.created` once per grant of access: a new row, or a REFUNDED one reopened (bought again), which
    // receivers see as enrolling again (its enrolledAt is when this access began). A repeat, a concurrent
    // duplicate or an enrollment that already has access writes nothing above (`written` is empty), and
    // reinstating a suspension is not an enrollment.
    await emitWebhookEvent(tx, "enrollment.created", {
      enrollmentId: enrollment.id,
      userId,
      courseId,
      enrolledAt: iso(written.created ? enrollment.enrolledAt : enrollment.accessStartedAt),
    });
    if (!written.created) await issuePendingCertificates(tx, userId); // a reopened completion: valid again
    await refreshCourseStats(tx, courseId);
  }
  return { enrollment, created: Boolean(written?.created), changed: Boolean(written) };
}

/**
 * A full refund (or a lost dispute) ends access at once, whatever held it suspended; the certificate stays
 * verifiable, shown as revoked.
 */
export async function revokeEnrollment(tx: Db, userId: string, courseId: string, now: Date) {
  await tx
    .update(enrollments)
    .set({ status: "REFUNDED", suspensionReasons: [] })
    .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)));
  // `was_valid` is read from the statement's snapshot, before this update: a certificate already revoked is
  // stamped again (as before) but announced only once.
  const revoked = await queryRows<{ id: string; certificate_number: string; was_valid: boolean }>(
    tx,
    sql`WITH before AS (
          SELECT id, revoked_at IS NULL AS was_valid FROM certificates
          WHERE user_id = ${userId} AND course_id = ${courseId}
        )
        UPDATE certificates c SET revoked_at = ${now}::timestamptz
        FROM before WHERE c.id = before.id
        RETURNING c.id, c.certificate_number, before.was_valid`,
  );
  for (const c of revoked) {
    if (!c.was_valid) continue;
    // A lost dispute is a full refund too (the enrollment is REFUNDED either way): one reason code.
    await emitCertificateRevoked(tx, {
      certificateId: c.id,
      certificateNumber: c.certificate_number,
      userId,
      courseId,
      revokedAt: now,
      reason: "REFUNDED",
    });
  }
  // Its signed credentials are revoked on the published status list too.
  await revokeCredentialsOf(
    tx,
    revoked.map((c) => c.id),
    "CERTIFICATE_REVOKED",
  );
  await refreshCourseStats(tx, courseId);
}

/** The holds keeping an enrollment closed; a SUSPENDED row without any (seeds, direct writes) is an admin's. */
export function suspensionHolds(e: Pick<Enrollment, "status" | "suspensionReasons">): SuspensionReason[] {
  if (e.status !== "SUSPENDED") return [];
  return e.suspensionReasons.length > 0 ? [...e.suspensionReasons] : ["ADMIN"];
}

export interface SuspensionChange {
  enrollment: Enrollment;
  before: EnrollmentStatus;
  after: EnrollmentStatus;
  holds: SuspensionReason[];
  changed: boolean;
}

/** Puts or lifts one hold on a locked enrollment: SUSPENDED while any remains, else the reopen rule. */
async function changeHold(tx: Db, e: Enrollment, reason: SuspensionReason, put: boolean) {
  const held = new Set(suspensionHolds(e));
  if (put) held.add(reason);
  else held.delete(reason);
  const holds = suspensionReason.enumValues.filter((r) => held.has(r));
  const after: EnrollmentStatus =
    holds.length > 0 ? "SUSPENDED" : e.status === "SUSPENDED" ? reopenedStatus(e) : e.status;
  const changed = after !== e.status || holds.join() !== e.suspensionReasons.join();
  if (changed) {
    await tx
      .update(enrollments)
      .set({ status: after, suspensionReasons: holds })
      .where(eq(enrollments.id, e.id));
    if (after !== e.status) await refreshCourseStats(tx, e.courseId);
  }
  return { enrollment: e, before: e.status, after, holds, changed } satisfies SuspensionChange;
}

/**
 * An admin suspends (lessons close at once) or reinstates an enrollment: the ADMIN hold. Reinstating reopens it
 * by the reopen rule unless a dispute still holds it, which is refused (409): only the dispute's outcome lifts
 * that. Suspending one already held by a dispute adds the admin's hold, so it stays closed after a won dispute.
 * REFUNDED enrollments are the payments' business: they reopen by buying again. Locks the row.
 */
export async function setEnrollmentSuspended(
  tx: Db,
  enrollmentId: string,
  suspended: boolean,
): Promise<SuspensionChange> {
  const [e] = await tx.select().from(enrollments).where(eq(enrollments.id, enrollmentId)).for("update");
  if (!e) throw notFound("That enrollment");
  if (e.status === "REFUNDED") {
    throw new AppError("CONFLICT", {
      userMessage: "A refunded enrollment is reopened by buying the course again.",
    });
  }
  if (!suspended && suspensionHolds(e).includes("DISPUTE")) {
    throw new AppError("CONFLICT", {
      userMessage:
        "This enrollment is suspended because its payment is disputed with the card issuer. Access returns " +
        "when the dispute is won and ends for good if it is lost; it cannot be reinstated before then.",
    });
  }
  return changeHold(tx, e, "ADMIN", suspended);
}

/**
 * A payment dispute opened (`hold`) or was won (lift): puts or lifts the DISPUTE hold on the buyer's enrollment,
 * locking it. Nothing happens to a missing or REFUNDED enrollment (a lost dispute revokes it instead).
 */
export async function setDisputeHold(
  tx: Db,
  userId: string,
  courseId: string,
  hold: boolean,
): Promise<SuspensionChange | null> {
  const [e] = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)))
    .for("update");
  if (!e || e.status === "REFUNDED") return null;
  return changeHold(tx, e, "DISPUTE", hold);
}
