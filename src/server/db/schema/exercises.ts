import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { lessons } from "./catalog";
import { createdAt, idColumn, updatedAt } from "./columns";
import { exerciseLanguage } from "./enums";

/** One check of an exercise: its code runs after the student's, and passes when it completes. */
export interface ExerciseCheckRow {
  name: string;
  code: string;
}

/** What a student's browser reported for one check. */
export interface ExerciseCheckResult {
  name: string;
  passed: boolean;
}

/** Code, setup, checks and solution: each at most this many characters (64 KB of ASCII). */
export const MAX_EXERCISE_CODE = 65_536;

/**
 * Not in the document (migration 0016; docs/decisions.md, "Exercises"): an INTERACTIVE lesson's runnable
 * exercises, ordered by `position` (unique per lesson; a save moves the rows out of the way first), with
 * stable ids. Setup and checks run in the student's browser and are visible to a determined student by
 * design; the solution is served only by its own endpoint.
 */
export const lessonExercises = pgTable(
  "lesson_exercises",
  {
    id: idColumn(),
    lessonId: varchar("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    language: exerciseLanguage("language").notNull(),
    instructions: text("instructions").notNull().default(""),
    starterCode: text("starter_code").notNull().default(""),
    setupCode: text("setup_code").notNull().default(""),
    checks: jsonb("checks").$type<ExerciseCheckRow[]>().notNull(),
    solution: text("solution"),
    timeLimitSeconds: integer("time_limit_seconds").notNull().default(5),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("uq_lesson_exercises_position").on(t.lessonId, t.position),
    check("lesson_exercises_position", sql`${t.position} >= 1`),
    check("lesson_exercises_time_limit", sql`${t.timeLimitSeconds} BETWEEN 1 AND 30`),
    check("lesson_exercises_checks_array", sql`jsonb_typeof(${t.checks}) = 'array'`),
  ],
);

/** The code a student is working on, per exercise, saved as they type; it comes back on any device. */
export const exerciseCode = pgTable(
  "exercise_code",
  {
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exerciseId: varchar("exercise_id")
      .notNull()
      .references(() => lessonExercises.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.exerciseId] }),
    index("idx_exercise_code_exercise_id").on(t.exerciseId),
  ],
);

/**
 * Every "Check" a student ran: the code, each check's outcome as their browser reported it, and whether all
 * passed. Self-assessed (the code ran on the student's machine): see docs/decisions.md, "Exercises".
 */
export const exerciseResults = pgTable(
  "exercise_results",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exerciseId: varchar("exercise_id")
      .notNull()
      .references(() => lessonExercises.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    checks: jsonb("checks").$type<ExerciseCheckResult[]>().notNull(),
    passed: boolean("passed").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("idx_exercise_results_user_exercise").on(t.userId, t.exerciseId, t.createdAt),
    index("idx_exercise_results_exercise_id").on(t.exerciseId),
  ],
);
