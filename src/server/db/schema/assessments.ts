import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { courses, lessons } from "./catalog";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";
import { quizQuestionType, quizReveal, reviewDecision, submissionState } from "./enums";
import type { RubricCriterion, RubricScore } from "../../assessments/assignment-schemas";

/**
 * Not in the document (migration 0013; docs/decisions.md, "Quizzes"): a QUIZ lesson's assessment. One row per
 * quiz lesson with its settings; `version` goes up with every save, and a save based on an older version is
 * refused (two editors never overwrite each other silently).
 */
export const quizzes = pgTable(
  "quizzes",
  {
    lessonId: varchar("lesson_id")
      .primaryKey()
      .references(() => lessons.id, { onDelete: "cascade" }),
    passPercentage: integer("pass_percentage").notNull().default(70),
    /** Null: unlimited. */
    maxAttempts: integer("max_attempts"),
    /** Minutes; null: untimed. */
    timeLimitMinutes: integer("time_limit_minutes"),
    /** Questions drawn per attempt; null: every question. */
    poolSize: integer("pool_size"),
    shuffleOptions: boolean("shuffle_options").notNull().default(false),
    partialCredit: boolean("partial_credit").notNull().default(false),
    revealAnswers: quizReveal("reveal_answers").notNull().default("after_passing"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("quizzes_pass_percentage_range", sql`${t.passPercentage} BETWEEN 1 AND 100`),
    check(
      "quizzes_max_attempts_positive",
      sql`${t.maxAttempts} IS NULL OR ${t.maxAttempts} BETWEEN 1 AND 100`,
    ),
    check(
      "quizzes_time_limit_range",
      sql`${t.timeLimitMinutes} IS NULL OR ${t.timeLimitMinutes} BETWEEN 1 AND 1440`,
    ),
    check("quizzes_pool_size_positive", sql`${t.poolSize} IS NULL OR ${t.poolSize} >= 1`),
    check("quizzes_version_positive", sql`${t.version} >= 1`),
  ],
);

/** One option of a choice question, with its stable id. */
export interface QuizOptionRow {
  id: string;
  text: string;
  correct: boolean;
}

/**
 * A quiz's questions, ordered, with stable ids. Removing a question soft-deletes it (`deleted_at`), so the
 * statistics of attempts that were served it survive edits; `order` is unique among the live ones.
 */
export const quizQuestions = pgTable(
  "quiz_questions",
  {
    id: idColumn(),
    lessonId: varchar("lesson_id")
      .notNull()
      .references(() => quizzes.lessonId, { onDelete: "cascade" }),
    order: integer("order").notNull(),
    type: quizQuestionType("type").notNull(),
    /** Markdown. */
    prompt: text("prompt").notNull(),
    points: integer("points").notNull().default(1),
    /** Markdown; shown after submission. */
    explanation: text("explanation"),
    options: jsonb("options").$type<QuizOptionRow[]>().notNull().default([]),
    acceptedAnswers: text("accepted_answers").array().notNull().default([]),
    pattern: varchar("pattern", { length: 200 }),
    numericValue: doublePrecision("numeric_value"),
    tolerance: doublePrecision("tolerance"),
    deletedAt: tstz("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("quiz_questions_live_order_key")
      .on(t.lessonId, t.order)
      .where(sql`${t.deletedAt} IS NULL`),
    index("idx_quiz_questions_lesson_id").on(t.lessonId),
    check("quiz_questions_points_positive", sql`${t.points} >= 1`),
    check("quiz_questions_order_positive", sql`${t.order} > 0`),
    check("quiz_questions_tolerance_not_negative", sql`${t.tolerance} IS NULL OR ${t.tolerance} >= 0`),
  ],
);

/**
 * A student's attempt. `questions` keeps what was served exactly as served (order, option order, answer
 * data), so a later edit never changes how an old attempt reads; `settings` keeps the rules it is graded by.
 * Answers are saved as the student goes (`answers`); a submission (or the deadline) grades it once:
 * `submitted_at`, points (exact, see grading.ts), `score_percentage`, `passed`, `results`.
 */
export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: idColumn(),
    lessonId: varchar("lesson_id")
      .notNull()
      .references(() => quizzes.lessonId, { onDelete: "cascade" }),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    questions: jsonb("questions").notNull(),
    settings: jsonb("settings").notNull(),
    answers: jsonb("answers").notNull().default([]),
    startedAt: tstz("started_at").notNull().defaultNow(),
    /** Null: untimed. */
    deadline: tstz("deadline"),
    submittedAt: tstz("submitted_at"),
    /** Whether the deadline (not the student) ended it. */
    expired: boolean("expired").notNull().default(false),
    pointsTotal: integer("points_total").notNull(),
    pointsAwarded: numeric("points_awarded", { precision: 10, scale: 2 }),
    scorePercentage: integer("score_percentage"),
    passed: boolean("passed"),
    results: jsonb("results"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("quiz_attempts_lesson_user_number_key").on(t.lessonId, t.userId, t.number),
    // At most one open attempt per student per quiz.
    uniqueIndex("quiz_attempts_one_open_key")
      .on(t.lessonId, t.userId)
      .where(sql`${t.submittedAt} IS NULL`),
    index("idx_quiz_attempts_user_id").on(t.userId, t.startedAt),
    index("idx_quiz_attempts_course_id").on(t.courseId),
    check("quiz_attempts_number_positive", sql`${t.number} >= 1`),
    check(
      "quiz_attempts_score_range",
      sql`${t.scorePercentage} IS NULL OR ${t.scorePercentage} BETWEEN 0 AND 100`,
    ),
    check(
      "quiz_attempts_graded_when_submitted",
      sql`(${t.submittedAt} IS NULL) = (${t.scorePercentage} IS NULL AND ${t.passed} IS NULL)`,
    ),
  ],
);

/** Per-student accommodations on one quiz, granted by the course's staff (audited). */
export const quizAccommodations = pgTable(
  "quiz_accommodations",
  {
    id: idColumn(),
    lessonId: varchar("lesson_id")
      .notNull()
      .references(() => quizzes.lessonId, { onDelete: "cascade" }),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    extraTimePercent: integer("extra_time_percent").notNull().default(0),
    extraAttempts: integer("extra_attempts").notNull().default(0),
    grantedBy: varchar("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("quiz_accommodations_lesson_user_key").on(t.lessonId, t.userId),
    index("idx_quiz_accommodations_user_id").on(t.userId),
    index("idx_quiz_accommodations_granted_by").on(t.grantedBy),
    check("quiz_accommodations_extra_time_range", sql`${t.extraTimePercent} BETWEEN 0 AND 400`),
    check("quiz_accommodations_extra_attempts_range", sql`${t.extraAttempts} BETWEEN 0 AND 100`),
  ],
);

/**
 * Not in the document (migration 0014; docs/decisions.md, "Assignments"): an ASSIGNMENT lesson's settings and
 * optional rubric. `version` goes up with every save (a save from an older one is refused).
 */
export const assignments = pgTable(
  "assignments",
  {
    lessonId: varchar("lesson_id")
      .primaryKey()
      .references(() => lessons.id, { onDelete: "cascade" }),
    textAllowed: boolean("text_allowed").notNull().default(true),
    linksAllowed: boolean("links_allowed").notNull().default(false),
    /** Files (migration 0015): which allow-listed types, how large, how many. */
    filesAllowed: boolean("files_allowed").notNull().default(false),
    fileTypes: text("file_types")
      .array()
      .notNull()
      .default(sql`'{pdf,png,jpg,zip,ipynb,py,md,txt,csv}'::text[]`),
    maxFileBytes: integer("max_file_bytes")
      .notNull()
      .default(10 * 1024 * 1024),
    maxFiles: integer("max_files").notNull().default(5),
    dueAt: tstz("due_at"),
    /** Criteria with levels and points (RubricCriterion[]); null: no rubric. */
    rubric: jsonb("rubric").$type<RubricCriterion[] | null>(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("assignments_something_allowed", sql`${t.textAllowed} OR ${t.linksAllowed} OR ${t.filesAllowed}`),
    check(
      "assignments_file_types",
      sql`${t.fileTypes} <@ '{pdf,png,jpg,zip,ipynb,py,md,txt,csv}'::text[] AND cardinality(${t.fileTypes}) >= 1`,
    ),
    check("assignments_max_file_bytes", sql`${t.maxFileBytes} BETWEEN 1024 AND 52428800`),
    check("assignments_max_files", sql`${t.maxFiles} BETWEEN 1 AND 20`),
    check("assignments_version_positive", sql`${t.version} >= 1`),
  ],
);

/**
 * A student's work on one assignment: its state, the draft being written, and who has claimed it for review
 * (until when). Each hand-in is an immutable row of assignment_versions; each decision a row of
 * assignment_reviews.
 */
export const assignmentSubmissions = pgTable(
  "assignment_submissions",
  {
    id: idColumn(),
    lessonId: varchar("lesson_id")
      .notNull()
      .references(() => assignments.lessonId, { onDelete: "cascade" }),
    courseId: varchar("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: submissionState("state").notNull().default("DRAFT"),
    draftText: text("draft_text").notNull().default(""),
    draftLinks: text("draft_links").array().notNull().default([]),
    claimedBy: varchar("claimed_by").references(() => users.id, { onDelete: "set null" }),
    claimedUntil: tstz("claimed_until"),
    /** When the latest version was handed in (the review queue's order), and whether it was late. */
    submittedAt: tstz("submitted_at"),
    late: boolean("late").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("assignment_submissions_lesson_user_key").on(t.lessonId, t.userId),
    index("idx_assignment_submissions_user_id").on(t.userId),
    index("idx_assignment_submissions_claimed_by").on(t.claimedBy),
    // The review queue: waiting work per course, oldest first.
    index("idx_assignment_submissions_queue").on(t.courseId, t.state, t.submittedAt, t.id),
    index("idx_assignment_submissions_waiting")
      .on(t.submittedAt, t.id)
      .where(sql`${t.state} IN ('SUBMITTED', 'IN_REVIEW')`),
  ],
);

export const assignmentVersions = pgTable(
  "assignment_versions",
  {
    id: idColumn(),
    submissionId: varchar("submission_id")
      .notNull()
      .references(() => assignmentSubmissions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    text: text("text").notNull(),
    links: text("links").array().notNull().default([]),
    submittedAt: tstz("submitted_at").notNull().defaultNow(),
    late: boolean("late").notNull().default(false),
  },
  (t) => [
    unique("assignment_versions_submission_number_key").on(t.submissionId, t.number),
    check("assignment_versions_number_positive", sql`${t.number} >= 1`),
  ],
);

export const assignmentReviews = pgTable(
  "assignment_reviews",
  {
    id: idColumn(),
    versionId: varchar("version_id")
      .notNull()
      .references(() => assignmentVersions.id, { onDelete: "cascade" }),
    reviewerId: varchar("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    decision: reviewDecision("decision").notNull(),
    feedback: text("feedback").notNull().default(""),
    rubricScores: jsonb("rubric_scores").$type<RubricScore[] | null>(),
    points: integer("points"),
    maxPoints: integer("max_points"),
    createdAt: createdAt(),
  },
  (t) => [
    // One decision per handed-in version: the first wins.
    unique("assignment_reviews_version_key").on(t.versionId),
    index("idx_assignment_reviews_reviewer_id").on(t.reviewerId),
  ],
);

export type Quiz = typeof quizzes.$inferSelect;
export type QuizQuestion = typeof quizQuestions.$inferSelect;
export type QuizAttempt = typeof quizAttempts.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type AssignmentSubmission = typeof assignmentSubmissions.$inferSelect;
