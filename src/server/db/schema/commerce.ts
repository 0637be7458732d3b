import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, unique, varchar } from "drizzle-orm/pg-core";
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
  },
  (t) => [
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
  },
  (t) => [
    unique("course_reviews_user_id_course_id_key").on(t.userId, t.courseId),
    index("idx_course_reviews_course_id").on(t.courseId),
    index("idx_course_reviews_user_id").on(t.userId),
    check("course_reviews_rating_check", sql`${t.rating} >= 1 AND ${t.rating} <= 5`),
  ],
);

export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type CourseReview = typeof courseReviews.$inferSelect;
export type NewCourseReview = typeof courseReviews.$inferInsert;
