import "server-only";
import { randomInt } from "node:crypto";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { enrollments, quizAttempts } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, isUniqueViolation, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { isCourseStaffSql } from "../authoring/staff";
import { emitWebhookEvent, iso } from "../integrations/events";
import { lockProgressTarget, writeLessonProgress } from "../learning/progress";
import { checkAnswers, gradeAttempt, revealResults, type GradedAttempt } from "./grading";
import {
  GRACE_MS,
  getQuizPlace,
  loadAccommodation,
  loadQuestions,
  loadQuiz,
  publicQuestion,
  type PublicQuestion,
} from "./quiz-store";
import {
  ZAnswers,
  type AttemptSettings,
  type QuestionResult,
  type ServedQuestion,
  type TAnswer,
  type TAnswers,
} from "./quiz-schemas";

type AttemptRow = typeof quizAttempts.$inferSelect;

export interface AttemptResult {
  scorePercentage: number;
  passed: boolean;
  pointsAwarded: number;
  pointsTotal: number;
  expired: boolean;
  results: QuestionResult[];
}

export interface AttemptView {
  id: string;
  number: number;
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  answers: TAnswer[];
  questions: PublicQuestion[];
  result: AttemptResult | null;
}

const questionsOf = (a: AttemptRow) => a.questions as ServedQuestion[];
const settingsOf = (a: AttemptRow) => a.settings as AttemptSettings;
const pastGrace = (a: Pick<AttemptRow, "deadline">, now: Date) =>
  a.deadline !== null && now.getTime() > a.deadline.getTime() + GRACE_MS;

/** Whether this student has passed this quiz in any attempt (for the after_passing reveal rule). */
async function hasPassed(db: Db, lessonId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.lessonId, lessonId),
        eq(quizAttempts.userId, userId),
        eq(quizAttempts.passed, true),
      ),
    );
  return (row?.n ?? 0) > 0;
}

function resultOf(a: AttemptRow, reveal: boolean): AttemptResult | null {
  if (a.submittedAt === null || a.scorePercentage === null || a.passed === null) return null;
  return {
    scorePercentage: a.scorePercentage,
    passed: a.passed,
    pointsAwarded: Number(a.pointsAwarded ?? 0),
    pointsTotal: a.pointsTotal,
    expired: a.expired,
    results: revealResults((a.results ?? []) as GradedAttempt["results"], reveal, questionsOf(a)),
  };
}

async function viewOf(db: Db, a: AttemptRow, revealToStaff = false): Promise<AttemptView> {
  const reveal =
    revealToStaff ||
    (a.submittedAt !== null &&
      (settingsOf(a).revealAnswers === "after_each_attempt" ||
        a.passed === true ||
        (await hasPassed(db, a.lessonId, a.userId))));
  return {
    id: a.id,
    number: a.number,
    startedAt: a.startedAt,
    deadline: a.deadline,
    submittedAt: a.submittedAt,
    answers: a.answers as TAnswer[],
    questions: questionsOf(a).map(publicQuestion),
    result: resultOf(a, reveal),
  };
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Grades a locked, open attempt once and, when it passes, completes the lesson through the locked progress
 * path. The caller holds the enrollment's lock (taken before the attempt's: one order everywhere) or passes
 * `target: null` when the learner no longer has access (the attempt is graded, nothing is completed).
 */
async function gradeLocked(
  tx: Db,
  attempt: AttemptRow,
  answers: TAnswer[],
  expired: boolean,
  target: Awaited<ReturnType<typeof lockProgressTarget>> | null,
  now: Date,
) {
  const graded = gradeAttempt(questionsOf(attempt), answers, settingsOf(attempt));
  const [updated] = await tx
    .update(quizAttempts)
    .set({
      answers,
      submittedAt: expired && attempt.deadline ? attempt.deadline : now,
      expired,
      pointsAwarded: graded.pointsAwarded.toFixed(2),
      scorePercentage: graded.scorePercentage,
      passed: graded.passed,
      results: graded.results,
    })
    .where(eq(quizAttempts.id, attempt.id))
    .returning();
  // Once per attempt: every caller holds the attempt's lock and grades it only while it is still open. An
  // attempt graded at its deadline (nobody pressed submit) is announced the same way, with that time.
  await emitWebhookEvent(tx, "quiz.attempt_submitted", {
    attemptId: updated!.id,
    quizId: updated!.lessonId, // a quiz is identified by its lesson (quizzes.lesson_id is its key)
    lessonId: updated!.lessonId,
    courseId: updated!.courseId,
    userId: updated!.userId,
    submittedAt: iso(updated!.submittedAt!),
    scorePercent: updated!.scorePercentage,
    passed: updated!.passed,
  });
  let progress = null;
  if (graded.passed && target && !target.done) {
    progress = await writeLessonProgress(tx, attempt.userId, attempt.lessonId, target, {
      completed: true,
      timeSpentSeconds: 0,
    });
  }
  return { attempt: updated!, progress };
}

/** Locks the learner's enrollment (null when access is gone), then the attempt. */
async function lockForGrading(tx: Db, attemptId: string, userId: string, lessonId: string) {
  // An attempt started while the module was open is graded whatever its schedule says now.
  const target = await lockProgressTarget(tx, userId, lessonId, { release: "ignore" }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "FORBIDDEN") return null;
    throw e;
  });
  const [attempt] = await tx.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).for("update");
  return { target, attempt };
}

/**
 * An open attempt past its deadline and grace is graded from the answers saved by then (unanswered = wrong),
 * the first time anyone reads it. Returns the attempt as it now is.
 */
async function settle(db: Db, attempt: AttemptRow, now = new Date()): Promise<AttemptRow> {
  if (attempt.submittedAt !== null || !pastGrace(attempt, now)) return attempt;
  return db.transaction(async (tx) => {
    const { target, attempt: locked } = await lockForGrading(
      tx,
      attempt.id,
      attempt.userId,
      attempt.lessonId,
    );
    if (!locked || locked.submittedAt !== null) return locked ?? attempt;
    return (await gradeLocked(tx, locked, locked.answers as TAnswer[], true, target, now)).attempt;
  });
}

/** Settles the student's open attempt on this quiz if its time ran out; returns the open one left, if any. */
async function settleOpen(db: Db, lessonId: string, userId: string): Promise<AttemptRow | null> {
  const [open] = await db
    .select()
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.lessonId, lessonId),
        eq(quizAttempts.userId, userId),
        isNull(quizAttempts.submittedAt),
      ),
    );
  if (!open) return null;
  const now = await settle(db, open);
  return now.submittedAt === null ? now : null;
}

export interface QuizSummary {
  passPercentage: number;
  maxAttempts: number | null;
  /** maxAttempts plus the student's extra attempts; null: unlimited. */
  attemptsAllowed: number | null;
  timeLimitMinutes: number | null;
  /** The student's time limit with extra time (minutes, rounded up); null: untimed. */
  effectiveTimeLimitMinutes: number | null;
  attemptsUsed: number;
  bestScorePercentage: number | null;
  passed: boolean;
  questionCount: number;
  openAttemptId: string | null;
  questions: PublicQuestion[];
}

/** The quiz as a student (or the course's staff) sees it before starting: settings and the student's record. */
export async function getQuizForStudent(db: Db, actor: Actor | null, lessonId: string): Promise<QuizSummary> {
  assertSignedIn(actor);
  await getQuizPlace(db, actor, lessonId);
  const open = await settleOpen(db, lessonId, actor.id);
  const [quiz, questions, extra, [record]] = await Promise.all([
    loadQuiz(db, lessonId),
    loadQuestions(db, lessonId),
    loadAccommodation(db, lessonId, actor.id),
    queryRows<{ used: number; best: number | null; passed: boolean }>(
      db,
      sql`SELECT count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS used, max(score_percentage) AS best,
                 coalesce(bool_or(passed), false) AS passed
          FROM quiz_attempts WHERE lesson_id = ${lessonId} AND user_id = ${actor.id}`,
    ),
  ]);
  if (!quiz || questions.length === 0) throw notFound("This quiz");
  const limit = quiz.timeLimitMinutes;
  return {
    passPercentage: quiz.passPercentage,
    maxAttempts: quiz.maxAttempts,
    attemptsAllowed: quiz.maxAttempts === null ? null : quiz.maxAttempts + extra.extraAttempts,
    timeLimitMinutes: limit,
    effectiveTimeLimitMinutes:
      limit === null ? null : Math.ceil((limit * (100 + extra.extraTimePercent)) / 100),
    attemptsUsed: record?.used ?? 0,
    bestScorePercentage: record?.best ?? null,
    passed: record?.passed ?? false,
    questionCount: Math.min(quiz.poolSize ?? questions.length, questions.length),
    openAttemptId: open?.id ?? null,
    questions: questions.map(publicQuestion),
  };
}

/**
 * Starts an attempt: the enrollment is locked before the attempts are counted (ten concurrent starts make
 * one attempt, or as many as are left), the questions drawn and ordered, the options shuffled when the quiz
 * says so, and all of it kept with the attempt as served. An open attempt → 409 with that attempt.
 */
export async function startAttempt(db: Db, actor: Actor | null, lessonId: string): Promise<AttemptView> {
  assertSignedIn(actor);
  const place = await getQuizPlace(db, actor, lessonId);
  if (!place.enrolled) {
    throw new AppError("FORBIDDEN", {
      userMessage: "Course staff preview a quiz in the player; taking it needs an enrollment.",
    });
  }
  try {
    return await db.transaction(async (tx) => {
      const target = await lockProgressTarget(tx, actor.id, lessonId);
      const quiz = await loadQuiz(tx, lessonId);
      const questions = await loadQuestions(tx, lessonId);
      if (!quiz || questions.length === 0) throw notFound("This quiz");
      const now = new Date();
      const [open] = await tx
        .select()
        .from(quizAttempts)
        .where(
          and(
            eq(quizAttempts.lessonId, lessonId),
            eq(quizAttempts.userId, actor.id),
            isNull(quizAttempts.submittedAt),
          ),
        )
        .for("update");
      if (open && !pastGrace(open, now)) {
        throw new AppError("CONFLICT", {
          userMessage: "You already have an attempt in progress: continue it.",
          details: { attempt: await viewOf(tx, open) },
        });
      }
      if (open) await gradeLocked(tx, open, open.answers as TAnswer[], true, target, now);
      const extra = await loadAccommodation(tx, lessonId, actor.id);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.lessonId, lessonId), eq(quizAttempts.userId, actor.id)));
      if (quiz.maxAttempts !== null && n >= quiz.maxAttempts + extra.extraAttempts) {
        throw new AppError("CONFLICT", { userMessage: "You have used every attempt this quiz allows." });
      }
      const pool = quiz.poolSize !== null && quiz.poolSize < questions.length;
      const drawn = pool ? shuffled(questions).slice(0, quiz.poolSize!) : questions;
      const served: ServedQuestion[] = drawn.map((q) => ({
        ...q,
        options: quiz.shuffleOptions && q.type !== "true_false" ? shuffled(q.options) : q.options,
      }));
      const settings: AttemptSettings = {
        passPercentage: quiz.passPercentage,
        partialCredit: quiz.partialCredit,
        revealAnswers: quiz.revealAnswers,
      };
      const minutes = quiz.timeLimitMinutes;
      const deadline =
        minutes === null
          ? null
          : new Date(now.getTime() + (minutes * 60_000 * (100 + extra.extraTimePercent)) / 100);
      const [row] = await tx
        .insert(quizAttempts)
        .values({
          lessonId,
          courseId: target.courseId,
          userId: actor.id,
          number: n + 1,
          questions: served,
          settings,
          answers: [],
          startedAt: now,
          deadline,
          pointsTotal: served.reduce((s, q) => s + q.points, 0),
        })
        .returning();
      return viewOf(tx, row!);
    });
  } catch (e) {
    // The enrollment lock serializes starts; the one-open-attempt index is the backstop.
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", { userMessage: "An attempt was started meanwhile: reload." });
    throw e;
  }
}

/** The student's attempt, or any attempt for the course's staff (who see the answer key); 404 otherwise. */
export async function getAttempt(db: Db, actor: Actor | null, attemptId: string): Promise<AttemptView> {
  assertSignedIn(actor);
  const [found] = await db
    .select({ attempt: quizAttempts, staff: sql<boolean>`${isCourseStaffSql(actor, quizAttempts.courseId)}` })
    .from(quizAttempts)
    .where(eq(quizAttempts.id, attemptId));
  if (!found || (found.attempt.userId !== actor.id && !found.staff)) throw notFound("This attempt");
  const attempt = await settle(db, found.attempt);
  return viewOf(db, attempt, found.staff && found.attempt.userId !== actor.id);
}

/** The signed-in student's attempts at a quiz, newest first. */
export async function listMyAttempts(db: Db, actor: Actor | null, lessonId: string) {
  assertSignedIn(actor);
  await getQuizPlace(db, actor, lessonId);
  await settleOpen(db, lessonId, actor.id);
  return db
    .select({
      id: quizAttempts.id,
      number: quizAttempts.number,
      startedAt: quizAttempts.startedAt,
      deadline: quizAttempts.deadline,
      submittedAt: quizAttempts.submittedAt,
      scorePercentage: quizAttempts.scorePercentage,
      passed: quizAttempts.passed,
      expired: quizAttempts.expired,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.lessonId, lessonId), eq(quizAttempts.userId, actor.id)))
    .orderBy(desc(quizAttempts.number));
}

/** The student's own attempt, locked; 404 for anyone else's. */
async function ownAttempt(tx: Db, actor: Actor, attemptId: string) {
  const [a] = await tx
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, actor.id)));
  if (!a) throw notFound("This attempt");
  return a;
}

/** Saves answers so far (a reload or another device resumes them); 409 once submitted or out of time. */
export async function saveAnswers(db: Db, actor: Actor | null, attemptId: string, input: TAnswers) {
  assertSignedIn(actor);
  const { answers } = parseInput(ZAnswers, input);
  return db.transaction(async (tx) => {
    await ownAttempt(tx, actor, attemptId);
    const [a] = await tx.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).for("update");
    if (!a) throw notFound("This attempt");
    if (a.submittedAt !== null)
      throw new AppError("CONFLICT", { userMessage: "This attempt is already submitted." });
    const now = new Date();
    if (pastGrace(a, now)) {
      throw new AppError("CONFLICT", {
        userMessage: "Time is up for this attempt: it is graded from the answers saved before the deadline.",
      });
    }
    checkAnswers(questionsOf(a), answers);
    await tx.update(quizAttempts).set({ answers }).where(eq(quizAttempts.id, attemptId));
    return { savedAt: now, answers };
  });
}

export interface SubmissionResult extends AttemptResult {
  lesson: { completed: boolean };
  enrollment: { status: string; progressPercentage: number };
}

/**
 * Submits and grades an attempt once, in one transaction: the enrollment is locked, then the attempt; a
 * second submission (another tab, a double click) finds it submitted and gets 409 with the same result.
 * Passing completes the lesson through the locked progress path (percentage, course completion, certificate).
 * Past the deadline and its grace, the answers saved by then are graded instead of the ones sent.
 */
export async function submitAttempt(
  db: Db,
  actor: Actor | null,
  attemptId: string,
  input: TAnswers,
): Promise<SubmissionResult> {
  assertSignedIn(actor);
  const { answers } = parseInput(ZAnswers, input);
  const own = await ownAttempt(db, actor, attemptId);
  return db.transaction(async (tx) => {
    const { target, attempt } = await lockForGrading(tx, attemptId, actor.id, own.lessonId);
    if (!attempt) throw notFound("This attempt");
    if (!target)
      throw new AppError("FORBIDDEN", { userMessage: "Your enrollment in this course is not active." });
    const finish = async (a: AttemptRow, completedNow: boolean | null) => {
      const view = await viewOf(tx, a);
      const [e] = await tx
        .select({ status: enrollments.status, progressPercentage: enrollments.progressPercentage })
        .from(enrollments)
        .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, a.courseId)));
      return {
        ...view.result!,
        lesson: { completed: completedNow ?? target.done },
        enrollment: { status: e?.status ?? "ACTIVE", progressPercentage: e?.progressPercentage ?? 0 },
      };
    };
    if (attempt.submittedAt !== null) {
      throw new AppError("CONFLICT", {
        userMessage: "This attempt was already submitted.",
        details: { result: await finish(attempt, null) },
      });
    }
    const now = new Date();
    const late = pastGrace(attempt, now);
    if (!late) checkAnswers(questionsOf(attempt), answers);
    const graded = await gradeLocked(
      tx,
      attempt,
      late ? (attempt.answers as TAnswer[]) : answers,
      late,
      target,
      now,
    );
    const completed = graded.progress?.lessonProgress.completed ?? target.done;
    return finish(graded.attempt, completed);
  });
}
