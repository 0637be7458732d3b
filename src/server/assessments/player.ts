import "server-only";
import type { Db } from "../db/types";
import { isAppError } from "../errors";
import type { Actor } from "../accounts/actor";
import { lessonHtml } from "../learning/lesson-html";
import {
  getAttempt,
  getQuizForStudent,
  listMyAttempts,
  type AttemptView,
  type QuizSummary,
} from "./attempts";
import type { TAnswer } from "./quiz-schemas";

const html = (markdown: string) => lessonHtml(markdown);

function formQuestions(a: AttemptView) {
  return a.questions.map((q) => ({ ...q, promptHtml: html(q.prompt) }));
}

function reviewOf(a: AttemptView) {
  if (!a.result) return null;
  const given = new Map(a.answers.map((x) => [x.questionId, x]));
  const results = new Map(a.result.results.map((r) => [r.questionId, r]));
  return {
    id: a.id,
    number: a.number,
    scorePercentage: a.result.scorePercentage,
    passed: a.result.passed,
    pointsAwarded: a.result.pointsAwarded,
    pointsTotal: a.result.pointsTotal,
    expired: a.result.expired,
    questions: a.questions.map((q) => {
      const r = results.get(q.id);
      return {
        id: q.id,
        type: q.type,
        promptHtml: html(q.prompt),
        options: q.options,
        points: q.points,
        given: given.get(q.id) as Omit<TAnswer, "questionId"> | undefined,
        correct: r?.correct ?? false,
        pointsAwarded: r?.pointsAwarded ?? 0,
        explanationHtml: r?.explanation ? html(r.explanation) : null,
        ...(r?.correctOptionIds ? { correctOptionIds: r.correctOptionIds } : {}),
        ...(r?.acceptedAnswer !== undefined ? { acceptedAnswer: r.acceptedAnswer } : {}),
      };
    }),
  };
}

export interface QuizPlayerView {
  summary: QuizSummary;
  /** Course staff without an enrollment: the questions as students see them, nothing to take. */
  preview:
    | {
        id: string;
        promptHtml: string;
        type: string;
        points: number;
        options: { id: string; text: string }[];
      }[]
    | null;
  attempts: Awaited<ReturnType<typeof listMyAttempts>>;
  open: {
    id: string;
    questions: ReturnType<typeof formQuestions>;
    answers: TAnswer[];
    deadline: Date | null;
  } | null;
  review: ReturnType<typeof reviewOf>;
}

/**
 * What the player shows for a QUIZ lesson: the quiz's rules and the student's record, the attempt in progress
 * (prompts rendered by the lesson sanitizer), the result of the attempt asked for or else the latest one, and
 * the history. Null when the lesson has no quiz (it reads as an ordinary lesson).
 */
export async function getQuizPlayerView(
  db: Db,
  actor: Actor,
  lessonId: string,
  opts: { preview: boolean; reviewAttemptId?: string },
): Promise<QuizPlayerView | null> {
  let summary: QuizSummary;
  try {
    summary = await getQuizForStudent(db, actor, lessonId);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
  if (opts.preview) {
    return {
      summary,
      preview: summary.questions.map((q) => ({ ...q, promptHtml: html(q.prompt) })),
      attempts: [],
      open: null,
      review: null,
    };
  }
  const attempts = await listMyAttempts(db, actor, lessonId);
  const openRow = attempts.find((a) => a.submittedAt === null);
  const open = openRow ? await getAttempt(db, actor, openRow.id) : null;
  const wanted = opts.reviewAttemptId ? attempts.find((a) => a.id === opts.reviewAttemptId) : undefined;
  const latest = attempts.find((a) => a.submittedAt !== null);
  const reviewRow = wanted?.submittedAt ? wanted : latest;
  const review = reviewRow ? reviewOf(await getAttempt(db, actor, reviewRow.id)) : null;
  return {
    summary,
    preview: null,
    attempts,
    open:
      open && open.submittedAt === null
        ? { id: open.id, questions: formQuestions(open), answers: open.answers, deadline: open.deadline }
        : null,
    review,
  };
}
