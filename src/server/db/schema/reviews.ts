import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, unique, varchar } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses } from "./catalog";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";

/** The reviews context: students' ratings of courses, and the reports that bring them to moderators. */

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
    // For hidden_by's ON DELETE SET NULL when a moderator's account goes (migration 0009). Partial: most
    // reviews were never hidden, and `hidden_by = $1` implies the predicate, so the lookup can use it.
    index("idx_course_reviews_hidden_by")
      .on(t.hiddenBy)
      .where(sql`${t.hiddenBy} IS NOT NULL`),
  ],
);

/**
 * Not in the document (migration 0024): a course's ratings by star, counted by the rule of courses.rating_count
 * and written with it by refreshCourseStats under the course's lock, so the course page's histogram costs five
 * rows however many reviews the course has (docs/decisions.md, "Rating counts"). No personal data.
 */
export const courseRatingCounts = pgTable(
  "course_rating_counts",
  {
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    rating: integer("rating").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ name: "course_rating_counts_pkey", columns: [t.courseId, t.rating] }),
    check("course_rating_counts_rating_check", sql`${t.rating} >= 1 AND ${t.rating} <= 5`),
    check("course_rating_counts_count_not_negative", sql`${t.count} >= 0`),
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

export type CourseReview = typeof courseReviews.$inferSelect;
export type NewCourseReview = typeof courseReviews.$inferInsert;
export type ReviewReport = typeof reviewReports.$inferSelect;
