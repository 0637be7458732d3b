import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  unique,
  uniqueIndex,
  varchar,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses } from "./catalog";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";
import { couponRedemptionStatus, paymentDisputeStatus, paymentStatus } from "./enums";

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
    /** Migration 0017: the coupon this payment used, and the cents it took off (amount = price − discount). */
    couponId: varchar("coupon_id").references((): AnyPgColumn => coupons.id),
    discountAmount: integer("discount_amount").notNull().default(0),
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
    check("payments_discount_not_negative", sql`${t.discountAmount} >= 0`),
    index("idx_payments_coupon_id").on(t.couponId),
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

/**
 * Not in the document (migration 0017): discount codes. A code is stored upper-case (codes are compared
 * case-insensitively); exactly one of percent off and amount off (cents of the platform's currency). No
 * course means every course (admins only). A coupon with redemptions is never deleted, only deactivated.
 */
export const coupons = pgTable(
  "coupons",
  {
    id: idColumn(),
    code: varchar("code", { length: 32 }).notNull(),
    percentOff: integer("percent_off"),
    amountOff: integer("amount_off"),
    courseId: varchar("course_id").references(() => courses.id, { onDelete: "cascade" }),
    startsAt: tstz("starts_at"),
    endsAt: tstz("ends_at"),
    /** Reserved plus completed redemptions may not exceed this; no limit when NULL. */
    maxRedemptions: integer("max_redemptions"),
    perUserLimit: integer("per_user_limit").notNull().default(1),
    active: boolean("active").notNull().default(true),
    createdBy: varchar("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("uq_coupons_code").on(t.code),
    index("idx_coupons_course_id").on(t.courseId),
    index("idx_coupons_created_by").on(t.createdBy),
    check("coupons_code_format", sql`${t.code} ~ '^[A-Z0-9-]{4,32}$'`),
    check("coupons_one_discount", sql`(${t.percentOff} IS NULL) <> (${t.amountOff} IS NULL)`),
    check("coupons_percent_range", sql`${t.percentOff} IS NULL OR ${t.percentOff} BETWEEN 1 AND 100`),
    check("coupons_amount_positive", sql`${t.amountOff} IS NULL OR ${t.amountOff} > 0`),
    check("coupons_window", sql`${t.startsAt} IS NULL OR ${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    check("coupons_max_positive", sql`${t.maxRedemptions} IS NULL OR ${t.maxRedemptions} >= 1`),
    check("coupons_per_user_positive", sql`${t.perUserLimit} >= 1`),
  ],
);

/**
 * One use of a coupon by one checkout (migration 0017). Counted under the coupon's row lock. Like payments,
 * a redemption outlives an erased account (the user becomes NULL).
 */
export const couponRedemptions = pgTable(
  "coupon_redemptions",
  {
    id: idColumn(),
    couponId: varchar("coupon_id")
      .notNull()
      .references(() => coupons.id),
    userId: varchar("user_id").references(() => users.id, { onDelete: "set null" }),
    paymentId: varchar("payment_id")
      .notNull()
      .references(() => payments.id),
    status: couponRedemptionStatus("status").notNull().default("RESERVED"),
    /** Cents taken off the price. */
    discount: integer("discount").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("coupon_redemptions_payment_key").on(t.paymentId),
    index("idx_coupon_redemptions_coupon_status").on(t.couponId, t.status),
    index("idx_coupon_redemptions_user_coupon").on(t.userId, t.couponId),
    check("coupon_redemptions_discount_positive", sql`${t.discount} > 0`),
  ],
);

export type Coupon = typeof coupons.$inferSelect;
export type NewCoupon = typeof coupons.$inferInsert;
export type CouponRedemption = typeof couponRedemptions.$inferSelect;
