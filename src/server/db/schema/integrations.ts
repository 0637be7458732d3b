import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, unique, varchar } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";

/**
 * Not in the document (migration 0022): outbound webhooks (docs/decisions.md, "Outbound webhooks").
 */

/** The events an endpoint may subscribe to. `webhook.test` is sent only by "Send a test event". */
export const WEBHOOK_EVENT_TYPES = [
  "enrollment.created",
  "lesson.completed",
  "course.completed",
  "certificate.issued",
  "certificate.revoked",
  "quiz.attempt_submitted",
  "assignment.submitted",
  "assignment.reviewed",
  "payment.completed",
  "payment.refunded",
  "review.created",
  "user.deleted",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
const KNOWN_TYPES_SQL = sql.raw(`ARRAY[${WEBHOOK_EVENT_TYPES.map((t) => `'${t}'`).join(", ")}]::text[]`);

/**
 * A receiver registered by an admin. The signing secret is stored only encrypted with WEBHOOK_SECRET_KEY
 * (AES-256-GCM, the endpoint id as associated data); after a rotation the previous secret also signs until
 * `previous_secret_expires_at`. `failing_since` is the first failed attempt since the last success: three
 * days of that disables the endpoint (`disabled_reason` FAILING).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: idColumn(),
    url: varchar("url", { length: 2000 }).notNull(),
    description: varchar("description", { length: 200 }).notNull().default(""),
    events: text("events").array().notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: tstz("previous_secret_expires_at"),
    enabled: boolean("enabled").notNull().default(true),
    disabledAt: tstz("disabled_at"),
    disabledReason: varchar("disabled_reason", { length: 16 }),
    failingSince: tstz("failing_since"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("idx_webhook_endpoints_created_at").on(t.createdAt, t.id),
    check(
      "webhook_endpoints_events_known",
      sql`cardinality(${t.events}) > 0 AND ${t.events} <@ ${KNOWN_TYPES_SQL}`,
    ),
    check(
      "webhook_endpoints_disabled_reason_known",
      sql`${t.disabledReason} IS NULL OR ${t.disabledReason} IN ('BY_ADMIN', 'FAILING')`,
    ),
  ],
);

/**
 * The outbox: one row per event, written in the transaction of the change that causes it (only when at least
 * one enabled endpoint wants it). `id` is the stable event id receivers deduplicate on. Payloads hold ids and
 * facts, never e-mail addresses or names. Kept 30 days once no delivery is pending.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: idColumn(),
    type: varchar("type", { length: 64 }).notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("idx_webhook_events_created_at").on(t.createdAt),
    index("idx_webhook_events_user").on(sql`(${t.payload} ->> 'userId')`),
    check(
      "webhook_events_type_known",
      sql`${t.type} = 'webhook.test' OR ${t.type} = ANY (${KNOWN_TYPES_SQL})`,
    ),
  ],
);

/**
 * One event for one endpoint. A worker claims a due PENDING row (FOR UPDATE SKIP LOCKED) and moves
 * `next_attempt_at` past the attempt's timeout in the same statement, so no two instances attempt it at once.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: idColumn(),
    eventId: varchar("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: varchar("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: varchar("status", { length: 16 }).notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    retryUntil: tstz("retry_until")
      .notNull()
      .default(sql`now() + interval '3 days'`),
    lastAttemptAt: tstz("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastLatencyMs: integer("last_latency_ms"),
    lastError: varchar("last_error", { length: 300 }),
    deliveredAt: tstz("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("webhook_deliveries_event_endpoint_key").on(t.eventId, t.endpointId),
    index("idx_webhook_deliveries_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'PENDING'`),
    index("idx_webhook_deliveries_endpoint").on(t.endpointId, t.createdAt, t.id),
    check("webhook_deliveries_status_known", sql`${t.status} IN ('PENDING', 'DELIVERED', 'FAILED')`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
