import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/rows";
import type { Db } from "../db/types";
import { recordAudit, SYSTEM } from "../audit/record";
import { deleteUnattachedFiles } from "../files/storage";

export interface CleanupReport {
  sessions: number;
  verificationTokens: number;
  rateLimits: number;
  outbox: number;
  /** Uploaded files attached to nothing for an hour (removed from a draft, or their course deleted). */
  files: number;
  /** Webhook events older than 30 days with no delivery still pending (their deliveries go with them). */
  webhookEvents: number;
}

const count = async (db: Db, query: ReturnType<typeof sql>) => (await queryRows(db, query)).length;

/**
 * Retention: expired sessions (sliding or absolute lifetime), used-up or expired sign-in tokens, finished
 * rate-limit windows, demo mails older than 7 days, files attached to nothing, webhook events older than 30
 * days that nothing still waits to deliver. Idempotent.
 */
export async function runCleanup(
  db: Db,
  opts: { sessionMaxAgeDays: number; now?: Date },
): Promise<CleanupReport> {
  const now = opts.now ?? new Date();
  const absolute = new Date(now.getTime() - opts.sessionMaxAgeDays * 86_400_000);
  // Files first, outside the transaction: object storage deletes are network calls.
  const files = await deleteUnattachedFiles(db, new Date(now.getTime() - 3_600_000));
  return db.transaction(async (tx) => {
    const report = {
      files,
      sessions: await count(
        tx,
        sql`DELETE FROM sessions WHERE expires <= ${now} OR created_at <= ${absolute} RETURNING id`,
      ),
      verificationTokens: await count(
        tx,
        sql`DELETE FROM verification_tokens WHERE expires <= ${now} RETURNING token`,
      ),
      rateLimits: await count(
        tx,
        sql`DELETE FROM rate_limits WHERE window_start < ${new Date(now.getTime() - 86_400_000)} RETURNING key`,
      ),
      outbox: await count(
        tx,
        sql`DELETE FROM mail_outbox WHERE created_at < ${new Date(now.getTime() - 7 * 86_400_000)} RETURNING id`,
      ),
      webhookEvents: await count(
        tx,
        sql`DELETE FROM webhook_events ev WHERE ev.created_at < ${new Date(now.getTime() - 30 * 86_400_000)}
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id AND d.status = 'PENDING')
            RETURNING ev.id`,
      ),
    };
    if (Object.values(report).some((n) => n > 0)) {
      await recordAudit(tx, SYSTEM, { action: "system.cleanup", entityType: "system", after: report });
    }
    return report;
  });
}
