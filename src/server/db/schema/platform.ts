import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { idColumn, tstz } from "./columns";

/**
 * Append-only record of administrative, account, commerce and authoring actions (DESIGN.md convention 15).
 * The database refuses UPDATE, DELETE and TRUNCATE on it (migration 0003), except the pseudonymisation that
 * account erasure performs inside one transaction that sets `aiw.audit_pseudonymise`.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: idColumn(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    /** A user id, or NULL for the system (jobs, the command line). No foreign key: entries outlive users. */
    actorId: varchar("actor_id"),
    actorRole: varchar("actor_role"),
    action: varchar("action").notNull(),
    entityType: varchar("entity_type").notNull(),
    entityId: varchar("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: varchar("request_id"),
    ip: varchar("ip"),
  },
  (t) => [
    index("idx_audit_log_created_at").on(t.createdAt, t.id),
    index("idx_audit_log_actor").on(t.actorId, t.createdAt),
    index("idx_audit_log_entity").on(t.entityType, t.entityId, t.createdAt),
    check("audit_log_action_format", sql`${t.action} ~ '^[a-z]+(\\.[a-z_]+)+$'`),
  ],
);

/** Fixed-window counters for rate limits (DESIGN.md convention 17). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar("key").primaryKey(),
    windowStart: tstz("window_start").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("idx_rate_limits_window_start").on(t.windowStart)],
);

/** Demo mode's local outbox, shown at /dev/mailbox (never used in production). */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: idColumn(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    to: varchar("to").notNull(),
    subject: varchar("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
  },
  (t) => [index("idx_mail_outbox_created_at").on(t.createdAt, t.id)],
);

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type OutboxMessage = typeof mailOutbox.$inferSelect;
