/** The quiz editor's working copy: form strings, converted to the API's shape on save. */

import type { ServedQuestion, TQuestionType } from "@/server/assessments/quiz-schemas";

export type QuestionType = TQuestionType;

export type AuthorQuestionData = ServedQuestion;

export interface AuthorQuizData {
  version: number;
  settings: {
    passPercentage: number;
    maxAttempts: number | null;
    timeLimitMinutes: number | null;
    poolSize: number | null;
    shuffleOptions: boolean;
    partialCredit: boolean;
    revealAnswers: "after_passing" | "after_each_attempt";
  };
  questions: AuthorQuestionData[];
  attemptCount: number;
}

export interface DraftOption {
  key: string;
  id?: string;
  text: string;
  correct: boolean;
}

export interface DraftQuestion {
  key: string;
  id?: string;
  type: QuestionType;
  prompt: string;
  points: string;
  explanation: string;
  options: DraftOption[];
  /** One accepted answer per line. */
  acceptedAnswers: string;
  pattern: string;
  value: string;
  tolerance: string;
}

export interface DraftSettings {
  passPercentage: string;
  maxAttempts: string;
  timeLimitMinutes: string;
  poolSize: string;
  shuffleOptions: boolean;
  partialCredit: boolean;
  revealAnswers: "after_passing" | "after_each_attempt";
}

export const TYPE_LABEL: Record<QuestionType, string> = {
  single: "Single choice",
  true_false: "True or false",
  multiple: "Multiple choice (several correct)",
  short_text: "Short text answer",
  numeric: "Number",
};

let counter = 0;
export const newKey = () => `k${Date.now().toString(36)}${(counter++).toString(36)}`;

export function blankQuestion(type: QuestionType = "single"): DraftQuestion {
  return {
    key: newKey(),
    type,
    prompt: "",
    points: "1",
    explanation: "",
    options: optionsFor(type, []),
    acceptedAnswers: "",
    pattern: "",
    value: "",
    tolerance: "0",
  };
}

/** The options a type starts with when the author switches to it (keeping what fits). */
export function optionsFor(type: QuestionType, current: DraftOption[]): DraftOption[] {
  if (type === "true_false") {
    const wasTrue = current[0]?.text === "True" ? current[0].correct : true;
    return [
      { key: newKey(), text: "True", correct: wasTrue },
      { key: newKey(), text: "False", correct: !wasTrue },
    ];
  }
  if (type === "single" || type === "multiple") {
    if (current.length >= 2 && !(current[0]?.text === "True" && current[1]?.text === "False")) return current;
    return [
      { key: newKey(), text: "", correct: true },
      { key: newKey(), text: "", correct: false },
    ];
  }
  return [];
}

const str = (n: number | null) => (n === null ? "" : String(n));

export function toDraft(quiz: AuthorQuizData): { settings: DraftSettings; questions: DraftQuestion[] } {
  return {
    settings: {
      passPercentage: String(quiz.settings.passPercentage),
      maxAttempts: str(quiz.settings.maxAttempts),
      timeLimitMinutes: str(quiz.settings.timeLimitMinutes),
      poolSize: str(quiz.settings.poolSize),
      shuffleOptions: quiz.settings.shuffleOptions,
      partialCredit: quiz.settings.partialCredit,
      revealAnswers: quiz.settings.revealAnswers,
    },
    questions: quiz.questions.map((q) => ({
      key: q.id,
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      points: String(q.points),
      explanation: q.explanation ?? "",
      options: q.options.map((o) => ({ key: o.id, id: o.id, text: o.text, correct: o.correct })),
      acceptedAnswers: q.acceptedAnswers.join("\n"),
      pattern: q.pattern ?? "",
      value: str(q.value),
      tolerance: str(q.tolerance ?? 0),
    })),
  };
}

/** A number field: blank is null; anything else is sent as typed (as a number when it is one) for the server to judge. */
const num = (s: string): number | null => {
  const t = s.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : (t as unknown as number);
};

export function toSave(version: number, settings: DraftSettings, questions: DraftQuestion[]) {
  return {
    version,
    settings: {
      passPercentage: num(settings.passPercentage) ?? 70,
      maxAttempts: num(settings.maxAttempts),
      timeLimitMinutes: num(settings.timeLimitMinutes),
      poolSize: num(settings.poolSize),
      shuffleOptions: settings.shuffleOptions,
      partialCredit: settings.partialCredit,
      revealAnswers: settings.revealAnswers,
    },
    questions: questions.map((q) => {
      const choice = q.type === "single" || q.type === "true_false" || q.type === "multiple";
      return {
        ...(q.id ? { id: q.id } : {}),
        type: q.type,
        prompt: q.prompt,
        points: num(q.points) ?? 1,
        explanation: q.explanation.trim() || null,
        options: choice
          ? q.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), text: o.text, correct: o.correct }))
          : [],
        acceptedAnswers:
          q.type === "short_text"
            ? q.acceptedAnswers
                .split("\n")
                .map((a) => a.trim())
                .filter(Boolean)
            : [],
        pattern: q.type === "short_text" ? q.pattern.trim() || null : null,
        value: q.type === "numeric" ? num(q.value) : null,
        tolerance: q.type === "numeric" ? (num(q.tolerance) ?? 0) : null,
      };
    }),
  };
}
