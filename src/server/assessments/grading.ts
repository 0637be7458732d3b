import { AppError, type FieldIssue } from "../errors";
import { matchesPattern } from "./pattern";
import type { AttemptSettings, QuestionResult, ServedQuestion, TAnswer } from "./quiz-schemas";

/**
 * Grading is pure and exact. Partial credit gives `points × (right − wrong) / correctCount` with at most 10
 * options, so every award is a whole number of 1/2520ths of a point (2520 = lcm(1..10)): sums, the
 * percentage `floor(100 × awarded / total)` and the pass rule `awarded × 100 ≥ passMark × total` are
 * computed on integers, never on rounded floats (three thirds of a point are one point).
 */
export const UNITS_PER_POINT = 2520;

/** Trimmed, inner whitespace collapsed, case-folded (compatibility-normalised first: "ﬁ" equals "fi"). */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

/** A number within the tolerance, allowing for binary floating point (0.1 + 0.2 is within 0 of 0.3). */
export function withinTolerance(given: number, expected: number, tolerance: number): boolean {
  const slack = 4 * Number.EPSILON * Math.max(1, Math.abs(given), Math.abs(expected));
  return Math.abs(given - expected) <= tolerance + slack;
}

/** Units awarded for one answer (a missing answer is simply wrong). */
export function awardUnits(q: ServedQuestion, answer: TAnswer | undefined, partialCredit: boolean): number {
  const full = q.points * UNITS_PER_POINT;
  if (!answer) return 0;
  switch (q.type) {
    case "single":
    case "true_false": {
      const chosen = answer.optionIds ?? [];
      const correct = q.options.find((o) => o.correct);
      return chosen.length === 1 && correct && chosen[0] === correct.id ? full : 0;
    }
    case "multiple": {
      const chosen = new Set(answer.optionIds ?? []);
      const correctIds = q.options.filter((o) => o.correct).map((o) => o.id);
      const right = correctIds.filter((id) => chosen.has(id)).length;
      const wrong = chosen.size - right;
      if (right === correctIds.length && wrong === 0) return full;
      if (!partialCredit || correctIds.length === 0) return 0;
      return (full * Math.max(0, right - wrong)) / correctIds.length;
    }
    case "short_text": {
      if (answer.text === undefined) return 0;
      const given = normaliseText(answer.text);
      if (given === "") return 0;
      if (q.acceptedAnswers.some((a) => normaliseText(a) === given)) return full;
      return q.pattern && matchesPattern(q.pattern, answer.text.trim()) ? full : 0;
    }
    case "numeric":
      return answer.value !== undefined &&
        q.value !== null &&
        withinTolerance(answer.value, q.value, q.tolerance ?? 0)
        ? full
        : 0;
  }
}

export interface GradedAttempt {
  pointsTotal: number;
  /** Points, exact to 1/2520 (stored rounded to hundredths). */
  pointsAwarded: number;
  scorePercentage: number;
  passed: boolean;
  /** Per question: correctness and points; what to reveal is decided by `revealResults`. */
  results: (QuestionResult & { correctOptionIds: string[]; acceptedAnswer?: string })[];
}

export function gradeAttempt(
  questions: readonly ServedQuestion[],
  answers: readonly TAnswer[],
  settings: Pick<AttemptSettings, "passPercentage" | "partialCredit">,
): GradedAttempt {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  let awarded = 0;
  let totalPoints = 0;
  const results = questions.map((q) => {
    const units = awardUnits(q, byQuestion.get(q.id), settings.partialCredit);
    awarded += units;
    totalPoints += q.points;
    const accepted =
      q.type === "short_text" ? q.acceptedAnswers[0] : q.type === "numeric" ? String(q.value) : undefined;
    return {
      questionId: q.id,
      correct: units === q.points * UNITS_PER_POINT,
      pointsAwarded: Math.round((units / UNITS_PER_POINT) * 100) / 100,
      explanation: q.explanation,
      correctOptionIds: q.options.filter((o) => o.correct).map((o) => o.id),
      ...(accepted !== undefined ? { acceptedAnswer: accepted } : {}),
    };
  });
  const totalUnits = totalPoints * UNITS_PER_POINT;
  return {
    pointsTotal: totalPoints,
    pointsAwarded: Math.round((awarded / UNITS_PER_POINT) * 100) / 100,
    scorePercentage: totalUnits === 0 ? 0 : Math.floor((100 * awarded) / totalUnits),
    passed: totalUnits > 0 && awarded * 100 >= settings.passPercentage * totalUnits,
    results,
  };
}

/**
 * The results a student may see: correctness, points and explanations always; the correct options and
 * accepted answers only when the quiz reveals them now (after each attempt, or once the student has passed).
 */
export function revealResults(
  results: GradedAttempt["results"],
  reveal: boolean,
  questions: readonly ServedQuestion[],
): QuestionResult[] {
  const types = new Map(questions.map((q) => [q.id, q.type]));
  return results.map(({ correctOptionIds, acceptedAnswer, ...rest }) => {
    if (!reveal) return rest;
    const type = types.get(rest.questionId);
    const choice = type === "single" || type === "true_false" || type === "multiple";
    return {
      ...rest,
      ...(choice ? { correctOptionIds } : {}),
      ...(acceptedAnswer !== undefined ? { acceptedAnswer } : {}),
    };
  });
}

/**
 * Checks answers against the questions an attempt was served; anything that does not fit is malformed (422,
 * nothing stored): a question not in the attempt, an answer twice, an unknown option, the wrong kind of answer
 * for the question's type. A missing answer is not malformed (it is simply wrong).
 */
export function checkAnswers(questions: readonly ServedQuestion[], answers: readonly TAnswer[]): void {
  const served = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const fields: FieldIssue[] = [];
  answers.forEach((a, i) => {
    const at = (f: string) => `answers.${i}.${f}`;
    const q = served.get(a.questionId);
    if (!q)
      return void fields.push({
        path: at("questionId"),
        message: "This question is not part of the attempt",
      });
    if (seen.has(a.questionId))
      return void fields.push({ path: at("questionId"), message: "This question is answered twice" });
    seen.add(a.questionId);
    const choice = q.type === "single" || q.type === "true_false" || q.type === "multiple";
    if (choice) {
      if (a.text !== undefined || a.value !== undefined)
        fields.push({ path: at("optionIds"), message: "Answer a choice question with optionIds" });
      const ids = a.optionIds ?? [];
      const known = new Set(q.options.map((o) => o.id));
      if (ids.some((id) => !known.has(id))) fields.push({ path: at("optionIds"), message: "Unknown option" });
      if (new Set(ids).size !== ids.length)
        fields.push({ path: at("optionIds"), message: "An option is chosen twice" });
      if (q.type !== "multiple" && ids.length > 1)
        fields.push({ path: at("optionIds"), message: "Choose one option" });
    } else if (q.type === "short_text") {
      if (a.optionIds !== undefined || a.value !== undefined)
        fields.push({ path: at("text"), message: "Answer a short-text question with text" });
    } else if (a.optionIds !== undefined || a.text !== undefined) {
      fields.push({ path: at("value"), message: "Answer a numeric question with a number value" });
    }
  });
  if (fields.length > 0) {
    const answersWrong = new Set(fields.map((f) => f.path.split(".")[1])).size;
    throw new AppError("INVALID_INPUT", {
      userMessage:
        fields.length === 1
          ? `Invalid ${fields[0]!.path}: ${fields[0]!.message}`
          : answersWrong === 1
            ? `Invalid ${fields[0]!.path.split(".").slice(0, 2).join(".")}: ${fields.map((f) => f.message.toLowerCase()).join("; ")}.`
            : `${answersWrong} answers are invalid.`,
      fields,
    });
  }
}
