import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";
import { courseInstructorRole, difficultyEnum, lessonTypeEnum, moduleRelease } from "./enums";

/** Lower-case letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
export const COURSE_TITLE_MAX = 200;

/** PostgreSQL's `tsvector`, read as its text form (it is only ever written by the database). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => "tsvector" });

/**
 * The catalog's full-text document: title (weight A) before description (weight B), English stemming.
 * Stored, so ranking reads it instead of re-parsing text (docs/decisions.md, "Catalog").
 */
export const COURSE_SEARCH_VECTOR = sql`setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')`;

export const courses = pgTable(
  "courses",
  {
    id: idColumn(),
    title: varchar("title").notNull(),
    description: text("description").notNull(),
    slug: varchar("slug").notNull().unique(),
    /** Cents of the platform currency (env CURRENCY). */
    price: integer("price").notNull(),
    /** Minutes; the sum of the published modules' durations. */
    duration: integer("duration").notNull(),
    difficulty: difficultyEnum("difficulty").notNull(),
    published: boolean("published").notNull().default(false),
    featured: boolean("featured").notNull().default(false),
    metaTitle: varchar("meta_title"),
    metaDescription: varchar("meta_description"),
    imageUrl: varchar("image_url"),
    learningObjectives: text("learning_objectives")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    prerequisites: text("prerequisites")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** When the course was first published (migration 0008): after that, a slug change keeps a redirect. */
    firstPublishedAt: tstz("first_published_at"),
    /**
     * Statistics kept exact by the transactions that change enrollments and reviews, through
     * refreshCourseStats (src/server/catalog/refresh-course-stats.ts): enrollments that are not REFUNDED,
     * and the ratings of their students. They do not change `updated_at` (migration 0005).
     */
    enrollmentCount: integer("enrollment_count").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    /** Mean rating rounded to hundredths (exact decimal); 0 while nobody has rated. */
    ratingAverage: numeric("rating_average", { precision: 3, scale: 2 }).notNull().default("0"),
    searchVector: tsvector("search_vector").generatedAlwaysAs(COURSE_SEARCH_VECTOR).notNull(),
  },
  (t) => [
    index("idx_courses_slug").on(t.slug),
    index("idx_courses_published").on(t.published),
    index("idx_courses_featured").on(t.featured),
    index("idx_courses_difficulty").on(t.difficulty),
    index("idx_courses_price").on(t.price),
    check("courses_price_not_negative", sql`${t.price} >= 0`),
    check("courses_duration_not_negative", sql`${t.duration} >= 0`),
    check(
      "courses_title_length",
      sql`char_length(${t.title}) BETWEEN 1 AND ${sql.raw(String(COURSE_TITLE_MAX))}`,
    ),
    check("courses_slug_url_safe", sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check("courses_featured_requires_published", sql`NOT ${t.featured} OR ${t.published}`),
    check("courses_enrollment_count_not_negative", sql`${t.enrollmentCount} >= 0`),
    check("courses_rating_count_not_negative", sql`${t.ratingCount} >= 0`),
    check(
      "courses_rating_average_matches_count",
      sql`(${t.ratingCount} = 0 AND ${t.ratingAverage} = 0) OR (${t.ratingCount} > 0 AND ${t.ratingAverage} BETWEEN 1 AND 5)`,
    ),
    // The catalog: full-text search, and one index per keyset order over published courses (each read
    // forwards or backwards), ending in id so every order is total.
    // fastupdate off: a GIN pending list is only merged by (auto)vacuum, which the embedded database never
    // runs, and searching it costs every query; course writes are rare enough to update the index directly.
    index("idx_courses_search").using("gin", t.searchVector).with({ fastupdate: false }),
    index("idx_courses_catalog_newest")
      .on(t.createdAt, t.id)
      .where(sql`${t.published}`),
    index("idx_courses_catalog_popular")
      .on(t.enrollmentCount, t.id)
      .where(sql`${t.published}`),
    index("idx_courses_catalog_rating")
      .on(t.ratingAverage, t.ratingCount, t.id)
      .where(sql`${t.published}`),
    index("idx_courses_catalog_price")
      .on(t.price, t.id)
      .where(sql`${t.published}`),
    index("idx_courses_featured_newest")
      .on(t.createdAt, t.id)
      .where(sql`${t.featured}`),
  ],
);

export const modules = pgTable(
  "modules",
  {
    id: idColumn(),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    title: varchar("title").notNull(),
    description: text("description").notNull(),
    order: integer("order").notNull(),
    /** Minutes; the sum of its lessons' durations. */
    duration: integer("duration").notNull(),
    /** An unpublished module is a draft: hidden from learners and not counted in progress. */
    published: boolean("published").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * Migration 0019, scheduled release: at enrollment (immediate), `release_days` days after the student's
     * access began, or at `release_date` (docs/decisions.md, "Scheduled release").
     */
    releaseKind: moduleRelease("release_kind").notNull().default("immediate"),
    releaseDays: integer("release_days"),
    releaseDate: tstz("release_date"),
  },
  (t) => [
    check(
      "modules_release_consistent",
      sql`(${t.releaseKind} = 'immediate' AND ${t.releaseDays} IS NULL AND ${t.releaseDate} IS NULL)
        OR (${t.releaseKind} = 'after_days' AND ${t.releaseDays} BETWEEN 1 AND 3650 AND ${t.releaseDate} IS NULL)
        OR (${t.releaseKind} = 'on_date' AND ${t.releaseDate} IS NOT NULL AND ${t.releaseDays} IS NULL)`,
    ),
    unique("modules_course_id_order_key").on(t.courseId, t.order),
    // Target of user_progress's composite foreign key (module belongs to the progress row's course).
    unique("modules_id_course_id_key").on(t.id, t.courseId),
    index("idx_modules_course_id").on(t.courseId),
    index("idx_modules_order").on(t.courseId, t.order),
    index("idx_modules_published").on(t.published),
    check("modules_order_positive", sql`${t.order} > 0`),
    check("modules_duration_not_negative", sql`${t.duration} >= 0`),
  ],
);

export const lessons = pgTable(
  "lessons",
  {
    id: idColumn(),
    moduleId: varchar("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    title: varchar("title").notNull(),
    description: text("description"),
    /** Markdown. */
    content: text("content").notNull(),
    order: integer("order").notNull(),
    /** Minutes. */
    duration: integer("duration").notNull(),
    lessonType: lessonTypeEnum("lesson_type").notNull().default("TEXT"),
    videoUrl: varchar("video_url"),
    resourceUrl: varchar("resource_url"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("lessons_module_id_order_key").on(t.moduleId, t.order),
    // Target of user_progress's composite foreign key (lesson belongs to the progress row's module).
    unique("lessons_id_module_id_key").on(t.id, t.moduleId),
    index("idx_lessons_module_id").on(t.moduleId),
    index("idx_lessons_order").on(t.moduleId, t.order),
    index("idx_lessons_type").on(t.lessonType),
    check("lessons_order_positive", sql`${t.order} > 0`),
    check("lessons_duration_not_negative", sql`${t.duration} >= 0`),
  ],
);

/** Who teaches a course (not in the document; docs/decisions.md, "Course ownership"). */
export const courseInstructors = pgTable(
  "course_instructors",
  {
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: courseInstructorRole("role").notNull().default("INSTRUCTOR"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "course_instructors_pkey", columns: [t.courseId, t.userId] }),
    index("idx_course_instructors_user_id").on(t.userId),
  ],
);

export type Course = typeof courses.$inferSelect;
export type NewCourse = typeof courses.$inferInsert;
export type Module = typeof modules.$inferSelect;
export type NewModule = typeof modules.$inferInsert;
export type Lesson = typeof lessons.$inferSelect;
export type NewLesson = typeof lessons.$inferInsert;
export type CourseInstructor = typeof courseInstructors.$inferSelect;

/**
 * Old URLs of a course whose slug changed after it was first published (migration 0008): the course page
 * answers them with a permanent redirect to the current slug.
 */
export const courseSlugRedirects = pgTable(
  "course_slug_redirects",
  {
    oldSlug: varchar("old_slug").primaryKey(),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("idx_course_slug_redirects_course_id").on(t.courseId)],
);
