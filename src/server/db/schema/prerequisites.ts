import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses } from "./catalog";
import { createdAt } from "./columns";

/**
 * Not in the document (migration 0018): structured prerequisites. A course requires completing other courses
 * before enrolling or buying (the document's free-text `courses.prerequisites` stays as advice). The graph has
 * no cycles: checked on save under one advisory lock (docs/decisions.md, "Prerequisites").
 */
export const coursePrerequisites = pgTable(
  "course_prerequisites",
  {
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    requiredCourseId: varchar("required_course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "course_prerequisites_pkey", columns: [t.courseId, t.requiredCourseId] }),
    index("idx_course_prerequisites_required").on(t.requiredCourseId),
    check("course_prerequisites_not_self", sql`${t.courseId} <> ${t.requiredCourseId}`),
  ],
);

/** An admin lets one student enroll in a course without its prerequisites (migration 0018; audited). */
export const prerequisiteExceptions = pgTable(
  "prerequisite_exceptions",
  {
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    grantedBy: varchar("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "prerequisite_exceptions_pkey", columns: [t.courseId, t.userId] }),
    index("idx_prerequisite_exceptions_user_id").on(t.userId),
    index("idx_prerequisite_exceptions_granted_by").on(t.grantedBy),
  ],
);
