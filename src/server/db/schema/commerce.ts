import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses } from "./catalog";
import { createdAt, idColumn, tstz } from "./columns";
import { paymentDisputeStatus, paymentStatus } from "./enums";

export const payments = pgTable(
  "payments",
  {
    id: idColumn(),
    // Financial records outlive an erased account: the payer becomes NULL, the payment stays
    // (docs/decisions.md, "Payments survive erasure"; the document had ON DELETE CASCADE).
    userId: varchar("user_id").references(() => users.id, { onDelete: "set null" }),
    courseId: varchar("course_id").references(() => courses.id),
    /** Cents of `currency`. */
    amount: integer("amount").notNull(),
    currency: varchar("currency").notNull().default("USD"),
    status: paymentStatus("status").notNull().default("PENDING"),
    /** 'stripe', 'demo', ... */
    provider: varchar("provider").notNull(),
    providerTransactionId: varchar("provider_transaction_id"),
    createdAt: createdAt(),
    processedAt: tstz("processed_at"),
    // Not in the document (migration 0008): the provider's checkout, and refunds.
    checkoutSessionId: varchar("checkout_session_id"),
    checkoutUrl: varchar("checkout_url"),
    expiresAt: tstz("expires_at"),
    /** Cents refunded so far; a full refund (refundedAmount = amount) makes the payment REFUNDED. */
    refundedAmount: integer("refunded_amount").notNull().default(0),
    /** Migration 0010: the provider's dispute of this payment's charge, if any (OPEN suspends access). */
    disputeStatus: paymentDisputeStatus("dispute_status"),
  },
  (t) => [
    // One open checkout per buyer and course: a second "buy" reuses it (checkout use case locks, then checks).
    uniqueIndex("uq_payments_one_pending")
      .on(t.userId, t.courseId)
      .where(sql`${t.status} = 'PENDING'`),
    unique("payments_provider_checkout_session_key").on(t.provider, t.checkoutSessionId),
    check(
      "payments_refund_within_amount",
      sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= ${t.amount}`,
    ),
    index("idx_payments_user_id").on(t.userId),
    index("idx_payments_status").on(t.status),
    index("idx_payments_provider").on(t.provider),
    index("idx_payments_created_at").on(t.createdAt),
    index("idx_payments_course_id").on(t.courseId),
    unique("payments_provider_transaction_key").on(t.provider, t.providerTransactionId),
    check("payments_amount_not_negative", sql`${t.amount} >= 0`),
    check("payments_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      "payments_processed_has_processed_at",
      sql`${t.status} NOT IN ('COMPLETED', 'REFUNDED') OR ${t.processedAt} IS NOT NULL`,
    ),
  ],
);

/** Provider notifications already applied (webhooks are hints, applied once: DESIGN.md convention 11). */
export const paymentEvents = pgTable(
  "payment_events",
  {
    provider: varchar("provider").notNull(),
    eventId: varchar("event_id").notNull(),
    type: varchar("type").notNull(),
    paymentId: varchar("payment_id").references(() => payments.id, { onDelete: "set null" }),
    receivedAt: tstz("received_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "payment_events_pkey", columns: [t.provider, t.eventId] }),
    // The foreign key's ON DELETE SET NULL looks events up by payment (migration 0009).
    index("idx_payment_events_payment_id").on(t.paymentId),
  ],
);

export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
