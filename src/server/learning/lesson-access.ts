import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { EnrollmentStatus } from "../db/schema";
import { AppError } from "../errors";
import { formatLongDate } from "@/lib/dates";
import { hasAccess } from "./enrollment-state";

/**
 * The one lesson-access rule (docs/decisions.md, "Scheduled release"), shared by every lesson endpoint —
 * the player and the lesson API, progress, quizzes, assignments and exercises: the course's staff see
 * everything; a student needs an enrollment with access (ACTIVE or COMPLETED) and the lesson's module to be
 * open. Each endpoint selects `moduleOpensAt()` beside the enrollment's status and passes the row here.
 */

/**
 * SQL: when module `m` opens for the student of enrollment `e` (NULL: open from enrollment). After N days
 * counts from `access_started_at` (the enrollment, or the purchase that reopened it after a refund).
 */
export const moduleOpensAt = (m: SQL = sql`m`, e: SQL = sql`e`) =>
  sql`(CASE ${m}.release_kind
         WHEN 'after_days' THEN ${e}.access_started_at + make_interval(days => ${m}.release_days)
         WHEN 'on_date' THEN ${m}.release_date
       END)`;

export type LessonAccessRow = {
  status: EnrollmentStatus | null;
  staff: boolean;
  /** moduleOpensAt(), as either driver returns it. */
  opens_at: Date | string | null;
};

/** When a module that is not open yet opens; null when it is open at `now`. */
export function lockedUntil(opensAt: Date | string | null, now = new Date()): Date | null {
  if (opensAt === null) return null;
  const at = new Date(opensAt);
  return at.getTime() > now.getTime() ? at : null;
}

export const notYetAvailable = (availableAt: Date) =>
  new AppError("NOT_YET_AVAILABLE", {
    userMessage: `This part of the course opens on ${formatLongDate(availableAt)}.`,
    errorDetails: { availableAt: availableAt.toISOString() },
  });

/**
 * FORBIDDEN (with `forbidden`) without access, NOT_YET_AVAILABLE (403, with `availableAt`) before the module
 * opens; what the caller is otherwise.
 */
export function checkLessonAccess(
  row: LessonAccessRow,
  forbidden: string,
  now = new Date(),
): { enrolled: boolean; staff: boolean } {
  const enrolled = hasAccess(row.status);
  if (row.staff) return { enrolled, staff: true };
  if (!enrolled) throw new AppError("FORBIDDEN", { userMessage: forbidden });
  const until = lockedUntil(row.opens_at, now);
  if (until) throw notYetAvailable(until);
  return { enrolled, staff: false };
}
