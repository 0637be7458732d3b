import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses, lessons, modules } from "./catalog";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";
import { enrollmentStatus, suspensionReason } from "./enums";

export const enrollments = pgTable(
  "enrollments",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    status: enrollmentStatus("status").notNull().default("ACTIVE"),
    enrolledAt: tstz("enrolled_at").notNull().defaultNow(),
    completedAt: tstz("completed_at"),
    progressPercentage: integer("progress_percentage").notNull().default(0),
    lastAccessedAt: tstz("last_accessed_at"),
    // Not in the document (migration 0010): the holds keeping a SUSPENDED enrollment closed — an admin's,
    // a payment dispute's, or both; it reopens (by the reopen rule) when the last one is lifted. A SUSPENDED
    // row with none (seeds, direct writes) counts as an admin's suspension.
    suspensionReasons: suspensionReason("suspension_reasons").array().notNull().default([]),
    /**
     * Migration 0019: when the current access began — the enrollment, or the purchase that reopened it after a
     * refund. Scheduled modules count their days from here.
     */
    accessStartedAt: tstz("access_started_at").notNull().defaultNow(),
  },
  (t) => [
    unique("enrollments_user_id_course_id_key").on(t.userId, t.courseId),
    index("idx_enrollments_user_id").on(t.userId),
    index("idx_enrollments_course_id").on(t.courseId),
    index("idx_enrollments_status").on(t.status),
    index("idx_enrollments_enrolled_at").on(t.enrolledAt),
    check(
      "enrollments_progress_percentage_check",
      sql`${t.progressPercentage} >= 0 AND ${t.progressPercentage} <= 100`,
    ),
    check(
      "enrollments_suspension_reasons_only_when_suspended",
      sql`${t.status} = 'SUSPENDED' OR cardinality(${t.suspensionReasons}) = 0`,
    ),
    check(
      "enrollments_completed_has_completed_at",
      sql`${t.status} <> 'COMPLETED' OR ${t.completedAt} IS NOT NULL`,
    ),
  ],
);

/**
 * One row per user per lesson (lesson_id set), per user per module (module-level row: lesson_id null)
 * and per user per course (course-level row: module_id and lesson_id null). Composite foreign keys keep
 * a row's lesson inside its module and its module inside its course; ON UPDATE CASCADE moves a lesson's
 * progress rows along when the lesson moves to another module.
 */
export const userProgress = pgTable(
  "user_progress",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    moduleId: varchar("module_id").references(() => modules.id, { onDelete: "cascade" }),
    lessonId: varchar("lesson_id").references(() => lessons.id, { onDelete: "cascade" }),
    completed: boolean("completed").notNull().default(false),
    completedAt: tstz("completed_at"),
    /** Seconds. */
    timeSpent: integer("time_spent").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("user_progress_user_id_course_id_module_id_lesson_id_key")
      .on(t.userId, t.courseId, t.moduleId, t.lessonId)
      .nullsNotDistinct(),
    uniqueIndex("uq_user_progress_lesson")
      .on(t.userId, t.lessonId)
      .where(sql`${t.lessonId} IS NOT NULL`),
    uniqueIndex("uq_user_progress_module")
      .on(t.userId, t.moduleId)
      .where(sql`${t.lessonId} IS NULL AND ${t.moduleId} IS NOT NULL`),
    uniqueIndex("uq_user_progress_course")
      .on(t.userId, t.courseId)
      .where(sql`${t.moduleId} IS NULL AND ${t.lessonId} IS NULL`),
    foreignKey({
      name: "user_progress_lesson_in_module_fkey",
      columns: [t.lessonId, t.moduleId],
      foreignColumns: [lessons.id, lessons.moduleId],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    foreignKey({
      name: "user_progress_module_in_course_fkey",
      columns: [t.moduleId, t.courseId],
      foreignColumns: [modules.id, modules.courseId],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    index("idx_user_progress_user_course").on(t.userId, t.courseId),
    // idx_user_progress_user_course leads with user_id: course-level reads (`course_id = …` in the progress
    // recomputes, analytics) and the cascade from courses need one leading with course_id (migration 0009).
    index("idx_user_progress_course_id").on(t.courseId),
    index("idx_user_progress_module").on(t.moduleId),
    index("idx_user_progress_lesson").on(t.lessonId),
    index("idx_user_progress_completed").on(t.completed),
    check("user_progress_lesson_needs_module", sql`${t.lessonId} IS NULL OR ${t.moduleId} IS NOT NULL`),
    check("user_progress_time_spent_not_negative", sql`${t.timeSpent} >= 0`),
    check(
      "user_progress_completed_has_completed_at",
      sql`NOT ${t.completed} OR ${t.completedAt} IS NOT NULL`,
    ),
  ],
);

export const certificates = pgTable(
  "certificates",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    issuedAt: tstz("issued_at").notNull().defaultNow(),
    certificateNumber: varchar("certificate_number").notNull(),
    verificationUrl: varchar("verification_url"),
    // Not in the document (migration 0006): what the certificate certifies, as it was when issued, so a
    // later rename of the person or the course never changes an issued certificate.
    holderName: varchar("holder_name").notNull(),
    courseTitle: varchar("course_title").notNull(),
    /** Set when the payment behind it is refunded; a revoked certificate still verifies, as revoked. */
    revokedAt: tstz("revoked_at"),
  },
  (t) => [
    unique("certificates_user_id_course_id_key").on(t.userId, t.courseId),
    index("idx_certificates_user_id").on(t.userId),
    index("idx_certificates_course_id").on(t.courseId),
    uniqueIndex("idx_certificates_number").on(t.certificateNumber),
  ],
);

export type Enrollment = typeof enrollments.$inferSelect;
export type NewEnrollment = typeof enrollments.$inferInsert;
export type UserProgress = typeof userProgress.$inferSelect;
export type NewUserProgress = typeof userProgress.$inferInsert;
export type Certificate = typeof certificates.$inferSelect;
export type NewCertificate = typeof certificates.$inferInsert;

/**
 * Migration 0019: the "a module is open" e-mail, sent once per student and module (the primary key decides,
 * in the transaction that queues the e-mail, so two instances never both send it).
 */
export const moduleReleaseNotices = pgTable(
  "module_release_notices",
  {
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleId: varchar("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    sentAt: tstz("sent_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "module_release_notices_pkey", columns: [t.userId, t.moduleId] }),
    index("idx_module_release_notices_module_id").on(t.moduleId),
  ],
);
