import "server-only";
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/types";
import { courseReviews, courses, reviewReports, users } from "../db/schema";
import { assertRole, assertSignedIn, type Actor } from "../accounts/actor";
import { recordAudit, type AuditContext } from "../audit/record";
import { refreshCourseStats } from "../catalog/refresh-course-stats";
import { AppError, notFound } from "../errors";
import { decodeCursor, olderThan, timestampKey, toPage, ZTimeIdKey } from "../pagination";
import { parseInput } from "../validation";
import { consumeRateLimit, type RateLimitRule } from "../platform/rate-limit";
import { isPubliclyVisible } from "./queries";
import { displayName } from "./write-review";
import { asSentence } from "@/lib/sentence";
import { actionEmail, sendMail } from "../accounts/mailer";
import { getEnv } from "../env";
import { logger } from "../log";
import { ZModerationInput, ZPageInput, ZReportInput } from "./schemas";
import { z } from "zod";

export const REVIEW_REPORTS: RateLimitRule = { name: "review:report", limit: 10, windowSeconds: 3600 };

/**
 * A signed-in user reports a review they can see (not their own). One report per reporter and review: a
 * repeat is accepted and changes nothing (the unique constraint decides).
 */
export async function reportReview(
  db: Db,
  actor: Actor | null,
  reviewId: string,
  input: z.input<typeof ZReportInput>,
): Promise<{ created: boolean }> {
  assertSignedIn(actor);
  const valid = parseInput(ZReportInput, input);
  const [review] = await db
    .select({ userId: courseReviews.userId })
    .from(courseReviews)
    .innerJoin(courses, and(eq(courses.id, courseReviews.courseId), eq(courses.published, true)))
    .where(and(eq(courseReviews.id, reviewId), isPubliclyVisible));
  if (!review) throw notFound("This review");
  if (review.userId === actor.id) {
    throw new AppError("FORBIDDEN", { userMessage: "You cannot report your own review; edit or delete it." });
  }
  await consumeRateLimit(db, REVIEW_REPORTS, actor.id);
  const inserted = await db
    .insert(reviewReports)
    .values({ reviewId, reporterId: actor.id, reason: valid.reason })
    .onConflictDoNothing({ target: [reviewReports.reviewId, reviewReports.reporterId] })
    .returning({ id: reviewReports.id });
  return { created: inserted.length > 0 };
}

async function lockReview(tx: Db, reviewId: string) {
  const [review] = await tx
    .select({
      id: courseReviews.id,
      courseId: courseReviews.courseId,
      rating: courseReviews.rating,
      comment: courseReviews.comment,
      hiddenAt: courseReviews.hiddenAt,
      hiddenReason: courseReviews.hiddenReason,
    })
    .from(courseReviews)
    .where(eq(courseReviews.id, reviewId))
    .for("update");
  if (!review) throw notFound("This review");
  return review;
}

/**
 * An admin hides a review with a reason: out of the course page and the counters (same transaction), its
 * open reports resolved, audited. The author still sees it, marked hidden, with the reason.
 */
export async function hideReview(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZModerationInput>,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZModerationInput, input);
  const { reviewId, reason } = valid;
  const outcome = await db.transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (review.hiddenAt) return { changed: false };
    await tx
      .update(courseReviews)
      .set({ hiddenAt: sql`now()`, hiddenReason: reason, hiddenBy: actor.id })
      .where(eq(courseReviews.id, reviewId));
    await tx
      .update(reviewReports)
      .set({ resolvedAt: sql`now()` })
      .where(and(eq(reviewReports.reviewId, reviewId), sql`${reviewReports.resolvedAt} IS NULL`));
    await refreshCourseStats(tx, review.courseId);
    await recordAudit(
      tx,
      actor,
      {
        action: "review.hidden",
        entityType: "course_review",
        entityId: reviewId,
        before: { hidden: false },
        after: { hidden: true, reason },
      },
      ctx,
    );
    return { changed: true };
  });
  // After the commit: the author is told, with the reason. A failed e-mail is logged, never undoes the hiding.
  if (outcome.changed) await notifyAuthorOfHiding(db, reviewId, reason);
  return outcome;
}

async function notifyAuthorOfHiding(db: Db, reviewId: string, reason: string) {
  try {
    const [row] = await db
      .select({ email: users.email, title: courses.title, slug: courses.slug })
      .from(courseReviews)
      .innerJoin(users, eq(users.id, courseReviews.userId))
      .innerJoin(courses, eq(courses.id, courseReviews.courseId))
      .where(eq(courseReviews.id, reviewId));
    if (!row) return;
    const subject = `Your review of “${row.title}” was hidden`;
    await sendMail(
      db,
      actionEmail({
        to: row.email,
        subject,
        heading: subject,
        intro:
          `A moderator hid your review of “${row.title}”. The reason given: ${asSentence(reason)} ` +
          "Only you can see it now, and it does not count in the course's rating. You can edit or delete it " +
          "on the course page; an edited review stays hidden until a moderator restores it.",
        button: "Open the course page",
        url: `${getEnv().appUrl}/courses/${row.slug}#reviews`,
        footer: "You receive this because you wrote this review on AI Whisperers.",
      }),
    );
  } catch (e) {
    logger.error("review hidden e-mail failed", { err: e, reviewId });
  }
}

/**
 * An admin restores a hidden review: back on the course page and in the rating (same transaction), audited.
 */
export async function restoreReview(
  db: Db,
  actor: Actor | null,
  reviewId: string,
  ctx: AuditContext = {},
): Promise<{ changed: boolean }> {
  assertRole(actor, "ADMIN");
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (!review.hiddenAt) return { changed: false };
    await tx
      .update(courseReviews)
      .set({ hiddenAt: null, hiddenReason: null, hiddenBy: null })
      .where(eq(courseReviews.id, reviewId));
    await refreshCourseStats(tx, review.courseId);
    await recordAudit(
      tx,
      actor,
      {
        action: "review.restored",
        entityType: "course_review",
        entityId: reviewId,
        before: { hidden: true, reason: review.hiddenReason },
        after: { hidden: false },
      },
      ctx,
    );
    return { changed: true };
  });
}

/** An admin dismisses the open reports of a review that breaks no rule: they leave the queue; audited. */
export async function dismissReviewReports(
  db: Db,
  actor: Actor | null,
  reviewId: string,
  ctx: AuditContext = {},
): Promise<{ dismissed: number }> {
  assertRole(actor, "ADMIN");
  return db.transaction(async (tx) => {
    await lockReview(tx, reviewId);
    const resolved = await tx
      .update(reviewReports)
      .set({ resolvedAt: sql`now()` })
      .where(and(eq(reviewReports.reviewId, reviewId), sql`${reviewReports.resolvedAt} IS NULL`))
      .returning({ id: reviewReports.id });
    if (resolved.length > 0) {
      await recordAudit(
        tx,
        actor,
        {
          action: "review.reports_dismissed",
          entityType: "course_review",
          entityId: reviewId,
          after: { dismissed: resolved.length },
        },
        ctx,
      );
    }
    return { dismissed: resolved.length };
  });
}

/**
 * An admin removes a review with a reason: the row goes (its reports with it), the counters follow in the
 * same transaction, and the audit entry keeps what was removed and why.
 */
export async function removeReview(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZModerationInput>,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZModerationInput, input);
  const { reviewId, reason } = valid;
  await db.transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    await tx.delete(courseReviews).where(eq(courseReviews.id, reviewId));
    await refreshCourseStats(tx, review.courseId);
    await recordAudit(
      tx,
      actor,
      {
        action: "review.removed",
        entityType: "course_review",
        entityId: reviewId,
        before: {
          courseId: review.courseId,
          rating: review.rating,
          comment: review.comment,
          hiddenReason: review.hiddenReason,
        },
        after: { removed: true, reason },
      },
      ctx,
    );
  });
  return { changed: true };
}

export interface ReportRow {
  id: string;
  reason: string;
  createdAt: Date;
  resolvedAt: Date | null;
  reporter: { name: string; email: string };
  review: {
    id: string;
    rating: number;
    comment: string | null;
    authorName: string;
    hiddenAt: Date | null;
    hiddenReason: string | null;
  };
  course: { slug: string; title: string };
}

const ZReportsPageInput = ZPageInput.extend({
  /** Open reports wait for a decision (the queue); handled ones were dismissed or their review hidden. */
  state: z.enum(["open", "handled"]).default("open"),
});

/** Admins: reports newest first, keyset-paginated on (created_at, id) through idx_review_reports_created_at. */
export async function findReviewReports(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZReportsPageInput>,
): Promise<{ items: ReportRow[]; nextCursor: string | null }> {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZReportsPageInput, input);
  const { cursor, limit, state } = valid;
  const after = decodeCursor(cursor, ZTimeIdKey);
  const reporter = alias(users, "reporter");
  const author = alias(users, "author");
  const rows = await db
    .select({
      id: reviewReports.id,
      reason: reviewReports.reason,
      createdAt: reviewReports.createdAt,
      resolvedAt: reviewReports.resolvedAt,
      key: timestampKey(reviewReports.createdAt),
      reporterName: reporter.name,
      reporterEmail: reporter.email,
      authorName: author.name,
      review: {
        id: courseReviews.id,
        rating: courseReviews.rating,
        comment: courseReviews.comment,
        hiddenAt: courseReviews.hiddenAt,
        hiddenReason: courseReviews.hiddenReason,
      },
      course: { slug: courses.slug, title: courses.title },
    })
    .from(reviewReports)
    .innerJoin(courseReviews, eq(courseReviews.id, reviewReports.reviewId))
    .innerJoin(courses, eq(courses.id, courseReviews.courseId))
    .innerJoin(reporter, eq(reporter.id, reviewReports.reporterId))
    .innerJoin(author, eq(author.id, courseReviews.userId))
    .where(
      and(
        state === "open" ? isNull(reviewReports.resolvedAt) : isNotNull(reviewReports.resolvedAt),
        after ? olderThan(reviewReports.createdAt, reviewReports.id, after) : undefined,
      ),
    )
    .orderBy(desc(reviewReports.createdAt), desc(reviewReports.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.key, r.id], {
    map: (r): ReportRow => ({
      id: r.id,
      reason: r.reason,
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      reporter: { name: displayName(r.reporterName), email: r.reporterEmail },
      review: { ...r.review, authorName: displayName(r.authorName) },
      course: r.course,
    }),
  });
}
