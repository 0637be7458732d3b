import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { assignmentReviews, assignmentSubmissions } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, isUniqueViolation, notFound } from "../errors";
import { parseInput } from "../validation";
import type { Actor } from "../accounts/actor";
import { escapeHtml, sendMail, type OutgoingMail } from "../accounts/mailer";
import { recordAudit, type AuditContext } from "../audit/record";
import { assertAuthor } from "../authoring/course-access";
import { isCourseStaffSql } from "../authoring/staff";
import { emitWebhookEvent, iso } from "../integrations/events";
import { getEnv } from "../env";
import { logger } from "../log";
import { lockProgressTarget, writeLessonProgress } from "../learning/progress";
import { decodeCursor, timestampKey, toPage, ZKeyId, ZKeyTimestamp, type Page } from "../pagination";
import { scoreRubric, ZReviewInput, type RubricCriterion, type TReviewInput } from "./assignment-schemas";
import { loadVersions, type SubmissionState, type VersionView } from "./assignments";

/** A claim keeps other reviewers off a submission this long (released by a decision, "release", or expiry). */
export const CLAIM_MS = 30 * 60_000;

const STATES = ["DRAFT", "SUBMITTED", "IN_REVIEW", "NEEDS_REVISION", "PASSED"] as const;
export const ZQueueQuery = z.object({
  status: z
    .string()
    .max(100)
    .optional()
    .transform((s, ctx) => {
      if (!s) return ["SUBMITTED", "IN_REVIEW"] as SubmissionState[];
      const list = s.split(",").map((x) => x.trim().toUpperCase());
      for (const x of list) {
        if (!(STATES as readonly string[]).includes(x)) {
          ctx.addIssue({ code: "custom", message: `Unknown state ${x}: use ${STATES.join(", ")}` });
          return z.NEVER;
        }
      }
      return list as SubmissionState[];
    }),
  courseId: z.string().max(64).optional(),
  late: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TQueueQuery = z.input<typeof ZQueueQuery>;

const ZQueueKey = z.tuple([ZKeyTimestamp, ZKeyId]);

export interface QueueItem {
  id: string;
  versionNumber: number;
  state: SubmissionState;
  late: boolean;
  submittedAt: Date;
  course: { id: string; slug: string; title: string };
  lesson: { id: string; title: string };
  student: { id: string; name: string | null };
  claimedBy: string | null;
}

/**
 * Submissions waiting for review (by default SUBMITTED and IN_REVIEW) in the courses the actor reviews —
 * co-instructors included, admins every course — oldest hand-in first, keyset-paginated.
 */
export async function findReviewQueue(
  db: Db,
  actor: Actor | null,
  query: TQueueQuery = {},
): Promise<Page<QueueItem>> {
  assertAuthor(actor);
  const q = parseInput(ZQueueQuery, query);
  const after = decodeCursor(q.cursor, ZQueueKey, {
    scope: `${q.status.join()}|${q.courseId ?? ""}|${q.late ?? ""}`,
  });
  const rows = await queryRows<{
    id: string;
    state: SubmissionState;
    late: boolean;
    submitted_at: Date | string;
    key: string;
    course_id: string;
    slug: string;
    course_title: string;
    lesson_id: string;
    lesson_title: string;
    user_id: string;
    name: string | null;
    version_number: number;
    claimed_by: string | null;
  }>(
    db,
    sql`SELECT s.id, s.state, s.late, s.submitted_at, ${timestampKey(sql`s.submitted_at`)} AS key,
               c.id AS course_id, c.slug, c.title AS course_title, l.id AS lesson_id, l.title AS lesson_title,
               u.id AS user_id, u.name,
               (SELECT max(v.number) FROM assignment_versions v WHERE v.submission_id = s.id)::int AS version_number,
               CASE WHEN s.claimed_until > now() THEN cu.name END AS claimed_by
        FROM assignment_submissions s
        JOIN courses c ON c.id = s.course_id
        JOIN lessons l ON l.id = s.lesson_id
        JOIN users u ON u.id = s.user_id
        LEFT JOIN users cu ON cu.id = s.claimed_by
        WHERE s.state IN (${sql.join(
          q.status.map((x) => sql`${x}::submission_state`),
          sql`, `,
        )})
          AND s.submitted_at IS NOT NULL
          AND ${isCourseStaffSql(actor, sql`s.course_id`)}
          ${q.courseId ? sql`AND s.course_id = ${q.courseId}` : sql``}
          ${q.late ? sql`AND s.late = ${q.late === "true"}` : sql``}
          ${after ? sql`AND (s.submitted_at, s.id) > (${after[0]}::timestamptz, ${after[1]})` : sql``}
        ORDER BY s.submitted_at, s.id
        LIMIT ${q.limit + 1}`,
  );
  return toPage(rows, q.limit, (r) => [r.key, r.id], {
    scope: `${q.status.join()}|${q.courseId ?? ""}|${q.late ?? ""}`,
    map: (r) => ({
      id: r.id,
      versionNumber: r.version_number,
      state: r.state,
      late: r.late,
      submittedAt: new Date(r.submitted_at),
      course: { id: r.course_id, slug: r.slug, title: r.course_title },
      lesson: { id: r.lesson_id, title: r.lesson_title },
      student: { id: r.user_id, name: r.name },
      claimedBy: r.claimed_by,
    }),
  });
}

/** Waiting submissions per course the actor reviews (for the instructor home). */
export async function countWaitingByCourse(db: Db, actor: Actor) {
  return queryRows<{ course_id: string; waiting: number }>(
    db,
    sql`SELECT s.course_id, count(*)::int AS waiting FROM assignment_submissions s
        WHERE s.state IN ('SUBMITTED', 'IN_REVIEW') AND ${isCourseStaffSql(actor, sql`s.course_id`)}
        GROUP BY s.course_id`,
  );
}

export interface SubmissionView {
  id: string;
  state: SubmissionState;
  late: boolean;
  course: { id: string; slug: string; title: string };
  lesson: { id: string; title: string; content: string };
  student: { id: string; name: string | null; email: string | null };
  rubric: RubricCriterion[] | null;
  dueAt: Date | null;
  claim: { by: string | null; mine: boolean; until: Date } | null;
  versions: VersionView[];
  /** The viewer is the course's staff (may claim and decide). */
  reviewer: boolean;
}

/** A submission with every version and review: for its student and the course's staff; 404 for anyone else. */
export async function getSubmission(db: Db, actor: Actor | null, id: string): Promise<SubmissionView> {
  if (!actor) throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in to continue." });
  const [row] = await queryRows<{
    id: string;
    state: SubmissionState;
    late: boolean;
    course_id: string;
    slug: string;
    course_title: string;
    lesson_id: string;
    lesson_title: string;
    content: string;
    user_id: string;
    name: string | null;
    email: string;
    rubric: RubricCriterion[] | null;
    due_at: Date | string | null;
    claimed_by: string | null;
    claimer: string | null;
    claimed_until: Date | string | null;
    staff: boolean;
  }>(
    db,
    sql`SELECT s.id, s.state, s.late, c.id AS course_id, c.slug, c.title AS course_title, l.id AS lesson_id,
               l.title AS lesson_title, l.content, u.id AS user_id, u.name, u.email, a.rubric, a.due_at,
               s.claimed_by, cu.name AS claimer, s.claimed_until, ${isCourseStaffSql(actor, sql`s.course_id`)} AS staff
        FROM assignment_submissions s
        JOIN assignments a ON a.lesson_id = s.lesson_id
        JOIN courses c ON c.id = s.course_id
        JOIN lessons l ON l.id = s.lesson_id
        JOIN users u ON u.id = s.user_id
        LEFT JOIN users cu ON cu.id = s.claimed_by
        WHERE s.id = ${id}`,
  );
  if (!row || (row.user_id !== actor.id && !row.staff)) throw notFound("This submission");
  const until = row.claimed_until ? new Date(row.claimed_until) : null;
  const claimed = row.claimed_by && until && until > new Date();
  return {
    id: row.id,
    state: row.state === "IN_REVIEW" && !claimed ? "SUBMITTED" : row.state,
    late: row.late,
    course: { id: row.course_id, slug: row.slug, title: row.course_title },
    lesson: { id: row.lesson_id, title: row.lesson_title, content: row.content },
    student: { id: row.user_id, name: row.name, email: row.staff ? row.email : null },
    rubric: row.rubric,
    dueAt: row.due_at ? new Date(row.due_at) : null,
    claim: claimed ? { by: row.claimer, mine: row.claimed_by === actor.id, until: until! } : null,
    versions: await loadVersions(db, row.id),
    reviewer: row.staff,
  };
}

/** The submission locked, for the course's staff only (404 otherwise). */
async function lockForStaff(tx: Db, actor: Actor, id: string) {
  const [row] = await queryRows<{
    id: string;
    state: SubmissionState;
    user_id: string;
    lesson_id: string;
    course_id: string;
    claimed_by: string | null;
    claimed_until: Date | string | null;
    claimer: string | null;
    staff: boolean;
  }>(
    tx,
    sql`SELECT s.id, s.state, s.user_id, s.lesson_id, s.course_id, s.claimed_by, s.claimed_until,
               (SELECT coalesce(cu.name, 'another reviewer') FROM users cu WHERE cu.id = s.claimed_by) AS claimer,
               ${isCourseStaffSql(actor, sql`s.course_id`)} AS staff
        FROM assignment_submissions s WHERE s.id = ${id} FOR UPDATE OF s`,
  );
  if (!row || !row.staff) throw notFound("This submission");
  const heldByOther =
    row.claimed_by !== null &&
    row.claimed_by !== actor.id &&
    row.claimed_until !== null &&
    new Date(row.claimed_until) > new Date();
  return { ...row, heldByOther };
}

const heldMessage = (who: string | null) =>
  `${who ?? "Another reviewer"} is reviewing this submission. Try again when they have decided or released it.`;

/** Claims a waiting submission for 30 minutes (IN_REVIEW); 409 naming who holds it when someone else does. */
export async function claimSubmission(db: Db, actor: Actor | null, id: string) {
  assertAuthor(actor);
  return db.transaction(async (tx) => {
    const s = await lockForStaff(tx, actor, id);
    if (s.state !== "SUBMITTED" && s.state !== "IN_REVIEW") {
      throw new AppError("CONFLICT", { userMessage: "This submission is not waiting for review." });
    }
    if (s.heldByOther) throw new AppError("CONFLICT", { userMessage: heldMessage(s.claimer) });
    const until = new Date(Date.now() + CLAIM_MS);
    await tx
      .update(assignmentSubmissions)
      .set({ state: "IN_REVIEW", claimedBy: actor.id, claimedUntil: until })
      .where(eq(assignmentSubmissions.id, id));
    return { state: "IN_REVIEW" as const, claimedUntil: until };
  });
}

/** Gives a claim back (the submission waits again); only its holder can. */
export async function releaseSubmission(db: Db, actor: Actor | null, id: string) {
  assertAuthor(actor);
  return db.transaction(async (tx) => {
    const s = await lockForStaff(tx, actor, id);
    if (s.heldByOther) throw new AppError("CONFLICT", { userMessage: heldMessage(s.claimer) });
    if (s.state === "IN_REVIEW") {
      await tx
        .update(assignmentSubmissions)
        .set({ state: "SUBMITTED", claimedBy: null, claimedUntil: null })
        .where(eq(assignmentSubmissions.id, id));
    }
    return { state: s.state === "IN_REVIEW" ? ("SUBMITTED" as const) : s.state };
  });
}

/**
 * Decides on the latest version: PASS completes the lesson through the locked progress path; NEEDS_REVISION
 * sends the work back with a draft copied from it. The student's enrollment is locked first (the progress
 * path's order), then the submission; the first of two decisions wins and the second gets 409. The student is
 * e-mailed after the commit.
 */
export async function reviewSubmission(
  db: Db,
  actor: Actor | null,
  id: string,
  input: TReviewInput,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const data = parseInput(ZReviewInput, input);
  // Who may decide is checked before any lock is taken (the student's enrollment is locked next).
  const [peek] = await db
    .select({
      userId: assignmentSubmissions.userId,
      lessonId: assignmentSubmissions.lessonId,
      staff: sql<boolean>`${isCourseStaffSql(actor, assignmentSubmissions.courseId)}`,
    })
    .from(assignmentSubmissions)
    .where(eq(assignmentSubmissions.id, id));
  if (!peek || !peek.staff) throw notFound("This submission");
  let mail: OutgoingMail | null = null;
  const result = await db
    .transaction(async (tx) => {
      const target = await lockProgressTarget(tx, peek.userId, peek.lessonId, { release: "ignore" }).catch(
        (e: unknown) => {
          if (e instanceof AppError && e.code === "FORBIDDEN") return null;
          throw e;
        },
      );
      const s = await lockForStaff(tx, actor, id);
      if (s.state !== "SUBMITTED" && s.state !== "IN_REVIEW") {
        throw new AppError("CONFLICT", { userMessage: "This submission has already been decided." });
      }
      if (s.heldByOther) throw new AppError("CONFLICT", { userMessage: heldMessage(s.claimer) });
      // Passing completes the lesson; with the enrollment closed (suspended, refunded) it could not, and the
      // work would be final with the lesson never complete. Sending back needs no access and is allowed.
      if (data.decision === "PASS" && !target) {
        throw new AppError("CONFLICT", {
          userMessage:
            "The student's enrollment is not active (suspended or refunded), so passing cannot complete the lesson. Decide when it is reopened, or send the work back.",
        });
      }
      const [[latest], [assignment]] = await Promise.all([
        queryRows<{ id: string; number: number; text: string; links: string[] }>(
          tx,
          sql`SELECT id, number, text, links FROM assignment_versions WHERE submission_id = ${id}
              ORDER BY number DESC LIMIT 1`,
        ),
        queryRows<{ rubric: RubricCriterion[] | null; title: string; slug: string; email: string }>(
          tx,
          sql`SELECT a.rubric, l.title, c.slug, u.email FROM assignments a JOIN lessons l ON l.id = a.lesson_id
              JOIN courses c ON c.id = ${s.course_id} JOIN users u ON u.id = ${s.user_id}
              WHERE a.lesson_id = ${s.lesson_id}`,
        ),
      ]);
      if (!latest || !assignment) throw notFound("This submission");
      let scores = null;
      if (assignment.rubric && assignment.rubric.length > 0) {
        const scored = scoreRubric(assignment.rubric, data.rubricScores);
        if (!scored.ok) {
          throw new AppError("INVALID_INPUT", {
            userMessage: `Score every criterion of the rubric: ${scored.issues.map((i) => i.message).join("; ")}.`,
            fields: scored.issues,
          });
        }
        scores = scored;
      }
      if (data.decision === "NEEDS_REVISION" && data.feedback.trim() === "") {
        throw new AppError("INVALID_INPUT", {
          userMessage: "Say what to revise: feedback is needed when sending work back.",
          fields: [{ path: "feedback", message: "Write what the student should change" }],
        });
      }
      const reviewedAt = new Date();
      await tx.insert(assignmentReviews).values({
        versionId: latest.id,
        reviewerId: actor.id,
        decision: data.decision,
        feedback: data.feedback,
        rubricScores: scores?.scores ?? null,
        points: scores?.points ?? null,
        maxPoints: scores?.maxPoints ?? null,
      });
      const passed = data.decision === "PASS";
      await tx
        .update(assignmentSubmissions)
        .set({
          state: passed ? "PASSED" : "NEEDS_REVISION",
          claimedBy: null,
          claimedUntil: null,
          ...(passed ? {} : { draftText: latest.text, draftLinks: latest.links }),
        })
        .where(eq(assignmentSubmissions.id, id));
      if (!passed) {
        // The new draft starts as a copy of the last version, its files included (files never change: the
        // draft links to the same ones). Files the hand-in left out (a type no longer accepted) stay too.
        await tx.execute(
          sql`INSERT INTO assignment_draft_files (submission_id, file_id, added_at)
              SELECT ${id}, file_id, now() + position * interval '1 microsecond'
              FROM assignment_version_files WHERE version_id = ${latest.id}
              ON CONFLICT DO NOTHING`,
        );
      }
      // Once per decision: a second one finds the submission decided (409) under its lock, and the unique
      // review per version rolls back a racing one with its event.
      await emitWebhookEvent(tx, "assignment.reviewed", {
        submissionId: id,
        assignmentId: s.lesson_id, // an assignment is identified by its lesson
        lessonId: s.lesson_id,
        courseId: s.course_id,
        userId: s.user_id,
        reviewedAt: iso(reviewedAt),
        outcome: passed ? "PASSED" : "NEEDS_REVISION",
        score: scores?.points ?? null,
      });
      let completed = target?.done ?? false;
      if (passed && target && !target.done) {
        const progress = await writeLessonProgress(tx, s.user_id, s.lesson_id, target, {
          completed: true,
          timeSpentSeconds: 0,
        });
        completed = progress.lessonProgress.completed;
      }
      await recordAudit(
        tx,
        actor,
        {
          action: "assignment.reviewed",
          entityType: "assignment_submission",
          entityId: id,
          after: { version: latest.number, decision: data.decision, points: scores?.points ?? null },
        },
        ctx,
      );
      mail = reviewEmail(assignment.email, {
        lessonTitle: assignment.title,
        url: `${getEnv().appUrl}/learn/${assignment.slug}/${s.lesson_id}`,
        passed,
      });
      return { state: passed ? ("PASSED" as const) : ("NEEDS_REVISION" as const), lesson: { completed } };
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e, "assignment_reviews_version_key")) {
        throw new AppError("CONFLICT", { userMessage: "This submission has already been decided." });
      }
      throw e;
    });
  if (mail) {
    try {
      await sendMail(db, mail);
    } catch (e) {
      logger.error("review e-mail failed", { err: e, submissionId: id });
    }
  }
  return result;
}

function reviewEmail(to: string, opts: { lessonTitle: string; url: string; passed: boolean }): OutgoingMail {
  const lines = opts.passed
    ? [
        `Your work on “${opts.lessonTitle}” has passed. The lesson is complete.`,
        `See the feedback: ${opts.url}`,
      ]
    : [
        `Your work on “${opts.lessonTitle}” was reviewed and needs a revision.`,
        `Read the feedback and hand it in again: ${opts.url}`,
      ];
  return {
    to,
    subject: opts.passed ? `Passed: ${opts.lessonTitle}` : `Feedback on ${opts.lessonTitle}: please revise`,
    text: ["AI Whisperers — your assignment was reviewed", "", ...lines].join("\n"),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a"><h1 style="font-size:18px">Your assignment was reviewed</h1>${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join("")}<p><a href="${escapeHtml(opts.url)}">Open the assignment</a></p></body></html>`,
  };
}
