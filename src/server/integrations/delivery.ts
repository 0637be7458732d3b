import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import type { Db } from "../db/types";
import { actionEmail, sendMail } from "../accounts/mailer";
import { recordAudit, SYSTEM } from "../audit/record";
import { getEnv } from "../env";
import { logger } from "../log";
import { metrics } from "../metrics/metrics";
import { DELIVERY_TIMEOUT_MS, postWebhook, type PostResult } from "./outbound";
import { openSecret, signatureHeader, webhooksConfigured } from "./secret-box";

/**
 * The webhook worker (docs/decisions.md, "Outbound webhooks"). Every instance runs it; a delivery is claimed
 * with FOR UPDATE SKIP LOCKED and its `next_attempt_at` moved past the attempt's timeout in the same
 * statement, so two instances never attempt the same delivery at once. An instance that dies mid-attempt
 * leaves the claim to expire, and the delivery is tried again (at-least-once; receivers deduplicate on the
 * event id). Failures retry with exponential backoff and jitter until `retry_until` (3 days); an endpoint
 * that has failed for 3 days without a success is disabled and the admins are told by e-mail.
 */

/** How long a claim holds a delivery: longer than one attempt can take. */
const CLAIM_MS = DELIVERY_TIMEOUT_MS + 50_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3600_000;
/**
 * An endpoint failing this long without a success is disabled: 3 days, less an hour of tolerance, because the
 * last attempt of a delivery happens at its `retry_until` (3 days after it was queued) and the first failure
 * came a little after it was queued.
 */
export const FAILING_DISABLE_MS = 71 * 3600_000;

/** The wait before attempt `attempts + 1`: 30 s doubling to 6 h, ±25 % jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}

interface Claimed extends Record<string, unknown> {
  id: string;
  event_id: string;
  endpoint_id: string;
  attempts: number;
  retry_until: Date | string;
  type: string;
  payload: unknown;
  event_created_at: Date | string;
  url: string;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | string | null;
}

/** The body every attempt of an event sends: the same bytes each time. */
export function eventBody(e: { id: string; type: string; createdAt: Date | string; data: unknown }): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    createdAt: new Date(e.createdAt).toISOString(),
    data: e.data,
  });
}

export interface DeliveryRunReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints and attempts them concurrently. `now` is the clock
 * (tests move it); `post` the transport (tests may wrap it).
 */
export async function deliverDueWebhooks(
  db: Db,
  opts: { now?: Date; limit?: number; random?: () => number; post?: typeof postWebhook } = {},
): Promise<DeliveryRunReport> {
  const now = opts.now ?? new Date();
  const post = opts.post ?? postWebhook;
  const claimed = await queryRows<Claimed>(
    db,
    sql`WITH due AS (
          SELECT d.id FROM webhook_deliveries d
            JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
           WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now}
           ORDER BY d.next_attempt_at
           LIMIT ${opts.limit ?? 20}
           FOR UPDATE OF d SKIP LOCKED
        ), claimed AS (
          UPDATE webhook_deliveries d
             SET attempts = d.attempts + 1, last_attempt_at = ${now},
                 next_attempt_at = ${new Date(now.getTime() + CLAIM_MS)}
            FROM due WHERE d.id = due.id
          RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.retry_until
        )
        SELECT c.*, ev.type, ev.payload, ev.created_at AS event_created_at, e.url, e.secret_ciphertext,
               e.previous_secret_ciphertext, e.previous_secret_expires_at
          FROM claimed c
          JOIN webhook_events ev ON ev.id = c.event_id
          JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
  );
  const report: DeliveryRunReport = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (c) => {
      const outcome = await attempt(db, c, now, post, opts.random);
      report[outcome] += 1;
      metrics().webhookAttempts.inc({ outcome: outcome === "retrying" ? "retry" : outcome });
    }),
  );
  return report;
}

async function attempt(
  db: Db,
  c: Claimed,
  now: Date,
  post: typeof postWebhook,
  random?: () => number,
): Promise<"delivered" | "retrying" | "failed"> {
  let result: PostResult;
  try {
    const secrets = [openSecret(c.secret_ciphertext, c.endpoint_id)];
    if (
      c.previous_secret_ciphertext &&
      c.previous_secret_expires_at &&
      new Date(c.previous_secret_expires_at) > now
    ) {
      secrets.push(openSecret(c.previous_secret_ciphertext, c.endpoint_id));
    }
    const body = eventBody({ id: c.event_id, type: c.type, createdAt: c.event_created_at, data: c.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    result = await post(
      c.url,
      {
        "content-type": "application/json",
        "user-agent": "AI-Whisperers-Webhooks/1",
        "webhook-id": c.event_id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatureHeader(secrets, timestamp, body),
      },
      body,
    );
  } catch (e) {
    result = { status: null, latencyMs: 0, error: e instanceof Error ? e.message.slice(0, 290) : String(e) };
  }
  const finishedAt = new Date(now.getTime() + result.latencyMs);
  if (result.error === null) {
    await db.execute(sql`
      UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = ${finishedAt},
             last_status_code = ${result.status}, last_latency_ms = ${result.latencyMs}, last_error = NULL
       WHERE id = ${c.id}`);
    await db.execute(sql`
      UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ${c.endpoint_id} AND failing_since IS NOT NULL`);
    return "delivered";
  }
  // The last attempt happens at retry_until itself; one failing then (or later) is the end.
  const retryUntil = new Date(c.retry_until);
  const giveUp = now >= retryUntil;
  const next = new Date(Math.min(now.getTime() + backoffMs(c.attempts, random), retryUntil.getTime()));
  await db.execute(sql`
    UPDATE webhook_deliveries
       SET status = ${giveUp ? "FAILED" : "PENDING"}, next_attempt_at = ${next},
           last_status_code = ${result.status}, last_latency_ms = ${result.latencyMs}, last_error = ${result.error}
     WHERE id = ${c.id}`);
  logger.warn("webhook attempt failed", {
    deliveryId: c.id,
    endpointId: c.endpoint_id,
    attempt: c.attempts,
    error: result.error,
    givenUp: giveUp,
  });
  await noteFailure(db, c.endpoint_id, c.url, now);
  return giveUp ? "failed" : "retrying";
}

/** Marks the endpoint failing; three days of failures without a success disable it and e-mail the admins. */
async function noteFailure(db: Db, endpointId: string, url: string, now: Date) {
  const disabled = await db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE webhook_endpoints
             SET failing_since = COALESCE(failing_since, ${now}),
                 enabled = CASE WHEN COALESCE(failing_since, ${now}) <= ${new Date(now.getTime() - FAILING_DISABLE_MS)}
                                THEN false ELSE enabled END,
                 disabled_at = CASE WHEN COALESCE(failing_since, ${now}) <= ${new Date(now.getTime() - FAILING_DISABLE_MS)}
                                    THEN ${now} ELSE disabled_at END,
                 disabled_reason = CASE WHEN COALESCE(failing_since, ${now}) <= ${new Date(now.getTime() - FAILING_DISABLE_MS)}
                                        THEN 'FAILING' ELSE disabled_reason END
           WHERE id = ${endpointId} AND enabled
          RETURNING id, enabled`,
    );
    const row = rows[0] as { id: string; enabled: boolean } | undefined;
    if (!row || row.enabled) return false;
    await tx.execute(sql`
      UPDATE webhook_deliveries SET status = 'FAILED', last_error = 'The endpoint was disabled after failing for 3 days.'
       WHERE endpoint_id = ${endpointId} AND status = 'PENDING' AND next_attempt_at <= ${now}`);
    await recordAudit(tx, SYSTEM, {
      action: "webhook.disabled",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      after: { reason: "FAILING" },
    });
    return true;
  });
  if (!disabled) return;
  logger.error("webhook endpoint disabled after 3 days of failures", { endpointId });
  const admins = await queryRows<{ email: string }>(
    db,
    sql`SELECT email FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 50`,
  );
  const link = new URL(`/admin/webhooks/${endpointId}`, getEnv().appUrl).toString();
  for (const { email } of admins) {
    try {
      await sendMail(
        db,
        actionEmail({
          to: email,
          subject: "A webhook endpoint was disabled",
          heading: "A webhook endpoint stopped receiving events",
          intro: `Every attempt to deliver events to ${url} has failed for 3 days, so it has been disabled. Events that happen while it is disabled are not queued for it. Check the receiver, then enable the endpoint again and resend the deliveries it missed.`,
          button: "Open the endpoint",
          url: link,
          footer: "You receive this because you are an administrator of AI Whisperers.",
        }),
      );
    } catch (e) {
      logger.error("could not e-mail an admin about a disabled webhook endpoint", { endpointId, err: e });
    }
  }
}

/** Pending deliveries and the age of the oldest due one, for the metrics endpoint. */
async function measureBacklog(db: Db) {
  const [row] = await queryRows<{ pending: number; oldest: number | null }>(
    db,
    sql`SELECT count(*)::int AS pending,
               EXTRACT(EPOCH FROM now() - min(next_attempt_at) FILTER (WHERE next_attempt_at <= now()))::float8 AS oldest
          FROM webhook_deliveries WHERE status = 'PENDING'`,
  );
  metrics().webhookBacklog.set({ measure: "pending" }, row?.pending ?? 0);
  metrics().webhookBacklog.set({ measure: "oldest_due_seconds" }, Math.max(0, row?.oldest ?? 0));
}

let timer: NodeJS.Timeout | undefined;

/**
 * Runs the worker every `everyMs` in this process (started by the server; stopped at shutdown with the other
 * jobs): each tick claims batches until none is full. Does nothing on a production instance without
 * WEBHOOK_SECRET_KEY.
 */
export function startWebhookWorker(database: Database, everyMs = 2000) {
  if (timer || !webhooksConfigured()) return;
  let running = false;
  let ticks = 0;
  timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      for (let batch = 0; batch < 10; batch++) {
        const r = await deliverDueWebhooks(database.db);
        if (r.attempted < 20) break;
      }
      if (ticks++ % 15 === 0) await measureBacklog(database.db);
    } catch (e) {
      logger.error("webhook worker failed", { err: e });
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
}

export function stopWebhookWorker() {
  if (timer) clearInterval(timer);
  timer = undefined;
}
