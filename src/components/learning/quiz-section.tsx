import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { CheckIcon } from "@/components/ui/lesson-type-icon";
import { formatDateTime } from "@/lib/dates";
import { QuizAttemptForm, type QuizFormAnswer, type QuizFormQuestion } from "./quiz-attempt-form";
import { QuizStartButton } from "./quiz-start-button";

export interface QuizSummaryView {
  passPercentage: number;
  attemptsAllowed: number | null;
  effectiveTimeLimitMinutes: number | null;
  attemptsUsed: number;
  bestScorePercentage: number | null;
  passed: boolean;
  questionCount: number;
}

export interface QuizAttemptRow {
  id: string;
  number: number;
  startedAt: Date;
  submittedAt: Date | null;
  scorePercentage: number | null;
  passed: boolean | null;
  expired: boolean;
}

export interface QuizReview {
  id: string;
  number: number;
  scorePercentage: number;
  passed: boolean;
  pointsAwarded: number;
  pointsTotal: number;
  expired: boolean;
  questions: {
    id: string;
    promptHtml: string;
    type: QuizFormQuestion["type"];
    options: { id: string; text: string }[];
    given: { optionIds?: string[]; text?: string; value?: number } | undefined;
    correct: boolean;
    pointsAwarded: number;
    points: number;
    explanationHtml: string | null;
    correctOptionIds?: string[];
    acceptedAnswer?: string;
  }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A QUIZ lesson's assessment in the player: the rules, the attempt in progress or the last result, history. */
export function QuizSection({
  lessonId,
  path,
  summary,
  attempts,
  open,
  review,
  nextHref,
  serverNow,
  courseCompleted = false,
}: {
  lessonId: string;
  path: string;
  summary: QuizSummaryView;
  attempts: QuizAttemptRow[];
  open: {
    id: string;
    questions: QuizFormQuestion[];
    answers: QuizFormAnswer[];
    deadline: string | null;
  } | null;
  review: QuizReview | null;
  nextHref: string | null;
  serverNow: string;
  /** The enrollment is COMPLETED (passing may have been the last step). */
  courseCompleted?: boolean;
}) {
  const left =
    summary.attemptsAllowed === null ? null : Math.max(0, summary.attemptsAllowed - summary.attemptsUsed);
  const canStart = !open && (left === null || left > 0);
  return (
    <section id="quiz" aria-labelledby="quiz-heading" className="mt-8 scroll-mt-4">
      <div className="rounded-2xl border border-slate-200 bg-slate-50 p-5">
        <h2 id="quiz-heading" className="text-xl font-semibold">
          Quiz
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Pass mark</dt>
            <dd className="font-medium">{summary.passPercentage}%</dd>
          </div>
          <div>
            <dt className="text-slate-500">Questions</dt>
            <dd className="font-medium">{summary.questionCount}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Time limit</dt>
            <dd className="font-medium">
              {summary.effectiveTimeLimitMinutes === null
                ? "None"
                : plural(summary.effectiveTimeLimitMinutes, "minute")}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Attempts</dt>
            <dd className="font-medium">
              {summary.attemptsAllowed === null
                ? `${summary.attemptsUsed} used · unlimited`
                : `${summary.attemptsUsed} of ${summary.attemptsAllowed} used`}
            </dd>
          </div>
        </dl>
        {summary.passed ? (
          <p role="status" className="mt-4 flex items-center gap-2 font-medium text-emerald-800">
            <span
              className="grid h-5 w-5 place-items-center rounded-full bg-emerald-600 text-white"
              aria-hidden="true"
            >
              <CheckIcon className="h-3 w-3" />
            </span>
            Passed
            {summary.bestScorePercentage !== null ? ` — best score ${summary.bestScorePercentage}%` : ""}.
            This lesson is complete.
          </p>
        ) : summary.bestScorePercentage !== null ? (
          <p className="mt-4 text-sm text-slate-700">
            Best score so far: {summary.bestScorePercentage}% (you need {summary.passPercentage}%).
          </p>
        ) : null}
        {canStart ? (
          <div className="mt-4">
            <QuizStartButton
              lessonId={lessonId}
              path={path}
              label={summary.attemptsUsed === 0 ? "Start the quiz" : "Start another attempt"}
            />
            {summary.effectiveTimeLimitMinutes !== null ? (
              <p className="mt-2 text-sm text-slate-600">
                The timer starts when you start; unanswered questions count as wrong when time is up.
              </p>
            ) : null}
          </div>
        ) : !open && !summary.passed ? (
          <p role="status" className="mt-4 text-sm text-slate-700">
            You have used every attempt this quiz allows. Ask your instructor if you need another.
          </p>
        ) : null}
      </div>

      {open ? (
        <QuizAttemptForm
          attemptId={open.id}
          reviewPath={path}
          questions={open.questions}
          initialAnswers={open.answers}
          deadline={open.deadline}
          serverNow={serverNow}
        />
      ) : null}

      {!open && review ? (
        <QuizResult
          review={review}
          passMark={summary.passPercentage}
          nextHref={nextHref}
          courseCompleted={courseCompleted}
        />
      ) : null}

      {attempts.length > 0 ? (
        <div className="mt-8">
          <h3 className="text-lg font-semibold">Your attempts</h3>
          <DataTable
            className="mt-3"
            caption="Your attempts at this quiz"
            rows={attempts}
            rowKey={(a) => a.id}
            columns={[
              { header: "Attempt", cell: (a) => `#${a.number}` },
              {
                header: "Date",
                className: "whitespace-nowrap",
                cell: (a) => formatDateTime(a.submittedAt ?? a.startedAt),
              },
              {
                header: "Score",
                cell: (a) => (a.scorePercentage === null ? "In progress" : `${a.scorePercentage}%`),
              },
              {
                header: "Result",
                cell: (a) =>
                  a.passed === null ? (
                    "—"
                  ) : (
                    <span className={a.passed ? "font-medium text-emerald-800" : "text-red-800"}>
                      {a.passed ? "Passed" : "Not passed"}
                      {a.expired ? " (time ran out)" : ""}
                    </span>
                  ),
              },
              {
                header: <span className="sr-only">Review</span>,
                cell: (a) =>
                  a.submittedAt ? (
                    <Link
                      href={`${path}?attempt=${a.id}#quiz-result`}
                      className={buttonClass({ variant: "link" })}
                    >
                      Review<span className="sr-only"> attempt {a.number}</span>
                    </Link>
                  ) : null,
              },
            ]}
          />
        </div>
      ) : null}
    </section>
  );
}

function answerText(q: QuizReview["questions"][number]): string {
  const g = q.given;
  if (!g) return "No answer";
  if (g.optionIds) {
    const texts = q.options.filter((o) => g.optionIds!.includes(o.id)).map((o) => o.text);
    return texts.length ? texts.join(", ") : "No answer";
  }
  if (g.text !== undefined) return g.text;
  if (g.value !== undefined) return String(g.value);
  return "No answer";
}

function QuizResult({
  review,
  passMark,
  nextHref,
  courseCompleted,
}: {
  review: QuizReview;
  passMark: number;
  nextHref: string | null;
  courseCompleted: boolean;
}) {
  const wrong = review.questions.filter((q) => !q.correct).length;
  return (
    <div id="quiz-result" className="mt-8 scroll-mt-4">
      <div
        role="status"
        className={`rounded-2xl p-5 ${review.passed ? "bg-emerald-50 text-emerald-950" : "bg-amber-50 text-amber-950"}`}
      >
        <h3 className="text-lg font-semibold">
          Attempt {review.number}: {review.scorePercentage}% — {review.passed ? "passed" : "not passed"}
        </h3>
        <p className="mt-1 text-sm">
          {review.pointsAwarded} of {review.pointsTotal} points; the pass mark is {passMark}%.
          {review.expired ? " Time ran out: the answers saved by then were graded." : ""}
          {!review.passed && wrong > 0
            ? ` Review the ${plural(wrong, "question")} marked below, then try again.`
            : ""}
        </p>
        {review.passed && courseCompleted ? (
          <p className="mt-2 font-medium">
            Course complete!{" "}
            <a href="#completion-heading" className="underline">
              See your certificate
            </a>
            .
          </p>
        ) : null}
        {review.passed && nextHref ? (
          <Link href={nextHref} className={buttonClass({ className: "mt-3 inline-block" })}>
            Continue to the next lesson
          </Link>
        ) : null}
      </div>
      <ol className="mt-4 space-y-4">
        {review.questions.map((q, i) => (
          <li
            key={q.id}
            className={`rounded-xl border p-4 ${q.correct ? "border-emerald-200 bg-white" : "border-red-200 bg-white"}`}
          >
            <div className="flex items-start justify-between gap-3">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Question {i + 1}</p>
              <p className={`text-sm font-medium ${q.correct ? "text-emerald-800" : "text-red-800"}`}>
                {q.correct ? "Correct" : q.pointsAwarded > 0 ? "Partly correct" : "Incorrect"} ·{" "}
                {q.pointsAwarded}/{q.points}
              </p>
            </div>
            <div className="lesson-content mt-1" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
            <p className="mt-2 text-sm">
              <span className="text-slate-500">Your answer:</span> {answerText(q)}
            </p>
            {q.correctOptionIds ? (
              <p className="mt-1 text-sm">
                <span className="text-slate-500">Correct answer:</span>{" "}
                {q.options
                  .filter((o) => q.correctOptionIds!.includes(o.id))
                  .map((o) => o.text)
                  .join(", ")}
              </p>
            ) : q.acceptedAnswer !== undefined ? (
              <p className="mt-1 text-sm">
                <span className="text-slate-500">Correct answer:</span> {q.acceptedAnswer}
              </p>
            ) : null}
            {q.explanationHtml ? (
              <div
                className="lesson-content mt-2 rounded-lg bg-slate-50 p-3 text-sm"
                dangerouslySetInnerHTML={{ __html: q.explanationHtml }}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
