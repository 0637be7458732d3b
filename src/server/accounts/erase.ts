import "server-only";
import { settleRedemption } from "../payments/coupons";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import {
  certificates,
  courseInstructors,
  courses,
  enrollments,
  mailOutbox,
  payments,
  users,
  verificationTokens,
} from "../db/schema";
import { queryRows } from "../db/rows";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { ZEraseInput, type TEraseInput } from "./schemas";
import { assertBrowserSession, assertSignedIn, type Actor } from "./actor";
import { refreshCourseStats } from "../catalog/refresh-course-stats";
import { removeObjects } from "../files/storage";
import { revokeCredentialsOf } from "../credentials/status-list";
import { emitWebhookEvent, iso } from "../integrations/events";
import { emitCertificateRevoked } from "../learning/certificates";

/**
 * GDPR Art. 17. Personal data is deleted; records the platform must keep survive pseudonymised: payments
 * (payer set NULL by the foreign key), audit entries (one pseudonym for this user, also inside their JSON,
 * IPs removed). Refused while the user is the last admin or the only instructor of a course with students.
 */
export async function eraseMyAccount(
  db: Db,
  actor: Actor | null,
  input: TEraseInput,
  ctx: AuditContext = {},
) {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  const confirm = parseInput(ZEraseInput, input);
  return db.transaction(async (tx) => {
    const [me] = await tx
      .select({ id: users.id, email: users.email, role: users.role })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!me) throw notFound("Your account");
    if (confirm.confirmEmail.toLowerCase() !== me.email.toLowerCase()) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "The address you typed is not this account's address; nothing was deleted.",
        fields: [{ path: "confirmEmail", message: "Type exactly the e-mail address of this account." }],
      });
    }
    if (me.role === "ADMIN") {
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.role, "ADMIN"))
        .for("update");
      if (admins.length <= 1) {
        throw new AppError("CONFLICT", {
          userMessage:
            "You are the last administrator. Make someone else an administrator before deleting your account.",
        });
      }
    }
    const sole = await queryRows<{ title: string }>(
      tx,
      sql`SELECT c.title FROM ${courseInstructors} ci JOIN ${courses} c ON c.id = ci.course_id
          WHERE ci.user_id = ${me.id}
            AND NOT EXISTS (SELECT 1 FROM ${courseInstructors} o WHERE o.course_id = ci.course_id AND o.user_id <> ${me.id})
            AND EXISTS (SELECT 1 FROM ${enrollments} e WHERE e.course_id = ci.course_id AND e.status IN ('ACTIVE', 'COMPLETED', 'SUSPENDED'))`,
    );
    if (sole.length > 0) {
      throw new AppError("CONFLICT", {
        userMessage: `You are the only instructor of ${sole.map((s) => `“${s.title}”`).join(", ")}, which has students. Add another instructor first.`,
      });
    }
    // Pending payments are cancelled first: nobody can complete them afterwards.
    const cancelled = await tx
      .update(payments)
      .set({ status: "FAILED", processedAt: new Date() })
      .where(and(eq(payments.userId, me.id), inArray(payments.status, ["PENDING"])))
      .returning({ id: payments.id });
    // Their reserved coupon uses are given back with them.
    for (const p of cancelled) await settleRedemption(tx, p.id, "RELEASED");

    const pseudonym = `erased-${randomBytes(8).toString("hex")}`;
    const email = me.email.toLowerCase();
    // The one change the audit log allows, through the SECURITY DEFINER function of migration 0011: the
    // application role has no UPDATE on audit_log (docs/decisions.md, "Database roles").
    await tx.execute(sql`SELECT aiw_pseudonymise_audit(${me.id}, ${email}, ${pseudonym})`);
    await tx.delete(verificationTokens).where(sql`lower(${verificationTokens.identifier}) = ${email}`);
    await tx.delete(mailOutbox).where(sql`lower(${mailOutbox.to}) = ${email}`);
    // The courses whose counters this person's enrollments and reviews are part of.
    const touched = await queryRows<{ course_id: string }>(
      tx,
      sql`SELECT course_id FROM enrollments WHERE user_id = ${me.id}
          UNION SELECT course_id FROM course_reviews WHERE user_id = ${me.id}`,
    );
    // Uploaded files: objects in the object storage are deleted here, before the rows (a failure rolls the
    // erasure back, to be tried again); rows and database chunks cascade with the user.
    const objects = await queryRows<{ object_key: string }>(
      tx,
      sql`SELECT object_key FROM stored_files WHERE user_id = ${me.id} AND object_key IS NOT NULL`,
    );
    await removeObjects(objects.map((o) => o.object_key));
    // Their certificates' signed credentials stop verifying: the status bits outlive the rows.
    // Locked first: a credential being issued for one of them finishes before (and is revoked here) or finds
    // the certificate gone (404); none can slip between this read and the cascade.
    const held = await tx
      .select({
        id: certificates.id,
        certificateNumber: certificates.certificateNumber,
        courseId: certificates.courseId,
        revokedAt: certificates.revokedAt,
      })
      .from(certificates)
      .where(eq(certificates.userId, me.id))
      .for("update");
    await revokeCredentialsOf(
      tx,
      held.map((c) => c.id),
      "ACCOUNT_ERASED",
    );
    const erasedAt = new Date();
    // Events about this person still in the webhook outbox go with them (pending deliveries of them are
    // dropped); what follows announces the erasure, so receivers delete their side (docs/decisions.md).
    await tx.execute(sql`DELETE FROM webhook_events WHERE payload ->> 'userId' = ${me.id}`);
    // Receivers hear of each certificate that was still valid (one revoked by a refund was announced then),
    // then of the erasure itself; all in this transaction, so a refused or failed erasure announces nothing.
    for (const c of held) {
      if (c.revokedAt) continue;
      await emitCertificateRevoked(tx, {
        certificateId: c.id,
        certificateNumber: c.certificateNumber,
        userId: me.id,
        courseId: c.courseId,
        revokedAt: erasedAt,
        reason: "ACCOUNT_ERASED",
      });
    }
    // Sessions, accounts, enrollments, progress, certificates, reviews, teaching rows and files cascade.
    await tx.delete(users).where(eq(users.id, me.id));
    await emitWebhookEvent(tx, "user.deleted", { userId: me.id, deletedAt: iso(erasedAt) });
    for (const { course_id } of touched) await refreshCourseStats(tx, course_id);
    await recordAudit(
      tx,
      { id: pseudonym, role: me.role },
      { action: "user.erased", entityType: "user", entityId: pseudonym },
      { requestId: ctx.requestId },
    );
    return { pseudonym };
  });
}
