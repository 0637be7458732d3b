import { gradeAttempt } from "../../assessments/grading";
import type { AttemptSettings, ServedQuestion, TAnswer } from "../../assessments/quiz-schemas";
import type { quizAttempts } from "../schema";
import { demoId } from "./ids";
import { demoEnrollments } from "./people";
import type { SeededQuiz } from "./quizzes";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How a planned attempt answers one question; a question not listed is answered right. */
type Response = "wrong" | "partial" | "skip" | { text: string } | { value: number };

export interface PlannedAttempt {
  /** Time from start to submission. */
  minutes: number;
  /** By question order (1-based). */
  responses?: Record<number, Response>;
}

/**
 * Demo attempt histories, keyed "person/course". The rule they keep (checked when seeding): an enrollment whose
 * quiz lesson is complete ends with a passed attempt, submitted just before the lesson's completion, after
 * failed ones if any (one right-first-time attempt when it is not listed here); an enrollment whose quiz
 * lesson is not complete has only failed attempts, and nobody has an attempt left open.
 */
export const demoQuizHistory: Record<string, PlannedAttempt[]> = {
  "maya/ai-foundations": [{ minutes: 9, responses: { 6: "wrong" } }],
  "priya/ai-foundations": [
    { minutes: 7, responses: { 1: { text: "feature" }, 4: "wrong", 5: "wrong", 11: "wrong" } },
    { minutes: 10 },
  ],
  "jonas/ai-foundations": [
    { minutes: 11, responses: { 1: { text: "Target variable" }, 10: "wrong", 12: "wrong" } },
  ],
  "maya/prompt-engineering": [{ minutes: 8, responses: { 8: "wrong" } }],
  "kenji/prompt-engineering": [
    { minutes: 6, responses: { 3: "wrong", 6: "wrong", 7: "partial", 8: "wrong" } },
    { minutes: 9, responses: { 7: "partial" } },
  ],
  // Still learning: the quiz lesson is the one in progress, with one failed attempt and two left.
  "mateo/prompt-engineering": [
    { minutes: 10, responses: { 4: "wrong", 7: "wrong", 9: "wrong", 10: "skip" } },
  ],
  "jonas/machine-learning-with-python": [
    { minutes: 18, responses: { 2: "wrong", 4: { text: "KFold" }, 8: "wrong", 11: { value: 25 } } },
    { minutes: 14, responses: { 4: { text: "GroupKFold()" }, 8: "wrong" } },
  ],
  "olivia/building-llm-applications": [{ minutes: 13, responses: { 4: "partial", 9: "wrong" } }],
};

/** Where a demo enrollment stands with its course's quiz lesson, as stored. */
export interface QuizLessonState {
  enrolledAt: Date;
  lastAccessedAt: Date | null;
  completed: boolean | null;
  completedAt: Date | null;
  progressAt: Date | null;
}

function answerFor(q: ServedQuestion, response: Response | undefined): TAnswer | undefined {
  const correctIds = q.options.filter((o) => o.correct).map((o) => o.id);
  const misfit = () => new Error(`A planned demo answer does not fit question ${q.id} (${q.type})`);
  if (response === "skip") return undefined;
  if (response === undefined || response === "wrong") {
    const right = response === undefined;
    switch (q.type) {
      case "single":
      case "true_false":
      case "multiple":
        return { questionId: q.id, optionIds: right ? correctIds : [q.options.find((o) => !o.correct)!.id] };
      case "short_text":
        return { questionId: q.id, text: right ? q.acceptedAnswers[0]! : "not sure" };
      case "numeric":
        return { questionId: q.id, value: right ? q.value! : q.value! * 2 + 1 + (q.tolerance ?? 0) };
    }
  }
  if (response === "partial") {
    if (q.type !== "multiple" || correctIds.length < 2) throw misfit();
    return { questionId: q.id, optionIds: correctIds.slice(0, -1) };
  }
  if ("text" in response && q.type === "short_text") return { questionId: q.id, text: response.text };
  if ("value" in response && q.type === "numeric") return { questionId: q.id, value: response.value };
  throw misfit();
}

/**
 * The demo attempts, graded as a submission would be and placed in time by each enrollment's stored state;
 * throws when the plan breaks the rule above (a programming error in the demo data, caught by the seed's tests).
 */
export function planDemoAttempts(
  quizzes: readonly SeededQuiz[],
  stateOf: ReadonlyMap<string, QuizLessonState>,
): (typeof quizAttempts.$inferInsert)[] {
  for (const key of Object.keys(demoQuizHistory)) {
    if (!stateOf.has(key)) throw new Error(`Demo quiz history for ${key}, who is not enrolled`);
  }
  const rows: (typeof quizAttempts.$inferInsert)[] = [];
  for (const e of demoEnrollments) {
    const key = `${e.person}/${e.course}`;
    const quiz = quizzes.find((q) => q.slug === e.course)!;
    const state = stateOf.get(key);
    if (!state) throw new Error(`The demo enrollment ${key} is missing`);
    const passedLesson = state.completed === true && state.completedAt !== null;
    const plan = demoQuizHistory[key] ?? (passedLesson ? [{ minutes: 10 }] : []);
    if (plan.length === 0) continue;
    const { passPercentage, partialCredit, revealAnswers, maxAttempts, timeLimitMinutes } = quiz.settings;
    if (maxAttempts !== null && plan.length > maxAttempts)
      throw new Error(`${key}: more attempts than allowed`);
    const settings: AttemptSettings = { passPercentage, partialCredit, revealAnswers };
    // The last attempt ends just before the lesson's completion (passing completes it) or its last activity;
    // each one before it, the day before.
    let end = passedLesson
      ? state.completedAt!.getTime() - 1000
      : (state.progressAt ?? state.lastAccessedAt ?? state.enrolledAt).getTime() - 2 * MINUTE;
    const timeline: { number: number; startedAt: Date; submittedAt: Date }[] = [];
    for (let k = plan.length - 1; k >= 0; k--) {
      const startedAt = new Date(end - plan[k]!.minutes * MINUTE);
      timeline.unshift({ number: k + 1, startedAt, submittedAt: new Date(end) });
      end = startedAt.getTime() - 22 * HOUR;
    }
    for (const { number, startedAt, submittedAt } of timeline) {
      const p = plan[number - 1]!;
      if (timeLimitMinutes !== null && p.minutes >= timeLimitMinutes)
        throw new Error(`${key}: attempt ${number} overruns`);
      if (startedAt <= state.enrolledAt)
        throw new Error(`${key}: attempt ${number} starts before the enrollment`);
      const answers = quiz.questions.flatMap((q, qi) => answerFor(q, p.responses?.[qi + 1]) ?? []);
      const graded = gradeAttempt(quiz.questions, answers, settings);
      if (graded.passed !== (passedLesson && number === plan.length)) {
        throw new Error(
          `${key}: attempt ${number} ${graded.passed ? "passes" : "fails"} (${graded.scorePercentage} %)`,
        );
      }
      rows.push({
        id: demoId("quiz-attempt", e.person, quiz.lessonId, String(number)),
        lessonId: quiz.lessonId,
        courseId: demoId("course", e.course),
        userId: demoId("user", e.person),
        number,
        questions: quiz.questions,
        settings,
        answers,
        startedAt,
        deadline:
          timeLimitMinutes === null ? null : new Date(startedAt.getTime() + timeLimitMinutes * MINUTE),
        submittedAt,
        expired: false,
        pointsTotal: graded.pointsTotal,
        pointsAwarded: graded.pointsAwarded.toFixed(2),
        scorePercentage: graded.scorePercentage,
        passed: graded.passed,
        results: graded.results,
        createdAt: startedAt,
        updatedAt: submittedAt,
      });
    }
  }
  return rows;
}
