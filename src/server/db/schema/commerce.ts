import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses } from "./catalog";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";
import { paymentStatus } from "./enums";

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

export const courseReviews = pgTable(
  "course_reviews",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    rating: integer("rating").notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Not in the document (migration 0007): moderation. A hidden review is out of the page and the averages;
    // its author still sees it, marked hidden, with the reason.
    hiddenAt: tstz("hidden_at"),
    hiddenReason: varchar("hidden_reason"),
    hiddenBy: varchar("hidden_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("course_reviews_user_id_course_id_key").on(t.userId, t.courseId),
    index("idx_course_reviews_course_id").on(t.courseId),
    index("idx_course_reviews_user_id").on(t.userId),
    check("course_reviews_rating_check", sql`${t.rating} >= 1 AND ${t.rating} <= 5`),
    check("course_reviews_comment_length", sql`${t.comment} IS NULL OR char_length(${t.comment}) <= 2000`),
    check("course_reviews_hidden_has_reason", sql`${t.hiddenAt} IS NULL OR ${t.hiddenReason} IS NOT NULL`),
    index("idx_course_reviews_course_created").on(t.courseId, t.createdAt, t.id),
  ],
);

/** Students report reviews; admins see the reports newest first (/admin/reviews). */
export const reviewReports = pgTable(
  "review_reports",
  {
    id: idColumn(),
    reviewId: varchar("review_id")
      .notNull()
      .references(() => courseReviews.id, { onDelete: "cascade" }),
    reporterId: varchar("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
    resolvedAt: tstz("resolved_at"),
  },
  (t) => [
    unique("review_reports_review_reporter_key").on(t.reviewId, t.reporterId),
    index("idx_review_reports_created_at").on(t.createdAt, t.id),
    index("idx_review_reports_reporter").on(t.reporterId),
    check("review_reports_reason_length", sql`char_length(${t.reason}) BETWEEN 1 AND 1000`),
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
  (t) => [primaryKey({ name: "payment_events_pkey", columns: [t.provider, t.eventId] })],
);

export type Payment = typeof payments.$inferSelect;
export type ReviewReport = typeof reviewReports.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type CourseReview = typeof courseReviews.$inferSelect;
export type NewCourseReview = typeof courseReviews.$inferInsert;
